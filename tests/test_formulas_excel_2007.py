"""Every formula the tool writes is an Excel 2007 formula: XlsxWriter would change none of them.

lakip_xl/xlsx/sheet.py skips two of XlsxWriter's steps for each formula: the ``_xlfn.`` prefixes of
"future" functions (``_prepare_formula``) and the search for Excel 365's dynamic-array functions
(``_write_formula``). That is right only while no formula uses such a function; here XlsxWriter's own
code is asked about every formula of the sample's yearly workbook and of a quarterly one.
"""

from __future__ import annotations

import re
import zipfile
from html import unescape

import pytest
import xlsxwriter
from xlsxwriter.worksheet import Worksheet, re_dynamic_function

import quarterly_sample as qs


def formulas(path) -> list[tuple[str, str]]:
    """(part, formula) of every cell formula in the workbook's sheets, read from the XML."""
    out = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = z.read(name).decode("utf-8")
                out += [(name, unescape(f)) for f in re.findall(r"<f>(.*?)</f>", xml)]
    return out


@pytest.fixture(scope="module")
def workbooks(sample_run, tmp_path_factory):
    from lakip_xl.consolidate import consolidate

    quarterly = consolidate(qs.build(tmp_path_factory.mktemp("tw2"), 2))
    return [sample_run.output, quarterly.output]


def test_xlsxwriter_would_prepare_no_formula_differently(workbooks, tmp_path):
    ws = xlsxwriter.Workbook(str(tmp_path / "x.xlsx")).add_worksheet()
    seen = 0
    for path in workbooks:
        found = formulas(path)
        assert len(found) > 200, path  # the workbooks hold live formulas
        for part, formula in found:
            assert Worksheet._prepare_formula(ws, formula, True) == formula, (path.name, part, formula)
            assert not re_dynamic_function.search(formula), (path.name, part, formula)
            assert not formula.startswith("{"), (path.name, part, formula)
        seen += len(found)
    functions = {name for _, f in formulas(workbooks[1]) for name in re.findall(r"\b([A-Z][A-Z0-9.]*)\(", f)}
    assert {"IF", "SUM", "AND", "COUNT"} <= functions, sorted(functions)  # the search above did look at function calls
    assert seen > 500
