"""The settings schema, key by key: what each key sets, its bounds, and the message a wrong value gives.

Every expected value and message is written out here by hand (not derived from the module's own
tables), so that a changed bound, a dropped key or a garbled message fails a test.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from lakip_xl.errors import SettingsError
from lakip_xl.settings import Category, Limits, Settings, load_settings, settings_from_dict

SRC = "p.toml"


def refused(data) -> str:
    with pytest.raises(SettingsError) as exc:
        settings_from_dict(data, source=SRC)
    return str(exc.value)


def test_defaults_are_the_2021_lakip_rules():
    s = settings_from_dict({})
    assert s == Settings()
    assert [(c.name, c.lower, c.mean, c.color) for c in s.scale] == [
        ("Sangat Berhasil", Decimal(85), Decimal("92.5"), "#C6EFCE"),
        ("Berhasil", Decimal(70), Decimal("77.5"), "#DDEBF7"),
        ("Cukup Berhasil", Decimal(55), Decimal("62.5"), "#FFEB9C"),
        ("Tidak Berhasil", None, Decimal("27.5"), "#FFC7CE"),
    ]
    assert (s.negatif_formula, s.rupiah_tolerance, s.max_findings) == ("rasio", Decimal(1), 10_000)
    assert s.limits == Limits(max_file_bytes=52_428_800, max_unzipped_bytes=314_572_800, max_zip_ratio=200,
                              max_rows=200_000, max_renstra_rows=1_048_576, max_rupiah=Decimal("1e14"))


def test_every_key_sets_its_field():
    s = settings_from_dict({
        "negatif": "  Selisih ",
        "toleransi_rupiah": 2.5,
        "batas_temuan": 7,
        "batas": {"ukuran_berkas": 2048, "ukuran_terurai": 4096, "rasio_zip": 3, "baris": 11},
    }, source=SRC)
    assert s.negatif_formula == "selisih"
    assert s.rupiah_tolerance == Decimal("2.5")
    assert s.max_findings == 7
    assert s.limits == Limits(max_file_bytes=2048, max_unzipped_bytes=4096, max_zip_ratio=3, max_rows=11)
    assert s.scale == Settings().scale


def test_one_limit_leaves_the_others_alone():
    s = settings_from_dict({"batas": {"baris": 500}})
    assert s.limits == Limits(max_rows=500)


def test_a_float_tolerance_is_the_decimal_it_prints():
    assert settings_from_dict({"toleransi_rupiah": 0.1}).rupiah_tolerance == Decimal("0.1")
    assert settings_from_dict({"toleransi_rupiah": 3}).rupiah_tolerance == Decimal(3)


@pytest.mark.parametrize(("key", "lo", "hi"), [
    ("toleransi_rupiah", 0, 1_000_000),
    ("batas_temuan", 0, 10_000_000),
])
def test_top_level_bounds_are_inclusive(key, lo, hi):
    attr = {"toleransi_rupiah": "rupiah_tolerance", "batas_temuan": "max_findings"}[key]
    assert getattr(settings_from_dict({key: lo}), attr) == lo
    assert getattr(settings_from_dict({key: hi}), attr) == hi
    assert refused({key: lo - 1}) == f"p.toml: {key} harus antara {lo} dan {hi}, bukan {lo - 1}"
    assert refused({key: hi + 1}) == f"p.toml: {key} harus antara {lo} dan {hi}, bukan {hi + 1}"


@pytest.mark.parametrize(("key", "field", "lo", "hi"), [
    ("ukuran_berkas", "max_file_bytes", 1024, 10_737_418_240),
    ("ukuran_terurai", "max_unzipped_bytes", 1024, 53_687_091_200),
    ("rasio_zip", "max_zip_ratio", 2, 100_000),
    ("baris", "max_rows", 10, 1_048_576),
    ("sel", "max_sheet_cells", 1_000, 17_179_869_184),
])
def test_limit_bounds_are_inclusive(key, field, lo, hi):
    assert getattr(settings_from_dict({"batas": {key: lo}}).limits, field) == lo
    assert getattr(settings_from_dict({"batas": {key: hi}}).limits, field) == hi
    assert refused({"batas": {key: lo - 1}}) == f"p.toml: batas.{key} harus antara {lo} dan {hi}, bukan {lo - 1}"
    assert refused({"batas": {key: hi + 1}}) == f"p.toml: batas.{key} harus antara {lo} dan {hi}, bukan {hi + 1}"


def test_messages_name_the_key_and_what_it_may_be():
    assert refused({"warna": 1, "zzz": 2}) == (
        "p.toml: kunci tidak dikenal: warna, zzz "
        "(yang dikenal: akumulasi, batas, batas_temuan, kategori, negatif, skala, toleransi_rupiah)")
    assert refused({"negatif": 3}) == "p.toml: 'negatif' harus salah satu dari 'rasio', 'selisih', bukan 3"
    assert refused({"negatif": "kebalikan"}) == (
        "p.toml: 'negatif' harus salah satu dari 'rasio', 'selisih', bukan 'kebalikan'")
    assert refused({"batas": [1, 2]}) == (
        "p.toml: 'batas' harus tabel [batas] dengan kunci ukuran_berkas, ukuran_terurai, rasio_zip, baris, sel, "
        "bukan [1, 2]")
    assert refused({"batas": {"kolom": 5}}) == (
        "p.toml: batas.kolom tidak dikenal (yang dikenal: ukuran_berkas, ukuran_terurai, rasio_zip, baris, sel)")
    assert refused({"batas_temuan": "banyak"}) == "p.toml: batas_temuan harus bilangan bulat 0–10000000, bukan 'banyak'"
    assert refused({"batas_temuan": True}) == "p.toml: batas_temuan harus bilangan bulat 0–10000000, bukan True"
    assert refused({"batas_temuan": 2.0}) == "p.toml: batas_temuan harus bilangan bulat 0–10000000, bukan 2.0"
    assert refused({"batas": {"baris": "10"}}) == "p.toml: batas.baris harus bilangan bulat 10–1048576, bukan '10'"
    assert refused({"toleransi_rupiah": "5"}) == "p.toml: toleransi_rupiah harus angka, bukan '5'"
    assert refused({"toleransi_rupiah": False}) == "p.toml: toleransi_rupiah harus angka, bukan False"
    assert refused({"toleransi_rupiah": float("inf")}) == "p.toml: toleransi_rupiah harus angka biasa, bukan inf"
    assert refused({"toleransi_rupiah": float("nan")}) == "p.toml: toleransi_rupiah harus angka biasa, bukan nan"
    assert refused({"toleransi_rupiah": -0.5}) == "p.toml: toleransi_rupiah harus antara 0 dan 1000000, bukan -0,5"


def test_the_default_source_is_named_pengaturan():
    with pytest.raises(SettingsError, match=r"^pengaturan: kunci tidak dikenal: x "):
        settings_from_dict({"x": 1})


def _cat(nama, rerata, batas_bawah=None, warna=None):
    item = {"nama": nama, "rerata": rerata}
    if batas_bawah is not None:
        item["batas_bawah"] = batas_bawah
    if warna is not None:
        item["warna"] = warna
    return item


FIVE = [  # Permendagri 86/2017's five levels
    _cat(" Sangat Tinggi ", 95.5, 90, "#00ff00"),
    _cat("Tinggi", 83, 75),
    _cat("Sedang", 70, 65),
    _cat("Rendah", 58, 50),
    _cat("Sangat Rendah", 25),
]


def test_a_five_level_scale_is_read_as_written():
    s = settings_from_dict({"skala": FIVE}, source=SRC)
    assert s.scale == (
        Category("Sangat Tinggi", Decimal(90), Decimal("95.5"), "#00FF00"),
        Category("Tinggi", Decimal(75), Decimal(83), "#FFFFFF"),
        Category("Sedang", Decimal(65), Decimal(70), "#FFFFFF"),
        Category("Rendah", Decimal(50), Decimal(58), "#FFFFFF"),
        Category("Sangat Rendah", None, Decimal(25), "#FFFFFF"),
    )
    assert s.scale_labels() == ["X > 90", "75 < X ≤ 90", "65 < X ≤ 75", "50 < X ≤ 65", "X ≤ 50"]
    assert [s.predikat(Decimal(v)) for v in ("90.0001", "90", "75", "50.5", "50", "-3")] == [
        "Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah", "Sangat Rendah"]
    assert s.predikat(None) is None and s.category(None) is None


def test_scale_sizes_two_to_ten():
    two = settings_from_dict({"skala": [_cat("A", 2, 1), _cat("B", 1)]})
    assert [c.name for c in two.scale] == ["A", "B"]
    ten = [_cat(f"K{i}", 1, 100 - i) for i in range(9)] + [_cat("K9", 1)]
    assert len(settings_from_dict({"skala": ten}).scale) == 10
    msg = "p.toml: 'skala' harus daftar 2–10 kategori ([[skala]] berulang)"
    assert refused({"skala": [_cat("A", 1)]}) == msg
    assert refused({"skala": ten + [_cat("K10", 1)]}) == msg
    assert refused({"skala": {"nama": "A"}}) == msg


def test_scale_messages():
    b = _cat("B", 1)
    assert refused({"skala": [{"nama": "A", "batas_bawah": 1}, b]}) == (
        "p.toml: skala[1] harus punya 'nama', 'batas_bawah' dan 'rerata'")
    assert refused({"skala": [_cat("A", 1, 5), {"rerata": 1}]}) == (
        "p.toml: skala[2] harus punya 'nama', 'batas_bawah' dan 'rerata'")
    assert refused({"skala": ["A", b]}) == "p.toml: skala[1] harus punya 'nama', 'batas_bawah' dan 'rerata'"
    assert refused({"skala": [dict(_cat("A", 1, 5), warna_teks="x", z=1), b]}) == (
        "p.toml: skala[1]: kunci tidak dikenal warna_teks, z (yang dikenal: nama, batas_bawah, rerata, warna)")
    assert refused({"skala": [_cat('Sangat "Baik"', 1, 5), b]}) == (
        "p.toml: skala[1].nama harus teks 1–40 huruf, angka, spasi atau . , ( ) / - (tanpa tanda kutip), "
        "bukan 'Sangat \"Baik\"'")
    assert refused({"skala": [_cat(5, 1, 5), b]}).startswith("p.toml: skala[1].nama harus teks")
    assert refused({"skala": [_cat("A" * 41, 1, 5), b]}).startswith("p.toml: skala[1].nama harus teks")
    assert settings_from_dict({"skala": [_cat("A" * 40, 1, 5), b]}).scale[0].name == "A" * 40
    assert settings_from_dict({"skala": [_cat("Baik (B/1), ok-2.", 1, 5), b]}).scale[0].name == "Baik (B/1), ok-2."
    assert refused({"skala": [_cat("A", 1, 5, "hijau"), b]}) == (
        "p.toml: skala[1].warna harus kode warna seperti \"#C6EFCE\", bukan 'hijau'")
    assert refused({"skala": [_cat("A", 1, 5, "#C6EFCE0"), b]}).startswith("p.toml: skala[1].warna")
    assert refused({"skala": [_cat("A", 1, 5), _cat("a", 1)]}) == (
        "p.toml: nama kategori skala harus berbeda satu sama lain")
    assert refused({"skala": [_cat("A", 1), _cat("B", 1, 5)]}) == (
        "p.toml: hanya kategori terakhir (terendah) yang tanpa 'batas_bawah'")
    assert refused({"skala": [_cat("A", 1, 5), _cat("B", 1, 3)]}) == (
        "p.toml: hanya kategori terakhir (terendah) yang tanpa 'batas_bawah'")
    assert refused({"skala": [_cat("A", 1, 5), _cat("B", 1, 6), _cat("C", 1)]}) == (
        "p.toml: 'batas_bawah' skala harus menurun dari atas ke bawah")
    assert refused({"skala": [_cat("A", 1, 5), _cat("B", 1, 5), _cat("C", 1)]}) == (
        "p.toml: 'batas_bawah' skala harus menurun dari atas ke bawah")
    assert refused({"skala": [_cat("A", 1, 5), _cat("B", 1), _cat("C", 1)]}) == (
        "p.toml: hanya kategori terakhir (terendah) yang tanpa 'batas_bawah'")  # a bound missing in the middle
    assert refused({"skala": [_cat("A", 1, 90), _cat("B", 1, 80), _cat("C", 1, 70), _cat("D", 1, 75),
                              _cat("E", 1)]}) == (
        "p.toml: 'batas_bawah' skala harus menurun dari atas ke bawah")  # the fourth rises


def test_scale_number_bounds():
    b = _cat("B", 1)
    assert settings_from_dict({"skala": [_cat("A", 0, -1000), b]}).scale[0].lower == Decimal(-1000)
    assert settings_from_dict({"skala": [_cat("A", 100_000, 100_000), b]}).scale[0].mean == Decimal(100_000)
    assert refused({"skala": [_cat("A", 1, -1001), b]}) == (
        "p.toml: skala[1].batas_bawah harus antara -1000 dan 100000, bukan -1001")
    assert refused({"skala": [_cat("A", 1, 100_001), b]}) == (
        "p.toml: skala[1].batas_bawah harus antara -1000 dan 100000, bukan 100001")
    assert refused({"skala": [_cat("A", -1, 5), b]}) == "p.toml: skala[1].rerata harus antara 0 dan 100000, bukan -1"
    assert refused({"skala": [_cat("A", 1, 5), _cat("B", 100_001)]}) == (
        "p.toml: skala[2].rerata harus antara 0 dan 100000, bukan 100001")


def test_load_settings_reads_files_and_names_them(tmp_path):
    assert load_settings(None) == Settings()
    p = tmp_path / "p.toml"
    p.write_text('negatif = "selisih"\nbatas_temuan = 3\n', encoding="utf-8")
    s = load_settings(p)
    assert (s.negatif_formula, s.max_findings) == ("selisih", 3)
    p.write_bytes('\ufeffbatas_temuan = 4\n'.encode("utf-8"))
    assert load_settings(p).max_findings == 4
    p.write_bytes('batas_temuan = 5\n'.encode("utf-16"))
    assert load_settings(str(p)).max_findings == 5
    p.write_bytes(b"batas_temuan = \xff\n")
    with pytest.raises(SettingsError, match=r"^Berkas pengaturan .*p\.toml bukan teks UTF-8; simpan ulang sebagai UTF-8\.$"):
        load_settings(p)
    p.write_text("batas_temuan = = 1\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"^Berkas pengaturan .*p\.toml bukan TOML yang sah: "):
        load_settings(p)
    p.write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"^.*p\.toml: kunci tidak dikenal: x "):
        load_settings(p)
    with pytest.raises(SettingsError, match=r"^Berkas pengaturan tidak ditemukan: .*tidak-ada\.toml$"):
        load_settings(tmp_path / "tidak-ada.toml")
    with pytest.raises(SettingsError, match=r"^Berkas pengaturan bukan berkas biasa: "):
        load_settings(tmp_path)


def test_the_permendagri_86_preset_by_name():
    s = load_settings("permendagri86")
    assert s.scale == (
        Category("Sangat Tinggi", Decimal(90), Decimal("95.5"), "#C6EFCE"),
        Category("Tinggi", Decimal(75), Decimal(83), "#DDEBF7"),
        Category("Sedang", Decimal(65), Decimal("70.5"), "#FFEB9C"),
        Category("Rendah", Decimal(50), Decimal(58), "#F8CBAD"),
        Category("Sangat Rendah", None, Decimal(25), "#FFC7CE"),
    )
    assert s.scale_labels() == ["X > 90", "75 < X ≤ 90", "65 < X ≤ 75", "50 < X ≤ 65", "X ≤ 50"]
    # Permendagri 86/2017 writes whole numbers: 91 and up, 76–90, 66–75, 51–65, 50 and below
    assert [s.predikat(Decimal(v)) for v in (91, 90, 76, 75, 66, 65, 51, 50)] == [
        "Sangat Tinggi", "Tinggi", "Tinggi", "Sedang", "Sedang", "Rendah", "Rendah", "Sangat Rendah"]
    assert (s.negatif_formula, s.limits) == ("rasio", Limits())


def test_a_file_named_like_a_preset_wins(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "permendagri86").write_text("batas_temuan = 9\n", encoding="utf-8")
    s = load_settings("permendagri86")
    assert (s.max_findings, s.scale) == (9, Settings().scale)


def test_akumulasi_default_and_its_words():
    assert Settings().akumulasi == "Terakhir"
    assert [settings_from_dict({"akumulasi": w}).akumulasi for w in ("jumlah", " Rata rata ", "rata-rata",
                                                                      "RERATA", "Terakhir", "kumulatif")] == [
        "Jumlah", "Rata-rata", "Rata-rata", "Rata-rata", "Terakhir", "Jumlah"]
    assert refused({"akumulasi": "median"}) == (
        "p.toml: 'akumulasi' harus salah satu dari 'Jumlah', 'Terakhir', 'Rata-rata', bukan 'median'")
    assert refused({"akumulasi": 2}) == "p.toml: 'akumulasi' harus salah satu dari 'Jumlah', 'Terakhir', 'Rata-rata', bukan 2"


def test_the_cells_a_sheet_may_span_are_a_setting(tmp_path):
    """``[batas] sel``: a Renstra larger than the default 16 million cells (5,000 units) can be read when it
    is raised; lowered, the sample's Renstra is refused with the limit named."""
    from conftest import RENSTRA

    from lakip_xl.read import RawWorkbook, ReadFailure, read_workbook

    low = settings_from_dict({"batas": {"sel": 1_000}}).limits
    got = read_workbook(RENSTRA, low)
    assert isinstance(got, ReadFailure) and got.rule == "berkas-terlalu-besar"
    assert "(batas 1.000)" in got.reason and "lembar 'Program'" in got.reason
    assert isinstance(read_workbook(RENSTRA, settings_from_dict({}).limits), RawWorkbook)
    assert settings_from_dict({}).limits.max_sheet_cells == 16_000_000
