"""Cells to typed values: Indonesian numbers, percents, Rupiah, codes, headers.

Everything here is pure: a raw cell value (what :mod:`lakip_xl.read` returns)
goes in, a typed value and what was read come out. Nothing raises on bad
input; the caller turns a non-``ok`` result into a finding.

Numbers typed as text follow the Indonesian convention first (``.`` groups
thousands, ``,`` is the decimal mark), as the contract says, and fall back to
the English one only where the Indonesian reading is impossible:

========================  ===============  =====================================
text                      value            why
========================  ===============  =====================================
``1.234.567,89``          1234567.89       Indonesian
``1,234,567.89``          1234567.89       English (both marks, ``.`` last)
``8,57%``                 8.57 (unit %)    Indonesian decimal comma
``554.354``               554354           one ``.`` + exactly 3 digits: thousands
``5.88`` / ``0.0857``     5.88 / 0.0857    one ``.`` not followed by 3 digits: decimal
``1,234``                 1.234            a single ``,`` is always decimal
``Rp 2.312.089.341,00``   2312089341       ``Rp`` and ``,-`` / ``,00`` dropped
``< 5%``                  5 (Negatif)      a ``<``/``≤`` marks lower-is-better
``7.98887400E8``          798887400        scientific notation (Excel's, as text)
``6 pasar``               6 (unit pasar)   trailing unit word kept as unit
``-`` ``--`` ``N/A``      empty            how the seed writes "none"
========================  ===============  =====================================
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from lakip_xl.excel import MAX_TEXT, cell_ref, column_letters  # noqa: F401 - the parse stage's names
from lakip_xl.measures import Categorical, Range

# --------------------------------------------------------------------------- #
# Numbers
# --------------------------------------------------------------------------- #

OK = "ok"
EMPTY = "empty"
RECOVERED = "recovered"
INVALID = "invalid"

_EMPTY_MARKS = {"", "-", "--", "---", "—", "–", "n/a", "na", "#n/a", "rp -", "rp-", "rp. -", "rp.-"}
_NBSP = {"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " "}
_NBSP_TABLE = str.maketrans(_NBSP)
_RP = re.compile(r"^\s*rp\.?\s*", re.IGNORECASE)
_TRAILING_DASH = re.compile(r",\s*-+\s*$|,-$")
_CMP = re.compile(r"^(<=|>=|≤|≥|<|>)\s*")
_CORE = re.compile(r"^([+-]?)\s*(\d[\d.,' ]*\d|\d)\s*(.*)$")
_UNIT = re.compile(r"^[A-Za-z%][\w%/ .²³-]{0,30}$")
_SCIENTIFIC = re.compile(r"^([+-]?\d+(?:[.,]\d+)?[eE][+-]?\d{1,3})\s*(%?)$")


@dataclass(frozen=True, slots=True)
class Number:
    """A parsed number cell.

    ``status`` is ``ok`` (a real number cell), ``recovered`` (text read as a
    number: check ``shown``), ``empty`` or ``invalid``.
    """

    value: Decimal | None
    status: str
    shown: str = ""
    unit: str | None = None
    #: the text started with ``<`` or ``≤`` (a Negatif target such as ``< 5%``)
    lower_is_better: bool = False
    #: the text started with ``>`` or ``≥``
    higher_is_better: bool = False
    kind: str = ""

    @property
    def ok(self) -> bool:
        return self.status in (OK, RECOVERED)


EMPTY_NUMBER = Number(None, EMPTY)


def float_to_decimal(x: float) -> Decimal:
    """A float read from a workbook as the Decimal Excel shows (15 significant digits)."""
    if x.is_integer() and abs(x) < 1e15:
        return Decimal(int(x))
    d = Decimal(format(x, ".15g"))
    if d == d.to_integral_value():
        return d.quantize(Decimal(1))
    return d


def parse_number(raw: Any) -> Number:
    """Any raw cell value → :class:`Number`. Never raises."""
    if raw is None:
        return EMPTY_NUMBER
    if raw.__class__ is float and math.isfinite(raw):  # what a number cell is read as (most cells): first
        return Number(float_to_decimal(raw), OK)
    if isinstance(raw, bool):
        return Number(None, INVALID, shown=("TRUE" if raw else "FALSE"), kind="boolean")
    if isinstance(raw, int):
        return Number(Decimal(raw), OK)
    if isinstance(raw, float):
        if math.isnan(raw) or math.isinf(raw):
            return Number(None, INVALID, shown=str(raw), kind="angka tidak sah")
        return Number(float_to_decimal(raw), OK)
    if isinstance(raw, Decimal):
        return Number(raw, OK) if raw.is_finite() else Number(None, INVALID, shown=str(raw))
    if isinstance(raw, (_dt.datetime, _dt.date)):
        return Number(None, INVALID, shown=f"tanggal {raw:%d-%m-%Y}", kind="tanggal")
    if isinstance(raw, _dt.time):
        return Number(None, INVALID, shown=f"jam {raw:%H:%M:%S}", kind="jam")
    if isinstance(raw, _dt.timedelta):
        return Number(None, INVALID, shown=f"durasi {raw}", kind="durasi")
    if isinstance(raw, str):
        return parse_number_text(raw)
    return Number(None, INVALID, shown=repr(raw))


def parse_number_text(text: str) -> Number:
    """Number typed as text (see the module docstring for the forms)."""
    shown = f"'{_clip(text)}'"
    s = _RP.sub("", text.translate(_NBSP_TABLE).strip())
    s = _TRAILING_DASH.sub("", s).strip()
    if s.lower() in _EMPTY_MARKS:
        return Number(None, EMPTY, shown=shown)
    lower = higher = False
    m = _CMP.match(s)
    if m:
        lower = m.group(1) in ("<", "<=", "≤")
        higher = not lower
        s = s[m.end():]
    m = _SCIENTIFIC.match(s)
    if m:  # 7.98887400E8: Excel's scientific notation, pasted or exported as text
        value = Decimal(format(Decimal(m.group(1).replace(",", ".")), "f"))  # the pattern admits only valid ones
        unit = (m.group(2) or "").strip() or None
        return Number(value, RECOVERED, shown=shown, unit=unit, lower_is_better=lower, higher_is_better=higher,
                      kind="teks")
    m = _CORE.match(s)
    if not m:
        return Number(None, INVALID, shown=shown, kind="teks")
    sign, core, rest = m.groups()
    value = _parse_core(core.replace(" ", "").replace("'", ""))
    if value is None:
        return Number(None, INVALID, shown=shown, kind="teks")
    rest = rest.strip()
    unit = None
    if rest:
        if rest.startswith("%"):
            unit, rest = "%", rest[1:].strip()
        if rest:
            if not _UNIT.match(rest) or unit:
                return Number(None, INVALID, shown=shown, kind="teks")
            unit = rest
    if sign == "-":
        value = -value
    return Number(value, RECOVERED, shown=shown, unit=unit, lower_is_better=lower,
                  higher_is_better=higher, kind="teks")


_RANGE = re.compile(r"^(\d[\d.,' ]*?)\s*(?:[-–—]|s\.?\s?d\.?|sampai)\s*(\d[\d.,' ]*?)\s*(%|[A-Za-z][\w/ .²³-]{0,30})?$",
                    re.IGNORECASE)
_ONE_SIDED = re.compile(r"^(≥|>=|≤|<=)\s*(\d.*)$")


_LEVEL = re.compile(r"^level\s*(\d{1,2})$", re.IGNORECASE)


def parse_category(raw: Any, table: dict[str, Categorical]) -> Categorical | None:
    """A categorical value as typed (``WTP``, ``wdp``, ``A``, ``Level 3``) → its :class:`Categorical`.

    ``table``: label in upper case → the category (:meth:`lakip_xl.settings.Settings.category_table`);
    ``Level n`` is always n. ``None`` for anything else (a number is never a category).
    """
    if not isinstance(raw, str):
        return None
    text = " ".join(raw.split())
    level = _LEVEL.match(text)
    if level:
        return Categorical(f"Level {int(level.group(1))}", int(level.group(1)))
    return table.get(text.upper())


def parse_range(text: Any, one_sided: bool = False) -> tuple[Range, str | None] | None:
    """A Stabil target typed as a range, with its unit: ``80-90``, ``80–90 %``, ``7,5 s.d. 9`` → (Range, unit).

    With ``one_sided``, also ``≥ 80`` and ``≤ 5`` (the way the templates show an open range). ``None``
    when ``text`` is not a range (a number, or a range whose lower bound exceeds the upper one).
    """
    if not isinstance(text, str):
        return None
    s = text.translate(_NBSP_TABLE).strip()
    m = _RANGE.match(s)
    if m:
        lo, hi = parse_number_text(m.group(1)), parse_number_text(m.group(2))
        if lo.value is None or hi.value is None or lo.unit or hi.unit or lo.value > hi.value:
            return None
        return Range(lo.value, hi.value), (m.group(3) or "").strip() or None
    m = _ONE_SIDED.match(s) if one_sided else None
    if m:
        num = parse_number_text(m.group(2))
        if num.value is None:
            return None
        return (Range(num.value, None) if m.group(1) in ("≥", ">=") else Range(None, num.value)), num.unit
    return None


def _parse_core(core: str) -> Decimal | None:
    dots, commas = core.count("."), core.count(",")
    try:
        if not dots and not commas:
            return Decimal(core)
        if dots and commas:
            if core.rfind(",") > core.rfind("."):  # 1.234.567,89 (Indonesian)
                int_part, _, frac = core.rpartition(",")
                return _grouped(int_part, ".", frac)
            int_part, _, frac = core.rpartition(".")  # 1,234,567.89 (English)
            return _grouped(int_part, ",", frac)
        if commas:
            if commas == 1:  # 8,57 and 1,234: a single comma is the decimal mark
                int_part, _, frac = core.partition(",")
                return Decimal(f"{int_part}.{frac}")
            return _grouped(core, ",", "")  # 1,234,567
        if dots == 1:
            int_part, _, frac = core.partition(".")
            if len(frac) == 3 and 1 <= len(int_part) <= 3 and not int_part.startswith("0"):
                return Decimal(int_part + frac)  # 554.354 (Indonesian thousands)
            return Decimal(core)  # 5.88
        return _grouped(core, ".", "")  # 1.234.567
    except InvalidOperation:
        return None


def _grouped(int_part: str, sep: str, frac: str) -> Decimal | None:
    groups = int_part.split(sep)
    if not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
        return None
    if not frac.isdigit() and frac:
        return None
    return Decimal("".join(groups) + (f".{frac}" if frac else ""))


def _clip(text: str, n: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


# --------------------------------------------------------------------------- #
# Text
# --------------------------------------------------------------------------- #

EXCEL_MAX_TEXT = MAX_TEXT  # (the name the readers use)


def parse_text(raw: Any) -> str | None:
    """A text cell: numbers as Indonesian text, whitespace trimmed, empty → ``None``."""
    if raw is None:
        return None
    if isinstance(raw, str):
        s = (raw if raw.isascii() else raw.translate(_NBSP_TABLE)).strip()
        return s or None
    if isinstance(raw, float):
        return format_number(float_to_decimal(raw))
    if isinstance(raw, (int, Decimal)) and not isinstance(raw, bool):
        return format_number(Decimal(raw))
    if isinstance(raw, _dt.datetime):
        return f"{raw:%d-%m-%Y}"
    if isinstance(raw, _dt.date):
        return f"{raw:%d-%m-%Y}"
    return str(raw).strip() or None


#: Characters that change nothing a reader sees but everything a comparison does: zero-width
#: spaces and joiners, the word joiner, the byte-order mark, the soft hyphen and the bidi controls.
INVISIBLE = {
    **dict.fromkeys("\u200b\u200c\u200d\u2060", "spasi/penyambung lebar-nol"),
    "\ufeff": "penanda urutan bita", "\u00ad": "tanda hubung lunak",
    **dict.fromkeys("\u200e\u200f\u061c" + "".join(map(chr, (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))),
                    "penanda arah teks"),
}
_INVISIBLE_TABLE = str.maketrans(dict.fromkeys(INVISIBLE))


def clean_text(text: str) -> tuple[str, list[str]]:
    """Text as it reads: Unicode NFC, without invisible characters; also the names of what was removed.

    A clerk who pastes a code from a PDF or a chat brings zero-width spaces and
    bidi marks that make ``PSR`` differ from ``PSR``; an NFD ``é`` differs from
    its NFC twin. Cleaned once at the boundary, where cells are read.
    """
    if text.isascii():
        return text, []
    removed = sorted({f"{INVISIBLE[ch]} U+{ord(ch):04X}" for ch in text if ch in INVISIBLE})
    if removed:
        text = text.translate(_INVISIBLE_TABLE)
    return unicodedata.normalize("NFC", text), removed


def safe_name(name: str) -> str:
    """A file name as a message may show it: undecodable bytes and control characters written as escapes.

    A name from a zip made on Windows may hold bytes that are not UTF-8 (``catatan\\xe9.txt``), and a
    right-to-left override can make ``exe.xlsx`` read as ``xslx.exe``.
    """
    if name.isascii() and name.isprintable():
        return name
    raw = name.encode("utf-8", "surrogateescape")
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() and ch not in INVISIBLE else f"\\u{ord(ch):04x}" for ch in text)


@functools.lru_cache(maxsize=8192)
def norm_key(text: str | None) -> str:
    """Text for matching: lower case, single spaces, no surrounding punctuation."""
    if not text:
        return ""
    if not text.isascii():
        text = text.translate(_NBSP_TABLE)
    return " ".join(text.lower().split()).strip(" :.;,")


def norm_header(raw: Any) -> str:
    """A header cell as the contract matches it: case, spaces, line breaks and a trailing ``:`` ignored."""
    if raw is None:
        return ""
    return _norm_header(raw if raw.__class__ is str else str(raw))


@functools.lru_cache(maxsize=4096)  # the template's headers, looked for in every sheet of every submission
def _norm_header(text: str) -> str:
    s = re.sub(r"\s+", " ", text.translate(_NBSP_TABLE)).strip().lower()
    return s.rstrip(":").strip()


# --------------------------------------------------------------------------- #
# Codes (Permendagri 90/2019)
# --------------------------------------------------------------------------- #

_CODE_WIDTHS = (1, 2, 2, 1, 2, 2)


@dataclass(frozen=True, slots=True)
class Code:
    value: str | None
    #: ``""`` when read as typed; else what Excel turned it into ("jam", "tanggal", "angka")
    mangled: str = ""
    shown: str = ""


def parse_code(raw: Any) -> Code:
    """A ``Kode`` cell → normalised code text.

    ``03:30:03`` (a time to Excel) → ``3.30.03``; program codes printed with
    colons are normalised the same way; parts are zero-padded to the
    nomenclature's widths (``3.30.3`` → ``3.30.03``).
    """
    if raw is None:
        return Code(None)
    if isinstance(raw, _dt.time):
        return Code(f"{raw.hour}.{raw.minute:02d}.{raw.second:02d}", "jam", f"jam {raw:%H:%M:%S}")
    if isinstance(raw, _dt.timedelta):
        total = int(raw.total_seconds())
        h, rem = divmod(total, 3600)
        m, s = divmod(rem, 60)
        return Code(f"{h}.{m:02d}.{s:02d}", "jam", f"durasi {raw}")
    if isinstance(raw, _dt.datetime) and (raw.hour or raw.minute or raw.second) and raw.year <= 1900:
        return Code(f"{raw.hour}.{raw.minute:02d}.{raw.second:02d}", "jam", f"jam {raw:%H:%M:%S}")
    if isinstance(raw, (_dt.datetime, _dt.date)):
        return Code(f"{raw.day}.{raw.month:02d}.{raw.year % 100:02d}", "tanggal", f"tanggal {raw:%d-%m-%Y}")
    if isinstance(raw, bool):
        return Code(None, "", str(raw))
    if isinstance(raw, (int, float, Decimal)):
        text = format(float_to_decimal(float(raw)), "f") if not isinstance(raw, int) else str(raw)
        return Code(text, "angka", text.replace(".", ","))
    s = str(raw).translate(_NBSP_TABLE).strip()
    if not s:
        return Code(None)
    return Code(normalize_code_text(s), "", s)


_NORMAL_CODE = re.compile(r"\d\.\d\d\.\d\d(?:\.\d\.\d\d(?:\.\d{2,4})?)?")


def normalize_code_text(s: str) -> str:
    if _NORMAL_CODE.fullmatch(s):
        return s  # already as the nomenclature writes it (most codes)
    s = re.sub(r"\s+", "", s).replace(":", ".").strip(".")
    parts = s.split(".")
    if all(p.isdigit() for p in parts):
        out = []
        for i, p in enumerate(parts):
            width = _CODE_WIDTHS[i] if i < len(_CODE_WIDTHS) else 2
            out.append(str(int(p)).zfill(width) if len(p) <= width or i == 0 else p)
        return ".".join(out)
    return ".".join(p.upper() if p.upper() in ("X", "XX") else p for p in parts)


_LEVELS = {3: "program", 5: "kegiatan", 6: "sub_kegiatan"}


@functools.cache  # one entry per distinct code: a few MB for the largest Renstra
def code_level(code: str) -> str | None:
    """``program`` (3 parts), ``kegiatan`` (5) or ``sub_kegiatan`` (6); ``None`` otherwise."""
    return _LEVELS.get(code.count(".") + 1)


@functools.cache
def code_parent(code: str) -> str | None:
    """The code of the parent: sub kegiatan → kegiatan → program → ``None``."""
    n = code.count(".") + 1
    parts = code.split(".")
    if n == 6:
        return ".".join(parts[:5])
    if n == 5:
        return ".".join(parts[:3])
    return None


@functools.cache
def code_key(code: str) -> str:
    """The code as matching sees it: every numeric part without leading zeros.

    ``1.03.02.2.01.0001`` and ``1.03.02.2.01.01`` are the same sub kegiatan
    (Kepmendagri 900.1.15.5-3406/2024 writes four digits where 050-5889/2021
    writes two); ``x.xx.01`` and ``X.XX.01`` are the same programme.
    """
    return ".".join([str(int(p)) if p.isdigit() else p.upper() for p in code.split(".")])


def is_penunjang_code(code: str) -> bool:
    """Programme number 01 of any urusan (``2.15.01``, ``X.XX.01``) and its children.

    In the Kepmendagri 050-5889/2021 nomenclature programme 01 of every urusan
    is the "Program Penunjang Urusan Pemerintahan Daerah"; the Renstra may say
    otherwise (column ``Jenis``, or a Kode Sasaran on the programme).
    """
    parts = code.split(".")
    return len(parts) >= 3 and parts[2].isdigit() and int(parts[2]) == 1


# --------------------------------------------------------------------------- #
# Other values
# --------------------------------------------------------------------------- #

_POLARITAS = {
    "positif": "Positif", "+": "Positif", "naik": "Positif", "positive": "Positif",
    "negatif": "Negatif", "-": "Negatif", "turun": "Negatif", "negative": "Negatif",
    "stabil": "Stabil", "stable": "Stabil",
}


def parse_polaritas(raw: Any) -> str | None:
    """``Positif`` / ``Negatif`` / ``Stabil`` / ``None`` (empty); unknown text → ``""``."""
    text = parse_text(raw)
    if text is None:
        return None
    return _POLARITAS.get(text.strip().lower(), "")


_SATUAN_ALIASES = {"persen": "%", "prosen": "%", "persentase": "%", "rp": "rupiah", "rp.": "rupiah"}


def satuan_key(text: str | None) -> str:
    """A unit as comparison sees it: ``Persen`` and ``%`` are the same unit."""
    key = norm_key(text)
    return _SATUAN_ALIASES.get(key, key)


#: The years a LAKIP, a Renstra period or a ``--tahun`` may name.
FIRST_YEAR, LAST_YEAR = 1990, 2100


def parse_year(raw: Any) -> int | None:
    num = parse_number(raw)
    if num.value is None or num.value != num.value.to_integral_value():
        return None
    year = int(num.value)
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


# --------------------------------------------------------------------------- #
# Output formatting (Indonesian)
# --------------------------------------------------------------------------- #


def round_half_up(value: Decimal, places: int = 0) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


_TO_INDONESIAN = str.maketrans(",.", ".,")


def format_number(value: Decimal | int | float | None, places: int | None = None) -> str:
    """Indonesian number text: ``1.234.567,89``; ``places`` rounds half-up first.

    Python's own formatting with the two separators swapped: the Indonesian
    convention is fixed, and this runs for every number of every sentence of
    the Narasi sheet (Babel checks it in the tests, as an independent formatter).
    """
    if value is None:
        return ""
    if isinstance(value, (Range, Categorical)):
        return str(value)
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if places is not None:
        text = format(round_half_up(d, places), f",.{places}f")
    else:
        text = format(d.normalize(), ",f")
    return text.translate(_TO_INDONESIAN)


def format_rupiah(value: Decimal | None) -> str:
    """``Rp 2.312.089.341`` (rounded half-up to the Rupiah)."""
    if value is None:
        return "Rp -"
    return "Rp " + format_number(value, 0)


def format_percent(value: Decimal | None, places: int = 2) -> str:
    """``145,75%`` with at most ``places`` decimals (trailing zeros dropped)."""
    if value is None:
        return "-"
    return format_number(round_half_up(value, places)) + "%"


# --------------------------------------------------------------------------- #
# Header rows
# --------------------------------------------------------------------------- #

#: how many rows from the top of a sheet may hold the title block and the header row
HEADER_SCAN_ROWS = 20


@dataclass
class Header:
    """Where a sheet's header row is and which column holds each label."""

    row: int  # 0-based
    #: normalised label → 0-based column (first occurrence)
    columns: dict[str, int]
    #: labels asked for but not found
    missing: list[str]
    #: normalised label → every column that carries it, where there are several
    duplicates: dict[str, list[int]] = field(default_factory=dict)

    def col(self, label: str) -> int | None:
        return self.columns.get(norm_header(label))

    def years(self, prefix: str) -> dict[int, int]:
        """Columns such as ``Target 2021``, ``Pagu 2022``: year → column."""
        out: dict[int, int] = {}
        pat = re.compile(rf"^{re.escape(norm_header(prefix))}\s*(\d{{4}})$")
        for label, col in self.columns.items():
            m = pat.match(label)
            if m:
                out.setdefault(int(m.group(1)), col)
        return dict(sorted(out.items()))


def find_header(rows: list[list[Any]], labels: list[str], scan: int = HEADER_SCAN_ROWS) -> Header:
    """The row among the first ``scan`` rows that holds most of ``labels``."""
    wanted = [norm_header(x) for x in labels]
    best: Header | None = None
    best_hits = 0
    for r, row in enumerate(rows[:scan]):
        columns: dict[str, int] = {}
        seen: dict[str, list[int]] = {}
        for c, value in enumerate(row):
            if isinstance(value, str):
                key = norm_header(value)
                if key:
                    columns.setdefault(key, c)
                    seen.setdefault(key, []).append(c)
        hits = sum(1 for w in wanted if w in columns)
        if hits > best_hits:
            best_hits = hits
            best = Header(r, columns, [lbl for lbl, w in zip(labels, wanted) if w not in columns],
                          {k: v for k, v in seen.items() if len(v) > 1 and k in wanted})
    if best is None:
        return Header(-1, {}, list(labels))
    return best
