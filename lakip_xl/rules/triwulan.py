"""Rules of a quarterly run: each report of the run's quarter, no quarter left empty, quarters typed as
running totals, realisasi anggaran far above the quarter's anggaran kas.

Realisasi anggaran above the pagu is :mod:`lakip_xl.rules.budget`'s (on the sum of the quarters).
"""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.findings import Finding, finding
from lakip_xl.measures import JUMLAH, Range
from lakip_xl.model import QUARTERS, Submission
from lakip_xl.parse import format_number
from lakip_xl.reconcile import Consolidation

#: Realisasi anggaran of a quarter above its anggaran kas by more than this share is a Peringatan.
KAS_TOLERANCE = Decimal("0.25")
#: Three or more quarters of a ``Jumlah`` indicator that rise steadily, add up to more than this multiple
#: of the annual target while the latest alone stays within it, look like running totals typed where
#: each quarter's own figure belongs.
RUNNING_TOTAL_FACTOR = Decimal("1.5")


def check_triwulan(data: Consolidation, findings: list[Finding]) -> None:
    n = data.triwulan
    if n is None:
        return
    for sub in data.submissions:
        _period(sub, n, findings)
    renstra, tahun = data.renstra, data.tahun
    for kode, (sub, item) in data.iku.items():
        iku = renstra.iku_by_code()[kode]
        _quarters(sub, "IKU", item.cells, item.quarters, n, kode, iku.indikator, iku.akumulasi, iku.target(tahun),
                  findings)
    rows = renstra.program_by_key()
    for key, (sub, item) in data.program.items():
        p = rows[key]
        _quarters(sub, "Program", item.cells, item.quarters, n, p.kode, p.indikator or "-", p.akumulasi,
                  p.targets.get(tahun), findings)
    plans = renstra.rencana_aksi_of(tahun)
    for code, a in data.budget.items():
        typed = a.item.anggaran_quarters
        plan = next((plans[p.key] for p in renstra.tree[code].rows if p.key in plans), None)
        if typed is None or plan is None:
            continue
        for q, (spent, kas) in enumerate(zip(typed[:n], plan.kas)):
            if spent is not None and kas is not None and spent > kas * (1 + KAS_TOLERANCE):
                findings.append(finding("anggaran-melebihi-kas", a.sub.name, "Program",
                                        a.item.cells.get(f"realisasi_anggaran_tw{q + 1}"), kode=code,
                                        triwulan=QUARTERS[q], realisasi=format_number(spent),
                                        kas=format_number(kas), persen=int(KAS_TOLERANCE * 100)))


def _period(sub: Submission, n: int, findings: list[Finding]) -> None:
    """A report of another quarter than the run's (or a yearly one in a quarterly run)."""
    if sub.triwulan == n:
        return
    cell = sub.identitas_cells.get("triwulan", "")
    dilaporkan = f"triwulan {sub.triwulan}" if sub.triwulan else "tahunan (tanpa kolom triwulan)"
    findings.append(finding("triwulan-berbeda", sub.name, "Identitas", cell, dilaporkan=dilaporkan, triwulan=n))


def _quarters(sub: Submission, sheet: str, cells, typed, n: int, kode: str, indikator: str,  # noqa: ANN001
              akumulasi: str, target, findings: list[Finding]) -> None:  # noqa: ANN001
    if typed is None:
        return
    given = [v for v in typed[:n] if v is not None]
    if not given:
        return  # nothing reported: realisasi-kosong says so
    for q in range(min(n, len(typed))):
        if typed[q] is None:
            findings.append(finding("triwulan-kosong", sub.name, sheet, cells.get(f"realisasi_tw{q + 1}"),
                                    kode=kode, indikator=indikator, triwulan=QUARTERS[q]))
    # three quarters or more: two rising quarters are too common a pattern to flag
    if akumulasi != JUMLAH or len(given) < 3 or target is None or isinstance(target, Range) or target <= 0:
        return
    rising = all(a <= b for a, b in zip(given, given[1:])) and given[-1] > given[0]
    if rising and sum(given) > target * RUNNING_TOTAL_FACTOR and given[-1] <= target * RUNNING_TOTAL_FACTOR:
        findings.append(finding("triwulan-tampak-kumulatif", sub.name, sheet, cells.get(f"realisasi_tw{len(typed)}"),
                                kode=kode, indikator=indikator, jumlah=format_number(sum(given)),
                                target=format_number(target), terakhir=format_number(given[-1])))
