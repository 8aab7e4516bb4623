"""Put back, one at a time, the bugs that once passed the whole suite (issue 11), and check each is caught.

Each bug is a text edit of the package as it stands. The script copies the repository to a temporary
folder, applies one edit, runs the tests named for it (or the fast selection of pyproject.toml's
[tool.mutmut] when none are named) and prints whether a test failed. Exit 1 when a bug is not caught.

    python scripts/seeded_bugs.py            # all
    python scripts/seeded_bugs.py NAME...    # some (names from the table below)

Not in CI (a few minutes); mutmut (scripts/mutation.sh) is the broad check, these are the bugs that a
person once wrote and the suite did not see.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Bug:
    name: str
    what: str
    file: str
    edits: tuple[tuple[str, str], ...]
    #: tests to run (default: the fast selection); LibreOffice tests are never needed to catch these
    tests: tuple[str, ...] = field(default=())


BUGS = [
    Bug("predikat-ge", "predikat boundary > turned into >= in the Excel formula",
        "lakip_xl/report/formulas.py", (("expr = f'IF({value}>{_num(cat.lower)}", "expr = f'IF({value}>={_num(cat.lower)}"),)),
    Bug("mean-cukup-65", "Metode Rata-Rata mean of Cukup Berhasil 62,5 → 65",
        "lakip_xl/settings.py", (('Category("Cukup Berhasil", Decimal(55), Decimal("62.5")',
                                  'Category("Cukup Berhasil", Decimal(55), Decimal("65")'),)),
    Bug("write-in-place", "the atomic write broken: the workbook written in place, a failed build destroys the old output",
        "lakip_xl/output.py", (("        buffer = io.BytesIO()\n",
                                "        open(target, 'wb').close()  # the old output is gone before the build\n"
                                "        buffer = io.BytesIO()\n"),),
        ("tests/test_boundaries.py", "tests/test_safety.py", "tests/test_cli.py")),
    Bug("lampiran-pk-swap", "Pagu and Realisasi swapped in Lampiran PK",
        "lakip_xl/report/lampiran_pk.py",
        (('sheet.formula(r, 12, part_amount(refs, node, "pagu"), node.pagu,',
          'sheet.formula(r, 12, part_amount(refs, node, "realisasi"), node.realisasi,'),
         ('sheet.formula(r, 13, part_amount(refs, node, "realisasi"), node.realisasi,',
          'sheet.formula(r, 13, part_amount(refs, node, "pagu"), node.pagu,'))),
    Bug("pk-penunjang", "Perjanjian Kinerja lists Program Penunjang too",
        "lakip_xl/report/perjanjian_kinerja.py",
        (("    programs = result.pendukung\n", "    programs = result.pendukung + result.penunjang\n"),)),
    Bug("indikator-program-swap", "Bidang and Kode Sasaran swapped in Indikator Program",
        "lakip_xl/report/indikator_program.py",
        (("text(r, 11, node.bidang, code_fmt)", "text(r, 11, node.kode_sasaran, code_fmt)"),
         ("text(r, 12, node.kode_sasaran, code_fmt)", "text(r, 12, node.bidang, code_fmt)"))),
    Bug("capaian-iku-satuan", "Satuan shows Polaritas in Capaian IKU",
        "lakip_xl/report/capaian_iku.py",
        (('sheet.text(i, 4, iku.satuan, "text_center")', 'sheet.text(i, 4, iku.polaritas, "text_center")'),)),
    Bug("direction-negatif", "Peningkatan/Penurunan flipped for Negatif IKU (Python)",
        "lakip_xl/compute.py",
        (('better = current > previous if polaritas != "Negatif" else current < previous',
          'better = current > previous'),)),
    Bug("direction-negatif-excel", "Peningkatan/Penurunan flipped for Negatif IKU (Excel formula)",
        "lakip_xl/report/sasaran.py",
        (('better, worse = (">", "<") if item.iku.polaritas != "Negatif" else ("<", ">")',
          'better, worse = (">", "<")'),)),
    Bug("polaritas-berbeda-off", "rule polaritas-berbeda switched off",
        "lakip_xl/rules/rows.py", (("    if item.polaritas and item.polaritas != polaritas:",
                                    "    if False and item.polaritas and item.polaritas != polaritas:"),)),
    Bug("satuan-berbeda-off", "rule satuan-berbeda switched off",
        "lakip_xl/rules/rows.py", (("    if item.satuan and satuan and satuan_key(item.satuan) != satuan_key(satuan):",
                                    "    if False:"),)),
    Bug("negatif-excel-flip", "Negatif capaian formula in Excel divides realisasi by target",
        "lakip_xl/report/formulas.py",
        (('IF({realisasi}=0,"",{target}/{realisasi}*100))', 'IF({realisasi}=0,"",{realisasi}/{target}*100))'),)),
    Bug("total-drops-child", "an Excel total drops the last of its cells",
        "lakip_xl/report/formulas.py",
        (('summed = "+".join(f"SUM({g})" for g in groups)',
          'summed = "+".join(f"SUM({g.rsplit(\',\', 1)[0]})" for g in groups)'),)),
    Bug("float-rollup", "the roll-up of amounts sums floats",
        "lakip_xl/model.py",
        (("result = sum(kids, Decimal(0)) if kids else own.get(code)",
          "result = Decimal(sum(float(k) for k in kids)) if kids else own.get(code)"),)),
    Bug("text-as-formula", "a clerk's text starting with '=' written as a formula",
        "lakip_xl/xlsx/sheet.py", (('        self._put(r, c, ("s", s, fmt))\n        return s',
                                    '        self._put(r, c, ("f", s, fmt, 0) if s[:1] == "=" else ("s", s, fmt))\n'
                                    '        return s'),),
        ("tests/test_xlsx.py", "tests/test_corpus.py")),
]


def fast_selection() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    return list(config["pytest_add_cli_args_test_selection"])


def copy_repo(dest: Path) -> None:
    for name in ("lakip_xl", "tests", "input", "data", "workbook_templates", "scripts"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "corpus"))
    for name in ("pyproject.toml", "setup.cfg"):
        shutil.copy2(ROOT / name, dest / name)


def run(bug: Bug, work: Path) -> tuple[bool, str, float]:
    target = work / bug.file
    original = target.read_text(encoding="utf-8")
    text = original
    for old, new in bug.edits:
        if text.count(old) != 1:
            return False, f"edit no longer applies ({old[:50]!r} found {text.count(old)}×)", 0.0
        text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-m", "not libreoffice",
             *(bug.tests or fast_selection())],
            cwd=work, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(work)})
    finally:
        target.write_text(original, encoding="utf-8")
    failed = [line for line in done.stdout.splitlines() if line.startswith("FAILED ")]
    return done.returncode == 1, (failed[0][7:] if failed else done.stdout.strip().splitlines()[-1]), \
        time.perf_counter() - start


def main(names: list[str]) -> int:
    chosen = [b for b in BUGS if not names or b.name in names]
    missed = 0
    with tempfile.TemporaryDirectory(prefix="lakip-seeded-") as tmp:
        work = Path(tmp)
        copy_repo(work)
        for bug in chosen:
            caught, by, seconds = run(bug, work)
            missed += not caught
            print(f"{'caught' if caught else 'MISSED':6s} {bug.name:24s} {seconds:5.1f} s  {bug.what}\n"
                  f"       {by}", flush=True)
    print(f"\n{len(chosen) - missed} of {len(chosen)} caught")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
