"""Sheet ``Tabel II.1``: Keterkaitan Misi, Tujuan, Sasaran dan Indikator Kinerja Utama (Bab II.A of the seed).

Two columns, as the seed prints it: a label (``MISI``, ``TUJUAN n``, ``SASARAN STRATEGIS k``, ``INDIKATOR
KINERJA UTAMA``) and its text. From the Renstra: the Misi is the optional Instansi row ``Misi`` (a lakip-xl
extension; without it the table starts at the tujuan), the tujuan and sasaran from sheet Sasaran (the
tujuan as each IKU row names it), one ``INDIKATOR KINERJA UTAMA`` row per IKU. Sasaran keep the numbers of
their sheets (``Sasaran k``); they are grouped under their tujuan. The seed labels its Misi row
"MISI/ TUJUAN" and prints no tujuan; here each is labelled as what it is.
"""

from __future__ import annotations

from lakip_xl.compute import LakipResult, SasaranResult
from lakip_xl.report.pages import Page, register
from lakip_xl.xlsx.sheet import Sheet
from lakip_xl.xlsx.style import page_setup

NAME = "Tabel II.1"
WIDTHS = [28, 80]


def write_tabel_ii_1(sheet: Sheet, result: LakipResult) -> None:
    inst = result.instansi
    sheet.widths(WIDTHS)
    years = result.renstra.years
    period = f" TAHUN {years[0]} – {years[-1]}" if years else ""
    sheet.merge_text(0, 0, 0, 1, "TABEL II.1", "caption")
    sheet.merge_text(1, 0, 1, 1, "KETERKAITAN MISI, TUJUAN, SASARAN PEMBANGUNAN DAN PENGEMBANGAN DAN INDIKATOR "
                                 f"KINERJA UTAMA {inst.get('nama instansi', '').upper()}{period}", "caption")
    r = 3
    if inst.get("misi"):
        r = _row(sheet, r, "MISI", inst["misi"], bold=True)
    for n, (tujuan, items) in enumerate(_by_tujuan(result), start=1):
        if tujuan is not None:
            r = _row(sheet, r, f"TUJUAN {n}", tujuan, bold=True)
        for k, s in items:
            r = _row(sheet, r, f"SASARAN STRATEGIS {k}", s.sasaran)
            for item in s.iku:
                r = _row(sheet, r, "INDIKATOR KINERJA UTAMA", item.iku.indikator)
    if not result.sasaran:
        sheet.merge_text(r, 0, r, 1, "Lembar Sasaran Renstra kosong: belum ada sasaran strategis.", "note")
    page_setup(sheet.ws, landscape=False, footer_title=f"{NAME} — LAKIP {result.tahun}")


def _by_tujuan(result: LakipResult) -> list[tuple[str | None, list[tuple[int, SasaranResult]]]]:
    """The sasaran (with their sheet number k) under each tujuan, in the order tujuan first appear."""
    groups: dict[str | None, tuple[str | None, list[tuple[int, SasaranResult]]]] = {}
    for k, s in enumerate(result.sasaran, start=1):
        key = s.kode_tujuan or s.tujuan
        groups.setdefault(key, (s.tujuan or s.kode_tujuan, []))[1].append((k, s))
    return list(groups.values())


def _row(sheet: Sheet, r: int, label: str, text: str, bold: bool = False) -> int:
    sheet.text(r, 0, label, "text_bold")
    sheet.text(r, 1, text, "text_bold" if bold else "text")
    return r + 1


PAGE = register(Page(NAME, "Tabel II.1: keterkaitan misi, tujuan, sasaran strategis dan IKU", order=75,
                     write_order=75, write=lambda ctx: write_tabel_ii_1(ctx.sheet(NAME), ctx.result)))
