"""Cases the sample cannot show (issue 11): every IKU of the sample is Sangat Berhasil and Positif.

A small agency whose IKU land exactly on the scale's bounds 85, 70 and 55 and inside each category,
with two Negatif IKU that have history, checked against numbers worked out by hand, in Python and
after LibreOffice recalculates the workbook (also after a realisasi is edited to exactly 85).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import rows_of, soffice, table
from lakip_xl.consolidate import consolidate
from lakip_xl.findings import GALAT
from lakip_xl.libreoffice import convert
from lakip_xl.renstra import read_renstra
from lakip_xl.report import formulas
from lakip_xl.settings import Settings
from lakip_xl.templates.renstra import write_renstra
from lakip_xl.templates.submission import write_templates

YEARS = [str(y) for y in range(2025, 2030)]
SB, B, CB, TB = "Sangat Berhasil", "Berhasil", "Cukup Berhasil", "Tidak Berhasil"

#: kode: (sasaran, polaritas, target, realisasi, riwayat 2024, capaian by hand, predikat)
IKU = {
    "IKU01": ("SS01", "Positif", "100", 85, None, Decimal(85), B),  # exactly 85: not above it
    "IKU02": ("SS01", "Positif", "100", 70, None, Decimal(70), CB),  # exactly 70
    "IKU03": ("SS01", "Positif", "100", 55, None, Decimal(55), TB),  # exactly 55
    "IKU04": ("SS02", "Positif", "100", 86, None, Decimal(86), SB),
    "IKU05": ("SS02", "Positif", "50", 60, None, Decimal(120), SB),  # 60 / 50
    "IKU06": ("SS02", "Negatif", "5", 4, "4.5", Decimal(125), SB),  # 5 / 4; 4 after 4,5: better
    "IKU07": ("SS03", "Positif", "10", 10, None, Decimal(100), SB),
    "IKU08": ("SS03", "Positif", "4", 4.4, None, Decimal(110), SB),  # 4,4 / 4
    "IKU09": ("SS03", "Positif", "200", 180, None, Decimal(90), SB),
    "IKU10": ("SS03", "Negatif", "2", 2.2, "2", Decimal(2) / Decimal("2.2") * 100, SB),  # 90,909…; worse
}
#: Metode Rata-Rata Data Kelompok, by hand: SS01 (77,5 + 62,5 + 27,5) / 3 = 55,8333…;
#: instansi (7 × 92,5 + 77,5 + 62,5 + 27,5) / 10 = (647,5 + 167,5) / 10 = 81,5
NILAI_SS01 = Decimal("167.5") / 3
NILAI = Decimal("81.5")


def _renstra_data() -> dict:
    iku, program = [], []
    for i, (kode, (ss, pol, target, _, before, _, _)) in enumerate(IKU.items(), start=1):
        iku.append({"kode_tujuan": "T1", "tujuan": "Pelayanan yang andal", "kode_sasaran": ss,
                    "sasaran": f"Sasaran {ss}", "kode_indikator": kode, "indikator": f"Indikator {kode}",
                    "satuan": "indeks", "polaritas": pol, "bidang": "BID", "target": dict.fromkeys(YEARS, target),
                    "target_akhir": target, "riwayat": {"2024": before} if before else {}})
    for n, ss in enumerate(("SS01", "SS02", "SS03"), start=2):
        base = {"satuan": "kali", "polaritas": "Positif", "bidang": "BID", "target": dict.fromkeys(YEARS, "1")}
        program += [{**base, "kode": f"1.01.0{n}", "uraian": f"PROGRAM {ss}", "indikator": "Program",
                     "kode_sasaran": ss},
                    {**base, "kode": f"1.01.0{n}.2.01", "uraian": "Kegiatan", "indikator": "Kegiatan"},
                    {**base, "kode": f"1.01.0{n}.2.01.0001", "uraian": "Sub kegiatan", "indikator": "Sub",
                     "pagu": dict.fromkeys(YEARS, "1000")}]
    return {"tahun": YEARS, "instansi": {"Nama Instansi": "Dinas Contoh", "Singkatan": "DC",
                                         "Periode Renstra": "2025-2029"},
            "bidang": [{"kode": "BID", "nama": "Bidang Pelayanan"}], "tujuan": [], "iku": iku, "program": program}


@pytest.fixture(scope="module")
def agency(tmp_path_factory):
    root = tmp_path_factory.mktemp("batas")
    (root / "input").mkdir()
    renstra = write_renstra(root / "input" / "renstra.xlsx", _renstra_data())
    template = write_templates(read_renstra(renstra)[0], 2025, root / "templat")[0]
    wb = openpyxl.load_workbook(template)
    wb["Identitas"]["B12"] = dt.datetime(2026, 1, 10)
    for row in wb["IKU"].iter_rows(min_row=5):
        row[6].value = IKU[row[0].value][3]
    for row in wb["Program"].iter_rows(min_row=5):
        row[6].value = 1
        if not row[8].protection.locked:
            row[8].value, row[9].value = 1000, 900
    wb.save(root / "input" / template.name)
    run = consolidate(root / "input", renstra, output=root / "LAKIP.xlsx")
    return run


def test_predikat_on_the_bounds_and_the_means(agency):
    assert not [f for f in agency.findings if f.level == GALAT]
    got = {r.kode: r for r in agency.result.iku}
    for kode, (*_, capaian, predikat) in IKU.items():
        assert got[kode].capaian == capaian and got[kode].predikat == predikat, kode
    sas = {s.kode_sasaran: s for s in agency.result.sasaran}
    assert (sas["SS01"].nilai, sas["SS01"].predikat) == (NILAI_SS01, CB)
    assert (sas["SS02"].nilai, sas["SS03"].nilai) == (Decimal("92.5"), Decimal("92.5"))
    assert (agency.result.nilai, agency.result.predikat) == (NILAI, B)


def test_the_written_workbook_shows_them(agency):
    rows = table(agency.output, "Capaian IKU", "Kode Indikator")
    for kode, (*_, capaian, predikat) in IKU.items():
        assert rows[kode]["Capaian (%)"] == pytest.approx(float(capaian), rel=1e-12) and rows[kode]["Predikat"] == \
            predikat, kode
    t31 = rows_of(agency.output, "Tabel III.1")
    ss01 = next(r for r in t31 if r[0] == "SS01: Sasaran SS01")
    assert ss01[2] == pytest.approx(55.833333333333, rel=1e-12) and ss01[6] == CB
    overall = next(r for r in t31 if r[0] and str(r[0]).startswith("NILAI CAPAIAN KINERJA INSTANSI"))
    assert (overall[2], overall[6]) == (81.5, B)
    # the ticks: IKU01 at 85 sits in the column 70 < X ≤ 85
    iku01 = next(r for r in t31 if r[0] == "Indikator IKU01")
    assert iku01[2:7] == [None, "✓", None, None, B]


def test_direction_of_negatif_iku(agency):
    arah = {r.kode: r.arah for r in agency.result.iku}
    assert arah["IKU06"] == "Peningkatan"  # Negatif, 4,5 → 4: lower is better
    assert arah["IKU10"] == "Penurunan"  # Negatif, 2 → 2,2
    for kode, name, word in DIRECTIONS:
        assert _arah(agency.output, name, kode) == word, kode


DIRECTIONS = (("IKU06", "Sasaran 2", "Peningkatan"), ("IKU10", "Sasaran 3", "Penurunan"))


def _arah(path: Path, sheet: str, kode: str) -> str:
    """Peningkatan/Penurunan of an IKU in its sasaran's Tabel III.(7k-1), found by the indicator's name."""
    rows = rows_of(path, sheet)
    caption = next(i for i, r in enumerate(rows) if r[1] and "Analisis Penyebab" in str(r[1]) or
                   r[0] and "Analisis Penyebab" in str(r[0]))
    return next(r for r in rows[caption:] if r[1] == f"INDIKATOR {kode}")[3]


def test_the_predikat_formula_as_written():
    assert formulas.predikat("I2", Settings()) == (
        '=IF(I2="","",IF(I2>85,"Sangat Berhasil",IF(I2>70,"Berhasil",IF(I2>55,"Cukup Berhasil",'
        '"Tidak Berhasil"))))')
    assert formulas.nilai_kelompok("R", Settings()) == (
        '=IF((COUNTIF(R,"Sangat Berhasil")+COUNTIF(R,"Berhasil")+COUNTIF(R,"Cukup Berhasil")+'
        'COUNTIF(R,"Tidak Berhasil"))=0,"",(COUNTIF(R,"Sangat Berhasil")*92.5+COUNTIF(R,"Berhasil")*77.5+'
        'COUNTIF(R,"Cukup Berhasil")*62.5+COUNTIF(R,"Tidak Berhasil")*27.5)/(COUNTIF(R,"Sangat Berhasil")+'
        'COUNTIF(R,"Berhasil")+COUNTIF(R,"Cukup Berhasil")+COUNTIF(R,"Tidak Berhasil")))')


def test_the_capaian_and_direction_formulas_as_written_in_the_workbook(agency):
    """The formulas a recipient's spreadsheet evaluates, read back as text (no engine needed)."""
    wb = openpyxl.load_workbook(agency.output)
    ws = wb["Capaian IKU"]
    assert [ws["C5"].value, ws["C7"].value] == ["IKU04", "IKU06"]
    assert ws["H5"].value == '=IF(OR(F5="",G5=""),"",IF(F5=0,"",G5/F5*100))'  # Positif: R / T
    assert ws["H7"].value == '=IF(OR(F7="",G7=""),"",IF(G7=0,"",F7/G7*100))'  # Negatif: T / R
    ws = wb["Sasaran 2"]  # Tabel III.(7k-1) of SS02: IKU04, IKU05 Positif, IKU06 Negatif
    # (below the opening table: its header, three IKU rows and a blank row)
    assert ws["D45"].value == ('=IF(OR(G21="",F21="",F21="-"),"",IF(G21>F21,"Peningkatan",'
                               'IF(G21<F21,"Penurunan","Tetap")))')
    assert ws["D47"].value == ('=IF(OR(G23="",F23="",F23="-"),"",IF(G23<F23,"Peningkatan",'
                               'IF(G23>F23,"Penurunan","Tetap")))')  # Negatif: lower is better
    assert ws["B47"].value == "INDIKATOR IKU06"


def test_the_total_formulas_as_written():
    assert formulas.total(["C3", "C4", "C5"]) == '=IF(COUNT(C3,C4,C5)=0,"",SUM(C3,C4,C5))'
    assert formulas.total([]) == '=""'
    cells = [f"A{i}" for i in range(1, 202)]  # 201 cells: two groups, Excel takes 255 arguments at most
    first, second = ",".join(cells[:200]), "A201"
    assert formulas.total(cells) == f'=IF(COUNT({first})+COUNT({second})=0,"",SUM({first})+SUM({second}))'
    assert formulas.total_where("$A$2:$A$9", "Penunjang", "$C$2:$C$9") == (
        '=IF((COUNTIFS($A$2:$A$9,"Penunjang",$C$2:$C$9,">=0")+COUNTIFS($A$2:$A$9,"Penunjang",$C$2:$C$9,"<0"))=0,'
        '"",SUMIF($A$2:$A$9,"Penunjang",$C$2:$C$9))')
    assert formulas.capaian("T", "R", "Negatif", Settings(negatif_formula="selisih")) == (
        '=IF(OR(T="",R=""),"",IF(T=0,"",(2*T-R)/T*100))')


def test_the_permendagri_86_scale_on_the_same_agency(agency, tmp_path):
    """The five-level preset: 85 → Tinggi, 70 → Sedang, 55 → Rendah, 90 → Tinggi (not above 90), by hand:
    SS01 (83 + 70,5 + 58) / 3 = 70,5 Sedang; SS02 (83 + 95,5 + 95,5) / 3 = 91,333… Sangat Tinggi;
    SS03 (3 × 95,5 + 83) / 4 = 92,375 Sangat Tinggi; instansi (5 × 95,5 + 3 × 83 + 70,5 + 58) / 10 = 85,5 Tinggi."""
    from lakip_xl.settings import load_settings

    folder = agency.output.parent / "input"
    run = consolidate(folder, folder / "renstra.xlsx", output=tmp_path / "lima.xlsx",
                      settings=load_settings("permendagri86"))
    st, t, s, r = "Sangat Tinggi", "Tinggi", "Sedang", "Rendah"
    assert {i.kode: i.predikat for i in run.result.iku} == {
        "IKU01": t, "IKU02": s, "IKU03": r, "IKU04": t, "IKU05": st, "IKU06": st, "IKU07": st, "IKU08": st,
        "IKU09": t, "IKU10": st}
    assert [(x.kode_sasaran, x.nilai, x.predikat) for x in run.result.sasaran] == [
        ("SS01", Decimal("70.5"), s), ("SS02", Decimal(274) / 3, st), ("SS03", Decimal("92.375"), st)]
    assert (run.result.nilai, run.result.predikat) == (Decimal("85.5"), t)
    rows = table(run.output, "Capaian IKU", "Kode Indikator")
    assert rows["IKU01"]["Predikat"] == t and rows["IKU03"]["Predikat"] == r
    assert openpyxl.load_workbook(run.output)["Capaian IKU"]["I5"].value == (
        '=IF(H5="","",IF(H5>90,"Sangat Tinggi",IF(H5>75,"Tinggi",IF(H5>65,"Sedang",IF(H5>50,"Rendah",'
        '"Sangat Rendah")))))')


@pytest.mark.libreoffice
def test_libreoffice_agrees_and_a_realisasi_edited_to_85_falls_to_berhasil(agency, tmp_path):
    from test_formulas import _mismatches

    soffice()
    theirs = convert(agency.output, "xlsx", tmp_path / "a", recalculate=True)
    assert _mismatches(agency.output, theirs) == []
    rows = table(theirs, "Capaian IKU", "Kode Indikator")
    assert [rows[k]["Predikat"] for k in IKU] == [p for *_, p in IKU.values()]
    for kode, name, word in DIRECTIONS:  # the Excel formula of the direction, not only its stored value
        assert _arah(theirs, name, kode) == word, kode
    edited = tmp_path / "edited.xlsx"
    wb = openpyxl.load_workbook(agency.output)
    ws = wb["Capaian IKU"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[2].value == "IKU04")
    row[6].value = 85  # realisasi 86 → 85 against target 100
    wb.save(edited)
    theirs = convert(edited, "xlsx", tmp_path / "b", recalculate=True)
    rows = table(theirs, "Capaian IKU", "Kode Indikator")
    assert (rows["IKU04"]["Capaian (%)"], rows["IKU04"]["Predikat"]) == (85, B)
    overall = next(r for r in rows_of(theirs, "Tabel III.1")
                   if r[0] and str(r[0]).startswith("NILAI CAPAIAN KINERJA INSTANSI"))
    # (6 × 92,5 + 2 × 77,5 + 62,5 + 27,5) / 10 = (555 + 155 + 90) / 10 = 80
    assert (overall[2], overall[6]) == (80, B)


def test_a_failing_writer_leaves_the_previous_output(agency, tmp_path, monkeypatch):
    from click.testing import CliRunner

    import lakip_xl.report.narasi as narasi
    from lakip_xl.cli import main

    out = tmp_path / "LAKIP.xlsx"
    out.write_bytes(Path(agency.output).read_bytes())
    before = out.read_bytes()

    def broken(*args, **kwargs):
        raise RuntimeError("writer failed halfway")

    monkeypatch.setattr(narasi, "write_narasi", broken)
    folder = Path(agency.output).parent / "input"
    result = CliRunner().invoke(main, ["consolidate", str(folder), "-o", str(out), "-q"])
    assert result.exit_code == 2 and "Galat internal" in result.output
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["LAKIP.xlsx"]
