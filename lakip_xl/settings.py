"""Calculation and safety settings, with the 2021 LAKIP's rules as defaults.

The ordinal scale, its means and the Negatif formula are settings, not
constants: another region may use Permendagri 86/2017's five-level scale or
``(2 × Target − Realisasi) / Target × 100`` for Negatif indicators. A user
passes a TOML file (``lakip consolidate --pengaturan FILE``); every key is
optional. See ``docs/pengaturan.example.toml``.
"""

from __future__ import annotations

import functools
import math
import re
import sys
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from lakip_xl.errors import SettingsError
from lakip_xl.measures import Categorical, plain_number

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


@dataclass(frozen=True)
class Category:
    """One predikat of the ordinal scale: ``lower < X`` (or the lowest, ``X ≤ next``)."""

    name: str
    #: exclusive lower bound; ``None`` for the lowest category
    lower: Decimal | None
    #: the category's mean, used by the Metode Rata-Rata Data Kelompok
    mean: Decimal
    #: fill colour of the predikat in the workbook (hex RGB)
    color: str


DEFAULT_SCALE: tuple[Category, ...] = (
    Category("Sangat Berhasil", Decimal(85), Decimal("92.5"), "#C6EFCE"),
    Category("Berhasil", Decimal(70), Decimal("77.5"), "#DDEBF7"),
    Category("Cukup Berhasil", Decimal(55), Decimal("62.5"), "#FFEB9C"),
    Category("Tidak Berhasil", None, Decimal("27.5"), "#FFC7CE"),
)

#: How the quarters of an indicator combine (Renstra column ``Akumulasi``): they add up, the latest stands,
#: or their mean.
AKUMULASI = ("Jumlah", "Terakhir", "Rata-rata")

#: Negatif (lower is better) capaian formulas: name → description.
NEGATIF_FORMULAS = {
    "rasio": "Target / Realisasi × 100",
    "selisih": "(2 × Target − Realisasi) / Target × 100",
}


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile or broken file from exhausting the machine."""

    #: largest input file read at all (bytes)
    max_file_bytes: int = 50 * 1024 * 1024
    #: largest total uncompressed size of a zip-based workbook (bytes)
    max_unzipped_bytes: int = 300 * 1024 * 1024
    #: largest compression ratio of a single zip member (zip bombs compress ~1000:1)
    max_zip_ratio: int = 200
    #: rows read per sheet of a submission; more rows give a finding and are ignored
    max_rows: int = 200_000
    #: rows read per sheet of the Renstra (the master, kept by the secretariat): Excel's own limit
    max_renstra_rows: int = 1_048_576
    #: cells a sheet may span (rows × columns up to its farthest filled cell): python-calamine holds a sheet
    #: as a dense grid of about 35 bytes a cell, so a stray value in XFD1048576 must not ask for billions
    max_sheet_cells: int = 16_000_000
    #: largest amount of money accepted (Rp); bigger is "tidak wajar"
    max_rupiah: Decimal = Decimal("1e14")


#: Scores of the categorical targets every agency meets (a settings file's ``[kategori]`` adds or
#: changes them; ``Level n`` is always n): Opini BPK, and the predikat SAKIP (the top of each band).
DEFAULT_CATEGORIES: tuple[tuple[str, Decimal], ...] = (
    ("WTP", Decimal(100)), ("WDP", Decimal(75)), ("TW", Decimal(50)), ("TMP", Decimal(25)),
    ("AA", Decimal(100)), ("A", Decimal(90)), ("BB", Decimal(80)), ("B", Decimal(70)), ("CC", Decimal(60)),
    ("C", Decimal(50)), ("D", Decimal(30)),
)


@dataclass(frozen=True)
class Settings:
    scale: tuple[Category, ...] = DEFAULT_SCALE
    negatif_formula: str = "rasio"
    #: difference in Rp under which printed and computed sums are only an Info (half-rupiah rounding)
    rupiah_tolerance: Decimal = Decimal(1)
    #: findings kept per run; the rest are counted and a warning says so
    max_findings: int = 10_000
    #: Akumulasi of an indicator whose Renstra cell is empty (one of :data:`AKUMULASI`)
    akumulasi: str = "Terakhir"
    #: categorical targets and their scores from ``[kategori]`` (label, score), added to :data:`DEFAULT_CATEGORIES`
    categories: tuple[tuple[str, Decimal], ...] = ()
    limits: Limits = field(default_factory=Limits)

    @functools.cached_property
    def category_table(self) -> dict[str, Categorical]:
        """Label in upper case → its :class:`~lakip_xl.measures.Categorical` (the defaults, then ``[kategori]``)."""
        return {label.upper(): Categorical(label, score) for label, score in DEFAULT_CATEGORIES + self.categories}

    def category(self, capaian: Decimal | None) -> Category | None:
        """The category of a capaian value (``None`` when there is no value)."""
        if capaian is None:
            return None
        for cat in self.scale:
            if cat.lower is None or capaian > cat.lower:
                return cat
        return self.scale[-1]

    def predikat(self, capaian: Decimal | None) -> str | None:
        cat = self.category(capaian)
        return cat.name if cat else None

    def scale_labels(self) -> list[str]:
        """Interval labels as in Tabel III.1: ``X > 85``, ``70 < X ≤ 85``, …, ``X ≤ 55``."""
        labels = []
        upper: Decimal | None = None
        for cat in self.scale:
            lo = plain_number(cat.lower) if cat.lower is not None else None
            hi = plain_number(upper) if upper is not None else None
            if lo is not None and hi is None:
                labels.append(f"X > {lo}")
            elif lo is not None:
                labels.append(f"{lo} < X ≤ {hi}")
            else:
                labels.append(f"X ≤ {hi}")
            upper = cat.lower
        return labels




#: settings files shipped with the package, chosen by name (``--pengaturan permendagri86``)
PRESETS = {"permendagri86": "permendagri86.toml"}


def load_settings(path: str | Path | None) -> Settings:
    """Settings from a TOML file, a preset's name (:data:`PRESETS`), or the defaults when ``path`` is ``None``.

    The file may be UTF-8 (with or without a byte-order mark) or UTF-16 with a
    byte-order mark (what Notepad saves as "Unicode"). A file of a preset's name
    in the current folder wins over the preset.

    Raises:
        SettingsError: the file is missing, not a regular file, not TOML, or holds an invalid value
        (the message names the key and what it may be; exit 2).
    """
    if path is None:
        return Settings()
    p = Path(path)
    if str(path) in PRESETS and not p.exists():
        from importlib.resources import files

        preset = files("lakip_xl.presets").joinpath(PRESETS[str(path)])
        return settings_from_dict(tomllib.loads(preset.read_text(encoding="utf-8")), source=str(path))
    try:
        if not p.is_file():  # a pipe or a device would be waited on forever
            what = "tidak ditemukan" if not p.exists() else "bukan berkas biasa"
            raise SettingsError(f"Berkas pengaturan {what}: {p}")
        raw = p.read_bytes()
    except OSError as exc:
        raise SettingsError(f"Berkas pengaturan {p} tidak dapat dibaca: {exc.strerror or exc}") from None
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = raw.decode("utf-16")
        else:
            text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SettingsError(f"Berkas pengaturan {p} bukan teks UTF-8; simpan ulang sebagai UTF-8.") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"Berkas pengaturan {p} bukan TOML yang sah: {exc}") from None
    return settings_from_dict(data, source=str(p))


#: Keys of section ``batas`` → (field of :class:`Limits`, smallest, largest)
LIMIT_KEYS = {
    "ukuran_berkas": ("max_file_bytes", 1024, 10 * 1024**3),
    "ukuran_terurai": ("max_unzipped_bytes", 1024, 50 * 1024**3),
    "rasio_zip": ("max_zip_ratio", 2, 100_000),
    "baris": ("max_rows", 10, 1_048_576),
    "sel": ("max_sheet_cells", 1_000, 17_179_869_184),
}
#: at most this many categories on a scale (Permendagri 86/2017 has five)
MAX_CATEGORIES = 10
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
#: characters a predikat name may hold: it is shown in cells and compared in formulas
_NAME = re.compile(r"^[\w][\w .,()/-]{0,39}$")


def settings_from_dict(data: dict[str, Any], source: str = "pengaturan") -> Settings:
    """Settings from parsed TOML, every key checked against what it may hold."""
    settings = Settings()
    known = {"skala", "negatif", "toleransi_rupiah", "batas_temuan", "batas", "akumulasi", "kategori"}
    unknown = set(data) - known
    if unknown:
        raise SettingsError(
            f"{source}: kunci tidak dikenal: {', '.join(sorted(unknown))} "
            f"(yang dikenal: {', '.join(sorted(known))})"
        )
    if "skala" in data:
        settings = replace(settings, scale=_parse_scale(data["skala"], source))
    if "negatif" in data:
        formula = data["negatif"]
        if not isinstance(formula, str) or formula.strip().lower() not in NEGATIF_FORMULAS:
            raise SettingsError(
                f"{source}: 'negatif' harus salah satu dari "
                f"{', '.join(repr(k) for k in NEGATIF_FORMULAS)}, bukan {formula!r}"
            )
        settings = replace(settings, negatif_formula=formula.strip().lower())
    if "akumulasi" in data:
        value = data["akumulasi"]
        name = parse_akumulasi(value) if isinstance(value, str) else None
        if name is None:
            raise SettingsError(f"{source}: 'akumulasi' harus salah satu dari "
                                f"{', '.join(repr(k) for k in AKUMULASI)}, bukan {value!r}")
        settings = replace(settings, akumulasi=name)
    if "kategori" in data:
        settings = replace(settings, categories=_parse_categories(data["kategori"], source))
    if "toleransi_rupiah" in data:
        settings = replace(settings, rupiah_tolerance=_number(
            data["toleransi_rupiah"], "toleransi_rupiah", source, Decimal(0), Decimal(1_000_000)))
    if "batas_temuan" in data:
        settings = replace(settings, max_findings=_integer(data["batas_temuan"], "batas_temuan", source, 0, 10_000_000))
    if "batas" in data:
        if not isinstance(data["batas"], dict):
            raise SettingsError(f"{source}: 'batas' harus tabel [batas] dengan kunci "
                                f"{', '.join(LIMIT_KEYS)}, bukan {data['batas']!r}")
        limits = settings.limits
        for key, value in data["batas"].items():
            if key not in LIMIT_KEYS:
                raise SettingsError(f"{source}: batas.{key} tidak dikenal (yang dikenal: {', '.join(LIMIT_KEYS)})")
            name, lo, hi = LIMIT_KEYS[key]
            limits = replace(limits, **{name: _integer(value, f"batas.{key}", source, lo, hi)})
        settings = replace(settings, limits=limits)
    return settings


def _parse_categories(table: Any, source: str) -> tuple[tuple[str, Decimal], ...]:
    """``[kategori]``: label = score (``WTP = 100``), each label a short name, each score above 0."""
    if not isinstance(table, dict) or not table:
        raise SettingsError(f"{source}: 'kategori' harus tabel [kategori] berisi label = skor, misalnya WTP = 100")
    out = []
    for label, score in table.items():
        if not _NAME.match(label) or label[:1].isdigit():
            raise SettingsError(f"{source}: label kategori {label!r} tidak sah (huruf, angka, spasi; diawali huruf)")
        out.append((label, _number(score, f"kategori.{label}", source, Decimal("0.0001"), Decimal(1_000_000))))
    return tuple(out)


def parse_akumulasi(text: str) -> str | None:
    """``Jumlah`` / ``Terakhir`` / ``Rata-rata`` from what people type (``rata rata``, ``rerata``, ``SUM``)."""
    key = re.sub(r"[\s_-]+", " ", text.strip().lower())
    return _AKUMULASI_WORDS.get(key)


_AKUMULASI_WORDS = {"jumlah": "Jumlah", "kumulatif": "Jumlah", "sum": "Jumlah", "terakhir": "Terakhir",
                    "last": "Terakhir", "rata rata": "Rata-rata", "rerata": "Rata-rata", "average": "Rata-rata"}


def _integer(value: Any, key: str, source: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SettingsError(f"{source}: {key} harus bilangan bulat {lo}–{hi}, bukan {value!r}")
    if not lo <= value <= hi:
        raise SettingsError(f"{source}: {key} harus antara {lo} dan {hi}, bukan {value}")
    return value


def _number(value: Any, key: str, source: str, lo: Decimal, hi: Decimal) -> Decimal:
    """A finite number in [lo, hi] (TOML gives int or float; a float is read as the decimal it prints)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SettingsError(f"{source}: {key} harus angka, bukan {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise SettingsError(f"{source}: {key} harus angka biasa, bukan {value!r}")
    number = Decimal(str(value))
    if not lo <= number <= hi:
        raise SettingsError(f"{source}: {key} harus antara {plain_number(lo)} dan {plain_number(hi)}, "
                            f"bukan {plain_number(number)}")
    return number


def _parse_scale(items: Any, source: str) -> tuple[Category, ...]:
    if not isinstance(items, list) or not 2 <= len(items) <= MAX_CATEGORIES:
        raise SettingsError(f"{source}: 'skala' harus daftar 2–{MAX_CATEGORIES} kategori ([[skala]] berulang)")
    cats = []
    for i, item in enumerate(items, 1):
        key = f"skala[{i}]"
        if not isinstance(item, dict) or "nama" not in item or "rerata" not in item:
            raise SettingsError(f"{source}: {key} harus punya 'nama', 'batas_bawah' dan 'rerata'")
        extra = set(item) - {"nama", "batas_bawah", "rerata", "warna"}
        if extra:
            raise SettingsError(f"{source}: {key}: kunci tidak dikenal {', '.join(sorted(extra))} "
                                "(yang dikenal: nama, batas_bawah, rerata, warna)")
        name = item["nama"]
        if not isinstance(name, str) or not _NAME.match(name.strip()):
            raise SettingsError(f"{source}: {key}.nama harus teks 1–40 huruf, angka, spasi atau . , ( ) / - "
                                f"(tanpa tanda kutip), bukan {name!r}")
        color = item.get("warna", "#FFFFFF")
        if not isinstance(color, str) or not _COLOR.match(color):
            raise SettingsError(f"{source}: {key}.warna harus kode warna seperti \"#C6EFCE\", bukan {color!r}")
        lower = item.get("batas_bawah")
        cats.append(Category(
            name=name.strip(),
            lower=None if lower is None else _number(lower, f"{key}.batas_bawah", source, Decimal(-1000),
                                                      Decimal(100_000)),
            mean=_number(item["rerata"], f"{key}.rerata", source, Decimal(0), Decimal(100_000)),
            color=color.upper(),
        ))
    names = [c.name.lower() for c in cats]
    if len(set(names)) != len(names):
        raise SettingsError(f"{source}: nama kategori skala harus berbeda satu sama lain")
    bounds = [c.lower for c in cats]
    if bounds[-1] is not None or any(b is None for b in bounds[:-1]):
        raise SettingsError(
            f"{source}: hanya kategori terakhir (terendah) yang tanpa 'batas_bawah'"
        )
    if any(a <= b for a, b in zip(bounds[:-2], bounds[1:-1])):  # type: ignore[operator]
        raise SettingsError(f"{source}: 'batas_bawah' skala harus menurun dari atas ke bawah")
    return tuple(cats)
