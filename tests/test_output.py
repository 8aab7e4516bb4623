"""output.py in-process: safe file names, the temporaries a signal handler removes.

The atomic write under real faults (signals, full disk, a folder that refuses files) is in
tests/test_safety.py; these are the pure parts, cheap enough to run for every mutant.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from lakip_xl import output
from lakip_xl.errors import OutputError
from lakip_xl.output import remove_temporaries, safe_filename


@pytest.mark.parametrize(("text", "name"), [
    ("SEK/UMUM", "SEK_UMUM"), ("../../../input/LAKIP_2021_PSR", "input_LAKIP_2021_PSR"),
    ("Bidang Pasar", "Bidang_Pasar"), ("CON", "CON_"), ("lpt1", "lpt1_"), ("", "x"), ("PSR\u200b", "PSR"),
    ("...", "x"), ("__PSR__", "PSR"),
    ("A" * 59 + "/B", "A" * 59),  # cut at 60 characters, then the cut's trailing "_" dropped
    ("B" * 70, "B" * 60),
])
def test_safe_filename(text, name):
    assert safe_filename(text) == name


def test_safe_filename_fallback():
    assert safe_filename("///", fallback="bidang") == "bidang"


def test_remove_temporaries_deletes_the_writes_in_progress(tmp_path):
    live = [tmp_path / ".~lakip-1.xlsx", tmp_path / ".~lakip-2.xlsx"]
    for p in live:
        p.write_bytes(b"partial")
    gone = tmp_path / "already-gone.xlsx"  # a temporary removed meanwhile is no error
    output._LIVE.update([*live, gone])
    try:
        remove_temporaries()
    finally:
        output._LIVE.difference_update([*live, gone])
        output._STOPPING.clear()  # (the run was not ending: later writes here go on)
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- #
# The threaded zip: deflated members wait on disk, and a failure leaves nothing
# --------------------------------------------------------------------------- #


def _parts(folder, n=4, size=200_000):
    paths = []
    for i in range(n):
        p = folder / f"part{i}.xml"
        p.write_bytes((f"<row r='{i}'>" * (size // 12)).encode())
        paths.append(p)
    return paths


def test_deflated_members_wait_on_disk_for_a_late_one_and_the_zip_is_zipfiles(tmp_path):
    import threading

    from lakip_xl.output import LATE, _DeflatingZip

    parts = _parts(tmp_path)
    late_content = tmp_path / "late.xml"
    late_content.write_bytes(b"<sheet>" * 10_000)
    come = threading.Event()
    waiting_on_disk = []

    def late():  # the first member is written elsewhere: every later member is deflated meanwhile
        come.wait(10)
        return str(late_content)

    LATE[str(parts[0])] = late
    with _DeflatingZip(tmp_path / "threads.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for p in parts:
            z.write(p, p.name)
        for _ in range(200):
            if len(list(tmp_path.glob("*.z"))) == len(parts) - 1:
                break
            threading.Event().wait(0.05)
        waiting_on_disk = sorted(p.name for p in tmp_path.glob("*.z"))
        come.set()
    assert waiting_on_disk == [f"part{i}.xml.deflate.z" for i in range(1, len(parts))]
    parts[0].write_bytes(b"<sheet>" * 10_000)  # (the late content was moved into the zip's member)
    with zipfile.ZipFile(tmp_path / "plain.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for p in parts:
            z.write(p, p.name)
    with zipfile.ZipFile(tmp_path / "threads.zip") as a, zipfile.ZipFile(tmp_path / "plain.zip") as b:
        assert [(i.filename, i.CRC, i.compress_size) for i in a.infolist()] == \
            [(i.filename, i.CRC, i.compress_size) for i in b.infolist()]
        assert a.read("part0.xml") == b"<sheet>" * 10_000 and a.testzip() is None
    assert not list(tmp_path.glob("*.z")) and not list(tmp_path.glob("*.deflate"))


def test_a_failed_late_member_leaves_no_deflated_file_and_a_second_close_is_quiet(tmp_path):
    from lakip_xl.output import LATE, _DeflatingZip

    parts = _parts(tmp_path)

    def late():
        raise RuntimeError("the helper failed")

    LATE[str(parts[1])] = late
    z = _DeflatingZip(tmp_path / "x.zip", "w", zipfile.ZIP_DEFLATED)
    for p in parts:
        z.write(p, p.name)
    with pytest.raises(RuntimeError, match="helper failed"):
        z.close()
    z.close()  # what ZipFile.__del__ does: nothing raised again
    assert not list(tmp_path.glob("*.z")) and not list(tmp_path.glob("*.deflate"))
    assert LATE == {}


def test_a_write_interrupted_while_zipping_leaves_nothing_in_the_temp_folder(tmp_path, monkeypatch):
    """Ctrl-C while the package is zipped: XlsxWriter's part files and the deflated copies are all removed
    (they used to stay in the system temp folder, ~26 files a run)."""
    import datetime as dt
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    calls = []
    deflate = output._deflate

    def interrupted(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 3:
            raise KeyboardInterrupt
        return deflate(*args, **kwargs)

    monkeypatch.setattr(output, "_deflate", interrupted)

    def build(wb):
        ws = wb.add_worksheet("A")
        for r in range(50):
            ws.write_string(r, 0, f"baris {r}")

    target = tmp_path / "out" / "L.xlsx"
    target.parent.mkdir()
    with pytest.raises(KeyboardInterrupt):
        output.write_xlsx(target, build, created=dt.datetime(2021, 1, 1))
    assert len(calls) >= 3  # the interruption came while the parts were deflated
    assert list(scratch.iterdir()) == [] and list(target.parent.iterdir()) == []


def test_a_signal_removes_the_writes_folders_and_stops_the_deflating_threads(tmp_path):
    """What the CLI's signal handler does before it exits: the folders go, with what a stop says first,
    and a member deflated afterwards makes no file."""
    folder = output.scratch_folder("lakip-tulis-")
    (Path(folder) / "part.xml").write_bytes(b"<a/>")
    stopped = []
    helper = output.scratch_folder("lakip-split-", stop=lambda: stopped.append(True))
    late = tmp_path / "sheet.xml"
    late.write_bytes(b"<sheet/>")
    try:
        output.remove_temporaries()
        assert stopped == [True] and not Path(folder).exists() and not Path(helper).exists()
        with pytest.raises(OutputError):
            output._deflate(str(late), zipfile.ZIP_DEFLATED, None)
        assert list(tmp_path.iterdir()) == []
    finally:
        output._STOPPING.clear()
        output.remove_scratch(folder)
        output.remove_scratch(helper)
    assert output._LIVE_FOLDERS == {}
