"""Issue 15 item 2: ``lakip template --surel``: an .eml draft beside each template, parsed back with ``email``."""

from __future__ import annotations

import email
import shutil
from email import policy

import openpyxl
from click.testing import CliRunner

from conftest import RENSTRA
from lakip_xl.cli import main

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def parse(path):
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def test_template_drafts_parsed_back(tmp_path):
    out = tmp_path / "templat"
    result = CliRunner().invoke(main, ["template", "--renstra", str(RENSTRA), "--tahun", "2021", "--out", str(out),
                                       "--surel", "--batas-waktu", "31-01-2022", "-q"])
    assert result.exit_code == 0, result.output
    drafts = sorted(out.glob("*.eml"))
    assert len(drafts) == 6
    assert "6 draf surel ditulis" in result.output
    msg = parse(out / "LAKIP_2021_PSR_Bidang_Pasar.eml")
    assert msg["X-Unsent"] == "1"
    assert msg["To"] == "psr@dkump.example"
    assert msg["From"].addresses[0].addr_spec == "perencanaan@dkump.example"
    assert msg["Subject"].startswith("[LAKIP 2021][PSR] ")
    body = msg.get_body(("plain",)).get_content()
    assert "31 Januari 2022" in body and "Staf Bidang Pasar" in body and "lampir" in body
    (att,) = list(msg.iter_attachments())
    assert att.get_content_type() == XLSX
    assert att.get_filename() == "LAKIP_2021_PSR_Bidang_Pasar.xlsx"
    assert att.get_content() == (out / "LAKIP_2021_PSR_Bidang_Pasar.xlsx").read_bytes()

    # a rerun gives the same bytes
    before = {p.name: p.read_bytes() for p in drafts}
    again = CliRunner().invoke(main, ["template", "--renstra", str(RENSTRA), "--tahun", "2021", "--out", str(out),
                                      "--surel", "--batas-waktu", "31-01-2022", "-q"])
    assert again.exit_code == 0, again.output
    assert {p.name: p.read_bytes() for p in sorted(out.glob("*.eml"))} == before


def test_unit_without_address_gets_draft_without_to(tmp_path):
    renstra = tmp_path / "renstra.xlsx"
    shutil.copyfile(RENSTRA, renstra)
    wb = openpyxl.load_workbook(renstra)
    ws = wb["Bidang"]
    row = next(r[0].row for r in ws.iter_rows() if r[0].value == "MET")
    ws.cell(row, 3).value = None
    wb.save(renstra)
    out = tmp_path / "templat"
    result = CliRunner().invoke(main, ["template", "--renstra", str(renstra), "--tahun", "2021", "--out", str(out),
                                       "--surel", "-q", "--bidang", "MET", "--bidang", "PSR"])
    assert result.exit_code == 0, result.output
    assert "Peringatan: UPT Metrologi Legal (MET) belum punya alamat Surel" in result.output
    msg = parse(out / "LAKIP_2021_MET_UPT_Metrologi_Legal.eml")
    assert msg["To"] is None and msg["X-Unsent"] == "1"
    assert "secepatnya" in msg.get_body(("plain",)).get_content()


def test_foreign_eml_is_not_replaced(tmp_path):
    out = tmp_path / "templat"
    out.mkdir()
    mine = out / "LAKIP_2021_PSR_Bidang_Pasar.eml"
    mine.write_bytes(b"From: someone@x.example\r\nSubject: surat pribadi\r\n\r\nhalo\r\n")
    result = CliRunner().invoke(main, ["template", "--renstra", str(RENSTRA), "--tahun", "2021", "--out", str(out),
                                       "--surel", "-q"])
    assert result.exit_code == 1
    assert "bukan draf surel lakip-xl" in result.output
    assert mine.read_bytes().startswith(b"From: someone")


def test_bad_deadline_is_said():
    result = CliRunner().invoke(main, ["template", "--renstra", str(RENSTRA), "--tahun", "2021", "--surel",
                                       "--batas-waktu", "besok"])
    assert result.exit_code == 2
    assert "Tanggal ditulis seperti 31-01-2022" in result.output


def test_without_sender_address_the_drafts_have_no_from(tmp_path):
    renstra = tmp_path / "renstra.xlsx"
    shutil.copyfile(RENSTRA, renstra)
    wb = openpyxl.load_workbook(renstra)
    row = next(r[0].row for r in wb["Instansi"].iter_rows() if r[0].value == "Surel Pengirim")
    wb["Instansi"].cell(row, 2).value = None
    wb.save(renstra)
    out = tmp_path / "templat"
    result = CliRunner().invoke(main, ["template", "--renstra", str(renstra), "--tahun", "2021", "--out", str(out),
                                       "--surel", "-q", "--bidang", "PSR", "--triwulan", "2"])
    assert result.exit_code == 0, result.output
    assert "Info: Renstra belum berisi Surel Pengirim" in result.output
    (draft,) = out.glob("*.eml")
    msg = parse(draft)
    assert msg["From"] is None and msg["To"] == "psr@dkump.example"
    assert msg["Subject"].startswith("[LAKIP 2021 TW II][PSR] ")
    assert "triwulan II tahun 2021" in msg.get_body(("plain",)).get_content()
