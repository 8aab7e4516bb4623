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
Positif    a category (``WTP``, ``A``,     score(R) / score(T) × 100, the scores from the settings'
           ``Level 3``)                    table ``[kategori]`` (:class:`Categorical`)
========  ==============================  ==========================================================

R is the realisasi.

Quarters combine by the indicator's ``Akumulasi`` (:func:`combine`): ``Jumlah`` adds the quarters
given (events, documents, people served), ``Terakhir`` takes the latest quarter given (percentages,
states, indices: never summed), ``Rata-rata`` their mean. Money always adds up.
 Decimal in, Decimal out, full precision; nothing raises: a value that cannot be
computed is ``None`` with the reason. The Excel formulas of the workbook
(:mod:`lakip_xl.report.formulas`) follow the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

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


class Categorical(Decimal):
    """A categorical target or realisasi: Opini BPK ``WTP``, predikat SAKIP ``A``, ``Level 3``.

    It is its score from the settings' table (``[kategori]``), a Decimal, so capaian is score(R) /
    score(T) × 100 like any Positif indicator, and every sum, comparison and Excel formula works on it;
    ``label`` is what a cell shows (the workbook stores the score under a number format of the label).
    """

    label: str

    def __new__(cls, label: str, score: Decimal | int | str) -> "Categorical":
        self = super().__new__(cls, score)
        self.label = label
        return self

    def __reduce__(self):  # noqa: ANN204 - pickled to worker processes
        return (Categorical, (self.label, str(Decimal(self))))

    def __repr__(self) -> str:
        return f"Categorical({self.label!r}, {Decimal(self)})"

    def __str__(self) -> str:
        return self.label


Target = Decimal | Range


JUMLAH, TERAKHIR, RATA_RATA = "Jumlah", "Terakhir", "Rata-rata"


def combine(values: Sequence[Target | None], akumulasi: str) -> Target | None:
    """Quarters I…N as one value, by ``akumulasi``; quarters left empty are skipped, ``None`` when all are.

    A range (a Stabil target) or a category is never added or averaged: the latest one stands.
    """
    given = [v for v in values if v is not None]
    if not given:
        return None
    if akumulasi == TERAKHIR or any(isinstance(v, (Range, Categorical)) for v in given):
        return given[-1]
    total = sum(given, Decimal(0))  # type: ignore[arg-type]
    return total if akumulasi == JUMLAH else total / len(given)


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
    if isinstance(target, Categorical) != isinstance(realisasi, Categorical):
        if isinstance(target, Categorical):
            return None, f"targetnya kategori ({target.label}); isi realisasi berupa kategori juga"
        return None, f"realisasi berupa kategori ({realisasi.label}) sedangkan targetnya angka"  # type: ignore[union-attr]
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
