"""A clerk's penjelasan that contradicts its own row (seed C10, C11).

The seed's explanations were typed by hand and often copied from another row:
"Realisasi (100%) sama dengan target (83%) … Sangat Berhasil" beside a capaian
of 120 %, "(5,88%) sama dengan target (5,88%) … (100%)" beside a target of 8,33
and an empty realisasi. The rule reads what the text claims, in the phrasing
the seed and the generated sentences use, and compares it with the row:

- the relation of realisasi to target ("sama dengan target", "lebih besar dari
  target", "belum mencapai target" …);
- the target it quotes ("target (5,88%)");
- the capaian it quotes ("Capaian … sebesar (100%)"), rounded as the text rounds it;
- the predikat it names ("kategori Sangat Berhasil"), or any predikat while the
  capaian cannot be computed.

Each contradiction is a Peringatan: the text is the clerk's, the numbers win.
"""

from __future__ import annotations

import re
from decimal import Decimal

from lakip_xl.findings import Finding, finding
from lakip_xl.measures import Range, Target, capaian
from lakip_xl.parse import format_number, parse_number_text, round_half_up
from lakip_xl.reconcile import Consolidation
from lakip_xl.settings import Settings

EQ, GT, LT = "sama dengan", "lebih besar dari", "lebih kecil dari"
_RELATIONS = (
    (re.compile(r"\bsama\s+dengan\s+target", re.I), EQ),
    (re.compile(r"\b(lebih\s+(besar|tinggi)\s+dari|melebihi|melampaui|di\s+atas)\s+target", re.I), GT),
    (re.compile(r"\b(lebih\s+(kecil|rendah)\s+dari|kurang\s+dari|di\s+bawah|belum\s+mencapai)\s+target", re.I), LT),
)
_TARGET = re.compile(r"\btarget\s*(?:sebesar\s*)?\(\s*([^()]*?)\s*\)", re.I)
_CAPAIAN = re.compile(r"\bcapaian[^%()\d]{0,60}?\(?\s*(\d[\d.,]*)\s*%", re.I)


def check_penjelasan(data: Consolidation, settings: Settings, findings: list[Finding]) -> None:
    names = sorted((c.name for c in settings.scale), key=len, reverse=True)
    category = re.compile("|".join(re.escape(n) for n in names), re.I) if names else None
    # whether an ASCII text names a predikat, as the pattern finds it (a tenth of validate when searched)
    lowered = [n.lower() for n in names] if all(n.isascii() for n in names) else None
    for row, got in data.program_rows():
        if got is None or not got[1].penjelasan:
            continue
        sub, item = got
        text = item.penjelasan
        low = text.lower()
        if "target" not in low and "capaian" not in low and not (category and (
                any(n in low for n in lowered) if lowered is not None and text.isascii()
                else category.search(text))):
            continue  # claims nothing the rule can check
        target = row.targets.get(data.tahun)
        value, _ = capaian(target, item.realisasi, row.polaritas, settings.negatif_formula)
        claimed, actual = [], []
        _relation(text, item.realisasi, target, claimed, actual)
        _target(text, target, claimed, actual)
        _capaian(text, value, claimed, actual)
        _predikat(text, category, value, settings, claimed, actual)
        if claimed:
            findings.append(finding("penjelasan-bertentangan", sub.name, "Program", item.cells.get("penjelasan", ""),
                                    kode=row.kode, disebut="; ".join(claimed), sebenarnya="; ".join(actual)))


def _relation(text: str, realisasi: Decimal | None, target: Target | None, claimed: list[str],
              actual: list[str]) -> None:
    if realisasi is None or target is None or isinstance(target, Range):
        return  # a Stabil range: "sama dengan target" has no meaning to check
    truth = EQ if realisasi == target else GT if realisasi > target else LT
    for pattern, said in _RELATIONS:
        if pattern.search(text) and said != truth:
            claimed.append(f"realisasi {said} target")
            actual.append(f"realisasi {_n(realisasi)} {truth} target {_n(target)}")
            return


def _target(text: str, target: Target | None, claimed: list[str], actual: list[str]) -> None:
    if target is None or isinstance(target, Range):
        return
    for m in _TARGET.finditer(text):
        quoted = m.group(1).rsplit("=", 1)[-1]  # "T = 19": the number after the sign
        if "/" in quoted:
            continue  # "26 industri/12 bulan", "6 kop/100": a ratio or two figures, not one target
        num = parse_number_text(quoted)
        if num.value is not None and num.value != target:
            claimed.append(f"target ({m.group(1)})")
            actual.append(f"target Renstra {_n(target)}")
            return


def _capaian(text: str, value: Decimal | None, claimed: list[str], actual: list[str]) -> None:
    m = _CAPAIAN.search(text)
    if m is None:
        return
    num = parse_number_text(m.group(1))
    if num.value is None:
        return
    if value is None:
        claimed.append(f"capaian {m.group(1)}%")
        actual.append("capaian belum dapat dihitung")
        return
    places = max(-num.value.as_tuple().exponent, 0)
    if round_half_up(value, places) != num.value:
        claimed.append(f"capaian {m.group(1)}%")
        actual.append(f"capaian {_n(round_half_up(value, 2))}%")


def _predikat(text: str, category: re.Pattern | None, value: Decimal | None, settings: Settings,
              claimed: list[str], actual: list[str]) -> None:
    if category is None:
        return
    named = {m.group(0).lower() for m in category.finditer(text)}
    if len(named) != 1:
        return  # none, or several (a sentence that explains the scale)
    said = next(c.name for c in settings.scale if c.name.lower() in named)
    truth = settings.predikat(value)
    if truth != said:
        claimed.append(f"kategori '{said}'")
        actual.append(f"kategori '{truth}'" if truth else "predikat belum dapat ditentukan")


def _n(value: Decimal) -> str:
    return format_number(value)
