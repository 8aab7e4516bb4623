"""Per-sasaran sheets: the family of Tabel III.2–III.8 for each sasaran, as in the seed.

Each sheet opens, as the seed does, with an untitled table of the sasaran's IKU (``NO | INDIKATOR
KINERJA | TARGET | REALISASI``) and the unit responsible for each. The seed heads its fourth column
"CAPAIAN" although it holds the realisasi (SEED_NOTES A, Bab III.A item 0); it is headed REALISASI here.
Then, for sasaran k, the tables numbered III.(7k−5) … III.(7k+1):

1. target vs realisasi of each IKU;
2. realisasi of earlier years;
3. the Renstra's end target;
4. the standar nasional;
5. peningkatan/penurunan, penyebab and solusi;
6. efficiency of each programme;
7. program / kegiatan / sub kegiatan analysis (target, realisasi, capaian, penjelasan).

Every figure references its source sheet, so a corrected realisasi flows here.
"""

from __future__ import annotations

from typing import Any

from lakip_xl.compute import IkuResult, LakipResult, ProgramPart, SasaranResult
from lakip_xl.model import PENDUKUNG, PENUNJANG
from lakip_xl.model import key_text
from lakip_xl.report import efisiensi, formulas
from lakip_xl.report.base import Refs
from lakip_xl.xlsx.sheet import Sheet, local
from lakip_xl.report.pages import Context, Page, register
from lakip_xl.xlsx.style import page_setup

#: A: No, B: sasaran / IKU, C: IKU / program, D–I: figures.
WIDTHS = [5, 24, 36, 17, 17, 11, 11, 17, 11]
NCOL = len(WIDTHS)
LEVEL_WORD = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "Sub kegiatan"}
#: the opening table's header (the seed's "CAPAIAN" is the realisasi) and its merged column spans
OPENING_HEADER = ((0, 0, "NO"), (1, 2, "INDIKATOR KINERJA"), (3, 3, "TARGET"), (4, 4, "REALISASI"),
                  (5, 8, "UNIT PENANGGUNG JAWAB"))
#: after a programme's name where only some of its kegiatan support this sasaran
PART_NOTE = "kegiatan yang mendukung sasaran ini"


def sheet_name(k: int) -> str:
    return f"Sasaran {k}"


def table_number(k: int, i: int) -> str:
    """Tabel number of table ``i`` (1..7) of sasaran ``k``: III.(7k−6+i)."""
    return f"III.{7 * k - 6 + i}"


def write_sasaran_sheet(sheet: Sheet, result: LakipResult, refs: Refs, k: int, s: SasaranResult,
                        narrative: dict[tuple[str, str], str] | None = None, start: int = 0,
                        sub_kegiatan: bool = True) -> int:
    """Write the block of sasaran ``k`` from row ``start``; returns the next free row.

    ``sub_kegiatan=False`` (a very large consolidation) lists programs and kegiatan
    in the analysis table, as the Lampiran PK does; sub kegiatan are in Indikator Program.
    """
    sheet.widths(WIDTHS)
    w = _Writer(sheet, result, refs, k, s, narrative or {})
    w.sub_kegiatan = sub_kegiatan
    r = w.heading(start)
    r = w.opening_table(r)
    r = w.capaian_table(r)
    r, years_rows = w.years_table(r)
    r = w.renstra_table(r)
    r = w.standar_table(r)
    r = w.direction_table(r, years_rows)
    r = w.efficiency_table(r)
    r = w.analysis_table(r)
    sheet.flush(r)
    if start == 0:
        page_setup(sheet.ws, footer_title=f"Sasaran Strategis {k} — LAKIP {result.tahun}")
    return r


class _Writer:
    def __init__(self, sheet: Sheet, result: LakipResult, refs: Refs, k: int, s: SasaranResult,
                 narrative: dict[tuple[str, str], str]) -> None:
        self.sheet = sheet
        self.styles = sheet.styles
        self.result = result
        self.refs = refs
        self.k = k
        self.sasaran = s
        self.tahun = result.tahun
        self.narrative = narrative
        self.sub_kegiatan = True

    # -- pieces --------------------------------------------------------
    def heading(self, r: int) -> int:
        text = f'SASARAN STRATEGIS KE-{self.k} : "{self.sasaran.sasaran}"'
        self.sheet.merge_text(r, 0, r, NCOL - 1, text, "banner")
        nilai = f"Nilai capaian sasaran: {_fmt(self.sasaran.nilai, 1)} ({self.sasaran.predikat or '-'})"
        self.sheet.merge_text(r + 1, 0, r + 1, NCOL - 1, nilai, "note")
        return r + 3

    def caption(self, r: int, i: int, title: str) -> int:
        # the caption, title, header rows and first row of the table print on one page
        self.sheet.keep_together(r, r + 4)
        self.sheet.merge_text(r, 0, r, NCOL - 1, f"Tabel {table_number(self.k, i)}", "caption")
        self.sheet.merge_text(r + 1, 0, r + 1, NCOL - 1, title, "subtitle")
        return r + 2

    def head(self, r: int, spans: list[tuple[int, int, str]], colnums: bool = True) -> int:
        for c0, c1, label in spans:
            self.sheet.merge_text(r, c0, r, c1, label, "header")
        if colnums:
            for i, (c0, c1, _) in enumerate(spans, start=1):
                self.sheet.merge_text(r + 1, c0, r + 1, c1, f"({i})", "colnum")
            return r + 2
        return r + 1

    def unit_style(self, base: str, value: Any, item_satuan: str | None) -> Any:
        return self.styles.numeric(base, value, item_satuan)

    # -- tables --------------------------------------------------------
    def opening_table(self, r: int) -> int:
        """The seed's untitled opening table: each IKU's target and realisasi, and the unit responsible.

        The seed heads the fourth column CAPAIAN, but its figures are the realisasi (SS1: 5,88 % | 8,57 %);
        the header says what the column holds.
        """
        self.sheet.keep_together(r, r + 1 + len(self.sasaran.iku))
        for c0, c1, label in OPENING_HEADER:
            self.sheet.merge_text(r, c0, r, c1, label, "header")
        r += 1
        bidang = self.result.renstra.bidang
        for n, item in enumerate(self.sasaran.iku, start=1):
            src = self.refs.iku[item.kode]
            sat = item.iku.satuan
            self.sheet.num(r, 0, n, "integer")
            self.sheet.merge_text(r, 1, r, 2, item.iku.indikator, "text")
            self.sheet.formula(r, 3, formulas.ref(src["target"]), item.target, self.unit_style("number", item.target, sat))
            self.sheet.formula(r, 4, formulas.ref(src["realisasi"]), item.realisasi,
                               self.unit_style("number", item.realisasi, sat))
            unit = bidang.get(item.iku.bidang)
            self.sheet.merge_text(r, 5, r, 8, unit.nama if unit else item.iku.bidang, "text")
            r += 1
        return r + 1

    def capaian_table(self, r: int) -> int:
        """Tabel III.(7k−5): target, realisasi and capaian of each IKU."""
        inst = self.result.instansi.get("singkatan") or self.result.instansi.get("nama instansi", "")
        r = self.caption(r, 1, f"Capaian Sasaran Strategis {inst} dengan Indikator Kinerja Utama Tahun {self.tahun}")
        r = self.head(r, [(0, 0, "No"), (1, 1, "Sasaran Strategis"), (2, 2, "Indikator Kinerja Utama"),
                          (3, 3, "Target"), (4, 4, "Realisasi"), (5, 5, "Persen")])
        first = r
        for n, item in enumerate(self.sasaran.iku, start=1):
            src = self.refs.iku[item.kode]
            self.sheet.num(r, 0, n, "integer")
            self.sheet.text(r, 2, item.iku.indikator)
            self.sheet.formula(r, 3, formulas.ref(src["target"]), item.target,
                            self.unit_style("number", item.target, item.iku.satuan))
            self.sheet.formula(r, 4, formulas.ref(src["realisasi"]), item.realisasi,
                            self.unit_style("number", item.realisasi, item.iku.satuan))
            self.sheet.formula(r, 5, formulas.ref(src["capaian"]), item.capaian, "percent")
            r += 1
        self.sheet.merge_text(first, 1, max(r - 1, first), 1, self.sasaran.sasaran, "text")
        return r + 1

    def years_table(self, r: int) -> tuple[int, dict[str, int]]:
        """Tabel III.(7k−4): realisasi of the two years before; returns the row below and each IKU's row."""
        t = self.tahun
        rows: dict[str, int] = {}
        r = self.caption(r, 2, "Tabel Perbandingan Realisasi Serta Capaian Indikator Kinerja Sasaran di Tahun "
                               f"{t} dengan Beberapa Tahun Sebelumnya")
        r = self.head(r, [(0, 0, "No"), (1, 2, "Indikator Kinerja Utama"), (3, 3, f"Target Tahun {t}"),
                          (4, 4, f"Realisasi Tahun {t - 2}"), (5, 5, f"Realisasi Tahun {t - 1}"),
                          (6, 6, f"Realisasi Tahun {t}"), (7, 7, f"Capaian Kinerja Tahun {t}")])
        for n, item in enumerate(self.sasaran.iku, start=1):
            src = self.refs.iku[item.kode]
            sat = item.iku.satuan
            self.sheet.num(r, 0, n, "integer")
            self.sheet.merge_text(r, 1, r, 2, item.iku.indikator.upper(), "text")
            self.sheet.formula(r, 3, formulas.ref(src["target"]), item.target, self.unit_style("number", item.target, sat))
            for c, year in ((4, t - 2), (5, t - 1)):
                v = item.riwayat.get(year)
                if v is None:
                    self.sheet.text(r, c, "-", "text_center")
                else:
                    self.sheet.num(r, c, v, self.unit_style("number", v, sat))
            self.sheet.formula(r, 6, formulas.ref(src["realisasi"]), item.realisasi,
                            self.unit_style("number", item.realisasi, sat))
            self.sheet.formula(r, 7, formulas.ref(src["capaian"]), item.capaian, "percent")
            rows[item.kode] = r
            r += 1
        return r + 1, rows

    def renstra_table(self, r: int) -> int:
        """Tabel III.(7k−3): realisasi against the Renstra's end target."""
        t = self.tahun
        end = self.result.periode[1] if self.result.periode else t
        title = (f"Tabel Perbandingan Realisasi Kinerja Tahun {t} dengan Target Tahun {t} dan Target "
                 "Jangka Menengah Renstra/ RPJMD")
        # the same target akhir as the Narasi's paragraph (compute: Target Akhir Renstra, else the last year's)
        return self._against(r, 3, title, f"Target Renstra ({end})", lambda i: i.target_akhir, lambda i: "-")

    def standar_table(self, r: int) -> int:
        """Tabel III.(7k−2): realisasi against the standar nasional (or its text)."""
        title = f"Perbandingan Realisasi Kinerja Tahun {self.tahun} dengan Standar Nasional"
        return self._against(r, 4, title, "Standar Nasional", lambda i: i.iku.standar_nasional,
                             lambda i: i.iku.standar_nasional_text or "-")

    def _against(self, r: int, i: int, title: str, label: str, getter, no_value) -> int:  # noqa: ANN001
        """Target and realisasi of each IKU beside one more figure (``getter``; ``no_value`` when it has none)."""
        t = self.tahun
        r = self.caption(r, i, title)
        r = self.head(r, [(0, 0, "No"), (1, 2, "Indikator Kinerja Utama"), (3, 3, f"Target {t}"),
                          (4, 4, f"Realisasi {t}"), (5, 6, label)])
        for n, item in enumerate(self.sasaran.iku, start=1):
            src = self.refs.iku[item.kode]
            sat = item.iku.satuan
            self.sheet.num(r, 0, n, "integer")
            self.sheet.merge_text(r, 1, r, 2, item.iku.indikator.upper(), "text")
            self.sheet.formula(r, 3, formulas.ref(src["target"]), item.target, self.unit_style("number", item.target, sat))
            self.sheet.formula(r, 4, formulas.ref(src["realisasi"]), item.realisasi,
                            self.unit_style("number", item.realisasi, sat))
            v = getter(item)
            if v is None:
                self.sheet.merge_text(r, 5, r, 6, no_value(item), "text_center")
            else:
                self.sheet.merge_num(r, 5, r, 6, v, self.unit_style("number", v, sat))
            r += 1
        return r + 1

    def direction_table(self, r: int, years_rows: dict[str, int]) -> int:
        """Tabel III.(7k−1): peningkatan/penurunan (a formula on the years table's cells), penyebab, solusi."""
        r = self.caption(r, 5, "Analisis Penyebab Peningkatan/ Penurunan Capaian Kinerja Serta Alternatif Solusi "
                               f"yang dilakukan di Tahun {self.tahun}")
        r = self.head(r, [(0, 0, "No"), (1, 2, "Indikator Kinerja Utama"), (3, 3, "Peningkatan/ Penurunan"),
                          (4, 5, "Penyebab"), (6, 8, "Solusi yang dilakukan")])
        for n, item in enumerate(self.sasaran.iku, start=1):
            self.sheet.num(r, 0, n, "integer")
            self.sheet.merge_text(r, 1, r, 2, item.iku.indikator.upper(), "text")
            self.sheet.formula(r, 3, self._arah_formula(item, years_rows[item.kode]), item.arah or "", "text_center")
            self.sheet.merge_text(r, 4, r, 5, item.penyebab or "-", "text")
            self.sheet.merge_text(r, 6, r, 8, item.solusi or "-", "text")
            r += 1
        return r + 1

    def _arah_formula(self, item: IkuResult, row: int) -> str:
        if item.iku.polaritas == "Stabil":
            return '=""'  # neither direction is better (compute gives no arah either)
        cur, prev = local(row, 6), local(row, 5)
        better, worse = (">", "<") if item.iku.polaritas != "Negatif" else ("<", ">")
        return (f'=IF(OR({cur}="",{prev}="",{prev}="-"),"",IF({cur}{better}{prev},"Peningkatan",'
                f'IF({cur}{worse}{prev},"Penurunan","Tetap")))')

    def efficiency_table(self, r: int) -> int:
        """Tabel III.(7k): pagu, realisasi, serapan, capaian and efisiensi of each programme's part."""
        r = self.caption(r, 6, f"Analisis atas Efisiensi Penggunaan Sumber Daya Tahun {self.tahun}")
        top, sub = r, r + 1
        for c0, c1, label in ((0, 0, "NO"), (1, 1, "SASARAN STRATEGIS"), (2, 2, "PROGRAM"),
                              (6, 6, "CAPAIAN KINERJA")):
            self.sheet.merge_text(top, c0, sub, c1, label, "header")
        self.sheet.merge_text(top, 3, top, 5, "ANGGARAN", "header")
        self.sheet.merge_text(top, 7, top, 8, "TINGKAT EFISIENSI", "header")
        for c, label in ((3, "TARGET"), (4, "REALISASI"), (5, "%"), (7, "ANGGARAN"), (8, "%")):
            self.sheet.text(sub, c, label, "header")
        r = sub + 1
        first = r
        programs = self.sasaran.programs
        for n, p in enumerate(programs, start=1):
            self.sheet.num(r, 0, n, "integer")
            self.sheet.text(r, 2, p.uraian.upper() if p.whole else f"{p.uraian.upper()} ({PART_NOTE})")
            efisiensi.program_cells(self.sheet, r, p, self.refs, no_capaian="-")
            r += 1
        if not programs:
            self.sheet.merge_text(r, 2, r, 8, "Tidak ada program yang mendukung sasaran ini di Renstra.", "note")
            r += 1
        self.sheet.merge_text(first, 1, r - 1, 1, self.sasaran.sasaran, "text")
        if len(programs) > 1:
            self.sheet.merge_text(r, 0, r, 2, "JUMLAH", "total_label")
            efisiensi.total_cells(self.sheet, r, first, self.sasaran.pagu, self.sasaran.realisasi)
            r += 1
        return r + 1

    def analysis_table(self, r: int) -> int:
        """Tabel III.(7k+1): every indicator of the programmes, kegiatan (and sub kegiatan) that support the sasaran."""
        r = self.caption(r, 7, "Analisis Program/ Kegiatan/Sub Kegiatan yang Menunjang Keberhasilan ataupun "
                               f"Kegagalan Pencapaian Pernyataan Kinerja OPD tahun {self.tahun}")
        r = self.head(r, [(0, 0, "NO"), (1, 1, "SASARAN STRATEGIS"), (2, 2, "PROGRAM/ KEGIATAN/SUB KEGIATAN"),
                          (3, 3, f"TARGET TAHUN {self.tahun}"), (4, 4, f"REALISASI TAHUN {self.tahun}"),
                          (5, 5, "ANALISA CAPAIAN INDIKATOR KINERJA"), (6, 8, "PENJELASAN GAGAL/BERHASIL")],
                      colnums=False)
        first = r
        for node in self._nodes():
            for j, ind in enumerate(node.indicators or [None]):
                lvl = node.level
                if ind is None:
                    label = f"{node.uraian} ({node.kode})"
                    self.sheet.text(r, 2, label, self.styles.level("text", lvl))
                    for c in (3, 4, 5):
                        self.sheet.text(r, c, "-", self.styles.level("text_center", lvl))
                    self.sheet.merge_text(r, 6, r, 8, self._elsewhere(node), self.styles.level("text", lvl))
                    r += 1
                    continue
                row = ind.row
                word = LEVEL_WORD.get(lvl, lvl)
                label = (f"{node.uraian}, dengan indikator {word} : {row.indikator or '-'}" if j == 0
                         else (row.indikator or "-"))
                src = self.refs.indicator[(node.kode, key_text(row.indikator))]
                self.sheet.text(r, 2, label, self.styles.level("text", lvl))
                self.sheet.formula(r, 3, formulas.ref(src["target"]), ind.target,
                                self.styles.numeric("number", ind.target, None, lvl))
                self.sheet.formula(r, 4, formulas.ref(src["realisasi"]), ind.realisasi,
                                self.styles.numeric("number", ind.realisasi, None, lvl))
                self.sheet.formula(r, 5, formulas.ref(src["capaian"]), ind.capaian, self.styles.level("percent", lvl))
                text = ind.penjelasan or self.narrative.get((node.kode, key_text(row.indikator))) or ""
                self.sheet.merge_text(r, 6, r, 8, text, self.styles.level("text", lvl))
                r += 1
        if r == first:
            self.sheet.merge_text(r, 2, r, 8, "Tidak ada program yang mendukung sasaran ini di Renstra.", "note")
            r += 1
        iku_text = "; ".join(
            f"{i.iku.indikator} : {_fmt(i.target)}{_unit(i.iku.satuan)}" for i in self.sasaran.iku)
        self.sheet.merge_text(first, 0, r - 1, 0, str(self.k), "text_center")
        self.sheet.merge_text(first, 1, r - 1, 1, f"{self.sasaran.sasaran} : {iku_text}", "text")
        return r + 1

    def _nodes(self) -> list[ProgramPart]:
        out: list[ProgramPart] = []
        for p in self.sasaran.programs:
            out.extend(n for n in p.walk() if self.sub_kegiatan or n.level != "sub_kegiatan")
        return out

    def _elsewhere(self, part: ProgramPart) -> str:
        """Where the indicators of a row shown here only as the parent of this sasaran's kegiatan are."""
        node = part.node
        if part.own or not node.indicators:
            return ""
        if node.group == PENDUKUNG:
            k = next((k for k, s in enumerate(self.result.sasaran, start=1) if s.kode_sasaran == node.kode_sasaran),
                     None)
            where = f"Sasaran {k}" if k is not None else f"sasaran {node.kode_sasaran}"
        else:
            where = "Program Penunjang" if node.group == PENUNJANG else "program tanpa sasaran"
        return f"Induk kegiatan pendukung sasaran ini; indikatornya dianalisis pada {where}."


def _unit(satuan: str | None) -> str:
    if not satuan:
        return ""
    return "%" if satuan.strip().lower() in ("%", "persen") else f" {satuan}"


def _fmt(value, places: int | None = None) -> str:
    from lakip_xl.parse import format_number

    if value is None:
        return "-"
    return format_number(value, places)


#: the one sheet of all sasaran in a very large consolidation
STACKED = "Analisis Sasaran"


def _names(ctx: Context) -> list[tuple[str, str]]:
    if ctx.stacked:
        return [(STACKED, "Tabel III.2 dst. untuk setiap sasaran (analisis sampai tingkat kegiatan; "
                          "sub kegiatan di lembar Indikator Program)")]
    return [(sheet_name(k), f"Tabel {table_number(k, 1)}–{table_number(k, 7)}: {s.sasaran}")
            for k, s in enumerate(ctx.result.sasaran, start=1)]


def _page(ctx: Context) -> None:
    from lakip_xl.narrative import penjelasan_map

    texts = penjelasan_map(ctx.result, sub_kegiatan=not ctx.stacked)
    if ctx.stacked:
        r = 0
        for k, s in enumerate(ctx.result.sasaran, start=1):
            r = write_sasaran_sheet(ctx.sheet(STACKED), ctx.result, ctx.refs, k, s, texts, start=r,
                                    sub_kegiatan=False)
    else:
        for k, s in enumerate(ctx.result.sasaran, start=1):
            write_sasaran_sheet(ctx.sheet(sheet_name(k)), ctx.result, ctx.refs, k, s, texts)


PAGE = register(Page("Sasaran", None, order=30, write_order=60, write=_page, names=_names,
                     second_core=True))
