"""A sheet seen as a table: its header row found by labels, rows read by label.

Part of the parse stage: it turns a :class:`~lakip_xl.read.RawSheet` into
(label → raw value, A1 cell) lookups, whatever the column order, title block
or header spelling (the contract's matching rules are in
:func:`lakip_xl.parse.find_header`).
"""

from __future__ import annotations

from typing import Any, Iterator

from lakip_xl.excel import cell_ref, column_letters
from lakip_xl.parse import Header, find_header, norm_header
from lakip_xl.read import RawSheet


class RowCells:
    """Where the values of one submitted row are: ``cells["realisasi"]`` → ``"G7"``.

    One small object per row with the column letters shared by the table (a
    large consolidation holds hundreds of thousands of rows).
    """

    __slots__ = ("row", "letters")

    def __init__(self, row: int, letters: dict[str, str]) -> None:
        self.row, self.letters = row, letters

    def __getitem__(self, key: str) -> str:
        return f"{self.letters[key]}{self.row}"

    def get(self, key: str, default: str = "") -> str:
        return self[key] if key in self.letters else default


class Table:
    def __init__(self, sheet: RawSheet, labels: list[str]) -> None:
        self.sheet = sheet
        self.header: Header = find_header(sheet.rows, labels)
        self._cols = dict(self.header.columns)
        #: label as the caller spells it → column (``norm_header`` is a regex; rows ask per cell)
        self._by_label: dict[str, int | None] = {}
        self._letters: dict[str, str] = {}
        self._row_letters: dict[tuple, dict[str, str]] = {}

    @property
    def name(self) -> str:
        return self.sheet.name

    @property
    def missing(self) -> list[str]:
        return self.header.missing

    def has(self, label: str) -> bool:
        return self.col(label) is not None

    def col(self, label: str) -> int | None:
        try:
            return self._by_label[label]
        except KeyError:
            col = self._by_label[label] = self._cols.get(norm_header(label))
            return col

    def header_ref(self, label: str) -> str:
        col = self.col(label)
        return cell_ref(self.header.row, col) if col is not None and self.header.row >= 0 else ""

    def fill_merged(self, labels: list[str]) -> None:
        """Copy the value of a merged range into every cell it covers, for these columns.

        A clerk who merges ``Kode`` over the two indicator rows of one code means
        the code of both rows.
        """
        cols = {self.col(lbl) for lbl in labels} - {None}
        rows = self.sheet.rows
        for (r0, c0), (r1, c1) in self.sheet.merged:
            if r1 <= self.header.row:
                continue
            value = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else None
            for r in range(max(r0, self.header.row + 1), min(r1, len(rows) - 1) + 1):
                for c in range(c0, c1 + 1):
                    if c in cols and c < len(rows[r]) and rows[r][c] is None:
                        rows[r][c] = value

    def rows(self) -> Iterator[int]:
        """0-based indices of the data rows that have a value in a known column."""
        cols = sorted(set(self._cols.values()))
        rows = self.sheet.rows
        for r in range(self.header.row + 1, len(rows)):
            if _filled(rows[r], cols):
                yield r

    def data_rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(row index, row) of every data row below the header, streamed sheets included."""
        rows = self.sheet.rows
        for r in self.rows():
            yield r, rows[r]
        if self.sheet.more is not None:
            cols = sorted(set(self._cols.values()))
            for r, row in self.sheet.more:
                if _filled(row, cols):
                    yield r, row

    def value(self, row: list[Any], label: str) -> Any:
        """The cell of ``label`` in a row from :meth:`data_rows`."""
        col = self.col(label)
        return row[col] if col is not None and col < len(row) else None

    def get(self, r: int, label: str) -> Any:
        col = self.col(label)
        if col is None:
            return None
        row = self.sheet.rows[r]
        return row[col] if col < len(row) else None

    def ref(self, r: int, label: str) -> str:
        return f"{self._column_letters(label)}{r + 1}"

    def refs(self, r: int, labels: tuple[tuple[str, str], ...]) -> "RowCells":
        """The A1 cells of row ``r`` by key, for ``((key, label), …)`` (a missing column gives column A)."""
        letters = self._row_letters.get(labels)
        if letters is None:
            letters = self._row_letters[labels] = {k: self._column_letters(label) for k, label in labels}
        return RowCells(r + 1, letters)

    def _column_letters(self, label: str) -> str:
        letters = self._letters.get(label)
        if letters is None:
            col = self.col(label)
            letters = self._letters[label] = column_letters(0 if col is None else col)
        return letters

    def cleaned(self) -> Iterator[tuple[str, str, str, str]]:
        """(cell, column label, what was removed, text) of every cell below the header whose text lost
        invisible characters when read."""
        head = self.sheet.rows[self.header.row] if 0 <= self.header.row < len(self.sheet.rows) else []
        labels = {c: str(head[c]).strip() for c in self._cols.values() if c < len(head) and head[c] is not None}
        for r, c, removed in self.sheet.cleaned:
            if r <= self.header.row:
                continue
            row = self.sheet.rows[r] if r < len(self.sheet.rows) else []  # a streamed row is not kept
            text = row[c] if c < len(row) and row[c] is not None else "-"
            yield cell_ref(r, c), labels.get(c, "Sel"), ", ".join(removed), str(text)

    def year_columns(self, prefix: str) -> dict[int, int]:
        return self.header.years(prefix)

    def get_col(self, r: int, col: int) -> Any:
        row = self.sheet.rows[r]
        return row[col] if col < len(row) else None


def _filled(row: list[Any], cols: list[int]) -> bool:
    """Whether the row has a value (not blank text) in one of these columns."""
    n = len(row)
    for c in cols:
        if c < n:
            v = row[c]
            if v is not None and not (isinstance(v, str) and not v.strip()):
                return True
    return False


def key_value_rows(sheet: RawSheet, key_label: str = "Atribut", value_label: str = "Nilai") -> tuple[dict[str, Any], dict[str, str], list[str]]:
    """An ``Atribut | Nilai`` sheet → ({normalised attribute: raw value}, {attribute: A1 of value}, missing labels)."""
    table = Table(sheet, [key_label, value_label])
    if table.missing:
        return {}, {}, table.missing
    kc, vc = table.col(key_label), table.col(value_label)
    values: dict[str, Any] = {}
    refs: dict[str, str] = {}
    for r in table.rows():
        key = table.get_col(r, kc)  # type: ignore[arg-type]
        if not isinstance(key, str) or not key.strip():
            continue
        k = norm_header(key)
        if k not in values:
            values[k] = table.get_col(r, vc)  # type: ignore[arg-type]
            refs[k] = cell_ref(r, vc)  # type: ignore[arg-type]
    return values, refs, []
