"""The seed's real mistakes put back into a copy of the sample: each is reported where it is.

(a changed target, a kegiatan budget that does not add up, a row in the wrong
bidang, one bidang missing, one submitted twice) — and the workbook is still written.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl

from lakip_xl.consolidate import consolidate
from lakip_xl.findings import GALAT, INFO, PERINGATAN
from lakip_xl.templates.submission import HEADER_ROW

PSR = "LAKIP_2021_PSR_Bidang_Pasar.xlsx"
DAG = "LAKIP_2021_DAG_Bidang_Perdagangan.xlsx"
KUM = "LAKIP_2021_KUM_Bidang_Koperasi_dan_Usaha_Mikro.xlsx"
MET = "LAKIP_2021_MET_UPT_Metrologi_Legal.xlsx"


def _edit(path: Path, sheet: str, fn) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    header = [c.value for c in ws[HEADER_ROW + 1]]
    fn(ws, header)
    wb.save(path)


def _row(ws, code: str, start: int = HEADER_ROW + 2):
    return next(r for r in ws.iter_rows(min_row=start) if r[0].value == code)


def test_seed_mistakes_are_each_reported_where_they_are(sample_copy, tmp_path):
    cells = {}

    # C14: the seed's Tabel III.8 gives target 2 pasar where the Renstra says 6
    def change_target(ws, header):
        row = _row(ws, "3.30.03.2.01.01")
        row[header.index("Target")].value = 2
        cells["target"] = row[header.index("Target")].coordinate

    # C17-like: a kegiatan pagu typed by hand that is not the sum of its sub kegiatan
    def bad_sum(ws, header):
        row = _row(ws, "3.30.03.2.01")
        row[header.index("Pagu")].value = 2147709000  # sum of the two sub kegiatan: 2.147.709.400
        cells["sum"] = row[header.index("Pagu")].coordinate

    _edit(sample_copy / PSR, "Program", change_target)
    _edit(sample_copy / PSR, "Program", bad_sum)

    # C19: a kegiatan of the Pasar programme reported by Bidang Perdagangan
    def foreign_row(ws, header):
        r = ws.max_row + 1
        ws.cell(r, 1, "3.30.03.2.02.01")
        ws.cell(r, 3, "Jumlah Pasar Rakyat Yang dibina UPTD Pasar Tradisional dan Jasa Usaha Pasar")
        ws.cell(r, header.index("Realisasi") + 1, 23)
        cells["foreign"] = f"A{r}"

    _edit(sample_copy / DAG, "Program", foreign_row)
    # one bidang missing, one submitted twice
    (sample_copy / MET).unlink()
    shutil.copyfile(sample_copy / KUM, sample_copy / "LAKIP_2021_KUM (revisi).xlsx")
    before = {p.name: p.read_bytes() for p in sample_copy.iterdir()}

    run = consolidate(sample_copy, output=tmp_path / "out.xlsx")
    found = {(f.level, f.rule, f.file, f.sheet, f.cell) for f in run.findings}

    assert (PERINGATAN, "target-berbeda", PSR, "Program", cells["target"]) in found
    assert (GALAT, "jumlah-tidak-sesuai", PSR, "Program", cells["sum"]) in found
    assert (GALAT, "baris-bidang-lain", DAG, "Program", cells["foreign"]) in found
    missing = [f for f in run.findings if f.rule == "bidang-tidak-mengirim"]
    assert len(missing) == 1 and "UPT Metrologi Legal (MET)" in missing[0].message
    twice = [f for f in run.findings if f.rule == "bidang-ganda"]
    assert len(twice) == 1 and twice[0].level == GALAT
    assert KUM in twice[0].message and "LAKIP_2021_KUM (revisi).xlsx" in twice[0].message
    # the workbook is still written, the exit code says there are Galat, inputs untouched
    assert run.output.exists() and run.exit_code() == 1
    assert {p.name: p.read_bytes() for p in sample_copy.iterdir()} == before
    # the target used is the Renstra's (6), so the capaian is 2/6, not 100 %
    ind = {(n.kode): n for n in run.result.nodes()}["3.30.03.2.01.01"].indicators[0]
    assert round(ind.capaian, 2) == Decimal("33.33") and ind.predikat == "Tidak Berhasil"


def test_pagu_dpa_different_from_renstra_is_info(sample_run):
    got = [f for f in sample_run.findings if f.rule == "pagu-berbeda-renstra"]
    assert got and all(f.level == INFO for f in got)
    psr = next(f for f in got if f.file == PSR and "3.30.03.2.01.01" in f.message)
    assert "800.537.400" in psr.message and "774.292.350" in psr.message  # SEED_NOTES C18


def test_volume_ekspor_equal_to_last_year_is_info(sample_run):
    # SEED_NOTES C8: realisasi 554.354 ton = target = 2020 value
    got = [f for f in sample_run.findings if f.rule == "realisasi-sama-tahun-lalu" and "IKU03" in f.message]
    assert len(got) == 1 and got[0].level == INFO and (got[0].sheet, got[0].cell) == ("IKU", "G6")


# --------------------------------------------------------------------------- #
# The seed's mistakes that used to pass unnoticed (issue 9), each put back into a copy
# of the sample and pinned to its rule, sheet and cell (SEED_NOTES C-numbers).
# --------------------------------------------------------------------------- #

RENSTRA_FILE = "renstra.xlsx"


def _renstra_edit(folder: Path, sheet: str, fn) -> None:
    _edit(folder / RENSTRA_FILE, sheet, fn)


def _found(run) -> set[tuple]:
    return {(f.level, f.rule, f.file, f.sheet, f.cell) for f in run.findings}


def test_c20_one_code_for_two_sub_kegiatan_is_the_renstras_galat(sample_copy, tmp_path):
    # L2685-2686: the Renstra uses 3.30.05.2.01.03 twice, for two different sub kegiatan
    def reuse_code(ws, header):
        _row(ws, "3.30.05.2.01.04")[header.index("Kode")].value = "3.30.05.2.01.03"

    _renstra_edit(sample_copy, "Program", reuse_code)
    run = consolidate(sample_copy, output=tmp_path / "out.xlsx")
    assert (GALAT, "renstra-uraian-berbeda", RENSTRA_FILE, "Program", "A50") in _found(run)
    msg = next(f.message for f in run.findings if f.rule == "renstra-uraian-berbeda")
    assert "'Misi Dagang Bagi Produk Ekspor Unggulan'" in msg and "'Pameran Dagang Lokal'" in msg and "49" in msg
    # the Renstra is named as the culprit (the unit's copy still has the old code 3.30.05.2.01.04, which the
    # edited Renstra no longer has: that row is reported as the unit's, and its money is counted as not placed)
    assert [f.rule for f in run.findings if f.file == RENSTRA_FILE and f.level == GALAT] == ["renstra-uraian-berbeda"]


def test_c13_target_akhir_not_the_last_years_target(sample_copy, tmp_path):
    # III.18: "Target Renstra" 554.354 for volume ekspor, the Renstra's 2024 target is 610.880
    def old_end(ws, header):
        row = next(r for r in ws.iter_rows(min_row=HEADER_ROW + 2) if r[header.index("Kode Indikator")].value == "IKU03")
        row[header.index("Target Akhir Renstra")].value = 554354

    _renstra_edit(sample_copy, "Sasaran", old_end)
    run = consolidate(sample_copy, output=tmp_path / "out.xlsx")
    assert (PERINGATAN, "renstra-target-akhir-berbeda", RENSTRA_FILE, "Sasaran", "O7") in _found(run)
    msg = next(f.message for f in run.findings if f.rule == "renstra-target-akhir-berbeda")
    assert "554.354" in msg and "610.880" in msg and "2024" in msg


def test_c10_c11_penjelasan_that_contradicts_its_row(sample_copy, tmp_path, sample_run):
    # C10 (L2239): Penilaian Kesehatan KSP/USP, target 8,33, realisasi empty, yet the text says
    # "(5,88%) sama dengan target (5,88%) … (100%) … Sangat Berhasil"
    text = ('Realisasi indikator Program (5,88%) sama dengan target (5,88%). Analisa Capaian Indikator Kinerja '
            'sebesar (100%). Indikator Kinerja masuk pada kategori " Sangat Berhasil ".')

    def copied_text(ws, header):
        _row(ws, "2.17.04")[header.index("Penjelasan")].value = text

    _edit(sample_copy / KUM, "Program", copied_text)
    run = consolidate(sample_copy, output=tmp_path / "out.xlsx")
    got = [f for f in run.findings if f.rule == "penjelasan-bertentangan" and f.file == KUM and f.cell == "K14"]
    assert len(got) == 1 and got[0].level == PERINGATAN
    assert "target (5,88%)" in got[0].message and "target Renstra 8,33" in got[0].message
    assert "capaian belum dapat dihitung" in got[0].message and "kategori 'Sangat Berhasil'" in got[0].message
    # C11, as the seed wrote them (the sample keeps the seed's penjelasan):
    pinned = {(f.file, f.cell): f.message for f in sample_run.findings if f.rule == "penjelasan-bertentangan"}
    # III.15 Stabilisasi: "Realisasi (100%) sama dengan target (83%)", capaian 120
    assert "realisasi 100 lebih besar dari target 83" in pinned[(DAG, "K24")]
    # III.15 koefisien variasi (Negatif): "1,88 … lebih besar dari target (5%)"
    assert "realisasi 1,88 lebih kecil dari target 5" in pinned[(DAG, "K30")]
    # III.29: "(100%) lebih besar dari target (100%)" but the target is 97
    assert "target Renstra 97" in pinned[(MET, "K5")]


def test_c32_unit_that_changes_between_years(sample_copy, tmp_path):
    # x.xx.01.2.01.01: "5 dokumen" in 2021, then "400%"
    def units(ws, header):
        row = _row(ws, "X.XX.01.2.01.01")
        row[header.index("Target 2021")].value = "5 dokumen"
        for year in (2022, 2023, 2024):
            row[header.index(f"Target {year}")].value = "400%"

    _renstra_edit(sample_copy, "Program", units)
    run = consolidate(sample_copy, output=tmp_path / "out.xlsx")
    assert (PERINGATAN, "renstra-satuan-berubah", RENSTRA_FILE, "Program", "D112") in _found(run)
    msg = next(f.message for f in run.findings if f.rule == "renstra-satuan-berubah")
    assert "'dokumen'" in msg and "'%'" in msg


def test_c22_iku_achieved_with_no_budget_at_any_level(sample_run):
    # SS3 and SS5: pagu "-" at every level (III.21, III.35), IKU 100 %; SS8: no budget under its programme
    got = {(f.file, f.sheet, f.cell) for f in sample_run.findings if f.rule == "capaian-tanpa-anggaran"}
    assert got == {(DAG, "IKU", "G6"), (DAG, "IKU", "G8"), ("LAKIP_2021_IND_Bidang_Perindustrian.xlsx", "IKU", "G7")}
    assert all(f.level == PERINGATAN for f in sample_run.findings if f.rule == "capaian-tanpa-anggaran")


def test_c24_baseline_that_contradicts_riwayat(sample_run):
    # SS8 baseline 2,18 % while III.52 gives 2020 = 35,87 %; SS10 4,22 % against 23,61
    got = {f.cell: f.message for f in sample_run.findings if f.rule == "baseline-berbeda-riwayat"}
    assert set(got) == {"J12", "J13", "J14"}
    assert "2,18" in got["J12"] and "35,87" in got["J12"] and "4,22" in got["J14"] and "23,61" in got["J14"]


def test_c33_renstra_period_that_does_not_match_its_years(sample_copy, tmp_path):
    # Bab II and Tabel II.1 say "2020 - 2024"; the Renstra's years are 2021-2024
    path = sample_copy / RENSTRA_FILE
    wb = openpyxl.load_workbook(path)
    ws = wb["Instansi"]
    cell = next(r[1] for r in ws.iter_rows(min_row=HEADER_ROW + 2) if r[0].value == "Periode Renstra")
    cell.value = "2020 - 2024"
    wb.save(path)
    run = consolidate(sample_copy, output=tmp_path / "out.xlsx")
    assert (INFO, "renstra-periode-berbeda", RENSTRA_FILE, "Instansi", cell.coordinate) in _found(run)


def test_c18_renstra_funded_rows_without_dpa_pagu(sample_run):
    # Bab II funds Ekspor, PDN, SIINas …; III.B prints "-" for their DPA pagu
    got = {(f.file, f.cell) for f in sample_run.findings if f.rule == "pagu-dpa-kosong"}
    assert (DAG, "I40") in got  # 3.30.05.2.01.01 Pembinaan … Produk Ekspor Unggulan, Renstra Rp 39.458.750
    assert (DAG, "I48") in got  # 3.30.07.2.01.01 promosi produk dalam negeri, Renstra Rp 9.500.000
    assert ("LAKIP_2021_IND_Bidang_Perindustrian.xlsx", "I20") in got  # 3.31.04.2.01.01 SIINas
    msg = next(f.message for f in sample_run.findings if f.rule == "pagu-dpa-kosong" and f.cell == "I40")
    assert "39.458.750" in msg


def test_c16_value_that_cannot_fit_its_unit(sample_copy, tmp_path, sample_run):
    # III.57: SIINas "26 industri/12 bulan" typed where the indicator is a percentage (target 7 %)
    ind = "LAKIP_2021_IND_Bidang_Perindustrian.xlsx"

    def months(ws, header):
        _row(ws, "3.31.04.2.01")[header.index("Realisasi")].value = "12 bulan"

    _edit(sample_copy / ind, "Program", months)
    run = consolidate(sample_copy, output=tmp_path / "out.xlsx")
    assert (PERINGATAN, "satuan-tidak-cocok", ind, "Program", "G19") in _found(run)
    # and "Persentase perijinan …" counted in pasar in the Renstra itself (L2618, L2839)
    got = {f.cell for f in sample_run.findings if f.rule == "renstra-satuan-tidak-cocok"}
    assert got == {"D9", "D13"}
