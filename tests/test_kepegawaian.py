"""Tabel 1.1–1.7 (issue 14 item 2): staff counts from the Sekretariat's Pegawai sheets.

Expected figures are the seed's tables (data/reference/, key ``pegawai``) to the person. The seed contradicts
itself (SEED_NOTES C25–C28); the sample carries one consistent version (data/sample/NOTES.md) and where
it differs from a printed figure the test says which and why. The second half types the seed's tables as
printed and checks that each class of contradiction becomes its finding.
"""

from __future__ import annotations

import re
import shutil

import openpyxl
import pytest

from conftest import RENSTRA, SAMPLE, copy_sheet, rows_of
from lakip_xl.consolidate import consolidate
from lakip_xl.kepegawaian import pendidikan_key

ROMAN = {"IVc": "IV/c", "IVb": "IV/b", "IVa": "IV/a", "IIId": "III/d", "IIIc": "III/c", "IIIb": "III/b",
         "IIIa": "III/a", "IId": "II/d", "IIc": "II/c", "IIb": "II/b", "IIa": "II/a"}


def _gol(text: str) -> str:
    return ROMAN[re.sub(r"[^IVabcd]", "", text.split("/")[-1])]


def _section(rows: list[list], caption: str) -> list[list]:
    """The data rows of the table whose caption starts with ``caption``, up to and with its JUMLAH row."""
    start = next(i for i, r in enumerate(rows) if r[0] and str(r[0]).startswith(caption))
    out = []
    for r in rows[start + 1:]:
        if all(v is None for v in r):
            if out:
                break
            continue
        out.append(r)
        if r[0] == "JUMLAH":
            break
    return out


@pytest.fixture(scope="module")
def staff(sample_run):
    return rows_of(sample_run.output, "Kepegawaian")


def test_tabel_1_1_is_the_seeds(staff, reference):
    rows = _section(staff, "Tabel 1.1.")
    data = [r for r in rows if isinstance(r[0], (int, float))]
    want = reference["pegawai"]["tabel_1_1"]["rows"]
    assert len(data) == len(want) == 11
    for got, seed in zip(data, want):
        assert got[1].endswith(_gol(seed["pangkat_golongan"]))
        assert got[2:5] == [seed["laki_laki"] or 0, seed["perempuan"] or 0, seed["jumlah"] or 0], seed
    assert rows[-1][2:5] == [31, 24, 55]  # the seed's JUMLAH row


def test_tabel_1_2_has_the_seeds_levels_with_the_sexes_of_tabel_1_1(staff, reference):
    rows = _section(staff, "Tabel 1.2.")
    got = {r[1]: r[2:5] for r in rows if isinstance(r[0], (int, float))}
    seed = {r["pendidikan"]: r for r in reference["pegawai"]["tabel_1_2"]["rows"]}
    assert list(got) == ["S2", "S1", "D3", "SLTA"]  # the seed's SMU is SLTA
    for level, row in got.items():
        printed = seed["SMU" if level == "SLTA" else level]
        assert row[2] == printed["jumlah"]
        if level != "S1":
            assert row[:2] == [printed["laki_laki"], printed["perempuan"]]
    assert got["S1"][:2] == [10, 13]  # printed 8 / 15: two moved so the sexes are Tabel 1.1's (C27)
    assert rows[-1][2:5] == [31, 24, 55]


def test_tabel_1_3_is_the_seeds(staff, reference):
    rows = _section(staff, "Tabel 1.3.")
    seed = reference["pegawai"]["tabel_1_3"]
    data = [r for r in rows if isinstance(r[0], (int, float))]
    assert [(r[2], r[4]) for r in data] == [(x["jabatan"], x["jumlah"]) for x in seed["rows"]]
    assert [r[1] for r in data] == ["II.b", "III.a", "III.b", "IV.a", "IV.b"]
    assert rows[-1][4] == seed["jumlah_printed"] == 22


def _by_year(rows: list[list]) -> tuple[list[int], dict[str, list]]:
    years = [int(y) for y in rows[1][2:] if y is not None]
    data = {r[1]: r[2:2 + len(years)] for r in rows if isinstance(r[0], (int, float))}
    return years, data


def test_tabel_1_4_and_1_5_earlier_years_are_the_seeds_and_2021_is_this_years(staff, reference):
    for caption, key, label in (("Tabel 1.4.", "tabel_1_4", "pendidikan"), ("Tabel 1.5.", "tabel_1_5", "golongan")):
        rows = _section(staff, caption)
        years, data = _by_year(rows)
        assert years == list(range(2014, 2022))
        seed = {r[label]: r["per_tahun"] for r in reference["pegawai"][key]["rows"]}
        assert list(data) == list(seed)
        for name, values in data.items():
            assert values[:-1] == [seed[name][str(y)] or 0 for y in years[:-1]], name
    # 2021 from this year's sheets: Tabel 1.2's levels (the seed's 1.4 prints S2 10 and SLTA 20, C27)
    _, levels = _by_year(_section(staff, "Tabel 1.4."))
    assert [v[-1] for v in levels.values()] == [9, 23, 5, 18, 0, 0]
    # … and Tabel 1.1 by group, added up here from the seed's 1.1 (its 1.5 prints IV 8, III 38)
    t11 = reference["pegawai"]["tabel_1_1"]["rows"]
    want = {g: sum(r["jumlah"] or 0 for r in t11 if _gol(r["pangkat_golongan"]).split("/")[0] == g)
            for g in ("IV", "III", "II")}
    _, groups = _by_year(_section(staff, "Tabel 1.5."))
    assert {k.split()[-1]: v[-1] for k, v in groups.items()} == {**want, "I": 0} == {"IV": 7, "III": 36, "II": 12,
                                                                                      "I": 0}


def test_tabel_1_7_agrees_with_tabel_1_4_and_1_5(staff, reference):
    start = next(i for i, r in enumerate(staff) if r[0] and str(r[0]).startswith("Tabel 1.7."))
    got = {int(r[1]): r[2] for r in staff[start + 2:] if isinstance(r[0], (int, float))}
    printed = {r["tahun"]: r["jumlah_pegawai"] for r in reference["pegawai"]["tabel_1_7"]["rows"]}
    t14 = reference["pegawai"]["tabel_1_4"]["rows"]
    assert list(got) == list(range(2013, 2022))
    for year, n in got.items():
        if year in (2013, 2019, 2020, 2021):  # where the seed's tables agree
            assert n == printed[year], year
        else:  # 1.7 prints 58/60/61/72/71; Σ1.4 = Σ1.5 says otherwise (C26): the sample keeps the sums
            assert n == sum(r["per_tahun"][str(year)] or 0 for r in t14), year


def test_tabel_1_6_totals_are_tabel_1_1(sample_run, reference):
    rows = rows_of(sample_run.output, "Penempatan Pegawai")
    groups, sexes = rows[1], rows[2]
    cols, current = [], None
    for c in range(1, len(groups) - 1):
        current = groups[c] or current
        cols.append(f"{current} {sexes[c]}")
    jumlah = next(r for r in rows if r[0] == "JUMLAH")
    t11 = {}
    for r in reference["pegawai"]["tabel_1_1"]["rows"]:
        g = _gol(r["pangkat_golongan"])
        t11[f"{g} L"], t11[f"{g} P"] = r["laki_laki"] or 0, r["perempuan"] or 0
    assert dict(zip(cols, jumlah[1:-1])) == t11
    assert jumlah[-1] == 55
    printed = {r["bidang"]: r["jumlah"] for r in reference["pegawai"]["tabel_1_6"]["rows"]}
    units = {r[0]: r[-1] for r in rows[3:] if r[0] and r[0] != "JUMLAH"}
    assert units == {**printed, "Koperasi & UM": 5}  # printed row totals sum to 54: the 55th is here (NOTES.md)


def test_the_consistent_sample_raises_no_staff_finding(sample_run):
    assert not [f for f in sample_run.findings if f.rule.startswith("pegawai-")]


def test_only_the_penunjang_owner_gets_the_pegawai_sheets(tmp_path):
    from lakip_xl.renstra import read_renstra
    from lakip_xl.templates.submission import write_templates

    paths = write_templates(read_renstra(RENSTRA)[0], 2021, tmp_path, workers=1)
    with_sheet = [p.name for p in paths if "Pegawai Golongan" in openpyxl.load_workbook(p).sheetnames]
    assert with_sheet == ["LAKIP_2021_SEK_Sekretariat.xlsx"]
    wb = openpyxl.load_workbook(tmp_path / with_sheet[0])
    ws = wb["Pegawai Golongan"]
    header = [c.value for c in ws[4]]
    assert header[:3] == ["Unit Kerja", "IV/e L", "IV/e P"] and header[-1] == "I/a P" and len(header) == 35
    assert [ws.cell(r, 1).value for r in range(5, 11)] == ["Sekretariat", "Bidang Perdagangan", "Bidang Pasar",
                                                           "Bidang Perindustrian", "Bidang Koperasi dan Usaha Mikro",
                                                           "UPT Metrologi Legal"]  # the Renstra's Bidang sheet
    assert not ws.cell(5, 2).protection.locked
    years = [wb["Pegawai Tahunan"].cell(r, 1).value for r in range(5, 13)]
    assert years == list(range(2013, 2021))
    assert wb["Pegawai Pendidikan"]["A5"].protection.locked


# --------------------------------------------------------------------------- #
# The seed's tables as printed: each contradiction class is a finding
# --------------------------------------------------------------------------- #


def _cols(ws) -> dict[str, int]:  # noqa: ANN001
    return {c.value: c.column for c in ws[4] if c.value}


@pytest.fixture(scope="module")
def as_printed(tmp_path_factory, reference):
    """The sample with the SEK's Pegawai sheets typed as the seed prints them, totals included."""
    folder = tmp_path_factory.mktemp("printed") / "input"
    shutil.copytree(SAMPLE, folder)
    sek = next(folder.glob("LAKIP_2021_SEK_*.xlsx"))
    peg = reference["pegawai"]
    wb = openpyxl.load_workbook(sek)
    ws = wb["Pegawai Golongan"]
    ws.protection.sheet = False
    cols = _cols(ws)
    ws.cell(4, 36, "Jumlah")
    for i, r in enumerate(peg["tabel_1_6"]["rows"]):
        row = 5 + i
        ws.cell(row, 1, r["bidang"])
        for label, value in r["cells"].items():
            ws.cell(row, cols[label]).value = value  # ws.cell(r, c, None) would leave the old value
        ws.cell(row, 36, r["jumlah"])
    total_row = 5 + len(peg["tabel_1_6"]["rows"])
    printed = peg["tabel_1_6"]["jumlah_printed"]
    ws.cell(total_row, 1, "JUMLAH")
    for label, value in printed["cells"].items():  # the seed's JUMLAH row as printed
        ws.cell(total_row, cols[label]).value = value
    ws.cell(total_row, 36, printed["jumlah"])
    ws = wb["Pegawai Pendidikan"]
    level_row = {ws.cell(r, 1).value: r for r in range(5, 15)}
    for r in peg["tabel_1_2"]["rows"]:
        row = level_row[pendidikan_key(r["pendidikan"])]
        ws.cell(row, 2, r["laki_laki"])
        ws.cell(row, 3, r["perempuan"])
    ws = wb["Pegawai Tahunan"]
    cols = _cols(ws)
    year_row = {ws.cell(r, 1).value: r for r in range(5, 13)}
    ws.protection.sheet = False
    ws.cell(13, 1, 2021)
    year_row[2021] = 13
    for row in year_row.values():
        for c in range(2, 18):
            ws.cell(row, c).value = None
    for key in ("tabel_1_4", "tabel_1_5"):
        for r in peg[key]["rows"]:
            label = pendidikan_key(r.get("pendidikan")) or f"Golongan {r.get('golongan', '').split()[-1]}"
            for y, v in r["per_tahun"].items():
                ws.cell(year_row[int(y)], cols[label], v or 0)
    for r in peg["tabel_1_7"]["rows"]:
        if r["tahun"] < 2021:
            ws.cell(year_row[r["tahun"]], cols["Jumlah Pegawai"], r["jumlah_pegawai"])
    wb.save(sek)
    return consolidate(folder, write=False)


def _found(run, rule: str) -> list:  # noqa: ANN001
    return [f for f in run.findings if f.rule == rule]


def test_c28_row_and_column_totals_that_are_not_their_sums(as_printed):
    got = {(f.cell, f.level.label) for f in _found(as_printed, "pegawai-jumlah-salah")}
    # Sekretariat's cells sum to 12 (printed 13), Perdagangan's to 5 (6); the JUMLAH row: IV/a P 1 (2),
    # III/a L 5 (6), II/d L 5 (3), II/d P 1 (2), II/c P 0 (2), all cells 52 (55). IV/c L 2 is right.
    assert got == {("AJ5", "Galat"), ("AJ8", "Galat"), ("K13", "Galat"), ("R13", "Galat"), ("T13", "Galat"),
                   ("U13", "Galat"), ("W13", "Galat"), ("AJ13", "Galat")}
    sek = next(f for f in _found(as_printed, "pegawai-jumlah-salah") if f.cell == "AJ5")
    assert "Sekretariat" in sek.message and "diketik 13" in sek.message and "rinciannya 12" in sek.message
    assert as_printed.result.kepegawaian.total() == 52  # the sums are what the report shows


def test_c25_c26_a_years_totals_that_disagree(as_printed):
    got = {f.message.split(":")[0]: f.message for f in _found(as_printed, "pegawai-tahun-tidak-cocok")}
    # Σ1.4 = Σ1.5 every year; 1.7 differs in 2014 (58 vs 55), 2016 (61 vs 60), 2017 (72 vs 74), 2018 (71 vs 72)
    assert sorted(got) == ["Tahun 2014", "Tahun 2016", "Tahun 2017", "Tahun 2018"]
    assert "menurut pendidikan 74, menurut golongan 74, Jumlah Pegawai 72" in got["Tahun 2017"]


def test_c27_this_years_breakdowns_that_disagree(as_printed):
    messages = [f.message for f in _found(as_printed, "pegawai-rincian-tidak-cocok")]
    # Tabel 1.2 (55, L 29, P 26) against the seed's placement cells (52: L 35, P 17)
    assert any("Pegawai 2021:" in m and "Pegawai Pendidikan 55" in m and "Pegawai Golongan 52" in m
               for m in messages)
    assert any("laki-laki" in m and " 29," in m and " 35." in m for m in messages)
    # the typed 2021 row of Tabel 1.4 (S2 10, SLTA 20) against Tabel 1.2 (9, 18)
    tahunan = {f.cell: f.message for f in _found(as_printed, "pegawai-rincian-tidak-cocok")
               if f.sheet == "Pegawai Tahunan"}
    assert any("S2" in m and "10" in m and "9." in m for m in tahunan.values())
    assert any("SLTA" in m and "20" in m and "18." in m for m in tahunan.values())


@pytest.mark.parametrize("text, want", [
    ("S2", "S2"), ("S-1", "S1"), ("Tamatan S-2", "S2"), ("Tamatan D-III", "D3"), ("D IV", "D4"), ("SMU", "SLTA"),
    ("SMA", "SLTA"), ("Tamatan SLTA/ sederajat", "SLTA"), ("SMP", "SLTP"), ("SD", "SD"), ("Paket C", None),
    ("", None),
])
def test_pendidikan_key(text, want):
    assert pendidikan_key(text) == want



def test_bad_staff_cells_are_said_and_not_counted(tmp_path):
    folder = tmp_path / "input"
    shutil.copytree(SAMPLE, folder)
    sek = next(folder.glob("LAKIP_2021_SEK_*.xlsx"))
    psr = next(folder.glob("LAKIP_2021_PSR_*.xlsx"))
    wb = openpyxl.load_workbook(sek)
    wb["Pegawai Golongan"]["J5"] = 2.5  # Sekretariat IV/a L: half a person
    ws = wb["Pegawai Pendidikan"]
    ws["A14"], ws["B14"] = "Paket C", 1  # the SD row retyped as a level the tool does not know
    wb["Pegawai Tahunan"]["A12"] = "2020/2021"
    wb.save(sek)
    copy_sheet(sek, psr, "Pegawai Golongan")
    run = consolidate(folder, write=False)
    got = {f.rule: (f.level.label, f.file, f.sheet, f.cell) for f in run.findings if f.rule.startswith("pegawai-")}
    assert got["pegawai-bukan-bilangan-bulat"] == ("Galat", sek.name, "Pegawai Golongan", "J5")
    assert got["pegawai-pendidikan-tidak-dikenal"] == ("Peringatan", sek.name, "Pegawai Pendidikan", "A14")
    assert got["pegawai-tahun-tidak-sah"] == ("Galat", sek.name, "Pegawai Tahunan", "A12")
    assert got["pegawai-ganda"] == ("Peringatan", psr.name, "Pegawai Golongan", "")
    staff = run.result.kepegawaian
    assert staff.total() == 55  # the 2,5 is not counted (the cell held 0 before)
    assert staff.pendidikan_total() == 56  # Paket C is shown in Tabel 1.2 (and said), so 1.2 and 1.1 differ
    assert 2020 not in staff.history(2021)  # the row of "2020/2021" is not a year
