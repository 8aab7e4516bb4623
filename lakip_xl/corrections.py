"""``lakip consolidate --perbaikan``: each unit's own workbook back, its problems marked.

Part of the write stage. For every unit whose submission has findings, a copy
of that submission (loaded with openpyxl from the original bytes, saved under
``output/perbaikan/``; the original file or mail is never touched) with

- a first sheet ``Perbaikan`` listing the unit's findings in the words of the
  Validasi sheet (Tingkat, Aturan, Lembar, Sel, Pesan), each linked to its cell;
- every cell a finding names filled (red for Galat, amber for Peringatan, blue
  for Info) and given a comment holding the finding's message;

and an .eml draft to the unit (its Renstra ``Surel``) with the copy attached.
A unit without findings gets none. A submission openpyxl cannot open (.xls,
.ods) gets a workbook with the Perbaikan sheet alone.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lakip_xl.findings import GALAT, INFO, PERINGATAN, Finding
from lakip_xl.output import atomic_path, safe_filename

SHEET = "Perbaikan"
HEADERS = ["Tingkat", "Aturan", "Lembar", "Sel", "Pesan"]
FILLS = {GALAT: "FFC7CE", PERINGATAN: "FFEB9C", INFO: "DDEBF7"}
AUTHOR = "lakip-xl"
FOLDER = "perbaikan"


@dataclass
class Correction:
    kode: str
    nama: str
    workbook: Path
    draft: Path
    findings: list[Finding]
    #: the submission's own sheets could not be copied (``.xls``/``.ods``): the list only
    list_only: bool = False
    #: the draft has no To (the unit has no Surel in the Renstra)
    no_address: bool = False


def unit_findings(run: Any) -> dict[str, tuple[Any, list[Finding]]]:
    """Unit code → (the Loaded used for it, its findings), for units whose submission has findings."""
    used = {u.file: u.kode for u in run.result.units if u.file}
    out: dict[str, tuple[Any, list[Finding]]] = {}
    for x in run.loaded:
        sub = x.submission
        if sub is None or used.get(sub.name) is None:
            continue
        mine = [f for f in run.findings if f.file == sub.name]
        if mine:
            out[used[sub.name]] = (x, mine)
    return out


def original_bytes(loaded: Any) -> bytes:
    """The submission as it arrived: the mail's attachment, or the file in the input folder (read only)."""
    if loaded.source is not None:
        return loaded.source.data
    return Path(loaded.path).read_bytes()


def original_name(loaded: Any) -> str:
    return Path(loaded.source.name).name if loaded.source is not None else Path(loaded.path).name


def stable(data: bytes, when: dt.datetime) -> bytes:
    """An openpyxl workbook's bytes made reproducible: fixed zip times and modification date (no churn on a rerun)."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>",
                                 content)
            member = zipfile.ZipInfo(info.filename, when.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            dst.writestr(member, content)
    return out.getvalue()


def marked_workbook(data: bytes, name: str, findings: list[Finding]) -> tuple[bytes, bool]:
    """(the workbook with the Perbaikan sheet and its cells marked, as .xlsx bytes; whether only the list is there)."""
    import openpyxl

    suffix = Path(name).suffix.lower()
    list_only = False
    try:
        if suffix not in (".xlsx", ".xlsm"):
            raise ValueError(suffix)
        with warnings.catch_warnings():  # "extension not supported" of a file another program wrote
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), keep_vba=False, rich_text=False)
    except Exception:  # .xls, .ods, or a file openpyxl does not read: the list alone
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        list_only = True
    if SHEET in wb.sheetnames:  # a correction file sent back: its old list goes
        wb.remove(wb[SHEET])
    if not list_only:
        _mark_cells(wb, findings)
    _list_sheet(wb, findings, list_only)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), list_only


def _mark_cells(wb: Any, findings: list[Finding]) -> None:
    from openpyxl.cell.cell import MergedCell
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill
    from openpyxl.utils.cell import coordinate_from_string

    notes: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.sheet in wb.sheetnames and f.cell:
            try:
                coordinate_from_string(f.cell)
            except ValueError:
                continue
            notes.setdefault((f.sheet, f.cell), []).append(f)
    for (sheet, ref), items in notes.items():
        ws = wb[sheet]
        cell = ws[ref]
        if isinstance(cell, MergedCell):
            for rng in ws.merged_cells.ranges:
                if ref in rng:
                    cell = ws.cell(rng.min_row, rng.min_col)
                    break
        worst = min(f.level for f in items)
        cell.fill = PatternFill("solid", start_color=FILLS[worst], end_color=FILLS[worst])
        text = "\n\n".join(f"{f.level.label} ({f.rule}): {f.message}" for f in items)
        comment = Comment(text[:30000], AUTHOR)
        comment.width, comment.height = 360, min(60 + 15 * len(text) // 50, 600)
        cell.comment = comment


def _list_sheet(wb: Any, findings: list[Finding], list_only: bool) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = wb.create_sheet(SHEET, 0)
    wb.active = 0
    for other in wb.worksheets[1:]:
        other.sheet_view.tabSelected = False
    ws.append(["Perbaikan laporan: temuan pemeriksaan lakip-xl"])
    ws["A1"].font = Font(bold=True, size=13)
    note = ("Sel yang disebut di bawah diberi warna dan komentar di lembarnya (klik Sel untuk ke sana). "
            "Betulkan lalu kirim kembali; lembar ini boleh dibiarkan.")
    if list_only:
        note = ("Berkas aslinya bukan .xlsx, jadi selnya tidak dapat ditandai di sini: betulkan sel yang disebut "
                "di berkas asli Anda lalu kirim kembali.")
    ws.append([note])
    ws.append([])
    ws.append(HEADERS)
    for c in ws[4]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", start_color="D9D9D9", end_color="D9D9D9")
    for f in findings:
        ws.append([f.level.label, f.rule, f.sheet or "-", f.cell or "-", f.message])
        row = ws.max_row
        ws.cell(row, 1).fill = PatternFill("solid", start_color=FILLS[f.level], end_color=FILLS[f.level])
        ws.cell(row, 5).alignment = Alignment(wrap_text=True, vertical="top")
        if not list_only and f.sheet in wb.sheetnames and f.cell:
            target = ws.cell(row, 4)
            target.hyperlink = f"#'{f.sheet}'!{f.cell}"
            target.font = Font(color="0563C1", underline="single")
    for col, width in zip("ABCDE", (12, 26, 12, 8, 100)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A5"


def write_corrections(run: Any, out_dir: Path, *, protect: set[Path] | None = None) -> list[Correction]:
    """The correction workbooks and drafts of every unit with findings, in ``out_dir`` (``output/perbaikan``)."""
    from lakip_xl.drafts import correction_draft, write_draft
    from lakip_xl.report.workbook import document_date

    renstra = run.renstra
    out = []
    for kode, (loaded, findings) in unit_findings(run).items():
        b = renstra.bidang[kode]
        name = original_name(loaded)
        data, list_only = marked_workbook(original_bytes(loaded), name, findings)
        data = stable(data, document_date(run.tahun))
        stem = safe_filename(Path(name).stem, kode)
        target = out_dir / f"{stem}_perbaikan.xlsx"
        if not (target.is_file() and target.read_bytes() == data):  # an unchanged file is not rewritten
            with atomic_path(target, protect) as tmp:
                tmp.write_bytes(data)
        counts = tuple(sum(1 for f in findings if f.level == lvl) for lvl in (GALAT, PERINGATAN, INFO))
        draft = correction_draft(to=b.surel, sender=renstra.pengirim, instansi=renstra.nama_instansi, kode=kode,
                                 nama=b.nama, penanggung_jawab=b.penanggung_jawab, tahun=run.tahun,
                                 triwulan=run.result.triwulan, name=target.name, data=data,
                                 counts=counts, date=document_date(run.tahun))  # type: ignore[arg-type]
        eml = write_draft(target.with_suffix(".eml"), draft, protect)
        out.append(Correction(kode, b.nama, target, eml, findings, list_only, not b.surel))
    return out
