"""Calculations: capaian, predikat, nilai sasaran, serapan, efisiensi, roll-ups.

Pure functions over the reconciled data (:class:`~lakip_xl.rules.Consolidation`);
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
  percentage of the pagu.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from lakip_xl.findings import Finding, finding
from lakip_xl.model import Iku, ProgramRow, Renstra, children_of, rollup, with_ancestors
from lakip_xl.parse import code_level, is_penunjang
from lakip_xl.rules.budget import budget_rows
from lakip_xl.rules.context import Consolidation
from lakip_xl.settings import Settings

HUNDRED = Decimal(100)


# --------------------------------------------------------------------------- #
# Formulas
# --------------------------------------------------------------------------- #


def capaian(target: Decimal | None, realisasi: Decimal | None, polaritas: str,
            negatif_formula: str = "rasio") -> tuple[Decimal | None, str | None]:
    """(capaian, why not) for one indicator; never raises."""
    if realisasi is None:
        return None, "realisasi kosong"
    if target is None:
        return None, "target tahun ini kosong di Renstra"
    if polaritas == "Negatif":
        if negatif_formula == "selisih":
            if target == 0:
                return None, "target 0 pada indikator Negatif"
            return (2 * target - realisasi) / target * HUNDRED, None
        if realisasi == 0:
            return None, "realisasi 0 pada indikator Negatif (pembagian dengan nol)"
        return target / realisasi * HUNDRED, None
    if target == 0:
        return None, "target 0 (pembagian dengan nol)"
    return realisasi / target * HUNDRED, None


def nilai_kelompok(values: list[Decimal | None], settings: Settings) -> Decimal | None:
    """Metode Rata-Rata Data Kelompok over the capaian of a group of indicators."""
    cats = [settings.category(v) for v in values if v is not None]
    if not cats:
        return None
    return sum((c.mean for c in cats if c is not None), Decimal(0)) / len(cats)


def percent(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or whole is None or whole == 0:
        return None
    return part / whole * HUNDRED


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
    target: Decimal | None
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

    @property
    def kode(self) -> str:
        return self.iku.kode_indikator


@dataclass(slots=True)
class IndicatorResult:
    """One indicator row of a program, kegiatan or sub kegiatan."""

    row: ProgramRow
    target: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None
    predikat: str | None
    penjelasan: str | None


@dataclass(slots=True)
class NodeResult:
    """A program, kegiatan or sub kegiatan with its indicators, budget and children."""

    kode: str
    level: str
    uraian: str
    bidang: str
    kode_sasaran: str | None
    indicators: list[IndicatorResult]
    pagu: Decimal | None
    realisasi: Decimal | None
    children: list["NodeResult"] = field(default_factory=list)

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

    @property
    def capaian(self) -> Decimal | None:
        """The capaian of the node's first (main) indicator."""
        return self.indicators[0].capaian if self.indicators else None

    @property
    def penunjang(self) -> bool:
        return is_penunjang(self.kode)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class SasaranResult:
    kode_sasaran: str
    sasaran: str
    kode_tujuan: str | None
    tujuan: str | None
    iku: list[IkuResult]
    programs: list[NodeResult]
    nilai: Decimal | None
    predikat: str | None

    @property
    def pagu(self) -> Decimal | None:
        return _sum(p.pagu for p in self.programs)

    @property
    def realisasi(self) -> Decimal | None:
        return _sum(p.realisasi for p in self.programs)


@dataclass
class TujuanResult:
    kode_tujuan: str
    tujuan: str
    kode_indikator: str | None
    indikator: str
    satuan: str | None
    target: Decimal | None
    #: programs whose sasaran belongs to this tujuan (Perjanjian Kinerja)
    programs: list[NodeResult]


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
    programs: list[NodeResult]
    tujuan: list[TujuanResult]
    units: list[UnitStatus]
    nilai: Decimal | None
    predikat: str | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def instansi(self) -> dict[str, str]:
        return self.renstra.instansi

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
        """Budget of the programmes linked to a sasaran (without the supporting programme)."""
        return _sum(p.pagu for p in self.programs if not p.penunjang)

    @property
    def sasaran_realisasi(self) -> Decimal | None:
        return _sum(p.realisasi for p in self.programs if not p.penunjang)

    def nodes(self):
        for p in self.programs:
            yield from p.walk()


def _sum(values) -> Decimal | None:
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
    by_sasaran: dict[str, list[NodeResult]] = {}
    for p in programs:
        if p.kode_sasaran:
            by_sasaran.setdefault(p.kode_sasaran, []).append(p)

    sasaran: list[SasaranResult] = []
    seen: dict[str, SasaranResult] = {}
    for r in iku_results:
        i = r.iku
        s = seen.get(i.kode_sasaran)
        if s is None:
            s = SasaranResult(i.kode_sasaran, i.sasaran, i.kode_tujuan, i.tujuan, [],
                              by_sasaran.get(i.kode_sasaran, []), None, None)
            seen[i.kode_sasaran] = s
            sasaran.append(s)
        s.iku.append(r)
    for s in sasaran:
        s.nilai = nilai_kelompok([r.capaian for r in s.iku], settings)
        s.predikat = settings.predikat(s.nilai)
    nilai = nilai_kelompok([r.capaian for r in iku_results], settings)

    tujuan = []
    for t in renstra.tujuan:
        sasaran_codes = {s.kode_sasaran for s in sasaran if s.kode_tujuan == t.kode_tujuan}
        tujuan.append(TujuanResult(t.kode_tujuan, t.tujuan, t.kode_indikator, t.indikator, t.satuan,
                                   t.targets.get(tahun),
                                   [p for p in programs if p.kode_sasaran in sasaran_codes]))
    units = []
    due = renstra.rows_due(tahun)
    for kode, b in renstra.bidang.items():
        sub = data.units.get(kode)
        units.append(UnitStatus(kode, b.nama, sub.name if sub else None, due.get(kode, 0)))

    result = LakipResult(renstra, tahun, settings, iku_results, sasaran, programs, tujuan, units,
                         nilai, settings.predikat(nilai))
    return result, findings


def _direction(current: Decimal | None, previous: Decimal | None, polaritas: str) -> str | None:
    if current is None or previous is None:
        return None
    if current == previous:
        return "Tetap"
    better = current > previous if polaritas != "Negatif" else current < previous
    return "Peningkatan" if better else "Penurunan"


def _reported(data: Consolidation, row: ProgramRow) -> bool:
    """A submitted row that carries a value (templates list every row of a unit, most left empty)."""
    got = data.program.get(row.key)
    if got is None:
        return False
    item = got[1]
    return any(v is not None for v in (item.realisasi, item.pagu, item.realisasi_anggaran))


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
    return IkuResult(
        iku=iku, target=target, realisasi=realisasi, capaian=value, predikat=settings.predikat(value),
        riwayat=dict(riwayat),
        arah=_direction(realisasi, riwayat.get(tahun - 1), iku.polaritas),
        penyebab=item.penyebab if item else None, solusi=item.solusi if item else None,
        source=Source(got[0].name, "IKU", item.cells["realisasi"]) if got else None,
    )


def _program_tree(data: Consolidation, settings: Settings, findings: list[Finding]) -> list[NodeResult]:
    renstra, tahun = data.renstra, data.tahun
    given = data.budget if data.budget is not None else budget_rows(data)
    planned = [p for p in renstra.program if p.in_year(tahun) or p.kode in given or _reported(data, p)]
    codes = with_ancestors([p.kode for p in planned])
    kids = children_of(codes)
    pagu = rollup({k: a.pagu for k, a in given.items()}, codes, kids)
    real = rollup({k: a.realisasi for k, a in given.items()}, codes, kids)
    rows_by_code: dict[str, list[ProgramRow]] = {}
    for p in planned:
        rows_by_code.setdefault(p.kode, []).append(p)
    all_rows = renstra.program_codes()

    nodes: dict[str, NodeResult] = {}
    for code in codes:
        rows = rows_by_code.get(code) or all_rows.get(code, [])[:1]
        first = rows[0] if rows else None
        indicators = []
        for row in rows_by_code.get(code, []):
            got = data.program.get(row.key)
            item = got[1] if got else None
            target = row.targets.get(tahun)
            realisasi = item.realisasi if item else None
            value, why = capaian(target, realisasi, row.polaritas, settings.negatif_formula)
            if value is None and realisasi is not None and got is not None:
                findings.append(finding("capaian-tidak-dihitung", got[0].name, "Program", item.cells["realisasi"],
                                        kode=row.kode, indikator=row.indikator or "-", sebab=why))
            indicators.append(IndicatorResult(
                row, target, realisasi, value, settings.predikat(value), item.penjelasan if item else None))
        nodes[code] = NodeResult(
            kode=code, level=code_level(code) or "", uraian=first.uraian if first else code,
            bidang=first.bidang if first else "", kode_sasaran=renstra.program_sasaran(first) if first else None,
            indicators=indicators, pagu=pagu.get(code), realisasi=real.get(code))
    for code, node in nodes.items():
        node.children = [nodes[k] for k in kids.get(code, []) if k in nodes]
        if node.kode_sasaran is None and node.level != "program":
            top = ".".join(code.split(".")[:3])
            if top in nodes:
                node.kode_sasaran = nodes[top].kode_sasaran
    return [n for c, n in nodes.items() if code_level(c) == "program"]
