"""Workbooks to raw cells, safely.

:func:`read_workbook` opens an .xlsx, .xlsm, .xls or .ods file with
python-calamine (a Rust reader: fast, never runs macros, does not expand XML
entities) after checks that keep a hostile file from exhausting the machine
(size, zip bombs, encryption, a sheet spanning billions of cells). It returns every worksheet as a list of rows
of raw Python values, or a :class:`ReadFailure` that says why not, never an
exception.

Calamine gives values only. Two questions need the file's styles or
formulas, and are asked lazily, for a few cells, through
:func:`lakip_xl.probe.probe_cells`: "is this small number a percent-formatted
cell?" and "is this empty cell a formula with no stored value?".
"""

from __future__ import annotations

import errno
import functools
import io
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lakip_xl.excel import column_index
from lakip_xl.parse import clean_text, safe_name
from lakip_xl.settings import Limits

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
#: saved mail whose workbook attachments are read (:mod:`lakip_xl.mail`)
MAIL_SUFFIXES = (".eml", ".msg", ".mbox")
_ZIP_SUFFIXES = (".xlsx", ".xlsm", ".ods")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
#: Cells a sheet may span by default (rows × columns up to its farthest filled cell; the setting
#: ``[batas] sel``, :attr:`Limits.max_sheet_cells`). Calamine holds a sheet as a dense grid of about
#: 35 bytes a cell, so one value typed in XFD1048576 would ask for 17 billion cells and abort the
#: process; 16 million cells stay under ~600 MB.
MAX_SHEET_CELLS = Limits.max_sheet_cells
#: The first cell of a worksheet part, for its tag spelling (``<c r="`` or ``<x:c r="``).
_CELL_START = re.compile(rb'<((?:\w+:)?c) r="')
#: The rest of a filled cell's start tag (a self-closing ``<c …/>`` holds no value).
_FILLED_END = rb'"[^>]*?(?<!/)>'
_WORKSHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)


@dataclass
class RawSheet:
    name: str
    #: rows of raw values (``None`` for empty), row 0 is sheet row 1, column 0 is A
    rows: list[list[Any]]
    #: merged ranges as ``((row0, col0), (row1, col1))``, inclusive, 0-based
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    #: rows present in the sheet beyond the read limit (0 when all were read)
    rows_dropped: int = 0
    #: for a streamed sheet: the rows after ``rows``, as (row index, row), read one at a time
    more: Iterator[tuple[int, list[Any]]] | None = None
    #: cells whose text lost invisible characters when read: (row, column, what was removed)
    cleaned: list[tuple[int, int, list[str]]] = field(default_factory=list)


@dataclass
class RawWorkbook:
    path: Path
    sheets: dict[str, RawSheet]
    #: the open reader behind streamed sheets (None when everything was read)
    handle: Any = None

    def close(self) -> None:
        if self.handle is not None:
            try:
                self.handle.close()
            finally:
                self.handle = None

    @property
    def name(self) -> str:
        return safe_name(self.path.name)

    def sheet(self, wanted: str) -> RawSheet | None:
        """A sheet by name, ignoring case and surrounding spaces (of several such, the fullest)."""
        found = self.sheets_named(wanted)
        return max(found, key=_filled_cells) if found else None

    def sheets_named(self, wanted: str) -> list[RawSheet]:
        """Every sheet whose name is ``wanted``, ignoring case and surrounding spaces."""
        key = wanted.strip().lower()
        return [sheet for name, sheet in self.sheets.items() if name.strip().lower() == key]


def _filled_cells(sheet: RawSheet) -> int:
    return sum(1 for row in sheet.rows for v in row if v is not None)


@dataclass
class ReadFailure:
    path: Path
    #: the finding's rule: ``berkas-rusak``, ``berkas-terenkripsi``, ``berkas-terlalu-besar``
    rule: str
    reason: str


def classify(path: Path) -> tuple[str, str]:
    """What a folder entry is, before anything opens it: (kind, detail).

    ``workbook``; ``mail`` (saved mail, its attachments are read); ``lock`` (an Excel ``~$`` or LibreOffice ``.~lock.`` owner file);
    ``temp`` (a temporary file of a killed lakip-xl run); ``xlsb`` (a binary workbook,
    not read); ``irregular`` (a folder named like a workbook, a pipe, a device, a
    broken or looping link: opening a pipe would wait forever); ``hidden``; ``other``.
    """
    name = path.name
    if name.startswith("~$") or name.startswith(".~lock."):
        return "lock", ""
    if name.startswith(".~lakip-"):
        return "temp", ""
    if name.startswith("."):
        return "hidden", ""
    suffix = path.suffix.lower()
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "irregular", "tautan yang berputar"
        return "irregular", "tautan yang rusak" if path.is_symlink() else f"tidak dapat dibaca ({exc.strerror})"
    if stat.S_ISDIR(mode):
        return ("irregular", "folder") if suffix in WORKBOOK_SUFFIXES + (".xlsb",) else ("hidden", "")
    if not stat.S_ISREG(mode):
        return "irregular", "pipa bernama" if stat.S_ISFIFO(mode) else "perangkat atau soket"
    if suffix == ".xlsb":
        return "xlsb", ""
    if suffix in WORKBOOK_SUFFIXES:
        return "workbook", ""
    if suffix in MAIL_SUFFIXES:
        return "mail", ""
    return "other", ""


def read_workbook(path: str | Path, limits: Limits | None = None,
                  stream: frozenset[str] = frozenset()) -> RawWorkbook | ReadFailure:
    """Every worksheet of ``path`` as raw rows, or why it cannot be read.

    ``stream``: names (lower case) of sheets too large to hold as Python lists
    at once (the Program sheet of a city-wide Renstra): only their first rows
    are read; the rest come one at a time from :attr:`RawSheet.more` while the
    workbook stays open (close it with :meth:`RawWorkbook.close`).
    """
    path = Path(path)
    limits = limits or Limits()
    problem = _check_container(path, limits)
    if problem is not None:
        return problem
    import python_calamine as pc

    try:
        wb = _open(pc, path)
    except pc.PasswordError:
        return ReadFailure(path, "berkas-terenkripsi", "dilindungi kata sandi")
    except Exception as exc:  # calamine raises several types for broken files
        return _failure(path, exc)
    keep_open = False
    try:
        sheets: dict[str, RawSheet] = {}
        for meta in wb.sheets_metadata:
            if str(meta.typ) != "SheetTypeEnum.WorkSheet" and "WorkSheet" not in str(meta.typ):
                continue
            sheet = wb.get_sheet_by_name(meta.name)
            if meta.name.strip().lower() in stream and sheet.height > STREAM_HEAD:
                if sheet.height > limits.max_rows:
                    dropped = sheet.height - limits.max_rows
                else:
                    dropped = 0
                cleaned: list[tuple[int, int, list[str]]] = []
                head = _clean_rows(sheet.to_python(skip_empty_area=False, nrows=STREAM_HEAD), cleaned)
                sheets[meta.name] = RawSheet(meta.name, head, [], dropped,
                                             more=_rest(sheet, len(head), limits.max_rows, cleaned),
                                             cleaned=cleaned)
                keep_open = True
                continue
            rows = sheet.to_python(skip_empty_area=False, nrows=limits.max_rows + 1)
            dropped = 0
            if len(rows) > limits.max_rows:
                dropped = max(sheet.height - limits.max_rows, 1)
                rows = rows[: limits.max_rows]
            merged = list(sheet.merged_cell_ranges or []) if path.suffix.lower() != ".ods" else []
            cleaned = []
            sheets[meta.name] = RawSheet(meta.name, _clean_rows(rows, cleaned), merged, dropped, cleaned=cleaned)
    except pc.PasswordError:
        return ReadFailure(path, "berkas-terenkripsi", "dilindungi kata sandi")
    except Exception as exc:
        return _failure(path, exc)
    finally:
        if not keep_open:
            try:
                wb.close()
            except Exception:  # pragma: no cover - close of a half-read workbook
                pass
    return RawWorkbook(path, sheets, wb if keep_open else None)


def _open(pc: Any, path: Path) -> Any:
    """Calamine's workbook; a path that is not valid UTF-8 (a name from a Windows zip) is opened by Python."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        with path.open("rb") as fh:
            return pc.CalamineWorkbook.from_filelike(io.BytesIO(fh.read()))
    return pc.CalamineWorkbook.from_path(str(path))


#: Rows read up front from a streamed sheet (the header is found in the first 20).
STREAM_HEAD = 24


def _rest(sheet: Any, first: int, limit: int,
          cleaned: list[tuple[int, int, list[str]]]) -> Iterator[tuple[int, list[Any]]]:
    """(row index, row) of a sheet from row ``first`` on, converted one row at a time."""
    top, left = sheet.start
    pad = [None] * left
    for i, row in enumerate(sheet.iter_rows()):
        r = top + i
        if r < first:
            continue
        if r >= limit:
            return
        yield r, _clean_row(r, [*pad, *row] if pad else row, cleaned)  # (_clean_row makes the row's list)


def _clean_rows(rows: list[list[Any]], cleaned: list[tuple[int, int, list[str]]]) -> list[list[Any]]:
    """Calamine gives ``""`` for empty cells (the pipeline uses ``None``); text is NFC, without invisibles."""
    return [_clean_row(r, row, cleaned) for r, row in enumerate(rows)]


def _clean_row(r: int, row: list[Any], cleaned: list[tuple[int, int, list[str]]]) -> list[Any]:
    out = [None if v == "" else v for v in row]
    for v in out:  # most rows hold no text to clean: one look at each cell, then done
        if v.__class__ is str and not v.isascii():
            break
    else:
        return out
    for c, v in enumerate(out):
        if v.__class__ is str and not v.isascii():
            text, removed = clean_text(v)
            out[c] = text or None
            if removed:
                cleaned.append((r, c, removed))
    return out


def _failure(path: Path, exc: BaseException) -> ReadFailure:
    """A calamine error as a finding: the limits it enforces itself are "too big", the rest "broken"."""
    text = str(exc)
    if "Cell limit exceeded" in text:  # .ods sheets are capped by calamine at 100 million cells
        return ReadFailure(path, "berkas-terlalu-besar",
                           "salah satu lembarnya terlalu luas (di atas 100 juta sel; ada sel terisi jauh di luar "
                           "tabel?). Hapus isi sel di luar tabel lalu simpan ulang")
    if "larger than its declared" in text:  # a zip member that inflates beyond its header (zip bomb)
        return ReadFailure(path, "berkas-terlalu-besar",
                           "salah satu bagiannya terurai lebih besar daripada ukuran yang tercatat (bom zip?)")
    return ReadFailure(path, "berkas-rusak", _reason(exc))


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _check_container(path: Path, limits: Limits) -> ReadFailure | None:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        return ReadFailure(path, "berkas-rusak", f"tidak dapat dibaca ({exc.strerror or exc})")
    if size == 0:
        return ReadFailure(path, "berkas-rusak", "berkas kosong (0 bita)")
    big = file_too_big(size, limits)
    if big is not None:
        return ReadFailure(path, "berkas-terlalu-besar", big)
    suffix = path.suffix.lower()
    if head.startswith(_OLE_MAGIC):
        if suffix in _ZIP_SUFFIXES:
            # An .xlsx saved with a password is an OLE container holding an EncryptedPackage.
            with path.open("rb") as fh:
                data = fh.read(min(size, 1 << 20))
            if _ENCRYPTED_MARK in data:
                return ReadFailure(path, "berkas-terenkripsi", "dilindungi kata sandi")
            return ReadFailure(path, "berkas-rusak", "isinya berformat .xls lama, bukan " + suffix)
        return None
    if suffix in _ZIP_SUFFIXES or head.startswith(_ZIP_MAGIC):
        if not head.startswith(_ZIP_MAGIC):
            return ReadFailure(path, "berkas-rusak", "bukan workbook (bukan arsip zip)")
        return _check_zip(path, limits)
    if suffix == ".xls":
        return ReadFailure(path, "berkas-rusak", "bukan workbook Excel 97-2003 yang sah")
    return None


def file_too_big(size: int, limits: Limits) -> str | None:
    """Why a workbook of ``size`` bytes is refused (above ``max_file_bytes``), else ``None``: a file in the
    folder, a mail attachment and a member of a zip attached to a mail alike."""
    if size > limits.max_file_bytes:
        return f"ukurannya {dotted(size)} bita, di atas batas {dotted(limits.max_file_bytes)} bita"
    return None


def zip_bomb(info: zipfile.ZipInfo, limits: Limits) -> str | None:
    """Why a zip member looks like a bomb (it expands more than ``max_zip_ratio`` times), else ``None``;
    a workbook file and a .zip attached to a mail are checked alike."""
    if info.compress_size and info.file_size > 1_000_000:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_zip_ratio:
            return f"terurai {ratio:.0f} kali ukurannya (bom zip?)"
    return None


def zip_too_big(total: int, limits: Limits) -> str | None:
    """Why members expanding to ``total`` bytes are refused, else ``None``."""
    if total > limits.max_unzipped_bytes:
        return (f"isinya terurai menjadi {total // (1024 * 1024)} MB, di atas batas "
                f"{limits.max_unzipped_bytes // (1024 * 1024)} MB")
    return None


def _check_zip(path: Path, limits: Limits) -> ReadFailure | None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            for info in infos:
                bomb = zip_bomb(info, limits)
                if bomb is not None:
                    return ReadFailure(path, "berkas-terlalu-besar", f"bagian {info.filename} {bomb}")
            big = zip_too_big(sum(info.file_size for info in infos), limits)
            if big is not None:
                return ReadFailure(path, "berkas-terlalu-besar", big)
            for info in infos:
                if _WORKSHEET_PART.match(info.filename):
                    problem = _check_extent(path, zf, info, limits.max_sheet_cells)
                    if problem is not None:
                        return problem
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # broken central directory or member data
        return ReadFailure(path, "berkas-rusak", f"arsip zip rusak ({_reason(exc)})")
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, zip-level password
        return ReadFailure(path, "berkas-rusak", f"arsip zip tidak dapat dibaca ({_reason(exc)})")
    except OSError as exc:
        return ReadFailure(path, "berkas-rusak", f"tidak dapat dibaca ({exc})")
    return None


def _check_extent(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo,
                  max_cells: int = MAX_SHEET_CELLS) -> ReadFailure | None:
    """Refuse a worksheet whose filled cells span more than ``max_cells`` (:data:`MAX_SHEET_CELLS`).

    Streams the part (never more than its declared size, which the total-size
    check has bounded) and searches only for what can pass the limit: the
    widest column names, and the row numbers that can pass the rows the widest
    column so far allows; only a sheet whose widest column appears after its
    first part of 4 MB needs a second pass. The Program sheet of the N = 1.000
    benchmark (190.128 rows × 19 columns, 137 MB of XML) costs about 1,0 s
    (4,8 s with a scan per column width and a second pass for six-digit rows).
    """
    prefix = b""
    max_col = 0
    far: list[tuple[bytes, bytes]] = []
    #: whether every part's rows were searched with the final limit (the widest column did not grow later)
    one_limit, limit = True, 0
    for chunk in _chunks(zf, info):
        if not prefix:
            m = _CELL_START.search(chunk)
            if m is None:
                continue
            prefix = re.escape(b"<" + m.group(1) + b' r="')
        # The widest column of the part: a search for the first cell past the widest so far (any two- or
        # three-letter column is) until none is left, which for a sheet of at most 26 columns is the
        # part's one scan; past Z, every two- and three-letter column is read.
        whole = False
        while max_col < 26:
            m = re.search(prefix + rb"([A-Z]{2,3}|[%c-Z])[0-9]{1,7}%s" % (65 + max_col, _FILLED_END), chunk)
            if m is None:
                whole = True
                break
            max_col = max(max_col, _column_index(m.group(1)))
        if not whole:
            found = re.findall(prefix + rb"([A-Z]{2,3})[0-9]{1,7}%s" % _FILLED_END, chunk)
            if found:
                max_col = max(max_col, *(_column_index(x) for x in found))
        if not max_col:  # no filled cell in this part (any would have a column)
            continue
        if limit and max_cells // max_col != limit:
            one_limit = False
        limit = max_cells // max_col
        pattern = _rows_past(prefix, limit)
        if pattern is not None:
            far += pattern.findall(chunk)
    if not max_col:
        return None
    rows_allowed = max_cells // max_col
    if not one_limit:  # an earlier part was searched for rows past a larger limit
        pattern = _rows_past(prefix, rows_allowed)
        far = [x for chunk in _chunks(zf, info) for x in pattern.findall(chunk)] if pattern is not None else []
    for letters, row in far:
        if int(row) > rows_allowed:
            sheet = _sheet_names(zf).get(info.filename, info.filename)
            return ReadFailure(
                path, "berkas-terlalu-besar",
                f"lembar '{sheet}' terisi sampai sel {(letters + row).decode()}, sehingga mencakup "
                f"{dotted(int(row) * max_col)} sel (batas {dotted(max_cells)}). "
                "Hapus isi sel di luar tabel lalu simpan ulang",
            )
    return None


@functools.lru_cache(maxsize=64)
def _rows_past(prefix: bytes, rows_allowed: int) -> re.Pattern[bytes] | None:
    """Filled cells whose row number (of up to seven digits) may be above ``rows_allowed``: a number of more
    digits than it, or of as many from its first digit up (``None`` when no seven-digit number is above it).
    The caller compares each found row with the limit."""
    digits = str(rows_allowed)
    if len(digits) > 7:
        return None
    rows = b"[%s-9][0-9]{%d}" % (digits[:1].encode(), len(digits) - 1)
    if len(digits) < 7:
        rows += b"|[0-9]{%d,7}" % (len(digits) + 1)
    return re.compile(prefix + rb"([A-Z]{1,3})(%s)%s" % (rows, _FILLED_END))


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, size: int = 1 << 22) -> Iterator[bytes]:
    """A zip member in pieces that overlap by 512 bytes (a tag cut at one edge is whole in the next)."""
    tail = b""
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(size)
            if not chunk:
                return
            yield tail + chunk
            tail = chunk[-512:]


def dotted(n: int) -> str:
    """A whole number with Indonesian thousands dots: ``1.048.576``."""
    return f"{n:,}".replace(",", ".")


def _column_index(letters: bytes) -> int:
    """``b"A"`` → 1, ``b"XFD"`` → 16384 (the 1-based count the extent check compares)."""
    return column_index(letters) + 1


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → sheet name (for messages); empty when the package cannot tell."""
    try:
        from defusedxml.ElementTree import fromstring

        book = fromstring(zf.read("xl/workbook.xml"))
        rels = fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except Exception:
        return {}
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = target
    out = {}
    for el in book.iter():
        if el.tag.endswith("}sheet"):
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            if rid in targets:
                out[targets[rid]] = el.get("name", "")
    return out


def document_properties(path: Path) -> dict[str, str]:
    """The workbook's document properties (core and custom), by name; empty when there are none or on error.

    Tells whether a workbook was written by lakip-xl (a template's custom property
    ``Templat lakip-xl``, a report's category ``LAKIP``) before anything overwrites it.
    """
    out: dict[str, str] = {}
    try:
        from defusedxml.ElementTree import fromstring

        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "docProps/core.xml" in names:
                for el in fromstring(zf.read("docProps/core.xml")):
                    out[el.tag.rsplit("}", 1)[-1]] = (el.text or "").strip()
            if "docProps/custom.xml" in names:
                for prop in fromstring(zf.read("docProps/custom.xml")):
                    value = next(iter(prop), None)
                    out[prop.get("name", "")] = (value.text or "").strip() if value is not None else ""
    except Exception:
        return out
    return out
