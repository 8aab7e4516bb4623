"""Sheet ``Tabel III.1``: capaian per IKU on the ordinal scale, nilai per sasaran and overall.

As the seed prints it: one row per IKU under its sasaran, a tick in the
scale column it falls in, its category; then the Metode Rata-Rata Data
Kelompok per sasaran and for the instansi.
"""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.compute import LakipResult
from lakip_xl.report import formulas
from lakip_xl.report.base import Refs, Sheet, absolute, local
from lakip_xl.report.style import page_setup

NAME = "Tabel III.1"
WIDTHS = [50, 12, 11, 12, 12, 11, 18]
TICK = "✓"


def write_tabel_iii_1(sheet: Sheet, result: LakipResult, refs: Refs) -> int:
    """Write the table; returns the first free row below it (for the chart)."""
    settings = result.settings
    inst = result.instansi
    ncol = 7
    sheet.widths(WIDTHS)
    sheet.merge_text(0, 0, 0, ncol - 1, "TABEL III.1", "caption")
    sheet.merge_text(1, 0, 1, ncol - 1,
                     f"Tingkat Capaian Kinerja {inst.get('nama instansi', '')} Terkait Sasaran Strategis "
                     f"{inst.get('pemerintah daerah', '')} Tahun {result.tahun}", "caption")
    h0, h1 = 3, 4
    sheet.merge_text(h0, 0, h1, 0, "INDIKATOR SASARAN STRATEGIS", "header")
    sheet.merge_text(h0, 1, h1, 1, f"Capaian Tahun {result.tahun}", "header")
    sheet.merge_text(h0, 2, h0, 5, "SKALA PENGUKURAN ORDINAL", "header")
    labels = settings.scale_labels()
    for i, label in enumerate(labels[:4]):
        sheet.text(h1, 2 + i, label, "header")
    sheet.merge_text(h0, 6, h1, 6, "KATEGORI CAPAIAN", "header")
    r = h1 + 1
    groups: list[tuple[str, str, int, int]] = []
    scale = settings.scale
    for k, s in enumerate(result.sasaran, start=1):
        label = f"Sasaran strategis {k}: {s.sasaran}"
        sheet.merge_text(r, 0, r, ncol - 1, label, "text_bold")
        r += 1
        first = r
        for item in s.iku:
            src = refs.iku[item.kode]
            sheet.text(r, 0, item.iku.indikator)
            sheet.formula(r, 1, formulas.ref(src["capaian"]), item.capaian, "percent")
            cap = local(r, 1)
            for i, cat in enumerate(scale[:4]):
                upper = scale[i - 1].lower if i > 0 else None
                cond = _condition(cap, cat.lower, upper)
                mark = TICK if item.predikat == cat.name else ""
                sheet.formula(r, 2 + i, f'=IF({cap}="","",IF({cond},"{TICK}",""))', mark, "mark")
            sheet.formula(r, 6, formulas.ref(src["predikat"]), item.predikat, "predikat_bold")
            r += 1
        groups.append((s.kode_sasaran, s.sasaran, first, r - 1))

    # Nilai per sasaran and overall (Metode Rata-Rata Data Kelompok)
    r += 1
    sheet.merge_text(r, 0, r, ncol - 1, "Nilai Capaian Sasaran (Metode Rata-Rata Data Kelompok)", "caption")
    r += 1
    sheet.text(r, 0, "SASARAN STRATEGIS", "header")
    sheet.text(r, 1, "Jumlah IKU", "header")
    sheet.merge_text(r, 2, r, 5, "NILAI = Σ(IKU per kategori × nilai mean) / jumlah IKU", "header")
    sheet.text(r, 6, "KATEGORI", "header")
    r += 1
    for (kode, nama, first, last), s in zip(groups, result.sasaran):
        rng = f"$G${first + 1}:$G${last + 1}"
        sheet.text(r, 0, f"{kode}: {nama}")
        sheet.num(r, 1, len(s.iku), "integer")
        sheet.ws.merge_range(r, 2, r, 5, "", sheet.styles["decimal1"])
        sheet.formula(r, 2, formulas.nilai_kelompok(rng, settings), s.nilai, "decimal1")
        sheet.formula(r, 6, formulas.predikat(local(r, 2), settings), s.predikat, "predikat_bold")
        r += 1
    rng = refs.total.get("iku_predikat_range") or "$G$1:$G$1"
    sheet.text(r, 0, "NILAI CAPAIAN KINERJA INSTANSI (seluruh IKU)", "total_label")
    sheet.num(r, 1, len(result.iku), "integer")
    sheet.ws.merge_range(r, 2, r, 5, "", sheet.styles["decimal1_bold"])
    sheet.formula(r, 2, formulas.nilai_kelompok(rng, settings), result.nilai, "decimal1_bold")
    sheet.formula(r, 6, formulas.predikat(local(r, 2), settings), result.predikat, "predikat_bold")
    refs.total["nilai"] = absolute(NAME, r, 2)
    refs.total["predikat"] = absolute(NAME, r, 6)
    r += 1
    top = scale[0].name
    share = None
    if result.iku:
        share = Decimal(sum(1 for i in result.iku if i.predikat == top)) / len(result.iku) * 100
    sheet.text(r, 0, f"Persentase IKU berkategori {top}", "total_label")
    sheet.blank(r, 1, "total_blank")
    sheet.ws.merge_range(r, 2, r, 5, "", sheet.styles["total_percent"])
    sheet.formula(r, 2, f'=IF(COUNTA({rng})=0,"",COUNTIF({rng},"{top}")/{max(len(result.iku), 1)}*100)',
                  share, "total_percent")
    sheet.blank(r, 6, "total_blank")
    refs.total["persen_top"] = absolute(NAME, r, 2)
    _predikat_colors(sheet, result, h1 + 1, r)
    sheet.ws.freeze_panes(h1 + 1, 0)
    page_setup(sheet.ws, repeat_rows=(h0, h1), footer_title=f"Tabel III.1 — LAKIP {result.tahun}")
    return r + 2


def _condition(cell: str, lower: Decimal | None, upper: Decimal | None) -> str:
    parts = []
    if lower is not None:
        parts.append(f"{cell}>{format(lower.normalize(), 'f')}")
    if upper is not None:
        parts.append(f"{cell}<={format(upper.normalize(), 'f')}")
    return parts[0] if len(parts) == 1 else f"AND({','.join(parts)})"


def _predikat_colors(sheet: Sheet, result: LakipResult, first: int, last: int) -> None:
    for cat in result.settings.scale:
        sheet.ws.conditional_format(first, 6, last, 6, {
            "type": "cell", "criteria": "==", "value": f'"{cat.name}"', "format": sheet.styles.fill(cat.color)})
