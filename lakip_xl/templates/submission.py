"""Per-bidang submission templates, prefilled from the Renstra.

One workbook per unit and year: ``Identitas``, ``IKU`` and ``Program`` as the
contract names them, plus ``Petunjuk``. Everything that comes from the
Renstra is locked (sheet protection without a password); the cells a clerk
fills are yellow, unlocked, and carry data validation with an input message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from lakip_xl import TEMPLATE_VERSION
from lakip_xl.model import Bidang, Iku, ProgramRow, Renstra
from lakip_xl.measures import Range
from lakip_xl.output import safe_filename, write_xlsx
from lakip_xl.parallel import map_ordered
from lakip_xl.excel import MAX_VALIDATION_MESSAGE, MAX_VALIDATION_TITLE, column_letters
from lakip_xl.parse import code_parent
from lakip_xl.xlsx.sheet import Checked
from lakip_xl.xlsx.style import Styles, page_setup
from lakip_xl.templates import petunjuk

HEADER_ROW = 3

IKU_HEADERS = ["Kode Indikator", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Polaritas",
               "Target", "Realisasi", "Penyebab", "Solusi"]
IKU_WIDTHS = [12, 30, 36, 9, 10, 11, 12, 45, 45]
PROGRAM_HEADERS = ["Kode", "Uraian", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi",
                   "Pagu Indikatif Renstra", "Pagu", "Realisasi Anggaran", "Penjelasan"]
PROGRAM_WIDTHS = [17, 38, 38, 9, 10, 10, 11, 17, 17, 17, 45]
IDENTITAS_ROWS = ["Instansi", "Bidang", "Nama Bidang", "Tahun", "Versi Templat", "Disusun Oleh", "Jabatan",
                  "Tanggal", "Kontak"]
PROTECT_OPTIONS = {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                   "select_unlocked_cells": True, "autofilter": True, "sort": False}
#: Property that marks a workbook as a lakip-xl template (read by nothing; for people and audits).
TEMPLATE_PROPERTY = "Templat lakip-xl"


def template_filename(tahun: int, kode: str, nama: str) -> str:
    """``LAKIP_2021_PSR_Bidang_Pasar.xlsx``: made safe, whatever the Renstra's code and name hold."""
    return f"LAKIP_{tahun}_{safe_filename(kode)}_{safe_filename(nama, 'Bidang')}.xlsx"


def template_paths(renstra: Renstra, tahun: int, out_dir: Path, codes: list[str]) -> dict[str, Path]:
    """Unit code → its template's path in ``out_dir``; two units whose names read alike get ``_2``, ``_3``."""
    out: dict[str, Path] = {}
    taken: set[str] = set()
    for kode in codes:
        b = renstra.bidang[kode]
        name = template_filename(tahun, b.kode, b.nama)
        stem, n = name[:-5], 2
        while name.lower() in taken:
            name, n = f"{stem}_{n}.xlsx", n + 1
        taken.add(name.lower())
        out[kode] = out_dir / name
    return out


@dataclass
class UnitRows:
    """What one unit's template lists: its IKU, its programme rows, and the context it needs."""

    iku: list[Iku]
    #: the unit's own rows and, before them, the parent rows of another unit that they need, in Renstra order
    program: list[ProgramRow]
    #: ``id`` of the rows in :attr:`program` that belong to another unit (shown locked, not filled)
    context: set[int] = field(default_factory=set)
    #: own parent codes with a child of another unit: their sums are made at consolidation, not in the template
    shared: set[str] = field(default_factory=set)
    #: context code → the name of the unit that owns it
    owners: dict[str, str] = field(default_factory=dict)


def unit_rows(renstra: Renstra, kode_bidang: str) -> UnitRows:
    """The rows a unit reports, in Renstra order, with the parents another unit owns as context.

    Every programme row of the unit is included, planned that year or not: the
    DPA may fund a sub kegiatan the Renstra gave no target or pagu that year,
    and its budget must still have a cell.
    """
    iku, own = renstra.rows_of_unit(kode_bidang)
    tree = renstra.tree
    own_codes = {p.kode for p in own}
    needed: set[str] = set()
    for code in own_codes:
        parent = tree[code].parent
        while parent is not None and parent not in own_codes:
            needed.add(parent)
            parent = tree[parent].parent
    context_rows = [row for code in needed for row in tree[code].rows]
    keep = {id(p) for p in own} | {id(p) for p in context_rows}
    program = [p for p in renstra.program if id(p) in keep]
    shared = {code for code in own_codes if any(tree[leaf].bidang != kode_bidang for leaf in tree.leaves_under(code))}
    owners = {code: _unit_name(renstra, tree[code].bidang) for code in needed}
    return UnitRows(iku, program, {id(p) for p in context_rows}, shared, owners)


def _unit_name(renstra: Renstra, kode: str) -> str:
    b = renstra.bidang.get(kode)
    return b.nama if b else kode


def write_templates(renstra: Renstra, tahun: int, out_dir: Path, bidang: list[str] | None = None,
                    progress: Any = None, workers: int | None = None) -> list[Path]:
    """One template per unit of the Renstra (or of ``bidang``); returns the paths written."""
    codes = bidang or list(renstra.bidang)
    paths = template_paths(renstra, tahun, out_dir, codes)
    # Each job carries only its unit's part of the Renstra (what a worker process receives).
    jobs = [(renstra.nama_instansi, renstra.bidang[kode], unit_rows(renstra, kode), tahun, paths[kode])
            for kode in codes]
    return map_ordered(_write_job, jobs, progress=progress, workers=workers, chunksize=4)


def _write_job(job: tuple[str, Bidang, UnitRows, int, Path]) -> Path:
    return _write(*job)


def write_template(renstra: Renstra, kode_bidang: str, tahun: int, path: Path) -> Path:
    return _write(renstra.nama_instansi, renstra.bidang[kode_bidang], unit_rows(renstra, kode_bidang), tahun, path)


def _write(instansi: str, b: Bidang, rows: UnitRows, tahun: int, path: Path) -> Path:
    def build(wb: Any) -> None:
        styles = Styles(wb)
        wb.set_custom_property(TEMPLATE_PROPERTY, TEMPLATE_VERSION)
        ws = Checked(wb.add_worksheet("Petunjuk"))
        petunjuk.write_sheet(ws, styles, f"Petunjuk Pengisian Laporan Kinerja {tahun}",
                             petunjuk.submission_lines(b.nama, tahun, instansi))
        _identitas(wb, styles, instansi, b.kode, b.nama, tahun)
        _iku(wb, styles, rows.iku, tahun, b.nama)
        _program(wb, styles, rows, tahun, b.nama)

    return write_xlsx(path, build, created=dt.datetime(tahun, 1, 1), inside=path.parent, properties={
        "title": f"Laporan Kinerja {tahun} - {b.nama}",
        "subject": f"Templat laporan kinerja {tahun} ({TEMPLATE_VERSION})",
        "author": instansi,
        "company": instansi,
        "comments": "Dibuat dengan lakip-xl. Isi sel kuning, lalu kirim kembali ke Subbag Perencanaan.",
    })


# --------------------------------------------------------------------------- #


def _title(ws: Any, styles: Styles, title: str, note: str, ncols: int) -> None:
    ws.merge_range(0, 0, 0, ncols - 1, title, styles["title_left"])
    ws.merge_range(1, 0, 1, ncols - 1, note, styles["note"])
    ws.set_row(0, 22)
    ws.set_row(1, 30)


def _headers(ws: Any, styles: Styles, headers: list[str], widths: list[int]) -> None:
    for c, (h, w) in enumerate(zip(headers, widths)):
        ws.write_string(HEADER_ROW, c, h, styles["header"])
        ws.set_column(c, c, w)
    ws.set_row(HEADER_ROW, 32)


def _identitas(wb: Any, styles: Styles, instansi: str, kode: str, nama: str, tahun: int) -> None:
    ws = Checked(wb.add_worksheet("Identitas"))
    _title(ws, styles, f"Laporan Kinerja Tahun {tahun} — {nama}", instansi, 3)
    _headers(ws, styles, ["Atribut", "Nilai", "Keterangan"], [18, 50, 60])
    values: dict[str, Any] = {
        "Instansi": instansi, "Bidang": kode, "Nama Bidang": nama, "Tahun": tahun,
        "Versi Templat": TEMPLATE_VERSION,
    }
    notes = {
        "Bidang": "Kode unit; dari Renstra, jangan diubah.",
        "Tahun": "Tahun laporan; jangan diubah.",
        "Disusun Oleh": "Nama penyusun laporan ini.",
        "Jabatan": "Jabatan penyusun.",
        "Tanggal": "Tanggal pengisian (hh-bb-tttt).",
        "Kontak": "Nomor telepon atau surel yang bisa dihubungi bila ada pertanyaan.",
    }
    for r, attr in enumerate(IDENTITAS_ROWS, start=HEADER_ROW + 1):
        ws.write_string(r, 0, attr, styles["text_bold"])
        if attr in values:
            value = values[attr]
            if isinstance(value, int):
                ws.write_number(r, 1, value, styles["locked_text"])
            else:
                ws.write_string(r, 1, str(value), styles["locked_text"])
        elif attr == "Tanggal":
            ws.write_blank(r, 1, None, styles["input_date"])
            ws.data_validation(r, 1, r, 1, {
                "validate": "date", "criteria": ">=", "value": dt.date(tahun, 1, 1),
                "input_title": "Tanggal", "input_message": "Tanggal pengisian, misalnya 15-01-" + str(tahun + 1),
                "error_title": "Bukan tanggal", "error_message": "Ketik tanggal, misalnya 15-01-" + str(tahun + 1),
            })
        else:
            ws.write_blank(r, 1, None, styles["input"])
            ws.data_validation(r, 1, r, 1, {"validate": "any", "input_title": attr,
                                            "input_message": notes.get(attr, "")[:MAX_VALIDATION_MESSAGE]})
        ws.write_string(r, 2, notes.get(attr, ""), styles["note_plain"])
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.protect("", PROTECT_OPTIONS)
    page_setup(ws, repeat_rows=(HEADER_ROW, HEADER_ROW), footer_title=f"Identitas — {nama} {tahun}")


def _number_validation(ws: Any, r: int, c: int, title: str, message: str) -> None:
    ws.data_validation(r, c, r, c, {
        "validate": "decimal", "criteria": ">=", "value": 0, "ignore_blank": True,
        "input_title": title[:MAX_VALIDATION_TITLE], "input_message": message[:MAX_VALIDATION_MESSAGE],
        "error_title": "Harus angka", "error_message": "Isi dengan angka 0 atau lebih (koma untuk desimal), atau kosongkan bila belum ada data.",
    })


def _text_prompt(ws: Any, r0: int, r1: int, c: int, title: str, message: str) -> None:
    ws.data_validation(r0, c, r1, c, {"validate": "any", "input_title": title[:MAX_VALIDATION_TITLE],
                                      "input_message": message[:MAX_VALIDATION_MESSAGE]})


def _num(ws: Any, r: int, c: int, value: Decimal | Range | None, fmt: Any) -> None:
    if value is None:
        ws.write_blank(r, c, None, fmt)
    elif isinstance(value, Range):  # a Stabil target: "80–90", "≥ 80", read back by parse_range
        ws.write_string(r, c, str(value), fmt)
    else:
        ws.write_number(r, c, float(value), fmt)


def _iku(wb: Any, styles: Styles, iku: list[Iku], tahun: int, nama: str) -> None:
    ws = Checked(wb.add_worksheet("IKU"))
    n = len(IKU_HEADERS)
    note = ("Isi sel kuning: Realisasi, Penyebab dan Solusi. Sel abu-abu dari Renstra."
            if iku else f"{nama} tidak memegang indikator kinerja utama (IKU) pada Renstra; lembar ini dibiarkan kosong.")
    _title(ws, styles, f"Indikator Kinerja Utama (IKU) — {nama} — Tahun {tahun}", note, n)
    _headers(ws, styles, IKU_HEADERS, IKU_WIDTHS)
    first = HEADER_ROW + 1
    for r, row in enumerate(iku, start=first):
        ws.write_string(r, 0, row.kode_indikator, styles["locked_code"])
        ws.write_string(r, 1, row.sasaran, styles["locked_text"])
        ws.write_string(r, 2, row.indikator, styles["locked_text"])
        ws.write_string(r, 3, row.satuan or "", styles["locked_text"])
        ws.write_string(r, 4, row.polaritas, styles["locked_text"])
        _num(ws, r, 5, row.target(tahun), styles["locked_number"])
        ws.write_blank(r, 6, None, styles["input_number"])
        _number_validation(ws, r, 6, "Realisasi",
                           f"Realisasi {tahun} dalam {row.satuan or 'satuan indikator'}, angka saja (misal 8,57). "
                           "Kosongkan bila belum ada data; jangan isi 0.")
        ws.write_blank(r, 7, None, styles["input"])
        ws.write_blank(r, 8, None, styles["input"])
        ws.set_row(r, 45)
    if iku:
        last = first + len(iku) - 1
        _text_prompt(ws, first, last, 7, "Penyebab", "Penyebab keberhasilan/kegagalan atau peningkatan/penurunan kinerja. Pisahkan butir dengan baris baru (Alt+Enter).")
        _text_prompt(ws, first, last, 8, "Solusi", "Solusi atau upaya yang telah dilakukan. Pisahkan butir dengan baris baru (Alt+Enter).")
    ws.freeze_panes(first, 1)
    ws.protect("", PROTECT_OPTIONS)
    page_setup(ws, repeat_rows=(HEADER_ROW, HEADER_ROW), footer_title=f"IKU — {nama} {tahun}")


def _program(wb: Any, styles: Styles, unit: UnitRows, tahun: int, nama: str) -> None:
    ws = Checked(wb.add_worksheet("Program"))
    rows = unit.program
    note = ("Isi sel kuning: Realisasi setiap indikator; Pagu dan Realisasi Anggaran (DPA) pada baris terbawah "
            "(sub kegiatan); Penjelasan. Jumlah kegiatan dan program dihitung otomatis.")
    if unit.context:
        note += " Baris abu-abu bertanda 'konteks' milik unit lain: hanya untuk keterangan, tidak diisi."
    _title(ws, styles, f"Program, Kegiatan dan Sub Kegiatan — {nama} — Tahun {tahun}", note, len(PROGRAM_HEADERS))
    _headers(ws, styles, PROGRAM_HEADERS, PROGRAM_WIDTHS)
    first = HEADER_ROW + 1
    codes = [p.kode for p in rows]
    children: dict[str, list[str]] = {}
    for code in dict.fromkeys(codes):
        parent = code_parent(code)
        if parent in codes:
            children.setdefault(parent, []).append(code)
    first_row_of: dict[str, int] = {}
    for r, p in enumerate(rows, start=first):
        first_row_of.setdefault(p.kode, r)
    for r, p in enumerate(rows, start=first):
        _program_row(ws, styles, unit, p, r, first_row_of, children, tahun)
    if rows:
        _text_prompt(ws, first, first + len(rows) - 1, 10, "Penjelasan",
                     "Penjelasan gagal/berhasil. Bila dikosongkan, kalimat penjelasan dibuat otomatis dari angka.")
    ws.freeze_panes(first, 2)
    ws.protect("", PROTECT_OPTIONS)
    page_setup(ws, repeat_rows=(HEADER_ROW, HEADER_ROW), footer_title=f"Program — {nama} {tahun}")


def _program_row(ws: Any, styles: Styles, unit: UnitRows, p: ProgramRow, r: int, first_row_of: dict[str, int],
                 children: dict[str, list[str]], tahun: int) -> None:
    """One indicator row: the Renstra's cells locked; the unit's inputs unlocked (none on a context row)."""
    level = p.level
    is_first = first_row_of[p.kode] == r
    context = id(p) in unit.context
    uraian = p.uraian if is_first else ""
    if context and is_first:
        uraian = f"{uraian}\n(konteks: milik {unit.owners.get(p.kode, '-')})"
    locked_rp = styles.level("locked_rupiah", level)
    ws.write_string(r, 0, p.kode, styles.level("locked_code", level))
    ws.write_string(r, 1, uraian, styles.level("locked_text", level))
    ws.write_string(r, 2, p.indikator or "", styles.level("locked_text", level))
    ws.write_string(r, 3, p.satuan or "", styles.level("locked_text", level))
    ws.write_string(r, 4, p.polaritas, styles.level("locked_text", level))
    _num(ws, r, 5, p.targets.get(tahun), styles.level("locked_number", level))
    _num(ws, r, 7, p.pagu.get(tahun) if is_first else None, locked_rp)
    ws.set_row(r, 42 if level != "sub_kegiatan" else 36)
    if context:
        for c in (6, 8, 9, 10):
            ws.write_blank(r, c, None, locked_rp if c in (8, 9) else styles.level("locked_text", level))
        return
    ws.write_blank(r, 6, None, styles["input_number"])
    _number_validation(ws, r, 6, "Realisasi",
                       f"Realisasi {tahun} dalam {p.satuan or 'satuan indikator'}, angka saja. "
                       "Kosongkan bila belum ada data; jangan isi 0.")
    if not is_first or p.kode in unit.shared:
        # a second indicator row holds no budget; a parent shared with another unit is summed at
        # consolidation (a sum over this unit's rows alone would not be the parent's amount)
        ws.write_blank(r, 8, None, locked_rp)
        ws.write_blank(r, 9, None, locked_rp)
    elif p.kode in children:
        for c in (8, 9):
            col = column_letters(c)
            refs = ",".join(f"{col}{first_row_of[k] + 1}" for k in children[p.kode])
            ws.write_formula(r, c, f"=SUM({refs})", locked_rp, 0)
    else:
        for c, title in ((8, "Pagu"), (9, "Realisasi Anggaran")):
            ws.write_blank(r, c, None, styles["input_rupiah"])
            _number_validation(ws, r, c, title,
                               f"{title} {tahun} menurut DPA (setelah perubahan), dalam Rupiah tanpa titik, misal 38940000.")
    ws.write_blank(r, 10, None, styles["input"])
