"""Calculation and safety settings, with the 2021 LAKIP's rules as defaults.

The ordinal scale, its means and the Negatif formula are settings, not
constants: another region may use Permendagri 86/2017's five-level scale or
``(2 × Target − Realisasi) / Target × 100`` for Negatif indicators. A user
passes a TOML file (``lakip consolidate --pengaturan FILE``); every key is
optional. See ``docs/pengaturan.example.toml``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from lakip_xl.errors import SettingsError

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
    #: largest amount of money accepted (Rp); bigger is "tidak wajar"
    max_rupiah: Decimal = Decimal("1e14")


@dataclass(frozen=True)
class Settings:
    scale: tuple[Category, ...] = DEFAULT_SCALE
    negatif_formula: str = "rasio"
    #: difference in Rp under which printed and computed sums are only an Info (half-rupiah rounding)
    rupiah_tolerance: Decimal = Decimal(1)
    #: findings kept per run; the rest are counted and a warning says so
    max_findings: int = 10_000
    limits: Limits = field(default_factory=Limits)

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
            lo = _fmt(cat.lower) if cat.lower is not None else None
            hi = _fmt(upper) if upper is not None else None
            if lo is not None and hi is None:
                labels.append(f"X > {lo}")
            elif lo is not None:
                labels.append(f"{lo} < X ≤ {hi}")
            else:
                labels.append(f"X ≤ {hi}")
            upper = cat.lower
        return labels


def _fmt(d: Decimal) -> str:
    text = format(d.normalize(), "f")
    return text.replace(".", ",")


def load_settings(path: str | Path | None) -> Settings:
    """Settings from a TOML file, or the defaults when ``path`` is ``None``.

    Raises:
        SettingsError: the file is missing, not TOML, or holds an invalid value.
    """
    if path is None:
        return Settings()
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"Berkas pengaturan tidak ditemukan: {p}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"Berkas pengaturan {p} tidak dapat dibaca: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"Berkas pengaturan {p} bukan TOML yang sah: {exc}") from None
    return settings_from_dict(data, source=str(p))


def settings_from_dict(data: dict[str, Any], source: str = "pengaturan") -> Settings:
    settings = Settings()
    known = {"skala", "negatif", "toleransi_rupiah", "batas_temuan", "batas"}
    unknown = set(data) - known
    if unknown:
        raise SettingsError(
            f"{source}: kunci tidak dikenal: {', '.join(sorted(unknown))} "
            f"(yang dikenal: {', '.join(sorted(known))})"
        )
    if "skala" in data:
        settings = replace(settings, scale=_parse_scale(data["skala"], source))
    if "negatif" in data:
        formula = str(data["negatif"]).strip().lower()
        if formula not in NEGATIF_FORMULAS:
            raise SettingsError(
                f"{source}: 'negatif' harus salah satu dari "
                f"{', '.join(NEGATIF_FORMULAS)}, bukan {data['negatif']!r}"
            )
        settings = replace(settings, negatif_formula=formula)
    if "toleransi_rupiah" in data:
        settings = replace(
            settings, rupiah_tolerance=_decimal(data["toleransi_rupiah"], "toleransi_rupiah", source)
        )
    if "batas_temuan" in data:
        settings = replace(settings, max_findings=int(data["batas_temuan"]))
    if "batas" in data:
        limits = settings.limits
        names = {
            "ukuran_berkas": "max_file_bytes",
            "ukuran_terurai": "max_unzipped_bytes",
            "rasio_zip": "max_zip_ratio",
            "baris": "max_rows",
        }
        for key, value in dict(data["batas"]).items():
            if key not in names:
                raise SettingsError(f"{source}: batas.{key} tidak dikenal")
            limits = replace(limits, **{names[key]: int(value)})
        settings = replace(settings, limits=limits)
    return settings


def _decimal(value: Any, key: str, source: str) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise SettingsError(f"{source}: {key} harus angka, bukan {value!r}") from None


def _parse_scale(items: Any, source: str) -> tuple[Category, ...]:
    if not isinstance(items, list) or len(items) < 2:
        raise SettingsError(f"{source}: 'skala' harus daftar kategori (paling sedikit 2)")
    cats = []
    for i, item in enumerate(items, 1):
        try:
            name = str(item["nama"])
            lower = item.get("batas_bawah")
            cats.append(
                Category(
                    name=name,
                    lower=None if lower is None else _decimal(lower, f"skala[{i}].batas_bawah", source),
                    mean=_decimal(item["rerata"], f"skala[{i}].rerata", source),
                    color=str(item.get("warna", "#FFFFFF")),
                )
            )
        except (KeyError, TypeError):
            raise SettingsError(
                f"{source}: skala[{i}] harus punya 'nama', 'batas_bawah' dan 'rerata'"
            ) from None
    bounds = [c.lower for c in cats]
    if bounds[-1] is not None or any(b is None for b in bounds[:-1]):
        raise SettingsError(
            f"{source}: hanya kategori terakhir (terendah) yang tanpa 'batas_bawah'"
        )
    if any(a <= b for a, b in zip(bounds[:-2], bounds[1:-1])):  # type: ignore[operator]
        raise SettingsError(f"{source}: 'batas_bawah' skala harus menurun dari atas ke bawah")
    return tuple(cats)
