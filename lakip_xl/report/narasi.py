"""Sheet ``Narasi``: the Ringkasan Eksekutif, Bab III and Bab IV sentences, ready to paste into the report."""

from __future__ import annotations

from lakip_xl.compute import LakipResult
from lakip_xl.narrative import sentences
from lakip_xl.xlsx.sheet import Sheet
from lakip_xl.report.pages import Page, register
from lakip_xl.xlsx.style import page_setup

NAME = "Narasi"
HEADERS = ["Bagian", "Kode", "Uraian", "Kalimat"]
WIDTHS = [20, 15, 34, 100]


def write_narasi(sheet: Sheet, result: LakipResult, sub_kegiatan: bool = True) -> None:
    sheet.widths(WIDTHS)
    sheet.header(0, HEADERS)
    r = 1
    section = None
    for s in sentences(result, sub_kegiatan):
        name = s.section.replace(" (penjelasan bidang)", "")
        if name != section:
            section = name
            sheet.merge_text(r, 0, r, 3, name, "banner")
            r += 1
        sheet.text(r, 0, s.section, "note_plain")
        sheet.text(r, 1, s.kode, "code")
        sheet.text(r, 2, s.subject)
        sheet.text(r, 3, s.text)
        r += 1
        if r % 512 == 0:
            sheet.flush(r)
    note = ("Kalimat dibuat dari angka pada saat konsolidasi. Penjelasan yang ditulis bidang dipakai apa "
            "adanya (bagian bertanda 'penjelasan bidang'); selebihnya dibuat otomatis.")
    if not sub_kegiatan:
        note += (" Konsolidasi ini sangat besar, jadi kalimat dibuat sampai tingkat kegiatan; angka setiap sub "
                 "kegiatan ada di lembar Indikator Program.")
    sheet.merge_text(r + 1, 0, r + 1, 3, note, "note")
    sheet.ws.freeze_panes(1, 0)
    page_setup(sheet.ws, repeat_rows=(0, 0), footer_title=f"Narasi — LAKIP {result.tahun}")


PAGE = register(Page(NAME, "Kalimat Ringkasan Eksekutif, Bab III dan Bab IV siap disalin ke dokumen LAKIP",
                     order=100, write_order=100, flat=True,
                     write=lambda ctx: write_narasi(ctx.sheet(NAME), ctx.result, sub_kegiatan=not ctx.stacked)))
