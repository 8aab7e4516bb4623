"""Reconcile: the submissions matched to the Renstra, as one :class:`Consolidation`.

The stage between the model and both the rules and compute. It decides, once:

- which submission speaks for which unit (one per unit; a unit's newest copy wins);
- which submitted row reports which Renstra row (by code, written the Renstra's
  way or not, and indicator); a unit's context rows of another unit's code are
  skipped, a row of another unit that carries values is used only when its owner
  sent nothing;
- where every rupiah goes: amounts are held by the leaves of the code tree
  (codes without children); kegiatan and programme amounts are the sums of their
  leaves (:attr:`Consolidation.pagu`); an amount a unit typed on a parent is kept
  only to be checked against that sum (:attr:`Consolidation.totals`).

A number that cannot be placed (a row without a code, an unknown code or
indicator, another unit's row that is not used, a second amount for one code, a
typed total whose leaves are all empty) is never dropped silently: it is a
finding and an :class:`Unplaced` entry, and the report says how many rupiah it
holds. Inputs are not changed; rules and compute only read the result.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Iterator

from lakip_xl import CONTRACT_VERSION, TEMPLATE_VERSION
from lakip_xl.findings import INFO, PERINGATAN, Finding, Level, finding
from lakip_xl.kepegawaian import GOLONGAN_SHEET, Kepegawaian
from lakip_xl.model import (
    CodeNode, Iku, KeuanganRow, ProgramRow, Renstra, Submission, SubmittedIku, SubmittedProgram, key_text,
)
from lakip_xl.parse import format_number, norm_key

IDENT = "Identitas"
PROGRAM = "Program"


@dataclass(slots=True)
class Amounts:
    """The budget one submitted row gives for one code."""

    sub: Submission
    item: SubmittedProgram
    pagu: Decimal | None
    realisasi: Decimal | None


@dataclass(slots=True)
class Unplaced:
    """Money typed in a submission that is not counted anywhere (its finding says why)."""

    file: str
    sheet: str
    cell: str
    rule: str
    pagu: Decimal | None
    realisasi: Decimal | None


#: the submission and its row that report a Renstra row
Reported = tuple[Submission, SubmittedProgram]


@dataclass
class Consolidation:
    renstra: Renstra
    tahun: int
    #: unit code → the submission used for it (``None``: nothing received)
    units: dict[str, Submission | None]
    #: IKU code → the submitted row that reports it
    iku: dict[str, tuple[Submission, SubmittedIku]] = field(default_factory=dict)
    #: (kode, indikator key) of a Renstra row → the submitted row that reports it
    program: dict[tuple[str, str], tuple[Submission, SubmittedProgram]] = field(default_factory=dict)
    #: by position in ``renstra.program``: what :attr:`program` holds for that row's key (``None``: not
    #: reported), filled by :func:`reconcile`; read it through :meth:`program_rows`
    reported: list[Reported | None] | None = None
    #: leaf code → the amounts placed on it
    budget: dict[str, Amounts] = field(default_factory=dict)
    #: by position in the code tree (:attr:`~lakip_xl.model.CodeNode.index`): what :attr:`budget` holds for
    #: that code, filled by :func:`reconcile`; read it through :meth:`leaf_budgets`
    budget_at: list[Amounts | None] | None = None
    #: parent code → the amounts a unit typed on it (checked against the sum of its leaves, never added)
    totals: dict[str, Amounts] = field(default_factory=dict)
    #: money that could not be placed
    unplaced: list[Unplaced] = field(default_factory=list)
    #: every code of the tree → its pagu / realisasi anggaran (the exact sum of its leaves; ``None``: none given)
    pagu: dict[str, Decimal | None] = field(default_factory=dict)
    realisasi: dict[str, Decimal | None] = field(default_factory=dict)
    #: the same by position in the code tree (filled by :func:`reconcile`; ``None`` in one built by hand)
    pagu_at: list[Decimal | None] | None = None
    realisasi_at: list[Decimal | None] | None = None
    #: a quarterly run: the last quarter it covers (1–4); ``None``: a yearly LAKIP
    triwulan: int | None = None
    #: sheet Keuangan of the unit that reports it, and that submission (``None``: none sent)
    keuangan: list[KeuanganRow] = field(default_factory=list)
    keuangan_sub: Submission | None = None
    #: the staff sheets of the unit that reports them, and that submission
    kepegawaian: Kepegawaian = field(default_factory=Kepegawaian)
    kepegawaian_sub: Submission | None = None

    def program_rows(self, unit: str | None = None) -> Iterator[tuple[ProgramRow, Reported | None]]:
        """Each Renstra program row (of ``unit``, or all) with the submitted row that reports it, in Renstra
        order: :attr:`program`'s value for the row's key, read by position (no look-up in a table of every row).
        """
        renstra, reported = self.renstra, self.reported
        if reported is None or len(reported) != len(renstra.program):  # built by hand, not by reconcile
            rows = renstra.program if unit is None else renstra.rows_of_unit(unit)[1]
            return ((row, self.program.get(row.key)) for row in rows)
        if unit is None:
            return zip(renstra.program, reported)
        return zip(renstra.rows_of_unit(unit)[1], map(reported.__getitem__, renstra.positions_of_unit(unit)))

    def leaf_budgets(self) -> Iterator[tuple[CodeNode, Amounts | None]]:
        """Each code of the tree, in its order, with the amounts :attr:`budget` holds for it (``None``: none;
        always ``None`` for a parent), read by position."""
        nodes, at = self.renstra.tree.nodes, self.budget_at
        if at is None or len(at) != len(nodes):  # built by hand, not by reconcile
            return ((node, self.budget.get(code)) for code, node in nodes.items())
        return zip(nodes.values(), at)

    @property
    def submissions(self) -> list[Submission]:
        return [s for s in self.units.values() if s is not None]

    def sent(self, unit: str) -> bool:
        return self.units.get(unit) is not None

    @property
    def unplaced_pagu(self) -> Decimal:
        return sum((u.pagu for u in self.unplaced if u.pagu is not None), Decimal(0))

    @property
    def unplaced_realisasi(self) -> Decimal:
        return sum((u.realisasi for u in self.unplaced if u.realisasi is not None), Decimal(0))

    def owners_sent(self, code: str) -> bool:
        """Every unit owning a leaf under ``code`` sent its report (a sum over them can be judged)."""
        tree = self.renstra.tree
        return all(self.sent(tree[leaf].bidang) for leaf in tree.leaves_under(code))


def reconcile(renstra: Renstra, submissions: list[Submission], tahun: int, *,
              expect_all_units: bool = True, triwulan: int | None = None) -> tuple[Consolidation, list[Finding]]:
    """Match ``submissions`` of year ``tahun`` (quarter ``triwulan``) to the Renstra; never raises on bad data."""
    findings: list[Finding] = []
    units = _units(renstra, submissions, tahun, findings)
    data = Consolidation(renstra, tahun, units, triwulan=triwulan)
    _Matcher(data, findings).match()
    _place_budget(data, findings)
    _agency_sheets(data, findings)
    if expect_all_units:
        _missing_units(data, findings)
    return data, findings


# --------------------------------------------------------------------------- #
# Units
# --------------------------------------------------------------------------- #


def resolve_bidang(renstra: Renstra, value: str | None) -> str | None:
    """A unit code from what a clerk wrote: the code, or the unit's name (any case)."""
    if not value:
        return None
    if value in renstra.bidang:
        return value
    key = norm_key(value)
    for b in renstra.bidang.values():
        if key in (norm_key(b.kode), norm_key(b.nama)):
            return b.kode
    return None


def _units(renstra: Renstra, submissions: list[Submission], tahun: int,
           findings: list[Finding]) -> dict[str, Submission | None]:
    by_unit: dict[str, list[Submission]] = {}
    for sub in submissions:
        cells = sub.identitas_cells
        kode = resolve_bidang(renstra, sub.bidang)
        if kode is None:
            findings.append(finding("bidang-tidak-dikenal", sub.name, IDENT, cells.get("bidang", ""),
                                    bidang=sub.bidang, dikenal=", ".join(renstra.bidang)))
            continue
        if sub.tahun != tahun:
            findings.append(finding("tahun-salah", sub.name, IDENT, cells.get("tahun", ""),
                                    terbaca=sub.tahun, tahun=tahun))
            continue
        instansi = sub.identitas.get("instansi")
        if instansi and norm_key(instansi) != norm_key(renstra.nama_instansi):
            findings.append(finding("instansi-berbeda", sub.name, IDENT, cells.get("instansi", ""),
                                    terbaca=instansi, renstra=renstra.nama_instansi))
        versi = sub.identitas.get("versi templat")
        if versi and _contract_of(versi) not in (None, CONTRACT_VERSION):
            findings.append(finding("versi-templat-berbeda", sub.name, IDENT, cells.get("versi templat", ""),
                                    terbaca=versi, versi=TEMPLATE_VERSION))
        by_unit.setdefault(kode, []).append(sub)

    units: dict[str, Submission | None] = {}
    for kode in renstra.bidang:
        subs = by_unit.get(kode, [])
        if not subs:
            units[kode] = None
            continue
        chosen, reason = _choose(subs)
        units[kode] = chosen
        if len(subs) > 1:
            names = ", ".join(s.name for s in subs)
            level = _resent_level(subs, chosen)
            for s in subs:
                if s is not chosen:
                    findings.append(finding("bidang-ganda", s.name, IDENT, s.identitas_cells.get("bidang", ""),
                                            level=level, bidang=renstra.bidang[kode].nama, berkas_semua=names,
                                            dipakai=chosen.name, alasan=reason))
    return units


def _missing_units(data: Consolidation, findings: list[Finding]) -> None:
    due = data.renstra.rows_due(data.tahun)
    for kode, sub in data.units.items():
        if sub is None and due.get(kode, 0):
            findings.append(finding("bidang-tidak-mengirim", "", "", "", bidang=data.renstra.bidang[kode].nama,
                                    kode=kode, jumlah=due[kode], tahun=data.tahun))


def _contract_of(versi: str) -> str | None:
    m = re.search(r"kontrak\s*(\S+)", versi)
    return m.group(1) if m else None


def _choose(subs: list[Submission]) -> tuple[Submission, str]:
    """The submission to use among several of one unit: the newest by its Tanggal, then by file time.

    Versions that came by mail (:mod:`lakip_xl.mail`) are chosen by the mail's date instead: the
    newest mail wins, and against a file in the folder the file's time stands for its date.
    """
    if any(s.received is not None for s in subs):
        best = max(subs, key=lambda s: (_when(s), s.name))
        return best, f"surel paling baru, {best.received:%d-%m-%Y %H:%M}" if best.received else "berkas paling baru disimpan"
    dated = [(s, _date(s.identitas.get("tanggal"))) for s in subs]
    if all(d is not None for _, d in dated) and len({d for _, d in dated}) == len(dated):
        best = max(dated, key=lambda x: x[1])[0]  # type: ignore[arg-type,return-value]
        return best, "Tanggal di lembar Identitas paling baru"
    best = max(subs, key=lambda s: (_mtime(s), s.name))
    return best, "berkas paling baru disimpan"


def _when(sub: Submission) -> float:
    """A version's time: its mail's date, else its file's modification time."""
    if sub.received is not None:
        try:
            return sub.received.timestamp()
        except (OverflowError, OSError, ValueError):
            return 0.0
    return _mtime(sub)


def _resent_level(subs: list[Submission], chosen: Submission) -> Level | None:
    """How grave a unit sent more than once is (``None``: the rule's own level, Galat).

    Every version came by mail, on different dates, and the newest carries a Tanggal not older
    than the others': a unit sending its corrected report again, the way the correction mail asks
    (Info). The same with an older Tanggal in the newest mail (a forward of an old version?) is a
    Peringatan. A file in the folder beside a mail, or versions that cannot be told apart, stay Galat.
    """
    if not all(s.received is not None for s in subs) or len({_when(s) for s in subs}) < len(subs):
        return None
    mine = _date(chosen.identitas.get("tanggal"))
    others = [d for d in (_date(s.identitas.get("tanggal")) for s in subs if s is not chosen) if d is not None]
    if mine is not None and any(d > mine for d in others):
        return PERINGATAN
    return INFO


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S"):
            try:
                return dt.datetime.strptime(value.strip(), fmt).date()
            except ValueError:
                continue
    return None


def _mtime(sub: Submission) -> float:
    try:
        return sub.path.stat().st_mtime
    except OSError:
        return 0.0


# --------------------------------------------------------------------------- #
# Rows
# --------------------------------------------------------------------------- #


def has_values(item: SubmittedProgram) -> bool:
    """A row a clerk filled (a template also lists rows the unit leaves empty, and context rows)."""
    return any(v is not None for v in (item.realisasi, item.pagu, item.realisasi_anggaran, item.penjelasan))


def has_money(item: SubmittedProgram) -> bool:
    return item.pagu is not None or item.realisasi_anggaran is not None


class _Matcher:
    """Submitted rows → Renstra rows; the owner's row wins, another unit's row fills a gap."""

    def __init__(self, data: Consolidation, findings: list[Finding]) -> None:
        self.data = data
        self.findings = findings
        renstra = data.renstra
        self.renstra = renstra
        self.iku_by_code = renstra.iku_by_code()
        self.iku_numeric = _numeric_aliases(self.iku_by_code)
        self.prog_codes = renstra.program_codes()
        self.tree = renstra.tree

    def match(self) -> None:
        reported = self.data.reported = [None] * len(self.renstra.program)
        foreign_iku: list[tuple[str, Submission, SubmittedIku]] = []
        foreign_prog: list[tuple[ProgramRow, Submission, SubmittedProgram]] = []
        for unit, sub in self.data.units.items():
            if sub is None:
                continue
            seen: dict[object, int] = {}
            for item in sub.iku:
                code = self._iku(sub, item, seen)
                if code is None:
                    continue
                if self.iku_by_code[code].bidang != unit:
                    foreign_iku.append((code, sub, item))
                else:
                    self.data.iku[code] = (sub, item)
            # A report lists its unit's rows in Renstra order (other units' parents between them as context):
            # a row in step with the next of them is that row, found without the tables of every unit's rows
            # (which no longer fit in the processor's cache at 1,000 units); the rest are looked up there.
            own = self.renstra.rows_of_unit(unit)[1]
            at = self.renstra.positions_of_unit(unit)
            j, end = 0, len(own)
            first_of_key = self.renstra.first_of_key
            for item in sub.program:
                row = own[j] if j < end else None
                if row is not None and row.kode == item.kode and row.indikator == item.indikator \
                        and first_of_key(row):
                    position: int | None = at[j]
                    j += 1
                else:
                    row, position = self._program(sub, item), None
                    if row is None:
                        continue
                if row.key in seen:
                    self.findings.append(finding("baris-ganda", sub.name, PROGRAM, item.cells["kode"], kode=row.kode,
                                                 indikator=item.indikator or "-", baris_lain=seen[row.key]))
                    self._unplace(sub, item, "baris-ganda")
                    continue
                seen[row.key] = item.row
                if row.bidang != unit:
                    if has_values(item):  # an empty row of another unit's code is context
                        foreign_prog.append((row, sub, item))
                else:
                    self._report(row, sub, item, position)
            for loose in sub.loose:
                self.data.unplaced.append(Unplaced(sub.name, loose.sheet, loose.cell, "baris-tanpa-kode",
                                                   loose.pagu, loose.realisasi))
        for code, sub, item in foreign_iku:
            ref = self.iku_by_code[code]
            used = code not in self.data.iku and not self.data.sent(ref.bidang)
            if used:
                self.data.iku[code] = (sub, item)
            self.findings.append(finding(
                "baris-bidang-lain", sub.name, "IKU", item.cells["kode"], kode=code, indikator=ref.indikator,
                pemilik=_unit(self.renstra, ref.bidang), bidang=_unit(self.renstra, _unit_of(self.data, sub)),
                tindakan=_action(used, self.renstra, ref.bidang)))
        for ref_row, sub, item in foreign_prog:
            used = ref_row.key not in self.data.program and not self.data.sent(ref_row.bidang)
            if used:
                self._report(ref_row, sub, item)
            elif has_money(item):
                self._unplace(sub, item, "baris-bidang-lain")
            self.findings.append(finding(
                "baris-bidang-lain", sub.name, PROGRAM, item.cells["kode"], kode=ref_row.kode,
                indikator=ref_row.indikator or "-", pemilik=_unit(self.renstra, ref_row.bidang),
                bidang=_unit(self.renstra, _unit_of(self.data, sub)),
                tindakan=_action(used, self.renstra, ref_row.bidang)))
        for row in self.renstra.later_of_key():  # a row whose key an earlier row has: what the earlier one has
            reported[self.renstra.position(row)] = self.data.program.get(row.key)

    def _report(self, row: ProgramRow, sub: Submission, item: SubmittedProgram, position: int | None = None) -> None:
        """``item`` reports ``row`` (the first Renstra row of its key), at ``position`` in the Renstra (looked up
        when not given)."""
        if position is None:
            position = self.renstra.position(row)
        self.data.program[row.key] = self.data.reported[position] = (sub, item)

    def _iku(self, sub: Submission, item: SubmittedIku, seen: dict[object, int]) -> str | None:
        code = item.kode_indikator
        if code not in self.iku_by_code:
            code = self.iku_numeric.get(code, code)
        ref = self.iku_by_code.get(code)
        if ref is None:
            self.findings.append(finding("kode-tidak-dikenal", sub.name, "IKU", item.cells["kode"],
                                         kolom="Kode Indikator", kode=code))
            return None
        if code in seen:
            self.findings.append(finding("baris-ganda", sub.name, "IKU", item.cells["kode"], kode=code,
                                         indikator=ref.indikator, baris_lain=seen[code]))
            return None
        seen[code] = item.row
        return code

    def _program(self, sub: Submission, item: SubmittedProgram) -> ProgramRow | None:
        """The Renstra row ``item`` reports (the first of its key), found by the tables of every row."""
        kode = self.tree.find(item.kode)
        rows = self.prog_codes.get(kode) if kode is not None else None
        if not rows:
            self.findings.append(finding("kode-tidak-dikenal", sub.name, PROGRAM, item.cells["kode"],
                                         kolom="Kode", kode=item.kode))
            self._unplace(sub, item, "kode-tidak-dikenal")
            return None
        row = _program_row(item, rows)
        if row is None:
            self.findings.append(finding("indikator-tidak-dikenal", sub.name, PROGRAM, item.cells["indikator"],
                                         kode=kode, indikator=item.indikator or "(kosong)"))
            self._unplace(sub, item, "indikator-tidak-dikenal")
            return None
        return row

    def _unplace(self, sub: Submission, item: SubmittedProgram, rule: str) -> None:
        if has_money(item):
            cell = item.cells["pagu"] if item.pagu is not None else item.cells["realisasi_anggaran"]
            self.data.unplaced.append(Unplaced(sub.name, PROGRAM, cell, rule, item.pagu, item.realisasi_anggaran))


def _unit_of(data: Consolidation, sub: Submission) -> str | None:
    return next((k for k, s in data.units.items() if s is sub), sub.bidang)


def _action(used: bool, renstra: Renstra, owner: str) -> str:
    if used:
        return f"nilainya dipakai karena {_unit(renstra, owner)} belum mengirim"
    return "baris ini tidak dipakai"


def _unit(renstra: Renstra, kode: str | None) -> str:
    b = renstra.bidang.get(kode or "")
    return b.nama if b else (kode or "-")


def _program_row(item: SubmittedProgram, rows: list[ProgramRow]) -> ProgramRow | None:
    """The Renstra row a submitted row reports among its code's ``rows`` (in Renstra order): the first with its
    indikator (:meth:`~lakip_xl.model.Renstra.program_by_key`'s), or the code's only row."""
    want = key_text(item.indikator)
    for row in rows:
        if row.key[1] == want:
            return row
    if len(rows) == 1:
        return rows[0]  # indikator empty or retyped: the code alone identifies the row
    return None


def _numeric_aliases(codes: dict[str, Iku]) -> dict[str, str]:
    """IKU codes Excel may have turned into numbers: '1.10' read back as '1.1'."""
    out: dict[str, str] = {}
    for code in codes:
        try:
            value = Decimal(code.replace(",", "."))
        except InvalidOperation:
            continue
        out.setdefault(format(value.normalize(), "f"), code)
    return out


# --------------------------------------------------------------------------- #
# Money
# --------------------------------------------------------------------------- #


def _agency_sheets(data: Consolidation, findings: list[Finding]) -> None:
    """Pendapatan, belanja per jenis and the staff counts each come from one report: the Program Penunjang
    owner's, else the first that has them; the same sheets in another report are said and not counted."""
    owner = data.renstra.keuangan_unit()
    for attr, rule, sheet in (("keuangan", "keuangan-ganda", "Keuangan"),
                              ("kepegawaian", "pegawai-ganda", GOLONGAN_SHEET)):
        sent = [sub for sub in data.submissions if getattr(sub, attr)]
        if not sent:
            continue
        chosen = next((sub for sub in sent if _unit_of(data, sub) == owner), sent[0])
        setattr(data, attr, getattr(chosen, attr))
        setattr(data, f"{attr}_sub", chosen)
        for sub in sent:
            if sub is not chosen:
                findings.append(finding(rule, sub.name, sheet, "", dipakai=chosen.name))


def _place_budget(data: Consolidation, findings: list[Finding]) -> None:
    """Leaves hold the amounts; parents get the sum of their leaves; what cannot be placed is reported."""
    tree = data.renstra.tree
    nodes = tree.nodes
    pagu: list[Decimal | None] = [None] * len(nodes)  # by the tree's position, for CodeTree.sums
    realisasi = list(pagu)
    at = data.budget_at = [None] * len(nodes)
    for key, (sub, item) in sorted(data.program.items(), key=lambda x: (x[1][0].name, x[1][1].row)):
        if item.pagu is None and item.realisasi_anggaran is None:  # (has_money)
            continue
        code = key[0]
        node = nodes[code]
        held = data.totals if node.children else data.budget
        first = held.get(code)
        if first is None:
            held[code] = placed = Amounts(sub, item, item.pagu, item.realisasi_anggaran)
            if not node.children:
                i = node.index
                pagu[i], realisasi[i], at[i] = item.pagu, item.realisasi_anggaran, placed
        elif (first.pagu, first.realisasi) == (item.pagu, item.realisasi_anggaran):
            findings.append(finding("anggaran-ganda", sub.name, PROGRAM, item.cells["pagu"], kode=code,
                                    baris=first.item.row))
        else:
            findings.append(finding("anggaran-ganda-berbeda", sub.name, PROGRAM, item.cells["pagu"], kode=code,
                                    baris=first.item.row, pagu_lain=_rp(first.pagu),
                                    realisasi_lain=_rp(first.realisasi), pagu=_rp(item.pagu),
                                    realisasi=_rp(item.realisasi_anggaran)))
            data.unplaced.append(Unplaced(sub.name, PROGRAM, item.cells["pagu"], "anggaran-ganda-berbeda",
                                          item.pagu, item.realisasi_anggaran))
    data.pagu_at, data.realisasi_at = tree.sums(pagu), tree.sums(realisasi)
    data.pagu = dict(zip(nodes, data.pagu_at))
    data.realisasi = dict(zip(nodes, data.realisasi_at))
    for code, a in data.totals.items():
        if not ((a.pagu and data.pagu[code] is None) or (a.realisasi and data.realisasi[code] is None)):
            continue  # the typed amounts have leaves to be checked against (rules.budget)
        if not data.owners_sent(code):
            continue  # another unit's part is not here: the sum cannot be judged
        lost = {}
        for attr, label, typed, rolled in (("pagu", "Pagu", a.pagu, data.pagu), ("realisasi_anggaran",
                                           "Realisasi Anggaran", a.realisasi, data.realisasi)):
            if typed and rolled.get(code) is None:
                lost[attr] = typed
                findings.append(finding("jumlah-tanpa-rincian", a.sub.name, PROGRAM, a.item.cells[attr], kolom=label,
                                        kode=code, terbaca=_rp(typed)))
        if lost:
            attr = "pagu" if "pagu" in lost else "realisasi_anggaran"
            data.unplaced.append(Unplaced(a.sub.name, PROGRAM, a.item.cells[attr], "jumlah-tanpa-rincian",
                                          lost.get("pagu"), lost.get("realisasi_anggaran")))


def _rp(value: Decimal | None) -> str:
    return format_number(value) if value is not None else "-"


__all__ = ["reconcile", "Consolidation", "Amounts", "Unplaced", "resolve_bidang", "has_values"]
