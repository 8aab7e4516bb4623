"""Sheet ``Tabel III.1``: capaian per IKU on the ordinal scale, nilai per sasaran and overall.

As the seed prints it: one row per IKU under its sasaran, a tick in the
scale column it falls in, its category; then the Metode Rata-Rata Data
Kelompok per sasaran and for the instansi.
"""

from __future__ import annotations

from decimal import Decimal

from lakip_xl.compute import LakipResult
from lakip_xl.report import formulas
from lakip_xl.excel import column_range
from lakip_xl.report.base import Refs
from lakip_xl.xlsx.sheet import Sheet, absolute, local
from lakip_xl.report.pages import Context, Page, register
from lakip_xl.xlsx.style import page_setup

NAME = "Tabel III.1"
TICK = "✓"


H0, H1 = 3, 4  # the two header rows


#: IKU rows that print on the first page with the title and header (at ~20 pt a row, A4 landscape)
IKU_ON_ONE_PAGE = 20


def write_tabel_iii_1(sheet: Sheet, result: LakipResult, refs: Refs) -> int:
    """Write the table; returns the first free row below it (for the chart).

    The scale has as many columns as the settings have categories (4 by
    default, 5 for Permendagri 86/2017's scale); the KATEGORI column follows them.
    """
    n = len(result.settings.scale)
    kat = 2 + n
    inst = result.instansi
    sheet.widths([50, 12] + [11] * n + [18])
    sheet.merge_text(0, 0, 0, kat, "TABEL III.1", "caption")
    sheet.merge_text(1, 0, 1, kat,
                     f"Tingkat Capaian Kinerja {inst.get('nama instansi', '')} Terkait Sasaran Strategis "
                     f"{inst.get('pemerintah daerah', '')} Tahun {result.tahun}", "caption")
    _head(sheet, result, kat)
    r, groups = _iku_rows(sheet, result, refs, kat, H1 + 1)
    r = _nilai(sheet, result, refs, kat, groups, r + 1)
    sheet.predikat_colors(H1 + 1, r, kat, result.settings.scale)
    sheet.ws.freeze_panes(H1 + 1, 0)
    # The IKU header repeats only where the IKU rows themselves run over pages: on a page of the
    # sasaran part (its own header) it was the wrong header.
    repeat = (H0, H1) if len(result.iku) > IKU_ON_ONE_PAGE else None
    page_setup(sheet.ws, repeat_rows=repeat, footer_title=f"Tabel III.1 — LAKIP {result.tahun}")
    return r + 2


def _head(sheet: Sheet, result: LakipResult, kat: int) -> None:
    sheet.merge_text(H0, 0, H1, 0, "INDIKATOR SASARAN STRATEGIS", "header")
    sheet.merge_text(H0, 1, H1, 1, f"Capaian Tahun {result.tahun}", "header")
    sheet.merge_text(H0, 2, H0, kat - 1, "SKALA PENGUKURAN ORDINAL", "header")
    for i, label in enumerate(result.settings.scale_labels()):
        sheet.text(H1, 2 + i, label, "header")
    sheet.merge_text(H0, kat, H1, kat, "KATEGORI CAPAIAN", "header")


def _iku_rows(sheet: Sheet, result: LakipResult, refs: Refs, kat: int, r: int) -> tuple[int, list[tuple[int, int]]]:
    """One row per IKU under its sasaran, a tick in its category's column; (next row, IKU rows of each sasaran)."""
    scale = result.settings.scale
    groups: list[tuple[int, int]] = []
    for k, s in enumerate(result.sasaran, start=1):
        sheet.merge_text(r, 0, r, kat, f"Sasaran strategis {k}: {s.sasaran}", "text_bold")
        r += 1
        first = r
        for item in s.iku:
            src = refs.iku[item.kode]
            sheet.text(r, 0, item.iku.indikator)
            sheet.formula(r, 1, formulas.ref(src["capaian"]), item.capaian, "percent")
            cap = local(r, 1)
            for i, cat in enumerate(scale):
                upper = scale[i - 1].lower if i > 0 else None
                mark = TICK if item.predikat == cat.name else ""
                sheet.formula(r, 2 + i, f'=IF({cap}="","",IF({_condition(cap, cat.lower, upper)},'
                                        f'{formulas.literal(TICK)},""))', mark, "mark")
            sheet.formula(r, kat, formulas.ref(src["predikat"]), item.predikat, "predikat_bold")
            r += 1
        groups.append((first, r - 1))
        sheet.release(r)  # the sasaran's rows are complete
    return r, groups


def _nilai(sheet: Sheet, result: LakipResult, refs: Refs, kat: int, groups: list[tuple[int, int]], r: int) -> int:
    """Nilai per sasaran and the instansi's (Metode Rata-Rata Data Kelompok), the top category's share."""
    settings = result.settings
    sheet.merge_text(r, 0, r, kat, "Nilai Capaian Sasaran (Metode Rata-Rata Data Kelompok)", "caption")
    r += 1
    sheet.text(r, 0, "SASARAN STRATEGIS", "header")
    sheet.text(r, 1, "Jumlah IKU", "header")
    sheet.merge_text(r, 2, r, kat - 1, "NILAI = Σ(IKU per kategori × nilai mean) / jumlah IKU", "header")
    sheet.text(r, kat, "KATEGORI", "header")
    r += 1
    for (first, last), s in zip(groups, result.sasaran):
        sheet.text(r, 0, f"{s.kode_sasaran}: {s.sasaran}")
        sheet.num(r, 1, len(s.iku), "integer")
        _merged_formula(sheet, r, 2, kat - 1, formulas.nilai_kelompok(column_range(kat, first, last), settings),
                        s.nilai, "decimal1")
        sheet.formula(r, kat, formulas.predikat(local(r, 2), settings), s.predikat, "predikat_bold")
        r += 1
    rng = refs.total.get("iku_predikat_range") or column_range(kat, 0, 0)
    sheet.text(r, 0, "NILAI CAPAIAN KINERJA INSTANSI (seluruh IKU)", "total_label")
    sheet.num(r, 1, len(result.iku), "integer")
    _merged_formula(sheet, r, 2, kat - 1, formulas.nilai_kelompok(rng, settings), result.nilai, "decimal1_bold")
    sheet.formula(r, kat, formulas.predikat(local(r, 2), settings), result.predikat, "predikat_bold")
    refs.total["nilai"] = absolute(NAME, r, 2)
    refs.total["predikat"] = absolute(NAME, r, kat)
    r += 1
    top = settings.scale[0].name
    share = None
    if result.iku:
        share = Decimal(sum(1 for i in result.iku if i.predikat == top)) / len(result.iku) * 100
    sheet.text(r, 0, f"Persentase IKU berkategori {top}", "total_label")
    sheet.blank(r, 1, "total_blank")
    _merged_formula(sheet, r, 2, kat - 1,
                    f'=IF(COUNTA({rng})=0,"",COUNTIF({rng},{formulas.criterion(top)})/{max(len(result.iku), 1)}*100)',
                    share, "total_percent")
    sheet.blank(r, kat, "total_blank")
    refs.total["persen_top"] = absolute(NAME, r, 2)
    return r


def _merged_formula(sheet: Sheet, r: int, c0: int, c1: int, formula: str, value, style: str) -> None:
    sheet.merge_formula(r, c0, r, c1, formula, value, style)


def _condition(cell: str, lower: Decimal | None, upper: Decimal | None) -> str:
    parts = []
    if lower is not None:
        parts.append(f"{cell}>{format(lower.normalize(), 'f')}")
    if upper is not None:
        parts.append(f"{cell}<={format(upper.normalize(), 'f')}")
    return parts[0] if len(parts) == 1 else f"AND({','.join(parts)})"


def _page(ctx: Context) -> None:
    ctx.notes["below_tabel_iii_1"] = write_tabel_iii_1(ctx.sheet(NAME), ctx.result, ctx.refs)


PAGE = register(Page(NAME, "Tingkat capaian IKU pada skala ordinal; nilai sasaran dan nilai instansi", order=20,
                     write_order=50, write=_page, drawings=True))  # Grafik's capaian chart, below the table
