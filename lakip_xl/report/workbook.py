"""The consolidated LAKIP workbook: sheet order, writer order, document properties.

Sheets are created in the order a reader meets them and filled in the order
their formulas need: the source sheets (``Capaian IKU``, ``Indikator
Program``, ``Realisasi Anggaran``) first, so the presentation tables can
reference their cells.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from lakip_xl.compute import LakipResult
from lakip_xl.findings import Finding, Level, counts_by_level
from lakip_xl.output import safe_filename, write_xlsx
from lakip_xl.narrative import penjelasan_map
from lakip_xl.report import capaian_iku, efisiensi, grafik, indikator_program, lampiran_pk, narasi
from lakip_xl.report import perjanjian_kinerja, realisasi_anggaran, ringkasan, sasaran, tabel_iii_1, validasi
from lakip_xl.report.base import Refs, Sheet
from lakip_xl.report.style import Styles, page_setup

#: More sasaran than this are stacked in one sheet instead of one sheet each.
MAX_SASARAN_SHEETS = 40
#: From this many program / kegiatan / sub kegiatan rows on, the workbook is streamed to disk
#: (XlsxWriter's constant-memory mode: memory stays flat, strings are stored inline).
STREAM_FROM_ROWS = 50_000
STACKED_SASARAN = "Analisis Sasaran"


def document_date(tahun: int) -> dt.datetime:
    """The fixed creation date stored in the file, so equal inputs give identical bytes."""
    return dt.datetime(tahun + 1, 1, 1)


def output_name(result: LakipResult) -> str:
    short = result.instansi.get("singkatan") or ""
    slug = safe_filename(short, "")
    return f"LAKIP_{result.tahun}_{slug}.xlsx" if slug else f"LAKIP_{result.tahun}.xlsx"


def write_report(result: LakipResult, findings: list[Finding], path: Path, *,
                 protect: set[Path] | None = None, counts: dict[Level, int] | None = None) -> Path:
    """Write the workbook; ``findings`` are listed in Validasi, ``counts`` (all findings, default: those) summed."""
    counts = counts if counts is not None else counts_by_level(findings)
    inst = result.instansi
    title = f"LAKIP {result.tahun} {inst.get('nama instansi', '')}".strip()

    rows = sum(max(len(n.indicators), 1) for n in result.nodes())
    streaming = rows >= STREAM_FROM_ROWS

    def build(wb: Any) -> None:
        styles = Styles(wb)
        refs = Refs()
        stacked = len(result.sasaran) > MAX_SASARAN_SHEETS
        names = ["Ringkasan", capaian_iku.NAME, tabel_iii_1.NAME]
        names += [STACKED_SASARAN] if stacked else [sasaran.sheet_name(k) for k in range(1, len(result.sasaran) + 1)]
        names += [efisiensi.NAME, realisasi_anggaran.NAME, indikator_program.NAME, lampiran_pk.NAME,
                  perjanjian_kinerja.NAME, grafik.NAME, narasi.NAME, validasi.NAME]
        flat = {capaian_iku.NAME, efisiensi.NAME, realisasi_anggaran.NAME, indikator_program.NAME, narasi.NAME,
                validasi.NAME}
        sheets = {n: Sheet(wb.add_worksheet(n), styles, direct=n in flat,
                           compact=streaming and n == indikator_program.NAME) for n in names}
        texts = penjelasan_map(result, sub_kegiatan=not stacked)
        capaian_iku.write_capaian_iku(sheets[capaian_iku.NAME], result, refs)
        indikator_program.write_indikator_program(sheets[indikator_program.NAME], result, refs)
        realisasi_anggaran.write_realisasi_anggaran(sheets[realisasi_anggaran.NAME], result, refs)
        efisiensi.write_efisiensi(sheets[efisiensi.NAME], result, refs)
        below_iii_1 = tabel_iii_1.write_tabel_iii_1(sheets[tabel_iii_1.NAME], result, refs)
        if stacked:
            r = 0
            for k, s in enumerate(result.sasaran, start=1):
                r = sasaran.write_sasaran_sheet(sheets[STACKED_SASARAN], result, refs, k, s, texts, start=r,
                                                sub_kegiatan=False)
        else:
            for k, s in enumerate(result.sasaran, start=1):
                sasaran.write_sasaran_sheet(sheets[sasaran.sheet_name(k)], result, refs, k, s, texts)
        lampiran_pk.write_lampiran_pk(sheets[lampiran_pk.NAME], result, refs)
        perjanjian_kinerja.write_perjanjian_kinerja(sheets[perjanjian_kinerja.NAME], result, refs)
        validasi.write_validasi(sheets[validasi.NAME], findings)
        narasi.write_narasi(sheets[narasi.NAME], result, sub_kegiatan=not stacked)
        chart_data = grafik.write_grafik(sheets[grafik.NAME], result, refs)
        grafik.insert_charts(wb, sheets[grafik.NAME], chart_data, {
            "capaian": (sheets[tabel_iii_1.NAME], below_iii_1, 0),
        })
        contents = [
            (capaian_iku.NAME, "Capaian setiap IKU: target, realisasi, capaian, predikat (sumber tabel lain)"),
            (tabel_iii_1.NAME, "Tingkat capaian IKU pada skala ordinal; nilai sasaran dan nilai instansi"),
        ]
        contents += ([(STACKED_SASARAN, "Tabel III.2 dst. untuk setiap sasaran (analisis sampai tingkat kegiatan; "
                                        "sub kegiatan di lembar Indikator Program)")] if stacked else
                     [(sasaran.sheet_name(k), f"Tabel {sasaran.table_number(k, 1)}–{sasaran.table_number(k, 7)}: "
                       f"{s.sasaran}") for k, s in enumerate(result.sasaran, start=1)])
        contents += [
            (efisiensi.NAME, "Serapan dan efisiensi anggaran setiap program pendukung sasaran"),
            (realisasi_anggaran.NAME, "Pagu dan realisasi per program, kegiatan, sub kegiatan (Bab III.B)"),
            (indikator_program.NAME, "Target, realisasi dan capaian setiap indikator program/kegiatan/sub kegiatan"),
            (lampiran_pk.NAME, "Lampiran Pengukuran Kinerja (15 kolom)"),
            (perjanjian_kinerja.NAME, "Perjanjian Kinerja: indikator tujuan dan anggaran program"),
            (grafik.NAME, "Grafik capaian IKU terhadap batas 85% dan serapan anggaran per program"),
            (narasi.NAME, "Kalimat Bab III dan Bab IV siap disalin ke dokumen LAKIP"),
            (validasi.NAME, "Semua temuan pemeriksaan, per berkas, lembar dan sel"),
        ]
        ringkasan.write_ringkasan(sheets["Ringkasan"], result, refs, counts, contents, result.renstra.path.name)
        for name in (capaian_iku.NAME, efisiensi.NAME, realisasi_anggaran.NAME, indikator_program.NAME,
                     validasi.NAME):
            page_setup(sheets[name].ws, repeat_rows=(0, 0), footer_title=f"{name} — LAKIP {result.tahun}")
        for sheet in sheets.values():
            sheet.finish()

    return write_xlsx(path, build, created=document_date(result.tahun), protect=protect,
                      constant_memory=streaming, properties={
        "title": title,
        "subject": f"Laporan Kinerja Instansi Pemerintah Tahun {result.tahun}",
        "author": inst.get("nama instansi", ""),
        "manager": inst.get("kepala", ""),
        "company": inst.get("pemerintah daerah", ""),
        "category": "LAKIP",
        "keywords": f"LAKIP, SAKIP, {result.tahun}",
        "comments": "Disusun dengan lakip-xl",
    })
