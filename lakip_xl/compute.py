"""Calculations: capaian, predikat, nilai sasaran, serapan, efisiensi, roll-ups.

Pure functions over the reconciled data (:class:`~lakip_xl.reconcile.Consolidation`);
the result (:class:`LakipResult`) is everything the report writers need.
All arithmetic is :class:`~decimal.Decimal`: money is summed exactly and
percentages keep full precision (rounding is a display format).

The rules are the contract's section 3, with the seed's values as defaults
(:mod:`lakip_xl.settings`):

- capaian Positif = Realisasi / Target × 100; Negatif = Target / Realisasi × 100
  (or ``(2T − R) / T × 100`` with ``negatif = "selisih"``);
- predikat from the ordinal scale; nilai sasaran and the instansi's value by
  the Metode Rata-Rata Data Kelompok (Σ indicators per category × the
  category's mean / number of indicators), read again on the scale;
- serapan = Realisasi / Pagu × 100; efisiensi = Pagu − Realisasi, and as a
  percentage of the pagu;
- every rupiah in one group (:mod:`lakip_xl.model` ``CodeTree``): the sasaran its
  code supports, Penunjang, or Tanpa Sasaran. A programme whose kegiatan support
  two sasaran appears under both as a :class:`ProgramPart`, each with the amounts
  of its own leaves; the parts of all sasaran add up to the pendukung total.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Iterable, Iterator, Sequence

from lakip_xl.findings import Finding, finding
from lakip_xl.kepegawaian import Kepegawaian
from lakip_xl.measures import HUNDRED, Categorical, Target, capaian, percent
from lakip_xl.model import PENDAPATAN as PENDAPATAN_KELOMPOK
from lakip_xl.model import (
    PENDUKUNG, PENUNJANG, TANPA_SASARAN, CodeNode, Iku, KeuanganRow, ProgramRow, Renstra, with_ancestors,
)
from lakip_xl.plan import PlanRow, has_plan, renstra_plan
from lakip_xl.quarterly import QuarterRow, quarterly
from lakip_xl.reconcile import Consolidation, has_money
from lakip_xl.settings import Settings

__all__ = ["compute", "capaian", "percent", "nilai_kelompok", "LakipResult", "NodeResult", "Part", "ProgramPart",
           "SasaranResult", "IkuResult", "IndicatorResult", "HUNDRED"]


# --------------------------------------------------------------------------- #
# Formulas
# --------------------------------------------------------------------------- #


def nilai_kelompok(values: list[Decimal | None], settings: Settings) -> Decimal | None:
    """Metode Rata-Rata Data Kelompok over the capaian of a group of indicators."""
    cats = [settings.category(v) for v in values if v is not None]
    if not cats:
        return None
    return sum((c.mean for c in cats if c is not None), Decimal(0)) / len(cats)


# --------------------------------------------------------------------------- #
# Result model
# --------------------------------------------------------------------------- #


@dataclass
class Source:
    """Where a reported value came from (for the reader of the workbook)."""

    file: str
    sheet: str
    cell: str


@dataclass
class IkuResult:
    iku: Iku
    target: Target | None
    realisasi: Decimal | None
    capaian: Decimal | None
    predikat: str | None
    #: earlier years' realisasi (from Renstra Riwayat), year → value
    riwayat: dict[int, Decimal]
    #: Peningkatan / Penurunan / Tetap against last year's realisasi (performance direction)
    arah: str | None
    penyebab: str | None
    solusi: str | None
    source: Source | None
    #: the Renstra's last year (the year of the target akhir)
    tahun_akhir: int | None = None
    #: Target Akhir Renstra, else the target of the Renstra's last year (never this year's target: seed C13)
    target_akhir: Target | None = None
    #: the realisasi measured against :attr:`target_akhir`, by the indicator's polaritas (full precision)
    capaian_akhir: Decimal | None = None
    #: the realisasi measured against the Renstra's Standar Nasional, by the indicator's polaritas
    capaian_standar: Decimal | None = None
    #: the year reported
    tahun: int | None = None

    @property
    def kode(self) -> str:
        return self.iku.kode_indikator

    @property
    def tahun_lalu(self) -> Decimal | None:
        """Last year's realisasi (Riwayat), the one :attr:`arah` compares with."""
        return self.riwayat.get(self.tahun - 1) if self.tahun is not None else None

    @property
    def selisih(self) -> Decimal | None:
        """Realisasi minus last year's (a number; ``None`` for a category, or when either is missing)."""
        prev = self.tahun_lalu
        if self.realisasi is None or prev is None or isinstance(self.realisasi, Categorical) \
                or isinstance(prev, Categorical):
            return None
        return self.realisasi - prev


@dataclass(slots=True)
class IndicatorResult:
    """One indicator row of a program, kegiatan or sub kegiatan."""

    row: ProgramRow
    target: Target | None
    realisasi: Decimal | None
    capaian: Decimal | None
    predikat: str | None
    penjelasan: str | None


class _Budget:
    """Serapan and efisiensi of anything with a ``pagu`` and a ``realisasi``."""

    __slots__ = ()
    pagu: Decimal | None
    realisasi: Decimal | None

    @property
    def serapan(self) -> Decimal | None:
        return percent(self.realisasi, self.pagu)

    @property
    def efisiensi(self) -> Decimal | None:
        if self.pagu is None or self.realisasi is None:
            return None
        return self.pagu - self.realisasi

    @property
    def efisiensi_persen(self) -> Decimal | None:
        return percent(self.efisiensi, self.pagu)


#: A group of the code tree: (PENDUKUNG, kode sasaran), (PENUNJANG, None) or (TANPA_SASARAN, None).
Group = tuple[str, "str | None"]


@dataclass(slots=True)
class NodeResult(_Budget):
    """A program, kegiatan or sub kegiatan with its indicators, budget and children (all of it)."""

    kode: str
    level: str
    uraian: str
    bidang: str
    #: the sasaran the code supports (own or inherited); ``None`` for Penunjang and Tanpa Sasaran
    kode_sasaran: str | None
    #: a tuple: most codes have one indicator, and a run keeps ~190,000 of them while it writes
    indicators: Sequence[IndicatorResult]
    pagu: Decimal | None
    realisasi: Decimal | None
    children: Sequence["NodeResult"] = ()
    #: PENDUKUNG, PENUNJANG or TANPA_SASARAN (see :class:`lakip_xl.model.CodeTree`)
    group: str = PENDUKUNG

    @property
    def key(self) -> Group:
        return (self.group, self.kode_sasaran)

    @property
    def capaian(self) -> Decimal | None:
        """The capaian of the node's first (main) indicator."""
        return self.indicators[0].capaian if self.indicators else None

    @property
    def penunjang(self) -> bool:
        return self.group == PENUNJANG

    def walk(self) -> Iterator[NodeResult]:
        yield self
        for child in self.children:
            yield from child.walk()

    # A node that counts wholly in a group is its own part there (ProgramPart's face): a city's 190,000
    # codes are nearly all whole, and a part object, a tuple of roots and a list of children per code
    # were 27 MB that both write processes read (so 54 MB of the peak at 1,000 units).
    #: the node's indicators count in the group
    own = True
    whole = True

    @property
    def node(self) -> NodeResult:
        return self

    @property
    def roots(self) -> tuple[NodeResult]:
        return (self,)


@dataclass(slots=True)
class ProgramPart(_Budget):
    """The part of a programme, kegiatan or sub kegiatan that counts in one group (a sasaran, Penunjang …).

    ``roots`` are the largest subtrees that count wholly in the group: the part's
    amounts are their sum, and a formula for the part sums their rows. A node
    that counts wholly in the group is its own part: the :class:`NodeResult`
    itself (:data:`Part`), whose ``whole`` is true and ``roots`` is itself.
    """

    node: NodeResult
    pagu: Decimal | None
    realisasi: Decimal | None
    #: the node's indicators count in this group
    own: bool
    roots: Sequence[NodeResult]
    children: Sequence["Part"] = ()

    #: a node counted wholly is a NodeResult, not a ProgramPart
    whole = False

    @property
    def kode(self) -> str:
        return self.node.kode

    @property
    def level(self) -> str:
        return self.node.level

    @property
    def uraian(self) -> str:
        return self.node.uraian

    @property
    def bidang(self) -> str:
        return self.node.bidang

    @property
    def kode_sasaran(self) -> str | None:
        return self.node.kode_sasaran

    @property
    def indicators(self) -> list[IndicatorResult]:
        return self.node.indicators if self.own else []

    @property
    def capaian(self) -> Decimal | None:
        return self.node.capaian if self.own else None

    def walk(self) -> Iterator[Part]:
        yield self
        for child in self.children:
            yield from child.walk()


#: a programme, kegiatan or sub kegiatan as it counts in a group: the node itself when it counts wholly
Part = NodeResult | ProgramPart


@dataclass
class SasaranResult:
    kode_sasaran: str
    sasaran: str
    kode_tujuan: str | None
    tujuan: str | None
    iku: list[IkuResult]
    #: the parts of the programmes that support this sasaran, in Renstra order
    programs: list[Part]
    nilai: Decimal | None
    predikat: str | None

    @property
    def pagu(self) -> Decimal | None:
        return _sum(p.pagu for p in self.programs)

    @property
    def realisasi(self) -> Decimal | None:
        return _sum(p.realisasi for p in self.programs)

    def counts(self) -> dict[str, int]:
        """How many programmes, kegiatan and sub kegiatan of the year support the sasaran (Bab II.B's
        "dicapai melalui N Program dan N kegiatan serta N sub kegiatan"). A programme or kegiatan that
        only holds this sasaran's part counts here too, and also under the other sasaran it supports."""
        out = dict.fromkeys(("program", "kegiatan", "sub_kegiatan"), 0)
        for p in self.programs:
            for n in p.walk():
                if n.level in out:
                    out[n.level] += 1
        return out


@dataclass
class TujuanResult:
    kode_tujuan: str
    tujuan: str
    kode_indikator: str | None
    indikator: str
    satuan: str | None
    target: Target | None


@dataclass
class UnitStatus:
    kode: str
    nama: str
    file: str | None
    rows_due: int


@dataclass
class LakipResult:
    renstra: Renstra
    tahun: int
    settings: Settings
    iku: list[IkuResult]
    sasaran: list[SasaranResult]
    #: every programme, whole (Realisasi Anggaran, Indikator Program)
    programs: list[NodeResult]
    tujuan: list[TujuanResult]
    units: list[UnitStatus]
    nilai: Decimal | None
    predikat: str | None
    #: the programmes' parts that support any sasaran (Perjanjian Kinerja)
    pendukung: list[Part] = field(default_factory=list)
    #: the parts that count as Program Penunjang
    penunjang: list[Part] = field(default_factory=list)
    #: the parts that support no sasaran although they are not Penunjang (a Renstra Galat)
    tanpa_sasaran: list[Part] = field(default_factory=list)
    #: money typed in the submissions that could not be placed (see Validasi)
    unplaced_pagu: Decimal = Decimal(0)
    unplaced_realisasi: Decimal = Decimal(0)
    #: a quarterly run: the last quarter it covers (1–4); ``None``: a yearly LAKIP
    triwulan: int | None = None
    #: a quarterly run: every indicator up to :attr:`triwulan` (sheets Capaian Triwulan and Evaluasi Renja)
    quarterly: list[QuarterRow] = field(default_factory=list)
    #: sheet Keuangan of the Sekretariat's report: pendapatan and belanja per jenis (Tabel 1.9)
    keuangan: list[KeuanganRow] = field(default_factory=list)
    #: the Sekretariat's Pegawai sheets: staff counts (Tabel 1.1–1.7)
    kepegawaian: Kepegawaian = field(default_factory=Kepegawaian)

    def keuangan_total(self, kelompok: str | None, attr: str) -> Decimal | None:
        """Sum of ``attr`` (``anggaran`` / ``realisasi``) over a Keuangan group (``None``: all belanja)."""
        return _sum(getattr(r, attr) for r in self.keuangan
                    if (r.kelompok == kelompok if kelompok else r.kelompok != PENDAPATAN_KELOMPOK))
    findings: list[Finding] = field(default_factory=list)

    @functools.cached_property
    def plan(self) -> list[PlanRow]:
        """The Renstra's Tabel 6.1, every year (Lampiran Tabel 6.1); empty when only this year was read.

        Built from the Renstra alone when first asked for, so that a run that writes no Tabel 6.1 (``lakip
        check``; a workbook of more than 40 sasaran, stacked) does not build it: at 1,000 units it is
        195,256 rows and 3.7–5.5 s of one core.
        """
        return renstra_plan(self.renstra)

    @property
    def has_plan(self) -> bool:
        """Whether :attr:`plan` has rows, without building it."""
        return has_plan(self.renstra)

    @property
    def instansi(self) -> dict[str, str]:
        return self.renstra.instansi

    @property
    def periode(self) -> tuple[int, int] | None:
        """The Renstra's first and last year (its Target columns), e.g. (2021, 2024)."""
        years = self.renstra.years
        return (years[0], years[-1]) if years else None

    @property
    def total_pagu(self) -> Decimal | None:
        return _sum(p.pagu for p in self.programs)

    @property
    def total_realisasi(self) -> Decimal | None:
        return _sum(p.realisasi for p in self.programs)

    @property
    def total_serapan(self) -> Decimal | None:
        return percent(self.total_realisasi, self.total_pagu)

    @property
    def sasaran_pagu(self) -> Decimal | None:
        """Budget of the codes that support a sasaran (without Penunjang and Tanpa Sasaran)."""
        return _sum(p.pagu for p in self.pendukung)

    @property
    def sasaran_realisasi(self) -> Decimal | None:
        return _sum(p.realisasi for p in self.pendukung)

    @property
    def penunjang_pagu(self) -> Decimal | None:
        return _sum(p.pagu for p in self.penunjang)

    @property
    def penunjang_realisasi(self) -> Decimal | None:
        return _sum(p.realisasi for p in self.penunjang)

    @property
    def tanpa_sasaran_pagu(self) -> Decimal | None:
        return _sum(p.pagu for p in self.tanpa_sasaran)

    @property
    def tanpa_sasaran_realisasi(self) -> Decimal | None:
        return _sum(p.realisasi for p in self.tanpa_sasaran)

    def nodes(self) -> Iterator[NodeResult]:
        for p in self.programs:
            yield from p.walk()


def _sum(values) -> Decimal | None:  # noqa: ANN001
    vals = [v for v in values if v is not None]
    return sum(vals, Decimal(0)) if vals else None


# --------------------------------------------------------------------------- #
# Compute
# --------------------------------------------------------------------------- #


def compute(data: Consolidation, settings: Settings | None = None) -> tuple[LakipResult, list[Finding]]:
    """Everything the LAKIP tables show, from the reconciled submissions."""
    settings = settings or Settings()
    renstra, tahun = data.renstra, data.tahun
    findings: list[Finding] = []

    iku_results = [_iku(data, i, settings, findings) for i in renstra.iku]
    programs = _program_tree(data, settings, findings)
    parts = _Parts(programs)

    sasaran: list[SasaranResult] = []
    seen: dict[str, SasaranResult] = {}
    for r in iku_results:
        i = r.iku
        s = seen.get(i.kode_sasaran)
        if s is None:
            s = SasaranResult(i.kode_sasaran, i.sasaran, i.kode_tujuan, i.tujuan, [],
                              parts.of_group((PENDUKUNG, i.kode_sasaran)), None, None)
            seen[i.kode_sasaran] = s
            sasaran.append(s)
        s.iku.append(r)
    for s in sasaran:
        s.nilai = nilai_kelompok([r.capaian for r in s.iku], settings)
        s.predikat = settings.predikat(s.nilai)
    nilai = nilai_kelompok([r.capaian for r in iku_results], settings)

    tujuan = [TujuanResult(t.kode_tujuan, t.tujuan, t.kode_indikator, t.indikator, t.satuan, t.targets.get(tahun))
              for t in renstra.tujuan]
    units = []
    due = renstra.rows_due(tahun)
    for kode, b in renstra.bidang.items():
        sub = data.units.get(kode)
        units.append(UnitStatus(kode, b.nama, sub.name if sub else None, due.get(kode, 0)))

    result = LakipResult(
        renstra, tahun, settings, iku_results, sasaran, programs, tujuan, units, nilai, settings.predikat(nilai),
        pendukung=parts.of(lambda key: key[0] == PENDUKUNG),
        penunjang=parts.of(lambda key: key[0] == PENUNJANG),
        tanpa_sasaran=parts.of(lambda key: key[0] == TANPA_SASARAN),
        unplaced_pagu=data.unplaced_pagu, unplaced_realisasi=data.unplaced_realisasi)
    result.keuangan = data.keuangan
    result.kepegawaian = data.kepegawaian
    if data.triwulan is not None:
        result.triwulan = data.triwulan
        result.quarterly = quarterly(data, settings, data.triwulan,
                                     [(n.kode, n.level, [i.row for i in n.indicators]) for n in result.nodes()])
    return result, findings


class _Parts:
    """Cuts the programme trees into the parts that count in a group."""

    def __init__(self, programs: list[NodeResult]) -> None:
        self.programs = programs
        self._keys: dict[int, frozenset[Group]] = {}
        #: group → the programmes (by position) that have a code in it
        self._holders: dict[Group, list[int]] = {}
        for i, p in enumerate(programs):
            for key in self.keys(p):
                self._holders.setdefault(key, []).append(i)

    def keys(self, node: NodeResult) -> frozenset[Group]:
        """The groups of the node and of every code under it."""
        got = self._keys.get(id(node))
        if got is None:
            got = frozenset({node.key}.union(*(self.keys(k) for k in node.children)))
            self._keys[id(node)] = got
        return got

    def of(self, accept: Callable[[Group], bool]) -> list[Part]:
        """The parts of every programme that count in the groups ``accept`` takes, in order."""
        holders = sorted({i for key, idx in self._holders.items() if accept(key) for i in idx})
        return [p for p in (self._part(self.programs[i], accept) for i in holders) if p is not None]

    def of_group(self, group: Group) -> list[Part]:
        """:meth:`of` for one group (a sasaran): its programmes looked up, not every group scanned (a city
        has thousands of sasaran, so scanning per sasaran was quadratic)."""
        def accept(key: Group) -> bool:
            return key == group
        return [p for p in (self._part(self.programs[i], accept) for i in self._holders.get(group, []))
                if p is not None]

    def _part(self, node: NodeResult, accept: Callable[[Group], bool]) -> Part | None:
        keys = self.keys(node)
        if all(accept(k) for k in keys):
            return node  # whole: its own part, one object in its sasaran and again in Pendukung
        if not any(accept(k) for k in keys):
            return None
        kids = [p for p in (self._part(k, accept) for k in node.children) if p is not None]
        return ProgramPart(node, _sum(k.pagu for k in kids), _sum(k.realisasi for k in kids), accept(node.key),
                           [r for k in kids for r in k.roots], kids)



def _with_children(node: NodeResult, children: list[NodeResult] | None) -> NodeResult:
    if children is not None:
        node.children = children
    return node


def _direction(current: Decimal | None, previous: Decimal | None, polaritas: str) -> str | None:
    if current is None or previous is None or polaritas == "Stabil":
        return None  # Stabil: neither higher nor lower is better
    if current == previous:
        return "Tetap"
    better = current > previous if polaritas != "Negatif" else current < previous
    return "Peningkatan" if better else "Penurunan"


def _reported(data: Consolidation, row: ProgramRow) -> bool:
    """A submitted row that carries a figure (templates list every row of a unit, most left empty)."""
    got = data.program.get(row.key)
    return got is not None and (got[1].realisasi is not None or has_money(got[1]))


def _iku(data: Consolidation, iku: Iku, settings: Settings, findings: list[Finding]) -> IkuResult:
    tahun = data.tahun
    got = data.iku.get(iku.kode_indikator)
    item = got[1] if got else None
    target = iku.target(tahun)
    realisasi = item.realisasi if item else None
    value, why = capaian(target, realisasi, iku.polaritas, settings.negatif_formula)
    if value is None and realisasi is not None and got is not None:
        findings.append(finding("capaian-tidak-dihitung", got[0].name, "IKU", item.cells["realisasi"],
                                kode=iku.kode_indikator, indikator=iku.indikator, sebab=why))
    riwayat = data.renstra.riwayat_of(iku.kode_indikator)
    years = data.renstra.years
    tahun_akhir = years[-1] if years else None
    target_akhir = iku.target_akhir if iku.target_akhir is not None else (
        iku.target(tahun_akhir) if tahun_akhir is not None else None)
    return IkuResult(
        iku=iku, target=target, realisasi=realisasi, capaian=value, predikat=settings.predikat(value),
        riwayat=dict(riwayat),
        arah=_direction(realisasi, riwayat.get(tahun - 1), iku.polaritas),
        penyebab=item.penyebab if item else None, solusi=item.solusi if item else None,
        source=Source(got[0].name, "IKU", item.cells["realisasi"]) if got else None,
        tahun_akhir=tahun_akhir, target_akhir=target_akhir,
        capaian_akhir=capaian(target_akhir, realisasi, iku.polaritas, settings.negatif_formula)[0],
        capaian_standar=capaian(iku.standar_nasional, realisasi, iku.polaritas, settings.negatif_formula)[0],
        tahun=tahun,
    )


def _program_tree(data: Consolidation, settings: Settings, findings: list[Finding]) -> list[NodeResult]:
    """The codes planned this year, funded or reported, with their ancestors; amounts from the leaves."""
    renstra, tahun = data.renstra, data.tahun
    planned = [p for p in renstra.program if p.in_year(tahun) or p.kode in data.budget or _reported(data, p)]
    tree = renstra.tree
    pagu_at, realisasi_at = data.pagu_at, data.realisasi_at
    # Every row counts this year (and reconcile gave the amounts by position): the tree's codes, their rows
    # and amounts are read in the tree's order, and each node finds its parent by position. At 1,000 units
    # the tables by code hold ~190,000 codes, far more than the processor's cache: a look-up in them costs
    # 2.7 times as much as at 100 units, reading the next item of a list about the same.
    full = (len(planned) == len(renstra.program) and pagu_at is not None and realisasi_at is not None
            and len(pagu_at) == len(realisasi_at) == len(tree.nodes))
    if full:
        entries: Iterable[tuple[CodeNode, Sequence[ProgramRow], Decimal | None, Decimal | None]] = zip(
            tree.nodes.values(), (n.rows for n in tree.nodes.values()), pagu_at, realisasi_at)
    else:
        rows_by_code: dict[str, list[ProgramRow]] = {}
        for p in planned:
            rows_by_code.setdefault(p.kode, []).append(p)
        pagu, realisasi, nodes_of = data.pagu, data.realisasi, tree.nodes
        entries = ((nodes_of[c], rows_by_code.get(c, ()), pagu.get(c), realisasi.get(c))
                   for c in with_ancestors([p.kode for p in planned]))

    submitted = data.program
    # the reports by Renstra position, read in step while the tree's rows follow the Renstra's order
    program, reported = renstra.program, data.reported
    in_step = full and reported is not None and len(reported) == len(program)
    at = 0
    negatif, predikat = settings.negatif_formula, settings.predikat
    built: list[tuple[NodeResult, CodeNode]] = []
    # Equal inputs give one capaian object: the target and realisasi of many rows are the same objects
    # (the Renstra's shared figures, share_repeated's), and a run keeps every capaian while it writes.
    judged: dict[tuple[int, int, str], tuple[Decimal | None, str | None, str | None]] = {}
    for code_node, own, pagu_value, realisasi_value in entries:
        rows = own or code_node.rows[:1]
        first = rows[0] if rows else None
        indicators = []
        for row in own:
            if in_step and at < len(program) and program[at] is row:
                got = reported[at]  # type: ignore[index]
                at += 1
            else:
                got = submitted.get(row.key)
                if in_step:  # out of step (a code's rows apart in the Renstra): go on from this row
                    at = renstra.position(row) + 1
            item = got[1] if got else None
            target = row.targets.get(tahun)
            realisasi_row = item.realisasi if item else None
            key = (id(target), id(realisasi_row), row.polaritas)  # both alive (held by the row and the item)
            seen = judged.get(key)
            if seen is None:
                value, why = capaian(target, realisasi_row, row.polaritas, negatif)
                seen = judged[key] = (value, why, predikat(value))
            value, why, grade = seen
            if value is None and realisasi_row is not None and got is not None:
                findings.append(finding("capaian-tidak-dihitung", got[0].name, "Program", item.cells["realisasi"],
                                        kode=row.kode, indikator=row.indikator or "-", sebab=why))
            indicators.append(IndicatorResult(
                row, target, realisasi_row, value, grade, item.penjelasan if item else None))
        node = NodeResult(
            kode=code_node.kode, level=code_node.level, uraian=first.uraian if first else code_node.kode,
            bidang=code_node.bidang, kode_sasaran=code_node.kode_sasaran, indicators=tuple(indicators),
            pagu=pagu_value, realisasi=realisasi_value, group=code_node.group)
        built.append((node, code_node))
    if full:  # every code is here, in the tree's order: a parent before its children, children in order
        tree.fold_up([node for node, _ in built], _with_children)
    else:
        get = {node.kode: node for node, _ in built}.get
        for node, code_node in built:
            node.children = [n for n in map(get, code_node.children) if n is not None] or ()  # (a leaf: none)
    return [node for node, _ in built if node.level == "program"]
