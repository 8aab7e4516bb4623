"""Sheet ``Rencana Kinerja``: Bab II.B of the seed (Perjanjian dan Rencana Kinerja), per sasaran.

For each sasaran: its IKU with the year's target, the sentence "Indikator ini dicapai melalui N Program
dan N kegiatan serta N sub kegiatan" and, below, every programme, kegiatan and sub kegiatan of the year
that supports it (the parts of the code tree, as in Tabel III.(7k+1)) with its output indicator, target,
satuan and alokasi anggaran, then the sasaran's JUMLAH and, at the foot, the total of all sasaran.

The alokasi is the DPA pagu the units report (setelah perubahan, sheet Realisasi Anggaran; each cell a
formula to it), the budget of the Perjanjian Kinerja Perubahan and of Bab III. The seed's Bab II.B prints
another budget for 19 of its 24 sub kegiatan, neither the DPA pagu nor the Renstra's indicative pagu
(probably the DPA before the perubahan, SEED_NOTES C18); its counts differ for SS2 and SS9, where it
lists the programmes differently from Bab III (C19, C20).
"""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.compute import LakipResult, ProgramPart, SasaranResult
from lakip_xl.measures import Categorical, Target
from lakip_xl.parse import format_number
from lakip_xl.report import formulas
from lakip_xl.narrative import counted
from lakip_xl.report.base import Refs
from lakip_xl.report.pages import Page, register
from lakip_xl.report.realisasi_anggaran import part_amount
from lakip_xl.xlsx.sheet import Sheet, local
from lakip_xl.xlsx.style import page_setup

NAME = "Rencana Kinerja"
WIDTHS = [16, 44, 44, 11, 10, 21]
NCOL = len(WIDTHS)
ALOKASI = 5


def headers(tahun: int) -> list[str]:
    return ["KODE", "PROGRAM/ KEGIATAN/ SUB KEGIATAN", "INDIKATOR OUTPUT", f"TARGET {tahun}", "SATUAN",
            f"ALOKASI ANGGARAN {tahun} (PAGU DPA)"]


def dicapai(counts: dict[str, int], n_iku: int) -> str:
    """ "Indikator ini dicapai melalui 1 (satu) Program dan 2 (dua) kegiatan serta 4 (empat) sub kegiatan." """
    subject = "Indikator ini" if n_iku <= 1 else f"Ke-{n_iku} indikator ini"
    return (f"{subject} dicapai melalui {counted(counts['program'])} Program dan "
            f"{counted(counts['kegiatan'])} kegiatan serta {counted(counts['sub_kegiatan'])} sub kegiatan.")


def write_rencana_kinerja(sheet: Sheet, result: LakipResult, refs: Refs, sub_kegiatan: bool = True) -> None:
    """``sub_kegiatan=False`` (a very large consolidation): rows down to kegiatan, as the stacked analysis
    tables; the counts still count every sub kegiatan."""
    sheet.widths(WIDTHS)
    t = result.tahun
    sheet.merge_text(0, 0, 0, NCOL - 1, f"PERJANJIAN DAN RENCANA KINERJA TAHUN {t}", "caption")
    sheet.merge_text(1, 0, 1, NCOL - 1, "Program, kegiatan dan sub kegiatan pendukung setiap sasaran strategis, "
                                        "dengan indikator output, target dan alokasi anggaran", "subtitle")
    sheet.header(2, headers(t))
    r = 3
    totals = []
    for k, s in enumerate(result.sasaran, start=1):
        r, total = _sasaran(sheet, result, refs, r, k, s, sub_kegiatan)
        if total is not None:
            totals.append(total)
        sheet.release(r)  # the block is complete
    sheet.merge_text(r, 0, r, ALOKASI - 1, "JUMLAH ALOKASI ANGGARAN SELURUH SASARAN STRATEGIS", "total_label")
    sheet.formula(r, ALOKASI, formulas.total([local(x, ALOKASI) for x in totals]), result.sasaran_pagu,
                  "total_rupiah")
    sheet.ws.freeze_panes(3, 0)
    page_setup(sheet.ws, repeat_rows=(2, 2), footer_title=f"{NAME} — LAKIP {t}")


def _sasaran(sheet: Sheet, result: LakipResult, refs: Refs, r: int, k: int, s: SasaranResult,
             sub_kegiatan: bool = True) -> tuple[int, int | None]:
    """The block of sasaran ``k``; returns the row below and its JUMLAH row (``None``: no programme)."""
    sheet.keep_together(r, r + 3 + len(s.iku))
    sheet.merge_text(r, 0, r, NCOL - 1, f"SASARAN STRATEGIS {k} : {s.sasaran}", "text_bold")
    r += 1
    for item in s.iku:
        target = "-" if item.target is None else f"{_text(item.target)}{_unit(item.iku.satuan)}"
        sheet.merge_text(r, 0, r, NCOL - 1, f"Indikator Kinerja Utama : {item.iku.indikator} (target "
                                            f"{result.tahun}: {target})", "text")
        r += 1
    sheet.merge_text(r, 0, r, NCOL - 1, dicapai(s.counts(), len(s.iku)), "text")
    r += 1
    program_rows = []
    for p in s.programs:
        for part in p.walk():
            if part.level == "sub_kegiatan" and not sub_kegiatan:
                continue
            if part.level == "program":
                program_rows.append(r)
            r = _part(sheet, refs, r, part)
    if not s.programs:
        sheet.merge_text(r, 0, r, NCOL - 1, "Tidak ada program yang mendukung sasaran ini di Renstra.", "note")
        return r + 2, None
    sheet.merge_text(r, 0, r, ALOKASI - 1, f"JUMLAH SASARAN STRATEGIS {k}", "total_label")
    sheet.formula(r, ALOKASI, formulas.total([local(x, ALOKASI) for x in program_rows]), s.pagu, "total_rupiah")
    return r + 2, r


def _part(sheet: Sheet, refs: Refs, r: int, part: ProgramPart) -> int:
    """One row per indicator of a programme's, kegiatan's or sub kegiatan's part; the alokasi on the first."""
    lvl = part.level
    styles = sheet.styles
    indicators = part.indicators or [None]
    for j, ind in enumerate(indicators):
        sheet.text(r, 0, part.kode if j == 0 else "", styles.level("code", lvl))
        sheet.text(r, 1, part.uraian if j == 0 else "", styles.level("text", lvl))
        if ind is None:
            for c in (2, 3, 4):
                sheet.text(r, c, "-", styles.level("text_center", lvl))
        else:
            sheet.text(r, 2, ind.row.indikator or "-", styles.level("text", lvl))
            sheet.num(r, 3, ind.target, styles.numeric("number", ind.target, None, lvl))
            sheet.text(r, 4, ind.row.satuan or "", styles.level("text_center", lvl))
        if j == 0:
            sheet.formula(r, ALOKASI, part_amount(refs, part, "pagu"), part.pagu, styles.level("rupiah", lvl))
        else:
            sheet.blank(r, ALOKASI, styles.level("rupiah", lvl))
        r += 1
    return r


def _text(value: Target) -> str:
    """A target as the seed writes it in prose: ``5,88``; a range or category as its own text."""
    return format_number(value) if isinstance(value, (Decimal, int)) and not isinstance(value, Categorical) \
        else str(value)


def _unit(satuan: str | None) -> str:
    if not satuan:
        return ""
    return "%" if satuan.strip().lower() in ("%", "persen") else f" {satuan}"


PAGE = register(Page(NAME, "Bab II.B: program, kegiatan dan sub kegiatan setiap sasaran dengan target dan alokasi "
                           "anggaran", order=76, write_order=76,
                     write=lambda ctx: write_rencana_kinerja(ctx.sheet(NAME), ctx.result, ctx.refs,
                                                             sub_kegiatan=not ctx.stacked)))
