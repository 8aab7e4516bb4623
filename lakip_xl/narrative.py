"""Ringkasan Eksekutif, Bab III and Bab IV sentences in the seed's own style, generated from the computed figures.

Per sasaran the seed's Bab III.A order: 1. the capaian of each IKU, 2. the previous years (Riwayat),
3. the Renstra end target, 4. the standar nasional, 6. efficiency; then the penjelasan of each programme
indicator. Everything comes from :class:`~lakip_xl.compute.LakipResult`; a mid-year run (Triwulan I-III)
says "s.d. Triwulan N" and calls its comparisons provisional.

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
from lakip_xl.measures import Categorical, Range, Target, percent, position
from lakip_xl.model import QUARTERS
from lakip_xl.parse import format_number, format_percent, round_half_up

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


def iku_sentence(item: IkuResult, tahun: int, triwulan: int | None = None) -> str:
    name = item.iku.indikator
    sat = item.iku.satuan
    when = period(tahun, triwulan)
    if item.realisasi is None:
        return (f"Indikator {name} {when} belum dilaporkan realisasinya, sehingga capaian "
                f"indikator kinerja utama ini belum dapat dihitung (target {amount(item.target, sat)}).")
    if item.target is None:
        return (f"Indikator {name} {when} realisasinya sebesar {amount(item.realisasi, sat)}; target "
                f"tahun {tahun} tidak tercantum di Renstra sehingga capaian belum dapat dihitung.")
    relation = _compare(item.realisasi, item.target, item.iku.polaritas)
    text = (f"Indikator {name} {when} realisasinya sebesar {amount(item.realisasi, sat)}, nilai realisasi "
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


def efisiensi_sentence(s: SasaranResult, tahun: int, triwulan: int | None = None) -> str:
    if s.pagu is None:
        return ("Program pendukung sasaran ini tidak mendapat alokasi anggaran pada Tahun Anggaran "
                f"{tahun}, sehingga efisiensi penggunaan sumber daya tidak dapat dianalisis.")
    real = s.realisasi or Decimal(0)
    serapan = real / s.pagu * 100 if s.pagu else None
    eff = s.pagu - real
    if triwulan is not None and triwulan < 4:  # what is not yet spent mid-year is no efficiency
        return (f"Realisasi belanja program pendukung sasaran {s.sasaran} pada Tahun Anggaran {tahun} "
                f"s.d. Triwulan {QUARTERS[triwulan - 1]} mencapai {rupiah(real)} atau {pct(serapan)} dari pagu "
                f"{rupiah(s.pagu)}. Pagu yang belum direalisasikan sebesar {rupiah(eff)}.")
    return (f"Realisasi belanja program pendukung sasaran {s.sasaran} pada Tahun Anggaran {tahun} mencapai "
            f"{rupiah(real)} atau {pct(serapan)} dari pagu {rupiah(s.pagu)}. Terdapat efisiensi dari anggaran "
            f"yang sudah dialokasikan sebesar {rupiah(eff)}.")


_ONES = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas")


def terbilang(n: int) -> str:
    """A whole number in Indonesian words, as the seed writes counts: 10 → ``sepuluh``, 125 → ``seratus dua puluh
    lima``."""
    if n < 0:
        return "minus " + terbilang(-n)
    if n < 12:
        return _ONES[n] if n else "nol"
    if n < 20:
        return f"{_ONES[n - 10]} belas"
    if n < 100:
        return f"{_ONES[n // 10]} puluh" + (f" {_ONES[n % 10]}" if n % 10 else "")
    for size, word in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu"), (100, "ratus")):
        if n >= size:
            head, rest = divmod(n, size)
            lead = ("se" + word) if head == 1 and size in (100, 1000) else f"{terbilang(head)} {word}"
            return lead + (f" {terbilang(rest)}" if rest else "")
    raise AssertionError(n)  # pragma: no cover


def counted(n: int) -> str:
    """``10 (sepuluh)``."""
    return f"{n} ({terbilang(n)})"


def period(tahun: int, triwulan: int | None) -> str:
    """``Tahun 2021``; a mid-year run: ``s.d. Triwulan II Tahun 2021`` (Triwulan IV is the year)."""
    if triwulan is None or triwulan >= 4:
        return f"Tahun {tahun}"
    return f"s.d. Triwulan {QUARTERS[triwulan - 1]} Tahun {tahun}"


def _mid_year(triwulan: int | None) -> bool:
    return triwulan is not None and triwulan < 4


def _is_percent(satuan: str | None) -> bool:
    return bool(satuan) and satuan.strip().lower() in ("%", "persen")


def difference(value: Decimal, satuan: str | None) -> str:
    """A gap or a change, at most 2 decimals: ``2,69 poin persen`` (a difference of percentages), ``56.526 ton``."""
    d = round_half_up(abs(value), 2)
    if _is_percent(satuan):
        return f"{format_number(d)} poin persen"
    return amount(d, satuan)


_POLARITAS = {"Positif": "berpolaritas positif (makin tinggi makin baik)",
              "Negatif": "berpolaritas negatif (makin rendah makin baik)"}


def riwayat_sentence(item: IkuResult, tahun: int, triwulan: int | None = None) -> str:
    """Bab III.A 2: realisasi against the two years before (Tabel III.(7k−4)), rise or fall, and what it means.

    Whether a change is a *peningkatan* or *penurunan kinerja* is compute's :attr:`IkuResult.arah`, the value of
    Tabel III.(7k−1), which follows the sign and the Polaritas (seed C23 wrote "Peningkatan" for a fall).
    """
    name, sat = item.iku.indikator, item.iku.satuan
    cur = period(tahun, triwulan)
    years = (tahun - 2, tahun - 1)
    known = [y for y in years if item.riwayat.get(y) is not None]
    now = "belum dilaporkan" if item.realisasi is None else f"sebesar {amount(item.realisasi, sat)}"
    if not known:
        shown = "belum dilaporkan" if item.realisasi is None else amount(item.realisasi, sat)
        return (f"Realisasi Indikator {name} Tahun {years[0]} dan Tahun {years[1]} tidak tercatat di Renstra "
                f"(lembar Riwayat), sehingga realisasi {cur} ({shown}) belum dapat dibandingkan dengan tahun-tahun "
                "sebelumnya.")
    parts = [f"Tahun {y} " + (f"sebesar {amount(item.riwayat[y], sat)}" if y in known else "tidak tercatat")
             for y in years]
    text = f"Realisasi Indikator {name} {parts[0]}, {parts[1]} dan {cur} {now}."
    prev = item.riwayat.get(tahun - 1)
    if item.realisasi is None:
        return text + " Peningkatan atau penurunan kinerja belum dapat dinyatakan."
    if prev is None:
        return (text + f" Realisasi Tahun {tahun - 1} tidak tercatat, sehingga peningkatan atau penurunan kinerja "
                "terhadap tahun sebelumnya belum dapat dinyatakan.")
    if _mid_year(triwulan) and item.iku.akumulasi == "Jumlah":
        return (text + f" Realisasi indikator ini dijumlahkan per triwulan, sehingga realisasi {cur} belum dapat "
                f"dibandingkan dengan realisasi setahun penuh Tahun {tahun - 1}.")
    text += " " + _change(item, tahun, cur, prev)
    if _mid_year(triwulan):
        text += (f" Perbandingan ini bersifat sementara karena realisasi Tahun {tahun} baru mencakup "
                 f"{cur.removesuffix(f' Tahun {tahun}')}.")
    return text


def _change(item: IkuResult, tahun: int, cur: str, prev: Decimal) -> str:
    sat, pol, real = item.iku.satuan, item.iku.polaritas, item.realisasi
    assert real is not None
    before = f"Tahun {tahun - 1}"
    if isinstance(real, Categorical) != isinstance(prev, Categorical):
        return (f"Realisasi {before} dan {cur} tidak sejenis (kategori dan angka), sehingga tidak dapat "
                "dibandingkan.")
    if isinstance(real, Categorical):
        if Decimal(real) == Decimal(prev):
            return f"Dibandingkan dengan {before}, realisasi {cur} tetap, sehingga kinerja tidak berubah."
        moved = "naik" if Decimal(real) > Decimal(prev) else "turun"
        what = {"Peningkatan": "peningkatan", "Penurunan": "penurunan"}.get(item.arah or "")
        return (f"Dibandingkan dengan {before} ({amount(prev, sat)}), realisasi {cur} {moved} menjadi "
                f"{amount(real, sat)}" + (f", yang merupakan {what} kinerja." if what else "."))
    diff = real - prev
    if diff == 0:
        return (f"Dibandingkan dengan {before}, realisasi {cur} tetap sebesar {amount(real, sat)}, sehingga kinerja "
                "indikator ini tidak mengalami peningkatan maupun penurunan.")
    moved = "naik" if diff > 0 else "turun"
    rel = ""
    if not _is_percent(sat) and prev != 0:
        rel = f" ({format_percent(abs(diff) / abs(prev) * 100)})"
    text = (f"Dibandingkan dengan {before} ({amount(prev, sat)}), realisasi {cur} {moved} sebesar "
            f"{difference(diff, sat)}{rel}.")
    if pol == "Stabil" or isinstance(item.target, Range):
        where = ""
        if item.target is not None:
            rng = item.target if isinstance(item.target, Range) else Range(item.target, item.target)
            where = (f"; realisasi {cur} {_WITHIN[position(real, rng)]} target sebesar "
                     f"{amount(item.target, sat)}")
        return (text + " Indikator ini berpolaritas stabil, sehingga naik atau turunnya realisasi tidak dengan "
                f"sendirinya berarti peningkatan atau penurunan kinerja{where}.")
    noun = "kenaikan" if diff > 0 else "penurunan"
    verdict = {"Peningkatan": "peningkatan kinerja", "Penurunan": "penurunan kinerja"}.get(item.arah or "")
    if verdict is None or pol not in _POLARITAS:  # pragma: no cover - compute gives an arah to every such change
        return text
    return text + f" Indikator ini {_POLARITAS[pol]}, sehingga {noun} realisasi tersebut merupakan {verdict}."


def target_akhir_sentence(item: IkuResult, tahun: int, triwulan: int | None = None) -> str:
    """Bab III.A 3: realisasi against the Renstra's end target (Tabel III.(7k−3)), as a share of it.

    The target is compute's :attr:`IkuResult.target_akhir`, the Renstra's last year, never this year's target
    (seed C13 printed the 2021 target in the "Target Renstra" column).
    """
    name, sat, ta, end = item.iku.indikator, item.iku.satuan, item.target_akhir, item.tahun_akhir
    cur = period(tahun, triwulan)
    akhir = f"target akhir Tahun {end}" if end is not None else "target akhir"
    if ta is None:
        return (f"Renstra tidak mencantumkan {akhir} Indikator {name}, sehingga realisasi {cur} belum dapat "
                "dibandingkan dengan target jangka menengah Renstra.")
    head = f"Target jangka menengah Renstra ({akhir}) Indikator {name} adalah {amount(ta, sat)}."
    real = item.realisasi
    if real is None:
        return head + f" Realisasi {cur} belum dilaporkan, sehingga belum dapat dibandingkan dengan target tersebut."
    now = f"Realisasi {cur} sebesar {amount(real, sat)}"
    if isinstance(real, Categorical) != isinstance(ta, Categorical):
        kinds = ("kategori", "angka") if isinstance(real, Categorical) else ("angka", "kategori")
        return (f"{head} {now} berupa {kinds[0]} sedangkan target akhirnya {kinds[1]}, sehingga keduanya tidak "
                "dapat dibandingkan.")
    share = f"{format_percent(item.capaian_akhir)} dari target akhir" if item.capaian_akhir is not None else None
    reached = "sehingga target jangka menengah Renstra telah tercapai."
    if item.iku.polaritas == "Stabil" and not isinstance(ta, Range) and not isinstance(ta, Categorical):
        ta = Range(ta, ta)  # one number as a Stabil target: the range T–T (measures.py)
    if isinstance(ta, Range):
        where = position(real, ta)
        if where == 0:
            return f"{head} {now} berada di dalam rentang target akhir tersebut, {reached}"
        bound = ta.lo if where < 0 else ta.hi
        assert bound is not None
        side = "di bawah batas bawah" if where < 0 else "di atas batas atas"
        capai = f"; capaian {format_percent(item.capaian_akhir)}" if item.capaian_akhir is not None else ""
        return (f"{head} {now} masih {side} rentang target akhir tersebut (selisih {difference(real - bound, sat)}"
                f"{capai}), sehingga target jangka menengah Renstra belum tercapai.")
    if Decimal(real) == Decimal(ta):
        return f"{head} {now} sama dengan target akhir tersebut, {reached}"
    negatif = item.iku.polaritas == "Negatif"
    better = Decimal(real) < Decimal(ta) if negatif else Decimal(real) > Decimal(ta)
    if better:
        return f"{head} {now} telah melampaui target akhir tersebut" + (f" ({share})" if share else "") + f", {reached}"
    gap = f" menjadi {amount(ta, sat)}" if isinstance(ta, Categorical) else f" sebesar {difference(ta - real, sat)}"
    by = f" hingga Tahun {end}." if end is not None else "."
    if negatif:
        return (f"{head} {now} masih di atas target akhir tersebut" + (f" (capaian {share})" if share else "")
                + f"; realisasi masih perlu diturunkan{gap}{by}")
    return (f"{head} {now}" + (f" baru mencapai {share}" if share else " belum mencapai target akhir tersebut")
            + f"; untuk mencapai target akhir masih diperlukan kenaikan{gap}{by}")


def standar_sentence(item: IkuResult, tahun: int, triwulan: int | None = None) -> str:
    """Bab III.A 4: realisasi against the Renstra's Standar Nasional (Tabel III.(7k−2)); without one, said plainly.

    The seed wrote "Standar Nasional belum diketahui sehingga dapat disimpulkan realisasi tidak dapat diketahui",
    with another indicator's realisasi (C7: 8,57 % under SS02).
    """
    name, sat = item.iku.indikator, item.iku.satuan
    sn, text = item.iku.standar_nasional, item.iku.standar_nasional_text
    cur = period(tahun, triwulan)
    real = item.realisasi
    now = f"realisasi {cur}" + (f" sebesar {amount(real, sat)}" if real is not None else "")
    if sn is None and not text:
        return (f"Renstra tidak mencantumkan Standar Nasional untuk Indikator {name}, sehingga {now} tidak "
                "dibandingkan dengan standar nasional.")
    if sn is None:
        return (f"Standar Nasional Indikator {name} tercantum di Renstra sebagai \"{text}\", bukan angka, sehingga "
                f"{now} tidak dapat dibandingkan dengan standar tersebut secara angka.")
    if real is None:
        return (f"Standar Nasional Indikator {name} adalah {amount(sn, sat)}; realisasi {cur} belum dilaporkan, "
                "sehingga belum dapat dibandingkan dengan standar nasional.")
    if item.iku.polaritas == "Stabil":
        relation = "sama dengan" if real == sn else "lebih tinggi dari" if real > sn else "lebih rendah dari"
    else:
        relation = _compare(real, sn, item.iku.polaritas)
    share = (f" ({format_percent(item.capaian_standar)} dari standar nasional)"
             if item.capaian_standar is not None and item.iku.polaritas != "Stabil" else "")
    return f"Realisasi Indikator {name} {cur} sebesar {amount(real, sat)} {relation} Standar Nasional sebesar " \
           f"{amount(sn, sat)}{share}."


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


def _nama(result: LakipResult) -> str:
    return result.instansi.get("nama instansi", "")


def _predikat_counts(result: LakipResult) -> str:
    """``seluruhnya berpredikat "Sangat Berhasil"`` or ``8 (delapan) berpredikat "Sangat Berhasil", 2 (dua) …``."""
    order = [c.name for c in result.settings.scale]
    counts: dict[str | None, int] = {}
    for item in result.iku:
        counts[item.predikat] = counts.get(item.predikat, 0) + 1
    if len(counts) == 1 and None not in counts:
        return f"seluruhnya berpredikat \"{next(iter(counts))}\""
    parts = [f"{counted(counts[name])} berpredikat \"{name}\"" for name in order if name in counts]
    parts += [f"{counted(counts[name])} berpredikat \"{name}\"" for name in counts if name not in order and name]
    if None in counts:
        parts.append(f"{counted(counts[None])} belum dapat dihitung capaiannya")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " dan " + parts[-1]


def ringkasan_intro(result: LakipResult) -> list[str]:
    """The Ringkasan Eksekutif's opening paragraphs (seed L45-48), before the item of each sasaran."""
    nama, t, tw = _nama(result), result.tahun, result.triwulan
    when = period(t, tw)
    renstra = f"Rencana Strategis Tahun {result.periode[0]} – {result.periode[1]}" if result.periode else \
        "Rencana Strategis"
    report = "Laporan Kinerja Instansi Pemerintah (LAKIP)" if not _mid_year(tw) else \
        f"Laporan Kinerja Triwulan {QUARTERS[tw - 1]}"  # type: ignore[index]
    upto = f" s.d. Triwulan {QUARTERS[tw - 1]}" if _mid_year(tw) else ""  # type: ignore[index]
    first = (f"{report} {nama} Tahun {t} melaporkan capaian kinerja (performance results){upto} sesuai dengan "
             f"rencana kinerja (performance plan) tahunan dari {renstra} {nama}.")
    n, m = len(result.sasaran), len(result.iku)
    nilai = format_number(result.nilai) if result.nilai is not None else "-"
    second = (f"Berdasarkan hasil Pengukuran Kinerja (PK) {when}, {nama} telah melaksanakan {counted(n)} sasaran "
              f"dengan nilai rata-rata {nilai} dan predikat \"{result.predikat or '-'}\".")
    if m:
        second += f" Dari {counted(m)} indikator kinerja utama, {_predikat_counts(result)}."
    second += f" Uraian capaian kinerja masing-masing sasaran strategis {when} adalah sebagai berikut :"
    return [first, second]


def conclusion(result: LakipResult) -> list[str]:
    """Bab IV A. Kesimpulan (seed L2541-2548): sasaran and predikat, the nilai, Pendapatan, Belanja and its sisa."""
    nama, tw = _nama(result), result.triwulan
    when = period(result.tahun, tw)
    lines = [
        f"Berdasarkan hasil Pengukuran Kinerja (PK) {when}, {nama} telah melaksanakan {counted(len(result.sasaran))} "
        f"sasaran dengan predikat \"{result.predikat or '-'}\".",
        f"Persentase pencapaian sasaran atau kinerja {nama} secara umum dengan nilai rata-rata adalah "
        f"{format_number(result.nilai) if result.nilai is not None else '-'} dan masuk dalam kategori "
        f"{result.predikat or '-'}.",
    ]
    target, real = result.keuangan_total(PENDAPATAN, "anggaran"), result.keuangan_total(PENDAPATAN, "realisasi")
    if target is not None:
        lines.append(f"Anggaran Pendapatan dengan target sebesar {rupiah(target)} dengan realisasi sebesar "
                     f"{rupiah(real)} atau sebesar {pct(percent(real, target))}.")
    if result.total_pagu is not None:
        serapan = result.total_serapan
        upto = f" s.d. Triwulan {QUARTERS[tw - 1]}" if _mid_year(tw) else ""  # type: ignore[index]
        lines.append(f"Anggaran Belanja dengan target sebesar {rupiah(result.total_pagu)} dengan realisasi{upto} "
                     f"{rupiah(result.total_realisasi)} atau sebesar {pct(serapan)}.")
        sisa = result.total_pagu - (result.total_realisasi or Decimal(0))
        if not _mid_year(tw) and sisa > 0:
            lines.append(f"Sisa anggaran belanja (efisiensi) sebesar {rupiah(sisa)} atau "
                         f"{pct(percent(sisa, result.total_pagu))} dari pagu.")
    return lines


#: The seed's items 2-4 of Bab III.A for each sasaran, after the capaian: (section of the Narasi sheet, generator).
COMPARISONS = (
    ("Bab III.A Tahun Sebelumnya", riwayat_sentence),
    ("Bab III.A Target Renstra", target_akhir_sentence),
    ("Bab III.A Standar Nasional", standar_sentence),
)


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
    tw = result.triwulan
    for line in ringkasan_intro(result):
        out.append(Sentence("Ringkasan Eksekutif", "", "", line))
    for k, s in enumerate(result.sasaran, start=1):
        out.append(Sentence("Ringkasan Eksekutif", s.kode_sasaran, s.sasaran, sasaran_summary(k, s)))
    for s in result.sasaran:
        for item in s.iku:
            out.append(Sentence("Bab III.A Capaian IKU", item.kode, item.iku.indikator, iku_sentence(item, t, tw)))
        for section, make in COMPARISONS:
            for item in s.iku:
                out.append(Sentence(section, item.kode, item.iku.indikator, make(item, t, tw)))
        out.append(Sentence("Bab III.A Efisiensi", s.kode_sasaran, s.sasaran, efisiensi_sentence(s, t, tw)))
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
