"""Bab III sentences in the seed's own style, generated from the computed figures.

The seed's prose was typed by hand and contradicts its own tables (SEED_NOTES
C6, C7, C11): "realisasinya sebesar 5,88%" where the table says 8,57. Here
every number in a sentence comes from the same fields as the tables, in
Indonesian number format. A penjelasan a clerk wrote is kept as written;
where there is none, the generated sentence fills it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lakip_xl.compute import IkuResult, IndicatorResult, LakipResult, NodeResult, SasaranResult
from lakip_xl.model import PENDAPATAN, key_text
from lakip_xl.measures import Range, Target, percent, position
from lakip_xl.parse import format_number, round_half_up

LEVEL_WORD = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub Kegiatan"}


@dataclass
class Sentence:
    section: str
    kode: str
    subject: str
    text: str


def amount(value: Decimal | None, satuan: str | None) -> str:
    """``8,57%``, ``554.354 ton``, ``12 bulan``: the value with its unit, Indonesian style."""
    if value is None:
        return "-"
    text = format_number(value)
    if not satuan:
        return text
    unit = satuan.strip()
    return f"{text}%" if unit.lower() in ("%", "persen") else f"{text} {unit}"


def pct(value: Decimal | None) -> str:
    """A capaian as the seed prints it: an integer percentage (half-up)."""
    return "-" if value is None else f"{format_number(round_half_up(value))}%"


def rupiah(value: Decimal | None) -> str:
    return "Rp. 0,-" if value is None else f"Rp. {format_number(value, 0)},-"


_WITHIN = {-1: "di bawah rentang", 0: "berada di dalam rentang", 1: "di atas rentang"}


def _compare(realisasi: Decimal, target: Target, polaritas: str) -> str:
    if isinstance(target, Range):
        return _WITHIN[position(realisasi, target)]
    if realisasi == target:
        return "sama dengan"
    better = realisasi > target if polaritas != "Negatif" else realisasi < target
    return "lebih baik dari" if better else "belum mencapai"


def iku_sentence(item: IkuResult, tahun: int) -> str:
    name = item.iku.indikator
    sat = item.iku.satuan
    if item.realisasi is None:
        return (f"Indikator {name} Tahun {tahun} belum dilaporkan realisasinya, sehingga capaian "
                f"indikator kinerja utama ini belum dapat dihitung (target {amount(item.target, sat)}).")
    if item.target is None:
        return (f"Indikator {name} Tahun {tahun} realisasinya sebesar {amount(item.realisasi, sat)}; target "
                f"tahun {tahun} tidak tercantum di Renstra sehingga capaian belum dapat dihitung.")
    relation = _compare(item.realisasi, item.target, item.iku.polaritas)
    text = (f"Indikator {name} Tahun {tahun} realisasinya sebesar {amount(item.realisasi, sat)}, nilai realisasi "
            f"ini menunjukkan {relation} target sebesar {amount(item.target, sat)}.")
    if item.iku.polaritas == "Negatif":
        text += " Indikator ini berpolaritas negatif: makin rendah realisasinya, makin baik."
    elif item.iku.polaritas == "Stabil":
        text += " Indikator ini berpolaritas stabil: realisasi di dalam rentang target berarti capaian 100%."
    if item.capaian is None:
        return text + " Capaian belum dapat dihitung."
    return (f"{text} Hal ini dapat disimpulkan Capaian Indikator Kinerja Utama {name} dikategorikan "
            f"\"{item.predikat}\". Dengan Pencapaian Indikator Sasaran adalah {pct(item.capaian)}.")


def indicator_sentence(node: NodeResult, ind: IndicatorResult) -> str:
    """The seed's "PENJELASAN GAGAL/BERHASIL" of an analysis row (Tabel III.8 and kin)."""
    word = LEVEL_WORD.get(node.level, node.level)
    sat = ind.row.satuan
    if ind.realisasi is None:
        return (f"Realisasi indikator {word} belum dilaporkan (target {amount(ind.target, sat)}), sehingga "
                "Analisa Capaian Indikator Kinerja belum dapat dihitung.")
    if ind.target is None:
        return (f"Realisasi indikator {word} ({amount(ind.realisasi, sat)}); target tahun ini tidak tercantum "
                "di Renstra, sehingga Analisa Capaian Indikator Kinerja belum dapat dihitung.")
    if isinstance(ind.target, Range):
        relation = _WITHIN[position(ind.realisasi, ind.target)]
    elif ind.realisasi == ind.target:
        relation = "sama dengan"
    else:
        relation = "lebih besar dari" if ind.realisasi > ind.target else "lebih kecil dari"
    text = f"Realisasi indikator {word} ({amount(ind.realisasi, sat)}) {relation} target ({amount(ind.target, sat)})."
    if ind.row.polaritas == "Negatif":
        text += " Indikator ini berpolaritas negatif (makin rendah makin baik)."
    elif ind.row.polaritas == "Stabil":
        text += " Indikator ini berpolaritas stabil (di dalam rentang target berarti capaian 100%)."
    if ind.capaian is None:
        return text + " Analisa Capaian Indikator Kinerja belum dapat dihitung."
    return (f"{text} Analisa Capaian Indikator Kinerja sebesar ({pct(ind.capaian)}). Indikator Kinerja masuk "
            f"pada kategori \"{ind.predikat}\".")


def efisiensi_sentence(s: SasaranResult, tahun: int) -> str:
    if s.pagu is None:
        return ("Program pendukung sasaran ini tidak mendapat alokasi anggaran pada Tahun Anggaran "
                f"{tahun}, sehingga efisiensi penggunaan sumber daya tidak dapat dianalisis.")
    real = s.realisasi or Decimal(0)
    serapan = real / s.pagu * 100 if s.pagu else None
    eff = s.pagu - real
    return (f"Realisasi belanja program pendukung sasaran {s.sasaran} pada Tahun Anggaran {tahun} mencapai "
            f"{rupiah(real)} atau {pct(serapan)} dari pagu {rupiah(s.pagu)}. Terdapat efisiensi dari anggaran "
            f"yang sudah dialokasikan sebesar {rupiah(eff)}.")


def sasaran_summary(k: int, s: SasaranResult) -> str:
    """One item of the Ringkasan Eksekutif."""
    parts = [f"{k}. {s.sasaran} dengan rata-rata pencapaian {_nilai(s.nilai)} predikat \"{s.predikat or '-'}\", "
             "dengan indikator kinerja utama :"]
    for letter, item in zip("abcdefghijklmnopqrstuvwxyz", s.iku):
        parts.append(f" {letter}. {item.iku.indikator}, dengan realisasi pencapaian "
                     f"{amount(item.realisasi, item.iku.satuan)} atau {pct(item.capaian)}.")
    return "".join(parts)


def _nilai(value: Decimal | None) -> str:
    return "-" if value is None else f"{format_number(value)}%"


def conclusion(result: LakipResult) -> list[str]:
    n = len(result.sasaran)
    lines = [
        f"Berdasarkan hasil Pengukuran Kinerja Tahun {result.tahun}, "
        f"{result.instansi.get('nama instansi', '')} telah melaksanakan {n} sasaran dengan predikat "
        f"\"{result.predikat or '-'}\".",
        "Persentase pencapaian sasaran atau kinerja secara umum dengan nilai rata-rata adalah "
        f"{format_number(result.nilai) if result.nilai is not None else '-'} dan masuk dalam kategori "
        f"{result.predikat or '-'}.",
    ]
    target, real = result.keuangan_total(PENDAPATAN, "anggaran"), result.keuangan_total(PENDAPATAN, "realisasi")
    if target is not None:
        lines.append(f"Anggaran Pendapatan dengan target sebesar {rupiah(target)} dengan realisasi sebesar "
                     f"{rupiah(real)} atau sebesar {pct(percent(real, target))}.")
    if result.total_pagu is not None:
        serapan = result.total_serapan
        lines.append(f"Anggaran Belanja dengan target sebesar {rupiah(result.total_pagu)} dengan realisasi "
                     f"{rupiah(result.total_realisasi)} atau sebesar {pct(serapan)}.")
    return lines


def penjelasan_map(result: LakipResult, sub_kegiatan: bool = True) -> dict[tuple[str, str], str]:
    """Generated penjelasan for every indicator row: (kode, indikator key) → sentence."""
    out = {}
    for node in result.nodes():
        if not sub_kegiatan and node.level == "sub_kegiatan":
            continue
        for ind in node.indicators:
            out[(node.kode, key_text(ind.row.indikator))] = indicator_sentence(node, ind)
    return out


def sentences(result: LakipResult, sub_kegiatan: bool = True) -> list[Sentence]:
    """Every sentence of the Narasi sheet, in report order (``sub_kegiatan=False``: down to kegiatan)."""
    out: list[Sentence] = []
    t = result.tahun
    for k, s in enumerate(result.sasaran, start=1):
        out.append(Sentence("Ringkasan Eksekutif", s.kode_sasaran, s.sasaran, sasaran_summary(k, s)))
    for s in result.sasaran:
        for item in s.iku:
            out.append(Sentence("Bab III.A Capaian IKU", item.kode, item.iku.indikator, iku_sentence(item, t)))
        out.append(Sentence("Bab III.A Efisiensi", s.kode_sasaran, s.sasaran, efisiensi_sentence(s, t)))
    for node in result.nodes():
        if not sub_kegiatan and node.level == "sub_kegiatan":
            continue
        for j, ind in enumerate(node.indicators):
            subject = node.uraian if j == 0 else f"{node.uraian} — {ind.row.indikator}"
            text = ind.penjelasan or indicator_sentence(node, ind)
            section = "Bab III.A Program/Kegiatan" + (" (penjelasan bidang)" if ind.penjelasan else "")
            out.append(Sentence(section, node.kode, subject, text))
    for line in conclusion(result):
        out.append(Sentence("Bab IV Kesimpulan", "", "", line))
    return out
