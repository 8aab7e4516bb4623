"""The whole job, stage by stage: folder in, checked LAKIP workbook out.

:func:`consolidate` is what ``lakip consolidate`` runs and what the benchmark
times; :func:`check` is ``lakip check``. Each stage is a plain function of
the previous stage's output, timed in :attr:`Run.timings`.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import gc
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from lakip_xl.compute import LakipResult, compute
from lakip_xl.errors import InputError
from lakip_xl.findings import GALAT, PERINGATAN, Finding, Level, Report, finding
from lakip_xl.model import Renstra, Submission
from lakip_xl.parallel import map_ordered
from lakip_xl.read import ReadFailure, classify, read_workbook
from lakip_xl.renstra import check_renstra_path, read_renstra
from lakip_xl.rules import validate
from lakip_xl.settings import Settings
from lakip_xl.submission import read_submission

Progress = Callable[[int], None]


@dataclass
class Loaded:
    """One input file after read and parse."""

    path: Path
    submission: Submission | None
    findings: list[Finding]


@dataclass
class Run:
    renstra: Renstra
    tahun: int
    files: list[Path]
    loaded: list[Loaded]
    findings: list[Finding]
    result: LakipResult | None = None
    output: Path | None = None
    timings: dict[str, float] = field(default_factory=dict)
    #: ``lakip check``: the Renstra's findings, kept apart from the files' (a consolidation lists them all)
    renstra_findings: list[Finding] = field(default_factory=list)

    def count(self, level: Level) -> int:
        return sum(1 for f in self.findings if f.level == level)

    def exit_code(self, strict: bool = False) -> int:
        """0 without Galat, 1 with Galat (``strict``: Peringatan counts as Galat)."""
        if self.count(GALAT) or (strict and self.count(PERINGATAN)):
            return 1
        return 0


#: What :func:`classify` says of a file that is not read → the rule of its Info finding.
SKIPPED = {"lock": "berkas-kunci-excel", "other": "berkas-dilewati"}


def discover(folder: Path, renstra_path: Path | None = None) -> tuple[list[Path], list[Finding]]:
    """Workbooks in ``folder`` (not recursive, sorted); other files and Excel lock files as Info findings."""
    if not folder.is_dir():
        raise InputError(f"Folder masukan tidak ditemukan: {folder}")
    skip = renstra_path.resolve() if renstra_path is not None else None
    paths, findings = [], []
    for p in sorted(folder.iterdir(), key=lambda x: x.name.lower()):
        if not p.is_file() or p.name.startswith("."):
            if p.name.startswith(".~lock."):
                findings.append(finding("berkas-kunci-excel", p.name))
            continue
        if skip is not None and p.resolve() == skip:
            continue
        kind = classify(p)
        if kind in SKIPPED:
            findings.append(finding(SKIPPED[kind], p.name))
        else:
            paths.append(p)
    return paths, findings


def load(path: Path, settings: Settings) -> Loaded:
    """Read and parse one submission; never raises on a bad file."""
    raw = read_workbook(path, settings.limits)
    if isinstance(raw, ReadFailure):
        return Loaded(path, None, [finding(raw.rule, path.name, sebab=raw.reason)])
    sub, findings = read_submission(raw, settings.limits)
    return Loaded(path, sub, findings)


#: Fewer files than this are read in this process (starting workers costs more than it saves).
PARALLEL_FROM = 16


def load_all(paths: list[Path], settings: Settings, progress: Progress | None = None,
             workers: int | None = None) -> list[Loaded]:
    """Read and parse every file, on all cores when there are many; results in the order of ``paths``."""
    return map_ordered(functools.partial(load, settings=settings), paths, progress=progress, workers=workers,
                       parallel_from=PARALLEL_FROM)
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(16, len(paths) // (workers * 4)))
    out = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for item in pool.map(load, paths, [settings] * len(paths), chunksize=chunk):
            out.append(item)
            if progress:
                progress(1)
    return out


def pick_year(loaded: Iterable[Loaded]) -> int:
    years = collections.Counter(x.submission.tahun for x in loaded if x.submission and x.submission.tahun)
    if not years:
        raise InputError(
            "Tahun laporan tidak dapat ditentukan: tidak ada laporan bidang yang terbaca. "
            "Sebutkan tahunnya dengan --tahun."
        )
    best = max(years.values())
    return max(y for y, n in years.items() if n == best)


@contextlib.contextmanager
def long_lived_data() -> Iterator[Callable[[], None]]:
    """Keep the garbage collector off the data a run has finished building.

    A run holds millions of small objects (rows, cells, results) until it ends.
    CPython's full collections walk all of them again and again while the
    report is written, and never free any: at N = 1,000 units that cost about
    15 % of the run. Calling the yielded function after a stage moves what
    exists so far out of the collector's sight (``gc.freeze``); plain
    reference counting still frees it. Everything is handed back to the
    collector when the block ends, unless the caller had frozen objects itself.
    """
    mine = gc.get_freeze_count() == 0
    try:
        yield gc.freeze
    finally:
        if mine:
            gc.unfreeze()


def consolidate(input_dir: Path, renstra_path: Path | None = None, *, tahun: int | None = None,
                output: Path | None = None, settings: Settings | None = None,
                progress: Progress | None = None, write: bool = True) -> Run:
    """Read, check, compute and (when ``write``) write the consolidated workbook."""
    with long_lived_data() as keep:
        return _consolidate(input_dir, renstra_path, tahun, output, settings, progress, write, keep)


def _consolidate(input_dir: Path, renstra_path: Path | None, tahun: int | None, output: Path | None,
                 settings: Settings | None, progress: Progress | None, write: bool,
                 keep: Callable[[], None]) -> Run:
    from lakip_xl.report.workbook import output_name, write_report

    settings = settings or Settings()
    timings: dict[str, float] = {}
    renstra_path = check_renstra_path(renstra_path or input_dir / "renstra.xlsx")
    paths, findings = discover(input_dir, renstra_path)

    # The Renstra is read first, for the year of the first few submissions (checked below):
    # a large Renstra's rows are freed before the submissions' arrive, so memory peaks lower.
    t = time.perf_counter()
    first = [load(p, settings) for p in paths[:3]]
    guess = tahun or (pick_year(first) if any(x.submission for x in first) else None)
    renstra, rfind = read_renstra(renstra_path, settings, years=[guess] if guess else None)
    timings["renstra"] = time.perf_counter() - t
    keep()

    t = time.perf_counter()
    if progress and first:
        progress(len(first))
    loaded = first + load_all(paths[len(first):], settings, progress)
    timings["read+parse"] = time.perf_counter() - t
    keep()
    if tahun is None:
        tahun = pick_year(loaded)
    if tahun != guess:  # the first files were of another year than most: read the right targets
        renstra, rfind = read_renstra(renstra_path, settings, years=[tahun])
    findings = rfind + findings
    for x in loaded:
        findings += x.findings
    if renstra.years and tahun not in renstra.years:
        raise InputError(
            f"Tahun {tahun} di luar periode Renstra {renstra.years[0]}-{renstra.years[-1]}; "
            "periksa --tahun atau lembar Sasaran Renstra."
        )

    t = time.perf_counter()
    subs = [x.submission for x in loaded if x.submission is not None]
    data, vfind = validate(renstra, subs, tahun, settings)
    findings += vfind
    timings["validate"] = time.perf_counter() - t

    t = time.perf_counter()
    result, cfind = compute(data, settings)
    findings += cfind
    timings["compute"] = time.perf_counter() - t
    keep()

    report = Report(limit=settings.max_findings)
    report.extend(findings)
    final = report.finish()
    result.findings = final
    run = Run(renstra, tahun, paths, loaded, final, result)

    if write:
        t = time.perf_counter()
        target = output or (input_dir.resolve().parent / "output" / output_name(result))
        run.output = write_report(result, final, target, protect=set(paths) | {renstra_path})
        timings["write"] = time.perf_counter() - t
    run.timings = timings
    return run


def check(files: list[Path], renstra_path: Path, *, tahun: int | None = None,
          settings: Settings | None = None) -> Run:
    """Validate one or a few submissions (no workbook written, no missing-unit check)."""
    settings = settings or Settings()
    renstra_path = check_renstra_path(renstra_path)
    findings: list[Finding] = []
    loaded = []
    for p in files:
        if not p.exists():
            raise InputError(f"Berkas tidak ditemukan: {p}")
        kind = classify(p)
        if kind in SKIPPED:
            findings.append(finding(SKIPPED[kind], p.name))
            continue
        loaded.append(load(p, settings))
    subs = [x.submission for x in loaded if x.submission is not None]
    if tahun is None and subs:
        tahun = pick_year(loaded)
    renstra, rfind = read_renstra(renstra_path, settings, years=[tahun] if tahun else None)
    if tahun is None:
        tahun = renstra.years[0] if renstra.years else 0
    for x in loaded:
        findings += x.findings
    data, vfind = validate(renstra, subs, tahun, settings, expect_all_units=False)
    findings += vfind
    result, cfind = compute(data, settings)
    findings += cfind
    report = Report(limit=settings.max_findings)
    report.extend(findings)
    run = Run(renstra, tahun, files, loaded, report.finish(), result)
    run.renstra_findings = rfind  # the Renstra's own problems are the secretariat's, not the clerk's
    return run
