"""Excel's own rules, in one place: A1 cell references and the limits a workbook must respect.

The only column-letter and A1 conversions of the package (XlsxWriter keeps its
own in ``utility.py``); every stage that names a cell (read, parse, the
findings, the report and the templates) uses these.
"""

from __future__ import annotations

import functools

#: characters a cell holds at most
MAX_TEXT = 32_767
#: characters of a sheet name
MAX_SHEET_NAME = 31
#: characters of a data validation's input or error message
MAX_VALIDATION_MESSAGE = 255
#: characters of a data validation's title
MAX_VALIDATION_TITLE = 32
#: rows of a worksheet
MAX_ROWS = 1_048_576
#: columns of a worksheet (XFD)
MAX_COLUMNS = 16_384
#: characters of a formula
MAX_FORMULA = 8_192
#: arguments of a function (SUM, COUNT …)
MAX_ARGUMENTS = 255


@functools.lru_cache(maxsize=1024)
def column_letters(col0: int) -> str:
    """0-based column → ``A``, ``Z``, ``AA`` … ``XFD``."""
    col = col0 + 1
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str | bytes) -> int:
    """``A`` → 0, ``XFD`` → 16383 (letters as text or bytes, upper case)."""
    n = 0
    for ch in letters.encode() if isinstance(letters, str) else letters:
        n = n * 26 + ch - 64
    return n - 1


def cell_ref(row0: int, col0: int) -> str:
    """0-based row and column → ``A1`` reference."""
    return f"{column_letters(col0)}{row0 + 1}"


def absolute_ref(sheet: str, row0: int, col0: int) -> str:
    """``'Capaian IKU'!$G$5`` for a 0-based cell."""
    return f"'{sheet}'!${column_letters(col0)}${row0 + 1}"


def column_range(col0: int, first_row0: int, last_row0: int) -> str:
    """``$C$2:$C$41``: a column of rows, absolute."""
    letters = column_letters(col0)
    return f"${letters}${first_row0 + 1}:${letters}${last_row0 + 1}"


def split_ref(ref: str) -> tuple[int, int]:
    """``AB12`` → ``(11, 27)`` (0-based row, column); ``(-1, -1)`` for an empty or odd reference."""
    letters = "".join(ch for ch in ref if ch.isalpha()).upper()
    digits = "".join(ch for ch in ref if ch.isdigit())
    if not letters or not digits:
        return (-1, -1)
    return (int(digits) - 1, column_index(letters))


def literal(text: str) -> str:
    """Text as a formula's string literal: every text that enters a formula goes through here.

    A ``"`` is doubled, so a predikat named ``Sangat "Baik"`` stays one string and
    no name can close the string and inject a function (``HYPERLINK`` …).
    """
    return '"' + text.replace('"', '""') + '"'
