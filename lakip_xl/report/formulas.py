"""The Excel formulas of the calculations, built from the same settings as :mod:`lakip_xl.compute`.

Each function returns formula text for cell references given as strings, so
a table writer composes them without knowing the rules. Empty inputs give
``""`` (an empty cell), as the Python side gives ``None``.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from lakip_xl.excel import literal
from lakip_xl.measures import Categorical, Range, Target
from lakip_xl.settings import Settings


def _num(d: Decimal) -> str:
    return format(d.normalize(), "f")


def criterion(text: str) -> str:
    """Text as a COUNTIF / SUMIF criterion that matches exactly that text (no wildcard, no comparison)."""
    escaped = re.sub(r"([~*?])", r"~\1", text)
    return literal("=" + escaped if escaped[:1] in ("<", ">", "=") else escaped)


def capaian(target: str, realisasi: str, polaritas: str, settings: Settings, value: Target | None = None,
            real: Decimal | None = None) -> str:
    """The capaian formula of :mod:`lakip_xl.measures`' table; ``value`` is the target itself, whose bounds a
    Stabil range puts into the formula as numbers (its cell shows the range as text), ``real`` the
    realisasi: a category against a number (or a number against a category) has no capaian."""
    if value is not None and real is not None and isinstance(value, Categorical) != isinstance(real, Categorical):
        return '=""'
    if polaritas == "Stabil" or isinstance(value, Range):
        lo, hi = (value.lo, value.hi) if isinstance(value, Range) else (target, target)
        return _stabil(target, realisasi, lo, hi)
    if polaritas == "Negatif":
        if settings.negatif_formula == "selisih":
            return (f'=IF(OR({target}="",{realisasi}=""),"",IF({target}=0,"",'
                    f'(2*{target}-{realisasi})/{target}*100))')
        return f'=IF(OR({target}="",{realisasi}=""),"",IF({realisasi}=0,"",{target}/{realisasi}*100))'
    return f'=IF(OR({target}="",{realisasi}=""),"",IF({target}=0,"",{realisasi}/{target}*100))'


def _stabil(target: str, realisasi: str, lo: Decimal | str | None, hi: Decimal | str | None) -> str:
    """100 inside lo…hi, R / lo × 100 below, hi / R × 100 above; a bound is a number or a cell."""
    expr = "100"
    if hi is not None:
        if isinstance(hi, Decimal):  # a number: its sign is known now
            h = _num(hi)
            above = '""' if hi < 0 else f"{h}/{realisasi}*100"
        else:  # a cell: Excel tests it
            h = hi
            above = f'IF({h}<0,"",{h}/{realisasi}*100)'
        expr = f"IF({realisasi}>{h},{above},{expr})"
    if lo is not None:
        if isinstance(lo, Decimal):
            low = _num(lo)
            below = '""' if lo <= 0 else f"{realisasi}/{low}*100"
        else:
            low = lo
            below = f'IF({low}<=0,"",{realisasi}/{low}*100)'
        expr = f"IF({realisasi}<{low},{below},{expr})"
    return f'=IF(OR({target}="",{realisasi}=""),"",{expr})'


def predikat(value: str, settings: Settings) -> str:
    """Nested IF over the ordinal scale: ``X > 85`` → Sangat Berhasil, …"""
    return _predikat_template(settings.scale).replace("\x00", value)


@functools.lru_cache(maxsize=8)
def _predikat_template(scale: tuple) -> str:
    # built once per scale with a placeholder for the cell: one formula per indicator row
    value = "\x00"
    expr = literal(scale[-1].name)
    for cat in reversed(scale[:-1]):
        expr = f'IF({value}>{_num(cat.lower)},{literal(cat.name)},{expr})'
    return f'=IF({value}="","",{expr})'


def nilai_kelompok(predikat_range: str, settings: Settings) -> str:
    """Metode Rata-Rata Data Kelompok over the predikat cells of a group of indicators."""
    weighted = "+".join(f"COUNTIF({predikat_range},{criterion(c.name)})*{_num(c.mean)}" for c in settings.scale)
    count = "+".join(f"COUNTIF({predikat_range},{criterion(c.name)})" for c in settings.scale)
    return f'=IF(({count})=0,"",({weighted})/({count}))'


def percent(part: str, whole: str) -> str:
    return f'=IF(OR({whole}="",{part}="",{whole}=0),"",{part}/{whole}*100)'


def difference(a: str, b: str) -> str:
    return f'=IF(OR({a}="",{b}=""),"",{a}-{b})'


def total(cells: list[str]) -> str:
    """Sum that stays empty when none of its cells has a value (the roll-up rule)."""
    if not cells:
        return '=""'
    groups = [",".join(cells[i:i + 200]) for i in range(0, len(cells), 200)]  # ≤ 255 arguments each
    count = "+".join(f"COUNT({g})" for g in groups)
    summed = "+".join(f"SUM({g})" for g in groups)
    return f'=IF({count}=0,"",{summed})'


def total_where(label_range: str, label: str | tuple[str, ...], value_range: str) -> str:
    """Sum of ``value_range`` on the rows whose ``label_range`` cell is ``label`` (or one of several labels).

    Empty when none of those rows has a number. The numbers are counted with COUNTIFS and numeric
    criteria, which every engine evaluates alike (Gnumeric reads ``SUMPRODUCT(…*ISNUMBER(range))``
    as 0, which emptied the total there).
    """
    labels = (label,) if isinstance(label, str) else label
    count = "+".join(f'COUNTIFS({label_range},{criterion(x)},{value_range},"{op}")' for x in labels
                     for op in (">=0", "<0"))
    summed = "+".join(f"SUMIF({label_range},{criterion(x)},{value_range})" for x in labels)
    return f'=IF(({count})=0,"",{summed})'


def ref(cell: str) -> str:
    """A plain reference that shows an empty source as empty (not 0)."""
    return f'=IF({cell}="","",{cell})'


def count_of(range_: str, text: str) -> str:
    """``=COUNTIF(range, text)``: how many cells of ``range_`` hold exactly ``text``."""
    return f"=COUNTIF({range_},{criterion(text)})"


def kumulatif(cells: list[str], akumulasi: str, last: int | None) -> str:
    """Quarters ``cells`` (TW I … N) as one value by Akumulasi: ``Jumlah`` their sum, ``Rata-rata`` their mean
    (both of the quarters given), ``Terakhir`` the cell of the latest quarter given (``last``, its index)."""
    args = ",".join(cells)
    if akumulasi == "Jumlah":
        return f'=IF(COUNT({args})=0,"",SUM({args}))'
    if akumulasi == "Rata-rata":
        return f'=IF(COUNT({args})=0,"",AVERAGE({args}))'
    return ref(cells[last]) if last is not None else '=""'
