"""One test for each catalogue rule that no other test puts to work (issue 11), and a meta-test that keeps
it so: a rule added to ``lakip_xl/findings.py`` without a test that names it fails here.

Each test puts one mistake into a copy of the sample (or a small Renstra) and pins level, rule, sheet
and cell.
"""

from __future__ import annotations

import pathlib
from decimal import Decimal
from pathlib import Path

import openpyxl

from conftest import RENSTRA, set_cells
from lakip_xl.consolidate import check
from lakip_xl.findings import GALAT, INFO, PERINGATAN, RULES
from lakip_xl.renstra import read_renstra
from lakip_xl.templates.renstra import write_renstra
from lakip_xl.templates.submission import write_templates

DAG = "LAKIP_2021_DAG_Bidang_Perdagangan.xlsx"
PSR = "LAKIP_2021_PSR_Bidang_Pasar.xlsx"



def _found(findings) -> set[tuple]:
    return {(f.level, f.rule, f.sheet, f.cell) for f in findings}


def test_every_catalogue_rule_is_named_by_a_test():
    here = pathlib.Path(__file__).parent
    text = "".join(p.read_text(encoding="utf-8") for p in here.glob("test_*.py") if p.name != "test_rules.py")
    text += pathlib.Path(__file__).read_text(encoding="utf-8").rsplit("# --- the rules ---", 1)[1]
    missing = [code for code in RULES if f'"{code}"' not in text]
    assert missing == []


# --- the rules ---


def test_indikator_tidak_dikenal(sample_copy):
    set_cells(sample_copy / DAG, "Program", C24="Indikator yang dikarang sendiri")  # 3.30.04 has two indicators
    run = check([sample_copy / DAG], sample_copy / "renstra.xlsx")
    assert (GALAT, "indikator-tidak-dikenal", "Program", "C24") in _found(run.findings)


def test_satuan_berbeda(sample_copy):
    set_cells(sample_copy / PSR, "Program", D7="unit")  # Renstra: pasar
    run = check([sample_copy / PSR], sample_copy / "renstra.xlsx")
    assert (PERINGATAN, "satuan-berbeda", "Program", "D7") in _found(run.findings)
    set_cells(sample_copy / PSR, "Program", D7="Pasar")  # the same unit, another case: no finding
    assert "satuan-berbeda" not in {f.rule for f in check([sample_copy / PSR], sample_copy / "renstra.xlsx").findings}


def test_polaritas_berbeda_and_the_renstras_polaritas_is_used(sample_copy):
    set_cells(sample_copy / DAG, "Program", E30="Positif")  # koefisien variasi harga is Negatif
    run = check([sample_copy / DAG], sample_copy / "renstra.xlsx")
    assert (PERINGATAN, "polaritas-berbeda", "Program", "E30") in _found(run.findings)
    node = next(n for n in run.result.nodes() if n.kode == "3.30.04.2.02")
    assert round(node.capaian, 2) == Decimal("265.96")  # 5 / 1,88, not 1,88 / 5


def test_jumlah_selisih_pembulatan(sample_copy):
    set_cells(sample_copy / PSR, "Program", I6=2_147_709_401)  # the sub kegiatan sum to 2.147.709.400
    run = check([sample_copy / PSR], sample_copy / "renstra.xlsx")
    assert (INFO, "jumlah-selisih-pembulatan", "Program", "I6") in _found(run.findings)
    assert "jumlah-tidak-sesuai" not in {f.rule for f in run.findings}


def test_capaian_tidak_dihitung(sample_copy):
    wb = openpyxl.load_workbook(sample_copy / "renstra.xlsx")
    ws = wb["Sasaran"]
    col = [c.value for c in ws[4]].index("Target 2021")
    ws.cell(5, col + 1, 0)  # IKU01's 2021 target: 0
    wb.save(sample_copy / "renstra.xlsx")
    run = check([sample_copy / PSR], sample_copy / "renstra.xlsx")
    assert (PERINGATAN, "capaian-tidak-dihitung", "IKU", "G5") in _found(run.findings)
    assert "target 0" in next(f.message for f in run.findings if f.rule == "capaian-tidak-dihitung")


def _renstra_copy(tmp_path: Path, edit) -> list:
    path = tmp_path / "renstra.xlsx"
    wb = openpyxl.load_workbook(RENSTRA)
    edit(wb["Program"], [c.value for c in wb["Program"][4]])
    wb.save(path)
    return read_renstra(path)[1]


def test_renstra_nilai_bukan_angka(tmp_path):
    def edit(ws, header):
        ws.cell(5, header.index("Target 2022") + 1, "enam")

    got = _renstra_copy(tmp_path, edit)
    assert (GALAT, "renstra-nilai-bukan-angka", "Program", "K5") in _found(got)


def test_renstra_kode_ganda(tmp_path):
    def edit(ws, header):
        ws.append([c.value for c in ws[7]])  # 3.30.03.2.01.01 once more, same indicator

    got = _renstra_copy(tmp_path, edit)
    assert (GALAT, "renstra-kode-ganda", "Program", "A152") in _found(got)


def test_renstra_kode_ganda_names_the_row_with_the_same_indicator_among_its_codes_rows(tmp_path):
    """A code with three indicator rows, its third repeated: the finding names the third row, not the first."""
    rows = {}

    def edit(ws, header):
        for cells in ws.iter_rows(min_row=5):
            if cells[0].value == "3.31.03":
                rows.setdefault("3.31.03", []).append(cells[0].row)
        assert len(rows["3.31.03"]) == 3
        ws.append([c.value for c in ws[rows["3.31.03"][2]]])

    got = [f for f in _renstra_copy(tmp_path, edit) if f.rule == "renstra-kode-ganda"]
    assert len(got) == 1 and got[0].message.endswith(f"(juga baris {rows['3.31.03'][2]}).")


def test_renstra_induk_tidak_ada(tmp_path):
    def edit(ws, header):
        assert ws["A6"].value == "3.30.03.2.01"
        ws["A6"] = None  # the kegiatan row gone; its sub kegiatan stay

    got = _renstra_copy(tmp_path, edit)
    assert (PERINGATAN, "renstra-induk-tidak-ada", "Program", "A7") in _found(got)


def test_renstra_kode_tidak_sah(tmp_path):
    def edit(ws, header):
        ws["A5"] = "3.30"

    got = _renstra_copy(tmp_path, edit)
    assert (GALAT, "renstra-kode-tidak-sah", "Program", "A5") in _found(got)


def test_renstra_sasaran_berbeda(tmp_path):
    def edit(ws, header):
        assert ws["A32"].value == "3.30.04"
        ws.cell(32, header.index("Kode Sasaran") + 1, "SS03")  # its second indicator row: another sasaran

    got = _renstra_copy(tmp_path, edit)
    assert (PERINGATAN, "renstra-sasaran-berbeda", "Program", "F32") in _found(got)


def _two_indicator_leaf(tmp_path: Path) -> tuple[Path, Path]:
    """A small Renstra whose sub kegiatan has two indicators, and its unit's template filled on the first."""
    years = ["2025"]
    row = {"uraian": "Subsidi", "satuan": "kali", "polaritas": "Positif", "kode_sasaran": "SS01", "bidang": "ANG",
           "target": {"2025": "1"}, "pagu": {"2025": "100"}}
    data = {"tahun": years, "instansi": {"Nama Instansi": "Dinas Contoh", "Periode Renstra": "2025-2025"},
            "bidang": [{"kode": "ANG", "nama": "Bidang Angkutan"}], "tujuan": [],
            "iku": [{"kode_sasaran": "SS01", "sasaran": "S", "kode_indikator": "IKU01", "indikator": "I",
                     "satuan": "%", "polaritas": "Positif", "bidang": "ANG", "target": {"2025": "1"},
                     "target_akhir": "1"}],
            "program": [{**row, "kode": "2.15.02", "uraian": "PROGRAM", "indikator": "P", "pagu": {}},
                        {**row, "kode": "2.15.02.2.01", "uraian": "Kegiatan", "indikator": "K", "pagu": {}},
                        {**row, "kode": "2.15.02.2.01.0001", "indikator": "Trayek"},
                        {**row, "kode": "2.15.02.2.01.0001", "indikator": "Penumpang", "pagu": {}}]}
    renstra = write_renstra(tmp_path / "renstra.xlsx", data)
    template = write_templates(read_renstra(renstra)[0], 2025, tmp_path / "t")[0]
    wb = openpyxl.load_workbook(template)
    ws = wb["Program"]
    assert (ws["A7"].value, ws["C7"].value, ws["A8"].value, ws["C8"].value) == (
        "2.15.02.2.01.0001", "Trayek", "2.15.02.2.01.0001", "Penumpang")
    ws["I7"], ws["J7"] = 100, 90
    wb.save(tmp_path / template.name)
    return renstra, tmp_path / template.name


def test_anggaran_ganda(tmp_path):
    renstra, path = _two_indicator_leaf(tmp_path)
    set_cells(path, "Program", I8=100, J8=90)  # the same budget typed on the second indicator row too
    run = check([path], renstra)
    assert (PERINGATAN, "anggaran-ganda", "Program", "I8") in _found(run.findings)
    assert run.result.total_pagu == Decimal(100)  # counted once


def test_anggaran_ganda_berbeda(tmp_path):
    renstra, path = _two_indicator_leaf(tmp_path)
    set_cells(path, "Program", I8=70, J8=60)  # another amount on the second row: which is right?
    run = check([path], renstra)
    assert (GALAT, "anggaran-ganda-berbeda", "Program", "I8") in _found(run.findings)
    assert run.result.total_pagu == Decimal(100) and run.result.unplaced_pagu == Decimal(70)
    got = [f.message for f in run.findings if f.rule == "anggaran-ganda-berbeda"]
    assert got == ["Pagu/Realisasi Anggaran 2.15.02.2.01.0001 juga diisi di baris 7 dengan angka lain "
                   "(Rp 100 / Rp 90); yang dipakai baris 7, Rp 70 / Rp 60 di sini tidak dihitung."]
    set_cells(path, "Program", J8=None)  # only a pagu: the missing realisasi is shown as "-"
    got = [f.message for f in check([path], renstra).findings if f.rule == "anggaran-ganda-berbeda"]
    assert got == ["Pagu/Realisasi Anggaran 2.15.02.2.01.0001 juga diisi di baris 7 dengan angka lain "
                   "(Rp 100 / Rp 90); yang dipakai baris 7, Rp 70 / Rp - di sini tidak dihitung."]


def test_the_year_outside_the_renstra_stops_the_run(sample_copy, tmp_path):
    from click.testing import CliRunner

    from lakip_xl.cli import main

    result = CliRunner().invoke(main, ["consolidate", str(sample_copy), "--tahun", "2026", "-o",
                                       str(tmp_path / "o.xlsx"), "-q"])
    assert result.exit_code == 2 and "Tahun 2026 di luar periode Renstra 2021-2024" in result.output
    assert not (tmp_path / "o.xlsx").exists()
