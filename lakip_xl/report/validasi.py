"""Sheet ``Validasi``: every finding, by file, sheet and cell."""

from __future__ import annotations

from lakip_xl.findings import Finding
from lakip_xl.xlsx.sheet import Sheet
from lakip_xl.report.pages import Page, register

NAME = "Validasi"
HEADERS = ["Tingkat", "Aturan", "Berkas", "Lembar", "Sel", "Pesan"]
WIDTHS = [12, 24, 38, 14, 7, 100]
LEVEL_STYLE = {0: "level_galat", 1: "level_peringatan", 2: "level_info"}


def write_validasi(sheet: Sheet, findings: list[Finding]) -> None:
    sheet.header(0, HEADERS)
    sheet.widths(WIDTHS)
    for r, f in enumerate(findings, start=1):
        level, rule, file, sh, cell, message = f.as_row()
        sheet.text(r, 0, level, LEVEL_STYLE[int(f.level)])
        sheet.text(r, 1, rule, "code")
        sheet.text(r, 2, file or "-")
        sheet.text(r, 3, sh or "-", "text_center")
        sheet.text(r, 4, cell or "-", "text_center")
        sheet.text(r, 5, message)
        if r % 512 == 0:
            sheet.flush(r + 1)
    if not findings:
        sheet.merge_text(1, 0, 1, 5, "Tidak ada temuan: semua laporan lolos pemeriksaan.", "text")
    sheet.ws.freeze_panes(1, 0)
    sheet.ws.autofilter(0, 0, max(len(findings), 1), len(HEADERS) - 1)


PAGE = register(Page(NAME, "Semua temuan pemeriksaan, per berkas, lembar dan sel", order=110, write_order=90,
                     flat=True, repeat_header=True, write=lambda ctx: write_validasi(ctx.sheet(NAME), ctx.findings)))
