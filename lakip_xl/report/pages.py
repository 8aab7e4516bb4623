"""The sheets of the consolidated workbook, declared by the modules that write them.

Each report module registers its :class:`Page`: the sheet's name (or names,
one per sasaran), its line in the Ringkasan's contents, where a reader meets
it, when it is written (sources first: the presentation tables reference
their cells), whether it is a flat table written row after row, whether its
header row repeats on every printed page, and its writer. The workbook writer
(:mod:`lakip_xl.report.workbook`) loops over the registry; adding a sheet is
one new module in this package.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable

from lakip_xl.compute import LakipResult
from lakip_xl.findings import Finding, Level
from lakip_xl.report.base import Refs
from lakip_xl.xlsx.sheet import Sheet
from lakip_xl.xlsx.style import Styles


@dataclass
class Context:
    """What every sheet writer may use: the result, the findings, the cells written so far."""

    workbook: Any
    styles: Styles
    result: LakipResult
    findings: list[Finding]
    counts: dict[Level, int]
    refs: Refs
    #: more than :data:`lakip_xl.report.workbook.MAX_SASARAN_SHEETS` sasaran: stacked in one sheet
    stacked: bool
    sheets: dict[str, Sheet] = field(default_factory=dict)
    #: (sheet, description) of every sheet but the Ringkasan, in reader order
    contents: list[tuple[str, str]] = field(default_factory=list)
    #: what one writer leaves for a later one (the row below Tabel III.1, for its chart)
    notes: dict[str, Any] = field(default_factory=dict)
    #: page name → what its :attr:`Page.prepare` derived from the result, before the sheets were built
    prepared: dict[str, Any] = field(default_factory=dict)

    def sheet(self, name: str) -> Sheet:
        return self.sheets[name]


@dataclass(frozen=True)
class Page:
    name: str
    #: the Ringkasan's line for it (``None``: not listed, the Ringkasan itself)
    contents: str | None
    #: position among the sheets, as a reader meets them
    order: int
    #: when it is written: the sheets whose cells others reference come first
    write_order: int
    write: Callable[[Context], None]
    #: a flat table, written row after row (no merged cell spans rows)
    flat: bool = False
    #: its header row (row 1) is repeated on every printed page, with the page's footer
    repeat_header: bool = False
    #: charts read its cells (never streamed: XlsxWriter caches a chart's points from the cells it keeps)
    chart_data: bool = False
    #: on two cores, its sheets are written by the helper process (:mod:`lakip_xl.xlsx.split`): a large
    #: sheet without drawings, so that both processes get about half of the work
    second_core: bool = False
    #: a chart is placed on its sheet (by another page): XlsxWriter then needs every row's height to the end
    drawings: bool = False
    #: several sheets: (name, contents) of each, from the context (one per sasaran)
    names: Callable[[Context], list[tuple[str, str]]] | None = None
    #: what its writer derives from the result alone (rows of the cells other sheets reference), computed
    #: once before any sheet is built and found in :attr:`Context.prepared`: on two cores it is computed
    #: before the fork, so both processes read one copy instead of each building its own from the rows
    prepare: Callable[[LakipResult], Any] | None = None

    def sheets(self, ctx: Context) -> list[tuple[str, str | None]]:
        return self.names(ctx) if self.names is not None else [(self.name, self.contents)]


PAGES: dict[str, Page] = {}


def prepare(result: LakipResult) -> dict[str, Any]:
    """Every page's :attr:`Page.prepare` of ``result``, by page name (for :attr:`Context.prepared`)."""
    return {page.name: page.prepare(result) for page in pages() if page.prepare is not None}


def register(page: Page) -> Page:
    if page.name in PAGES:
        raise ValueError(f"sheet {page.name!r} registered twice")
    PAGES[page.name] = page
    return page


def pages() -> list[Page]:
    """Every page of the report package (each module is imported, so it registers), in reader order."""
    import lakip_xl.report as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return sorted(PAGES.values(), key=lambda p: p.order)
