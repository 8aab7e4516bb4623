"""Categorical targets (issue 13 item 2): Opini BPK, predikat SAKIP, Level n and the settings' own labels.

A category is scored through the settings' table (WTP 100, WDP 75, TW 50, TMP 25; AA 100, A 90, BB 80,
B 70, CC 60, C 50, D 30; Level n = n) and capaian is score(R) / score(T) × 100. Expected values by hand.
"""

from __future__ import annotations

import pickle
from decimal import Decimal

import openpyxl
import pytest

from conftest import rows_of
from lakip_xl.consolidate import consolidate
from lakip_xl.errors import SettingsError
from lakip_xl.measures import Categorical, capaian
from lakip_xl.parse import format_number, parse_category
from lakip_xl.renstra import read_renstra
from lakip_xl.settings import Settings, settings_from_dict
from lakip_xl.templates.renstra import write_renstra
from lakip_xl.templates.submission import write_templates

YEARS = [str(y) for y in range(2025, 2030)]
#: kode: (target, realisasi typed, capaian by hand)
IKU = {
    "OP1": ("WTP", "wdp", Decimal(75)),  # 75 / 100
    "OP2": ("WDP", "WTP", Decimal(100) / 75 * 100),  # better than planned: 133,33
    "SK1": ("A", "BB", Decimal(80) / 90 * 100),  # 88,89
    "LV1": ("Level 4", "level 3", Decimal(75)),  # 3 / 4
    "MIX": ("80", "WTP", None),  # a category against a number: not computed, said
    "OWN": ("Baik Sekali", "baik", Decimal(80) / 95 * 100),  # the settings' own labels
}
SETTINGS = {"kategori": {"Baik Sekali": 95, "Baik": 80}}


def _renstra() -> dict:
    iku = [{"kode_tujuan": "T1", "tujuan": "Tata kelola", "kode_sasaran": "SS01", "sasaran": "Tata kelola yang baik",
            "kode_indikator": k, "indikator": f"Indikator {k}", "satuan": "predikat", "polaritas": "", "bidang": "SEK",
            "target": dict.fromkeys(YEARS, t), "target_akhir": t, **({"riwayat": {"2024": "WDP"}} if k == "OP1" else {})}
           for k, (t, _, _) in IKU.items()]
    program = [{"kode": "X.XX.01", "uraian": "PROGRAM PENUNJANG", "indikator": "Dokumen", "satuan": "dokumen",
                "polaritas": "Positif", "bidang": "SEK", "target": dict.fromkeys(YEARS, "1")}]
    return {"tahun": YEARS, "instansi": {"Nama Instansi": "Dinas Contoh", "Singkatan": "DC",
                                         "Periode Renstra": "2025-2029"},
            "bidang": [{"kode": "SEK", "nama": "Sekretariat"}], "tujuan": [], "iku": iku, "program": program}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kategori") / "input"
    folder.mkdir()
    settings = settings_from_dict(SETTINGS)
    renstra = write_renstra(folder / "renstra.xlsx", _renstra())
    (path,) = write_templates(read_renstra(renstra, settings)[0], 2025, folder, workers=1)
    wb = openpyxl.load_workbook(path)
    ws = wb["IKU"]
    assert {r[0].value: r[5].value for r in ws.iter_rows(min_row=5)}["OP1"] == "WTP"  # the template shows the label
    for row in ws.iter_rows(min_row=5):
        row[6].value = IKU[row[0].value][1]
    wb.save(path)
    return consolidate(folder, settings=settings)


def test_capaian_of_categories_by_hand(run):
    head, *rows = rows_of(run.output, "Capaian IKU")
    col = {h: i for i, h in enumerate(head)}
    got = {r[col["Kode Indikator"]]: r for r in rows}
    for kode, (_, _, want) in IKU.items():
        value = got[kode][col["Capaian (%)"]]
        assert value == (pytest.approx(float(want)) if want is not None else None), kode
    assert got["OP1"][col["Predikat"]] == "Berhasil"  # 75: 70 < X ≤ 85
    assert got["OP1"][col["Realisasi"]] == 75 and got["OP1"][col["Target"]] == 100  # the scores are stored


def test_cells_show_the_labels(run):
    ws = openpyxl.load_workbook(run.output)["Capaian IKU"]
    head = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[head.index("Kode Indikator")].value == "OP1")
    assert row[head.index("Target")].number_format == '"WTP"'
    assert row[head.index("Realisasi")].number_format == '"WDP"'
    own = next(r for r in ws.iter_rows(min_row=2) if r[head.index("Kode Indikator")].value == "OWN")
    assert own[head.index("Target")].number_format == '"Baik Sekali"'


def test_a_category_against_a_number_is_said(run):
    got = [f for f in run.findings if f.rule == "capaian-tidak-dihitung"]
    assert [(f.sheet, f.cell) for f in got] == [("IKU", "G9")]  # MIX, the fifth IKU row
    assert "realisasi berupa kategori (WTP) sedangkan targetnya angka" in got[0].message


def test_riwayat_reads_a_category(run):
    assert run.renstra.riwayat_of("OP1") == {2024: Decimal(75)}
    assert run.renstra.riwayat_of("OP1")[2024].label == "WDP"


def test_libreoffice_agrees(run, tmp_path):
    from test_formulas import _mismatches, _recalculated

    assert _mismatches(run.output, _recalculated(run.output, tmp_path)) == []


test_libreoffice_agrees = pytest.mark.libreoffice(test_libreoffice_agrees)


def test_the_pieces():
    table = Settings().category_table
    wdp = parse_category(" wdp ", table)
    assert wdp == 75 and wdp.label == "WDP" and format_number(wdp) == "WDP" and str(wdp) == "WDP"
    assert pickle.loads(pickle.dumps(wdp)).label == "WDP"  # reports travel to worker processes
    assert parse_category("Level 12", table) == 12 and parse_category(75, table) is None
    assert parse_category("WTPX", table) is None and parse_category("", table) is None
    assert capaian(Categorical("WTP", 100), Decimal(100), "Positif") == (None, "targetnya kategori (WTP); isi "
                                                                            "realisasi berupa kategori juga")
    assert capaian(Categorical("A", 90), Categorical("B", 70), "Positif")[0] == Decimal(70) / 90 * 100


@pytest.mark.parametrize("table, message", [
    ({"1A": 5}, "label kategori '1A' tidak sah"),
    ({"Baik": 0}, "kategori.Baik harus antara"),
    ({"Baik": "tinggi"}, "kategori.Baik harus angka"),
    ([], "'kategori' harus tabel"),
])
def test_bad_kategori_settings(table, message):
    with pytest.raises(SettingsError, match=message):
        settings_from_dict({"kategori": table})
