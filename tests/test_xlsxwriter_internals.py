"""The XlsxWriter internals the writer relies on, pinned: an upgrade that renames one fails here, loudly.

lakip_xl/xlsx/sheet.py replaces ``Worksheet._prepare_formula`` (no future-function regexes), calls the
unchecked ``_write_string`` / ``_write_number`` / ``_write_formula`` / ``_write_blank`` (falling back to
the public methods, twice as slow, if they vanish), appends merged ranges to ``Worksheet.merge``, reads
the page setup (``paper_size``, ``orientation``, ``margin_*``, ``fit_page``, ``repeat_row_range``) and a
format's ``text_wrap`` / ``font_size``, and forgets the rows a streamed sheet has written
(``previous_row``, ``row_info``, ``row_sizes``). lakip_xl/report/workbook.py streams sheet by sheet by
setting ``Workbook.constant_memory`` before ``add_worksheet``; lakip_xl/output.py closes and removes a
streamed sheet's ``row_data_fh`` / ``row_data_filename``. setup.cfg caps XlsxWriter at the version this
test has seen.
"""

from __future__ import annotations

import configparser
import inspect
import io
import os
import re
import zipfile
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
        assert callable(method), f"Worksheet.{name} is gone: sheet.py would fall back to the slow public method"
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
    buffer = wb.filename
    wb.close()
    with zipfile.ZipFile(buffer) as z:
        assert b'<mergeCell ref="A1:B2"/>' in z.read("xl/worksheets/sheet1.xml")


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
