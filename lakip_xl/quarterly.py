"""The quarterly figures (compute stage): ``Capaian Triwulan`` and ``Evaluasi Renja`` (form E.81).

For a run of quarter N every indicator of the year gets one :class:`QuarterRow`: its annual target, the
Rencana Aksi targets "sampai triwulan" I…IV (cumulative, as the Renstra's sheet asks), the realisasi of
each quarter I…N as typed, and the realisasi up to N combined by its ``Akumulasi``
(:func:`lakip_xl.measures.combine`, never summing a ``Terakhir`` indicator). Capaian Kumulatif compares
that with the target up to N; Capaian Tahunan with the annual target. Without a Rencana Aksi the target
up to N is known only at TW IV (the annual target).
Money (pagu, anggaran kas, realisasi anggaran per quarter) is summed from the sub kegiatan up.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable, Iterator

from lakip_xl.measures import TERAKHIR, Categorical, Target, capaian, combine, percent
from lakip_xl.model import QUARTERS, ProgramRow, RencanaAksi
from lakip_xl.reconcile import Consolidation
from lakip_xl.settings import Settings

NONE4: tuple[None, ...] = (None,) * len(QUARTERS)


@dataclass(slots=True)
class Money:
    """A code's budget in a quarterly run: pagu, anggaran kas and realisasi anggaran per quarter."""

    pagu: Decimal | None
    kas: tuple[Decimal | None, ...]
    #: realisasi anggaran of each quarter (``None``: not given per quarter, e.g. a yearly report)
    quarters: tuple[Decimal | None, ...]
    #: realisasi anggaran up to quarter N (the sum of the sub kegiatan's)
    kumulatif: Decimal | None

    @property
    def serapan(self) -> Decimal | None:
        return percent(self.kumulatif, self.pagu)


@dataclass(slots=True)
class QuarterRow:
    """One indicator of the year (an IKU, or a program, kegiatan or sub kegiatan indicator) up to quarter N."""

    #: ``iku``, ``program``, ``kegiatan`` or ``sub_kegiatan``
    level: str
    kode: str
    #: the sasaran (IKU) or the program, kegiatan or sub kegiatan's name
    uraian: str
    indikator: str
    satuan: str | None
    polaritas: str
    akumulasi: str
    kode_sasaran: str | None
    bidang: str
    target_tahunan: Target | None
    #: Rencana Aksi targets up to TW I…IV (cumulative)
    targets: tuple[Target | None, ...]
    #: realisasi of TW I…IV as typed (``None`` beyond N or not given)
    realisasi: tuple[Decimal | None, ...]
    target_kumulatif: Target | None
    realisasi_kumulatif: Decimal | None
    capaian_kumulatif: Decimal | None
    capaian_tahunan: Decimal | None
    predikat: str | None
    #: realisasi up to TW I, II, … combined by the Akumulasi (``None`` beyond N): the chart's bars
    running: tuple[Decimal | None, ...] = NONE4
    #: the budget of the code, on its first indicator row (``None`` on IKU rows and second indicators)
    money: Money | None = None
    #: the Renstra's end-of-period target (E.81 column 6)
    target_akhir: Target | None = None


def quarterly(data: Consolidation, settings: Settings, triwulan: int,
              order: Iterable[tuple[str, str, list[ProgramRow]]]) -> list[QuarterRow]:
    """The rows of quarter ``triwulan``: every IKU, then the program rows of ``order``.

    ``order``: (code, level, its indicator rows of the year) in tree order, as the LAKIP tables list them.
    """
    renstra, tahun = data.renstra, data.tahun
    plans = renstra.rencana_aksi_of(tahun)
    out: list[QuarterRow] = []
    for iku in renstra.iku:
        got = data.iku.get(iku.kode_indikator)
        item = got[1] if got else None
        out.append(_row(settings, triwulan, "iku", iku.kode_indikator, iku.sasaran, iku.indikator, iku.satuan,
                        iku.polaritas, iku.akumulasi, iku.kode_sasaran, iku.bidang, iku.target(tahun),
                        plans.get((iku.kode_indikator, "")), item.quarters if item else None,
                        item.realisasi if item else None, iku.target_akhir))
    money = _money(data, triwulan, plans)
    tree = renstra.tree
    last_year = max(renstra.years) if renstra.years else tahun
    for code, level, rows in order:
        node = tree[code]
        for n, p in enumerate(rows or [None]):
            got = data.program.get(p.key) if p is not None else None
            item = got[1] if got else None
            row = _row(settings, triwulan, level, code, p.uraian if p else code, (p.indikator or "") if p else "",
                       p.satuan if p else None, p.polaritas if p else "Positif", p.akumulasi if p else "Terakhir",
                       node.kode_sasaran, node.bidang, p.targets.get(tahun) if p else None,
                       plans.get(p.key) if p else None, item.quarters if item else None,
                       item.realisasi if item else None, p.targets.get(last_year) if p else None)
            row.money = money.get(code) if n == 0 else None
            out.append(row)
    return out


def _row(settings: Settings, triwulan: int, level: str, kode: str, uraian: str, indikator: str,
         satuan: str | None, polaritas: str, akumulasi: str, kode_sasaran: str | None, bidang: str,
         target: Target | None, plan: RencanaAksi | None, typed: tuple[Decimal | None, ...] | None,
         realisasi: Decimal | None, target_akhir: Target | None) -> QuarterRow:
    targets = plan.targets if plan is not None else NONE4
    if isinstance(target, Categorical):
        akumulasi = TERAKHIR  # a category is never added up (lakip_xl.measures.combine)
    quarters = tuple((typed[q] if typed is not None and q < len(typed) and q < triwulan else None)
                     for q in range(len(QUARTERS)))
    # Rencana Aksi targets are cumulative ("sampai triwulan itu"); without one only TW IV's is known
    target_kum = targets[triwulan - 1]
    if target_kum is None and triwulan == len(QUARTERS):
        target_kum = target
    cap_kum, _ = capaian(target_kum, realisasi, polaritas, settings.negatif_formula)
    cap_year, _ = capaian(target, realisasi, polaritas, settings.negatif_formula)
    running = tuple(combine(quarters[:q + 1], akumulasi) if q < triwulan else None for q in range(len(QUARTERS)))
    return QuarterRow(level, kode, uraian, indikator, satuan, polaritas, akumulasi, kode_sasaran, bidang, target,
                      targets, quarters, target_kum, realisasi, cap_kum, cap_year, settings.predikat(cap_kum),
                      running, target_akhir=target_akhir)


def _money(data: Consolidation, triwulan: int, plans: dict[tuple[str, str], RencanaAksi]) -> dict[str, Money]:
    """Every code's Money: a leaf's from its submitted row and Rencana Aksi, a parent's the sum of its leaves'."""
    tree = data.renstra.tree
    leaf: dict[str, Money] = {}
    for code, node in tree.nodes.items():
        if not node.leaf:
            continue
        amounts = data.budget.get(code)
        item = amounts.item if amounts else None
        typed = item.anggaran_quarters if item is not None else None
        quarters = tuple((typed[q] if typed is not None and q < len(typed) and q < triwulan else None)
                         for q in range(len(QUARTERS)))
        plan = next((plans[p.key] for p in node.rows if p.key in plans), None)
        leaf[code] = Money(data.pagu.get(code), plan.kas if plan is not None else NONE4, quarters,
                           data.realisasi.get(code))
    out: dict[str, Money] = {}
    for code in tree.nodes:
        parts = [leaf[c] for c in tree.leaves_under(code)]
        out[code] = Money(data.pagu.get(code), _sums(m.kas for m in parts), _sums(m.quarters for m in parts),
                          data.realisasi.get(code))
    return out


def _sums(columns: Iterator[tuple[Decimal | None, ...]]) -> tuple[Decimal | None, ...]:
    """Quarter by quarter, the sum of what is given (``None`` where nothing is)."""
    cols = list(columns)
    out = []
    for q in range(len(QUARTERS)):
        given = [c[q] for c in cols if c[q] is not None]
        out.append(sum(given, Decimal(0)) if given else None)
    return tuple(out)
