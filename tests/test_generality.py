"""Consolidation of any valid agency shape, against an oracle written independently in this test.

Hypothesis generates Renstra shapes (issue 9, "any agency, correct to the Rupiah"):

- 1-4 units, 1-3 urusan prefixes;
- a Program Penunjang numbered ``N.NN.01`` (no Kode Sasaran, no Jenis), sometimes a second one
  with ``Jenis = Penunjang`` numbered otherwise, sometimes a ``N.NN.01`` programme *with* a Kode
  Sasaran (then it supports that sasaran), and sometimes kegiatan or sub kegiatan under a
  Penunjang programme with their own Kode Sasaran (their money goes to that sasaran);
- 1-4 sasaran with 1-3 IKU each, Positif, Negatif and Stabil (range targets such as 12,5-20, the
  realisasi inside, on the bounds, below or above), with target/realisasi pairs that land in
  every predikat category and exactly on the boundaries 85, 70 and 55 (also as decimals such as
  0,17 / 0,2, where binary floats are off by one ulp);
- pendukung programmes whose Kode Sasaran is set on the programme row and sometimes overridden
  on a kegiatan or sub kegiatan row (cascading);
- kegiatan and sub kegiatan owned by another unit than their parent;
- sub kegiatan codes of 2 or 4 digits (one width for the Renstra, or mixed);
- leaves at every level: a sub kegiatan, a kegiatan without sub kegiatan, a programme without
  kegiatan;
- one or two indicators per code.

The Renstra workbook is written here with XlsxWriter following docs/WORKBOOK_CONTRACT.md (not with
lakip-xl's Renstra writer), the templates come from ``write_templates`` and are filled like a
clerk does (openpyxl, unlocked cells only), with integer and half-rupiah amounts, realisasi
anggaran <= pagu, and a realisasi for every indicator with a target.

While filling, the templates are checked against the spec: each own row is there, with its
Realisasi and (on leaves) Pagu / Realisasi Anggaran unlocked and its parents' amounts locked;
another unit's rows appear only as locked ancestors of the unit's own rows.

The oracle is plain Python over the generated data (Decimal and Fraction); it never calls
lakip-xl's model, rules, compute or report code. It checks the written workbook as a reader
without a formula engine sees it (python-calamine, cached values):

- Realisasi Anggaran: every Renstra code once, in tree order, as the Renstra spells it, with the
  exact sum of its leaves; the four totals (Pendukung, Penunjang, Tanpa Sasaran empty, Belanja)
  and pendukung + penunjang + tanpa sasaran = belanja;
- Efisiensi: each (sasaran, programme) pair with leaves supporting that sasaran listed once with
  that part, no amounts on other pairs, each sasaran's rows summing to its leaves, JUMLAH equal
  to JUMLAH PROGRAM PENDUKUNG SASARAN STRATEGIS;
- Capaian IKU: capaian to 1e-9 relative and predikat (exact at the boundaries);
- Tabel III.1: nilai of each sasaran, the instansi's nilai and predikat (Metode Rata-Rata);
- no Galat (Renstra, run, Validasi) and exit code 0.

All failures of one example are listed together in the assertion message, under a dump of the
generated agency.
"""

from __future__ import annotations

import datetime as dt
import math
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import python_calamine as pc
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lakip_xl.consolidate import consolidate
from lakip_xl.renstra import read_renstra
from lakip_xl.templates.submission import write_templates

TAHUN = 2025
YEARS = (2025, 2026)
UNITS = [("SEK", "Sekretariat"), ("DAG", "Bidang Perdagangan"), ("PSR", "Bidang Pasar"),
         ("IND", "Bidang Perindustrian")]
URUSAN = ["2.15", "1.02", "3.30", "2.17", "X.XX", "1.03"]
SASARAN_NAMES = ["Meningkatnya Pasar Rakyat", "Terkendalinya Laju Inflasi", "Meningkatnya Ekspor",
                 "Meningkatnya Koperasi Aktif"]
PENUNJANG, PENDUKUNG, TANPA = "Penunjang", "Pendukung", "Tanpa Sasaran"
TOTALS = {
    PENDUKUNG: "JUMLAH PROGRAM PENDUKUNG SASARAN STRATEGIS",
    PENUNJANG: "JUMLAH PROGRAM PENUNJANG",
    TANPA: "JUMLAH PROGRAM TANPA SASARAN",
    "BELANJA": "JUMLAH BELANJA (SELURUH PROGRAM)",
}
SB, B, CB, TB = "Sangat Berhasil", "Berhasil", "Cukup Berhasil", "Tidak Berhasil"
MEAN = {SB: Fraction(185, 2), B: Fraction(155, 2), CB: Fraction(125, 2), TB: Fraction(55, 2)}


# --------------------------------------------------------------------------- #
# Generated data
# --------------------------------------------------------------------------- #


@dataclass
class Indicator:
    name: str
    satuan: str
    polaritas: str
    target: Decimal | None
    realisasi: Decimal | None


@dataclass
class Node:
    kode: str
    uraian: str
    bidang: str
    kode_sasaran: str | None  # as typed on the row (None: inherit)
    indicators: list[Indicator]
    jenis: str | None = None  # programme rows only
    renstra_pagu: Decimal | None = None
    children: list["Node"] = field(default_factory=list)
    pagu: Decimal | None = None  # leaves: the DPA amounts the clerk types
    realisasi: Decimal | None = None

    @property
    def level(self) -> str:
        return {3: "program", 5: "kegiatan", 6: "sub_kegiatan"}[self.kode.count(".") + 1]


@dataclass
class Iku:
    kode: str
    kode_sasaran: str
    sasaran: str
    name: str
    satuan: str
    polaritas: str
    bidang: str
    target: Decimal | tuple[Decimal, Decimal]  # Stabil: (lo, hi)
    realisasi: Decimal


@dataclass
class Agency:
    units: list[tuple[str, str]]
    sasaran: list[tuple[str, str]]
    iku: list[Iku]
    programs: list[Node]

    def walk(self):
        """Every node in tree order, with its programme."""
        for p in self.programs:
            stack = [p]
            while stack:
                n = stack.pop(0)
                yield n, p
                stack[0:0] = n.children


def dec(units: int, places: int) -> Decimal:
    return Decimal(units).scaleb(-places)


@st.composite
def stabil_pair(draw) -> tuple[str, tuple[Decimal, Decimal], Decimal]:
    """("Stabil", (lo, hi), realisasi): inside the range, on its bounds, below, above, or on 85/70/55 below it."""
    places = draw(st.integers(0, 3))
    lo = dec(draw(st.integers(1, 10**6)), places)
    hi = lo + dec(draw(st.integers(0, 10**6)), places)
    where = draw(st.sampled_from(["inside", "below", "above", "boundary"]))
    if where == "inside":
        realisasi = draw(st.sampled_from([lo, hi, (lo + hi) / 2]))
    elif where == "below":
        realisasi = lo * draw(st.integers(0, 99)) / 100
    elif where == "above":
        realisasi = hi + dec(draw(st.integers(1, 10**6)), places)
    else:
        realisasi = lo * draw(st.sampled_from([17, 14, 11])) / 20  # 85 %, 70 %, 55 % of the lower bound
    return "Stabil", (lo, hi), realisasi


def range_text(target: tuple[Decimal, Decimal]) -> str:
    """A Stabil target as a clerk types it in the Renstra: '12,5-20', '7-7'."""
    return "-".join(format(x, "f").replace(".", ",") for x in target)


@st.composite
def capaian_pair(draw) -> tuple[str, Decimal | tuple[Decimal, Decimal], Decimal]:
    """(polaritas, target, realisasi): free values, exact boundaries 85/70/55, or just beside them; or Stabil."""
    if draw(st.integers(0, 4)) == 0:
        return draw(stabil_pair())
    polaritas = draw(st.sampled_from(["Positif", "Negatif"]))
    mode = draw(st.sampled_from(["free", "boundary", "near"]))
    if mode == "free":
        places = draw(st.integers(0, 3))
        t = draw(st.integers(1, 10**6))
        target = dec(t, places)
        if polaritas == "Positif":
            realisasi = dec(draw(st.integers(0, 2 * t)), places)
        else:
            realisasi = dec(draw(st.integers(1, 3 * t)), places)
        return polaritas, target, realisasi
    b = draw(st.sampled_from([17, 14, 11]))  # 17/20 = 85 %, 14/20 = 70 %, 11/20 = 55 %
    k = draw(st.integers(1, 50))
    scale = Decimal(draw(st.sampled_from(["1", "0.1", "0.01", "0.05", "1000"])))
    full, part = 20 * k * scale, b * k * scale
    if mode == "near":  # one hundredth of a unit of the scale above or below the boundary
        part += draw(st.sampled_from([-1, 1])) * scale / 100
    return (polaritas, full, part) if polaritas == "Positif" else (polaritas, part, full)


@st.composite
def program_indicator(draw, name: str) -> Indicator:
    polaritas = draw(st.sampled_from(["Positif", "Negatif"]))
    if draw(st.integers(0, 7)) == 0:
        return Indicator(name, "dokumen", polaritas, None, None)  # no target this year: no realisasi
    places = draw(st.integers(0, 2))
    target = dec(draw(st.integers(1, 10**4)), places)
    realisasi = dec(draw(st.integers(1, 2 * 10**4)), places)
    return Indicator(name, "dokumen", polaritas, target, realisasi)


@st.composite
def amounts(draw) -> tuple[Decimal, Decimal]:
    """(pagu, realisasi anggaran): integer or half rupiah, realisasi <= pagu."""
    pagu = Decimal(draw(st.integers(1000, 5 * 10**9)))
    if draw(st.booleans()):
        pagu += Decimal("0.5")
    how = draw(st.sampled_from(["some", "all", "none"]))
    if how == "all":
        real = pagu
    elif how == "none":
        real = Decimal(0)
    else:
        real = Decimal(draw(st.integers(0, int(pagu))))
        if draw(st.booleans()) and real + Decimal("0.5") <= pagu:
            real += Decimal("0.5")
    return pagu, real


@st.composite
def agencies(draw) -> Agency:
    units = UNITS[:draw(st.integers(1, 4))]
    codes = [u[0] for u in units]
    prefixes = draw(st.lists(st.sampled_from(URUSAN), min_size=1, max_size=3, unique=True))
    width_mode = draw(st.sampled_from(["2", "4", "mix"]))

    sasaran, iku = [], []
    for s in range(draw(st.integers(1, 4))):
        ks = f"SS{s + 1:02d}"
        sasaran.append((ks, SASARAN_NAMES[s]))
        for _ in range(draw(st.integers(1, 3))):
            pol, target, realisasi = draw(capaian_pair())
            n = len(iku) + 1
            iku.append(Iku(f"IKU{n:02d}", ks, SASARAN_NAMES[s], f"Indeks kinerja {n}", "indeks", pol,
                           draw(st.sampled_from(codes)), target, realisasi))
    sasaran_codes = [s[0] for s in sasaran]
    any_sasaran = st.sampled_from(sasaran_codes)

    def owner(parent: str) -> str:
        return draw(st.sampled_from([parent] + [c for c in codes if c != parent]))

    def indicators(label: str) -> list[Indicator]:
        n = draw(st.sampled_from([1, 1, 1, 2]))
        return [draw(program_indicator(f"Jumlah {label}" + ("" if i == 0 else f" ({i + 1})"))) for i in range(n)]

    def leaf(node: Node) -> Node:
        node.pagu, node.realisasi = draw(amounts())
        node.renstra_pagu = draw(st.one_of(st.none(), st.integers(1000, 5 * 10**9).map(Decimal)))
        return node

    def close(node: Node) -> Node:
        if node.children:
            plans = [c.renstra_pagu for c in node.children]
            node.renstra_pagu = None if None in plans else sum(plans, Decimal(0))
        return node

    def sub_kegiatan(keg: str, nums: list[int], bidang: str, override: bool) -> list[Node]:
        out = []
        for num in nums:
            width = width_mode if width_mode != "mix" else draw(st.sampled_from(["2", "4"]))
            if width == "4" and draw(st.integers(0, 5)) == 0:
                num += 100  # four digits leave room for more than 99 sub kegiatan ('...0117')
            kode = f"{keg}.{num:0{int(width)}d}"
            ks = draw(any_sasaran) if override and draw(st.integers(0, 3)) == 0 else None
            out.append(leaf(Node(kode, f"Sub kegiatan {kode}", owner(bidang), ks, indicators("keluaran"))))
        return out

    def kegiatan(prog: str, bidang: str, n_keg: int, override, sub_override) -> list[Node]:
        """``override(i)``: the Kode Sasaran typed on the i-th kegiatan (None: inherit);
        ``sub_override(i)``: whether its sub kegiatan may have their own."""
        out = []
        nums = draw(st.lists(st.tuples(st.integers(1, 2), st.integers(1, 20)), min_size=n_keg, max_size=n_keg,
                             unique=True))
        for i, (a, b) in enumerate(sorted(nums)):
            kode = f"{prog}.{a}.{b:02d}"
            own = owner(bidang)
            node = Node(kode, f"Kegiatan {kode}", own, override(i), indicators("layanan"))
            subs = sorted(draw(st.lists(st.integers(1, 20), max_size=3, unique=True)))
            node.children = sub_kegiatan(kode, subs, own, sub_override(i))
            out.append(close(node) if node.children else leaf(node))
        return out

    programs = []
    used: set[str] = set()

    def new_code(prefix: str, number: int | None = None) -> str:
        if number is None:
            number = draw(st.integers(2, 30).filter(lambda x: f"{prefix}.{x:02d}" not in used))
        kode = f"{prefix}.{number:02d}"
        used.add(kode)
        return kode

    def penunjang_override(i: int) -> str | None:
        return draw(any_sasaran) if i > 0 and draw(st.integers(0, 2)) == 0 else None

    # Program Penunjang by its number: no Kode Sasaran, no Jenis; the first kegiatan stays Penunjang,
    # later ones may support a sasaran of their own.
    kode = new_code(draw(st.sampled_from(prefixes)), 1)
    bidang = draw(st.sampled_from(codes))
    pen = Node(kode, f"PROGRAM PENUNJANG {kode}", bidang, None, indicators("dokumen"))
    pen.children = kegiatan(kode, bidang, draw(st.integers(1, 2)), penunjang_override, lambda i: i > 0)
    programs.append(close(pen))

    # Penunjang by Jenis, numbered otherwise
    if draw(st.integers(0, 2)) == 0:
        kode = new_code(draw(st.sampled_from(prefixes)))
        bidang = draw(st.sampled_from(codes))
        node = Node(kode, f"PROGRAM PENUNJANG LAIN {kode}", bidang, None, indicators("dokumen"), jenis="Penunjang")
        node.children = kegiatan(kode, bidang, draw(st.integers(1, 2)), penunjang_override, lambda i: i > 0)
        programs.append(close(node))

    # Pendukung Sasaran: Kode Sasaran on the programme row, sometimes overridden below
    for _ in range(draw(st.integers(1, 3))):
        prefix = draw(st.sampled_from(prefixes))
        numbered_01 = f"{prefix}.01" not in used and draw(st.integers(0, 4)) == 0  # '01' with a Kode Sasaran
        kode = new_code(prefix, 1 if numbered_01 else None)
        bidang = draw(st.sampled_from(codes))
        jenis = "Pendukung Sasaran" if draw(st.integers(0, 3)) == 0 else None
        node = Node(kode, f"PROGRAM PENGEMBANGAN {kode}", bidang, draw(any_sasaran), indicators("sasaran"), jenis=jenis)
        n_keg = 0 if draw(st.integers(0, 7)) == 0 else draw(st.integers(1, 2))  # a programme without kegiatan is a leaf
        override = draw(st.booleans())
        node.children = kegiatan(kode, bidang, n_keg,
                                 lambda i: draw(any_sasaran) if override and draw(st.booleans()) else None,
                                 lambda i, sub=draw(st.booleans()): sub)
        programs.append(close(node) if node.children else leaf(node))
    programs.sort(key=lambda p: p.kode)
    return Agency(units, sasaran, iku, programs)


# --------------------------------------------------------------------------- #
# The Renstra workbook (XlsxWriter, by the contract) and the clerks' filling (openpyxl)
# --------------------------------------------------------------------------- #


def num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def write_renstra_workbook(path: Path, agency: Agency) -> None:
    wb = xlsxwriter.Workbook(str(path))

    def sheet(name: str, headers: list[str], rows: list[list]) -> None:
        ws = wb.add_worksheet(name)
        ws.write_string(0, 0, f"Renstra: {name}")
        for c, h in enumerate(headers):
            ws.write_string(2, c, h)
        for r, row in enumerate(rows, start=3):
            for c, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, str):
                    ws.write_string(r, c, v)
                else:
                    ws.write_number(r, c, num(v))

    sheet("Instansi", ["Atribut", "Nilai"], [
        ["Nama Instansi", "Dinas Uji Generalitas"], ["Singkatan", "DUG"], ["Pemerintah Daerah", "Pemerintah Kota Uji"],
        ["Kepala", "Kepala Dinas"], ["NIP Kepala", "19700101 199001 1 001"], ["Kepala Daerah", "Wali Kota Uji"],
        ["Periode Renstra", f"{YEARS[0]}-{YEARS[-1]}"],
    ])
    sheet("Bidang", ["Kode Bidang", "Nama Bidang"], [list(u) for u in agency.units])
    sheet("Sasaran",
          ["Kode Tujuan", "Tujuan", "Kode Sasaran", "Sasaran Strategis", "Kode Indikator", "Indikator Kinerja",
           "Satuan", "Polaritas", "Bidang", "Baseline"] + [f"Target {y}" for y in YEARS]
          + ["Target Akhir Renstra", "Standar Nasional"],
          [["T1", "Meningkatnya kinerja", i.kode_sasaran, i.sasaran, i.kode, i.name, i.satuan, i.polaritas, i.bidang,
            None] + [_renstra_target(i) for _ in YEARS] + [_renstra_target(i), None] for i in agency.iku])
    rows = []
    for n, _p in agency.walk():
        for k, ind in enumerate(n.indicators):  # the indicative pagu on the code's first row only
            row = [n.kode, n.uraian, ind.name, ind.satuan, ind.polaritas, n.kode_sasaran, n.bidang, n.jenis]
            for _ in YEARS:
                row += [ind.target, n.renstra_pagu if k == 0 else None]
            rows.append(row)
    headers = ["Kode", "Uraian", "Indikator", "Satuan", "Polaritas", "Kode Sasaran", "Bidang", "Jenis"]
    for y in YEARS:
        headers += [f"Target {y}", f"Pagu {y}"]
    sheet("Program", headers, rows)
    wb.close()


HEADER = 4  # template header row, 1-based


def fill_template(path: Path, agency: Agency, problems: list[str]) -> None:
    """Fill a unit's template like a clerk: only unlocked cells, only the unit's own rows."""
    wb = openpyxl.load_workbook(path)
    ident = wb["Identitas"]
    unit = None
    for row in ident.iter_rows(min_row=HEADER + 1):
        if row[0].value == "Bidang":
            unit = row[1].value
        elif row[0].value == "Disusun Oleh":
            row[1].value = "Staf Perencanaan"
        elif row[0].value == "Tanggal":
            row[1].value = dt.datetime(TAHUN + 1, 1, 15)
            row[1].number_format = "dd-mm-yyyy"

    def columns(ws) -> dict[str, int]:
        return {str(c.value).strip(): i for i, c in enumerate(ws[HEADER]) if c.value is not None}

    def put(cell, value, what: str) -> None:
        if cell.protection.locked:
            problems.append(f"template {path.name}: {what} is locked ({cell.coordinate})")
            return
        cell.value = value

    ws = wb["IKU"]
    col = columns(ws)
    iku = {i.kode: i for i in agency.iku}
    seen = set()
    for row in ws.iter_rows(min_row=HEADER + 1):
        i = iku.get(row[col["Kode Indikator"]].value)
        if i is None:
            continue
        seen.add(i.kode)
        if i.bidang == unit:
            put(row[col["Realisasi"]], num(i.realisasi), f"Realisasi of {i.kode}")
    for i in agency.iku:
        if i.bidang == unit and i.kode not in seen:
            problems.append(f"template {path.name}: IKU {i.kode} is missing")

    ws = wb["Program"]
    col = columns(ws)
    nodes = {n.kode: n for n, _ in agency.walk()}
    amount_done: set[str] = set()
    done: set[tuple[str, str]] = set()
    own = [k for k, n in nodes.items() if n.bidang == unit]
    ancestors = {a for k in own for a in (".".join(k.split(".")[:3]), ".".join(k.split(".")[:5])) if a != k}
    shown: set[str] = set()
    for row in ws.iter_rows(min_row=HEADER + 1):
        n = nodes.get(row[col["Kode"]].value)
        if n is None:
            continue
        shown.add(n.kode)
        if n.bidang != unit:  # another unit's row, shown as context for the unit's own rows: locked
            if n.kode not in ancestors:
                problems.append(f"template {path.name}: row {n.kode} of {n.bidang} is not an ancestor "
                                f"of a row of {unit}")
            for c in ("Realisasi", "Pagu", "Realisasi Anggaran"):
                if not row[col[c]].protection.locked:
                    problems.append(f"template {path.name}: {c} of context row {n.kode} ({n.bidang}) is unlocked")
            continue
        if n.children:
            for c in ("Pagu", "Realisasi Anggaran"):
                if not row[col[c]].protection.locked:
                    problems.append(f"template {path.name}: {c} of {n.kode}, which has children, is unlocked")
        ind = next((x for x in n.indicators if x.name == row[col["Indikator"]].value), None)
        if ind is None:
            continue
        done.add((n.kode, ind.name))
        if ind.target is not None:
            put(row[col["Realisasi"]], num(ind.realisasi), f"Realisasi of {n.kode}")
        if not n.children and n.kode not in amount_done:
            pagu, real = row[col["Pagu"]], row[col["Realisasi Anggaran"]]
            if not pagu.protection.locked or not real.protection.locked:
                put(pagu, num(n.pagu), f"Pagu of leaf {n.kode}")
                put(real, num(n.realisasi), f"Realisasi Anggaran of leaf {n.kode}")
                amount_done.add(n.kode)
    for kode in sorted(ancestors - shown):
        problems.append(f"template {path.name}: ancestor row {kode} of the unit's rows is missing")
    for n, _ in agency.walk():
        if n.bidang != unit:
            continue
        for ind in n.indicators:
            if (n.kode, ind.name) not in done:
                problems.append(f"template {path.name}: row {n.kode} / {ind.name} is missing")
        if not n.children and n.kode not in amount_done:
            problems.append(f"template {path.name}: leaf {n.kode} has no unlocked Pagu/Realisasi Anggaran cell")
    wb.save(path)


# --------------------------------------------------------------------------- #
# The oracle: plain Python over the generated data
# --------------------------------------------------------------------------- #


def predikat(x: Fraction) -> str:
    if x > 85:
        return SB
    if x > 70:
        return B
    if x > 55:
        return CB
    return TB


@dataclass
class Expected:
    amounts: dict[str, tuple[Decimal, Decimal]]  # every code → (pagu, realisasi) of its leaves
    groups: dict[str, tuple[Decimal, Decimal]]  # Pendukung / Penunjang / Tanpa Sasaran / BELANJA
    has_leaves: dict[str, bool]
    pairs: dict[tuple[str, str], tuple[Decimal, Decimal]]  # (sasaran, programme) → its part
    per_sasaran: dict[str, tuple[Decimal, Decimal]]
    capaian: dict[str, tuple[Fraction, str]]  # IKU → (capaian, predikat)
    nilai: dict[str, Fraction]  # sasaran → nilai
    instansi: tuple[Fraction, str]


def oracle(agency: Agency) -> Expected:
    zero = (Decimal(0), Decimal(0))

    def add(a, b):
        return a[0] + b[0], a[1] + b[1]

    amounts: dict[str, tuple[Decimal, Decimal]] = {}
    groups = {PENDUKUNG: zero, PENUNJANG: zero, TANPA: zero, "BELANJA": zero}
    has = dict.fromkeys(groups, False)
    pairs: dict[tuple[str, str], tuple[Decimal, Decimal]] = {}
    per_sasaran = {ks: zero for ks, _ in agency.sasaran}

    def visit(n: Node, inherited: str | None, program: Node, penunjang: bool) -> tuple[Decimal, Decimal]:
        eff = n.kode_sasaran or inherited
        if not n.children:
            money = (n.pagu, n.realisasi)
            group = PENDUKUNG if eff else (PENUNJANG if penunjang else TANPA)
            groups[group] = add(groups[group], money)
            groups["BELANJA"] = add(groups["BELANJA"], money)
            has[group] = has["BELANJA"] = True
            if eff:
                pairs[(eff, program.kode)] = add(pairs.get((eff, program.kode), zero), money)
                per_sasaran[eff] = add(per_sasaran[eff], money)
            total = money
        else:
            total = zero
            for c in n.children:
                total = add(total, visit(c, eff, program, penunjang))
        amounts[n.kode] = total
        return total

    for p in agency.programs:
        if p.jenis:
            penunjang = p.jenis == "Penunjang"
        else:
            penunjang = p.kode.split(".")[2] == "01" and not p.kode_sasaran
        visit(p, None, p, penunjang)

    capaian = {}
    by_sasaran: dict[str, list[Fraction]] = defaultdict(list)
    for i in agency.iku:
        r = Fraction(i.realisasi)
        if i.polaritas == "Stabil":  # 100 inside lo–hi, R / lo below, hi / R above
            lo, hi = (Fraction(b) for b in i.target)
            x = r / lo * 100 if r < lo else hi / r * 100 if r > hi else Fraction(100)
        else:
            t = Fraction(i.target)
            x = r / t * 100 if i.polaritas == "Positif" else t / r * 100
        capaian[i.kode] = (x, predikat(x))
        by_sasaran[i.kode_sasaran].append(MEAN[predikat(x)])
    nilai = {ks: sum(v, Fraction(0)) / len(v) for ks, v in by_sasaran.items()}
    every = [m for v in by_sasaran.values() for m in v]
    overall = sum(every, Fraction(0)) / len(every)
    return Expected(amounts, groups, has, pairs, per_sasaran, capaian, nilai, (overall, predikat(overall)))


# --------------------------------------------------------------------------- #
# Reading the written workbook back and comparing
# --------------------------------------------------------------------------- #


def sheet_rows(wb, name: str) -> list[list]:
    return [[None if v == "" else v for v in row]
            for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False)]


def records(wb, name: str) -> list[dict]:
    rows = sheet_rows(wb, name)
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def money(v) -> Decimal | None:
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
    return Decimal("NaN")  # text where a number is due never equals anything


def close_to(got, want: Fraction) -> bool:
    return isinstance(got, (int, float)) and math.isclose(got, float(want), rel_tol=1e-9, abs_tol=1e-12)


def check_workbook(path: Path, agency: Agency, exp: Expected, problems: list[str]) -> None:
    wb = pc.CalamineWorkbook.from_path(str(path))
    try:
        _check_anggaran(records(wb, "Realisasi Anggaran"), agency, exp, problems)
        _check_efisiensi(records(wb, "Efisiensi"), records(wb, "Realisasi Anggaran"), exp, problems)
        _check_capaian(records(wb, "Capaian IKU"), agency, exp, problems)
        _check_tabel_iii_1(sheet_rows(wb, "Tabel III.1"), agency, exp, problems)
        galat = [r for r in records(wb, "Validasi") if r.get("Tingkat") == "Galat"]
        for r in galat:
            problems.append(f"Validasi: Galat {r.get('Aturan')} {r.get('Berkas')} {r.get('Lembar')}!{r.get('Sel')}: "
                            f"{r.get('Pesan')}")
    finally:
        wb.close()


def _check_anggaran(rows: list[dict], agency: Agency, exp: Expected, problems: list[str]) -> None:
    code_rows = [r for r in rows if r.get("Kode")]
    got = [str(r["Kode"]) for r in code_rows]
    want = [n.kode for n, _ in agency.walk()]
    if sorted(got) != sorted(want):
        problems.append(f"Realisasi Anggaran codes {got} != Renstra codes {want}")
    # tree order: each kegiatan under the last programme above it, each sub kegiatan under the last kegiatan
    last: dict[int, str] = {}
    for kode in got:
        parts = kode.split(".")
        parent = {5: ".".join(parts[:3]), 6: ".".join(parts[:5])}.get(len(parts))
        if parent is not None and last.get(len(parts) - (2 if len(parts) == 5 else 1)) != parent:
            problems.append(f"Realisasi Anggaran: {kode} is not in tree order (under {parent})")
        if len(parts) == 3:
            last.pop(5, None)
        last[len(parts)] = kode
    for r in code_rows:
        kode = str(r["Kode"])
        if kode not in exp.amounts:
            continue
        pagu, real = exp.amounts[kode]
        if (money(r.get("Pagu")), money(r.get("Realisasi"))) != (pagu, real):
            problems.append(f"Realisasi Anggaran {kode}: (Pagu, Realisasi) = ({r.get('Pagu')}, {r.get('Realisasi')}), "
                            f"expected the sum of its leaves ({pagu}, {real})")
    totals = [r for r in rows if not r.get("Kode") and r.get("Uraian") in TOTALS.values()]
    if [r["Uraian"] for r in totals] != list(TOTALS.values()):
        problems.append(f"Realisasi Anggaran totals {[r['Uraian'] for r in totals]} != {list(TOTALS.values())}")
    by_name = {r["Uraian"]: r for r in totals}
    for group, label in TOTALS.items():
        r = by_name.get(label)
        if r is None:
            continue
        got_pr = (money(r.get("Pagu")), money(r.get("Realisasi")))
        want_pr = exp.groups[group] if exp.has_leaves[group] else (None, None)
        if got_pr != want_pr:
            problems.append(f"Realisasi Anggaran '{label}' = {got_pr}, expected {want_pr}")
    parts = [by_name.get(TOTALS[g]) for g in (PENDUKUNG, PENUNJANG, TANPA)]
    belanja = by_name.get(TOTALS["BELANJA"])
    if belanja is not None and None not in parts:
        for c in ("Pagu", "Realisasi"):
            s = sum((money(r.get(c)) or Decimal(0) for r in parts), Decimal(0))
            if s != (money(belanja.get(c)) or Decimal(0)):
                problems.append(f"Realisasi Anggaran: pendukung + penunjang + tanpa sasaran {c} {s} != BELANJA "
                                f"{belanja.get(c)}")


def _check_efisiensi(rows: list[dict], anggaran: list[dict], exp: Expected, problems: list[str]) -> None:
    body = [r for r in rows if r.get("Program") != "JUMLAH" and (r.get("Kode Sasaran") or r.get("Kode"))]
    jumlah = [r for r in rows if r.get("Program") == "JUMLAH"]
    if not rows or rows[-1].get("Program") != "JUMLAH" or len(jumlah) != 1:
        problems.append("Efisiensi: the last row is not the one JUMLAH row")
    got_pairs: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for r in body:
        got_pairs[(r.get("Kode Sasaran"), str(r.get("Kode")))].append((money(r.get("Pagu")), money(r.get("Realisasi"))))
    for pair, want in sorted(exp.pairs.items()):
        got = got_pairs.get(pair, [])
        if len(got) != 1:
            problems.append(f"Efisiensi: ({pair[0]}, {pair[1]}) listed {len(got)} times, expected once")
        elif got[0] != want:
            problems.append(f"Efisiensi ({pair[0]}, {pair[1]}): (Pagu, Realisasi) = {got[0]}, expected {want}")
    for pair, got in got_pairs.items():
        if pair not in exp.pairs and any(v not in (None, Decimal(0)) for g in got for v in g):
            problems.append(f"Efisiensi: ({pair[0]}, {pair[1]}) has amounts {got}, but no leaf of {pair[1]} "
                            f"supports {pair[0]}")
    for ks, (pagu, real) in exp.per_sasaran.items():
        mine = [r for r in body if r.get("Kode Sasaran") == ks]
        s = tuple(sum((money(r.get(c)) or Decimal(0) for r in mine), Decimal(0)) for c in ("Pagu", "Realisasi"))
        if s != (pagu, real):
            problems.append(f"Efisiensi: rows of {ks} sum to {s}, expected the leaves supporting it ({pagu}, {real})")
    pendukung = next((r for r in anggaran if r.get("Uraian") == TOTALS[PENDUKUNG]), None)
    if jumlah and pendukung is not None:
        for c in ("Pagu", "Realisasi"):
            a, b = money(jumlah[-1].get(c)) or Decimal(0), money(pendukung.get(c)) or Decimal(0)
            if a != b:
                problems.append(f"Efisiensi JUMLAH {c} {a} != {TOTALS[PENDUKUNG]} {b}")
            if a != exp.groups[PENDUKUNG][c == "Realisasi"]:
                problems.append(f"Efisiensi JUMLAH {c} {a}, expected {exp.groups[PENDUKUNG][c == 'Realisasi']}")


def _check_capaian(rows: list[dict], agency: Agency, exp: Expected, problems: list[str]) -> None:
    by_code = defaultdict(list)
    for r in rows:
        if r.get("Kode Indikator"):
            by_code[str(r["Kode Indikator"])].append(r)
    for i in agency.iku:
        got = by_code.get(i.kode, [])
        if len(got) != 1:
            problems.append(f"Capaian IKU: {i.kode} listed {len(got)} times")
            continue
        r = got[0]
        x, pred = exp.capaian[i.kode]
        if r.get("Kode Sasaran") != i.kode_sasaran:
            problems.append(f"Capaian IKU {i.kode}: Kode Sasaran {r.get('Kode Sasaran')}, expected {i.kode_sasaran}")
        if not close_to(r.get("Capaian (%)"), x):
            problems.append(f"Capaian IKU {i.kode} ({i.polaritas}, target {i.target}, realisasi {i.realisasi}): "
                            f"capaian {r.get('Capaian (%)')}, expected {float(x)!r}")
        if r.get("Predikat") != pred:
            problems.append(f"Capaian IKU {i.kode} ({i.polaritas}, target {i.target}, realisasi {i.realisasi}, "
                            f"capaian {x} exactly): predikat {r.get('Predikat')!r}, expected {pred!r}")


def _check_tabel_iii_1(rows: list[list], agency: Agency, exp: Expected, problems: list[str]) -> None:
    def cell(row, i):
        return row[i] if i < len(row) else None

    for ks, name in agency.sasaran:
        label = f"{ks}: {name}"
        found = [r for r in rows if cell(r, 0) == label]
        if len(found) != 1:
            problems.append(f"Tabel III.1: row '{label}' found {len(found)} times")
        elif not close_to(cell(found[0], 2), exp.nilai[ks]):
            problems.append(f"Tabel III.1 {ks}: nilai {cell(found[0], 2)}, expected {float(exp.nilai[ks])!r}")
    found = [r for r in rows if isinstance(cell(r, 0), str) and r[0].startswith("NILAI CAPAIAN KINERJA INSTANSI")]
    if len(found) != 1:
        problems.append(f"Tabel III.1: NILAI CAPAIAN KINERJA INSTANSI row found {len(found)} times")
        return
    nilai, pred = exp.instansi
    if not close_to(cell(found[0], 2), nilai):
        problems.append(f"Tabel III.1 instansi: nilai {cell(found[0], 2)}, expected {float(nilai)!r}")
    if cell(found[0], 6) != pred:
        problems.append(f"Tabel III.1 instansi (nilai {float(nilai)}): predikat {cell(found[0], 6)!r}, "
                        f"expected {pred!r}")


# --------------------------------------------------------------------------- #


def _renstra_target(i: Iku):
    return range_text(i.target) if i.polaritas == "Stabil" else i.target


def describe(agency: Agency) -> str:
    lines = [f"units {[u[0] for u in agency.units]}"]
    for i in agency.iku:
        lines.append(f"  {i.kode} {i.kode_sasaran} {i.polaritas} T={i.target} R={i.realisasi} [{i.bidang}]")
    for n, _p in agency.walk():
        pad = {"program": "  ", "kegiatan": "    ", "sub_kegiatan": "      "}[n.level]
        extra = f" jenis={n.jenis}" if n.jenis else ""
        money_ = f" pagu={n.pagu} real={n.realisasi}" if not n.children else ""
        lines.append(f"{pad}{n.kode} ks={n.kode_sasaran}{extra} [{n.bidang}]{money_} ({len(n.indicators)} ind)")
    return "\n".join(lines)


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(agencies())
def test_consolidation_is_right_for_any_agency(agency):
    problems: list[str] = []
    exp = oracle(agency)
    with tempfile.TemporaryDirectory(prefix="lakip-gen-") as tmp:
        tmp = Path(tmp)
        renstra_path = tmp / "renstra.xlsx"
        write_renstra_workbook(renstra_path, agency)
        renstra, rfind = read_renstra(renstra_path)
        problems += [f"Renstra: Galat {f.rule} {f.sheet}!{f.cell}: {f.message}" for f in rfind
                     if f.level.label == "Galat"]
        input_dir = tmp / "input"
        input_dir.mkdir()
        for path in write_templates(renstra, TAHUN, input_dir):
            fill_template(path, agency, problems)
        out = tmp / "LAKIP.xlsx"
        run = consolidate(input_dir, renstra_path, output=out)
        problems += [f"run: Galat {f.rule} {f.file} {f.sheet}!{f.cell}: {f.message}" for f in run.findings
                     if f.level.label == "Galat"]
        if run.exit_code() != 0:
            problems.append(f"exit code {run.exit_code()}")
        check_workbook(out, agency, exp, problems)
    assert not problems, describe(agency) + "\n" + "\n".join(dict.fromkeys(problems))
