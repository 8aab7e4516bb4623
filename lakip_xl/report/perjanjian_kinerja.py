"""Sheet ``Perjanjian Kinerja``: tujuan indicators with their targets, programmes with their budgets."""

from __future__ import annotations

from lakip_xl.compute import LakipResult, ProgramPart
from lakip_xl.model import PENDUKUNG
from lakip_xl.report.base import Refs, display_name
from lakip_xl.report.pernyataan_pk import signatures
from lakip_xl.xlsx.sheet import Sheet
from lakip_xl.report.pages import Page, register
from lakip_xl.xlsx.style import page_setup

NAME = "Perjanjian Kinerja"
WIDTHS = [6, 40, 46, 20]


def write_perjanjian_kinerja(sheet: Sheet, result: LakipResult, refs: Refs) -> None:
    inst = result.instansi
    sheet.widths(WIDTHS)
    sheet.merge_text(0, 0, 0, 3, f"PERJANJIAN KINERJA TAHUN {result.tahun}", "title")
    sheet.merge_text(1, 0, 1, 3, inst.get("nama instansi", "").upper(), "caption")
    r = _tujuan(sheet, result, 3)
    r = _programs(sheet, result, refs, r + 1)
    _signatures(sheet, result, r + 2)
    page_setup(sheet.ws, landscape=False, footer_title=f"Perjanjian Kinerja — LAKIP {result.tahun}")


def _tujuan(sheet: Sheet, result: LakipResult, r: int) -> int:
    """The tujuan indicators with their targets; returns the row below."""
    sheet.header(r, ["No", "Sasaran Strategis", "Indikator Kinerja", "Target"])
    sheet.colnums(r + 1, 4)
    r += 2
    groups: dict[str, list] = {}
    for t in result.tujuan:
        groups.setdefault(t.kode_tujuan, []).append(t)
    for n, (kode, items) in enumerate(groups.items(), start=1):
        first = r
        for t in items:
            label = f"{t.kode_indikator}. {t.indikator}" if t.kode_indikator else t.indikator
            sheet.text(r, 2, label)
            sheet.num(r, 3, t.target, sheet.styles.numeric("number", t.target, t.satuan))
            r += 1
        sheet.merge_text(first, 0, r - 1, 0, str(n), "text_center")
        sheet.merge_text(first, 1, r - 1, 1, items[0].tujuan, "text")
    if not result.tujuan:
        sheet.merge_text(r, 0, r, 3, "Lembar Tujuan Renstra kosong: belum ada indikator tujuan.", "note")
        r += 1
    return r


def _programs(sheet: Sheet, result: LakipResult, refs: Refs, r: int) -> int:
    """Every programme that supports a sasaran (its part that does) with its pagu, and the JUMLAH row."""
    sheet.merge_text(r, 0, r, 2, "Program", "header")
    sheet.text(r, 3, "Anggaran", "header")
    r += 1
    first = r
    programs = result.pendukung
    codes_of = _tujuan_codes(result)
    for n, p in enumerate(programs, start=1):
        label = f"{n}. {display_name(p.uraian)} ({_ik(codes_of, p)})"
        sheet.merge_text(r, 0, r, 2, label, "text")
        cells = [refs.node[root.kode]["pagu"] for root in p.roots]
        if p.whole:
            formula = f'=IF({cells[0]}="",0,{cells[0]})'
        else:
            formula = f"=SUM({','.join(cells)})" if cells else "=0"
        sheet.formula(r, 3, formula, p.pagu if p.pagu is not None else 0, "rupiah")
        r += 1
    sheet.merge_text(r, 0, r, 2, "JUMLAH", "total_label")
    total = sum((p.pagu for p in programs if p.pagu is not None), start=0)
    sheet.formula(r, 3, f"=SUM(D{first + 1}:D{r})" if programs else "=0", total, "total_rupiah")
    return r + 1


def _signatures(sheet: Sheet, result: LakipResult, r: int) -> None:
    """Place and date, the two parties, their names, the Kepala's pangkat and NIP (as on the statement page)."""
    signatures(sheet, result, r, left=(1, 1), right=(2, 2))


def _tujuan_codes(result: LakipResult) -> dict[str, tuple[int, list[str]]]:
    """Per sasaran its position in the LAKIP and the tujuan indicators its IKU serve: ``Kode Indikator
    Tujuan``, else every indicator of the IKU's tujuan. Built once: a city has thousands of programmes and
    sasaran."""
    by_tujuan: dict[str, list[str]] = {}
    for t in result.tujuan:
        by_tujuan.setdefault(t.kode_tujuan, []).append(t.kode_indikator or t.kode_tujuan)
    out: dict[str, tuple[int, list[str]]] = {}
    for s in result.sasaran:
        codes = out.setdefault(s.kode_sasaran, (len(out), []))[1]
        for i in s.iku:
            if i.iku.kode_indikator_tujuan:
                codes.extend(i.iku.kode_indikator_tujuan.split("/"))
            else:
                codes.extend(by_tujuan.get(i.iku.kode_tujuan, []))
    return out


def _ik(codes_of: dict[str, tuple[int, list[str]]], program: ProgramPart) -> str:
    supported = {n.kode_sasaran for n in program.node.walk() if n.group == PENDUKUNG}
    mine = sorted(supported & codes_of.keys(), key=lambda kode: codes_of[kode][0])  # a few, in LAKIP order
    codes = [c for kode in mine for c in codes_of[kode][1]]
    return "/".join(dict.fromkeys(c for c in codes if c)) or "/".join(sorted(c for c in supported if c)) or "-"


PAGE = register(Page(NAME, "Perjanjian Kinerja: indikator tujuan dan anggaran program", order=80, write_order=80,
                     write=lambda ctx: write_perjanjian_kinerja(ctx.sheet(NAME), ctx.result, ctx.refs)))
