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
from lakip_xl.model import BELANJA_JENIS, PENDAPATAN, QUARTERS, Bidang, Iku, ProgramRow, RencanaAksi, Renstra
from lakip_xl.measures import Categorical, Range
from lakip_xl.output import safe_filename, write_xlsx
from lakip_xl.parallel import map_ordered
from lakip_xl.excel import MAX_VALIDATION_MESSAGE, MAX_VALIDATION_TITLE, column_letters
from lakip_xl.parse import code_parent
from lakip_xl.xlsx.sheet import Checked
from lakip_xl.xlsx.style import A3, A4, Styles, page_setup
from lakip_xl.templates import kepegawaian, petunjuk
from lakip_xl.templates.dari import Previous
from lakip_xl.templates.layout import (
    HEADER_ROW, PROTECT_OPTIONS, headers as _headers, number_validation as _number_validation,
    text_prompt as _text_prompt, title as _title,
)


IKU_HEADERS = ["Kode Indikator", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Polaritas",
               "Target", "Realisasi", "Penyebab", "Solusi"]
IKU_WIDTHS = [12, 30, 36, 9, 10, 11, 12, 45, 45]
PROGRAM_HEADERS = ["Kode", "Uraian", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi",
                   "Pagu Indikatif Renstra", "Pagu", "Realisasi Anggaran", "Penjelasan"]
PROGRAM_WIDTHS = [17, 38, 38, 9, 10, 10, 11, 17, 17, 17, 45]
IDENTITAS_ROWS = ["Instansi", "Bidang", "Nama Bidang", "Tahun", "Versi Templat", "Disusun Oleh", "Jabatan",
                  "Tanggal", "Kontak"]
#: Property that marks a workbook as a lakip-xl template (read by nothing; for people and audits).
TEMPLATE_PROPERTY = "Templat lakip-xl"


def template_filename(tahun: int, kode: str, nama: str, triwulan: int | None = None) -> str:
    """``LAKIP_2021_PSR_Bidang_Pasar.xlsx`` (``LAKIP_2021_TW2_PSR_…`` quarterly): made safe, whatever the
    Renstra's code and name hold."""
    period = f"{tahun}_TW{triwulan}" if triwulan else f"{tahun}"
    return f"LAKIP_{period}_{safe_filename(kode)}_{safe_filename(nama, 'Bidang')}.xlsx"


def template_paths(renstra: Renstra, tahun: int, out_dir: Path, codes: list[str],
                   triwulan: int | None = None) -> dict[str, Path]:
    """Unit code → its template's path in ``out_dir``; two units whose names read alike get ``_2``, ``_3``."""
    out: dict[str, Path] = {}
    taken: set[str] = set()
    for kode in codes:
        b = renstra.bidang[kode]
        name = template_filename(tahun, b.kode, b.nama, triwulan)
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
    #: the Rencana Aksi of the year of these rows, by :attr:`ProgramRow.key` / ``(Kode Indikator, "")``
    plans: dict[tuple[str, str], RencanaAksi] = field(default_factory=dict)
    #: ``--dari``: the quarters a previous consolidation holds (shown filled and locked), by the same keys
    prior: dict[tuple[str, str], tuple] = field(default_factory=dict)
    #: ``--dari``: realisasi anggaran of those quarters, by code
    prior_money: dict[str, tuple] = field(default_factory=dict)
    #: the unit reports the agency-wide sheets (``Keuangan``: pendapatan and belanja per jenis; the four
    #: ``Pegawai …`` sheets: staff counts): the Program Penunjang's owner, the Sekretariat
    sekretariat: bool = False
    #: names of every unit (sheet Pegawai Golongan lists them)
    units: list[str] = field(default_factory=list)


def unit_rows(renstra: Renstra, kode_bidang: str, tahun: int | None = None) -> UnitRows:
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
    plans = {}
    if tahun is not None:
        everything = renstra.rencana_aksi_of(tahun)
        wanted = {(i.kode_indikator, "") for i in iku} | {p.key for p in program}
        plans = {k: v for k, v in everything.items() if k in wanted}
    return UnitRows(iku, program, {id(p) for p in context_rows}, shared, owners, plans,
                    sekretariat=renstra.keuangan_unit() == kode_bidang,
                    units=[b.nama for b in renstra.bidang.values()])


def _with_prior(rows: UnitRows, previous: Previous | None) -> UnitRows:
    """The unit's part of ``previous``; a categorical indicator is left open (its score is not its label)."""
    if previous is None:
        return rows
    keys = {(i.kode_indikator, ""): i.targets for i in rows.iku} | {p.key: p.targets for p in rows.program}
    rows.prior = {k: v for k, v in previous.realisasi.items()
                  if k in keys and not isinstance(keys[k].get(previous.tahun), Categorical)}
    codes = {p.kode for p in rows.program}
    rows.prior_money = {k: v for k, v in previous.anggaran.items() if k in codes}
    return rows


def _unit_name(renstra: Renstra, kode: str) -> str:
    b = renstra.bidang.get(kode)
    return b.nama if b else kode


def write_templates(renstra: Renstra, tahun: int, out_dir: Path, bidang: list[str] | None = None,
                    progress: Any = None, workers: int | None = None, triwulan: int | None = None,
                    previous: Previous | None = None) -> list[Path]:
    """One template per unit of the Renstra (or of ``bidang``); returns the paths written.

    ``triwulan``: a quarterly template with realisasi columns for TW I … that quarter; ``previous``
    (``--dari``): the earlier quarters a consolidation holds, shown filled and locked.
    """
    codes = bidang or list(renstra.bidang)
    paths = template_paths(renstra, tahun, out_dir, codes, triwulan)
    # Each job carries only its unit's part of the Renstra (what a worker process receives).
    jobs = [(renstra.nama_instansi, renstra.bidang[kode], _with_prior(unit_rows(renstra, kode, tahun), previous),
             tahun, paths[kode], triwulan) for kode in codes]
    return map_ordered(_write_job, jobs, progress=progress, workers=workers, chunksize=4)


def _write_job(job: tuple[str, Bidang, UnitRows, int, Path, int | None]) -> Path:
    return _write(*job)


def write_template(renstra: Renstra, kode_bidang: str, tahun: int, path: Path, triwulan: int | None = None) -> Path:
    return _write(renstra.nama_instansi, renstra.bidang[kode_bidang], unit_rows(renstra, kode_bidang, tahun), tahun,
                  path, triwulan)


def _write(instansi: str, b: Bidang, rows: UnitRows, tahun: int, path: Path, triwulan: int | None = None) -> Path:
    def build(wb: Any) -> None:
        styles = Styles(wb)
        wb.set_custom_property(TEMPLATE_PROPERTY, TEMPLATE_VERSION)
        ws = Checked(wb.add_worksheet("Petunjuk"))
        petunjuk.write_sheet(ws, styles, f"Petunjuk Pengisian Laporan Kinerja {_period(tahun, triwulan) if triwulan else tahun}",
                             petunjuk.submission_lines(b.nama, tahun, instansi, triwulan))
        _identitas(wb, styles, instansi, b.kode, b.nama, tahun, triwulan)
        _iku(wb, styles, rows.iku, tahun, b.nama, triwulan, rows.plans, rows.prior)
        _program(wb, styles, rows, tahun, b.nama, triwulan)
        if rows.sekretariat:
            _keuangan(wb, styles, tahun, b.nama)
            if not triwulan:  # staff counts are yearly (31 December)
                kepegawaian.write_sheets(wb, styles, tahun, b.nama, rows.units)

    period = f"{tahun}" if not triwulan else f"TW {QUARTERS[triwulan - 1]} {tahun}"
    return write_xlsx(path, build, created=dt.datetime(tahun, 1, 1), inside=path.parent, properties={
        "title": f"Laporan Kinerja {period} - {b.nama}",
        "subject": f"Templat laporan kinerja {period} ({TEMPLATE_VERSION})",
        "author": instansi,
        "company": instansi,
        "comments": "Dibuat dengan lakip-xl. Isi sel kuning, lalu kirim kembali ke Subbag Perencanaan.",
    })


# --------------------------------------------------------------------------- #


def _identitas(wb: Any, styles: Styles, instansi: str, kode: str, nama: str, tahun: int,
               triwulan: int | None = None) -> None:
    ws = Checked(wb.add_worksheet("Identitas"))
    _title(ws, styles, f"Laporan Kinerja Tahun {tahun} — {nama}", instansi, 3)
    _headers(ws, styles, ["Atribut", "Nilai", "Keterangan"], [18, 50, 60])
    values: dict[str, Any] = {
        "Instansi": instansi, "Bidang": kode, "Nama Bidang": nama, "Tahun": tahun,
        "Versi Templat": TEMPLATE_VERSION,
    }
    attributes = IDENTITAS_ROWS
    if triwulan:
        values["Triwulan"] = triwulan
        attributes = IDENTITAS_ROWS[:4] + ["Triwulan"] + IDENTITAS_ROWS[4:]
    notes = {
        "Bidang": "Kode unit; dari Renstra, jangan diubah.",
        "Tahun": "Tahun laporan; jangan diubah.",
        "Triwulan": "Triwulan terakhir yang dilaporkan (realisasi TW I sampai triwulan ini); jangan diubah.",
        "Disusun Oleh": "Nama penyusun laporan ini.",
        "Jabatan": "Jabatan penyusun.",
        "Tanggal": "Tanggal pengisian (hh-bb-tttt).",
        "Kontak": "Nomor telepon atau surel yang bisa dihubungi bila ada pertanyaan.",
    }
    for r, attr in enumerate(attributes, start=HEADER_ROW + 1):
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


def _num(ws: Any, r: int, c: int, value: Decimal | Range | None, fmt: Any) -> None:
    if value is None:
        ws.write_blank(r, c, None, fmt)
    elif isinstance(value, (Range, Categorical)):  # "80–90", "≥ 80", "WTP": read back by parse_range / category
        ws.write_string(r, c, str(value), fmt)
    else:
        ws.write_number(r, c, float(value), fmt)


def iku_headers(triwulan: int | None) -> list[str]:
    """The IKU sheet's columns; a quarterly template has the Rencana Aksi target and the realisasi per quarter."""
    if not triwulan:
        return IKU_HEADERS
    return IKU_HEADERS[:5] + ["Akumulasi", "Target"] + _pairs("Target s.d.", "Realisasi", triwulan) + IKU_HEADERS[7:]


def program_headers(triwulan: int | None) -> list[str]:
    """The Program sheet's columns; quarterly: targets, realisasi, anggaran kas and realisasi anggaran per quarter."""
    if not triwulan:
        return PROGRAM_HEADERS
    return (PROGRAM_HEADERS[:5] + ["Akumulasi", "Target"] + _pairs("Target s.d.", "Realisasi", triwulan)
            + ["Pagu Indikatif Renstra", "Pagu"] + _pairs("Anggaran Kas", "Realisasi Anggaran", triwulan)
            + ["Penjelasan"])


def _pairs(plan: str, real: str, triwulan: int) -> list[str]:
    return [f"{label} TW {q}" for q in QUARTERS[:triwulan] for label in (plan, real)]


def _widths(headers: list[str], base: dict[str, int]) -> list[int]:
    return [base.get(h, 17 if "Anggaran" in h or "Kas" in h else 11) for h in headers]


def _iku(wb: Any, styles: Styles, iku: list[Iku], tahun: int, nama: str, triwulan: int | None = None,
         plans: dict | None = None, prior: dict | None = None) -> None:
    ws = Checked(wb.add_worksheet("IKU"))
    headers = iku_headers(triwulan)
    col = {h: c for c, h in enumerate(headers)}
    plans, prior = plans or {}, prior or {}
    what = f"Realisasi TW I–{QUARTERS[triwulan - 1]} (masing-masing triwulan)" if triwulan else "Realisasi"
    note = (f"Isi sel kuning: {what}, Penyebab dan Solusi. Sel abu-abu dari Renstra."
            if iku else f"{nama} tidak memegang indikator kinerja utama (IKU) pada Renstra; lembar ini dibiarkan kosong.")
    _title(ws, styles, f"Indikator Kinerja Utama (IKU) — {nama} — {_period(tahun, triwulan)}", note, len(headers))
    _headers(ws, styles, headers, _widths(headers, dict(zip(IKU_HEADERS, IKU_WIDTHS))))
    first = HEADER_ROW + 1
    for r, row in enumerate(iku, start=first):
        ws.write_string(r, 0, row.kode_indikator, styles["locked_code"])
        ws.write_string(r, 1, row.sasaran, styles["locked_text"])
        ws.write_string(r, 2, row.indikator, styles["locked_text"])
        ws.write_string(r, 3, row.satuan or "", styles["locked_text"])
        ws.write_string(r, 4, row.polaritas, styles["locked_text"])
        _num(ws, r, col["Target"], row.target(tahun), styles["locked_number"])
        _realisasi(ws, styles, r, col, row.satuan, row.akumulasi, tahun, triwulan,
                   plans.get((row.kode_indikator, "")), styles["locked_number"], styles["locked_text"], " (misal 8,57)",
                   row.target(tahun), prior.get((row.kode_indikator, ""), ()))
        ws.write_blank(r, col["Penyebab"], None, styles["input"])
        ws.write_blank(r, col["Solusi"], None, styles["input"])
        ws.set_row(r, 45)
    if iku:
        last = first + len(iku) - 1
        _text_prompt(ws, first, last, col["Penyebab"], "Penyebab", "Penyebab keberhasilan/kegagalan atau peningkatan/penurunan kinerja. Pisahkan butir dengan baris baru (Alt+Enter).")
        _text_prompt(ws, first, last, col["Solusi"], "Solusi", "Solusi atau upaya yang telah dilakukan. Pisahkan butir dengan baris baru (Alt+Enter).")
    ws.freeze_panes(first, 1)
    ws.protect("", PROTECT_OPTIONS)
    page_setup(ws, repeat_rows=(HEADER_ROW, HEADER_ROW), footer_title=f"IKU — {nama} {tahun}",
               paper=A3 if triwulan else A4)  # a quarter's columns make the sheet twice as wide


def _period(tahun: int, triwulan: int | None) -> str:
    return f"Tahun {tahun}" if not triwulan else f"Triwulan {QUARTERS[triwulan - 1]} Tahun {tahun}"


def _realisasi(ws: Any, styles: Styles, r: int, col: dict[str, int], satuan: str | None, akumulasi: str,
               tahun: int, triwulan: int | None, plan: RencanaAksi | None, locked_number: Any,
               locked_text: Any, example: str = "", target: Any = None, prior: tuple = ()) -> None:
    """The realisasi input of an indicator row: one cell, or (quarterly) Akumulasi, each quarter's Rencana
    Aksi target (locked) and realisasi (input). A categorical target ("WTP") takes a category as realisasi."""
    unit = satuan or "satuan indikator"
    categorical = isinstance(target, Categorical)
    if categorical:
        akumulasi = "Terakhir"  # a category is never added up

    def validation(c: int, title: str, message: str) -> None:
        if categorical:
            _text_prompt(ws, r, r, c, title, f"Kategori yang dicapai, sejenis target ({target.label}), misalnya "
                                              "WTP/WDP/TW/TMP, AA…D atau Level 1–5.")
        else:
            _number_validation(ws, r, c, title, message)

    if not triwulan:
        ws.write_blank(r, col["Realisasi"], None, styles["input_number"])
        validation(col["Realisasi"], "Realisasi", f"Realisasi {tahun} dalam {unit}, angka saja{example}. "
                   "Kosongkan bila belum ada data; jangan isi 0.")
        return
    ws.write_string(r, col["Akumulasi"], akumulasi, locked_text)
    how = AKUMULASI_HINT.get(akumulasi, "")
    for q in range(triwulan):
        tw = QUARTERS[q]
        _num(ws, r, col[f"Target s.d. TW {tw}"], plan.targets[q] if plan is not None else None, locked_number)
        c = col[f"Realisasi TW {tw}"]
        if q < len(prior) and prior[q] is not None:  # --dari: already consolidated, shown locked
            _num(ws, r, c, prior[q], locked_number)
            continue
        ws.write_blank(r, c, None, styles["input_number"])
        validation(c, f"Realisasi TW {tw}", f"Realisasi triwulan {tw} {tahun} dalam {unit}. {how}")


#: What a clerk types in a quarter's realisasi, by the indicator's Akumulasi.
AKUMULASI_HINT = {
    "Jumlah": "Isi angka triwulan ini saja (bukan jumlah sampai triwulan ini); isi 0 bila tidak ada.",
    "Terakhir": "Isi keadaan pada akhir triwulan ini (persen, indeks, status).",
    "Rata-rata": "Isi nilai triwulan ini; kumulatifnya dirata-ratakan.",
}


def _program(wb: Any, styles: Styles, unit: UnitRows, tahun: int, nama: str, triwulan: int | None = None) -> None:
    ws = Checked(wb.add_worksheet("Program"))
    rows = unit.program
    headers = program_headers(triwulan)
    col = {h: c for c, h in enumerate(headers)}
    money = "Pagu dan Realisasi Anggaran TW I–" + QUARTERS[triwulan - 1] if triwulan else "Pagu dan Realisasi Anggaran"
    note = (f"Isi sel kuning: Realisasi setiap indikator; {money} (DPA) pada baris terbawah "
            "(sub kegiatan); Penjelasan. Jumlah kegiatan dan program dihitung otomatis.")
    if unit.context:
        note += " Baris abu-abu bertanda 'konteks' milik unit lain: hanya untuk keterangan, tidak diisi."
    _title(ws, styles, f"Program, Kegiatan dan Sub Kegiatan — {nama} — {_period(tahun, triwulan)}", note, len(headers))
    _headers(ws, styles, headers, _widths(headers, dict(zip(PROGRAM_HEADERS, PROGRAM_WIDTHS))))
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
        _program_row(ws, styles, unit, p, r, first_row_of, children, tahun, col, triwulan)
    if rows:
        _text_prompt(ws, first, first + len(rows) - 1, col["Penjelasan"], "Penjelasan",
                     "Penjelasan gagal/berhasil. Bila dikosongkan, kalimat penjelasan dibuat otomatis dari angka.")
    ws.freeze_panes(first, 2)
    ws.protect("", PROTECT_OPTIONS)
    page_setup(ws, repeat_rows=(HEADER_ROW, HEADER_ROW), footer_title=f"Program — {nama} {tahun}",
               paper=A3 if triwulan else A4)


def _program_row(ws: Any, styles: Styles, unit: UnitRows, p: ProgramRow, r: int, first_row_of: dict[str, int],
                 children: dict[str, list[str]], tahun: int, col: dict[str, int], triwulan: int | None) -> None:
    """One indicator row: the Renstra's cells locked; the unit's inputs unlocked (none on a context row)."""
    level = p.level
    is_first = first_row_of[p.kode] == r
    context = id(p) in unit.context
    uraian = p.uraian if is_first else ""
    if context and is_first:
        uraian = f"{uraian}\n(konteks: milik {unit.owners.get(p.kode, '-')})"
    locked_rp = styles.level("locked_rupiah", level)
    locked_number = styles.level("locked_number", level)
    locked_text = styles.level("locked_text", level)
    plan = unit.plans.get(p.key)
    ws.write_string(r, 0, p.kode, styles.level("locked_code", level))
    ws.write_string(r, 1, uraian, locked_text)
    ws.write_string(r, 2, p.indikator or "", locked_text)
    ws.write_string(r, 3, p.satuan or "", locked_text)
    ws.write_string(r, 4, p.polaritas, locked_text)
    _num(ws, r, col["Target"], p.targets.get(tahun), locked_number)
    _num(ws, r, col["Pagu Indikatif Renstra"], p.pagu.get(tahun) if is_first else None, locked_rp)
    ws.set_row(r, 42 if level != "sub_kegiatan" else 36)
    money = ["Pagu"] + ([f"Realisasi Anggaran TW {q}" for q in QUARTERS[:triwulan]] if triwulan
                        else ["Realisasi Anggaran"])
    kas = [f"Anggaran Kas TW {q}" for q in QUARTERS[:triwulan or 0]]
    for q, label in enumerate(kas):  # the sub kegiatan's plan, shown on its first row
        _num(ws, r, col[label], plan.kas[q] if plan is not None and is_first else None, locked_rp)
    if context:
        inputs = [c for h, c in col.items() if h.startswith("Realisasi TW") or h == "Realisasi"]
        for c in inputs + [col[h] for h in money] + [col["Penjelasan"]]:
            ws.write_blank(r, c, None, locked_rp if c in (col[h] for h in money) else locked_text)
        if triwulan:
            ws.write_string(r, col["Akumulasi"], p.akumulasi, locked_text)
            for q in range(triwulan):
                _num(ws, r, col[f"Target s.d. TW {QUARTERS[q]}"], plan.targets[q] if plan is not None else None,
                     locked_number)
        return
    _realisasi(ws, styles, r, col, p.satuan, p.akumulasi, tahun, triwulan, plan, locked_number, locked_text,
               target=p.targets.get(tahun), prior=unit.prior.get(p.key, ()))
    if not is_first or p.kode in unit.shared:
        # a second indicator row holds no budget; a parent shared with another unit is summed at
        # consolidation (a sum over this unit's rows alone would not be the parent's amount)
        for label in money:
            ws.write_blank(r, col[label], None, locked_rp)
    elif p.kode in children:
        for label in money:
            c = col[label]
            letters = column_letters(c)
            refs = ",".join(f"{letters}{first_row_of[k] + 1}" for k in children[p.kode])
            ws.write_formula(r, c, f"=SUM({refs})", locked_rp, 0)
    else:
        spent = unit.prior_money.get(p.kode, ())
        for q, value in enumerate(spent):  # --dari: quarters already consolidated, shown locked
            if value is not None:
                _num(ws, r, col[f"Realisasi Anggaran TW {QUARTERS[q]}"], value, locked_rp)
        money = [m for q, m in enumerate(money) if q == 0 or q > len(spent) or spent[q - 1] is None]
        for label in money:
            title = label
            what = ("dalam triwulan itu saja" if "TW" in label else "menurut DPA (setelah perubahan)")
            _number_validation(ws, r, col[label], title[:MAX_VALIDATION_TITLE],
                               f"{label} {tahun} {what}, dalam Rupiah tanpa titik, misal 38940000.")
            ws.write_blank(r, col[label], None, styles["input_rupiah"])
    ws.write_blank(r, col["Penjelasan"], None, styles["input"])


KEUANGAN_HEADERS = ["Kelompok", "Kode Rekening", "Uraian", "Anggaran", "Realisasi"]
KEUANGAN_WIDTHS = [20, 16, 44, 19, 19]
#: empty Pendapatan lines a Keuangan sheet offers (more may be added below the table)
PENDAPATAN_ROWS = 8


def _keuangan(wb: Any, styles: Styles, tahun: int, nama: str) -> None:
    """Sheet Keuangan: pendapatan per account (typed) and belanja per jenis (listed), anggaran and realisasi."""
    ws = Checked(wb.add_worksheet("Keuangan"))
    _title(ws, styles, f"Pendapatan dan Belanja per Jenis — {nama} — Tahun {tahun}",
           "Diisi oleh bagian keuangan untuk seluruh perangkat daerah (Tabel 1.9 LAKIP): anggaran setelah perubahan "
           "dan realisasi. Pendapatan: satu baris per rekening. Belanja: jumlahnya harus sama dengan jumlah "
           "sub kegiatan semua bidang.", len(KEUANGAN_HEADERS))
    _headers(ws, styles, KEUANGAN_HEADERS, KEUANGAN_WIDTHS)
    r = HEADER_ROW + 1
    for _ in range(PENDAPATAN_ROWS):
        ws.write_string(r, 0, PENDAPATAN, styles["locked_text"])
        for c in (1, 2):
            ws.write_blank(r, c, None, styles["input"])
        _money_inputs(ws, styles, r, tahun, "pendapatan")
        r += 1
    for kelompok, kode, uraian in BELANJA_JENIS:
        ws.write_string(r, 0, kelompok, styles["locked_text"])
        ws.write_string(r, 1, kode, styles["locked_code"])
        ws.write_string(r, 2, uraian, styles["locked_text"])
        _money_inputs(ws, styles, r, tahun, uraian.lower())
        r += 1
    _text_prompt(ws, HEADER_ROW + 1, HEADER_ROW + PENDAPATAN_ROWS, 2, "Uraian",
                 "Nama rekening pendapatan, misalnya Retribusi Pelayanan Pasar.")
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.protect("", PROTECT_OPTIONS)
    page_setup(ws, repeat_rows=(HEADER_ROW, HEADER_ROW), footer_title=f"Keuangan — {nama} {tahun}", landscape=False)


def _money_inputs(ws: Any, styles: Styles, r: int, tahun: int, what: str) -> None:
    for c, label in ((3, "Anggaran"), (4, "Realisasi")):
        ws.write_blank(r, c, None, styles["input_rupiah"])
        _number_validation(ws, r, c, label, f"{label} {what} {tahun} (setelah perubahan), dalam Rupiah tanpa titik.")
