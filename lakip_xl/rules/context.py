"""The reconciled data the rules build and :mod:`lakip_xl.compute` reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from lakip_xl.model import Renstra, Submission, SubmittedIku, SubmittedProgram


@dataclass
class Consolidation:
    renstra: Renstra
    tahun: int
    #: unit code → the submission used for it (``None``: nothing received)
    units: dict[str, Submission | None]
    #: IKU code → the submitted row that reports it
    iku: dict[str, tuple[Submission, SubmittedIku]] = field(default_factory=dict)
    #: (kode, indikator key) → the submitted row that reports it
    program: dict[tuple[str, str], tuple[Submission, SubmittedProgram]] = field(default_factory=dict)
    #: kode → the budget submitted for it (set by the budget rules; see rules.budget.budget_rows)
    budget: dict | None = None

    @property
    def submissions(self) -> list[Submission]:
        return [s for s in self.units.values() if s is not None]
