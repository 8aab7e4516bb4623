"""Sheet ``Evaluasi Renja`` (a quarterly run): form E.81 of Permendagri 86/2017.

Columns numbered as in the form, each measure as K (kinerja) and Rp (anggaran): (6) the Renstra's target
at the end of the period and its indicative funding over the period, (8) the year's target and DPA pagu,
(9)–(12) the realisasi of each quarter, (13) the realisasi up to the quarter, combined by the indicator's
Akumulasi (a ``Terakhir`` indicator is never summed), (14) its capaian against (8). Columns (7), (15) and
(16) need the realisasi of earlier years of the period, which the Renstra does not record: they are left
empty, and the note above the table says so. One row per program, kegiatan and sub kegiatan indicator.
"""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.compute import LakipResult
from lakip_xl.model import QUARTERS
from lakip_xl.quarterly import QuarterRow
from lakip_xl.report import formulas
from lakip_xl.report.capaian_triwulan import last_given
from lakip_xl.report.pages import Context, Page, register
from lakip_xl.xlsx.sheet import Sheet, local
from lakip_xl.xlsx.style import A3, page_setup

NAME = "Evaluasi Renja"
#: the form's measure columns (6)–(16), each a K and an Rp column, from column F
MEASURES = [
    "Target Kinerja dan Anggaran Renstra Perangkat Daerah pada Tahun {akhir} (Akhir Periode Renstra)",
    "Realisasi Capaian Kinerja dan Anggaran Renstra Perangkat Daerah s.d. Renja Tahun Lalu ({lalu})",
    "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan ({tahun}) yang Dievaluasi",
    *[f"Realisasi Kinerja pada Triwulan {q}" for q in QUARTERS],
    "Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi",
    "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja yang Dievaluasi (%)",
    "Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s.d. Tahun {tahun}",
    "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra s.d. Tahun {tahun} (%)",
]
FIRST = 5  # column of (6) K
K = {n: FIRST + 2 * i for i, n in enumerate(range(6, 17))}  # form number → its K column (Rp is the next)
UNIT, NOTE = FIRST + 22, FIRST + 23
NCOL = NOTE + 1
WIDTHS = [5, 24, 17, 34, 34] + [9, 15] * 11 + [16, 20]
H0 = 4  # the two header rows and the row of column numbers
LEVELS = ("program", "kegiatan", "sub_kegiatan")


def write_evaluasi_renja(sheet: Sheet, result: LakipResult) -> None:
    n = result.triwulan or len(QUARTERS)
    renstra = result.renstra
    sheet.widths(WIDTHS)
    inst = result.instansi
    sheet.merge_text(0, 0, 0, NCOL - 1, "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH", "title")
    sheet.merge_text(1, 0, 1, NCOL - 1, f"Renja {inst.get('nama instansi', '')}", "caption")
    sheet.merge_text(2, 0, 2, NCOL - 1, f"Periode Pelaksanaan: Triwulan {QUARTERS[n - 1]} Tahun {result.tahun}",
                     "caption")
    sheet.merge_text(3, 0, 3, NCOL - 1, "Kolom (7), (15) dan (16) memerlukan realisasi tahun-tahun sebelumnya "
                     "dalam periode Renstra, yang tidak dicatat di Renstra; kolom itu dibiarkan kosong. "
                     "K: kinerja (satuan indikator); Rp: anggaran.", "note")
    akhir = max(renstra.years) if renstra.years else result.tahun
    _head(sheet, akhir, result.tahun)
    sasaran = renstra.sasaran_names()
    pagu_period = _pagu_period(result)
    r = H0 + 3
    for no, row in enumerate((x for x in result.quarterly if x.level in LEVELS), start=1):
        _row(sheet, result, r, no, row, n, sasaran, pagu_period)
        r += 1
    sheet.ws.freeze_panes(H0 + 3, 5)
    page_setup(sheet.ws, repeat_rows=(H0, H0 + 2), footer_title=f"{NAME} TW {QUARTERS[n - 1]} — {result.tahun}", paper=A3)


def _head(sheet: Sheet, akhir: int, tahun: int) -> None:
    for c, label in enumerate(["No", "Sasaran", "Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan "
                               "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja Program (outcome)/"
                               "Kegiatan (output)"]):
        sheet.merge_text(H0, c, H0 + 1, c, label, "header")
    for number, text in zip(K, MEASURES):
        c = K[number]
        sheet.merge_text(H0, c, H0, c + 1, text.format(akhir=akhir, lalu=tahun - 1, tahun=tahun), "header")
        sheet.text(H0 + 1, c, "K", "header")
        sheet.text(H0 + 1, c + 1, "Rp", "header")
    sheet.merge_text(H0, UNIT, H0 + 1, UNIT, "Unit Perangkat Daerah Penanggung Jawab", "header")
    sheet.merge_text(H0, NOTE, H0 + 1, NOTE, "Keterangan", "header")
    sheet.row_height(H0, 92)
    for c in range(FIRST):
        sheet.text(H0 + 2, c, f"({c + 1})", "colnum")
    for number, c in K.items():
        sheet.merge_text(H0 + 2, c, H0 + 2, c + 1, f"({number})", "colnum")
    sheet.text(H0 + 2, UNIT, "(17)", "colnum")
    sheet.text(H0 + 2, NOTE, "(18)", "colnum")
    sheet.flush(H0 + 3)


def _pagu_period(result: LakipResult) -> dict[str, Decimal | None]:
    """Each code's indicative funding summed over the Renstra's years (column (6) Rp)."""
    out: dict[str, Decimal | None] = {}
    for p in result.renstra.program:
        if p.kode in out:
            continue
        given = [v for v in p.pagu.values() if v is not None]
        out[p.kode] = sum(given, Decimal(0)) if given else None
    return out


def _row(sheet: Sheet, result: LakipResult, r: int, no: int, row: QuarterRow, n: int, sasaran: dict[str, str],
         pagu_period: dict[str, Decimal | None]) -> None:
    styles, settings = sheet.styles, result.settings
    level = row.level
    m = row.money
    sheet.num(r, 0, no, "integer")
    sheet.text(r, 1, sasaran.get(row.kode_sasaran or "", ""))
    sheet.text(r, 2, row.kode, styles.level("code", level))
    sheet.text(r, 3, row.uraian if m is not None else "", styles.level("text", level))
    sheet.text(r, 4, row.indikator)
    sheet.num(r, K[6], row.target_akhir, styles.numeric("number", row.target_akhir))
    sheet.num(r, K[6] + 1, pagu_period.get(row.kode) if m is not None else None, "rupiah")
    for c in (K[7], K[7] + 1, K[15], K[15] + 1, K[16], K[16] + 1):
        sheet.blank(r, c, "number")
    sheet.num(r, K[8], row.target_tahunan, styles.numeric("number", row.target_tahunan))
    sheet.num(r, K[8] + 1, m.pagu if m is not None else None, "rupiah")
    for q in range(len(QUARTERS)):
        c = K[9 + q]
        sheet.num(r, c, row.realisasi[q], styles.numeric("number", row.realisasi[q]))
        sheet.num(r, c + 1, m.quarters[q] if m is not None else None, "rupiah")
    k13 = K[13]
    sheet.formula(r, k13, formulas.kumulatif([local(r, K[9 + q]) for q in range(n)], row.akumulasi,
                                             last_given(row.realisasi, n)), row.realisasi_kumulatif,
                  styles.numeric("number", row.realisasi_kumulatif))
    if m is None:
        sheet.blank(r, k13 + 1, "rupiah")
    elif any(v is not None for v in m.quarters[:n]):
        sheet.formula(r, k13 + 1, formulas.total([local(r, K[9 + q] + 1) for q in range(n)]), m.kumulatif, "rupiah")
    else:  # reports without quarterly money: the amount up to the quarter only
        sheet.num(r, k13 + 1, m.kumulatif, "rupiah")
    sheet.formula(r, K[14], formulas.capaian(local(r, K[8]), local(r, k13), row.polaritas, settings,
                                             row.target_tahunan, row.realisasi_kumulatif), row.capaian_tahunan,
                  "percent2")
    if m is None:
        sheet.blank(r, K[14] + 1, "percent")
    else:
        sheet.formula(r, K[14] + 1, formulas.percent(local(r, k13 + 1), local(r, K[8] + 1)), m.serapan, "percent")
    unit = result.renstra.bidang.get(row.bidang)
    sheet.text(r, UNIT, unit.nama if unit else row.bidang)
    sheet.text(r, NOTE, f"Akumulasi {row.akumulasi}", "text_center")


def _names(ctx: Context) -> list[tuple[str, str | None]]:
    if ctx.result.triwulan is None:
        return []
    return [(NAME, "Evaluasi Renja per triwulan, formulir E.81 Permendagri 86/2017")]


PAGE = register(Page(NAME, None, order=66, write_order=66, names=_names,
                     write=lambda ctx: write_evaluasi_renja(ctx.sheet(NAME), ctx.result)
                     if NAME in ctx.sheets else None))
