"""What the report's table writers share besides the xlsx layer: the registry of source cells, names.

:class:`Refs` records where the source values live (``'Capaian IKU'!$G$5``),
so presentation tables reference them with formulas and a reviewer who
corrects one realisasi sees every table follow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lakip_xl.xlsx.sheet import absolute

# --------------------------------------------------------------------------- #
# Cell registry
# --------------------------------------------------------------------------- #


class RowRef:
    """The cells of one source row, as absolute references built on demand: ``ref["capaian"]``."""

    __slots__ = ("sheet", "row", "columns")

    def __init__(self, sheet: str, row: int, columns: dict[str, int]) -> None:
        self.sheet, self.row, self.columns = sheet, row, columns

    def __getitem__(self, name: str) -> str:
        return absolute(self.sheet, self.row, self.columns[name])


class RowRefs(dict):
    """Key → row of a source sheet, kept as plain row numbers; ``refs[key]`` gives a :class:`RowRef`."""

    def __init__(self, sheet: str = "", columns: dict[str, int] | None = None) -> None:
        super().__init__()
        self.sheet, self.columns = sheet, columns or {}

    def __getitem__(self, key: Any) -> RowRef:
        return RowRef(self.sheet, dict.__getitem__(self, key), self.columns)

    #: the row number of ``key`` itself
    row = dict.__getitem__


@dataclass
class Refs:
    """Absolute addresses of the source cells, filled as the source sheets are written."""

    #: IKU code → its cells "target", "realisasi", "capaian", "predikat"
    iku: RowRefs = field(default_factory=RowRefs)
    #: (kode, indikator key) → its cells "target", "realisasi", "capaian", "predikat", "penjelasan"
    indicator: RowRefs = field(default_factory=RowRefs)
    #: kode → its cells "pagu", "realisasi", "persen" (Realisasi Anggaran)
    node: RowRefs = field(default_factory=RowRefs)
    #: named totals → cell ("belanja_pagu", "nilai", "predikat", …)
    total: dict[str, str] = field(default_factory=dict)


_SMALL_WORDS = {"dan", "di", "ke", "dari", "yang", "untuk", "dengan", "pada", "atau", "serta", "dalam", "bagi",
                "oleh", "terhadap", "antar"}
_ACRONYMS = {"UMKM", "KSP", "USP", "SNI", "IKM", "UTTP", "BMD", "SKPD", "RKA", "ASN", "PDRB", "IUI", "IPUI",
             "IUKI", "IPKI", "SIINAS", "DPA", "UPT", "UPTD", "PDN", "OPD", "TDG", "STPW", "SKA", "B2", "PA-B2",
             "P-B2", "RPJMD", "SAKIP", "LAKIP"}


def display_name(text: str | None) -> str:
    """An ALL-CAPS uraian as the seed prints names in prose: ``Program Penilaian Kesehatan KSP/USP Koperasi``."""
    if not text or not text.isupper():
        return text or ""
    words = []
    for i, word in enumerate(text.split()):
        parts = []
        for part in word.split("/"):
            core = part.strip("(),.;:")
            bracketed = part.startswith("(") and part.rstrip(",.;:").endswith(")")  # "(LLAJ)": an acronym
            if core in _ACRONYMS or (core.isalpha() and len(core) <= 4 and not set(core) & set("AIUEO")) or (
                    bracketed and core.isalpha() and len(core) <= 6):
                parts.append(part)
            elif i > 0 and core.lower() in _SMALL_WORDS:
                parts.append(part.lower())
            else:
                parts.append(part.capitalize() if not part.startswith("(") else "(" + part[1:].capitalize())
        words.append("/".join(parts))
    return " ".join(words)
