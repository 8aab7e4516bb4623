"""Generated quarterly agencies against an oracle written here, independently of lakip_xl.

Each example: one to four IKU with any Polaritas (Positif, Negatif) and Akumulasi (Jumlah, Terakhir,
Rata-rata), an annual target, a Rencana Aksi or none, quarters typed or left empty, and a sub kegiatan
with a pagu and any spending per quarter; a run of quarter N (1–4). The oracle combines the quarters
the way the README says (sum of the quarters given, the latest given, their mean) and scores them
(R / T × 100, T / R × 100); the workbook's Capaian Triwulan and Capaian IKU must hold those values.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import rows_of
from lakip_xl.consolidate import consolidate
from lakip_xl.renstra import read_renstra
from lakip_xl.templates.renstra import write_renstra
from lakip_xl.templates.submission import write_templates

YEARS = [str(y) for y in range(2025, 2030)]
TW = ("I", "II", "III", "IV")
SUB = "1.01.02.2.01.0001"
amount = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=Decimal("0.5"), max_value=1000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def agencies(draw):
    n = draw(st.integers(1, 4))
    iku = []
    for k in range(draw(st.integers(1, 4))):
        plan = draw(st.none() | st.lists(positive, min_size=4, max_size=4))
        iku.append({
            "kode": f"IKU{k + 1:02d}", "polaritas": draw(st.sampled_from(["Positif", "Negatif"])),
            "akumulasi": draw(st.sampled_from(["Jumlah", "Terakhir", "Rata-rata"])),
            "target": draw(positive), "plan": plan,
            "quarters": draw(st.lists(st.none() | amount, min_size=4, max_size=4)),
        })
    pagu = draw(st.integers(1_000_000, 10**9))
    spent = draw(st.lists(st.none() | st.integers(0, pagu // 4), min_size=4, max_size=4))
    kas = draw(st.lists(st.integers(0, pagu // 2), min_size=4, max_size=4))
    return {"n": n, "iku": iku, "pagu": pagu, "spent": spent, "kas": kas}


def oracle_kumulatif(values: list, akumulasi: str):  # noqa: ANN001, ANN201
    given_ = [v for v in values if v is not None]
    if not given_:
        return None
    if akumulasi == "Jumlah":
        return sum(given_)
    if akumulasi == "Rata-rata":
        return sum(given_) / len(given_)
    return given_[-1]


def oracle_capaian(t, r, polaritas):  # noqa: ANN001, ANN201
    if t is None or r is None:
        return None
    if polaritas == "Negatif":
        return None if r == 0 else t / r * 100
    return None if t == 0 else r / t * 100


def _renstra(agency: dict) -> dict:
    iku = [{"kode_tujuan": "T1", "tujuan": "Tujuan", "kode_sasaran": "SS01", "sasaran": "Sasaran",
            "kode_indikator": i["kode"], "indikator": f"Indikator {i['kode']}", "satuan": "unit",
            "polaritas": i["polaritas"], "bidang": "BID", "akumulasi": i["akumulasi"],
            "target": dict.fromkeys(YEARS, str(i["target"])), "target_akhir": str(i["target"])} for i in agency["iku"]]
    program = [{"kode": "1.01.02", "uraian": "PROGRAM", "indikator": "Program", "satuan": "unit", "polaritas": "Positif",
                "kode_sasaran": "SS01", "bidang": "BID", "target": dict.fromkeys(YEARS, "1")},
               {"kode": "1.01.02.2.01", "uraian": "Kegiatan", "indikator": "Kegiatan", "satuan": "unit",
                "polaritas": "Positif", "bidang": "BID", "target": dict.fromkeys(YEARS, "1")},
               {"kode": SUB, "uraian": "Sub", "indikator": "Sub", "satuan": "unit", "polaritas": "Positif",
                "bidang": "BID", "target": dict.fromkeys(YEARS, "1"), "pagu": dict.fromkeys(YEARS, str(agency["pagu"]))}]
    plan = [{"tahun": 2025, "kode": i["kode"], "indikator": None, "target": [str(x) for x in i["plan"]], "kas": None}
            for i in agency["iku"] if i["plan"]]
    plan.append({"tahun": 2025, "kode": SUB, "indikator": "Sub", "target": None, "kas": [str(x) for x in agency["kas"]]})
    return {"tahun": YEARS, "instansi": {"Nama Instansi": "Dinas Uji", "Singkatan": "DU", "Periode Renstra": "2025-2029"},
            "bidang": [{"kode": "BID", "nama": "Bidang"}], "tujuan": [], "iku": iku, "program": program,
            "rencana_aksi": plan}


def _fill(path: Path, agency: dict) -> None:
    wb = openpyxl.load_workbook(path)
    n = agency["n"]
    by_code = {i["kode"]: i for i in agency["iku"]}
    ws = wb["IKU"]
    col = {c.value: c.column - 1 for c in ws[4] if c.value}
    for row in ws.iter_rows(min_row=5):
        for q in range(n):
            value = by_code[row[0].value]["quarters"][q]
            if value is not None:
                row[col[f"Realisasi TW {TW[q]}"]].value = float(value)
    ws = wb["Program"]
    col = {c.value: c.column - 1 for c in ws[4] if c.value}
    for row in ws.iter_rows(min_row=5):
        if row[0].value == SUB:
            row[col["Pagu"]].value = agency["pagu"]
            for q in range(n):
                if agency["spent"][q] is not None:
                    row[col[f"Realisasi Anggaran TW {TW[q]}"]].value = agency["spent"][q]
    wb.save(path)


def _close(got, want) -> bool:  # noqa: ANN001
    if want is None:
        return got is None
    return got is not None and got == pytest.approx(float(want), rel=1e-9, abs=1e-9)


@settings(max_examples=100, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(agencies())
def test_quarterly_figures_are_right_for_any_agency(agency):
    n = agency["n"]
    problems = []
    with tempfile.TemporaryDirectory(prefix="lakip-tw-") as tmp:
        folder = Path(tmp) / "input"
        folder.mkdir()
        renstra = write_renstra(folder / "renstra.xlsx", _renstra(agency))
        (path,) = write_templates(read_renstra(renstra)[0], 2025, folder, workers=1, triwulan=n)
        _fill(path, agency)
        run = consolidate(folder)
        head, *rows = rows_of(run.output, "Capaian Triwulan")
        col = {h: i for i, h in enumerate(head)}
        got = {r[1]: r for r in rows}
        iku_sheet = {r[2]: r for r in rows_of(run.output, "Capaian IKU")[1:]}
        for i in agency["iku"]:
            real = oracle_kumulatif(i["quarters"][:n], i["akumulasi"])
            target_kum = i["plan"][n - 1] if i["plan"] else (i["target"] if n == 4 else None)
            row = got[i["kode"]]
            for label, want in (("Realisasi Kumulatif", real), ("Target Kumulatif", target_kum),
                                ("Capaian Kumulatif (%)", oracle_capaian(target_kum, real, i["polaritas"])),
                                ("Capaian Tahunan (%)", oracle_capaian(i["target"], real, i["polaritas"]))):
                if not _close(row[col[label]], want):
                    problems.append(f"{i['kode']} {label}: {row[col[label]]!r}, oracle {want}")
            if not _close(iku_sheet[i["kode"]][6], real):  # Capaian IKU's Realisasi is the period's
                problems.append(f"{i['kode']} Capaian IKU Realisasi {iku_sheet[i['kode']][6]!r}, oracle {real}")
        spent = oracle_kumulatif(agency["spent"][:n], "Jumlah")
        sub = got[SUB]
        if not _close(sub[col["Realisasi Anggaran Kumulatif"]], spent):
            problems.append(f"spent {sub[col['Realisasi Anggaran Kumulatif']]!r}, oracle {spent}")
        serapan = None if spent is None else Decimal(spent) / agency["pagu"] * 100
        if not _close(sub[col["Serapan (%)"]], serapan):
            problems.append(f"serapan {sub[col['Serapan (%)']]!r}, oracle {serapan}")
        if not _close(sub[col["Anggaran Kas Kumulatif"]], sum(agency["kas"][:n])):
            problems.append(f"kas {sub[col['Anggaran Kas Kumulatif']]!r}, oracle {sum(agency['kas'][:n])}")
        if run.result.total_realisasi != (Decimal(spent) if spent is not None else None):
            problems.append(f"LAKIP total realisasi {run.result.total_realisasi}, oracle {spent}")
    assert not problems, f"{agency}\n" + "\n".join(problems)
