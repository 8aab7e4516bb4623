"""Sheet ``Tabel 6.1``: the Renstra's Rencana Program, Kegiatan, Indikator Kinerja dan Pendanaan Indikatif,
as the seed's Lampiran prints it (18 columns for a four-year Renstra).

``Tujuan | Sasaran | Kode | Program, Kegiatan dan sub kegiatan | Indikator | Data Capaian pada Tahun Awal |
<year> Target | Rp`` (each Renstra year) ``| Kondisi akhir Target | Rp | Unit Kerja | Lokasi``, with the
seed's column numbers (1)–(6), (10)… (it skips 7–9). Built from the Renstra only (:mod:`lakip_xl.plan`):
a sasaran's and a tujuan's Rp are the sums of the codes that support them, with formulas over those rows;
the JUMLAH row sums every programme. Written when the Renstra was read with every year (not for a city's
Renstra that a consolidation reads for its own year only: the Renstra workbook is then the table).
"""

from __future__ import annotations

from lakip_xl.compute import LakipResult
from lakip_xl.plan import SASARAN, TOTAL, TUJUAN, PlanRow
from lakip_xl.report import formulas
from lakip_xl.report.pages import Context, Page, register
from lakip_xl.xlsx.sheet import Sheet, local
from lakip_xl.xlsx.style import page_setup

NAME = "Tabel 6.1"
#: Tujuan, Sasaran, Kode, Uraian, Indikator, Baseline; per year Target, Rp; akhir Target, Rp; Unit, Lokasi
LEAD = [14, 16, 13, 26, 28, 11]
PAIR = [9, 14]
TAIL = [13, 8]
LEVEL_STYLE = {TUJUAN: "program", SASARAN: "program", "program": "program", "kegiatan": "kegiatan"}


def headers(years: list[int]) -> tuple[list[str], list[str]]:
    """The two header rows (year groups over Target | Rp) and the column numbers."""
    top = ["Tujuan", "Sasaran", "Kode", "Program, Kegiatan dan sub kegiatan",
           "Indikator Kinerja Tujuan, Sasaran, Program (outcome) dan Kegiatan (output)",
           "Data Capaian pada Tahun Awal Perencanaan"]
    numbers = [f"({n})" for n in range(1, 7)]
    n = 10
    for _ in range(len(years) + 1):
        numbers += [f"({n})", f"({n + 1})"]
        n += 2
    numbers += [f"({n})", f"({n + 1})"]
    return top, numbers


def write_tabel_6_1(sheet: Sheet, result: LakipResult) -> None:
    renstra = result.renstra
    years = list(renstra.years)
    ncol = len(LEAD) + 2 * (len(years) + 1) + len(TAIL)
    sheet.widths(LEAD + PAIR * (len(years) + 1) + TAIL)
    end = f"{years[-1]}" if years else ""
    sheet.merge_text(0, 0, 0, ncol - 1, "TABEL 6.1", "caption")
    sheet.merge_text(1, 0, 1, ncol - 1, "RENCANA PROGRAM, KEGIATAN, INDIKATOR KINERJA DAN PENDANAAN INDIKATIF "
                                        f"{result.instansi.get('nama instansi', '').upper()}", "caption")
    top, numbers = headers(years)
    h0, h1 = 3, 4
    for c, label in enumerate(top):
        sheet.merge_text(h0, c, h1, c, label, "header")
    c = len(LEAD)
    for label in [str(y) for y in years] + [f"Kondisi Kinerja pada akhir periode Renstra ({end})"]:
        sheet.merge_text(h0, c, h0, c + 1, label, "header")
        sheet.text(h1, c, "Target", "header")
        sheet.text(h1, c + 1, "Rp", "header")
        c += 2
    sheet.merge_text(h0, c, h1, c, "Unit Kerja Perangkat Daerah Penanggung-jawab", "header")
    sheet.merge_text(h0, c + 1, h1, c + 1, "Lokasi", "header")
    for i, label in enumerate(numbers):
        sheet.text(h1 + 1, i, label, "colnum")
    r = h1 + 2
    rows = result.plan
    for i, row in enumerate(rows):
        _row(sheet, r + i, row, years, [r + j for j in row.sums])
    sheet.ws.freeze_panes(h1 + 2, 3)
    page_setup(sheet.ws, repeat_rows=(h0, h1 + 1), footer_title=f"{NAME} Renstra — LAKIP {result.tahun}")


def _row(sheet: Sheet, r: int, row: PlanRow, years: list[int], sums: list[int]) -> None:
    lvl = LEVEL_STYLE.get(row.level)
    styles = sheet.styles
    text, center = styles.level("text", lvl), styles.level("text_center", lvl)
    if row.level == TOTAL:
        sheet.merge_text(r, 0, r, len(LEAD) - 1, "JUMLAH", "total_label")
    else:
        for c, value in enumerate((row.tujuan, row.sasaran, row.kode, row.uraian, row.indikator)):
            sheet.text(r, c, value or "", styles.level("code", lvl) if c == 2 else text)
        sheet.num(r, 5, row.baseline, styles.numeric("number", row.baseline, row.satuan, lvl))
    c = len(LEAD)
    money = styles.level("amount", lvl) if row.level != TOTAL else styles["total_amount"]
    for y in years + [None]:
        target = row.targets.get(y) if y is not None else row.target_akhir
        pagu = row.pagu.get(y) if y is not None else row.pagu_akhir
        if row.level == TOTAL:
            sheet.blank(r, c, "total_blank")
        else:
            sheet.num(r, c, target, styles.numeric("number", target, row.satuan, lvl))
        if y is None and row.pagu:  # kondisi akhir: the last year's Rp
            sheet.formula(r, c + 1, formulas.ref(local(r, c - 1)), pagu, money)
        elif sums and row.pagu:
            sheet.formula(r, c + 1, formulas.total([local(x, c + 1) for x in sums]), pagu, money)
        else:
            sheet.num(r, c + 1, pagu, money)
        c += 2
    sheet.text(r, c, row.unit or "", center if row.level != TOTAL else "total_blank")
    sheet.text(r, c + 1, row.lokasi or "", center if row.level != TOTAL else "total_blank")


def _names(ctx: Context) -> list[tuple[str, str | None]]:
    if ctx.stacked or not ctx.result.has_plan:  # stacked: the plan is not built (LakipResult.plan)
        return []
    return [(NAME, "Lampiran Tabel 6.1 Renstra: program, kegiatan, indikator kinerja dan pendanaan indikatif")]


PAGE = register(Page(NAME, None, order=72, write_order=72, names=_names,
                     write=lambda ctx: write_tabel_6_1(ctx.sheet(NAME), ctx.result) if NAME in ctx.sheets else None))
