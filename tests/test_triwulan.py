"""The quarterly cycle on the 2021 sample: TW IV equals the yearly route; TW II figures checked by hand.

``quarterly_sample`` splits the seed's yearly figures into four quarters (plain arithmetic, no lakip_xl
computation) and fills quarterly templates with them as a clerk would. The expected values here are
worked out from those splits with the rules written out in the test: Jumlah sums the quarters given,
Terakhir takes the latest, Rata-rata averages them; the Rencana Aksi target "s.d. triwulan" is the
cumulative target; capaian is R / T × 100 (Positif) or T / R × 100 (Negatif).
"""

from __future__ import annotations

import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import quarterly_sample as qs
from conftest import rows_of, set_cells, table
from lakip_xl.consolidate import consolidate
from lakip_xl.measures import combine
from lakip_xl.parse import norm_key
from lakip_xl.submission import parse_triwulan

LAKIP_SHEETS = ["Capaian IKU", "Tabel III.1", "Efisiensi", "Realisasi Anggaran", "Indikator Program",
                "Lampiran PK", "Perjanjian Kinerja", "Grafik", "Narasi"] + [f"Sasaran {i}" for i in range(1, 11)]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The quarterly sample consolidated three ways: yearly templates, TW IV and TW II."""
    root = tmp_path_factory.mktemp("triwulan")
    out = {}
    for tw in (None, 4, 2):
        folder = qs.build(root / f"tw{tw or 0}", tw)
        out[tw] = consolidate(folder)
    return out


@pytest.fixture
def tw2_copy(runs, tmp_path) -> Path:
    src = runs[2].output.parent.parent / "input"
    dst = tmp_path / "input"
    shutil.copytree(src, dst)
    return dst


def _file(folder: Path, unit: str) -> Path:
    return next(folder.glob(f"LAKIP_2021_TW2_{unit}_*.xlsx"))


# --- TW IV is the year -------------------------------------------------------------------------


def test_tw4_gives_the_yearly_workbook_cell_for_cell(runs):
    yearly, tw4 = runs[None].output, runs[4].output
    assert tw4.name == "LAKIP_2021_TW4_DKUMP.xlsx" and yearly.name == "LAKIP_2021_DKUMP.xlsx"
    for sheet in LAKIP_SHEETS:
        a, b = rows_of(yearly, sheet), rows_of(tw4, sheet)
        if sheet == "Capaian IKU":  # column Sumber names the file and cell each value came from
            a, b = [r[:-1] for r in a], [r[:-1] for r in b]
        assert a == b, sheet
    assert runs[4].result.total_realisasi == runs[None].result.total_realisasi == Decimal("12441814426.5")
    assert runs[4].result.nilai == runs[None].result.nilai == Decimal("92.5")
    rules = [Counter((f.level, f.rule) for f in run.findings) for run in (runs[None], runs[4])]
    assert rules[0] == rules[1]


def test_the_yearly_route_has_no_quarterly_sheets(runs):
    import python_calamine as pc

    names = pc.CalamineWorkbook.from_path(str(runs[None].output)).sheet_names
    assert "Capaian Triwulan" not in names and "Evaluasi Renja" not in names
    names = pc.CalamineWorkbook.from_path(str(runs[2].output)).sheet_names
    assert names.index("Capaian Triwulan") == names.index("Indikator Program") + 1
    assert names.index("Evaluasi Renja") == names.index("Capaian Triwulan") + 1


# --- TW II by hand -----------------------------------------------------------------------------


def _by_hand(values: list[Decimal], akumulasi: str) -> Decimal:
    if akumulasi == "Jumlah":
        return sum(values, Decimal(0))
    if akumulasi == "Rata-rata":
        return sum(values, Decimal(0)) / len(values)
    return values[-1]


def _capaian(t: Decimal, r: Decimal, polaritas: str) -> Decimal:
    return t / r * 100 if polaritas == "Negatif" else r / t * 100


def test_tw2_capaian_triwulan_of_every_iku_by_hand(runs):
    data = qs.dataset()
    quarters = qs.quarters_of(data)
    plan = {p["kode"]: p for p in data["rencana_aksi"] if p["indikator"] is None}
    rows = {r[1]: r for r in rows_of(runs[2].output, "Capaian Triwulan")[1:] if r[0] == "IKU"}
    head = rows_of(runs[2].output, "Capaian Triwulan")[0]
    col = {h: i for i, h in enumerate(head)}
    checked = Counter()
    for iku in data["iku"]:
        kode, acc = iku["kode_indikator"], iku["akumulasi"]
        row = rows[kode]
        q = quarters[("iku", kode)]["realisasi"][:2]
        real = _by_hand(q, acc)
        target_kum = Decimal(plan[kode]["target"][1])
        target = Decimal(iku["target"]["2021"])
        assert row[col["Akumulasi"]] == acc
        assert [row[col["Realisasi TW I"]], row[col["Realisasi TW II"]]] == [float(x) for x in q]
        assert row[col["Realisasi TW III"]] is None and row[col["Realisasi TW IV"]] is None
        assert row[col["Target Kumulatif"]] == float(target_kum)
        assert row[col["Realisasi Kumulatif"]] == pytest.approx(float(real))
        assert row[col["Capaian Kumulatif (%)"]] == pytest.approx(float(_capaian(target_kum, real, iku["polaritas"])))
        assert row[col["Capaian Tahunan (%)"]] == pytest.approx(float(_capaian(target, real, iku["polaritas"])))
        checked[acc] += 1
    assert checked == {"Terakhir": 8, "Jumlah": 1, "Rata-rata": 1}
    # IKU02 (Rata-rata): TW I 90, TW II 110 → 100; target s.d. TW II 50 → 200 %, of the year's 100 → 100 %
    assert rows["IKU02"][col["Realisasi Kumulatif"]] == 100
    assert rows["IKU02"][col["Capaian Kumulatif (%)"]] == 200
    # IKU01 (Terakhir, %): never summed: TW II 5,14 stands (TW I + TW II would be 8,57)
    assert rows["IKU01"][col["Realisasi Kumulatif"]] == 5.14


def test_tw2_money_of_every_sub_kegiatan_by_hand(runs):
    data = qs.dataset()
    head, *rows = rows_of(runs[2].output, "Capaian Triwulan")
    col = {h: i for i, h in enumerate(head)}
    seen = {}
    for r in rows:
        if r[0] == "Sub Kegiatan" and r[col["Pagu"]] is not None:
            seen.setdefault(r[1], r)
    spent_total = Decimal(0)
    n = 0
    for p in data["realisasi_2021"]["program"]:
        if p["kode"].count(".") != 5 or p.get("realisasi_anggaran") is None or p.get("pagu") is None:
            continue
        row = seen[p["kode"]]
        parts = qs.split_money(Decimal(p["realisasi_anggaran"]))
        spent = parts[0] + parts[1]
        kas = qs.split_money(Decimal(p["pagu"]))
        assert row[col["Realisasi Anggaran Kumulatif"]] == spent, p["kode"]
        assert [row[col["Realisasi Anggaran TW I"]], row[col["Realisasi Anggaran TW II"]]] == parts[:2]
        assert row[col["Realisasi Anggaran TW III"]] is None
        assert row[col["Anggaran Kas Kumulatif"]] == kas[0] + kas[1]
        assert row[col["Serapan (%)"]] == pytest.approx(float(spent / Decimal(p["pagu"]) * 100))
        spent_total += spent
        n += 1
    assert n == 35  # sub kegiatan with a DPA pagu and a realisasi in the seed
    # the LAKIP tables of a TW II run show the realisasi anggaran up to TW II
    assert runs[2].result.total_realisasi == spent_total


def test_tw2_evaluasi_renja_follows_the_form(runs):
    rows = rows_of(runs[2].output, "Evaluasi Renja")
    assert rows[2][0] == "Periode Pelaksanaan: Triwulan II Tahun 2021"
    numbers = [x for x in rows[6] if x]
    assert numbers == [f"({i})" for i in range(1, 19)]
    assert rows[5][5:27] == ["K", "Rp"] * 11
    data = rows[7:]
    first = data[0]  # 3.30.03, Terakhir (%): (13) K is TW II's 7,06, never TW I + TW II
    assert first[2] == "3.30.03" and first[28] == "Akumulasi Terakhir"
    assert first[5] == 50  # (6) K: the Renstra's 2024 target
    assert first[6] == 2480504350 + 2680504350 + 2321191000 + 2665191000  # (6) Rp: the period's funding
    assert first[9] == 11.76 and first[11:15] == [4.7, 345506513, 7.06, 575844188]
    assert first[19] == 7.06 and first[20] == 345506513 + 575844188
    assert first[21] == pytest.approx(7.06 / 11.76 * 100)
    assert all(x is None for x in first[7:9] + first[23:27])  # (7), (15), (16): not recorded
    asn = next(r for r in data if r[2] == "X.XX.01.2.05" and r[4] and "ASN" in r[4])  # Jumlah: 11 + 16,5
    assert asn[11] == 11 and asn[13] == 16.5 and asn[19] == 27.5
    assert asn[21] == pytest.approx(27.5 / 60 * 100)


def test_tw2_ringkasan_says_the_period(runs):
    assert rows_of(runs[2].output, "Ringkasan")[0][1] == (
        "LAPORAN KINERJA TRIWULAN II TAHUN 2021 (REALISASI S.D. TRIWULAN II)")


# --- templates ---------------------------------------------------------------------------------


def test_quarterly_template_columns_locks_and_identitas(runs):
    folder = runs[2].output.parent.parent / "input"
    path = _file(folder, "DAG")
    wb = openpyxl.load_workbook(path)
    iku = wb["IKU"]
    head = [c.value for c in iku[4]]
    assert head == ["Kode Indikator", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Polaritas", "Akumulasi",
                    "Target", "Target s.d. TW I", "Realisasi TW I", "Target s.d. TW II", "Realisasi TW II",
                    "Penyebab", "Solusi"]
    row = next(r for r in iku.iter_rows(min_row=5) if r[0].value == "IKU02")
    assert row[5].value == "Rata-rata" and row[7].value == 25 and row[9].value == 50
    assert row[7].protection.locked and not row[8].protection.locked and not row[10].protection.locked
    program = wb["Program"]
    head = [c.value for c in program[4]]
    assert head[head.index("Pagu"):head.index("Penjelasan")] == [
        "Pagu", "Anggaran Kas TW I", "Realisasi Anggaran TW I", "Anggaran Kas TW II", "Realisasi Anggaran TW II"]
    ident = {r[0].value: r[1].value for r in wb["Identitas"].iter_rows(min_row=5)}
    assert ident["Triwulan"] == 2
    assert wb.properties.title.startswith("Laporan Kinerja TW II 2021")


def test_a_kegiatan_row_sums_each_quarter_of_its_sub_kegiatan(runs):
    folder = runs[2].output.parent.parent / "input"
    wb = openpyxl.load_workbook(_file(folder, "PSR"))
    ws = wb["Program"]
    head = [c.value for c in ws[4]]
    c = head.index("Realisasi Anggaran TW II")
    row = next(r for r in ws.iter_rows(min_row=5) if r[0].value == "3.30.03.2.01")
    assert str(row[c].value).startswith("=SUM(")


# --- rules -------------------------------------------------------------------------------------


def _findings(folder: Path, rule: str):
    run = consolidate(folder, write=False)
    return [f for f in run.findings if f.rule == rule]


def _cell(path: Path, sheet: str, kode: str, label: str, indikator: str | None = None) -> str:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    head = [c.value for c in ws[4]]
    for row in ws.iter_rows(min_row=5):
        if row[0].value == kode and (indikator is None or norm_key(row[2].value) == norm_key(indikator)):
            return row[head.index(label)].coordinate
    raise KeyError(kode)


def test_a_quarter_left_empty_is_said(tw2_copy):
    path = _file(tw2_copy, "DAG")
    ref = _cell(path, "IKU", "IKU02", "Realisasi TW I")
    set_cells(path, "IKU", **{ref: None})
    got = _findings(tw2_copy, "triwulan-kosong")
    assert [(f.file, f.sheet, f.cell) for f in got] == [(path.name, "IKU", ref)]
    assert "TW I IKU02" in got[0].message


def test_running_totals_typed_in_a_jumlah_indicator_are_said(runs, tmp_path):
    # the TW IV sample: type running totals (25, 50, 75, 100 % of the year's 60 ASN) where quarters belong
    folder = tmp_path / "input"
    shutil.copytree(runs[4].output.parent.parent / "input", folder)
    path = next(folder.glob("LAKIP_2021_TW4_SEK_*.xlsx"))
    ind = "Jumlah ASN yang dikelola administrasi kepegawaiannya"
    cells = {_cell(path, "Program", "X.XX.01.2.05", f"Realisasi TW {q}", ind): v
             for q, v in zip(("I", "II", "III", "IV"), (15, 30, 45, 60))}
    set_cells(path, "Program", **cells)
    got = _findings(folder, "triwulan-tampak-kumulatif")
    assert [(f.sheet, f.cell) for f in got] == [("Program", _cell(path, "Program", "X.XX.01.2.05", "Realisasi TW IV",
                                                                ind))]
    assert "berjumlah 150" in got[0].message and "target tahunan 60" in got[0].message


def test_realisasi_anggaran_far_above_the_quarters_anggaran_kas(tw2_copy):
    path = _file(tw2_copy, "PSR")
    ref = _cell(path, "Program", "3.30.03.2.01.01", "Realisasi Anggaran TW I")
    set_cells(path, "Program", **{ref: 500_000_000})
    got = _findings(tw2_copy, "anggaran-melebihi-kas")
    assert [(f.file, f.cell) for f in got] == [(path.name, ref)]
    assert "TW I Rp 500.000.000" in got[0].message


def test_a_report_of_another_quarter_is_said(runs, tw2_copy):
    # DAG sends its TW IV report into the TW II consolidation
    _file(tw2_copy, "DAG").unlink()
    tw4 = next((runs[4].output.parent.parent / "input").glob("LAKIP_2021_TW4_DAG_*.xlsx"))
    shutil.copy(tw4, tw2_copy / tw4.name)
    run = consolidate(tw2_copy, write=False)
    assert run.result.triwulan == 2  # five of six reports say TW II
    got = [f for f in run.findings if f.rule == "triwulan-berbeda"]
    assert [(f.file, f.sheet, f.cell) for f in got] == [(tw4.name, "Identitas", "B9")]
    assert "triwulan 4" in got[0].message


def test_identitas_triwulan_unreadable_or_unlike_the_columns(tw2_copy):
    path = _file(tw2_copy, "MET")
    set_cells(path, "Identitas", B9="kedua")
    got = _findings(tw2_copy, "identitas-tidak-sah")
    assert [(f.file, f.cell) for f in got] == [(path.name, "B9")]
    set_cells(path, "Identitas", B9=3)
    got = _findings(tw2_copy, "triwulan-kolom-berbeda")
    assert [(f.file, f.cell) for f in got] == [(path.name, "B9")]


def test_explicit_triwulan_overrides_the_reports(runs, tw2_copy):
    run = consolidate(tw2_copy, write=False, triwulan=3)
    assert run.result.triwulan == 3
    assert len([f for f in run.findings if f.rule == "triwulan-berbeda"]) == 6


# --- the pieces --------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, want", [(2, 2), (2.0, 2), ("II", 2), ("TW II", 2), ("Triwulan 4", 4), ("tw.3", 3),
                                       ("IV", 4), (5, None), ("kedua", None), (True, None), (None, None),
                                       (1.5, None)])
def test_parse_triwulan(raw, want):
    assert parse_triwulan(raw) == want


def test_combine_by_akumulasi():
    d = Decimal
    assert combine([d(10), None, d(5)], "Jumlah") == 15
    assert combine([d(10), None, d(5)], "Terakhir") == 5
    assert combine([d(10), None, d(5)], "Rata-rata") == d("7.5")
    assert combine([None, None], "Jumlah") is None
    from lakip_xl.measures import Range
    assert combine([Range(d(1), d(2)), Range(d(3), d(4))], "Jumlah") == Range(d(3), d(4))


def test_capaian_triwulan_columns_are_the_contract(runs):
    head = rows_of(runs[2].output, "Capaian Triwulan")[0]
    assert head == (["Tingkat", "Kode", "Uraian", "Indikator", "Satuan", "Akumulasi", "Target Tahunan"]
                    + [f"Target s.d. TW {q}" for q in ("I", "II", "III", "IV")]
                    + [f"Realisasi TW {q}" for q in ("I", "II", "III", "IV")]
                    + ["Target Kumulatif", "Realisasi Kumulatif", "Capaian Kumulatif (%)", "Capaian Tahunan (%)",
                       "Predikat", "Pagu", "Anggaran Kas Kumulatif"]
                    + [f"Realisasi Anggaran TW {q}" for q in ("I", "II", "III", "IV")]
                    + ["Realisasi Anggaran Kumulatif", "Serapan (%)", "Bidang"])
    assert table(runs[2].output, "Capaian Triwulan", "Kode")["IKU01"]["Predikat"] == "Sangat Berhasil"


@pytest.mark.libreoffice
def test_libreoffice_and_gnumeric_recalculate_the_quarterly_sheets(runs, tmp_path):
    from test_formulas import _gnumeric, _mismatches, _recalculated

    out = runs[2].output
    assert _mismatches(out, _recalculated(out, tmp_path)) == []
    assert _mismatches(out, _gnumeric(out, tmp_path)) == []


# --- every indicator type, TW II and TW IV, by hand ---------------------------------------------

YEARS = [str(y) for y in range(2025, 2030)]
#: kode: (polaritas, akumulasi, satuan, target 2025, Rencana Aksi targets s.d. TW I…IV, realisasi TW I…IV)
TYPES = {
    "K1": ("Positif", "Jumlah", "kegiatan", "100", ["20", "50", "75", "100"], [20, 40, 25, 30]),
    "K2": ("Positif", "Terakhir", "%", "80", ["60", "70", "75", "80"], [55, 72, 78, 81]),
    "K3": ("Positif", "Rata-rata", "indeks", "4", ["4", "4", "4", "4"], [3.6, 4.2, 3.9, 4.3]),
    "K4": ("Negatif", "Terakhir", "%", "10", ["12", "11", "10.5", "10"], [12.5, 11, 10.8, 9.5]),
    "K5": ("Stabil", "Terakhir", "%", "80-90", ["70-80", "75-85", "80-90", "80-90"], [72, 88, 91, 86]),
    # Opini BPK: categorical, and never added up even where the Renstra says Jumlah
    "K6": ("Positif", "Jumlah", "opini", "WTP", ["WTP"] * 4, ["WDP", "WDP", "WTP", "WTP"]),
}
#: kode: (Realisasi Kumulatif, Target Kumulatif, Capaian Kumulatif, Capaian Tahunan), worked by hand
TW2 = {
    "K1": (60, 50, 120, 60),  # 20 + 40; 60 / 50; 60 / 100
    "K2": (72, 70, Decimal(72) / 70 * 100, 90),  # TW II stands
    "K3": (Decimal("3.9"), 4, Decimal("97.5"), Decimal("97.5")),  # (3,6 + 4,2) / 2
    "K4": (11, 11, 100, Decimal(10) / 11 * 100),  # Negatif: T / R
    "K5": (88, "75–85", Decimal(85) / 88 * 100, 100),  # above 75–85: 85 / 88; inside 80–90: 100
    "K6": ("WDP", "WTP", 75, 75),  # WDP 75 / WTP 100
}
TW4 = {
    "K1": (115, 100, 115, 115),
    "K2": (81, 80, Decimal("101.25"), Decimal("101.25")),
    "K3": (4, 4, 100, 100),  # (3,6 + 4,2 + 3,9 + 4,3) / 4
    "K4": (Decimal("9.5"), 10, Decimal(10) / Decimal("9.5") * 100, Decimal(10) / Decimal("9.5") * 100),
    "K5": (86, "80–90", 100, 100),
    "K6": ("WTP", "WTP", 100, 100),
}
SUB = "1.01.02.2.01.0001"
PROGRAM = {  # kode: (indikator, polaritas, akumulasi, satuan, target, Rencana Aksi, quarters)
    "1.01.02": ("Dokumen yang disusun", "Positif", "Jumlah", "dokumen", "12", ["3", "6", "9", "12"], [3, 4, 2, 3]),
    "1.01.02.2.01": ("Persentase layanan", "Positif", "Terakhir", "%", "100", ["25", "50", "75", "100"],
                     [30, 55, 80, 100]),
    SUB: ("Kegiatan pelayanan", "Positif", "Jumlah", "kali", "8", ["2", "4", "6", "8"], [2, 2, 2, 2]),
}
KAS = [200_000, 300_000, 250_000, 250_000]
SPENT = [150_000, 400_000, 250_000, 200_000]  # TW II 400.000 is more than 25 % above its kas 300.000


def _types_renstra() -> dict:
    iku = [{"kode_tujuan": "T1", "tujuan": "Pelayanan yang andal", "kode_sasaran": "SS01", "sasaran": "Sasaran SS01",
            "kode_indikator": k, "indikator": f"Indikator {k}", "satuan": sat, "polaritas": pol, "bidang": "BID",
            "target": dict.fromkeys(YEARS, t), "target_akhir": t, "akumulasi": acc}
           for k, (pol, acc, sat, t, _, _) in TYPES.items()]
    program = [{"kode": k, "uraian": f"Uraian {k}", "indikator": ind, "satuan": sat, "polaritas": pol,
                "kode_sasaran": "SS01" if k == "1.01.02" else None, "bidang": "BID", "akumulasi": acc,
                "target": dict.fromkeys(YEARS, t), **({"pagu": dict.fromkeys(YEARS, "1000000")} if k == SUB else {})}
               for k, (ind, pol, acc, sat, t, _, _) in PROGRAM.items()]
    plan = [{"tahun": 2025, "kode": k, "indikator": None, "target": v[4], "kas": None} for k, v in TYPES.items()]
    plan += [{"tahun": 2025, "kode": k, "indikator": v[0], "target": v[5], "kas": KAS if k == SUB else None}
             for k, v in PROGRAM.items()]
    return {"tahun": YEARS, "instansi": {"Nama Instansi": "Dinas Contoh", "Singkatan": "DC",
                                         "Periode Renstra": "2025-2029"},
            "bidang": [{"kode": "BID", "nama": "Bidang Pelayanan"}], "tujuan": [], "iku": iku, "program": program,
            "rencana_aksi": plan}


def _fill_types(path: Path, n: int) -> None:
    wb = openpyxl.load_workbook(path)
    for name, rows in (("IKU", {k: v[5] for k, v in TYPES.items()}), ("Program", {k: v[6] for k, v in PROGRAM.items()})):
        ws = wb[name]
        col = {c.value: c.column - 1 for c in ws[4] if c.value}
        for row in ws.iter_rows(min_row=5):
            quarters = rows.get(row[0].value)
            if quarters is None:
                continue
            for q, tw in enumerate(("I", "II", "III", "IV")[:n]):
                row[col[f"Realisasi TW {tw}"]].value = quarters[q]
                if name == "Program" and row[0].value == SUB:
                    row[col[f"Realisasi Anggaran TW {tw}"]].value = SPENT[q]
            if name == "Program" and row[0].value == SUB:
                row[col["Pagu"]].value = 1_000_000
    wb.save(path)


@pytest.fixture(scope="module")
def types(tmp_path_factory):
    from lakip_xl.renstra import read_renstra
    from lakip_xl.templates.renstra import write_renstra
    from lakip_xl.templates.submission import write_templates

    out = {}
    for n in (2, 4):
        folder = tmp_path_factory.mktemp(f"types{n}") / "input"
        folder.mkdir()
        renstra = write_renstra(folder / "renstra.xlsx", _types_renstra())
        (path,) = write_templates(read_renstra(renstra)[0], 2025, folder, workers=1, triwulan=n)
        _fill_types(path, n)
        out[n] = consolidate(folder)
    return out


def _shown(value):  # noqa: ANN001, ANN202 - a cell as calamine reads it, for a value worked by hand
    return value if isinstance(value, str) else pytest.approx(float(value))


@pytest.mark.parametrize("n, expected", [(2, TW2), (4, TW4)])
def test_every_indicator_type_by_hand(types, n, expected):
    out = types[n].output
    head, *rows = rows_of(out, "Capaian Triwulan")
    col = {h: i for i, h in enumerate(head)}
    got = {r[1]: r for r in rows}
    cats = {"WTP": 100, "WDP": 75}
    for kode, (real, target, cap_kum, cap_year) in expected.items():
        row = got[kode]
        # a category is stored as its score under a number format that shows its label
        want_real = cats.get(real, real) if isinstance(real, str) else real
        assert row[col["Realisasi Kumulatif"]] == _shown(want_real), kode
        want_target = cats.get(target, target)
        assert row[col["Target Kumulatif"]] == _shown(want_target), kode
        assert row[col["Capaian Kumulatif (%)"]] == _shown(cap_kum), kode
        assert row[col["Capaian Tahunan (%)"]] == _shown(cap_year), kode
    assert got["K6"][col["Akumulasi"]] == "Terakhir"  # the Renstra's Jumlah does not add up opini
    wb = openpyxl.load_workbook(out)
    ws = wb["Capaian Triwulan"]
    k6 = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "K6")
    assert k6[col["Realisasi Kumulatif"]].number_format == ('"WDP"' if n == 2 else '"WTP"')
    assert k6[col["Target Tahunan"]].number_format == '"WTP"'


@pytest.mark.parametrize("n", [2, 4])
def test_every_indicator_type_program_rows_and_money_by_hand(types, n):
    out = types[n].output
    head, *rows = rows_of(out, "Capaian Triwulan")
    col = {h: i for i, h in enumerate(head)}
    got = {r[1]: r for r in rows}
    want = {2: {"1.01.02": (7, 6), "1.01.02.2.01": (55, 50), SUB: (4, 4)},
            4: {"1.01.02": (12, 12), "1.01.02.2.01": (100, 100), SUB: (8, 8)}}[n]
    for kode, (r, t) in want.items():
        assert got[kode][col["Realisasi Kumulatif"]] == r and got[kode][col["Target Kumulatif"]] == t, kode
        assert got[kode][col["Capaian Kumulatif (%)"]] == pytest.approx(r / t * 100)
    spent = sum(SPENT[:n])  # 550.000 at TW II, 1.000.000 at TW IV
    for kode in PROGRAM:  # the program and kegiatan carry the sum of their one sub kegiatan
        assert got[kode][col["Realisasi Anggaran Kumulatif"]] == spent
        assert got[kode][col["Anggaran Kas Kumulatif"]] == sum(KAS[:n])
        assert got[kode][col["Serapan (%)"]] == pytest.approx(spent / 1_000_000 * 100)
    e81 = {r[2]: r for r in rows_of(out, "Evaluasi Renja")[7:]}
    sub = e81[SUB]
    assert sub[9:11] == [8, 1_000_000]  # (8) K, Rp
    assert sub[11:19] == [x for q in range(4) for x in ((2, SPENT[q]) if q < n else (None, None))]
    assert sub[19:21] == [2 * n, spent]  # (13): Jumlah 2 + 2 (+ 2 + 2)
    assert sub[21] == pytest.approx(2 * n / 8 * 100) and sub[22] == pytest.approx(spent / 1_000_000 * 100)
    kegiatan = e81["1.01.02.2.01"]
    assert kegiatan[19] == (55 if n == 2 else 100)  # Terakhir: never 30 + 55
    findings = [(f.rule, f.cell) for f in types[n].findings if f.rule == "anggaran-melebihi-kas"]
    # TW II: 400.000 against 300.000; the sub kegiatan's row 7, column Realisasi Anggaran TW II
    assert findings == [("anggaran-melebihi-kas", "Q7" if n == 2 else "U7")]


@pytest.mark.libreoffice
def test_every_indicator_type_libreoffice_agrees(types, tmp_path):
    from test_formulas import _mismatches, _recalculated

    out = types[2].output
    assert _mismatches(out, _recalculated(out, tmp_path)) == []


def test_a_rencana_aksi_whose_tw4_is_not_the_year_is_said(tmp_path):
    from lakip_xl.renstra import read_renstra
    from lakip_xl.templates.renstra import write_renstra

    data = _types_renstra()
    data["rencana_aksi"][0]["target"] = ["20", "25", "25", "25"]  # K1 typed per quarter, not up to the quarter
    _, found = read_renstra(write_renstra(tmp_path / "renstra.xlsx", data))
    got = [(f.rule, f.sheet, f.cell) for f in found if f.sheet == "Rencana Aksi"]
    assert got == [("renstra-rencana-aksi-tw4", "Rencana Aksi", "G5")]  # Target TW IV of the first row
    assert "K1 tahun 2025 di Rencana Aksi 25, sedangkan target tahun itu 100" in found[-1].message


def test_grafik_triwulan_one_chart_per_iku_with_its_data(runs):
    import re
    import zipfile

    out = runs[2].output
    rows = rows_of(out, "Grafik Triwulan")
    head = next(i for i, r in enumerate(rows) if r[:4] == ["Kode", "Indikator Kinerja Utama", "Akumulasi", "Seri"])
    data = rows[head + 1:]
    assert len(data) == 20  # two rows for each of the 10 IKU
    ct = table(out, "Capaian Triwulan", "Kode")
    for target, real in zip(data[::2], data[1::2]):
        kode = target[0]
        assert real[5] == ct[kode]["Realisasi Kumulatif"]  # up to TW II, as Capaian Triwulan combines it
        assert target[4:8] == [ct[kode][f"Target s.d. TW {q}"] for q in ("I", "II", "III", "IV")]
        assert real[6] is None and real[7] is None  # TW III and IV not reported yet
    iku02 = next(r for r in data[1::2] if r[0] == "IKU02")
    assert iku02[4:6] == [90, 100]  # Rata-rata: TW I 90; (90 + 110) / 2
    with zipfile.ZipFile(out) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        cached = [n for n in charts if "<c:numCache>" in z.read(n).decode()]
        titles = [re.findall(r"<a:t>([^<]*)</a:t>", z.read(n).decode()) for n in charts]
    assert sum(1 for t in titles if t and t[0].startswith("IKU")) == 10  # one per IKU (plus the yearly two)
    assert len(cached) == len(charts)  # every chart carries its data for previewers


def test_dari_prefills_the_consolidated_quarters_locked_and_gives_the_same_tw3(runs, tmp_path):
    """TW III templates made --dari the TW II workbook: TW I–II shown filled and locked; filled with TW III
    only, they consolidate to the same workbook as TW III templates typed in full."""
    from lakip_xl.renstra import read_renstra
    from lakip_xl.templates.dari import read_previous
    from lakip_xl.templates.submission import write_templates

    previous = read_previous(runs[2].output)
    assert (previous.tahun, previous.triwulan) == (2021, 2)
    data = qs.dataset()
    results = {}
    for route in ("dari", "full"):
        folder = tmp_path / route / "input"
        folder.mkdir(parents=True)
        shutil.copy(runs[2].output.parent.parent / "input" / "renstra.xlsx", folder)
        renstra = read_renstra(folder / "renstra.xlsx")[0]
        paths = write_templates(renstra, 2021, folder, workers=1, triwulan=3,
                                previous=previous if route == "dari" else None)
        if route == "dari":
            wb = openpyxl.load_workbook(next(p for p in paths if "_DAG_" in p.name))
            psr = openpyxl.load_workbook(next(p for p in paths if "_PSR_" in p.name))
            ws = wb["IKU"]
            head = [c.value for c in ws[4]]
            row = next(r for r in ws.iter_rows(min_row=5) if r[0].value == "IKU02")
            tw1, tw2, tw3 = (row[head.index(f"Realisasi TW {q}")] for q in ("I", "II", "III"))
            assert (tw1.value, tw2.value, tw3.value) == (90, 110, None)
            assert tw1.protection.locked and tw2.protection.locked and not tw3.protection.locked
            ws = psr["Program"]
            head = [c.value for c in ws[4]]
            sub = next(r for r in ws.iter_rows(min_row=5) if r[0].value == "3.30.03.2.01.01")
            assert sub[head.index("Realisasi Anggaran TW I")].protection.locked
            assert not sub[head.index("Realisasi Anggaran TW III")].protection.locked
            assert not sub[head.index("Pagu")].protection.locked  # the DPA may change: typed again
        for path in paths:
            qs.fill(path, data, 3)
        results[route] = consolidate(folder)
    for sheet in LAKIP_SHEETS + ["Capaian Triwulan", "Evaluasi Renja"]:
        a, b = rows_of(results["dari"].output, sheet), rows_of(results["full"].output, sheet)
        if sheet == "Capaian IKU":
            a, b = [r[:-1] for r in a], [r[:-1] for r in b]
        assert a == b, sheet
    iku02 = table(results["dari"].output, "Capaian Triwulan", "Kode")["IKU02"]
    q = qs.quarters_of(data)[("iku", "IKU02")]["realisasi"][:3]
    assert iku02["Realisasi Kumulatif"] == pytest.approx(float(sum(q) / 3))  # Rata-rata of TW I–III


def test_dari_refuses_what_is_not_the_previous_quarter(runs, tmp_path):
    from click.testing import CliRunner

    from lakip_xl.cli import main

    renstra = runs[2].output.parent.parent / "input" / "renstra.xlsx"
    cases = [(["--triwulan", "2", "--dari", str(runs[2].output)], "berisi triwulan 2 tahun 2021"),
             (["--triwulan", "3", "--dari", str(runs[None].output)], "bukan workbook konsolidasi triwulan"),
             (["--triwulan", "3", "--dari", str(tmp_path / "tidak-ada.xlsx")], "tidak ditemukan")]
    for args, message in cases:
        result = CliRunner().invoke(main, ["template", "--renstra", str(renstra), "--tahun", "2021",
                                           "--out", str(tmp_path / "t"), "-q", *args])
        assert result.exit_code == 2 and message in result.output, result.output
