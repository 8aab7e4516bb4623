"""Rules on money: realisasi above pagu, sums that do not add up, DPA against Renstra."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lakip_xl.findings import Finding, finding
from lakip_xl.model import Submission, SubmittedProgram, children_of, rollup, with_ancestors
from lakip_xl.rules.context import Consolidation
from lakip_xl.settings import Settings

SHEET = "Program"


@dataclass
class Amounts:
    """The budget a unit gave for one code (the first of the code's rows that has one)."""

    sub: Submission
    item: SubmittedProgram
    pagu: Decimal | None
    realisasi: Decimal | None


def budget_rows(data: Consolidation, findings: list[Finding] | None = None) -> dict[str, Amounts]:
    """Code → the amounts submitted for it; a second row of the same code with amounts is reported."""
    out: dict[str, Amounts] = {}
    for sub, item in sorted(data.program.values(), key=lambda x: (x[0].name, x[1].row)):
        if item.pagu is None and item.realisasi_anggaran is None:
            continue
        if item.kode in out:
            if findings is not None:
                findings.append(finding("anggaran-ganda", sub.name, SHEET, item.cells["pagu"], kode=item.kode,
                                        baris=out[item.kode].item.row))
            continue
        out[item.kode] = Amounts(sub, item, item.pagu, item.realisasi_anggaran)
    return out


def check_budget(data: Consolidation, settings: Settings, findings: list[Finding]) -> None:
    given = budget_rows(data, findings)
    data.budget = given
    codes = with_ancestors([p.kode for p in data.renstra.program] + list(given))
    kids = children_of(codes)
    rolled = {
        "pagu": rollup({k: a.pagu for k, a in given.items()}, codes, kids),
        "realisasi_anggaran": rollup({k: a.realisasi for k, a in given.items()}, codes, kids),
    }
    for code, a in given.items():
        if a.pagu is not None and a.realisasi is not None and a.realisasi > a.pagu:
            findings.append(finding("realisasi-melebihi-pagu", a.sub.name, SHEET, a.item.cells["realisasi_anggaran"],
                                    kode=code, realisasi=_rp(a.realisasi), pagu=_rp(a.pagu)))
        children = [k for k in kids.get(code, []) if rolled["pagu"].get(k) is not None
                    or rolled["realisasi_anggaran"].get(k) is not None]
        if children:
            _check_sum(findings, settings, a, code, "pagu", "Pagu", a.pagu, rolled)
            _check_sum(findings, settings, a, code, "realisasi_anggaran", "Realisasi Anggaran", a.realisasi, rolled)
    renstra_pagu = {}
    for p in data.renstra.program:
        renstra_pagu.setdefault(p.kode, p.pagu.get(data.tahun))
    for code, a in given.items():
        if kids.get(code) or a.pagu is None:
            continue
        plan = renstra_pagu.get(code)
        if plan is not None and plan != a.pagu:
            findings.append(finding("pagu-berbeda-renstra", a.sub.name, SHEET, a.item.cells["pagu"], kode=code,
                                    pagu=_rp(a.pagu), renstra=_rp(plan), tahun=data.tahun,
                                    selisih=_rp(a.pagu - plan)))


def _check_sum(findings: list[Finding], settings: Settings, a: Amounts, code: str, attr: str, label: str,
               value: Decimal | None, rolled: dict[str, dict[str, Decimal | None]]) -> None:
    """A kegiatan / program amount a unit typed must equal the sum of its children.

    A zero is read as "not filled" (a SUM formula whose value was never stored).
    """
    if value is None or value == 0:
        return
    kids_sum = rolled[attr].get(code)
    if kids_sum is None or kids_sum == value:
        return
    diff = value - kids_sum
    rule = "jumlah-selisih-pembulatan" if abs(diff) <= settings.rupiah_tolerance else "jumlah-tidak-sesuai"
    findings.append(finding(rule, a.sub.name, SHEET, a.item.cells[attr], kolom=label, kode=code,
                            terbaca=_rp(value), jumlah=_rp(kids_sum), selisih=_rp(abs(diff))))


def _rp(value: Decimal) -> str:
    from lakip_xl.parse import format_number

    return format_number(value)
