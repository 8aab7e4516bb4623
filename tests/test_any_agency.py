"""Shapes the sample does not have (issue 9), small enough to be read by eye.

One Dinas Perhubungan, built here with the Renstra writer: three units; Program Penunjang coded
2.15.01 as the Kepmendagri 050-5889/2021 nomenclature does; programme 2.15.02 (SS01) whose kegiatan
2.15.02.2.01 belongs to the traffic unit and whose sub kegiatan 2.15.02.2.01.0002 (halte) and
kegiatan 2.15.02.2.02 belong to the transport unit and support SS02; 4-digit sub kegiatan codes.
Every expected figure below is written out by hand.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import rows_of
from lakip_xl.cli import main
from lakip_xl.consolidate import check, consolidate
from lakip_xl.findings import GALAT, PERINGATAN
from lakip_xl.model import PENDUKUNG, PENUNJANG, TANPA_SASARAN
from lakip_xl.parse import code_key, is_penunjang_code
from lakip_xl.renstra import read_renstra
from lakip_xl.templates.renstra import write_renstra
from lakip_xl.templates.submission import write_templates

YEARS = ["2025", "2026"]
FIRST = 5  # first data row of a template sheet (1-based)


def _row(kode, uraian, indikator, bidang, sasaran=None, pagu=None, jenis=None, satuan="kali"):
    return {"kode": kode, "uraian": uraian, "indikator": indikator, "satuan": satuan, "polaritas": "Positif",
            "kode_sasaran": sasaran, "bidang": bidang, "jenis": jenis, "target": {y: "10" for y in YEARS},
            "pagu": {y: pagu for y in YEARS} if pagu else {}}


def _iku(kode, sasaran, nama, bidang, target):
    return {"kode_tujuan": "T1", "tujuan": "Transportasi yang andal", "kode_sasaran": sasaran, "sasaran": nama,
            "kode_indikator": kode, "indikator": f"Indikator {nama}", "satuan": "indeks", "polaritas": "Positif",
            "bidang": bidang, "target": {y: target for y in YEARS}, "target_akhir": target}


DISHUB = {
    "tahun": YEARS,
    "instansi": {"Nama Instansi": "Dinas Perhubungan Kota Contoh", "Singkatan": "DISHUB",
                 "Periode Renstra": "2025-2026"},
    "bidang": [{"kode": "SEK", "nama": "Sekretariat"}, {"kode": "LLA", "nama": "Bidang Lalu Lintas"},
               {"kode": "ANG", "nama": "Bidang Angkutan"}],
    "tujuan": [],
    "iku": [_iku("IKU01", "SS01", "Lalu lintas lancar", "LLA", "80"),
            _iku("IKU02", "SS02", "Angkutan umum tersedia", "ANG", "10")],
    "program": [
        _row("2.15.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "Nilai SAKIP", "SEK"),
        _row("2.15.01.1.01", "Perencanaan, Penganggaran dan Evaluasi Kinerja", "Dokumen", "SEK"),
        _row("2.15.01.1.01.0001", "Penyusunan Dokumen Perencanaan", "Dokumen", "SEK", pagu="1000"),
        _row("2.15.02", "PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN", "Kinerja LLAJ", "LLA",
             sasaran="SS01"),
        _row("2.15.02.2.01", "Rekayasa Lalu Lintas", "Ruas", "LLA"),
        _row("2.15.02.2.01.0001", "Manajemen Simpang", "Simpang", "LLA", pagu="500"),
        _row("2.15.02.2.01.0002", "Pembangunan Halte", "Halte", "ANG", sasaran="SS02", pagu="300"),
        _row("2.15.02.2.02", "Angkutan Umum", "Trayek", "ANG", sasaran="SS02"),
        _row("2.15.02.2.02.0001", "Subsidi Angkutan", "Trayek", "ANG", pagu="200"),
    ],
}

#: DPA pagu / realisasi anggaran typed by the units on the leaves (equal to the Renstra's pagu)
AMOUNTS = {"2.15.01.1.01.0001": (1000, 900), "2.15.02.2.01.0001": (500, 400), "2.15.02.2.01.0002": (300, 300),
           "2.15.02.2.02.0001": (200, 150)}


def _fill(path: Path, target: Path, realisasi: dict[str, int]) -> Path:
    """Fill a template like a clerk: unlocked cells only."""
    wb = openpyxl.load_workbook(path)
    for row in wb["Identitas"].iter_rows(min_row=FIRST):
        if row[0].value == "Disusun Oleh":
            row[1].value = "Staf"
        elif row[0].value == "Tanggal":
            row[1].value = dt.datetime(2026, 1, 15)
    for row in wb["IKU"].iter_rows(min_row=FIRST):
        if row[0].value in realisasi:
            row[6].value = realisasi[row[0].value]
    for row in wb["Program"].iter_rows(min_row=FIRST):
        if not row[6].protection.locked:
            row[6].value = 10
        if row[0].value in AMOUNTS and not row[8].protection.locked:
            row[8].value, row[9].value = AMOUNTS[row[0].value]
    wb.save(target)
    return target


@pytest.fixture(scope="module")
def dishub(tmp_path_factory):
    root = tmp_path_factory.mktemp("dishub")
    (root / "input").mkdir()
    renstra_path = write_renstra(root / "input" / "renstra.xlsx", DISHUB)
    renstra, findings = read_renstra(renstra_path)
    templates = write_templates(renstra, 2025, root / "templates")
    for t in templates:
        _fill(t, root / "input" / t.name, {"IKU01": 85, "IKU02": 9})
    return root, renstra, findings, {t.name.split("_")[2]: t for t in templates}


def test_codes_and_penunjang_by_the_nomenclature():
    assert code_key("1.03.02.2.01.0001") == code_key("1.03.02.2.01.01") == code_key("1.3.2.2.1.1")
    assert code_key("1.03.02.2.01.0001") != code_key("1.03.02.2.01.0010")
    assert code_key("x.xx.01.2.01") == code_key("X.XX.01.2.01")
    assert [is_penunjang_code(c) for c in ("2.15.01", "2.15.01.1.01.0001", "X.XX.01", "2.15.02", "2.15.10")] == [
        True, True, True, False, False]


def test_each_code_counts_in_one_group(dishub):
    _, renstra, findings, _ = dishub
    assert findings == []
    got = {code: node.key for code, node in renstra.tree.nodes.items()}
    assert got == {
        "2.15.01": (PENUNJANG, None), "2.15.01.1.01": (PENUNJANG, None), "2.15.01.1.01.0001": (PENUNJANG, None),
        "2.15.02": (PENDUKUNG, "SS01"), "2.15.02.2.01": (PENDUKUNG, "SS01"),
        "2.15.02.2.01.0001": (PENDUKUNG, "SS01"), "2.15.02.2.01.0002": (PENDUKUNG, "SS02"),
        "2.15.02.2.02": (PENDUKUNG, "SS02"), "2.15.02.2.02.0001": (PENDUKUNG, "SS02"),
    }


def test_jenis_and_a_programme_without_sasaran(tmp_path):
    data = {**DISHUB, "program": [
        _row("2.15.01", "PROGRAM PENUNJANG", "Nilai SAKIP", "SEK", sasaran="SS01"),  # says it supports SS01
        _row("2.15.03", "PROGRAM LAIN", "x", "LLA"),  # no sasaran, not penunjang
        _row("2.15.04", "PROGRAM PENUNJANG LAIN", "x", "SEK", jenis="Penunjang"),
        _row("2.15.05", "PROGRAM", "x", "LLA", jenis="semacam penunjang"),
    ]}
    renstra, findings = read_renstra(write_renstra(tmp_path / "r.xlsx", data))
    keys = {c: n.key for c, n in renstra.tree.nodes.items()}
    assert keys == {"2.15.01": (PENDUKUNG, "SS01"), "2.15.03": (TANPA_SASARAN, None),
                    "2.15.04": (PENUNJANG, None), "2.15.05": (TANPA_SASARAN, None)}
    assert sorted((f.level.label, f.rule, f.cell) for f in findings) == [
        ("Galat", "renstra-nilai-tidak-sah", "H8"),
        ("Galat", "renstra-tanpa-sasaran", "F6"),
        ("Galat", "renstra-tanpa-sasaran", "F8"),
        ("Info", "renstra-penunjang-bersasaran", "F5"),
    ]


def test_templates_hold_own_rows_and_locked_context(dishub):
    _, _, _, templates = dishub
    ws = openpyxl.load_workbook(templates["ANG"])["Program"]
    rows = [(r[0].value, r[1].value, r[6].protection.locked, r[8].value, r[8].protection.locked)
            for r in ws.iter_rows(min_row=FIRST)]
    assert rows == [
        ("2.15.02", "PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN\n(konteks: milik Bidang Lalu Lintas)",
         True, None, True),
        ("2.15.02.2.01", "Rekayasa Lalu Lintas\n(konteks: milik Bidang Lalu Lintas)", True, None, True),
        ("2.15.02.2.01.0002", "Pembangunan Halte", False, None, False),
        ("2.15.02.2.02", "Angkutan Umum", False, "=SUM(I9)", True),
        ("2.15.02.2.02.0001", "Subsidi Angkutan", False, None, False),
    ]
    # the owner of the programme gets no partial SUM over its own kegiatan alone
    ws = openpyxl.load_workbook(templates["LLA"])["Program"]
    sums = {r[0].value: (r[8].value, r[8].protection.locked) for r in ws.iter_rows(min_row=FIRST)}
    assert sums == {"2.15.02": (None, True), "2.15.02.2.01": (None, True), "2.15.02.2.01.0001": (None, False)}


def test_split_programme_counted_once_per_sasaran(dishub, tmp_path):
    root, _, _, _ = dishub
    run = consolidate(root / "input", root / "input" / "renstra.xlsx", output=tmp_path / "out.xlsx")
    assert [f for f in run.findings if f.level in (GALAT, PERINGATAN)] == []
    eff = [r[:5] for r in rows_of(run.output, "Efisiensi")[1:]]
    assert eff == [
        ["SS01", "2.15.02", "PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN", 500, 400],  # simpang
        ["SS02", "2.15.02", "PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN", 500, 450],  # halte + subsidi
        [None, None, "JUMLAH", 1000, 850],  # 500 + 500, 400 + 450
    ]
    ra = {r[1]: r[2:4] for r in rows_of(run.output, "Realisasi Anggaran")[1:]}
    assert ra["JUMLAH PROGRAM PENDUKUNG SASARAN STRATEGIS"] == [1000, 850]
    assert ra["JUMLAH PROGRAM PENUNJANG"] == [1000, 900]
    assert ra["JUMLAH PROGRAM TANPA SASARAN"] == [None, None]
    assert ra["JUMLAH BELANJA (SELURUH PROGRAM)"] == [2000, 1750]
    codes = {r[0]: r[2:4] + r[6:8] for r in rows_of(run.output, "Realisasi Anggaran")[1:] if r[0]}
    assert codes["2.15.02"] == [1000, 850, "SS01", "Pendukung Sasaran"]
    assert codes["2.15.02.2.01"] == [800, 700, "SS01", None]  # 500 + 300, 400 + 300: both units' leaves
    assert codes["2.15.02.2.01.0002"] == [300, 300, "SS02", None]
    assert codes["2.15.01"] == [1000, 900, None, "Penunjang"]
    pk = {r[0]: r[3] for r in rows_of(run.output, "Perjanjian Kinerja") if r[0] and str(r[0])[:2] in ("1.", "JU")}
    assert pk == {"1. Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan (SS01/SS02)": 1000, "JUMLAH": 1000}


def test_check_of_a_split_unit_is_clean_and_of_an_untouched_template_is_not(dishub):
    root, _, _, templates = dishub
    renstra = root / "input" / "renstra.xlsx"
    for unit in ("LLA", "ANG"):
        run = check([root / "input" / templates[unit].name], renstra)
        assert [f for f in run.findings if f.level in (GALAT, PERINGATAN)] == [], unit
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(templates["ANG"]), "--renstra", str(renstra)])
    assert result.exit_code == 1
    assert "Siap dikirim" not in result.output and "Boleh dikirim" not in result.output
    assert "Belum siap dikirim" in result.output
    assert "laporan-belum-lengkap" in result.output and "IKU!G5" in result.output


def test_half_filled_report_is_not_ready(dishub, tmp_path):
    root, _, _, templates = dishub
    half = tmp_path / templates["ANG"].name
    wb = openpyxl.load_workbook(templates["ANG"])
    wb["IKU"]["G5"] = 9  # only the IKU; no programme realisasi, no budget
    wb.save(half)
    run = check([half], root / "input" / "renstra.xlsx")
    got = [f for f in run.findings if f.rule == "laporan-belum-lengkap"]
    assert len(got) == 1 and got[0].level == PERINGATAN
    assert "3 sel Realisasi, 2 sel Pagu" in got[0].message and "Program!G7" in got[0].message
    result = CliRunner().invoke(main, ["check", str(half), "--renstra", str(root / "input" / "renstra.xlsx")])
    assert result.exit_code == 0 and "Belum siap dikirim" in result.output and "Boleh dikirim" not in result.output


def _copy_input(dishub, tmp_path: Path) -> Path:
    """A throwaway copy of the agency's input folder."""
    folder = tmp_path / "input"
    folder.mkdir()
    for p in (dishub[0] / "input").iterdir():
        folder.joinpath(p.name).write_bytes(p.read_bytes())
    return folder


def test_money_that_cannot_be_placed_is_a_galat_and_not_counted(dishub, tmp_path):
    folder = _copy_input(dishub, tmp_path)
    name = "LAKIP_2025_ANG_Bidang_Angkutan.xlsx"
    wb = openpyxl.load_workbook(folder / name)
    ws = wb["Program"]
    ws.cell(11, 2, "Sisipan tanpa kode")  # a row inserted below the table, no Kode
    ws.cell(11, 9, 500_000_000)
    ws.cell(11, 10, 450_000_000)
    wb.save(folder / name)
    run = consolidate(folder, folder / "renstra.xlsx", output=tmp_path / "out.xlsx")
    galat = [(f.rule, f.file, f.sheet, f.cell) for f in run.findings if f.level == GALAT]
    assert galat == [("baris-tanpa-kode", name, "Program", "I11")]
    assert run.result.total_pagu == Decimal(2000) and run.result.unplaced_pagu == Decimal(500_000_000)
    assert run.result.unplaced_realisasi == Decimal(450_000_000)
    ringkasan = next(r for r in rows_of(run.output, "Ringkasan") if r[1] and "tidak dapat ditempatkan" in r[1])
    assert ringkasan[2:4] == [500_000_000, 450_000_000]
    result = CliRunner().invoke(main, ["consolidate", str(folder), "-o", str(tmp_path / "o2.xlsx"), "-q"])
    assert result.exit_code == 1
    assert "Tidak ditempatkan : pagu Rp 500.000.000, realisasi Rp 450.000.000" in result.output


def test_typed_total_with_empty_leaves_is_not_counted(dishub, tmp_path):
    folder = _copy_input(dishub, tmp_path)
    name = "LAKIP_2025_SEK_Sekretariat.xlsx"
    wb = openpyxl.load_workbook(folder / name)
    ws = wb["Program"]
    ws["I7"] = ws["J7"] = None  # the leaf 2.15.01.1.01.0001 left empty
    ws["I5"] = 1000  # the programme total typed over its SUM formula
    wb.save(folder / name)
    run = consolidate(folder, folder / "renstra.xlsx", output=tmp_path / "out.xlsx")
    assert ("jumlah-tanpa-rincian", name, "Program", "I5") in {
        (f.rule, f.file, f.sheet, f.cell) for f in run.findings if f.level == GALAT}
    assert run.result.total_pagu == Decimal(1000)  # the three pendukung leaves only: 500 + 300 + 200
    assert run.result.penunjang_pagu is None and run.result.unplaced_pagu == Decimal(1000)


def test_template_refuses_a_renstra_with_galat(tmp_path):
    data = {**DISHUB, "program": DISHUB["program"] + [_row("2.15.03", "PROGRAM", "x", "XYZ", sasaran="SS01")]}
    renstra = write_renstra(tmp_path / "r.xlsx", data)
    out = tmp_path / "templat"
    runner = CliRunner()
    result = runner.invoke(main, ["template", "--renstra", str(renstra), "--tahun", "2025", "--out", str(out), "-q"])
    assert result.exit_code == 1
    assert "renstra-rujukan-tidak-dikenal" in result.output and "templat tidak dibuat" in result.output
    assert not out.exists() or not list(out.iterdir())
    forced = runner.invoke(main, ["template", "--renstra", str(renstra), "--tahun", "2025", "--out", str(out), "-q",
                                  "--paksa"])
    assert forced.exit_code == 0 and "PERHATIAN" in forced.output
    assert len(list(out.glob("*.xlsx"))) == 3


def test_sub_kegiatan_code_written_the_other_way_is_matched(dishub, tmp_path):
    root, _, _, templates = dishub
    path = tmp_path / templates["LLA"].name
    wb = openpyxl.load_workbook(root / "input" / templates["LLA"].name)
    ws = wb["Program"]
    assert ws["A7"].value == "2.15.02.2.01.0001"
    ws["A7"] = "2.15.02.2.01.01"  # retyped with two digits
    wb.save(path)
    run = check([path], root / "input" / "renstra.xlsx")
    assert not [f for f in run.findings if f.rule == "kode-tidak-dikenal"]
    node = next(n for n in run.result.nodes() if n.kode == "2.15.02.2.01.0001")  # shown as the Renstra writes it
    assert (node.pagu, node.realisasi) == (Decimal(500), Decimal(400))
