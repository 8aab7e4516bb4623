"""No harm, nothing lost (issue 10): outputs that never replace what they must not, bad settings and odd
folder entries as clear messages, one error policy, and interrupted or failing writes that leave the
previous output intact.
"""

from __future__ import annotations

import errno
import importlib.util
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import RENSTRA, ROOT, SAMPLE
from lakip_xl.cli import main
from lakip_xl.consolidate import check, consolidate, discover
from lakip_xl.findings import GALAT, INFO
from lakip_xl.report import formulas
from lakip_xl.settings import Category, Settings

PSR = "LAKIP_2021_PSR_Bidang_Pasar.xlsx"


@pytest.fixture
def runner():
    return CliRunner()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


# --------------------------------------------------------------------------- #
# Templates never replace a report (items 1, 2)
# --------------------------------------------------------------------------- #


def test_template_into_the_input_folder_replaces_nothing(runner, sample_copy):
    before = _snapshot(sample_copy)
    result = runner.invoke(main, ["template", "--renstra", str(sample_copy / "renstra.xlsx"), "--tahun", "2021",
                                  "--out", str(sample_copy), "-q"])
    assert result.exit_code == 1
    assert "tidak ditimpa: LAKIP_2021_PSR_Bidang_Pasar.xlsx (laporan yang sudah diisi (29 nilai))" in result.output
    assert "tidak ada templat yang ditulis" in result.output
    assert _snapshot(sample_copy) == before
    forced = runner.invoke(main, ["template", "--renstra", str(sample_copy / "renstra.xlsx"), "--tahun", "2021",
                                  "--out", str(sample_copy), "-q", "--timpa"])
    assert forced.exit_code == 0 and _snapshot(sample_copy)[PSR] != before[PSR]


def test_templates_may_replace_blank_templates(runner, tmp_path):
    args = ["template", "--renstra", str(RENSTRA), "--tahun", "2021", "--out", str(tmp_path), "-q"]
    assert runner.invoke(main, args).exit_code == 0
    again = runner.invoke(main, args)
    assert again.exit_code == 0, again.output  # last year's blank templates: regenerated without asking
    other = tmp_path / "LAKIP_2021_SEK_Sekretariat.xlsx"
    other.write_bytes(b"bukan templat")
    refused = runner.invoke(main, args)
    assert refused.exit_code == 1 and "bukan templat lakip-xl" in refused.output
    assert other.read_bytes() == b"bukan templat"


def test_codes_never_make_paths(runner, tmp_path):
    renstra = tmp_path / "renstra.xlsx"
    wb = openpyxl.load_workbook(RENSTRA)
    ws = wb["Bidang"]
    ws["A6"] = "SEK/UMUM"  # a Kode Bidang with a slash
    ws["A7"] = "../../../input/LAKIP_2021_PSR"  # and one that climbs out of --out
    wb.save(renstra)
    out = tmp_path / "templat"
    victim = tmp_path / "input"
    victim.mkdir()
    (victim / "LAKIP_2021_PSR.xlsx").write_bytes(b"laporan yang sudah diisi")
    result = runner.invoke(main, ["template", "--renstra", str(renstra), "--tahun", "2021", "--out", str(out),
                                  "-q", "--paksa"])  # the Renstra rows of the renamed units are now unknown: Galat
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert all(p.is_file() for p in out.iterdir()) and len(names) == 6
    assert "LAKIP_2021_SEK_UMUM_Bidang_Perdagangan.xlsx" in names
    assert "LAKIP_2021_input_LAKIP_2021_PSR_Bidang_Pasar.xlsx" in names
    assert (victim / "LAKIP_2021_PSR.xlsx").read_bytes() == b"laporan yang sudah diisi"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input", "renstra.xlsx", "templat"]
    assert [p.name for p in victim.iterdir()] == ["LAKIP_2021_PSR.xlsx"]



# --------------------------------------------------------------------------- #
# The output path of consolidate (items 9, 13)
# --------------------------------------------------------------------------- #


def test_output_must_end_in_xlsx_and_be_a_file(runner, tmp_path):
    for bad in ("x.ods", "catatan.docx"):
        result = runner.invoke(main, ["consolidate", str(SAMPLE), "-o", str(tmp_path / bad), "-q"])
        assert result.exit_code == 2 and "harus berakhiran .xlsx" in result.output
        assert not (tmp_path / bad).exists()
    fifo = tmp_path / "pipa.xlsx"
    os.mkfifo(fifo)
    result = runner.invoke(main, ["consolidate", str(SAMPLE), "-o", str(fifo), "-q"])
    assert result.exit_code == 2 and "bukan berkas biasa" in result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    device = tmp_path / "perangkat.xlsx"
    device.symlink_to("/dev/null")
    result = runner.invoke(main, ["consolidate", str(SAMPLE), "-o", str(device), "-q"])
    assert result.exit_code == 2 and "bukan berkas biasa" in result.output
    missing = tmp_path / "baru"  # -o baru (no slash, not a folder yet) is a file name without .xlsx
    result = runner.invoke(main, ["consolidate", str(SAMPLE), "-o", str(missing), "-q"])
    assert result.exit_code == 2 and not missing.exists()


def test_output_folder_with_a_slash_gets_the_default_name(runner, tmp_path):
    result = runner.invoke(main, ["consolidate", str(SAMPLE), "-o", f"{tmp_path / 'baru'}/", "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "baru" / "LAKIP_2021_DKUMP.xlsx").is_file()


def test_output_that_lakip_did_not_write_is_kept(runner, tmp_path):
    other = tmp_path / "rekap.xlsx"
    shutil.copyfile(SAMPLE / PSR, other)  # somebody's workbook
    result = runner.invoke(main, ["consolidate", str(SAMPLE), "-o", str(other), "-q"])
    assert result.exit_code == 1 and "bukan workbook LAKIP dari lakip-xl; tidak ditimpa" in result.output
    assert other.read_bytes() == (SAMPLE / PSR).read_bytes()
    assert runner.invoke(main, ["consolidate", str(SAMPLE), "-o", str(other), "-q", "--timpa"]).exit_code == 0
    assert runner.invoke(main, ["consolidate", str(SAMPLE), "-o", str(other), "-q"]).exit_code == 0  # now it is ours


def test_output_in_a_system_folder_is_a_message(runner):
    result = runner.invoke(main, ["consolidate", str(SAMPLE), "-o", "/proc/lakip.xlsx", "-q"])
    assert result.exit_code == 2 and result.output.startswith("Galat: ") and "Traceback" not in result.output


# --------------------------------------------------------------------------- #
# Settings (items 7, 8)
# --------------------------------------------------------------------------- #

BAD_SETTINGS = [
    ('batas_temuan = "banyak"', "batas_temuan harus bilangan bulat"),
    ("batas = [1, 2]", "'batas' harus tabel"),
    ("batas_temuan = 1e400", "batas_temuan harus bilangan bulat"),
    ("toleransi_rupiah = inf", "toleransi_rupiah harus angka biasa"),
    ("toleransi_rupiah = -1", "toleransi_rupiah harus antara 0 dan"),
    ("[batas]\nbaris = 0", "batas.baris harus antara 10"),
    ("[batas]\nukuran_berkas = -5", "batas.ukuran_berkas harus antara"),
    ("negatif = 3", "'negatif' harus salah satu dari"),
    ('[[skala]]\nnama = "A"\nbatas_bawah = nan\nrerata = 1\n[[skala]]\nnama = "B"\nrerata = 2',
     "skala[1].batas_bawah harus angka biasa"),
    ('[[skala]]\nnama = "A"\nbatas_bawah = 1\nrerata = nan\n[[skala]]\nnama = "B"\nrerata = 2',
     "skala[1].rerata harus angka biasa"),
    ('[[skala]]\nnama = "A"\nbatas_bawah = 1\nrerata = 1\nwarna = "hijau muda"\n[[skala]]\nnama = "B"\nrerata = 2',
     "skala[1].warna harus kode warna"),
    ("[[skala]]\nnama = 'Sangat \"Baik\"'\nbatas_bawah = 85\nrerata = 92.5\n[[skala]]\nnama = \"B\"\nrerata = 2",
     "skala[1].nama harus teks"),
    ('[[skala]]\nnama = "A"\nbatas_bawah = 1\nrerata = 1\n[[skala]]\nnama = "a"\nrerata = 2', "harus berbeda"),
    ('[[skala]]\nnama = "A"\nbatas_bawah = 1\nrerata = 1\n[[skala]]\nnama = "B"\nbatas_bawah = 5\nrerata = 2\n'
     '[[skala]]\nnama = "C"\nrerata = 3', "harus menurun"),
    ("skala = 5", "'skala' harus daftar"),
    ("warna = 1", "kunci tidak dikenal: warna"),
]


@pytest.mark.parametrize(("toml", "message"), BAD_SETTINGS)
def test_bad_settings_exit_2_naming_the_key(runner, tmp_path, toml, message):
    path = tmp_path / "p.toml"
    path.write_text(toml, encoding="utf-8")
    result = runner.invoke(main, ["consolidate", str(SAMPLE), "-o", str(tmp_path / "o.xlsx"), "-q",
                                  "--pengaturan", str(path)])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "o.xlsx").exists()


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_settings_saved_by_notepad_are_read(runner, tmp_path, encoding):
    path = tmp_path / "p.toml"
    path.write_text('negatif = "selisih"\n', encoding=encoding)
    result = runner.invoke(main, ["consolidate", str(SAMPLE), "-o", str(tmp_path / "o.xlsx"), "-q",
                                  "--pengaturan", str(path)])
    assert result.exit_code == 0, result.output


def test_settings_from_a_pipe_do_not_hang(tmp_path):
    fifo = tmp_path / "p.toml"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "lakip_xl", "consolidate", str(SAMPLE), "-o",
                           str(tmp_path / "o.xlsx"), "-q", "--pengaturan", str(fifo)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "bukan berkas biasa" in done.stderr


def test_every_text_in_a_formula_is_escaped():
    assert formulas.literal('Sangat "Baik"') == '"Sangat ""Baik"""'
    assert formulas.criterion("A*?~") == '"A~*~?~~"'
    assert formulas.criterion("<5") == '"=<5"'
    scale = (Category('Sangat "Baik"', Decimal(85), Decimal(92), "#FFFFFF"),
             Category('x",HYPERLINK("http://e")&"', None, Decimal(1), "#FFFFFF"))
    f = formulas.predikat("I2", Settings(scale=scale))
    assert f == '=IF(I2="","",IF(I2>85,"Sangat ""Baik""","x"",HYPERLINK(""http://e"")&"""))'


# --------------------------------------------------------------------------- #
# Findings are counted in full (item 6)
# --------------------------------------------------------------------------- #


def test_the_cap_lists_fewer_findings_but_counts_all(runner, sample_copy, tmp_path):
    for name in ("rusak1.xlsx", "rusak2.xlsx"):
        (sample_copy / name).write_text("bukan workbook", encoding="utf-8")
    settings = tmp_path / "p.toml"
    settings.write_text("batas_temuan = 0\n", encoding="utf-8")
    result = runner.invoke(main, ["consolidate", str(sample_copy), "-o", str(tmp_path / "o.xlsx"), "-q",
                                  "--pengaturan", str(settings)])
    assert result.exit_code == 1
    assert "Temuan            : 2 Galat" in result.output


# --------------------------------------------------------------------------- #
# What a folder holds besides workbooks (items 5, 10, 13)
# --------------------------------------------------------------------------- #


def test_odd_entries_are_findings_and_never_opened(tmp_path):
    folder = tmp_path / "input"
    shutil.copytree(SAMPLE, folder)
    os.mkfifo(folder / "pipa.xlsx")
    (folder / "arsip.xlsx").mkdir()
    (folder / "rusak.xlsx").symlink_to("tidak-ada.xlsx")
    (folder / "putar.xlsx").symlink_to("putar.xlsx")
    (folder / "laporan.xlsb").write_bytes(b"PK\x03\x04biner")
    (folder / ".~lakip-k3j2h1.xlsx").write_bytes(b"")
    os.rename(folder / PSR, os.fsencode(folder) + b"/LAKIP_2021_PSR_Bidang_Pasar\xe9.xlsx")
    (Path(os.fsdecode(os.fsencode(folder) + b"/catatan\xe9.txt"))).write_bytes(b"x")
    paths, findings = discover(folder, folder / "renstra.xlsx")
    got = {(f.level, f.rule, f.file) for f in findings}
    assert got == {
        (INFO, "berkas-bukan-biasa", "arsip.xlsx"), (INFO, "berkas-bukan-biasa", "pipa.xlsx"),
        (INFO, "berkas-bukan-biasa", "putar.xlsx"), (INFO, "berkas-bukan-biasa", "rusak.xlsx"),
        (GALAT, "berkas-biner", "laporan.xlsb"), (INFO, "berkas-sementara", ".~lakip-k3j2h1.xlsx"),
        (INFO, "berkas-dilewati", "catatan\\xe9.txt"),
    }
    assert len(paths) == 6  # the six reports, the one with the Windows name too
    run = consolidate(folder, output=tmp_path / "o.xlsx")
    assert sum(1 for u in run.result.units if u.file) == 6
    assert "LAKIP_2021_PSR_Bidang_Pasar\\xe9.xlsx" in {u.file for u in run.result.units}


def test_check_of_a_pipe_does_not_hang(tmp_path):
    fifo = tmp_path / "laporan.xlsx"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-m", "lakip_xl", "check", str(fifo), "--renstra", str(RENSTRA)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "berkas-bukan-biasa" in done.stdout


def test_a_right_to_left_override_in_a_name_is_shown_escaped(tmp_path):
    path = tmp_path / "laporan\u202exslx.exe.xlsx"
    shutil.copyfile(SAMPLE / PSR, path)
    run = check([path], RENSTRA)
    assert run.result.units[2].file == "laporan\\u202exslx.exe.xlsx"


# --------------------------------------------------------------------------- #
# One error policy (items 9, 11)
# --------------------------------------------------------------------------- #


def test_an_internal_error_is_one_line_and_a_log(runner, tmp_path, monkeypatch):
    import lakip_xl.consolidate as stage

    def broken(*args, **kwargs):
        raise RuntimeError("sengaja")

    monkeypatch.setattr(stage, "compute", broken)
    result = runner.invoke(main, ["consolidate", str(SAMPLE), "-o", str(tmp_path / "o.xlsx"), "-q"])
    assert result.exit_code == 2
    line = result.output.strip().splitlines()[-1]
    assert line.startswith("Galat internal lakip-xl (RuntimeError). Rincian teknis tersimpan di ")
    log = Path(line.split("tersimpan di ")[1].split(";")[0])
    assert "RuntimeError: sengaja" in log.read_text(encoding="utf-8") and "Traceback" in log.read_text()
    assert "Traceback" not in result.output


def test_ctrl_c_exits_130(runner, tmp_path, monkeypatch):
    import lakip_xl.consolidate as stage

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(stage, "compute", interrupted)
    result = runner.invoke(main, ["consolidate", str(SAMPLE), "-o", str(tmp_path / "o.xlsx"), "-q"])
    assert result.exit_code == 130 and "Dibatalkan" in result.output


# --------------------------------------------------------------------------- #
# Fault injection: interrupted, refused and full writes keep the previous output (item 11)
# --------------------------------------------------------------------------- #


def _bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """20 units of the benchmark's synthetic agency (a run of a few seconds), with a previous output."""
    bench = _bench()
    work = tmp_path_factory.mktemp("bench")
    bench.WORK = work
    bench.dataset(20, jobs=1, log=lambda *a, **k: None)
    folder = work / f"n20-g{bench.GENERATOR_VERSION}-s{bench.SEED}" / "input"
    out = work / "keluaran" / "LAKIP.xlsx"
    run = consolidate(folder, output=out)
    return folder, out, out.read_bytes(), run


def _start(folder: Path, out: Path, temp: Path | None = None) -> subprocess.Popen:
    """The CLI in its own process group, as a terminal starts it (``temp``: its system temp folder)."""
    env = {**os.environ, "TMPDIR": str(temp)} if temp is not None else None
    return subprocess.Popen([sys.executable, "-m", "lakip_xl", "consolidate", str(folder), "-o", str(out), "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env=env)


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGKILL, -9)])
@pytest.mark.parametrize("delay", [0.8, 1.6, 2.5, 3.5])
def test_a_stopped_run_leaves_the_previous_output(large, sig, code, delay, tmp_path):
    folder, out, before, _ = large
    temp = tmp_path / "tmp"
    temp.mkdir()
    proc = _start(folder, out, temp)
    time.sleep(delay)
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)  # Ctrl-C reaches the whole group: the worker processes too
    else:
        proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"the run did not stop within 60 s of {sig.name}")
    if proc.returncode in (0, 1):  # finished before the signal: the new output is complete (and the same)
        assert out.read_bytes() == before
        return
    if sig != signal.SIGKILL and proc.returncode == -sig:  # it came before the command had started
        assert out.read_bytes() == before and not [p for p in out.parent.iterdir() if p.name.startswith(".~")]
        return
    assert proc.returncode == code, err
    assert out.read_bytes() == before  # never half-written
    assert "Traceback" not in err
    left = [p for p in out.parent.iterdir() if p.name.startswith(".~lakip-")]
    if sig == signal.SIGKILL:  # nothing can clean up after SIGKILL; the next run says so
        for p in left:
            p.unlink()
    else:
        assert left == []
        assert list(temp.iterdir()) == []  # nor in the system temp folder (XlsxWriter's parts, the helper's)


def test_a_killed_runs_temporary_file_is_reported_next_time(large, tmp_path):
    folder, out, before, _ = large
    stale = out.parent / ".~lakip-tertinggal.xlsx"
    stale.write_bytes(b"")
    try:
        run = consolidate(folder, output=out)
        assert ("berkas-sementara", ".~lakip-tertinggal.xlsx") in {(f.rule, f.file) for f in run.findings}
        with zipfile.ZipFile(out) as zf:  # the new output, complete (it lists the finding in Validasi)
            assert zf.testzip() is None
    finally:
        stale.unlink()


def _immutable(folder: Path) -> bool:
    """Make ``folder`` refuse new files, also to root (chattr +i); False where the machine cannot."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return True
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    return done.returncode == 0


def test_a_folder_that_refuses_new_files(runner, tmp_path):
    folder = tmp_path / "keluaran"
    folder.mkdir()
    old = folder / "LAKIP.xlsx"
    shutil.copyfile(SAMPLE / PSR, old)  # stands for last year's output
    before = old.read_bytes()
    if not _immutable(folder):
        pytest.skip("this machine cannot make a folder refuse new files")
    try:
        result = runner.invoke(main, ["consolidate", str(SAMPLE), "-o", str(old), "-q", "--timpa"])
        assert result.exit_code == 2
        assert "Folder keluaran" in result.output or "tidak dapat ditulis" in result.output
        assert "Traceback" not in result.output
    finally:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
        folder.chmod(0o755)
    assert old.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["LAKIP.xlsx"]


def test_a_full_disk_keeps_the_previous_output(tmp_path):
    """A 200 KB tmpfs: room for the previous output (106 KB), not for the next one beside it."""
    folder = tmp_path / "penuh"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs (the injected ENOSPC test covers it)")
    try:
        out = folder / "LAKIP.xlsx"
        cmd = [sys.executable, "-m", "lakip_xl", "consolidate", str(SAMPLE), "-o", str(out), "-q"]
        assert subprocess.run(cmd, capture_output=True).returncode == 0
        before = out.read_bytes()
        (folder / "lain").write_bytes(b"\0" * (200 * 1024 - len(before) - 8192))  # the disk fills up
        done = subprocess.run(cmd, capture_output=True, text=True)
        assert done.returncode == 2, done.stdout + done.stderr
        assert "tidak dapat ditulis" in done.stderr and os.strerror(errno.ENOSPC) in done.stderr
        assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr
        assert out.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["LAKIP.xlsx", "lain"]
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


def test_an_injected_enospc_keeps_the_previous_output(runner, tmp_path, monkeypatch):
    import lakip_xl.output as output

    out = tmp_path / "LAKIP.xlsx"
    assert runner.invoke(main, ["consolidate", str(SAMPLE), "-o", str(out), "-q"]).exit_code == 0
    before = out.read_bytes()

    def enospc(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output.os, "fsync", enospc)
    result = runner.invoke(main, ["consolidate", str(SAMPLE), "-o", str(out), "-q"])
    assert result.exit_code == 2 and "tidak dapat ditulis" in result.output
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["LAKIP.xlsx"]


def test_the_output_is_a_complete_workbook(large):
    _, out, before, _ = large
    with zipfile.ZipFile(out) as zf:
        assert zf.testzip() is None


def test_template_from_an_empty_renstra_is_refused(runner, tmp_path):
    folder = tmp_path / "kerja"
    assert runner.invoke(main, ["init", str(folder), "--periode", "2025-2029"]).exit_code == 0
    renstra = folder / "input" / "renstra.xlsx"
    wb = openpyxl.load_workbook(renstra)
    wb["Bidang"].append(["SEK", "Sekretariat"])  # a name and one unit, nothing else
    next(r for r in wb["Instansi"].iter_rows() if r[0].value == "Nama Instansi")[1].value = "Dinas Contoh"
    wb.save(renstra)
    result = runner.invoke(main, ["template", "--renstra", str(renstra), "--tahun", "2025", "--out",
                                  str(folder / "workbook_templates"), "-q"])
    assert result.exit_code == 1 and "renstra-kosong" in result.output
    assert list((folder / "workbook_templates").iterdir()) == []
