"""Rules on rows: each submitted IKU and program row against the Renstra, and reports left unfilled."""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.findings import GALAT, Finding, finding
from lakip_xl.model import Submission, SubmittedIku, SubmittedProgram
from lakip_xl.parse import satuan_key
from lakip_xl.reconcile import Consolidation, has_money, has_values


def check_rows(data: Consolidation, findings: list[Finding]) -> None:
    renstra, tahun = data.renstra, data.tahun
    for iku in renstra.iku:
        got = data.iku.get(iku.kode_indikator)
        if got is None:
            continue
        sub, item = got
        _compare(findings, sub, "IKU", item, iku.target(tahun), iku.satuan, iku.polaritas, tahun)
        if item.realisasi is None and iku.target(tahun) is not None:
            findings.append(finding("realisasi-kosong", sub.name, "IKU", item.cells["realisasi"],
                                    kode=iku.kode_indikator, indikator=iku.indikator))
        prev = renstra.riwayat.get((iku.kode_indikator, tahun - 1))
        target = iku.target(tahun)
        if item.realisasi is not None and prev is not None and item.realisasi == prev == target:
            findings.append(finding("realisasi-sama-tahun-lalu", sub.name, "IKU", item.cells["realisasi"],
                                    kode=iku.kode_indikator, nilai=item.realisasi, tahun_lalu=tahun - 1))
    for row, got in data.program_rows():
        if got is None:
            sub = data.units.get(row.bidang)
            if sub is not None and row.in_year(tahun):
                findings.append(finding("baris-tidak-dilaporkan", sub.name, "Program", "", kode=row.kode,
                                        indikator=row.indikator or "-", tahun=tahun,
                                        bidang=renstra.bidang[row.bidang].nama if row.bidang in renstra.bidang else row.bidang))
            continue
        sub, item = got
        _compare(findings, sub, "Program", item, row.targets.get(tahun), row.satuan, row.polaritas, tahun)
        if item.realisasi is None and row.targets.get(tahun) is not None:
            findings.append(finding("realisasi-kosong", sub.name, "Program", item.cells["realisasi"],
                                    kode=row.kode, indikator=row.indikator or "-"))


def _compare(findings: list[Finding], sub: Submission, sheet: str, item: SubmittedIku | SubmittedProgram,
             target: Decimal | None, satuan: str | None, polaritas: str, tahun: int) -> None:
    if item.target is not None and target is not None and item.target != target:
        findings.append(finding("target-berbeda", sub.name, sheet, item.cells["target"], terbaca=item.target,
                                renstra=target, tahun=tahun))
    if item.target is not None and target is None:
        findings.append(finding("target-berbeda", sub.name, sheet, item.cells["target"], terbaca=item.target,
                                renstra="kosong", tahun=tahun))
    if item.satuan and satuan and satuan_key(item.satuan) != satuan_key(satuan):
        findings.append(finding("satuan-berbeda", sub.name, sheet, item.cells["satuan"], terbaca=item.satuan,
                                renstra=satuan))
    if item.polaritas and item.polaritas != polaritas:
        findings.append(finding("polaritas-berbeda", sub.name, sheet, item.cells["polaritas"],
                                terbaca=item.polaritas, renstra=polaritas))


#: how many empty cells a "laporan-belum-lengkap" finding names
FIRST_CELLS = 5


def check_completeness(data: Consolidation, findings: list[Finding], *, partial: bool) -> None:
    """A report sent back unfilled is a Galat; a half-filled one (``partial``, for ``lakip check``) a Peringatan.

    Counted on the unit's own rows: a realisasi for every indicator with a target this
    year, a Pagu on every leaf the Renstra funds this year.
    """
    renstra, tahun, tree = data.renstra, data.tahun, data.renstra.tree
    for unit, sub in data.units.items():
        if sub is None:
            continue
        empty: dict[str, list[str]] = {"Realisasi": [], "Pagu": []}
        filled = 0
        for iku in renstra.rows_of_unit(unit)[0]:
            got = data.iku.get(iku.kode_indikator)
            if got is None or got[0] is not sub:
                continue
            item = got[1]
            if item.realisasi is not None or item.penyebab or item.solusi:
                filled += 1
            elif iku.target(tahun) is not None:
                empty["Realisasi"].append(f"IKU!{item.cells['realisasi']}")
        for row, got in data.program_rows(unit):
            if got is None or got[0] is not sub:
                continue
            item = got[1]
            if has_values(item):
                filled += 1
            if item.realisasi is None and row.targets.get(tahun) is not None:
                empty["Realisasi"].append(f"Program!{item.cells['realisasi']}")
            if not has_money(item) and row.pagu.get(tahun):  # (cheap tests first; then the tree's table)
                node = tree[row.kode]
                if node.leaf and row is node.rows[0] and row.kode not in data.budget:
                    empty["Pagu"].append(f"Program!{item.cells['pagu']}")
        missing = sum(len(v) for v in empty.values())
        if not missing or (filled and not partial):
            continue
        cells = [c for v in empty.values() for c in v]
        shown = ", ".join(cells[:FIRST_CELLS]) + (", …" if len(cells) > FIRST_CELLS else "")
        rincian = ", ".join(f"{len(v)} sel {k}" for k, v in empty.items() if v)
        findings.append(finding("laporan-belum-lengkap", sub.name, "", "", level=None if filled else GALAT,
                                rincian=rincian, sel=shown))
