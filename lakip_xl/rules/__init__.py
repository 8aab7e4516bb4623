"""Validation: submissions against the Renstra and against each other.

:func:`validate` runs the rules in three passes, like a linter:

1. ``units``: who sent what (unknown unit, wrong year, a unit twice, a unit missing);
2. ``rows``: each submitted row against its Renstra row (unknown code, another
   unit's row, target / satuan / polaritas that differ, empty realisasi …);
3. ``budget``: money (realisasi above pagu, sums that do not add up, DPA pagu
   against the Renstra's indicative funding).

It returns the reconciled data (:class:`Consolidation`: for each Renstra row,
the submitted row that reports it) and the findings. Rules never raise on
bad data; every problem is a finding from the catalogue in
:mod:`lakip_xl.findings`.
"""

from __future__ import annotations

from lakip_xl.findings import Finding
from lakip_xl.model import Renstra, Submission
from lakip_xl.rules.budget import check_budget
from lakip_xl.rules.context import Consolidation
from lakip_xl.rules.rows import check_rows, reconcile
from lakip_xl.rules.units import check_units
from lakip_xl.settings import Settings


def validate(renstra: Renstra, submissions: list[Submission], tahun: int, settings: Settings | None = None,
             *, expect_all_units: bool = True) -> tuple[Consolidation, list[Finding]]:
    """Check submissions of year ``tahun``; ``expect_all_units`` reports units that sent nothing."""
    settings = settings or Settings()
    findings: list[Finding] = []
    accepted = check_units(renstra, submissions, tahun, findings, expect_all_units=expect_all_units)
    data = reconcile(renstra, accepted, tahun, findings)
    check_rows(data, findings)
    check_budget(data, settings, findings)
    return data, findings


__all__ = ["validate", "Consolidation"]
