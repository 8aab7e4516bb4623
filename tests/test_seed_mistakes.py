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
