"""Tabel 1.9 (issue 14 item 1): pendapatan and belanja per jenis from the Sekretariat's Keuangan sheet.

Expected figures are the seed's Tabel 1.9 (data/reference/), to the Rupiah; its % column is the integer
the seed prints.
"""

from __future__ import annotations

import shutil
from decimal import Decimal

import openpyxl
import pytest

from conftest import REFERENCE, RENSTRA, SAMPLE, copy_sheet, half_up, rows_of, set_cells
from lakip_xl.consolidate import consolidate
from lakip_xl.submission import kelompok_of


def _seed_rows() -> dict:
    import json

    data = json.loads(REFERENCE.read_text(encoding="utf-8"))
    return {r["uraian"]: r for r in data["realisasi_anggaran"]["tabel_1_9"]["rows"]}


def test_tabel_1_9_is_the_seeds_to_the_rupiah(sample_run):
    seed = _seed_rows()
    got = {r[1]: r for r in rows_of(sample_run.output, "Realisasi Keuangan")[3:] if r[1]}
    checked = 0
    for uraian, want in seed.items():
        row = got[uraian]
        if want["anggaran"] is None:
            assert row[2] is None and row[3] is None, uraian
            continue
        assert (row[2], row[3]) == (want["anggaran"], want["realisasi"]), uraian
        assert half_up(Decimal(str(row[4]))) == want["persen"], uraian
        checked += 1
    assert checked == 12  # Pendapatan ×5 (with its 3 lines), Operasi ×3, Modal ×2, Jumlah Belanja, Defisit
    assert got["Surplus / (Defisit)"][2:4] == [-7087381707, -7322010327]


def test_tabel_1_9_checks_itself_against_the_programmes(sample_run):
    rows = rows_of(sample_run.output, "Realisasi Keuangan")
    program = next(r for r in rows if r[1] and r[1].startswith("Belanja seluruh program"))
    diff = next(r for r in rows if r[1] and r[1].startswith("Selisih dengan Jumlah Belanja"))
    assert program[2:4] == [12872381707, 12441814426.5]  # the seed's sub kegiatan sum to half a rupiah
    assert diff[2:4] == [0, 0.5]
    assert not [f for f in sample_run.findings if f.rule == "belanja-jenis-tidak-sesuai"]


def test_ringkasan_and_bab_iv_name_the_pendapatan(sample_run):
    ringkasan = {r[1]: r for r in rows_of(sample_run.output, "Ringkasan") if r[1]}
    assert ringkasan["Pendapatan (target dan realisasi, Tabel 1.9)"][2:4] == [5785000000, 5119804100]
    bab_iv = [r[3] for r in rows_of(sample_run.output, "Narasi") if r[0] == "Bab IV Kesimpulan"]
    assert ("Anggaran Pendapatan dengan target sebesar Rp. 5.785.000.000,- dengan realisasi sebesar "
            "Rp. 5.119.804.100,- atau sebesar 89%.") in bab_iv


def test_only_the_penunjang_owner_gets_the_keuangan_sheet(tmp_path):
    from lakip_xl.renstra import read_renstra
    from lakip_xl.templates.submission import write_templates

    paths = write_templates(read_renstra(RENSTRA)[0], 2021, tmp_path, workers=1)
    with_sheet = [p.name for p in paths if "Keuangan" in openpyxl.load_workbook(p).sheetnames]
    assert with_sheet == ["LAKIP_2021_SEK_Sekretariat.xlsx"]
    ws = openpyxl.load_workbook(tmp_path / with_sheet[0])["Keuangan"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5)]
    assert [r[0] for r in rows[:8]] == ["Pendapatan"] * 8 and rows[8][1:3] == ["5.1.01", "Belanja Pegawai"]
    assert [r[1] for r in rows[8:]] == ["5.1.01", "5.1.02", "5.1.05", "5.1.06", "5.2.01", "5.2.02", "5.2.03",
                                        "5.2.04", "5.2.05", "5.2.06", "5.3.01"]
    cell = ws.cell(row=13, column=4)  # Belanja Pegawai's Anggaran: typed
    assert not cell.protection.locked and ws.cell(row=13, column=3).protection.locked


@pytest.fixture
def folder(tmp_path):
    dst = tmp_path / "input"
    shutil.copytree(SAMPLE, dst)
    return dst


def _sek(folder):  # noqa: ANN001, ANN202
    return next(folder.glob("LAKIP_2021_SEK_*.xlsx"))


def test_belanja_per_jenis_that_does_not_add_up_is_said(folder):
    set_cells(_sek(folder), "Keuangan", D13=8_400_000_000)  # Belanja Pegawai 74.641.877 lower
    run = consolidate(folder, write=False)
    got = [f for f in run.findings if f.rule == "belanja-jenis-tidak-sesuai"]
    assert [(f.sheet, f.cell) for f in got] == [("Keuangan", "D18")]  # the last belanja line with an amount
    assert "Rp 12.797.739.830" in got[0].message and "selisih Rp 74.641.877" in got[0].message


def test_a_line_without_a_known_kelompok_is_said_and_not_counted(folder):
    sek = _sek(folder)
    wb = openpyxl.load_workbook(sek)
    ws = wb["Keuangan"]
    ws.protection.sheet = False
    ws["A12"], ws["C12"], ws["D12"], ws["E12"] = "Lain-lain", "Sewa gedung", 1_000_000, 900_000
    wb.save(sek)
    run = consolidate(folder, write=False)
    got = [f for f in run.findings if f.rule == "keuangan-kelompok-tidak-dikenal"]
    assert [(f.level.label, f.cell) for f in got] == [("Galat", "A12")]
    assert "Sewa gedung; anggaran 1.000.000, realisasi 900.000" in got[0].message
    assert run.result.keuangan_total("Pendapatan", "anggaran") == 5_785_000_000


def test_a_second_keuangan_sheet_is_said(folder):
    sek = _sek(folder)
    psr = next(folder.glob("LAKIP_2021_PSR_*.xlsx"))
    copy_sheet(sek, psr, "Keuangan")
    run = consolidate(folder, write=False)
    got = [f for f in run.findings if f.rule == "keuangan-ganda"]
    assert [(f.file, f.sheet) for f in got] == [(psr.name, "Keuangan")]
    assert run.result.keuangan_total("Pendapatan", "realisasi") == 5_119_804_100  # counted once


def test_without_a_keuangan_sheet_there_is_no_tabel_1_9(folder, tmp_path):
    sek = _sek(folder)
    wb = openpyxl.load_workbook(sek)
    del wb["Keuangan"]
    wb.save(sek)
    run = consolidate(folder, output=tmp_path / "out.xlsx")
    import python_calamine as pc

    assert "Realisasi Keuangan" not in pc.CalamineWorkbook.from_path(str(run.output)).sheet_names
    assert not [r for r in rows_of(run.output, "Narasi") if r[3] and "Anggaran Pendapatan" in str(r[3])]


@pytest.mark.parametrize("text, kode, want", [
    ("Pendapatan", None, "Pendapatan"), ("belanja  modal", None, "Belanja Modal"), ("Modal", None, "Belanja Modal"),
    (None, "4.1.02.01", "Pendapatan"), (None, "5.1.02", "Belanja Operasi"), (None, "5.3", "Belanja Tidak Terduga"),
    (None, "5.21", None), ("Lain-lain", "5.1.01", None), (None, None, None),
])
def test_kelompok_of(text, kode, want):
    assert kelompok_of(text, kode) == want

