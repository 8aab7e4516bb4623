"""Sheet ``Realisasi Anggaran`` (Bab III.B): pagu and realisasi by code, with totals.

Leaf amounts (sub kegiatan, or a kegiatan without sub kegiatan) are the
submitted values; kegiatan and program amounts are live sums of their
children. Column ``Kode Sasaran`` gives the sasaran each row supports;
``Kelompok Anggaran`` marks the topmost row of each block that counts wholly in
one group (Pendukung Sasaran, Penunjang, Tanpa Sasaran), and the group totals
sum those rows, so a programme whose kegiatan support two sasaran is counted
once, through its kegiatan. This sheet is the source of every budget figure in
the other tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from lakip_xl.compute import LakipResult, NodeResult, ProgramPart, percent
from lakip_xl.model import PENDUKUNG, PENUNJANG, TANPA_SASARAN
from lakip_xl.excel import column_range
from lakip_xl.report import formulas
from lakip_xl.report.base import Refs, RowRefs
from lakip_xl.xlsx.sheet import Sheet, absolute, local
from lakip_xl.report.pages import Context, Page, register

NAME = "Realisasi Anggaran"
HEADERS = ["Kode", "Uraian", "Pagu", "Realisasi", "%", "Tingkat", "Kode Sasaran", "Kelompok Anggaran"]
WIDTHS = [17, 70, 19, 19, 8, 16, 11, 18]
PAGU, REAL, PCT, LEVEL, SASARAN, GROUP = 2, 3, 4, 5, 6, 7
COLUMNS = {"pagu": PAGU, "realisasi": REAL, "persen": PCT}
LEVEL_LABEL = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub Kegiatan"}
PENUNJANG_LABEL = "Program Penunjang"
TOTAL_SASARAN = "JUMLAH PROGRAM PENDUKUNG SASARAN STRATEGIS"
TOTAL_PENUNJANG = "JUMLAH PROGRAM PENUNJANG"
TOTAL_TANPA = "JUMLAH PROGRAM TANPA SASARAN"
TOTAL_BELANJA = "JUMLAH BELANJA (SELURUH PROGRAM)"
#: the group totals, in order: label, group, key of refs.total, amounts from the result
TOTALS = ((TOTAL_SASARAN, PENDUKUNG, "sasaran"), (TOTAL_PENUNJANG, PENUNJANG, "penunjang"),
          (TOTAL_TANPA, TANPA_SASARAN, "tanpa_sasaran"))


def _label(node: NodeResult) -> str:
    if node.level == "program" and node.penunjang:
        return PENUNJANG_LABEL
    return LEVEL_LABEL.get(node.level, node.level)


@dataclass(frozen=True)
class Layout:
    """Where the sheet puts each code, derived from the result alone (:attr:`Page.prepare`)."""

    #: kode → its row (the codes from row 1, in :meth:`LakipResult.nodes` order)
    rows: RowRefs
    #: how many codes (the last code's row)
    count: int
    #: the codes' levels in the order the rows first meet them (the order their formats are created in)
    levels: tuple[str, ...]


def layout(result: LakipResult) -> Layout:
    rows = RowRefs(NAME, COLUMNS)
    levels: dict[str, None] = {}
    r = 0
    for r, node in enumerate(result.nodes(), start=1):
        rows[node.kode] = r
        levels.setdefault(node.level)
    return Layout(rows, r, tuple(levels))


def write_realisasi_anggaran(sheet: Sheet, result: LakipResult, refs: Refs, plan: Layout | None = None) -> None:
    """``plan``: the sheet's :func:`layout` (computed here when not given)."""
    plan = plan if plan is not None else layout(result)
    refs.node = plan.rows
    sheet.header(0, HEADERS)
    sheet.widths(WIDTHS)
    if sheet.null:
        # another process writes the cells: the formats of its levels, created in the same order
        for lvl in plan.levels:
            for name in ("code", "text", "rupiah", "percent"):
                sheet.styles.level(name, lvl)
    else:
        _code_rows(sheet, result, plan)
    last = plan.count
    refs.total["program_level_range"] = f"'{NAME}'!{column_range(LEVEL, 1, last)}"
    refs.total["program_percent_range"] = f"'{NAME}'!{column_range(PCT, 1, last)}"
    _total_rows(sheet, result, refs, last)
    sheet.ws.freeze_panes(1, 2)
    sheet.ws.autofilter(0, 0, max(last, 1), len(HEADERS) - 1)
    sheet.ws.outline_settings(True, False, True, False)


def _code_rows(sheet: Sheet, result: LakipResult, plan: Layout) -> None:
    """A row per code, as :func:`layout` places them: leaves' amounts as values, parents' as sums of their
    children."""
    row_of = plan.rows.row
    # by code (a code is one node), not by id(): 190,000 new integers here would land in the memory this
    # process shares with the helper writing beside it, and copy it
    roots = {root.kode: group for group, parts in ((PENDUKUNG, result.pendukung), (PENUNJANG, result.penunjang),
                                                    (TANPA_SASARAN, result.tanpa_sasaran))
             for part in parts for root in part.roots}
    styles = sheet.styles
    for r, node in enumerate(result.nodes(), start=1):
        lvl = node.level
        sheet.text(r, 0, node.kode, styles.level("code", lvl))
        sheet.text(r, 1, node.uraian, styles.level("text", lvl))
        for col, attr in ((PAGU, "pagu"), (REAL, "realisasi")):
            kids = [k for k in node.children if getattr(k, attr) is not None]
            if kids:
                cells = [local(row_of(k.kode), col) for k in node.children]
                sheet.formula(r, col, formulas.total(cells), getattr(node, attr), styles.level("rupiah", lvl))
            else:
                sheet.num(r, col, getattr(node, attr), styles.level("rupiah", lvl))
        sheet.formula(r, PCT, formulas.percent(local(r, REAL), local(r, PAGU)), node.serapan,
                      styles.level("percent", lvl))
        sheet.text(r, LEVEL, _label(node), styles.level("text", lvl))
        sheet.text(r, SASARAN, node.kode_sasaran, styles.level("code", lvl))
        sheet.text(r, GROUP, roots.get(node.kode), styles.level("text", lvl))
        if lvl != "program":
            sheet.outline(r, 1 if lvl == "kegiatan" else 2)
        if r % 512 == 0:
            sheet.flush(r + 1)


def _total_rows(sheet: Sheet, result: LakipResult, refs: Refs, last: int) -> None:
    """The group totals (summing the rows marked in Kelompok Anggaran) and BELANJA (every programme row)."""
    def rng(col: int) -> str:
        return column_range(col, 1, last)

    amounts = {"sasaran": (result.sasaran_pagu, result.sasaran_realisasi),
               "penunjang": (result.penunjang_pagu, result.penunjang_realisasi),
               "tanpa_sasaran": (result.tanpa_sasaran_pagu, result.tanpa_sasaran_realisasi),
               "belanja": (result.total_pagu, result.total_realisasi)}
    for r, (label, group, key) in enumerate(TOTALS + ((TOTAL_BELANJA, None, "belanja"),), start=last + 1):
        sheet.text(r, 0, "", "total_blank")
        sheet.text(r, 1, label, "total_label")
        for col, value in zip((PAGU, REAL), amounts[key]):
            if group is not None:
                f = formulas.total_where(rng(GROUP), group, rng(col))
            else:  # every programme row, whatever its group: the sum the group totals must make
                f = formulas.total_where(rng(LEVEL), (LEVEL_LABEL["program"], PENUNJANG_LABEL), rng(col))
            sheet.formula(r, col, f, value, "total_rupiah")
        sheet.formula(r, PCT, formulas.percent(local(r, REAL), local(r, PAGU)),
                      percent(amounts[key][1], amounts[key][0]), "total_percent")
        sheet.text(r, LEVEL, "Jumlah", "total_label")
        sheet.text(r, SASARAN, "", "total_blank")
        sheet.text(r, GROUP, group or "", "total_label")
        refs.total[f"{key}_pagu"] = absolute(NAME, r, PAGU)
        refs.total[f"{key}_realisasi"] = absolute(NAME, r, REAL)
        refs.total[f"{key}_persen"] = absolute(NAME, r, PCT)


def part_amount(refs: Refs, part: ProgramPart | NodeResult, attr: str) -> str:
    """Formula of a part's pagu or realisasi: its node's row when the node counts wholly, else its roots' sum."""
    if isinstance(part, NodeResult) or part.whole:
        return formulas.ref(refs.node[part.kode][attr])
    return formulas.total([refs.node[root.kode][attr] for root in part.roots])


def _page(ctx: Context) -> None:
    write_realisasi_anggaran(ctx.sheet(NAME), ctx.result, ctx.refs, ctx.prepared.get(NAME))


PAGE = register(Page(NAME, "Pagu dan realisasi per program, kegiatan, sub kegiatan (Bab III.B)", order=50,
                     write_order=30, flat=True, repeat_header=True,
                     write=_page, prepare=layout))
