"""Validation: checks over the reconciled submissions, like a linter's rules.

:func:`lakip_xl.reconcile.reconcile` matches the submissions to the Renstra
(who sent what, which row reports which, where every rupiah goes) and reports
what it cannot match. The checks here only read its :class:`Consolidation` and
add findings:

- ``rows``: each submitted row against its Renstra row (target / satuan /
  polaritas that differ, empty realisasi, a report left unfilled …);
- ``budget``: money (realisasi above pagu, typed sums that do not add up, DPA
  pagu against the Renstra's indicative funding, a sasaran achieved without budget);
- ``keuangan``: belanja per jenis (sheet Keuangan) against the belanja of the programme tree;
- ``kepegawaian``: staff counts, each typed total against its parts and the tables against each other;
- ``penjelasan``: a clerk's explanation that contradicts its own row;
- ``triwulan``: a quarterly run (a quarter missing or of another period, quarters typed as running
  totals, realisasi anggaran far above the quarter's anggaran kas).

Checks never raise on bad data; every problem is a finding from the catalogue in
:mod:`lakip_xl.findings`.
"""

from __future__ import annotations

import functools

from lakip_xl.findings import Finding
from lakip_xl.model import Renstra, Submission
from lakip_xl.parallel import Beside, beside, resident_bytes
from lakip_xl.reconcile import Consolidation, reconcile
from lakip_xl.rules.budget import check_budget
from lakip_xl.rules.kepegawaian import check_kepegawaian
from lakip_xl.rules.keuangan import check_keuangan
from lakip_xl.rules.penjelasan import check_penjelasan
from lakip_xl.rules.rows import check_completeness, check_rows
from lakip_xl.rules.triwulan import check_triwulan
from lakip_xl.settings import Settings


def check(data: Consolidation, settings: Settings, *, single: bool = False) -> list[Finding]:
    """Every rule over ``data``; ``single``: ``lakip check`` of a unit's own file (half-filled is said)."""
    findings: list[Finding] = []
    check_rows(data, findings)
    check_completeness(data, findings, partial=single)
    check_budget(data, settings, findings)
    check_keuangan(data, settings, findings)
    check_kepegawaian(data, findings)
    check_penjelasan(data, settings, findings)
    check_triwulan(data, findings)
    return findings


def validate(renstra: Renstra, submissions: list[Submission], tahun: int, settings: Settings | None = None,
             *, expect_all_units: bool = True, triwulan: int | None = None) -> tuple[Consolidation, list[Finding]]:
    """Reconcile and check submissions of year ``tahun`` (of quarter ``triwulan``: a quarterly run).

    ``expect_all_units``: a consolidation (units that sent nothing are reported);
    without it, ``lakip check`` of one or a few files.
    """
    validating = start_validate(renstra, submissions, tahun, settings, expect_all_units=expect_all_units,
                                triwulan=triwulan, in_copy=False)
    return validating.data, validating.findings()


#: From this many Renstra program / kegiatan / sub kegiatan rows on, :func:`start_validate` runs the rules
#: in a copy of the process (:func:`lakip_xl.parallel.beside`): below it the copy costs more than it saves.
BESIDE_FROM_ROWS = 5_000
#: ... as long as the process holds less than this. The copy shares the process's memory, but both write
#: to what they read (reference counts), so most of it is soon held twice: at 1,000 units the run went from
#: 545 MB to 1,008-1,050 MB (main and copy) while the rules ran, above the 1 GB the write itself stays
#: under (946 MB). Past this the rules run in turn, and a large run stays within that memory.
BESIDE_MAX_RESIDENT = 500 * 1024 * 1024


class Validating:
    """Submissions reconciled (:attr:`data`, there at once) and the rules over them, maybe still running."""

    def __init__(self, data: Consolidation, found: list[Finding], rules: Beside[list[Finding]]) -> None:
        self.data, self._found, self._rules = data, found, rules

    def findings(self) -> list[Finding]:
        """The reconciliation's findings, then the rules' (waits for the rules)."""
        return self._found + self._rules.result()

    @property
    def rules_seconds(self) -> float | None:
        """How long the rules ran, in the copy or in this process (once :meth:`findings` has returned)."""
        return self._rules.seconds


def start_validate(renstra: Renstra, submissions: list[Submission], tahun: int, settings: Settings | None = None,
                   *, expect_all_units: bool = True, triwulan: int | None = None,
                   in_copy: bool = True) -> Validating:
    """:func:`validate`, the rules started beside this process from :data:`BESIDE_FROM_ROWS` Renstra program
    rows on (``in_copy=False``: never), so that the caller computes meanwhile. The rules only read what they
    check, and compute changes nothing of the reconciled data either: the findings are the same whether the
    rules run before compute, beside it (in the copy) or after it (a small run, or a copy that failed)."""
    settings = settings or Settings()
    data, found = reconcile(renstra, submissions, tahun, expect_all_units=expect_all_units, triwulan=triwulan)
    large = in_copy and len(renstra.program) >= BESIDE_FROM_ROWS and (resident_bytes() or 0) < BESIDE_MAX_RESIDENT
    rules = beside(functools.partial(check, data, settings, single=not expect_all_units), start=large)
    return Validating(data, found, rules)


__all__ = ["validate", "start_validate", "check", "Consolidation", "Validating"]
