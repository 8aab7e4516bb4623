"""The Renstra workbook → :class:`~lakip_xl.model.Renstra`.

A Renstra that cannot be used at all (unreadable, a required sheet or column
missing) raises :class:`~lakip_xl.errors.RenstraError` with the sheet, column
and cell; the CLI exits 2. Problems in single rows become findings and the
row is skipped or repaired.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from lakip_xl.errors import RenstraError
from lakip_xl.excel import cell_ref
from lakip_xl.findings import Finding, finding
from lakip_xl.model import (
    PENDUKUNG, PENUNJANG, QUARTERS, TANPA_SASARAN, Bidang, IndikatorTujuan, Iku, ProgramRow, RencanaAksi, Renstra,
    RupiahByYear, key_text, year_index,
)
from lakip_xl.measures import Categorical, Range, Target
from lakip_xl.parse import (
    _NBSP_TABLE,
    code_key,
    code_level,
    code_parent,
    float_to_decimal,
    format_number,
    is_penunjang_code,
    norm_key,
    norm_header,
    normalize_code_text,
    parse_code,
    parse_number,
    parse_polaritas,
    parse_category,
    parse_range,
    parse_text,
    parse_year,
    satuan_key,
)
from lakip_xl.read import RawWorkbook, ReadFailure, read_workbook
from lakip_xl.settings import Settings, parse_akumulasi
from lakip_xl.table import Table, key_value_rows

INSTANSI_ROWS = ["Nama Instansi", "Pemerintah Daerah", "Kepala", "NIP Kepala", "Kepala Daerah", "Periode Renstra"]
BIDANG_COLUMNS = ["Kode Bidang", "Nama Bidang"]
#: optional columns of the Bidang sheet (contract 1, §1): where a unit's template and corrections are sent
BIDANG_CONTACT_COLUMNS = ["Surel", "Penanggung Jawab"]
#: the optional Instansi row of the secretariat's address (the From of every draft), normalised
SENDER_ROW = "surel pengirim"
SASARAN_COLUMNS = [
    "Kode Tujuan", "Tujuan", "Kode Sasaran", "Sasaran Strategis", "Kode Indikator",
    "Indikator Kinerja", "Satuan", "Polaritas", "Bidang", "Baseline",
    "Target Akhir Renstra", "Standar Nasional", "Kode Indikator Tujuan", "Akumulasi",
]
SASARAN_REQUIRED = ["Kode Sasaran", "Sasaran Strategis", "Kode Indikator", "Indikator Kinerja", "Satuan", "Polaritas", "Bidang"]
PROGRAM_COLUMNS = ["Kode", "Uraian", "Indikator", "Satuan", "Polaritas", "Kode Sasaran", "Bidang"]
#: an indicator measured in percent by its name
PERCENT_NAME = re.compile(r"^\s*(\d+[.)]\s*)?(persentase|prosentase)\b", re.IGNORECASE)
#: optional columns of sheet Program
PROGRAM_OPTIONAL = ["Jenis", "Akumulasi", "Baseline", "Lokasi"]
JENIS = {"penunjang": PENUNJANG, "program penunjang": PENUNJANG, "pendukung sasaran": PENDUKUNG,
         "pendukung": PENDUKUNG, "pendukung sasaran strategis": PENDUKUNG}
RIWAYAT_COLUMNS = ["Kode Indikator", "Tahun", "Realisasi"]
RENCANA_AKSI_COLUMNS = (["Tahun", "Kode", "Indikator"] + [f"Target TW {q}" for q in QUARTERS]
                        + [f"Anggaran Kas TW {q}" for q in QUARTERS])
TUJUAN_COLUMNS = ["Kode Tujuan", "Tujuan", "Indikator Tujuan", "Satuan", "Polaritas"]


def check_renstra_path(path: str | Path) -> Path:
    """The Renstra path, or :class:`RenstraError` when there is no such file."""
    path = Path(path)
    if not path.is_file():
        raise RenstraError(
            f"Renstra tidak ditemukan: {path}. Buat dengan 'lakip init', atau tunjuk berkasnya dengan --renstra."
        )
    return path


def read_renstra(path: str | Path, settings: Settings | None = None,
                 years: Iterable[int] | None = None) -> tuple[Renstra, list[Finding]]:
    """Read and check a Renstra workbook.

    ``years``: read the program rows' targets and pagu of these years only (a
    consolidation needs one year of a large Renstra; the IKU keep every year).

    Raises:
        RenstraError: the file is missing or unreadable, or a required sheet or column is missing.
    """
    settings = settings or Settings()
    path = check_renstra_path(path)
    limits = replace(settings.limits, max_rows=settings.limits.max_renstra_rows)
    # The Program sheet of a city-wide Renstra has ~200.000 rows: it is read row by row.
    raw = read_workbook(path, limits, stream=frozenset({"program"}))
    if isinstance(raw, ReadFailure):
        raise RenstraError(f"Renstra {path.name} tidak dapat dibaca: {raw.reason}.")
    try:
        for sheet in raw.sheets.values():
            if sheet.rows_dropped:
                raise RenstraError(
                    f"Renstra {path.name}, lembar '{sheet.name}': lebih dari {format_number(limits.max_rows)} "
                    "baris; baris selebihnya tidak dapat dibaca. Hapus baris kosong di bawah tabel.")
        return RenstraReader(raw, years, default_akumulasi=settings.akumulasi,
                             categories=settings.category_table).read()
    finally:
        raw.close()


#: what :meth:`RenstraReader._typed` gives for a cell that is not a plain number: the parsers read it
_TEXT = object()


class RenstraReader:
    def __init__(self, raw: RawWorkbook, years: Iterable[int] | None = None, *,
                 default_akumulasi: str = "Terakhir", categories: dict[str, Categorical] | None = None) -> None:
        self.raw = raw
        self.default_akumulasi = default_akumulasi
        #: categorical targets ("WTP", "A", "Level 3") and their scores
        self.categories = categories if categories is not None else Settings().category_table
        self.file = raw.name
        self.findings: list[Finding] = []
        self.only_years = set(years) if years is not None else None
        self._tables: list[Table] = []
        #: a number cell → its Decimal (a large Renstra repeats its figures: ~6.000 targets in 760.000 cells)
        self._decimals: dict[float, Decimal] = {}
        #: a Polaritas text → :func:`parse_polaritas` of it
        self._polaritas_of: dict[str, str | None] = {}
        #: an indicator's name → whether it names a percent ("Persentase …")
        self._percent_name: dict[str, bool] = {}

    # -- helpers -----------------------------------------------------------
    def _typed(self, raw: Any) -> Decimal | None | object:
        """A cell python-calamine gave as a finite float, or empty, as :func:`parse_number` reads it (shared
        per value: a large Renstra repeats its figures); :data:`_TEXT` when it must go through the parsers."""
        if raw is None:
            return None
        if raw.__class__ is float and math.isfinite(raw):
            value = self._decimals.get(raw)
            if value is None:
                value = self._decimals[raw] = float_to_decimal(raw)
            return value
        return _TEXT

    def _table(self, sheet_name: str, labels: list[str], required: list[str], optional: bool = False) -> Table | None:
        sheet = self.raw.sheet(sheet_name)
        if sheet is None:
            if optional:
                return None
            raise RenstraError(
                f"Renstra {self.file}: lembar '{sheet_name}' tidak ada "
                f"(lembar yang ada: {', '.join(self.raw.sheets) or '-'})."
            )
        table = Table(sheet, labels)
        self._tables.append(table)
        for label, cols in table.header.duplicates.items():
            cells = [_ref(table.header.row, c) for c in cols]
            self.findings.append(finding("kolom-ganda", self.file, table.name, cells[1], kolom=label,
                                         semua=", ".join(cells), dipakai=cells[0]))
        missing = [m for m in table.missing if m in required]
        if missing:
            where = f"baris judul di baris {table.header.row + 1}" if table.header.row >= 0 else "20 baris teratas"
            raise RenstraError(
                f"Renstra {self.file}, lembar '{sheet.name}': kolom "
                f"{', '.join(repr(m) for m in missing)} tidak ditemukan ({where})."
            )
        return table

    # The helpers below take the row's cells as :meth:`Table.data_rows` gives them (the Program
    # sheet is streamed: its rows are not kept in the sheet).
    def _number(self, table: Table, r: int, row: list[Any], label: str,
                col: int | None = None) -> tuple[Decimal | None, Any]:
        c = table.col(label) if col is None else col
        raw = row[c] if c is not None and c < len(row) else None
        num = parse_number(raw)
        if num.status == "invalid":
            ref = table.ref(r, label) if col is None else _ref(r, col)
            self.findings.append(finding(
                "renstra-nilai-bukan-angka", self.file, table.name, ref, kolom=label, terbaca=num.shown or repr(raw)))
            return None, num
        return num.value, num

    def _targets(self, table: Table, r: int, row: list[Any],
                 columns: dict[int, int]) -> tuple[dict[int, Target | None], list, bool, dict[int, Range]]:
        """Targets per year, the units typed with them ("6 pasar"), whether one is "< x" (Negatif), and the
        one-sided ranges the "≥ x" / "≤ x" targets are if the indicator is Stabil."""
        targets: dict[int, Target | None] = {}
        units, lower, sides = [], False, {}
        n = len(row)
        for year, col in columns.items():
            raw = row[col] if col < n else None
            # A number or an empty cell reads as parse_number reads it: no unit, no "<"/">" (the fast path
            # of a large Program sheet, whose targets are typed numbers); text goes through the parsers.
            typed = self._typed(raw)
            if typed is _TEXT and raw.__class__ is int:
                typed = Decimal(raw)
            if typed is not _TEXT:
                targets[year] = typed
                units.append(None)
                continue
            value, unit, num = self._target(table, r, row, f"Target {year}", col)
            targets[year] = value
            units.append(unit)
            if num is None:  # "80-90": a Stabil target
                continue
            lower = lower or num.lower_is_better
            if value is not None and (num.lower_is_better or num.higher_is_better):
                sides[year] = Range(None, value) if num.lower_is_better else Range(value, None)
        return targets, units, lower, sides

    def _target(self, table: Table, r: int, row: list[Any], label: str, col: int | None = None,
                one_sided: bool = False) -> tuple[Target | None, str | None, Any]:
        """A target cell: (a Stabil range, its unit, None), or (the number, its unit, its parse)."""
        c = table.col(label) if col is None else col
        raw = row[c] if c is not None and c < len(row) else None
        category = parse_category(raw, self.categories)
        if category is not None:  # "WTP", "Level 3": a categorical target
            return category, None, None
        ranged = parse_range(raw, one_sided=one_sided)
        if ranged is not None:
            return ranged[0], ranged[1], None
        value, num = self._number(table, r, row, label, col)
        return value, num.unit, num

    def _measure(self, table: Table, r: int, row: list[Any],
                 columns: dict[int, int]) -> tuple[dict[int, Target | None], list, str]:
        """Targets, units and Polaritas of an indicator row (a range target makes it Stabil)."""
        targets, units, lower, sides = self._targets(table, r, row, columns)
        ranged = False
        for t in targets.values():
            if isinstance(t, Range):
                ranged = True
                break
        polaritas = self._polaritas(table, r, row, lower, ranged)
        if polaritas == "Stabil" and sides:
            targets = {**targets, **sides}
        return targets, units, polaritas

    # -- sheets ------------------------------------------------------------
    def read(self) -> tuple[Renstra, list[Finding]]:
        instansi = self._instansi()
        sender = self._sender(instansi)
        bidang = self._bidang()
        iku, years = self._sasaran(bidang)
        program = self._program(bidang, {i.kode_sasaran for i in iku}, years)
        riwayat = self._riwayat({i.kode_indikator for i in iku})
        tujuan = self._tujuan()
        renstra = Renstra(self.raw.path, instansi, years, bidang, iku, program, riwayat, tujuan,
                          self._rencana_aksi(iku, program),
                          program_years=None if self.only_years is None else sorted(self.only_years & set(years)),
                          pengirim=sender)
        if not iku and not program:
            self.findings.append(finding("renstra-kosong", self.file, "Sasaran", ""))
        self._check_tree(renstra)
        self._check_periode(renstra)
        self._check_baseline(renstra)
        for table in self._tables:  # after the rows are read: a streamed sheet's cells are cleaned as they come
            for ref, label, removed, text in table.cleaned():
                self.findings.append(finding("teks-dibersihkan", self.file, table.name, ref, kolom=label,
                                             karakter=removed, teks=text))
        return renstra, self.findings

    # -- checks across rows and sheets ---------------------------------------
    def _check_tree(self, renstra: Renstra) -> None:
        """Every code counts for a sasaran or is Penunjang; a Penunjang-numbered programme with a sasaran is said."""
        table = self._program_table
        tree = renstra.tree
        for node in tree.nodes.values():
            parent = tree.get(node.parent) if node.parent else None
            topmost = parent is None or parent.group != TANPA_SASARAN
            # an unknown Kode Sasaran is reported where it is read (renstra-rujukan-tidak-dikenal)
            if node.group == TANPA_SASARAN and node.rows and topmost and not any(r.kode_sasaran for r in node.rows):
                row = node.rows[0]
                self.findings.append(finding(
                    "renstra-tanpa-sasaran", self.file, table.name, table.ref(row.row - 1, "Kode Sasaran"),
                    kode=node.kode, uraian=row.uraian or "-"))
            if (node.level == "program" and node.rows and is_penunjang_code(node.kode) and node.group == PENDUKUNG
                    and not any(r.jenis for r in node.rows)):
                row = node.rows[0]
                self.findings.append(finding(
                    "renstra-penunjang-bersasaran", self.file, table.name, table.ref(row.row - 1, "Kode Sasaran"),
                    kode=node.kode, sasaran=node.kode_sasaran))

    def _check_periode(self, renstra: Renstra) -> None:
        text = renstra.instansi.get("periode renstra")
        ref = self._instansi_refs.get("periode renstra", "")
        if not text or not renstra.years:
            return
        found = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text)]
        first, last = renstra.years[0], renstra.years[-1]
        if len(found) >= 2 and (found[0], found[-1]) != (first, last):
            self.findings.append(finding(
                "renstra-periode-berbeda", self.file, "Instansi", ref, terbaca=text, awal=first, akhir=last))

    def _check_baseline(self, renstra: Renstra) -> None:
        """The baseline is the realisasi of the year before the Renstra's first year, where Riwayat has it."""
        if not renstra.years:
            return
        year = renstra.years[0] - 1
        table = self._sasaran_table
        for iku in renstra.iku:
            before = renstra.riwayat.get((iku.kode_indikator, year))
            if iku.baseline is not None and before is not None and before != iku.baseline:
                self.findings.append(finding(
                    "baseline-berbeda-riwayat", self.file, table.name, table.ref(iku.row - 1, "Baseline"),
                    kode=iku.kode_indikator, baseline=iku.baseline, tahun=year, riwayat=before))

    def _instansi(self) -> dict[str, str]:
        sheet = self.raw.sheet("Instansi")
        if sheet is None:
            raise RenstraError(f"Renstra {self.file}: lembar 'Instansi' tidak ada.")
        values, refs, missing = key_value_rows(sheet)
        self._instansi_refs = refs
        if missing:
            raise RenstraError(
                f"Renstra {self.file}, lembar 'Instansi': kolom {', '.join(repr(m) for m in missing)} tidak ditemukan."
            )
        out = {k: (parse_text(v) or "") for k, v in values.items()}
        if not out.get("nama instansi"):
            raise RenstraError(f"Renstra {self.file}, lembar 'Instansi': baris 'Nama Instansi' kosong atau tidak ada.")
        return out

    def _bidang(self) -> dict[str, Bidang]:
        table = self._table("Bidang", BIDANG_COLUMNS + BIDANG_CONTACT_COLUMNS, BIDANG_COLUMNS)
        assert table is not None
        out: dict[str, Bidang] = {}
        for r in table.rows():
            kode = parse_text(table.get(r, "Kode Bidang"))
            nama = parse_text(table.get(r, "Nama Bidang")) or kode
            if kode and kode not in out:
                out[kode] = Bidang(kode, nama or kode)
                self._bidang_contacts(table, r, out[kode])
        if not out:
            raise RenstraError(f"Renstra {self.file}, lembar 'Bidang': belum ada satu pun bidang.")
        return out

    def _bidang_contacts(self, table: Table, r: int, bidang: Bidang) -> None:
        """The optional ``Surel`` and ``Penanggung Jawab`` of a unit; an address of a wrong syntax is a finding."""
        bidang.penanggung_jawab = parse_text(table.get(r, "Penanggung Jawab")) or None
        bidang.surel = self._addresses(parse_text(table.get(r, "Surel")), table.name, table.ref(r, "Surel"),
                                       f"surel {bidang.kode}")

    def _sender(self, instansi: dict[str, str]) -> list[str]:
        """The optional Instansi row ``Surel Pengirim``: the secretariat's address, checked."""
        return self._addresses(instansi.get(SENDER_ROW), "Instansi", self._instansi_refs.get(SENDER_ROW, ""),
                               "Surel Pengirim")

    def _addresses(self, text: str | None, sheet: str, ref: str, what: str) -> list[str]:
        from lakip_xl.addresses import parse_addresses

        good, bad = parse_addresses(text)
        if bad:
            self.findings.append(finding("renstra-surel-tidak-sah", self.file, sheet, ref, kolom=what,
                                         terbaca="; ".join(bad)))
        return good

    def _sasaran(self, bidang: dict[str, Bidang]) -> tuple[list[Iku], list[int]]:
        table = self._table("Sasaran", SASARAN_COLUMNS, SASARAN_REQUIRED)
        assert table is not None
        years = table.year_columns("Target")
        if not years:
            raise RenstraError(
                f"Renstra {self.file}, lembar 'Sasaran': tidak ada kolom 'Target <tahun>' (misalnya 'Target 2021')."
            )
        out: list[Iku] = []
        seen: dict[str, int] = {}
        for r, cells in table.data_rows():
            kode = parse_text(table.get(r, "Kode Indikator"))
            if not kode:
                continue
            if kode in seen:
                self.findings.append(finding(
                    "renstra-kode-ganda", self.file, table.name, table.ref(r, "Kode Indikator"),
                    kode=kode, indikator=parse_text(table.get(r, "Indikator Kinerja")) or "-", baris_lain=seen[kode]))
                continue
            seen[kode] = r + 1
            targets, units, polaritas = self._measure(table, r, cells, years)
            kode_bidang = self._bidang_ref(table, r, cells, "Bidang", bidang)
            satuan = parse_text(table.get(r, "Satuan")) or next((u for u in units if u), None)
            standar_raw = table.get(r, "Standar Nasional")
            standar = parse_number(standar_raw)
            out.append(Iku(
                kode_tujuan=parse_text(table.get(r, "Kode Tujuan")),
                tujuan=parse_text(table.get(r, "Tujuan")),
                kode_sasaran=parse_text(table.get(r, "Kode Sasaran")) or "",
                sasaran=parse_text(table.get(r, "Sasaran Strategis")) or "",
                kode_indikator=kode,
                indikator=parse_text(table.get(r, "Indikator Kinerja")) or "",
                satuan=satuan,
                polaritas=polaritas,
                bidang=kode_bidang,
                baseline=self._number(table, r, cells, "Baseline")[0] if table.has("Baseline") else None,
                targets=targets,
                target_akhir=self._target_akhir_cell(table, r, cells, polaritas),
                standar_nasional=standar.value,
                standar_nasional_text=parse_text(standar_raw) if standar.status == "invalid" else None,
                kode_indikator_tujuan=parse_text(table.get(r, "Kode Indikator Tujuan")),
                row=r + 1,
                akumulasi=self._akumulasi(table, r, cells),
            ))
            self._target_akhir(table, r, out[-1])
            self._percent_named(table, r, kode, out[-1].indikator, out[-1].satuan)
        self._sasaran_table = table
        return out, list(years)

    def _target_akhir_cell(self, table: Table, r: int, row: list[Any], polaritas: str) -> Target | None:
        if not table.has("Target Akhir Renstra"):
            return None
        return self._target(table, r, row, "Target Akhir Renstra", one_sided=polaritas == "Stabil")[0]

    def _target_akhir(self, table: Table, r: int, iku: Iku) -> None:
        """Target Akhir Renstra is the target of the period's last year (seed C13: 554.354 vs 610.880)."""
        last = max(iku.targets) if iku.targets else None
        end = iku.targets.get(last) if last is not None else None
        if iku.target_akhir is not None and end is not None and iku.target_akhir != end:
            self.findings.append(finding(
                "renstra-target-akhir-berbeda", self.file, table.name, table.ref(r, "Target Akhir Renstra"),
                kode=iku.kode_indikator, terbaca=iku.target_akhir, tahun=last, target=end))

    def _polaritas(self, table: Table, r: int, row: list[Any], lower_is_better: bool, ranged: bool) -> str:
        raw = table.value(row, "Polaritas")
        if raw.__class__ is str:  # a column of four words: each parsed once
            try:
                pol = self._polaritas_of[raw]
            except KeyError:
                pol = self._polaritas_of[raw] = parse_polaritas(raw)
        else:
            pol = parse_polaritas(raw)
        if pol is None:
            return "Stabil" if ranged else "Negatif" if lower_is_better else "Positif"
        if pol == "":
            self.findings.append(finding(
                "renstra-nilai-tidak-sah", self.file, table.name, table.ref(r, "Polaritas"),
                kolom="Polaritas", terbaca=repr(raw), boleh="Positif, Negatif atau Stabil (kosong: Positif)"))
            return "Stabil" if ranged else "Positif"
        if ranged and pol != "Stabil":
            self.findings.append(finding(
                "renstra-rentang-bukan-stabil", self.file, table.name, table.ref(r, "Polaritas"),
                polaritas=pol))
            return "Stabil"
        return pol

    def _bidang_ref(self, table: Table, r: int, row: list[Any], label: str, bidang: dict[str, Bidang]) -> str:
        kode = parse_text(table.value(row, label)) or ""
        if kode and kode not in bidang:
            by_name = {b.nama.lower(): b.kode for b in bidang.values()}
            if kode.lower() in by_name:
                return by_name[kode.lower()]
        if kode not in bidang:
            self.findings.append(finding(
                "renstra-rujukan-tidak-dikenal", self.file, table.name, table.ref(r, label),
                kolom=label, nilai=kode or "(kosong)", lembar_rujukan="Bidang"))
        return kode

    def _program(self, bidang: dict[str, Bidang], sasaran: set[str], years: list[int]) -> list[ProgramRow]:
        table = self._table("Program", PROGRAM_COLUMNS + PROGRAM_OPTIONAL, PROGRAM_COLUMNS)
        assert table is not None
        target_cols = table.year_columns("Target")
        pagu_cols = table.year_columns("Pagu")
        if not target_cols:
            raise RenstraError(
                f"Renstra {self.file}, lembar 'Program': tidak ada kolom 'Target <tahun>' (misalnya 'Target 2021')."
            )
        # Only the years asked for are read; the other years' cells are looked at only where they
        # are text, for the units typed with them ("5 dokumen" in 2021, "400%" later).
        other_cols: dict[int, int] = {}
        if self.only_years is not None:
            other_cols = {y: c for y, c in target_cols.items() if y not in self.only_years}
            target_cols = {y: c for y, c in target_cols.items() if y in self.only_years}
            pagu_cols = {y: c for y, c in pagu_cols.items() if y in self.only_years}
        out: list[ProgramRow] = []
        spelling: dict[str, str] = {}  # code_key → the first spelling of the code
        # code → its first row, and the later rows of the codes that have several (one per indicator): a row
        # repeats another's key (code and indikator) only among its code's rows, so no table of every key
        first: dict[str, ProgramRow] = {}
        more: dict[str, list[ProgramRow]] = {}
        # The columns are looked up once; a row's cells are read by index (a row shorter than the
        # header is padded with empty cells, as Table.value reads it).
        col = table.col
        c_kode, c_uraian, c_indikator, c_satuan, c_sasaran, c_bidang = (
            col("Kode"), col("Uraian"), col("Indikator"), col("Satuan"), col("Kode Sasaran"), col("Bidang"))
        c_jenis, c_akumulasi, c_baseline, c_lokasi = col("Jenis"), col("Akumulasi"), col("Baseline"), col("Lokasi")
        width = 1 + max(c for c in (c_kode, c_uraian, c_indikator, c_satuan, c_sasaran, c_bidang, c_jenis,
                                    c_akumulasi, c_baseline, c_lokasi, *pagu_cols.values()) if c is not None)
        pagu_labels = {year: f"Pagu {year}" for year in pagu_cols}
        pagu_index, pagu_columns = year_index(tuple(pagu_cols)), tuple(pagu_cols.values())
        default_akumulasi = self.default_akumulasi
        findings = self.findings
        # The texts that repeat from row to row (satuan, Kode Sasaran, Bidang, and uraian and indikator,
        # which the same nomenclature gives many units) are kept once: the benchmark's 100 units have 94.000
        # of them for 2.700 distinct values, and the Renstra read keeps 33 MB instead of 40 MB (an empty cell,
        # ``None``, is kept as itself).
        shared: Callable[[Any, Any], Any] = {}.setdefault
        for r, cells in table.data_rows():
            if len(cells) < width:
                cells = [*cells, *([None] * (width - len(cells)))]
            raw = cells[c_kode]
            if raw.__class__ is str:  # as parse_code reads text: never mangled
                text = (raw if raw.isascii() else raw.translate(_NBSP_TABLE)).strip()
                if not text:
                    continue
                code_value = normalize_code_text(text)
            else:
                code = parse_code(raw)
                if code.value is None:
                    continue
                if code.mangled:
                    findings.append(finding(
                        "kode-dipulihkan", self.file, table.name, table.ref(r, "Kode"),
                        kolom="Kode", terbaca=code.shown, jenis=code.mangled, kode=code.value))
                code_value = code.value
            if code_level(code_value) is None:
                findings.append(finding(
                    "renstra-kode-tidak-sah", self.file, table.name, table.ref(r, "Kode"), kode=code_value))
                continue
            kode = spelling.setdefault(code_key(code_value), code_value)
            indikator = parse_text(cells[c_indikator])
            targets, units, polaritas = self._measure(table, r, cells, target_cols)
            if other_cols:
                units += self._units(cells, other_cols)
            pagu: Mapping[int, Decimal | None] | None = RupiahByYear.of_cells(pagu_index, cells, pagu_columns)
            if pagu is None:  # text, sen, a figure past 10^15: as parse_number reads it
                pagu = {}
                for year, c in pagu_cols.items():
                    typed = self._typed(cells[c])
                    pagu[year] = typed if typed is not _TEXT else self._number(table, r, cells, pagu_labels[year], c)[0]
            satuan = parse_text(cells[c_satuan])
            uraian = parse_text(cells[c_uraian]) or ""
            uraian, indikator, satuan = shared(uraian, uraian), shared(indikator, indikator), shared(satuan, satuan)
            kode_sasaran = parse_text(cells[c_sasaran])
            kode_sasaran = shared(kode_sasaran, kode_sasaran)
            kode_bidang = parse_text(cells[c_bidang]) or ""
            kode_bidang = shared(kode_bidang, kode_bidang)
            if kode_bidang not in bidang:
                kode_bidang = self._bidang_ref(table, r, cells, "Bidang", bidang)
            jenis = None if c_jenis is None or cells[c_jenis] is None else self._jenis(table, r, cells)
            akumulasi = (default_akumulasi if c_akumulasi is None or cells[c_akumulasi] is None
                         else self._akumulasi(table, r, cells))
            baseline = None if c_baseline is None else self._typed(cells[c_baseline])
            if baseline is _TEXT:
                baseline = self._number(table, r, cells, "Baseline")[0]
            if not satuan:
                for u in units:
                    if u:
                        break
                else:
                    u = None
                satuan_or_unit = satuan or u
            else:
                satuan_or_unit = satuan
            row = ProgramRow(
                kode=kode,
                uraian=uraian,
                indikator=indikator,
                satuan=satuan_or_unit,
                polaritas=polaritas,
                kode_sasaran=kode_sasaran,
                bidang=kode_bidang,
                targets=targets,
                pagu=pagu,
                row=r + 1,
                jenis=jenis,
                akumulasi=akumulasi,
                baseline=baseline,
                lokasi=parse_text(cells[c_lokasi]) if c_lokasi is not None else None,
            )
            same = first.get(kode)
            if same is not None:
                earlier = next((p for p in (same, *more.get(kode, ())) if p.key == row.key), None)
                if earlier is not None:
                    findings.append(finding(
                        "renstra-kode-ganda", self.file, table.name, table.ref(r, "Kode"),
                        kode=row.kode, indikator=indikator or "-", baris_lain=earlier.row))
                    continue
            if kode_sasaran and kode_sasaran not in sasaran:
                findings.append(finding(
                    "renstra-rujukan-tidak-dikenal", self.file, table.name, table.ref(r, "Kode Sasaran"),
                    kolom="Kode Sasaran", nilai=kode_sasaran, lembar_rujukan="Sasaran"))
            if same is None:
                first[kode] = row
            else:
                more.setdefault(kode, []).append(row)
                self._same_code(table, r, row, same)
            if any(units):  # no unit typed with a target: nothing can differ
                self._satuan_years(table, r, row, satuan, units)
            self._percent_named(table, r, kode, indikator, row.satuan)
            out.append(row)
        said: set[str] = set()
        for p in out:
            parent = code_parent(p.kode)
            if parent and parent not in first and parent not in said:
                self.findings.append(finding(
                    "renstra-induk-tidak-ada", self.file, table.name, _ref(p.row - 1, table.col("Kode") or 0),
                    kode=p.kode, induk=parent))
                said.add(parent)  # report a missing parent once
        self._program_table = table
        return out

    @staticmethod
    def _units(cells: list[Any], columns: dict[int, int]) -> list[str | None]:
        """The units typed with the text targets of other years (numbers carry none)."""
        out: list[str | None] = []
        for col in columns.values():
            raw = cells[col] if col < len(cells) else None
            if isinstance(raw, str):
                out.append(parse_number(raw).unit)
        return out

    def _jenis(self, table: Table, r: int, cells: list[Any]) -> str | None:
        raw = table.value(cells, "Jenis")
        text = parse_text(raw)
        if text is None:
            return None
        jenis = JENIS.get(norm_key(text))
        if jenis is None:
            self.findings.append(finding(
                "renstra-nilai-tidak-sah", self.file, table.name, table.ref(r, "Jenis"), kolom="Jenis",
                terbaca=repr(text), boleh="Penunjang atau Pendukung Sasaran (kosong: menurut kode)"))
        return jenis

    def _akumulasi(self, table: Table, r: int, cells: list[Any]) -> str:
        """How the quarters of the row's indicator combine; empty: the settings' default."""
        text = parse_text(table.value(cells, "Akumulasi"))
        if text is None:
            return self.default_akumulasi
        name = parse_akumulasi(text)
        if name is None:
            self.findings.append(finding(
                "renstra-nilai-tidak-sah", self.file, table.name, table.ref(r, "Akumulasi"), kolom="Akumulasi",
                terbaca=repr(text), boleh=f"Jumlah, Terakhir atau Rata-rata (kosong: {self.default_akumulasi})"))
            return self.default_akumulasi
        return name

    def _same_code(self, table: Table, r: int, row: ProgramRow, first: ProgramRow) -> None:
        """Rows of one code (one per indicator) must name the same thing and support the same sasaran."""
        if first is row:
            return
        if row.uraian and first.uraian and norm_key(row.uraian) != norm_key(first.uraian):
            self.findings.append(finding(
                "renstra-uraian-berbeda", self.file, table.name, table.ref(r, "Kode"), kode=row.kode,
                uraian=row.uraian, uraian_lain=first.uraian, baris_lain=first.row))
        if row.kode_sasaran and first.kode_sasaran and row.kode_sasaran != first.kode_sasaran:
            self.findings.append(finding(
                "renstra-sasaran-berbeda", self.file, table.name, table.ref(r, "Kode Sasaran"), kode=row.kode,
                terbaca=row.kode_sasaran, dipakai=first.kode_sasaran, baris_lain=first.row))

    def _satuan_years(self, table: Table, r: int, row: ProgramRow, satuan: str | None,
                      units: list[str | None]) -> None:
        """The unit typed with the targets changes between years ("5 dokumen", then "400%")."""
        typed = {satuan_key(u): u for u in units if u}
        if satuan:
            typed.pop(satuan_key(satuan), None)
            if typed:
                self._satuan_finding(table, r, row.kode, [satuan, *typed.values()])
        elif len(typed) > 1:
            self._satuan_finding(table, r, row.kode, list(typed.values()))

    def _percent_named(self, table: Table, r: int, kode: str, indikator: str | None, satuan: str | None) -> None:
        """An indicator named "Persentase …" is measured in % (seed C16: "Persentase perijinan …" in pasar)."""
        if not (indikator and satuan):
            return
        named = self._percent_name.get(indikator)
        if named is None:
            named = self._percent_name[indikator] = PERCENT_NAME.match(indikator) is not None
        if named and satuan_key(satuan) != "%":
            self.findings.append(finding(
                "renstra-satuan-tidak-cocok", self.file, table.name, table.ref(r, "Satuan"), kode=kode,
                indikator=indikator, satuan=satuan))

    def _satuan_finding(self, table: Table, r: int, kode: str, units: list[str]) -> None:
        self.findings.append(finding(
            "renstra-satuan-berubah", self.file, table.name, table.ref(r, "Satuan"), kode=kode,
            satuan=", ".join(f"'{u}'" for u in units)))

    def _riwayat(self, iku_codes: set[str]) -> dict[tuple[str, int], Decimal]:
        table = self._table("Riwayat", RIWAYAT_COLUMNS, RIWAYAT_COLUMNS, optional=True)
        out: dict[tuple[str, int], Decimal] = {}
        if table is None:
            return out
        if table.missing:
            return out
        for r, cells in table.data_rows():
            kode = parse_text(table.get(r, "Kode Indikator"))
            year = parse_year(table.get(r, "Tahun"))
            value = parse_category(table.value(cells, "Realisasi"), self.categories)
            if value is None:
                value, _ = self._number(table, r, cells, "Realisasi")
            if not kode or year is None or value is None:
                continue
            if kode not in iku_codes:
                self.findings.append(finding(
                    "renstra-rujukan-tidak-dikenal", self.file, table.name, table.ref(r, "Kode Indikator"),
                    kolom="Kode Indikator", nilai=kode, lembar_rujukan="Sasaran"))
                continue
            out[(kode, year)] = value
        return out

    def _rencana_aksi(self, iku: list[Iku], program: list[ProgramRow]) -> list[RencanaAksi]:
        """Sheet Rencana Aksi (optional): each row names an IKU or a program row; quarters as targets are read."""
        table = self._table("Rencana Aksi", RENCANA_AKSI_COLUMNS, ["Tahun", "Kode"], optional=True)
        if table is None:
            return []
        iku_by = {i.kode_indikator: i for i in iku}
        iku_codes = set(iku_by)
        rows_of: dict[str, list[ProgramRow]] | None = None  # built for the first row naming a program code
        out: list[RencanaAksi] = []
        seen: dict[tuple, int] = {}
        for r, cells in table.data_rows():
            kode = parse_text(table.value(cells, "Kode"))
            if not kode:
                continue
            year = parse_year(table.value(cells, "Tahun"))
            if year is None:
                self.findings.append(finding(
                    "renstra-nilai-tidak-sah", self.file, table.name, table.ref(r, "Tahun"), kolom="Tahun",
                    terbaca=repr(table.value(cells, "Tahun")), boleh="tahun Renstra, misalnya 2025"))
                continue
            indikator = parse_text(table.value(cells, "Indikator"))
            is_iku = kode in iku_codes
            if not is_iku:
                if rows_of is None:
                    rows_of = {}
                    for p in program:
                        rows_of.setdefault(code_key(p.kode), []).append(p)
                rows = rows_of.get(code_key(kode), [])
                if not rows:
                    self.findings.append(finding(
                        "renstra-rujukan-tidak-dikenal", self.file, table.name, table.ref(r, "Kode"), kolom="Kode",
                        nilai=kode, lembar_rujukan="Sasaran atau Program"))
                    continue
                row = rows[0] if len(rows) == 1 else next(
                    (p for p in rows if key_text(p.indikator) == key_text(indikator)), None)
                if row is None:
                    self.findings.append(finding(
                        "renstra-rujukan-tidak-dikenal", self.file, table.name, table.ref(r, "Indikator"),
                        kolom="Indikator", nilai=indikator or "(kosong)", lembar_rujukan="Program"))
                    continue
                kode, indikator = row.kode, row.indikator
            key = (year, kode, "" if is_iku else key_text(indikator))
            if key in seen:
                self.findings.append(finding(
                    "renstra-kode-ganda", self.file, table.name, table.ref(r, "Kode"), kode=kode,
                    indikator=indikator or "-", baris_lain=seen[key]))
                continue
            seen[key] = r + 1
            targets = tuple(self._target(table, r, cells, f"Target TW {q}", one_sided=True)[0]
                            if table.has(f"Target TW {q}") else None for q in QUARTERS)
            kas = tuple(self._number(table, r, cells, f"Anggaran Kas TW {q}")[0] if table.has(f"Anggaran Kas TW {q}")
                        else None for q in QUARTERS)
            annual = (iku_by[kode].targets if is_iku else row.targets).get(year)
            if targets[-1] is not None and annual is not None and targets[-1] != annual:
                # targets are "s.d. triwulan": the last is the year's (checked where the year's target was read)
                self.findings.append(finding(
                    "renstra-rencana-aksi-tw4", self.file, table.name, table.ref(r, "Target TW IV"), kode=kode,
                    tahun=year, terbaca=targets[-1], target=annual))
            out.append(RencanaAksi(year, kode, indikator, targets, kas, r + 1))
        return out

    def _tujuan(self) -> list[IndikatorTujuan]:
        table = self._table("Tujuan", TUJUAN_COLUMNS + ["Kode Indikator"], TUJUAN_COLUMNS, optional=True)
        if table is None or any(m in TUJUAN_COLUMNS for m in table.missing):
            return []
        years = table.year_columns("Target")
        out = []
        for r, cells in table.data_rows():
            targets, _, polaritas = self._measure(table, r, cells, years)
            out.append(IndikatorTujuan(
                kode_tujuan=parse_text(table.get(r, "Kode Tujuan")) or "",
                tujuan=parse_text(table.get(r, "Tujuan")) or "",
                indikator=parse_text(table.get(r, "Indikator Tujuan")) or "",
                satuan=parse_text(table.get(r, "Satuan")),
                polaritas=polaritas,
                targets=targets,
                kode_indikator=parse_text(table.get(r, "Kode Indikator")),
            ))
        return out


def _ref(r: int, c: int) -> str:
    return cell_ref(r, c)


def periode(renstra: Renstra) -> str:
    text = renstra.instansi.get(norm_header("Periode Renstra"))
    if text:
        return text
    return f"{renstra.years[0]}-{renstra.years[-1]}" if renstra.years else "-"


__all__ = ["read_renstra", "periode", "INSTANSI_ROWS"]
