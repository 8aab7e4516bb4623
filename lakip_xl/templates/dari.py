"""``lakip template --triwulan N --dari WORKBOOK``: what a previous quarterly consolidation already holds.

The previous quarter's consolidated workbook (``LAKIP_2025_TW1_….xlsx``) carries, in sheet ``Capaian
Triwulan``, every indicator's realisasi of each quarter and every code's realisasi anggaran of each
quarter. The next quarter's templates show those quarters filled and locked, so a bidang reports only
the new quarter and the earlier ones stay as consolidated (a correction goes through the secretariat).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from lakip_xl.errors import InputError
from lakip_xl.model import QUARTERS, key_text
from lakip_xl.parse import INVALID, parse_number, parse_text, safe_name
from lakip_xl.read import ReadFailure, document_properties, read_workbook
from lakip_xl.report.capaian_triwulan import NAME as SHEET
from lakip_xl.report.workbook import QUARTER_PROPERTY, YEAR_PROPERTY
from lakip_xl.table import Table

Quarters = tuple[Decimal | None, ...]


@dataclass
class Previous:
    """The quarters I … ``triwulan`` a consolidation already holds, by indicator and by code."""

    tahun: int
    triwulan: int
    #: ``(Kode Indikator, "")`` of an IKU, :attr:`~lakip_xl.model.ProgramRow.key` of a program row → quarters
    realisasi: dict[tuple[str, str], Quarters] = field(default_factory=dict)
    #: code → realisasi anggaran of each quarter
    anggaran: dict[str, Quarters] = field(default_factory=dict)


def read_previous(path: Path) -> Previous:
    """The previous quarter's consolidation; :class:`InputError` when ``path`` is not one."""
    shown = safe_name(str(path))
    if not path.is_file():
        raise InputError(f"--dari: berkas {shown} tidak ditemukan.")
    props = document_properties(path)
    try:
        triwulan, tahun = int(props[QUARTER_PROPERTY]), int(props[YEAR_PROPERTY])
    except (KeyError, ValueError):
        raise InputError(f"--dari: {shown} bukan workbook konsolidasi triwulan dari lakip-xl "
                         "(misalnya output/LAKIP_2025_TW1_….xlsx).") from None
    raw = read_workbook(path)
    if isinstance(raw, ReadFailure):
        raise InputError(f"--dari: {shown} tidak dapat dibaca: {raw.reason}.")
    try:
        sheet = raw.sheet(SHEET)
        if sheet is None:
            raise InputError(f"--dari: {shown} tidak punya lembar '{SHEET}'.")
        return _read(Table(sheet, ["Tingkat", "Kode", "Indikator"]), tahun, triwulan)
    finally:
        raw.close()


def _read(table: Table, tahun: int, triwulan: int) -> Previous:
    out = Previous(tahun, triwulan)
    for r in table.rows():
        kode = parse_text(table.get(r, "Kode"))
        if not kode:
            continue
        iku = parse_text(table.get(r, "Tingkat")) == "IKU"
        key = (kode, "" if iku else key_text(parse_text(table.get(r, "Indikator"))))
        out.realisasi[key] = _quarters(table, r, "Realisasi TW", triwulan)
        money = _quarters(table, r, "Realisasi Anggaran TW", triwulan)
        if not iku and kode not in out.anggaran and any(v is not None for v in money):
            out.anggaran[kode] = money
    return out


def _quarters(table: Table, r: int, prefix: str, triwulan: int) -> Quarters:
    values = []
    for q in QUARTERS[:triwulan]:
        num = parse_number(table.get(r, f"{prefix} {q}"))
        values.append(num.value if num.status != INVALID else None)
    return tuple(values)
