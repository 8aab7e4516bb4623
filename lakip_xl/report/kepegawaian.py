"""Sheets ``Kepegawaian`` (Tabel 1.1–1.5 and 1.7) and ``Penempatan Pegawai`` (Tabel 1.6) of the LAKIP.

From the Sekretariat's Pegawai sheets (:mod:`lakip_xl.kepegawaian`). Every total is a formula over the
cells above it; Tabel 1.1 and the report year's column of Tabel 1.5 and 1.7 are sums of the placement
table, so the tables agree with each other by construction (the seed's did not: SEED_NOTES C25–C28; what
the clerk typed differently is listed in the Validasi sheet). Tabel 1.5 gets the Jumlah row the seed lacks.
Written only when a report has staff figures.
"""

from __future__ import annotations

from lakip_xl.compute import LakipResult
from lakip_xl.kepegawaian import (
    GOLONGAN, GROUPS, PENDIDIKAN, SEXES, Kepegawaian, column,
)
from lakip_xl.report.pages import Context, Page, register
from lakip_xl.xlsx.sheet import Sheet, local
from lakip_xl.xlsx.style import page_setup

NAME, PLACEMENT = "Kepegawaian", "Penempatan Pegawai"
PANGKAT = dict(GOLONGAN)
LEVEL_WORDS = dict(PENDIDIKAN)
GAP = 2  # empty rows between two tables


def _sum(cells: list[str]) -> str:
    return f"=SUM({','.join(cells)})" if cells else "=0"


def _caption(sheet: Sheet, r: int, ncols: int, text: str) -> int:
    sheet.merge_text(r, 0, r, ncols - 1, text, "caption")
    return r + 1


def _sex_header(sheet: Sheet, r: int, first: list[str], last: str) -> int:
    """Two header rows: ``first`` and ``last`` span both, JENIS KELAMIN over LAKI-LAKI | PEREMPUAN."""
    for c, label in enumerate(first):
        sheet.merge_text(r, c, r + 1, c, label, "header")
    c = len(first)
    sheet.merge_text(r, c, r, c + 1, "JENIS KELAMIN", "header")
    sheet.text(r + 1, c, "LAKI-LAKI", "header")
    sheet.text(r + 1, c + 1, "PEREMPUAN", "header")
    sheet.merge_text(r, c + 2, r + 1, c + 2, last, "header")
    return r + 2


def _sex_table(sheet: Sheet, r: int, lines: list[tuple[str, int, int]]) -> int:
    """NO | label | L | P | JUMLAH rows, then the JUMLAH row; every total a formula."""
    first = r
    for i, (label, men, women) in enumerate(lines, start=1):
        sheet.num(r, 0, i, "integer")
        sheet.text(r, 1, label)
        sheet.num(r, 2, men, "count")
        sheet.num(r, 3, women, "count")
        sheet.formula(r, 4, _sum([local(r, 2), local(r, 3)]), men + women, "count")
        r += 1
    sheet.merge_text(r, 0, r, 1, "JUMLAH", "text_bold")
    for c, value in ((2, sum(x[1] for x in lines)), (3, sum(x[2] for x in lines)),
                     (4, sum(x[1] + x[2] for x in lines))):
        sheet.formula(r, c, f"=SUM({local(first, c)}:{local(r - 1, c)})" if lines else "=0", value, "count_bold")
    return r + 1


def write_kepegawaian(sheet: Sheet, result: LakipResult) -> None:
    staff: Kepegawaian = result.kepegawaian
    history = staff.history(result.tahun)
    years = list(history)
    ncols = max(5, 2 + len(years))
    sheet.widths([6, 34] + [12] * (ncols - 2))
    r = 0
    if staff.units():
        start = r
        r = _caption(sheet, r, 5, "Tabel 1.1. Jumlah Pegawai dari Segi Kepangkatan/Golongan Ruang")
        r = _sex_header(sheet, r, ["NO", "PANGKAT / GOLONGAN"], "JUMLAH")
        r = _sex_table(sheet, r, [(f"{PANGKAT[g]} / {g}", staff.golongan(g, "L"), staff.golongan(g, "P"))
                                  for g in staff.golongan_shown()])
        sheet.keep_together(start, min(start + 4, r - 1))
        r += GAP
    if staff.levels():
        start = r
        r = _caption(sheet, r, 5, "Tabel 1.2. Jumlah Pegawai dari Segi Pendidikan Formal")
        r = _sex_header(sheet, r, ["NO", "TINGKAT PENDIDIKAN"], "JUMLAH")
        r = _sex_table(sheet, r, [(x.label, x.counts.get("L", 0), x.counts.get("P", 0)) for x in staff.levels()])
        sheet.keep_together(start, min(start + 4, r - 1))
        r += GAP
    if staff.posts():
        r = _posts(sheet, r, staff) + GAP
    if any(h.levels for h in history.values()):
        r = _by_year(sheet, r, ncols, result.tahun, "Tabel 1.4. Perkembangan Jumlah Pegawai berdasarkan "
                     "Pendidikan Formal", "Tingkat Pendidikan",
                     [(LEVEL_WORDS[lv], {y: h.levels.get(lv, 0) for y, h in history.items() if h.levels})
                      for lv, _ in PENDIDIKAN if any(lv in h.levels for h in history.values())]) + GAP
    if any(h.groups for h in history.values()):
        r = _by_year(sheet, r, ncols, result.tahun, "Tabel 1.5. Perkembangan Jumlah Pegawai berdasarkan "
                     "Pangkat/Golongan", "Golongan",
                     [(f"Golongan {g}", {y: h.groups.get(g, 0) for y, h in history.items() if h.groups})
                      for g in GROUPS if any(g in h.groups for h in history.values())]) + GAP
    totals = {y: h.total() for y, h in history.items() if h.total() is not None}
    if totals:
        r = _totals(sheet, r, totals)
    sheet.ws.freeze_panes(0, 0)
    page_setup(sheet.ws, landscape=False, footer_title=f"{NAME} — LAKIP {result.tahun}")


def _posts(sheet: Sheet, r: int, staff: Kepegawaian) -> int:
    start = r
    r = _caption(sheet, r, 5, "Tabel 1.3. Jumlah Pegawai dari Segi Jabatan Struktural / Eselon")
    sheet.header(r, ["NO", "TINGKAT ESELON"])
    sheet.merge_text(r, 2, r, 3, "JABATAN", "header")
    sheet.text(r, 4, "JUMLAH", "header")
    r += 1
    first = r
    posts = staff.posts()
    for i, x in enumerate(posts, start=1):
        sheet.num(r, 0, i, "integer")
        sheet.text(r, 1, x.label, "text_center")
        sheet.merge_text(r, 2, r, 3, x.jabatan or "", "text")
        sheet.num(r, 4, x.counts.get("Jumlah", 0), "count")
        r += 1
    sheet.merge_text(r, 0, r, 3, "JUMLAH", "text_bold")
    sheet.formula(r, 4, f"=SUM({local(first, 4)}:{local(r - 1, 4)})", sum(x.total() for x in posts), "count_bold")
    sheet.keep_together(start, min(start + 4, r))
    return r + 1


def _by_year(sheet: Sheet, r: int, ncols: int, tahun: int, caption: str, label: str,
             lines: list[tuple[str, dict[int, int | None]]]) -> int:
    """NO | label | one column per year, then a Jumlah row (formulas)."""
    years = sorted({y for _, by in lines for y in by})
    start = r
    r = _caption(sheet, r, ncols, f"{caption} dari Tahun {years[0]} s/d {years[-1]}")
    sheet.merge_text(r, 0, r + 1, 0, "NO", "header")
    sheet.merge_text(r, 1, r + 1, 1, label.upper(), "header")
    sheet.merge_text(r, 2, r, 1 + len(years), "TAHUN", "header") if len(years) > 1 else \
        sheet.text(r, 2, "TAHUN", "header")
    for i, y in enumerate(years):
        sheet.num(r + 1, 2 + i, y, "header")  # General: no thousands dot in a year
    r += 2
    first = r
    for n, (text, by) in enumerate(lines, start=1):
        sheet.num(r, 0, n, "integer")
        sheet.text(r, 1, text)
        for i, y in enumerate(years):
            sheet.num(r, 2 + i, by.get(y), "count")
        r += 1
    sheet.merge_text(r, 0, r, 1, "JUMLAH", "text_bold")
    for i, y in enumerate(years):
        c = 2 + i
        sheet.formula(r, c, f"=SUM({local(first, c)}:{local(r - 1, c)})",
                      sum(by.get(y) or 0 for _, by in lines), "count_bold")
    sheet.keep_together(start, min(start + 5, r))
    if tahun in years:
        sheet.merge_text(r + 1, 1, r + 1, ncols - 1, f"Tahun {tahun} dihitung dari rincian tahun ini; tahun "
                         "sebelumnya dari LAKIP terdahulu.", "note_plain")
        r += 1
    return r + 1


def _totals(sheet: Sheet, r: int, totals: dict[int, int]) -> int:
    years = list(totals)
    start = r
    r = _caption(sheet, r, 5, f"Tabel 1.7. Perkembangan Jumlah Pegawai dari Tahun {years[0]} s/d {years[-1]}")
    sheet.header(r, ["NO", "TAHUN", "JUMLAH PEGAWAI"])
    r += 1
    for n, y in enumerate(years, start=1):
        sheet.num(r, 0, n, "integer")
        sheet.num(r, 1, y, "year")
        sheet.num(r, 2, totals[y], "count")
        r += 1
    sheet.keep_together(start, min(start + 4, r - 1))
    return r


def write_penempatan(sheet: Sheet, result: LakipResult) -> None:
    """Tabel 1.6: unit kerja × golongan × sex, with row and column totals (formulas)."""
    staff = result.kepegawaian
    shown = staff.golongan_shown()
    keys = [(g, s) for g in shown for s in SEXES]
    ncols = 2 + len(keys)
    sheet.widths([30] + [5] * len(keys) + [9])
    r = _caption(sheet, 0, ncols, "Tabel 1.6. Jumlah Pegawai dari Segi Penempatan Kerja")
    sheet.merge_text(r, 0, r + 1, 0, "UNIT KERJA", "header")
    for i, g in enumerate(shown):
        sheet.merge_text(r, 1 + 2 * i, r, 2 + 2 * i, g, "header")
        for j, s in enumerate(SEXES):
            sheet.text(r + 1, 1 + 2 * i + j, s, "header")
    sheet.merge_text(r, ncols - 1, r + 1, ncols - 1, "JUMLAH", "header")
    r += 2
    first = r
    units = staff.units()
    for unit in units:
        sheet.text(r, 0, unit.label)
        for i, (g, s) in enumerate(keys):
            sheet.num(r, 1 + i, unit.counts.get(column(g, s), 0), "count")
        sheet.formula(r, ncols - 1, f"=SUM({local(r, 1)}:{local(r, ncols - 2)})",
                      sum(unit.counts.get(column(g, s), 0) for g, s in keys), "count_bold")
        r += 1
    sheet.text(r, 0, "JUMLAH", "text_bold")
    for i, (g, s) in enumerate(keys):
        c = 1 + i
        sheet.formula(r, c, f"=SUM({local(first, c)}:{local(r - 1, c)})", staff.golongan(g, s), "count_bold")
    sheet.formula(r, ncols - 1, f"=SUM({local(first, ncols - 1)}:{local(r - 1, ncols - 1)})", staff.total(),
                  "count_bold")
    sheet.ws.freeze_panes(3, 1)
    page_setup(sheet.ws, repeat_rows=(1, 2), landscape=True, footer_title=f"{PLACEMENT} — LAKIP {result.tahun}")


def _names(ctx: Context) -> list[tuple[str, str | None]]:
    staff = ctx.result.kepegawaian
    out = []
    if staff.units() or staff.levels() or staff.posts() or staff.years():
        out.append((NAME, "Tabel 1.1–1.5 dan 1.7: jumlah pegawai menurut golongan, pendidikan, eselon dan tahun"))
    if staff.units():
        out.append((PLACEMENT, "Tabel 1.6: jumlah pegawai per unit kerja, golongan dan jenis kelamin"))
    return out


def _placement_names(ctx: Context) -> list[tuple[str, str | None]]:
    return [x for x in _names(ctx) if x[0] == PLACEMENT]


PAGE = register(Page(NAME, None, order=52, write_order=36, names=lambda ctx: [x for x in _names(ctx) if x[0] == NAME],
                     write=lambda ctx: write_kepegawaian(ctx.sheet(NAME), ctx.result) if NAME in ctx.sheets else None))
PLACEMENT_PAGE = register(Page(PLACEMENT, None, order=53, write_order=37, names=_placement_names,
                               write=lambda ctx: write_penempatan(ctx.sheet(PLACEMENT), ctx.result)
                               if PLACEMENT in ctx.sheets else None))
