"""Details of rules that the sample only touches once: what a Penjelasan claims against its row, the
money that cannot be placed, the message of a row sent by another unit.

Rows of the sample used (input/, Bidang Koperasi dan Usaha Mikro, sheet Program):
- row 10, 2.17.03: target 19, realisasi 14,48, so capaian 76,2105… % (Berhasil);
- row 14, 2.17.04: target 8,33, realisasi empty (no capaian);
- row 15, 2.17.04.2.01: target 3, realisasi 3 (capaian 100 %).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import RENSTRA, SAMPLE, append_rows, set_cells
from lakip_xl.consolidate import check, load
from lakip_xl.reconcile import Unplaced, reconcile
from lakip_xl.renstra import read_renstra
from lakip_xl.settings import Settings

KUM = "LAKIP_2021_KUM_Bidang_Koperasi_dan_Usaha_Mikro.xlsx"
DAG = "LAKIP_2021_DAG_Bidang_Perdagangan.xlsx"
PASAR_ROW = "Jumlah Pasar Rakyat Yang dibina UPTD Pasar Tradisional dan Jasa Usaha Pasar"


def _copy(folder: Path, name: str) -> Path:
    """A throwaway copy of one of the sample's reports."""
    path = folder / name
    path.write_bytes((SAMPLE / name).read_bytes())
    return path


@pytest.fixture(scope="module")
def kum(tmp_path_factory):
    """A copy of KUM's report; each test writes its own Penjelasan into it."""
    return _copy(tmp_path_factory.mktemp("kum"), KUM)


def _said(kum: Path, cell: str, text: str) -> list[str]:
    set_cells(kum, "Program", **{cell: text})
    run = check([kum], RENSTRA)
    return [f.message for f in run.findings if f.rule == "penjelasan-bertentangan" and f.cell == cell]


# --- Penjelasan that agrees with its row: no finding ----------------------------------------


@pytest.mark.parametrize("text", [
    "Realisasi (14,48) belum mencapai target (19). Capaian sebesar (76,21%), kategori Berhasil.",
    "Realisasi di bawah target (19); capaian sebesar 76,2 %.",  # one decimal as the text rounds it
    "Capaian sebesar (76%).",  # no decimal
    "Realisasi 14,48 kurang dari target (tercapai sebagian).",  # a target the text does not quote as a number
    "Target (14,48/19) belum tercapai, lihat lampiran.",  # a ratio is not a quoted target
    "Target (20 orang/bulan) dibagi per bulan.",  # nor two figures with units, as the seed writes them
    "Realisasi (14.48) di bawah target (19.00). Capaian sebesar (76.21%).",  # decimal points, as Excel-EN types
])
def test_a_penjelasan_that_agrees_gives_no_finding(kum, text):
    assert _said(kum, "K10", text) == []


def test_a_penjelasan_with_no_relation_gives_no_finding_on_an_equal_row(kum):
    assert _said(kum, "K15", "Target tercapai. Capaian sebesar (100%), kategori Sangat Berhasil.") == []


# --- each claim that contradicts the row, with the whole message -----------------------------


def _msg(kode: str, disebut: str, sebenarnya: str) -> list[str]:
    return [f"Penjelasan {kode} menyebut {disebut}, sedangkan menurut angkanya {sebenarnya}."]


@pytest.mark.parametrize(("text", "disebut", "sebenarnya"), [
    ("Realisasi sama dengan target.", "realisasi sama dengan target",
     "realisasi 14,48 lebih kecil dari target 19"),
    ("Realisasi melampaui target.", "realisasi lebih besar dari target",
     "realisasi 14,48 lebih kecil dari target 19"),
    ("Realisasi sesuai target (20).", "target (20)", "target Renstra 19"),
    ("Target (T=20) untuk tahun ini.", "target (T=20)", "target Renstra 19"),
    ("Target (14,48/19) dan target (20).", "target (20)", "target Renstra 19"),  # the second one counts
    ("Target (T=R=20).", "target (T=R=20)", "target Renstra 19"),  # the number after the last sign
    ("Capaian sebesar (80%).", "capaian 80%", "capaian 76,21%"),
    ("Capaian sebesar (76,3%).", "capaian 76,3%", "capaian 76,21%"),
    ("Masuk kategori Sangat Berhasil.", "kategori 'Sangat Berhasil'", "kategori 'Berhasil'"),
    ("Realisasi sama dengan target (19). Capaian (100%), kategori Sangat Berhasil.",
     "realisasi sama dengan target; capaian 100%; kategori 'Sangat Berhasil'",
     "realisasi 14,48 lebih kecil dari target 19; capaian 76,21%; kategori 'Berhasil'"),
])
def test_each_contradiction_is_named(kum, text, disebut, sebenarnya):
    assert _said(kum, "K10", text) == _msg("2.17.03", disebut, sebenarnya)


def test_an_equal_row_said_to_exceed(kum):
    assert _said(kum, "K15", "Realisasi lebih tinggi dari target.") == _msg(
        "2.17.04.2.01", "realisasi lebih besar dari target", "realisasi 3 sama dengan target 3")


def test_claims_about_a_row_without_capaian(kum):
    assert _said(kum, "K14", "Capaian sebesar (100%), kategori Sangat Berhasil.") == _msg(
        "2.17.04", "capaian 100%; kategori 'Sangat Berhasil'",
        "capaian belum dapat dihitung; predikat belum dapat ditentukan")


# --- money that cannot be placed -------------------------------------------------------------


def test_unplaced_money_is_recorded_with_its_cell_rule_and_amounts(tmp_path):
    path = _copy(tmp_path, KUM)
    r = append_rows(path, "Program",
                    {1: "2.17.99.2.01.01", 9: 500_000_000, 10: 400_000_000},  # no such code; Pagu, Realisasi Anggaran
                    {1: "2.17.98.2.01.01", 10: 7_000})  # only a realisasi: the realisasi cell is named
    settings = Settings()
    renstra, _ = read_renstra(RENSTRA, settings)
    data, findings = reconcile(renstra, [load(path, settings).submission], 2021, expect_all_units=False)
    assert data.unplaced == [
        Unplaced(KUM, "Program", f"I{r}", "kode-tidak-dikenal", Decimal(500_000_000), Decimal(400_000_000)),
        Unplaced(KUM, "Program", f"J{r + 1}", "kode-tidak-dikenal", None, Decimal(7_000)),
    ]
    assert (data.unplaced_pagu, data.unplaced_realisasi) == (Decimal(500_000_000), Decimal(400_007_000))


def test_a_row_of_another_unit_names_both_units_and_what_was_done(tmp_path):
    path = _copy(tmp_path, DAG)
    append_rows(path, "Program", {1: "3.30.03.2.02.01", 3: PASAR_ROW, 7: 23, 9: 1_000})  # Bidang Pasar's
    run = check([path], RENSTRA)  # Bidang Pasar has not sent: the row is used
    got = [f.message for f in run.findings if f.rule == "baris-bidang-lain"]
    assert got == ["3.30.03.2.02.01 (Jumlah Pasar Rakyat Yang dibina UPTD Pasar Tradisional dan Jasa Usaha Pasar) "
                   "milik Bidang Pasar menurut Renstra, bukan Bidang Perdagangan; "
                   "nilainya dipakai karena Bidang Pasar belum mengirim."]


def test_a_row_of_another_unit_that_sent_its_own_report_is_not_used(tmp_path):
    dag, psr = _copy(tmp_path, DAG), _copy(tmp_path, "LAKIP_2021_PSR_Bidang_Pasar.xlsx")
    append_rows(dag, "Program", {1: "3.30.03.2.02.01", 3: PASAR_ROW, 7: 99})
    run = check([dag, psr], RENSTRA)  # Bidang Pasar sent its own: this row is not used
    got = [f.message for f in run.findings if f.rule == "baris-bidang-lain"]
    assert got == ["3.30.03.2.02.01 (Jumlah Pasar Rakyat Yang dibina UPTD Pasar Tradisional dan Jasa Usaha Pasar) "
                   "milik Bidang Pasar menurut Renstra, bukan Bidang Perdagangan; baris ini tidak dipakai."]
    node = next(n for n in run.result.nodes() if n.kode == "3.30.03.2.02.01")
    assert node.indicators[0].realisasi == Decimal(23)  # Bidang Pasar's own figure


def test_a_row_without_target_or_pagu_this_year_is_kept_when_reported(tmp_path):
    """2.17.04.2.01.02 has no 2021 target and no pagu in the Renstra; a realisasi typed there is shown."""
    path = _copy(tmp_path, KUM)
    run = check([path], RENSTRA)
    assert "2.17.04.2.01.02" not in {n.kode for n in run.result.nodes()}
    set_cells(path, "Program", G17=4)
    run = check([path], RENSTRA)
    node = next(n for n in run.result.nodes() if n.kode == "2.17.04.2.01.02")
    assert [i.realisasi for i in node.indicators] == [Decimal(4)]


def test_a_row_of_a_unit_the_renstra_does_not_know_is_named_by_its_code(tmp_path):
    from lakip_xl.templates.renstra import write_renstra
    from lakip_xl.templates.submission import write_templates

    base = {"satuan": "kali", "polaritas": "Positif", "target": {"2025": "1"}}
    data = {"tahun": ["2025"], "instansi": {"Nama Instansi": "Dinas Contoh", "Periode Renstra": "2025-2025"},
            "bidang": [{"kode": "ANG", "nama": "Bidang Angkutan"}], "tujuan": [],
            "iku": [{"kode_sasaran": "SS01", "sasaran": "S", "kode_indikator": "IKU01", "indikator": "I",
                     "satuan": "%", "polaritas": "Positif", "bidang": "ANG", "target": {"2025": "1"}}],
            "program": [{**base, "kode": "2.15.02", "uraian": "PROGRAM", "indikator": "P", "bidang": "ANG",
                         "kode_sasaran": "SS01"},
                        {**base, "kode": "2.15.02.2.01", "uraian": "Kegiatan", "indikator": "K", "bidang": "ZZZ"}]}
    renstra_path = write_renstra(tmp_path / "renstra.xlsx", data)
    renstra, found = read_renstra(renstra_path)
    assert [f.rule for f in found] == ["renstra-rujukan-tidak-dikenal"]  # ZZZ is no unit of the Renstra
    template = write_templates(renstra, 2025, tmp_path / "t")[0]
    path = tmp_path / template.name
    path.write_bytes(template.read_bytes())
    append_rows(path, "Program", {1: "2.15.02.2.01", 3: "K", 7: 1})
    run = check([path], renstra_path)
    got = [f.message for f in run.findings if f.rule == "baris-bidang-lain"]
    assert got == ["2.15.02.2.01 (K) milik ZZZ menurut Renstra, bukan Bidang Angkutan; "
                   "nilainya dipakai karena ZZZ belum mengirim."]
