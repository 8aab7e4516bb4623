"""Generated staff sheets against an oracle written here: sums, and which typed totals are findings.

The oracle adds the counts itself (plain loops over the generated dicts) and decides from the generated
deltas which totals are wrong; it shares nothing with :mod:`lakip_xl.kepegawaian` but the column names.
"""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from lakip_xl.kepegawaian import GOLONGAN, PENDIDIKAN, Kepegawaian, PegawaiRow
from lakip_xl.rules.kepegawaian import check_kepegawaian

COLUMNS = [f"{g} {s}" for g, _ in GOLONGAN for s in ("L", "P")]
LEVELS = [lv for lv, _ in PENDIDIKAN]

unit = st.fixed_dictionaries({
    "cells": st.dictionaries(st.sampled_from(COLUMNS), st.integers(0, 30), max_size=8),
    "delta": st.one_of(st.none(), st.just(0), st.integers(-3, 3)),  # None: no Jumlah typed
})
level = st.tuples(st.sampled_from(LEVELS), st.integers(0, 40), st.integers(0, 40))
year = st.fixed_dictionaries({
    "levels": st.dictionaries(st.sampled_from(LEVELS), st.integers(0, 40), max_size=4),
    "groups": st.dictionaries(st.sampled_from(["IV", "III", "II", "I"]), st.integers(0, 40), max_size=4),
    "jumlah": st.one_of(st.none(), st.integers(0, 150)),
})


def _build(units, levels, years, jumlah_row):  # noqa: ANN001, ANN202
    staff = Kepegawaian()
    for i, u in enumerate(units):
        typed = None if u["delta"] is None else sum(u["cells"].values()) + u["delta"]
        staff.unit_kerja.append(PegawaiRow(f"Unit {i}", dict(u["cells"]), typed, 5 + i,
                                           {"Jumlah": f"AJ{5 + i}", "label": f"A{5 + i}"}))
    if jumlah_row:  # the clerk's own JUMLAH line: column sums plus the generated deltas
        counts = {c: max(0, sum(u["cells"].get(c, 0) for u in units) + d) for c, d in jumlah_row.items()}
        staff.unit_kerja.insert(len(units) // 2, PegawaiRow("JUMLAH", counts, None, 99,
                                                            {c: f"T:{c}" for c in counts}, total_row=True))
    seen = set()
    for i, (lv, men, women) in enumerate(levels):
        if lv in seen:
            continue
        seen.add(lv)
        staff.pendidikan.append(PegawaiRow(lv, {"L": men, "P": women}, None, 5 + i,
                                           {"L": f"B{5 + i}", "P": f"C{5 + i}", "label": f"A{5 + i}"}))
    for i, (y, counts) in enumerate(sorted(years.items())):
        staff.tahunan.append(PegawaiRow(str(y), {**counts["levels"],
                                                 **{f"Golongan {g}": n for g, n in counts["groups"].items()}},
                                        counts["jumlah"], 5 + i, {"Jumlah": f"Q{5 + i}", "label": f"A{5 + i}"}))
    return staff


@settings(max_examples=150, deadline=None)
@given(st.lists(unit, min_size=1, max_size=6), st.lists(level, max_size=6),
       st.dictionaries(st.integers(2010, 2020), year, max_size=5),
       st.dictionaries(st.sampled_from(COLUMNS), st.integers(-2, 2), max_size=4))
def test_generated_staff_sheets(units, levels, years, jumlah_row):
    staff = _build(units, levels, years, jumlah_row)
    findings = []
    check_kepegawaian(SimpleNamespace(kepegawaian=staff, kepegawaian_sub=SimpleNamespace(name="SEK.xlsx"),
                                      tahun=2021), findings)
    by_rule = {}
    for f in findings:
        by_rule.setdefault(f.rule, set()).add(f.cell)

    # typed unit totals: wrong exactly where the generated delta is not 0
    wrong = {f"AJ{5 + i}" for i, u in enumerate(units) if u["delta"] not in (None, 0)}
    for c, d in jumlah_row.items():
        column_sum = sum(u["cells"].get(c, 0) for u in units)
        if max(0, column_sum + d) != column_sum:
            wrong.add(f"T:{c}")
    assert by_rule.get("pegawai-jumlah-salah", set()) == wrong

    # the sums the report shows: every cell counted once, typed totals never
    total = sum(n for u in units for n in u["cells"].values())
    men = sum(n for u in units for k, n in u["cells"].items() if k.endswith(" L"))
    assert (staff.total(), staff.by_sex("L"), staff.by_sex("P")) == (total, men, total - men)
    for g, _ in GOLONGAN:
        assert staff.golongan(g) == sum(u["cells"].get(f"{g} L", 0) + u["cells"].get(f"{g} P", 0) for u in units)

    # this year by education against by golongan: one finding per differing total / sex
    kept, seen = [], set()
    for lv, m, w in levels:
        if lv not in seen:
            seen.add(lv)
            kept.append((m, w))
    expected = 0
    if kept:
        edu_men, edu_women = sum(m for m, _ in kept), sum(w for _, w in kept)
        expected = ((edu_men + edu_women != total) + (edu_men != men) + (edu_women != total - men))
    assert len([f for f in findings if f.rule == "pegawai-rincian-tidak-cocok"]) == expected

    # earlier years: a finding when the available counts of the year are not one number
    disagree = set()
    for i, (y, counts) in enumerate(sorted(years.items())):
        seen_totals = set()
        if counts["levels"]:
            seen_totals.add(sum(counts["levels"].values()))
        if counts["groups"]:
            seen_totals.add(sum(counts["groups"].values()))
        if counts["jumlah"] is not None:
            seen_totals.add(counts["jumlah"])
        if len(seen_totals) > 1:
            disagree.add(i)
    assert len([f for f in findings if f.rule == "pegawai-tahun-tidak-cocok"]) == len(disagree)

    # Tabel 1.7: every earlier year with a count, then the report year with the placement total
    history = staff.history(2021)
    if any(u["cells"] for u in units) or kept:
        assert history[2021].total() == total
    for y, counts in years.items():
        if counts["jumlah"] is not None:
            assert history[y].total() == counts["jumlah"]
        elif counts["levels"]:
            assert history[y].total() == sum(counts["levels"].values())
