"""The staff sheets of the Sekretariat's template (Tabel 1.1–1.7 of the LAKIP).

Four sheets, each one table (the model is :mod:`lakip_xl.kepegawaian`): ``Pegawai Golongan`` (unit kerja ×
golongan × sex), ``Pegawai Pendidikan``, ``Pegawai Jabatan`` and ``Pegawai Tahunan`` (the earlier years).
No total is asked for: the LAKIP's totals are computed, so they always agree with their parts.
"""

from __future__ import annotations

from typing import Any

from lakip_xl.excel import MAX_VALIDATION_MESSAGE, MAX_VALIDATION_TITLE
from lakip_xl.kepegawaian import (
    ESELON, GOLONGAN, GOLONGAN_SHEET, GROUPS, JABATAN_SHEET, PENDIDIKAN, PENDIDIKAN_SHEET, SEXES, TAHUNAN_SHEET,
    column, group_column,
)
from lakip_xl.templates.layout import HEADER_ROW, PROTECT_OPTIONS, headers, text_prompt, title
from lakip_xl.xlsx.sheet import Checked
from lakip_xl.xlsx.style import Styles, page_setup

#: empty rows for units the Renstra does not list (UPT, other offices)
EXTRA_UNITS = 4
EXTRA_POSTS = 4
#: earlier years in Pegawai Tahunan (the seed's Tabel 1.7 goes back eight years)
YEARS_BACK = 8


def write_sheets(wb: Any, styles: Styles, tahun: int, nama: str, units: list[str]) -> None:
    _golongan(wb, styles, tahun, nama, units)
    _pendidikan(wb, styles, tahun, nama)
    _jabatan(wb, styles, tahun, nama)
    _tahunan(wb, styles, tahun, nama)


def count_validation(ws: Any, r0: int, c0: int, r1: int, c1: int, title_: str, message: str) -> None:
    ws.data_validation(r0, c0, r1, c1, {
        "validate": "integer", "criteria": ">=", "value": 0, "ignore_blank": True,
        "input_title": title_[:MAX_VALIDATION_TITLE], "input_message": message[:MAX_VALIDATION_MESSAGE],
        "error_title": "Harus bilangan bulat",
        "error_message": "Isi jumlah orang (0 atau lebih, tanpa desimal), atau kosongkan.",
    })


def _finish(ws: Any, nama: str, tahun: int, sheet: str, landscape: bool = False) -> None:
    ws.freeze_panes(HEADER_ROW + 1, 1)
    ws.protect("", PROTECT_OPTIONS)
    page_setup(ws, repeat_rows=(HEADER_ROW, HEADER_ROW), footer_title=f"{sheet} — {nama} {tahun}",
               landscape=landscape)


def _golongan(wb: Any, styles: Styles, tahun: int, nama: str, units: list[str]) -> None:
    ws = Checked(wb.add_worksheet(GOLONGAN_SHEET))
    labels = ["Unit Kerja"] + [column(g, s) for g, _ in GOLONGAN for s in SEXES]
    title(ws, styles, f"Jumlah Pegawai per Unit Kerja dan Golongan — Tahun {tahun}",
          f"Keadaan 31 Desember {tahun}: jumlah PNS menurut tempat kerja, golongan ruang dan jenis kelamin "
          "(L laki-laki, P perempuan). Tabel 1.1 dan 1.6 LAKIP dihitung dari sini. Ketik 0 untuk golongan yang "
          "ingin tampil walau kosong; baris unit kerja boleh ditambah di bawah.", len(labels))
    headers(ws, styles, labels, [30] + [6] * (len(labels) - 1))
    rows = list(units) + [""] * EXTRA_UNITS
    for r, unit in enumerate(rows, start=HEADER_ROW + 1):
        if unit:
            ws.write_string(r, 0, unit, styles["input"])
        else:
            ws.write_blank(r, 0, None, styles["input"])
        for c in range(1, len(labels)):
            ws.write_blank(r, c, None, styles["input_number"])
    last = HEADER_ROW + len(rows)
    text_prompt(ws, HEADER_ROW + 1, last, 0, "Unit Kerja", "Nama bidang, sekretariat atau UPT.")
    count_validation(ws, HEADER_ROW + 1, 1, last, len(labels) - 1, "Jumlah pegawai",
                     "Jumlah PNS unit kerja ini pada golongan dan jenis kelamin kolom ini.")
    _finish(ws, nama, tahun, GOLONGAN_SHEET, landscape=True)


def _pendidikan(wb: Any, styles: Styles, tahun: int, nama: str) -> None:
    ws = Checked(wb.add_worksheet(PENDIDIKAN_SHEET))
    labels = ["Tingkat Pendidikan", "Laki-laki", "Perempuan"]
    title(ws, styles, f"Jumlah Pegawai menurut Pendidikan Formal — Tahun {tahun}",
          "Pendidikan tertinggi yang ditamatkan. Jumlahnya harus sama dengan jumlah di lembar Pegawai Golongan "
          "(Tabel 1.2 dan 1.4 LAKIP).", len(labels))
    headers(ws, styles, labels, [32, 17, 17])
    for r, (level, _) in enumerate(PENDIDIKAN, start=HEADER_ROW + 1):
        ws.write_string(r, 0, level, styles["locked_text"])
        for c in (1, 2):
            ws.write_blank(r, c, None, styles["input_number"])
    last = HEADER_ROW + len(PENDIDIKAN)
    count_validation(ws, HEADER_ROW + 1, 1, last, 2, "Jumlah pegawai", "Jumlah PNS dengan pendidikan ini.")
    _finish(ws, nama, tahun, PENDIDIKAN_SHEET)


def _jabatan(wb: Any, styles: Styles, tahun: int, nama: str) -> None:
    ws = Checked(wb.add_worksheet(JABATAN_SHEET))
    labels = ["Eselon", "Jabatan", "Jumlah"]
    title(ws, styles, f"Jumlah Pejabat Struktural menurut Eselon — Tahun {tahun}",
          "Satu baris per eselon dan jabatan (Tabel 1.3 LAKIP). Ubah nama jabatan bila perlu; baris kosong di "
          "bawah untuk jabatan lain.", len(labels))
    headers(ws, styles, labels, [12, 44, 12])
    rows = list(ESELON) + [("", "")] * EXTRA_POSTS
    for r, (eselon, jabatan) in enumerate(rows, start=HEADER_ROW + 1):
        for c, text in ((0, eselon), (1, jabatan)):
            if text:
                ws.write_string(r, c, text, styles["input"])
            else:
                ws.write_blank(r, c, None, styles["input"])
        ws.write_blank(r, 2, None, styles["input_number"])
    last = HEADER_ROW + len(rows)
    count_validation(ws, HEADER_ROW + 1, 2, last, 2, "Jumlah pejabat", "Jumlah pejabat pada eselon dan jabatan ini.")
    _finish(ws, nama, tahun, JABATAN_SHEET)


def _tahunan(wb: Any, styles: Styles, tahun: int, nama: str) -> None:
    ws = Checked(wb.add_worksheet(TAHUNAN_SHEET))
    labels = (["Tahun"] + [level for level, _ in PENDIDIKAN] + [group_column(g) for g in GROUPS]
              + ["Jumlah Pegawai"])
    title(ws, styles, f"Perkembangan Jumlah Pegawai sampai Tahun {tahun - 1}",
          f"Tahun-tahun sebelumnya, dari LAKIP terdahulu (Tabel 1.4, 1.5 dan 1.7). Tahun {tahun} tidak diisi: "
          "dihitung dari lembar Pegawai Golongan dan Pegawai Pendidikan. Jumlah menurut pendidikan, menurut "
          "golongan dan Jumlah Pegawai satu tahun harus sama.", len(labels))
    headers(ws, styles, labels, [8] + [7] * (len(labels) - 2) + [11])
    for i, year in enumerate(range(tahun - YEARS_BACK, tahun)):
        r = HEADER_ROW + 1 + i
        ws.write_number(r, 0, year, styles["locked_text"])
        for c in range(1, len(labels)):
            ws.write_blank(r, c, None, styles["input_number"])
    last = HEADER_ROW + YEARS_BACK
    count_validation(ws, HEADER_ROW + 1, 1, last, len(labels) - 1, "Jumlah pegawai",
                     "Jumlah PNS tahun ini menurut kolomnya (dari LAKIP tahun itu).")
    _finish(ws, nama, tahun, TAHUNAN_SHEET, landscape=True)
