"""The whole job, stage by stage: folder in, checked LAKIP workbook out.

:func:`consolidate` is what ``lakip consolidate`` runs and what the benchmark
times; :func:`check` is ``lakip check``. Each stage is a plain function of
the previous stage's output, timed in :attr:`Run.timings`.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import functools
import gc
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from lakip_xl.compute import LakipResult, compute
from lakip_xl.cumulate import cumulate
from lakip_xl.errors import InputError, Refused
from lakip_xl.findings import GALAT, PERINGATAN, Finding, Level, Report, counts_by_level, finding
from lakip_xl.mail import Attachment, Inbox, is_mail
from lakip_xl.output import check_target, stale_temporaries
from lakip_xl.parse import safe_name
from lakip_xl.model import Renstra, Submission, share_repeated
from lakip_xl.parallel import start_ordered
from lakip_xl.read import ReadFailure, classify, document_properties, read_workbook
from lakip_xl.renstra import check_renstra_path, read_renstra
from lakip_xl.rules import start_validate
from lakip_xl.settings import Settings
from lakip_xl.submission import read_submission
from lakip_xl.templates.submission import TEMPLATE_PROPERTY

Progress = Callable[[int], None]


@dataclass
class Loaded:
    """One input file after read and parse."""

    path: Path
    submission: Submission | None
    findings: list[Finding]
    #: a workbook attached to saved mail (``path`` is its copy in the run's temporary folder)
    source: Attachment | None = None


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
    #: findings per level, all of them (``findings`` lists at most ``batas_temuan``)
    counts: dict[Level, int] | None = None

    def count(self, level: Level) -> int:
        if self.counts is not None:
            return self.counts[level]
        return sum(1 for f in self.findings if f.level == level)

    def exit_code(self, strict: bool = False) -> int:
        """0 without Galat, 1 with Galat (``strict``: Peringatan counts as Galat)."""
        if self.count(GALAT) or (strict and self.count(PERINGATAN)):
            return 1
        return 0


#: What :func:`classify` says of an entry that is not read → the rule of its finding (``hidden``: none).
SKIPPED = {"lock": "berkas-kunci-excel", "temp": "berkas-sementara", "irregular": "berkas-bukan-biasa",
           "xlsb": "berkas-biner", "other": "berkas-dilewati"}


def skipped(path: Path) -> Finding | None | bool:
    """The finding of a folder entry that is not read, ``None`` for one skipped silently, ``False`` to read it."""
    kind, detail = classify(path)
    if kind in ("workbook", "mail"):
        return False
    if kind == "hidden":
        return None
    fields = {"jenis": detail} if kind == "irregular" else {}
    return finding(SKIPPED[kind], safe_name(path.name), **fields)


def discover(folder: Path, renstra_path: Path | None = None,
             inbox: Inbox | None = None) -> tuple[list[Path], list[Finding]]:
    """Workbooks in ``folder`` (not recursive, sorted); what else is there as findings.

    Saved mail (.eml, .msg, .mbox) is opened by ``inbox`` (:mod:`lakip_xl.mail`): its workbook
    attachments follow the folder's workbooks, as files of the inbox's temporary folder. Without
    an inbox, mail is not opened (``lakip consolidate`` counting files for its progress bar).
    """
    if not folder.is_dir():
        raise InputError(f"Folder masukan tidak ditemukan: {safe_name(str(folder))}")
    skip = renstra_path.resolve() if renstra_path is not None else None
    paths, mails, findings = [], [], []
    for p in sorted(folder.iterdir(), key=lambda x: x.name.lower()):
        note = skipped(p)
        if note is False:
            if is_mail(p):
                mails.append(p)
            elif skip is None or p.resolve() != skip:
                paths.append(p)
        elif note is not None:
            findings.append(note)
    for p in mails if inbox is not None else ():
        attached, notes = inbox.add(p)
        paths += attached
        findings += notes
    return paths, findings


def from_mail(loaded: list[Loaded], inbox: Inbox) -> None:
    """Name what came by mail after its mail: findings and submission say sender, date, subject, attachment."""
    for x in loaded:
        att = inbox.source(x.path)
        if att is None:
            continue
        x.source = att
        own = safe_name(x.path.name)
        x.findings = [dataclasses.replace(f, file=att.label) if f.file == own else f for f in x.findings]
        if x.submission is not None:
            x.submission.name = att.label  # type: ignore[misc] - a cached_property, set once here
            x.submission.received = att.mail.date


def load(path: Path, settings: Settings) -> Loaded:
    """Read and parse one submission; never raises on a bad file."""
    raw = read_workbook(path, settings.limits)
    if isinstance(raw, ReadFailure):
        return Loaded(path, None, [finding(raw.rule, safe_name(path.name), sebab=raw.reason)])
    sub, findings = read_submission(raw, settings.limits, settings.category_table)
    return Loaded(path, sub, findings)


def occupied(paths: Iterable[Path], settings: Settings | None = None) -> list[tuple[Path, str]]:
    """Existing files among ``paths`` that a new template must not replace, each with why.

    Only an unfilled lakip-xl template may be replaced without asking: a report a
    unit filled, a Renstra, any other file is kept (``lakip template --out input``
    once replaced every returned report with a blank template).
    """
    settings = settings or Settings()
    out = []
    for path in paths:
        if not os.path.lexists(path):
            continue
        if not path.is_file():
            out.append((path, "bukan berkas biasa"))
            continue
        if TEMPLATE_PROPERTY not in document_properties(path):
            out.append((path, "bukan templat lakip-xl"))
            continue
        loaded = load(path, settings)
        filled = filled_values(loaded.submission) if loaded.submission is not None else None
        if filled is None:
            out.append((path, "templat yang tidak dapat dibaca lagi"))
        elif filled:
            out.append((path, f"laporan yang sudah diisi ({filled} nilai)"))
    return out


def filled_values(sub: Submission) -> int:
    """How many values a clerk typed into a submission (a blank template has none)."""
    n = sum(1 for item in sub.program for v in (item.realisasi, item.pagu, item.realisasi_anggaran, item.penjelasan,
                                                *(item.quarters or ())) if v is not None)
    n += sum(1 for item in sub.iku for v in (item.realisasi, item.penyebab, item.solusi, *(item.quarters or ()))
             if v is not None)
    return n + sum(1 for k in ("disusun oleh", "tanggal", "jabatan", "kontak") if sub.identitas.get(k))


def is_report(path: Path) -> bool:
    """A consolidated workbook lakip-xl wrote (it may be replaced by a new run)."""
    props = document_properties(path)
    return props.get("category") == "LAKIP" and "lakip-xl" in props.get("description", "")


def pick_year(loaded: Iterable[Loaded]) -> int:
    years = collections.Counter(x.submission.tahun for x in loaded if x.submission and x.submission.tahun)
    if not years:
        raise InputError(
            "Tahun laporan tidak dapat ditentukan: tidak ada laporan bidang yang terbaca. "
            "Sebutkan tahunnya dengan --tahun."
        )
    best = max(years.values())
    return max(y for y, n in years.items() if n == best)


def pick_quarter(loaded: Iterable[Loaded]) -> int | None:
    """The quarter most submissions state (the later one on a tie); ``None``: all are yearly reports."""
    quarters = collections.Counter(x.submission.triwulan for x in loaded if x.submission and x.submission.triwulan)
    if not quarters:
        return None
    best = max(quarters.values())
    return max(q for q, n in quarters.items() if n == best)


#: allocations between two young-generation collections during a run (CPython's default is 700)
RUN_GC_THRESHOLD = 50_000


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
    thresholds = gc.get_threshold()
    # Young collections find little to free in a run that only builds: a larger first generation makes them
    # rarer (N = 100: write 5,5 s → 5,0 s, compute 0,50 s → 0,39 s, back to back); put back afterwards.
    gc.set_threshold(max(thresholds[0], RUN_GC_THRESHOLD), *thresholds[1:])
    try:
        yield gc.freeze
    finally:
        gc.set_threshold(*thresholds)
        if mine:
            gc.unfreeze()


@contextlib.contextmanager
def collector_paused(keep: Callable[[], None] | None = None) -> Iterator[None]:
    """No cyclic garbage collection inside the block (reference counting frees as always).

    The Renstra read, validate and compute build what the run keeps and drop almost nothing cyclic
    (313 and 13 objects at N = 1,000 units), yet every young-generation collection walks what they
    have built so far: with it paused validate and compute take 11,4 s instead of 13,4 s of process
    time at N = 1,000, the Renstra read 9,7 s instead of 11,1 s, and their time per unit grows less
    with N. Memory is the same (peak 1.237 MB against 1.213 MB, 621 MB against 619 MB: within noise).

    ``keep`` (:func:`long_lived_data`'s freeze) is called before the collector comes back: the objects
    allocated in the block are all young, and the first collection after it would walk every one of
    them (at N = 300 units 0,29 s after the Renstra read and 0,23 s after compute, for nothing).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep is not None:
            keep()
        if enabled:
            gc.enable()


def consolidate(input_dir: Path, renstra_path: Path | None = None, *, tahun: int | None = None,
                output: Path | None = None, output_dir: Path | None = None, overwrite: bool = False,
                settings: Settings | None = None, progress: Progress | None = None, write: bool = True,
                triwulan: int | None = None) -> Run:
    """Read, check, compute and (when ``write``) write the consolidated workbook.

    ``triwulan``: a quarterly run up to that quarter; by default the quarter the submissions state
    (a yearly LAKIP when they state none).

    The workbook goes to ``output``, else ``output_dir`` (default: ``output/`` beside
    ``input_dir``) under its default name. An existing file there that is not a
    workbook lakip-xl wrote is replaced only with ``overwrite``.
    """
    with long_lived_data() as keep, Inbox((settings or Settings()).limits) as inbox:
        return _consolidate(input_dir, renstra_path, tahun, output, output_dir, overwrite, settings, progress,
                            write, keep, triwulan, inbox)


def _consolidate(input_dir: Path, renstra_path: Path | None, tahun: int | None, output: Path | None,
                 output_dir: Path | None, overwrite: bool, settings: Settings | None, progress: Progress | None,
                 write: bool, keep: Callable[[], None], triwulan: int | None, inbox: Inbox) -> Run:
    from lakip_xl.report.workbook import output_name, write_report

    settings = settings or Settings()
    timings: dict[str, float] = {}
    renstra_path = check_renstra_path(renstra_path or input_dir / "renstra.xlsx")
    paths, findings = discover(input_dir, renstra_path, inbox)

    # The submissions are handed to the worker processes first; while they read, this process reads the
    # Renstra (with every year: Lampiran Tabel 6.1, Evaluasi Renja's end-of-period targets), whose objects
    # are then frozen out of the collector's way before the submissions' arrive (collector_paused: the
    # read builds what the run keeps, almost nothing cyclic).
    pending = start_ordered(functools.partial(load, settings=settings), paths, behind=True)
    with stage(timings, "renstra"), collector_paused(keep):
        try:
            renstra, rfind = read_renstra(renstra_path, settings)
        except BaseException:
            pending.cancel()
            raise

    with stage(timings, "read+parse"), collector_paused(keep):  # what is left of it once the Renstra is read
        loaded = pending.collect(progress)
        from_mail(loaded, inbox)
    if tahun is None:
        tahun = pick_year(loaded)
    triwulan = triwulan or pick_quarter(loaded)
    findings = rfind + findings
    for x in loaded:
        findings += x.findings
    if renstra.years and tahun not in renstra.years:
        raise InputError(
            f"Tahun {tahun} di luar periode Renstra {renstra.years[0]}-{renstra.years[-1]}; "
            "periksa --tahun atau lembar Sasaran Renstra."
        )

    result, judged = judge(renstra, loaded, tahun, settings, timings=timings, triwulan=triwulan, keep=keep)
    findings += judged

    target = None
    if write:
        target = output or ((output_dir or input_dir.resolve().parent / "output") / output_name(result))
        target = check_target(target, protect=set(paths) | {renstra_path})
        if target.exists() and not overwrite and not is_report(target):
            raise Refused(f"{safe_name(str(target))} sudah ada dan bukan workbook LAKIP dari lakip-xl; tidak ditimpa. "
                          "Pilih nama lain dengan -o, atau tambahkan --timpa.")
        findings += [finding("berkas-sementara", safe_name(p.name)) for p in stale_temporaries(target.parent)
                     if target.parent.resolve() != input_dir.resolve()]  # the input folder's are listed by discover
    report = Report(limit=settings.max_findings)
    report.extend(findings)
    final = report.finish()
    result.findings = final
    run = Run(renstra, tahun, paths, loaded, final, result, counts=counts_by_level(findings))

    if target is not None:
        with stage(timings, "write"):
            run.output = write_report(result, final, target, protect=set(paths) | {renstra_path}, counts=run.counts)
    run.timings = timings
    return run


@contextlib.contextmanager
def stage(timings: dict[str, float], name: str) -> Iterator[None]:
    """Time a stage of the run into ``timings[name]`` (seconds)."""
    t = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - t


def judge(renstra: Renstra, loaded: list[Loaded], tahun: int, settings: Settings, *, single: bool = False,
          timings: dict[str, float] | None = None, triwulan: int | None = None,
          keep: Callable[[], None] | None = None) -> tuple[LakipResult, list[Finding]]:
    """Validate and compute, the path ``consolidate`` and ``check`` share.

    The submissions' repeated texts and targets become the Renstra's equal objects first
    (:func:`~lakip_xl.model.share_repeated`, in place; no value changes).

    ``single``: ``lakip check`` of one or a few files (units that sent nothing are not reported);
    ``triwulan``: a quarterly run (quarters combined by their Akumulasi first); ``keep``: a run's
    :func:`long_lived_data` freeze, for what validate and compute build (see :func:`collector_paused`).
    """
    timings = {} if timings is None else timings
    with stage(timings, "model"):  # the submissions joined to the Renstra they were written for
        submissions = [x.submission for x in loaded if x.submission is not None]
        share_repeated(renstra, submissions, tahun)
        subs = cumulate(renstra, submissions, settings.akumulasi)
    before = timings.get("validate", 0.0)
    with collector_paused(keep):
        with stage(timings, "validate"):  # the rules go on beside compute (a large run: in a copy of this process)
            validating = start_validate(renstra, subs, tahun, settings, expect_all_units=not single,
                                        triwulan=triwulan)
        started = timings["validate"] - before
        with stage(timings, "compute"):
            result, computed = compute(validating.data, settings)
        with stage(timings, "validate"):
            findings = validating.findings()
    # what validate took whether the rules ran beside compute or in turn: the time to the rules' start
    # (reconciling) plus the rules' own (a size's time per unit is then comparable with another's)
    timings["validate work"] = started + (validating.rules_seconds or 0.0)
    return result, findings + computed


def check(files: list[Path], renstra_path: Path, *, tahun: int | None = None,
          settings: Settings | None = None) -> Run:
    """Validate one or a few submissions (no workbook written, no missing-unit check)."""
    settings = settings or Settings()
    with Inbox(settings.limits) as inbox:
        return _check(files, renstra_path, tahun, settings, inbox)


def _check(files: list[Path], renstra_path: Path, tahun: int | None, settings: Settings, inbox: Inbox) -> Run:
    renstra_path = check_renstra_path(renstra_path)
    findings: list[Finding] = []
    loaded = []
    for p in files:
        if not os.path.lexists(p):
            raise InputError(f"Berkas tidak ditemukan: {safe_name(str(p))}")
        note = skipped(p)
        if note is False and is_mail(p):
            attached, notes = inbox.add(p)
            findings += notes
            loaded += [load(a, settings) for a in attached]
        elif note is False:
            loaded.append(load(p, settings))
        else:
            findings.append(note or finding("berkas-dilewati", safe_name(p.name)))
    from_mail(loaded, inbox)
    if tahun is None and any(x.submission for x in loaded):
        tahun = pick_year(loaded)
    renstra, rfind = read_renstra(renstra_path, settings, years=[tahun] if tahun else None)
    if tahun is None:
        tahun = renstra.years[0] if renstra.years else 0
    for x in loaded:
        findings += x.findings
    result, judged = judge(renstra, loaded, tahun, settings, single=True, triwulan=pick_quarter(loaded))
    findings += judged
    report = Report(limit=settings.max_findings)
    report.extend(findings)
    run = Run(renstra, tahun, files, loaded, report.finish(), result, counts=counts_by_level(findings))
    run.renstra_findings = rfind  # the Renstra's own problems are the secretariat's, not the clerk's
    return run
