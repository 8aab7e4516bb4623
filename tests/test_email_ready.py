"""The consolidated workbook leaves the office by email: Narasi, PDF, properties, size, no links or macros."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import SAMPLE, rows_of, soffice
from lakip_xl import libreoffice
from lakip_xl.cli import main


def test_narasi_sentence_of_every_iku_states_the_seeds_facts(sample_run, reference):
    rows = rows_of(sample_run.output, "Narasi")
    by_code = {r[1]: r[3] for r in rows if r[0] == "Bab III.A Capaian IKU"}
    facts = {  # realisasi, target, capaian as the seed's tables print them (SS6: 132, not 135; C1)
        "IKU01": ("8,57%", "5,88%", "146%"), "IKU02": ("100%", "100%", "100%"),
        "IKU03": ("554.354 ton", "554.354 ton", "100%"), "IKU04": ("100%", "100%", "100%"),
        "IKU05": ("40%", "40%", "100%"), "IKU06": ("33%", "25%", "132%"), "IKU07": ("100%", "90%", "111%"),
        "IKU08": ("3,46%", "2,18%", "159%"), "IKU09": ("94,9%", "95,4%", "99%"), "IKU10": ("7,17%", "4,22%", "170%"),
    }
    for s in reference["sasaran"]:
        code = f"IKU{s['no']:02d}"
        text = by_code[code]
        real, target, cap = facts[code]
        assert f"realisasinya sebesar {real}" in text, code
        assert f"target sebesar {target}" in text, code
        assert f"Dengan Pencapaian Indikator Sasaran adalah {cap}." in text, code
        assert f"dikategorikan \"{s['predikat']}\"" in text, code
    assert by_code["IKU01"].startswith(
        "Indikator Persentase Pasar rakyat binaan yang memenuhi SNI pasar Tahun 2021 realisasinya sebesar 8,57%, "
        "nilai realisasi ini menunjukkan lebih baik dari target sebesar 5,88%.")
    assert "belum mencapai target sebesar 95,4%" in by_code["IKU09"]  # 99 %: below target, still Sangat Berhasil


def test_generated_penjelasan_fills_only_where_the_clerk_wrote_none(sample_run):
    clerk = {(r[0], r[3]): r[10] for r in rows_of(sample_run.output, "Indikator Program")[1:]}
    # the clerk's text is kept as written (even where it contradicts the numbers, SEED_NOTES C11)
    stabilisasi = ("3.30.04", "Tingkat stabilisasi harga barang kebutuhan pokok dan barang penting")
    assert clerk[stabilisasi].startswith("Realisasi indikator Program (100%) sama dengan target (83%)")
    assert clerk[("2.17.04", "Persentase KSP/USP yang bernilai SEHAT KOPERASI")] is None
    generated = ("Realisasi indikator Program belum dilaporkan (target 8,33%), sehingga Analisa Capaian Indikator "
                 "Kinerja belum dapat dihitung.")
    # where the clerk wrote none, the generated sentence fills Tabel III.64 and the Narasi sheet
    t7 = [r[6] for r in rows_of(sample_run.output, "Sasaran 9") if r[2] and "SEHAT KOPERASI" in str(r[2])]
    assert t7 == [generated]
    narasi = {(r[1], r[2]): r[3] for r in rows_of(sample_run.output, "Narasi")}
    assert narasi[("2.17.04", "PROGRAM PENILAIAN KESEHATAN KSP/USP KOPERASI")] == generated


def test_ready_to_email(sample_run):
    path = sample_run.output
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
    assert not any("externalLink" in n or "vbaProject" in n for n in names)
    with zipfile.ZipFile(path) as z:  # a plain workbook, not a macro-enabled one, whatever its name says
        types = z.read("[Content_Types].xml").decode()
    assert "spreadsheetml.sheet.main+xml" in types and "macroEnabled" not in types
    props = openpyxl.load_workbook(path).properties
    assert props.title == "LAKIP 2021 Dinas Koperasi, Usaha Mikro dan Perdagangan Kota Pontianak"
    assert props.creator == "Dinas Koperasi, Usaha Mikro dan Perdagangan Kota Pontianak"
    assert props.subject == "Laporan Kinerja Instansi Pemerintah Tahun 2021"
    assert props.created.year == 2022  # fixed, so that reruns are byte-identical
    assert path.stat().st_size < 400_000


def test_default_output_name_says_agency_and_year(sample_copy):
    result = CliRunner().invoke(main, ["consolidate", str(sample_copy), "-q"])
    assert result.exit_code == 0, result.output
    assert (sample_copy.parent / "output" / "LAKIP_2021_DKUMP.xlsx").exists()


def test_pdf_without_libreoffice_keeps_the_xlsx(monkeypatch, tmp_path):
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    out = tmp_path / "LAKIP.xlsx"
    result = CliRunner().invoke(main, ["consolidate", str(SAMPLE), "-o", str(out), "-q", "--pdf"])
    assert result.exit_code == 0 and out.exists() and not out.with_suffix(".pdf").exists()
    assert "LibreOffice tidak terpasang" in result.output


@pytest.mark.libreoffice
def test_pdf_with_libreoffice(tmp_path):
    soffice()
    out = tmp_path / "LAKIP.xlsx"
    result = CliRunner().invoke(main, ["consolidate", str(SAMPLE), "-o", str(out), "-q", "--pdf"])
    assert result.exit_code == 0, result.output
    pdf = out.with_suffix(".pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 100_000


@pytest.mark.libreoffice
def test_pdf_line_is_in_the_summary_before_the_galat_list(tmp_path):
    soffice()
    import shutil

    folder = tmp_path / "input"
    shutil.copytree(SAMPLE, folder)
    sek = next(folder.glob("LAKIP_2021_SEK_*.xlsx"))
    from conftest import set_cells

    set_cells(sek, "Identitas", B6="TIDAK-ADA")  # a unit the Renstra does not know: a Galat
    result = CliRunner().invoke(main, ["consolidate", str(folder), "-q", "--pdf"])
    lines = result.output.splitlines()
    pdf = next(i for i, line in enumerate(lines) if line.startswith("  PDF "))
    galat = next(i for i, line in enumerate(lines) if line.startswith("Galat yang perlu diperbaiki"))
    assert pdf < galat and lines[pdf - 1].startswith("  Hasil ")


# --- print layout (issue 14 item 6), rendered by LibreOffice with Calibri's metrics (Carlito) ----------


def _pages(pdf) -> list[list[str]]:  # noqa: ANN001
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip() and "Halaman" not in line]
            for page in text.split("\f")]


@pytest.mark.libreoffice
def test_no_table_caption_is_left_at_the_foot_of_a_page_and_the_chart_is_whole(tmp_path):
    import re
    import shutil as sh

    import openpyxl

    from lakip_xl.consolidate import consolidate

    soffice()
    if sh.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    # the sample with eight more lines of Penyebab for IKU01: without keeping captions with their
    # tables, Tabel III.7's caption is then the last line of page 7 (found by rendering k = 0…28 lines)
    folder = tmp_path / "input"
    sh.copytree(SAMPLE, folder)
    psr = next(folder.glob("LAKIP_2021_PSR_*.xlsx"))
    wb = openpyxl.load_workbook(psr)
    wb["IKU"]["H5"] = wb["IKU"]["H5"].value + "".join(f"\n{i}. Tambahan penyebab nomor {i}" for i in range(6, 14))
    wb.save(psr)
    run = consolidate(folder, output=tmp_path / "LAKIP.xlsx")
    pdf = libreoffice.convert(run.output, "pdf", tmp_path)
    pages = _pages(pdf)
    caption = re.compile(r"^Tabel (III\.\d+|1\.\d\..*)$")
    for n, page in enumerate(pages, start=1):
        if not page:
            continue
        tail = page[-3:]
        assert not any(caption.match(line) for line in tail), f"page {n} ends with a caption: {tail}"
    chart = [page for page in pages if "Capaian Indikator Kinerja Utama Tahun 2021" in page]
    assert chart and all(any("Batas Sangat Berhasil" in line for line in page) for page in chart)
    # pages per sheet, from each page's footer: the one-page tables stay on one page
    footers = _footers(pdf)
    for sheet in ("Kepegawaian", "Penempatan Pegawai", "Realisasi Keuangan", "Tabel II.1",
                  "Pernyataan Perjanjian Kinerja", "Efisiensi", "Capaian IKU"):
        assert footers.count(f"{sheet} — LAKIP 2021") == 1, (sheet, footers.count(f"{sheet} — LAKIP 2021"))


def _footers(pdf) -> list[str]:  # noqa: ANN001
    """The footer title of every page (the text left of "Halaman n dari N")."""
    import re
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for page in text.split("\f"):
        line = next((x for x in reversed(page.splitlines()) if "Halaman" in x), "")
        out.append(re.split(r"\s{2,}", line.strip())[0])
    return out


def test_no_sheet_prints_wider_than_one_page(sample_run):
    """Every sheet is scaled to one page wide (long tables run down, never across)."""
    import re
    import zipfile

    with zipfile.ZipFile(sample_run.output) as z:
        sheets = [n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml$", n)]
        assert len(sheets) == len(re.findall(r"<sheet ", z.read("xl/workbook.xml").decode())) > 20
        for name in sheets:
            xml = z.read(name).decode()
            setup = re.search(r"<pageSetup [^>]*>", xml).group(0)
            # fit to page: 1 wide (the default of fitToWidth), as many tall as needed
            assert '<pageSetUpPr fitToPage="1"/>' in xml and 'fitToHeight="0"' in setup, name
            assert 'fitToWidth' not in setup or 'fitToWidth="1"' in setup, name
