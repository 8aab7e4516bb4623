"""Sheet ``Realisasi Keuangan``: Tabel 1.9 of the LAKIP, pendapatan and belanja per jenis.

From sheet Keuangan of the Sekretariat's report (the unit holding the Program Penunjang): each
pendapatan account, Belanja Operasi (pegawai, barang dan jasa, hibah, bantuan sosial), Belanja Modal
(its six jenis), Belanja Tidak Terduga, Jumlah Belanja and Surplus / (Defisit), with anggaran, realisasi
and % as in the seed. Totals are formulas; two rows below compare Jumlah Belanja with the belanja of
every programme (sheet Realisasi Anggaran), which must be the same. Written only when a report has
a Keuangan sheet with figures.
"""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.compute import LakipResult, percent
from lakip_xl.model import BELANJA_JENIS, MODAL, OPERASI, PENDAPATAN, TIDAK_TERDUGA
from lakip_xl.parse import format_number
from lakip_xl.report import formulas
from lakip_xl.report.base import Refs
from lakip_xl.report.pages import Context, Page, register
from lakip_xl.xlsx.sheet import Sheet, absolute, local
from lakip_xl.xlsx.style import page_setup

NAME = "Realisasi Keuangan"
HEADERS = ["NO", "URAIAN", "JUMLAH ANGGARAN (Setelah perubahan)", "REALISASI", "% real"]
WIDTHS = [6, 46, 22, 22, 9]
A, R = 2, 3  # anggaran and realisasi columns


def write_realisasi_keuangan(sheet: Sheet, result: LakipResult, refs: Refs) -> None:
    sheet.widths(WIDTHS)
    sheet.merge_text(0, 0, 0, 4, "Tabel 1.9.", "caption")
    sheet.merge_text(1, 0, 1, 4, f"Realisasi Keuangan Tahun Anggaran {result.tahun}", "caption")
    sheet.header(2, HEADERS)
    rows = result.keuangan
    r = 3
    pendapatan = [x for x in rows if x.kelompok == PENDAPATAN]
    head = r
    r = _line(sheet, r, "1", "PENDAPATAN", None, "text_bold")
    first = r
    for x in pendapatan:
        r = _line(sheet, r, "", x.uraian, (x.anggaran, x.realisasi))
    r = _sum_line(sheet, r, "Jumlah Pendapatan", list(range(first, r)), pendapatan, bold=True)
    _copy(sheet, head, r - 1, pendapatan)  # the PENDAPATAN line shows its total, as in the seed
    refs.total["pendapatan_anggaran"], refs.total["pendapatan_realisasi"] = (absolute(NAME, r - 1, A),
                                                                            absolute(NAME, r - 1, R))
    refs.total["pendapatan_persen"] = absolute(NAME, r - 1, 4)
    pendapatan_row = r - 1
    r = _line(sheet, r, "2", "BELANJA", None, "text_bold")
    group_rows = []
    for kelompok in (OPERASI, MODAL):
        jenis = [(kode, uraian) for k, kode, uraian in BELANJA_JENIS if k == kelompok]
        given = {x.kode_rekening: x for x in rows if x.kelompok == kelompok}
        lines = [given.get(kode) for kode, _ in jenis]
        shown = [(uraian, x) for (kode, uraian), x in zip(jenis, lines)
                 if x is not None or kelompok == MODAL or kode in ("5.1.01", "5.1.02")]
        extra = [x for x in rows if x.kelompok == kelompok and x.kode_rekening not in dict(jenis)]
        total_row, r = r, r + 1
        detail = []
        for uraian, x in shown + [(x.uraian, x) for x in extra]:
            detail.append(r)
            r = _line(sheet, r, "", f"- {uraian}", (x.anggaran, x.realisasi) if x is not None else (None, None))
        members = [x for x in rows if x.kelompok == kelompok]
        _sum_line(sheet, total_row, kelompok, detail, members)
        group_rows.append(total_row)
    tt = [x for x in rows if x.kelompok == TIDAK_TERDUGA]
    group_rows.append(r)
    r = _line(sheet, r, "", TIDAK_TERDUGA, (_total(tt, "anggaran"), _total(tt, "realisasi")))
    belanja = [x for x in rows if x.kelompok != PENDAPATAN]
    belanja_row = r
    r = _sum_line(sheet, r, "Jumlah Belanja", group_rows, belanja, bold=True)
    _difference(sheet, r, pendapatan_row, belanja_row, pendapatan, belanja)
    r += 2
    _check_rows(sheet, r, belanja_row, result, refs)
    sheet.ws.freeze_panes(3, 0)
    page_setup(sheet.ws, repeat_rows=(2, 2), landscape=False, footer_title=f"{NAME} — LAKIP {result.tahun}")


def _total(rows, attr: str) -> Decimal | None:  # noqa: ANN001
    values = [getattr(x, attr) for x in rows if getattr(x, attr) is not None]
    return sum(values, Decimal(0)) if values else None


def _line(sheet: Sheet, r: int, no: str, uraian: str, amounts: tuple | None, style: str = "text") -> int:
    sheet.text(r, 0, no, "text_center")
    sheet.text(r, 1, uraian, style)
    if amounts is None:
        for c in (A, R, 4):
            sheet.blank(r, c, "rupiah")
        return r + 1
    sheet.num(r, A, amounts[0], "rupiah")
    sheet.num(r, R, amounts[1], "rupiah")
    sheet.formula(r, 4, formulas.percent(local(r, R), local(r, A)), percent(amounts[1], amounts[0]), "percent")
    return r + 1


def _sum_line(sheet: Sheet, r: int, label: str, members: list[int], rows, bold: bool = False) -> int:  # noqa: ANN001
    """A total over the rows ``members`` (0-based), empty when none of them has an amount."""
    sheet.text(r, 0, "", "text_center")
    sheet.text(r, 1, label, "text_bold" if bold else "text")
    anggaran, realisasi = _total(rows, "anggaran"), _total(rows, "realisasi")
    style = "rupiah_bold" if bold else "rupiah"
    sheet.formula(r, A, formulas.total([local(m, A) for m in members]), anggaran, style)
    sheet.formula(r, R, formulas.total([local(m, R) for m in members]), realisasi, style)
    sheet.formula(r, 4, formulas.percent(local(r, R), local(r, A)), percent(realisasi, anggaran), "percent")
    return r + 1


def _copy(sheet: Sheet, r: int, source: int, rows) -> None:  # noqa: ANN001
    anggaran, realisasi = _total(rows, "anggaran"), _total(rows, "realisasi")
    for c, value in ((A, anggaran), (R, realisasi), (4, percent(realisasi, anggaran))):
        sheet.formula(r, c, formulas.ref(local(source, c)), value, "rupiah_bold" if c != 4 else "percent")


def _difference(sheet: Sheet, r: int, pendapatan: int, belanja: int, p_rows, b_rows) -> None:  # noqa: ANN001
    sheet.text(r, 0, "", "text_center")
    sheet.text(r, 1, "Surplus / (Defisit)", "text_bold")
    values = []
    for c, attr in ((A, "anggaran"), (R, "realisasi")):
        p, b = _total(p_rows, attr), _total(b_rows, attr)
        value = (p or Decimal(0)) - (b or Decimal(0)) if p is not None or b is not None else None
        values.append(value)
        sheet.formula(r, c, f'=IF(AND({local(pendapatan, c)}="",{local(belanja, c)}=""),"",'
                            f'N({local(pendapatan, c)})-N({local(belanja, c)}))', value, "rupiah_bold")
    sheet.formula(r, 4, formulas.percent(local(r, R), local(r, A)), percent(values[1], values[0]), "percent")


def _check_rows(sheet: Sheet, r: int, belanja: int, result: LakipResult, refs: Refs) -> None:
    """Jumlah Belanja against the belanja of every programme: they must be the same (else a Peringatan)."""
    sheet.text(r, 1, "Belanja seluruh program (lembar Realisasi Anggaran)", "text")
    sheet.formula(r, A, formulas.ref(refs.total["belanja_pagu"]), result.total_pagu, "rupiah")
    sheet.formula(r, R, formulas.ref(refs.total["belanja_realisasi"]), result.total_realisasi, "rupiah")
    tolerance = format_number(result.settings.rupiah_tolerance)
    sheet.text(r + 1, 1, f"Selisih dengan Jumlah Belanja (0; sampai Rp {tolerance} pembulatan, lebih dari itu "
                         "Peringatan di lembar Validasi)", "text")
    for c, attr, total in ((A, "anggaran", result.total_pagu), (R, "realisasi", result.total_realisasi)):
        jenis = result.keuangan_total(None, attr)
        diff = jenis - total if jenis is not None and total is not None else None
        sheet.formula(r + 1, c, formulas.difference(local(belanja, c), local(r, c)), diff, "rupiah")


def _names(ctx: Context) -> list[tuple[str, str | None]]:
    if not ctx.result.keuangan:
        return []
    return [(NAME, "Tabel 1.9 Realisasi Keuangan: pendapatan dan belanja per jenis")]


PAGE = register(Page(NAME, None, order=55, write_order=35, names=_names,
                     write=lambda ctx: write_realisasi_keuangan(ctx.sheet(NAME), ctx.result, ctx.refs)
                     if NAME in ctx.sheets else None))
