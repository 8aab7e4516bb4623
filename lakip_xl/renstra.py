"""The Renstra workbook → :class:`~lakip_xl.model.Renstra`.

A Renstra that cannot be used at all (unreadable, a required sheet or column
missing) raises :class:`~lakip_xl.errors.RenstraError` with the sheet, column
and cell; the CLI exits 2. Problems in single rows become findings and the
row is skipped or repaired.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from lakip_xl.errors import RenstraError
from lakip_xl.findings import Finding, finding
from lakip_xl.model import Bidang, IndikatorTujuan, Iku, ProgramRow, Renstra
from lakip_xl.parse import (
    code_level,
    code_parent,
    format_number,
    norm_header,
    parse_code,
    parse_number,
    parse_polaritas,
    parse_text,
    parse_year,
)
from lakip_xl.read import RawWorkbook, ReadFailure, read_workbook
from lakip_xl.settings import Settings
from lakip_xl.table import Table, key_value_rows

INSTANSI_ROWS = ["Nama Instansi", "Pemerintah Daerah", "Kepala", "NIP Kepala", "Kepala Daerah", "Periode Renstra"]
BIDANG_COLUMNS = ["Kode Bidang", "Nama Bidang"]
SASARAN_COLUMNS = [
    "Kode Tujuan", "Tujuan", "Kode Sasaran", "Sasaran Strategis", "Kode Indikator",
    "Indikator Kinerja", "Satuan", "Polaritas", "Bidang", "Baseline",
    "Target Akhir Renstra", "Standar Nasional", "Kode Indikator Tujuan",
]
SASARAN_REQUIRED = ["Kode Sasaran", "Sasaran Strategis", "Kode Indikator", "Indikator Kinerja", "Satuan", "Polaritas", "Bidang"]
PROGRAM_COLUMNS = ["Kode", "Uraian", "Indikator", "Satuan", "Polaritas", "Kode Sasaran", "Bidang"]
RIWAYAT_COLUMNS = ["Kode Indikator", "Tahun", "Realisasi"]
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
        return RenstraReader(raw, years).read()
    finally:
        raw.close()


class RenstraReader:
    def __init__(self, raw: RawWorkbook, years: Iterable[int] | None = None) -> None:
        self.raw = raw
        self.file = raw.name
        self.findings: list[Finding] = []
        self.only_years = set(years) if years is not None else None

    # -- helpers -----------------------------------------------------------
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
                 columns: dict[int, int]) -> tuple[dict[int, Decimal | None], list, bool]:
        """Targets per year, the units typed with them ("6 pasar") and whether one is "< x" (Negatif)."""
        targets: dict[int, Decimal | None] = {}
        units, lower = [], False
        for year, col in columns.items():
            value, num = self._number(table, r, row, f"Target {year}", col)
            targets[year] = value
            units.append(num.unit)
            lower = lower or num.lower_is_better
        return targets, units, lower

    # -- sheets ------------------------------------------------------------
    def read(self) -> tuple[Renstra, list[Finding]]:
        instansi = self._instansi()
        bidang = self._bidang()
        iku, years = self._sasaran(bidang)
        program = self._program(bidang, {i.kode_sasaran for i in iku}, years)
        riwayat = self._riwayat({i.kode_indikator for i in iku})
        tujuan = self._tujuan()
        renstra = Renstra(self.raw.path, instansi, years, bidang, iku, program, riwayat, tujuan)
        return renstra, self.findings

    def _instansi(self) -> dict[str, str]:
        sheet = self.raw.sheet("Instansi")
        if sheet is None:
            raise RenstraError(f"Renstra {self.file}: lembar 'Instansi' tidak ada.")
        values, _refs, missing = key_value_rows(sheet)
        if missing:
            raise RenstraError(
                f"Renstra {self.file}, lembar 'Instansi': kolom {', '.join(repr(m) for m in missing)} tidak ditemukan."
            )
        out = {k: (parse_text(v) or "") for k, v in values.items()}
        if not out.get("nama instansi"):
            raise RenstraError(f"Renstra {self.file}, lembar 'Instansi': baris 'Nama Instansi' kosong atau tidak ada.")
        return out

    def _bidang(self) -> dict[str, Bidang]:
        table = self._table("Bidang", BIDANG_COLUMNS, BIDANG_COLUMNS)
        assert table is not None
        out: dict[str, Bidang] = {}
        for r in table.rows():
            kode = parse_text(table.get(r, "Kode Bidang"))
            nama = parse_text(table.get(r, "Nama Bidang")) or kode
            if kode and kode not in out:
                out[kode] = Bidang(kode, nama or kode)
        if not out:
            raise RenstraError(f"Renstra {self.file}, lembar 'Bidang': belum ada satu pun bidang.")
        return out

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
            targets, units, lower = self._targets(table, r, cells, years)
            polaritas = self._polaritas(table, r, cells, lower)
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
                target_akhir=self._number(table, r, cells, "Target Akhir Renstra")[0] if table.has("Target Akhir Renstra") else None,
                standar_nasional=standar.value,
                standar_nasional_text=parse_text(standar_raw) if standar.status == "invalid" else None,
                kode_indikator_tujuan=parse_text(table.get(r, "Kode Indikator Tujuan")),
                row=r + 1,
            ))
        return out, list(years)

    def _polaritas(self, table: Table, r: int, row: list[Any], lower_is_better: bool) -> str:
        raw = table.value(row, "Polaritas")
        pol = parse_polaritas(raw)
        if pol is None:
            return "Negatif" if lower_is_better else "Positif"
        if pol == "":
            self.findings.append(finding(
                "renstra-nilai-bukan-angka", self.file, table.name, table.ref(r, "Polaritas"),
                kolom="Polaritas (Positif/Negatif)", terbaca=repr(raw)))
            return "Positif"
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
        table = self._table("Program", PROGRAM_COLUMNS, PROGRAM_COLUMNS)
        assert table is not None
        target_cols = table.year_columns("Target")
        pagu_cols = table.year_columns("Pagu")
        if not target_cols:
            raise RenstraError(
                f"Renstra {self.file}, lembar 'Program': tidak ada kolom 'Target <tahun>' (misalnya 'Target 2021')."
            )
        if self.only_years is not None:
            target_cols = {y: c for y, c in target_cols.items() if y in self.only_years}
            pagu_cols = {y: c for y, c in pagu_cols.items() if y in self.only_years}
        out: list[ProgramRow] = []
        seen: dict[tuple[str, str], int] = {}
        value = table.value
        for r, cells in table.data_rows():
            code = parse_code(value(cells, "Kode"))
            if code.value is None:
                continue
            if code.mangled:
                self.findings.append(finding(
                    "kode-dipulihkan", self.file, table.name, table.ref(r, "Kode"),
                    kolom="Kode", terbaca=code.shown, jenis=code.mangled, kode=code.value))
            if code_level(code.value) is None:
                self.findings.append(finding(
                    "renstra-kode-tidak-sah", self.file, table.name, table.ref(r, "Kode"), kode=code.value))
                continue
            indikator = parse_text(value(cells, "Indikator"))
            targets, units, lower = self._targets(table, r, cells, target_cols)
            pagu = {year: self._number(table, r, cells, f"Pagu {year}", col)[0] for year, col in pagu_cols.items()}
            row = ProgramRow(
                kode=code.value,
                uraian=parse_text(value(cells, "Uraian")) or "",
                indikator=indikator,
                satuan=parse_text(value(cells, "Satuan")) or next((u for u in units if u), None),
                polaritas=self._polaritas(table, r, cells, lower),
                kode_sasaran=parse_text(value(cells, "Kode Sasaran")),
                bidang=self._bidang_ref(table, r, cells, "Bidang", bidang),
                targets=targets,
                pagu=pagu,
                row=r + 1,
            )
            if row.key in seen:
                self.findings.append(finding(
                    "renstra-kode-ganda", self.file, table.name, table.ref(r, "Kode"),
                    kode=row.kode, indikator=indikator or "-", baris_lain=seen[row.key]))
                continue
            seen[row.key] = r + 1
            if row.kode_sasaran and row.kode_sasaran not in sasaran:
                self.findings.append(finding(
                    "renstra-rujukan-tidak-dikenal", self.file, table.name, table.ref(r, "Kode Sasaran"),
                    kolom="Kode Sasaran", nilai=row.kode_sasaran, lembar_rujukan="Sasaran"))
            out.append(row)
        codes = {p.kode for p in out}
        for p in out:
            parent = code_parent(p.kode)
            if parent and parent not in codes:
                self.findings.append(finding(
                    "renstra-induk-tidak-ada", self.file, table.name, _ref(p.row - 1, table.col("Kode") or 0),
                    kode=p.kode, induk=parent))
                codes.add(parent)  # report a missing parent once
        return out

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

    def _tujuan(self) -> list[IndikatorTujuan]:
        table = self._table("Tujuan", TUJUAN_COLUMNS + ["Kode Indikator"], TUJUAN_COLUMNS, optional=True)
        if table is None or any(m in TUJUAN_COLUMNS for m in table.missing):
            return []
        years = table.year_columns("Target")
        out = []
        for r, cells in table.data_rows():
            targets, _, lower = self._targets(table, r, cells, years)
            out.append(IndikatorTujuan(
                kode_tujuan=parse_text(table.get(r, "Kode Tujuan")) or "",
                tujuan=parse_text(table.get(r, "Tujuan")) or "",
                indikator=parse_text(table.get(r, "Indikator Tujuan")) or "",
                satuan=parse_text(table.get(r, "Satuan")),
                polaritas=self._polaritas(table, r, cells, lower),
                targets=targets,
                kode_indikator=parse_text(table.get(r, "Kode Indikator")),
            ))
        return out


def _ref(r: int, c: int) -> str:
    from lakip_xl.parse import cell_ref

    return cell_ref(r, c)


def periode(renstra: Renstra) -> str:
    text = renstra.instansi.get(norm_header("Periode Renstra"))
    if text:
        return text
    return f"{renstra.years[0]}-{renstra.years[-1]}" if renstra.years else "-"


__all__ = ["read_renstra", "periode", "INSTANSI_ROWS"]
