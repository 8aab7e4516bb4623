"""A submission workbook (raw cells) → :class:`~lakip_xl.model.Submission` and findings.

This module knows the contract's sheets and columns and how to read a value
typed in any of the ways clerks type them; it does not know the Renstra.
Checking against the Renstra is :mod:`lakip_xl.rules`' job.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lakip_xl.findings import PERINGATAN, Finding, finding
from lakip_xl.kepegawaian import (
    GOLONGAN, GOLONGAN_SHEET, GROUPS, JABATAN_SHEET, PENDIDIKAN, PENDIDIKAN_SHEET, SEXES, TAHUNAN_SHEET, Kepegawaian,
    PegawaiRow, column, group_column, is_total_label,
)
from lakip_xl.measures import Categorical
from lakip_xl.model import (
    KELOMPOK,
    MODAL,
    OPERASI,
    PENDAPATAN,
    QUARTERS,
    TIDAK_TERDUGA,
    KeuanganRow,
    LooseRow,
    Submission,
    SubmittedIku,
    SubmittedProgram,
)
from lakip_xl.parse import (
    EXCEL_MAX_TEXT,
    INVALID,
    RECOVERED,
    cell_ref,
    code_parent,
    float_to_decimal,
    format_number,
    norm_header,
    parse_category,
    parse_code,
    parse_number,
    parse_polaritas,
    parse_range,
    parse_text,
    parse_year,
    satuan_key,
)
from lakip_xl.probe import probe_cells
from lakip_xl.read import RawSheet, RawWorkbook
from lakip_xl.settings import Limits, Settings
from lakip_xl.table import Table, key_value_rows

IDENTITAS_ROWS = ["Instansi", "Bidang", "Tahun", "Versi Templat", "Disusun Oleh", "Tanggal"]
IKU_COLUMNS = ["Kode Indikator", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Polaritas",
               "Target", "Realisasi", "Penyebab", "Solusi"]
PROGRAM_COLUMNS = ["Kode", "Uraian", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi",
                   "Pagu", "Realisasi Anggaran", "Penjelasan"]
#: Without these a sheet's rows cannot be used at all.
IKU_KEY = ["Kode Indikator", "Realisasi"]
PROGRAM_KEY = ["Kode"]
KEUANGAN_COLUMNS = ["Kelompok", "Kode Rekening", "Uraian", "Anggaran", "Realisasi"]
KEUANGAN_CELLS = (("kelompok", "Kelompok"), ("uraian", "Uraian"), ("anggaran", "Anggaran"), ("realisasi", "Realisasi"))
PERCENT_UNITS = {"%", "persen", "prosen", "persentase"}
MONEY_COLUMNS = {"Pagu", "Realisasi Anggaran"}
#: Largest target or realisasi accepted (not money); bigger is "tidak wajar".
_MAX_MEASURE = Decimal("1e12")
#: The cells a submitted row remembers, for findings: (key, column label).
IKU_CELLS = (("kode", "Kode Indikator"), ("target", "Target"), ("realisasi", "Realisasi"), ("satuan", "Satuan"),
             ("polaritas", "Polaritas"), ("indikator", "Indikator Kinerja"))
PROGRAM_CELLS = (("kode", "Kode"), ("indikator", "Indikator"), ("satuan", "Satuan"), ("polaritas", "Polaritas"),
                 ("target", "Target"), ("realisasi", "Realisasi"), ("pagu", "Pagu"),
                 ("realisasi_anggaran", "Realisasi Anggaran"), ("penjelasan", "Penjelasan"))


def is_submission(raw: RawWorkbook) -> bool:
    """Has at least one of the contract's submission sheets, and is not a Renstra.

    A Renstra (or a copy of it) also has a ``Program`` sheet; its ``Sasaran``
    and ``Bidang`` sheets, with no ``Identitas``, tell it apart.
    """
    if raw.sheet("Identitas") is not None:
        return True
    if raw.sheet("Sasaran") is not None and raw.sheet("Bidang") is not None:
        return False
    return any(raw.sheet(n) is not None for n in ("IKU", "Program"))


def read_submission(raw: RawWorkbook, limits: Limits | None = None,
                    categories: dict[str, Categorical] | None = None) -> tuple[Submission | None, list[Finding]]:
    """Parse one submission. ``None`` when it cannot be identified (no usable Identitas).

    ``categories``: the categorical values a target or realisasi may be (``WTP``, ``Level 3``), by default
    those of :class:`~lakip_xl.settings.Settings`.
    """
    return _Reader(raw, limits or Limits(), categories).read()


@dataclass
class _Pending:
    """A numeric cell whose meaning depends on its format or formula (asked lazily)."""

    target: Any
    attr: str
    label: str
    row: int
    col: int
    value: Decimal | None
    percent_unit: bool


class _Reader:
    def __init__(self, raw: RawWorkbook, limits: Limits, categories: dict[str, Categorical] | None = None) -> None:
        self.raw = raw
        self.file = raw.name
        self.limits = limits
        self.categories = categories if categories is not None else Settings().category_table
        self.findings: list[Finding] = []
        self.loose: list[LooseRow] = []
        #: the most ``Realisasi TW …`` columns a sheet has (0: a yearly report)
        self.quarter_columns = 0
        #: texts that repeat from row to row (satuan, indikator, uraian), kept once
        self._texts: dict[str | None, str | None] = {}

    def _shared(self, text: str | None) -> str | None:
        return self._texts.setdefault(text, text)  # (an empty cell, None, is kept as itself)

    def add(self, rule: str, sheet: str, cell: str, **fields: Any) -> None:
        self.findings.append(finding(rule, self.file, sheet, cell, **fields))

    # ------------------------------------------------------------------ #
    def read(self) -> tuple[Submission | None, list[Finding]]:
        ident = self.raw.sheet("Identitas")
        if ident is None:
            if not is_submission(self.raw):
                self.add("bukan-berkas-laporan", "", "")
            else:
                self.add("lembar-tidak-ada", "Identitas", "", ada=", ".join(self.raw.sheets) or "-")
            return None, self.findings
        identitas, refs = self._identitas(ident)
        if identitas is None:
            return None, self.findings
        bidang = parse_text(identitas.get("bidang"))
        tahun = parse_year(identitas.get("tahun"))
        ok = True
        if not bidang:
            self.add("identitas-tidak-lengkap", ident.name, refs.get("bidang", ""), atribut="Bidang",
                     terbaca=_shown(identitas.get("bidang")))
            ok = False
        if tahun is None:
            self.add("identitas-tidak-lengkap", ident.name, refs.get("tahun", ""), atribut="Tahun",
                     terbaca=_shown(identitas.get("tahun")))
            ok = False
        iku = self._iku()
        program = self._program()
        keuangan = self._keuangan()
        kepegawaian = self._kepegawaian()
        if not ok:
            return None, self.findings
        triwulan = self._triwulan(identitas.get("triwulan"), refs.get("triwulan", ""), ident.name)
        sub = Submission(
            path=self.raw.path,
            identitas={k: parse_text(v) or "" for k, v in identitas.items()},
            bidang=bidang,
            tahun=tahun,
            iku=iku,
            program=program,
            identitas_cells=refs,
            loose=self.loose,
            triwulan=triwulan,
            keuangan=keuangan,
            kepegawaian=kepegawaian,
        )
        return sub, self.findings

    def _triwulan(self, raw: Any, ref: str, sheet: str) -> int | None:
        """The quarter a report covers: Identitas ``Triwulan`` (``2``, ``II``, ``TW II``), else its columns."""
        typed = parse_triwulan(raw)
        if raw is not None and typed is None:
            self.add("identitas-tidak-sah", sheet, ref, atribut="Triwulan", terbaca=_shown(raw),
                     boleh="1, 2, 3 atau 4 (atau I–IV)")
        columns = self.quarter_columns
        if typed is not None and columns and typed != columns:
            self.add("triwulan-kolom-berbeda", sheet, ref, triwulan=typed, kolom=columns)
        return typed or columns or None

    def _identitas(self, sheet: RawSheet) -> tuple[dict[str, Any] | None, dict[str, str]]:
        values, refs, missing = key_value_rows(sheet)
        self._same_name("Identitas", sheet)
        self._checked(Table(sheet, ["Atribut", "Nilai"]))
        if missing:
            table = Table(sheet, ["Atribut", "Nilai"])
            for m in missing:
                self.add("kolom-tidak-ada", sheet.name, table.header_ref(m) or "A1", kolom=m)
            return None, {}
        return values, refs

    def _sheet(self, name: str, columns: list[str], key: list[str]) -> Table | None:
        sheet = self.raw.sheet(name)
        if sheet is None:
            self.add("lembar-tidak-ada", name, "", ada=", ".join(self.raw.sheets) or "-")
            return None
        self._same_name(name, sheet)
        table = Table(sheet, columns)
        self._checked(table)
        if table.header.row < 0:
            for m in key:
                self.add("kolom-tidak-ada", sheet.name, "", kolom=m)
            return None
        # a quarterly template has "Realisasi TW I" … where the yearly one has "Realisasi"
        missing = [m for m in table.missing if not table.has(quarter_label(m, 0))]
        for m in missing:
            self.add("kolom-tidak-ada", sheet.name, cell_ref(table.header.row, 0), kolom=m)
        if sheet.rows_dropped:
            self.add("baris-terlalu-banyak", sheet.name, "", jumlah=len(sheet.rows) + sheet.rows_dropped,
                     batas=self.limits.max_rows)
        if any(k in missing for k in key):
            return None
        return table

    def _same_name(self, name: str, used: RawSheet) -> None:
        found = self.raw.sheets_named(name)
        if len(found) > 1:
            self.add("lembar-ganda", used.name, "", jumlah=len(found), semua=", ".join(f"'{s.name}'" for s in found),
                     dipakai=used.name)

    def _checked(self, table: Table) -> None:
        """Findings every table shares: a header label twice, text that lost invisible characters."""
        for label, cols in table.header.duplicates.items():
            letters = [cell_ref(table.header.row, c) for c in cols]
            self.add("kolom-ganda", table.name, letters[1], kolom=label, semua=", ".join(letters), dipakai=letters[0])
        for ref, label, removed, text in table.cleaned():
            self.add("teks-dibersihkan", table.name, ref, kolom=label, karakter=removed, teks=text)

    # ------------------------------------------------------------------ #
    def _number(self, table: Table, r: int, label: str, money: bool = False,
                percent_unit: bool = False, satuan: str | None = None) -> tuple[Decimal | None, bool]:
        """(value, needs_probe). Findings for anything not a plain number."""
        raw = table.get(r, label)
        if raw is None:
            return None, False
        if not money:
            category = parse_category(raw, self.categories)
            if category is not None:  # "WDP" against a target "WTP"
                return category, False
        num = parse_number(raw)
        if num.status == INVALID:
            self.add("bukan-angka", table.name, table.ref(r, label), kolom=label, terbaca=num.shown or repr(raw))
            return None, False
        value = num.value
        if num.status == RECOVERED:
            self.add("angka-dipulihkan", table.name, table.ref(r, label), kolom=label, terbaca=num.shown, nilai=value)
            if num.unit and satuan and satuan_key(num.unit) != satuan_key(satuan):
                self.add("satuan-tidak-cocok", table.name, table.ref(r, label), kolom=label, terbaca=num.shown,
                         satuan_teks=num.unit, satuan=satuan)
        if value is None:
            return None, False
        if value < 0:
            self.add("angka-negatif", table.name, table.ref(r, label), kolom=label, nilai=value)
            return None, False
        if (money and value > self.limits.max_rupiah) or (not money and value > _MAX_MEASURE):
            self.add("angka-tidak-wajar", table.name, table.ref(r, label), kolom=label, nilai=value,
                     batas=self.limits.max_rupiah if money else _MAX_MEASURE)
            return None, False
        needs_probe = num.status != RECOVERED and percent_unit and 0 < abs(value) <= 1
        return value, needs_probe

    def _text(self, table: Table, r: int, label: str) -> str | None:
        text = parse_text(table.get(r, label))
        if text is not None and len(text) > EXCEL_MAX_TEXT:
            self.add("teks-terlalu-panjang", table.name, table.ref(r, label), kolom=label, jumlah=len(text),
                     batas=EXCEL_MAX_TEXT)
            text = text[: EXCEL_MAX_TEXT - 1] + "…"
        return text

    def _probe(self, table: Table, pending: list[_Pending]) -> None:
        """Resolve percent-formatted cells and formulas without a stored value."""
        if not pending:
            return
        info = probe_cells(self.raw.path, table.name, {(p.row, p.col) for p in pending})
        for p in pending:
            cell = info.get((p.row, p.col))
            if cell is None:
                continue
            ref = cell_ref(p.row, p.col)
            if p.value is None and cell.formula and _is_error(cell.cached):
                self.add("bukan-angka", table.name, ref, kolom=p.label,
                         terbaca=f"galat rumus {cell.cached} ({cell.formula[:60]})")
            elif p.value is None and cell.formula:
                self.add("rumus-tanpa-nilai", table.name, ref, kolom=p.label, rumus=cell.formula[:60])
            elif p.value is not None and cell.is_percent and p.percent_unit:
                fixed = float_to_decimal(float(p.value * 100))
                self.add("persen-dipulihkan", table.name, ref, kolom=p.label,
                         terbaca=p.value, nilai=fixed)
                setattr(p.target, p.attr, fixed)

    # ------------------------------------------------------------------ #
    def _iku(self) -> list[SubmittedIku]:
        table = self._sheet("IKU", IKU_COLUMNS, IKU_KEY)
        if table is None:
            return []
        table.fill_merged(["Kode Indikator", "Sasaran Strategis"])
        n = self._count_quarters(table, "Realisasi")
        cells = quarter_cells(IKU_CELLS, n, ("Realisasi",))
        out: list[SubmittedIku] = []
        pending: list[_Pending] = []
        for r in table.rows():
            code = self._code(table, r, "Kode Indikator", nomenclature=False)
            if code is None:
                self._loose(table, r, "Kode Indikator", ("Target", "Realisasi"))
                continue
            satuan, pct, target, realisasi, probes = self._measures(table, r)
            quarters = self._quarters(table, r, "Realisasi", satuan, pct, n)
            item = SubmittedIku(
                kode_indikator=code,
                indikator=self._shared(parse_text(table.get(r, "Indikator Kinerja"))),
                satuan=satuan,
                polaritas=parse_polaritas(table.get(r, "Polaritas")),
                target=target,
                realisasi=realisasi,
                penyebab=self._text(table, r, "Penyebab"),
                solusi=self._text(table, r, "Solusi"),
                row=r + 1,
                cells=table.refs(r, cells),
                quarters=quarters,
            )
            out.append(item)
            self._queue(pending, table, item, r, pct, probes)
        self._probe(table, pending)
        return out

    def _measures(self, table: Table, r: int) -> tuple[str | None, bool, Decimal | None, Decimal | None, tuple]:
        """Satuan, whether it is a percent, target, realisasi, and which of the two need a look at the file."""
        satuan = self._shared(parse_text(table.get(r, "Satuan")))
        pct = _is_percent_unit(satuan)
        ranged = parse_range(table.get(r, "Target"), one_sided=True)  # a Stabil target as the template shows it
        target, probe_t = (ranged[0], False) if ranged else self._number(table, r, "Target", percent_unit=pct,
                                                                          satuan=satuan)
        realisasi, probe_r = self._number(table, r, "Realisasi", percent_unit=pct, satuan=satuan)
        probe_r = probe_r or (realisasi is None and table.get(r, "Realisasi") is None)
        return satuan, pct, target, realisasi, (probe_t, probe_r)

    @staticmethod
    def _queue(pending: list[_Pending], table: Table, item: Any, r: int, pct: bool, probes: tuple) -> None:
        """Cells to probe: a small % value may be a percent-formatted cell, an empty one a formula."""
        if probes[0]:
            pending.append(_Pending(item, "target", "Target", r, table.col("Target"), item.target, pct))  # type: ignore[arg-type]
        if probes[1] and table.has("Realisasi"):
            pending.append(_Pending(item, "realisasi", "Realisasi", r, table.col("Realisasi"), item.realisasi, pct))  # type: ignore[arg-type]

    def _program(self) -> list[SubmittedProgram]:
        table = self._sheet("Program", PROGRAM_COLUMNS, PROGRAM_KEY)
        if table is None:
            return []
        table.fill_merged(["Kode", "Uraian"])
        n = self._count_quarters(table, "Realisasi")
        n_rp = self._count_quarters(table, "Realisasi Anggaran")
        cells = quarter_cells(PROGRAM_CELLS, max(n, n_rp), ("Realisasi", "Realisasi Anggaran"))
        out: list[SubmittedProgram] = []
        pending: list[_Pending] = []
        for r in table.rows():
            code = self._code(table, r, "Kode", nomenclature=True)
            if code is None:
                self._loose(table, r, "Kode", ("Target", "Realisasi", "Pagu", "Realisasi Anggaran"))
                continue
            satuan, pct, target, realisasi, probes = self._measures(table, r)
            pagu, _ = self._number(table, r, "Pagu", money=True)
            ra, _ = self._number(table, r, "Realisasi Anggaran", money=True)
            quarters = self._quarters(table, r, "Realisasi", satuan, pct, n)
            rp_quarters = self._quarters(table, r, "Realisasi Anggaran", None, False, n_rp, money=True)
            if rp_quarters is not None:
                ra = sum((v for v in rp_quarters if v is not None), Decimal(0)) if any(
                    v is not None for v in rp_quarters) else None
            item = SubmittedProgram(
                kode=code,
                uraian=self._shared(parse_text(table.get(r, "Uraian"))),
                indikator=self._shared(parse_text(table.get(r, "Indikator"))),
                satuan=satuan,
                polaritas=parse_polaritas(table.get(r, "Polaritas")),
                target=target,
                realisasi=realisasi,
                pagu=pagu,
                realisasi_anggaran=ra,
                penjelasan=self._text(table, r, "Penjelasan"),
                row=r + 1,
                cells=table.refs(r, cells),
                quarters=quarters,
                anggaran_quarters=rp_quarters,
            )
            out.append(item)
            self._queue(pending, table, item, r, pct, probes)
        parents = {code_parent(p.kode) for p in out}
        # A 0 on a kegiatan or program row is what Excel and LibreOffice store for the template's
        # SUM over sub kegiatan rows without amounts (openpyxl stores nothing): not an amount given,
        # so the consolidation does not depend on which program saved the workbook.
        for item in out:
            if item.kode in parents:
                for attr in ("pagu", "realisasi_anggaran"):
                    if getattr(item, attr) == 0:
                        setattr(item, attr, None)
        # empty amounts on leaf rows may be formulas without a stored value
        seen_codes: set[str] = set()
        for item in out:
            first = item.kode not in seen_codes
            seen_codes.add(item.kode)
            if not first or item.kode in parents:
                continue
            for attr, label in (("pagu", "Pagu"), ("realisasi_anggaran", "Realisasi Anggaran")):
                col = table.col(label)
                if col is not None and getattr(item, attr) is None and table.get(item.row - 1, label) is None:
                    pending.append(_Pending(item, attr, label, item.row - 1, col, None, False))
        self._probe(table, pending)
        return out

    def _keuangan(self) -> list[KeuanganRow]:
        """Optional sheet Keuangan: pendapatan and belanja per jenis, each with anggaran and realisasi."""
        sheet = self.raw.sheet("Keuangan")
        if sheet is None:
            return []
        table = Table(sheet, KEUANGAN_COLUMNS)
        self._checked(table)
        if any(m in table.missing for m in ("Anggaran", "Realisasi")) or table.header.row < 0:
            for m in table.missing:
                self.add("kolom-tidak-ada", sheet.name, table.header_ref(m) or "A1", kolom=m)
            return []
        out = []
        for r in table.rows():
            anggaran, _ = self._number(table, r, "Anggaran", money=True)
            realisasi, _ = self._number(table, r, "Realisasi", money=True)
            if anggaran is None and realisasi is None:
                continue
            kode = parse_text(table.get(r, "Kode Rekening"))
            uraian = parse_text(table.get(r, "Uraian")) or kode or "-"
            kelompok = kelompok_of(parse_text(table.get(r, "Kelompok")), kode)
            if kelompok is None:  # its money cannot be placed in Tabel 1.9: said, never counted
                self.add("keuangan-kelompok-tidak-dikenal", sheet.name, table.ref(r, "Kelompok"), baris=r + 1,
                         terbaca=_shown(table.get(r, "Kelompok")), uraian=uraian,
                         isi=f"anggaran {format_number(anggaran) if anggaran is not None else '-'}, "
                             f"realisasi {format_number(realisasi) if realisasi is not None else '-'}")
                continue
            out.append(KeuanganRow(kelompok, kode, uraian, anggaran, realisasi, r + 1,
                                   table.refs(r, KEUANGAN_CELLS)))
        return out

    def _kepegawaian(self) -> Kepegawaian:
        """The four optional staff sheets (the Sekretariat's template): counts of people, whole numbers."""
        out = Kepegawaian()
        golongan = [column(g, x) for g, _ in GOLONGAN for x in SEXES]
        years = [lv for lv, _ in PENDIDIKAN] + [group_column(g) for g in GROUPS]
        specs = (
            (GOLONGAN_SHEET, "Unit Kerja", {k: k for k in golongan}, "unit_kerja"),
            (PENDIDIKAN_SHEET, "Tingkat Pendidikan", {"L": "Laki-laki", "P": "Perempuan"}, "pendidikan"),
            (JABATAN_SHEET, "Eselon", {"Jumlah": "Jumlah"}, "jabatan"),
            (TAHUNAN_SHEET, "Tahun", {k: k for k in years}, "tahunan"),
        )
        for name, key_label, columns, attr in specs:
            sheet = self.raw.sheet(name)
            if sheet is not None:
                setattr(out, attr, self._pegawai_rows(sheet, key_label, columns, typed_total=attr != "jabatan"))
        return out

    def _pegawai_rows(self, sheet: Any, key_label: str, columns: dict[str, str],
                      typed_total: bool) -> list[PegawaiRow]:
        total_label = "Jumlah Pegawai" if key_label == "Tahun" else "Jumlah"
        labels = [key_label] + list(columns.values()) + (["Jabatan"] if key_label == "Eselon" else [])
        table = Table(sheet, labels + ([total_label] if typed_total else []))
        self._checked(table)
        if table.header.row < 0 or not any(table.has(label) for label in columns.values()):
            self.add("kolom-tidak-ada", sheet.name, "A1", kolom=", ".join(list(columns.values())[:2]))
            return []
        out = []
        for r in table.rows():
            counts, cells = {}, {}
            for key, label in columns.items():
                if table.has(label):
                    value = self._count(table, r, label)
                    cells[key] = table.ref(r, label)
                    if value is not None:
                        counts[key] = value
            jumlah = self._count(table, r, total_label) if typed_total and table.has(total_label) else None
            if typed_total and table.has(total_label):
                cells["Jumlah"] = table.ref(r, total_label)
            raw = table.get(r, key_label)
            if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool) and raw == int(raw):
                label = str(int(raw))  # a year, not "2.014"
            else:
                label = parse_text(raw)
            if not counts and jumlah is None:
                continue
            cells["label"] = table.ref(r, key_label)
            out.append(PegawaiRow(label or "-", counts, jumlah, r + 1, cells, total_row=is_total_label(label),
                                  jabatan=self._text(table, r, "Jabatan") if key_label == "Eselon" else None))
        return out

    def _count(self, table: Table, r: int, label: str) -> int | None:
        """A number of people: a whole number 0 or more (anything else is said, and not counted)."""
        value, _ = self._number(table, r, label, money=True)
        if value is None:
            return None
        if value != value.to_integral_value():
            self.add("pegawai-bukan-bilangan-bulat", table.name, table.ref(r, label), kolom=label,
                     nilai=format_number(value))
            return None
        return int(value)

    def _count_quarters(self, table: Table, label: str) -> int:
        """How many of ``label TW I`` … ``TW IV`` the sheet has, in a row from TW I (0: none)."""
        n = 0
        while n < len(QUARTERS) and table.has(quarter_label(label, n)):
            n += 1
        self.quarter_columns = max(self.quarter_columns, n if label == "Realisasi" else 0)
        return n

    def _quarters(self, table: Table, r: int, label: str, satuan: str | None, pct: bool, n: int,
                  money: bool = False) -> tuple[Decimal | None, ...] | None:
        """``label TW I`` … ``TW n`` of row ``r`` (``None``: the sheet has no quarterly columns)."""
        if not n:
            return None
        return tuple(self._number(table, r, quarter_label(label, q), money=money, percent_unit=pct, satuan=satuan)[0]
                     for q in range(n))

    def _loose(self, table: Table, r: int, code_label: str, labels: tuple[str, ...]) -> None:
        """A row with numbers but no code: reported with what it holds; its money is never counted."""
        values = {}
        for label in labels:
            if table.get(r, label) is not None:
                value, _ = self._number(table, r, label, money=label in MONEY_COLUMNS)
                if value is not None:
                    values[label] = value
        if not values:
            return
        isi = ", ".join(f"{label} {'Rp ' if label in MONEY_COLUMNS else ''}{format_number(v)}"
                        for label, v in values.items())
        first = next(iter(values))
        self.add("baris-tanpa-kode", table.name, table.ref(r, first), baris=r + 1, isi=isi, kolom=code_label)
        if values.keys() & MONEY_COLUMNS:
            self.loose.append(LooseRow(table.name, table.ref(r, first), values.get("Pagu"),
                                       values.get("Realisasi Anggaran")))

    def _code(self, table: Table, r: int, label: str, nomenclature: bool) -> str | None:
        raw = table.get(r, label)
        if nomenclature:
            code = parse_code(raw)
            value, mangled, shown = code.value, code.mangled, code.shown
        else:
            value, mangled, shown = _plain_code(raw)
        if value is None:
            return None
        if mangled:
            self.add("kode-dipulihkan", table.name, table.ref(r, label), kolom=label, terbaca=shown,
                     jenis=mangled, kode=value)
        return value


def kelompok_of(text: str | None, kode: str | None) -> str | None:
    """The Keuangan group of a line: as typed (any case), else by its account code (4 → Pendapatan,
    5.1 → Belanja Operasi, 5.2 → Belanja Modal, 5.3 → Belanja Tidak Terduga); ``None`` when neither tells."""
    if text:
        key = " ".join(text.split()).lower()
        for name in KELOMPOK:
            if key == name.lower() or (name.startswith("Belanja ") and key == name[8:].lower()):
                return name
        return None
    if kode:
        code = kode.strip()
        for prefix, name in (("4", PENDAPATAN), ("5.1", OPERASI), ("5.2", MODAL), ("5.3", TIDAK_TERDUGA)):
            if code == prefix or code.startswith(prefix + "."):
                return name
    return None


def quarter_label(label: str, q: int) -> str:
    """``Realisasi`` → ``Realisasi TW I`` for ``q`` 0 (the column of quarter ``q + 1``)."""
    return f"{label} TW {QUARTERS[q]}"


def quarter_cells(cells: tuple[tuple[str, str], ...], n: int,
                  labels: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """A row's cell keys in a quarterly sheet: each of ``labels`` points at its last quarter's column, and
    ``"<key>_tw1"`` … at each quarter's (``realisasi_tw2`` → the cell of ``Realisasi TW II``)."""
    if not n:
        return cells
    keys = {label: key for key, label in cells}
    out = [(key, quarter_label(label, n - 1) if label in labels else label) for key, label in cells]
    out += [(f"{keys[label]}_tw{q + 1}", quarter_label(label, q)) for label in labels for q in range(n)]
    return tuple(out)


def parse_triwulan(raw: Any) -> int | None:
    """A quarter as clerks type it: ``2``, ``2.0``, ``II``, ``TW II``, ``Triwulan 2`` → 2; else ``None``."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, (int, float)):
        return int(raw) if raw == int(raw) and 1 <= raw <= 4 else None
    text = str(raw).strip().upper()
    for prefix in ("TRIWULAN", "TW"):
        if text.startswith(prefix):
            text = text[len(prefix):].strip(" .-")
            break
    if text in QUARTERS:
        return QUARTERS.index(text) + 1
    return int(text) if text in ("1", "2", "3", "4") else None


def _plain_code(raw: Any) -> tuple[str | None, str, str]:
    """A ``Kode Indikator``: free text; a number Excel made of it is read back as text."""
    if raw is None:
        return None, "", ""
    if isinstance(raw, float):
        text = format(float_to_decimal(raw), "f")
        return text, "angka", text.replace(".", ",")
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw), "", str(raw)
    text = parse_text(raw)
    return (text, "", text or "") if text else (None, "", "")


def _is_error(value: Any) -> bool:
    """A formula's stored error value (``#DIV/0!``, ``#REF!``, ``#N/A`` …), which calamine reads as empty."""
    return isinstance(value, str) and value.startswith("#") and (value.endswith(("!", "?")) or value == "#N/A")


@functools.lru_cache(maxsize=1024)
def _is_percent_unit(satuan: str | None) -> bool:
    return norm_header(satuan) in PERCENT_UNITS if satuan else False


def _shown(raw: Any) -> str:
    if raw is None:
        return "kosong"
    return repr(raw) if not isinstance(raw, str) else f"'{raw}'"


__all__ = ["read_submission", "is_submission", "PERCENT_UNITS", "PERINGATAN"]
