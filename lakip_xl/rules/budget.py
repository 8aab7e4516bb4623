"""Rules on money: realisasi above pagu, typed sums that do not add up, DPA against Renstra, IKU without budget."""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.findings import Finding, finding
from lakip_xl.model import PENDUKUNG
from lakip_xl.parse import format_number
from lakip_xl.reconcile import Amounts, Consolidation
from lakip_xl.settings import Settings

SHEET = "Program"


def check_budget(data: Consolidation, settings: Settings, findings: list[Finding]) -> None:
    for code, a in data.budget.items():
        if a.pagu is not None and a.realisasi is not None and a.realisasi > a.pagu:
            findings.append(finding("realisasi-melebihi-pagu", a.sub.name, SHEET, a.item.cells["realisasi_anggaran"],
                                    kode=code, realisasi=_rp(a.realisasi), pagu=_rp(a.pagu)))
    for code, a in data.totals.items():
        _check_sum(data, findings, settings, code, a, "pagu", "Pagu", a.pagu, data.pagu)
        _check_sum(data, findings, settings, code, a, "realisasi_anggaran", "Realisasi Anggaran", a.realisasi,
                   data.realisasi)
    _check_plan(data, findings)
    _check_funded(data, findings)


def _check_sum(data: Consolidation, findings: list[Finding], settings: Settings, code: str, a: Amounts, attr: str,
               label: str, value: Decimal | None, rolled: dict[str, Decimal | None]) -> None:
    """A kegiatan / programme amount a unit typed must equal the sum of its leaves, over every unit.

    A zero is read as "not filled" (a SUM formula whose value was never stored). A
    unit's own part of a programme shared with other units is accepted as such (the
    SUM of an older template over the unit's own rows); the sum is not judged while
    another unit's part is missing.
    """
    whole = rolled.get(code)
    if value is None or value == 0 or whole is None or whole == value or not data.owners_sent(code):
        return
    tree = data.renstra.tree
    leaves = tree.leaves_under(code)
    if any(tree[leaf].bidang != tree[code].bidang for leaf in leaves):
        own = [getattr(data.budget[leaf], "pagu" if attr == "pagu" else "realisasi") for leaf in leaves
               if leaf in data.budget and data.budget[leaf].sub is a.sub]
        if sum((v for v in own if v is not None), Decimal(0)) == value:
            return
    diff = value - whole
    rule = "jumlah-selisih-pembulatan" if abs(diff) <= settings.rupiah_tolerance else "jumlah-tidak-sesuai"
    findings.append(finding(rule, a.sub.name, SHEET, a.item.cells[attr], kolom=label, kode=code,
                            terbaca=_rp(value), jumlah=_rp(whole), selisih=_rp(abs(diff))))


def _check_plan(data: Consolidation, findings: list[Finding]) -> None:
    """DPA pagu against the Renstra's indicative funding of the year (seed C18)."""
    for node, a in data.leaf_budgets():
        if not node.rows or node.children:
            continue
        code = node.kode
        plan = node.rows[0].pagu.get(data.tahun)
        if a is not None and a.pagu is not None:
            if plan is not None and plan != a.pagu:
                findings.append(finding("pagu-berbeda-renstra", a.sub.name, SHEET, a.item.cells["pagu"], kode=code,
                                        pagu=_rp(a.pagu), renstra=_rp(plan), tahun=data.tahun,
                                        selisih=_rp(a.pagu - plan)))
        elif plan:
            got = data.program.get(node.rows[0].key)
            if got is not None:  # the row is in the owner's report, its Pagu left empty
                sub, item = got
                findings.append(finding("pagu-dpa-kosong", sub.name, SHEET, item.cells["pagu"], kode=code,
                                        tahun=data.tahun, renstra=_rp(plan)))


def _check_funded(data: Consolidation, findings: list[Finding]) -> None:
    """An IKU reported as achieved while no code supporting its sasaran has a budget (seed C22)."""
    funded = {node.kode_sasaran for node, a in data.leaf_budgets() if a is not None and a.pagu
              and node.group == PENDUKUNG}
    for iku in data.renstra.iku:
        got = data.iku.get(iku.kode_indikator)
        if got is None or got[1].realisasi is None or iku.kode_sasaran in funded:
            continue
        sub, item = got
        findings.append(finding("capaian-tanpa-anggaran", sub.name, "IKU", item.cells["realisasi"],
                                kode=iku.kode_indikator, indikator=iku.indikator, sasaran=iku.kode_sasaran,
                                tahun=data.tahun))


def _rp(value: Decimal | None) -> str:
    return format_number(value) if value is not None else "-"
