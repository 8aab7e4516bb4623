"""Staff counts of an agency (Bab I of the LAKIP, Tabel 1.1–1.7): the model and its sums.

Part of the model stage. The Sekretariat's template (the unit holding the Program Penunjang) has four
sheets, each one table, read into :class:`Kepegawaian`:

- ``Pegawai Golongan``: one row per unit kerja, a ``L`` and a ``P`` column per golongan ruang
  (``IV/c L`` | ``IV/c P`` …), an optional typed ``Jumlah``. Tabel 1.6 as typed; Tabel 1.1 and the current
  year of Tabel 1.5 and 1.7 are its sums, so they can never disagree with it (SEED_NOTES C28).
- ``Pegawai Pendidikan``: one row per tingkat pendidikan, ``Laki-laki`` | ``Perempuan`` (Tabel 1.2, and
  the current year of Tabel 1.4).
- ``Pegawai Jabatan``: ``Eselon`` | ``Jabatan`` | ``Jumlah`` (Tabel 1.3).
- ``Pegawai Tahunan``: one row per earlier year, staff by pendidikan, by golongan group and in total
  (Tabel 1.4, 1.5 and 1.7 before the report year).

Totals are never read from the clerk's cells: a typed ``Jumlah`` or ``JUMLAH`` row is compared with the
sum of its parts (rules in :mod:`lakip_xl.rules.kepegawaian`) and the sum is what the report shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lakip_xl.parse import FIRST_YEAR, LAST_YEAR

#: Golongan ruang of a PNS (PP 99/2000), highest first, with the pangkat of each.
GOLONGAN: tuple[tuple[str, str], ...] = (
    ("IV/e", "Pembina Utama"), ("IV/d", "Pembina Utama Madya"), ("IV/c", "Pembina Utama Muda"),
    ("IV/b", "Pembina Tingkat I"), ("IV/a", "Pembina"),
    ("III/d", "Penata Tingkat I"), ("III/c", "Penata"), ("III/b", "Penata Muda Tingkat I"), ("III/a", "Penata Muda"),
    ("II/d", "Pengatur Tingkat I"), ("II/c", "Pengatur"), ("II/b", "Pengatur Muda Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("I/d", "Juru Tingkat I"), ("I/c", "Juru"), ("I/b", "Juru Muda Tingkat I"), ("I/a", "Juru Muda"),
)
#: Golongan groups of Tabel 1.5, highest first.
GROUPS = ("IV", "III", "II", "I")
#: Levels of formal education (Tabel 1.2 and 1.4), highest first, with the words of Tabel 1.4.
PENDIDIKAN: tuple[tuple[str, str], ...] = (
    ("S3", "Tamatan S-3"), ("S2", "Tamatan S-2"), ("S1", "Tamatan S-1"), ("D4", "Tamatan D-IV"),
    ("D3", "Tamatan D-III"), ("D2", "Tamatan D-II"), ("D1", "Tamatan D-I"),
    ("SLTA", "Tamatan SLTA/ sederajat"), ("SLTP", "Tamatan SLTP/ sederajat"), ("SD", "Tamatan SD/ sederajat"),
)
#: Eselon of structural posts, highest first, with the post a dinas usually gives each.
ESELON: tuple[tuple[str, str], ...] = (
    ("II.a", "Kepala Badan"), ("II.b", "Kepala Dinas"), ("III.a", "Sekretaris"), ("III.b", "Kepala Bidang"),
    ("IV.a", "Kepala Seksi / Subbagian / UPT"), ("IV.b", "Kepala Subbagian Tata Usaha UPT"),
)
SEXES = ("L", "P")
SHEETS = ("Pegawai Golongan", "Pegawai Pendidikan", "Pegawai Jabatan", "Pegawai Tahunan")
GOLONGAN_SHEET, PENDIDIKAN_SHEET, JABATAN_SHEET, TAHUNAN_SHEET = SHEETS


def column(golongan: str, sex: str) -> str:
    """The column label of sheet Pegawai Golongan: ``IV/c L``."""
    return f"{golongan} {sex}"


def group_column(group: str) -> str:
    """The column label of a golongan group in sheet Pegawai Tahunan: ``Golongan IV``."""
    return f"Golongan {group}"


def is_year(label: str) -> bool:
    return label.isdigit() and FIRST_YEAR <= int(label) <= LAST_YEAR


def group_of(golongan: str) -> str:
    return golongan.split("/")[0]


_LEVEL_WORDS = (
    (r"s\s*-?\s*3|strata\s*(3|tiga)|doktor", "S3"), (r"s\s*-?\s*2|strata\s*(2|dua)|magister|pasca", "S2"),
    (r"s\s*-?\s*1|strata\s*(1|satu)|sarjana", "S1"), (r"d\s*-?\s*(4|iv)", "D4"), (r"d\s*-?\s*(3|iii)", "D3"),
    (r"d\s*-?\s*(2|ii)", "D2"), (r"d\s*-?\s*(1|i)", "D1"), (r"slta|sma|smu|smk|stm|aliyah", "SLTA"),
    (r"sltp|smp|tsanawiyah", "SLTP"), (r"sd|sekolah dasar|ibtidaiyah", "SD"),
)


def pendidikan_key(text: str | None) -> str | None:
    """The level of an education label as clerks write it (``S-1``, ``Tamatan D-III``, ``SMU``); ``None``:
    not one of :data:`PENDIDIKAN` (shown as typed, its own line)."""
    if not text:
        return None
    key = re.sub(r"^(tamatan|lulusan|pendidikan)\s+", "", " ".join(str(text).split()).lower())
    key = re.sub(r"\s*/?\s*(sederajat|setara)$", "", key).strip()
    for pattern, level in _LEVEL_WORDS:
        if re.fullmatch(pattern, key):
            return level
    return None


def is_total_label(text: str | None) -> bool:
    """A clerk's own total line (``JUMLAH``, ``Total``): checked against the sum, never counted."""
    return bool(text) and " ".join(str(text).split()).lower().rstrip(":") in {"jumlah", "total", "jumlah total"}


@dataclass(slots=True)
class PegawaiRow:
    """One line of a staff sheet: its label, its counts by column key, the typed Jumlah and the cells."""

    label: str
    counts: dict[str, int]
    #: the typed ``Jumlah`` (``None``: left empty); checked against :meth:`total`
    jumlah: int | None = None
    row: int = 0
    #: column key → A1 cell
    cells: dict[str, str] = field(default_factory=dict)
    #: the clerk's own total line: compared with the column sums, never counted
    total_row: bool = False
    #: Pegawai Jabatan: the post (``Kepala Bidang``)
    jabatan: str | None = None

    def total(self, keys: tuple[str, ...] | None = None) -> int:
        return sum(v for k, v in self.counts.items() if keys is None or k in keys)


@dataclass
class Kepegawaian:
    """The four staff sheets of one report (a sheet not sent is an empty list)."""

    unit_kerja: list[PegawaiRow] = field(default_factory=list)
    pendidikan: list[PegawaiRow] = field(default_factory=list)
    jabatan: list[PegawaiRow] = field(default_factory=list)
    tahunan: list[PegawaiRow] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.unit_kerja, self.pendidikan, self.jabatan, self.tahunan))

    # -- current year -------------------------------------------------------------
    def units(self) -> list[PegawaiRow]:
        return [r for r in self.unit_kerja if not r.total_row]

    def golongan(self, golongan: str, sex: str | None = None) -> int:
        """Staff of one golongan (and sex) over every unit kerja."""
        sexes = SEXES if sex is None else (sex,)
        return sum(r.counts.get(column(golongan, s), 0) for r in self.units() for s in sexes)

    def golongan_shown(self) -> list[str]:
        """The golongan of Tabel 1.1 and 1.6: from the highest to the lowest one any unit typed (a 0 too)."""
        typed = [i for i, (g, _) in enumerate(GOLONGAN)
                 if any(column(g, s) in r.counts for r in self.units() for s in SEXES)]
        return [g for g, _ in GOLONGAN[min(typed):max(typed) + 1]] if typed else []

    def group(self, group: str) -> int:
        return sum(self.golongan(g) for g, _ in GOLONGAN if group_of(g) == group)

    def by_sex(self, sex: str) -> int:
        return sum(self.golongan(g, sex) for g, _ in GOLONGAN)

    def total(self) -> int:
        return sum(r.total() for r in self.units())

    def levels(self) -> list[PegawaiRow]:
        return [r for r in self.pendidikan if not r.total_row]

    def pendidikan_of(self, level: str, sex: str | None = None) -> int:
        keys = SEXES if sex is None else (sex,)
        return sum(r.total(keys) for r in self.levels() if pendidikan_key(r.label) == level)

    def pendidikan_total(self, sex: str | None = None) -> int:
        keys = SEXES if sex is None else (sex,)
        return sum(r.total(keys) for r in self.levels())

    def posts(self) -> list[PegawaiRow]:
        return [r for r in self.jabatan if not r.total_row and r.counts]

    # -- years --------------------------------------------------------------------
    def years(self) -> list[PegawaiRow]:
        return [r for r in self.tahunan if not r.total_row and is_year(r.label)]

    def history(self, tahun: int) -> dict[int, "YearCounts"]:
        """Staff by year: the earlier years as typed in Pegawai Tahunan, the report year from the other
        sheets (a typed row for the report year itself is checked, not used)."""
        out: dict[int, YearCounts] = {}
        for r in self.years():
            year = int(r.label)
            if year >= tahun:
                continue
            levels = {lv: r.counts[lv] for lv, _ in PENDIDIKAN if lv in r.counts}
            groups = {g: r.counts[group_column(g)] for g in GROUPS if group_column(g) in r.counts}
            out[year] = YearCounts(levels, groups, r.jumlah)
        levels = {pendidikan_key(x.label) for x in self.levels()}
        groups = {group_of(g) for g in self.golongan_shown()}
        current = YearCounts({lv: self.pendidikan_of(lv) for lv, _ in PENDIDIKAN if lv in levels},
                             {g: self.group(g) for g in GROUPS if g in groups},
                             self.total() if self.units() else None)
        if current.levels or current.groups:
            out[tahun] = current
        return dict(sorted(out.items()))


@dataclass
class YearCounts:
    """Staff of one year: by level of education, by golongan group, and the typed total."""

    levels: dict[str, int]
    groups: dict[str, int]
    jumlah: int | None

    def total(self) -> int | None:
        """The year's staff: the typed total, else the sum by education, else by golongan."""
        if self.jumlah is not None:
            return self.jumlah
        if self.levels:
            return sum(self.levels.values())
        if self.groups:
            return sum(self.groups.values())
        return None
