"""The typed model: a Renstra and the submissions of one year.

Plain dataclasses, built by :mod:`lakip_xl.renstra` and
:mod:`lakip_xl.submission`, read by the rules and by :mod:`lakip_xl.compute`.
Every submitted value keeps the cell it came from, so a finding can point to
it. Money and measurements are :class:`~decimal.Decimal`.
"""

from __future__ import annotations

import datetime as dt
import functools
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from lakip_xl.kepegawaian import Kepegawaian
from lakip_xl.parse import code_key, code_level, code_parent, is_penunjang_code, norm_key, safe_name
from lakip_xl.measures import Target


@dataclass
class Bidang:
    kode: str
    nama: str
    #: optional columns ``Surel`` (addresses, header values) and ``Penanggung Jawab`` of the Bidang sheet
    surel: list[str] = field(default_factory=list)
    penanggung_jawab: str | None = None


@dataclass
class IndikatorTujuan:
    """A tujuan-level indicator (Perjanjian Kinerja)."""

    kode_tujuan: str
    tujuan: str
    indikator: str
    satuan: str | None
    polaritas: str
    targets: dict[int, Target | None]
    kode_indikator: str | None = None


@dataclass
class Iku:
    """One indikator kinerja utama of a sasaran (a row of sheet ``Sasaran``)."""

    kode_tujuan: str | None
    tujuan: str | None
    kode_sasaran: str
    sasaran: str
    kode_indikator: str
    indikator: str
    satuan: str | None
    polaritas: str
    bidang: str
    baseline: Decimal | None
    targets: dict[int, Target | None]
    target_akhir: Target | None
    standar_nasional: Decimal | None
    standar_nasional_text: str | None = None
    #: the tujuan indicator (Perjanjian Kinerja "IK.n") this IKU serves; optional column
    kode_indikator_tujuan: str | None = None
    row: int = 0  # 1-based row in the Renstra sheet
    #: how quarters combine: ``Jumlah``, ``Terakhir`` or ``Rata-rata`` (column ``Akumulasi``, else the settings)
    akumulasi: str = "Terakhir"

    def target(self, year: int) -> Target | None:
        return self.targets.get(year)


class ByYear(Mapping[int, Any]):
    """A Renstra row's values by year (its targets), a read-only mapping kept small.

    A city's Renstra has ~190,000 program rows, each with a target and a pagu for every year of the
    period: as dicts they were a quarter of what a run keeps at 1,000 units. The rows of one sheet share
    one year → position index; a row holds its values in a tuple.
    """

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[int, int], values: Sequence[Any]) -> None:
        self._index = index
        self._values = values

    @classmethod
    def of(cls, values: dict[int, Any]) -> ByYear:
        return cls(year_index(tuple(values)), tuple(values.values()))

    def __getitem__(self, year: int) -> Any:
        return self._values[self._index[year]]

    def get(self, year: int, default: Any = None) -> Any:  # type: ignore[override]
        i = self._index.get(year)
        return default if i is None else self._values[i]

    def __iter__(self) -> Iterator[int]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self.items())!r})"

    def __reduce__(self):  # noqa: ANN204 - copied and pickled as a dict of the same values
        return type(self).of, (dict(self.items()),)


#: a whole number of rupiah this large is kept as a machine integer by :class:`RupiahByYear`; ``None`` below it
_MISSING = -(2 ** 63)
_LARGEST = 2 ** 63 - 1


class RupiahByYear(ByYear):
    """A Renstra row's pagu by year: whole rupiah as machine integers, read back as the same Decimals.

    Pagu are distinct figures (rarely shared like targets), each a 104-byte Decimal: packed into an
    ``array`` they are 8 bytes, and reading them writes nothing to the shared pages a forked writer
    sees (:mod:`lakip_xl.xlsx.split`). A year whose pagu is not a whole number of rupiah (sen, an
    exponent, -0) keeps the row's values as they are, in a tuple.
    """

    __slots__ = ()

    @classmethod
    def of(cls, values: dict[int, Any]) -> ByYear:
        index = year_index(tuple(values))
        packed = array("q")
        for v in values.values():
            if v is None:
                packed.append(_MISSING)
            elif v.__class__ is Decimal and _whole(v):
                packed.append(int(v))
            else:
                return ByYear(index, tuple(values.values()))
        return cls(index, packed)

    @classmethod
    def of_cells(cls, index: dict[int, int], cells: list[Any], columns: Iterable[int]) -> RupiahByYear | None:
        """The pagu in ``cells[c]`` for ``c`` in ``columns`` (in ``index``'s order) when each is empty or a
        whole number of rupiah as python-calamine gives it, a float below 10^15 (which
        :func:`~lakip_xl.parse.float_to_decimal` reads as ``Decimal(int(x))``): packed without a Decimal
        each (a large Renstra has ~950,000 of them); ``None`` when any is another value."""
        packed = array("q")
        for c in columns:
            raw = cells[c]
            if raw is None:
                packed.append(_MISSING)
            elif raw.__class__ is float and raw.is_integer() and -1e15 < raw < 1e15:
                packed.append(int(raw))
            else:
                return None
        return cls(index, packed)

    def __getitem__(self, year: int) -> Decimal | None:
        v = self._values[self._index[year]]
        return None if v == _MISSING else Decimal(v)

    def get(self, year: int, default: Any = None) -> Any:  # type: ignore[override]
        i = self._index.get(year)
        if i is None:
            return default
        v = self._values[i]
        return None if v == _MISSING else Decimal(v)


def _whole(d: Decimal) -> bool:
    """``d`` is ``Decimal(int(d))`` exactly, digits and exponent alike, and fits an :class:`RupiahByYear` slot."""
    sign, _, exponent = d.as_tuple()
    return exponent == 0 and not (sign and not d) and -_LARGEST <= d <= _LARGEST


@functools.cache
def year_index(years: tuple[int, ...]) -> dict[int, int]:
    """One shared year → position index per set of year columns."""
    return {y: i for i, y in enumerate(years)}


@dataclass(slots=True)
class ProgramRow:
    """One indicator of a program, kegiatan or sub kegiatan (a row of sheet ``Program``)."""

    kode: str
    uraian: str
    indikator: str | None
    satuan: str | None
    polaritas: str
    kode_sasaran: str | None
    bidang: str
    #: by year (a dict given is kept as a :class:`ByYear`, pagu as :class:`RupiahByYear`)
    targets: Mapping[int, Target | None]
    pagu: Mapping[int, Decimal | None]
    row: int = 0
    #: column ``Jenis``: :data:`PENUNJANG`, :data:`PENDUKUNG` or ``None`` (by the code and Kode Sasaran)
    jenis: str | None = None
    #: how quarters combine: ``Jumlah``, ``Terakhir`` or ``Rata-rata`` (column ``Akumulasi``, else the settings)
    akumulasi: str = "Terakhir"
    #: optional column ``Baseline``: the capaian in the year before the Renstra (Tabel 6.1 column 6)
    baseline: Decimal | None = None
    #: optional column ``Lokasi`` (Tabel 6.1 column 21)
    lokasi: str | None = None
    #: (kode, normalised indikator): what identifies the row
    key: tuple[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.key = (self.kode, key_text(self.indikator))
        if self.targets.__class__ is dict:
            self.targets = ByYear.of(self.targets)
        if self.pagu.__class__ is dict:
            self.pagu = RupiahByYear.of(self.pagu)

    @property
    def level(self) -> str | None:
        return code_level(self.kode)

    @property
    def parent(self) -> str | None:
        return code_parent(self.kode)

    def in_year(self, year: int) -> bool:
        """Planned in ``year``: it has a target or an indicative pagu then."""
        return self.targets.get(year) is not None or self.pagu.get(year) is not None


def key_text(text: str | None) -> str:
    """An indicator's text as it is matched (the parse stage's :func:`~lakip_xl.parse.norm_key`)."""
    return norm_key(text)


QUARTERS = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class RencanaAksi:
    """Quarterly targets and anggaran kas of one indicator in one year (a row of sheet ``Rencana Aksi``)."""

    tahun: int
    #: a Kode Indikator of an IKU, or the code of a program, kegiatan or sub kegiatan row
    kode: str
    #: the indicator, where a program code has several
    indikator: str | None
    targets: tuple[Target | None, ...]
    kas: tuple[Decimal | None, ...]
    row: int = 0


@dataclass
class Renstra:
    path: Path
    instansi: dict[str, str]
    years: list[int]
    bidang: dict[str, Bidang]
    iku: list[Iku]
    program: list[ProgramRow]
    riwayat: dict[tuple[str, int], Decimal] = field(default_factory=dict)
    tujuan: list[IndikatorTujuan] = field(default_factory=list)
    #: optional sheet ``Rencana Aksi`` (contract v2): quarterly targets and anggaran kas
    rencana_aksi: list[RencanaAksi] = field(default_factory=list)
    #: the years whose program targets and pagu were read (``None``: all of :attr:`years`; ``lakip check``
    #: reads only the report's year)
    program_years: list[int] | None = None
    #: Instansi row ``Surel Pengirim`` (optional): the secretariat's address, the From of the drafts
    pengirim: list[str] = field(default_factory=list)

    @property
    def nama_instansi(self) -> str:
        return self.instansi.get("nama instansi", "")

    # Indexes, built once on first use (a Renstra is not changed after it is read).
    @functools.cached_property
    def _iku_index(self) -> dict[str, Iku]:
        return {i.kode_indikator: i for i in self.iku}

    @functools.cached_property
    def _program_index(self) -> dict[tuple[str, str], ProgramRow]:
        out: dict[tuple[str, str], ProgramRow] = {}
        for p in self.program:
            out.setdefault(p.key, p)
        return out

    @functools.cached_property
    def _later_of_key(self) -> tuple[list[ProgramRow], frozenset[int]]:
        # found among each code's rows (one or a few), not in a table of every row's key
        later: list[ProgramRow] = []
        for rows in self._code_index.values():
            if len(rows) > 1:
                seen: set[str] = set()
                for p in rows:
                    if p.key[1] in seen:
                        later.append(p)
                    seen.add(p.key[1])
        return later, frozenset(map(id, later))

    def later_of_key(self) -> list[ProgramRow]:
        """The rows whose key an earlier row already has (a Renstra mistake: :meth:`program_by_key` gives the
        first)."""
        return self._later_of_key[0]

    def first_of_key(self, row: ProgramRow) -> bool:
        """``row`` is the Renstra row :meth:`program_by_key` gives for its key (not a later row with the same
        code and indikator): known without a look-up in the table of every row."""
        return id(row) not in self._later_of_key[1]

    @functools.cached_property
    def _code_index(self) -> dict[str, list[ProgramRow]]:
        out: dict[str, list[ProgramRow]] = {}
        for p in self.program:
            out.setdefault(p.kode, []).append(p)
        return out

    @functools.cached_property
    def _unit_index(self) -> dict[str, tuple[list[Iku], list[ProgramRow], array]]:
        out: dict[str, tuple[list[Iku], list[ProgramRow], array]] = {}
        for i in self.iku:
            out.setdefault(i.bidang, ([], [], array("q")))[0].append(i)
        for n, p in enumerate(self.program):
            unit = out.get(p.bidang)
            if unit is None:
                unit = out[p.bidang] = ([], [], array("q"))
            unit[1].append(p)
            unit[2].append(n)
        return out

    def positions_of_unit(self, kode_bidang: str) -> array:
        """Where :meth:`rows_of_unit`'s program rows are in :attr:`program` (one position per row)."""
        unit = self._unit_index.get(kode_bidang)
        return unit[2] if unit is not None else array("q")

    @functools.cached_property
    def _positions(self) -> dict[int, int]:
        return {id(p): n for n, p in enumerate(self.program)}

    def position(self, row: ProgramRow) -> int:
        """Where ``row`` is in :attr:`program` (a table of every row, built on first use)."""
        return self._positions[id(row)]

    @functools.cached_property
    def _riwayat_index(self) -> dict[str, dict[int, Decimal]]:
        out: dict[str, dict[int, Decimal]] = {}
        for (kode, year), value in sorted(self.riwayat.items(), key=lambda x: (x[0][0], x[0][1])):
            out.setdefault(kode, {})[year] = value
        return out

    def riwayat_of(self, kode_indikator: str) -> dict[int, Decimal]:
        """Earlier years' realisasi of one IKU, year → value (sorted)."""
        return self._riwayat_index.get(kode_indikator, {})

    def rencana_aksi_of(self, tahun: int) -> dict[tuple[str, str], RencanaAksi]:
        """The Rencana Aksi of ``tahun`` by the key of what it plans: ``(Kode Indikator, "")`` for an IKU,
        :attr:`ProgramRow.key` for a program row."""
        iku = self._iku_index
        return {(r.kode, "" if r.kode in iku else key_text(r.indikator)): r
                for r in self.rencana_aksi if r.tahun == tahun}

    def rows_of_unit(self, kode_bidang: str) -> tuple[list[Iku], list[ProgramRow]]:
        """The IKU and program rows assigned to one unit, in Renstra order."""
        unit = self._unit_index.get(kode_bidang)
        return (unit[0], unit[1]) if unit is not None else ([], [])

    @functools.cached_property
    def _due_index(self) -> dict[int, dict[str, int]]:
        return {}

    def rows_due(self, tahun: int) -> dict[str, int]:
        """Unit → how many IKU and program rows it reports in ``tahun`` (counted once per year)."""
        out = self._due_index.get(tahun)
        if out is None:
            out = self._due_index[tahun] = dict.fromkeys(self.bidang, 0)
            for i in self.iku:
                out[i.bidang] = out.get(i.bidang, 0) + 1
            for p in self.program:
                if p.in_year(tahun):
                    out[p.bidang] = out.get(p.bidang, 0) + 1
        return dict(out)

    def iku_by_code(self) -> dict[str, Iku]:
        return self._iku_index

    def program_by_key(self) -> dict[tuple[str, str], ProgramRow]:
        return self._program_index

    def program_codes(self) -> dict[str, list[ProgramRow]]:
        return self._code_index

    def sasaran_names(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for i in self.iku:
            out.setdefault(i.kode_sasaran, i.sasaran)
        return out

    def keuangan_unit(self) -> str | None:
        """The unit that reports Pendapatan and belanja per jenis: the owner of the Program Penunjang
        (Kepmendagri 050-5889/2021 gives it to the secretariat, which keeps the agency's finances)."""
        tree = self.tree
        return next((n.bidang for n in tree.nodes.values() if n.level == "program" and n.group == PENUNJANG
                     and n.bidang in self.bidang), None)

    @functools.cached_property
    def tree(self) -> CodeTree:
        """The programme / kegiatan / sub kegiatan code tree, with each code's owner, sasaran and group."""
        return CodeTree.build(self.program, {i.kode_sasaran for i in self.iku}, self._code_index)


# --------------------------------------------------------------------------- #
# The code tree
# --------------------------------------------------------------------------- #

#: The group a row's money and indicators count in (see :class:`CodeTree`).
PENDUKUNG = "Pendukung Sasaran"
PENUNJANG = "Penunjang"
TANPA_SASARAN = "Tanpa Sasaran"


@dataclass(slots=True)
class CodeNode:
    """One code of the tree: a programme, kegiatan or sub kegiatan with its indicator rows."""

    kode: str
    level: str
    parent: str | None
    #: child codes in Renstra order (``()`` for a code without children: no empty list per leaf)
    children: list[str] | tuple[()]
    #: the Renstra rows of this code (one per indicator); empty for a parent the Renstra only implies
    rows: Sequence[ProgramRow]
    #: the unit that owns the code (its first row's; an implied parent takes its first child's)
    bidang: str
    #: :data:`PENDUKUNG`, :data:`PENUNJANG` or :data:`TANPA_SASARAN`
    group: str = TANPA_SASARAN
    #: the sasaran it supports (own or inherited); ``None`` outside :data:`PENDUKUNG`
    kode_sasaran: str | None = None
    #: its position in the tree's order (:attr:`CodeTree.nodes`)
    index: int = -1

    @property
    def leaf(self) -> bool:
        """A code without children holds money itself; a parent's amounts are its children's sum."""
        return not self.children

    @property
    def key(self) -> tuple[str, str | None]:
        """Where the code's money and indicators count: (group, kode sasaran)."""
        return (self.group, self.kode_sasaran)


@dataclass
class CodeTree:
    """Programmes, kegiatan and sub kegiatan as a tree, and the group each belongs to.

    Each code counts in exactly one group:

    - :data:`PENDUKUNG` of sasaran S: the code's own ``Kode Sasaran`` is S, or it
      has none and its parent counts for S (Kode Sasaran cascades downward and a
      row's own value overrides it);
    - :data:`PENUNJANG`: ``Jenis`` Penunjang, or a programme numbered 01 in its
      urusan (``2.15.01``, ``X.XX.01``) without a Kode Sasaran, and what inherits from it;
    - :data:`TANPA_SASARAN`: a pendukung code that neither has nor inherits a known sasaran
      (a Renstra mistake, reported; its money still counts in the total).
    """

    nodes: dict[str, CodeNode]
    #: :func:`~lakip_xl.parse.code_key` → the Renstra's spelling of the code
    spelling: dict[str, str]
    #: by position (:attr:`CodeNode.index`): the parent's position, -1 for a programme
    parents: array = field(default_factory=lambda: array("q"))

    @classmethod
    def build(cls, rows: list[ProgramRow], sasaran: set[str],
              by_code: dict[str, list[ProgramRow]] | None = None) -> CodeTree:
        """The tree of ``rows``; ``by_code``: their lists per code, if the caller holds them (they are shared,
        not copied). A code without rows or without children has ``()`` for them, not an empty list of its
        own (a large Renstra has ~190,000 codes, two thirds of them sub kegiatan)."""
        if by_code is None:
            by_code = {}
            for row in rows:
                by_code.setdefault(row.kode, []).append(row)
        # One pass in the Renstra's order (with_ancestors' order: a parent the Renstra only implies just before
        # its first child), each node linked to its parent as it is made: one look-up by code per code, not
        # five (a tree of 190,000 codes is far larger than the processor's cache).
        nodes: dict[str, CodeNode] = {}
        order: list[CodeNode] = []
        parents = array("q")

        def made(code: str, own: Sequence[ProgramRow], parent: CodeNode | None) -> CodeNode:
            node = CodeNode(code, code_level(code) or "", code_parent(code), (), own, own[0].bidang if own else "",
                            index=len(order))
            order.append(node)
            parents.append(parent.index if parent is not None else -1)
            if parent is not None:
                if parent.children:
                    parent.children.append(code)  # type: ignore[union-attr]
                else:
                    parent.children = [code]
            return node

        implied: set[str] = set()  # parents made before their own rows came (few: looked up in this set only)
        for code, own in by_code.items():
            if implied and code in implied:
                continue  # made already, as the parent of an earlier row's code (with its rows)
            up = code_parent(code)
            parent = nodes.get(up) if up is not None else None
            if up is not None and parent is None:  # parents the Renstra only implies (or gives later)
                chain = [up]
                above = code_parent(up)
                while above is not None and above not in nodes:
                    chain.append(above)
                    above = code_parent(above)
                parent = nodes[above] if above is not None else None
                implied.update(chain)
                for c in reversed(chain):
                    parent = nodes[c] = made(c, by_code.get(c, ()), parent)
            nodes[code] = made(code, own, parent)
        for node in reversed(order):  # implied parents: the owner of their first child
            if not node.rows and node.children:
                node.bidang = nodes[node.children[0]].bidang
        for node, up in zip(order, parents):  # parents come before their children
            node.group, node.kode_sasaran = _group(node, order[up] if up >= 0 else None, sasaran)
        return cls(nodes, {code_key(c): c for c in nodes}, parents)

    def sums(self, own: list[Decimal | None]) -> list[Decimal | None]:
        """Amounts by position: ``own[i]`` is the amount given on the code at position ``i``; the result
        holds each code's amount (its children's exact sum where any has one, else its own; :func:`rollup`
        gives the same by code).

        One pass from the end over lists, without a look-up by code: at 1,000 units the tree has ~190,000
        codes, and tables that large no longer fit in the processor's cache. Children are added in the
        tree's order, from ``Decimal(0)`` (past 28 digits a Decimal sum rounds, and the order then matters).
        """
        zero = Decimal(0)
        return self.fold_up(own, lambda value, kids: sum(kids, zero) if kids is not None else value)

    def fold_up(self, items: Sequence[Any], merge: Callable[[Any, list[Any] | None], Any]) -> list[Any]:
        """From the last position to the first: ``merge(items[i], results)`` is the result at position ``i``,
        where ``results`` are its children's results in the tree's order (``None``: no child has one). A result
        that is ``None`` is not handed to the parent. Children come after their parent (:attr:`nodes`' order),
        so each is settled before it; no look-up by code."""
        parents = self.parents
        out: list[Any] = [None] * len(items)
        below: list[list[Any] | None] = [None] * len(items)
        for i in range(len(items) - 1, -1, -1):
            got = below[i]
            if got is not None:
                got.reverse()
            value = out[i] = merge(items[i], got)
            up = parents[i]
            if value is not None and up >= 0:
                kids = below[up]
                if kids is None:
                    below[up] = [value]
                else:
                    kids.append(value)
        return out

    def __getitem__(self, code: str) -> CodeNode:
        return self.nodes[code]

    def __contains__(self, code: object) -> bool:
        return code in self.nodes

    def get(self, code: str) -> CodeNode | None:
        return self.nodes.get(code)

    def find(self, code: str) -> str | None:
        """The Renstra's spelling of a code written another way (``…2.01.1`` for ``…2.01.0001``)."""
        return code if code in self.nodes else self.spelling.get(code_key(code))

    def leaves_under(self, code: str) -> list[str]:
        out: list[str] = []
        stack = [code]
        while stack:
            c = stack.pop()
            kids = self.nodes[c].children
            if kids:
                stack.extend(reversed(kids))
            else:
                out.append(c)
        return out


def _first(values) -> str | None:  # noqa: ANN001
    return next((v for v in values if v), None)


def _group(node: CodeNode, parent: CodeNode | None, sasaran: set[str]) -> tuple[str, str | None]:
    jenis = _first(r.jenis for r in node.rows)
    own = _first(r.kode_sasaran for r in node.rows)
    if jenis == PENUNJANG:
        return PENUNJANG, None
    if own:
        return (PENDUKUNG, own) if own in sasaran else (TANPA_SASARAN, None)
    if parent is not None and (jenis is None or parent.group == PENDUKUNG):
        return parent.group, parent.kode_sasaran
    if jenis is None and node.level == "program" and is_penunjang_code(node.kode):
        return PENUNJANG, None
    return TANPA_SASARAN, None


# --------------------------------------------------------------------------- #
# Submissions
# --------------------------------------------------------------------------- #


@dataclass
class Cell:
    """Where a submitted value came from."""

    sheet: str
    ref: str  # A1


@dataclass(slots=True)
class SubmittedIku:
    kode_indikator: str
    indikator: str | None
    satuan: str | None
    polaritas: str | None
    target: Target | None
    realisasi: Decimal | None
    penyebab: str | None
    solusi: str | None
    row: int
    #: key → A1 cell of the value (``cells["realisasi"]``; a dict or lakip_xl.table.RowCells)
    cells: Any = field(default_factory=dict)
    #: a quarterly template: ``Realisasi TW I`` … ``TW N`` as typed (``realisasi`` is their combination)
    quarters: tuple[Decimal | None, ...] | None = None


@dataclass(slots=True)
class SubmittedProgram:
    kode: str
    uraian: str | None
    indikator: str | None
    satuan: str | None
    polaritas: str | None
    target: Target | None
    realisasi: Decimal | None
    pagu: Decimal | None
    realisasi_anggaran: Decimal | None
    penjelasan: str | None
    row: int
    cells: Any = field(default_factory=dict)
    #: a quarterly template: ``Realisasi TW I`` … ``TW N`` as typed (``realisasi`` is their combination)
    quarters: tuple[Decimal | None, ...] | None = None
    #: a quarterly template: ``Realisasi Anggaran TW I`` … ``TW N`` (``realisasi_anggaran`` is their sum)
    anggaran_quarters: tuple[Decimal | None, ...] | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.kode, key_text(self.indikator))


#: Groups of sheet ``Keuangan`` (the Sekretariat's template): Pendapatan and the jenis belanja of Tabel 1.9.
PENDAPATAN, OPERASI, MODAL, TIDAK_TERDUGA = "Pendapatan", "Belanja Operasi", "Belanja Modal", "Belanja Tidak Terduga"
KELOMPOK = (PENDAPATAN, OPERASI, MODAL, TIDAK_TERDUGA)
#: The jenis belanja a Keuangan sheet lists (Permendagri 90/2019 account codes), in Tabel 1.9's order.
BELANJA_JENIS: tuple[tuple[str, str, str], ...] = (
    (OPERASI, "5.1.01", "Belanja Pegawai"),
    (OPERASI, "5.1.02", "Belanja Barang dan Jasa"),
    (OPERASI, "5.1.05", "Belanja Hibah"),
    (OPERASI, "5.1.06", "Belanja Bantuan Sosial"),
    (MODAL, "5.2.01", "Belanja Tanah"),
    (MODAL, "5.2.02", "Belanja Peralatan dan Mesin"),
    (MODAL, "5.2.03", "Belanja Gedung dan Bangunan"),
    (MODAL, "5.2.04", "Belanja Jalan, Irigasi dan Jaringan"),
    (MODAL, "5.2.05", "Belanja Aset Tetap Lainnya"),
    (MODAL, "5.2.06", "Belanja Aset Lainnya"),
    (TIDAK_TERDUGA, "5.3.01", "Belanja Tidak Terduga"),
)


@dataclass(slots=True)
class KeuanganRow:
    """One line of sheet ``Keuangan``: a pendapatan account or a jenis belanja, its anggaran and realisasi."""

    kelompok: str
    kode_rekening: str | None
    uraian: str
    anggaran: Decimal | None
    realisasi: Decimal | None
    row: int = 0
    cells: Any = field(default_factory=dict)


@dataclass(slots=True)
class LooseRow:
    """A row that carries money but no code: it cannot be placed (reported, never counted)."""

    sheet: str
    cell: str
    pagu: Decimal | None
    realisasi: Decimal | None


@dataclass
class Submission:
    path: Path
    identitas: dict[str, str]
    bidang: str | None
    tahun: int | None
    iku: list[SubmittedIku]
    program: list[SubmittedProgram]
    #: cells of the Identitas values, for findings
    identitas_cells: dict[str, str] = field(default_factory=dict)
    #: rows with money and no code
    loose: list[LooseRow] = field(default_factory=list)
    #: a quarterly report: the last quarter it covers (1–4, ``Realisasi TW I`` … ``TW N``); ``None``: yearly,
    #: and then no row has :attr:`~SubmittedProgram.quarters` (a sheet with ``Realisasi TW`` columns sets it)
    triwulan: int | None = None
    #: sheet ``Keuangan`` (the Sekretariat's template only): pendapatan and belanja per jenis
    keuangan: list[KeuanganRow] = field(default_factory=list)
    #: the four ``Pegawai …`` sheets (the Sekretariat's template only): staff counts
    kepegawaian: Kepegawaian = field(default_factory=Kepegawaian)
    #: a workbook attached to saved mail: the mail's date (it chooses between versions of one unit)
    received: dt.datetime | None = None

    @functools.cached_property
    def name(self) -> str:
        return safe_name(self.path.name)


def share_repeated(renstra: Renstra, submissions: Iterable[Submission], tahun: int) -> None:
    """Keep the texts a submission repeats from the Renstra, or from another submission, once in memory.

    A submission is read in a worker process, so the code, uraian, indikator and ``tahun``'s target it
    repeats of each Renstra row (the template prints them) arrive as copies, and so does a penjelasan
    another unit typed the same way, or an indicator's realisasi (at 100 units 3,943 different ones in
    18,892 rows): 8.5 MB of the 63 MB a run holds. Money is left as read: a sub kegiatan's pagu and
    realisasi anggaran are its own amounts (18,599 different pagu in 18,749 rows), so sharing them kept
    a few kilobytes for two ``str()`` and a look-up per row in a table as large as the run (half of this pass:
    100 units 0,37 → 0,19 ms per unit, 1,000 units 0,60 → 0,25 ms). Each such value becomes
    the equal one already held, so nothing a rule or a sheet reads changes: a target only for one with
    the same digits and exponent (``Decimal("12.0")`` stays itself). A row is found by its code as typed;
    one whose code is spelled otherwise keeps its own values. The submissions are changed in place, each
    replaced value by an equal one of the same class (``Run.loaded`` shows them as read).

    Two passes: the values that need no Renstra row (realisasi, penjelasan), then the texts and targets of
    each row's Renstra row. Each pass follows fewer chains of objects at once than one pass doing both, and
    at 1,000 units, where none of it is in the processor's cache any more, the two take 0.24 ms per unit
    against 0.31-0.34 for the one (0.23 against 0.27 at 100 units; back to back, the same values shared).
    """
    submissions = list(submissions)
    said: dict[str | None, str | None] = {}
    same = said.setdefault  # (None is kept as itself)
    figures: dict[str, Decimal] = {}  # a figure's text (its digits and exponent) → the first such Decimal
    figure = figures.setdefault
    for sub in submissions:
        for p in sub.program:
            if p.realisasi.__class__ is Decimal:
                p.realisasi = figure(str(p.realisasi), p.realisasi)
            p.penjelasan = same(p.penjelasan, p.penjelasan)
    rows_of = renstra.program_codes()
    for sub in submissions:
        # A template lists its unit's rows in Renstra order (with other units' parents between them as
        # context): the next of those rows is tried first, in step, and a table of the whole Renstra is
        # consulted only for the rest. (A look-up in a table of every unit's codes costs 2.4 times as much
        # per row at 1,000 units as at 100: the table no longer fits in the processor's cache. In step,
        # with the values still in it, this pass took 1.2 µs a row at both sizes, against 1.6 and 2.0 µs
        # with look-ups only.)
        own = renstra.rows_of_unit(sub.bidang)[1] if sub.bidang else []
        j, end = 0, len(own)
        for p in sub.program:
            row = own[j] if j < end else None
            if row is None or row.kode != p.kode or row.indikator != p.indikator:
                nxt = own[j + 1] if j + 1 < end else None  # a row the clerk deleted: step over it
                if nxt is not None and nxt.kode == p.kode and nxt.indikator == p.indikator:
                    row, j = nxt, j + 1
                else:
                    row = None
            if row is not None:
                j += 1
                first = row
            else:  # out of step: the code's first row, and its row of this indikator
                rows = rows_of.get(p.kode) or ()
                first = rows[0] if rows else None
                row = next((r for r in rows if r.indikator == p.indikator), None)
            if first is not None:
                p.kode = first.kode
                if p.uraian == first.uraian:
                    p.uraian = first.uraian
            if row is not None:
                p.indikator = row.indikator
                target, typed = row.targets.get(tahun), p.target
                # plain Decimals only (a Categorical equals its score), and compare_total is 0 only for the
                # same representation
                if (target.__class__ is Decimal and typed.__class__ is Decimal and typed == target
                        and not target.compare_total(typed)):
                    p.target = target


def rollup(own: dict[str, Decimal | None], codes: list[str]) -> dict[str, Decimal | None]:
    """Amounts of every code: a code with children that have amounts gets their sum, else its own.

    ``codes`` lists codes of the tree (a parent they imply is added); ``own`` holds the amounts given on
    rows. Sums are exact (Decimal): :meth:`CodeTree.sums` over the tree of ``codes``, keyed by code in the
    tree's order.
    """
    tree = CodeTree.build([], set(), dict.fromkeys(codes, ()))
    return dict(zip(tree.nodes, tree.sums([own.get(code) for code in tree.nodes])))


def with_ancestors(codes: list[str]) -> list[str]:
    """``codes`` (order kept, duplicates dropped) plus any parent code they imply."""
    out: dict[str, None] = {}
    for code in codes:
        chain = []
        parent = code_parent(code)
        while parent is not None and parent not in out:
            chain.append(parent)
            parent = code_parent(parent)
        for p in reversed(chain):
            out[p] = None
        out[code] = None
    return list(out)


def children_of(codes: list[str]) -> dict[str, list[str]]:
    """Parent code → child codes, in order (implied parents included)."""
    out: dict[str, list[str]] = {}
    for code in with_ancestors(codes):
        parent = code_parent(code)
        if parent is not None:
            out.setdefault(parent, []).append(code)
    return out
