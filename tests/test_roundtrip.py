"""Issue 15, done when: the whole round trip by email on the 2021 sample.

Templates out as drafts → the units' replies saved as mail (one unit twice) →
consolidation from the mail folder with the seed's figures → correction files
for the units with findings → the final draft. Also items 4 and 5 alone:
correction workbooks read back (marked cells, comments), the final draft's
bodies and attachments, the 10 MB Peringatan.
"""

from __future__ import annotations

import email
import hashlib
import shutil
from email import policy
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import mail_fixtures as mf
from conftest import RENSTRA, SAMPLE, rows_of
from lakip_xl.cli import main
from lakip_xl.consolidate import consolidate
from lakip_xl.corrections import FILLS, SHEET, write_corrections
from lakip_xl.findings import GALAT

UNITS = ["SEK", "DAG", "PSR", "IND", "KUM", "MET"]


def parse(data: bytes):
    return email.message_from_bytes(data, policy=policy.default)


def digest(paths) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def answer(draft, kode: str, when, attachment: tuple[str, bytes]) -> bytes:
    """The unit's reply to its template draft: to its sender, "Re:" its subject, the filled report attached."""
    return mf.reply(kode, when, [attachment], sender=str(draft["To"]), subject=f"Re: {draft['Subject']}")


@pytest.fixture(scope="module")
def trip(tmp_path_factory):
    root = tmp_path_factory.mktemp("trip")
    inputs = [RENSTRA, *sorted(SAMPLE.glob("LAKIP_2021_*.xlsx"))]
    before = digest(inputs)
    runner = CliRunner()
    templat = root / "templat"
    out = runner.invoke(main, ["template", "--renstra", str(RENSTRA), "--tahun", "2021", "--out", str(templat),
                               "--surel", "--batas-waktu", "31-01-2022", "-q"])
    assert out.exit_code == 0, out.output
    drafts = {p.name.split("_")[2]: parse(p.read_bytes()) for p in sorted(templat.glob("*.eml"))}

    surel = root / "surel"
    surel.mkdir()
    shutil.copyfile(RENSTRA, surel / "renstra.xlsx")
    for i, kode in enumerate(UNITS):
        filled = (mf.sample(kode).name, mf.sample(kode).read_bytes())
        (surel / f"{i + 1:02d} Re {kode}.eml").write_bytes(answer(drafts[kode], kode, mf.at(14 + i), filled))
    # Bidang Pasar had sent an older version first; the filled one above is the newer mail
    (surel / "00 Re PSR (pertama).eml").write_bytes(
        answer(drafts["PSR"], "PSR", mf.at(13), (mf.sample("PSR").name, mf.older_version("PSR"))))
    mail_before = digest(sorted(surel.iterdir()))

    keluaran = root / "keluaran"
    run = runner.invoke(main, ["consolidate", str(surel), "-o", f"{keluaran}/", "-q", "--perbaikan",
                               "--surel-ke", "Kepala Dinas <kadis@dkump.example>",
                               "--surel-ke", "inspektorat@pontianak.example"])
    return {"root": root, "templat": templat, "drafts": drafts, "surel": surel, "out": keluaran, "cli": run,
            "inputs": inputs, "before": before, "mail_before": mail_before}


def test_template_drafts_for_the_six_units(trip):
    drafts = trip["drafts"]
    assert sorted(drafts) == sorted(UNITS)
    for kode, msg in drafts.items():
        assert msg["To"] == f"{kode.lower()}@dkump.example"
        assert msg["Subject"].startswith(f"[LAKIP 2021][{kode}] ")
        (att,) = list(msg.iter_attachments())
        (template,) = trip["templat"].glob(f"LAKIP_2021_{kode}_*.xlsx")
        assert att.get_content() == template.read_bytes()


def test_consolidation_from_mail_gives_the_seed_figures(trip):
    result = trip["cli"]
    assert result.exit_code == 0, result.output
    text = result.output
    assert "0 Galat" in text
    assert "Nilai capaian     : 92,5 (Sangat Berhasil)" in text
    assert "pagu Rp 12.872.381.707, realisasi Rp 12.441.814.427" in text
    assert "Belum mengirim    : -" in text


def test_inputs_unchanged_and_nothing_written_beside_the_mail(trip):
    assert digest(trip["inputs"]) == trip["before"]
    assert digest(sorted(trip["surel"].iterdir())) == trip["mail_before"]


def _validasi(workbook: Path) -> list[list]:
    rows = rows_of(workbook, "Validasi")
    return [r[:6] for r in rows[1:] if r and r[0] in ("Galat", "Peringatan", "Info")]


def test_correction_files_for_the_units_with_findings(trip):
    out = trip["out"]
    (workbook,) = out.glob("LAKIP_2021_*.xlsx")
    validasi = _validasi(workbook)
    folder = out / "perbaikan"
    made = sorted(folder.glob("*_perbaikan.xlsx"))
    with_findings = set()
    for kode in UNITS:
        name = mf.sample(kode).name
        mine = [r for r in validasi if r[2] and r[2].startswith(f"{name} dalam surel ") and "pertama" not in r[2]]
        if mine:
            with_findings.add(kode)
        path = folder / f"{Path(name).stem}_perbaikan.xlsx"
        assert path.exists() == bool(mine), kode
        if not mine:
            continue
        wb = openpyxl.load_workbook(path)
        assert wb.sheetnames[0] == SHEET
        listed = [list(r) for r in wb[SHEET].iter_rows(min_row=5, values_only=True) if r[0]]
        assert listed == [[lvl, rule, sheet, cell, msg] for lvl, rule, _, sheet, cell, msg in mine]
        for lvl, rule, _, sheet, cell, msg in mine:
            if sheet in wb.sheetnames and cell and cell != "-":
                c = wb[sheet][cell]
                assert c.comment is not None and msg in c.comment.text, (kode, cell)
                assert c.fill.start_color.rgb.endswith(FILLS[min(_level(r[0]) for r in mine
                                                                 if (r[3], r[4]) == (sheet, cell))])
        draft = parse((folder / f"{Path(name).stem}_perbaikan.eml").read_bytes())
        assert draft["To"] == f"{kode.lower()}@dkump.example" and draft["X-Unsent"] == "1"
        assert draft["Subject"].startswith(f"[LAKIP 2021][{kode}] Perbaikan")
        (att,) = list(draft.iter_attachments())
        assert att.get_filename() == path.name and att.get_content() == path.read_bytes()
    assert len(made) == len(with_findings) >= 1


def _level(label: str):
    from lakip_xl.findings import Level

    return {lvl.label: lvl for lvl in Level}[label]


def test_final_draft(trip):
    out = trip["out"]
    (workbook,) = out.glob("LAKIP_2021_*.xlsx")
    msg = parse(workbook.with_suffix(".eml").read_bytes())
    assert [a.addr_spec for a in msg["To"].addresses] == ["kadis@dkump.example", "inspektorat@pontianak.example"]
    assert msg["From"].addresses[0].addr_spec == "perencanaan@dkump.example"
    assert msg["X-Unsent"] == "1" and msg["Subject"].startswith("[LAKIP 2021] ")
    (att,) = list(msg.iter_attachments())
    assert att.get_content() == workbook.read_bytes()
    for kind in ("plain", "html"):
        body = msg.get_body((kind,)).get_content()
        for text in ("92,5", "Sangat Berhasil", "Rp 12.872.381.707", "Rp 12.441.814.427", "96,66%", "0 Galat",
                     "Bidang Pasar (PSR)"):
            assert text in body, (kind, text)
    assert "Belum mengirim" in msg.get_body(("plain",)).get_content()


def test_a_corrected_workbook_sent_back_reads_the_same(trip, tmp_path):
    folder = tmp_path / "input"
    folder.mkdir()
    for p in [RENSTRA, *SAMPLE.glob("LAKIP_2021_*.xlsx")]:
        if "_PSR_" not in p.name:
            shutil.copyfile(p, folder / p.name)
    (fixed,) = (trip["out"] / "perbaikan").glob("*_PSR_*_perbaikan.xlsx")
    (folder / "psr.eml").write_bytes(mf.reply("PSR", mf.at(25), [(fixed.name, fixed.read_bytes())]))
    run = consolidate(folder, write=False)
    base = consolidate(SAMPLE, write=False)
    assert run.count(GALAT) == 0
    assert (run.result.nilai, run.result.total_pagu, run.result.total_realisasi) == (
        base.result.nilai, base.result.total_pagu, base.result.total_realisasi)


def test_unit_without_findings_gets_no_correction(tmp_path):
    run = consolidate(SAMPLE, write=False)
    met = [u.file for u in run.result.units if u.kode == "MET"][0]
    run.findings = [f for f in run.findings if f.file != met]
    made = write_corrections(run, tmp_path / "perbaikan")
    assert "MET" not in {c.kode for c in made} and len(made) == 5
    assert not list((tmp_path / "perbaikan").glob("*MET*"))


def test_bad_surel_ke_is_said_before_the_run(tmp_path):
    result = CliRunner().invoke(main, ["consolidate", str(SAMPLE), "-o", f"{tmp_path}/", "--surel-ke", "kadis@dinas"])
    assert result.exit_code == 2
    assert "alamat surel tidak sah: kadis@dinas" in result.output
    assert not list(tmp_path.iterdir())


def test_attachments_over_the_gateway_limit_give_a_peringatan(tmp_path, monkeypatch):
    monkeypatch.setattr("lakip_xl.drafts.GATEWAY_LIMIT", 10_000)
    result = CliRunner().invoke(main, ["consolidate", str(SAMPLE), "-o", f"{tmp_path}/", "-q",
                                       "--surel-ke", "kadis@dkump.example"])
    assert result.exit_code == 0, result.output
    assert "Peringatan: lampiran draf surel" in result.output and "LAKIP_2021_DKUMP.xlsx" in result.output
    assert list(tmp_path.glob("*.eml"))


def test_final_draft_attaches_the_pdf_with_pdf(tmp_path, monkeypatch):
    def fake_convert(path, fmt, out_dir):
        pdf = Path(out_dir) / Path(path).with_suffix(".pdf").name
        pdf.write_bytes(b"%PDF-1.7 contoh\n")
        return pdf

    monkeypatch.setattr("lakip_xl.libreoffice.convert", fake_convert)
    result = CliRunner().invoke(main, ["consolidate", str(SAMPLE), "-o", f"{tmp_path}/", "-q", "--pdf",
                                       "--surel-ke", "kadis@dkump.example"])
    assert result.exit_code == 0, result.output
    msg = parse((tmp_path / "LAKIP_2021_DKUMP.eml").read_bytes())
    atts = {a.get_filename(): (a.get_content_type(), a.get_content()) for a in msg.iter_attachments()}
    assert atts["LAKIP_2021_DKUMP.pdf"] == ("application/pdf", b"%PDF-1.7 contoh\n")
    assert atts["LAKIP_2021_DKUMP.xlsx"][1] == (tmp_path / "LAKIP_2021_DKUMP.xlsx").read_bytes()
    assert "LAKIP_2021_DKUMP.pdf" in msg.get_body(("plain",)).get_content()


def test_drafts_are_byte_stable_across_runs(tmp_path):
    outs = []
    for i in range(2):
        out = tmp_path / f"o{i}"
        result = CliRunner().invoke(main, ["consolidate", str(SAMPLE), "-o", f"{out}/", "-q", "--perbaikan",
                                           "--surel-ke", "kadis@dkump.example"])
        assert result.exit_code == 0, result.output
        outs.append(out)
    first = parse((outs[0] / "LAKIP_2021_DKUMP.eml").read_bytes())
    second = parse((outs[1] / "LAKIP_2021_DKUMP.eml").read_bytes())
    assert first["Message-ID"] == second["Message-ID"] and first["Date"] == second["Date"]
    assert (outs[0] / "LAKIP_2021_DKUMP.eml").read_bytes() == (outs[1] / "LAKIP_2021_DKUMP.eml").read_bytes()
    corrections = sorted(p.name for p in (outs[0] / "perbaikan").iterdir())
    assert corrections and corrections == sorted(p.name for p in (outs[1] / "perbaikan").iterdir())
    for name in corrections:
        assert (outs[0] / "perbaikan" / name).read_bytes() == (outs[1] / "perbaikan" / name).read_bytes(), name


def test_a_submission_openpyxl_cannot_open_gets_the_list_alone():
    from lakip_xl.corrections import marked_workbook
    from lakip_xl.findings import finding

    f = finding("berkas-terenkripsi", "x.ods")
    data, list_only = marked_workbook(b"bukan workbook", "LAKIP_2021_PSR.ods", [f])
    assert list_only
    wb = openpyxl.load_workbook(__import__("io").BytesIO(data))
    assert wb.sheetnames == [SHEET]
    assert wb[SHEET]["A5"].value == "Galat" and "bukan .xlsx" in wb[SHEET]["A2"].value


def test_summary_says_how_many_came_by_mail_and_old_corrections_are_named(trip, tmp_path):
    assert "7 laporan bidang dari 7 workbook (7 lampiran dari 7 surel)" in trip["cli"].output
    out = tmp_path / "o"
    (out / "perbaikan").mkdir(parents=True)
    (out / "perbaikan" / "LAMA_perbaikan.xlsx").write_bytes(b"lama")
    result = CliRunner().invoke(main, ["consolidate", str(SAMPLE), "-o", f"{out}/", "-q", "--perbaikan"])
    assert result.exit_code == 0, result.output
    assert "tidak berlaku lagi (hapus bila tidak perlu): LAMA_perbaikan.xlsx" in result.output
    assert (out / "perbaikan" / "LAMA_perbaikan.xlsx").read_bytes() == b"lama"
