"""Templates per bidang, read back: rows, targets, locked and unlocked cells, data validation."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import RENSTRA, soffice
from lakip_xl import TEMPLATE_VERSION
from lakip_xl.renstra import read_renstra
from lakip_xl.templates.submission import HEADER_ROW, write_templates

FIRST = HEADER_ROW + 2  # first data row, 1-based


@pytest.fixture(scope="module")
def renstra():
    return read_renstra(RENSTRA)[0]


@pytest.fixture(scope="module")
def templates(renstra, tmp_path_factory):
    out = {}
    for year in (2021, 2022):
        folder = tmp_path_factory.mktemp(f"t{year}")
        out[year] = write_templates(renstra, year, folder)
    return out


def _sheet_rows(path: Path, sheet: str) -> dict[tuple[str, str], list]:
    ws = openpyxl.load_workbook(path)[sheet]
    return {(r[0].value, r[2].value): r for r in ws.iter_rows(min_row=FIRST)}


def test_one_template_per_bidang_named_after_it(templates):
    names = sorted(p.name for p in templates[2021])
    assert names == sorted([
        "LAKIP_2021_SEK_Sekretariat.xlsx", "LAKIP_2021_DAG_Bidang_Perdagangan.xlsx",
        "LAKIP_2021_PSR_Bidang_Pasar.xlsx", "LAKIP_2021_IND_Bidang_Perindustrian.xlsx",
        "LAKIP_2021_KUM_Bidang_Koperasi_dan_Usaha_Mikro.xlsx", "LAKIP_2021_MET_UPT_Metrologi_Legal.xlsx"])


def test_contract_sheets_and_identitas(templates):
    path = next(p for p in templates[2021] if "_PSR_" in p.name)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Petunjuk", "Identitas", "IKU", "Program"]
    ident = {r[0].value: r[1].value for r in wb["Identitas"].iter_rows(min_row=FIRST)}
    assert ident["Bidang"] == "PSR" and ident["Tahun"] == 2021
    assert ident["Versi Templat"] == TEMPLATE_VERSION
    assert ident["Instansi"] == "Dinas Koperasi, Usaha Mikro dan Perdagangan Kota Pontianak"
    assert wb.custom_doc_props["Templat lakip-xl"].value == TEMPLATE_VERSION


def test_only_that_bidangs_rows_with_the_years_targets(renstra, templates):
    for year in (2021, 2022):
        path = next(p for p in templates[year] if "_PSR_" in p.name)
        rows = _sheet_rows(path, "Program")
        expected = [(p.kode, p.indikator) for p in renstra.program if p.bidang == "PSR"]
        assert list(rows) == expected
        for p in renstra.program:
            if p.bidang == "PSR":
                value = rows[(p.kode, p.indikator)][5].value
                target = p.targets.get(year)
                assert (None if value is None else Decimal(str(value))) == target
    # Tabel 6.1: programme 3.30.03 targets 11,76 % in 2021 and 35,29 % in 2022
    key = ("3.30.03", "Persentase sarana distribusi perdagangan binaan yang tingkatkan")
    assert _sheet_rows(next(p for p in templates[2021] if "_PSR_" in p.name), "Program")[key][5].value == 11.76
    assert _sheet_rows(next(p for p in templates[2022] if "_PSR_" in p.name), "Program")[key][5].value == 35.29
    iku = _sheet_rows(next(p for p in templates[2022] if "_PSR_" in p.name), "IKU")
    assert [r[5].value for r in iku.values()] == [11.76]  # IKU01 2022 target


def test_renstra_pagu_in_locked_reference_column(templates):
    path = next(p for p in templates[2021] if "_PSR_" in p.name)
    ws = openpyxl.load_workbook(path)["Program"]
    header = [c.value for c in ws[HEADER_ROW + 1]]
    col = header.index("Pagu Indikatif Renstra")
    row = next(r for r in ws.iter_rows(min_row=FIRST) if r[0].value == "3.30.03.2.01.01")
    assert row[col].value == 774292350 and row[col].protection.locked
    assert row[header.index("Pagu")].value is None and not row[header.index("Pagu")].protection.locked


def test_locked_and_unlocked_cells(templates):
    path = next(p for p in templates[2021] if "_KUM_" in p.name)
    wb = openpyxl.load_workbook(path)
    for name in ("Identitas", "IKU", "Program"):
        assert wb[name].protection.sheet and not wb[name].protection.password
    ws = wb["Program"]
    header = [c.value for c in ws[HEADER_ROW + 1]]
    inputs = {"Realisasi", "Penjelasan"}
    for row in ws.iter_rows(min_row=FIRST):
        for h, cell in zip(header, row):
            if h in inputs:
                assert not cell.protection.locked, cell.coordinate
            elif h in ("Kode", "Uraian", "Indikator", "Satuan", "Polaritas", "Target", "Pagu Indikatif Renstra"):
                assert cell.protection.locked, cell.coordinate
    # Pagu is an input on leaf rows, a locked SUM on rows with children
    leaf = next(r for r in ws.iter_rows(min_row=FIRST) if r[0].value == "2.17.03.2.01.02")
    parent = next(r for r in ws.iter_rows(min_row=FIRST) if r[0].value == "2.17.03.2.01")
    pagu = header.index("Pagu")
    assert not leaf[pagu].protection.locked
    assert parent[pagu].protection.locked and str(parent[pagu].value).startswith("=SUM(")
    iku = wb["IKU"]
    ih = [c.value for c in iku[HEADER_ROW + 1]]
    for row in iku.iter_rows(min_row=FIRST):
        assert [not row[ih.index(h)].protection.locked for h in ("Realisasi", "Penyebab", "Solusi")] == [True] * 3
        assert row[ih.index("Target")].protection.locked


def test_data_validation_on_number_inputs(templates):
    path = next(p for p in templates[2021] if "_PSR_" in p.name)
    ws = openpyxl.load_workbook(path)["Program"]
    header = [c.value for c in ws[HEADER_ROW + 1]]
    real_col = openpyxl.utils.get_column_letter(header.index("Realisasi") + 1)
    cells = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in range(rng.min_row, rng.max_row + 1):
                for col in range(rng.min_col, rng.max_col + 1):
                    cells[f"{openpyxl.utils.get_column_letter(col)}{row}"] = dv
    for r in range(FIRST, ws.max_row + 1):
        dv = cells[f"{real_col}{r}"]
        assert (dv.type, dv.operator, dv.formula1) == ("decimal", "greaterThanOrEqual", "0")
        assert "Kosongkan bila belum ada data" in dv.prompt and dv.showInputMessage


@pytest.mark.libreoffice
def test_template_converts_to_pdf_in_libreoffice(templates, tmp_path):
    binary = soffice()
    path = next(p for p in templates[2021] if "_DAG_" in p.name)
    done = subprocess.run([binary, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                          capture_output=True, timeout=180)
    pdf = tmp_path / (path.stem + ".pdf")
    assert done.returncode == 0 and pdf.exists() and pdf.stat().st_size > 10_000
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_templates_written_in_parallel_are_the_same_files(renstra, tmp_path, monkeypatch):
    from lakip_xl import parallel

    serial = write_templates(renstra, 2021, tmp_path / "serial", workers=1)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    parallel = write_templates(renstra, 2021, tmp_path / "parallel", workers=2)
    assert [p.name for p in parallel] == [p.name for p in serial]
    assert [p.read_bytes() for p in parallel] == [p.read_bytes() for p in serial]
