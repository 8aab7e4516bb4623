"""Rules on sheet Keuangan: belanja per jenis must add up to the belanja of the programme tree."""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.findings import Finding, finding
from lakip_xl.model import PENDAPATAN
from lakip_xl.parse import code_level, format_number
from lakip_xl.reconcile import Consolidation
from lakip_xl.settings import Settings


def check_keuangan(data: Consolidation, settings: Settings, findings: list[Finding]) -> None:
    belanja = [row for row in data.keuangan if row.kelompok != PENDAPATAN]
    if not belanja or data.keuangan_sub is None:
        return
    programs = [code for code in data.renstra.tree.nodes if code_level(code) == "program"]
    for attr, label, rolled in (("anggaran", "Anggaran", data.pagu), ("realisasi", "Realisasi", data.realisasi)):
        given = [getattr(row, attr) for row in belanja if getattr(row, attr) is not None]
        tree = [rolled.get(code) for code in programs if rolled.get(code) is not None]
        if not given or not tree:
            continue
        jenis, program = sum(given, Decimal(0)), sum(tree, Decimal(0))
        if abs(jenis - program) > settings.rupiah_tolerance:
            last = next(row for row in reversed(belanja) if getattr(row, attr) is not None)
            findings.append(finding("belanja-jenis-tidak-sesuai", data.keuangan_sub.name, "Keuangan",
                                    last.cells.get(attr, ""), kolom=label, jenis=format_number(jenis),
                                    program=format_number(program), selisih=format_number(abs(jenis - program))))
