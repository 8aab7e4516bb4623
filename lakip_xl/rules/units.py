"""Rules on whole submissions: which unit, which year, sent once, sent at all."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from lakip_xl import CONTRACT_VERSION, TEMPLATE_VERSION
from lakip_xl.findings import Finding, finding
from lakip_xl.model import Renstra, Submission
from lakip_xl.parse import norm_key

IDENT = "Identitas"


def resolve_bidang(renstra: Renstra, value: str | None) -> str | None:
    """A unit code from what a clerk wrote: the code, or the unit's name (any case)."""
    if not value:
        return None
    if value in renstra.bidang:
        return value
    key = norm_key(value)
    for b in renstra.bidang.values():
        if key in (norm_key(b.kode), norm_key(b.nama)):
            return b.kode
    return None


def check_units(renstra: Renstra, submissions: list[Submission], tahun: int, findings: list[Finding],
                *, expect_all_units: bool = True) -> dict[str, Submission | None]:
    by_unit: dict[str, list[Submission]] = {}
    for sub in submissions:
        cells = sub.identitas_cells
        kode = resolve_bidang(renstra, sub.bidang)
        if kode is None:
            findings.append(finding("bidang-tidak-dikenal", sub.name, IDENT, cells.get("bidang", ""),
                                    bidang=sub.bidang, dikenal=", ".join(renstra.bidang)))
            continue
        sub.bidang = kode
        if sub.tahun != tahun:
            findings.append(finding("tahun-salah", sub.name, IDENT, cells.get("tahun", ""),
                                    terbaca=sub.tahun, tahun=tahun))
            continue
        instansi = sub.identitas.get("instansi")
        if instansi and norm_key(instansi) != norm_key(renstra.nama_instansi):
            findings.append(finding("instansi-berbeda", sub.name, IDENT, cells.get("instansi", ""),
                                    terbaca=instansi, renstra=renstra.nama_instansi))
        versi = sub.identitas.get("versi templat")
        if versi and _contract_of(versi) not in (None, CONTRACT_VERSION):
            findings.append(finding("versi-templat-berbeda", sub.name, IDENT, cells.get("versi templat", ""),
                                    terbaca=versi, versi=TEMPLATE_VERSION))
        by_unit.setdefault(kode, []).append(sub)

    units: dict[str, Submission | None] = {}
    for kode in renstra.bidang:
        subs = by_unit.get(kode, [])
        if not subs:
            units[kode] = None
            continue
        chosen, reason = _choose(subs)
        units[kode] = chosen
        if len(subs) > 1:
            names = ", ".join(s.name for s in subs)
            for s in subs:
                if s is chosen:
                    continue
                findings.append(finding("bidang-ganda", s.name, IDENT, s.identitas_cells.get("bidang", ""),
                                        bidang=renstra.bidang[kode].nama, berkas_semua=names,
                                        dipakai=chosen.name, alasan=reason))
    if expect_all_units:
        due = renstra.rows_due(tahun)
        for kode, sub in units.items():
            if sub is not None:
                continue
            rows = due.get(kode, 0)
            if rows:
                findings.append(finding("bidang-tidak-mengirim", "", "", "", bidang=renstra.bidang[kode].nama,
                                        kode=kode, jumlah=rows, tahun=tahun))
    return units


def _contract_of(versi: str) -> str | None:
    m = re.search(r"kontrak\s*(\S+)", versi)
    return m.group(1) if m else None


def _choose(subs: list[Submission]) -> tuple[Submission, str]:
    """The submission to use among several of one unit: the newest by its Tanggal, then by file time."""
    dated = [(s, _date(s.identitas.get("tanggal"))) for s in subs]
    if all(d is not None for _, d in dated) and len({d for _, d in dated}) == len(dated):
        best = max(dated, key=lambda x: x[1])[0]  # type: ignore[arg-type,return-value]
        return best, "Tanggal di lembar Identitas paling baru"
    best = max(subs, key=lambda s: (_mtime(s), s.name))
    return best, "berkas paling baru disimpan"


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S"):
            try:
                return dt.datetime.strptime(value.strip(), fmt).date()
            except ValueError:
                continue
    return None


def _mtime(sub: Submission) -> float:
    try:
        return sub.path.stat().st_mtime
    except OSError:
        return 0.0
