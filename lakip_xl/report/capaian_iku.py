"""Sheet ``Capaian IKU``: one row per IKU, the contract's machine-readable table.

Target and Realisasi are the values the others reference; Capaian and Predikat
are live formulas (with their values stored).
"""

from __future__ import annotations

from lakip_xl.compute import LakipResult
from lakip_xl.report import formulas
from lakip_xl.report.base import Refs, RowRefs
from lakip_xl.xlsx.sheet import Sheet, local
from lakip_xl.report.pages import Page, register

NAME = "Capaian IKU"
HEADERS = ["Kode Sasaran", "Sasaran Strategis", "Kode Indikator", "Indikator Kinerja", "Satuan", "Target",
           "Realisasi", "Capaian (%)", "Predikat", "Polaritas", "Bidang", "Sumber"]
WIDTHS = [11, 34, 12, 40, 9, 11, 11, 12, 16, 10, 9, 34]
T, R, C, P = 5, 6, 7, 8
COLUMNS = {"target": T, "realisasi": R, "capaian": C, "predikat": P}


def write_capaian_iku(sheet: Sheet, result: LakipResult, refs: Refs) -> None:
    refs.iku = RowRefs(NAME, COLUMNS)
    settings = result.settings
    sheet.header(0, HEADERS)
    sheet.widths(WIDTHS)
    for i, item in enumerate(result.iku, start=1):
        iku = item.iku
        sheet.text(i, 0, iku.kode_sasaran, "code")
        sheet.text(i, 1, iku.sasaran)
        sheet.text(i, 2, iku.kode_indikator, "code")
        sheet.text(i, 3, iku.indikator)
        sheet.text(i, 4, iku.satuan, "text_center")
        sheet.num(i, T, item.target, sheet.styles.numeric("number", item.target))
        sheet.num(i, R, item.realisasi, sheet.styles.numeric("number", item.realisasi))
        sheet.formula(i, C, formulas.capaian(local(i, T), local(i, R), iku.polaritas, settings, item.target,
                                                   item.realisasi),
                      item.capaian, "percent2")
        sheet.formula(i, P, formulas.predikat(local(i, C), settings), item.predikat, "predikat")
        sheet.text(i, 9, iku.polaritas, "text_center")
        sheet.text(i, 10, iku.bidang, "code")
        src = item.source
        sheet.text(i, 11, f"{src.file} ({src.sheet}!{src.cell})" if src else "belum dilaporkan", "note_plain")
        refs.iku[iku.kode_indikator] = i
    last = len(result.iku)
    refs.total["iku_predikat_range"] = f"'{NAME}'!$I$2:$I${last + 1}" if last else ""
    sheet.predikat_colors(1, last, P, settings.scale)
    sheet.ws.freeze_panes(1, 3)
    sheet.ws.autofilter(0, 0, max(last, 1), len(HEADERS) - 1)


PAGE = register(Page(NAME, "Capaian setiap IKU: target, realisasi, capaian, predikat (sumber tabel lain)", order=10,
                     write_order=10, flat=True, repeat_header=True,
                     write=lambda ctx: write_capaian_iku(ctx.sheet(NAME), ctx.result, ctx.refs)))
