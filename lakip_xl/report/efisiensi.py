"""Sheet ``Efisiensi``: serapan and efisiensi of each programme that supports a sasaran.

One row per sasaran and programme: a programme whose kegiatan support two
sasaran has a row under each, with the amounts of the kegiatan that support
that sasaran. Pagu and realisasi reference ``Realisasi Anggaran``; Capaian
Kinerja is the programme's own capaian (its first indicator, from ``Indikator
Program``), on the row of the sasaran its indicators support.
"""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.compute import LakipResult, ProgramPart, percent
from lakip_xl.model import key_text
from lakip_xl.report import formulas
from lakip_xl.report.base import Refs
from lakip_xl.xlsx.sheet import Sheet, local
from lakip_xl.report.pages import Page, register
from lakip_xl.report.realisasi_anggaran import part_amount

NAME = "Efisiensi"
HEADERS = ["Kode Sasaran", "Kode", "Program", "Pagu", "Realisasi", "Serapan (%)", "Capaian Kinerja (%)",
           "Efisiensi (Rp)", "Efisiensi (%)"]
WIDTHS = [11, 11, 52, 18, 18, 10, 12, 17, 10]


def write_efisiensi(sheet: Sheet, result: LakipResult, refs: Refs) -> None:
    sheet.header(0, HEADERS)
    sheet.widths(WIDTHS)
    r = 1
    for s in result.sasaran:
        for p in s.programs:
            sheet.text(r, 0, s.kode_sasaran, "code")
            sheet.text(r, 1, p.kode, "code")
            sheet.text(r, 2, p.uraian)
            program_cells(sheet, r, p, refs)
            r += 1
    if r > 1:
        sheet.text(r, 0, "", "total_blank")
        sheet.text(r, 1, "", "total_blank")
        sheet.text(r, 2, "JUMLAH", "total_label")
        total_cells(sheet, r, 1, result.sasaran_pagu, result.sasaran_realisasi)
    sheet.ws.freeze_panes(1, 3)
    sheet.ws.autofilter(0, 0, max(r - 1, 1), len(HEADERS) - 1)


# Columns D–I (pagu … efisiensi %) are the same in this sheet and in each sasaran's efficiency
# table (Tabel III.6 and kin); the writers of both call these two.

def program_cells(sheet: Sheet, r: int, p: ProgramPart, refs: Refs, no_capaian: str | None = None) -> None:
    """Pagu, realisasi, serapan, capaian, efisiensi Rp and % of one program's part, in columns D–I of row ``r``.

    ``no_capaian``: the text shown when the part has no indicator of its own (an empty cell when ``None``).
    """
    sheet.formula(r, 3, part_amount(refs, p, "pagu"), p.pagu, "rupiah")
    sheet.formula(r, 4, part_amount(refs, p, "realisasi"), p.realisasi, "rupiah")
    sheet.formula(r, 5, formulas.percent(local(r, 4), local(r, 3)), p.serapan, "percent")
    first = p.indicators[0] if p.indicators else None
    if first is not None:
        src = refs.indicator[(p.kode, key_text(first.row.indikator))]["capaian"]
        sheet.formula(r, 6, formulas.ref(src), first.capaian, "percent")
    elif no_capaian is None:
        sheet.blank(r, 6, "percent")
    else:
        sheet.text(r, 6, no_capaian, "text_center")
    sheet.formula(r, 7, formulas.difference(local(r, 3), local(r, 4)), p.efisiensi, "rupiah")
    sheet.formula(r, 8, formulas.percent(local(r, 7), local(r, 3)), p.efisiensi_persen, "percent")


def total_cells(sheet: Sheet, r: int, first: int, pagu: Decimal | None, real: Decimal | None) -> None:
    """The JUMLAH row's columns D–I, summing program rows ``first`` … ``r - 1`` (0-based)."""
    eff = pagu - real if pagu is not None and real is not None else None
    sheet.formula(r, 3, formulas.total([f"D{first + 1}:D{r}"]), pagu, "total_rupiah")
    sheet.formula(r, 4, formulas.total([f"E{first + 1}:E{r}"]), real, "total_rupiah")
    sheet.formula(r, 5, formulas.percent(local(r, 4), local(r, 3)), percent(real, pagu), "total_percent")
    sheet.blank(r, 6, "total_blank")
    sheet.formula(r, 7, formulas.difference(local(r, 3), local(r, 4)), eff, "total_rupiah")
    sheet.formula(r, 8, formulas.percent(local(r, 7), local(r, 3)), percent(eff, pagu), "total_percent")


PAGE = register(Page(NAME, "Serapan dan efisiensi anggaran setiap program pendukung sasaran", order=40,
                     write_order=40, flat=True, repeat_header=True,
                     write=lambda ctx: write_efisiensi(ctx.sheet(NAME), ctx.result, ctx.refs)))
