"""The column contract of every sheet of the consolidated sample, cell by cell (issue 11).

A mutation check found bugs that the figure tests do not see because they look a
value up by its header or filter rows loosely: Pagu and Realisasi swapped in
`Lampiran PK`, Program Penunjang listed in `Perjanjian Kinerja` (its JUMLAH then
12,9 bn), Bidang and Kode Sasaran swapped in `Indikator Program`, the Satuan
column showing the Polaritas in `Capaian IKU`. The tests below therefore pin
whole rows at their place: the exact header of each flat sheet with every cell
of a known data row, the captions and a known row of each presentation sheet,
and the `Lampiran PK` and `Perjanjian Kinerja` tables row by row against the
seed (data/reference/lakip_2021_dkump_pontianak.json).

Every expected value is a literal from the seed, the sample data
(data/sample/dkump_2021.json, the source of input/) or hand arithmetic on such
literals, never a value computed by lakip_xl. Where the seed prints a wrong
value, the correct one is asserted and the note of data/reference/SEED_NOTES.md
("B8", "C9", ...) or of data/sample/NOTES.md is named. "Lnnn" is a line of the
seed's text (data/reference/lakip_2021_dkump_pontianak.txt).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import half_up, rows_of

SHEETS = [
    "Ringkasan", "Capaian IKU", "Tabel III.1",
    *(f"Sasaran {k}" for k in range(1, 11)),
    "Efisiensi", "Realisasi Anggaran", "Kepegawaian", "Penempatan Pegawai", "Realisasi Keuangan",
    "Indikator Program", "Lampiran PK", "Tabel 6.1", "Tabel II.1", "Rencana Kinerja", "Pernyataan PK",
    "Perjanjian Kinerja", "Grafik", "Narasi", "Validasi",
]


# ---------------------------------------------------------------------------------------------------------------
# helpers


@lru_cache(maxsize=None)
def _read(path: str, sheet: str) -> tuple[tuple, ...]:
    return tuple(tuple(r) for r in rows_of(Path(path), sheet))


def sheet_rows(run, sheet: str) -> list[list]:
    """The sheet as calamine sees it (read once per session), each row without its trailing empty cells."""
    return [trim(r) for r in _read(str(run.output), sheet)]


def trim(row) -> list:
    row = list(row)
    while row and row[-1] is None:
        row.pop()
    return row


def approx(x: float):
    """A derived percentage stored at full precision (the workbook rounds only in its display formats)."""
    return pytest.approx(x, rel=1e-12, abs=1e-12)


def find(rows: list[list], col: int, value, start: int = 0) -> int:
    """Index of the first row at or after `start` whose cell `col` is `value`."""
    for i in range(start, len(rows)):
        if len(rows[i]) > col and rows[i][col] == value:
            return i
    raise AssertionError(f"no row with {value!r} in column {col}")


def _key(text: str) -> str:
    """Seed text and Renstra text compared as words: list number, case, spacing and spaces around '/' ignored."""
    text = re.sub(r"^\s*\d+\.\s*", "", text)  # "1. Pertambahan …", "03. Persentase …" (data/sample/NOTES.md)
    text = re.sub(r"\s*/\s*", "/", text)  # "rapat/ sosialisasi", "Kabupaten/ Kota"
    return " ".join(text.split()).casefold()


class Loose:
    """A seed text; equal to a cell holding the same words (see _key)."""

    def __init__(self, text: str):
        self.text = text

    def __eq__(self, other):
        return isinstance(other, str) and _key(other) == _key(self.text)

    def __repr__(self):
        return f"Loose({self.text!r})"


class Printed:
    """A percentage as the seed prints it ("146", "91,667"); equal to a full-precision cell that rounds
    half-up to it at the printed number of decimals."""

    def __init__(self, text: str):
        self.text = text

    def __eq__(self, other):
        if isinstance(other, bool) or not isinstance(other, (int, float)):
            return False
        places = len(self.text.split(",")[1]) if "," in self.text else 0
        return half_up(other, places) == Decimal(self.text.replace(",", "."))

    def __repr__(self):
        return f"Printed({self.text!r})"


def seed_lampiran(reference) -> dict[int, dict]:
    return {r["line"]: r for r in reference["lampiran_pengukuran_kinerja"]["rows"]}


# ---------------------------------------------------------------------------------------------------------------
# the workbook


def test_sheet_names_in_order(sample_run):
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(sample_run.output))
    try:
        assert wb.sheet_names == SHEETS
    finally:
        wb.close()


# ---------------------------------------------------------------------------------------------------------------
# flat sheets (header in row 1): the exact header row and every cell of a known row


def test_capaian_iku_columns(sample_run, reference):
    rows = sheet_rows(sample_run, "Capaian IKU")
    assert rows[0] == ["Kode Sasaran", "Sasaran Strategis", "Kode Indikator", "Indikator Kinerja", "Satuan",
                       "Target", "Realisasi", "Capaian (%)", "Predikat", "Polaritas", "Bidang", "Sumber"]
    assert rows[1] == [
        "SS01", "Meningkatnya Pasar Rakyat Binaan yang memenuhi SNI Pasar",
        "IKU01", "Persentase Pasar rakyat binaan yang memenuhi SNI pasar",
        "%", 5.88, 8.57,
        approx(8.57 / 5.88 * 100),  # 145,748… (Tabel III.2: 146)
        "Sangat Berhasil", "Positif", "PSR",
        "LAKIP_2021_PSR_Bidang_Pasar.xlsx (IKU!G5)",  # the Realisasi cell of the first IKU row of PSR's report
    ]
    # one row per IKU, in order; the unit and the owner of each (data/sample/NOTES.md "Bidang")
    bidang = {1: "PSR", 2: "DAG", 3: "DAG", 4: "DAG", 5: "DAG", 6: "IND", 7: "IND", 8: "IND", 9: "KUM", 10: "KUM"}
    assert len(rows) == 1 + 10
    for row, s in zip(rows[1:], reference["sasaran"]):
        k = s["no"]
        assert row[:5] == [f"SS{k:02d}", s["nama"], f"IKU{k:02d}", s["iku"]["nama"], s["iku"]["satuan"]], k
        assert row[8:11] == [s["predikat"], s["iku"]["polaritas"], bidang[k]], k


def test_efisiensi_columns(sample_run):
    rows = sheet_rows(sample_run, "Efisiensi")
    assert rows[0] == ["Kode Sasaran", "Kode", "Program", "Pagu", "Realisasi", "Serapan (%)",
                       "Capaian Kinerja (%)", "Efisiensi (Rp)", "Efisiensi (%)"]
    # one row per sasaran and programme, as the efficiency tables III.7 … III.70 of the seed
    assert [r[:2] for r in rows[1:-1]] == [
        ["SS01", "3.30.03"], ["SS02", "3.30.02"], ["SS02", "3.30.04"], ["SS03", "3.30.05"], ["SS04", "3.30.06"],
        ["SS05", "3.30.07"], ["SS06", "3.31.02"], ["SS07", "3.31.03"], ["SS08", "3.31.04"], ["SS09", "2.17.02"],
        ["SS09", "2.17.03"], ["SS09", "2.17.04"], ["SS09", "2.17.05"], ["SS09", "2.17.06"], ["SS10", "2.17.07"],
        ["SS10", "2.17.08"],
    ]
    # Tabel III.14 (SS02), first row: pagu 38.940.000, realisasi 35.189.000 → 90 %, Rp 3.751.000, 10 %;
    # capaian kinerja 100 = the programme's indicator 100 / 100 (Lampiran PK L2840)
    assert rows[2] == ["SS02", "3.30.02", "PROGRAM PERIZINAN DAN PENDAFTARAN PERUSAHAAN",
                       38940000, 35189000, approx(35189000 / 38940000 * 100), 100,
                       3751000, approx(3751000 / 38940000 * 100)]
    # III.14, second row, with the half rupiah of the Lampiran PK (B8): 86.963.300 − 85.137.248,50 = 1.826.051,50;
    # the seed's CAPAIAN KINERJA column is a constant 100 (C12), the programme's own capaian is 100 / 83 × 100
    assert rows[3] == ["SS02", "3.30.04", "PROGRAM STABILISASI HARGA BARANG KEBUTUHAN POKOK DAN BARANG PENTING",
                       86963300, 85137248.5, approx(85137248.5 / 86963300 * 100), approx(100 / 83 * 100),
                       1826051.5, approx(1826051.5 / 86963300 * 100)]
    # III.21: no pagu ("-") and the programme's realisasi not reported: every figure empty, never 0
    assert rows[4] == ["SS03", "3.30.05", "PROGRAM PENGEMBANGAN EKSPOR"]
    # total: 3.597.875.549 / 3.564.531.087,50 (Lampiran "Jumlah Total Anggaran Sasaran Strategis", B7/B8);
    # efisiensi 3.597.875.549 − 3.564.531.087,50 = 33.344.461,50
    assert rows[-1] == [None, None, "JUMLAH", 3597875549, 3564531087.5,
                        approx(3564531087.5 / 3597875549 * 100), None,
                        33344461.5, approx(33344461.5 / 3597875549 * 100)]


def test_realisasi_anggaran_columns(sample_run):
    rows = sheet_rows(sample_run, "Realisasi Anggaran")
    assert rows[0] == ["Kode", "Uraian", "Pagu", "Realisasi", "%", "Tingkat", "Kode Sasaran", "Kelompok Anggaran"]
    at = {r[0]: r for r in rows[1:] if r and r[0]}
    # III.B L2443 prints this sub kegiatan as 3.30.02.2.06.02; the Renstra's code is .06.03 (C20, Renstra L2653)
    assert at["3.30.02.2.06.03"] == [
        "3.30.02.2.06.03",
        "Pengawasan Distribusi, Pengemasan dan Pelabelan Bahan Berbahaya Terhadap Pengguna Akhir Bahan "
        "Berbahaya (PA-B2) maupun Produsen B2 (P-B2)",
        38940000, 35189000, approx(35189000 / 38940000 * 100),  # III.B: 90
        "Sub Kegiatan", "SS02",
    ]
    assert at["3.30.02"] == ["3.30.02", "PROGRAM PERIZINAN DAN PENDAFTARAN PERUSAHAAN", 38940000, 35189000,
                             approx(35189000 / 38940000 * 100), "Program", "SS02", "Pendukung Sasaran"]
    assert at["X.XX.01"] == ["X.XX.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
                             9274506158, 8877283339, approx(8877283339 / 9274506158 * 100),
                             "Program Penunjang", None, "Penunjang"]
    # the four total rows, in the contract's order, end the sheet; BELANJA 12.872.381.707 / 12.441.814.426,50
    # (printed 12.441.814.427, B8) = 3.597.875.549 + 9.274.506.158 / 3.564.531.087,50 + 8.877.283.339
    assert rows[-4:] == [
        [None, "JUMLAH PROGRAM PENDUKUNG SASARAN STRATEGIS", 3597875549, 3564531087.5,
         approx(3564531087.5 / 3597875549 * 100), "Jumlah", None, "Pendukung Sasaran"],
        [None, "JUMLAH PROGRAM PENUNJANG", 9274506158, 8877283339,
         approx(8877283339 / 9274506158 * 100), "Jumlah", None, "Penunjang"],
        [None, "JUMLAH PROGRAM TANPA SASARAN", None, None, None, "Jumlah", None, "Tanpa Sasaran"],
        [None, "JUMLAH BELANJA (SELURUH PROGRAM)", 12872381707, 12441814426.5,
         approx(12441814426.5 / 12872381707 * 100), "Jumlah"],
    ]


#: Bab III.B (L2433-2532) lists every programme, kegiatan and sub kegiatan with its pagu; the sheet has the same
#: rows in the same order, with these differences: C20 (the Renstra's code of L2443), Renstra rows with a 2021
#: target or indicative pagu that III.B leaves out (inserted after the code named), and one III.B row with nothing
#: for 2021 anywhere ("-" in III.B, no Renstra target or pagu), which the tool leaves out as test_seed_figures allows.
BAB_III_B_REMAP = {"3.30.02.2.06.02": "3.30.02.2.06.03"}
BAB_III_B_INSERT_AFTER = {
    "3.30.02": ["3.30.02.2.01"],  # Renstra L2628, target 14 pasar
    "2.17.02.2.01.01": ["2.17.02.2.02", "2.17.02.2.02.01"],  # C20: the kegiatan III.64 and the Lampiran measure
    "X.XX.01.2.02.03": ["X.XX.01.2.03", "X.XX.01.2.03.06", "X.XX.01.2.04"],  # Renstra L2800-2801
    "X.XX.01.2.09.09": ["X.XX.01.2.09.10", "X.XX.01.2.09.11"],  # Renstra 2021: Rp 51.500.000 / 33.200.000
}
BAB_III_B_LEFT_OUT = {"X.XX.01.2.06.09"}  # L2525 "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD": "-"


def _bab_iii_b_code(kode: str) -> str:
    if ":" in kode:  # "03:30:03" → "3.30.03" (data/sample/NOTES.md "Codes")
        a, b, c = kode.split(":")
        return f"{int(a)}.{b}.{c}"
    return kode


def realisasi_anggaran_codes(reference) -> list[str]:
    codes = []
    for r in reference["realisasi_anggaran"]["bab_III_B_rincian"]["rows"]:
        if not r.get("kode") or r["kode"].startswith("4."):
            continue  # PENDAPATAN, BELANJA and the pendapatan rows are not part of the submissions
        kode = _bab_iii_b_code(r["kode"])
        kode = BAB_III_B_REMAP.get(kode, kode)
        if kode not in BAB_III_B_LEFT_OUT:
            codes.append(kode)
        codes.extend(BAB_III_B_INSERT_AFTER.get(kode, []))
    return codes


#: Each programme's sasaran (Bab III, III.B and the efficiency tables III.7 … III.70; C19 for 3.30.02).
PROGRAM_SASARAN = {
    "3.30.03": "SS01", "3.30.02": "SS02", "3.30.04": "SS02", "3.30.05": "SS03", "3.30.06": "SS04", "3.30.07": "SS05",
    "3.31.02": "SS06", "3.31.03": "SS07", "3.31.04": "SS08", "2.17.02": "SS09", "2.17.03": "SS09", "2.17.04": "SS09",
    "2.17.05": "SS09", "2.17.06": "SS09", "2.17.07": "SS10", "2.17.08": "SS10", "X.XX.01": None,
}


def tingkat(kode: str) -> str:
    """The level of a code from its number of parts (docs/WORKBOOK_CONTRACT.md, Program)."""
    level = {3: "Program", 5: "Kegiatan", 6: "Sub Kegiatan"}[kode.count(".") + 1]
    return "Program Penunjang" if kode == "X.XX.01" else level


def test_realisasi_anggaran_rows(sample_run, reference):
    rows = sheet_rows(sample_run, "Realisasi Anggaran")
    codes = realisasi_anggaran_codes(reference)
    assert len(codes) == 88 - 1 + 8  # III.B's 88 codes, one left out, eight added
    body = [r + [None] * (8 - len(r)) for r in rows[1:-4]]
    assert [r[0] for r in body] == codes  # no row added or dropped, in III.B's order
    for r in body:
        assert r[5] == tingkat(r[0]), r[0]
        assert r[6] == PROGRAM_SASARAN[".".join(r[0].split(".")[:3])], r[0]
        # the group only on programme rows: Pendukung Sasaran under a sasaran, Penunjang for X.XX.01
        group = {"Program": "Pendukung Sasaran", "Program Penunjang": "Penunjang"}.get(r[5])
        assert r[7] == group, r[0]


#: Programmes with more than one indicator: one row per indicator (data/sample/NOTES.md "Counts").
INDICATORS = {"3.30.04": 2, "3.31.03": 3}
#: The owner of each programme and its kegiatan and sub kegiatan (data/sample/NOTES.md "Bidang").
PROGRAM_BIDANG = {"3.30.03": "PSR", "3.30.02": "DAG", "3.30.04": "DAG", "3.30.05": "DAG", "3.30.07": "DAG",
                  "3.30.06": "MET", "3.31.02": "IND", "3.31.03": "IND", "3.31.04": "IND", "X.XX.01": "SEK"}


def test_indikator_program_rows(sample_run, reference):
    rows = sheet_rows(sample_run, "Indikator Program")
    codes = [k for kode in realisasi_anggaran_codes(reference) for k in [kode] * INDICATORS.get(kode, 1)]
    body = [r + [None] * (13 - len(r)) for r in rows[1:]]
    assert [r[0] for r in body] == codes  # one row per indicator of every code of Realisasi Anggaran
    pairs = [(r[0], r[3]) for r in body]
    assert len(set(pairs)) == len(pairs)  # (Kode, Indikator) identifies a row
    for r in body:
        program = ".".join(r[0].split(".")[:3])
        assert r[1] == ("Program" if r[0] == "X.XX.01" else tingkat(r[0])), r[0]
        assert r[5] in ("Positif", "Negatif") or r[3] is None, r[0]
        assert r[11] == PROGRAM_BIDANG.get(program, "KUM"), r[0]  # 2.17.*: KUM
        assert r[12] == PROGRAM_SASARAN[program], r[0]


def test_indikator_program_columns(sample_run):
    rows = sheet_rows(sample_run, "Indikator Program")
    assert rows[0] == ["Kode", "Tingkat", "Uraian", "Indikator", "Satuan", "Polaritas", "Target", "Realisasi",
                       "Capaian (%)", "Predikat", "Penjelasan Bidang", "Bidang", "Kode Sasaran"]
    at = {}
    for r in rows[1:]:
        at.setdefault(r[0], r)
    # the one Negatif indicator (B2: Renstra "< 5%"): capaian = target / realisasi = 5 / 1,88 × 100 (III.15: 266);
    # the penjelasan is the unit's text of III.15 L1122, verbatim; owner DAG, sasaran SS02 (data/sample/NOTES.md)
    assert at["3.30.04.2.02"] == [
        "3.30.04.2.02", "Kegiatan",
        "Pengendalian Harga, dan Stok Barang Kebutuhan Pokok dan Barang Penting di Tingkat Pasar Kabupaten/Kota",
        "Persentase koefisien variasi harga antar waktu", "%", "Negatif", 5, 1.88, approx(5 / 1.88 * 100),
        "Sangat Berhasil",
        'Realisasi indikator Kegiatan (1,88 %) lebih besar dari target (5%). Analisa Capaian Indikator Kinerja '
        'sebesar (266%). Indikator Kinerja masuk pada kategori " Sangat Berhasil ".',
        "DAG", "SS02",
    ]
    # Program Penunjang: owner SEK, no sasaran; no penjelasan in the seed (Lampiran PK L2885: 90 / 90 / 100)
    assert at["X.XX.01"] == [
        "X.XX.01", "Program", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        "Persentase realisasi anggaran dalam pemenuhan urusan Pemerintahan Daerah", "%", "Positif", 90, 90, 100,
        "Sangat Berhasil", None, "SEK",
    ]


def test_validasi_columns(sample_run):
    rows = sheet_rows(sample_run, "Validasi")
    assert rows[0] == ["Tingkat", "Aturan", "Berkas", "Lembar", "Sel", "Pesan"]
    # C22: IKU03 (volume ekspor) achieved with no budget anywhere under SS03; its realisasi is in DAG's IKU!G6
    hits = [r for r in rows[1:] if r[1:5] == ["capaian-tanpa-anggaran", "LAKIP_2021_DAG_Bidang_Perdagangan.xlsx",
                                              "IKU", "G6"]]
    assert hits == [[
        "Peringatan", "capaian-tanpa-anggaran", "LAKIP_2021_DAG_Bidang_Perdagangan.xlsx", "IKU", "G6",
        "Realisasi IKU IKU03 (Volume Ekspor (ton)) dilaporkan, tetapi tidak satu pun program, kegiatan atau sub "
        "kegiatan pendukung sasaran SS03 beranggaran tahun 2021. Periksa Kode Sasaran di Renstra atau pagu DPA.",
    ]]
    for r in rows[1:]:
        r = r + [None] * (6 - len(r))
        assert r[0] in ("Galat", "Peringatan", "Info"), r
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r[1]), r
        assert r[2] is None or r[2].endswith((".xlsx", ".xlsm", ".xls", ".ods")), r
        assert r[3] is None or not re.fullmatch(r"[A-Z]{1,3}[0-9]+", r[3]), r
        assert r[4] is None or re.fullmatch(r"[A-Z]{1,3}[0-9]+", r[4]), r
        assert isinstance(r[5], str) and len(r[5]) > 20, r
    # one row per finding: as many as the Ringkasan counts
    summary = sheet_rows(sample_run, "Ringkasan")
    i = find(summary, 1, "Hasil pemeriksaan (lembar Validasi)")
    counts = {r[1]: r[2] for r in summary[i + 1:i + 4]}
    assert counts["Galat"] == 0  # the sample runs clean (test_seed_figures)
    assert len(rows) - 1 == counts["Galat"] + counts["Peringatan"] + counts["Info"]
    for level in ("Galat", "Peringatan", "Info"):
        assert sum(r[0] == level for r in rows[1:]) == counts[level], level


def test_narasi_columns(sample_run, reference):
    rows = sheet_rows(sample_run, "Narasi")
    assert rows[0] == ["Bagian", "Kode", "Uraian", "Kalimat"]
    at = {(r[0], r[1]): r for r in rows[1:] if len(r) > 1}
    # the Ringkasan Eksekutif item of SS01 (L50-51), with the realisasi and capaian of Tabel III.2: the seed's
    # item prints the target, "5,88 … % atau 100%" (C3); 8,57 / 5,88 × 100 = 145,7 → 146
    assert at[("Ringkasan Eksekutif", "SS01")] == [
        "Ringkasan Eksekutif", "SS01", "Meningkatnya Pasar Rakyat Binaan yang memenuhi SNI Pasar",
        '1. Meningkatnya Pasar Rakyat Binaan yang memenuhi SNI Pasar dengan rata-rata pencapaian 92,5% predikat '
        '"Sangat Berhasil", dengan indikator kinerja utama : a. Persentase Pasar rakyat binaan yang memenuhi SNI '
        'pasar, dengan realisasi pencapaian 8,57% atau 146%.',
    ]
    # the sections: the Ringkasan Eksekutif (its two opening paragraphs, then one item per sasaran), Bab III.A
    # per sasaran in the seed's order (1. capaian of each IKU, 2. previous years, 3. Renstra end target,
    # 4. standar nasional, 6. efficiency), one sentence per row of Indikator Program, and Bab IV;
    # X.XX.01.2.03 (the parent the seed never names, data/sample/NOTES.md) has neither indicator nor target,
    # so no sentence
    keys = [(r[0], r[1]) for r in rows[1:] if len(r) > 1]
    program = [k for kode in realisasi_anggaran_codes(reference) for k in [kode] * INDICATORS.get(kode, 1)
               if k != "X.XX.01.2.03"]
    per_sasaran = ("Bab III.A Capaian IKU", "Bab III.A Tahun Sebelumnya", "Bab III.A Target Renstra",
                   "Bab III.A Standar Nasional")
    assert [k for k in keys if not k[0].startswith("Bab III.A Program/Kegiatan")] == [
        *[("Ringkasan Eksekutif", None)] * 2,
        *[("Ringkasan Eksekutif", f"SS{k:02d}") for k in range(1, 11)],
        *[key for k in range(1, 11) for key in (*((bagian, f"IKU{k:02d}") for bagian in per_sasaran),
                                                 ("Bab III.A Efisiensi", f"SS{k:02d}"))],
        # predikat, nilai, pendapatan (Tabel 1.9), belanja, sisa anggaran
        *[("Bab IV Kesimpulan", None)] * 5,
    ]
    assert [kode for bagian, kode in keys if bagian.startswith("Bab III.A Program/Kegiatan")] == program
    # a heading row before each section, the note on how the sentences are made at the end
    headings = [r[0] for r in rows[1:] if len(r) == 1]
    assert headings[:-1] == ["Ringkasan Eksekutif", *[*per_sasaran, "Bab III.A Efisiensi"] * 10,
                             "Bab III.A Program/Kegiatan", "Bab IV Kesimpulan"]
    assert rows[1] == ["Ringkasan Eksekutif"]
    assert rows[-2] == [] and rows[-1] == [headings[-1]] and headings[-1].startswith("Kalimat dibuat dari angka")
    # Bab IV, Kesimpulan a. and b. (L2547-L2548), word for word (a.: the seed writes "Rp 5.119.804.100")
    anggaran = [r for r in rows if len(r) == 4 and r[0] == "Bab IV Kesimpulan" and r[3].startswith("Anggaran")]
    assert anggaran == [["Bab IV Kesimpulan", None, None,
                         "Anggaran Pendapatan dengan target sebesar Rp. 5.785.000.000,- dengan realisasi sebesar "
                         "Rp. 5.119.804.100,- atau sebesar 89%."],
                        ["Bab IV Kesimpulan", None, None,
                         "Anggaran Belanja dengan target sebesar Rp. 12.872.381.707,- dengan realisasi "
                         "Rp. 12.441.814.427,- atau sebesar 97%."]]


# ---------------------------------------------------------------------------------------------------------------
# presentation sheets: captions, headers and a known row


def test_ringkasan(sample_run):
    rows = sheet_rows(sample_run, "Ringkasan")
    assert rows[:3] == [[None, "LAPORAN KINERJA INSTANSI PEMERINTAH (LAKIP) TAHUN 2021"],
                        [None, "Dinas Koperasi, Usaha Mikro dan Perdagangan Kota Pontianak"],
                        [None, "Pemerintah Kota Pontianak"]]
    i = find(rows, 1, "Capaian kinerja")
    # Bab IV: 92,5 Sangat Berhasil; 10 sasaran with one IKU each, all Sangat Berhasil (Tabel III.1)
    assert rows[i + 1:i + 10] == [
        [None, "Nilai capaian kinerja (Metode Rata-Rata Data Kelompok)", 92.5],
        [None, "Predikat", "Sangat Berhasil"],
        [None, "Jumlah sasaran strategis", 10],
        [None, "Jumlah indikator kinerja utama (IKU)", 10],
        [None, "IKU berpredikat Sangat Berhasil", 10],
        [None, "IKU berpredikat Berhasil", 0],
        [None, "IKU berpredikat Cukup Berhasil", 0],
        [None, "IKU berpredikat Tidak Berhasil", 0],
        [None, "IKU yang belum dilaporkan realisasinya", 0],
    ]
    i = find(rows, 1, "Anggaran")
    assert rows[i + 1:i + 6] == [
        [None, "Uraian", "Pagu", "Realisasi", "Serapan"],
        # BELANJA (III.B L2433): 12.872.381.707 / 12.441.814.426,50 exact (printed …427, B8) → 97 %
        [None, "Seluruh program (belanja)", 12872381707, 12441814426.5,
         approx(12441814426.5 / 12872381707 * 100)],
        # Lampiran PK "Jumlah Total Anggaran Sasaran Strategis" 3.597.875.549 / 3.564.531.088 (B7/B8)
        [None, "Program pendukung sasaran strategis", 3597875549, 3564531087.5,
         approx(3564531087.5 / 3597875549 * 100)],
        # the difference: Program Penunjang 9.274.506.158 / 8.877.283.339 (Lampiran PK L2885)
        [None, "Program penunjang", 9274506158, 8877283339, approx(8877283339 / 9274506158 * 100)],
        [None, "Program tanpa sasaran (Galat Renstra)"],
    ]
    i = find(rows, 1, "Laporan bidang")
    assert rows[i + 1] == [None, "Unit", "Berkas", "Status", "Baris Renstra"]
    assert [r[1:4] for r in rows[i + 2:i + 8]] == [
        ["Sekretariat (SEK)", "LAKIP_2021_SEK_Sekretariat.xlsx", "diterima"],
        ["Bidang Perdagangan (DAG)", "LAKIP_2021_DAG_Bidang_Perdagangan.xlsx", "diterima"],
        ["Bidang Pasar (PSR)", "LAKIP_2021_PSR_Bidang_Pasar.xlsx", "diterima"],
        ["Bidang Perindustrian (IND)", "LAKIP_2021_IND_Bidang_Perindustrian.xlsx", "diterima"],
        ["Bidang Koperasi dan Usaha Mikro (KUM)", "LAKIP_2021_KUM_Bidang_Koperasi_dan_Usaha_Mikro.xlsx",
         "diterima"],
        ["UPT Metrologi Legal (MET)", "LAKIP_2021_MET_UPT_Metrologi_Legal.xlsx", "diterima"],
    ]
    assert all(isinstance(r[4], float) and r[4] > 0 for r in rows[i + 2:i + 8])
    assert rows[i + 8] == []
    i = find(rows, 1, "Isi workbook")
    toc = rows[i + 1:i + len(SHEETS)]
    assert [r[1] for r in toc] == SHEETS[1:]  # every other sheet, in order, with a description
    assert all(isinstance(r[2], str) and r[2] for r in toc)
    assert rows[i + len(SHEETS)] == []
    assert len(rows) == i + len(SHEETS) + 2 and rows[-1][1].startswith("Disusun dengan lakip-xl ")


def test_tabel_iii_1(sample_run, reference):
    rows = sheet_rows(sample_run, "Tabel III.1")
    assert rows[0] == ["TABEL III.1"]  # L695
    assert rows[1] == ["Tingkat Capaian Kinerja Dinas Koperasi, Usaha Mikro dan Perdagangan Kota Pontianak "
                       "Terkait Sasaran Strategis Pemerintah Kota Pontianak Tahun 2021"]  # L697-698
    assert rows[3] == ["INDIKATOR SASARAN STRATEGIS", "Capaian Tahun 2021", "SKALA PENGUKURAN ORDINAL",
                       None, None, None, "KATEGORI CAPAIAN"]
    assert rows[4] == [None, None, "X > 85", "70 < X ≤ 85", "55 < X ≤ 70", "X ≤ 55"]
    r = 5
    for s in reference["sasaran"]:
        k = s["no"]
        printed = "132" if k == 6 else str(s["iku"]["capaian_2021"])  # C1: 33 / 25 = 132, not 135
        assert rows[r] == [f"Sasaran strategis {k}: {s['nama']}"], k
        # every IKU above 85: the tick in the first scale column
        assert rows[r + 1] == [s["iku"]["nama"], Printed(printed), "✓", None, None, None, "Sangat Berhasil"], k
        r += 2
    assert rows[r] == []
    assert rows[r + 1] == ["Nilai Capaian Sasaran (Metode Rata-Rata Data Kelompok)"]
    assert rows[r + 2] == ["SASARAN STRATEGIS", "Jumlah IKU", "NILAI = Σ(IKU per kategori × nilai mean) / jumlah IKU",
                           None, None, None, "KATEGORI"]
    for j, s in enumerate(reference["sasaran"]):
        # one IKU, Sangat Berhasil: 1 × 92,5 / 1
        assert rows[r + 3 + j] == [f"SS{s['no']:02d}: {s['nama']}", 1, 92.5, None, None, None, "Sangat Berhasil"]
    # Bab IV: 10 × 92,5 / 10 = 92,5, Sangat Berhasil
    assert rows[r + 13] == ["NILAI CAPAIAN KINERJA INSTANSI (seluruh IKU)", 10, 92.5, None, None, None,
                            "Sangat Berhasil"]
    assert rows[r + 14] == ["Persentase IKU berkategori Sangat Berhasil", None, 100]
    assert len(rows) == r + 15


def test_sasaran_1(sample_run):
    rows = sheet_rows(sample_run, "Sasaran 1")
    assert rows[0] == ['SASARAN STRATEGIS KE-1 : "Meningkatnya Pasar Rakyat Binaan yang memenuhi SNI Pasar"']
    assert rows[1] == ["Nilai capaian sasaran: 92,5 (Sangat Berhasil)"]
    # the seed's untitled opening table (L745-748), its "CAPAIAN" column headed as what it holds
    assert rows[3:6] == [["NO", "INDIKATOR KINERJA", None, "TARGET", "REALISASI", "UNIT PENANGGUNG JAWAB"],
                         [1, "Persentase Pasar rakyat binaan yang memenuhi SNI pasar", None, 5.88, 8.57,
                          "Bidang Pasar"], []]
    assert rows[6:11] == [
        ["Tabel III.2"],  # L750
        ["Capaian Sasaran Strategis DKUMP dengan Indikator Kinerja Utama Tahun 2021"],
        ["No", "Sasaran Strategis", "Indikator Kinerja Utama", "Target", "Realisasi", "Persen"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        [1, "Meningkatnya Pasar Rakyat Binaan yang memenuhi SNI Pasar",
         "Persentase Pasar rakyat binaan yang memenuhi SNI pasar", 5.88, 8.57, approx(8.57 / 5.88 * 100)],
    ]
    i = find(rows, 0, "Tabel III.7")  # L928
    assert rows[i + 1:i + 5] == [
        ["Analisis atas Efisiensi Penggunaan Sumber Daya Tahun 2021"],
        ["NO", "SASARAN STRATEGIS", "PROGRAM", "ANGGARAN", None, None, "CAPAIAN KINERJA", "TINGKAT EFISIENSI"],
        [None, None, None, "TARGET", "REALISASI", "%", None, "ANGGARAN", "%"],
        # L935: Rp 2.312.089.341, Rp 2.303.376.750, 100, 100, Rp 8.712.591 (= 2.312.089.341 − 2.303.376.750),
        # % blank (0,38 rounds to 0)
        [1, "Meningkatnya Pasar Rakyat Binaan yang memenuhi SNI Pasar",
         "PROGRAM PENINGKATAN SARANA DISTRIBUSI PERDAGANGAN", 2312089341, 2303376750,
         approx(2303376750 / 2312089341 * 100), 100, 8712591, approx(8712591 / 2312089341 * 100)],
    ]
    i = find(rows, 0, "Tabel III.8")
    assert rows[i + 2] == ["NO", "SASARAN STRATEGIS", "PROGRAM/ KEGIATAN/SUB KEGIATAN", "TARGET TAHUN 2021",
                           "REALISASI TAHUN 2021", "ANALISA CAPAIAN INDIKATOR KINERJA", "PENJELASAN GAGAL/BERHASIL"]
    # III.8's programme row (L955): 11,76 / 11,76 / 100
    assert rows[i + 3][:6] == [
        "1", "Meningkatnya Pasar Rakyat Binaan yang memenuhi SNI Pasar : Persentase Pasar rakyat binaan yang "
        "memenuhi SNI pasar : 5,88%",
        "PROGRAM PENINGKATAN SARANA DISTRIBUSI PERDAGANGAN, dengan indikator program : Persentase sarana "
        "distribusi perdagangan binaan yang tingkatkan",
        11.76, 11.76, 100,
    ]


def test_every_sasaran_sheet(sample_run, reference):
    """Each Sasaran k sheet holds the seed's block of tables III.(7k−5) … III.(7k+1): its IKU row, its
    efficiency table (the Efisiensi rows of SSk) and its analysis table (the Indikator Program rows of SSk)."""
    first = sheet_rows(sample_run, "Sasaran 1")
    efisiensi = sheet_rows(sample_run, "Efisiensi")[1:-1]
    indikator = [r + [None] * (13 - len(r)) for r in sheet_rows(sample_run, "Indikator Program")[1:]]
    for s in reference["sasaran"]:
        k = s["no"]
        rows = sheet_rows(sample_run, f"Sasaran {k}")
        assert rows[0] == [f'SASARAN STRATEGIS KE-{k} : "{s["nama"]}"'], k
        captions = [(i, r[0]) for i, r in enumerate(rows)
                    if r and isinstance(r[0], str) and r[0].startswith("Tabel III.")]
        assert [c for _, c in captions] == [f"Tabel III.{n}" for n in range(7 * k - 5, 7 * k + 2)], k
        # one IKU per sasaran: the five IKU tables have one row each, six rows apart
        # (after the opening table: header, one IKU row, a blank row)
        assert [i for i, _ in captions[:6]] == [6, 12, 18, 24, 30, 36], k
        assert rows[7:10] == first[7:10], k  # same title and header as Tabel III.2
        printed = "132" if k == 6 else str(s["iku"]["capaian_2021"])  # C1
        iku = s["iku"]
        assert rows[10] == [1, s["nama"], iku["nama"], iku["target_2021"], iku["realisasi_2021"],
                            Printed(printed)], k
        assert rows[11] == [], k

        # III.(7k): one row per programme of the sasaran, numbered, as in Efisiensi; JUMLAH when there are several
        eff = captions[5][0]
        assert rows[eff + 2:eff + 4] == first[38:40], k  # the two header rows
        mine = [r for r in efisiensi if r[0] == f"SS{k:02d}"]
        want = [trim([n, s["nama"] if n == 1 else None, *r[2:]]) for n, r in enumerate(mine, start=1)]
        if len(mine) > 1:
            def total(c):
                return sum((r + [None] * 9)[c] or 0 for r in mine)
            want.append(["JUMLAH", None, None, total(3), total(4), approx(total(4) / total(3) * 100), None,
                         total(7), approx(total(7) / total(3) * 100)])
        assert rows[eff + 4:eff + 4 + len(want)] == want, k
        assert rows[eff + 4 + len(want)] == [] and rows[eff + 5 + len(want)][0] == f"Tabel III.{7 * k + 1}", k

        # III.(7k+1): one row per indicator of the sasaran's programmes, kegiatan and sub kegiatan
        ana = captions[6][0]
        assert rows[ana + 2] == first[44], k
        mine = [r for r in indikator if r[12] == f"SS{k:02d}"]
        got = [r + [None] * (7 - len(r)) for r in rows[ana + 3:]]
        assert len(got) == len(mine), k
        assert got[0][0] == str(k) and [r[0] for r in got[1:]] == [None] * (len(got) - 1), k
        for g, r in zip(got, mine):
            assert g[2].endswith(r[3]), (k, r[0])
            assert g[3:6] == r[6:9], (k, r[0])
    # Tabel III.14 (L1093-1095): 125.903.300 | 120.326.249 | 5.577.052, from 120.326.248,50 and 5.577.051,50
    # (B8, C21): 38.940.000 + 86.963.300; 35.189.000 + 85.137.248,50
    rows = sheet_rows(sample_run, "Sasaran 2")
    assert rows[find(rows, 0, "JUMLAH")] == ["JUMLAH", None, None, 125903300, 120326248.5,
                                             approx(120326248.5 / 125903300 * 100), None, 5577051.5,
                                             approx(5577051.5 / 125903300 * 100)]


def test_grafik(sample_run, reference):
    rows = sheet_rows(sample_run, "Grafik")
    i = find(rows, 0, "Data grafik: capaian IKU")
    assert i > 0 and all(r == [] for r in rows[:i])  # the charts stand above their data
    assert rows[i + 1] == ["Kode", "Indikator Kinerja Utama", "Capaian (%)", "Batas Sangat Berhasil"]
    for j, s in enumerate(reference["sasaran"]):
        printed = "132" if s["no"] == 6 else str(s["iku"]["capaian_2021"])  # C1
        assert rows[i + 2 + j] == [f"IKU{s['no']:02d}", s["iku"]["nama"], Printed(printed), 85], s["no"]
    i = find(rows, 0, "Data grafik: serapan anggaran per program", i)
    assert rows[i + 1] == ["Kode", "Program", "Pagu", "Realisasi", "Serapan (%)"]
    data = rows[i + 2:]
    # the programmes with a DPA pagu (III.B: every one but 3.30.05, 3.30.07, 3.31.04, 2.17.02, 2.17.04, 2.17.06)
    assert [r[0] for r in data] == ["3.30.03", "3.30.02", "3.30.04", "3.30.06", "3.31.02", "3.31.03", "2.17.03",
                                    "2.17.05", "2.17.07", "2.17.08", "X.XX.01"]
    assert data[1] == ["3.30.02", "Program Perizinan dan Pendaftaran Perusahaan", 38940000, 35189000,
                       approx(35189000 / 38940000 * 100)]
    assert data[-1] == ["X.XX.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
                        9274506158, 8877283339, approx(8877283339 / 9274506158 * 100)]


# ---------------------------------------------------------------------------------------------------------------
# Lampiran PK, row by row against the seed's PENGUKURAN KINERJA (L2829-2899)

#: The programme and kegiatan rows of the Lampiran PK in order: (code, seed line, SAT). The seed's column SAT
#: says "Persen" on every row (C16); the tool shows the Renstra's unit (data/sample/NOTES.md, "satuan").
#: A seed line None marks a Renstra row that the seed's Lampiran leaves out (LAMPIRAN_EXTRA).
LAMPIRAN_LAYOUT = [
    ("3.30.03", 2837, "%"), ("3.30.03.2.01", 2838, "%"), ("3.30.03.2.02", 2839, "pasar"),
    ("3.30.02", 2840, "%"), ("3.30.02.2.01", None, "pasar"), ("3.30.02.2.06", 2841, "%"),
    ("3.30.04", 2842, "%"), ("3.30.04 (2)", None, "%"), ("3.30.04.2.01", 2843, "bulan"),
    ("3.30.04.2.02", 2844, "%"),
    ("3.30.05", 2845, "%"), ("3.30.05.2.01", 2846, "kali"),
    ("3.30.06", 2851, "%"), ("3.30.06.2.01", 2852, "%"),
    ("3.30.07", 2853, "%"), ("3.30.07.2.01", 2854, "bulan"),
    ("3.31.02", 2855, "%"), ("3.31.02.2.01", 2856, "%"),
    ("3.31.03", 2857, "%"), ("3.31.03 (2)", 2858, "%"), ("3.31.03 (3)", 2859, "%"), ("3.31.03.2.01", 2860, "%"),
    ("3.31.04", 2865, "dokumen"), ("3.31.04.2.01", 2866, "%"),
    ("2.17.02", 2867, "%"), ("2.17.02.2.01", None, "%"), ("2.17.02.2.02", 2868, "%"),
    ("2.17.03", 2869, "%"), ("2.17.03.2.01", 2870, "%"),
    ("2.17.04", 2871, "%"), ("2.17.04.2.01", 2872, "%"),
    ("2.17.05", 2873, "%"), ("2.17.05.2.01", 2874, "%"),
    ("2.17.06", 2875, "%"), ("2.17.06.2.01", 2880, "%"),
    ("2.17.07", 2881, "%"), ("2.17.07.2.01", 2882, "%"),
    ("2.17.08", 2883, "%"), ("2.17.08.2.01", 2884, "%"),
    # Program Penunjang, after the sasaran; the seed's SAT is a real unit here, the Renstra's is "dok/lap" for .2.01
    ("X.XX.01", 2885, "%"), ("X.XX.01.2.01", 2886, "dok/lap"), ("X.XX.01.2.02", 2887, "bulan"),
    ("X.XX.01.2.03", None, None), ("X.XX.01.2.04", None, "bulan"), ("X.XX.01.2.05", 2888, "ASN"),
    ("X.XX.01.2.06", 2889, "bulan"), ("X.XX.01.2.07", 2890, "unit"), ("X.XX.01.2.08", 2891, "bulan"),
    ("X.XX.01.2.09", 2892, "unit"),
]

_ = None
#: Renstra rows with a 2021 target that the seed's Lampiran leaves out; the tool lists every programme and
#: kegiatan of the Renstra that has a 2021 target or a part of the budget. All 15 cells.
LAMPIRAN_EXTRA = {
    # Renstra L2628, target "14 pasar" (data/sample/NOTES.md keeps "pasar"); realisasi not reported, III.B pagu "-"
    "3.30.02.2.01": [_, _, _, _, _, _, "Penerbitan Izin Pengelolaan Pasar Rakyat, Pusat Perbelanjaan, dan Izin "
                     "Usaha Toko Swalayan", "Persentase perijinan yang diterbitkan sesuai dengan ketentuan izin : "
                     "a. Pusat perbelanjaan dan b. Toko swalayan", "pasar", 14],
    # the second indicator of 3.30.04 (III.15 L1119: 100 / 97,25 / 97), which the Lampiran omits
    "3.30.04 (2)": [_, _, _, _, _, _, _, "Persentase kinerja realisasi pupuk", "%", 100, 97.25,
                    approx(97.25 / 100 * 100)],
    # C20: the Lampiran reports 2.17.02.2.02; the Renstra's 2.17.02.2.01 (target 100 %) has no realisasi
    "2.17.02.2.01": [_, _, _, _, _, _, "Penerbitan Izin Usaha Simpan Pinjam untuk Koperasi dengan Wilayah "
                     "Keanggotaan dalam Daerah Kabupaten/Kota", "Persentase fasilitasi penerbitan ijin usaha simpan "
                     "pinjam yang diterbitkan untuk koperasi dengan wilayah keanggotaan dalam daerah "
                     "kabupaten/kota", "%", 100],
    # parent of the Renstra's x.xx.01.2.03.06 (L2800), no indicator of its own (data/sample/NOTES.md)
    "X.XX.01.2.03": [_, _, _, _, _, _, "Administrasi Barang Milik Daerah pada Perangkat Daerah"],
    # Renstra L2801, target 12 bulan; realisasi not reported
    "X.XX.01.2.04": [_, _, _, _, _, _, "Administrasi Pendapatan Daerah Kewenangan Perangkat Daerah",
                     "Jangka waktu penyelenggaraan administrasi pendapatan daerah kewenangan perangkat daerah",
                     "bulan", 12],
}

#: Seed texts that the Renstra (the tool's source) spells otherwise: (line, field) → the cell, exactly.
RENSTRA_SPELLING = {
    # Tabel 6.1 L2695 and III.B L2454; the Lampiran prints "Standarisasi" and "tera sah"
    (2851, "program"): "PROGRAM STANDARDISASI DAN PERLINDUNGAN KONSUMEN",
    (2851, "indikator"): "Persentase alat-alat ukur, takar, timbang dan perlengkapannya (UTTP) bertanda terasah "
                         "yang berlaku",
    # L2722 and L2727: "IPIU" (the Lampiran: "IPUI", "IPU"); L2727 "SIINas" (the Lampiran: "SII Nas")
    (2860, "kegiatan"): "Penerbitan Izin Usaha Industri (IUI), Izin Perluasan Usaha Industri (IPIU), Izin Usaha "
                        "Kawasan Industri (IUKI) dan Izin Perluasan Kawasan Industri (IPKI) Kewenangan "
                        "Kabupaten/Kota",
    (2866, "kegiatan"): "Penyediaan Informasi Industri untuk Informasi Industri untuk IUI, IPIU, IUKI dan IPKI "
                        "Kewenangan Kabupaten/Kota",
    (2866, "indikator"): "Persentase data perusahaan industri kecil, menengah dan perusahaan kawasan industri "
                         "dikab/kota yang masuk dalam SIINas terhadap total populasi perusahaan industri kecil, "
                         "menengah dan perusahaan Kawasan Industri di kab/kota",
    # C9: the Lampiran's SS9 row holds "… : persentase koperasi aktif" in the sasaran cell and no IKU
    (2867, "sasaran"): "Meningkatnya Koperasi yang Aktif",
    (2867, "iku"): "Persentase koperasi aktif",
    # L2758, L2759 ("Keanggotaanya"), L2771 ("fasilitas")
    (2871, "indikator"): "Persentase KSP/USP yang bernilai SEHAT KOPERASI",
    (2872, "kegiatan"): "Penilaian Kesehatan Koperasi Simpan Pinjam/Unit Simpan Pinjam Koperasi yang Wilayah "
                        "Keanggotaanya dalam 1 (satu) Daerah Kabupaten/Kota",
    (2872, "indikator"): "Persentase usaha simpan pinjam oleh koperasi yang dinilai kesehatannya untuk koperasi "
                         "dengan wilayah keanggotaanya dalam daerah kabupaten/kota",
    (2880, "indikator"): "persentase koperasi yang diberikan dukungan fasilitas pembiayaan",
    # III.B L2496
    (2881, "program"): "PROGRAM PEMBERDAYAAN USAHA MENENGAH, USAHA KECIL, DAN USAHA MIKRO (UMKM)",
}

#: Seed figures that are wrong, (line, field) → the correct cell.
SEED_FIX = {
    (2855, "iku_persen"): Printed("132"),  # C1: "135"; 33 / 25 × 100 = 132
    # C9: SS9's IKU is missing; Tabel III.58: 95,4 / 94,9 → 94,9 / 95,4 × 100 = 99,48 (C2: not 159)
    (2867, "iku_target"): 95.4, (2867, "iku_realisasi"): 94.9, (2867, "iku_persen"): Printed("99"),
    # C16 / data/sample/NOTES.md (contradictions 1): the Renstra target is 7 %, the seed prints 12 (months);
    # capaian 12 / 7 × 100 = 171,43
    (2866, "target"): 7, (2866, "capaian"): Printed("171"),
    # C11 / data/sample/NOTES.md (contradictions 1): Renstra 19 (the seed: 19,16); 14,48 / 19 × 100 = 76,2 → 76
    (2870, "target"): 19,
    (2871, "capaian"): None,  # C10: "0" printed for an empty realisasi; empty means not reported, never 0
}


def _seed_cell(line: int, field: str, value):
    if (line, field) in SEED_FIX:
        return SEED_FIX[(line, field)]
    if (line, field) in RENSTRA_SPELLING:
        return RENSTRA_SPELLING[(line, field)]
    return Loose(value) if isinstance(value, str) else value


def _percent(text: str | None):
    """A printed percentage: "N/A", "-" or empty is an empty cell."""
    return Printed(text.rstrip("%")) if text and text not in ("N/A", "-") else None


def _expected_lampiran_row(s: dict, sat: str | None) -> list:
    line, level = s["line"], s["level"]
    iku = s.get("iku")
    row = [None] * 15
    if iku is not None:
        row[0] = _seed_cell(line, "sasaran", iku["sasaran_text"])
        row[1] = _seed_cell(line, "iku", iku["indikator"])
        row[2] = _seed_cell(line, "iku_target", iku["target"])
        row[3] = _seed_cell(line, "iku_realisasi", iku["realisasi"])
        row[4] = _seed_cell(line, "iku_persen", _percent(iku["persen_text"]))
    if level == "program":
        row[5] = _seed_cell(line, "program", s["program"])
    elif level == "kegiatan":
        row[6] = _seed_cell(line, "kegiatan", s["kegiatan"])
    else:
        assert level == "program_additional_indicator"  # columns 6 and 7 empty, as in the seed
    row[7] = _seed_cell(line, "indikator", s["indikator"])
    row[8] = sat
    row[9] = _seed_cell(line, "target", s["target"])
    row[10] = _seed_cell(line, "realisasi", s["realisasi"])
    row[11] = _seed_cell(line, "capaian", _percent(s["capaian_text"]))
    row[12] = s["pagu"]
    row[13] = s["realisasi_anggaran"]
    # B10: the Lampiran prints "0" % where the pagu is missing; the serapan of no budget is empty, not 0
    row[14] = _percent(s["persen_anggaran_text"]) if s["pagu"] is not None else None
    return row


def test_lampiran_pk_header(sample_run, reference):
    rows = sheet_rows(sample_run, "Lampiran PK")
    assert rows[:4] == [["PENGUKURAN KINERJA (PK)"],  # L2829: "(P K)"
                        ["SKPD : DINAS KOPERASI, USAHA MIKRO DAN PERDAGANGAN KOTA PONTIANAK"],
                        ["TAHUN ANGGARAN : 2021"],
                        []]
    # the seed's two header rows and column numbers (L2834-2836); KEGIATAN spans (7)-(12), ANGGARAN (13)-(15)
    assert rows[4] == ["SASARAN STRATEGIS", "INDIKATOR KINERJA", "TARGET", "REALISASI", "%", "PROGRAM",
                       "KEGIATAN", None, None, None, None, None, "ANGGARAN"]
    assert rows[5] == [None, None, None, None, None, None, "URAIAN", "INDIKATOR KINERJA", "SAT", "TARGET",
                       "REALISASI", "%", "PAGU", "REALISASI", "%"]
    assert rows[6] == [f"({n})" for n in range(1, 16)]
    header = [h.split(" (")[0] for h in reference["lampiran_pengukuran_kinerja"]["header"]]
    assert header == [*rows[4][:6], "KEGIATAN: URAIAN", *rows[5][7:12], "ANGGARAN: PAGU", *rows[5][13:]]


def test_lampiran_pk_rows_match_the_seed(sample_run, reference):
    seed = seed_lampiran(reference)
    # every programme and kegiatan row of the seed's Lampiran is placed exactly once
    placed = [line for _, line, _ in LAMPIRAN_LAYOUT if line is not None]
    assert sorted(placed) == sorted(n for n, r in seed.items() if r["level"] != "total")
    assert {kode for kode, line, _ in LAMPIRAN_LAYOUT if line is None} == set(LAMPIRAN_EXTRA)

    rows = sheet_rows(sample_run, "Lampiran PK")
    end = find(rows, 0, "JUMLAH", 7)
    body = rows[7:end]
    assert len(body) == len(LAMPIRAN_LAYOUT)  # no row added, none dropped
    for n, ((kode, line, sat), got) in enumerate(zip(LAMPIRAN_LAYOUT, body), start=8):
        if line is None:
            want = trim(LAMPIRAN_EXTRA[kode])
        else:
            want = trim(_expected_lampiran_row(seed[line], sat))
        assert len(got) <= 15, f"row {n}: cells beyond column (15)"
        assert got == want, f"Lampiran PK row {n}: {kode}" + (f" (seed L{line})" if line else " (not in the seed)")


def test_lampiran_pk_totals(sample_run, reference):
    rows = sheet_rows(sample_run, "Lampiran PK")
    totals = reference["lampiran_pengukuran_kinerja"]["totals"]
    end = find(rows, 0, "JUMLAH", 7)
    # L2893: Rp 12.872.381.707 | Rp 12.441.814.427 | 97; the exact realisasi is 12.441.814.426,50 (B8)
    assert rows[end] == ["JUMLAH", *[None] * 11, totals["pagu"], 12441814426.5,
                         approx(12441814426.5 / 12872381707 * 100)]
    assert totals["pagu"] == 12872381707
    assert half_up(rows[end][13]) == totals["realisasi"] == 12441814427
    assert half_up(rows[end][14]) == totals["persen"] == 97
    assert rows[end + 1] == []
    # L2895-2899: Rp3.597.875.549 and Rp3.564.531.088 (exact 3.564.531.087,50, B8): the BELANJA without
    # Program Penunjang (12.872.381.707 − 9.274.506.158 = 3.597.875.549)
    assert rows[end + 2:] == [
        ["Jumlah Total Anggaran Sasaran Strategis Tahun 2021 :", None, None, None, None,
         totals["jumlah_total_anggaran_sasaran_strategis"]],
        ["Jumlah Realisasi Anggaran Sasaran Strategis Tahun 2021 :", None, None, None, None, 3564531087.5],
    ]
    assert totals["jumlah_total_anggaran_sasaran_strategis"] == 3597875549 == 12872381707 - 9274506158
    assert half_up(rows[end + 3][5]) == totals["jumlah_realisasi_anggaran_sasaran_strategis"] == 3564531088
    # the column sums of the programme rows: pendukung + penunjang = the grand total
    programmes = [r for r in rows[7:end] if len(r) > 12 and r[5] is not None]
    assert sum(r[12] for r in programmes if r[12] is not None) == 12872381707
    assert sum(r[13] for r in programmes if r[13] is not None) == 12441814426.5


# ---------------------------------------------------------------------------------------------------------------
# Perjanjian Kinerja, row by row against the seed's PERJANJIAN KINERJA PERUBAHAN 2021 (L2909-2987)

#: The seed's programme numbers in the tool's order: the tool numbers the programmes in the Renstra's sasaran
#: order, as the seed's own Lampiran PK and III.B list them (SS01's Sarana Distribusi before SS02's Perizinan);
#: the Perjanjian Kinerja prints those two the other way round.
PK_ORDER = [2, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]
#: Programme names that the Renstra spells otherwise (III.B L2454, L2496): seed number → the name in the cell.
PK_SPELLING = {
    5: "Program Standardisasi dan Perlindungan Konsumen",  # the PK: "Standarisasi"
    15: "Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)",  # the PK: "Kecil dan"
}
#: Tujuan as Bab II.A (L442-446) and the Renstra write them; the PK's table says "Meningkatkan …".
PK_TUJUAN = {1: "Meningkatnya sektor perdagangan", 2: "Meningkatnya sektor industri",
             3: "Meningkatnya daya saing koperasi dan usaha mikro"}


def test_perjanjian_kinerja_tujuan(sample_run, reference):
    pk = reference["perjanjian_kinerja"]
    rows = sheet_rows(sample_run, "Perjanjian Kinerja")
    assert rows[:3] == [["PERJANJIAN KINERJA TAHUN 2021"],
                        ["DINAS KOPERASI, USAHA MIKRO DAN PERDAGANGAN KOTA PONTIANAK"], []]
    assert rows[3] == [h.split(" (")[0] for h in pk["header_sasaran"]] == ["No", "Sasaran Strategis",
                                                                          "Indikator Kinerja", "Target"]
    assert rows[4] == ["(1)", "(2)", "(3)", "(4)"]
    seen = set()
    for got, s in zip(rows[5:9], pk["sasaran"]):
        first = s["no"] not in seen
        seen.add(s["no"])
        # the number and tujuan once per tujuan (tujuan 3 has IK.3 and IK.4); the indicator as "IK.n. <name>"
        want = [str(s["no"]) if first else None, PK_TUJUAN[s["no"]] if first else None,
                Loose(f"{s['ik']}. {re.sub(r'^[0-9]+[.] ', '', s['indikator'])}"), s["target"]]
        assert got == want, s["ik"]
        assert got[2].startswith(f"{s['ik']}. "), s["ik"]
    assert rows[9] == []


def test_perjanjian_kinerja_programmes(sample_run, reference):
    pk = reference["perjanjian_kinerja"]
    by_no = {p["no"]: p for p in pk["program"]}
    rows = sheet_rows(sample_run, "Perjanjian Kinerja")
    head = find(rows, 0, "Program")
    assert pk["header_program"] == ["Program", "Anggaran"]
    assert rows[head] == ["Program", None, None, "Anggaran"]
    total = find(rows, 0, "JUMLAH", head)
    lines = rows[head + 1:total]
    # every programme line, not only those naming an IK: the 16 of the seed, no Program Penunjang
    assert len(lines) == len(pk["program"]) == 16
    assert sorted(PK_ORDER) == sorted(by_no)
    for n, (got, no) in enumerate(zip(lines, PK_ORDER), start=1):
        p = by_no[no]
        m = re.fullmatch(r"(\d+)\. (.+) \((IK\.\d)\)", got[0] or "")
        assert m, got
        assert int(m.group(1)) == n, got
        assert m.group(2) == PK_SPELLING.get(no, Loose(p["program"])), got
        assert m.group(3) == p["ik"], got
        assert got == [got[0], None, None, p["anggaran"]], got  # "RP. 0" is 0, a number
    # JUMLAH = the sum of the 16 budgets = the Lampiran's "Jumlah Total Anggaran Sasaran Strategis"
    assert sum(p["anggaran"] for p in pk["program"]) == 3597875549
    assert rows[total] == ["JUMLAH", None, None, 3597875549]
    every_cell = [c for r in rows for c in r if c is not None]
    assert not [c for c in every_cell if isinstance(c, str) and "penunjang" in c.casefold()]
    assert 9274506158 not in every_cell and 12872381707 not in every_cell


def test_perjanjian_kinerja_signatures(sample_run, reference):
    pk = reference["perjanjian_kinerja"]
    rows = sheet_rows(sample_run, "Perjanjian Kinerja")
    total = find(rows, 0, "JUMLAH")
    block = [r for r in rows[total + 1:] if r]
    assert block[0] == [None, None, pk["tanggal"]]  # "Pontianak, Oktober 2021" (L2978)
    assert block[1] == [None, "Pihak Kedua,", "Pihak Pertama,"]
    assert block[2] == [None, pk["pihak_kedua"]["jabatan"], pk["pihak_pertama"]["jabatan"]]
    assert block[3][:2] == [None, pk["pihak_kedua"]["nama"]]
    # "JUNAIDI, S.IP, M.Si" in the PK, "S.I.P." in the sample's Instansi sheet
    assert re.sub(r"[.\s]", "", block[3][2]) == re.sub(r"[.\s]", "", pk["pihak_pertama"]["nama"])
    assert block[4] == [None, None, pk["pihak_pertama"]["pangkat"]]  # Pembina Utama Muda (L2986)
    assert block[5][:2] == [None, None]
    assert block[5][2].startswith("NIP. ")
    assert re.sub(r"\D", "", block[5][2]) == pk["pihak_pertama"]["nip_text"]  # 19640206 198603 1 014 (L38)
    assert len(block) == 6
