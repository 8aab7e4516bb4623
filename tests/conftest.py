"""Shared fixtures: the bundled sample, the seed's reference figures, readers of written workbooks."""

from __future__ import annotations

import json
import os
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "input"
RENSTRA = SAMPLE / "renstra.xlsx"
REFERENCE = ROOT / "data" / "reference" / "lakip_2021_dkump_pontianak.json"


def rows_of(path: Path, sheet: str) -> list[list]:
    """A sheet's cells as a reader without a formula engine sees them (python-calamine)."""
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(path))
    try:
        return [[None if v == "" else v for v in row]
                for row in wb.get_sheet_by_name(sheet).to_python(skip_empty_area=False)]
    finally:
        wb.close()


def table(path: Path, sheet: str, key: str) -> dict[str, dict[str, object]]:
    """A contract sheet (header in row 1) as {key column value: {header: value}}."""
    rows = rows_of(path, sheet)
    header = rows[0]
    out = {}
    for row in rows[1:]:
        record = dict(zip(header, row))
        k = record.get(key)
        if k is not None and k not in out:
            out[k] = record
    return out


def set_cells(path: Path, sheet: str, **cells) -> None:
    """Type values into a workbook's cells, as a clerk would: ``set_cells(p, "Program", G17=4)``."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        wb[sheet][ref] = value
    wb.save(path)


def append_rows(path: Path, sheet: str, *rows: dict[int, object]) -> int:
    """Append rows (``{column number: value}``) below a sheet's last row; returns the first one's number."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    first = ws.max_row + 1
    for i, row in enumerate(rows):
        for col, value in row.items():
            ws.cell(first + i, col, value)
    wb.save(path)
    return first


def copy_sheet(source: Path, target: Path, sheet: str) -> None:
    """Copy one sheet's values into another workbook, as a clerk pasting another unit's sheet would."""
    import openpyxl

    src = openpyxl.load_workbook(source)[sheet]
    wb = openpyxl.load_workbook(target)
    ws = wb.create_sheet(sheet)
    for row in src.iter_rows():
        for c in row:
            ws.cell(row=c.row, column=c.column, value=c.value)
    wb.save(target)


def half_up(x, places: int = 0) -> Decimal:
    return Decimal(str(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@pytest.fixture(scope="session")
def reference() -> dict:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory):
    """The bundled sample consolidated once per test session."""
    from lakip_xl.consolidate import consolidate

    out = tmp_path_factory.mktemp("sample") / "LAKIP_2021.xlsx"
    return consolidate(SAMPLE, RENSTRA, output=out)


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    """A throwaway copy of input/ to break things in."""
    target = tmp_path / "input"
    shutil.copytree(SAMPLE, target)
    return target


def soffice() -> str:
    """The LibreOffice binary; skip the test without it (fail instead when CI requires it)."""
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        if os.environ.get("LAKIP_REQUIRE_LIBREOFFICE"):
            pytest.fail("LibreOffice (soffice) is required here but not installed")
        pytest.skip("LibreOffice is not installed")
    return path
