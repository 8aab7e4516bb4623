"""Sheet ``Realisasi Anggaran`` (Bab III.B): pagu and realisasi by code, with totals.

Sub kegiatan amounts are the submitted values; kegiatan and program amounts
are live sums of their children, and the totals sum the program rows. This
sheet is the source of every budget figure in the other tables.
"""

from __future__ import annotations

from lakip_xl.compute import LakipResult, NodeResult, percent
from lakip_xl.report import formulas
from lakip_xl.report.base import Refs, RowRefs, Sheet, absolute, local

NAME = "Realisasi Anggaran"
HEADERS = ["Kode", "Uraian", "Pagu", "Realisasi", "%", "Tingkat"]
WIDTHS = [17, 70, 19, 19, 8, 16]
PAGU, REAL, PCT, LEVEL = 2, 3, 4, 5
COLUMNS = {"pagu": PAGU, "realisasi": REAL, "persen": PCT}
LEVEL_LABEL = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub Kegiatan"}
PENUNJANG = "Program Penunjang"
TOTAL_SASARAN = "JUMLAH PROGRAM PENDUKUNG SASARAN STRATEGIS"
TOTAL_BELANJA = "JUMLAH BELANJA (SELURUH PROGRAM)"


def _label(node: NodeResult) -> str:
    if node.level == "program" and node.penunjang:
        return PENUNJANG
    return LEVEL_LABEL.get(node.level, node.level)


def write_realisasi_anggaran(sheet: Sheet, result: LakipResult, refs: Refs) -> None:
    refs.node = RowRefs(NAME, COLUMNS)
    sheet.header(0, HEADERS)
    sheet.widths(WIDTHS)
    nodes = list(result.nodes())
    row_of = {n.kode: i for i, n in enumerate(nodes, start=1)}
    styles = sheet.styles
    for r, node in enumerate(nodes, start=1):
        lvl = node.level
        sheet.text(r, 0, node.kode, styles.level("code", lvl))
        sheet.text(r, 1, node.uraian, styles.level("text", lvl))
        for col, attr in ((PAGU, "pagu"), (REAL, "realisasi")):
            kids = [k for k in node.children if getattr(k, attr) is not None]
            if kids:
                cells = [local(row_of[k.kode], col) for k in node.children]
                sheet.formula(r, col, formulas.total(cells), getattr(node, attr), styles.level("rupiah", lvl))
            else:
                sheet.num(r, col, getattr(node, attr), styles.level("rupiah", lvl))
        sheet.formula(r, PCT, formulas.percent(local(r, REAL), local(r, PAGU)), node.serapan,
                      styles.level("percent", lvl))
        sheet.text(r, LEVEL, _label(node), styles.level("text", lvl))
        refs.node[node.kode] = r
        if lvl != "program":
            sheet.outline(r, 1 if lvl == "kegiatan" else 2)
        if r % 512 == 0:
            sheet.flush(r + 1)
    last = len(nodes)
    rng = lambda col: f"${chr(65 + col)}$2:${chr(65 + col)}${last + 1}"  # noqa: E731
    refs.total["program_level_range"] = f"'{NAME}'!{rng(LEVEL)}"
    refs.total["program_percent_range"] = f"'{NAME}'!{rng(PCT)}"
    r = last + 1
    for label, kind, pagu, real in (
        (TOTAL_SASARAN, "Program", result.sasaran_pagu, result.sasaran_realisasi),
        (TOTAL_BELANJA, None, result.total_pagu, result.total_realisasi),
    ):
        sheet.text(r, 0, "", "total_blank")
        sheet.text(r, 1, label, "total_label")
        for col, value in ((PAGU, pagu), (REAL, real)):
            if kind:
                f = formulas.total_where(rng(LEVEL), kind, rng(col))
            else:
                f = formulas.total([local(r - 1, col)] + [local(row_of[p.kode], col) for p in result.programs
                                                         if p.penunjang])
            sheet.formula(r, col, f, value, "total_rupiah")
        sheet.formula(r, PCT, formulas.percent(local(r, REAL), local(r, PAGU)),
                      percent(real, pagu), "total_percent")
        sheet.text(r, LEVEL, "Jumlah", "total_label")
        key = "sasaran" if kind else "belanja"
        refs.total[f"{key}_pagu"] = absolute(NAME, r, PAGU)
        refs.total[f"{key}_realisasi"] = absolute(NAME, r, REAL)
        refs.total[f"{key}_persen"] = absolute(NAME, r, PCT)
        r += 1
    sheet.ws.freeze_panes(1, 2)
    sheet.ws.autofilter(0, 0, max(last, 1), len(HEADERS) - 1)
    sheet.ws.outline_settings(True, False, True, False)
