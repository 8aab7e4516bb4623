"""Build three fictitious agencies shaped unlike the bundled sample, for the tests of issue 9.

    python scripts/make_agencies.py OUT_DIR

writes, for each agency, ``OUT_DIR/<agency>/input/renstra.xlsx`` (lakip-xl's own Renstra
writer), the blank 2025 templates in ``OUT_DIR/<agency>/workbook_templates/`` and the templates
filled like a clerk does (openpyxl, unlocked cells only) in ``OUT_DIR/<agency>/input/``:

- ``pupr``: Dinas Pekerjaan Umum dan Penataan Ruang, 3 units, 4-digit sub kegiatan codes
  (``1.03.10.2.01.0013``, Kepmendagri 900.1.15.5-3406/2024), Program Penunjang ``1.03.01``
  without Kode Sasaran or Jenis, a sasaran with three IKU in three predikat categories (one
  Negatif: roads in bad condition), a programme row with two indicators, a second sasaran with
  one IKU whose capaian is exactly 55 %;
- ``dinkes``: Dinas Kesehatan, Sekretariat, 2 bidang and 8 UPT Puskesmas, Program Penunjang
  ``1.02.01``, programme ``1.02.02`` owned by a bidang whose sub kegiatan are owned by the
  Puskesmas and by another bidang (some supporting a second sasaran), a sasaran whose IKU are
  reported by three units, 2-digit codes;
- ``dishub``: Dinas Perhubungan, 3 units, Program Penunjang ``2.15.01``, programme ``2.15.02``
  whose kegiatan belong to two units, a kegiatan whose own Kode Sasaran differs from its
  programme's and a sub kegiatan overriding its kegiatan's sasaran.

Every input is correct: no Galat and no Peringatan are due (Info only). ``twist_*`` apply
mistakes to a copy of the Dinas Perhubungan input folder. Importable: ``build_pupr(folder)``,
``build_dinkes(folder)`` and ``build_dishub(folder)`` each return the Renstra's path; the
submissions are in the same folder (``renstra.parent``).

The data below (names, codes, targets, realisations, DPA amounts) is the only source of the
figures; the tests that consolidate these agencies compare with totals computed by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lakip_xl.renstra import read_renstra  # noqa: E402
from lakip_xl.templates.renstra import write_renstra  # noqa: E402
from lakip_xl.templates.submission import write_templates  # noqa: E402

TAHUN = 2025
YEARS = [2025, 2026, 2027, 2028, 2029]
PERIODE = "2025-2029"
HEADER = 4  # header row of the template sheets, 1-based; data from row 5
PEMDA = "Pemerintah Kabupaten Tanjung Harapan"
BUPATI = "H. ARIFIN SYAHRIAL, S.E., M.M."


# --------------------------------------------------------------------------- #
# The data shape
# --------------------------------------------------------------------------- #


@dataclass
class Ind:
    """One indicator of a code: name, unit, the five yearly targets, the 2025 realisation."""

    nama: str
    satuan: str
    target: list[Any]  # 2025..2029; numbers or None
    realisasi: Any  # 2025, typed by the clerk (None: no target that year)
    polaritas: str = "Positif"


@dataclass
class Node:
    kode: str
    uraian: str
    bidang: str
    ind: list[Ind]
    ks: str | None = None  # Kode Sasaran typed on the row (None: inherit)
    jenis: str | None = None
    dpa: tuple[int, int] | None = None  # leaves: (Pagu, Realisasi Anggaran) of the 2025 DPA
    renstra_pagu: int | None = None  # leaves: indicative Pagu 2025 of the Renstra (default: the DPA pagu)
    children: list["Node"] = field(default_factory=list)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class IkuSpec:
    kode: str
    ks: str
    indikator: str
    satuan: str
    polaritas: str
    bidang: str
    baseline: Any
    target: list[Any]
    realisasi: Any
    penyebab: str
    solusi: str


@dataclass
class Agency:
    key: str
    instansi: dict[str, str]
    bidang: list[tuple[str, str]]
    tujuan: list[dict[str, Any]]  # Tujuan sheet rows
    sasaran: dict[str, tuple[str, str]]  # Kode Sasaran -> (Kode Tujuan, Sasaran Strategis)
    iku: list[IkuSpec]
    programs: list[Node]
    clerks: dict[str, tuple[str, str]]  # Kode Bidang -> (Disusun Oleh, Jabatan)

    def nodes(self) -> list[Node]:
        return [n for p in self.programs for n in p.walk()]


def sub(kode, uraian, bidang, ind, dpa, ks=None, renstra_pagu=None) -> Node:
    return Node(kode, uraian, bidang, ind, ks=ks, dpa=dpa, renstra_pagu=renstra_pagu)


def keg(kode, uraian, bidang, ind, children, ks=None) -> Node:
    return Node(kode, uraian, bidang, ind, ks=ks, children=children)


def prog(kode, uraian, bidang, ind, children, ks=None, jenis=None) -> Node:
    return Node(kode, uraian, bidang, ind, ks=ks, jenis=jenis, children=children)


def same(x) -> list[Any]:
    return [x] * len(YEARS)


# --------------------------------------------------------------------------- #
# Renstra data dict (the shape of data/sample/dkump_2021.json) and the workbook
# --------------------------------------------------------------------------- #


def _s(x: Any) -> str | None:
    return None if x is None else str(x)


def _plan(node: Node) -> list[int]:
    """Indicative Pagu 2025..2029 of the Renstra: leaves grow 4 % a year (rounded to thousands)."""
    if node.children:
        plans = [_plan(c) for c in node.children]
        return [sum(p[i] for p in plans) for i in range(len(YEARS))]
    base = node.renstra_pagu if node.renstra_pagu is not None else node.dpa[0]
    return [base + i * (base * 4 // 100 // 1000 * 1000) for i in range(len(YEARS))]


def renstra_data(a: Agency) -> dict[str, Any]:
    tujuan_name = {t["kode_tujuan"]: t["tujuan"] for t in a.tujuan}
    iku = []
    for i in a.iku:
        kt, sasaran = a.sasaran[i.ks]
        iku.append({
            "kode_tujuan": kt, "tujuan": tujuan_name[kt], "kode_sasaran": i.ks, "sasaran": sasaran,
            "kode_indikator": i.kode, "indikator": i.indikator, "satuan": i.satuan, "polaritas": i.polaritas,
            "bidang": i.bidang, "baseline": _s(i.baseline),
            "target": {str(y): _s(t) for y, t in zip(YEARS, i.target)},
            "target_akhir": _s(i.target[-1]), "standar_nasional": None,
            "riwayat": {str(YEARS[0] - 1): _s(i.baseline)},
            "kode_indikator_tujuan": next(t["kode_indikator"] for t in a.tujuan if t["kode_tujuan"] == kt),
        })
    program = []
    for n in a.nodes():
        plan = _plan(n)
        for k, ind in enumerate(n.ind):
            program.append({
                "kode": n.kode, "uraian": n.uraian, "indikator": ind.nama, "satuan": ind.satuan,
                "polaritas": ind.polaritas, "kode_sasaran": n.ks, "bidang": n.bidang, "jenis": n.jenis,
                "target": {str(y): _s(t) for y, t in zip(YEARS, ind.target)},
                # the indicative pagu on the code's first row only
                "pagu": {str(y): (str(p) if k == 0 else None) for y, p in zip(YEARS, plan)},
            })
    return {
        "instansi": a.instansi,
        "tahun": YEARS,
        "bidang": [{"kode": k, "nama": nama} for k, nama in a.bidang],
        "tujuan": a.tujuan,
        "iku": iku,
        "program": program,
    }


def _number(x: Any) -> int | float | None:
    if x is None:
        return None
    d = Decimal(str(x))
    return int(d) if d == d.to_integral_value() else float(d)


def build(a: Agency, folder: Path) -> Path:
    """Renstra, blank templates and filled submissions of one agency under ``folder``; the Renstra's path."""
    folder = Path(folder)
    input_dir = folder / "input"
    templates = folder / "workbook_templates"
    input_dir.mkdir(parents=True, exist_ok=True)
    templates.mkdir(parents=True, exist_ok=True)
    renstra_path = write_renstra(input_dir / "renstra.xlsx", renstra_data(a), created=dt.datetime(2024, 12, 2))
    renstra, findings = read_renstra(renstra_path)
    bad = [f for f in findings if f.level.label in ("Galat", "Peringatan")]
    if bad:  # a mistake in this script's data, not in the tool under test
        raise RuntimeError(f"{a.key}: the Renstra has findings: "
                           + "; ".join(f"{f.rule} {f.sheet}!{f.cell} {f.message}" for f in bad))
    for path in write_templates(renstra, TAHUN, templates):
        target = input_dir / path.name
        shutil.copyfile(path, target)
        fill(target, a)
    return renstra_path


# --------------------------------------------------------------------------- #
# The clerk
# --------------------------------------------------------------------------- #


def _columns(ws) -> dict[str, int]:
    return {str(c.value).strip(): i for i, c in enumerate(ws[HEADER]) if c.value is not None}


def _put(cell, value, what: str, path: Path) -> None:
    if cell.protection.locked:
        raise RuntimeError(f"{path.name}: {what} is locked ({cell.coordinate}); a clerk cannot type there")
    cell.value = value


def fill(path: Path, a: Agency) -> None:
    """Fill a unit's template like a clerk: open with openpyxl, write unlocked cells only, save."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb["Identitas"]
    unit = next(row[1].value for row in ws.iter_rows(min_row=HEADER + 1) if row[0].value == "Bidang")
    clerk, jabatan = a.clerks[unit]
    for row in ws.iter_rows(min_row=HEADER + 1):
        attr = row[0].value
        if attr == "Disusun Oleh":
            _put(row[1], clerk, attr, path)
        elif attr == "Jabatan":
            _put(row[1], jabatan, attr, path)
        elif attr == "Tanggal":
            _put(row[1], dt.datetime(TAHUN + 1, 1, 16), attr, path)
            row[1].number_format = "dd-mm-yyyy"
        elif attr == "Kontak":
            _put(row[1], "0561-712345", attr, path)

    ws = wb["IKU"]
    col = _columns(ws)
    iku = {i.kode: i for i in a.iku if i.bidang == unit}
    seen = set()
    for row in ws.iter_rows(min_row=HEADER + 1):
        i = iku.get(row[col["Kode Indikator"]].value)
        if i is None:
            continue
        seen.add(i.kode)
        _put(row[col["Realisasi"]], _number(i.realisasi), f"Realisasi {i.kode}", path)
        _put(row[col["Penyebab"]], i.penyebab, f"Penyebab {i.kode}", path)
        _put(row[col["Solusi"]], i.solusi, f"Solusi {i.kode}", path)
    if set(iku) - seen:
        raise RuntimeError(f"{path.name}: IKU {sorted(set(iku) - seen)} not in the template")

    ws = wb["Program"]
    col = _columns(ws)
    nodes = {n.kode: n for n in a.nodes()}
    done: set[tuple[str, str]] = set()
    money: set[str] = set()
    for row in ws.iter_rows(min_row=HEADER + 1):
        n = nodes.get(row[col["Kode"]].value)
        if n is None or n.bidang != unit:
            continue  # another unit's row shown as context: nothing to type
        ind = next((x for x in n.ind if x.nama == row[col["Indikator"]].value), None)
        if ind is None:
            continue
        done.add((n.kode, ind.nama))
        if ind.realisasi is not None:
            _put(row[col["Realisasi"]], _number(ind.realisasi), f"Realisasi {n.kode}", path)
        if n.dpa is not None and n.kode not in money:
            _put(row[col["Pagu"]], n.dpa[0], f"Pagu {n.kode}", path)
            _put(row[col["Realisasi Anggaran"]], n.dpa[1], f"Realisasi Anggaran {n.kode}", path)
            money.add(n.kode)
    for n in nodes.values():
        if n.bidang != unit:
            continue
        missing = [x.nama for x in n.ind if (n.kode, x.nama) not in done]
        if missing or (n.dpa is not None and n.kode not in money):
            raise RuntimeError(f"{path.name}: row {n.kode} {missing} not filled")
    stamp = dt.datetime(TAHUN + 1, 1, 16, 10, 30)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.lastModifiedBy = clerk
    wb.save(path)


# --------------------------------------------------------------------------- #
# a. Dinas Pekerjaan Umum dan Penataan Ruang
# --------------------------------------------------------------------------- #

PENUNJANG_URAIAN = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
IND_PENUNJANG = Ind("Persentase dokumen perencanaan, penganggaran dan laporan kinerja yang tersusun tepat waktu", "%",
                    same(100), 100)


def pupr() -> Agency:
    sek, bm, sda = "SEK", "BM", "SDA"
    programs = [
        prog("1.03.01", PENUNJANG_URAIAN, sek, [IND_PENUNJANG], [
            keg("1.03.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", sek,
                [Ind("Jumlah dokumen perencanaan, penganggaran dan evaluasi kinerja perangkat daerah", "dokumen",
                     same(7), 7)], [
                sub("1.03.01.2.01.0001", "Penyusunan Dokumen Perencanaan Perangkat Daerah", sek,
                    [Ind("Jumlah Dokumen Perencanaan Perangkat Daerah", "dokumen", same(3), 3)],
                    (148_650_000, 141_217_500), renstra_pagu=150_000_000),
                sub("1.03.01.2.01.0007",
                    "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD", sek,
                    [Ind("Jumlah Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD", "laporan", same(4), 4)],
                    (86_400_000, 82_080_000)),
            ]),
            keg("1.03.01.2.02", "Administrasi Keuangan Perangkat Daerah", sek,
                [Ind("Jumlah bulan pelayanan administrasi keuangan perangkat daerah", "bulan", same(12), 12)], [
                sub("1.03.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", sek,
                    [Ind("Jumlah Orang yang Menerima Gaji dan Tunjangan ASN", "orang", same(142), 140)],
                    (7_215_300_000, 6_981_442_750), renstra_pagu=7_100_000_000),
            ]),
        ]),
        prog("1.03.02", "PROGRAM PENGELOLAAN SUMBER DAYA AIR (SDA)", sda,
             [Ind("Persentase jaringan irigasi kewenangan kabupaten dalam kondisi baik", "%",
                  [60, 63, 66, 69, 72], 33)], [
            keg("1.03.02.2.01",
                "Pengelolaan SDA dan Bangunan Pengaman Pantai pada Wilayah Sungai (WS) dalam 1 (satu) Daerah "
                "Kabupaten/Kota", sda,
                [Ind("Jumlah wilayah sungai yang dikelola", "wilayah sungai", same(2), 2)], [
                sub("1.03.02.2.01.0001", "Penyusunan Pola dan Rencana Pengelolaan SDA WS Kewenangan Kabupaten/Kota",
                    sda, [Ind("Jumlah Dokumen Pola dan Rencana Pengelolaan SDA", "dokumen", same(1), 1)],
                    (412_500_000, 389_812_500)),
            ]),
            keg("1.03.02.2.02",
                "Pengembangan dan Pengelolaan Sistem Irigasi Primer dan Sekunder pada Daerah Irigasi yang Luasnya "
                "dibawah 1000 Ha dalam 1 (satu) Daerah Kabupaten/Kota", sda,
                [Ind("Luas daerah irigasi yang dikelola", "ha", same(2450), 2450)], [
                sub("1.03.02.2.02.0001", "Rehabilitasi Jaringan Irigasi Permukaan", sda,
                    [Ind("Panjang Jaringan Irigasi Permukaan yang Direhabilitasi", "km", [6.5, 6.5, 7, 7, 7.5], 5.2)],
                    (2_864_750_000, 2_701_318_000)),
                sub("1.03.02.2.02.0002", "Operasi dan Pemeliharaan Jaringan Irigasi Permukaan", sda,
                    [Ind("Luas Jaringan Irigasi Permukaan yang Dioperasikan dan Dipelihara", "ha", same(2450), 2450)],
                    (635_000_000, 598_275_000), renstra_pagu=600_000_000),
            ]),
        ], ks="SS02"),
        # one programme row, two indicators (two rows of code 1.03.10)
        prog("1.03.10", "PROGRAM PENYELENGGARAAN JALAN", bm,
             [Ind("Persentase panjang jalan kabupaten dalam kondisi mantap", "%", [80, 82, 84, 86, 88], 78),
              Ind("Persentase jembatan kabupaten dalam kondisi baik", "%", [60, 65, 70, 75, 80], 39)], [
            keg("1.03.10.2.01", "Penyelenggaraan Jalan Kabupaten/Kota", bm,
                [Ind("Panjang jalan kabupaten yang ditangani", "km", [142.5, 145, 150, 155, 160], 138)], [
                sub("1.03.10.2.01.0013", "Rehabilitasi Jalan", bm,
                    [Ind("Panjang Jalan yang Direhabilitasi", "km", [18.5, 20, 22, 24, 26], 17.8)],
                    (9_125_480_000, 8_874_102_500), renstra_pagu=9_000_000_000),
                sub("1.03.10.2.01.0016", "Pemeliharaan Rutin Jalan", bm,
                    [Ind("Panjang Jalan yang Dipelihara", "km", same(120), 120)],
                    (3_180_000_000, 3_142_650_000)),
                sub("1.03.10.2.01.0024", "Rehabilitasi Jembatan", bm,
                    [Ind("Jumlah Jembatan yang Direhabilitasi", "unit", [4, 4, 5, 5, 6], 2)],
                    (1_862_300_000, 1_097_345_000)),
            ]),
        ], ks="SS01"),
    ]
    return Agency(
        key="pupr",
        instansi={
            "Nama Instansi": "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Tanjung Harapan",
            "Singkatan": "DPUPR", "Pemerintah Daerah": PEMDA, "Kepala": "Ir. BUDI HARTONO, M.T.",
            "NIP Kepala": "19720315 199803 1 007", "Pangkat Kepala": "Pembina Utama Muda (IV/c)",
            "Kepala Daerah": BUPATI, "Jabatan Kepala Daerah": "Bupati Tanjung Harapan", "Periode Renstra": PERIODE,
            "Alamat": "Jalan Ahmad Yani No. 12 Tanjung Harapan", "Kota": "Tanjung Harapan",
        },
        bidang=[(sek, "Sekretariat"), (bm, "Bidang Bina Marga"), (sda, "Bidang Sumber Daya Air")],
        tujuan=[{"kode_tujuan": "T1", "tujuan": "Meningkatnya kualitas infrastruktur wilayah",
                 "kode_indikator": "IK.1", "indikator": "Persentase infrastruktur PUPR dalam kondisi baik",
                 "satuan": "%", "polaritas": "Positif",
                 "target": {str(y): str(t) for y, t in zip(YEARS, [70, 72, 74, 76, 78])}}],
        sasaran={"SS01": ("T1", "Meningkatnya kemantapan jalan dan jembatan kabupaten"),
                 "SS02": ("T1", "Meningkatnya kinerja jaringan irigasi")},
        iku=[
            # 78 / 80 × 100 = 97,5: Sangat Berhasil
            IkuSpec("IKU01", "SS01", "Persentase jalan kabupaten dalam kondisi mantap", "%", "Positif", bm, 76,
                    [80, 82, 84, 86, 88], 78,
                    "Rehabilitasi 17,8 km jalan selesai; dua paket tertunda karena musim hujan.",
                    "Percepatan lelang paket rehabilitasi pada triwulan pertama."),
            # Negatif: 8 / 10 × 100 = 80: Berhasil
            IkuSpec("IKU02", "SS01", "Persentase jalan kabupaten dalam kondisi rusak berat", "%", "Negatif", bm, 9.5,
                    [8, 7, 6, 5, 4], 10,
                    "Kerusakan baru akibat angkutan hasil perkebunan yang melebihi muatan.",
                    "Koordinasi dengan Dinas Perhubungan untuk pengawasan muatan lebih."),
            # 39 / 60 × 100 = 65: Cukup Berhasil
            IkuSpec("IKU03", "SS01", "Persentase jembatan kabupaten dalam kondisi baik", "%", "Positif", bm, 52,
                    [60, 65, 70, 75, 80], 39,
                    "Dua jembatan kayu lapuk ditutup; rehabilitasi baru selesai dua dari empat unit.",
                    "Usulan Dana Alokasi Khusus untuk penggantian jembatan kayu."),
            # 33 / 60 × 100 = 55 exactly: Tidak Berhasil (X <= 55)
            IkuSpec("IKU04", "SS02", "Persentase jaringan irigasi kewenangan kabupaten dalam kondisi baik", "%",
                    "Positif", sda, 58, [60, 63, 66, 69, 72], 33,
                    "Banjir bulan Maret merusak bendung dan saluran sekunder.",
                    "Tanggap darurat dan penganggaran rehabilitasi bendung tahun berikutnya."),
        ],
        programs=programs,
        clerks={sek: ("Staf Subbagian Perencanaan", "Analis Perencanaan"),
                bm: ("Staf Bidang Bina Marga", "Teknik Jalan dan Jembatan"),
                sda: ("Staf Bidang Sumber Daya Air", "Teknik Pengairan")},
    )


# --------------------------------------------------------------------------- #
# b. Dinas Kesehatan
# --------------------------------------------------------------------------- #

PUSKESMAS = [("PKM01", "UPT Puskesmas Tanjung Harapan"), ("PKM02", "UPT Puskesmas Teluk Pandan"),
             ("PKM03", "UPT Puskesmas Sei Rengas"), ("PKM04", "UPT Puskesmas Kuala Dua"),
             ("PKM05", "UPT Puskesmas Parit Baru"), ("PKM06", "UPT Puskesmas Batu Ampar"),
             ("PKM07", "UPT Puskesmas Sungai Kakap"), ("PKM08", "UPT Puskesmas Bukit Raya")]


def dinkes() -> Agency:
    sek, kesmas, p2p = "SEK", "KESMAS", "P2P"
    spm = "1.02.02.2.02"

    def layanan(n: str, uraian: str, bidang: str, sasaran: str, t: int, r: int, dpa, ks=None) -> Node:
        return sub(f"{spm}.{n}", f"Pengelolaan Pelayanan Kesehatan {uraian}", bidang,
                   [Ind(f"Jumlah {sasaran} yang Mendapatkan Pelayanan Kesehatan Sesuai Standar", "orang",
                        [t, t + 20, t + 40, t + 60, t + 80], r)], dpa, ks=ks)

    programs = [
        prog("1.02.01", PENUNJANG_URAIAN, sek, [IND_PENUNJANG], [
            keg("1.02.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", sek,
                [Ind("Jumlah dokumen perencanaan, penganggaran dan evaluasi kinerja perangkat daerah", "dokumen",
                     same(6), 6)], [
                sub("1.02.01.2.01.01", "Penyusunan Dokumen Perencanaan Perangkat Daerah", sek,
                    [Ind("Jumlah Dokumen Perencanaan Perangkat Daerah", "dokumen", same(3), 3)],
                    (124_600_000, 118_370_000)),
            ]),
            keg("1.02.01.2.02", "Administrasi Keuangan Perangkat Daerah", sek,
                [Ind("Jumlah bulan pelayanan administrasi keuangan perangkat daerah", "bulan", same(12), 12)], [
                sub("1.02.01.2.02.01", "Penyediaan Gaji dan Tunjangan ASN", sek,
                    [Ind("Jumlah Orang yang Menerima Gaji dan Tunjangan ASN", "orang", same(486), 481)],
                    (18_436_200_000, 18_002_915_400), renstra_pagu=18_250_000_000),
            ]),
        ]),
        # the programme and its kegiatan belong to a bidang; the sub kegiatan to eight UPT Puskesmas
        # and another bidang; four sub kegiatan support SS02 instead of the programme's SS01
        prog("1.02.02", "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT", kesmas,
             [Ind("Persentase fasilitas pelayanan kesehatan yang memenuhi standar pelayanan minimal", "%",
                  [80, 85, 90, 95, 100], 78)], [
            keg("1.02.02.2.01",
                "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota",
                kesmas, [Ind("Jumlah fasilitas pelayanan kesehatan yang ditingkatkan sarana dan prasarananya",
                             "unit", same(4), 4)], [
                sub("1.02.02.2.01.14", "Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan",
                    kesmas, [Ind("Jumlah Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan yang "
                                 "Disediakan", "unit", same(36), 36)],
                    (1_847_250_000, 1_775_318_000), renstra_pagu=1_900_000_000),
            ]),
            keg(spm, "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota", kesmas,
                [Ind("Persentase capaian standar pelayanan minimal bidang kesehatan", "%", same(100), 86.4)], [
                layanan("01", "Ibu Hamil", "PKM01", "Ibu Hamil", 1240, 1198, (96_500_000, 91_675_000)),
                layanan("02", "Ibu Bersalin", "PKM02", "Ibu Bersalin", 1185, 1160, (88_250_000, 84_720_000)),
                layanan("03", "Bayi Baru Lahir", "PKM03", "Bayi Baru Lahir", 1170, 1152, (64_800_000, 61_236_000)),
                layanan("04", "Balita", "PKM04", "Balita", 5320, 4987, (112_400_000, 103_408_000)),
                layanan("05", "pada Usia Pendidikan Dasar", "PKM05", "Anak Usia Pendidikan Dasar", 7450, 7450,
                        (71_900_000, 70_462_000)),
                layanan("07", "pada Usia Lanjut", "PKM06", "Warga Negara Usia 60 Tahun ke Atas", 3860, 3412,
                        (57_600_000, 54_720_000)),
                layanan("08", "Penderita Hipertensi", "PKM07", "Penderita Hipertensi", 4100, 2788,
                        (46_350_000, 43_569_000), ks="SS02"),
                layanan("09", "Penderita Diabetes Melitus", "PKM08", "Penderita Diabetes Melitus", 1350, 1004,
                        (43_750_000, 41_125_000), ks="SS02"),
                layanan("11", "Orang Terduga Tuberkulosis", p2p, "Orang Terduga Tuberkulosis", 2260, 2104,
                        (324_800_000, 308_560_000), ks="SS02"),
                layanan("12", "Orang dengan Risiko Terinfeksi HIV", p2p, "Orang dengan Risiko Terinfeksi HIV", 2900,
                        2755, (181_200_000, 172_140_000), ks="SS02"),
            ]),
        ], ks="SS01"),
    ]
    return Agency(
        key="dinkes",
        instansi={
            "Nama Instansi": "Dinas Kesehatan Kabupaten Tanjung Harapan",
            "Singkatan": "DINKES", "Pemerintah Daerah": PEMDA, "Kepala": "dr. SITI RAHMAWATI, M.Kes.",
            "NIP Kepala": "19780822 200501 2 011", "Pangkat Kepala": "Pembina Tingkat I (IV/b)",
            "Kepala Daerah": BUPATI, "Jabatan Kepala Daerah": "Bupati Tanjung Harapan", "Periode Renstra": PERIODE,
            "Alamat": "Jalan Pahlawan No. 3 Tanjung Harapan", "Kota": "Tanjung Harapan",
        },
        bidang=[(sek, "Sekretariat"), (kesmas, "Bidang Kesehatan Masyarakat"),
                (p2p, "Bidang Pencegahan dan Pengendalian Penyakit")] + PUSKESMAS,
        tujuan=[{"kode_tujuan": "T1", "tujuan": "Meningkatnya derajat kesehatan masyarakat",
                 "kode_indikator": "IK.1", "indikator": "Usia Harapan Hidup", "satuan": "tahun",
                 "polaritas": "Positif",
                 "target": {str(y): str(t) for y, t in zip(YEARS, ["71.2", "71.4", "71.6", "71.8", "72"])}}],
        sasaran={"SS01": ("T1", "Meningkatnya kesehatan ibu dan anak"),
                 "SS02": ("T1", "Terkendalinya penyakit menular dan penyakit tidak menular")},
        iku=[
            # Negatif: 110 / 98 × 100 = 112,2449: Sangat Berhasil
            IkuSpec("IKU01", "SS01", "Angka Kematian Ibu", "per 100.000 KH", "Negatif", kesmas, 118,
                    [110, 105, 100, 95, 90], 98,
                    "Persalinan di fasilitas kesehatan meningkat; rujukan ibu hamil risiko tinggi lebih cepat.",
                    "Penguatan kelas ibu hamil dan pendampingan bidan desa."),
            # Negatif: 18 / 22,5 × 100 = 80: Berhasil
            IkuSpec("IKU02", "SS01", "Prevalensi balita stunting", "%", "Negatif", kesmas, 21.4,
                    [18, 16, 14, 12, 10], 22.5,
                    "Cakupan pemberian makanan tambahan belum merata di desa terpencil.",
                    "Konvergensi percepatan penurunan stunting bersama pemerintah desa."),
            # 81 / 90 × 100 = 90: Sangat Berhasil
            IkuSpec("IKU03", "SS02", "Persentase keberhasilan pengobatan tuberkulosis", "%", "Positif", p2p, 86,
                    same(90), 81,
                    "Pasien putus berobat karena pindah domisili.",
                    "Pendampingan minum obat oleh kader TB."),
            # 68 / 100 × 100 = 68: Cukup Berhasil
            IkuSpec("IKU04", "SS02",
                    "Persentase penderita hipertensi yang mendapat pelayanan kesehatan sesuai standar", "%",
                    "Positif", "PKM07", 55, same(100), 68,
                    "Skrining di posbindu belum menjangkau usia produktif yang bekerja.",
                    "Posbindu di tempat kerja dan pelayanan sore hari."),
            # 74,35 / 100 × 100 = 74,35: Berhasil
            IkuSpec("IKU05", "SS02",
                    "Persentase penderita diabetes melitus yang mendapat pelayanan kesehatan sesuai standar", "%",
                    "Positif", "PKM08", 60, same(100), 74.35,
                    "Ketersediaan strip gula darah terbatas pada semester pertama.",
                    "Pengadaan strip gula darah melalui dana kapitasi."),
        ],
        programs=programs,
        clerks={sek: ("Staf Subbagian Program", "Analis Perencanaan"),
                kesmas: ("Staf Bidang Kesehatan Masyarakat", "Epidemiolog Kesehatan"),
                p2p: ("Staf Bidang P2P", "Pengelola Program TB dan HIV"),
                **{k: (f"Petugas Data {nama[4:]}", "Pengelola Data dan Informasi") for k, nama in PUSKESMAS}},
    )


# --------------------------------------------------------------------------- #
# c. Dinas Perhubungan
# --------------------------------------------------------------------------- #

DISHUB_LLA = "LLA"
#: the programme owned entirely by one unit that twist (ii) types a total into
TYPED_TOTAL_PROGRAM = "2.15.03"
#: the row after which twist (i) inserts its row without a code
CODELESS_AFTER = "2.15.02.2.02.02"


def dishub() -> Agency:
    sek, lla, pkb = "SEK", DISHUB_LLA, "PKB"
    programs = [
        prog("2.15.01", PENUNJANG_URAIAN, sek, [IND_PENUNJANG], [
            keg("2.15.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", sek,
                [Ind("Jumlah dokumen perencanaan, penganggaran dan evaluasi kinerja perangkat daerah", "dokumen",
                     same(6), 6)], [
                sub("2.15.01.2.01.01", "Penyusunan Dokumen Perencanaan Perangkat Daerah", sek,
                    [Ind("Jumlah Dokumen Perencanaan Perangkat Daerah", "dokumen", same(3), 3)],
                    (96_800_000, 91_960_000)),
            ]),
            keg("2.15.01.2.02", "Administrasi Keuangan Perangkat Daerah", sek,
                [Ind("Jumlah bulan pelayanan administrasi keuangan perangkat daerah", "bulan", same(12), 12)], [
                sub("2.15.01.2.02.01", "Penyediaan Gaji dan Tunjangan ASN", sek,
                    [Ind("Jumlah Orang yang Menerima Gaji dan Tunjangan ASN", "orang", same(118), 116)],
                    (5_842_600_000, 5_716_284_500), renstra_pagu=5_800_000_000),
            ]),
        ]),
        # kegiatan of two units; 2.15.02.2.05 supports SS02 (its own Kode Sasaran), 2.15.02.2.03.01 SS03
        prog("2.15.02", "PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN (LLAJ)", lla,
             [Ind("Persentase ruas jalan kabupaten yang dilengkapi perlengkapan jalan sesuai standar", "%",
                  [65, 70, 75, 80, 85], 66.3)], [
            keg("2.15.02.2.02", "Penyediaan Perlengkapan Jalan di Jalan Kabupaten/Kota", lla,
                [Ind("Jumlah perlengkapan jalan yang tersedia", "unit", [420, 440, 460, 480, 500], 436)], [
                sub("2.15.02.2.02.01", "Pengadaan dan Pemasangan Perlengkapan Jalan Kabupaten/Kota", lla,
                    [Ind("Jumlah Perlengkapan Jalan yang Disediakan", "unit", [320, 330, 340, 350, 360], 334)],
                    (1_486_500_000, 1_437_625_000), renstra_pagu=1_450_000_000),
                sub("2.15.02.2.02.02", "Pemeliharaan Perlengkapan Jalan Kabupaten/Kota", lla,
                    [Ind("Jumlah Perlengkapan Jalan yang Dipelihara", "unit", [100, 110, 120, 130, 140], 102)],
                    (412_000_000, 398_470_000)),
            ]),
            keg("2.15.02.2.03", "Pengelolaan Terminal Penumpang Tipe C", lla,
                [Ind("Jumlah terminal penumpang tipe C yang dikelola", "unit", same(3), 3)], [
                sub("2.15.02.2.03.01", "Pengelolaan dan Pemeliharaan Terminal Penumpang Tipe C", lla,
                    [Ind("Jumlah Terminal Penumpang Tipe C yang Dikelola dan Dipelihara", "unit", same(3), 3)],
                    (538_400_000, 512_750_000), ks="SS03"),
                sub("2.15.02.2.03.02", "Pengawasan Keselamatan Angkutan Umum di Terminal Penumpang Tipe C", lla,
                    [Ind("Jumlah Kendaraan Angkutan Umum yang Diperiksa Kelaikannya (Ramp Check)", "kendaraan",
                         [600, 620, 640, 660, 680], 648)],
                    (74_250_000, 71_280_000)),
            ]),
            keg("2.15.02.2.05", "Pengujian Berkala Kendaraan Bermotor", "PKB",
                [Ind("Jumlah kendaraan bermotor wajib uji yang diuji", "kendaraan",
                     [8400, 8600, 8800, 9000, 9200], 8112)], [
                sub("2.15.02.2.05.01", "Pelaksanaan Pengujian Berkala Kendaraan Bermotor", pkb,
                    [Ind("Jumlah Kendaraan Bermotor Wajib Uji yang Diuji", "kendaraan",
                         [8400, 8600, 8800, 9000, 9200], 8112)],
                    (687_300_000, 654_900_000)),
                sub("2.15.02.2.05.02", "Pemeliharaan dan Kalibrasi Peralatan Pengujian Kendaraan Bermotor", pkb,
                    [Ind("Jumlah Peralatan Pengujian yang Dikalibrasi", "unit", same(14), 14)],
                    (215_600_000, 208_412_000), renstra_pagu=220_000_000),
            ], ks="SS02"),
        ], ks="SS01"),
        prog(TYPED_TOTAL_PROGRAM, "PROGRAM PENGELOLAAN PELAYARAN", lla,
             [Ind("Persentase lintas angkutan sungai yang terlayani", "%", [75, 78, 81, 84, 87], 75)], [
            keg("2.15.03.2.04",
                "Penerbitan Izin Trayek Penyelenggaraan Angkutan Sungai dan Danau untuk Kapal yang Melayani Trayek "
                "dalam Daerah Kabupaten/Kota", lla,
                [Ind("Jumlah izin trayek angkutan sungai dan danau yang diterbitkan", "izin", same(24), 26)], [
                sub("2.15.03.2.04.01", "Fasilitasi Penerbitan Izin Trayek Angkutan Sungai dan Danau", lla,
                    [Ind("Jumlah Izin Trayek Angkutan Sungai dan Danau yang Difasilitasi", "izin", same(24), 26)],
                    (58_500_000, 55_575_000)),
            ]),
            keg("2.15.03.2.08",
                "Pembangunan, Penerbitan Izin Pembangunan dan Pengoperasian Pelabuhan Pengumpan Lokal", lla,
                [Ind("Jumlah pelabuhan pengumpan lokal yang dibangun dan dikelola", "unit", same(2), 2)], [
                sub("2.15.03.2.08.01", "Pembangunan Dermaga Pelabuhan Pengumpan Lokal", lla,
                    [Ind("Jumlah Dermaga Pelabuhan Pengumpan Lokal yang Dibangun", "unit", same(1), 1)],
                    (1_275_000_000, 1_198_500_000), renstra_pagu=1_300_000_000),
            ]),
        ], ks="SS03"),
    ]
    return Agency(
        key="dishub",
        instansi={
            "Nama Instansi": "Dinas Perhubungan Kabupaten Tanjung Harapan",
            "Singkatan": "DISHUB", "Pemerintah Daerah": PEMDA, "Kepala": "Drs. HENDRA WIJAYA, M.Si.",
            "NIP Kepala": "19690410 199503 1 004", "Pangkat Kepala": "Pembina Utama Muda (IV/c)",
            "Kepala Daerah": BUPATI, "Jabatan Kepala Daerah": "Bupati Tanjung Harapan", "Periode Renstra": PERIODE,
            "Alamat": "Jalan Sudirman No. 45 Tanjung Harapan", "Kota": "Tanjung Harapan",
        },
        bidang=[(sek, "Sekretariat"), (lla, "Bidang Lalu Lintas dan Angkutan"),
                (pkb, "UPT Pengujian Kendaraan Bermotor")],
        tujuan=[{"kode_tujuan": "T1", "tujuan": "Meningkatnya pelayanan transportasi yang aman, lancar dan terjangkau",
                 "kode_indikator": "IK.1", "indikator": "Indeks kepuasan masyarakat terhadap layanan perhubungan",
                 "satuan": "indeks", "polaritas": "Positif",
                 "target": {str(y): str(t) for y, t in zip(YEARS, ["78", "79", "80", "81", "82"])}}],
        sasaran={"SS01": ("T1", "Meningkatnya keselamatan dan kelancaran lalu lintas"),
                 "SS02": ("T1", "Meningkatnya kelaikan jalan kendaraan bermotor wajib uji"),
                 "SS03": ("T1", "Meningkatnya pelayanan angkutan umum")},
        iku=[
            # 66,3 / 65 × 100 = 102: Sangat Berhasil
            IkuSpec("IKU01", "SS01",
                    "Persentase ruas jalan kabupaten yang dilengkapi perlengkapan jalan sesuai standar", "%",
                    "Positif", lla, 58, [65, 70, 75, 80, 85], 66.3,
                    "Pemasangan rambu dan marka pada ruas baru hasil peningkatan jalan.",
                    "Pemeliharaan berkala rambu yang rusak."),
            # Negatif: 4,5 / 6 × 100 = 75: Berhasil
            IkuSpec("IKU02", "SS01", "Angka kecelakaan lalu lintas per 10.000 kendaraan bermotor", "kejadian",
                    "Negatif", lla, 5.2, [4.5, 4.2, 3.9, 3.6, 3.3], 6,
                    "Kecelakaan meningkat di ruas jalan provinsi yang melintasi kabupaten.",
                    "Patroli bersama kepolisian dan penambahan alat pemberi isyarat lalu lintas."),
            # 76,5 / 85 × 100 = 90: Sangat Berhasil
            IkuSpec("IKU03", "SS02", "Persentase kendaraan wajib uji yang lulus uji berkala", "%", "Positif", pkb, 78,
                    [85, 87, 89, 91, 93], 76.5,
                    "Sebagian kendaraan angkutan barang tidak datang uji ulang.",
                    "Sosialisasi kepada pengusaha angkutan dan uji keliling."),
            # 56 / 80 × 100 = 70 exactly: Cukup Berhasil (70 < X <= 85 is Berhasil)
            IkuSpec("IKU04", "SS03", "Persentase trayek angkutan umum yang terlayani", "%", "Positif", lla, 70,
                    [80, 82, 84, 86, 88], 56,
                    "Beberapa trayek pedesaan berhenti beroperasi karena penumpang sepi.",
                    "Skema pembelian layanan angkutan perintis pedesaan."),
        ],
        programs=programs,
        clerks={sek: ("Staf Subbagian Perencanaan", "Analis Perencanaan"),
                lla: ("Staf Bidang Lalu Lintas dan Angkutan", "Pengelola Lalu Lintas"),
                pkb: ("Staf UPT Pengujian Kendaraan Bermotor", "Penguji Kendaraan Bermotor")},
    )


AGENCIES = {"pupr": pupr, "dinkes": dinkes, "dishub": dishub}


def build_pupr(folder: Path) -> Path:
    return build(pupr(), folder)


def build_dinkes(folder: Path) -> Path:
    return build(dinkes(), folder)


def build_dishub(folder: Path) -> Path:
    return build(dishub(), folder)


# --------------------------------------------------------------------------- #
# Twists, on a copy of the Dinas Perhubungan input folder
# --------------------------------------------------------------------------- #


@dataclass
class Twist:
    input_dir: Path
    renstra: Path
    file: str  # the submission changed (file name)
    sheet: str
    cell: str  # the cell whose amount cannot be placed


def _copy(src_input: Path, dest: Path) -> Path:
    dest = Path(dest)
    shutil.copytree(src_input, dest)
    return dest


def _unit_file(input_dir: Path, kode: str) -> Path:
    found = sorted(input_dir.glob(f"LAKIP_{TAHUN}_{kode}_*.xlsx"))
    if len(found) != 1:
        raise RuntimeError(f"{input_dir}: no single submission of {kode}: {found}")
    return found[0]


def _rows_of(ws, kode: str) -> list[int]:
    return [c.row for c in ws["A"][HEADER:] if c.value == kode]


_REF = re.compile(r"(\$?)([A-Z]{1,3})(\$?)(\d+)")


def _shift_refs(formula: str, at: int) -> str:
    """References to rows ``at`` and below move one row down (what Excel does on an inserted row)."""
    return _REF.sub(lambda m: f"{m[1]}{m[2]}{m[3]}{int(m[4]) + 1 if int(m[4]) >= at else m[4]}", formula)


def twist_codeless_row(src_input: Path, dest: Path) -> Twist:
    """(i) A clerk of the Bidang Lalu Lintas dan Angkutan inserts a row without a code in sheet Program,
    below sub kegiatan 2.15.02.2.02.02, with Pagu 500.000.000 and Realisasi Anggaran 450.000.000."""
    import copy

    import openpyxl
    from openpyxl.worksheet.cell_range import CellRange

    input_dir = _copy(src_input, dest)
    path = _unit_file(input_dir, DISHUB_LLA)
    wb = openpyxl.load_workbook(path)
    ws = wb["Program"]
    col = _columns(ws)
    at = _rows_of(ws, CODELESS_AFTER)[-1] + 1
    ws.protection.sheet = False  # Excel inserts rows only in an unprotected sheet
    ws.insert_rows(at)
    for row in ws.iter_rows(min_row=1):  # openpyxl moves cells, not the references to them
        for c in row:
            if c.data_type == "f" and isinstance(c.value, str):
                c.value = _shift_refs(c.value, at)
    for dv in ws.data_validations.dataValidation:
        ranges = []
        for rng in dv.sqref.ranges:
            rng = CellRange(rng.coord)
            if rng.min_row >= at:
                rng.shift(row_shift=1)
            elif rng.max_row >= at:
                rng.expand(down=1)
            ranges.append(rng.coord)
        dv.sqref = " ".join(ranges)
    for c in range(1, ws.max_column + 1):  # the new row looks like the one above it
        ws.cell(at, c)._style = copy.copy(ws.cell(at - 1, c)._style)
    ws.row_dimensions[at].height = ws.row_dimensions[at - 1].height
    ws.cell(at, col["Uraian"] + 1).value = "Pengadaan rambu lalu lintas portabel (tambahan)"
    pagu = ws.cell(at, col["Pagu"] + 1)
    pagu.value = 500_000_000
    ws.cell(at, col["Realisasi Anggaran"] + 1).value = 450_000_000
    wb.save(path)
    return Twist(input_dir, input_dir / "renstra.xlsx", path.name, "Program", pagu.coordinate)


def twist_typed_total(src_input: Path, dest: Path) -> Twist:
    """(ii) The Bidang Lalu Lintas dan Angkutan leaves every sub kegiatan amount of programme 2.15.03 empty
    and types the programme's total, 1.333.500.000, in the programme row's Pagu."""
    import openpyxl

    input_dir = _copy(src_input, dest)
    path = _unit_file(input_dir, DISHUB_LLA)
    wb = openpyxl.load_workbook(path)
    ws = wb["Program"]
    col = _columns(ws)
    ws.protection.sheet = False  # the programme's Pagu holds a locked SUM: the clerk unprotects to type
    leaves = [n.kode for n in dishub().nodes() if n.kode.startswith(TYPED_TOTAL_PROGRAM + ".") and n.dpa]
    for kode in leaves:
        for r in _rows_of(ws, kode):
            ws.cell(r, col["Pagu"] + 1).value = None
            ws.cell(r, col["Realisasi Anggaran"] + 1).value = None
    cell = ws.cell(_rows_of(ws, TYPED_TOTAL_PROGRAM)[0], col["Pagu"] + 1)
    cell.value = 1_333_500_000
    wb.save(path)
    return Twist(input_dir, input_dir / "renstra.xlsx", path.name, "Program", cell.coordinate)


# --------------------------------------------------------------------------- #


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python scripts/make_agencies.py OUT_DIR", file=sys.stderr)
        raise SystemExit(2)
    out = Path(args[0])
    for key, make in AGENCIES.items():
        renstra = build(make(), out / key)
        n = len(list(renstra.parent.glob("LAKIP_*.xlsx")))
        print(f"{key}: {renstra} and {n} submissions in {renstra.parent}")


if __name__ == "__main__":
    main()
