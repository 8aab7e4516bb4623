"""The Renstra's Tabel 6.1 (Rencana Program, Kegiatan, Indikator Kinerja dan Pendanaan Indikatif), from the
Renstra model only: the rows the Lampiran Tabel 6.1 sheet prints.

Per tujuan its indicators (sheet Tujuan), per sasaran its IKU (sheet Sasaran) and then the programmes,
kegiatan and sub kegiatan that support it (code tree group Pendukung Sasaran), one row per indicator;
after the last tujuan the Program Penunjang and any code without sasaran; a JUMLAH row. Rp of a code in
a year is its own Pagu, else the sum of its children's; a sasaran's Rp is the sum of its codes' (the
largest subtrees that support it, so a programme shared by two sasaran is split between them); a tujuan's
the sum of its sasaran's. Kondisi akhir is the target and Rp of the Renstra's last year (the seed's
Tabel 6.1 prints exactly that in every row); an IKU's is its Target Akhir Renstra where given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from lakip_xl.measures import Target
from lakip_xl.model import PENDUKUNG, PENUNJANG, TANPA_SASARAN, CodeNode, Renstra

TUJUAN, SASARAN, TOTAL = "tujuan", "sasaran", "total"


@dataclass(slots=True)
class PlanRow:
    #: ``tujuan``, ``sasaran``, ``program``, ``kegiatan``, ``sub_kegiatan`` or ``total``
    level: str
    tujuan: str | None = None
    sasaran: str | None = None
    kode: str | None = None
    uraian: str | None = None
    indikator: str | None = None
    satuan: str | None = None
    baseline: Decimal | None = None
    targets: dict[int, Target | None] = field(default_factory=dict)
    pagu: dict[int, Decimal | None] = field(default_factory=dict)
    target_akhir: Target | None = None
    pagu_akhir: Decimal | None = None
    unit: str | None = None
    lokasi: str | None = None
    #: a parent shown only to place this sasaran's kegiatan: its indicators and Rp are under its own sasaran
    context: bool = False
    #: the rows (positions in the plan) whose Rp this row's Rp is the sum of: a tujuan's sasaran, a sasaran's
    #: codes, the total's programmes; empty for a code (its Rp is the Renstra's)
    sums: list[int] = field(default_factory=list)


def _sum(values) -> Decimal | None:  # noqa: ANN001
    vals = [v for v in values if v is not None]
    return sum(vals, Decimal(0)) if vals else None


class _Plan:
    def __init__(self, renstra: Renstra) -> None:
        self.renstra = renstra
        self.tree = renstra.tree
        self.years = list(renstra.years)
        self.last = self.years[-1] if self.years else None
        self._amounts: dict[str, dict[int, Decimal | None]] = {}
        self._wholes: dict[str, bool] = {}
        self._groups: dict[tuple[str, str | None], list[CodeNode]] | None = None

    def amount(self, code: str, year: int) -> Decimal | None:
        """The code's Rp in ``year``: its own Pagu (first indicator row that has one), else its children's sum."""
        return self.amounts(code)[year]

    def amounts(self, code: str) -> dict[int, Decimal | None]:
        """:meth:`amount` of every Renstra year, worked out once per code (a city has 190,000 codes)."""
        got = self._amounts.get(code)
        if got is None:
            node = self.tree[code]
            kids = [self.amounts(k) for k in node.children]
            got = {}
            for year in self.years:
                own = next((r.pagu.get(year) for r in node.rows if r.pagu.get(year) is not None), None)
                got[year] = own if own is not None else _sum(k[year] for k in kids)
            self._amounts[code] = got
        return got

    def unit(self, kode: str) -> str | None:
        b = self.renstra.bidang.get(kode)
        return b.nama if b else (kode or None)

    def members(self, group: tuple[str, str | None]) -> list[CodeNode]:
        """The codes of one group (a sasaran's, the Penunjang, those without sasaran), in Renstra order."""
        if self._groups is None:  # one pass over the tree, not one per sasaran (a city has thousands)
            self._groups = {}
            for n in self.tree.nodes.values():
                self._groups.setdefault(n.key, []).append(n)
        return self._groups.get(group, [])

    def roots(self, members: list[CodeNode]) -> list[CodeNode]:
        codes = {n.kode for n in members}
        return [n for n in members if n.parent not in codes]

    def money(self, roots: list[CodeNode]) -> dict[int, Decimal | None]:
        return {y: _sum(self.part(n, y) for n in roots) for y in self.years}

    def part(self, node: CodeNode, year: int) -> Decimal | None:
        """The Rp of the part of ``node`` that counts where the node does: all of it when its whole subtree
        counts there, else the sum of its children's parts (a kegiatan supporting another sasaran is left out)."""
        if self._whole(node):
            return self.amount(node.kode, year)
        return _sum(self.part(self.tree[k], year) for k in node.children if self.tree[k].key == node.key)

    def _whole(self, node: CodeNode) -> bool:
        """Every code under ``node`` counts where it does."""
        got = self._wholes.get(node.kode)
        if got is None:
            got = self._wholes[node.kode] = all(self.tree[k].key == node.key and self._whole(self.tree[k])
                                                for k in node.children)
        return got

    def code_rows(self, members: list[CodeNode]) -> list[PlanRow]:
        """Each member's indicator rows in Renstra order, its ancestors outside the group first (as context)."""
        out: list[PlanRow] = []
        shown: set[str] = set()
        codes = {n.kode for n in members}
        for node in members:
            chain = []
            parent = node.parent
            while parent is not None and parent not in codes and parent not in shown:
                chain.append(self.tree[parent])
                parent = self.tree[parent].parent
            for context in reversed(chain):
                shown.add(context.kode)
                first = context.rows[0] if context.rows else None
                out.append(PlanRow(context.level, kode=context.kode, uraian=first.uraian if first else None,
                                   unit=self.unit(context.bidang), context=True))
            shown.add(node.kode)
            out.extend(self.node_rows(node))
        return out

    def node_rows(self, node: CodeNode) -> list[PlanRow]:
        rows = node.rows or [None]
        out = []
        for j, row in enumerate(rows):
            # The rows share the Renstra's and the plan's dicts (read only from here on): a copy per row
            # was 11 % of what a run keeps for the write (8,3 MB of 75 MB at N = 100 units).
            if j == 0:
                pagu = self.amounts(node.kode)
            else:
                pagu = {y: row.pagu.get(y) for y in self.years}
            targets = row.targets if row is not None else {}
            out.append(PlanRow(
                node.level, kode=node.kode, uraian=(row.uraian if row is not None else None),
                indikator=row.indikator if row is not None else None, satuan=row.satuan if row is not None else None,
                baseline=row.baseline if row is not None else None, targets=targets, pagu=pagu,
                target_akhir=targets.get(self.last) if self.last is not None else None,
                pagu_akhir=pagu.get(self.last) if self.last is not None else None,
                unit=self.unit(row.bidang if row is not None else node.bidang),
                lokasi=row.lokasi if row is not None else None))
        return out

    def build(self) -> list[PlanRow]:
        renstra, last = self.renstra, self.last
        out: list[PlanRow] = []
        by_tujuan: dict[str | None, list[str]] = {}
        tujuan_text: dict[str | None, str | None] = {}
        iku_of: dict[str, list] = {}
        for i in renstra.iku:
            key = i.kode_tujuan or i.tujuan
            if i.kode_sasaran not in iku_of:
                by_tujuan.setdefault(key, []).append(i.kode_sasaran)
                tujuan_text.setdefault(key, i.tujuan or i.kode_tujuan)
            iku_of.setdefault(i.kode_sasaran, []).append(i)
        for key, sasaran in by_tujuan.items():
            blocks = []
            for s in sasaran:
                members = self.members((PENDUKUNG, s))
                roots = self.roots(members)
                blocks.append((s, members, self.money(roots)))
            indicators = [t for t in renstra.tujuan if key is not None and t.kode_tujuan == key] or [None]
            # each sasaran's Rp counts on the tujuan indicator its IKU serve (Kode Indikator Tujuan), else the first
            holder = [self.holder(indicators, iku_of[s]) for s, _, _ in blocks]
            tujuan_row = len(out)
            for j, t in enumerate(indicators):
                mine = [b for b, h in zip(blocks, holder) if h == j]
                pagu = {y: _sum(b[2][y] for b in mine) for y in self.years} if mine or j == 0 else {}
                targets = dict(t.targets) if t is not None else {}
                out.append(PlanRow(
                    TUJUAN, tujuan=tujuan_text.get(key) if j == 0 else None,
                    indikator=(t.indikator if t is not None else None), satuan=t.satuan if t is not None else None,
                    targets=targets, pagu=pagu, target_akhir=targets.get(last) if last is not None else None,
                    pagu_akhir=pagu.get(last) if last is not None and pagu else None))
            for (s, members, smoney), h in zip(blocks, holder):
                out[tujuan_row + h].sums.append(len(out))
                sasaran_row = len(out)
                for j, i in enumerate(iku_of[s]):
                    pagu = smoney if j == 0 else {}
                    out.append(PlanRow(
                        SASARAN, sasaran=i.sasaran if j == 0 else None, indikator=i.indikator, satuan=i.satuan,
                        baseline=i.baseline, targets=dict(i.targets), pagu=pagu,
                        target_akhir=i.target_akhir if i.target_akhir is not None else i.targets.get(last),
                        pagu_akhir=pagu.get(last) if last is not None else None, unit=self.unit(i.bidang)))
                start = len(out)
                out.extend(self.code_rows(members))
                out[sasaran_row].sums = self.first_rows(out, start, self.roots(members))
        for group in ((PENUNJANG, None), (TANPA_SASARAN, None)):
            out.extend(self.code_rows(self.members(group)))
        programs = [n for n in self.tree.nodes.values() if n.parent is None]
        total = {y: _sum(self.amount(n.kode, y) for n in programs) for y in self.years}
        out.append(PlanRow(TOTAL, pagu=total, pagu_akhir=total.get(last) if last is not None else None,
                           sums=self.first_rows(out, 0, programs)))
        return out

    @staticmethod
    def holder(indicators: list, iku: list) -> int:  # noqa: ANN001
        """The tujuan indicator (position) a sasaran's Rp counts on: the first its IKU name, else the first."""
        codes = {c.strip() for i in iku if i.kode_indikator_tujuan for c in i.kode_indikator_tujuan.split("/")}
        return next((j for j, t in enumerate(indicators) if t is not None and t.kode_indikator in codes), 0)

    @staticmethod
    def first_rows(rows: list[PlanRow], start: int, nodes: list[CodeNode]) -> list[int]:
        """The position of each node's first row (not a context row) from ``start`` on."""
        where: dict[str, int] = {}
        for i in range(start, len(rows)):
            if rows[i].kode is not None and not rows[i].context:
                where.setdefault(rows[i].kode, i)
        return [where[n.kode] for n in nodes if n.kode in where]


def has_plan(renstra: Renstra) -> bool:
    """Whether :func:`renstra_plan` has rows (it always ends with the total), without building them."""
    return renstra.program_years is None or set(renstra.program_years) == set(renstra.years)


def renstra_plan(renstra: Renstra) -> list[PlanRow]:
    """The rows of Tabel 6.1; empty when only one year's program targets and pagu were read (a large Renstra)."""
    if not has_plan(renstra):
        return []
    return _Plan(renstra).build()
