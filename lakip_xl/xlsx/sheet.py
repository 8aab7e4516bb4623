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

import math
from decimal import Decimal
from typing import Any

from lakip_xl.excel import MAX_TEXT, absolute_ref, column_letters, literal
from lakip_xl.xlsx.style import Styles


class WriteError(RuntimeError):
    """XlsxWriter refused a write (a bug in a table writer, never a data problem)."""


absolute = absolute_ref


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

    def __init__(self, ws: Any, styles: Styles, direct: bool = False, compact: bool = False) -> None:
        # Our formulas use only Excel 2007 functions, so XlsxWriter's ~60 regex
        # substitutions per formula for newer ("future") functions are skipped.
        # It is a private method: if it is renamed, this line only stops helping.
        ws._prepare_formula = _prepare_formula
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
        self._merges: list[tuple[int, int, int, int]] = []
        #: row → {column: merged range covering it} (rows still buffered; for the overlap check)
        self._merged: dict[int, dict[int, str]] = {}
        self._done = 0  # rows above this one are written
        #: write straight through, row after row (flat tables: no buffer, no look-back)
        self._direct = direct
        #: one line per row, no outline levels (a flat table of hundreds of thousands of rows:
        #: XlsxWriter keeps every row's height and level in memory until the file is closed)
        self._compact = compact
        self._row = -1
        w = ws
        self._w = {"s": getattr(w, "_write_string", w.write_string), "n": getattr(w, "_write_number", w.write_number),
                   "f": getattr(w, "_write_formula", w.write_formula), "b": getattr(w, "_write_blank", w.write_blank)}

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
        if not value or not fmt.text_wrap or self._compact:
            return
        size = fmt.font_size or 10
        width = self._width(c0, c1) * 10 / size
        if len(value) < width and "\n" not in value and r0 == r1:
            return  # one line: the default height fits
        need = text_height(value, width, line_height=size * 1.25)
        per_row = need / (r1 - r0 + 1)
        for r in range(r0, r1 + 1):
            if per_row > self._need.get(r, 0):
                self._need[r] = per_row

    def row_height(self, r: int, height: float) -> None:
        """An explicit height that the automatic estimate must not change."""
        self._fixed[r] = height

    def outline(self, r: int, level: int) -> None:
        """Put row ``r`` at outline (grouping) ``level``, so a reader can fold it away."""
        if not self._compact:
            self._options.setdefault(r, {})["level"] = level

    # -- buffered writes -----------------------------------------------------
    def _put(self, r: int, c: int, op: tuple) -> None:
        if self._direct:
            if r != self._row:
                if r < self._row:
                    raise WriteError(f"{self.name}!{local(r, c)}: rows must be written in order here")
                self._end_row(self._row)
                self._row = r
            self._send(r, c, op)
            return
        if r < self._done:
            raise WriteError(f"{self.name}!{local(r, c)}: row already written (flushed)")
        self._rows.setdefault(r, []).append((c, op))

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

    def finish(self) -> None:
        """Write what is left and register the merged ranges (call once, after the sheet is written)."""
        self.flush()
        # XlsxWriter's merge_range() writes its cells at once, which a streaming sheet cannot
        # accept for rows already written; the cells are written above, here only the ranges
        # are recorded (checked for overlaps like merge_range does, a corruption error in Excel).
        for r0, c0, r1, c1 in self._merges:
            self.ws.merge.append([r0, c0, r1, c1])

    def _check(self, code: int, what: str, r: int, c: int) -> None:
        if code not in (0, None):
            raise WriteError(f"{self.name}!{local(r, c)}: {what} returned {code}")

    def style(self, name: str | Any) -> Any:
        return self.styles[name] if isinstance(name, str) else name

    def _text_op(self, r: int, c: int, value: Any, fmt: Any) -> str:
        if value is None or value == "":
            self._put(r, c, ("b", None, fmt))
            return ""
        s = str(value)
        if len(s) > MAX_TEXT:
            s = s[: MAX_TEXT - 1] + "…"
        self._put(r, c, ("s", s, fmt))
        return s

    def text(self, r: int, c: int, value: Any, style: str | Any = "text") -> None:
        fmt = self.styles[style] if style.__class__ is str else style
        s = self._text_op(r, c, value, fmt)
        if s and fmt.text_wrap and not self._compact and (len(s) > self._chars(c) or "\n" in s):
            self._track(r, c, r, c, s, fmt)

    def _chars(self, c: int) -> float:
        """Characters that fit on one line of column ``c`` (at 10 pt; a cheap first test)."""
        chars = self._one_line.get(c)
        if chars is None:
            chars = self._one_line[c] = self._width(c, c) - 1
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


def text_height(text: str | None, width_chars: float, line_height: float = 13.0, minimum: float = 15.0) -> float:
    """Row height (points) that shows ``text`` wrapped in a cell ``width_chars`` wide.

    Merged cells are not auto-fitted by Excel or LibreOffice, so their rows need
    an explicit height.
    """
    if not text:
        return minimum
    usable = max(width_chars * 1.25 - 2, 4)
    lines = 0
    for part in str(text).split("\n"):
        lines += max(1, math.ceil(len(part) / usable))
    return max(minimum, lines * line_height + 4)


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

