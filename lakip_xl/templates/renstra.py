"""Write a Renstra workbook that follows the contract: blank (``lakip init``) or filled.

The filled form takes plain data (the format of ``data/sample/dkump_2021.json``):
``instansi`` (attribute → value), ``bidang`` ([{kode, nama}]), ``tujuan``,
``iku`` and ``program`` rows with per-year ``target`` / ``pagu`` dicts of
decimal strings, and ``riwayat`` per IKU.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from lakip_xl.excel import MAX_VALIDATION_MESSAGE
from lakip_xl.model import QUARTERS
from lakip_xl.output import write_xlsx
from lakip_xl.settings import AKUMULASI
from lakip_xl.xlsx.sheet import Checked
from lakip_xl.xlsx.style import Styles
from lakip_xl.templates import petunjuk

HEADER_ROW = 3  # 0-based: title, note, blank, header
BLANK_ROWS = 300

INSTANSI_ATTRS = [
    ("Nama Instansi", "Nama lengkap perangkat daerah, misalnya Dinas Koperasi, Usaha Mikro dan Perdagangan Kota Pontianak"),
    ("Singkatan", "Singkatan nama instansi (dipakai di nama berkas keluaran)"),
    ("Pemerintah Daerah", "Misalnya Pemerintah Kota Pontianak"),
    ("Kepala", "Nama lengkap dan gelar kepala perangkat daerah"),
    ("NIP Kepala", "NIP kepala perangkat daerah (ketik sebagai teks)"),
    ("Pangkat Kepala", "Pangkat/golongan kepala perangkat daerah"),
    ("Kepala Daerah", "Nama kepala daerah (pihak kedua Perjanjian Kinerja)"),
    ("Jabatan Kepala Daerah", "Misalnya Walikota Pontianak"),
    ("Periode Renstra", "Tahun awal-akhir, misalnya 2021-2024"),
    ("Alamat", "Alamat kantor"),
    ("Kota", "Kota tempat penandatanganan"),
    ("Jabatan Kepala", "Jabatan kepala pada Perjanjian Kinerja. Boleh kosong: Kepala <Nama Instansi>"),
    ("Tanggal Perjanjian Kinerja", "Bulan dan tahun penandatanganan, misalnya Oktober 2021. Boleh kosong: "
                                   "titik-titik untuk diisi tangan"),
    ("Misi", "Misi RPJMD yang didukung instansi (baris MISI Tabel II.1). Boleh kosong"),
]

#: the Akumulasi column (Sasaran and Program), also the prompt of its dropdown
AKUMULASI_HELP = ("Cara triwulan digabung: Jumlah (dijumlahkan: kegiatan, dokumen, orang dilayani), Terakhir "
                  "(triwulan terakhir berlaku: persentase, indeks) atau Rata-rata. Kosong: Terakhir.")


SASARAN_HELP = {
    "Kode Tujuan": "Kode tujuan, misalnya T1",
    "Tujuan": "Rumusan tujuan Renstra",
    "Kode Sasaran": "Kode sasaran strategis, misalnya SS01. Satu sasaran boleh punya beberapa IKU (beberapa baris dengan kode sasaran sama).",
    "Sasaran Strategis": "Rumusan sasaran strategis",
    "Kode Indikator": "Kode unik IKU, misalnya IKU01",
    "Indikator Kinerja": "Nama indikator kinerja utama",
    "Satuan": "Satuan target dan realisasi: %, ton, pasar, bulan, …",
    "Polaritas": "Positif: makin tinggi makin baik. Negatif: makin rendah makin baik. Stabil: target rentang (80-90), di dalamnya berarti 100%. Kosong berarti Positif.",
    "Bidang": "Kode bidang yang melaporkan realisasinya (lihat lembar Bidang)",
    "Baseline": "Capaian pada tahun awal perencanaan",
    "Target Akhir Renstra": "Target kondisi akhir periode Renstra",
    "Standar Nasional": "Standar nasional bila ada; kosongkan bila tidak ada",
    "Kode Indikator Tujuan": "Boleh kosong. Kode indikator tujuan (lembar Tujuan) yang didukung sasaran ini, misalnya IK.1; dipakai tabel Perjanjian Kinerja.",
    "Akumulasi": AKUMULASI_HELP,
}
PROGRAM_HELP = {
    "Kode": "Kode nomenklatur (Kepmendagri 050-5889/2021) sebagai TEKS: program 3.30.03, kegiatan 3.30.03.2.01, sub kegiatan 3.30.03.2.01.01 atau 3.30.03.2.01.0001. Program nomor 01 (2.15.01, X.XX.01) adalah program penunjang.",
    "Uraian": "Nama program / kegiatan / sub kegiatan",
    "Indikator": "Indikator kinerja. Kode dengan beberapa indikator ditulis di beberapa baris (kode sama, indikator berbeda).",
    "Satuan": "Satuan target: %, pasar, bulan, item, kali, …",
    "Polaritas": "Positif (makin tinggi makin baik), Negatif (makin rendah makin baik) atau Stabil (target rentang, misalnya 80-90). Kosong berarti Positif.",
    "Kode Sasaran": "Kode sasaran yang didukung. Diisi pada program; kegiatan dan sub kegiatan mewarisinya, kecuali diisi sendiri (kegiatan yang mendukung sasaran lain). Kosong untuk program penunjang.",
    "Bidang": "Kode bidang penanggung jawab baris ini (lihat lembar Bidang). Kegiatan satu program boleh dipegang bidang berbeda.",
    "Jenis": "Boleh kosong: program nomor 01 (2.15.01, X.XX.01) tanpa Kode Sasaran dianggap Penunjang, lainnya Pendukung Sasaran. Isi 'Penunjang' atau 'Pendukung Sasaran' bila berbeda.",
    "Akumulasi": AKUMULASI_HELP,
    "Baseline": "Boleh kosong. Capaian indikator pada tahun awal perencanaan (Tabel 6.1 Renstra kolom 6)",
    "Lokasi": "Boleh kosong. Lokasi kegiatan (Tabel 6.1 Renstra kolom 21)",
}


def write_renstra(path: Path, data: dict[str, Any] | None = None, *, years: list[int] | None = None,
                  created: dt.datetime | None = None) -> Path:
    """Write a Renstra workbook: blank (``data`` is ``None``) or filled from ``data``."""
    if data is not None:
        years = [int(y) for y in data["tahun"]]
    if not years:
        raise ValueError("years are needed for a blank Renstra")
    created = created or dt.datetime(years[0], 1, 1)
    instansi = dict((data or {}).get("instansi", {}))
    instansi.setdefault("Periode Renstra", f"{years[0]}-{years[-1]}")

    def build(wb: Any) -> None:
        styles = Styles(wb)
        _petunjuk(wb, styles, years)
        _instansi(wb, styles, instansi)
        _instansi_sender(wb, styles, instansi)
        _bidang(wb, styles, (data or {}).get("bidang", []))
        _sasaran(wb, styles, years, (data or {}).get("iku", []))
        _program(wb, styles, years, (data or {}).get("program", []))
        _riwayat(wb, styles, (data or {}).get("iku", []))
        _tujuan(wb, styles, years, (data or {}).get("tujuan", []))
        _rencana_aksi(wb, styles, (data or {}).get("rencana_aksi", []))

    title = f"Renstra {instansi.get('Singkatan') or instansi.get('Nama Instansi') or ''} {years[0]}-{years[-1]}".strip()
    return write_xlsx(path, build, created=created, properties={
        "title": title,
        "subject": "Rencana Strategis (master untuk lakip-xl)",
        "author": instansi.get("Nama Instansi", ""),
        "comments": "Dibuat dengan lakip-xl",
    })


# --------------------------------------------------------------------------- #


def _num(ws: Any, r: int, c: int, value: Any, fmt: Any) -> None:
    if value is None or value == "":
        ws.write_blank(r, c, None, fmt)
    elif isinstance(value, str) and not _NUMBER.match(value):  # "80-90", "< 5%": as typed
        ws.write_string(r, c, value, fmt)
    else:
        ws.write_number(r, c, float(Decimal(str(value))), fmt)


_NUMBER = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$")


def _text(ws: Any, r: int, c: int, value: Any, fmt: Any) -> None:
    if value is None or value == "":
        ws.write_blank(r, c, None, fmt)
    else:
        ws.write_string(r, c, str(value), fmt)


def _sheet_head(ws: Any, styles: Styles, title: str, note: str, headers: list[str], help_: dict[str, str],
                widths: dict[str, float]) -> None:
    ws.write_string(0, 0, title, styles["title_left"])
    ws.write_string(1, 0, note, styles["note"])
    for c, h in enumerate(headers):
        ws.write_string(HEADER_ROW, c, h, styles["header"])
        key = h if h in help_ else _year_label(h)
        if key in help_:
            ws.write_comment(HEADER_ROW, c, help_[key], {"x_scale": 2, "y_scale": 1.4})
        ws.set_column(c, c, widths.get(h, widths.get(_year_label(h), 12)))
    ws.set_row(HEADER_ROW, 30)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.autofilter(HEADER_ROW, 0, HEADER_ROW, len(headers) - 1)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)


def _year_label(h: str) -> str:
    head, _, tail = h.rpartition(" ")
    return f"{head} <tahun>" if tail.isdigit() else h


YEAR_HELP = {
    "Target <tahun>": "Target tahun itu. Angka (5,88) atau teks seperti '5,88%', '6 pasar', '< 5%' ('<' berarti Negatif bila Polaritas kosong), atau rentang '80-90' (Polaritas Stabil; '≥ 80' dan '≤ 5' juga rentang bila Polaritas Stabil).",
    "Pagu <tahun>": "Pendanaan indikatif Renstra tahun itu (Rupiah). Pagu DPA yang sebenarnya diisi bidang di laporannya.",
}


def _petunjuk(wb: Any, styles: Styles, years: list[int]) -> None:
    ws = Checked(wb.add_worksheet("Petunjuk"))
    petunjuk.write_sheet(ws, styles, "Petunjuk Pengisian Renstra", petunjuk.renstra_lines(years))


def _instansi(wb: Any, styles: Styles, instansi: dict[str, Any]) -> None:
    ws = Checked(wb.add_worksheet("Instansi"))
    ws.write_string(0, 0, "Identitas Instansi", styles["title_left"])
    ws.write_string(1, 0, "Isi kolom Nilai. Jangan ubah tulisan di kolom Atribut.", styles["note"])
    for c, h in enumerate(["Atribut", "Nilai", "Keterangan"]):
        ws.write_string(HEADER_ROW, c, h, styles["header"])
    for i, (attr, help_text) in enumerate(INSTANSI_ATTRS, start=HEADER_ROW + 1):
        ws.write_string(i, 0, attr, styles["text_bold"])
        _text(ws, i, 1, instansi.get(attr), styles["input"])
        ws.write_string(i, 2, help_text, styles["note_plain"])
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 60, styles["input"])
    ws.set_column(2, 2, 70)
    ws.freeze_panes(HEADER_ROW + 1, 0)


#: the sender row of the Instansi sheet (optional; ``lakip template --surel`` writes drafts from it)
SENDER_ATTR = ("Surel Pengirim", "Boleh kosong. Alamat surel sekretariat yang mengirim templat dan menerima laporan, "
                                 "misalnya perencanaan@dkump.pontianak.go.id (pengirim draf surel lakip-xl)")
BIDANG_HELP = {
    "Kode Bidang": "Kode singkat unit, misalnya DAG. Tidak boleh ganda.",
    "Nama Bidang": "Nama unit, misalnya Bidang Perdagangan",
    "Surel": "Boleh kosong. Alamat surel unit untuk templat dan perbaikan, misalnya pasar@dkump.go.id; "
             "beberapa alamat dipisah titik koma.",
    "Penanggung Jawab": "Boleh kosong. Nama pengisi laporan unit (sapaan di draf surel).",
}


def _instansi_sender(wb: Any, styles: Styles, instansi: dict[str, Any]) -> None:
    """The ``Surel Pengirim`` row, below the rows already on the Instansi sheet."""
    ws = Checked(wb.get_worksheet_by_name("Instansi"))
    r = wb.get_worksheet_by_name("Instansi").dim_rowmax + 1
    ws.write_string(r, 0, SENDER_ATTR[0], styles["text_bold"])
    _text(ws, r, 1, instansi.get(SENDER_ATTR[0]), styles["input"])
    ws.write_string(r, 2, SENDER_ATTR[1], styles["note_plain"])


def _bidang(wb: Any, styles: Styles, bidang: list[dict[str, str]]) -> None:
    ws = Checked(wb.add_worksheet("Bidang"))
    _sheet_head(ws, styles, "Unit Pelapor (Bidang)",
                "Satu baris per unit yang mengirim laporan (sekretariat, bidang, UPT). Kode Bidang dipakai di lembar lain.",
                list(BIDANG_HELP), BIDANG_HELP,
                {"Kode Bidang": 16, "Nama Bidang": 48, "Surel": 36, "Penanggung Jawab": 30})
    r = HEADER_ROW + 1
    for b in bidang:
        ws.write_string(r, 0, b["kode"], styles["code"])
        ws.write_string(r, 1, b["nama"], styles["text"])
        _text(ws, r, 2, b.get("surel"), styles["text"])
        _text(ws, r, 3, b.get("penanggung_jawab"), styles["text"])
        r += 1
    ws.set_column(0, 0, 16, styles["code"])


def _bidang_list_validation(ws: Any, first: int, col: int) -> None:
    ws.data_validation(first, col, first + BLANK_ROWS + 500, col, {
        "validate": "list", "source": f"=Bidang!$A${HEADER_ROW + 2}:$A${HEADER_ROW + 201}",
        "input_title": "Bidang", "input_message": "Pilih kode bidang dari lembar Bidang.",
        "error_type": "warning", "error_title": "Bidang tidak dikenal",
        "error_message": "Kode ini tidak ada di lembar Bidang. Tambahkan dulu di lembar Bidang.",
    })


def _polaritas_validation(ws: Any, first: int, col: int) -> None:
    ws.data_validation(first, col, first + BLANK_ROWS + 500, col, {
        "validate": "list", "source": ["Positif", "Negatif", "Stabil"],
        "input_title": "Polaritas", "input_message": "Positif: makin tinggi makin baik. Negatif: makin rendah makin baik. Stabil: target rentang.",
    })


def _akumulasi_validation(ws: Any, first: int, col: int) -> None:
    ws.data_validation(first, col, first + BLANK_ROWS + 500, col, {
        "validate": "list", "source": list(AKUMULASI),
        "input_title": "Akumulasi", "input_message": AKUMULASI_HELP[:MAX_VALIDATION_MESSAGE],
    })


def _sasaran(wb: Any, styles: Styles, years: list[int], rows: list[dict[str, Any]]) -> None:
    ws = Checked(wb.add_worksheet("Sasaran"))
    headers = (["Kode Tujuan", "Tujuan", "Kode Sasaran", "Sasaran Strategis", "Kode Indikator",
                "Indikator Kinerja", "Satuan", "Polaritas", "Bidang", "Baseline"]
               + [f"Target {y}" for y in years] + ["Target Akhir Renstra", "Standar Nasional",
                                                   "Kode Indikator Tujuan", "Akumulasi"])
    _sheet_head(ws, styles, "Sasaran Strategis dan Indikator Kinerja Utama (IKU)",
                "Satu baris per IKU. Target ditulis angka; satuan di kolom Satuan.",
                headers, {**SASARAN_HELP, **YEAR_HELP},
                {"Tujuan": 30, "Sasaran Strategis": 36, "Indikator Kinerja": 44, "Kode Indikator": 12,
                 "Kode Tujuan": 10, "Kode Sasaran": 10, "Satuan": 9, "Polaritas": 10, "Bidang": 9})
    first = HEADER_ROW + 1
    for c in (0, 2, 4, 8):
        ws.set_column(c, c, None, styles["code"])
    for r, row in enumerate(rows, start=first):
        for c, key in enumerate(["kode_tujuan", "tujuan", "kode_sasaran", "sasaran", "kode_indikator",
                                 "indikator", "satuan", "polaritas", "bidang"]):
            _text(ws, r, c, row.get(key), styles["code" if key.startswith("kode") or key == "bidang" else "text"])
        _num(ws, r, 9, row.get("baseline"), styles["number"])
        for i, y in enumerate(years):
            _num(ws, r, 10 + i, (row.get("target") or {}).get(str(y)), styles["number"])
        _num(ws, r, 10 + len(years), row.get("target_akhir"), styles["number"])
        _num(ws, r, 11 + len(years), row.get("standar_nasional"), styles["number"])
        _text(ws, r, 12 + len(years), row.get("kode_indikator_tujuan"), styles["code"])
        _text(ws, r, 13 + len(years), row.get("akumulasi"), styles["text"])
    _polaritas_validation(ws, first, 7)
    _bidang_list_validation(ws, first, 8)
    _akumulasi_validation(ws, first, 13 + len(years))


def _program(wb: Any, styles: Styles, years: list[int], rows: list[dict[str, Any]]) -> None:
    ws = Checked(wb.add_worksheet("Program"))
    headers = ["Kode", "Uraian", "Indikator", "Satuan", "Polaritas", "Kode Sasaran", "Bidang", "Jenis"]
    for y in years:
        headers += [f"Target {y}", f"Pagu {y}"]
    headers += ["Akumulasi", "Baseline", "Lokasi"]
    _sheet_head(ws, styles, "Program, Kegiatan dan Sub Kegiatan (Tabel 6.1 Renstra)",
                "Satu baris per indikator. Tingkat dan induk dibaca dari Kode (3, 5 atau 6 bagian).",
                headers, {**PROGRAM_HELP, **YEAR_HELP},
                {"Kode": 16, "Uraian": 40, "Indikator": 44, "Satuan": 9, "Polaritas": 10, "Kode Sasaran": 10,
                 "Bidang": 9, "Jenis": 12, "Pagu <tahun>": 16})
    ws.set_column(0, 0, 16, styles["code"])
    first = HEADER_ROW + 1
    for r, row in enumerate(rows, start=first):
        level = {3: "program", 5: "kegiatan"}.get(str(row["kode"]).count(".") + 1)
        ws.write_string(r, 0, row["kode"], styles.level("code", level))
        for c, key in enumerate(["uraian", "indikator", "satuan", "polaritas", "kode_sasaran", "bidang", "jenis"],
                                start=1):
            _text(ws, r, c, row.get(key), styles.level("code" if key in ("kode_sasaran", "bidang") else "text", level))
        for i, y in enumerate(years):
            _num(ws, r, 8 + 2 * i, (row.get("target") or {}).get(str(y)), styles.level("number", level))
            _num(ws, r, 9 + 2 * i, (row.get("pagu") or {}).get(str(y)), styles.level("rupiah", level))
        _text(ws, r, 8 + 2 * len(years), row.get("akumulasi"), styles.level("text", level))
        _num(ws, r, 9 + 2 * len(years), row.get("baseline"), styles.level("number", level))
        _text(ws, r, 10 + 2 * len(years), row.get("lokasi"), styles.level("text", level))
    _polaritas_validation(ws, first, 4)
    _akumulasi_validation(ws, first, 8 + 2 * len(years))
    _bidang_list_validation(ws, first, 6)
    ws.data_validation(first, 7, first + BLANK_ROWS + 500, 7, {
        "validate": "list", "source": ["Penunjang", "Pendukung Sasaran"],
        "input_title": "Jenis", "input_message": PROGRAM_HELP["Jenis"][:MAX_VALIDATION_MESSAGE],
    })


def _riwayat(wb: Any, styles: Styles, iku: list[dict[str, Any]]) -> None:
    ws = Checked(wb.add_worksheet("Riwayat"))
    _sheet_head(ws, styles, "Realisasi Tahun-Tahun Sebelumnya",
                "Untuk tabel perbandingan dengan tahun sebelumnya (Tabel III.3 dan sejenisnya). Satu baris per IKU per tahun.",
                ["Kode Indikator", "Tahun", "Realisasi"],
                {"Kode Indikator": "Kode IKU dari lembar Sasaran", "Tahun": "Tahun realisasi, misalnya 2020",
                 "Realisasi": "Realisasi IKU tahun itu"},
                {"Kode Indikator": 16, "Tahun": 10, "Realisasi": 14})
    r = HEADER_ROW + 1
    for row in iku:
        for year, value in sorted((row.get("riwayat") or {}).items()):
            if value is None:
                continue
            ws.write_string(r, 0, row["kode_indikator"], styles["code"])
            ws.write_number(r, 1, int(year), styles["integer"])
            _num(ws, r, 2, value, styles["number"])
            r += 1


def _rencana_aksi(wb: Any, styles: Styles, rows: list[dict[str, Any]]) -> None:
    ws = Checked(wb.add_worksheet("Rencana Aksi"))
    headers = (["Tahun", "Kode", "Indikator"] + [f"Target TW {q}" for q in QUARTERS]
               + [f"Anggaran Kas TW {q}" for q in QUARTERS])
    _sheet_head(ws, styles, "Rencana Aksi (target dan anggaran kas per triwulan)",
                "Boleh kosong. Satu baris per indikator per tahun: target kumulatif sampai triwulan itu.",
                headers,
                {"Tahun": "Tahun, misalnya 2025", "Kode": "Kode Indikator IKU (lembar Sasaran) atau kode program, "
                 "kegiatan, sub kegiatan (lembar Program)", "Indikator": "Hanya bila kode itu punya beberapa indikator",
                 **{f"Target TW {q}": f"Target sampai triwulan {q} (angka atau rentang)" for q in QUARTERS},
                 **{f"Anggaran Kas TW {q}": f"Anggaran kas triwulan {q} (Rp)" for q in QUARTERS}},
                {"Tahun": 8, "Kode": 18, "Indikator": 40, **{f"Anggaran Kas TW {q}": 16 for q in QUARTERS}})
    ws.set_column(1, 1, 18, styles["code"])
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        ws.write_number(r, 0, int(row["tahun"]), styles["integer"])
        _text(ws, r, 1, row.get("kode"), styles["code"])
        _text(ws, r, 2, row.get("indikator"), styles["text"])
        for i, value in enumerate((row.get("target") or [None] * 4)[:4]):
            _num(ws, r, 3 + i, value, styles["number"])
        for i, value in enumerate((row.get("kas") or [None] * 4)[:4]):
            _num(ws, r, 7 + i, value, styles["rupiah"])


def _tujuan(wb: Any, styles: Styles, years: list[int], rows: list[dict[str, Any]]) -> None:
    ws = Checked(wb.add_worksheet("Tujuan"))
    headers = ["Kode Tujuan", "Tujuan", "Kode Indikator", "Indikator Tujuan", "Satuan", "Polaritas"] + [
        f"Target {y}" for y in years]
    _sheet_head(ws, styles, "Indikator Tujuan (Perjanjian Kinerja)",
                "Indikator tingkat tujuan yang dicantumkan di Perjanjian Kinerja bersama anggaran program.",
                headers, {"Kode Indikator": "Kode indikator tujuan, misalnya IK.1 (dipakai Perjanjian Kinerja)",
                          "Indikator Tujuan": "Nama indikator tujuan", **SASARAN_HELP, **YEAR_HELP},
                {"Tujuan": 36, "Indikator Tujuan": 44})
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        for c, key in enumerate(["kode_tujuan", "tujuan", "kode_indikator", "indikator", "satuan", "polaritas"]):
            _text(ws, r, c, row.get(key), styles["code" if key.startswith("kode") else "text"])
        for i, y in enumerate(years):
            _num(ws, r, 6 + i, (row.get("target") or {}).get(str(y)), styles["number"])
    _polaritas_validation(ws, HEADER_ROW + 1, 5)
