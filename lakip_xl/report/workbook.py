"""The consolidated LAKIP workbook: the registered sheets (:mod:`lakip_xl.report.pages`), its properties.

Sheets are created in the order a reader meets them and filled in the order
their formulas need: the source sheets (``Capaian IKU``, ``Indikator
Program``, ``Realisasi Anggaran``) first, so the presentation tables can
reference their cells. Each sheet's module declares both orders.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any, Callable

from lakip_xl.compute import LakipResult
from lakip_xl.findings import Finding, Level, counts_by_level
from lakip_xl.output import WORKBOOK_OPTIONS, safe_filename, write_xlsx
from lakip_xl.report.base import Refs
from lakip_xl.xlsx import split
from lakip_xl.xlsx.sheet import NullSheet, Sheet
from lakip_xl.report.pages import Context, pages, prepare
from lakip_xl.xlsx.style import Styles, page_setup

#: More sasaran than this are stacked in one sheet instead of one sheet each.
MAX_SASARAN_SHEETS = 40
#: From this many program / kegiatan / sub kegiatan rows on, the tables are streamed to disk sheet by
#: sheet (XlsxWriter's constant-memory mode, set per worksheet: memory stays flat, strings are stored
#: inline). The sheets charts read (:attr:`Page.chart_data`) are never streamed, so the charts keep
#: their cached points; every sheet keeps its row heights and outline levels.
STREAM_FROM_ROWS = 50_000


def document_date(tahun: int) -> dt.datetime:
    """The fixed creation date stored in the file, so equal inputs give identical bytes."""
    return dt.datetime(tahun + 1, 1, 1)


#: custom properties of a quarterly consolidation: its quarter and year
QUARTER_PROPERTY, YEAR_PROPERTY = "Triwulan lakip-xl", "Tahun lakip-xl"


def output_name(result: LakipResult) -> str:
    short = result.instansi.get("singkatan") or ""
    slug = safe_filename(short, "")
    period = f"{result.tahun}_TW{result.triwulan}" if result.triwulan else f"{result.tahun}"
    return f"LAKIP_{period}_{slug}.xlsx" if slug else f"LAKIP_{period}.xlsx"


def add_sheet(wb: Any, name: str, stream: bool) -> Any:
    """A worksheet of ``wb``, streamed to disk (constant-memory mode) or kept in memory.

    XlsxWriter takes the mode of a worksheet from the workbook's ``constant_memory`` attribute when the
    sheet is added, and packs each sheet by its own mode. The attribute is set back afterwards (a
    workbook left in that mode would close row files its in-memory sheets do not have): the streamed
    sheets' temporary files are closed by :func:`lakip_xl.output.remove_row_files` (the attributes are
    pinned by tests/test_xlsxwriter_internals.py).
    """
    before = wb.constant_memory
    wb.constant_memory = stream
    try:
        return wb.add_worksheet(name)
    finally:
        wb.constant_memory = before


#: From this many program / kegiatan / sub kegiatan rows on, the workbook is written on two cores
#: (:mod:`lakip_xl.xlsx.split`): below it, starting the helper costs more than it saves.
SPLIT_FROM_ROWS = 5_000
#: how a build runs: alone, as the main process beside a helper, or as the helper
SERIAL, MAIN, HELPER = "serial", "main", "helper"


def write_report(result: LakipResult, findings: list[Finding], path: Path, *,
                 protect: set[Path] | None = None, counts: dict[Level, int] | None = None) -> Path:
    """Write the workbook; ``findings`` are listed in Validasi, ``counts`` (all findings, default: those) summed.

    A large workbook is written on two cores: a helper process writes the sheets of the pages marked
    :attr:`Page.second_core`, this process the others, and the helper's sheets are placed in this
    process's file. The content is that of the serial write (tests/test_two_cores.py); should the helper
    fail, the workbook is written serially.
    """
    counts = counts if counts is not None else counts_by_level(findings)
    inst = result.instansi
    title = f"LAKIP {result.tahun} {inst.get('nama instansi', '')}".strip()

    rows = sum(max(len(n.indicators), 1) for n in result.nodes())
    prepared = prepare(result)  # before the fork below: the two processes share it
    streaming = rows >= STREAM_FROM_ROWS
    stacked = len(result.sasaran) > MAX_SASARAN_SHEETS

    def build(wb: Any, role: str = SERIAL, done: Callable[[list[str]], None] | None = None) -> set[str]:
        """Fill ``wb``; returns the names of the sheets the helper writes (none in a serial build).

        ``done`` (the helper's): called with the names of its sheets as soon as a page of them is written
        and finished, so that the main process can deflate them while the helper writes the next page.
        """
        if result.triwulan is not None:  # read back by lakip template --dari
            wb.set_custom_property(QUARTER_PROPERTY, result.triwulan)
            wb.set_custom_property(YEAR_PROPERTY, result.tahun)
        ctx = Context(wb, Styles(wb), result, findings, counts, Refs(), stacked=stacked, prepared=prepared)
        ordered = pages()
        helped: set[str] = set()
        names: dict[str, list[str]] = {}  # page → its sheets
        for page in ordered:
            helper_page = role != SERIAL and page.second_core
            null = helper_page if role == MAIN else role == HELPER and not page.second_core
            # Beside a helper, both processes stream (as a very large workbook does): the helper's strings
            # are then stored in its cells, not in this process's table, and this process's sheets are
            # turned into XML while the helper works, not after it. Chart sources never stream.
            stream = not null and (role == HELPER or not page.chart_data and (streaming or role == MAIN))
            for name, line in page.sheets(ctx):
                kind = NullSheet if null else Sheet
                ctx.sheets[name] = kind(add_sheet(wb, name, stream), ctx.styles, direct=page.flat,
                                       drawings=page.drawings)
                names.setdefault(page.name, []).append(name)
                if helper_page:
                    helped.add(name)
                if line is not None:
                    ctx.contents.append((name, line))

        def finish(page: Any) -> None:
            """The page's print settings and its sheets' last rows, merges and page breaks (once written)."""
            if page.repeat_header:
                page_setup(ctx.sheet(page.name).ws, repeat_rows=(0, 0), footer_title=f"{page.name} — LAKIP {result.tahun}")
            for name in names.get(page.name, []):
                ctx.sheet(name).finish()

        last = max((p.write_order for p in ordered if p.second_core), default=0) if role == HELPER else None
        early: set[str] = set()  # the helper's pages, finished and handed over as soon as written
        for page in sorted(ordered, key=lambda p: p.write_order):
            if last is not None and page.write_order > last:
                break  # the helper's sheets are written; the rest is the main process's
            page.write(ctx)
            if done is not None and page.second_core:
                finish(page)
                early.add(page.name)
                done(names.get(page.name, []))
        for page in ordered:
            if page.name not in early:
                finish(page)
        return helped

    properties = {
        "title": title,
        "subject": f"Laporan Kinerja Instansi Pemerintah Tahun {result.tahun}",
        "author": inst.get("nama instansi", ""),
        "manager": inst.get("kepala", ""),
        "company": inst.get("pemerintah daerah", ""),
        "category": "LAKIP",
        "keywords": f"LAKIP, SAKIP, {result.tahun}",
        "comments": "Disusun dengan lakip-xl",
    }
    write = functools.partial(write_xlsx, path, created=document_date(result.tahun), protect=protect,
                              properties=properties)
    if rows < SPLIT_FROM_ROWS or not split.available():
        return write(build)

    # Tabel 6.1's rows (LakipResult.plan, built when first asked for) are built by this process alone, after
    # the fork: the helper writes no Tabel 6.1, and rows built before it would be both processes' to copy.
    try:
        helper = split.Helper(functools.partial(build, role=HELPER), WORKBOOK_OPTIONS)
    except OSError:  # no process could be started (a limit on processes, memory): one core
        return write(build)

    def build_main(wb: Any) -> None:
        helper.adopt(wb, build(wb, MAIN))

    try:
        return write(build_main)
    except split.Refused:  # raised while the package is zipped: nothing was written
        return write(build)
    finally:
        helper.close()
