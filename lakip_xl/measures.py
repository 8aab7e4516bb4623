"""The indicator and budget formulas, in one table: pure functions shared by the rules and compute.

========  ==============================  ==========================================================
Polaritas  Target                          Capaian (%)
========  ==============================  ==========================================================
Positif    a number T                      R / T × 100
Negatif    a number T                      T / R × 100 (``negatif = "rasio"``, the default), or
                                           (2T − R) / T × 100 (``negatif = "selisih"``)
Stabil     a range lo–hi, ``≥ lo``,        100 inside the range; R / lo × 100 below it;
           ``≤ hi`` (or one number T,      hi / R × 100 above it (a range with one side open has
           the range T–T)                  no limit on that side)
========  ==============================  ==========================================================

R is the realisasi. Decimal in, Decimal out, full precision; nothing raises: a value that cannot be
computed is ``None`` with the reason. The Excel formulas of the workbook
(:mod:`lakip_xl.report.formulas`) follow the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Range:
    """A Stabil target: the realisasi should lie within ``lo``…``hi`` (``None``: that side is open)."""

    lo: Decimal | None
    hi: Decimal | None

    def __str__(self) -> str:
        n = plain_number
        if self.lo is not None and self.hi is not None:
            return n(self.lo) if self.lo == self.hi else f"{n(self.lo)}–{n(self.hi)}"
        if self.lo is not None:
            return f"≥ {n(self.lo)}"
        return f"≤ {n(self.hi)}" if self.hi is not None else "-"


Target = Decimal | Range


def plain_number(d: Decimal) -> str:
    """A bound or a limit as people write it, decimal comma and no grouping: 80, 7,5 (never 80,00 nor 1E+2)."""
    return format(d.normalize(), "f").replace(".", ",")


def capaian(target: Target | None, realisasi: Decimal | None, polaritas: str,
            negatif_formula: str = "rasio") -> tuple[Decimal | None, str | None]:
    """(capaian, why not) for one indicator, by the table above; never raises."""
    if realisasi is None:
        return None, "realisasi kosong"
    if target is None:
        return None, "target tahun ini kosong di Renstra"
    if isinstance(target, Range) or polaritas == "Stabil":
        return _stabil(target if isinstance(target, Range) else Range(target, target), realisasi)
    if polaritas == "Negatif":
        if negatif_formula == "selisih":
            if target == 0:
                return None, "target 0 pada indikator Negatif"
            return (2 * target - realisasi) / target * HUNDRED, None
        if realisasi == 0:
            return None, "realisasi 0 pada indikator Negatif (pembagian dengan nol)"
        return target / realisasi * HUNDRED, None
    if target == 0:
        return None, "target 0 (pembagian dengan nol)"
    return realisasi / target * HUNDRED, None


def position(realisasi: Decimal, target: Range) -> int:
    """-1 below a Stabil target's range, 0 inside it, 1 above it."""
    if target.lo is not None and realisasi < target.lo:
        return -1
    if target.hi is not None and realisasi > target.hi:
        return 1
    return 0


def _stabil(target: Range, realisasi: Decimal) -> tuple[Decimal | None, str | None]:
    if target.lo is not None and realisasi < target.lo:
        if target.lo <= 0:
            return None, "batas bawah rentang target 0 atau negatif (pembagian dengan nol)"
        return realisasi / target.lo * HUNDRED, None
    if target.hi is not None and realisasi > target.hi:
        if target.hi < 0:
            return None, "batas atas rentang target negatif"
        return target.hi / realisasi * HUNDRED, None
    return HUNDRED, None


def percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or whole is None or whole == 0:
        return None
    return part / whole * HUNDRED
