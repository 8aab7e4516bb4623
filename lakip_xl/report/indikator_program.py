"""Sheet ``Indikator Program``: every indicator of every program, kegiatan and sub kegiatan.

The flat source of the program analysis tables (Tabel III.8 and its kin, the
Lampiran Pengukuran Kinerja): target and realisasi as values, capaian and
predikat as live formulas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lakip_xl.compute import LakipResult
from lakip_xl.report import formulas
from lakip_xl.report.base import Refs, RowRefs
from lakip_xl.xlsx.sheet import Sheet
from lakip_xl.xlsx.style import Styles, numeric_key
from lakip_xl.report.pages import Context, Page, register

NAME = "Indikator Program"
HEADERS = ["Kode", "Tingkat", "Uraian", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi",
           "Capaian (%)", "Predikat", "Penjelasan Bidang", "Bidang", "Kode Sasaran"]
WIDTHS = [16, 12, 36, 36, 9, 10, 11, 11, 12, 16, 50, 9, 11]
LEVEL_LABEL = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub Kegiatan"}
T, R, C, P, J = 6, 7, 8, 9, 10
COLUMNS = {"target": T, "realisasi": R, "capaian": C, "predikat": P, "penjelasan": J}


@dataclass(frozen=True)
class Layout:
    """Where the sheet puts each indicator, derived from the result alone (:attr:`Page.prepare`)."""

    #: (kode, indikator key) → the indicator's row
    rows: RowRefs
    #: the row below the last
    end: int
    #: (value, level) of the first value of each number format, in the order the rows meet them: creating
    #: their formats in this order gives the formats the rows would create
    formats: tuple[tuple[Any, str], ...]


def layout(result: LakipResult) -> Layout:
    """A row per indicator (a node without indicators: one row), its target's and realisasi's formats."""
    rows = RowRefs(NAME, COLUMNS)
    seen: set[tuple] = set()
    firsts: list[tuple[Any, str]] = []
    r = 1
    for node in result.nodes():
        lvl = node.level
        for ind in node.indicators:
            for value in (ind.target, ind.realisasi):
                key = numeric_key("number", value, None, lvl)
                if key not in seen:
                    seen.add(key)
                    firsts.append((value, lvl))
            rows[ind.row.key] = r
            r += 1
        if not node.indicators:
            r += 1
    return Layout(rows, r, tuple(firsts))


def write_indikator_program(sheet: Sheet, result: LakipResult, refs: Refs, plan: Layout | None = None) -> None:
    """The penjelasan column holds what the bidang wrote; generated sentences are in Tabel III.8 and Narasi.

    ``plan``: the sheet's :func:`layout` (computed here when not given)."""
    plan = plan if plan is not None else layout(result)
    refs.indicator = plan.rows
    settings = result.settings
    sheet.header(0, HEADERS)
    sheet.widths(WIDTHS)
    styles = sheet.styles
    # the formats of each level, looked up once (this sheet has a row per indicator)
    fmt = {lvl: {name: styles.level(name, lvl) for name in ("code", "text", "text_center", "percent2", "predikat")}
           for lvl in ("program", "kegiatan", "sub_kegiatan")}
    code_fmt = styles["code"]
    if sheet.null:
        # another process writes the cells: their formats are created in the same order, without a look at
        # the rows (which this process would then copy from the memory it shares with that one)
        for value, lvl in plan.formats:
            styles.numeric("number", value, None, lvl)
        r = plan.end
    else:
        r = _rows(sheet, result, fmt, code_fmt)
    sheet.predikat_colors(1, r - 1, P, settings.scale)
    sheet.ws.outline_settings(True, False, True, False)
    sheet.ws.freeze_panes(1, 3)
    sheet.ws.autofilter(0, 0, max(r - 1, 1), len(HEADERS) - 1)


def _rows(sheet: Sheet, result: LakipResult, fmt: dict[str, dict[str, Any]], code_fmt: Any) -> int:
    """A row per indicator (a node without indicators: one row), as :func:`layout` places them; returns the
    row below the last."""
    settings = result.settings
    styles = sheet.styles
    text, num, formula = sheet.text, sheet.num, sheet.formula
    r = 1
    for node in result.nodes():
        lvl = node.level
        f = fmt.get(lvl) or fmt["sub_kegiatan"]
        label = LEVEL_LABEL.get(lvl, lvl)
        for ind in node.indicators or [None]:
            text(r, 0, node.kode, f["code"])
            text(r, 1, label, f["text"])
            text(r, 2, node.uraian, f["text"])
            if ind is None:
                for c in range(3, 11):
                    sheet.blank(r, c, f["text"])
            else:
                row = ind.row
                n = r + 1
                text(r, 3, row.indikator, f["text"])
                text(r, 4, row.satuan, f["text_center"])
                text(r, 5, row.polaritas, f["text_center"])
                num(r, T, ind.target, styles.numeric("number", ind.target, None, lvl))
                num(r, R, ind.realisasi, styles.numeric("number", ind.realisasi, None, lvl))
                formula(r, C, formulas.capaian(f"G{n}", f"H{n}", row.polaritas, settings, ind.target, ind.realisasi), ind.capaian,
                        f["percent2"])
                formula(r, P, formulas.predikat(f"I{n}", settings), ind.predikat, f["predikat"])
                text(r, J, ind.penjelasan, f["text"])
            text(r, 11, node.bidang, code_fmt)
            text(r, 12, node.kode_sasaran, code_fmt)
            if lvl != "program":
                sheet.outline(r, 1 if lvl == "kegiatan" else 2)
            r += 1
        if r % 512 == 0:
            sheet.flush(r)
    return r


def _page(ctx: Context) -> None:
    write_indikator_program(ctx.sheet(NAME), ctx.result, ctx.refs, ctx.prepared.get(NAME))


PAGE = register(Page(NAME, "Target, realisasi dan capaian setiap indikator program/kegiatan/sub kegiatan", order=60,
                     write_order=20, flat=True, repeat_header=True, second_core=True,
                     write=_page, prepare=layout))
