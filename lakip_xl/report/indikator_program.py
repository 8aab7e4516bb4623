"""Sheet ``Indikator Program``: every indicator of every program, kegiatan and sub kegiatan.

The flat source of the program analysis tables (Tabel III.8 and its kin, the
Lampiran Pengukuran Kinerja): target and realisasi as values, capaian and
predikat as live formulas.
"""

from __future__ import annotations

from lakip_xl.compute import LakipResult
from lakip_xl.model import key_text
from lakip_xl.report import formulas
from lakip_xl.report.base import Refs, Sheet, absolute, local

NAME = "Indikator Program"
HEADERS = ["Kode", "Tingkat", "Uraian", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi",
           "Capaian (%)", "Predikat", "Penjelasan Bidang", "Bidang", "Kode Sasaran"]
WIDTHS = [16, 12, 36, 36, 9, 10, 11, 11, 12, 16, 50, 9, 11]
LEVEL_LABEL = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub Kegiatan"}
T, R, C, P, J = 6, 7, 8, 9, 10


def write_indikator_program(sheet: Sheet, result: LakipResult, refs: Refs) -> None:
    """The penjelasan column holds what the bidang wrote; generated sentences are in Tabel III.8 and Narasi."""
    settings = result.settings
    sheet.header(0, HEADERS)
    sheet.widths(WIDTHS)
    r = 1
    for node in result.nodes():
        lvl = node.level
        rows = node.indicators or [None]
        for ind in rows:
            sheet.text(r, 0, node.kode, sheet.styles.level("code", lvl))
            sheet.text(r, 1, LEVEL_LABEL.get(lvl, lvl), sheet.styles.level("text", lvl))
            sheet.text(r, 2, node.uraian, sheet.styles.level("text", lvl))
            if ind is None:
                for c in range(3, 11):
                    sheet.blank(r, c, sheet.styles.level("text", lvl))
            else:
                row = ind.row
                sheet.text(r, 3, row.indikator, sheet.styles.level("text", lvl))
                sheet.text(r, 4, row.satuan, sheet.styles.level("text_center", lvl))
                sheet.text(r, 5, row.polaritas, sheet.styles.level("text_center", lvl))
                sheet.num(r, T, ind.target, sheet.styles.numeric("number", ind.target, None, lvl))
                sheet.num(r, R, ind.realisasi, sheet.styles.numeric("number", ind.realisasi, None, lvl))
                sheet.formula(r, C, formulas.capaian(local(r, T), local(r, R), row.polaritas, settings),
                              ind.capaian, sheet.styles.level("percent2", lvl))
                sheet.formula(r, P, formulas.predikat(local(r, C), settings), ind.predikat,
                              sheet.styles.level("predikat", lvl))
                sheet.text(r, J, ind.penjelasan, sheet.styles.level("text", lvl))
                refs.indicator[(node.kode, key_text(row.indikator))] = {
                    "target": absolute(NAME, r, T), "realisasi": absolute(NAME, r, R),
                    "capaian": absolute(NAME, r, C), "predikat": absolute(NAME, r, P),
                    "penjelasan": absolute(NAME, r, J),
                }
            sheet.text(r, 11, node.bidang, "code")
            sheet.text(r, 12, node.kode_sasaran, "code")
            if lvl != "program":
                sheet.outline(r, 1 if lvl == "kegiatan" else 2)
            r += 1
        if r % 512 == 0:
            sheet.flush(r)
    sheet.predikat_colors(1, r - 1, P, settings.scale)
    sheet.ws.outline_settings(True, False, True, False)
    sheet.ws.freeze_panes(1, 3)
    sheet.ws.autofilter(0, 0, max(r - 1, 1), len(HEADERS) - 1)
