"""Sheet ``Pernyataan PK``: the Perjanjian Kinerja statement page, as the seed prints it before the PK table.

The letterhead (Pemerintah Daerah, Nama Instansi, Alamat), the title, the statement "Dalam rangka
mewujudkan …", both parties with name and jabatan, the two undertakings, then place and date and the two
signatures (Pihak Kedua: the Kepala Daerah; Pihak Pertama: the Kepala with pangkat and NIP). Everything
comes from the Renstra's Instansi sheet; the optional rows ``Jabatan Kepala`` (else "Kepala <Nama
Instansi>") and ``Tanggal Perjanjian Kinerja`` (else a dotted line to write the date on) are lakip-xl
extensions. A missing name leaves a dotted line to sign on. Its own sheet: it is one printed page of prose
(the PK table, sheet Perjanjian Kinerja, follows on its own pages).
"""

from __future__ import annotations

from lakip_xl.compute import LakipResult
from lakip_xl.report.pages import Page, register
from lakip_xl.xlsx.sheet import Sheet
from lakip_xl.xlsx.style import page_setup

NAME = "Pernyataan PK"
#: A: labels ("Nama", "Jabatan"), B: ":", C–D: values; the signatures sit in B–C (Pihak Kedua) and D (Pertama)
WIDTHS = [12, 3, 40, 40]
NCOL = len(WIDTHS)
#: where a value is missing: a line to write on
BLANK = "...................................."

OPENING = ("Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan, dan akuntabel serta "
           "berorientasi pada hasil, kami yang bertanda tangan di bawah ini :")
PROMISE = ("Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, "
           "dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen "
           "perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggungjawab kami.")
SUPERVISION = ("Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian "
               "kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian "
               "penghargaan dan sanksi.")


def jabatan_kepala(inst: dict[str, str]) -> str:
    """The Kepala's jabatan: row ``Jabatan Kepala``, else "Kepala <Nama Instansi>"."""
    return inst.get("jabatan kepala") or f"Kepala {inst.get('nama instansi', '')}".strip()


def place_date(inst: dict[str, str], tahun: int) -> str:
    """ "Pontianak, Oktober 2021": ``Kota`` and ``Tanggal Perjanjian Kinerja``, a dotted line where missing."""
    city = inst.get("kota", "")
    date = inst.get("tanggal perjanjian kinerja") or f"............ {tahun}"
    return f"{city}, {date}" if city else date


def signatures(sheet: Sheet, result: LakipResult, r: int, left: tuple[int, int], right: tuple[int, int],
               style: str = "prose_center", bold: str = "prose_center_bold") -> int:
    """Place and date, Pihak Kedua (Kepala Daerah) at ``left`` columns, Pihak Pertama (Kepala) at ``right``,
    room to sign, the names, the Kepala's pangkat and NIP; returns the row below. Shared with sheet
    Perjanjian Kinerja."""
    inst = result.instansi
    (l0, l1), (r0, r1) = left, right
    sheet.merge_text(r, r0, r, r1, place_date(inst, result.tahun), style)
    r += 1
    sheet.merge_text(r, l0, r, l1, "Pihak Kedua,", style)
    sheet.merge_text(r, r0, r, r1, "Pihak Pertama,", style)
    r += 1
    sheet.merge_text(r, l0, r, l1, inst.get("jabatan kepala daerah") or "Kepala Daerah", style)
    sheet.merge_text(r, r0, r, r1, jabatan_kepala(inst), style)
    r += 4  # room to sign
    sheet.merge_text(r, l0, r, l1, inst.get("kepala daerah") or BLANK, bold)
    sheet.merge_text(r, r0, r, r1, inst.get("kepala") or BLANK, bold)
    r += 1
    if inst.get("pangkat kepala"):
        sheet.merge_text(r, r0, r, r1, inst["pangkat kepala"], style)
        r += 1
    sheet.merge_text(r, r0, r, r1, f"NIP. {inst.get('nip kepala') or BLANK}", style)
    return r + 1


def write_pernyataan_pk(sheet: Sheet, result: LakipResult) -> None:
    inst = result.instansi
    sheet.widths(WIDTHS)
    r = 0
    for text in (inst.get("pemerintah daerah", "").upper(), inst.get("nama instansi", "").upper()):
        if text:
            sheet.merge_text(r, 0, r, NCOL - 1, text, "title")
            r += 1
    if inst.get("alamat"):
        sheet.merge_text(r, 0, r, NCOL - 1, inst["alamat"], "prose_center")
        r += 1
    r += 1
    sheet.merge_text(r, 0, r, NCOL - 1, f"PERJANJIAN KINERJA TAHUN {result.tahun}", "title")
    r += 2
    sheet.merge_text(r, 0, r, NCOL - 1, OPENING, "prose")
    r += 2
    r = _party(sheet, r, inst.get("kepala"), jabatan_kepala(inst), "selanjutnya disebut pihak pertama")
    r = _party(sheet, r, inst.get("kepala daerah"), inst.get("jabatan kepala daerah") or "Kepala Daerah",
               "selaku atasan pihak pertama, selanjutnya disebut pihak kedua")
    for text in (PROMISE, SUPERVISION):
        sheet.merge_text(r, 0, r, NCOL - 1, text, "prose")
        r += 2
    signatures(sheet, result, r, left=(0, 2), right=(3, 3))
    page_setup(sheet.ws, landscape=False, footer_title=f"Pernyataan Perjanjian Kinerja — LAKIP {result.tahun}")


def _party(sheet: Sheet, r: int, nama: str | None, jabatan: str, role: str) -> int:
    for label, value, style in (("Nama", nama or BLANK, "prose_bold"), ("Jabatan", jabatan, "prose")):
        sheet.text(r, 0, label, "prose")
        sheet.text(r, 1, ":", "prose")
        sheet.merge_text(r, 2, r, NCOL - 1, value, style)
        r += 1
    sheet.merge_text(r + 1, 0, r + 1, NCOL - 1, role, "prose")
    return r + 3


PAGE = register(Page(NAME, "Pernyataan Perjanjian Kinerja: para pihak, janji kinerja, tanda tangan",
                     order=79, write_order=79, write=lambda ctx: write_pernyataan_pk(ctx.sheet(NAME), ctx.result)))
