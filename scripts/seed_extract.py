#!/usr/bin/env python3
"""Turn the seed reference (LAKIP 2021 DKUMP Kota Pontianak) into a clean sample dataset.

Reads  data/reference/lakip_2021_dkump_pontianak.json  (every number-bearing table as printed)
       data/reference/lakip_2021_dkump_pontianak.txt   (the document as text, for what the JSON lost)
Writes data/sample/dkump_2021.json

The sample must be clean and consistent: the seed's known mistakes (SEED_NOTES.md section C) are not
carried over, and every choice between contradicting sources is made explicitly below (tables
``*_FIX``/``*_REMAP``/``*_OVERRIDE``, each entry citing the seed line "Lnnn" or the SEED_NOTES item).
See data/sample/NOTES.md for the reasoning.

Usage (from the repository root):  python scripts/seed_extract.py [--report]
``--report`` also prints every source disagreement found while building (used to write NOTES.md).

Stdlib only; money is handled with decimal.Decimal, never floats.
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF_JSON = ROOT / "data" / "reference" / "lakip_2021_dkump_pontianak.json"
REF_TXT = ROOT / "data" / "reference" / "lakip_2021_dkump_pontianak.txt"
OUT_JSON = ROOT / "data" / "sample" / "dkump_2021.json"

YEARS = [2021, 2022, 2023, 2024]
REPORT_YEAR = YEARS[0]
PENUNJANG = "X.XX.01"

# --------------------------------------------------------------------------------------------
# Explicit tables of choices and manual fixes
# --------------------------------------------------------------------------------------------

BIDANG = [
    {"kode": "SEK", "nama": "Sekretariat"},
    {"kode": "DAG", "nama": "Bidang Perdagangan"},
    {"kode": "PSR", "nama": "Bidang Pasar"},
    {"kode": "IND", "nama": "Bidang Perindustrian"},
    {"kode": "KUM", "nama": "Bidang Koperasi dan Usaha Mikro"},
    {"kode": "MET", "nama": "UPT Metrologi Legal"},
]

# Owner of each programme (kegiatan and sub kegiatan inherit). Rule: the unit whose task the
# programme is (see NOTES.md "Bidang").
PROGRAM_BIDANG = {
    "3.30.03": "PSR",  # pasar rakyat / sarana distribusi perdagangan
    "3.30.02": "DAG",  # perizinan, bahan berbahaya
    "3.30.04": "DAG",  # stabilisasi harga
    "3.30.05": "DAG",  # ekspor
    "3.30.06": "MET",  # metrologi legal: tera / tera ulang
    "3.30.07": "DAG",  # produk dalam negeri
    "3.31.02": "IND",
    "3.31.03": "IND",
    "3.31.04": "IND",
    "2.17.02": "KUM",
    "2.17.03": "KUM",
    "2.17.04": "KUM",
    "2.17.05": "KUM",
    "2.17.06": "KUM",
    "2.17.07": "KUM",
    "2.17.08": "KUM",
    PENUNJANG: "SEK",
}
IKU_BIDANG = {1: "PSR", 2: "DAG", 3: "DAG", 4: "DAG", 5: "DAG", 6: "IND", 7: "IND", 8: "IND", 9: "KUM", 10: "KUM"}
IKU_TUJUAN = {1: "T1", 2: "T1", 3: "T1", 4: "T1", 5: "T1", 6: "T2", 7: "T2", 8: "T2", 9: "T3", 10: "T3"}

# The 2021 IKU targets of the Tabel III.2-type tables; the dataset must reproduce them.
EXPECTED_IKU_TARGET_2021 = {
    "IKU01": "5.88", "IKU02": "100", "IKU03": "554354", "IKU04": "100", "IKU05": "40",
    "IKU06": "25", "IKU07": "90", "IKU08": "2.18", "IKU09": "95.4", "IKU10": "4.22",
}

# Codes that Bab III.B (budget table) prints differently from the Renstra (SEED_NOTES C20).
IIIB_CODE_REMAP = {
    # III.B L2443 "Pengawasan Distribusi, Pengemasan dan Pelabelan Bahan Berbahaya ..." is Renstra
    # 3.30.02.2.06.03 (L2653); the Renstra's .06.02 (L2647) is "Fasilitasi Pemenuhan Komitmen ...".
    "3.30.02.2.06.02": "3.30.02.2.06.03",
    # III.B L2476-2477 list 2.17.02.2.01 / .01.01 (budget "-"), but what was carried out and measured
    # (III.64 L2233-2234, Lampiran PK L2868) is "Penerbitan Izin Pembukaan Kantor Cabang ..." =
    # Renstra 2.17.02.2.02 (L2747) / 2.17.02.2.02.01 (L2748).
    "2.17.02.2.01": "2.17.02.2.02",
    "2.17.02.2.01.01": "2.17.02.2.02.01",
}
# Same for the performance sources (III.8-type analysis tables, Lampiran PK): the program_tree of
# the JSON hangs them under the III.B code.
REPORT_CODE_REMAP = dict(IIIB_CODE_REMAP)
# Bab II.B (L576) names 2.17.02.2.01.01 "Fasilitasi Pemenuhan Izin Usaha Simpan Pinjam ..." itself, so
# only the Bahan Berbahaya sub kegiatan is recoded there (L610 = Renstra 3.30.02.2.06.03).
BAB2_CODE_REMAP = {"3.30.02.2.06.02": "3.30.02.2.06.03"}

# The Renstra uses 3.30.05.2.01.03 twice (L2685 Pameran Dagang Lokal, L2686 Misi Dagang; C20).
# The sequence .01 .02 .03 .03 .05 .06 and the Permendagri 90/2019 nomenclature give .04 to
# "Misi Dagang Bagi Produk Ekspor Unggulan".
RENSTRA_CODE_FIX = {2686: "3.30.05.2.01.04"}

# Half-rupiah realisasi (SEED_NOTES B8, C21): III.B L2449 prints 72.153.249 for sub kegiatan
# 3.30.04.2.02.02, but the Lampiran PK (L2842, L2844) prints the programme and kegiatan as
# 85.137.248,50 / 78.237.248,50; the only sub kegiatan that can hold the half is .02.02.
DPA_REALISASI_FIX = {"3.30.04.2.02.02": Decimal("72153248.50")}

# Renstra rows lost by the text conversion (renstra_tabel_6_1.gaps_in_conversion) are rebuilt from
# the 2021 reporting. Their indicator comes from these sources (line cited); targets as noted below.
GAP_ROW_SOURCES = {
    "3.31.02.2.01.03": "Bab II.B L544, III.43 L1721",
    "3.31.02.2.01.04": "Bab II.B L545, III.43 L1722",
    "3.31.02.2.01.05": "Bab II.B L549, III.43 L1723",
    "3.31.03": "III.B L2469, Lampiran PK L2857-2859, III.50 L1871",
}
# Parent kegiatan that neither the seed's Renstra text nor III.B / Lampiran PK name: x.xx.01.2.03
# (its sub kegiatan x.xx.01.2.03.06 is at L2800). Name from the Permendagri 90/2019 nomenclature.
EXTRA_PARENT_ROWS = {
    "X.XX.01.2.03": "Administrasi Barang Milik Daerah pada Perangkat Daerah",
}

# satuan where neither the Renstra nor Bab II gives a unit.
SATUAN_OVERRIDE = {
    # Kegiatan 3.30.03.2.02 carries another kegiatan's "Persentase perijinan ..." indicator (C16,
    # L2618); its reported value 23 counts pasar (III.8 L958 "23 Pasar", sub kegiatan 23 pasar).
    ("3.30.03.2.02", 0): "pasar",
    # Programme 3.31.03 (Renstra row lost): the three indicators are percentages
    # (III.50 L1871 "675 industri/ 34.67%", "target (2,47%)", "66 industri/100%", "(64,85%)").
    ("3.31.03", 0): "%",
    ("3.31.03", 1): "%",
    ("3.31.03", 2): "%",
}

# Penjelasan texts that belong to another row: III.64 L2239 (programme Penilaian Kesehatan, realisasi
# empty) says "Realisasi indikator Program (5,88%) sama dengan target (5,88%) ... (100%)" (C10).
PENJELASAN_DROP = {("2.17.04", 0)}


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------

REPORT: list[str] = []
PK_ANGGARAN: dict[str, Decimal] = {}  # programme code -> Perjanjian Kinerja budget (filled on the way)


def note(msg: str) -> None:
    REPORT.append(msg)


def norm_code(code: str) -> str:
    """'03:30:03' -> '3.30.03', '02:17:05' -> '2.17.05', 'x.xx.01.2.01' -> 'X.XX.01.2.01'."""
    parts = code.strip().replace(":", ".").split(".")
    if parts[0].lower() == "x":
        parts[0], parts[1] = "X", "XX"
    else:
        parts[0] = str(int(parts[0]))
    return ".".join(parts)


def level_of(code: str) -> str:
    return {3: "program", 5: "kegiatan", 6: "sub_kegiatan"}[len(code.split("."))]


def parent_of(code: str) -> str | None:
    n = len(code.split("."))
    return ".".join(code.split(".")[: {6: 5, 5: 3}[n]]) if n > 3 else None


def code_key(code: str) -> tuple:
    return tuple(int(p) if p.isdigit() else -1 for p in code.split("."))


def program_of(code: str) -> str:
    return ".".join(code.split(".")[:3])


def clean_ws(text: str | None) -> str | None:
    if text is None:
        return None
    text = re.sub(r"\s+", " ", text).strip()
    return text or None


def strip_numbering(text: str | None) -> str | None:
    """Drop a list number printed in front of an indicator ('1. ', '03. ')."""
    text = clean_ws(text)
    return re.sub(r"^\d+\.\s*", "", text) if text else text


def cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]


NUM_RE = re.compile(r"^\s*([<>≤≥]?)\s*(\d[\d.]*(?:,\d+)?)\s*(.*?)\s*$")


def parse_id(text: str | None) -> tuple[Decimal | None, str | None, bool]:
    """Parse a printed Indonesian number: '5,88%' -> (5.88, '%'), '554.354' -> (554354, None),
    '6 pasar' -> (6, 'pasar'), '< 5%' -> (5, '%', negatif=True), 'Rp 2.312.089.341,00' -> amount.
    Returns (value, unit, has_less_than). '-', '', 'N/A' -> (None, None, False); a bare word such as
    'unit' -> (None, 'unit', False)."""
    if text is None:
        return None, None, False
    t = text.strip()
    t = re.sub(r"^(Rp\.?|RP\.?)\s*", "", t)
    if t in ("", "-", "--", "---", "N/A"):
        return None, None, False
    m = NUM_RE.match(t)
    if not m:
        return None, norm_unit(t), False
    sign, num, unit = m.groups()
    value = Decimal(num.replace(".", "").replace(",", "."))
    unit = unit.rstrip(",-").strip()
    return value, norm_unit(unit) if unit else None, sign in ("<", "≤")


def norm_unit(unit: str | None) -> str | None:
    if not unit:
        return None
    unit = clean_ws(unit)
    if unit == "Persen":
        return "%"
    return unit if unit.isupper() else unit.lower()


def fnum(value: Decimal | None) -> str | None:
    """Decimal -> plain string with '.' as decimal mark, no grouping, no exponent, no trailing 0."""
    if value is None:
        return None
    s = format(value.normalize(), "f")
    return s


def fmoney(value: Decimal | None) -> str | None:
    """Rupiah: integer as '2312089341', fractions with two decimals ('72153248.50')."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return str(int(value))
    return str(value.quantize(Decimal("0.01")))


def dec_json(x) -> Decimal | None:
    """A JSON number of the reference (parsed by its author) as Decimal."""
    return None if x is None else Decimal(str(x))


def similar(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()


# --------------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------------


def build_instansi(ref: dict) -> dict:
    ins = ref["instansi"]
    return {
        "Nama Instansi": ins["nama"],
        "Singkatan": "DKUMP",
        "Pemerintah Daerah": ins["pemerintah_daerah"],
        "Kepala": ins["kepala"]["nama"],
        "NIP Kepala": ins["kepala"]["nip_text"],
        "Pangkat Kepala": ins["kepala"]["pangkat"],
        "Kepala Daerah": ins["kepala_daerah"]["nama"],
        "Jabatan Kepala Daerah": ins["kepala_daerah"]["jabatan"],
        # C33: "2021 – 2024" (Kata Pengantar) vs "2020 - 2024" (Bab II); Tabel 6.1 covers 2021-2024.
        "Periode Renstra": "2021-2024",
        # L354 (the other printings L2572/L2590/L2906 misspell or space the street number)
        "Alamat": "Jalan Alianyang No. 7C Pontianak",
        "Kota": ins["kota"],
    }


def build_instansi_bab_ii(ref: dict, lines: list[str]) -> dict:
    """The optional Instansi rows of Tabel II.1 and the Perjanjian Kinerja statement page (issue 14 item 3)."""
    ins, pk = ref["instansi"], ref["perjanjian_kinerja"]
    # L617 (repeated L633): "MISI/ TUJUAN<TAB>MEWUJUDKAN MASYARAKAT SEJAHTERA …"
    misi = next(line.split("\t", 1)[1].strip() for line in lines if line.startswith("MISI/ TUJUAN\t"))
    return {
        # L2916 "Jabatan : Kepala Dinas Koperasi, Usaha Mikro dan Perdagangan Kota Pontianak."
        "Jabatan Kepala": pk["pihak_pertama"]["jabatan"],
        # L2930 / L2978 "Pontianak, Oktober 2021": the place is the Kota row
        "Tanggal Perjanjian Kinerja": ins["tanggal_perjanjian_kinerja"].split(", ", 1)[1],
        "Misi": misi,
    }


def renstra_values(row: dict) -> dict:
    """Targets/units/Rp of one Tabel 6.1 row, parsed from the printed texts."""
    out = {"target": {}, "unit": {}, "neg": False, "pagu": {}}
    for y in YEARS:
        v, u, neg = parse_id(row.get(f"target_{y}_text"))
        out["target"][y], out["unit"][y] = v, u
        out["neg"] |= neg
        out["pagu"][y] = parse_id(row.get(f"rp_{y}_text"))[0]
    v, u, neg = parse_id(row.get("target_akhir_text"))
    out["target"]["akhir"], out["unit"]["akhir"] = v, u
    out["neg"] |= neg
    v, u, neg = parse_id(row.get("baseline_text"))
    out["target"]["baseline"], out["unit"]["baseline"] = v, u
    out["neg"] |= neg
    return out


def build_tujuan(ref: dict, renstra_rows: list[dict]) -> list[dict]:
    pk_ik = {s["indikator"]: s["ik"] for s in ref["perjanjian_kinerja"]["sasaran"]}
    rows, tujuan_no = [], 0
    for k, r in enumerate(renstra_rows):
        if r["level"] == "tujuan":
            tujuan_no += 1
        elif not (r["level"] == "additional_indicator" and renstra_rows[k - 1]["level"] == "tujuan"):
            continue  # (the additional row after a tujuan row is its 2nd indicator, L2737)
        rv = renstra_values(r)
        units = {u for u in rv["unit"].values() if u}
        assert units == {"%"}, (r["line"], units)
        indikator = cap_first(strip_numbering(r["indikator"]))
        ik = next(v for k, v in pk_ik.items() if similar(strip_numbering(k), indikator) > 0.9)
        ref_tujuan = ref["tujuan"][tujuan_no - 1]
        rows.append({
            "kode_tujuan": f"T{tujuan_no}",
            "tujuan": ref_tujuan["tujuan"],
            "kode_indikator": ik,
            "indikator": indikator,
            "satuan": "%",
            "polaritas": "Negatif" if rv["neg"] else "Positif",
            "target": {str(y): fnum(rv["target"][y]) for y in YEARS},
        })
    assert [t["kode_indikator"] for t in rows] == ["IK.1", "IK.2", "IK.3", "IK.4"], rows
    return rows


def penyebab_solusi(lines: list[str], line_no: int, items_p: list[str], items_s: list[str]):
    """Full texts of the III.6-type Penyebab / Solusi cells (the JSON shortened some items),
    numbered 1., 2., ... and joined with newlines."""
    cols = lines[line_no - 1].split("\t")
    assert len(cols) == 5, (line_no, len(cols))

    def items(cell: str, json_items: list[str]) -> str | None:
        cell = clean_ws(re.sub(r"<[^>]+>", " ", cell))
        if json_items == ["-"]:
            assert cell in ("1. -", "-"), cell
            return None
        starts = []
        pos = 0
        for it in json_items:
            key = it.split("...")[0].strip()[:40]
            i = cell.find(key, pos)
            if i < 0:
                i = cell.lower().find(key.lower(), pos)
            assert i >= 0, (line_no, key)
            starts.append(i)
            pos = i + len(key)
        texts = []
        for k, st in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else len(cell)
            t = cell[st:end].strip()
            if k + 1 < len(starts):
                t = re.sub(r"\s+\d+\.$", "", t)  # the next item's printed number
            t = re.sub(r"[\s.,;]+$", "", t)
            t = re.sub(r"\s+dan$", "", t)  # SS8 L1980 "... industri kriya dan;" (list connector)
            texts.append(t)
        return "\n".join(f"{k}. {t}" for k, t in enumerate(texts, 1))

    return items(cols[3], items_p), items(cols[4], items_s)


def build_iku(ref: dict, renstra_rows: list[dict], lines: list[str]):
    ren_sasaran = [r for r in renstra_rows if r["level"] == "sasaran"]
    iku, real = [], {}
    for s in ref["sasaran"]:
        no = s["no"]
        code_ind = f"IKU{no:02d}"
        i = s["iku"]
        # Renstra sasaran row (SS7's row is lost in the conversion, gaps_in_conversion[0])
        cand = max(ren_sasaran, key=lambda r: similar(r["indikator"], i["nama"]))
        ren = cand if similar(cand["indikator"], i["nama"]) > 0.85 else None
        target = {y: None for y in YEARS}
        baseline = target_akhir = None
        satuan = i["satuan"]
        polaritas = "Positif"
        t21 = dec_json(i["target_2021"])  # Tabel III.2-type (decimal point already resolved)
        if ren is not None:
            rv = renstra_values(ren)
            target = {y: rv["target"][y] for y in YEARS}
            baseline, target_akhir = rv["target"]["baseline"], rv["target"]["akhir"]
            units = {u for u in rv["unit"].values() if u}
            assert units <= {satuan}, (no, units, satuan)  # SS3 prints bare "554.354" (ton)
            polaritas = "Negatif" if rv["neg"] else "Positif"
            if target[2021] != t21:
                note(f"IKU {code_ind}: Tabel 6.1 2021 target {target[2021]} != Tabel III.2-type {t21}")
            tr = s["target_renstra"]
            printed = dec_json(tr.get("target_jangka_menengah"))
            if printed != target_akhir:
                note(f"IKU {code_ind}: {tr['source']} 'Target Renstra' prints {printed}; "
                     f"Renstra 2024 target {target_akhir} used (C13)")
        else:
            target[2021] = t21
            tr = s["target_renstra"]
            target_akhir = dec_json(tr.get("target_jangka_menengah"))
            note(f"IKU {code_ind}: Renstra row lost; 2021 target {t21} from {i['values_source']}, "
                 f"target_akhir {target_akhir} from {tr['source']} L{tr['line']} (unverifiable), "
                 f"2022-2024 targets and baseline unknown (null)")
        sn = s["standar_nasional"]
        assert sn["standar_nasional"] is None and sn["standar_nasional_text"] == "-"
        hist = s["realisasi_tahun_sebelumnya"]
        nama = s["nama"]
        iku.append({
            "kode_tujuan": IKU_TUJUAN[no],
            "kode_sasaran": f"SS{no:02d}",
            "sasaran": nama,
            "kode_indikator": code_ind,
            "indikator": cap_first(clean_ws(i["nama"])),
            "satuan": satuan,
            "polaritas": polaritas,
            "bidang": IKU_BIDANG[no],
            "baseline": fnum(baseline),
            "target": {str(y): fnum(target[y]) for y in YEARS},
            "target_akhir": fnum(target_akhir),
            "standar_nasional": None,
            "riwayat": {"2019": fnum(dec_json(hist["realisasi_2019"])),
                        "2020": fnum(dec_json(hist["realisasi_2020"]))},
        })
        a = s["analisis_penyebab"]
        peny, solu = penyebab_solusi(lines, a["line"], a["penyebab"], a["solusi"])
        real[code_ind] = {
            # Tabel III.2-type value (C1-C4: the Ringkasan Eksekutif / opening tables are wrong)
            "realisasi": fnum(dec_json(i["realisasi_2021"])),
            "penyebab": peny,
            "solusi": solu,
        }
    return iku, real


# ---- programme / kegiatan / sub kegiatan rows ----------------------------------------------


def new_row(kode, uraian, indikator, source):
    return {
        "kode": kode, "uraian": clean_ws(uraian), "indikator": strip_numbering(indikator),
        "satuan": None, "polaritas": "Positif", "kode_sasaran": None, "bidang": None,
        "target": {y: None for y in YEARS}, "pagu": {y: None for y in YEARS},
        "_source": source, "_units": {},
    }


def renstra_program_rows(renstra_rows: list[dict]) -> list[dict]:
    rows, last_prog = [], None
    for r in renstra_rows:
        lvl = r["level"]
        if lvl in ("program", "kegiatan", "sub_kegiatan"):
            kode = RENSTRA_CODE_FIX.get(r["line"], norm_code(r["kode"]))
            if r["line"] in RENSTRA_CODE_FIX:
                note(f"Renstra L{r['line']} {r['kode']} '{r['uraian']}' recoded {kode} (C20 duplicate code)")
            assert level_of(kode) == lvl, (r["line"], kode, lvl)
            row = new_row(kode, r["uraian"], r["indikator"], f"Tabel 6.1 L{r['line']}")
            last_prog = row if lvl == "program" else None
        elif lvl == "additional_indicator" and last_prog is not None:
            # second indicator of the programme above (3.30.04, L2657 "Persentase kinerja realisasi pupuk")
            row = new_row(last_prog["kode"], last_prog["uraian"], r["indikator"], f"Tabel 6.1 L{r['line']}")
            last_prog = None
        else:
            last_prog = None
            continue
        rv = renstra_values(r)
        row["target"] = {y: rv["target"][y] for y in YEARS}
        row["pagu"] = {y: rv["pagu"][y] for y in YEARS}
        row["polaritas"] = "Negatif" if rv["neg"] else "Positif"
        row["_units"] = rv["unit"]
        row["_baseline"] = rv["target"]["baseline"]
        rows.append(row)
    return rows


def add_program_baseline(program: list[dict], rows: list[dict]) -> None:
    """Tabel 6.1 column (6) "Data Capaian pada Tahun Awal" of each programme row, for the Lampiran Tabel 6.1
    (issue 14 item 3). Rows rebuilt from the reporting (the Renstra's lost pages) have none."""
    for out, row in zip(program, rows, strict=True):
        out["baseline"] = fnum(row.get("_baseline"))


def walk_tree(node, sasaran_no, out):
    out.append((node, sasaran_no))
    for c in node.get("kegiatan", []) + node.get("sub_kegiatan", []):
        walk_tree(c, sasaran_no, out)


def tree_nodes(ref: dict) -> list[tuple[dict, int | None]]:
    out = []
    for s in ref["program_tree"]["sasaran"]:
        for p in s["programs"]:
            walk_tree(p, s["sasaran_no"], out)
    walk_tree(ref["program_tree"]["program_penunjang"], None, out)
    return out


def add_gap_rows(rows: list[dict], ref: dict) -> None:
    """Rows the 2021 reporting needs but the converted Tabel 6.1 lost (gaps_in_conversion)."""
    have = {r["kode"] for r in rows}
    for node, _ss in tree_nodes(ref):
        iiib = node["sources"].get("realisasi_anggaran_bab_III_B")
        kode = norm_code(node["kode"])
        kode = IIIB_CODE_REMAP.get(kode, kode)
        if kode in have:
            continue
        uraian = re.sub(r"^(Sub Keg|Kegiatan)\s+", "", iiib["uraian"]) if iiib else node["nama"]
        pk = node["sources"].get("lampiran_pengukuran_kinerja", [])
        an = node["sources"].get("analisis_bab_III", [])
        b2 = node["sources"].get("bab_II_narrative") or {}
        indicators = ([p["indikator"] for p in pk] or ([b2["indikator_output"]] if b2.get("indikator_output") else [])
                      or [a["indikator"] for a in an] or [None])
        src = GAP_ROW_SOURCES.get(kode, f"III.B L{iiib['line']}" + (f", Lampiran PK L{pk[0]['line']}" if pk else ""))
        for ind in indicators:
            row = new_row(kode, uraian, ind, f"gap: {src}")
            row["_gap"] = True
            rows.append(row)
        note(f"Gap row {kode} '{clean_ws(uraian)[:60]}' added from {src}; indicators: "
             f"{[strip_numbering(i) for i in indicators]}")
        have.add(kode)
    for kode, uraian in EXTRA_PARENT_ROWS.items():
        assert kode not in have
        row = new_row(kode, uraian, None, "parent of Tabel 6.1 L2800 (Permendagri 90/2019 name)")
        row["_gap"] = True
        rows.append(row)
        note(f"Parent row {kode} '{uraian}' added (Permendagri 90/2019 name; no seed source)")


def order_rows(rows: list[dict]) -> list[dict]:
    """Renstra order of programmes; inside a programme, code order (the Renstra's own order);
    several indicators of one code keep their order."""
    prog_order = []
    for r in rows:
        p = program_of(r["kode"])
        if p not in prog_order:
            prog_order.append(p)
    # 3.31.03 was lost between 3.31.02 and 3.31.04 (gaps_in_conversion[0]); it is appended by
    # add_gap_rows, so put it back in place.
    if "3.31.03" in prog_order:
        prog_order.remove("3.31.03")
        prog_order.insert(prog_order.index("3.31.04"), "3.31.03")
    indexed = list(enumerate(rows))
    indexed.sort(key=lambda t: (prog_order.index(program_of(t[1]["kode"])), code_key(t[1]["kode"]), t[0]))
    return [r for _, r in indexed]


def rows_by_code(rows):
    out = {}
    for r in rows:
        out.setdefault(r["kode"], []).append(r)
    return out


def attach_reporting(rows: list[dict], ref: dict) -> None:
    """Attach III.8-type analysis rows, Lampiran PK rows and Bab II.B items to program rows."""
    byc = rows_by_code(rows)
    for node, ss in tree_nodes(ref):
        kode = norm_code(node["kode"])
        kode = REPORT_CODE_REMAP.get(kode, kode)
        targets = byc[kode]
        src = node["sources"]
        for key in ("analisis_bab_III", "lampiran_pengukuran_kinerja"):
            for k, item in enumerate(src.get(key, [])):
                row = targets[k]
                row.setdefault("_" + key, item)
                sim = similar(strip_numbering(item["indikator"]), row["indikator"])
                if sim < 0.8:
                    note(f"{kode}: {key} L{item['line']} indicator '{item['indikator'][:70]}' "
                         f"differs from row indicator '{(row['indikator'] or '')[:70]}' (similarity {sim:.2f})")
        b2 = src.get("bab_II_narrative")
        if b2 and b2.get("indikator_output"):
            k2 = norm_code(node["kode"])
            byc[BAB2_CODE_REMAP.get(k2, k2)][0]["_bab_II"] = b2
        if node["level"] == "program":
            for r in rows:
                if program_of(r["kode"]) == kode:
                    r["kode_sasaran"] = None if ss is None else f"SS{ss:02d}"


def finish_rows(rows: list[dict]) -> None:
    for pos, r in enumerate(rows):
        prog = program_of(r["kode"])
        r["bidang"] = PROGRAM_BIDANG[prog]
        same_code = [x for x in rows if x["kode"] == r["kode"]]
        idx = same_code.index(r)
        an, pk, b2 = r.get("_analisis_bab_III"), r.get("_lampiran_pengukuran_kinerja"), r.get("_bab_II")
        # ---- 2021 target: the Renstra; if it has none, the 2021 plan/reporting (Bab II > PK > III.x)
        if r["target"][2021] is None:
            for label, item, field in (("Bab II.B", b2, "target_text"), ("Lampiran PK", pk, "target_text"),
                                       ("analysis table", an, "target_text")):
                if item and item.get(field):
                    v = parse_id(item[field])[0]
                    if v is not None:
                        r["target"][2021] = v
                        r["_target_src"] = f"{label} L{item['line']}"
                        note(f"{r['kode']} '{(r['indikator'] or '')[:50]}': 2021 target {fnum(v)} from {label} "
                             f"L{item['line']} (Tabel 6.1 has none{'; row rebuilt' if r.get('_gap') else ''})")
                        break
        for label, item in (("Bab II.B", b2), ("Lampiran PK", pk), ("analysis table", an)):
            if item and item.get("target_text"):
                v = parse_id(item["target_text"])[0]
                if v is not None and v != r["target"][2021]:
                    note(f"{r['kode']} '{(r['indikator'] or '')[:50]}': {label} L{item['line']} prints 2021 "
                         f"target {fnum(v)}; {fnum(r['target'][2021])} "
                         f"({r.get('_target_src', 'Renstra')}) kept")
        # ---- satuan: the Renstra target texts (2021 first), else Bab II, Lampiran SAT (penunjang
        # only: elsewhere the column says "Persen" for everything, C16), else overrides / "%".
        units = r.get("_units", {})
        order = [2021, 2022, 2023, 2024, "akhir", "baseline"]
        satuan = next((units[k] for k in order if units.get(k)), None)
        if satuan is None and b2 and b2.get("target_unit"):
            satuan = norm_unit(b2["target_unit"])
        if satuan is None and pk and prog == PENUNJANG:
            satuan = norm_unit(pk["satuan"])
        if satuan is None and (r["kode"], idx) in SATUAN_OVERRIDE:
            satuan = SATUAN_OVERRIDE[(r["kode"], idx)]
        if satuan is None and r["indikator"] and re.match(r"(persentase|rasio)\b", r["indikator"], re.I):
            satuan = "%"
        r["satuan"] = satuan
        # C32: a year printed in another unit than the 2021 one is not a value of this indicator
        for y in YEARS:
            u = units.get(y)
            if u and satuan and u != satuan and r["target"][y] is not None:
                note(f"{r['kode']} '{(r['indikator'] or '')[:50]}': {y} target printed in '{u}' "
                     f"({fnum(r['target'][y])}), satuan '{satuan}' -> null (C32)")
                r["target"][y] = None
        # record the Negatif rows (the Renstra writes "< 5%"; only 3.30.04.2.02, rule B2)
        if r["polaritas"] == "Negatif":
            note(f"{r['kode']} '{r['indikator']}': polaritas Negatif (Renstra '<')")


def derive_3_31_03_pagu(rows: list[dict], renstra_rows: list[dict]) -> None:
    """Tujuan 2 Rp = SS6 + SS7 + SS8 Rp (rule B7); SS7's row and programme 3.31.03 are lost, so
    programme 3.31.03 Rp = tujuan 2 - SS6 - SS8; it must equal its only kegiatan 3.31.03.2.01."""
    by_line = {r["line"]: r for r in renstra_rows}
    tuj2, ss6, ss8 = (renstra_values(by_line[n])["pagu"] for n in (2711, 2712, 2725))
    keg = next(r for r in rows if r["kode"] == "3.31.03.2.01")
    prog_rows = [r for r in rows if r["kode"] == "3.31.03"]
    for y in YEARS:
        v = tuj2[y] - ss6[y] - ss8[y]
        assert v == keg["pagu"][y], (y, v, keg["pagu"][y])
        prog_rows[0]["pagu"][y] = v
    note(f"3.31.03 Renstra pagu derived = tujuan 2 - SS6 - SS8 = kegiatan 3.31.03.2.01: "
         f"{[fmoney(prog_rows[0]['pagu'][y]) for y in YEARS]}")


def build_realisasi_program(rows: list[dict], ref: dict) -> list[dict]:
    iiib_rows = ref["realisasi_anggaran"]["bab_III_B_rincian"]["rows"]
    byc = rows_by_code(rows)
    dpa = {}
    for b in iiib_rows:
        if b["level"] not in ("program", "kegiatan", "sub_kegiatan"):
            continue
        kode = norm_code(b["kode"])
        kode = IIIB_CODE_REMAP.get(kode, kode)
        assert kode in byc, kode
        ren_uraian = byc[kode][0]["uraian"]
        sim = similar(re.sub(r"^(Sub Keg|Kegiatan)\s+", "", b["uraian"]), ren_uraian)
        if sim < 0.8:
            note(f"III.B L{b['line']} {b['kode']} '{b['uraian'][:60]}' vs row {kode} '{ren_uraian[:60]}' ({sim:.2f})")
        if b["kode"] != kode and norm_code(b["kode"]) != kode:
            note(f"III.B L{b['line']} code {b['kode']} used as {kode} (C20)")
        dpa[kode] = b
    reported = set()
    for r in rows:
        if r.get("_analisis_bab_III") or r.get("_lampiran_pengukuran_kinerja"):
            reported.add(id(r))
    for kode in dpa:
        reported.add(id(byc[kode][0]))
    out = []
    for r in rows:
        if id(r) not in reported:
            continue
        same_code = byc[r["kode"]]
        idx = same_code.index(r)
        an, pk = r.get("_analisis_bab_III"), r.get("_lampiran_pengukuran_kinerja")
        real_an = parse_id(an["realisasi_text"])[0] if an else None
        real_pk = parse_id(pk["realisasi_text"])[0] if pk else None
        if an and pk and real_an != real_pk:
            note(f"{r['kode']}: realisasi analysis {real_an} vs Lampiran PK {real_pk}")
        realisasi = real_an if an else real_pk
        pagu = real_ang = None
        b = dpa.get(r["kode"]) if idx == 0 else None
        if b and level_of(r["kode"]) == "sub_kegiatan":
            pagu = parse_id(b["pagu_text"])[0]
            real_ang = DPA_REALISASI_FIX.get(r["kode"], parse_id(b["realisasi_text"])[0])
            if r["kode"] in DPA_REALISASI_FIX:
                note(f"{r['kode']}: realisasi anggaran {fmoney(real_ang)} instead of printed {b['realisasi_text']} (B8)")
        penjelasan = clean_ws(an.get("penjelasan")) if an else None
        if (r["kode"], idx) in PENJELASAN_DROP:
            note(f"{r['kode']}: penjelasan dropped (C10): {penjelasan}")
            penjelasan = None
        out.append({
            "kode": r["kode"],
            "indikator": r["indikator"],
            "realisasi": fnum(realisasi),
            "pagu": fmoney(pagu),
            "realisasi_anggaran": fmoney(real_ang),
            "penjelasan": penjelasan,
        })
    return out, dpa


#: Tabel 1.9's belanja lines → (kelompok, account code) of the Keuangan sheet (lakip_xl.model.BELANJA_JENIS)
BELANJA_LINES = {
    "- Belanja Pegawai": ("Belanja Operasi", "5.1.01"),
    "- Belanja Barang dan Jasa": ("Belanja Operasi", "5.1.02"),
    "- Belanja Tanah": ("Belanja Modal", "5.2.01"),
    "- Belanja Peralatan dan Mesin": ("Belanja Modal", "5.2.02"),
    "- Belanja Gedung dan Bangunan": ("Belanja Modal", "5.2.03"),
    "- Belanja Jalan, Irigasi dan Jaringan": ("Belanja Modal", "5.2.04"),
    "- Belanja Aset Tetap Lainnya": ("Belanja Modal", "5.2.05"),
    "- Belanja Aset Lainnya": ("Belanja Modal", "5.2.06"),
    "Belanja Tidak Terduga": ("Belanja Tidak Terduga", "5.3.01"),
}


def build_keuangan(ref: dict) -> list[dict]:
    """Tabel 1.9 as the Sekretariat's Keuangan sheet: the pendapatan lines and the belanja per jenis given."""
    rows = ref["realisasi_anggaran"]["tabel_1_9"]["rows"]
    out = []
    section = None
    for r in rows:
        uraian = r["uraian"]
        if r["no"]:
            section = uraian
            continue
        if uraian.startswith("Jumlah") or r["anggaran"] is None and r["realisasi"] is None:
            continue
        if section == "PENDAPATAN":
            out.append({"kelompok": "Pendapatan", "kode": None, "uraian": uraian,
                        "anggaran": str(r["anggaran"]), "realisasi": str(r["realisasi"])})
        elif uraian in BELANJA_LINES:
            kelompok, kode = BELANJA_LINES[uraian]
            out.append({"kelompok": kelompok, "kode": kode, "uraian": uraian.lstrip("- "),
                        "anggaran": str(r["anggaran"]), "realisasi": str(r["realisasi"])})
    return out


#: Tabel 1.6 made to agree with Tabel 1.1 (the seed's placement table disagrees with it in 13 cells and
#: sums to 52, its row totals to 54: SEED_NOTES C28). Each edit: (unit, from column or None, to column or None).
PENEMPATAN_EDITS = (
    ("Sekretariat", "IV/b L", "IV/b P"),            # 1.1 has IV/b only P
    ("UPT Jasa Usaha Pasar", "III/c L", "III/c P"),  # 1.1 III/c is 2 L, 2 P
    ("UPT Jasa Usaha Pasar", "III/b L", "III/b P"),  # 1.1 III/b is 3 L, 7 P
    ("UPT Metrologi", "II/c L", "II/c P"),           # 1.1 II/c is 2 L, 1 P
    ("Industri", "III/a P", "III/a L"),              # 1.1 III/a is 6 L, 2 P
    ("UPT Metrologi", "IV/c L", "III/d P"),          # 1.1 has one IV/c (the Kepala Dinas, Sekretariat)
    ("Sekretariat", None, "II/d P"),                 # printed row total 13, cells 12
    ("Perdagangan", None, "III/d P"),                # printed row total 6, cells 5
    ("Koperasi & UM", None, "III/b P"),              # the 55th person: row totals printed sum to 54
)
#: Tabel 1.2 with Tabel 1.1's sexes (31 L, 24 P; 1.2 prints 29 and 26, C27): two S1 moved from P to L.
PENDIDIKAN_EDITS = {"S1": (10, 13)}
PENDIDIKAN_LEVEL = {"S2": "S2", "S1": "S1", "D3": "D3", "SMU": "SLTA", "Tamatan S-2": "S2", "Tamatan S-1": "S1",
                    "Tamatan D-III": "D3", "Tamatan SLTA/ sederajat": "SLTA", "Tamatan SLTP/ sederajat": "SLTP",
                    "Tamatan SD/ sederajat": "SD"}
ESELON_CODE = {"II B": "II.b", "III A": "III.a", "III B": "III.b", "IV A": "IV.a", "IV B": "IV.b"}


def _golongan_code(text: str) -> str:
    """``Penata Tk I/III d`` → ``III/d``."""
    m = re.search(r"(IV|III|II|I)\s*([a-e])\s*$", text.replace("/", " "))
    return f"{m.group(1)}/{m.group(2)}"


def build_kepegawaian(ref: dict) -> dict:
    """One consistent version of the seed's staff tables, as the Sekretariat's Pegawai sheets (NOTES.md)."""
    peg = ref["pegawai"]
    t11 = {_golongan_code(r["pangkat_golongan"]): (r["laki_laki"] or 0, r["perempuan"] or 0)
           for r in peg["tabel_1_1"]["rows"]}
    units = {r["bidang"]: {k: v for k, v in r["cells"].items() if v} for r in peg["tabel_1_6"]["rows"]}
    shown = [c for c in peg["tabel_1_6"]["header"][1:-1]]
    for unit, source, target in PENEMPATAN_EDITS:
        cells = units[unit]
        if source:
            cells[source] -= 1
        cells[target] = cells.get(target, 0) + 1
    for col in shown:  # the golongan Tabel 1.1 prints, with 0 where it prints "-" (so they are shown)
        got = sum(u.get(col, 0) for u in units.values())
        g, sex = col.split()
        assert got == t11[g][0 if sex == "L" else 1], (col, got)
    assert sum(sum(u.values()) for u in units.values()) == 55
    penempatan = [{"unit": unit, "cells": {c: cells.get(c, 0) for c in shown}} for unit, cells in units.items()]
    pendidikan = []
    for r in peg["tabel_1_2"]["rows"]:
        level = PENDIDIKAN_LEVEL[r["pendidikan"]]
        men, women = PENDIDIKAN_EDITS.get(level, (r["laki_laki"] or 0, r["perempuan"] or 0))
        assert men + women == r["jumlah"]
        pendidikan.append({"pendidikan": level, "L": men, "P": women})
    assert sum(x["L"] for x in pendidikan) == 31 and sum(x["P"] for x in pendidikan) == 24
    jabatan = [{"eselon": ESELON_CODE[r["eselon"]], "jabatan": r["jabatan"], "jumlah": r["jumlah"]}
               for r in peg["tabel_1_3"]["rows"]]
    years: dict[int, dict] = {}
    for r in peg["tabel_1_4"]["rows"]:
        level = PENDIDIKAN_LEVEL[r["pendidikan"]]
        for y, v in r["per_tahun"].items():
            if int(y) < REPORT_YEAR:  # the report year comes from the sheets above
                years.setdefault(int(y), {})[level] = v or 0
    for r in peg["tabel_1_5"]["rows"]:
        group = r["golongan"].split()[-1]
        for y, v in r["per_tahun"].items():
            if int(y) < REPORT_YEAR:
                years.setdefault(int(y), {})[f"Golongan {group}"] = v or 0
    for r in peg["tabel_1_7"]["rows"]:  # only where 1.4 and 1.5 have nothing (2013): they agree, 1.7 not (C26)
        if int(r["tahun"]) < REPORT_YEAR and int(r["tahun"]) not in years:
            years[int(r["tahun"])] = {"Jumlah Pegawai": r["jumlah_pegawai"]}
    return {"penempatan": penempatan, "pendidikan": pendidikan, "jabatan": jabatan,
            "tahunan": [{"tahun": y, "cells": years[y]} for y in sorted(years)]}


def build_pk_program_ik(ref: dict, rows: list[dict]) -> dict:
    progs = {r["kode"]: r["uraian"] for r in rows if level_of(r["kode"]) == "program" and r["kode"] != PENUNJANG}

    def key(name):
        n = name.lower().replace("standarisasi", "standardisasi")
        n = re.sub(r"\(umkm\)|program|[^a-z ]", " ", n)
        return clean_ws(n)

    out = {}
    for p in ref["perjanjian_kinerja"]["program"]:
        best = max(progs, key=lambda k: similar(key(progs[k]), key(p["program"])))
        assert similar(key(progs[best]), key(p["program"])) > 0.85, p["program"]
        assert best not in out
        out[best] = p["ik"]
        PK_ANGGARAN[best] = parse_id(p["anggaran_text"])[0] or Decimal(0)
    assert len(out) == 16
    return out


# --------------------------------------------------------------------------------------------
# Self-check
# --------------------------------------------------------------------------------------------


def self_check(data: dict, dpa: dict, ref: dict) -> dict:
    D = Decimal
    iku = data["iku"]
    assert len(iku) == 10
    assert [i["kode_sasaran"] for i in iku] == [f"SS{n:02d}" for n in range(1, 11)]
    for i in iku:
        assert i["target"]["2021"] == EXPECTED_IKU_TARGET_2021[i["kode_indikator"]], i
    assert data["realisasi_2021"]["iku"]["IKU10"]["realisasi"] == "7.17"  # C4
    assert data["realisasi_2021"]["iku"]["IKU03"]["realisasi"] == "554354"

    prog = data["program"]
    keys = [(p["kode"], p["indikator"]) for p in prog]
    assert len(keys) == len(set(keys)), "duplicate (kode, indikator)"
    codes = {p["kode"] for p in prog}
    for c in codes:
        assert len({p["uraian"] for p in prog if p["kode"] == c}) == 1, c
        par = parent_of(c)
        assert par is None or par in codes, (c, par)
    programmes = [c for c in codes if level_of(c) == "program"]
    linked = {p["kode"] for p in prog if level_of(p["kode"]) == "program" and p["kode_sasaran"]}
    assert len(linked) == 16 and PENUNJANG in programmes and len(programmes) == 17, programmes
    for p in prog:
        root = next(x for x in prog if x["kode"] == program_of(p["kode"]))
        assert p["kode_sasaran"] == root["kode_sasaran"] and p["bidang"] == root["bidang"]
        assert p["polaritas"] in ("Positif", "Negatif")
        for y in map(str, YEARS):
            for field in ("target", "pagu"):
                v = p[field][y]
                assert v is None or re.fullmatch(r"\d+(\.\d+)?", v), (p["kode"], field, v)

    real = data["realisasi_2021"]["program"]
    rkeys = [(r["kode"], r["indikator"]) for r in real]
    assert len(rkeys) == len(set(rkeys))
    assert set(rkeys) <= set(keys)
    seen_codes = set()
    for r in real:
        if r["pagu"] is not None or r["realisasi_anggaran"] is not None:
            assert level_of(r["kode"]) == "sub_kegiatan", r
            assert r["kode"] not in seen_codes and keys.index((r["kode"], r["indikator"])) == \
                min(i for i, k in enumerate(keys) if k[0] == r["kode"]), r  # first indicator row
            seen_codes.add(r["kode"])

    # ---- III.B roll-ups, exact with Decimal
    def amt(v):
        return D(v) if v is not None else D(0)

    sums = {}
    for r in real:
        if level_of(r["kode"]) != "sub_kegiatan":
            continue
        for k in (program_of(r["kode"]), parent_of(r["kode"]), "ALL",
                  "NONPEN" if not r["kode"].startswith("X") else "PEN"):
            s = sums.setdefault(k, [D(0), D(0)])
            s[0] += amt(r["pagu"])
            s[1] += amt(r["realisasi_anggaran"])
    half = D("0.50")
    for kode, b in dpa.items():
        if level_of(kode) == "sub_kegiatan":
            continue
        pagu, rl = amt(fnum(parse_id(b["pagu_text"])[0])), amt(fnum(parse_id(b["realisasi_text"])[0]))
        sp, sr = sums.get(kode, [D(0), D(0)])
        assert sp == pagu, (kode, sp, pagu)
        # exact, except the B8 half rupiah that III.B prints rounded half-up
        assert sr == rl or (pagu != 0 and sr + half == rl and kode in ("3.30.04", "3.30.04.2.02")), (kode, sr, rl)
    belanja = next(b for b in ref["realisasi_anggaran"]["bab_III_B_rincian"]["rows"] if b["uraian"] == "BELANJA")
    assert sums["ALL"][0] == D("12872381707") == parse_id(belanja["pagu_text"])[0]
    # exact sum 12441814426.50 (B8: the Belanja Operasi sisa 429.148.442,50 -> "443" confirms it);
    # printed 12.441.814.427 = the same amount rounded half-up once
    assert sums["ALL"][1] == D("12441814426.50"), sums["ALL"]
    assert sums["ALL"][1].quantize(D(1), ROUND_HALF_UP) == D("12441814427") == parse_id(belanja["realisasi_text"])[0]
    assert sums["NONPEN"] == [D("3597875549"), D("3564531087.50")], sums["NONPEN"]
    assert sums["PEN"] == [D("9274506158"), D("8877283339")], sums["PEN"]
    # Perjanjian Kinerja: 16 programmes, budget of each = the sum of its sub kegiatan pagu
    assert len(data["perjanjian_kinerja"]["program_ik"]) == 16
    for kode, anggaran in PK_ANGGARAN.items():
        assert sums[kode][0] == anggaran, (kode, sums[kode][0], anggaran)
    assert sum(PK_ANGGARAN.values()) == D("3597875549")
    return sums


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--report", action="store_true", help="print every source disagreement / choice")
    args = ap.parse_args(argv)

    ref = json.loads(REF_JSON.read_text(encoding="utf-8"))
    lines = REF_TXT.read_text(encoding="utf-8").split("\n")
    renstra_rows = ref["renstra_tabel_6_1"]["rows"]

    tujuan = build_tujuan(ref, renstra_rows)
    iku, real_iku = build_iku(ref, renstra_rows, lines)

    rows = renstra_program_rows(renstra_rows)
    add_gap_rows(rows, ref)
    rows = order_rows(rows)
    attach_reporting(rows, ref)
    finish_rows(rows)
    derive_3_31_03_pagu(rows, renstra_rows)
    real_prog, dpa = build_realisasi_program(rows, ref)

    program = [{
        "kode": r["kode"], "uraian": r["uraian"], "indikator": r["indikator"], "satuan": r["satuan"],
        "polaritas": r["polaritas"], "kode_sasaran": r["kode_sasaran"], "bidang": r["bidang"],
        "target": {str(y): fnum(r["target"][y]) for y in YEARS},
        "pagu": {str(y): fmoney(r["pagu"][y]) for y in YEARS},
    } for r in rows]

    add_program_baseline(program, rows)

    data = {
        "instansi": {**build_instansi(ref), **build_instansi_bab_ii(ref, lines)},
        "tahun": YEARS,
        "bidang": BIDANG,
        "tujuan": tujuan,
        "iku": iku,
        "program": program,
        "realisasi_2021": {"iku": real_iku, "program": real_prog, "keuangan": build_keuangan(ref),
                           "kepegawaian": build_kepegawaian(ref)},
        "perjanjian_kinerja": {"program_ik": build_pk_program_ik(ref, rows)},
    }
    sums = self_check(data, dpa, ref)

    OUT_JSON.parent.mkdir(parents=True, exist_ok=True)
    with OUT_JSON.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1, ensure_ascii=False)
        fh.write("\n")

    if args.report:
        print("---- choices / disagreements ----")
        for m in REPORT:
            print(" -", m)
        print()

    codes = {p["kode"] for p in program}
    n_prog = sum(1 for c in codes if level_of(c) == "program")
    n_keg = sum(1 for c in codes if level_of(c) == "kegiatan")
    n_sub = sum(1 for c in codes if level_of(c) == "sub_kegiatan")
    n_t21 = sum(1 for p in program if p["target"]["2021"] is not None)
    n_p21 = sum(1 for p in program if p["pagu"]["2021"] is not None)
    n_dpa = sum(1 for r in real_prog if r["pagu"] is not None)
    print(f"wrote {OUT_JSON.relative_to(ROOT)}")
    print(f"tujuan indicators: {len(tujuan)}; IKU: {len(iku)}")
    print(f"program rows: {len(program)} (codes: {n_prog} programmes incl. Penunjang, {n_keg} kegiatan, "
          f"{n_sub} sub kegiatan); rows with 2021 target: {n_t21}; rows with Renstra 2021 pagu: {n_p21}")
    print(f"realisasi_2021.program entries: {len(real_prog)}; sub kegiatan rows with DPA 2021 pagu: {n_dpa}")
    print(f"DPA 2021 (sum of sub kegiatan): BELANJA pagu {fmoney(sums['ALL'][0])} realisasi {fmoney(sums['ALL'][1])} "
          f"(printed 12441814427 = half-up); 16 programmes {fmoney(sums['NONPEN'][0])} / {fmoney(sums['NONPEN'][1])}; "
          f"Penunjang {fmoney(sums['PEN'][0])} / {fmoney(sums['PEN'][1])}")
    print("self-check: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
