"""Issue 15 item 1: the Renstra's optional contacts (Bidang Surel / Penanggung Jawab, Instansi Surel Pengirim)."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from conftest import RENSTRA
from lakip_xl.addresses import parse_addresses
from lakip_xl.renstra import read_renstra


def test_sample_renstra_has_contacts():
    renstra, findings = read_renstra(RENSTRA)
    assert renstra.pengirim == ["Subbag Perencanaan DKUMP <perencanaan@dkump.example>"]
    assert renstra.bidang["PSR"].surel == ["psr@dkump.example"]
    assert renstra.bidang["PSR"].penanggung_jawab == "Staf Bidang Pasar"
    assert not [f for f in findings if f.rule == "renstra-surel-tidak-sah"]


def test_old_renstra_without_contacts_reads_as_before(tmp_path):
    path = tmp_path / "renstra.xlsx"
    shutil.copyfile(RENSTRA, path)
    wb = openpyxl.load_workbook(path)
    wb["Bidang"].delete_cols(3, 2)
    ws = wb["Instansi"]
    for row in ws.iter_rows():
        if row[0].value == "Surel Pengirim":
            ws.delete_rows(row[0].row)
            break
    wb.save(path)
    renstra, findings = read_renstra(path)
    before, _ = read_renstra(RENSTRA)
    assert renstra.pengirim == []
    assert all(b.surel == [] and b.penanggung_jawab is None for b in renstra.bidang.values())
    assert [(b.kode, b.nama) for b in renstra.bidang.values()] == [(b.kode, b.nama) for b in before.bidang.values()]
    assert not [f for f in findings if f.rule == "renstra-surel-tidak-sah"]


def test_bad_address_is_a_finding_naming_the_cell(tmp_path):
    path = tmp_path / "renstra.xlsx"
    shutil.copyfile(RENSTRA, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Bidang"]
    row = next(r[0].row for r in ws.iter_rows() if r[0].value == "PSR")
    ws.cell(row, 3, "psr@dkump; pasar@dkump.example")
    sender = next(r[0].row for r in wb["Instansi"].iter_rows() if r[0].value == "Surel Pengirim")
    wb["Instansi"].cell(sender, 2, "perencanaan dkump.example")
    wb.save(path)
    renstra, findings = read_renstra(path)
    bad = [f for f in findings if f.rule == "renstra-surel-tidak-sah"]
    assert {(f.sheet, f.cell) for f in bad} == {("Bidang", f"C{row}"), ("Instansi", f"B{sender}")}
    assert any("'psr@dkump'" in f.message for f in bad)
    assert renstra.bidang["PSR"].surel == ["pasar@dkump.example"]
    assert renstra.pengirim == []


@pytest.mark.parametrize(("text", "good", "bad"), [
    ("a@b.go.id", ["a@b.go.id"], []),
    ("Bidang Pasar <psr@x.example>; b@c.id", ["Bidang Pasar <psr@x.example>", "b@c.id"], []),
    ("a@b", [], ["a@b"]),
    ("a@@b.id", [], ["a@@b.id"]),
    ("", [], []),
])
def test_parse_addresses(text, good, bad):
    assert parse_addresses(text) == (good, bad)


def test_init_writes_contact_columns(tmp_path):
    from lakip_xl.templates.renstra import write_renstra

    path = write_renstra(tmp_path / "r.xlsx", None, years=[2025, 2026, 2027, 2028, 2029])
    wb = openpyxl.load_workbook(path)
    header = [c.value for c in wb["Bidang"][4]]
    assert header[:4] == ["Kode Bidang", "Nama Bidang", "Surel", "Penanggung Jawab"]
    assert "Surel Pengirim" in [r[0].value for r in wb["Instansi"].iter_rows()]
    assert any("Surel Pengirim" in str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row)
