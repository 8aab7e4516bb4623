"""Three agencies shaped unlike the bundled sample, consolidated and compared with figures worked out by hand.

``scripts/make_agencies.py`` writes each agency's Renstra 2025-2029, the 2025 templates and the
templates filled like a clerk does:

- Dinas Pekerjaan Umum dan Penataan Ruang (``pupr``): SEK, BM, SDA; 4-digit sub kegiatan codes;
  Program Penunjang 1.03.01 without Kode Sasaran or Jenis; SS01 with three IKU in three predikat
  categories (IKU02 Negatif); programme 1.03.10 with two indicators; SS02 with one IKU at exactly 55 %.
- Dinas Kesehatan (``dinkes``): SEK, KESMAS, P2P and PKM01-PKM08 (UPT Puskesmas); Program Penunjang
  1.02.01; programme 1.02.02 owned by KESMAS whose sub kegiatan are owned by the eight Puskesmas and
  P2P, four of them with their own Kode Sasaran SS02; SS02's IKU reported by P2P, PKM07 and PKM08.
- Dinas Perhubungan (``dishub``): SEK, LLA, PKB; Program Penunjang 2.15.01; programme 2.15.02 whose
  kegiatan belong to LLA and PKB, kegiatan 2.15.02.2.05 with its own Kode Sasaran SS02 (programme
  SS01), sub kegiatan 2.15.02.2.03.01 with its own SS03 (kegiatan SS01); programme 2.15.03 (SS03).

Every expected figure below is a literal computed by hand from the amounts the script types (the
arithmetic is in the comments, checked a second time by summing the leaves of each group); none is
computed with lakip-xl's code. The written workbook is read back as a reader without a formula
engine sees it (python-calamine).
"""

from __future__ import annotations

import importlib.util
import math
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, rows_of
from lakip_xl.cli import main as cli_main
from lakip_xl.consolidate import consolidate


def _load_script():
    spec = importlib.util.spec_from_file_location("make_agencies", ROOT / "scripts" / "make_agencies.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_agencies"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


make_agencies = _load_script()

PENDUKUNG = "JUMLAH PROGRAM PENDUKUNG SASARAN STRATEGIS"
PENUNJANG = "JUMLAH PROGRAM PENUNJANG"
TANPA = "JUMLAH PROGRAM TANPA SASARAN"
BELANJA = "JUMLAH BELANJA (SELURUH PROGRAM)"
SB, B, CB, TB = "Sangat Berhasil", "Berhasil", "Cukup Berhasil", "Tidak Berhasil"
LLA_FILE = "LAKIP_2025_LLA_Bidang_Lalu_Lintas_dan_Angkutan.xlsx"

# --------------------------------------------------------------------------- #
# Expected figures, by hand
# --------------------------------------------------------------------------- #

EXPECTED = {
    "pupr": {
        # Realisasi Anggaran, tree order: (Kode, Pagu, Realisasi)
        "anggaran": [
            # 235.050.000 + 7.215.300.000 = 7.450.350.000; 223.297.500 + 6.981.442.750 = 7.204.740.250
            ("1.03.01", 7_450_350_000, 7_204_740_250),
            # 148.650.000 + 86.400.000 = 235.050.000; 141.217.500 + 82.080.000 = 223.297.500
            ("1.03.01.2.01", 235_050_000, 223_297_500),
            ("1.03.01.2.01.0001", 148_650_000, 141_217_500),
            ("1.03.01.2.01.0007", 86_400_000, 82_080_000),
            ("1.03.01.2.02", 7_215_300_000, 6_981_442_750),
            ("1.03.01.2.02.0001", 7_215_300_000, 6_981_442_750),
            # 412.500.000 + 3.499.750.000 = 3.912.250.000; 389.812.500 + 3.299.593.000 = 3.689.405.500
            ("1.03.02", 3_912_250_000, 3_689_405_500),
            ("1.03.02.2.01", 412_500_000, 389_812_500),
            ("1.03.02.2.01.0001", 412_500_000, 389_812_500),
            # 2.864.750.000 + 635.000.000 = 3.499.750.000; 2.701.318.000 + 598.275.000 = 3.299.593.000
            ("1.03.02.2.02", 3_499_750_000, 3_299_593_000),
            ("1.03.02.2.02.0001", 2_864_750_000, 2_701_318_000),
            ("1.03.02.2.02.0002", 635_000_000, 598_275_000),
            # 9.125.480.000 + 3.180.000.000 + 1.862.300.000 = 14.167.780.000
            # 8.874.102.500 + 3.142.650.000 + 1.097.345.000 = 13.114.097.500
            ("1.03.10", 14_167_780_000, 13_114_097_500),
            ("1.03.10.2.01", 14_167_780_000, 13_114_097_500),
            ("1.03.10.2.01.0013", 9_125_480_000, 8_874_102_500),
            ("1.03.10.2.01.0016", 3_180_000_000, 3_142_650_000),
            ("1.03.10.2.01.0024", 1_862_300_000, 1_097_345_000),
        ],
        # 3.912.250.000 + 14.167.780.000 = 18.080.030.000; 3.689.405.500 + 13.114.097.500 = 16.803.503.000
        "pendukung": (18_080_030_000, 16_803_503_000),
        "penunjang": (7_450_350_000, 7_204_740_250),
        # 18.080.030.000 + 7.450.350.000 = 25.530.380.000; 16.803.503.000 + 7.204.740.250 = 24.008.243.250
        # (second way, the nine leaves: 148,65 + 86,4 + 7.215,3 + 412,5 + 2.864,75 + 635 + 9.125,48 + 3.180
        #  + 1.862,3 = 25.530,38 million)
        "belanja": (25_530_380_000, 24_008_243_250),
        "efisiensi": {
            ("SS01", "1.03.10"): (14_167_780_000, 13_114_097_500),
            ("SS02", "1.03.02"): (3_912_250_000, 3_689_405_500),
        },
        # IKU: (Kode Sasaran, Capaian to 2 decimals, Predikat)
        "capaian": {
            "IKU01": ("SS01", "97.50", SB),  # 78 / 80 × 100 = 97,5
            "IKU02": ("SS01", "80.00", B),  # Negatif: 8 / 10 × 100 = 80
            "IKU03": ("SS01", "65.00", CB),  # 39 / 60 × 100 = 65
            "IKU04": ("SS02", "55.00", TB),  # 33 / 60 × 100 = 55 exactly: X <= 55 is Tidak Berhasil
        },
        "nilai": {
            # (92,5 + 77,5 + 62,5) / 3 = 232,5 / 3 = 77,5
            "SS01": ("Meningkatnya kemantapan jalan dan jembatan kabupaten", 77.5),
            "SS02": ("Meningkatnya kinerja jaringan irigasi", 27.5),  # 27,5 / 1
        },
        # (92,5 + 77,5 + 62,5 + 27,5) / 4 = 260 / 4 = 65: 55 < 65 <= 70
        "instansi": (65.0, CB),
    },
    "dinkes": {
        "anggaran": [
            # 124.600.000 + 18.436.200.000 = 18.560.800.000; 118.370.000 + 18.002.915.400 = 18.121.285.400
            ("1.02.01", 18_560_800_000, 18_121_285_400),
            ("1.02.01.2.01", 124_600_000, 118_370_000),
            ("1.02.01.2.01.01", 124_600_000, 118_370_000),
            ("1.02.01.2.02", 18_436_200_000, 18_002_915_400),
            ("1.02.01.2.02.01", 18_436_200_000, 18_002_915_400),
            # 1.847.250.000 + 1.087.550.000 = 2.934.800.000; 1.775.318.000 + 1.031.615.000 = 2.806.933.000
            ("1.02.02", 2_934_800_000, 2_806_933_000),
            ("1.02.02.2.01", 1_847_250_000, 1_775_318_000),
            ("1.02.02.2.01.14", 1_847_250_000, 1_775_318_000),
            # 96,5 + 88,25 + 64,8 + 112,4 + 71,9 + 57,6 + 46,35 + 43,75 + 324,8 + 181,2 = 1.087,55 million
            # 91,675 + 84,72 + 61,236 + 103,408 + 70,462 + 54,72 + 43,569 + 41,125 + 308,56 + 172,14
            #   = 1.031,615 million
            ("1.02.02.2.02", 1_087_550_000, 1_031_615_000),
            ("1.02.02.2.02.01", 96_500_000, 91_675_000),
            ("1.02.02.2.02.02", 88_250_000, 84_720_000),
            ("1.02.02.2.02.03", 64_800_000, 61_236_000),
            ("1.02.02.2.02.04", 112_400_000, 103_408_000),
            ("1.02.02.2.02.05", 71_900_000, 70_462_000),
            ("1.02.02.2.02.07", 57_600_000, 54_720_000),
            ("1.02.02.2.02.08", 46_350_000, 43_569_000),
            ("1.02.02.2.02.09", 43_750_000, 41_125_000),
            ("1.02.02.2.02.11", 324_800_000, 308_560_000),
            ("1.02.02.2.02.12", 181_200_000, 172_140_000),
        ],
        "pendukung": (2_934_800_000, 2_806_933_000),
        "penunjang": (18_560_800_000, 18_121_285_400),
        # 2.934.800.000 + 18.560.800.000 = 21.495.600.000; 2.806.933.000 + 18.121.285.400 = 20.928.218.400
        "belanja": (21_495_600_000, 20_928_218_400),
        "efisiensi": {
            # SS01: 1.847.250.000 + (96,5 + 88,25 + 64,8 + 112,4 + 71,9 + 57,6 = 491,45 million) = 2.338.700.000
            #       1.775.318.000 + (91,675 + 84,72 + 61,236 + 103,408 + 70,462 + 54,72 = 466,221 million)
            #       = 2.241.539.000
            ("SS01", "1.02.02"): (2_338_700_000, 2_241_539_000),
            # SS02 (.08, .09, .11, .12): 46,35 + 43,75 + 324,8 + 181,2 = 596,1 million;
            #       43,569 + 41,125 + 308,56 + 172,14 = 565,394 million
            ("SS02", "1.02.02"): (596_100_000, 565_394_000),
        },
        "capaian": {
            "IKU01": ("SS01", "112.24", SB),  # Negatif: 110 / 98 × 100 = 112,2449
            "IKU02": ("SS01", "80.00", B),  # Negatif: 18 / 22,5 × 100 = 80
            "IKU03": ("SS02", "90.00", SB),  # 81 / 90 × 100 = 90
            "IKU04": ("SS02", "68.00", CB),  # 68 / 100 × 100 = 68
            "IKU05": ("SS02", "74.35", B),  # 74,35 / 100 × 100 = 74,35
        },
        "nilai": {
            "SS01": ("Meningkatnya kesehatan ibu dan anak", 85.0),  # (92,5 + 77,5) / 2 = 85
            # (92,5 + 62,5 + 77,5) / 3 = 232,5 / 3 = 77,5
            "SS02": ("Terkendalinya penyakit menular dan penyakit tidak menular", 77.5),
        },
        # (92,5 + 77,5 + 92,5 + 62,5 + 77,5) / 5 = 402,5 / 5 = 80,5: 70 < 80,5 <= 85
        "instansi": (80.5, B),
    },
    "dishub": {
        "anggaran": [
            # 96.800.000 + 5.842.600.000 = 5.939.400.000; 91.960.000 + 5.716.284.500 = 5.808.244.500
            ("2.15.01", 5_939_400_000, 5_808_244_500),
            ("2.15.01.2.01", 96_800_000, 91_960_000),
            ("2.15.01.2.01.01", 96_800_000, 91_960_000),
            ("2.15.01.2.02", 5_842_600_000, 5_716_284_500),
            ("2.15.01.2.02.01", 5_842_600_000, 5_716_284_500),
            # 1.898.500.000 + 612.650.000 + 902.900.000 = 3.414.050.000
            # 1.836.095.000 + 584.030.000 + 863.312.000 = 3.283.437.000
            ("2.15.02", 3_414_050_000, 3_283_437_000),
            # 1.486.500.000 + 412.000.000 = 1.898.500.000; 1.437.625.000 + 398.470.000 = 1.836.095.000
            ("2.15.02.2.02", 1_898_500_000, 1_836_095_000),
            ("2.15.02.2.02.01", 1_486_500_000, 1_437_625_000),
            ("2.15.02.2.02.02", 412_000_000, 398_470_000),
            # 538.400.000 + 74.250.000 = 612.650.000; 512.750.000 + 71.280.000 = 584.030.000
            ("2.15.02.2.03", 612_650_000, 584_030_000),
            ("2.15.02.2.03.01", 538_400_000, 512_750_000),
            ("2.15.02.2.03.02", 74_250_000, 71_280_000),
            # 687.300.000 + 215.600.000 = 902.900.000; 654.900.000 + 208.412.000 = 863.312.000
            ("2.15.02.2.05", 902_900_000, 863_312_000),
            ("2.15.02.2.05.01", 687_300_000, 654_900_000),
            ("2.15.02.2.05.02", 215_600_000, 208_412_000),
            # 58.500.000 + 1.275.000.000 = 1.333.500.000; 55.575.000 + 1.198.500.000 = 1.254.075.000
            ("2.15.03", 1_333_500_000, 1_254_075_000),
            ("2.15.03.2.04", 58_500_000, 55_575_000),
            ("2.15.03.2.04.01", 58_500_000, 55_575_000),
            ("2.15.03.2.08", 1_275_000_000, 1_198_500_000),
            ("2.15.03.2.08.01", 1_275_000_000, 1_198_500_000),
        ],
        # 3.414.050.000 + 1.333.500.000 = 4.747.550.000; 3.283.437.000 + 1.254.075.000 = 4.537.512.000
        "pendukung": (4_747_550_000, 4_537_512_000),
        "penunjang": (5_939_400_000, 5_808_244_500),
        # 4.747.550.000 + 5.939.400.000 = 10.686.950.000; 4.537.512.000 + 5.808.244.500 = 10.345.756.500
        "belanja": (10_686_950_000, 10_345_756_500),
        "efisiensi": {
            # the leaves of 2.15.02 inheriting SS01: .2.02.01 + .2.02.02 + .2.03.02
            # 1.486.500.000 + 412.000.000 + 74.250.000 = 1.972.750.000
            # 1.437.625.000 + 398.470.000 + 71.280.000 = 1.907.375.000
            ("SS01", "2.15.02"): (1_972_750_000, 1_907_375_000),
            # kegiatan 2.15.02.2.05 (own Kode Sasaran SS02): 902.900.000; 863.312.000
            ("SS02", "2.15.02"): (902_900_000, 863_312_000),
            # sub kegiatan 2.15.02.2.03.01 (own Kode Sasaran SS03)
            ("SS03", "2.15.02"): (538_400_000, 512_750_000),
            ("SS03", "2.15.03"): (1_333_500_000, 1_254_075_000),
            # check: 1.972.750.000 + 902.900.000 + 538.400.000 + 1.333.500.000 = 4.747.550.000
            #        1.907.375.000 + 863.312.000 + 512.750.000 + 1.254.075.000 = 4.537.512.000
        },
        "capaian": {
            "IKU01": ("SS01", "102.00", SB),  # 66,3 / 65 × 100 = 102
            "IKU02": ("SS01", "75.00", B),  # Negatif: 4,5 / 6 × 100 = 75
            "IKU03": ("SS02", "90.00", SB),  # 76,5 / 85 × 100 = 90
            "IKU04": ("SS03", "70.00", CB),  # 56 / 80 × 100 = 70 exactly: 55 < X <= 70 is Cukup Berhasil
        },
        "nilai": {
            "SS01": ("Meningkatnya keselamatan dan kelancaran lalu lintas", 85.0),  # (92,5 + 77,5) / 2
            "SS02": ("Meningkatnya kelaikan jalan kendaraan bermotor wajib uji", 92.5),
            "SS03": ("Meningkatnya pelayanan angkutan umum", 62.5),
        },
        # (92,5 + 77,5 + 92,5 + 62,5) / 4 = 325 / 4 = 81,25: 70 < 81,25 <= 85
        "instansi": (81.25, B),
    },
}

# --------------------------------------------------------------------------- #
# Building and consolidating (once per module)
# --------------------------------------------------------------------------- #

_BUILT: dict[str, Path] = {}


def built(key: str, tmp_path_factory) -> Path:
    """The agency's Renstra path; the filled submissions are beside it."""
    if key not in _BUILT:
        folder = tmp_path_factory.mktemp(key)
        _BUILT[key] = getattr(make_agencies, f"build_{key}")(folder)
    return _BUILT[key]


class Consolidated:
    def __init__(self, key: str, renstra: Path, out: Path):
        self.key = key
        self.renstra = renstra
        self.input_dir = renstra.parent
        self.run = consolidate(self.input_dir, renstra, output=out)
        self.out = out
        self.expected = EXPECTED[key]

    def records(self, sheet: str) -> list[dict]:
        return records_of(self.out, sheet)


@pytest.fixture(scope="module", params=["pupr", "dinkes", "dishub"])
def agency(request, tmp_path_factory) -> Consolidated:
    renstra = built(request.param, tmp_path_factory)
    out = tmp_path_factory.mktemp(f"{request.param}_out") / "out.xlsx"
    return Consolidated(request.param, renstra, out)


def records_of(out: Path, sheet: str) -> list[dict]:
    """A contract sheet (header in row 1) as one dict per row."""
    rows = rows_of(out, sheet)
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def money(v) -> Decimal | None:
    """A Rupiah cell as read: a number (never text), exactly."""
    if v is None:
        return None
    assert isinstance(v, (int, float)) and not isinstance(v, bool), f"not a number: {v!r}"
    return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)


def pair(record: dict, pagu: str = "Pagu", real: str = "Realisasi") -> tuple:
    return money(record.get(pagu)), money(record.get(real))


def totals(records: list[dict]) -> dict[str, dict]:
    return {r["Uraian"]: r for r in records if not r.get("Kode") and r.get("Uraian") in (PENDUKUNG, PENUNJANG,
                                                                                         TANPA, BELANJA)}


def parent_of(kode: str) -> str | None:
    parts = kode.split(".")
    return {5: ".".join(parts[:3]), 6: ".".join(parts[:5])}.get(len(parts))


# --------------------------------------------------------------------------- #
# Correct input: the figures
# --------------------------------------------------------------------------- #


def test_exit_code_zero_and_no_galat_nor_peringatan(agency):
    bad = [f"{f.level.label} {f.rule} {f.file} {f.sheet}!{f.cell}: {f.message}" for f in agency.run.findings
           if f.level.label in ("Galat", "Peringatan")]
    assert bad == []
    assert agency.run.exit_code() == 0
    validasi = [r for r in agency.records("Validasi") if r.get("Tingkat") in ("Galat", "Peringatan")]
    assert validasi == []


def test_belanja_and_group_totals(agency):
    exp = agency.expected
    got = totals(agency.records("Realisasi Anggaran"))
    assert list(got) == [PENDUKUNG, PENUNJANG, TANPA, BELANJA]
    assert pair(got[BELANJA]) == exp["belanja"]
    assert pair(got[PENDUKUNG]) == exp["pendukung"]
    assert pair(got[PENUNJANG]) == exp["penunjang"]
    assert pair(got[TANPA]) == (None, None)  # every leaf has a sasaran or is Penunjang


def test_realisasi_anggaran_rows_in_tree_order_and_sums_of_children(agency):
    rows = [r for r in agency.records("Realisasi Anggaran") if r.get("Kode")]
    got = [(str(r["Kode"]), *pair(r)) for r in rows]
    assert got == [(k, Decimal(p), Decimal(r)) for k, p, r in agency.expected["anggaran"]]
    # every kegiatan and programme row is the sum of its children's rows, as the sheet shows them
    children: dict[str, list[tuple]] = {}
    for kode, p, r in got:
        if parent_of(kode):
            children.setdefault(parent_of(kode), []).append((p, r))
    for kode, p, r in got:
        if kode in children:
            assert (p, r) == (sum(c[0] for c in children[kode]), sum(c[1] for c in children[kode])), kode


def test_efisiensi_rows_and_jumlah(agency):
    exp = agency.expected
    rows = agency.records("Efisiensi")
    body = [r for r in rows if r.get("Program") != "JUMLAH" and (r.get("Kode Sasaran") or r.get("Kode"))]
    got = {(r.get("Kode Sasaran"), str(r.get("Kode"))): pair(r) for r in body}
    assert len(got) == len(body), "a (sasaran, programme) pair listed twice"
    assert got == {k: (Decimal(p), Decimal(r)) for k, (p, r) in exp["efisiensi"].items()}
    assert rows[-1].get("Program") == "JUMLAH"
    assert pair(rows[-1]) == exp["pendukung"]
    # the sum over sasaran equals JUMLAH PROGRAM PENDUKUNG SASARAN STRATEGIS of Realisasi Anggaran
    pendukung = totals(agency.records("Realisasi Anggaran"))[PENDUKUNG]
    assert (sum(v[0] for v in got.values()), sum(v[1] for v in got.values())) == pair(pendukung)


def test_capaian_iku(agency):
    rows = [r for r in agency.records("Capaian IKU") if r.get("Kode Indikator")]
    got = {}
    for r in rows:
        x = r.get("Capaian (%)")
        assert isinstance(x, (int, float)), f"{r.get('Kode Indikator')}: capaian {x!r}"
        got[r["Kode Indikator"]] = (r.get("Kode Sasaran"),
                                    str(Decimal(repr(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)),
                                    r.get("Predikat"))
    assert len(got) == len(rows)
    assert got == agency.expected["capaian"]


def test_tabel_iii_1_nilai_per_sasaran_and_instansi(agency):
    rows = rows_of(agency.out, "Tabel III.1")

    def cell(row, i):
        return row[i] if i < len(row) else None

    for ks, (name, nilai) in agency.expected["nilai"].items():
        found = [r for r in rows if cell(r, 0) == f"{ks}: {name}"]
        assert len(found) == 1, ks
        assert isinstance(cell(found[0], 2), (int, float)) and math.isclose(cell(found[0], 2), nilai, abs_tol=1e-9), \
            (ks, cell(found[0], 2), nilai)
    found = [r for r in rows if isinstance(cell(r, 0), str) and r[0].startswith("NILAI CAPAIAN KINERJA INSTANSI")]
    assert len(found) == 1
    nilai, predikat = agency.expected["instansi"]
    assert isinstance(cell(found[0], 2), (int, float)) and math.isclose(cell(found[0], 2), nilai, abs_tol=1e-9)
    assert cell(found[0], 6) == predikat


# --------------------------------------------------------------------------- #
# Twists on a copy of the Dinas Perhubungan input
# --------------------------------------------------------------------------- #


def _galat(run, rule: str) -> list:
    return [f for f in run.findings if f.level.label == "Galat" and f.rule == rule]


def _validasi(out: Path, rule: str) -> list[dict]:
    return [r for r in records_of(out, "Validasi") if r.get("Aturan") == rule]


def _name(berkas) -> str:
    return Path(str(berkas)).name


def test_codeless_row_is_a_galat_and_not_counted(tmp_path_factory):
    src = built("dishub", tmp_path_factory).parent
    tmp = tmp_path_factory.mktemp("twist_codeless")
    twist = make_agencies.twist_codeless_row(src, tmp / "input")
    # LLA's Program sheet: row 5 2.15.02, 6 2.15.02.2.02, 7 .01, 8 .02; the new row is 9, Pagu in column I
    assert (twist.file, twist.sheet, twist.cell) == (LLA_FILE, "Program", "I9")
    out = tmp / "out.xlsx"
    run = consolidate(twist.input_dir, twist.renstra, output=out)
    found = _galat(run, "baris-tanpa-kode")
    assert [(_name(f.file), f.sheet, f.cell) for f in found] == [(LLA_FILE, "Program", "I9")]
    assert [(_name(r["Berkas"]), r["Lembar"], r["Sel"]) for r in _validasi(out, "baris-tanpa-kode")] == [
        (LLA_FILE, "Program", "I9")]
    assert {f.rule for f in run.findings if f.level.label == "Galat"} == {"baris-tanpa-kode"}
    assert run.exit_code() == 1
    got = totals(records_of(out, "Realisasi Anggaran"))
    # unchanged: 10.686.950.000 / 10.345.756.500 (the 500.000.000 / 450.000.000 are not counted)
    assert pair(got[BELANJA]) == (10_686_950_000, 10_345_756_500)
    assert pair(got[PENDUKUNG]) == (4_747_550_000, 4_537_512_000)
    assert pair(got[TANPA]) == (None, None)


def test_typed_programme_total_is_a_galat_and_not_counted(tmp_path_factory):
    src = built("dishub", tmp_path_factory).parent
    tmp = tmp_path_factory.mktemp("twist_typed")
    twist = make_agencies.twist_typed_total(src, tmp / "input")
    # LLA's Program sheet: 2.15.02 and its 6 rows are rows 5-11, programme 2.15.03 is row 12
    assert (twist.file, twist.sheet, twist.cell) == (LLA_FILE, "Program", "I12")
    out = tmp / "out.xlsx"
    run = consolidate(twist.input_dir, twist.renstra, output=out)
    found = _galat(run, "jumlah-tanpa-rincian")
    assert [(_name(f.file), f.sheet, f.cell) for f in found] == [(LLA_FILE, "Program", "I12")]
    assert [(_name(r["Berkas"]), r["Lembar"], r["Sel"]) for r in _validasi(out, "jumlah-tanpa-rincian")] == [
        (LLA_FILE, "Program", "I12")]
    assert run.exit_code() == 1
    records = records_of(out, "Realisasi Anggaran")
    got = totals(records)
    # 10.686.950.000 - 1.333.500.000 = 9.353.450.000; 10.345.756.500 - 1.254.075.000 = 9.091.681.500
    # (second way: penunjang 5.939.400.000 + 2.15.02's 3.414.050.000 = 9.353.450.000;
    #  5.808.244.500 + 3.283.437.000 = 9.091.681.500)
    assert pair(got[BELANJA]) == (9_353_450_000, 9_091_681_500)
    assert pair(got[PENDUKUNG]) == (3_414_050_000, 3_283_437_000)
    assert pair(got[PENUNJANG]) == (5_939_400_000, 5_808_244_500)
    assert pair(got[TANPA]) == (None, None)
    prog = next(r for r in records if r.get("Kode") == "2.15.03")
    assert all(v in (None, 0) for v in pair(prog)), pair(prog)


# --------------------------------------------------------------------------- #
# lakip check on an untouched template
# --------------------------------------------------------------------------- #


def test_check_of_an_untouched_template_is_not_ready(tmp_path_factory):
    renstra = built("pupr", tmp_path_factory)
    template = renstra.parent.parent / "workbook_templates" / "LAKIP_2025_BM_Bidang_Bina_Marga.xlsx"
    assert template.is_file()
    result = CliRunner().invoke(cli_main, ["check", str(template), "--renstra", str(renstra)])
    assert "Siap dikirim" not in result.output
    assert "Boleh dikirim" not in result.output
    assert "laporan-belum-lengkap" in result.output


def test_check_of_a_filled_submission_is_ready(tmp_path_factory):
    """The counterpart: the same unit's filled report passes ``lakip check``."""
    renstra = built("pupr", tmp_path_factory)
    filled = renstra.parent / "LAKIP_2025_BM_Bidang_Bina_Marga.xlsx"
    result = CliRunner().invoke(cli_main, ["check", str(filled), "--renstra", str(renstra)])
    assert result.exit_code == 0, result.output
    assert "Siap dikirim." in result.output
