"""Live formulas: LibreOffice, forced to recalculate, finds every stored value right; edits flow through.

LibreOffice keeps the stored values of an .xlsx on load unless told otherwise, so
each recalculation here uses a throwaway profile with OOXMLRecalcMode = always
(lakip_xl.libreoffice), and a control test proves the recalculation happens: a
workbook with one wrong stored value must be caught.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import rows_of, soffice
from lakip_xl.libreoffice import convert

pytestmark = pytest.mark.libreoffice


def _recalculated(path: Path, tmp: Path) -> Path:
    soffice()
    return convert(path, "xlsx", tmp / "recalc", recalculate=True)


def _formula_cells(path: Path) -> dict[str, list[tuple[int, int]]]:
    wb = openpyxl.load_workbook(path)  # formulas, not values
    out = {}
    for ws in wb.worksheets:
        out[ws.title] = [(c.row - 1, c.column - 1) for row in ws.iter_rows() for c in row if c.data_type == "f"]
    return out


def _same(a, b) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def _mismatches(ours: Path, theirs: Path) -> list[tuple[str, str, object, object]]:
    out = []
    for sheet, cells in _formula_cells(ours).items():
        a, b = rows_of(ours, sheet), rows_of(theirs, sheet)
        for r, c in cells:
            va = a[r][c] if r < len(a) and c < len(a[r]) else None
            vb = b[r][c] if r < len(b) and c < len(b[r]) else None
            if not _same(va, vb):
                out.append((sheet, f"{openpyxl.utils.get_column_letter(c + 1)}{r + 1}", va, vb))
    return out


def test_every_stored_formula_value_equals_libreoffices(sample_run, tmp_path):
    cells = _formula_cells(sample_run.output)
    assert sum(len(v) for v in cells.values()) > 1000
    theirs = _recalculated(sample_run.output, tmp_path)
    assert _mismatches(sample_run.output, theirs) == []


def test_a_wrong_stored_value_is_caught(sample_run, tmp_path):
    # Control: corrupt the stored value of Capaian IKU!H2 (capaian of IKU01, 145,75) in the file itself.
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(sample_run.output) as src, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":  # sheet order: Ringkasan, Capaian IKU, …
                text = data.decode("utf-8")
                start = text.index('<c r="H2"')
                v0 = text.index("<v>", start) + 3
                v1 = text.index("</v>", v0)
                assert float(text[v0:v1]) == pytest.approx(145.748299, rel=1e-6)
                data = (text[:v0] + "999" + text[v1:]).encode("utf-8")
            dst.writestr(item, data)
    assert rows_of(bad, "Capaian IKU")[1][7] == 999
    theirs = _recalculated(bad, tmp_path)
    assert ("Capaian IKU", "H2", 999, pytest.approx(145.748299, rel=1e-6)) in _mismatches(bad, theirs)


def test_a_corrected_realisasi_flows_to_capaian_predikat_and_totals(sample_run, tmp_path):
    edited = tmp_path / "edited.xlsx"
    wb = openpyxl.load_workbook(sample_run.output)
    assert wb["Capaian IKU"]["C2"].value == "IKU01" and wb["Capaian IKU"]["G2"].value == 8.57
    wb["Capaian IKU"]["G2"].value = 2  # IKU01 realisasi 8,57 → 2
    ra = wb["Realisasi Anggaran"]
    row = next(r for r in ra.iter_rows(min_row=2) if r[0].value == "3.30.03.2.01.01")
    assert row[3].value == 798887400
    row[3].value = 700000000  # a sub kegiatan realisasi 98.887.400 lower
    wb.save(edited)
    theirs = _recalculated(edited, tmp_path)

    iku = rows_of(theirs, "Capaian IKU")[1]
    assert iku[7] == pytest.approx(2 / 5.88 * 100) and iku[8] == "Tidak Berhasil"
    iii1 = rows_of(theirs, "Tabel III.1")
    first = next(r for r in iii1 if r[0] == "Persentase Pasar rakyat binaan yang memenuhi SNI pasar")
    assert first[1] == pytest.approx(2 / 5.88 * 100) and first[5] == "✓" and first[6] == "Tidak Berhasil"
    overall = next(r for r in iii1 if r[0] and str(r[0]).startswith("NILAI CAPAIAN KINERJA INSTANSI"))
    assert overall[2] == pytest.approx((9 * 92.5 + 27.5) / 10) and overall[6] == "Sangat Berhasil"  # 86,0
    ss1 = next(r for r in iii1 if r[0] and str(r[0]).startswith("SS01:"))
    assert ss1[2] == pytest.approx(27.5) and ss1[6] == "Tidak Berhasil"
    t1 = rows_of(theirs, "Sasaran 1")
    assert any(r[4] == 2 for r in t1 if r[0] == 1)  # Tabel III.2 realisasi follows

    totals = {r[1]: r for r in rows_of(theirs, "Realisasi Anggaran") if r[5] == "Jumlah"}
    assert totals["JUMLAH BELANJA (SELURUH PROGRAM)"][3] == pytest.approx(12441814426.5 - 98887400)
    eff = {r[1]: r for r in rows_of(theirs, "Efisiensi")}
    assert eff["3.30.03"][4] == pytest.approx(2303376750 - 98887400)
    assert eff["3.30.03"][7] == pytest.approx(8712591 + 98887400)


def test_formulas_follow_the_settings_five_level_scale(tmp_path):
    from conftest import RENSTRA, SAMPLE
    from lakip_xl.consolidate import consolidate
    from lakip_xl.settings import load_settings

    toml = tmp_path / "lima.toml"
    toml.write_text("negatif = \"selisih\"\n" + "".join(
        f"[[skala]]\nnama = \"{n}\"\n" + (f"batas_bawah = {b}\n" if b is not None else "") + f"rerata = {m}\n"
        for n, b, m in (("Sangat Tinggi", 90, 95), ("Tinggi", 75, 82.5), ("Sedang", 65, 70),
                        ("Rendah", 50, 57.5), ("Sangat Rendah", None, 25))), encoding="utf-8")
    run = consolidate(SAMPLE, RENSTRA, output=tmp_path / "lima.xlsx", settings=load_settings(toml))
    header = rows_of(run.output, "Tabel III.1")[4]
    assert header[2:7] == ["X > 90", "75 < X ≤ 90", "65 < X ≤ 75", "50 < X ≤ 65", "X ≤ 50"]
    negatif = {r[0]: r for r in rows_of(run.output, "Indikator Program")}["3.30.04.2.02"]
    assert negatif[8] == pytest.approx((2 * 5 - 1.88) / 5 * 100)  # 162,4 with the "selisih" formula
    assert _mismatches(run.output, _recalculated(run.output, tmp_path)) == []


def test_streamed_workbook_has_the_same_cells_and_right_formulas(sample_run, tmp_path, monkeypatch):
    """Large consolidations are written in XlsxWriter's constant-memory mode: force it on the sample."""
    import python_calamine as pc

    from conftest import RENSTRA, SAMPLE
    from lakip_xl.consolidate import consolidate
    from lakip_xl.report import workbook

    monkeypatch.setattr(workbook, "STREAM_FROM_ROWS", 0)
    run = consolidate(SAMPLE, RENSTRA, output=tmp_path / "streamed.xlsx")
    names = pc.CalamineWorkbook.from_path(str(sample_run.output)).sheet_names
    assert pc.CalamineWorkbook.from_path(str(run.output)).sheet_names == names
    for name in names:
        assert rows_of(run.output, name) == rows_of(sample_run.output, name), name
    merged = openpyxl.load_workbook(run.output)["Sasaran 1"].merged_cells.ranges
    assert len(merged) > 20
    assert _mismatches(run.output, _recalculated(run.output, tmp_path)) == []


def test_large_consolidation_layout_formulas(tmp_path, monkeypatch):
    """Many sasaran: one stacked analysis sheet, kegiatan-level analysis, count charts; formulas still right."""
    from conftest import RENSTRA, SAMPLE
    from lakip_xl.consolidate import consolidate
    from lakip_xl.report import grafik, workbook

    monkeypatch.setattr(workbook, "STREAM_FROM_ROWS", 0)
    monkeypatch.setattr(workbook, "MAX_SASARAN_SHEETS", 3)
    monkeypatch.setattr(grafik, "MAX_BARS", 3)
    run = consolidate(SAMPLE, RENSTRA, output=tmp_path / "besar.xlsx")
    names = openpyxl.load_workbook(run.output, read_only=True).sheetnames
    assert "Analisis Sasaran" in names and "Sasaran 1" not in names
    stacked = rows_of(run.output, "Analisis Sasaran")
    assert [r[0] for r in stacked if r[0] and str(r[0]).startswith("Tabel III.")][-1] == "Tabel III.71"
    assert not any("dengan indikator Sub kegiatan" in str(r[2]) for r in stacked)  # sub kegiatan: Indikator Program
    chart_rows = {r[0]: r[1] for r in rows_of(run.output, "Grafik") if r[0] in ("Sangat Berhasil", "≥ 95%")}
    assert chart_rows == {"Sangat Berhasil": 10, "≥ 95%": 9}  # 11 funded programmes, 2 below 95 %
    assert _mismatches(run.output, _recalculated(run.output, tmp_path)) == []


def _gnumeric(path: Path, tmp: Path) -> Path:
    """The workbook recalculated by Gnumeric (a second engine: mail previewers and other suites differ)."""
    binary = shutil.which("ssconvert")
    if binary is None:
        if os.environ.get("LAKIP_REQUIRE_LIBREOFFICE"):
            pytest.fail("Gnumeric (ssconvert) is required here but not installed")
        pytest.skip("Gnumeric is not installed")
    out = tmp / "gnumeric" / path.name
    out.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([binary, "--recalc", str(path), str(out)], capture_output=True, timeout=300)
    assert done.returncode == 0 and out.exists(), done.stderr.decode(errors="replace")[-500:]
    return out


def test_every_stored_formula_value_equals_gnumerics(sample_run, tmp_path):
    # Gnumeric read SUMPRODUCT((range="x")*ISNUMBER(range)) as 0: the JUMLAH PROGRAM PENDUKUNG SASARAN
    # STRATEGIS row was empty there and BELANJA was the penunjang alone (9.274.506.158)
    theirs = _gnumeric(sample_run.output, tmp_path)
    assert _mismatches(sample_run.output, theirs) == []
    totals = {r[1]: r[2] for r in rows_of(theirs, "Realisasi Anggaran") if r[1] and str(r[1]).startswith("JUMLAH")}
    assert totals["JUMLAH PROGRAM PENDUKUNG SASARAN STRATEGIS"] == 3597875549
    assert totals["JUMLAH BELANJA (SELURUH PROGRAM)"] == 12872381707
