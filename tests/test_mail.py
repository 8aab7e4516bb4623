"""Issue 15 item 3: reports read from saved mail (.eml, .msg, .mbox) in the input folder."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

import mail_fixtures as mf
from conftest import RENSTRA
from lakip_xl.consolidate import check, consolidate, load
from lakip_xl.findings import GALAT, INFO, PERINGATAN
from lakip_xl.mail import Inbox, read_mail, shown, split_mbox
from lakip_xl.parse import format_rupiah
from lakip_xl.settings import Limits, Settings


def hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def temporaries() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("lakip-surel-*")}


@pytest.fixture(scope="module")
def mail_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("surel") / "input"
    mf.build(folder)
    before, temps = hashes(folder), temporaries()
    run = consolidate(folder, write=False)
    return folder, run, before, temps


def test_mail_folder_gives_the_seed_figures(mail_run):
    folder, run, before, temps = mail_run
    res = run.result
    assert run.count(GALAT) == 0, [f for f in run.findings if f.level == GALAT]
    assert round(res.nilai, 1) == Decimal("92.5")
    assert format_rupiah(res.total_pagu) == "Rp 12.872.381.707"
    assert format_rupiah(res.total_realisasi) == "Rp 12.441.814.427"
    assert all(u.file is not None for u in res.units)
    # the input folder is only read: same files, same bytes; the temporary folder is gone
    assert hashes(folder) == before
    assert temporaries() <= temps


def test_every_source_is_named_by_its_mail(mail_run):
    _, run, _, _ = mail_run
    used = {x.submission.bidang: x for x in run.loaded if x.submission is not None and x.source is not None}
    assert set(used) == {"SEK", "DAG", "PSR", "IND", "KUM", "MET"}
    ind = [x for x in run.loaded if x.submission and x.submission.bidang == "IND"][0]
    assert ind.source.name == f"laporan IND.zip/{mf.sample('IND').name}"
    assert ind.source.mail.file == "05 IND dan KUM.mbox#1"
    label = ind.submission.name
    assert "05 IND dan KUM.mbox#1" in label and "ind@dkump.example" in label and shown(mf.at(18)) in label
    assert "[LAKIP 2021][IND]" in label
    assert any(f.file == label for f in run.findings)


def test_newest_mail_wins_and_bidang_ganda_names_both(mail_run):
    _, run, _, _ = mail_run
    (dup,) = [f for f in run.findings if f.rule == "bidang-ganda"]
    assert dup.level == INFO  # a unit sending again by mail, the newest with the newest Tanggal
    assert "03 Fwd LAKIP PSR (draf).eml" in dup.file
    assert "03 Fwd LAKIP PSR (draf).eml" in dup.message and "04 RE LAKIP PSR.msg" in dup.message
    assert "surel paling baru" in dup.message
    psr = [u for u in run.result.units if u.kode == "PSR"][0]
    assert "04 RE LAKIP PSR.msg" in psr.file and "psr@dkump.example" in psr.file


def test_mail_without_attachment_is_info(mail_run):
    _, run, _, _ = mail_run
    (note,) = [f for f in run.findings if f.rule == "surel-tanpa-lampiran"]
    assert note.level == INFO and note.file == "07 Re LAKIP MET tanpa lampiran.eml"
    assert "met@dkump.example" in note.message and shown(mf.at(19, 13)) in note.message


def test_forward_of_an_older_version_sent_later_is_a_peringatan(tmp_path):
    folder = tmp_path / "input"
    folder.mkdir()
    shutil.copyfile(RENSTRA, folder / "renstra.xlsx")
    (folder / "a.eml").write_bytes(mf.reply("PSR", mf.at(17)))
    (folder / "b.eml").write_bytes(mf.reply("PSR", mf.at(18), [("PSR.xlsx", mf.older_version("PSR"))],
                                            subject="Fwd: laporan lama"))
    run = consolidate(folder, write=False)
    (dup,) = [f for f in run.findings if f.rule == "bidang-ganda"]
    assert dup.level == PERINGATAN and "a.eml" in dup.file and "b.eml" in dup.message


def test_mail_beside_a_file_of_the_same_unit_stays_galat(tmp_path):
    folder = tmp_path / "input"
    folder.mkdir()
    shutil.copyfile(RENSTRA, folder / "renstra.xlsx")
    shutil.copyfile(mf.sample("MET"), folder / mf.sample("MET").name)
    (folder / "met.eml").write_bytes(mf.reply("MET", mf.at(19)))
    run = consolidate(folder, write=False)
    dup = [f for f in run.findings if f.rule == "bidang-ganda"]
    assert dup and all(f.level == GALAT for f in dup)
    assert "met.eml" in dup[0].message and mf.sample("MET").name in dup[0].message


def test_broken_attachment_is_the_files_finding_naming_the_mail(tmp_path):
    path = tmp_path / "dag.eml"
    path.write_bytes(mf.broken_attachment("DAG"))
    with Inbox() as inbox:
        (att,), findings = inbox.add(path)
        loaded = load(att, Settings())
    assert not findings
    assert [f.rule for f in loaded.findings] == ["berkas-rusak"]
    run = check([path], RENSTRA)
    (bad,) = [f for f in run.findings if f.rule == "berkas-rusak"]
    assert bad.level == GALAT and "dag.eml" in bad.file and "dag@dkump.example" in bad.file
    assert mf.sample("DAG").name in bad.file


@pytest.mark.parametrize(("name", "data", "why"), [
    ("kosong.eml", b"", "berkas kosong"),
    ("acak.eml", b"\x00\x01\x02 bukan surel \xff" * 20, "kepala surel"),
    ("bukan.msg", b"From: a@b.example\r\n\r\nini bukan .msg", "bukan surel Outlook"),
    ("rusak.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ""),
    ("kotak.mbox", b"tidak ada baris From di sini\n", "mbox"),
])
def test_broken_mail_is_a_peringatan_never_a_traceback(tmp_path, name, data, why):
    path = tmp_path / name
    path.write_bytes(data)
    atts, findings = read_mail(path)
    assert atts == []
    (f,) = findings
    assert f.rule == "surel-rusak" and f.level == PERINGATAN and f.file == name
    assert why in f.message


def test_mbox_from_lines_in_a_body_are_unquoted():
    raw = mf.reply("MET", mf.at(19), [], text="From the field: sudah.")
    (msg,) = split_mbox(mf.mbox(raw))
    assert b"\nFrom the field: sudah." in msg.replace(b"\r\n", b"\n")


def test_oversized_attachment_is_refused_before_it_is_written(tmp_path):
    path = tmp_path / "besar.eml"
    path.write_bytes(mf.reply("PSR", mf.at(17)))
    with Inbox(Limits(max_file_bytes=5000)) as inbox:
        paths, findings = inbox.add(path)
        assert paths == [] and inbox.folder is None
    (f,) = findings
    assert f.rule == "berkas-terlalu-besar" and "besar.eml" in f.file


def test_check_reads_a_mail(tmp_path):
    path = tmp_path / "psr.eml"
    path.write_bytes(mf.reply("PSR", mf.at(17)))
    run = check([path], RENSTRA)
    assert [x.submission.bidang for x in run.loaded] == ["PSR"]
    assert run.count(GALAT) == 0


# --------------------------------------------------------------------------- #
# Every bad-input kind of the corpus, attached to a mail, gives what the file gives
# --------------------------------------------------------------------------- #


@pytest.fixture(scope="module")
def corpus_files(tmp_path_factory):
    from test_corpus import EXPECTED, make_corpus

    kinds = {k.name: k for k in make_corpus.KINDS}
    names = [n for n, e in EXPECTED.items() if e.via == "load" and n in kinds and kinds[n].convert is None]
    corpus = make_corpus.main(tmp_path_factory.mktemp("corpus"), only=names)
    return corpus.files


UNREADABLE = ["zip-terpotong", "zip-isi-rusak", "teks-bernama-xlsx", "kosong-0-bita", "html-bernama-xls",
              "terenkripsi", "bom-zip", "bom-zip-ukuran-palsu", "bom-entitas-xml", "bom-dimensi"]


@pytest.mark.parametrize("zipped", [False, True], ids=["lampiran", "dalam-zip"])
@pytest.mark.parametrize("kind", UNREADABLE)
def test_corpus_kind_in_a_mail_gives_the_files_finding(corpus_files, tmp_path, kind, zipped):
    if kind not in corpus_files:
        pytest.skip(f"{kind} tidak dibuat di mesin ini")
    source = corpus_files[kind]
    settings = Settings()
    expected = [(f.level, f.rule) for f in load(source, settings).findings]
    assert expected and expected[0][0] == GALAT
    attachment = (source.name, source.read_bytes())
    if zipped:
        attachment = ("laporan.zip", mf.zipped([attachment]))
    mail = tmp_path / "balasan.eml"
    mail.write_bytes(mf.reply("KUM", mf.at(19), [attachment]))
    with Inbox(settings.limits) as inbox:
        paths, findings = inbox.add(mail)
        got = findings + [f for p in paths for f in load(p, settings).findings]
        folder = inbox.folder
    assert [(f.level, f.rule) for f in got] == expected
    assert folder is None or not folder.exists()


def test_dates_are_shown_in_this_computers_time_zone():
    import datetime as dt

    when = dt.datetime(2022, 1, 17, 3, 30, tzinfo=dt.timezone.utc)
    assert shown(when) == when.astimezone().strftime("%d-%m-%Y %H:%M")
    assert shown(dt.datetime(2022, 1, 17, 3, 30)) == "17-01-2022 03:30"


def test_msg_sender_has_its_address_and_a_forwarded_msg_is_read(tmp_path):
    path = tmp_path / "fw.msg"
    path.write_bytes(mf.outlook_msg("PSR", mf.at(17), forwarded=True))
    (att,), findings = read_mail(path)
    assert not findings
    assert att.data == mf.sample("PSR").read_bytes()
    assert att.mail.sender == "Kasubbag Umum <umum@dkump.example>"
    assert att.mail.date == mf.at(17)


def test_a_lakip_draft_in_the_input_folder_is_skipped(tmp_path):
    from click.testing import CliRunner

    from lakip_xl.cli import main

    out = tmp_path / "templat"
    CliRunner().invoke(main, ["template", "--renstra", str(RENSTRA), "--tahun", "2021", "--out", str(out),
                              "--surel", "-q", "--bidang", "PSR"])
    (draft,) = out.glob("*.eml")
    atts, findings = read_mail(draft)
    assert atts == [] and [(f.rule, f.level) for f in findings] == [("surel-draf-dilewati", INFO)]


def test_a_zip_attachment_with_a_password_is_berkas_terenkripsi(tmp_path):
    data = bytearray(mf.zipped([(mf.sample("PSR").name, mf.sample("PSR").read_bytes())]))
    data[6] |= 0x1  # the "encrypted" bit of the local header (at 0) and of the central directory (the last)
    data[data.rfind(b"PK\x01\x02") + 8] |= 0x1
    path = tmp_path / "sandi.eml"
    path.write_bytes(mf.reply("PSR", mf.at(17), [("laporan.zip", bytes(data))]))
    atts, findings = read_mail(path)
    assert atts == [] and [f.rule for f in findings] == ["berkas-terenkripsi"]
    assert "laporan.zip/" in findings[0].file


def test_msg_without_the_outlook_extra_is_said(tmp_path, monkeypatch):
    """extract-msg is the optional extra `outlook` (GPL-3.0): without it a .msg is a Peringatan, not a crash."""
    import builtins

    real_import = builtins.__import__

    def no_extract_msg(name, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if name == "extract_msg" or name.startswith("extract_msg."):
            raise ImportError("No module named 'extract_msg'")
        return real_import(name, *args, **kwargs)

    path = tmp_path / "balasan.msg"
    path.write_bytes(mf.outlook_msg("PSR", mf.at(17)))
    monkeypatch.setattr(builtins, "__import__", no_extract_msg)
    attachments, findings = read_mail(path)
    assert attachments == []
    assert [(f.rule, f.level) for f in findings] == [("surel-msg-tidak-didukung", PERINGATAN)]
    assert "balasan.msg" in findings[0].file
