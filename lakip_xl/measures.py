"""The indicator and budget formulas: pure functions shared by the rules and compute.

Capaian Positif = Realisasi / Target × 100; Negatif = Target / Realisasi × 100
(or ``(2T − R) / T × 100`` with ``negatif = "selisih"``); a percentage of a
whole. Decimal in, Decimal out, full precision; nothing raises.
"""

from __future__ import annotations

from decimal import Decimal

HUNDRED = Decimal(100)


def capaian(target: Decimal | None, realisasi: Decimal | None, polaritas: str,
            negatif_formula: str = "rasio") -> tuple[Decimal | None, str | None]:
    """(capaian, why not) for one indicator; never raises."""
    if realisasi is None:
        return None, "realisasi kosong"
    if target is None:
        return None, "target tahun ini kosong di Renstra"
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


def percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or whole is None or whole == 0:
        return None
    return part / whole * HUNDRED
