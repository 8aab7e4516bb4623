"""Sheet ``Lampiran PK``: the 15-column Pengukuran Kinerja table at the end of the seed.

One block per sasaran: its IKU (target, realisasi, %) beside the parts of its
programmes and kegiatan (indicator, satuan, target, realisasi, %, pagu,
realisasi, %), then Program Penunjang (and any programme without a sasaran),
the grand total and the total of the programmes that support a sasaran.
"""

from __future__ import annotations

from lakip_xl.compute import LakipResult, ProgramPart, SasaranResult
from lakip_xl.model import key_text
from lakip_xl.report import formulas
from lakip_xl.report.base import Refs
from lakip_xl.xlsx.sheet import Sheet, local
from lakip_xl.report.pages import Page, register
from lakip_xl.report.realisasi_anggaran import part_amount
from lakip_xl.xlsx.style import page_setup

NAME = "Lampiran PK"
WIDTHS = [20, 22, 9, 9, 7, 22, 24, 26, 8, 8, 8, 7, 16, 16, 6]
NCOL = len(WIDTHS)
TANPA_LABEL = "Program tanpa sasaran (lihat lembar Validasi)"


H0, H1 = 4, 5  # the two header rows; the column numbers below them


def write_lampiran_pk(sheet: Sheet, result: LakipResult, refs: Refs) -> None:
    sheet.widths(WIDTHS)
    inst = result.instansi
    sheet.merge_text(0, 0, 0, NCOL - 1, "PENGUKURAN KINERJA (PK)", "title")
    sheet.merge_text(1, 0, 1, NCOL - 1, f"SKPD : {inst.get('nama instansi', '').upper()}", "caption")
    sheet.merge_text(2, 0, 2, NCOL - 1, f"TAHUN ANGGARAN : {result.tahun}", "caption")
    _head(sheet)
    r = H1 + 2
    for s in result.sasaran:
        r = _sasaran_block(sheet, refs, s, r)
    for parts, label in ((result.penunjang, ""), (result.tanpa_sasaran, TANPA_LABEL)):
        r = _other_block(sheet, refs, parts, label, r)
    _totals(sheet, result, refs, r)
    sheet.ws.freeze_panes(H1 + 2, 1)
    page_setup(sheet.ws, repeat_rows=(H0, H1 + 1), footer_title=f"Lampiran PK — LAKIP {result.tahun}")


def _head(sheet: Sheet) -> None:
    for c, label in ((0, "SASARAN STRATEGIS"), (1, "INDIKATOR KINERJA"), (2, "TARGET"), (3, "REALISASI"),
                     (4, "%"), (5, "PROGRAM")):
        sheet.merge_text(H0, c, H1, c, label, "header")
    sheet.merge_text(H0, 6, H0, 11, "KEGIATAN", "header")
    sheet.merge_text(H0, 12, H0, 14, "ANGGARAN", "header")
    for c, label in ((6, "URAIAN"), (7, "INDIKATOR KINERJA"), (8, "SAT"), (9, "TARGET"), (10, "REALISASI"),
                     (11, "%"), (12, "PAGU"), (13, "REALISASI"), (14, "%")):
        sheet.text(H1, c, label, "header")
    sheet.colnums(H1 + 1, NCOL)


def _sasaran_block(sheet: Sheet, refs: Refs, s: SasaranResult, r: int) -> int:
    """A sasaran's IKU (columns 1–5) beside its programmes and kegiatan; returns the row below."""
    st = sheet.styles
    first = r
    rows = _rows(s.programs)
    for i in range(max(len(rows), len(s.iku), 1)):
        item = s.iku[i] if i < len(s.iku) else None
        if item is not None:
            src = refs.iku[item.kode]
            sheet.text(r, 1, item.iku.indikator)
            sheet.formula(r, 2, formulas.ref(src["target"]), item.target,
                          st.numeric("number", item.target, item.iku.satuan))
            sheet.formula(r, 3, formulas.ref(src["realisasi"]), item.realisasi,
                          st.numeric("number", item.realisasi, item.iku.satuan))
            sheet.formula(r, 4, formulas.ref(src["capaian"]), item.capaian, "percent")
        else:
            for c in range(1, 5):
                sheet.blank(r, c)
        _node_cells(sheet, refs, r, rows[i] if i < len(rows) else None)
        r += 1
    sheet.merge_text(first, 0, r - 1, 0, s.sasaran, "text")
    sheet.flush(r)
    return r


def _other_block(sheet: Sheet, refs: Refs, parts: list[ProgramPart], label: str, r: int) -> int:
    """Program Penunjang (no label), or the programmes without a sasaran (labelled)."""
    first = r
    for row in _rows(parts):
        for c in range(0 if not label else 1, 5):
            sheet.blank(r, c)
        _node_cells(sheet, refs, r, row)
        r += 1
    if label and r > first:
        sheet.merge_text(first, 0, r - 1, 0, label, "text")
    return r


def _totals(sheet: Sheet, result: LakipResult, refs: Refs, r: int) -> None:
    """The grand total (BELANJA) and the total of the programmes that support a sasaran."""
    sheet.merge_text(r, 0, r, 11, "JUMLAH", "total_label")
    sheet.formula(r, 12, formulas.ref(refs.total["belanja_pagu"]), result.total_pagu, "total_rupiah")
    sheet.formula(r, 13, formulas.ref(refs.total["belanja_realisasi"]), result.total_realisasi, "total_rupiah")
    sheet.formula(r, 14, formulas.ref(refs.total["belanja_persen"]), result.total_serapan, "total_percent")
    r += 2
    for label, key, value in (
        (f"Jumlah Total Anggaran Sasaran Strategis Tahun {result.tahun} :", "sasaran_pagu", result.sasaran_pagu),
        (f"Jumlah Realisasi Anggaran Sasaran Strategis Tahun {result.tahun} :", "sasaran_realisasi",
         result.sasaran_realisasi),
    ):
        sheet.merge_text(r, 0, r, 4, label, "text_bold")
        sheet.merge_formula(r, 5, r, 6, formulas.ref(refs.total[key]), value, "rupiah_bold")
        r += 1


def _rows(programs: list[ProgramPart]) -> list[tuple[ProgramPart, int]]:
    """(part, indicator index) for every indicator of every programme and kegiatan, in order."""
    out: list[tuple[ProgramPart, int]] = []
    for p in programs:
        for node in [p] + [k for k in p.children if k.level == "kegiatan"]:
            for j in range(max(len(node.indicators), 1)):
                out.append((node, j))
    return out


def _node_cells(sheet: Sheet, refs: Refs, r: int, entry: tuple[ProgramPart, int] | None) -> list[tuple[str, int]]:
    st = sheet.styles
    if entry is None:
        for c in range(5, 15):
            sheet.blank(r, c)
        return []
    node, j = entry
    lvl = node.level
    first = j == 0
    sheet.text(r, 5, node.uraian if first and lvl == "program" else "", st.level("text", lvl))
    sheet.text(r, 6, node.uraian if first and lvl == "kegiatan" else "", st.level("text", lvl))
    texts = [(node.uraian if first else "", 5 if lvl == "program" else 6)]
    if node.indicators:
        ind = node.indicators[j]
        src = refs.indicator[(node.kode, key_text(ind.row.indikator))]
        sheet.text(r, 7, ind.row.indikator, st.level("text", lvl))
        sheet.text(r, 8, ind.row.satuan, st.level("text_center", lvl))
        sheet.formula(r, 9, formulas.ref(src["target"]), ind.target, st.numeric("number", ind.target, None, lvl))
        sheet.formula(r, 10, formulas.ref(src["realisasi"]), ind.realisasi,
                      st.numeric("number", ind.realisasi, None, lvl))
        sheet.formula(r, 11, formulas.ref(src["capaian"]), ind.capaian, st.level("percent", lvl))
        texts.append((ind.row.indikator or "", 7))
    else:
        for c in range(7, 12):
            sheet.blank(r, c, st.level("text", lvl))
    if first:
        sheet.formula(r, 12, part_amount(refs, node, "pagu"), node.pagu, st.level("rupiah", lvl))
        sheet.formula(r, 13, part_amount(refs, node, "realisasi"), node.realisasi, st.level("rupiah", lvl))
        persen = (formulas.ref(refs.node[node.kode]["persen"]) if node.whole
                  else formulas.percent(local(r, 13), local(r, 12)))
        sheet.formula(r, 14, persen, node.serapan, st.level("percent", lvl))
    else:
        for c in (12, 13, 14):
            sheet.blank(r, c, st.level("text", lvl))
    return texts


PAGE = register(Page(NAME, "Lampiran Pengukuran Kinerja (15 kolom)", order=70, write_order=70,
                     write=lambda ctx: write_lampiran_pk(ctx.sheet(NAME), ctx.result, ctx.refs)))
