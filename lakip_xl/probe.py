"""What calamine does not say about a few cells: their number format and their formula.

Part of the read stage. Two questions are asked lazily, for the few cells that
need them: "is this small number a percent-formatted cell?" (8,57 % typed in a
percent cell is stored as 0,0857) and "is this empty cell a formula with no
stored value?" (a file written by a program that does not compute formulas).
Every format the tool reads answers through :func:`probe_cells`, one probe per
format:

- Office Open XML, transitional and Strict (.xlsx, .xlsm): the sheet's XML part
  and the style part, parsed without a full load (defusedxml for the small
  parts; openpyxl as the fallback for XML this does not understand);
- OpenDocument (.ods): ``content.xml``, where a cell says itself that it holds a
  percentage (``office:value-type="percentage"``) and whether a formula has a value;
- Excel 97-2003 (.xls): xlrd with ``formatting_info`` reads the cells' formats
  (a BIFF formula always stores its result, so there is no formula question).

A file that cannot be probed gives no answers (an empty dict), never an error.
"""

from __future__ import annotations

import html
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lakip_xl.excel import cell_ref

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class CellInfo:
    number_format: str
    formula: str | None
    #: the value stored with a formula (an error such as ``#DIV/0!``, which calamine reads as empty)
    cached: Any = None
    #: the file says the cell is a percentage (OpenDocument's value type), whatever its format code
    percent: bool = False

    @property
    def is_percent(self) -> bool:
        return self.percent or "%" in self.number_format


Cells = set[tuple[int, int]]
Answers = dict[tuple[int, int], CellInfo]


def probe_cells(path: Path, sheet_name: str, cells: Cells) -> Answers:
    """Number format, formula and stored formula value of a few 0-based (row, column) cells of a sheet."""
    if not cells:
        return {}
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        return {}
    try:
        if head.startswith(_OLE_MAGIC):
            return _probe_xls(path, sheet_name, cells)
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
        if "content.xml" in names:
            return _probe_ods(path, sheet_name, cells)
    except Exception:
        return {}
    try:
        return _probe_ooxml(path, sheet_name, cells)
    except Exception:
        return _probe_openpyxl(path, sheet_name, cells)


# --------------------------------------------------------------------------- #
# Office Open XML (transitional and Strict)
# --------------------------------------------------------------------------- #

#: one cell of a worksheet part by its reference (``B7``): its attributes and its content. The wanted cells
#: are looked up each with one search (a probe asks for 1 to 3 cells of a sheet of thousands; against a Python
#: loop over every cell, a probe of a benchmark submission took 2,77 ms instead of 6,47 ms)
_CELL_AT = rb'<(?:\w+:)?c\b(?=[^>]*?\br="%s")([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)'
_ATTR = re.compile(rb'\b(r|s|t)="([^"]*)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)
_VALUE = re.compile(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.DOTALL)
_BUILTIN_PERCENT = {"9": "0%", "10": "0.00%"}


def _local(tag: str) -> str:
    """An XML name without its namespace: the same in transitional and Strict OOXML."""
    return tag.rsplit("}", 1)[-1]


def _probe_ooxml(path: Path, sheet_name: str, cells: Cells) -> Answers:
    from defusedxml import ElementTree as SafeET

    wanted = {cell_ref(r, c).encode(): (r, c) for r, c in cells}
    with zipfile.ZipFile(path) as zf:
        part = _sheet_part(zf, sheet_name, SafeET)
        formats = _xf_formats(zf, SafeET)
        data = zf.read(part)
    out: Answers = {}
    for ref, key in wanted.items():
        m = re.search(_CELL_AT % ref, data, re.DOTALL)
        if m is None:
            continue
        attrs = dict(_ATTR.findall(m.group(1)))
        body = m.group(2) or b""
        f = _FORMULA.search(body)
        v = _VALUE.search(body)
        formula = None
        if f is not None:
            formula = "=" + html.unescape((f.group(1) or b"").decode("utf-8", "replace"))
        cached: Any = None
        if v is not None:
            cached = html.unescape(v.group(1).decode("utf-8", "replace"))
        style = int(attrs.get(b"s", b"0") or 0)
        out[key] = CellInfo(formats[style] if style < len(formats) else "General", formula, cached)
    return out


def _sheet_part(zf: zipfile.ZipFile, sheet_name: str, et: Any) -> str:
    book = et.fromstring(zf.read("xl/workbook.xml"))
    rid = None
    for sheet in book.iter():
        if _local(sheet.tag) == "sheet" and sheet.get("name") == sheet_name:
            rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
    rels = et.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    for rel in rels:
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    raise KeyError(sheet_name)


def _xf_formats(zf: zipfile.ZipFile, et: Any) -> list[str]:
    """Number format code of each cell style (``cellXfs``), by index."""
    try:
        styles = et.fromstring(zf.read("xl/styles.xml"))
    except KeyError:
        return []
    custom = {n.get("numFmtId"): n.get("formatCode", "") for n in styles.iter() if _local(n.tag) == "numFmt"}
    xfs = next((n for n in styles if _local(n.tag) == "cellXfs"), None)
    out = []
    for xf in (xfs if xfs is not None else []):
        fid = xf.get("numFmtId", "0")
        out.append(custom.get(fid) or _BUILTIN_PERCENT.get(fid) or "General")
    return out


def _openpyxl_cells(path: Path, sheet_name: str, cells: Cells,
                    data_only: bool) -> Iterator[tuple[tuple[int, int], Any, str | None]]:
    """Value and number format of the cells at these 0-based (row, column) places, read with openpyxl
    (read-only); nothing if the file will not open.

    A failure part-way ends the iteration quietly: the caller keeps what came before.
    """
    with warnings.catch_warnings():  # openpyxl warns about what it does not support; the user cannot act on it
        warnings.simplefilter("ignore")
        try:
            import openpyxl

            wb = openpyxl.load_workbook(path, read_only=True, data_only=data_only, keep_links=False)
        except Exception:
            return
        try:
            ws = wb[sheet_name]
            lo = min(r for r, _ in cells) + 1
            hi = max(r for r, _ in cells) + 1
            for r, row in enumerate(ws.iter_rows(min_row=lo, max_row=hi), start=lo - 1):
                for cell in row:
                    col = getattr(cell, "column", None)
                    if col is not None and (r, col - 1) in cells:
                        yield (r, col - 1), cell.value, cell.number_format
        except Exception:
            return
        finally:
            wb.close()


def _probe_openpyxl(path: Path, sheet_name: str, cells: Cells) -> Answers:
    out: Answers = {}
    for key, value, number_format in _openpyxl_cells(path, sheet_name, cells, data_only=False):
        formula = value if isinstance(value, str) and value.startswith("=") else None
        out[key] = CellInfo(number_format or "General", formula)
    formulas = {k for k, v in out.items() if v.formula}
    if formulas:  # the values stored with the formula cells: a second, read-only pass
        for key, value, _ in _openpyxl_cells(path, sheet_name, formulas, data_only=True):
            out[key].cached = value
    return out


# --------------------------------------------------------------------------- #
# OpenDocument
# --------------------------------------------------------------------------- #

_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_T = f"{{{_TABLE}}}"
_O = f"{{{_OFFICE}}}"
#: a repeat count above this is a formatted tail of empty cells (ODS writes 16384 columns, 1 million rows)
_MAX_REPEAT = 100_000


def _probe_ods(path: Path, sheet_name: str, cells: Cells) -> Answers:
    """Cells of one table of ``content.xml``, walked with their row and column repeats."""
    from defusedxml.ElementTree import iterparse

    last_row = max(r for r, _ in cells)
    out: Answers = {}
    with zipfile.ZipFile(path) as zf, zf.open("content.xml") as fh:
        in_table = False
        row = col = 0
        row_repeat = 1
        for event, el in iterparse(fh, events=("start", "end")):
            tag = el.tag
            if tag == f"{_T}table":
                if event == "start":
                    in_table = el.get(f"{_T}name") == sheet_name
                    row = 0
                elif in_table:
                    break
                continue
            if not in_table:
                if event == "end":
                    el.clear()
                continue
            if tag == f"{_T}table-row":
                if event == "start":
                    col = 0
                    row_repeat = min(int(el.get(f"{_T}number-rows-repeated", "1")), _MAX_REPEAT)
                else:
                    row += row_repeat
                    el.clear()
                    if row > last_row:
                        break
            elif tag in (f"{_T}table-cell", f"{_T}covered-table-cell") and event == "end":
                repeat = min(int(el.get(f"{_T}number-columns-repeated", "1")), _MAX_REPEAT)
                for rr in range(row, row + row_repeat):
                    for cc in range(col, col + repeat):
                        if (rr, cc) in cells:
                            out[(rr, cc)] = _ods_cell(el)
                col += repeat
                el.clear()
    return out


def _ods_cell(el: Any) -> CellInfo:
    kind = el.get(f"{_O}value-type")
    formula = el.get(f"{_T}formula")
    if formula is not None:
        formula = "=" + formula.split(":", 1)[-1].lstrip("=")  # "of:=[.F7]*1" → "=[.F7]*1"
    cached = el.get(f"{_O}value")
    if cached is None and kind == "string":  # a formula that gave text, "" included (as in OOXML)
        cached = el.get(f"{_O}string-value") or "".join(el.itertext())
    return CellInfo("0%" if kind == "percentage" else "General", formula, cached, percent=kind == "percentage")


# --------------------------------------------------------------------------- #
# Excel 97-2003
# --------------------------------------------------------------------------- #


def _probe_xls(path: Path, sheet_name: str, cells: Cells) -> Answers:
    import xlrd

    book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=_Silent())
    try:
        sheet = book.sheet_by_name(sheet_name)
        out: Answers = {}
        for r, c in cells:
            if r >= sheet.nrows or c >= sheet.ncols:
                continue
            xf = book.xf_list[sheet.cell_xf_index(r, c)]
            fmt = book.format_map.get(xf.format_key)
            out[(r, c)] = CellInfo(fmt.format_str if fmt is not None else "General", None)
        return out
    finally:
        book.release_resources()


class _Silent:
    """xlrd writes warnings to a log file object; they mean nothing to a clerk."""

    def write(self, text: str) -> int:
        return len(text)


__all__ = ["probe_cells", "CellInfo"]
