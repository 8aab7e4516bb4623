"""The ``lakip`` command: Indonesian help and messages, exit codes 0 / 1 / 2."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import RENSTRA, SAMPLE
from lakip_xl.cli import main


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize(("args", "code", "text"), [
    (["--help"], 0, "Penggunaan: lakip [OPSI] PERINTAH [ARGUMEN]..."),
    (["consolidate", "--help"], 0, "Membaca semua laporan"),
    (["template", "--help"], 0, "satu templat laporan per bidang"),
    (["tidak-ada"], 2, "Tidak ada perintah"),
    (["template", "--renstra", str(RENSTRA), "--tahun", "dua"], 2, "Tahun harus 4 angka"),
    (["--help"], 0, "5. lakip consolidate FOLDER/input"),  # a bare `lakip consolidate` fails from FOLDER's parent
    (["template", "--help"], 0, "[wajib]"),
    (["consolidate", "folder-yang-salah-ketik"], 2, "Folder masukan tidak ditemukan: folder-yang-salah-ketik"),
    (["init", "x", "--periode", "2025"], 2, "--periode harus berbentuk AWAL-AKHIR"),
    (["init", "x", "--periode", "2025-2025"], 2, "tidak masuk akal"),
])
def test_help_and_usage_errors(runner, args, code, text):
    result = runner.invoke(main, args)
    assert result.exit_code == code
    assert text in result.output


def test_consolidate_sample_exit_0_with_summary(runner, tmp_path):
    out = tmp_path / "LAKIP.xlsx"
    result = runner.invoke(main, ["consolidate", str(SAMPLE), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert "Nilai capaian     : 92,5 (Sangat Berhasil)" in result.output
    assert "pagu Rp 12.872.381.707, realisasi Rp 12.441.814.427" in result.output
    assert "0 Galat" in result.output and out.exists()


def test_strict_makes_peringatan_count(runner, tmp_path):
    result = runner.invoke(main, ["consolidate", str(SAMPLE), "-o", str(tmp_path / "x.xlsx"), "-q", "--strict"])
    assert result.exit_code == 1


def test_missing_renstra_exit_2_in_indonesian(runner, tmp_path):
    folder = tmp_path / "kosong"
    folder.mkdir()
    result = runner.invoke(main, ["consolidate", str(folder)])
    assert result.exit_code == 2
    assert "Renstra tidak ditemukan" in result.output


def test_malformed_renstra_names_sheet_and_column(runner, tmp_path):
    bad = tmp_path / "renstra.xlsx"
    wb = openpyxl.load_workbook(RENSTRA)
    ws = wb["Program"]
    for cell in ws[4]:
        if cell.value == "Bidang":
            cell.value = "Unit Kerja"
    wb.save(bad)
    result = runner.invoke(main, ["template", "--renstra", str(bad), "--tahun", "2021", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "lembar 'Program'" in result.output and "'Bidang'" in result.output


def test_init_then_template(runner, tmp_path):
    folder = tmp_path / "lakip2025"
    result = runner.invoke(main, ["init", str(folder), "--periode", "2025-2029"])
    assert result.exit_code == 0, result.output
    assert (folder / "input" / "renstra.xlsx").exists() and (folder / "output").is_dir()
    wb = openpyxl.load_workbook(folder / "input" / "renstra.xlsx")
    assert {"Petunjuk", "Instansi", "Bidang", "Sasaran", "Program", "Riwayat", "Tujuan"} <= set(wb.sheetnames)
    headers = [c.value for c in wb["Sasaran"][4]]
    assert "Target 2025" in headers and "Target 2029" in headers
    polaritas = [dv for dv in wb["Sasaran"].data_validations.dataValidation if dv.type == "list"]
    assert any('"Positif,Negatif,Stabil"' == dv.formula1 for dv in polaritas)
    again = runner.invoke(main, ["init", str(folder)])
    assert again.exit_code == 2 and "sudah ada" in again.output


def test_template_command(runner, tmp_path):
    result = runner.invoke(main, ["template", "--renstra", str(RENSTRA), "--tahun", "2022", "--out",
                                  str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.glob("LAKIP_2022_*.xlsx"))) == 6


def test_check_one_file(runner):
    path = next(SAMPLE.glob("LAKIP_2021_PSR_*.xlsx"))
    result = runner.invoke(main, ["check", str(path), "--renstra", str(RENSTRA)])
    assert result.exit_code == 0, result.output
    assert "1 berkas diperiksa: 0 Galat" in result.output


class _Exited(Exception):
    pass


def _program(monkeypatch, args: list[str]) -> tuple[int, list]:
    """Run :func:`lakip_xl.cli.entry` in this process: its exit status, what it kept (``os._exit`` caught)."""
    import os
    import sys

    from lakip_xl import cli

    def hard_exit(code):
        raise _Exited(code)

    kept: list = []
    monkeypatch.setattr(cli, "_PROGRAM", False)
    monkeypatch.setattr(cli, "_KEPT", kept)
    monkeypatch.setattr(os, "_exit", hard_exit)
    monkeypatch.setattr(sys, "argv", ["lakip", *args])
    with pytest.raises(_Exited) as got:
        cli.entry()
    return got.value.args[0], kept


def test_the_program_keeps_the_run_and_exits_with_its_status(monkeypatch, tmp_path):
    from lakip_xl.consolidate import Run

    code, kept = _program(monkeypatch, ["consolidate", str(SAMPLE), "-o", str(tmp_path / "L.xlsx"), "-q"])
    assert code == 0 and [type(x) for x in kept] == [Run]  # not freed object by object on the way out
    assert kept[0].result.nilai is not None and (tmp_path / "L.xlsx").stat().st_size > 100_000
    code, kept = _program(monkeypatch, ["consolidate", str(SAMPLE), "-o", str(tmp_path / "L.xlsx"), "-q", "--strict"])
    assert code == 1 and len(kept) == 1  # 52 Peringatan count under --strict
    code, kept = _program(monkeypatch, ["consolidate", str(tmp_path / "tidak-ada")])
    assert code == 2 and kept == []
    assert _program(monkeypatch, ["--help"]) == (0, [])


def test_exit_status_as_the_interpreter_gives_it(capsys):
    from lakip_xl.cli import _status

    assert [_status(None), _status(0), _status(2), _status(256 + 3)] == [0, 0, 2, 3]
    assert _status("pesan") == 1 and capsys.readouterr().err == "pesan\n"


def test_the_program_flushes_what_it_printed_before_it_ends():
    """Piped output is buffered: ``entry`` ends the process with ``os._exit``, so it must flush first."""
    import os
    import subprocess
    import sys

    path = next(SAMPLE.glob("LAKIP_2021_PSR_*.xlsx"))
    done = subprocess.run([sys.executable, "-m", "lakip_xl", "check", str(path), "--renstra", str(RENSTRA)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "1 berkas diperiksa: 0 Galat" in done.stdout and done.stdout.rstrip().endswith(
        ("Siap dikirim.", "Boleh dikirim; periksa Peringatan di atas."))
    written = "import sys; from lakip_xl import cli; cli.main = lambda: sys.stdout.write('tanpa flush'); cli.entry()"
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-c", written], capture_output=True, text=True, timeout=120, env=buffered)
    assert (done.returncode, done.stdout) == (0, "tanpa flush")  # print() and click.echo(nl=False) alike
    done = subprocess.run([sys.executable, "-m", "lakip_xl", "consolidate", "/tidak/ada"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.startswith("Galat: Folder masukan tidak ditemukan")
