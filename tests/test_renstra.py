"""The Renstra as people type it: text targets, units, Negatif by '<', and a Renstra too long to read."""

from __future__ import annotations

import shutil
from decimal import Decimal

import openpyxl
import pytest

from conftest import RENSTRA, reference  # noqa: F401 - fixture
from lakip_xl.errors import RenstraError
from lakip_xl.renstra import read_renstra
from lakip_xl.settings import Limits, Settings


#: The seed's own Renstra mistakes the sample keeps (SEED_NOTES C16, C24): (rule, sheet, cell).
SAMPLE_RENSTRA_FINDINGS = [
    # C16: "Persentase perijinan …" counted in pasar (kegiatan 3.30.03.2.02 and 3.30.02.2.01)
    ("renstra-satuan-tidak-cocok", "Program", "D9"),
    ("renstra-satuan-tidak-cocok", "Program", "D13"),
    # C24: baselines 2,18 (SS8), 95,4 (SS9) and 4,22 (SS10) against Riwayat 2020 35,87 / 94,36 / 23,61
    ("baseline-berbeda-riwayat", "Sasaran", "J12"),
    ("baseline-berbeda-riwayat", "Sasaran", "J13"),
    ("baseline-berbeda-riwayat", "Sasaran", "J14"),
]


def test_sample_renstra_holds_the_seeds_structure(reference):  # noqa: F811
    renstra, findings = read_renstra(RENSTRA)
    assert [(f.rule, f.sheet, f.cell) for f in findings] == SAMPLE_RENSTRA_FINDINGS
    assert len(renstra.iku) == 10 and len({i.kode_sasaran for i in renstra.iku}) == 10
    levels = [p.level for p in renstra.program]
    programs = {p.kode for p in renstra.program if p.level == "program"}
    assert len(programs) == 17  # 16 linked to a sasaran + Program Penunjang (SEED_NOTES)
    assert (levels.count("kegiatan"), levels.count("sub_kegiatan")) == (35, 92)
    for s in reference["sasaran"]:
        iku = renstra.iku_by_code()[f"IKU{s['no']:02d}"]
        assert iku.target(2021) == Decimal(str(s["iku"]["target_2021"]))
    # Tabel 6.1 figures (a sample): programme 3.30.03 and the Negatif kegiatan 3.30.04.2.02
    rows = renstra.program_codes()
    p = rows["3.30.03"][0]
    assert (p.targets[2021], p.targets[2022], p.pagu[2021], p.pagu[2024]) == (
        Decimal("11.76"), Decimal("35.29"), Decimal(2480504350), Decimal(2665191000))
    k = rows["3.30.04.2.02"][0]
    assert (k.polaritas, k.targets[2021], k.targets[2023]) == ("Negatif", Decimal(5), Decimal(4))
    assert [r.indikator for r in rows["3.30.04"]] == [
        "Tingkat stabilisasi harga barang kebutuhan pokok dan barang penting", "Persentase kinerja realisasi pupuk"]
    assert renstra.riwayat[("IKU10", 2019)] == Decimal("2.47")


def test_targets_typed_as_text(tmp_path):
    path = tmp_path / "renstra.xlsx"
    wb = openpyxl.load_workbook(RENSTRA)
    ws = wb["Program"]
    header = [c.value for c in ws[4]]
    t21, sat, pol = header.index("Target 2021"), header.index("Satuan"), header.index("Polaritas")
    rows = {r[0].value: r for r in ws.iter_rows(min_row=5)}
    rows["3.30.03.2.01.01"][t21].value = "6 pasar"
    rows["3.30.03.2.01.01"][sat].value = None
    rows["3.30.04.2.02"][t21].value = "< 5%"
    rows["3.30.04.2.02"][pol].value = None
    rows["3.30.03"][t21].value = "11,76 %"
    wb.save(path)
    renstra, findings = read_renstra(path, years=[2021])
    got = renstra.program_codes()
    assert [(f.rule, f.sheet, f.cell) for f in findings] == SAMPLE_RENSTRA_FINDINGS
    assert (got["3.30.03.2.01.01"][0].targets[2021], got["3.30.03.2.01.01"][0].satuan) == (Decimal(6), "pasar")
    assert (got["3.30.04.2.02"][0].targets[2021], got["3.30.04.2.02"][0].polaritas) == (Decimal(5), "Negatif")
    assert got["3.30.03"][0].targets[2021] == Decimal("11.76")


def test_a_renstra_longer_than_the_limit_is_refused_not_cut(tmp_path):
    settings = Settings(limits=Limits(max_renstra_rows=50))
    with pytest.raises(RenstraError, match="lembar 'Program': lebih dari 50 baris"):
        read_renstra(RENSTRA, settings)
    # the message keeps the file name as it is (a comma in it stays a comma)
    named = tmp_path / "renstra 2021,final.xlsx"
    shutil.copy2(RENSTRA, named)
    with pytest.raises(RenstraError) as err:
        read_renstra(named, settings)
    assert err.value.message.startswith("Renstra renstra 2021,final.xlsx, lembar 'Program': lebih dari 50 baris; ")


def test_invisible_characters_in_the_renstra_are_removed_and_said(tmp_path):
    # issue 10: 'PSR' + zero-width space was "not a known bidang" although the message listed PSR
    path = tmp_path / "renstra.xlsx"
    wb = openpyxl.load_workbook(RENSTRA)
    ws = wb["Program"]
    assert ws["G5"].value == "PSR"
    ws["G5"].value = "PSR\u200b"
    wb.save(path)
    renstra, findings = read_renstra(path)
    assert renstra.program_codes()["3.30.03"][0].bidang == "PSR"
    got = [(f.rule, f.sheet, f.cell) for f in findings if f.rule not in {r for r, _, _ in SAMPLE_RENSTRA_FINDINGS}]
    assert got == [("teks-dibersihkan", "Program", "G5")]
    assert "U+200B" in next(f.message for f in findings if f.rule == "teks-dibersihkan")
