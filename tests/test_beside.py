"""The rules run beside compute in a copy of the process (lakip_xl.parallel.beside) and give the findings
the run would give with them run in turn; a copy that fails or dies leaves the result to this process."""

from __future__ import annotations

import os
import sys

import pytest

from conftest import RENSTRA, SAMPLE

from lakip_xl import parallel
from lakip_xl.consolidate import consolidate

forks = pytest.mark.skipif(not sys.platform.startswith("linux") or parallel.usable_cores() < 2,
                           reason="a copy of the process needs fork and two cores")


@pytest.fixture
def started(monkeypatch) -> list[bool]:
    """Whether each call beside started a copy of the process, in order."""
    seen: list[bool] = []
    real = parallel.Beside.__init__

    def spy(self, func, args, start=True):
        real(self, func, args, start)
        seen.append(self._proc is not None)

    monkeypatch.setattr(parallel.Beside, "__init__", spy)
    return seen


def _rows(run):
    return [f.as_row() for f in run.findings]


@forks
def test_the_rules_beside_compute_find_what_they_find_in_turn(tmp_path, monkeypatch, sample_run, started):
    import lakip_xl.rules as rules

    monkeypatch.setattr(rules, "BESIDE_FROM_ROWS", 1)
    run = consolidate(SAMPLE, RENSTRA, output=tmp_path / "LAKIP.xlsx")
    assert started == [True]  # the rules did run in a copy
    inline = _rows(sample_run)  # the sample's Renstra is far below BESIDE_FROM_ROWS: the rules ran in turn
    ruled = {"realisasi-kosong", "pagu-berbeda-renstra", "penjelasan-bertentangan", "capaian-tanpa-anggaran"}
    assert len(inline) > 40 and {r[1] for r in inline} >= ruled  # findings of the rules, not of reconcile
    assert _rows(run) == inline  # the same findings, in the same order, with the same messages
    assert run.result.nilai == sample_run.result.nilai


def test_a_process_holding_much_memory_runs_the_rules_in_turn(tmp_path, monkeypatch, sample_run, started):
    import lakip_xl.rules as rules

    monkeypatch.setattr(rules, "BESIDE_FROM_ROWS", 1)
    monkeypatch.setattr(rules, "BESIDE_MAX_RESIDENT", 1)  # any process holds more than a byte
    run = consolidate(SAMPLE, RENSTRA, output=tmp_path / "LAKIP.xlsx")
    assert started == [False]
    assert _rows(run) == _rows(sample_run)


def test_the_resident_memory_is_read():
    held = parallel.resident_bytes()
    assert held is None or 10 * 2**20 < held < 8 * 2**30  # an interpreter with the tool loaded


def _double(x):
    return [x, x]


def _dies(x):
    os._exit(3)


def _fails_in_copy(parent, x):
    if os.getpid() != parent:
        raise RuntimeError("only in the copy")
    return x + 1


@forks
def test_a_call_beside_returns_its_result():
    job = parallel.beside(_double, {"a": 1})
    assert job._proc is not None
    assert job.result() == [{"a": 1}, {"a": 1}]


@forks
def test_a_copy_that_dies_or_fails_leaves_the_call_to_this_process():
    assert parallel.beside(_fails_in_copy, os.getpid(), 41).result() == 42
    job = parallel.beside(_dies, 5)
    with pytest.raises(SystemExit):  # called here, the same call ends this process too (os._exit is faked)
        import unittest.mock

        with unittest.mock.patch("os._exit", side_effect=SystemExit):
            job.result()


def test_a_small_job_is_not_started():
    job = parallel.beside(_double, 7, start=False)
    assert job._proc is None and job.result() == [7, 7]


def _sleeps(parent, seconds):
    import time

    time.sleep(seconds if os.getpid() != parent else 0)
    return os.getpid() != parent


@pytest.mark.parametrize("start", [pytest.param(True, marks=forks), False])
def test_the_time_the_call_took_is_known_wherever_it_ran(start):
    """``seconds``: the call's own time in the copy (0.3 s asleep there, nothing here), or here."""
    import time

    job = parallel.beside(_sleeps, os.getpid(), 0.3, start=start)
    assert job.seconds is None
    time.sleep(0.4)  # the copy's sleep is over before the result is asked for: waiting takes nothing
    assert job.result() is start
    assert (0.3 <= job.seconds < 1.0) if start else (job.seconds < 0.05)


@forks
def test_the_run_times_validate_with_the_rules_time_in_the_copy(tmp_path, monkeypatch, started):
    import lakip_xl.rules as rules

    monkeypatch.setattr(rules, "BESIDE_FROM_ROWS", 1)
    real = rules.check

    def slow(*args, **kwargs):
        import time

        time.sleep(0.5)
        return real(*args, **kwargs)

    monkeypatch.setattr(rules, "check", slow)
    run = consolidate(SAMPLE, RENSTRA, output=tmp_path / "LAKIP.xlsx")
    assert started == [True]
    t = run.timings
    assert t["validate work"] >= 0.5  # the rules' half second, though it passed beside compute
    assert t["validate work"] - 0.5 <= t["validate"] + 0.05
