"""Sheet ``Grafik Triwulan`` (a quarterly run): each IKU's progress against its Rencana Aksi.

One chart per IKU: bars of the realisasi up to TW I, II, … (combined by the indicator's Akumulasi, as
in ``Capaian Triwulan``) and the line of the Rencana Aksi target up to each quarter. The chart data
below the charts are formulas over ``Capaian Triwulan``, so a corrected quarter redraws its chart.
A range target (Stabil) has no line; a categorical one is drawn by its score.
"""

from __future__ import annotations

from typing import Any

from lakip_xl.compute import LakipResult
from lakip_xl.measures import Range
from lakip_xl.model import QUARTERS
from lakip_xl.report import capaian_triwulan as ct
from lakip_xl.report import formulas
from lakip_xl.report.capaian_triwulan import last_given
from lakip_xl.report.grafik import BAR, LINE
from lakip_xl.report.pages import Context, Page, register
from lakip_xl.xlsx.sheet import Sheet, local
from lakip_xl.xlsx.style import FONT, page_setup

NAME = "Grafik Triwulan"
#: charts per row, rows of the sheet each chart takes, most charts drawn
PER_ROW, CHART_ROWS, MAX_CHARTS = 2, 18, 40
#: rows of charts on one printed page (A4 landscape)
CHARTS_PER_PAGE = 2
HEADERS = ["Kode", "Indikator Kinerja Utama", "Akumulasi", "Seri"] + [f"TW {q}" for q in QUARTERS]


def write_grafik_triwulan(sheet: Sheet, result: LakipResult, workbook: Any) -> None:
    n = result.triwulan or len(QUARTERS)
    iku = [(i, row) for i, row in enumerate(result.quarterly, start=1) if row.level == "iku"]
    drawn = iku[:MAX_CHARTS]
    top = ((len(drawn) + PER_ROW - 1) // PER_ROW) * CHART_ROWS + 1
    sheet.widths([12, 46, 11, 26, 11, 11, 11, 11])
    title = f"Capaian IKU per triwulan terhadap Rencana Aksi, sampai TW {QUARTERS[n - 1]} {result.tahun}"
    if len(iku) > MAX_CHARTS:
        title += f" (grafik {MAX_CHARTS} IKU pertama dari {len(iku)}; datanya semua di bawah)"
    sheet.merge_text(0, 0, 0, 7, title, "caption")
    sheet.merge_text(top, 0, top, 7, "Data grafik: target s.d. triwulan (Rencana Aksi) dan realisasi s.d. triwulan",
                     "caption")
    sheet.header(top + 1, HEADERS)
    r = top + 2
    for k, (src, row) in enumerate(iku):
        _data(sheet, result, r, src, row, n)
        if k < MAX_CHARTS:
            chart = _chart(workbook, row, r, n, top + 1)
            sheet.ws.insert_chart(1 + (k // PER_ROW) * CHART_ROWS, (k % PER_ROW) * 4, chart,
                                  {"x_scale": 1.25, "y_scale": 1.15})
        r += 2
    # three rows of charts per printed page, never a chart cut in two
    breaks = list(range(1 + CHARTS_PER_PAGE * CHART_ROWS, top, CHARTS_PER_PAGE * CHART_ROWS)) + [top]
    sheet.ws.set_h_pagebreaks(breaks)
    page_setup(sheet.ws, footer_title=f"{NAME} TW {QUARTERS[n - 1]} — LAKIP {result.tahun}")


def _data(sheet: Sheet, result: LakipResult, r: int, src: int, row: Any, n: int) -> None:
    """Two rows: the Rencana Aksi target up to each quarter, the realisasi up to each quarter."""
    cells = [f"'{ct.NAME}'!{local(src, ct.REAL_TW + q)}" for q in range(len(QUARTERS))]
    for i, label in enumerate(("Target s.d. triwulan (Rencana Aksi)", "Realisasi s.d. triwulan")):
        sheet.text(r + i, 0, row.kode, "code")
        sheet.text(r + i, 1, row.indikator)
        sheet.text(r + i, 2, row.akumulasi, "text_center")
        sheet.text(r + i, 3, label)
    styles = sheet.styles
    for q in range(len(QUARTERS)):
        target = row.targets[q]
        if target is None or isinstance(target, Range):
            sheet.blank(r, 4 + q, "number")
        else:
            sheet.formula(r, 4 + q, formulas.ref(f"'{ct.NAME}'!{local(src, ct.TARGET_TW + q)}"), target,
                          styles.numeric("number", target))
        value = row.running[q]
        if q >= n:
            sheet.blank(r + 1, 4 + q, "number")
        else:
            sheet.formula(r + 1, 4 + q, formulas.kumulatif(cells[:q + 1], row.akumulasi, last_given(row.realisasi, q + 1)),
                          value, styles.numeric("number", value))


def _chart(workbook: Any, row: Any, r: int, n: int, header: int) -> Any:
    categories = [NAME, header, 4, header, 3 + len(QUARTERS)]  # "TW I" … "TW IV"
    chart = workbook.add_chart({"type": "column"})
    chart.add_series({"name": "Realisasi s.d. triwulan", "categories": categories,
                      "values": [NAME, r + 1, 4, r + 1, 3 + n], "fill": {"color": BAR}, "gap": 80,
                      "data_labels": {"value": True, "font": {"name": FONT, "size": 7}}})
    if any(t is not None and not isinstance(t, Range) for t in row.targets):
        line = workbook.add_chart({"type": "line"})
        line.add_series({"name": "Target s.d. triwulan", "categories": categories,
                         "values": [NAME, r, 4, r, 3 + len(QUARTERS)],
                         "line": {"color": LINE, "width": 1.75}, "marker": {"type": "circle", "size": 5,
                                                                             "fill": {"color": LINE},
                                                                             "border": {"color": LINE}}})
        chart.combine(line)
    unit = f" ({row.satuan})" if row.satuan else ""
    chart.set_title({"name": f"{row.kode}: {row.indikator}{unit}"[:120],
                     "name_font": {"name": FONT, "size": 9, "bold": True}})
    chart.set_legend({"position": "bottom", "font": {"name": FONT, "size": 7}})
    chart.set_y_axis({"num_font": {"name": FONT, "size": 7}, "min": 0,
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_x_axis({"num_font": {"name": FONT, "size": 8}})
    chart.set_chartarea({"border": {"none": True}})
    return chart


def _names(ctx: Context) -> list[tuple[str, str | None]]:
    if ctx.result.triwulan is None:
        return []
    return [(NAME, "Grafik capaian setiap IKU per triwulan terhadap target Rencana Aksi")]


PAGE = register(Page(NAME, None, order=91, write_order=111, names=_names, chart_data=True,
                     write=lambda ctx: write_grafik_triwulan(ctx.sheet(NAME), ctx.result, ctx.workbook)
                     if NAME in ctx.sheets else None))
