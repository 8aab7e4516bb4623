"""Sheet ``Grafik`` and the charts beside the tables.

Capaian per IKU against the 85 % line of "Sangat Berhasil", and serapan
anggaran per programme. The chart data are small tables of formulas that
reference the source sheets, so a corrected realisasi redraws the charts.
"""

from __future__ import annotations

from typing import Any

from lakip_xl.compute import LakipResult
from lakip_xl.report import formulas
from lakip_xl.report.base import Refs, display_name
from lakip_xl.xlsx.sheet import Sheet, local
from lakip_xl.report.pages import Context, Page, register
from lakip_xl.xlsx.style import FONT, page_setup

NAME = "Grafik"
BAR = "#2F5597"
#: rows left free at the top of the sheet for the two charts
CHART_ROWS = 44
#: default rows a chart beside a table covers (288 px × 1,2 high, 20 px a row)
CHART_BESIDE_ROWS = 18
LINE = "#C00000"


#: More bars than this make a chart unreadable: the chart then counts per predikat / serapan band.
MAX_BARS = 40
SERAPAN_BANDS = ((None, 50, "< 50%"), (50, 70, "50–70%"), (70, 85, "70–85%"), (85, 95, "85–95%"), (95, None, "≥ 95%"))


def write_grafik(sheet: Sheet, result: LakipResult, refs: Refs) -> dict[str, Any]:
    """Write the chart data; returns the charts' data ranges (also used beside Tabel III.1)."""
    sheet.widths([14, 50, 18, 18, 12])
    r, capaian = _capaian_data(sheet, result, refs, CHART_ROWS)
    r, serapan = _serapan_data(sheet, result, refs, r + 2)
    page_setup(sheet.ws, footer_title=f"Grafik — LAKIP {result.tahun}")
    return {"capaian": capaian, "serapan": serapan}


def _capaian_data(sheet: Sheet, result: LakipResult, refs: Refs, top_row: int) -> tuple[int, dict[str, Any]]:
    threshold = result.settings.scale[0].lower
    top = result.settings.scale[0].name
    r = top_row + 2
    if len(result.iku) <= MAX_BARS:
        sheet.merge_text(top_row, 0, top_row, 3, "Data grafik: capaian IKU", "caption")
        sheet.header(top_row + 1, ["Kode", "Indikator Kinerja Utama", "Capaian (%)", f"Batas {top}"])
        for item in result.iku:
            sheet.text(r, 0, item.kode, "code")
            sheet.text(r, 1, item.iku.indikator)
            sheet.formula(r, 2, formulas.ref(refs.iku[item.kode]["capaian"]), item.capaian, "percent")
            sheet.num(r, 3, threshold, "percent")
            r += 1
        return r, {
            "kind": "per_item",
            "categories": [NAME, top_row + 2, 0, max(r - 1, top_row + 2), 0],
            "values": [NAME, top_row + 2, 2, max(r - 1, top_row + 2), 2],
            "line": [NAME, top_row + 2, 3, max(r - 1, top_row + 2), 3],
            "title": f"Capaian Indikator Kinerja Utama Tahun {result.tahun}",
            "threshold": f"Batas {top} ({_fmt(threshold)}%)",
        }
    sheet.merge_text(top_row, 0, top_row, 3, "Data grafik: jumlah IKU per predikat", "caption")
    sheet.header(top_row + 1, ["Predikat", "Jumlah IKU"])
    rng = refs.total.get("iku_predikat_range", "")
    for cat in result.settings.scale:
        sheet.text(r, 0, cat.name)
        sheet.formula(r, 1, formulas.count_of(rng, cat.name), sum(1 for i in result.iku if i.predikat == cat.name),
                      "integer")
        r += 1
    return r, {
        "kind": "count",
        "categories": [NAME, top_row + 2, 0, r - 1, 0],
        "values": [NAME, top_row + 2, 1, r - 1, 1],
        "title": f"Jumlah Indikator Kinerja Utama per Predikat Tahun {result.tahun} ({len(result.iku)} IKU)",
    }


def _serapan_data(sheet: Sheet, result: LakipResult, refs: Refs, r0: int) -> tuple[int, dict[str, Any]]:
    funded = [p for p in result.programs if p.pagu is not None]
    r = r0 + 2
    if len(funded) <= MAX_BARS:
        sheet.merge_text(r0, 0, r0, 3, "Data grafik: serapan anggaran per program", "caption")
        sheet.header(r0 + 1, ["Kode", "Program", "Pagu", "Realisasi", "Serapan (%)"])
        for p in funded:
            node = refs.node[p.kode]
            sheet.text(r, 0, p.kode, "code")
            sheet.text(r, 1, display_name(p.uraian))
            sheet.formula(r, 2, formulas.ref(node["pagu"]), p.pagu, "rupiah")
            sheet.formula(r, 3, formulas.ref(node["realisasi"]), p.realisasi, "rupiah")
            sheet.formula(r, 4, formulas.percent(local(r, 3), local(r, 2)), p.serapan, "percent")
            r += 1
        return r, {
            "kind": "per_item",
            "categories": [NAME, r0 + 2, 0, max(r - 1, r0 + 2), 0],
            "values": [NAME, r0 + 2, 4, max(r - 1, r0 + 2), 4],
            "title": f"Serapan Anggaran per Program Tahun {result.tahun}",
            "n": len(funded),
        }
    sheet.merge_text(r0, 0, r0, 3, "Data grafik: jumlah program per tingkat serapan", "caption")
    sheet.header(r0 + 1, ["Serapan", "Jumlah Program"])
    levels, pct = refs.total["program_level_range"], refs.total["program_percent_range"]
    for lo, hi, label in SERAPAN_BANDS:
        crit = ((f',{pct},">={lo}"' if lo is not None else "") + (f',{pct},"<{hi}"' if hi is not None else ""))
        formula = "=" + "+".join(f"COUNTIFS({levels},{formulas.criterion(kind)}{crit})"
                                 for kind in ("Program", "Program Penunjang"))
        n = sum(1 for p in funded if p.serapan is not None and (lo is None or p.serapan >= lo)
                and (hi is None or p.serapan < hi))
        sheet.text(r, 0, label)
        sheet.formula(r, 1, formula, n, "integer")
        r += 1
    return r, {
        "kind": "count",
        "categories": [NAME, r0 + 2, 0, r - 1, 0],
        "values": [NAME, r0 + 2, 1, r - 1, 1],
        "title": f"Jumlah Program per Tingkat Serapan Anggaran Tahun {result.tahun} ({len(funded)} program)",
        "n": len(SERAPAN_BANDS),
    }


def _bars(name: str, data: dict[str, Any], gap: int, num_format: str | None = None) -> dict[str, Any]:
    """The bar series every chart here draws: the data's categories and values, labelled."""
    labels: dict[str, Any] = {"value": True, "font": {"name": FONT, "size": 8}}
    if num_format:
        labels["num_format"] = num_format
    return {"name": name, "categories": data["categories"], "values": data["values"], "fill": {"color": BAR},
            "data_labels": labels, "gap": gap}


def count_chart(workbook: Any, data: dict[str, Any], name: str) -> Any:
    chart = workbook.add_chart({"type": "column"})
    chart.add_series(_bars(name, data, gap=80))
    chart.set_title({"name": data["title"], "name_font": {"name": FONT, "size": 11, "bold": True}})
    chart.set_legend({"none": True})
    chart.set_y_axis({"name": name, "num_font": {"name": FONT, "size": 8}, "name_font": {"name": FONT, "size": 9},
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_chartarea({"border": {"none": True}})
    return chart


def capaian_chart(workbook: Any, data: dict[str, Any]) -> Any:
    if data["kind"] == "count":
        return count_chart(workbook, data, "Jumlah IKU")
    chart = workbook.add_chart({"type": "column"})
    chart.add_series(_bars("Capaian (%)", data, gap=80, num_format='0"%"'))
    line = workbook.add_chart({"type": "line"})
    line.add_series({
        "name": data["threshold"],
        "categories": data["categories"],
        "values": data["line"],
        "line": {"color": LINE, "width": 1.75, "dash_type": "dash"},
        "marker": {"type": "none"},
    })
    chart.combine(line)
    _style(chart, data["title"], "Capaian (%)")
    chart.set_x_axis({"name": "Indikator Kinerja Utama", "num_font": {"name": FONT, "size": 8},
                      "name_font": {"name": FONT, "size": 9}})
    return chart


def serapan_chart(workbook: Any, data: dict[str, Any]) -> Any:
    if data["kind"] == "count":
        return count_chart(workbook, data, "Jumlah program")
    chart = workbook.add_chart({"type": "bar"})
    chart.add_series(_bars("Serapan (%)", data, gap=60, num_format='0"%"'))
    _style(chart, data["title"], "Serapan (%)")
    chart.set_y_axis({"reverse": True, "num_font": {"name": FONT, "size": 8}})
    chart.set_x_axis({"min": 0, "max": 110, "major_unit": 10, "num_format": '0"%"',
                      "num_font": {"name": FONT, "size": 8}, "major_gridlines": {"visible": True,
                                                                                 "line": {"color": "#D9D9D9"}}})
    return chart


def _style(chart: Any, title: str, y_name: str) -> None:
    chart.set_title({"name": title, "name_font": {"name": FONT, "size": 11, "bold": True}})
    chart.set_legend({"position": "bottom", "font": {"name": FONT, "size": 8}})
    chart.set_y_axis({"name": y_name, "num_format": '0"%"', "num_font": {"name": FONT, "size": 8},
                      "name_font": {"name": FONT, "size": 9},
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_chartarea({"border": {"none": True}})


def insert_charts(workbook: Any, grafik: Sheet, data: dict[str, Any], beside: dict[str, tuple[Sheet, int, int]]) -> None:
    """The charts on ``Grafik`` and again beside the tables named in ``beside`` (sheet, row, col)."""
    grafik.ws.insert_chart(1, 0, capaian_chart(workbook, data["capaian"]), {"x_scale": 1.9, "y_scale": 1.35})
    grafik.ws.insert_chart(22, 0, serapan_chart(workbook, data["serapan"]), {"x_scale": 1.9, "y_scale": 1.35})
    for key, (sheet, row, col) in beside.items():
        chart = capaian_chart(workbook, data["capaian"]) if key == "capaian" else serapan_chart(workbook, data["serapan"])
        sheet.ws.insert_chart(row, col, chart, {"x_scale": 1.9, "y_scale": 1.2})
        sheet.keep_together(row, row + CHART_BESIDE_ROWS)  # the chart is not cut by a page break


def _fmt(value) -> str:
    from lakip_xl.parse import format_number

    return format_number(value) if value is not None else "-"


def _page(ctx: Context) -> None:
    from lakip_xl.report import tabel_iii_1

    sheet = ctx.sheet(NAME)
    data = write_grafik(sheet, ctx.result, ctx.refs)
    insert_charts(ctx.workbook, sheet, data, {
        "capaian": (ctx.sheet(tabel_iii_1.NAME), ctx.notes["below_tabel_iii_1"], 0),
    })


PAGE = register(Page(NAME, "Grafik capaian IKU terhadap batas 85% dan serapan anggaran per program", order=90,
                     write_order=110, chart_data=True, write=_page))

__all__ = ["write_grafik", "insert_charts", "PAGE"]
