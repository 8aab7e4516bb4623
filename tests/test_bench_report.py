"""The benchmark's verdicts (benchmarks/bench.py): what the per-unit target compares.

The figures here are made up by hand, so each expected ratio is worked out in the comments.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location("lakip_bench_report", ROOT / "benchmarks" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench()


def test_stage_medians_over_the_rounds_that_timed_the_stage():
    runs = [{"timings": {"model": 0.30, "write": 5.0}},
            {"timings": {"model": 0.10}},  # a round without the write
            {"timings": {"model": 0.20, "write": 7.0}}]
    got = bench.stage_medians(runs)
    assert got["model"] == {"median": 0.20, "min": 0.10, "max": 0.30, "rounds": 3}
    assert got["write"] == {"median": 6.0, "min": 5.0, "max": 7.0, "rounds": 2}


def _size(n: int, best: dict[str, float], medians: dict[str, float]) -> dict:
    return {"n": n, "files": n + 1, "stages": {"total": sum(best.values()), "timings": best},
            "stage_medians": {k: {"median": v, "min": v, "max": v, "rounds": 5} for k, v in medians.items()}}


def _per_unit_line(results: list[dict]) -> str:
    return next(x for x in bench.criteria_lines(results, {}) if "per-unit" in x)


STEADY = {"renstra": 0.7, "read+parse": 0.15, "model": 0.03, "validate work": 0.2, "compute": 0.13, "write": 2.0}


def test_per_unit_target_compares_medians_not_the_best_round():
    # the best round of N = 1,000 had a slow model stage (0.5 s for 1,001 files against 0.03 s for 101:
    # 1.68x per file), but the medians grow by 0.303 / 0.03 * 101 / 1,001 = 1.02x at most
    big_best = {k: v * 10 for k, v in STEADY.items()} | {"model": 0.5}
    big_median = {k: v * 10.1 for k, v in STEADY.items()}
    line = _per_unit_line([_size(100, STEADY, STEADY), _size(1000, big_best, big_median)])
    assert "1.02x, ok" in line

    # and the other way: a best round that looks linear does not hide medians growing 1.20x
    # (model 0.03 * 1.2 * 1,001 / 101 = 0.3568 s)
    big_median = {k: v * 1001 / 101 for k, v in STEADY.items()} | {"model": 0.03 * 1.2 * 1001 / 101}
    line = _per_unit_line([_size(100, STEADY, STEADY), _size(1000, big_median | {"model": 0.3}, big_median)])
    assert "worst model 1.20x, NOT MET" in line


def test_validate_is_compared_by_its_work():
    # validate's wall time at N = 100 is only the wait for rules run beside compute; its work is compared
    small = STEADY | {"validate": 0.05}
    big = {k: v * 1001 / 101 for k, v in STEADY.items()} | {"validate": 2.0}  # 4x the wall per file
    line = _per_unit_line([_size(100, small, small), _size(1000, big, big)])
    assert "1.00x, ok" in line
