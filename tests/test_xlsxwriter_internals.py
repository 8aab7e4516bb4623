"""The XlsxWriter internals the writer relies on, pinned: an upgrade that renames one fails here, loudly.

lakip_xl/xlsx/sheet.py replaces ``Worksheet._prepare_formula`` (no future-function regexes), writes cells
as the unchecked ``_write_string`` / ``_write_number`` / ``_write_formula`` / ``_write_blank`` do, in one
step each (bounds, the used range ``dim_*``, ``str_table``, the cell tuples; compared here), handing on
to them what it does not take (long texts, array formulas), replaces ``Worksheet.merge`` by its own compact
sequence of merged ranges (XlsxWriter only counts, iterates and appends to it), reads the page setup
(``paper_size``, ``orientation``, ``margin_*``, ``fit_page``, ``repeat_row_range``) and a format's
``text_wrap`` / ``font_size``, and forgets the rows a streamed sheet has written
(``previous_row``, ``row_info``, ``row_sizes``). lakip_xl/report/workbook.py streams sheet by sheet by
setting ``Workbook.constant_memory`` before ``add_worksheet``; lakip_xl/output.py closes and removes a
streamed sheet's ``row_data_fh`` / ``row_data_filename``, and swaps ``xlsxwriter.workbook.ZipFile`` for one
that deflates on two threads (zipfile's own internals, as ``ZipFile._open_to_write`` uses them). sheet.py
replaces the worksheet's ``_escape_attributes`` / ``_escape_data`` / ``_escape_control_characters`` by
early-returning ones (compared here with XlsxWriter's on awkward strings), and its ``_write_cell`` by one
that writes a formatted number, blank, string or formula in one piece (the XML compared here with
XlsxWriter's for every kind of cell, shared and streamed), and a streamed sheet's ``_write_single_row`` by
one that writes a row at once (``previous_row``, ``table``, ``row_info``, ``comments``, the default row
heights and ``excel_version`` read; the row element's attributes taken from ``_write_row``). lakip_xl/xlsx/style.py fixes
each format's index at creation (``_get_xf_index`` / ``_get_dxf_index``); lakip_xl/xlsx/split.py reads the
workbook's ``xf_format_indices`` / ``dxf_format_indices``, assembles a streamed sheet alone
(``_opt_reopen``, ``_write_single_row``, ``_set_xml_writer``, ``_assemble_xml_file``) and replaces a
sheet's ``_assemble_xml_file``. setup.cfg caps XlsxWriter at the version this test has seen.
"""

from __future__ import annotations

import configparser
import inspect
import io
import os
import re
import zipfile
import zlib
from pathlib import Path

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

ROOT = Path(__file__).resolve().parents[1]


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", text)[:3])


def test_the_installed_xlsxwriter_is_within_the_pinned_range():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    spec = next(line.strip() for line in cfg["options"]["install_requires"].splitlines()
                if line.strip().lower().startswith("xlsxwriter"))
    upper = re.search(r"<=\s*([\d.]+)", spec)
    assert upper, f"setup.cfg must cap XlsxWriter at the version this test has seen: {spec}"
    assert _version(xlsxwriter.__version__) <= _version(upper.group(1))
    assert _version(upper.group(1)) == (3, 3, 1)  # raise it only after this test passes on the new version


def test_private_write_methods_exist_and_take_the_arguments_sheet_py_passes():
    for name, params in (("_write_string", ["row", "col", "string", "cell_format"]),
                         ("_write_number", ["row", "col", "number", "cell_format"]),
                         ("_write_formula", ["row", "col", "formula", "cell_format", "value"]),
                         ("_write_blank", ["row", "col", "_", "cell_format"])):
        method = getattr(Worksheet, name, None)
        assert callable(method), f"Worksheet.{name} is gone: sheet.py hands some cells on to it"
        assert list(inspect.signature(method).parameters)[1:len(params) + 1] == params, name


def test_the_formula_preparation_hook_is_called_and_can_be_replaced():
    assert callable(getattr(Worksheet, "_prepare_formula", None))
    calls = []
    wb = xlsxwriter.Workbook(io.BytesIO())
    ws = wb.add_worksheet()
    ws._prepare_formula = lambda formula, expand=False: calls.append(formula) or formula.lstrip("=")
    ws.write_formula(0, 0, "=SUM(1,2)", None, 3)
    ws._write_formula(1, 0, "=SUM(1,2)", None, 3)
    wb.close()
    assert calls == ["=SUM(1,2)", "=SUM(1,2)"]


def test_attributes_read_and_written_exist():
    wb = xlsxwriter.Workbook(io.BytesIO())
    ws = wb.add_worksheet()
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.repeat_rows(0, 0)
    assert (ws.paper_size, ws.orientation, ws.fit_page) == (9, 0, 1)
    assert (ws.margin_left, ws.margin_right, ws.margin_top, ws.margin_bottom) == (0.4, 0.4, 0.5, 0.6)
    assert ws.repeat_row_range.endswith("$1:$1")
    fmt = wb.add_format({"text_wrap": True, "font_size": 9})
    assert isinstance(fmt, Format) and fmt.text_wrap and fmt.font_size == 9
    assert isinstance(ws.merge, list)
    ws.write_string(0, 0, "a")
    ws.merge.append([0, 0, 1, 1])
    assert hasattr(wb, "constant_memory") and callable(wb.worksheets)
    # what sheet.py's _write_single_row reads and writes of a streamed sheet
    for name in ("previous_row", "table", "row_info", "comments", "default_row_height", "original_row_height",
                 "excel_version", "fh"):
        assert hasattr(ws, name), name
    assert callable(ws._write_row) and callable(ws._write_empty_row)
    buffer = wb.filename
    wb.close()
    with zipfile.ZipFile(buffer) as z:
        assert b'<mergeCell ref="A1:B2"/>' in z.read("xl/worksheets/sheet1.xml")


def test_merged_ranges_are_only_counted_and_iterated():
    """sheet.py's Merges in place of XlsxWriter's list: a sequence that can do no more than count, iterate and
    append (what merge_range does) gives the same mergeCells element, in order, with merge_range's range too."""
    from lakip_xl.xlsx.sheet import Merges

    class Bare:
        def __init__(self, ranges):
            self.ranges = list(ranges)

        def append(self, merged):
            self.ranges.append(merged)

        def __len__(self):
            return len(self.ranges)

        def __iter__(self):
            return iter(self.ranges)

    def xml(merge):
        buffer = io.BytesIO()
        wb = xlsxwriter.Workbook(buffer)
        ws = wb.add_worksheet()
        ws.write_string(0, 0, "a")
        ws.merge = merge
        ws.merge_range(5, 0, 5, 2, "b")
        wb.close()
        with zipfile.ZipFile(buffer) as z:
            return z.read("xl/worksheets/sheet1.xml")

    ranges = [(0, 0, 1, 1), (2, 3, 2, 16383), (1048575, 0, 1048575, 1)]
    compact = Merges(ranges)
    assert len(compact) == 3 and list(compact) == ranges
    bare = xml(Bare(ranges))
    assert b'<mergeCells count="4"><mergeCell ref="A1:B2"/><mergeCell ref="D3:XFD3"/>' \
           b'<mergeCell ref="A1048576:B1048576"/><mergeCell ref="A6:C6"/></mergeCells>' in bare
    assert xml(compact) == bare


def test_constant_memory_is_taken_per_sheet_and_rows_can_be_forgotten(tmp_path):
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer)
    memory = wb.add_worksheet("memory")
    wb.constant_memory = True
    streamed = wb.add_worksheet("streamed")
    empty = wb.add_worksheet("empty")
    wb.constant_memory = False
    assert not memory.constant_memory and streamed.constant_memory and empty.constant_memory
    assert os.path.exists(streamed.row_data_filename) and streamed.row_data_fh is not None
    for r in range(4):
        streamed.set_row(r, 30, None, {"level": 1})
        streamed.write_string(r, 0, f"row {r}")
        memory.write_string(r, 0, f"row {r}")
    assert streamed.previous_row == 3 and set(streamed.row_info) == set(streamed.row_sizes) == {0, 1, 2, 3}
    for r in range(3):  # written already: forgetting them changes nothing in the file
        del streamed.row_info[r], streamed.row_sizes[r]
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"categories": ["memory", 0, 0, 3, 0], "values": ["memory", 0, 0, 3, 0]})
    memory.insert_chart(5, 0, chart)
    empty_file = empty.row_data_filename
    wb.close()
    from lakip_xl.output import remove_row_files

    remove_row_files(wb)
    assert not os.path.exists(empty_file) and not os.path.exists(streamed.row_data_filename)
    with zipfile.ZipFile(buffer) as z:
        xml = z.read("xl/worksheets/sheet2.xml").decode()
        chart_xml = z.read("xl/charts/chart1.xml").decode()
        assert "<sharedStrings" not in xml and xml.count('t="inlineStr"') == 4
    assert xml.count('ht="30" customHeight="1"') == 4 and xml.count('outlineLevel="1"') == 4
    assert '<c:ptCount val="4"/>' in chart_xml  # a chart over an in-memory sheet keeps its cache


def test_fast_escapes_give_what_xlsxwriter_gives():
    """lakip_xl/xlsx/sheet.py replaces the worksheet's three escapes by ones that return early."""
    from xlsxwriter.xmlwriter import XMLwriter

    from lakip_xl.xlsx.sheet import _fast_escapes

    attributes, data, controls = _fast_escapes()
    w = XMLwriter()
    samples = ["", "A1", "plain text", 'a "quote"', "a & b", "<tag>", "x > y", "two\nlines", "tab\there",
               "bell\x07", "nul\x00", "_x0041_", "lit _x00e9_ text", "\u00a0nbsp", "é ünïcode", " lead", "trail ",
               "\x1f", "ok_x12", 7, 0, -3, 1.5, 0.0, None]
    for value in samples:
        assert attributes(value) == w._escape_attributes(value), repr(value)
        assert data(value) == w._escape_data(value), repr(value)
        if isinstance(value, str):
            assert controls(value) == XMLwriter._escape_control_characters(value), repr(value)


def test_the_split_write_internals_exist(tmp_path):
    """lakip_xl/xlsx/split.py: format indices, a streamed sheet assembled on its own, its XML replaced."""
    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"), {"tmpdir": str(tmp_path)})
    assert isinstance(wb.xf_format_indices, dict) and isinstance(wb.dxf_format_indices, dict)
    fmt = wb.add_format({"bold": True})
    assert fmt._get_xf_index() == 1 and wb.xf_format_indices[fmt._get_format_key()] == 1
    fill = wb.add_format({"bg_color": "#FF0000"})
    assert fill._get_dxf_index() == 0 and fill.xf_index is None
    wb.constant_memory = True
    ws = wb.add_worksheet("streamed")
    wb.constant_memory = False
    ws.write_string(0, 0, "satu", fmt)
    ws.write_string(1, 0, "dua")
    assert ws.constant_memory and ws.external_hyper_links == []
    assert ws.index == 0 and wb.get_worksheet_by_name("streamed") is ws  # the helper's part names
    for name in ("charts", "images", "shapes", "tables", "header_images", "buttons_list", "has_vml",
                 "has_header_vml", "has_comments", "has_dynamic_arrays", "background_image"):
        assert hasattr(ws, name), name
    ws._opt_reopen()
    ws._write_single_row()
    ws._set_xml_writer(str(tmp_path / "sheet.xml"))
    assert ws.internal_fh and ws.fh is not None
    ws._assemble_xml_file()
    xml = (tmp_path / "sheet.xml").read_text(encoding="utf-8")
    assert '<c r="A1" s="1" t="inlineStr"><is><t>satu</t></is></c>' in xml and "dua" in xml
    # the packager calls _assemble_xml_file on each sheet after _set_xml_writer: an instance attribute wins
    import inspect as _inspect

    from xlsxwriter.packager import Packager

    source = _inspect.getsource(Packager._write_worksheet_files)
    assert "_set_xml_writer" in source and "worksheet._assemble_xml_file()" in source


def test_the_zip_internals_the_deflating_threads_use():
    """lakip_xl/output.py stores members it deflated itself, as ZipFile._open_to_write does."""
    import xlsxwriter.workbook as module

    assert module.ZipFile is zipfile.ZipFile  # looked up by _store_workbook at close: replaceable
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name in ("_lock", "_writecheck", "_didModify", "_allowZip64", "_strict_timestamps", "fp", "filelist",
                     "NameToInfo", "start_dir", "compresslevel", "compression"):
            assert hasattr(z, name), name
    info = zipfile.ZipInfo("a.xml")
    assert callable(info.FileHeader) and hasattr(info, "_compresslevel")
    assert "_compresslevel" in inspect.getsource(zipfile.ZipFile.write)


def _rows_workbook(path, rows: int):
    """An unclosed workbook of ``rows`` rows (a text of 0-6 words, a number), dated for byte-equal files."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("a")
    for r in range(rows):
        ws.write_string(r, 0, f"baris {r} " * (r % 7))
        ws.write_number(r, 1, r * 1.5)
    wb.set_properties({"created": __import__("datetime").datetime(2022, 1, 1)})
    return wb


def test_a_workbook_zipped_on_threads_is_the_same_file(tmp_path):
    from lakip_xl.output import deflating_in_threads

    import functools

    import xlsxwriter.workbook as module

    from lakip_xl.output import DEFLATE_LEVEL

    def make(path, threads):
        wb = _rows_workbook(path, 3000)
        if threads:
            with deflating_in_threads():
                wb.close()
        else:  # XlsxWriter's own zip, at the level the threads deflate at
            module.ZipFile = functools.partial(zipfile.ZipFile, compresslevel=DEFLATE_LEVEL)
            try:
                wb.close()
            finally:
                module.ZipFile = zipfile.ZipFile

    make(tmp_path / "plain.xlsx", False)
    make(tmp_path / "threads.xlsx", True)
    assert (tmp_path / "plain.xlsx").read_bytes() == (tmp_path / "threads.xlsx").read_bytes()
    assert not list(tmp_path.glob("**/*.deflate"))
    assert module.ZipFile is zipfile.ZipFile  # put back
    with zipfile.ZipFile(tmp_path / "threads.xlsx") as z:  # level 5, not zlib's default 6
        sheet = z.getinfo("xl/worksheets/sheet1.xml")
        data = z.read(sheet.filename)
    six = zlib.compressobj(6, zlib.DEFLATED, -15)
    assert DEFLATE_LEVEL == 5 and sheet.compress_size != len(six.compress(data) + six.flush())


def _every_kind_of_cell(ws, bold, wrap) -> None:
    """Cells of every kind XlsxWriter writes, with and without a format of their own, in row order."""
    ws.set_row(20, None, bold)  # a row format, for the cells of row 21 without their own
    ws.set_column(5, 5, None, wrap)  # a column format, for column F
    settings = {1: (30, None, {}), 2: (None, None, {"level": 1}), 3: (40, None, {"level": 2, "hidden": True}),
                4: (None, None, {"level": 1, "collapsed": True})}
    texts = ["plain", " lead", "trail ", 'a "quote" & <tag>', "two\nlines", "bell\x07", "_x0041_ literal",
             "\u00a0nbsp", "é ünïcode", "tab\there", "x" * 300]
    r = 0
    for text in texts:
        if r in settings:  # a height, an outline level, hidden: set before the row's cells (streamed rows)
            ws.set_row(r, *settings[r])
        ws.write_string(r, 0, text, bold)
        ws.write_string(r, 1, text)
        ws.write_number(r, 2, r * 1.25 - 3, bold)
        ws.write_number(r, 3, 10 ** r + 0.1)
        ws.write_blank(r, 4, None, bold)
        ws.write_string(r, 5, text)  # column format
        ws.write_number(r, 6, r + 1 / 3, bold)  # 16 significant digits
        r += 1
    for value in (3, 2.5, 0, -1e-20, 1e20, "", "#N/A", "#DIV/0!", "teks", 'a "q" & b', True, False):
        ws.write_formula(r, 0, '=IF(A1<>"",A1&"<b>",0)', bold, value)
        ws.write_formula(r, 1, "=SUM(C1:C3)", None, value)
        r += 1
    ws.set_row(r, 25)  # settings, no cells (a streamed sheet drops them: XlsxWriter's own behaviour)
    r += 1
    ws.write_number(r, 6, 1, bold)  # cells not written in column order
    ws.write_string(r, 0, "first", bold)
    ws.write_blank(r, 3, None, bold)
    r += 1
    ws.write_array_formula(r, 0, r, 0, "{=SUM(C1:C3*D1:D3)}", bold, 12)
    ws.write_boolean(r, 1, True, bold)
    ws.write_rich_string(r, 2, "a ", bold, "bold", " text", bold)
    ws.write_url(r, 3, "https://example.org/a?b=1&c=2", bold, "tautan")
    ws.write_datetime(r, 4, __import__("datetime").datetime(2021, 12, 31), bold)
    r = 20
    ws.write_number(r, 0, 7)  # takes the row format
    ws.write_string(r, 1, "row")
    ws.write_number(r, 2, 8, wrap)


def test_the_fast_cell_writer_writes_what_xlsxwriter_writes(tmp_path):
    """lakip_xl/xlsx/sheet.py replaces each worksheet's ``_write_cell``; its XML must be XlsxWriter's, byte for byte,
    for shared and inline (streamed) strings alike."""
    import datetime as dt
    import functools

    from xlsxwriter.worksheet import CellBlankTuple, CellFormulaTuple, CellNumberTuple, CellStringTuple

    from lakip_xl.xlsx import sheet as sheet_module
    from lakip_xl.xlsx.sheet import _fast_escapes, _write_cell, _write_single_row

    assert list(inspect.signature(Worksheet._write_cell).parameters) == ["self", "row", "col", "cell"]
    assert list(inspect.signature(Worksheet._write_single_row).parameters) == ["self", "current_row_num"]
    assert list(inspect.signature(Worksheet._write_row).parameters)[:4] == ["self", "row", "spans", "row_info"]
    assert CellNumberTuple._fields == ("number", "format") and CellBlankTuple._fields == ("format",)
    assert CellStringTuple._fields == ("string", "format")
    assert CellFormulaTuple._fields == ("formula", "format", "value")
    assert sheet_module._XLSXWRITER_WRITE_CELL is Worksheet._write_cell
    used = []
    # shared strings, streamed (inline strings, rows written one at a time), streamed with a taller default row
    for streamed, tall in ((False, False), (True, False), (True, True)):
        xml = []
        for fast in (False, True):
            path = tmp_path / f"cells-{streamed}-{tall}-{fast}.xlsx"
            wb = xlsxwriter.Workbook(str(path), {"constant_memory": streamed})
            wb.set_properties({"created": dt.datetime(2022, 1, 1)})
            ws, first_empty = wb.add_worksheet("S"), wb.add_worksheet("T")
            for sheet in (ws, first_empty) if fast else ():
                sheet._escape_attributes, sheet._escape_data, sheet._escape_control_characters = _fast_escapes()
                sheet._write_cell = functools.partial(_write_cell, sheet)
                sheet._write_single_row = functools.partial(_write_single_row, sheet)
            if tall:
                ws.set_default_row(21)
            first_empty.set_row(0, 33)  # a first row with settings only: the empty-row branch of a streamed sheet
            first_empty.write_number(1, 0, 5, wb.add_format({"italic": True}))
            if fast:
                original = sheet_module._XLSXWRITER_WRITE_CELL
                sheet_module._XLSXWRITER_WRITE_CELL = lambda *a: used.append(_handed_on(a[3])) or original(*a)
            try:
                _every_kind_of_cell(ws, wb.add_format({"bold": True}), wb.add_format({"text_wrap": True}))
                wb.close()
            finally:
                if fast:
                    sheet_module._XLSXWRITER_WRITE_CELL = original
            with zipfile.ZipFile(path) as z:
                xml.append(z.read("xl/worksheets/sheet1.xml"))
                xml.append(z.read("xl/worksheets/sheet2.xml"))
        assert xml[0] == xml[2] and xml[1] == xml[3], f"streamed={streamed}, tall={tall}"
        assert re.search(rb'<row r="1"[^>]*ht="33" customHeight="1"/><row r="2"', xml[1])
        assert b"<c r=" in xml[0] and (b"inlineStr" in xml[0]) == streamed
        if streamed:  # the rows' settings are in what is compared (a taller default row: on every row)
            for row, always in ((b'<row r="1">', False), (b'<row r="2" ht="30" customHeight="1">', True),
                                (b'<row r="3" outlineLevel="1">', False)):
                assert (row in xml[0]) == (always or not tall), (row, tall)
        assert re.search(rb'<row r="25"[^>]*><c r="A25".*?</c><c r="D25" s="\d+"/><c r="G25"', xml[0])
    # the fast path wrote the formatted number, blank, string and formula cells itself; it handed on only
    # unformatted cells, other kinds, formulas with a boolean result and (streamed) rich strings
    assert used and all(why in ("no format", "other kind", "boolean result", "rich") for why in used), used
    assert used.count("boolean result") == 6 and used.count("other kind") >= 12


def _handed_on(cell) -> str:
    name = cell.__class__.__name__
    if cell.format is None:
        return "no format"
    if name not in ("Number", "Blank", "String", "Formula"):
        return "other kind"
    if name == "Formula" and isinstance(cell.value, bool):
        return "boolean result"
    if name == "String" and cell.string.startswith("<r>"):
        return "rich"
    return f"formatted {name}"  # the fast path should have written it


def test_the_inline_string_cache_keeps_few_short_texts(tmp_path, monkeypatch):
    """A streamed sheet's inline-string XML is kept by text for short texts only, and for at most a bounded
    number of them (penjelasan of thousands of characters must not pile up in memory); what is written
    is the same either way."""
    from lakip_xl.xlsx import sheet as sheet_module
    from lakip_xl.xlsx.sheet import Sheet
    from lakip_xl.xlsx.style import Styles

    monkeypatch.setattr(sheet_module, "_INLINE", {})
    monkeypatch.setattr(sheet_module, "_INLINE_MAX", 50)
    wb = xlsxwriter.Workbook(str(tmp_path / "inline.xlsx"), {"constant_memory": True})
    sheet = Sheet(wb.add_worksheet("S"), Styles(wb), direct=True)
    sizes = []
    for r in range(400):
        sheet.text(r, 0, f"teks {r % 120}")  # 120 short texts, each 3 times or more
        sheet.text(r, 1, f"panjang {r} " + "x" * 300)  # long and unique
        sizes.append(len(sheet_module._INLINE))
    sheet.finish()
    wb.close()
    assert max(sizes) <= 50 and all(len(k) <= sheet_module._INLINE_LONGEST for k in sheet_module._INLINE)
    with zipfile.ZipFile(tmp_path / "inline.xlsx") as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert xml.count("<t>teks 7</t>") == 4 and xml.count("x" * 300) == 400
    assert '<c r="B400" s="' in xml and "panjang 399 " in xml


def test_the_one_step_writes_store_what_xlsxwriter_stores(tmp_path):
    """sheet.py's ``_write_string`` / ``_write_number`` / ``_write_blank`` / ``_write_formula`` in place of
    XlsxWriter's unchecked methods: the same return codes and the same sheet and shared-string XML, for every
    kind of value they take or hand on (long texts, fractions, array and empty formulas, cells outside the
    sheet, a streamed row already written), shared and streamed."""
    import datetime as dt
    import functools
    import warnings
    from fractions import Fraction

    from lakip_xl.xlsx import sheet as sheet_module

    assert sheet_module._XLSXWRITER_STRING is Worksheet._write_string
    assert sheet_module._XLSXWRITER_NUMBER is Worksheet._write_number
    assert sheet_module._XLSXWRITER_FORMULA is Worksheet._write_formula
    for name in ("xls_rowmax", "xls_colmax", "xls_strmax", "dim_rowmin", "dim_rowmax", "dim_colmin", "dim_colmax",
                 "str_table"):
        assert hasattr(Worksheet(), name), name
    long_text = "panjang " * 2100  # past half of Excel's limit: XlsxWriter's own path
    astral = "\U0001F600" * 20000  # 20,000 characters, 40,000 UTF-16 units: cut by XlsxWriter
    for streamed in (False, True):
        parts, codes = [], []
        for fast in (False, True):
            path = tmp_path / f"writes-{streamed}-{fast}.xlsx"
            wb = xlsxwriter.Workbook(str(path), {"constant_memory": streamed})
            wb.set_properties({"created": dt.datetime(2022, 1, 1)})
            ws = wb.add_worksheet("S")
            bold = wb.add_format({"bold": True})
            if fast:
                s, n, b, f = (functools.partial(getattr(sheet_module, name), ws)
                              for name in ("_write_string", "_write_number", "_write_blank", "_write_formula"))
            else:
                s, n, b, f = ws._write_string, ws._write_number, ws._write_blank, ws._write_formula
            got = []
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # XlsxWriter warns of the empty formula
                got += [s(2, 1, "teks", bold), s(2, 3, "teks", None), s(2, 0, long_text, bold), s(2, 5, astral)]
                got += [n(3, 0, 12.5, bold), n(3, 1, 7), n(3, 2, Fraction(1, 4), bold), n(3, 3, True, bold)]
                got += [b(3, 4, None, None), b(3, 5, None, bold)]
                got += [f(4, 0, "=SUM(A4:C4)", bold, 22.75), f(4, 1, "B4*2", None, 14),
                        f(4, 2, "{=SUM(A4:B4*2)}", bold, 5), f(4, 3, "", bold, 0),
                        f(4, 4, "=IF(A4>0,\"ya\",\"tidak\")", bold, "ya")]
                got += [s(-1, 0, "x"), n(1_048_576, 0, 1), b(0, 16_384, None, bold), f(-1, 0, "=1", None, 1)]
                got += [s(9, 0, "sesudah", bold), n(6, 0, 3, bold), s(6, 1, "kembali"), b(5, 2, None, bold)]
            codes.append(got)
            wb.close()
            with zipfile.ZipFile(path) as z:
                parts.append([z.read(name) for name in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml")
                              if name in z.namelist()])
        assert codes[0] == codes[1], streamed
        assert parts[0] == parts[1], streamed
        assert codes[0][3] == -2 and codes[0][15:19] == [-1, -1, -1, -1]  # cut; outside the sheet
        assert codes[0][20] == (-1 if streamed else 0)  # row 7 after row 10: written already when streamed


def test_a_large_part_deflated_in_pieces_reads_back_the_same_everywhere(tmp_path, monkeypatch):
    """lakip_xl/output.py deflates a large part in pieces on threads (each primed with the 32 KB before it,
    ended by a sync flush): one deflate stream that Python's zipfile, python-calamine and LibreOffice read
    as the part deflated whole; the same bytes on every write; hardly larger."""
    import subprocess

    import python_calamine

    from conftest import soffice
    from lakip_xl import output
    from lakip_xl.output import deflating_in_threads

    def make(path):
        wb = _rows_workbook(path, 6000)
        with deflating_in_threads():
            wb.close()

    make(tmp_path / "whole.xlsx")
    monkeypatch.setattr(output, "PIECES_FROM", 64 << 10)
    monkeypatch.setattr(output, "PIECE", 16 << 10)
    make(tmp_path / "pieces.xlsx")
    make(tmp_path / "again.xlsx")
    assert (tmp_path / "pieces.xlsx").read_bytes() == (tmp_path / "again.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "whole.xlsx") as whole, zipfile.ZipFile(tmp_path / "pieces.xlsx") as pieces:
        assert pieces.testzip() is None
        sheet = "xl/worksheets/sheet1.xml"
        assert whole.getinfo(sheet).file_size > 20 * (16 << 10)  # in pieces: 20 and more
        for name in whole.namelist():
            assert pieces.read(name) == whole.read(name), name
        assert pieces.getinfo(sheet).compress_size != whole.getinfo(sheet).compress_size
        assert pieces.getinfo(sheet).compress_size < whole.getinfo(sheet).compress_size * 1.02
    rows = python_calamine.CalamineWorkbook.from_path(str(tmp_path / "pieces.xlsx")).get_sheet_by_name("a").to_python()
    assert len(rows) == 6000 and rows[5997] == ["baris 5997 " * 5, 8995.5]
    subprocess.run([soffice(), "--headless", "--convert-to", "csv", "--outdir", str(tmp_path),
                    str(tmp_path / "pieces.xlsx")], check=True, capture_output=True, timeout=120,
                   env={**os.environ, "HOME": str(tmp_path)})
    lines = (tmp_path / "pieces.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6000 and lines[5997].startswith("baris 5997 ") and lines[5997].endswith(",8995.5")
