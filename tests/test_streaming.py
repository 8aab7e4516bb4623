"""One output mode at every size: a streamed (large) workbook is the same workbook as a small one.

The threshold is forced down so the bundled sample is written the way a consolidation of more than
:data:`lakip_xl.report.workbook.STREAM_FROM_ROWS` program rows is: the charts keep their cached points,
every sheet its row heights and outline levels, every cell its value and formula.
"""

from __future__ import annotations

import re
import zipfile

import openpyxl
import pytest

from conftest import RENSTRA, SAMPLE, rows_of


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    from lakip_xl.consolidate import consolidate
    from lakip_xl.report import workbook

    folder = tmp_path_factory.mktemp("modes")
    small = consolidate(SAMPLE, RENSTRA, output=folder / "small.xlsx").output
    mp = pytest.MonkeyPatch()
    mp.setattr(workbook, "STREAM_FROM_ROWS", 0)
    try:
        large = consolidate(SAMPLE, RENSTRA, output=folder / "large.xlsx").output
    finally:
        mp.undo()
    return small, large


def _parts(path, prefix):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith(prefix)}


def test_the_large_workbook_really_streams_its_tables(both):
    small, large = both
    sheets = _parts(large, "xl/worksheets/sheet")
    inline = [n for n, xml in sheets.items() if b't="inlineStr"' in xml]
    assert len(inline) >= 10  # the tables stream (strings inline) ...
    assert not any(b't="inlineStr"' in xml for xml in _parts(small, "xl/worksheets/sheet").values())


def test_charts_carry_the_same_cached_points(both):
    small, large = both
    charts_small, charts_large = _parts(small, "xl/charts/"), _parts(large, "xl/charts/")
    assert charts_small and charts_small.keys() == charts_large.keys()
    for name, xml in charts_small.items():
        assert charts_large[name] == xml, name  # same series, same caches, byte for byte
        counts = [int(n) for n in re.findall(rb'<c:ptCount val="(\d+)"', xml)]
        assert counts and min(counts) > 0, name  # never the empty cache of a streamed data sheet
        assert b"<c:strCache>" in xml, name  # categories are text, not numbers


def test_row_heights_outline_levels_and_cells_are_the_same(both):
    small, large = both
    a, b = openpyxl.load_workbook(small), openpyxl.load_workbook(large)
    assert a.sheetnames == b.sheetnames
    levels = 0
    for name in a.sheetnames:
        wa, wb = a[name], b[name]
        dims = lambda ws: {r: (d.height, d.outline_level, d.hidden) for r, d in ws.row_dimensions.items()
                           if d.height is not None or d.outline_level}
        assert dims(wb) == dims(wa), name
        levels += sum(1 for d in wa.row_dimensions.values() if d.outline_level)
        assert wb.sheet_format.outlineLevelRow == wa.sheet_format.outlineLevelRow, name
        assert [[c.value for c in row] for row in wb.iter_rows()] == [[c.value for c in row] for row in wa.iter_rows()], name
        assert sorted(map(str, wb.merged_cells.ranges)) == sorted(map(str, wa.merged_cells.ranges)), name
        assert rows_of(large, name) == rows_of(small, name), name  # the cached values (python-calamine)
    assert levels > 50  # Indikator Program and Realisasi Anggaran fold by kegiatan / sub kegiatan
    assert b["Indikator Program"].sheet_format.outlineLevelRow == 2


def test_styles_of_every_cell_are_the_same(both):
    small, large = both
    a, b = openpyxl.load_workbook(small), openpyxl.load_workbook(large)
    for name in a.sheetnames:
        for ra, rb in zip(a[name].iter_rows(), b[name].iter_rows()):
            for ca, cb in zip(ra, rb):
                assert (cb.number_format, cb.font.b, cb.fill.fgColor.rgb, cb.border.left.style,
                        cb.alignment.wrap_text) == (ca.number_format, ca.font.b, ca.fill.fgColor.rgb,
                                                    ca.border.left.style, ca.alignment.wrap_text), (name, ca.coordinate)


def test_a_streamed_run_leaves_no_temporary_row_files(tmp_path, monkeypatch):
    import tempfile

    from lakip_xl.consolidate import consolidate
    from lakip_xl.report import workbook

    monkeypatch.setattr(workbook, "STREAM_FROM_ROWS", 0)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    consolidate(SAMPLE, RENSTRA, output=tmp_path / "L.xlsx")
    assert list((tmp_path / "tmp").iterdir()) == []
