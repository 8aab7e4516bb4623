"""Sheet ``Capaian Triwulan`` (a quarterly run): each indicator's quarters, combined by its Akumulasi.

One row per IKU, then per program, kegiatan and sub kegiatan indicator, in the order of Indikator
Program. Realisasi Kumulatif, the capaian, predikat and serapan are live formulas (their values
stored): ``Jumlah`` sums the quarters given, ``Rata-rata`` averages them, ``Terakhir`` takes the latest
one given (a reference to its cell). The budget (pagu, anggaran kas and realisasi anggaran up to the
quarter) is on the first indicator row of each program, kegiatan and sub kegiatan.
"""

from __future__ import annotations

from lakip_xl.compute import LakipResult
from lakip_xl.model import QUARTERS
from lakip_xl.quarterly import QuarterRow
from lakip_xl.report import formulas
from lakip_xl.report.pages import Context, Page, register
from lakip_xl.xlsx.sheet import Sheet, local
from lakip_xl.xlsx.style import A3, page_setup

NAME = "Capaian Triwulan"
LEVELS = {"iku": "IKU", "program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub Kegiatan"}
HEADERS = (["Tingkat", "Kode", "Uraian", "Indikator", "Satuan", "Akumulasi", "Target Tahunan"]
           + [f"Target s.d. TW {q}" for q in QUARTERS] + [f"Realisasi TW {q}" for q in QUARTERS]
           + ["Target Kumulatif", "Realisasi Kumulatif", "Capaian Kumulatif (%)", "Capaian Tahunan (%)", "Predikat",
              "Pagu", "Anggaran Kas Kumulatif"] + [f"Realisasi Anggaran TW {q}" for q in QUARTERS]
           + ["Realisasi Anggaran Kumulatif", "Serapan (%)", "Bidang"])
WIDTHS = [11, 17, 34, 36, 9, 10, 10] + [10] * 8 + [11, 11, 11, 11, 15, 17, 17] + [16] * 4 + [17, 9, 8]
COL = {h: c for c, h in enumerate(HEADERS)}
TARGET_TW, REAL_TW, SPENT_TW = COL["Target s.d. TW I"], COL["Realisasi TW I"], COL["Realisasi Anggaran TW I"]


def write_capaian_triwulan(sheet: Sheet, result: LakipResult) -> None:
    sheet.header(0, HEADERS)
    sheet.widths(WIDTHS)
    n = result.triwulan or len(QUARTERS)
    r = 0
    for r, row in enumerate(result.quarterly, start=1):
        _row(sheet, result, r, row, n)
    sheet.predikat_colors(1, r, COL["Predikat"], result.settings.scale)
    sheet.ws.freeze_panes(1, 4)
    sheet.ws.autofilter(0, 0, max(r, 1), len(HEADERS) - 1)
    page_setup(sheet.ws, repeat_rows=(0, 0), footer_title=f"{NAME} TW {QUARTERS[n - 1]} — LAKIP {result.tahun}", paper=A3)


def _row(sheet: Sheet, result: LakipResult, r: int, row: QuarterRow, n: int) -> None:
    settings, styles = result.settings, sheet.styles
    sheet.text(r, 0, LEVELS.get(row.level, row.level), "text_center")
    sheet.text(r, 1, row.kode, "code")
    sheet.text(r, 2, row.uraian)
    sheet.text(r, 3, row.indikator)
    sheet.text(r, 4, row.satuan, "text_center")
    sheet.text(r, 5, row.akumulasi, "text_center")
    sheet.num(r, 6, row.target_tahunan, styles.numeric("number", row.target_tahunan))
    for q in range(len(QUARTERS)):
        sheet.num(r, TARGET_TW + q, row.targets[q], styles.numeric("number", row.targets[q]))
        sheet.num(r, REAL_TW + q, row.realisasi[q], styles.numeric("number", row.realisasi[q]))
    c = COL["Target Kumulatif"]
    source = TARGET_TW + n - 1 if row.targets[n - 1] is not None else 6 if n == len(QUARTERS) else None
    if source is None or row.target_kumulatif is None:
        sheet.blank(r, c, "number")
    else:
        sheet.formula(r, c, formulas.ref(local(r, source)), row.target_kumulatif,
                      styles.numeric("number", row.target_kumulatif))
    sheet.formula(r, c + 1, _kumulatif(r, row, n), row.realisasi_kumulatif,
                  styles.numeric("number", row.realisasi_kumulatif))
    sheet.formula(r, c + 2, formulas.capaian(local(r, c), local(r, c + 1), row.polaritas, settings,
                                             row.target_kumulatif, row.realisasi_kumulatif), row.capaian_kumulatif,
                  "percent2")
    sheet.formula(r, c + 3, formulas.capaian(local(r, 6), local(r, c + 1), row.polaritas, settings,
                                             row.target_tahunan, row.realisasi_kumulatif), row.capaian_tahunan,
                  "percent2")
    sheet.formula(r, c + 4, formulas.predikat(local(r, c + 2), settings), row.predikat, "predikat")
    m = row.money
    pagu, kas, spent = COL["Pagu"], COL["Anggaran Kas Kumulatif"], COL["Realisasi Anggaran Kumulatif"]
    if m is None:
        for col in (pagu, kas, *range(SPENT_TW, SPENT_TW + len(QUARTERS)), spent, spent + 1):
            sheet.blank(r, col, "rupiah")
    else:
        given = [k for k in m.kas[:n] if k is not None]
        sheet.num(r, pagu, m.pagu, "rupiah")
        sheet.num(r, kas, sum(given) if given else None, "rupiah")
        for q in range(len(QUARTERS)):
            sheet.num(r, SPENT_TW + q, m.quarters[q], "rupiah")
        if any(v is not None for v in m.quarters[:n]):
            sheet.formula(r, spent, formulas.total([local(r, SPENT_TW + q) for q in range(n)]), m.kumulatif, "rupiah")
        else:  # reports without quarterly money (a yearly report): the amount up to the quarter only
            sheet.num(r, spent, m.kumulatif, "rupiah")
        sheet.formula(r, spent + 1, formulas.percent(local(r, spent), local(r, pagu)), m.serapan, "percent")
    sheet.text(r, COL["Bidang"], row.bidang, "text_center")


def _kumulatif(r: int, row: QuarterRow, n: int) -> str:
    """Realisasi up to quarter ``n`` as a formula over the quarter cells, by the indicator's Akumulasi."""
    return formulas.kumulatif([local(r, REAL_TW + q) for q in range(n)], row.akumulasi, last_given(row.realisasi, n))


def last_given(values: tuple, n: int) -> int | None:
    """Index of the latest of the first ``n`` quarters that has a value (``Terakhir``'s quarter)."""
    return next((q for q in range(n - 1, -1, -1) if values[q] is not None), None)


def _names(ctx: Context) -> list[tuple[str, str | None]]:
    if ctx.result.triwulan is None:
        return []
    return [(NAME, "Realisasi per triwulan dan kumulatifnya menurut Akumulasi indikator, serapan anggaran")]


PAGE = register(Page(NAME, None, order=65, write_order=65, flat=True, names=_names,
                     write=lambda ctx: write_capaian_triwulan(ctx.sheet(NAME), ctx.result)
                     if NAME in ctx.sheets else None))
