#!/usr/bin/env python
"""lakip-xl benchmark: how fast ``lakip consolidate`` is against what it must do.

    python benchmarks/bench.py [--sizes 10,100,1000] [--big] [--profile 100]

For each size N (units / submission workbooks) it

1. generates, once (cached in ``benchmarks/work/``), a synthetic Renstra with N
   units and one filled submission per unit (deterministic, seeded);
2. times ``python -m lakip_xl consolidate`` end to end as a subprocess, the
   stages in-process (``consolidate()``'s ``Run.timings``), a floor (raw
   python-calamine read + plain XlsxWriter write of as many cells as the
   output holds) and a naive baseline (``pandas.read_excel`` with openpyxl +
   an openpyxl write of the same cells), with the peak RSS of each process;
3. prints a table and writes it as JSON to ``benchmarks/results-<date>.json``.

Every measurement runs in its own fresh child process (this same file with
``--child``), so imports, caches and memory of one do not leak into another.
See ``benchmarks/README.md`` for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Mapping

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
WORK = BENCH / "work"


def src() -> Path:
    """Where lakip_xl is imported from: the working tree, or (``--ref``) a snapshot of a commit in WORK."""
    return Path(os.environ.get("LAKIP_BENCH_SRC") or ROOT)


if str(src()) not in sys.path:
    sys.path.insert(0, str(src()))

#: Bump when the generated data changes: the cache key includes it.
GENERATOR_VERSION = 1
SEED = 2021
TAHUN = 2021
YEARS = [2021, 2022, 2023, 2024]
DEFAULT_SIZES = [10, 100, 1000]
BIG_SIZE = 5000

# Shape of one unit (averages): ~190 program rows, ~5 IKU, 2-3 sasaran.
PROGRAMS_PER_UNIT = 4
KEGIATAN_PER_PROGRAM = 4
SUB_PER_KEGIATAN = (9, 12)          # inclusive range, mean 10.5
PROGRAMS_WITH_TWO_INDICATORS = 2    # first two programmes of a unit have 2 indicator rows
SHARE_FILES_WITH_EMPTY_REALISASI = 0.3
SHARE_PAGU_DIFFERENT_FROM_RENSTRA = 0.15
UNITS_PER_TUJUAN = 10

# The tool's default limits (lakip_xl.settings.Limits); raised for a size only when the data needs it.
DEFAULT_MAX_ROWS = 200_000
DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_UNZIPPED_BYTES = 300 * 1024 * 1024


# =========================================================================== #
# Synthetic data
# =========================================================================== #

OBJEK = [
    "sarana distribusi perdagangan", "pasar rakyat binaan", "koperasi simpan pinjam", "usaha mikro dan kecil",
    "industri kecil dan menengah", "alat ukur, alat takar, alat timbang dan perlengkapannya",
    "barang kebutuhan pokok dan barang penting", "produk ekspor unggulan daerah", "sentra industri kreatif",
    "pelaku usaha perdagangan dalam negeri", "tenaga kerja industri bersertifikat", "kelompok usaha bersama",
    "lembaga keuangan mikro dan koperasi jasa", "gudang dan sarana penyimpanan komoditas",
    "sistem informasi perdagangan dan harga pasar", "sumber daya aparatur perangkat daerah",
    "produk halal dan bersertifikat SNI", "pedagang kaki lima dan pedagang pasar", "kawasan dan lingkungan industri",
    "perizinan usaha perdagangan dan industri",
]
KEGIATAN_VERB = [
    "Pembangunan dan Pengelolaan", "Pembinaan dan Pengawasan", "Fasilitasi dan Pengembangan",
    "Peningkatan Kapasitas dan Daya Saing", "Penyelenggaraan dan Pelayanan", "Pengendalian dan Stabilisasi",
    "Pemberdayaan dan Perlindungan", "Perencanaan, Penganggaran dan Evaluasi Kinerja",
]
SUB_VERB = [
    "Penyediaan", "Koordinasi, Sinkronisasi dan Pelaksanaan", "Fasilitasi Pemenuhan Standar", "Pelaksanaan Pengawasan",
    "Pendataan, Verifikasi dan Validasi", "Sosialisasi dan Bimbingan Teknis", "Pengadaan dan Pemeliharaan",
    "Monitoring, Evaluasi dan Pelaporan", "Pendampingan dan Konsultasi", "Promosi dan Pemasaran",
]
QUALIFIER = [
    "di Wilayah Kota", "bagi Pelaku Usaha Mikro", "pada Pasar Rakyat Binaan", "Tingkat Kecamatan dan Kelurahan",
    "Berbasis Sistem Informasi Terpadu", "dalam rangka Pengendalian Inflasi Daerah", "Lintas Perangkat Daerah",
    "bagi Masyarakat Berpenghasilan Rendah",
]
STATE = [
    "memenuhi standar nasional", "dibina dan difasilitasi", "ditingkatkan kapasitasnya",
    "terawasi sesuai ketentuan", "terlayani tepat waktu", "tersertifikasi", "aktif dan berkualitas",
    "tertib ukur", "mendapat pendampingan",
]
UNIT_PREFIX = ["Bidang", "Bidang", "Bidang", "UPT", "Seksi"]
# (satuan, kind) -- kind: "pct" or (lo, hi) integer range of a target
SATUAN = [("%", "pct"), ("%", "pct"), ("%", "pct"), ("dokumen", (1, 12)), ("kegiatan", (2, 24)),
          ("orang", (20, 500)), ("pasar", (1, 10)), ("unit", (1, 50)), ("laporan", (1, 12)),
          ("bulan", (12, 12)), ("pelaku usaha", (10, 300))]
PENYEBAB = [
    "Koordinasi lintas perangkat daerah berjalan baik sehingga kegiatan terlaksana sesuai jadwal",
    "Dukungan anggaran perubahan memungkinkan penambahan sasaran pembinaan",
    "Partisipasi pelaku usaha dalam kegiatan pembinaan lebih tinggi dari perkiraan",
    "Keterbatasan jumlah tenaga teknis bersertifikat di lapangan",
    "Pembatasan kegiatan masyarakat selama pandemi menunda sebagian kegiatan tatap muka",
    "Pemanfaatan sistem informasi mempercepat pendataan dan verifikasi",
]
SOLUSI = [
    "Meningkatkan koordinasi dengan instansi vertikal dan asosiasi pelaku usaha",
    "Mengusulkan penambahan tenaga teknis melalui formasi jabatan fungsional",
    "Mengoptimalkan kegiatan daring untuk sosialisasi dan bimbingan teknis",
    "Menyusun jadwal pengawasan berkala dan mengevaluasinya setiap triwulan",
    "Memperkuat kerja sama dengan perguruan tinggi dan lembaga sertifikasi",
]


def _title(text: str) -> str:
    small = {"dan", "di", "bagi", "pada", "dalam", "yang", "serta"}
    return " ".join(w if w in small or w.isupper() else w[:1].upper() + w[1:] for w in text.split())


def _d(value: Decimal | int | float | None, places: int = 2) -> str | None:
    """A decimal string as in the sample dataset (trailing zeros dropped)."""
    if value is None:
        return None
    q = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(q.normalize(), "f")
    return text


def _rp(value: float) -> int:
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _program_code(idx: int) -> str:
    """Programme code for the idx-th programme of the instansi: every unit gets its own code space."""
    third = 2 + idx % 98
    second = 1 + (idx // 98) % 99
    first = 1 + idx // (98 * 99)
    return f"{first}.{second:02d}.{third:02d}"


def _target(rng: random.Random, kind: Any, negatif: bool) -> list[Decimal]:
    """Targets for YEARS."""
    if kind == "pct":
        if negatif:
            base = Decimal(rng.randrange(300, 1000)) / 100
            return [max(base - Decimal(i) * Decimal("0.5"), Decimal(1)) for i in range(len(YEARS))]
        base = Decimal(rng.randrange(5000, 9500)) / 100
        return [min(base + Decimal(i * rng.randrange(0, 300)) / 100, Decimal(100)) for i in range(len(YEARS))]
    lo, hi = kind
    base = rng.randint(lo, hi)
    return [Decimal(base + (i if hi > lo else 0)) for i in range(len(YEARS))]


def _realisasi(rng: random.Random, target: Decimal, kind: Any, negatif: bool) -> Decimal:
    if kind == "pct":
        f = rng.uniform(0.6, 1.2) if negatif else rng.uniform(0.85, 1.15)
        return (target * Decimal(f)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return Decimal(max(0, round(float(target) * rng.uniform(0.8, 1.2))))


def _indicator(rng: random.Random, obj: str, used: set[str]) -> tuple[str, str, Any, str]:
    """(indikator, satuan, kind, polaritas)."""
    satuan, kind = rng.choice(SATUAN)
    negatif = kind == "pct" and rng.random() < 0.04
    for _ in range(20):
        state = rng.choice(STATE)
        if negatif:
            text = f"Persentase {obj} yang tidak {state}"
        elif kind == "pct":
            text = f"Persentase {obj} yang {state}"
        else:
            text = f"Jumlah {obj} yang {state}"
        if text not in used:
            break
    else:
        text = f"{text} ({len(used) + 1})"
    used.add(text)
    return text, satuan, kind, "Negatif" if negatif else "Positif"


def unit_data(u: int) -> dict[str, Any]:
    """Everything about unit ``u`` (0-based): its Renstra rows and its 2021 submission values.

    Deterministic in (SEED, GENERATOR_VERSION, u) only, so a worker process can build one unit alone.
    """
    rng = random.Random(f"lakip-bench-{SEED}-{GENERATOR_VERSION}-{u}")
    kode = f"B{u + 1:04d}"
    if u == 0:
        nama = "Sekretariat Dinas Koperasi, Usaha Mikro, Perindustrian dan Perdagangan"
    else:
        a, b = rng.sample(OBJEK, 2)
        nama = f"{rng.choice(UNIT_PREFIX)} Pengembangan {_title(a)} dan Pengendalian {_title(b)} Wilayah {u + 1}"
    tujuan_no = u // UNITS_PER_TUJUAN + 1

    # --- sasaran and IKU ---------------------------------------------------
    n_sasaran = rng.choice([2, 2, 3])
    n_iku = rng.choice([4, 5, 5, 6])
    per = [1] * n_sasaran
    for _ in range(n_iku - n_sasaran):
        per[rng.randrange(n_sasaran)] += 1
    iku, iku_sub = [], []
    sasaran_codes = []
    used: set[str] = set()
    k = 0
    for s in range(n_sasaran):
        kode_sasaran = f"SS{u * 3 + s + 1:05d}"
        sasaran_codes.append(kode_sasaran)
        obj = rng.choice(OBJEK)
        sasaran = f"Meningkatnya {obj} yang {rng.choice(STATE)} {rng.choice(QUALIFIER).lower()}"
        for _ in range(per[s]):
            k += 1
            kode_ind = f"IKU{u * 6 + k:05d}"
            indikator, satuan, kind, pol = _indicator(rng, rng.choice(OBJEK), used)
            targets = _target(rng, kind, pol == "Negatif")
            hist = [targets[0] * Decimal(rng.uniform(0.85, 1.0)) for _ in range(2)]
            iku.append({
                "kode_tujuan": f"T{tujuan_no}", "kode_sasaran": kode_sasaran, "sasaran": sasaran,
                "kode_indikator": kode_ind, "indikator": indikator, "satuan": satuan, "polaritas": pol,
                "bidang": kode, "baseline": _d(hist[1]),
                "target": {str(y): _d(t) for y, t in zip(YEARS, targets)},
                "target_akhir": _d(targets[-1]), "standar_nasional": None,
                "kode_indikator_tujuan": f"IK.{tujuan_no}",
                "riwayat": {"2019": _d(hist[0]), "2020": _d(hist[1])},
            })
            iku_sub.append({
                "kode_indikator": kode_ind, "sasaran": sasaran, "indikator": indikator, "satuan": satuan,
                "polaritas": pol, "target": targets[0],
                "realisasi": _realisasi(rng, targets[0], kind, pol == "Negatif"),
                "penyebab": "\n".join(f"{i}. {t}" for i, t in enumerate(rng.sample(PENYEBAB, 3), 1)),
                "solusi": "\n".join(f"{i}. {t}" for i, t in enumerate(rng.sample(SOLUSI, 2), 1)),
            })

    # --- programme tree ------------------------------------------------------
    program: list[dict[str, Any]] = []   # Renstra rows (sample JSON format)
    sub_rows: list[dict[str, Any]] = []  # submission rows, same order
    for j in range(PROGRAMS_PER_UNIT):
        penunjang = u == 0 and j == 0
        pcode = "X.XX.01" if penunjang else _program_code(u * PROGRAMS_PER_UNIT + j)
        ks = None if penunjang else sasaran_codes[j % n_sasaran]
        pobj = rng.choice(OBJEK)
        puraian = ("PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA" if penunjang
                   else f"PROGRAM {rng.choice(KEGIATAN_VERB).upper()} {pobj.upper()}")
        prog_first = len(program)
        n_ind = 2 if j < PROGRAMS_WITH_TWO_INDICATORS else 1
        used = set()
        for i in range(n_ind):
            _add_row(rng, program, sub_rows, pcode, puraian, pobj, ks, kode, used)
        for kk in range(1, KEGIATAN_PER_PROGRAM + 1):
            kcode = f"{pcode}.2.{kk:02d}"
            kobj = rng.choice(OBJEK)
            kuraian = f"{rng.choice(KEGIATAN_VERB)} {_title(kobj)}"
            keg_first = len(program)
            _add_row(rng, program, sub_rows, kcode, kuraian, kobj, ks, kode, set())
            for ss in range(1, rng.randint(*SUB_PER_KEGIATAN) + 1):
                scode = f"{kcode}.{ss:02d}"
                sobj = rng.choice(OBJEK)
                suraian = f"{rng.choice(SUB_VERB)} {_title(sobj)} {rng.choice(QUALIFIER)}"
                row, srow = _add_row(rng, program, sub_rows, scode, suraian, sobj, ks, kode, set())
                base = rng.randrange(100_000, 950_000) * 1000      # Rp 100 juta .. 950 juta
                row["pagu"] = {str(y): str(_rp(base * (1 + 0.05 * i) / 1000) * 1000) for i, y in enumerate(YEARS)}
                pagu = Decimal(row["pagu"][str(TAHUN)])
                if rng.random() < SHARE_PAGU_DIFFERENT_FROM_RENSTRA:
                    pagu = Decimal(_rp(float(pagu) * rng.uniform(0.85, 1.15) / 1000) * 1000)
                srow["pagu"] = pagu
                srow["realisasi_anggaran"] = Decimal(_rp(float(pagu) * rng.uniform(0.80, 1.0)))
            _sum_pagu(program, keg_first)
        _sum_pagu(program, prog_first)
    # a few empty realisasi ("not reported")
    if rng.random() < SHARE_FILES_WITH_EMPTY_REALISASI:
        for srow in rng.sample(sub_rows, rng.randint(1, 3)):
            srow["realisasi"] = None
    return {"kode": kode, "nama": nama, "tujuan": tujuan_no, "iku": iku, "program": program,
            "sub_iku": iku_sub, "sub_program": sub_rows}


def _add_row(rng: random.Random, program: list, sub_rows: list, code: str, uraian: str, obj: str,
             ks: str | None, kode: str, used: set[str]) -> tuple[dict, dict]:
    indikator, satuan, kind, pol = _indicator(rng, obj, used)
    targets = _target(rng, kind, pol == "Negatif")
    row = {"kode": code, "uraian": uraian, "indikator": indikator, "satuan": satuan, "polaritas": pol,
           "kode_sasaran": ks, "bidang": kode, "target": {str(y): _d(t) for y, t in zip(YEARS, targets)},
           "pagu": {str(y): None for y in YEARS}}
    srow = {"kode": code, "uraian": uraian, "indikator": indikator, "satuan": satuan, "polaritas": pol,
            "target": targets[0], "realisasi": _realisasi(rng, targets[0], kind, pol == "Negatif"),
            "pagu": None, "realisasi_anggaran": None,
            "penjelasan": (f"Realisasi {indikator.lower()} tahun {TAHUN} dipengaruhi oleh "
                           f"{rng.choice(PENYEBAB).lower()}." if rng.random() < 0.4 else None)}
    program.append(row)
    sub_rows.append(srow)
    return row, srow


def _sum_pagu(program: list[dict], first: int) -> None:
    """Renstra pagu of a kegiatan / programme row = sum of its sub kegiatan (on its first row only)."""
    head = program[first]
    code = head["kode"]
    leaves = [r for r in program[first:] if r["kode"].count(".") == 5 and r["kode"].startswith(code + ".")]
    for y in YEARS:
        head["pagu"][str(y)] = str(sum(int(r["pagu"][str(y)]) for r in leaves))


def renstra_data(units: list[dict[str, Any]]) -> dict[str, Any]:
    """The Renstra dict (format of data/sample/dkump_2021.json) for these units."""
    n_tujuan = max(u["tujuan"] for u in units)
    tujuan = [{
        "kode_tujuan": f"T{t}", "tujuan": f"Meningkatnya daya saing {OBJEK[t % len(OBJEK)]} daerah (kelompok {t})",
        "kode_indikator": f"IK.{t}", "indikator": f"Kontribusi sektor {OBJEK[(t * 7) % len(OBJEK)]} terhadap PDRB",
        "satuan": "%", "polaritas": "Positif",
        "target": {str(y): _d(Decimal("14.61") + Decimal(i) / 10) for i, y in enumerate(YEARS)},
    } for t in range(1, n_tujuan + 1)]
    return {
        "instansi": {
            "Nama Instansi": "Dinas Koperasi, Usaha Mikro, Perindustrian dan Perdagangan Kota Bench",
            "Singkatan": "DKUMPP-BENCH", "Pemerintah Daerah": "Pemerintah Kota Bench",
            "Kepala": "Dr. IR. H. SUTARMAN WIJAYAKUSUMA, S.E., M.Si", "NIP Kepala": "19700101 199503 1 001",
            "Pangkat Kepala": "Pembina Utama Muda", "Kepala Daerah": "H. ABDUL RAHMAN HAKIM, S.H., M.H.",
            "Jabatan Kepala Daerah": "Walikota Bench", "Periode Renstra": f"{YEARS[0]}-{YEARS[-1]}",
            "Alamat": "Jalan Jenderal Ahmad Yani No. 121", "Kota": "Bench",
        },
        "tahun": YEARS,
        "bidang": [{"kode": u["kode"], "nama": u["nama"]} for u in units],
        "tujuan": tujuan,
        "iku": [row for u in units for row in u["iku"]],
        "program": [row for u in units for row in u["program"]],
    }


# --------------------------------------------------------------------------- #
# Fast submission writer (XlsxWriter, contract sheets and headers)
# --------------------------------------------------------------------------- #


def write_submission(path: Path, unit: dict[str, Any], instansi: str) -> None:
    """One filled submission, as Excel would save a filled template: values, SUM formulas with their values."""
    import xlsxwriter

    from lakip_xl import TEMPLATE_VERSION
    from lakip_xl.templates.submission import IKU_HEADERS, PROGRAM_HEADERS

    wb = xlsxwriter.Workbook(str(path), {"in_memory": True, "strings_to_formulas": False,
                                         "strings_to_urls": False, "strings_to_numbers": False})
    f_title = wb.add_format({"bold": True, "font_size": 13})
    f_note = wb.add_format({"italic": True, "text_wrap": True})
    f_head = wb.add_format({"bold": True, "text_wrap": True, "bg_color": "#D9E1F2", "border": 1})
    f_code = wb.add_format({"num_format": "@"})
    f_text = wb.add_format({"text_wrap": True, "valign": "top"})
    f_num = wb.add_format({"num_format": "#,##0.##"})
    f_rp = wb.add_format({"num_format": "#,##0"})
    f_date = wb.add_format({"num_format": "dd-mm-yyyy"})
    nama, tahun = unit["nama"], TAHUN

    ws = wb.add_worksheet("Petunjuk")
    ws.write_string(0, 0, f"Petunjuk Pengisian Laporan Kinerja {tahun}", f_title)
    for i, line in enumerate([
        f"Laporan ini diisi oleh {nama}.",
        "Isi sel kuning: Realisasi, Penyebab, Solusi, Pagu dan Realisasi Anggaran (DPA), Penjelasan.",
        "Angka ditulis tanpa titik ribuan; koma untuk desimal. Kosongkan realisasi bila belum ada data.",
        "Jangan mengubah kode, uraian, indikator dan target yang berasal dari Renstra.",
    ], start=2):
        ws.write_string(i, 0, line)

    def head(ws: Any, title: str, note: str, headers: list[str]) -> None:
        ws.merge_range(0, 0, 0, len(headers) - 1, title, f_title)
        ws.merge_range(1, 0, 1, len(headers) - 1, note, f_note)
        for c, h in enumerate(headers):
            ws.write_string(3, c, h, f_head)
        ws.freeze_panes(4, 1)

    ws = wb.add_worksheet("Identitas")
    head(ws, f"Laporan Kinerja Tahun {tahun} — {nama}", instansi, ["Atribut", "Nilai", "Keterangan"])
    ident: list[tuple[str, Any]] = [
        ("Instansi", instansi), ("Bidang", unit["kode"]), ("Nama Bidang", nama), ("Tahun", tahun),
        ("Versi Templat", TEMPLATE_VERSION), ("Disusun Oleh", f"Staf Perencanaan {nama}"[:120]),
        ("Jabatan", "Analis Perencanaan, Evaluasi dan Pelaporan"),
        ("Tanggal", dt.datetime(tahun + 1, 1, 10 + int(unit["kode"][1:]) % 18)),
        ("Kontak", f"{unit['kode'].lower()}@bench.go.id"),
    ]
    for r, (attr, value) in enumerate(ident, start=4):
        ws.write_string(r, 0, attr)
        if isinstance(value, dt.datetime):
            ws.write_datetime(r, 1, value, f_date)
        elif isinstance(value, int):
            ws.write_number(r, 1, value)
        else:
            ws.write_string(r, 1, value)
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 50)

    ws = wb.add_worksheet("IKU")
    head(ws, f"Indikator Kinerja Utama (IKU) — {nama} — Tahun {tahun}",
         "Isi sel kuning: Realisasi, Penyebab dan Solusi. Sel abu-abu dari Renstra.", IKU_HEADERS)
    for r, x in enumerate(unit["sub_iku"], start=4):
        ws.write_string(r, 0, x["kode_indikator"], f_code)
        ws.write_string(r, 1, x["sasaran"], f_text)
        ws.write_string(r, 2, x["indikator"], f_text)
        ws.write_string(r, 3, x["satuan"])
        ws.write_string(r, 4, x["polaritas"])
        ws.write_number(r, 5, float(x["target"]), f_num)
        if x["realisasi"] is not None:
            ws.write_number(r, 6, float(x["realisasi"]), f_num)
        ws.write_string(r, 7, x["penyebab"], f_text)
        ws.write_string(r, 8, x["solusi"], f_text)

    ws = wb.add_worksheet("Program")
    head(ws, f"Program, Kegiatan dan Sub Kegiatan — {nama} — Tahun {tahun}",
         "Isi sel kuning: Realisasi setiap indikator; Pagu dan Realisasi Anggaran (DPA) pada baris sub kegiatan; "
         "Penjelasan. Jumlah kegiatan dan program dihitung otomatis.", PROGRAM_HEADERS)
    col = {h: i for i, h in enumerate(PROGRAM_HEADERS)}
    rows = unit["sub_program"]
    renstra_rows = unit["program"]
    first_row: dict[str, int] = {}
    for r, x in enumerate(rows, start=4):
        first_row.setdefault(x["kode"], r)
    children: dict[str, list[str]] = {}
    for code in first_row:
        parts = code.split(".")
        parent = ".".join(parts[:5]) if len(parts) == 6 else ".".join(parts[:3]) if len(parts) == 5 else None
        if parent in first_row:
            children.setdefault(parent, []).append(code)
    sums: dict[str, tuple[Decimal, Decimal]] = {}

    def amounts(code: str) -> tuple[Decimal, Decimal]:
        if code not in sums:
            if code in children:
                parts = [amounts(k) for k in children[code]]
                sums[code] = (sum((p for p, _ in parts), Decimal(0)), sum((q for _, q in parts), Decimal(0)))
            else:
                x = rows[first_row[code] - 4]
                sums[code] = (x["pagu"] or Decimal(0), x["realisasi_anggaran"] or Decimal(0))
        return sums[code]

    cp, cr = col["Pagu"], col["Realisasi Anggaran"]
    letter = {c: chr(ord("A") + c) for c in (cp, cr)}
    for r, (x, ren) in enumerate(zip(rows, renstra_rows), start=4):
        is_first = first_row[x["kode"]] == r
        ws.write_string(r, col["Kode"], x["kode"], f_code)
        ws.write_string(r, col["Uraian"], x["uraian"] if is_first else "", f_text)
        ws.write_string(r, col["Indikator"], x["indikator"], f_text)
        ws.write_string(r, col["Satuan"], x["satuan"])
        ws.write_string(r, col["Polaritas"], x["polaritas"])
        ws.write_number(r, col["Target"], float(x["target"]), f_num)
        if x["realisasi"] is not None:
            ws.write_number(r, col["Realisasi"], float(x["realisasi"]), f_num)
        plan = ren["pagu"].get(str(TAHUN))
        if plan is not None and is_first:
            ws.write_number(r, col["Pagu Indikatif Renstra"], float(plan), f_rp)
        if is_first and x["kode"] in children:
            p, q = amounts(x["kode"])
            for c, value in ((cp, p), (cr, q)):
                refs = ",".join(f"{letter[c]}{first_row[k] + 1}" for k in children[x["kode"]])
                ws.write_formula(r, c, f"=SUM({refs})", f_rp, float(value))
        elif is_first:
            if x["pagu"] is not None:
                ws.write_number(r, cp, float(x["pagu"]), f_rp)
            if x["realisasi_anggaran"] is not None:
                ws.write_number(r, cr, float(x["realisasi_anggaran"]), f_rp)
        if x["penjelasan"]:
            ws.write_string(r, col["Penjelasan"], x["penjelasan"], f_text)
    for c, w in enumerate([17, 38, 38, 9, 10, 10, 11, 17, 17, 17, 45]):
        ws.set_column(c, c, w)
    ws.protect("", {"format_columns": True, "format_rows": True, "autofilter": True})
    wb.set_properties({"title": f"Laporan Kinerja {tahun} - {nama}", "author": instansi,
                       "created": dt.datetime(tahun + 1, 1, 5)})
    wb.close()


def _write_units(args: tuple[list[int], str, str]) -> list[tuple[str, int, int]]:
    """Worker: write the submissions of these units; returns (file, program rows, empty realisasi)."""
    from lakip_xl.templates.submission import template_filename

    units, folder, instansi = args
    out = []
    for u in units:
        unit = unit_data(u)
        path = Path(folder) / template_filename(TAHUN, unit["kode"], unit["nama"])
        write_submission(path, unit, instansi)
        empties = sum(1 for x in unit["sub_program"] if x["realisasi"] is None)
        out.append((path.name, len(unit["sub_program"]), empties))
    return out


def writer_state() -> str:
    """Hash of lakip_xl's template writers (write_renstra, template headers) the generator uses."""
    import hashlib

    digest = hashlib.sha256()
    for f in sorted((src() / "lakip_xl" / "templates").glob("*.py")):
        digest.update(f.name.encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def dataset(n: int, jobs: int, log: Any = print, regenerate: bool = False) -> dict[str, Any]:
    """The cached dataset of size n (generated on first use); returns its manifest.

    The cache key is (n, GENERATOR_VERSION, SEED), not lakip_xl's version, so that two versions of the tool
    can be compared on the same files. The manifest records the template writers' hash; when lakip_xl's
    writers changed since, ``stale`` is set (``--regenerate`` rewrites the data).
    """
    key = f"n{n}-g{GENERATOR_VERSION}-s{SEED}"
    folder = WORK / key
    manifest_path = folder / "manifest.json"
    if manifest_path.exists() and regenerate:
        shutil.rmtree(folder)
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        manifest["cached"] = True
        manifest["stale"] = manifest.get("writer_state") != writer_state()
        return manifest
    from lakip_xl.templates.renstra import write_renstra

    if folder.exists():
        shutil.rmtree(folder)
    tmp = WORK / f".{key}.tmp"
    if tmp.exists():
        shutil.rmtree(tmp)
    inp = tmp / "input"
    inp.mkdir(parents=True)
    t0 = time.perf_counter()
    units = [unit_data(u) for u in range(n)]
    data = renstra_data(units)
    instansi = data["instansi"]["Nama Instansi"]
    t_data = time.perf_counter() - t0

    t = time.perf_counter()
    chunks = [list(range(i, min(i + 25, n))) for i in range(0, n, 25)]
    written: list[tuple[str, int, int]] = []
    jobs = max(1, min(jobs, len(chunks)))
    if jobs > 1:
        import multiprocessing as mp

        with mp.get_context("fork" if sys.platform != "win32" else "spawn").Pool(jobs) as pool:
            for part in pool.imap_unordered(_write_units, [(c, str(inp), instansi) for c in chunks]):
                written += part
    else:
        for c in chunks:
            written += _write_units((c, str(inp), instansi))
    t_subs = time.perf_counter() - t

    t = time.perf_counter()
    write_renstra(inp / "renstra.xlsx", data)
    t_renstra = time.perf_counter() - t
    del units

    manifest = {
        "n": n, "key": key, "generator_version": GENERATOR_VERSION, "seed": SEED, "tahun": TAHUN,
        "writer_state": writer_state(),
        "units": n, "iku": len(data["iku"]), "sasaran": len({r["kode_sasaran"] for r in data["iku"]}),
        "program_rows": len(data["program"]),
        "sub_kegiatan_rows": sum(1 for r in data["program"] if r["kode"].count(".") == 5),
        "submissions": len(written),
        "files_with_empty_realisasi": sum(1 for _, _, e in written if e),
        "empty_realisasi_cells": sum(e for _, _, e in written),
        "renstra_bytes": (inp / "renstra.xlsx").stat().st_size,
        "submission_bytes": sum((inp / f).stat().st_size for f, _, _ in written),
        "generation_seconds": {"data": round(t_data, 2), "submissions": round(t_subs, 2),
                               "renstra": round(t_renstra, 2), "jobs": jobs},
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2))
    tmp.rename(folder)
    manifest["cached"] = False
    manifest["stale"] = False
    log(f"  generated N={n}: {manifest['program_rows']} Renstra program rows, {manifest['iku']} IKU, "
        f"{n} submissions in {t_data + t_subs + t_renstra:.1f} s "
        f"(data {t_data:.1f}, submissions {t_subs:.1f} with {jobs} processes, Renstra {t_renstra:.1f})")
    return manifest


# =========================================================================== #
# Measurements (each in a fresh child process)
# =========================================================================== #


def _input_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".xlsx" and not p.name.startswith(("~$", ".")))


def _settings_for(path: str | None) -> Any:
    from lakip_xl.settings import load_settings

    return load_settings(path)


def child_stages(folder: Path, out: Path | None, settings_path: str | None) -> dict[str, Any]:
    """In-process consolidate(): Run.timings per stage (``out`` None: no workbook written)."""
    t0 = time.perf_counter()
    from lakip_xl.consolidate import consolidate
    from lakip_xl.findings import GALAT, INFO, PERINGATAN

    import lakip_xl

    t_import = time.perf_counter() - t0
    settings = _settings_for(settings_path)
    t = time.perf_counter()
    if out is None:  # a round of the stages before the write only (see STAGE_ROUNDS)
        run = consolidate(folder, folder / "renstra.xlsx", settings=settings, write=False)
    else:
        run = consolidate(folder, folder / "renstra.xlsx", output=out, settings=settings)
    total = time.perf_counter() - t
    return {"import": t_import, "total": total, "timings": run.timings, "lakip_xl_file": lakip_xl.__file__,
            "findings": {"galat": run.count(GALAT), "peringatan": run.count(PERINGATAN), "info": run.count(INFO)},
            "rules": _rule_counts(run.findings),
            "read": sum(1 for x in run.loaded if x.submission is not None), "files": len(run.files)}


def _rule_counts(findings: list) -> dict[str, int]:
    out: dict[str, int] = {}
    for f in findings:
        out[f.rule] = out.get(f.rule, 0) + 1
    return dict(sorted(out.items(), key=lambda x: -x[1]))


def _output_cells(path: Path) -> list[tuple[str, list[tuple[int, int, Any]]]]:
    """Non-empty cells of every sheet of a workbook, read with python-calamine."""
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    out = []
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        cells = [(r, c, v) for r, row in enumerate(rows) for c, v in enumerate(row) if v != "" and v is not None]
        out.append((name, cells))
    return out


def _plain(v: Any) -> Any:
    if isinstance(v, bool) or isinstance(v, (int, float, str)):
        return v
    return str(v)


def child_floor(folder: Path, output: Path, scratch: Path) -> dict[str, Any]:
    """The floor: raw calamine read of every input + plain XlsxWriter write of the output's cells."""
    t0 = time.perf_counter()
    from python_calamine import CalamineWorkbook
    import xlsxwriter

    t_import = time.perf_counter() - t0
    files = _input_files(folder)
    t = time.perf_counter()
    n_cells = 0
    for p in files:
        wb = CalamineWorkbook.from_path(str(p))
        for name in wb.sheet_names:
            n_cells += len(wb.get_sheet_by_name(name).to_python())
        wb.close()
    t_read = time.perf_counter() - t
    sheets = _output_cells(output)
    cells = sum(len(c) for _, c in sheets)
    sheets = [(n, [(r, c, _plain(v)) for r, c, v in cs]) for n, cs in sheets]
    target = scratch / "floor.xlsx"
    t = time.perf_counter()
    wb = xlsxwriter.Workbook(str(target))
    for name, cs in sheets:
        ws = wb.add_worksheet(name)
        wn, wsr = ws.write_number, ws.write_string
        for r, c, v in cs:
            if isinstance(v, str):
                wsr(r, c, v)
            else:
                wn(r, c, v)
    wb.close()
    t_write = time.perf_counter() - t
    return {"import": t_import, "read": t_read, "write": t_write, "total": t_read + t_write,
            "files": len(files), "output_cells": cells, "output_sheets": len(sheets)}


def child_baseline(folder: Path, output: Path, scratch: Path) -> dict[str, Any]:
    """The naive baseline: pandas.read_excel(openpyxl) per file + openpyxl write of the output's cells."""
    import warnings

    warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    import openpyxl
    import pandas as pd

    t_import = time.perf_counter() - t0
    files = _input_files(folder)
    t = time.perf_counter()
    frames = 0
    for p in files:
        frames += len(pd.read_excel(p, sheet_name=None, engine="openpyxl"))
    t_read = time.perf_counter() - t
    sheets = [(n, [(r, c, _plain(v)) for r, c, v in cs]) for n, cs in _output_cells(output)]
    cells = sum(len(c) for _, c in sheets)
    target = scratch / "baseline.xlsx"
    t = time.perf_counter()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, cs in sheets:
        ws = wb.create_sheet(name)
        for r, c, v in cs:
            ws.cell(row=r + 1, column=c + 1, value=v)
    wb.save(target)
    t_write = time.perf_counter() - t
    return {"import": t_import, "read": t_read, "write": t_write, "total": t_read + t_write,
            "files": len(files), "output_cells": cells, "frames": frames}


def child_machine(sizes: list[int]) -> dict[str, Any]:
    """What this machine charges per item for the passes the stages make, with no lakip code: a look-up of
    every code of a table of codes shaped as the generated Renstra's (~190 per unit) in the order they were
    put in, and a pass reading one attribute of as many row objects. A table larger than the processor's
    cache costs more per look-up: the per-unit growth a stage shows is partly this."""
    import gc

    gc.disable()
    out: dict[str, Any] = {}
    for n in sizes:
        count = n * 190
        codes = [f"{u // 100 + 1}.{u % 100 + 1:02d}.{p:02d}.2.{k:02d}.{q:04d}" for u in range(n)
                 for p in range(1, PROGRAMS_PER_UNIT + 1) for k in range(1, KEGIATAN_PER_PROGRAM + 1)
                 for q in range(1, SUB_PER_KEGIATAN[1] + 1)][:count]  # (192 a unit, all different)
        table = {c: [c] for c in codes}
        rows = [_Row(c, Decimal(i)) for i, c in enumerate(codes)]
        look = table.get
        lookup = read = float("inf")
        for _ in range(5):
            t = time.perf_counter()
            for c in codes:
                look(c)
            lookup = min(lookup, time.perf_counter() - t)
            t = time.perf_counter()
            for r in rows:
                r.value
            read = min(read, time.perf_counter() - t)
        out[str(n)] = {"items": len(codes), "lookup_ns": lookup / len(codes) * 1e9, "row_ns": read / len(rows) * 1e9}
        del codes, table, rows
    return out


class _Row:
    __slots__ = ("kode", "value")

    def __init__(self, kode: str, value: Decimal) -> None:
        self.kode, self.value = kode, value


def child_profile(folder: Path, out: Path, prof: Path, settings_path: str | None, top: int) -> dict[str, Any]:
    import cProfile
    import io
    import pstats

    import lakip_xl.consolidate as lc
    from lakip_xl.consolidate import consolidate

    import lakip_xl.parallel as lp

    for module in (lc, lp):  # read in this process: cProfile does not see worker processes
        if hasattr(module, "PARALLEL_FROM"):
            module.PARALLEL_FROM = 1 << 30
    settings = _settings_for(settings_path)
    pr = cProfile.Profile()
    pr.enable()
    consolidate(folder, folder / "renstra.xlsx", output=out, settings=settings)
    pr.disable()
    pr.dump_stats(str(prof))
    st = pstats.Stats(pr)
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": f"{_short(file)}:{line}({func})", "ncalls": nc, "tottime": tt, "cumtime": ct})
    by_cum = sorted(rows, key=lambda x: -x["cumtime"])
    by_tot = sorted(rows, key=lambda x: -x["tottime"])
    buf = io.StringIO()
    pstats.Stats(str(prof), stream=buf).sort_stats("cumulative").print_stats(40)
    return {"top_cumulative": by_cum[:top * 3], "top_tottime": by_tot[:top], "total": st.total_tt,  # type: ignore[attr-defined]
            "pstats_text": buf.getvalue()}


def _short(file: str) -> str:
    for marker in ("/lakip_xl/", "/site-packages/", "/lib/python"):
        if marker in file:
            return file[file.index(marker) + 1:]
    return file


def run_child(kind: str, *argv: str, env: dict[str, str] | None = None,
              tree: bool = True) -> tuple[dict[str, Any], float, float]:
    """Run ``bench.py --child kind ...``; returns (its JSON + cpu_seconds, wall seconds, peak RSS MB).
    ``tree``: sample the PSS of its worker processes too (see :func:`_spawn`)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, *argv]
    res, wall, rss, rc, err, extra = _spawn(cmd, capture=True, env=env, cwd=src(), tree=tree)
    if rc != 0:
        raise RuntimeError(f"child {kind} failed (exit {rc}):\n{err[-4000:]}")
    data = json.loads(res)
    data.update(extra)
    data["peak_rss_mb"] = rss
    if err.strip():
        print(err.rstrip(), file=sys.stderr)
    return data, wall, rss


def _spawn(cmd: list[str], capture: bool = False, env: dict[str, str] | None = None,
           cwd: Path | None = None, tree: bool = True) -> tuple[str, float, float, int, str, dict[str, float]]:
    """(stdout, wall seconds, peak RSS MB of the process, exit code, stderr, extra).

    Peak RSS is the child's own high-water mark (``VmHWM`` of ``/proc/<pid>/status``, polled every 20 ms;
    psutil's RSS where there is no /proc). ``extra`` holds:

    - ``tree_peak_mb``: the larger of that and the peak, over samples every ~100 ms while the process has
      descendants (the tool reads files in worker processes), of the memory of the process and all its
      descendants, as PSS (shared pages split between the processes that share them, so forked workers are
      not counted twice; RSS where PSS is unavailable);
    - ``workers_peak_mb``: the peak of the worker processes' PSS added up (0 when it had none);
    - ``cpu_seconds``: user + system CPU of the process and its waited-for children (workers);
    - ``ru_maxrss_mb`` from ``wait4``, for reference only: on Linux it starts from the parent's RSS at
      fork time, so it overstates small children.

    ``tree=False``: no PSS samples (``tree_peak_mb`` is then the main process's RSS peak, ``workers_peak_mb``
    0). Reading ``smaps_rollup`` walks a process's whole memory map, about 5 ms for 650 MB, three reads
    per sample, every 100 ms, and holds the process's memory-map lock meanwhile: at N = 1,000 that is a
    tenth of a core taken from a run on two, growing with N, so the timed stage rounds are not sampled.
    """
    import tempfile
    import threading

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        peak = [0.0, 0.0, 0.0]  # main RSS high-water, main + workers PSS, workers PSS
        done = threading.Event()
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out if capture else subprocess.DEVNULL, stderr=err,
                             env=env, cwd=cwd)

        def poll() -> None:
            # VmHWM is a high-water mark, so a slow poll loses only the growth of the last interval;
            # the process tree's PSS (costly to read) is sampled only while worker processes exist.
            import psutil

            status = Path(f"/proc/{p.pid}/status")
            try:
                proc = psutil.Process(p.pid)
            except psutil.Error:
                return
            k = 0
            while not done.is_set():
                try:
                    if status.exists():
                        for line in status.read_text().splitlines():
                            if line.startswith("VmHWM:"):
                                peak[0] = max(peak[0], int(line.split()[1]) / 1024)
                                break
                    else:
                        peak[0] = max(peak[0], proc.memory_info().rss / 1024 / 1024)
                    if tree and k % 5 == 0:
                        kids = proc.children(recursive=True)
                        if kids:
                            # A worker that ends between the reads hands its shared pages back to this
                            # process, whose PSS then counts them in full while the worker's (read just
                            # before) counted them too: at N = 1,000 a sample taken as the write's helper
                            # exits read 1,529 MB for 1,386 MB. This process is read before and after the
                            # workers; the smaller read is its share while they were read.
                            before = _pss_mb(proc)
                            workers = sum(_pss_mb(x) for x in kids)
                            peak[1] = max(peak[1], min(before, _pss_mb(proc)) + workers)
                            peak[2] = max(peak[2], workers)
                except Exception:  # a process ended between two reads
                    pass
                k += 1
                done.wait(0.02)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        _pid, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        done.set()
        poller.join()
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = out.read().decode("utf-8", "replace")
        etext = err.read().decode("utf-8", "replace")
    maxrss = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 1024 / 1024
    extra = {"cpu_seconds": usage.ru_utime + usage.ru_stime, "ru_maxrss_mb": maxrss,
             "tree_peak_mb": max(peak[1], peak[0]), "workers_peak_mb": peak[2]}
    return text, wall, peak[0], p.returncode, etext, extra


def _pss_mb(proc: Any) -> float:
    """Proportional set size of a process in MB (``/proc/<pid>/smaps_rollup``), else its RSS."""
    try:
        for line in Path(f"/proc/{proc.pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return proc.memory_info().rss / 1024 / 1024


# =========================================================================== #
# Driver
# =========================================================================== #


def settings_file(n: int, manifest: dict[str, Any], folder: Path) -> tuple[str | None, dict[str, int]]:
    """A --pengaturan TOML raising the tool's limits, only when this size's data exceeds the defaults."""
    raised: dict[str, int] = {}
    if manifest["program_rows"] + 10 > DEFAULT_MAX_ROWS:
        raised["baris"] = 1_048_576  # the most the tool accepts: an Excel sheet's rows
    if manifest["program_rows"] * 20 > 16_000_000:  # the Renstra's Program sheet spans ~19 columns
        raised["sel"] = 64_000_000
    if manifest["renstra_bytes"] > DEFAULT_MAX_FILE_BYTES * 0.9:
        raised["ukuran_berkas"] = 1024 * 1024 * 1024
    if manifest["renstra_bytes"] * 12 > DEFAULT_MAX_UNZIPPED_BYTES:
        raised["ukuran_terurai"] = 8 * 1024 * 1024 * 1024
    if not raised:
        return None, raised
    path = folder / "pengaturan-bench.toml"
    path.write_text("[batas]\n" + "".join(f"{k} = {v}\n" for k, v in raised.items()))
    return str(path), raised


_REGENERATED: set[int] = set()


def get_dataset(n: int, jobs: int, log: Any, regenerate: bool = False) -> dict[str, Any]:
    """The dataset's manifest, generated in a child process so this driver stays small."""
    again = regenerate and n not in _REGENERATED
    manifest, _wall, _rss = run_child("generate", str(n), str(jobs), "1" if again else "0")
    _REGENERATED.add(n)
    if manifest.get("stale"):
        log(f"  N={n}: NOTE: the cached data was written by another version of lakip_xl's template writers "
            f"(lakip_xl/templates/); rerun with --regenerate to rewrite it")
    return manifest


def measure_all(sizes: list[int], args: argparse.Namespace, log: Any) -> list[dict[str, Any]]:
    """Every size's measurements, the sizes interleaved round by round (N = 100, 300, 1,000, then again):
    a shared machine's speed drifts by tens of percent within minutes, and the per-unit comparison between
    sizes is only fair when each size's rounds see the same machine."""
    states = [_prepare(n, args, log) for n in sizes]
    for i in range(max((max(st["repeat"], st["stage_rounds"]) for st in states), default=0)):
        for st in states:
            if st["failed"]:
                continue
            if i == 0:
                log(f"N={st['res']['n']} …")
            if i < st["repeat"]:
                _round(st, i, args, log)
            elif i < st["stage_rounds"] and "stages" not in args.skip:
                _prewrite_round(st, i, log)
    return [_finish(st) for st in states]


def _prepare(n: int, args: argparse.Namespace, log: Any) -> dict[str, Any]:
    manifest = get_dataset(n, args.jobs, log, args.regenerate)
    folder = WORK / manifest["key"]
    inp = folder / "input"
    out_dir = folder / "out"
    out_dir.mkdir(exist_ok=True)
    settings_path, raised = settings_file(n, manifest, folder)
    if raised:
        log(f"  N={n}: data exceeds the tool's default limits; passing --pengaturan with [batas] {raised}")
    files = len(_input_files(inp))
    repeat = args.repeat or default_repeat(n)
    stage_rounds = max(repeat, args.stage_rounds if args.stage_rounds is not None else default_stage_rounds(n))
    res: dict[str, Any] = {"n": n, "files": files, "manifest": manifest, "settings_raised": raised,
                           "repeat": repeat, "stage_rounds": stage_rounds}
    cmd = [sys.executable, "-m", "lakip_xl", "consolidate", str(inp), "-o", str(out_dir / "LAKIP.xlsx"), "-q"]
    if settings_path:
        cmd += ["--pengaturan", settings_path]
    return {"res": res, "inp": inp, "out_dir": out_dir, "settings_path": settings_path, "cmd": cmd,
            "repeat": repeat, "stage_rounds": stage_rounds, "failed": False, "runs": [], "stage_runs": [],
            "prewrite_runs": [], "floors": [], "bases": []}


def _round(st: dict[str, Any], i: int, args: argparse.Namespace, log: Any) -> None:
    """One round of one size: CLI end to end, stages in-process, floor, baseline (the same machine for each)."""
    res, inp, out_dir = st["res"], st["inp"], st["out_dir"]
    n, repeat, skip = res["n"], st["repeat"], args.skip
    output = out_dir / "LAKIP.xlsx"
    inproc_output = out_dir / "LAKIP-inproc.xlsx"
    tag = f"  N={n} round {i + 1}/{repeat}:"
    if "cli" not in skip:
        stdout, wall, rss, rc, err, extra = _spawn(st["cmd"], capture=True, cwd=src())
        st["runs"].append({"seconds": wall, "peak_rss_mb": rss, "exit": rc, **extra})
        res["cli_stdout"] = stdout[-2000:]
        log(f"{tag} consolidate (CLI) {wall:.2f} s (CPU {extra['cpu_seconds']:.2f} s), "
            f"peak RSS {rss:.0f} MB, exit {rc}")
        if rc not in (0, 1) or not output.exists():
            log(f"    FAILED:\n{(stdout + err)[-3000:]}")
            res["e2e_error"] = (stdout + err)[-3000:]
            st["failed"] = True
            return
    if "stages" not in skip:
        got = _in_process(st, inproc_output, log)
        if got is None:
            return
        stages, wall, rss = got
        stages["peak_rss_mb"] = rss
        stages["process_seconds"] = wall
        st["stage_runs"].append(stages)
        log(f"{tag} in-process {stages['total']:.2f} s: {fmt_timings(stages['timings'])}; peak RSS {rss:.0f} MB")
    reference = output if output.exists() else inproc_output
    if "floor" not in skip and reference.exists():
        fl, wall, rss = run_child("floor", str(inp), str(reference), str(out_dir))
        fl["peak_rss_mb"] = rss
        st["floors"].append(fl)
        log(f"{tag} floor read {fl['read']:.2f} s + write {fl['write']:.2f} s ({fl['output_cells']} cells)")
    if "baseline" not in skip and reference.exists():
        bl, wall, rss = run_child("baseline", str(inp), str(reference), str(out_dir))
        bl["peak_rss_mb"] = rss
        st["bases"].append(bl)
        log(f"{tag} baseline read {bl['read']:.2f} s + write {bl['write']:.2f} s")


def _in_process(st: dict[str, Any], output: Path | None, log: Any) -> tuple[dict[str, Any], float, float] | None:
    """``consolidate()`` in a child process writing ``output`` (``None``: no workbook): its JSON, wall seconds
    and peak RSS; ``None`` when it failed (the size is then marked failed). Not PSS-sampled: the samples
    would slow the larger runs more (see :func:`_spawn`)."""
    try:
        return run_child("stages", str(st["inp"]), str(output) if output else "", st["settings_path"] or "",
                         tree=False)
    except RuntimeError as exc:
        log(f"    in-process{'' if output else ' (no write)'} FAILED: {exc}")
        st["res"]["stages_error"] = str(exc)[-3000:]
        st["failed"] = True
        return None


def _prewrite_round(st: dict[str, Any], i: int, log: Any) -> None:
    """One more in-process round of one size with no workbook written: a sample of every stage before the
    write for the per-unit medians (:func:`stage_medians`), at a third of a full round's cost."""
    res = st["res"]
    got = _in_process(st, None, log)
    if got is None:
        return
    stages = got[0]
    st["prewrite_runs"].append({"total": stages["total"], "timings": stages["timings"],
                                "cpu_seconds": stages["cpu_seconds"]})
    log(f"  N={res['n']} round {i + 1}/{st['stage_rounds']}: in-process, no write, {stages['total']:.2f} s: "
        f"{fmt_timings(stages['timings'])}")


def stage_medians(runs: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Per stage timing: the median, lowest and highest over the in-process rounds that timed it.

    The per-unit comparison between sizes uses the median. On this shared machine a stage of a few tens of
    milliseconds (model at N = 100) varies by ±15 % from round to round, and the best round of the total
    (the write's) is a random pick for such a stage. A stage's own lowest time is no fairer: the short stage
    at N = 100 catches a quiet moment of the machine far more often than the same stage, ten times longer,
    at N = 1,000, so minima favour the small size. Medians of interleaved rounds see the same machine."""
    import statistics

    out: dict[str, dict[str, float]] = {}
    for key in {k for r in runs for k in r["timings"]}:
        got = [r["timings"][key] for r in runs if key in r["timings"]]
        out[key] = {"median": statistics.median(got), "min": min(got), "max": max(got), "rounds": len(got)}
    return out


def _finish(st: dict[str, Any]) -> dict[str, Any]:
    res, runs, stage_runs = st["res"], st["runs"], st["stage_runs"]
    if runs:
        res["e2e_runs"] = runs
        res["e2e"] = min(runs, key=lambda x: x["seconds"])
        output = st["out_dir"] / "LAKIP.xlsx"
        if output.exists():
            res["output_bytes"] = output.stat().st_size
    if stage_runs:
        res["stages"] = min(stage_runs, key=lambda x: x["total"])
        res["stages_runs"] = [{"total": x["total"], "timings": x["timings"], "cpu_seconds": x["cpu_seconds"]}
                              for x in stage_runs]
        res["prewrite_runs"] = st["prewrite_runs"]
        res["stage_medians"] = stage_medians(res["stages_runs"] + st["prewrite_runs"])
    for key, got in (("floor", st["floors"]), ("baseline", st["bases"])):
        if got:
            res[key] = min(got, key=lambda x: x["total"])
            res[key + "_runs"] = [{"read": x["read"], "write": x["write"]} for x in got]
    return res


def default_repeat(n: int) -> int:
    """Rounds at size ``n`` without ``--repeat``: the best of 5 up to N = 100, of 2 up to N = 1,000, then 1.

    On a shared 2-core machine one round of the same command varies by ±20 % (N = 300 on one morning:
    15.2, 11.1, 12.3, 11.6, 11.2 s back to back), more than the targets' margin; the best of two
    interleaved rounds keeps most of that out of the ratio for about 4 more minutes at N = 1,000. At
    N = 100 a round takes about 10 s, and the end to end ratio there has the least margin (1.35-1.47x
    the floor in six runs of 2026-12-07 with the best of 3): 5 rounds of the CLI and of the floor alike.
    """
    return 5 if n <= 100 else 2 if n <= 1000 else 1


#: in-process rounds per size up to N = 1,000 for the per-unit stage medians (:func:`stage_medians`): the
#: full rounds (:func:`default_repeat`) plus as many rounds without the write as make up this number
STAGE_ROUNDS = 5


def default_stage_rounds(n: int) -> int:
    return STAGE_ROUNDS if n <= 1000 else 1


def fmt_timings(t: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in t.items())


def startup() -> dict[str, Any]:
    out = {}
    for label, cmd in (("python -c pass", [sys.executable, "-c", "pass"]),
                       ("python -m lakip_xl --help", [sys.executable, "-m", "lakip_xl", "--help"])):
        times, rss, cpu = [], [], []
        for _ in range(5):
            _o, wall, r, rc, err, _x = _spawn(cmd, cwd=src())
            if rc != 0:
                raise RuntimeError(f"{label} failed: {err}")
            times.append(wall)
            rss.append(r)
            cpu.append(_x["cpu_seconds"])
        out[label] = {"seconds": min(times), "all": times, "peak_rss_mb": max(rss), "cpu_seconds": min(cpu)}
    return out


# --------------------------------------------------------------------------- #
# Report
# --------------------------------------------------------------------------- #

STAGES = ["renstra", "read+parse", "model", "validate", "compute", "write"]
#: a stage's per-unit time is compared by this timing where the run has it: validate's rules run beside
#: compute in a copy of the process in a mid-sized run and in turn in a large one, so its wall time is not
#: the same work at both sizes; "validate work" (reconciling plus the rules' own time, wherever they ran) is
#: the same work at every size
STAGE_WORK = {"validate": "validate work"}
SHOWN = [*STAGES[:4], "validate work", *STAGES[4:]]  # the columns of the stage table


def unit_key(timings: Mapping[str, Any], stage: str) -> str:
    """The name of ``stage``'s timing that per-unit comparisons use: its :data:`STAGE_WORK` where timed."""
    work = STAGE_WORK.get(stage, stage)
    return work if work in timings else stage


def unit_timing(timings: dict[str, float], stage: str) -> float | None:
    """The timing of ``stage`` that per-unit comparisons use (:func:`unit_key`), ``None``: not timed."""
    return timings.get(unit_key(timings, stage))


def median_timings(r: dict[str, Any]) -> dict[str, float]:
    """A size's per-stage medians (:func:`stage_medians`), as ``Run.timings``; a results file from before
    2026-12-07 has none: its best round's timings then."""
    medians = r.get("stage_medians")
    if not medians:
        return r["stages"]["timings"]
    return {k: v["median"] for k, v in medians.items()}


def table_lines(results: list[dict[str, Any]], start: dict[str, Any]) -> list[str]:
    head = (f"{'N':>5}  {'measurement':<46} {'files':>6} {'seconds':>9} {'files/s':>9} "
            f"{'x floor':>8} {'x baseline':>10} {'peak RSS MB':>12} {'workers MB':>10} {'tree MB':>8} {'CPU s':>8}")
    lines = [head, "-" * len(head)]
    for label, s in start.items():
        lines.append(f"{'-':>5}  {label + ' (best of 5)':<46} {'-':>6} {s['seconds']:>9.3f} {'-':>9} "
                     f"{'-':>8} {'-':>10} {s['peak_rss_mb']:>12.0f} {'-':>10} {'-':>8} {s['cpu_seconds']:>8.3f}")
    for r in results:
        lines += _result_lines(r)
    return lines


def _result_lines(r: dict[str, Any]) -> list[str]:
    n, files = r["n"], r["files"]
    floor = r.get("floor", {}).get("total")
    base = r.get("baseline", {}).get("total")

    def line(label: str, secs: float | None, m: dict[str, Any] | None = None, cpu: bool = True) -> str:
        if secs is None or m is None:
            return f"{n:>5}  {label:<46} {files:>6} {'FAILED':>9}"
        xf = f"{secs / floor:.1f}" if floor else "-"
        xb = f"{secs / base:.2f}" if base else "-"
        rss, tree, c = m.get("peak_rss_mb"), m.get("tree_peak_mb"), m.get("cpu_seconds") if cpu else None
        workers = m.get("workers_peak_mb")
        return (f"{n:>5}  {label:<46} {files:>6} {secs:>9.2f} {files / secs:>9.1f} {xf:>8} {xb:>10} "
                f"{(f'{rss:.0f}' if rss else '-'):>12} {(f'{workers:.0f}' if workers else '-'):>10} "
                f"{(f'{tree:.0f}' if tree else '-'):>8} "
                f"{(f'{c:.2f}' if c else '-'):>8}")

    out = []
    if "e2e_error" in r:
        out.append(line("lakip consolidate (CLI subprocess, end to end)", None))
    elif "e2e" in r:
        out.append(line("lakip consolidate (CLI subprocess, end to end)", r["e2e"]["seconds"], r["e2e"]))
    if "stages_error" in r:
        out.append(line("consolidate() in-process (stages total)", None))
    elif "stages" in r:
        out.append(line("consolidate() in-process (stages total)", r["stages"]["total"], r["stages"]))
    if floor:
        out.append(line("floor: calamine read + plain XlsxWriter write", floor, r["floor"], cpu=False))
    if base:
        out.append(line("baseline: pandas/openpyxl read + openpyxl write", base, r["baseline"], cpu=False))
    return out


def stage_lines(results: list[dict[str, Any]]) -> list[str]:
    head = (f"{'N':>5} " + " ".join(f"{s:>13}" for s in SHOWN) + f" {'total':>9}   "
            f"{'read+parse ms/file':>18} {'floor read':>10} {'floor write':>11} {'out cells':>10} "
            f"{'base read':>10} {'base write':>10}")
    lines = [head, "-" * len(head)]
    for r in results:
        if "stages" not in r:
            continue
        t = r["stages"]["timings"]
        fl, bl = r.get("floor", {}), r.get("baseline", {})
        lines.append(
            f"{r['n']:>5} " + " ".join(f"{t.get(s, float('nan')):>13.3f}" for s in SHOWN)
            + f" {r['stages']['total']:>9.2f}   {1000 * t['read+parse'] / max(r['n'], 1):>18.1f} "
            f"{fl.get('read', float('nan')):>10.2f} {fl.get('write', float('nan')):>11.2f} "
            f"{fl.get('output_cells', 0):>10} {bl.get('read', float('nan')):>10.2f} "
            f"{bl.get('write', float('nan')):>10.2f}")
    return lines


def median_lines(results: list[dict[str, Any]]) -> list[str]:
    """Each stage's time per file at each size: the median of the in-process rounds (lowest–highest)."""
    ok = [r for r in results if r.get("stage_medians")]
    if not ok:
        return []
    lines = ["", "Stages per file, ms: median of the in-process rounds (lowest-highest); "
                 "what linearity and the per-unit target compare:", ""]
    for r in ok:
        m = r["stage_medians"]
        parts = []
        for s in STAGES:
            key = unit_key(m, s)
            if key in m:
                v = m[key]
                f = 1000 / r["files"]
                parts.append(f"{key} {v['median'] * f:.2f} ({v['min'] * f:.2f}-{v['max'] * f:.2f}, {v['rounds']})")
        lines.append(f"  N={r['n']}: " + ", ".join(parts))
    return lines


def linearity_lines(results: list[dict[str, Any]]) -> list[str]:
    """Per-file time at the larger N / per-file time at the smaller N (1.00 = linear; 2.00 = each file costs
    twice as much), for consecutive sizes and for N=1000 vs N=100 when both ran; each stage by its medians
    (:func:`median_timings`), the end to end and in-process totals, floor and baseline by their best rounds."""
    ok = sorted((r for r in results if "stages" in r), key=lambda r: r["n"])
    pairs = {(ok[i]["n"], ok[i + 1]["n"]) for i in range(len(ok) - 1)}
    if {100, 1000} <= {r["n"] for r in ok}:
        pairs.add((100, 1000))
    by_n = {r["n"]: r for r in ok}
    lines = []
    for a, b in sorted(pairs):
        ra, rb = by_n[a], by_n[b]

        def ratio(x: float, y: float) -> float:
            return (y / rb["files"]) / (x / ra["files"]) if x > 0 else float("nan")

        parts = [f"end to end {ratio(ra['e2e']['seconds'], rb['e2e']['seconds']):.2f}"] \
            if "e2e" in ra and "e2e" in rb else []
        parts.append(f"in-process {ratio(ra['stages']['total'], rb['stages']['total']):.2f}")
        ta, tb = median_timings(ra), median_timings(rb)
        parts += [f"{s} {ratio(unit_timing(ta, s), unit_timing(tb, s)):.2f}" for s in STAGES
                  if s in ta and s in tb]  # (a commit before a stage existed)
        for kind in ("floor", "baseline"):
            if kind in ra and kind in rb:
                parts.append(f"{kind} {ratio(ra[kind]['total'], rb[kind]['total']):.2f}")
        lines.append(f"  N={b} vs N={a}: " + ", ".join(parts))
    return lines


def machine_lines(machine: dict[str, Any] | None) -> list[str]:
    """:func:`child_machine`'s figures: what a pass over N units' codes costs per item on this machine."""
    if not machine:
        return []
    sizes = sorted(machine, key=int)
    small = machine[sizes[0]]
    lines = ["", "This machine without lakip code (per item; x: per-item cost against the smallest N):"]
    for n in sizes:
        m = machine[n]
        lines.append(f"  N={n}: {m['items']} codes: dict look-up {m['lookup_ns']:.0f} ns "
                     f"({m['lookup_ns'] / small['lookup_ns']:.2f}x), reading one slot of a row "
                     f"{m['row_ns']:.0f} ns ({m['row_ns'] / small['row_ns']:.2f}x)")
    return lines


#: the targets of issue 16, checked on every run (a line each, ok / NOT MET / not measured)
MAX_FLOOR_RATIO, MAX_PER_UNIT_GROWTH, MAX_TREE_MB, MAX_SAMPLE_S, MAX_HELP_S = 1.5, 1.15, 1024, 1.5, 0.3


def criteria_lines(results: list[dict[str, Any]], start: dict[str, Any]) -> list[str]:
    """Each target of the performance issue against this run's figures."""
    def verdict(ok: bool | None) -> str:
        return "not measured" if ok is None else ("ok" if ok else "NOT MET")

    by_n = {r["n"]: r for r in results}
    lines = ["Targets:"]
    for n in (100, 300, 1000):
        r = by_n.get(n, {})
        e2e, floor = r.get("e2e", {}).get("seconds"), r.get("floor", {}).get("total")
        ratio = e2e / floor if e2e and floor else None
        lines.append(f"  N={n}: end to end within {MAX_FLOOR_RATIO}x the floor: "
                     + (f"{ratio:.2f}x, {verdict(ratio <= MAX_FLOOR_RATIO)}" if ratio else verdict(None)))
    a, b = by_n.get(100), by_n.get(1000)
    ta, tb = (median_timings(a), median_timings(b)) if a and b and "stages" in a and "stages" in b else ({}, {})
    timed = [s for s in STAGES if s in ta and s in tb]
    if timed:
        def growth_of(s: str) -> float:
            return (unit_timing(tb, s) / b["files"]) / max(unit_timing(ta, s) / a["files"], 1e-9)

        worst = max(timed, key=growth_of)
        growth = growth_of(worst)
        lines.append(f"  per-unit time of every stage at N=1000 within {MAX_PER_UNIT_GROWTH}x of N=100 (medians): "
                     f"worst {worst} {growth:.2f}x, {verdict(growth <= MAX_PER_UNIT_GROWTH)}")
    else:
        lines.append(f"  per-unit time of every stage at N=1000 within {MAX_PER_UNIT_GROWTH}x of N=100: "
                     + verdict(None))
    tree = (b or {}).get("e2e", {}).get("tree_peak_mb")
    lines.append(f"  peak memory (main + workers) at N=1000 under {MAX_TREE_MB} MB: "
                 + (f"{tree:.0f} MB, {verdict(tree < MAX_TREE_MB)}" if tree else verdict(None)))
    helptime = start.get("python -m lakip_xl --help", {}).get("seconds")
    lines.append(f"  lakip --help under {MAX_HELP_S} s: "
                 + (f"{helptime:.2f} s, {verdict(helptime < MAX_HELP_S)}" if helptime else verdict(None)))
    return lines + [""]


def environment() -> dict[str, Any]:
    from importlib import metadata

    versions = {}
    for pkg in ("python-calamine", "XlsxWriter", "openpyxl", "pandas", "psutil"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    snapshot = os.environ.get("LAKIP_BENCH_REF")
    try:
        if snapshot:
            commit, dirty = snapshot, False
        else:
            commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                    text=True).stdout.strip()
            dirty = bool(subprocess.run(["git", "status", "--porcelain", "lakip_xl"], cwd=ROOT,
                                        capture_output=True, text=True).stdout.strip())
    except OSError:
        commit, dirty = None, None
    import hashlib

    digest = hashlib.sha256()
    for f in sorted((src() / "lakip_xl").rglob("*.py")):
        digest.update(str(f.relative_to(src())).encode())
        digest.update(f.read_bytes())
    # what a child process (the CLI runs with the same cwd and environment) really imports
    where = subprocess.run([sys.executable, "-c", "import lakip_xl; print(lakip_xl.__file__, lakip_xl.__version__)"],
                           cwd=src(), capture_output=True, text=True).stdout.split()
    return {"python": sys.version.split()[0], "dont_write_bytecode": bool(os.environ.get("PYTHONDONTWRITEBYTECODE")),
            "platform": platform.platform(), "machine": platform.machine(), "cpus": os.cpu_count(),
            "lakip_xl": where[1] if len(where) > 1 else None, "lakip_xl_imported_from": where[0] if where else None,
            "git_commit": commit, "snapshot": bool(snapshot), "lakip_xl_dirty": dirty,
            "lakip_xl_state": digest.hexdigest()[:16], "packages": versions}


def use_ref(rev: str) -> str:
    """Export ``lakip_xl/`` of commit ``rev`` to WORK/src-<sha> and make every child import it from there."""
    sha = subprocess.run(["git", "rev-parse", "--verify", f"{rev}^{{commit}}"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.strip()
    dest = WORK / f"src-{sha[:12]}"
    if not (dest / "lakip_xl" / "__init__.py").exists():
        tmp = WORK / f".src-{sha[:12]}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", "--format=tar", sha, "lakip_xl"], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive, check=True)
        shutil.rmtree(dest, ignore_errors=True)
        tmp.rename(dest)
    os.environ["LAKIP_BENCH_SRC"] = str(dest)
    os.environ["LAKIP_BENCH_REF"] = sha
    os.environ["PYTHONPATH"] = os.pathsep.join(x for x in (str(dest), os.environ.get("PYTHONPATH")) if x)
    return sha


def compile_sources(log: Any) -> None:
    """Compile lakip_xl's modules to bytecode (``__pycache__``) before anything is timed.

    An installed lakip (``pip install .``, the README's command) has its modules compiled at install, and
    a Python run from a clone writes the cache on its first run; a machine that sets
    ``PYTHONDONTWRITEBYTECODE`` (this one does) would otherwise compile every module again in every timed
    process: 0,09 s a run, which no user pays. A cache already there is read either way.
    """
    import compileall

    if not compileall.compile_dir(str(src() / "lakip_xl"), quiet=1):
        log("  (some lakip_xl modules did not compile to bytecode: they are compiled in each run)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                    help="comma-separated numbers of units (default: 10,100,1000)")
    ap.add_argument("--big", action="store_true", help=f"also N={BIG_SIZE}")
    ap.add_argument("--repeat", type=int, default=0,
                    help="runs per measurement, best kept (default: 5 up to N=100, 2 up to N=1000, else 1)")
    ap.add_argument("--stage-rounds", type=int, default=None, metavar="K",
                    help=f"in-process rounds per size for the per-unit stage medians, the full ones plus rounds "
                         f"without the write (default: {STAGE_ROUNDS} up to N=1000, else 1)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes for data generation")
    ap.add_argument("--no-baseline", action="store_true", help="skip the pandas/openpyxl baseline")
    ap.add_argument("--skip", default="", metavar="LIST",
                    help="comma-separated measurements to skip: cli, stages, floor, baseline")
    ap.add_argument("--profile", type=int, metavar="N", default=0,
                    help="also cProfile the in-process consolidate() at size N and print the top hotspots")
    ap.add_argument("--generate-only", action="store_true", help="only generate (or find cached) datasets")
    ap.add_argument("--regenerate", action="store_true", help="rewrite the cached datasets of these sizes")
    ap.add_argument("--ref", metavar="REV",
                    help="benchmark lakip_xl as committed at REV (e.g. HEAD, a tag), exported with git archive to "
                         "benchmarks/work/src-<sha>/, instead of the working tree")
    ap.add_argument("--json", type=Path, help="results file (default: benchmarks/results-<date>.json)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("child_args", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        a = args.child_args
        if args.child == "stages":
            res = child_stages(Path(a[0]), Path(a[1]) if a[1] else None, a[2] or None)
        elif args.child == "floor":
            res = child_floor(Path(a[0]), Path(a[1]), Path(a[2]))
        elif args.child == "baseline":
            res = child_baseline(Path(a[0]), Path(a[1]), Path(a[2]))
        elif args.child == "generate":
            res = dataset(int(a[0]), int(a[1]), lambda m: print(m, file=sys.stderr, flush=True), a[2] == "1")
        elif args.child == "profile":
            res = child_profile(Path(a[0]), Path(a[1]), Path(a[2]), a[3] or None, int(a[4]))
        elif args.child == "machine":
            res = child_machine([int(x) for x in a])
        else:
            raise SystemExit(f"unknown child {args.child}")
        print(json.dumps(res, default=str))
        return 0

    args.skip = {x.strip() for x in args.skip.split(",") if x.strip()} | ({"baseline"} if args.no_baseline else set())
    unknown = args.skip - {"cli", "stages", "floor", "baseline"}
    if unknown:
        ap.error(f"--skip: unknown {', '.join(sorted(unknown))}")
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    if args.big and BIG_SIZE not in sizes:
        sizes.append(BIG_SIZE)
    sizes = sorted(set(sizes))
    WORK.mkdir(parents=True, exist_ok=True)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    if args.ref:
        sha = use_ref(args.ref)
        log(f"lakip_xl from commit {sha[:12]} (snapshot in {src().relative_to(ROOT)})")

    compile_sources(log)
    began = time.perf_counter()
    if args.generate_only:
        for n in sizes:
            m = get_dataset(n, args.jobs, log, args.regenerate)
            log(f"  N={n}: {'cached' if m['cached'] else 'generated'} in {WORK / m['key']}")
        return 0

    env_start = environment()
    log(f"lakip_xl at {env_start['git_commit']}" + (" (uncommitted changes)" if env_start["lakip_xl_dirty"] else ""))
    log("startup …")
    start = startup()
    results = measure_all(sizes, args, log)

    profile = None
    if args.profile:
        log(f"profile N={args.profile} …")
        m = get_dataset(args.profile, args.jobs, log, args.regenerate)
        folder = WORK / m["key"]
        sp, _ = settings_file(args.profile, m, folder)
        prof = folder / "consolidate.prof"
        profile, _w, _r = run_child("profile", str(folder / "input"), str(folder / "out" / "LAKIP-prof.xlsx"),
                                    str(prof), sp or "", "10")
        profile["n"] = args.profile
        profile["prof_file"] = str(prof.relative_to(ROOT))

    machine = None
    ran = {r["n"] for r in results if "stages" in r}
    if len(ran) >= 2:
        log("machine reference …")
        measured, _w, _r = run_child("machine", *(str(n) for n in sorted(ran)))
        machine = {k: v for k, v in measured.items() if k.isdigit()}  # (run_child adds the child's CPU and RSS)

    env_end = environment()
    changed = (env_start["git_commit"], env_start["lakip_xl_state"]) != (env_end["git_commit"],
                                                                        env_end["lakip_xl_state"])
    lines = ["", f"lakip-xl benchmark ({dt.date.today().isoformat()}, lakip_xl {str(env_start['git_commit'])[:7]}"
             f"{' (snapshot)' if env_start['snapshot'] else ''}"
             f"{' + uncommitted changes' if env_start['lakip_xl_dirty'] else ''}, Python "
             f"{platform.python_version()}, {os.cpu_count()} CPUs, generator v{GENERATOR_VERSION} seed {SEED})", ""]
    if changed:
        lines += [f"WARNING: lakip_xl changed during the run ({str(env_start['git_commit'])[:7]} -> "
                  f"{str(env_end['git_commit'])[:7]}, or its working tree); figures may mix versions.", ""]
    lines += table_lines(results, start)
    lines += ["", "Stages of consolidate() in-process, seconds (Run.timings); floor / baseline parts:", ""]
    lines += stage_lines(results)
    lines += median_lines(results)
    lin = linearity_lines(results)
    if lin:
        lines += ["", "Linearity (per-file time at the larger N / per-file time at the smaller N; 1.00 = linear):"]
        lines += lin
    lines += machine_lines(machine)
    lines += [""]
    lines += criteria_lines(results, start)
    for r in results:
        if "stages" in r:
            f = r["stages"]["findings"]
            lines.append(f"  N={r['n']}: {r['stages']['read']}/{r['n']} submissions read; findings: "
                         f"{f['galat']} Galat, {f['peringatan']} Peringatan, {f['info']} Info "
                         f"({', '.join(f'{k} {v}' for k, v in list(r['stages']['rules'].items())[:6])})"
                         + (f"; limits raised: {r['settings_raised']}" if r["settings_raised"] else ""))
        elif (r.get("e2e") or {}).get("exit") == 0:  # the in-process stages were skipped
            found = next((x.strip() for x in r.get("cli_stdout", "").splitlines() if x.strip().startswith("Temuan")), "")
            lines.append(f"  N={r['n']}: end to end only, exit 0; {found}"
                         + (f"; limits raised: {r['settings_raised']}" if r["settings_raised"] else ""))
        else:
            lines.append(f"  N={r['n']}: end to end FAILED, see JSON")
    if profile:
        lines += ["", f"Top hotspots of consolidate() at N={profile['n']} by cumulative time "
                  f"(cProfile, {profile['prof_file']}):", ""]
        lines.append(f"  {'cumtime':>8} {'tottime':>8} {'ncalls':>10}  function")
        for row in [r for r in profile["top_cumulative"]
                    if "lakip_xl" in r["function"] or "calamine" in r["function"]
                    or "xlsxwriter" in r["function"] or "openpyxl" in r["function"]][:15]:
            lines.append(f"  {row['cumtime']:>8.3f} {row['tottime']:>8.3f} {row['ncalls']:>10}  {row['function']}")
        lines += ["", "  by own time:"]
        for row in profile["top_tottime"]:
            lines.append(f"  {row['cumtime']:>8.3f} {row['tottime']:>8.3f} {row['ncalls']:>10}  {row['function']}")
    elapsed = time.perf_counter() - began
    lines += ["", f"benchmark wall time {elapsed:.0f} s"]
    print("\n".join(lines))

    path = args.json or BENCH / f"results-{dt.date.today().isoformat()}.json"
    payload = {"date": dt.datetime.now().isoformat(timespec="seconds"), "environment": env_start,
               "environment_end": env_end, "lakip_xl_changed_during_run": changed,
               "command": " ".join([Path(sys.executable).name, *sys.argv]), "startup": start,
               "results": results, "machine": machine, "profile": profile and {k: v for k, v in profile.items() if k != "pstats_text"},
               "table": lines, "wall_seconds": elapsed}
    path.write_text(json.dumps(payload, indent=2, default=str))
    print(f"results written to {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
