"""Sheet ``Ringkasan``: the cover a reader who never ran the tool starts from."""

from __future__ import annotations

from lakip_xl import __version__
from lakip_xl.compute import LakipResult, percent
from lakip_xl.findings import Level
from lakip_xl.model import PENDAPATAN, QUARTERS
from lakip_xl.report import formulas
from lakip_xl.report.base import Refs
from lakip_xl.xlsx.sheet import Sheet
from lakip_xl.report.pages import Page, register
from lakip_xl.xlsx.style import page_setup

NAME = "Ringkasan"
WIDTHS = [4, 46, 30, 30, 22]
#: the row that says how much money in the submissions could not be placed
UNPLACED_LABEL = "Angka di laporan yang tidak dapat ditempatkan (lihat Validasi)"


def write_ringkasan(sheet: Sheet, result: LakipResult, refs: Refs, counts: dict[Level, int],
                    contents: list[tuple[str, str]], renstra_name: str) -> None:
    """The cover: capaian, anggaran, who sent what, findings, contents, how it was made; one section each."""
    inst = result.instansi
    sheet.widths(WIDTHS)
    if result.triwulan is None:
        title = f"LAPORAN KINERJA INSTANSI PEMERINTAH (LAKIP) TAHUN {result.tahun}"
    else:  # a quarterly run: every figure is the realisasi up to that quarter
        title = (f"LAPORAN KINERJA TRIWULAN {QUARTERS[result.triwulan - 1]} TAHUN {result.tahun} "
                 f"(REALISASI S.D. TRIWULAN {QUARTERS[result.triwulan - 1]})")
    sheet.merge_text(0, 1, 0, 4, title, "title")
    sheet.merge_text(1, 1, 1, 4, inst.get("nama instansi", ""), "caption")
    sheet.merge_text(2, 1, 2, 4, inst.get("pemerintah daerah", ""), "subtitle")
    r = _capaian(sheet, result, refs, 4)
    r = _anggaran(sheet, result, refs, r + 1)
    r = _units(sheet, result, r + 1)
    r = _findings(sheet, counts, r + 1)
    r = _contents(sheet, contents, r + 1)
    sheet.merge_text(r + 1, 1, r + 1, 4,
                     f"Disusun dengan lakip-xl {__version__} dari Renstra {renstra_name} dan "
                     f"{sum(1 for u in result.units if u.file)} laporan bidang. Capaian, predikat, serapan, "
                     "efisiensi dan semua jumlah adalah rumus: bila realisasi dibetulkan di lembar 'Capaian IKU', "
                     "'Indikator Program' atau 'Realisasi Anggaran', semua tabel ikut berubah.", "note")
    sheet.row_height(r + 1, 42)
    sheet.ws.activate()
    page_setup(sheet.ws, landscape=False, footer_title=f"Ringkasan — LAKIP {result.tahun}")


def _banner(sheet: Sheet, r: int, title: str) -> int:
    sheet.merge_text(r, 1, r, 4, title, "banner")
    return r + 1


# Each section starts at row ``r`` and returns the row below it.

def _capaian(sheet: Sheet, result: LakipResult, refs: Refs, r: int) -> int:
    """Nilai, predikat and the IKU per predikat."""
    r = _banner(sheet, r, "Capaian kinerja")
    rng = refs.total.get("iku_predikat_range", "")
    rows = [
        ("Nilai capaian kinerja (Metode Rata-Rata Data Kelompok)", formulas.ref(refs.total["nilai"]),
         result.nilai, "decimal1_bold"),
        ("Predikat", formulas.ref(refs.total["predikat"]), result.predikat or "", "predikat_bold"),
        ("Jumlah sasaran strategis", None, len(result.sasaran), "integer"),
        ("Jumlah indikator kinerja utama (IKU)", None, len(result.iku), "integer"),
    ]
    for cat in result.settings.scale:
        n = sum(1 for i in result.iku if i.predikat == cat.name)
        rows.append((f"IKU berpredikat {cat.name}", formulas.count_of(rng, cat.name) if rng else None, n, "integer"))
    rows.append(("IKU yang belum dilaporkan realisasinya", f'=COUNTBLANK({rng})' if rng else None,
                 sum(1 for i in result.iku if i.capaian is None), "integer"))
    for label, f, value, style in rows:
        sheet.text(r, 1, label, "text")
        if f:
            sheet.formula(r, 2, f, value, style)
        elif isinstance(value, (int, float)) or value is None:
            sheet.num(r, 2, value, style)
        else:
            sheet.text(r, 2, value, style)
        r += 1
    return r


def _anggaran(sheet: Sheet, result: LakipResult, refs: Refs, r: int) -> int:
    """Pagu and realisasi of each group, and the money that could not be placed."""
    r = _banner(sheet, r, "Anggaran")
    sheet.header(r, ["Uraian", "Pagu", "Realisasi", "Serapan"], c0=1)
    r += 1
    for label, key, pagu, real, pct in (
        ("Seluruh program (belanja)", "belanja", result.total_pagu, result.total_realisasi, result.total_serapan),
        ("Program pendukung sasaran strategis", "sasaran", result.sasaran_pagu, result.sasaran_realisasi, None),
        ("Program penunjang", "penunjang", result.penunjang_pagu, result.penunjang_realisasi, None),
        ("Program tanpa sasaran (Galat Renstra)", "tanpa_sasaran", result.tanpa_sasaran_pagu,
         result.tanpa_sasaran_realisasi, None),
    ):
        sheet.text(r, 1, label)
        sheet.formula(r, 2, formulas.ref(refs.total[f"{key}_pagu"]), pagu, "rupiah")
        sheet.formula(r, 3, formulas.ref(refs.total[f"{key}_realisasi"]), real, "rupiah")
        if pct is None:
            pct = percent(real, pagu)
        sheet.formula(r, 4, formulas.ref(refs.total[f"{key}_persen"]), pct, "percent2")
        r += 1
    if result.keuangan and "pendapatan_anggaran" in refs.total:  # Tabel 1.9 written (sheet Realisasi Keuangan)
        anggaran = result.keuangan_total(PENDAPATAN, "anggaran")
        real = result.keuangan_total(PENDAPATAN, "realisasi")
        sheet.text(r, 1, "Pendapatan (target dan realisasi, Tabel 1.9)")
        sheet.formula(r, 2, formulas.ref(refs.total["pendapatan_anggaran"]), anggaran, "rupiah")
        sheet.formula(r, 3, formulas.ref(refs.total["pendapatan_realisasi"]), real, "rupiah")
        sheet.formula(r, 4, formulas.ref(refs.total["pendapatan_persen"]), percent(real, anggaran), "percent2")
        r += 1
    sheet.text(r, 1, UNPLACED_LABEL, "text_bold" if result.unplaced_pagu or result.unplaced_realisasi else "text")
    sheet.num(r, 2, result.unplaced_pagu, "rupiah")
    sheet.num(r, 3, result.unplaced_realisasi, "rupiah")
    sheet.text(r, 4, "tidak dihitung", "text_center")
    return r + 1


def _units(sheet: Sheet, result: LakipResult, r: int) -> int:
    r = _banner(sheet, r, "Laporan bidang")
    sheet.header(r, ["Unit", "Berkas", "Status", "Baris Renstra"], c0=1)
    r += 1
    for u in result.units:
        sheet.text(r, 1, f"{u.nama} ({u.kode})")
        sheet.text(r, 2, u.file or "-")
        status = "diterima" if u.file else ("BELUM MENGIRIM" if u.rows_due else "tidak ada baris")
        sheet.text(r, 3, status, "level_galat" if status == "BELUM MENGIRIM" else "text_center")
        sheet.num(r, 4, u.rows_due, "integer")
        r += 1
    return r


def _findings(sheet: Sheet, counts: dict[Level, int], r: int) -> int:
    r = _banner(sheet, r, "Hasil pemeriksaan (lembar Validasi)")
    for level, style in ((Level.GALAT, "level_galat"), (Level.PERINGATAN, "level_peringatan"),
                         (Level.INFO, "level_info")):
        # the count of every finding, also those beyond batas_temuan that Validasi does not list
        sheet.text(r, 1, level.label, style)
        sheet.num(r, 2, counts.get(level, 0), "integer")
        r += 1
    return r


def _contents(sheet: Sheet, contents: list[tuple[str, str]], r: int) -> int:
    r = _banner(sheet, r, "Isi workbook")
    for name, description in contents:
        sheet.url(r, 1, f"internal:'{name}'!A1", name)
        sheet.merge_text(r, 2, r, 4, description, "note_plain")
        r += 1
    return r


PAGE = register(Page(NAME, None, order=0, write_order=120,
                     write=lambda ctx: write_ringkasan(ctx.sheet(NAME), ctx.result, ctx.refs, ctx.counts, ctx.contents,
                                                       ctx.result.renstra.path.name)))
