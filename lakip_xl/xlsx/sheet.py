"""The checked cell writer every workbook the tool writes goes through (the report and the templates).

:class:`Sheet` wraps an XlsxWriter worksheet. Every write goes through it so
that (a) a non-zero XlsxWriter return code (out of range, string truncated)
raises instead of being lost, (b) text is always written as text, never as a
formula (``=…`` typed by a clerk stays text), and (c) a formula is always
stored with its computed value, so a reader without a formula engine (a mail
previewer, pandas, python-calamine) sees the right number. :class:`Checked`
gives a worksheet written cell by cell (the templates) the same checked writes.
"""

from __future__ import annotations

import functools
import io
import itertools
import math
from array import array
from decimal import Decimal
from typing import Any

from lakip_xl.excel import MAX_TEXT, absolute_ref, column_letters, literal
from lakip_xl.xlsx.style import Styles


class WriteError(RuntimeError):
    """XlsxWriter refused a write (a bug in a table writer, never a data problem)."""


absolute = absolute_ref


class Merges:
    """Merged ranges as XlsxWriter's ``Worksheet.merge`` holds them, four unsigned integers each in one array.

    XlsxWriter keeps a four-item list per range and only counts and iterates them when it writes the sheet
    (``_write_merge_cells``; pinned by tests/test_xlsxwriter_internals.py): the 140,000 ranges of the Sasaran
    sheets of 1,000 units take 2 MB here instead of about 30 MB of lists and tuples, at the end of the write,
    when the memory of the two write processes peaks."""

    __slots__ = ("_cells",)

    def __init__(self, ranges: Any = ()) -> None:
        self._cells = array("I")
        for merged in ranges:
            self.append(merged)

    def append(self, merged: Any) -> None:
        """One range (first row, first column, last row, last column), as XlsxWriter's ``merge_range`` adds it."""
        self._cells.extend(merged)

    def __len__(self) -> int:
        return len(self._cells) // 4

    def __iter__(self) -> Any:
        cells = iter(self._cells)
        return zip(cells, cells, cells, cells)


def local(row0: int, col0: int) -> str:
    return f"{column_letters(col0)}{row0 + 1}"


def cached(value: Any) -> Any:
    """A Python value as the stored result of a formula."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value)
    if not isinstance(value, (int, float, str)):
        return str(value)  # a Stabil target range: its text
    return value


def _first(item: tuple) -> int:
    return item[0]


@functools.lru_cache(maxsize=None)
def _fast_escapes() -> tuple[Any, Any, Any]:
    """XlsxWriter's three escapes of cell XML, each returning at once what it would return unchanged.

    XlsxWriter escapes every attribute of every cell, its style index too, and every formula result: a
    number costs a TypeError raised and caught (~1 µs, twice a styled cell), a string a regex search;
    an inline string also goes through two regex substitutions for control characters. Here a number,
    and a string with nothing to escape, return first; anything else goes to XlsxWriter's own code.
    """
    import re

    from xlsxwriter.xmlwriter import XMLwriter

    search = re.compile('["&<>\n]').search  # XlsxWriter's xml_escapes
    attributes, data, controls = XMLwriter._escape_attributes, XMLwriter._escape_data, \
        XMLwriter._escape_control_characters

    def escape_attributes(value: Any) -> Any:
        if value.__class__ is not str or search(value) is None:
            return value
        return attributes(None, value)

    def escape_data(value: Any) -> Any:
        if value.__class__ is not str or search(value) is None:
            return value
        return data(None, value)

    def escape_control_characters(value: Any) -> Any:
        if value.__class__ is str and value.isprintable() and "_x" not in value:
            return value  # no control character, no literal _xHHHH_
        return controls(value)

    return escape_attributes, escape_data, escape_control_characters


#: a formula's stored error results, written with ``t="e"`` (XlsxWriter's list)
_ERROR_CODES = frozenset(("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"))


def _write_cell(ws: Any, row: int, col: int, cell: Any) -> None:
    """XlsxWriter's ``Worksheet._write_cell`` for the cells this tool writes, the same XML in fewer steps.

    XlsxWriter writes each cell's XML through a list of attribute pairs, each escaped, and a dispatch on
    the cell class's name (3 µs a cell, a third of a large sheet's write). A formatted number, blank,
    string or formula is written here in one piece (:func:`_cell_xml`); any other cell (no format of its
    own, a rich string, an array formula, a boolean, an error) goes to XlsxWriter's method.
    tests/test_xlsxwriter_internals.py compares the two on every kind of cell.
    """
    xml = _cell_xml(ws, local(row, col), cell)
    if xml is None:
        return _XLSXWRITER_WRITE_CELL(ws, row, col, cell)
    ws.fh.write(xml)
    return None


def _cell_xml(ws: Any, ref: str, cell: Any) -> str | None:
    """The XML XlsxWriter writes for the cell at ``ref``, or ``None`` for a cell left to XlsxWriter."""
    fmt = cell.format
    kind = cell.__class__
    if fmt is None or kind not in _CELL_KINDS:
        return None
    head = f'<c r="{ref}" s="{fmt._get_xf_index()}"'
    if kind is _NUMBER:
        return f"{head}><v>{cell.number:.16G}</v></c>"
    if kind is _BLANK:
        return f"{head}/>"
    if kind is _STRING:
        if not ws.constant_memory:
            return f'{head} t="s"><v>{cell.string}</v></c>'
        tail = _INLINE.get(cell.string, _UNSEEN)
        if tail is _UNSEEN:
            tail = _inline_string(ws, cell.string)
        return None if tail is None else head + tail
    value = cell.value  # a formula
    if value.__class__ is bool:
        return None
    if value.__class__ is str and value:
        head += ' t="e"' if value in _ERROR_CODES else ' t="str"'
    return f"{head}><f>{ws._escape_data(cell.formula)}</f><v>{ws._escape_data(value)}</v></c>"


#: an inline string's XML after its cell's reference and style, by text (the same text recurs: a unit's
#: name, a satuan, a predikat: at N = 100, 37.000 texts in 320.000 string cells); ``None``: a rich string,
#: left to XlsxWriter. Only short texts are kept (a long one rarely recurs), at most :data:`_INLINE_MAX`
#: of them: a few MB whatever the workbook.
_INLINE: dict[str, str | None] = {}
_UNSEEN = object()
_INLINE_MAX = 1 << 16
_INLINE_LONGEST = 256


def _inline_string(ws: Any, text: str) -> str | None:
    string = ws._escape_control_characters(text)
    if string.startswith("<r>") and string.endswith("</r>"):
        tail = None
    else:
        space = ' xml:space="preserve"' if _preserve_whitespace(string) else ""
        tail = f' t="inlineStr"><is><t{space}>{ws._escape_data(string)}</t></is></c>'
    if len(text) <= _INLINE_LONGEST:
        if len(_INLINE) >= _INLINE_MAX:
            _INLINE.clear()
        _INLINE[text] = tail
    return tail


def _write_single_row(ws: Any, current_row_num: int = 0) -> None:
    """XlsxWriter's ``Worksheet._write_single_row`` (a streamed sheet moves on: the row before is written),
    the row's XML gathered and written at once.

    XlsxWriter writes a streamed row cell by cell: a look at every column between the sheet's first and
    last, a reference built and a file write for each cell (a fifth of a large sheet's write). Here the
    row's cells are taken in column order, their references share the row number, and the row is one
    write. The row element's attributes are XlsxWriter's own (:func:`_row_attributes`).
    tests/test_xlsxwriter_internals.py compares the two.
    """
    row_num = ws.previous_row
    ws.previous_row = current_row_num
    cells = ws.table.get(row_num)
    if cells:
        number = str(row_num + 1)
        parts = [f'<row r="{number}"{_row_attributes(ws, ws.row_info.get(row_num))}>']
        for col in sorted(cells):
            cell = cells[col]
            xml = _cell_xml(ws, column_letters(col) + number, cell)
            if xml is None:
                ws.fh.write("".join(parts))
                parts = []
                _XLSXWRITER_WRITE_CELL(ws, row_num, col, cell)
            else:
                parts.append(xml)
        parts.append("</row>")
        ws.fh.write("".join(parts))
    elif row_num in ws.row_info or row_num in ws.comments:
        ws._write_empty_row(row_num, None, ws.row_info[row_num])
    ws.table.clear()


#: a row element's attributes after ``r="n"``, by the row's settings and the sheet's default height
_ROW_ATTRIBUTES: dict[tuple, str] = {}


def _row_attributes(ws: Any, info: Any) -> str:
    """What XlsxWriter's ``Worksheet._write_row`` writes after a streamed row's number (no spans), from
    XlsxWriter itself: written once for each kind of row (its height, format, outline level, hidden,
    folded) into a string, then reused."""
    key = (None, None, False, 0, False) if info is None else \
        (info.height, info.row_format and info.row_format._get_xf_index(), info.hidden, info.level, info.collapsed)
    key += (ws.default_row_height, ws.original_row_height, ws.excel_version)
    attributes = _ROW_ATTRIBUTES.get(key)
    if attributes is None:
        fh, ws.fh = ws.fh, io.StringIO()
        try:
            ws._write_row(0, None, info)
            element = ws.fh.getvalue()
        finally:
            ws.fh = fh
        if not element.startswith('<row r="1"') or not element.endswith(">"):
            raise WriteError(f"XlsxWriter wrote an unexpected row element: {element[:80]!r}")
        attributes = _ROW_ATTRIBUTES[key] = element[len('<row r="1"'):-1]
    return attributes


def _xlsxwriter_cells() -> tuple[Any, ...]:
    from xlsxwriter.utility import _preserve_whitespace
    from xlsxwriter.worksheet import (CellBlankTuple, CellFormulaTuple, CellNumberTuple, CellStringTuple,
                                      Worksheet)

    return (Worksheet._write_cell, _preserve_whitespace, CellNumberTuple,
            CellBlankTuple, CellStringTuple, CellFormulaTuple)


(_XLSXWRITER_WRITE_CELL, _preserve_whitespace, _NUMBER, _BLANK, _STRING,
 _FORMULA) = _xlsxwriter_cells()
_CELL_KINDS = frozenset((_NUMBER, _BLANK, _STRING, _FORMULA))
_new = tuple.__new__  # a cell tuple without the Python-level __new__ of a namedtuple


def _xlsxwriter_writes() -> tuple[Any, ...]:
    from xlsxwriter.worksheet import Worksheet

    return Worksheet._write_string, Worksheet._write_number, Worksheet._write_formula


_XLSXWRITER_STRING, _XLSXWRITER_NUMBER, _XLSXWRITER_FORMULA = _xlsxwriter_writes()


def _outside(ws: Any, row: int, col: int) -> bool:
    return row < 0 or col < 0 or row >= ws.xls_rowmax or col >= ws.xls_colmax


def _store(ws: Any, row: int, col: int, cell: tuple) -> int:
    """What XlsxWriter's unchecked writes do once their cell is built: ``_check_dimensions`` (bounds, a
    streamed row already written, the used range), the streamed row before written, the cell stored."""
    if _outside(ws, row, col):
        return -1
    streamed = ws.constant_memory
    if streamed and row < ws.previous_row:
        return -1  # (_check_dimensions's -2, which the writes return as -1)
    if ws.dim_rowmin is None or row < ws.dim_rowmin:
        ws.dim_rowmin = row
    if ws.dim_rowmax is None or row > ws.dim_rowmax:
        ws.dim_rowmax = row
    if ws.dim_colmin is None or col < ws.dim_colmin:
        ws.dim_colmin = col
    if ws.dim_colmax is None or col > ws.dim_colmax:
        ws.dim_colmax = col
    if streamed and row > ws.previous_row:
        ws._write_single_row(row)
    ws.table[row][col] = cell
    return 0


def _write_string(ws: Any, row: int, col: int, string: str, fmt: Any = None) -> int:
    """``Worksheet._write_string`` in one step (:func:`_store`); a text that may pass Excel's limit in UTF-16
    units is XlsxWriter's to cut."""
    if len(string) > ws.xls_strmax // 2:
        return _XLSXWRITER_STRING(ws, row, col, string, fmt)
    if not ws.constant_memory:
        if _outside(ws, row, col):
            return -1  # (before the text takes a place in the shared table)
        string = ws.str_table._get_shared_string_index(string)
    return _store(ws, row, col, _new(_STRING, (string, fmt)))


def _write_number(ws: Any, row: int, col: int, number: Any, fmt: Any = None) -> int:
    """``Worksheet._write_number`` for a finite float or int; anything else is XlsxWriter's."""
    if (number.__class__ is float or number.__class__ is int) and number - number == 0:
        return _store(ws, row, col, _new(_NUMBER, (number, fmt)))
    return _XLSXWRITER_NUMBER(ws, row, col, number, fmt)


def _write_blank(ws: Any, row: int, col: int, _: Any, fmt: Any = None) -> int:
    """``Worksheet._write_blank``: a blank cell is written only with a format."""
    return 0 if fmt is None else _store(ws, row, col, _new(_BLANK, (fmt,)))


def _write_formula(ws: Any, row: int, col: int, formula: str, fmt: Any = None, value: Any = 0) -> int:
    """``Worksheet._write_formula`` for this tool's formulas: without its search of every formula for
    Excel 365's dynamic-array functions (a regex of 30 alternatives: 8 % of a large sheet's write). Those
    are all "future" functions, which :func:`_prepare_formula` does not prefix either: the formulas are
    Excel 2007's (tests/test_formulas_excel_2007.py checks every formula of the written workbooks).
    An array formula (``{...}``) or an empty one is XlsxWriter's."""
    if not formula or formula[0] == "{":
        return _XLSXWRITER_FORMULA(ws, row, col, formula, fmt, value)
    return _store(ws, row, col, _new(_FORMULA, (formula[1:] if formula[0] == "=" else formula, fmt, value)))


def _prepare_formula(formula: str, expand_future_functions: bool = False) -> str:
    return formula[1:] if formula.startswith("=") else formula


class Sheet:
    """A worksheet written row by row, so it also works in XlsxWriter's constant-memory mode.

    Writes are buffered per row and sent to XlsxWriter by :meth:`flush` in row
    order, each row after its height and outline level: a large workbook can
    then stream (``constant_memory``), and a writer may still fill a merged
    cell that spans rows it wrote before. Call :meth:`flush` when the rows
    above a point are final (after a table or a block), and :meth:`finish` once.
    """

    #: the sheet another process writes (:class:`NullSheet`): a writer may then skip building its cells, as long
    #: as it still registers its refs and creates its formats in the same order
    null = False

    def __init__(self, ws: Any, styles: Styles, direct: bool = False, drawings: bool = False) -> None:
        # Our formulas use only Excel 2007 functions, so XlsxWriter's ~60 regex
        # substitutions per formula for newer ("future") functions are skipped.
        # It is a private method: if it is renamed, this line only stops helping.
        ws._prepare_formula = _prepare_formula
        # XlsxWriter's escapes, with their common case first (pinned by tests/test_xlsxwriter_internals.py)
        ws._escape_attributes, ws._escape_data, ws._escape_control_characters = _fast_escapes()
        ws._write_cell = functools.partial(_write_cell, ws)
        ws._write_single_row = functools.partial(_write_single_row, ws)  # called in constant-memory mode only
        self.ws = ws
        self.styles = styles
        self.name: str = ws.get_name()
        self._widths: dict[int, float] = {}
        self._span_widths: dict[tuple[int, int], float] = {}
        self._one_line: dict[int, float] = {}
        self._need: dict[int, float] = {}
        self._fixed: dict[int, float] = {}
        self._options: dict[int, dict[str, Any]] = {}
        self._rows: dict[int, list[tuple]] = {}
        self._merges = Merges()
        #: row → {column: merged range covering it} (rows still buffered; for the overlap check)
        self._merged: dict[int, dict[int, str]] = {}
        self._done = 0  # rows above this one are written
        #: write straight through, row after row (flat tables: no buffer, no look-back)
        self._direct = direct
        #: the worksheet streams its rows to disk (XlsxWriter's constant-memory mode, set per sheet)
        self._streamed = bool(getattr(ws, "constant_memory", False))
        #: a streamed sheet forgets the heights and levels of the rows XlsxWriter has written (it keeps
        #: every row's until the file is closed: hundreds of MB for a million rows, 18 MB for the Analisis
        #: Sasaran of 1,000 units), unless a drawing is placed on it, whose position needs them
        self._forget = self._streamed and not drawings
        #: the heights sent are kept for the page breaks (:meth:`keep_together`), which a flat table has not
        self._record_heights = not (self._streamed and direct)
        self._sent_rows: list[int] = []
        self._row = -1
        #: explicit row heights sent (points), for the page layout; blocks kept on one printed page
        self._heights: dict[int, float] = {}
        self._keep: dict[int, int] = {}
        # XlsxWriter's unchecked writes, each in one step (the worksheet's own methods are left as they are)
        self._write_string = functools.partial(_write_string, ws)
        self._w = {"s": self._write_string, "n": functools.partial(_write_number, ws),
                   "f": functools.partial(_write_formula, ws), "b": functools.partial(_write_blank, ws)}

    # -- row heights ---------------------------------------------------------
    # Neither Excel nor LibreOffice grows a row for wrapped text in a file it
    # did not lay out itself (and never for merged cells), so every row that
    # holds wrapped text gets an explicit height, estimated from its text.
    def _width(self, c0: int, c1: int) -> float:
        key = (c0, c1)
        width = self._span_widths.get(key)
        if width is None:
            width = self._span_widths[key] = sum(self._widths.get(c, 8.43) for c in range(c0, c1 + 1))
        return width

    def _track(self, r0: int, c0: int, r1: int, c1: int, value: str, fmt: Any) -> None:
        if not value or not fmt.text_wrap:
            return
        size = fmt.font_size or 10
        width = self._width(c0, c1) * 10 / size
        if len(value) < width * ONE_LINE and "\n" not in value and r0 == r1:
            return  # one line even in capitals: the default height fits
        need = text_height(value, width, line_height=size * 1.25)
        per_row = need / (r1 - r0 + 1)
        for r in range(r0, r1 + 1):
            if per_row > self._need.get(r, 0):
                self._need[r] = per_row

    def row_height(self, r: int, height: float) -> None:
        """An explicit height that the automatic estimate must not change."""
        self._fixed[r] = height

    def keep_together(self, r0: int, r1: int) -> None:
        """Print rows ``r0``…``r1`` on one page (a table's caption with its header and first row): when they
        would straddle a page break, the page breaks before ``r0`` (see :meth:`finish`)."""
        self._keep[r0] = max(r1, self._keep.get(r0, r1))

    def outline(self, r: int, level: int) -> None:
        """Put row ``r`` at outline (grouping) ``level``, so a reader can fold it away."""
        self._options.setdefault(r, {})["level"] = level

    # -- buffered writes -----------------------------------------------------
    def _put(self, r: int, c: int, op: tuple) -> None:
        if self._direct:
            if r != self._row:
                self._next_row(r, c)
            self._send(r, c, op)
            return
        if r < self._done:
            raise WriteError(f"{self.name}!{local(r, c)}: row already written (flushed)")
        self._rows.setdefault(r, []).append((c, op))

    def _next_row(self, r: int, c: int) -> None:
        """A row-by-row sheet moves on to row ``r``: the row before gets its height and level."""
        if r < self._row:
            raise WriteError(f"{self.name}!{local(r, c)}: rows must be written in order here")
        self._end_row(self._row)
        self._row = r

    def _send(self, r: int, c: int, op: tuple) -> None:
        kind = op[0]
        if kind == "f":
            code = self._w["f"](r, c, op[1], op[2], op[3])
        elif kind == "u":
            code = self.ws.write_url(r, c, op[1], op[2], op[3])
        elif kind == "b":
            code = self._w["b"](r, c, None, op[2])
        else:
            code = self._w[kind](r, c, op[1], op[2])
        if code:
            self._check(code, kind, r, c)

    def _end_row(self, r: int) -> None:
        """Height and outline of row ``r``, sent before XlsxWriter moves past it (constant-memory mode needs that)."""
        if r < 0:
            return
        height = self._fixed.pop(r, None)
        if height is None:
            need = self._need.pop(r, None)
            height = need if need is not None and need > 15.5 else None
        options = self._options.pop(r, None)
        if height is not None or options:
            self.ws.set_row(r, height, None, options or {})
            if height is not None and self._record_heights:
                self._heights[r] = height
            if self._forget:
                self._forget_written(r)

    def _forget_written(self, r: int) -> None:
        """Drop XlsxWriter's record of the rows it has written already (a streamed flat table)."""
        sent = self._sent_rows
        sent.append(r)
        if len(sent) < 1024:
            return
        written = self.ws.previous_row  # rows above the last one with cells are on disk
        info, sizes = self.ws.row_info, self.ws.row_sizes
        keep = [x for x in sent if x >= written]
        for x in sent:
            if x < written:
                info.pop(x, None)
                sizes.pop(x, None)
        self._sent_rows = keep

    def flush(self, upto: int | None = None) -> None:
        """Send every buffered row above ``upto`` (all rows when ``None``) to XlsxWriter, in order."""
        if self._direct:
            if upto is None:
                self._end_row(self._row)
                for r in sorted(set(self._fixed) | set(self._options) | set(self._need)):
                    if r > self._row:
                        self._end_row(r)
            return
        rows = sorted(r for r in self._rows if upto is None or r < upto)
        extra = sorted(r for r in set(self._fixed) | set(self._options) | set(self._need)
                       if r >= self._done and (upto is None or r < upto) and r not in self._rows)
        send, row_format, pop_row = self._send, self._end_row, self._rows.pop
        todo = sorted(set(rows) | set(extra))
        for r in todo:
            row_format(r)
            ops = pop_row(r, None)
            if not ops:
                continue
            ops.sort(key=_first)
            for c, op in ops:
                send(r, c, op)
        if upto is None:
            self._done = max(self._done, todo[-1] + 1) if todo else self._done
        else:
            self._done = max(self._done, upto)
        for r in [r for r in self._merged if r < self._done]:
            del self._merged[r]

    def release(self, upto: int) -> None:
        """The rows above ``upto`` are complete: a streamed sheet sends them now instead of holding them to
        :meth:`finish` (48 MB for the Rencana Kinerja of 1,000 units). A sheet kept in memory sends them at
        :meth:`finish` as before, so its strings keep their order in the shared table."""
        if self._streamed:
            self.flush(upto)

    def finish(self) -> None:
        """Write what is left and register the merged ranges (call once, after the sheet is written)."""
        self.flush()
        # XlsxWriter's merge_range() writes its cells at once, which a streaming sheet cannot
        # accept for rows already written; the cells are written above, here only the ranges
        # are recorded (checked for overlaps like merge_range does, a corruption error in Excel).
        if len(self._merges):  # after the ranges XlsxWriter's merge_range() added, as before
            self.ws.merge = Merges(itertools.chain(self.ws.merge, self._merges))
            self._merges = Merges()
        if self._keep:
            breaks = page_breaks(self._heights, self._keep, printable_height(self.ws, self._widths))
            if breaks:
                self.ws.set_h_pagebreaks(breaks)

    def _check(self, code: int, what: str, r: int, c: int) -> None:
        if code not in (0, None):
            raise WriteError(f"{self.name}!{local(r, c)}: {what} returned {code}")

    def style(self, name: str | Any) -> Any:
        return self.styles[name] if isinstance(name, str) else name

    @staticmethod
    def _as_text(value: Any) -> str:
        """The text a cell holds: ``""`` for an empty value, cut to Excel's :data:`MAX_TEXT` characters."""
        if value is None or value == "":
            return ""
        s = value if value.__class__ is str else str(value)
        return s if len(s) <= MAX_TEXT else s[: MAX_TEXT - 1] + "…"

    def _text_op(self, r: int, c: int, value: Any, fmt: Any) -> str:
        s = self._as_text(value)
        self._put(r, c, ("s", s, fmt) if s else ("b", None, fmt))
        return s

    def text(self, r: int, c: int, value: Any, style: str | Any = "text") -> None:
        fmt = self.styles[style] if style.__class__ is str else style
        s = self._as_text(value)
        if not s:
            self._put(r, c, ("b", None, fmt))
            return
        if self._direct:  # the most written cell of the largest sheets: straight to XlsxWriter
            if r != self._row:
                self._next_row(r, c)
            code = self._write_string(r, c, s, fmt)
            if code:
                self._check(code, "s", r, c)
        else:
            self._put(r, c, ("s", s, fmt))
        if fmt.text_wrap and (len(s) > self._chars(c) or "\n" in s):
            self._track(r, c, r, c, s, fmt)

    def _chars(self, c: int) -> float:
        """Characters that fit on one line of column ``c`` (at 10 pt; a cheap first test)."""
        chars = self._one_line.get(c)
        if chars is None:
            chars = self._one_line[c] = self._width(c, c) * ONE_LINE
        return chars

    def num(self, r: int, c: int, value: Decimal | int | float | None, style: str | Any = "number") -> None:
        fmt = self.style(style)
        if value is None:
            self._put(r, c, ("b", None, fmt))
            return
        if not isinstance(value, (Decimal, int, float)):  # a Stabil target range is shown as its text
            self._put(r, c, ("s", str(value), fmt))
            return
        x = float(value)
        if math.isnan(x) or math.isinf(x):
            raise WriteError(f"{self.name}!{local(r, c)}: not a finite number: {value!r}")
        self._put(r, c, ("n", x, fmt))

    def formula(self, r: int, c: int, formula: str, value: Any, style: str | Any = "number") -> None:
        """A live formula with its computed value stored."""
        self._put(r, c, ("f", formula, self.style(style), cached(value)))

    def url(self, r: int, c: int, url: str, text: str, style: str | Any = "link") -> None:
        self._put(r, c, ("u", url, self.style(style), text))

    def _merge(self, r0: int, c0: int, r1: int, c1: int, fmt: Any) -> None:
        """Record a merged range and write its covered cells as formatted blanks."""
        name = f"{local(r0, c0)}:{local(r1, c1)}"
        if self._direct and r1 != r0:
            raise WriteError(f"{self.name}: merge {name} spans rows in a row-by-row sheet")
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                taken = self._merged.setdefault(r, {})
                if c in taken:
                    raise WriteError(f"{self.name}: merge {name} overlaps {taken[c]}")
                taken[c] = name
                if (r, c) != (r0, c0):
                    self._put(r, c, ("b", None, fmt))
        self._merges.append((r0, c0, r1, c1))

    def merge_text(self, r0: int, c0: int, r1: int, c1: int, value: Any, style: str | Any = "text") -> None:
        fmt = self.style(style)
        s = self._text_op(r0, c0, value, fmt)
        if (r0, c0) != (r1, c1):
            self._merge(r0, c0, r1, c1, fmt)
        if s:
            self._track(r0, c0, r1, c1, s, fmt)

    def merge_formula(self, r0: int, c0: int, r1: int, c1: int, formula: str, value: Any,
                      style: str | Any = "number") -> None:
        fmt = self.style(style)
        self.formula(r0, c0, formula, value, fmt)
        if (r0, c0) != (r1, c1):
            self._merge(r0, c0, r1, c1, fmt)

    def merge_num(self, r0: int, c0: int, r1: int, c1: int, value: Any, style: str | Any = "number") -> None:
        fmt = self.style(style)
        self.num(r0, c0, value, fmt)
        if (r0, c0) != (r1, c1):
            self._merge(r0, c0, r1, c1, fmt)

    def blank(self, r: int, c: int, style: str | Any = "text") -> None:
        self._put(r, c, ("b", None, self.style(style)))

    def predikat_colors(self, r0: int, r1: int, col: int, scale) -> None:  # noqa: ANN001 - settings.scale
        """Colour the predikat cells of rows ``r0..r1`` by category (conditional formats)."""
        if r1 < r0:
            return
        for cat in scale:
            self.ws.conditional_format(r0, col, r1, col, {
                "type": "cell", "criteria": "==", "value": literal(cat.name), "format": self.styles.fill(cat.color)})

    def header(self, r: int, labels: list[str], c0: int = 0, style: str = "header") -> None:
        for i, label in enumerate(labels):
            self.text(r, c0 + i, label, style)

    def colnums(self, r: int, n: int, c0: int = 0) -> None:
        """The column-number row ``(1) (2) …`` of the LAKIP tables."""
        for i in range(n):
            self.text(r, c0 + i, f"({i + 1})", "colnum")

    def widths(self, widths: list[float], c0: int = 0) -> None:
        for i, w in enumerate(widths):
            self.ws.set_column(c0 + i, c0 + i, w)
            self._widths[c0 + i] = w
        self._span_widths.clear()
        self._one_line.clear()


class NullSheet(Sheet):
    """A sheet another process writes (:mod:`lakip_xl.xlsx.split`): its writer runs here too, so the
    cells it registers in :class:`lakip_xl.report.base.Refs` and the formats it creates, in the order it
    creates them, are those of the serial write, but no cell, row or merge reaches XlsxWriter. Sheet-level
    settings (widths, conditional formats, filters, print titles) still do: they are cheap, and the
    conditional formats' indices must follow the same order in both processes. The writers of the largest
    sheets (Indikator Program, Realisasi Anggaran) see :attr:`null` and only register their rows and formats."""

    null = True

    # the writes only look up their format (which creates it on first use, as in the serial write)
    def text(self, r: int, c: int, value: Any, style: str | Any = "text") -> None:
        self.style(style)

    def num(self, r: int, c: int, value: Any, style: str | Any = "number") -> None:
        self.style(style)

    def formula(self, r: int, c: int, formula: str, value: Any, style: str | Any = "number") -> None:
        self.style(style)

    def blank(self, r: int, c: int, style: str | Any = "text") -> None:
        self.style(style)

    def _put(self, r: int, c: int, op: tuple) -> None:
        pass

    def _track(self, r0: int, c0: int, r1: int, c1: int, value: str, fmt: Any) -> None:
        pass

    def _merge(self, r0: int, c0: int, r1: int, c1: int, fmt: Any) -> None:
        pass

    def outline(self, r: int, level: int) -> None:
        pass

    def row_height(self, r: int, height: float) -> None:
        pass

    def keep_together(self, r0: int, r1: int) -> None:
        pass

    def flush(self, upto: int | None = None) -> None:
        pass

    def finish(self) -> None:
        pass


#: the share of a column's width (in digits) that capitals of the tables' Arial 10 fill: shorter text is one line
ONE_LINE = 0.78
#: paper code → (width, height) in inches, portrait (XlsxWriter's set_paper codes)
PAPER_INCHES = {9: (8.27, 11.69), 8: (11.69, 16.54), 1: (8.5, 11.0), 5: (8.5, 14.0)}
DEFAULT_ROW_POINTS = 15.0
#: a block is moved to the next page only when it starts in the lower part of a page (the estimate of row
#: heights is approximate: a table that starts high up is left where it is)
LOWER_PART = 0.55
#: the share of a page taken as full when testing whether a block still fits (heights are estimates: an
#: engine's default row and line heights differ by a few points, so a block is not fitted to the last row)
FULL = 0.88


def printable_height(ws: Any, widths: dict[int, float]) -> tuple[float, float]:
    """(first page, later pages) printable height in the sheet's own points, at the scale the print uses.

    The pages are fitted to one page wide (``fit_to_pages(1, 0)``): the scale is the printable width over
    the columns' width. Later pages lose the repeated header rows (taken as one default row each).
    """
    w_in, h_in = PAPER_INCHES.get(ws.paper_size or 9, PAPER_INCHES[9])
    if ws.orientation == 0:  # landscape
        w_in, h_in = h_in, w_in
    width_pt = (w_in - ws.margin_left - ws.margin_right) * 72
    height_pt = (h_in - ws.margin_top - ws.margin_bottom) * 72
    columns = sum((int(w * 7 + 0.5) + 5) * 0.75 for w in widths.values()) or width_pt
    scale = min(1.0, int(width_pt / columns * 100) / 100) if ws.fit_page else 1.0
    first = height_pt / scale
    repeated = 0.0
    if ws.repeat_row_range:
        rows = ws.repeat_row_range.split("!")[-1].replace("$", "").split(":")
        repeated = (int(rows[1]) - int(rows[0]) + 1) * DEFAULT_ROW_POINTS
    return first, first - repeated


def page_breaks(heights: dict[int, float], keep: dict[int, int], pages: tuple[float, float]) -> list[int]:
    """The rows that must begin a page so that no kept block straddles a break (0-based first rows)."""
    first, later = pages
    capacity, y, out = first, 0.0, []
    last = max(max(keep.values()), max(heights, default=0))
    for r in range(last + 1):
        h = heights.get(r, DEFAULT_ROW_POINTS)
        if r in keep and y > capacity * LOWER_PART:
            block = sum(heights.get(i, DEFAULT_ROW_POINTS) for i in range(r, keep[r] + 1))
            if y + block > capacity * FULL:
                out.append(r)
                capacity, y = later, 0.0
        if y + h > capacity:  # the print's own break (approximately here)
            capacity, y = later, 0.0
        y += h
    return out


def text_height(text: str | None, width_chars: float, line_height: float = 13.0, minimum: float = 15.0) -> float:
    """Row height (points) that shows ``text`` wrapped in a cell ``width_chars`` wide.

    Merged cells are not auto-fitted by Excel or LibreOffice, so their rows need
    an explicit height.
    """
    if not text:
        return minimum
    return max(minimum, wrapped_lines(str(text), width_chars) * line_height + 4)


@functools.lru_cache(maxsize=1 << 16)  # the same names and indicators come back row after row
def wrapped_lines(text: str, width_chars: float) -> int:
    """Lines ``text`` takes when wrapped at word boundaries in a column ``width_chars`` wide.

    A column width counts digits of the default font (Calibri 11, 7 px); the tables' Arial 10 averages
    about 6,7 px a character in mixed case and 8,7 px in capitals, less the cell's padding. Words
    longer than a line are broken, as Excel and LibreOffice do.
    """
    pixels = width_chars * 7 + 5 - 6
    usable = max(pixels / (8.7 if text.isupper() else 6.7), 4.0)
    lines = 0
    for part in text.split("\n"):
        n, used = 1, 0.0
        for word in part.split():
            size = len(word)
            if used and used + 1 + size > usable:
                n, used = n + 1, 0.0
            if size > usable:  # a word wider than the column breaks over lines
                extra = math.ceil(size / usable) - 1
                n, used = n + extra, size - extra * usable
                continue
            used += size + (1 if used else 0)
        lines += n
    return lines


class Checked:
    """A worksheet whose ``write_*`` and ``merge_range`` raise :class:`WriteError` on a refused write.

    XlsxWriter returns -1 (out of range) or -2 (string truncated) instead of raising; a writer that
    ignores the code silently loses a cell. Everything else passes through to the worksheet.
    """

    _CHECKED = frozenset({"write", "write_string", "write_number", "write_blank", "write_formula", "write_url",
                          "write_datetime", "write_comment", "merge_range", "data_validation", "set_row"})

    def __init__(self, ws: Any) -> None:
        self._ws = ws
        self.name = ws.get_name()

    def __getattr__(self, attr: str) -> Any:
        target = getattr(self._ws, attr)
        if attr not in self._CHECKED:
            return target

        def checked(*args: Any, **kwargs: Any) -> Any:
            code = target(*args, **kwargs)
            if code not in (0, None):
                where = local(args[0], args[1]) if len(args) > 1 and isinstance(args[1], int) else ""
                raise WriteError(f"{self.name}!{where}: {attr} returned {code}")
            return code

        return checked

