"""The xlsx layer: a refused write is an error, never a silently lost cell."""

from __future__ import annotations

import io

import pytest
import xlsxwriter

from lakip_xl.excel import MAX_ROWS, MAX_TEXT, cell_ref, column_index, column_letters, split_ref
from lakip_xl.xlsx.sheet import Checked, Sheet, WriteError
from lakip_xl.xlsx.style import Styles


def test_a_checked_worksheet_raises_where_xlsxwriter_returns_a_code():
    wb = xlsxwriter.Workbook(io.BytesIO())
    ws = Checked(wb.add_worksheet("Program"))
    ws.write_string(0, 0, "ok")
    with pytest.raises(WriteError, match=r"Program!A1048577: write_string returned -1"):
        ws.write_string(MAX_ROWS, 0, "beyond the last row")
    with pytest.raises(WriteError, match="write_string returned -2"):
        ws.write_string(1, 0, "x" * (MAX_TEXT + 1))
    ws.set_column(0, 0, 10)  # not a cell write: passed through
    wb.close()


def test_the_report_sheet_raises_too():
    wb = xlsxwriter.Workbook(io.BytesIO())
    sheet = Sheet(wb.add_worksheet("Tabel"), Styles(wb), direct=True)
    sheet.text(0, 0, "ok")
    with pytest.raises(WriteError):
        sheet.text(1, 20_000, "beyond XFD")
        sheet.flush()
    wb.close()


@pytest.mark.parametrize(("col", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA"),
                                              (16383, "XFD")])
def test_column_letters_both_ways(col, letters):
    assert column_letters(col) == letters and column_index(letters) == col
    assert split_ref(cell_ref(41, col)) == (41, col)


@pytest.mark.parametrize("direct", [True, False])
def test_text_that_looks_like_a_formula_stays_text(tmp_path, direct):
    import openpyxl

    path = tmp_path / "t.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    sheet = Sheet(wb.add_worksheet("Tabel"), Styles(wb), direct=direct)
    for r, text in enumerate(["=1+1", '=HYPERLINK("http://contoh")', "+62 812", "-5 %", "@SUM(A1)"]):
        sheet.text(r, 0, text)
    sheet.flush()
    wb.close()
    cells = [row[0] for row in openpyxl.load_workbook(path)["Tabel"].iter_rows()]
    assert [(c.value, c.data_type) for c in cells] == [
        ("=1+1", "s"), ('=HYPERLINK("http://contoh")', "s"), ("+62 812", "s"), ("-5 %", "s"), ("@SUM(A1)", "s")]


def test_wrapped_lines_counts_words_as_the_engines_wrap_them():
    from lakip_xl.xlsx.sheet import wrapped_lines

    # LibreOffice (Liberation Sans 10) wraps this in a column 24 wide as
    # "Meningkatnya Pasar Rakyat" / "Binaan yang memenuhi SNI" / "Pasar": three lines, not 56 / 28 = 2
    assert wrapped_lines("Meningkatnya Pasar Rakyat Binaan yang memenuhi SNI Pasar", 24) == 3
    assert wrapped_lines("PROGRAM PENINGKATAN SARANA DISTRIBUSI PERDAGANGAN", 36) == 2  # capitals are wider
    assert wrapped_lines("satu\ndua\ntiga", 30) == 3
    assert wrapped_lines("x" * 100, 24) == 5  # a word longer than the column is broken


def test_page_breaks_keep_a_caption_with_its_table():
    from lakip_xl.xlsx.sheet import page_breaks

    heights = {r: 15.0 for r in range(60)}
    # a page of 500 pt holds 33 rows of 15 pt; a block at rows 30–34 would straddle the break
    assert page_breaks(heights, {30: 34}, (500.0, 500.0)) == [30]
    assert page_breaks(heights, {10: 14}, (500.0, 500.0)) == []  # high on the page: left alone
    assert page_breaks(heights, {40: 44}, (500.0, 485.0)) == []  # fits on the second page


def test_bracketed_acronyms_keep_their_capitals():
    from lakip_xl.report.base import display_name

    assert display_name("PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN (LLAJ)") == (
        "Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan (LLAJ)")
    assert display_name("PROGRAM PENGEMBANGAN UMKM (USAHA MIKRO)") == "Program Pengembangan UMKM (Usaha Mikro)"
