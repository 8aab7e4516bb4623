"""The README stays true: its rule table is the catalogue, its commands are the CI's."""

from __future__ import annotations

from conftest import ROOT
from lakip_xl.findings import README_END, README_START, RULES, rules_markdown


def test_readme_lists_every_rule_with_an_example():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split(README_START)[1].split(README_END)[0].strip()
    assert block == rules_markdown(), "run: python -m lakip_xl.findings --readme README.md"
    for code in RULES:
        assert f"`{code}`" in block


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    commands = [line for line in readme[:6] if line.startswith("python3 -m venv")]
    assert len(commands) == 2
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
