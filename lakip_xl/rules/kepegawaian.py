"""Rules on the staff sheets: every typed total against its parts, and the tables against each other.

The four classes of the seed's own contradictions (SEED_NOTES C25–C28) each have a rule:
a typed total that is not the sum of its rows or columns (C25, C28: ``pegawai-jumlah-salah``), one
year's staff counted differently by education, by golongan and in total (C26:
``pegawai-tahun-tidak-cocok``), this year's breakdowns by education and by golongan that disagree
(C27: ``pegawai-rincian-tidak-cocok``). The report shows the sums, never the typed totals.
"""

from __future__ import annotations

from lakip_xl.findings import Finding, finding
from lakip_xl.kepegawaian import (
    GOLONGAN, GOLONGAN_SHEET, GROUPS, PENDIDIKAN, PENDIDIKAN_SHEET, SEXES, TAHUNAN_SHEET, Kepegawaian, PegawaiRow,
    column, group_column, is_year, pendidikan_key,
)
from lakip_xl.reconcile import Consolidation

SEX_WORD = {"L": "laki-laki", "P": "perempuan"}


def check_kepegawaian(data: Consolidation, findings: list[Finding]) -> None:
    staff, sub = data.kepegawaian, data.kepegawaian_sub
    if sub is None or not staff:
        return
    out = _Checker(sub.name, findings)
    out.typed_totals(staff.unit_kerja, GOLONGAN_SHEET, [column(g, s) for g, _ in GOLONGAN for s in SEXES],
                     "unit kerja")
    out.typed_totals(staff.pendidikan, PENDIDIKAN_SHEET, list(SEXES), "pendidikan")
    for row in staff.levels():
        if pendidikan_key(row.label) is None:
            out.add("pegawai-pendidikan-tidak-dikenal", PENDIDIKAN_SHEET, row.cells.get("label", ""),
                    terbaca=row.label, daftar=", ".join(level for level, _ in PENDIDIKAN))
    _current(staff, data.tahun, out)
    _years(staff, data.tahun, out)


class _Checker:
    def __init__(self, file: str, findings: list[Finding]) -> None:
        self.file, self.findings = file, findings

    def add(self, rule: str, sheet: str, cell: str, **fields: object) -> None:
        self.findings.append(finding(rule, self.file, sheet, cell, **fields))

    def typed_totals(self, rows: list[PegawaiRow], sheet: str, keys: list[str], what: str) -> None:
        """A typed Jumlah against its row; a clerk's JUMLAH row against each column and the whole."""
        counted = [r for r in rows if not r.total_row]
        for row in rows:
            if row.total_row:
                for key in keys:
                    if key in row.counts:
                        self._compare(sheet, row.cells.get(key, ""), f"Baris {row.label} kolom {key}",
                                      row.counts[key], sum(r.counts.get(key, 0) for r in counted))
                if row.jumlah is not None:
                    self._compare(sheet, row.cells.get("Jumlah", ""), f"Baris {row.label} kolom Jumlah",
                                  row.jumlah, sum(r.total() for r in counted))
            elif row.jumlah is not None:
                self._compare(sheet, row.cells.get("Jumlah", ""), f"Jumlah {what} {row.label}", row.jumlah,
                              row.total())

    def _compare(self, sheet: str, cell: str, what: str, typed: int, summed: int) -> None:
        if typed != summed:
            self.add("pegawai-jumlah-salah", sheet, cell, apa=what, terbaca=typed, jumlah=summed,
                     selisih=abs(typed - summed))


def _current(staff: Kepegawaian, tahun: int, out: _Checker) -> None:
    """This year by education (Pegawai Pendidikan) against by golongan (Pegawai Golongan), in total and by sex."""
    if not staff.units() or not staff.levels():
        return
    last = staff.levels()[-1].cells  # one cell per comparison: the total at the label, each sex in its column
    for sex in (None, *SEXES):
        a, b = staff.pendidikan_total(sex), (staff.total() if sex is None else staff.by_sex(sex))
        if a != b:
            out.add("pegawai-rincian-tidak-cocok", PENDIDIKAN_SHEET, last.get(sex or "label", ""),
                    apa=f"Pegawai {tahun}" + (f" {SEX_WORD[sex]}" if sex else ""),
                    lembar_a=PENDIDIKAN_SHEET, a=a, lembar_b=GOLONGAN_SHEET, b=b)
    for row in staff.years():  # a typed row for the report year: checked against the computed one
        if int(row.label) != tahun:
            continue
        current = staff.history(tahun)[tahun]
        typed = {**{lv: row.counts[lv] for lv, _ in PENDIDIKAN if lv in row.counts},
                 **{group_column(g): row.counts[group_column(g)] for g in GROUPS if group_column(g) in row.counts}}
        computed = {**current.levels, **{group_column(g): n for g, n in current.groups.items()}}
        for key, value in typed.items():
            if value != computed.get(key, 0):
                out.add("pegawai-rincian-tidak-cocok", TAHUNAN_SHEET, row.cells.get(key, ""),
                        apa=f"Pegawai {tahun} {key}", lembar_a=TAHUNAN_SHEET, a=value,
                        lembar_b=f"{PENDIDIKAN_SHEET} dan {GOLONGAN_SHEET}", b=computed.get(key, 0))


def _years(staff: Kepegawaian, tahun: int, out: _Checker) -> None:
    """Each earlier year: by education, by golongan and the typed total must be one number."""
    for row in staff.tahunan:
        if row.total_row:
            continue
        if not is_year(row.label):
            out.add("pegawai-tahun-tidak-sah", TAHUNAN_SHEET, row.cells.get("label", ""), terbaca=row.label)
    for year, counts in staff.history(tahun).items():
        if year == tahun:
            continue
        seen = []
        if counts.levels:
            seen.append(("menurut pendidikan", sum(counts.levels.values())))
        if counts.groups:
            seen.append(("menurut golongan", sum(counts.groups.values())))
        if counts.jumlah is not None:
            seen.append(("Jumlah Pegawai", counts.jumlah))
        if len({n for _, n in seen}) > 1:
            row = next(r for r in staff.years() if int(r.label) == year)
            out.add("pegawai-tahun-tidak-cocok", TAHUNAN_SHEET, row.cells.get("Jumlah", row.cells.get("label", "")),
                    tahun=year, rincian=", ".join(f"{what} {n}" for what, n in seen))
