"""The calculation rules of the contract's section 3, on the seed's own examples."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lakip_xl.compute import capaian, nilai_kelompok, percent
from lakip_xl.model import rollup
from lakip_xl.settings import Settings, SettingsError, settings_from_dict

D = Decimal


def test_capaian_positif_seed_ss1():
    value, why = capaian(D("5.88"), D("8.57"), "Positif")
    assert why is None and round(value, 4) == D("145.7483")


def test_capaian_negatif_koefisien_variasi_harga():
    value, _ = capaian(D(5), D("1.88"), "Negatif")
    assert round(value) == 266
    value, _ = capaian(D(5), D("1.88"), "Negatif", "selisih")
    assert value == D("162.4")  # (2×5 − 1,88) / 5 × 100


@pytest.mark.parametrize(("t", "r", "pol", "why"), [
    (D(5), None, "Positif", "realisasi kosong"),
    (None, D(1), "Positif", "target tahun ini kosong di Renstra"),
    (D(0), D(3), "Positif", "target 0 (pembagian dengan nol)"),
    (D(5), D(0), "Negatif", "realisasi 0 pada indikator Negatif (pembagian dengan nol)"),
])
def test_capaian_never_crashes(t, r, pol, why):
    assert capaian(t, r, pol) == (None, why)


@pytest.mark.parametrize(("x", "predikat"), [
    (D("85.0001"), "Sangat Berhasil"), (D(85), "Berhasil"), (D("70.01"), "Berhasil"),
    (D(70), "Cukup Berhasil"), (D(55), "Tidak Berhasil"), (D(7373), "Sangat Berhasil"), (D(0), "Tidak Berhasil"),
])
def test_predikat_scale(x, predikat):
    assert Settings().predikat(x) == predikat


def test_metode_rata_rata_data_kelompok():
    s = Settings()
    assert nilai_kelompok([D(146), D(100), D(99)], s) == D("92.5")
    # one Sangat Berhasil and one Berhasil: (92,5 + 77,5) / 2 = 85 → Berhasil (not above 85)
    mixed = nilai_kelompok([D(120), D(76)], s)
    assert mixed == D(85) and s.predikat(mixed) == "Berhasil"
    assert nilai_kelompok([None], s) is None


def test_efisiensi_seed_table_iii_14(sample_run):
    # Tabel III.14: Pengawasan Bahan Berbahaya, pagu 38.940.000, realisasi 35.189.000 → 90 %, Rp 3.751.000, 10 %
    node = next(n for n in sample_run.result.nodes() if n.kode == "3.30.02.2.06.03")
    assert (node.pagu, node.realisasi) == (D(38940000), D(35189000))
    assert node.serapan == D(35189000) / D(38940000) * 100 and round(node.serapan) == 90  # 90,367…
    assert node.efisiensi == D(3751000)
    assert round(node.efisiensi_persen) == 10 and node.efisiensi_persen == D(3751000) / D(38940000) * 100


def test_rollup_exact_with_half_rupiah():
    own = {"3.30.04.2.01.03": D("6900000"), "3.30.04.2.02.02": D("72153248.50"), "3.30.04.2.02.03": D("6084000")}
    got = rollup(own, ["3.30.04", "3.30.04.2.01", "3.30.04.2.01.03", "3.30.04.2.02", "3.30.04.2.02.02",
                       "3.30.04.2.02.03"])
    assert got["3.30.04.2.02"] == D("78237248.50")
    assert got["3.30.04"] == D("85137248.50")


def test_sums_by_position_add_children_in_the_trees_order_beyond_decimals_precision():
    """Past 28 digits a Decimal sum rounds, and then the order of the children matters: 1 + 10^30 - 10^30 is 0
    from the first child on, 1 from the last. Reconcile's sums by position add them as ``rollup`` does."""
    from pathlib import Path

    from lakip_xl.model import ProgramRow, Renstra

    codes = ["3.30.04", "3.30.04.2.01", "3.30.04.2.01.01", "3.30.04.2.01.02", "3.30.04.2.01.03"]
    rows = [ProgramRow(kode=c, uraian="U", indikator="I", satuan="%", polaritas="Positif", kode_sasaran="S1",
                       bidang="SEK", targets={2021: None}, pagu={2021: None}) for c in codes]
    tree = Renstra(path=Path("r.xlsx"), instansi={}, years=[2021], bidang={}, iku=[], program=rows).tree
    own = {"3.30.04.2.01.01": D(1), "3.30.04.2.01.02": D("1E+30"), "3.30.04.2.01.03": D("-1E+30")}
    got = tree.sums([own.get(c) for c in tree.nodes])
    assert got[1] == rollup(own, codes)["3.30.04.2.01"] == (D(0) + D(1) + D("1E+30")) + D("-1E+30") == 0


def test_settings_file_overrides_scale_and_negatif():
    s = settings_from_dict({
        "negatif": "selisih",
        "skala": [
            {"nama": "Sangat Tinggi", "batas_bawah": 90, "rerata": 95},
            {"nama": "Tinggi", "batas_bawah": 75, "rerata": 82.5},
            {"nama": "Sedang", "batas_bawah": 65, "rerata": 70},
            {"nama": "Rendah", "batas_bawah": 50, "rerata": 57.5},
            {"nama": "Sangat Rendah", "rerata": 25},
        ],
    })
    assert s.negatif_formula == "selisih"
    assert s.predikat(D(80)) == "Tinggi" and s.predikat(D(40)) == "Sangat Rendah"
    assert s.scale_labels()[:2] == ["X > 90", "75 < X ≤ 90"]


@pytest.mark.parametrize("bad", [{"negatif": "aneh"}, {"skala": [{"nama": "A"}]}, {"tak_dikenal": 1}])
def test_bad_settings_are_refused_in_indonesian(bad):
    with pytest.raises(SettingsError):
        settings_from_dict(bad)


def test_percent_of_a_whole_and_what_has_none():
    assert percent(Decimal(1), Decimal(4)) == Decimal(25)
    assert percent(Decimal(3), Decimal(8)) == Decimal("37.5")
    assert percent(None, Decimal(5)) is None
    assert percent(Decimal(5), None) is None
    assert percent(Decimal(5), Decimal(0)) is None
