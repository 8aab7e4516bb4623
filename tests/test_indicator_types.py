"""Stabil indicators with range targets (issue 13 item 2), through Renstra, template, submission and workbook.

The rule (lakip_xl/measures.py, README "Perhitungan"): inside the range the capaian is 100 %; below it
realisasi / lower bound × 100; above it upper bound / realisasi × 100. Expected values worked by hand.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from conftest import soffice, table
from lakip_xl.consolidate import consolidate
from lakip_xl.findings import GALAT, PERINGATAN
from lakip_xl.libreoffice import convert
from lakip_xl.measures import Range, capaian
from lakip_xl.parse import parse_range
from lakip_xl.renstra import read_renstra
from lakip_xl.templates.renstra import write_renstra
from lakip_xl.templates.submission import write_templates

YEARS = [str(y) for y in range(2025, 2030)]
SB, B, CB, TB = "Sangat Berhasil", "Berhasil", "Cukup Berhasil", "Tidak Berhasil"

#: kode: (polaritas in the Renstra, target as typed, realisasi, target as the workbook shows it,
#:        capaian by hand, predikat)
IKU = {
    "IKU01": ("", "80-90", 85, "80–90", Decimal(100), SB),  # inside: 100
    "IKU02": ("Stabil", "80–90", 60, "80–90", Decimal(75), B),  # below: 60 / 80
    "IKU03": ("Stabil", "80 - 90", 100, "80–90", Decimal(90), SB),  # above: 90 / 100
    "IKU04": ("Stabil", "≥ 80", 64, "≥ 80", Decimal(80), B),  # open above: 64 / 80
    "IKU05": ("Stabil", "≤ 5", 8, "≤ 5", Decimal("62.5"), CB),  # open below: 5 / 8
    "IKU06": ("Positif", "80-90", 95, "80–90", Decimal(90) / 95 * 100, SB),  # a range makes it Stabil
    "IKU07": ("Stabil", "50", 40, 50, Decimal(80), B),  # one number: the range 50–50
    "IKU08": ("Positif", "≥ 80", 64, 80, Decimal(80), B),  # not Stabil: "≥ 80" is the number 80
}


def _renstra_data() -> dict:
    iku = [{"kode_tujuan": "T1", "tujuan": "Pelayanan yang andal", "kode_sasaran": "SS01", "sasaran": "Sasaran SS01",
            "kode_indikator": kode, "indikator": f"Indikator {kode}", "satuan": "indeks", "polaritas": pol,
            "bidang": "BID", "target": dict.fromkeys(YEARS, target), "target_akhir": target}
           for kode, (pol, target, *_) in IKU.items()]
    base = {"satuan": "kali", "bidang": "BID"}
    program = [
        {**base, "kode": "1.01.02", "uraian": "PROGRAM SS01", "indikator": "Program", "kode_sasaran": "SS01",
         "polaritas": "Stabil", "target": dict.fromkeys(YEARS, "10-12")},
        {**base, "kode": "1.01.02.2.01", "uraian": "Kegiatan", "indikator": "Kegiatan", "polaritas": "Positif",
         "target": dict.fromkeys(YEARS, "1")},
        {**base, "kode": "1.01.02.2.01.0001", "uraian": "Sub kegiatan", "indikator": "Sub", "polaritas": "Positif",
         "target": dict.fromkeys(YEARS, "1"), "pagu": dict.fromkeys(YEARS, "1000")},
    ]
    return {"tahun": YEARS, "instansi": {"Nama Instansi": "Dinas Contoh", "Singkatan": "DC",
                                         "Periode Renstra": "2025-2029"},
            "bidang": [{"kode": "BID", "nama": "Bidang Pelayanan"}], "tujuan": [], "iku": iku, "program": program}


@pytest.fixture
def agency(tmp_path):
    """Built for each test (not once per module), so that mutation testing sees which test reaches which code."""
    root = tmp_path
    (root / "input").mkdir()
    renstra = write_renstra(root / "input" / "renstra.xlsx", _renstra_data())
    template = write_templates(read_renstra(renstra)[0], 2025, root / "templat")[0]
    wb = openpyxl.load_workbook(template)
    wb["Identitas"]["B12"] = dt.datetime(2026, 1, 10)
    shown = {}
    for row in wb["IKU"].iter_rows(min_row=5):
        shown[row[0].value] = row[5].value
        row[6].value = IKU[row[0].value][2]
    for row in wb["Program"].iter_rows(min_row=5):
        shown[row[0].value] = row[5].value
        row[6].value = 13 if row[0].value == "1.01.02" else 1
        if row[0].value == "1.01.02":  # a clerk's Penjelasan about a range: nothing the rule can check
            row[10].value = "Realisasi (13) melampaui target (12) dari rentang 10-12, capaian sebesar (92,31%)."
        if not row[8].protection.locked:
            row[8].value, row[9].value = 1000, 900
    wb.save(root / "input" / template.name)
    run = consolidate(root / "input", renstra, output=root / "LAKIP.xlsx")
    run.template_targets = shown
    return run


def test_parse_range_forms():
    assert parse_range("80-90") == (Range(Decimal(80), Decimal(90)), None)
    assert parse_range("80,5 – 90 %") == (Range(Decimal("80.5"), Decimal(90)), "%")
    assert parse_range("7,5 s.d. 9 hari") == (Range(Decimal("7.5"), Decimal(9)), "hari")
    assert parse_range("90-80") is None  # the lower bound above the upper one
    assert parse_range("80") is None and parse_range(80) is None
    assert parse_range("≥ 80") is None  # one-sided only where the template writes it
    assert parse_range("≥ 80", one_sided=True) == (Range(Decimal(80), None), None)
    assert parse_range("<= 5 %", one_sided=True) == (Range(None, Decimal(5)), "%")
    assert [str(Range(Decimal(80), Decimal(90))), str(Range(Decimal("7.5"), None)), str(Range(None, Decimal(5))),
            str(Range(Decimal(3), Decimal(3)))] == ["80–90", "≥ 7,5", "≤ 5", "3"]


def test_capaian_stabil_by_the_table():
    r = Range(Decimal(80), Decimal(90))
    assert capaian(r, Decimal(80), "Stabil") == (Decimal(100), None)  # the bounds belong to the range
    assert capaian(r, Decimal(90), "Stabil") == (Decimal(100), None)
    assert capaian(r, Decimal(40), "Stabil") == (Decimal(50), None)
    assert capaian(r, Decimal(180), "Stabil") == (Decimal(50), None)
    assert capaian(Range(Decimal(0), Decimal(5)), Decimal(-1), "Stabil")[0] is None  # lower bound 0
    assert capaian(Range(None, Decimal(-2)), Decimal(0), "Stabil")[0] is None  # upper bound negative
    assert capaian(Decimal(50), Decimal(60), "Stabil") == (Decimal(50) / 60 * 100, None)
    assert capaian(r, None, "Stabil") == (None, "realisasi kosong")


def test_renstra_reads_ranges_and_warns_when_polaritas_disagrees(agency):
    renstra = read_renstra(agency.output.parent / "input" / "renstra.xlsx")
    by = {i.kode_indikator: i for i in renstra[0].iku}
    assert {k: by[k].polaritas for k in IKU} == {
        "IKU01": "Stabil", "IKU02": "Stabil", "IKU03": "Stabil", "IKU04": "Stabil", "IKU05": "Stabil",
        "IKU06": "Stabil", "IKU07": "Stabil", "IKU08": "Positif"}
    assert by["IKU04"].target(2025) == Range(Decimal(80), None)
    assert by["IKU07"].target(2025) == Decimal(50)
    assert by["IKU01"].target_akhir == Range(Decimal(80), Decimal(90))
    warned = [(f.level, f.rule, f.sheet, f.cell) for f in renstra[1]]
    assert warned == [(PERINGATAN, "renstra-rentang-bukan-stabil", "Sasaran", "H10")]


def test_the_template_shows_the_range_and_reads_it_back(agency):
    assert {k: agency.template_targets[k] for k in IKU} == {k: v[3] for k, v in IKU.items()}
    assert agency.template_targets["1.01.02"] == "10–12"
    assert not [f for f in agency.findings if f.level == GALAT]
    assert not [f for f in agency.findings if f.rule in ("target-berbeda", "penjelasan-bertentangan")]


def test_capaian_and_predikat(agency):
    got = {r.kode: r for r in agency.result.iku}
    assert {k: (got[k].capaian, got[k].predikat) for k in IKU} == {k: (v[4], v[5]) for k, v in IKU.items()}
    assert got["IKU02"].arah is None  # no direction for Stabil
    program = agency.result.programs[0].indicators[0]
    assert (program.capaian, program.predikat) == (Decimal(12) / 13 * 100, SB)  # 13 above 10–12: 12 / 13


def test_the_workbook_shows_the_range_and_computes_it_live(agency):
    rows = table(agency.output, "Capaian IKU", "Kode Indikator")
    assert {k: rows[k]["Target"] for k in IKU} == {k: v[3] for k, v in IKU.items()}
    assert {k: rows[k]["Capaian (%)"] for k in IKU} == pytest.approx({k: float(v[4]) for k, v in IKU.items()})
    assert {k: rows[k]["Polaritas"] for k in IKU} == {k: "Positif" if k == "IKU08" else "Stabil" for k in IKU}
    ws = openpyxl.load_workbook(agency.output)["Capaian IKU"]
    assert (ws["C2"].value, ws["C5"].value, ws["C6"].value) == ("IKU01", "IKU04", "IKU05")
    assert ws["H2"].value == '=IF(OR(F2="",G2=""),"",IF(G2<80,G2/80*100,IF(G2>90,90/G2*100,100)))'
    assert ws["H5"].value == '=IF(OR(F5="",G5=""),"",IF(G5<80,G5/80*100,100))'
    assert ws["H6"].value == '=IF(OR(F6="",G6=""),"",IF(G6>5,5/G6*100,100))'
    narasi = [c.value for row in openpyxl.load_workbook(agency.output)["Narasi"].iter_rows() for c in row
              if isinstance(c.value, str) and "Indikator IKU02" in c.value]
    assert any("di bawah rentang target sebesar 80–90" in t and "berpolaritas stabil" in t for t in narasi)


@pytest.mark.libreoffice
def test_libreoffice_computes_the_same(agency, tmp_path):
    from test_formulas import _mismatches

    soffice()
    theirs = convert(agency.output, "xlsx", tmp_path / "lo", recalculate=True)
    assert _mismatches(agency.output, theirs) == []
    rows = table(theirs, "Capaian IKU", "Kode Indikator")
    assert {k: rows[k]["Predikat"] for k in IKU} == {k: v[5] for k, v in IKU.items()}


def test_range_text_and_position():
    from lakip_xl.measures import position

    assert str(Range(Decimal("80.0"), Decimal("90.00"))) == "80–90"
    assert str(Range(Decimal("7.50"), Decimal(100))) == "7,5–100"
    assert str(Range(None, None)) == "-"
    r = Range(Decimal(80), Decimal(90))
    assert [position(Decimal(v), r) for v in (79, 80, 85, 90, 91)] == [-1, 0, 0, 0, 1]
    assert [position(Decimal(v), Range(Decimal(80), None)) for v in (79, 80, 10**6)] == [-1, 0, 0]
    assert [position(Decimal(v), Range(None, Decimal(5))) for v in (-3, 5, 6)] == [0, 0, 1]


def test_capaian_stabil_small_and_zero_bounds():
    assert capaian(Range(Decimal("0.5"), Decimal(1)), Decimal("0.25"), "Stabil") == (Decimal(50), None)
    assert capaian(Range(None, Decimal("0.5")), Decimal(1), "Stabil") == (Decimal(50), None)
    assert capaian(Range(None, Decimal(0)), Decimal(5), "Stabil") == (Decimal(0), None)
    assert capaian(Range(Decimal(0), Decimal(5)), Decimal(-1), "Stabil") == (
        None, "batas bawah rentang target 0 atau negatif (pembagian dengan nol)")
    assert capaian(Range(None, Decimal(-2)), Decimal(0), "Stabil") == (None, "batas atas rentang target negatif")


def test_the_stabil_formulas_as_written():
    from lakip_xl.report import formulas
    from lakip_xl.settings import Settings

    def f(lo, hi):
        return formulas.capaian("T", "R", "Stabil", Settings(),
                                Range(None if lo is None else Decimal(lo), None if hi is None else Decimal(hi)))

    assert f("7.5", "9.25") == '=IF(OR(T="",R=""),"",IF(R<7.5,R/7.5*100,IF(R>9.25,9.25/R*100,100)))'
    assert f("80.0", "90.00") == '=IF(OR(T="",R=""),"",IF(R<80,R/80*100,IF(R>90,90/R*100,100)))'
    assert f("0.5", "0.8") == '=IF(OR(T="",R=""),"",IF(R<0.5,R/0.5*100,IF(R>0.8,0.8/R*100,100)))'
    assert f("0", "5") == '=IF(OR(T="",R=""),"",IF(R<0,"",IF(R>5,5/R*100,100)))'
    assert f(None, "0") == '=IF(OR(T="",R=""),"",IF(R>0,0/R*100,100))'
    assert f(None, "-2") == '=IF(OR(T="",R=""),"",IF(R>-2,"",100))'
    assert f(None, None) == '=IF(OR(T="",R=""),"",100)'
    # one number on a Stabil row: the target cell is both bounds
    assert formulas.capaian("T", "R", "Stabil", Settings(), Decimal(50)) == (
        '=IF(OR(T="",R=""),"",IF(R<T,IF(T<=0,"",R/T*100),IF(R>T,IF(T<0,"",T/R*100),100)))')


def test_akumulasi_read_from_the_renstra_with_the_settings_default(tmp_path):
    """Column Akumulasi (issue 13 item 1): Jumlah / Terakhir / Rata-rata; empty takes the settings' default."""
    from lakip_xl.settings import settings_from_dict

    data = _renstra_data()
    for item, word in zip(data["iku"], ["Jumlah", "rata rata", "", "kuartil"]):
        item["akumulasi"] = word
    data["program"][0]["akumulasi"] = "Jumlah"
    path = write_renstra(tmp_path / "renstra.xlsx", data)
    renstra, found = read_renstra(path)
    by = {i.kode_indikator: i.akumulasi for i in renstra.iku}
    assert [by[k] for k in ("IKU01", "IKU02", "IKU03", "IKU04", "IKU05")] == [
        "Jumlah", "Rata-rata", "Terakhir", "Terakhir", "Terakhir"]
    assert [(p.kode, p.akumulasi) for p in renstra.program] == [
        ("1.01.02", "Jumlah"), ("1.01.02.2.01", "Terakhir"), ("1.01.02.2.01.0001", "Terakhir")]
    bad = [(f.rule, f.sheet, f.cell, f.message) for f in found if f.rule == "renstra-nilai-tidak-sah"]
    assert bad == [("renstra-nilai-tidak-sah", "Sasaran", "S8", "Akumulasi Renstra terbaca 'kuartil'; yang boleh: "
                    "Jumlah, Terakhir atau Rata-rata (kosong: Terakhir).")]
    jumlah = read_renstra(path, settings_from_dict({"akumulasi": "Jumlah"}))[0]
    assert [i.akumulasi for i in jumlah.iku][2:5] == ["Jumlah", "Jumlah", "Jumlah"]  # empty and invalid
    wb = openpyxl.load_workbook(path)
    lists = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1
             for dv in wb["Sasaran"].data_validations.dataValidation if dv.type == "list"}
    assert lists["S"] == '"Jumlah,Terakhir,Rata-rata"'
    assert wb["Sasaran"]["S4"].value == "Akumulasi" and wb["Program"]["S4"].value == "Akumulasi"


def test_rencana_aksi_read_with_its_references_checked(tmp_path):
    """Sheet Rencana Aksi (issue 13 item 1): quarterly targets (numbers or ranges) and anggaran kas per row."""
    from lakip_xl.model import RencanaAksi

    data = _renstra_data()
    data["rencana_aksi"] = [
        {"tahun": 2025, "kode": "IKU01", "target": ["80-90", "80-90", "80-90", "80-90"]},
        {"tahun": 2025, "kode": "1.01.02.2.01.1", "indikator": "", "target": ["0", "0", "1", "1"],
         "kas": ["0", "250", "500", "250"]},  # the 4-digit code written with 1 digit still matches
        {"tahun": 2025, "kode": "IKU99", "target": ["1", "2", "3", "4"]},  # no such IKU or code
        {"tahun": 2025, "kode": "IKU01", "target": ["1", "2", "3", "4"]},  # twice for one year
    ]
    path = write_renstra(tmp_path / "renstra.xlsx", data)
    renstra, found = read_renstra(path)
    d = Decimal
    assert renstra.rencana_aksi == [
        RencanaAksi(2025, "IKU01", None, (Range(d(80), d(90)),) * 4, (None,) * 4, 5),
        RencanaAksi(2025, "1.01.02.2.01.0001", "Sub", (d(0), d(0), d(1), d(1)), (d(0), d(250), d(500), d(250)), 6),
    ]
    assert [(f.rule, f.sheet, f.cell) for f in found if f.sheet == "Rencana Aksi"] == [
        ("renstra-rujukan-tidak-dikenal", "Rencana Aksi", "B7"), ("renstra-kode-ganda", "Rencana Aksi", "B8")]
    assert not [f for f in found if f.level == GALAT and f.sheet != "Rencana Aksi"]
