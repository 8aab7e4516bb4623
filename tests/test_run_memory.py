"""The run keeps the garbage collector off its finished data, and hands it back afterwards."""

from __future__ import annotations

import gc
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SAMPLE
from lakip_xl.consolidate import consolidate
from lakip_xl.model import Submission


def test_data_is_frozen_during_the_run_and_released_after(tmp_path):
    frozen_while_running = []

    def progress(n: int) -> None:  # called while the submissions are read, after the Renstra
        frozen_while_running.append(gc.get_freeze_count())

    assert gc.get_freeze_count() == 0
    run = consolidate(SAMPLE, SAMPLE / "renstra.xlsx", output=tmp_path / "L.xlsx", progress=progress)
    assert run.output.exists()
    assert frozen_while_running and min(frozen_while_running) > 10_000  # the Renstra's objects
    assert gc.get_freeze_count() == 0  # nothing stays out of the collector's reach


def test_a_callers_own_freeze_is_left_alone(tmp_path):
    gc.freeze()
    try:
        mine = gc.get_freeze_count()
        consolidate(SAMPLE, SAMPLE / "renstra.xlsx", output=tmp_path / "L.xlsx")
        assert gc.get_freeze_count() >= mine
    finally:
        gc.unfreeze()


def test_the_collectors_thresholds_are_raised_for_the_run_and_put_back(tmp_path):
    seen = []
    before = gc.get_threshold()
    consolidate(SAMPLE, SAMPLE / "renstra.xlsx", output=tmp_path / "L.xlsx",
                progress=lambda n: seen.append(gc.get_threshold()[0]))
    assert seen and min(seen) >= 50_000
    assert gc.get_threshold() == before


def test_reading_validating_and_computing_run_without_cyclic_collection_and_it_comes_back(tmp_path, monkeypatch):
    import lakip_xl.consolidate as consolidate_module

    seen = {}
    real_validate, real_compute = consolidate_module.start_validate, consolidate_module.compute
    real_renstra, real_load = consolidate_module.read_renstra, consolidate_module.load

    def read_renstra(*args, **kwargs):
        seen["renstra"] = gc.isenabled()
        return real_renstra(*args, **kwargs)

    def load(*args, **kwargs):  # the sample's six files are read in this process (fewer than PARALLEL_FROM)
        seen.setdefault("load", set()).add(gc.isenabled())
        return real_load(*args, **kwargs)

    def validate(*args, **kwargs):
        seen["validate"] = gc.isenabled()
        return real_validate(*args, **kwargs)

    def compute(*args, **kwargs):
        seen["compute"] = gc.isenabled()
        return real_compute(*args, **kwargs)

    monkeypatch.setattr(consolidate_module, "start_validate", validate)
    monkeypatch.setattr(consolidate_module, "compute", compute)
    monkeypatch.setattr(consolidate_module, "read_renstra", read_renstra)
    monkeypatch.setattr(consolidate_module, "load", load)
    assert gc.isenabled()
    run = consolidate(SAMPLE, SAMPLE / "renstra.xlsx", output=tmp_path / "L.xlsx")
    assert seen == {"renstra": False, "load": {False}, "validate": False, "compute": False}
    assert gc.isenabled()
    assert run.result.nilai is not None


def test_a_failing_compute_still_gives_the_collector_back(monkeypatch, tmp_path):
    import lakip_xl.consolidate as consolidate_module

    def compute(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(consolidate_module, "compute", compute)
    with pytest.raises(RuntimeError, match="boom"):
        consolidate(SAMPLE, SAMPLE / "renstra.xlsx", output=tmp_path / "L.xlsx")
    assert gc.isenabled()


def test_no_collection_walks_what_a_paused_stage_built(tmp_path, monkeypatch):
    """When a stage that ran with the collector paused ends, what it built is frozen before the collector
    comes back: the young generation is empty then (else its first collection walks all of it: 0,3 s at
    N = 300 after the Renstra read, for nothing)."""
    young = []
    real_enable = gc.enable

    def enable():
        young.append(gc.get_count()[0])
        real_enable()

    monkeypatch.setattr(gc, "enable", enable)
    run = consolidate(SAMPLE, SAMPLE / "renstra.xlsx", output=tmp_path / "L.xlsx")
    assert run.result.nilai is not None
    assert len(young) == 3  # the Renstra read, the submissions' read, validate with compute
    assert young == [0, 0, 0]


# --------------------------------------------------------------------------- #
# What a run holds: repeated texts and whole programme parts are kept once
# --------------------------------------------------------------------------- #


def _objects_per_value(texts):
    seen: dict[str, set[int]] = {}
    for text in texts:
        if text is not None:
            seen.setdefault(text, set()).add(id(text))
    return seen


def test_texts_repeated_across_renstra_rows_are_held_once():
    from lakip_xl.renstra import read_renstra

    renstra, _ = read_renstra(SAMPLE / "renstra.xlsx")
    rows = renstra.program
    for field in ("satuan", "bidang", "kode_sasaran", "uraian", "indikator"):
        texts = [getattr(row, field) for row in rows]
        seen = _objects_per_value(texts)
        repeated = max(texts.count(value) for value in seen)
        assert repeated >= 2, field  # the sample repeats each of them: the test can see a copy
        assert all(len(ids) == 1 for ids in seen.values()), field


def test_texts_repeated_within_a_submission_are_held_once():
    from lakip_xl.consolidate import load
    from lakip_xl.settings import Settings

    sub = load(next(SAMPLE.glob("LAKIP_2021_*.xlsx")), Settings()).submission
    for field in ("satuan",):  # (uraian and indikator go the same way; the sample repeats neither in a file)
        texts = [getattr(p, field) for p in sub.program]
        seen = _objects_per_value(texts)
        assert max(texts.count(value) for value in seen) >= 2, field
        assert all(len(ids) == 1 for ids in seen.values()), field


def test_a_whole_programme_part_is_one_object_in_its_sasaran_and_in_pendukung(sample_run):
    result = sample_run.result
    parts: dict[int, set[int]] = {}

    def walk(part):
        if part.whole:
            parts.setdefault(id(part.node), set()).add(id(part))
        for child in part.children:
            walk(child)

    in_sasaran = [p for s in result.sasaran for p in s.programs]
    for part in in_sasaran + result.pendukung:
        walk(part)
    assert in_sasaran and result.pendukung
    assert {id(p) for p in in_sasaran if p.whole} & {id(p) for p in result.pendukung}  # shared, not copied
    assert all(len(ids) == 1 for ids in parts.values())


def test_what_a_submission_repeats_of_the_renstra_is_the_renstras_object(sample_run):
    """A submitted row's code and uraian are its code's first Renstra row's (the uraian a code is shown
    with); its indikator and the year's target are those of the Renstra row with that indikator. (The
    Renstra holds each text once, so an equal Renstra text is one object.)"""
    run = sample_run
    codes = run.renstra.program_codes()
    matched = targets = 0
    for x in run.loaded:
        for p in x.submission.program:
            rows = codes.get(p.kode)
            if not rows:
                continue
            matched += 1
            assert p.kode is rows[0].kode
            if p.uraian == rows[0].uraian:
                assert p.uraian is rows[0].uraian, p.kode
            row = next((r for r in rows if r.indikator == p.indikator), None)
            if row is None:
                continue
            assert p.indikator is row.indikator, p.kode
            target = row.targets.get(run.tahun)
            if type(target) is type(p.target) is Decimal and str(p.target) == str(target):
                targets += 1
                assert p.target is target, p.kode
    assert matched >= 50 and targets >= 50  # the sample's submissions repeat the Renstra's rows


def test_texts_repeated_across_submissions_are_held_once(sample_run):
    texts = [p.penjelasan for x in sample_run.loaded for p in x.submission.program]
    seen = _objects_per_value(texts)
    assert max(texts.count(value) for value in seen) >= 2
    assert all(len(ids) == 1 for ids in seen.values())


def test_equal_texts_and_targets_become_one_object_and_other_values_are_left_alone():
    from lakip_xl.measures import Categorical
    from lakip_xl.model import Renstra, share_repeated

    renstra = Renstra(path=Path("renstra.xlsx"), instansi={}, years=[2021], bidang={}, iku=[], program=[
        _program("1.01.01", "Indikator A", Decimal("12")),
        _program("1.01.01", "Indikator B", Decimal("3")),
        _program("1.01.01.2.01", "Opini BPK", Decimal("100")),
    ])
    a, b = renstra.program[0], renstra.program[1]
    same = _submitted("1.01.01", "Indikator A", Decimal("12"))
    otherwise = _submitted("1.01.01", "Indikator A", Decimal("12.0"))
    second = _submitted("1.01.01", "Indikator B", Decimal("-3"))
    unknown = _submitted("1.01.01", "Lain", Decimal("12"))
    label = _submitted("1.01.01.2.01", "Opini BPK", Categorical("WTP", 100))
    same.penjelasan, unknown.penjelasan = _copy("Tercapai sesuai target"), _copy("Tercapai sesuai target")
    share_repeated(renstra, [_submission([same, otherwise, second]), _submission([unknown, label])], 2021)
    assert same.kode is a.kode and same.uraian is a.uraian and same.indikator is a.indikator
    assert same.target is a.targets[2021]
    assert otherwise.indikator is a.indikator and str(otherwise.target) == "12.0"  # it prints otherwise: kept
    assert second.indikator is b.indikator and second.target == Decimal("-3")
    assert unknown.kode is a.kode and unknown.indikator == "Lain" and unknown.target is not a.targets[2021]
    assert unknown.penjelasan is same.penjelasan
    assert isinstance(label.target, Categorical) and label.target.label == "WTP"


_CODES = ("1.01.01", "1.01.01.2.01", "1.01.01.2.01.0001", "1.01.01.2.01.0002", "1.01.01.2.02")


@st.composite
def _unit_reports(draw):
    """A Renstra of two units that share codes, and reports that list a unit's rows in step with the Renstra
    or not: reordered, with rows dropped, another unit's rows between, codes and indicators the Renstra does
    not know, targets written another way."""
    from lakip_xl.model import ProgramRow

    rows = []
    for bidang in ("SEK", "B1"):
        for kode in draw(st.lists(st.sampled_from(_CODES), min_size=1, max_size=6)):
            indikator = draw(st.sampled_from(["Indikator A", "Indikator B"]))
            rows.append(ProgramRow(kode=_copy(kode), uraian=_copy("Uraian " + kode), indikator=_copy(indikator),
                                   satuan="%", polaritas="Positif", kode_sasaran="S1", bidang=bidang,
                                   targets={2021: draw(st.sampled_from([Decimal("5"), Decimal("5.0"), Decimal("7")]))},
                                   pagu={2021: None}))
    reports = []
    for bidang in draw(st.lists(st.sampled_from(["SEK", "B1", "X"]), min_size=1, max_size=3)):
        listed = [r for r in rows if r.bidang == bidang or draw(st.booleans())]  # a template, with context
        listed = [r for r in listed if draw(st.integers(0, 9))]  # a row deleted now and then
        if draw(st.booleans()):
            listed = draw(st.permutations(listed))
        program = []
        for r in listed:
            kode = r.kode if draw(st.integers(0, 5)) else "9.99.99"
            indikator = r.indikator if draw(st.integers(0, 5)) else "Indikator lain"
            target = draw(st.sampled_from([r.targets[2021], Decimal("5"), Decimal("5.00"), None]))
            program.append(_submitted(kode, indikator, None if target is None else Decimal(str(target))))
        reports.append(Submission(path=Path(f"{bidang}.xlsx"), identitas={}, bidang=bidang, tahun=2021, iku=[],
                                  program=program))
    return rows, reports


@given(_unit_reports())
def test_shared_values_are_equal_renstra_objects_of_the_rows_code_and_indikator(case):
    """Whatever order a report lists its rows in, sharing changes no value and takes each object from a Renstra
    row of the same code (and, for the indicator and its target, of the same indicator); a target only
    when it prints the same. The oracle looks at every Renstra row, not at the unit's rows in step."""
    from lakip_xl.model import Renstra, share_repeated

    rows, reports = case
    renstra = Renstra(path=Path("renstra.xlsx"), instansi={}, years=[2021], bidang={}, iku=[], program=rows)
    before = [[(p.kode, p.uraian, p.indikator, str(p.target)) for p in sub.program] for sub in reports]
    share_repeated(renstra, reports, 2021)
    for sub, was in zip(reports, before):
        assert [(p.kode, p.uraian, p.indikator, str(p.target)) for p in sub.program] == was
        for p in sub.program:
            of_code = [r for r in rows if r.kode == p.kode]
            assert not of_code or any(p.kode is r.kode for r in of_code)  # a known code: the Renstra's object
            if any(r.uraian == p.uraian for r in of_code):
                assert any(p.uraian is r.uraian for r in of_code)
            same_indicator = [r for r in of_code if r.indikator == p.indikator]
            if same_indicator:
                assert any(p.indikator is r.indikator for r in same_indicator)
            if any(p.target is r.targets[2021] for r in rows):  # a Renstra target: of its code and indicator
                assert any(p.target is r.targets[2021] for r in same_indicator)
            alike = [r for r in same_indicator if str(r.targets[2021]) == str(p.target)]
            if len(same_indicator) == 1 and alike:  # one row it can be: its target, when written alike
                assert p.target is alike[0].targets[2021]


@given(_unit_reports(), st.data())
def test_rows_matched_in_step_go_where_the_look_ups_send_them(case, data):
    """Reconcile matches a report's rows in step with its unit's Renstra rows; each must land where matching
    by the tables of every row sends it (the way every row was matched before): the same Renstra row, the
    same findings, the same money left unplaced."""
    from unittest import mock

    from lakip_xl.model import Bidang, Renstra
    from lakip_xl.reconcile import reconcile

    rows, reports = case
    for sub in reports:
        for r, p in enumerate(sub.program, start=5):
            p.row = r
            p.cells = {k: f"{c}{r}" for k, c in (("kode", "A"), ("indikator", "C"), ("target", "E"), ("realisasi", "F"),
                                                 ("pagu", "G"), ("realisasi_anggaran", "H"))}
            p.realisasi = data.draw(st.sampled_from([None, Decimal("3")]))
            p.pagu = data.draw(st.sampled_from([None, Decimal("1000")]))

    def run(in_step: bool):
        renstra = Renstra(path=Path("renstra.xlsx"), instansi={}, years=[2021], iku=[], program=rows,
                          bidang={k: Bidang(k, "Bidang " + k) for k in ("SEK", "B1")})
        if in_step:
            return reconcile(renstra, reports, 2021)
        with mock.patch.object(Renstra, "rows_of_unit", lambda self, unit: ([], [])):
            return reconcile(renstra, reports, 2021)

    (got, got_findings), (want, want_findings) = run(True), run(False)
    assert {k: (id(s), id(i)) for k, (s, i) in got.program.items()} == {
        k: (id(s), id(i)) for k, (s, i) in want.program.items()}
    assert [f.rule for f in got_findings] == [f.rule for f in want_findings]
    assert [f.message for f in got_findings] == [f.message for f in want_findings]
    assert got.unplaced == want.unplaced and got.pagu == want.pagu
    # what the rules read by position is what the table holds for each row's key
    for unit in (None, "SEK", "B1"):
        listed = rows if unit is None else [r for r in rows if r.bidang == unit]
        by_position = list(got.program_rows(unit))
        assert [r for r, _ in by_position] == listed
        assert all(g is got.program.get(r.key) for r, g in by_position)
    assert [(node.kode, a) for node, a in got.leaf_budgets()] == [(c, got.budget.get(c)) for c in got.renstra.tree.nodes]


@given(_unit_reports(), st.data())
def test_computes_tree_by_position_is_the_tree_by_code(case, data):
    """compute reads a Renstra planned in full by position (amounts, reports in step with the Renstra's rows,
    parents by position); the tree must be the one built by looking every code and row up, also when a code's
    rows lie apart (two units' rows of one code) and reports leave rows out."""
    from lakip_xl.compute import _program_tree
    from lakip_xl.model import Bidang, Renstra
    from lakip_xl.reconcile import reconcile
    from lakip_xl.settings import Settings

    rows, reports = case
    for sub in reports:
        for r, p in enumerate(sub.program, start=5):
            p.row, p.cells = r, {"kode": f"A{r}", "realisasi": f"F{r}", "pagu": f"G{r}", "indikator": f"C{r}"}
            p.realisasi = data.draw(st.sampled_from([None, Decimal("3"), Decimal("5")]))
            p.pagu = data.draw(st.sampled_from([None, Decimal("1000")]))
    renstra = Renstra(path=Path("renstra.xlsx"), instansi={}, years=[2021], iku=[], program=rows,
                      bidang={k: Bidang(k, "Bidang " + k) for k in ("SEK", "B1")})
    consolidated, _ = reconcile(renstra, reports, 2021)

    def shape(nodes):
        return [(n.kode, n.uraian, n.bidang, n.group, n.pagu, n.realisasi,
                 [(id(i.row), i.target, i.realisasi, i.capaian, i.predikat) for i in n.indicators],
                 shape(n.children)) for n in nodes]

    by_position_findings, by_code_findings = [], []
    by_position = shape(_program_tree(consolidated, Settings(), by_position_findings))
    consolidated.pagu_at = None  # as a Consolidation built by hand: every code looked up
    by_code = shape(_program_tree(consolidated, Settings(), by_code_findings))
    assert by_position == by_code
    assert [f.message for f in by_position_findings] == [f.message for f in by_code_findings]


def _copy(text):
    """An equal text that is another object (as the same text read from two files is)."""
    out = "".join(list(text))
    assert out == text and out is not text
    return out


def _program(kode, indikator, target):
    from lakip_xl.model import ProgramRow

    return ProgramRow(kode=_copy(kode), uraian=_copy("Uraian " + kode), indikator=_copy(indikator), satuan="%",
                      polaritas="Positif", kode_sasaran="S1", bidang="SEK", targets={2021: target},
                      pagu={2021: None})


def _submitted(kode, indikator, target):
    from lakip_xl.model import SubmittedProgram

    return SubmittedProgram(kode=_copy(kode), uraian=_copy("Uraian " + kode), indikator=_copy(indikator),
                            satuan="%", polaritas=None, target=target, realisasi=None, pagu=None,
                            realisasi_anggaran=None, penjelasan=None, row=5)


def _submission(program):
    from lakip_xl.model import Submission

    return Submission(path=Path("x.xlsx"), identitas={}, bidang="SEK", tahun=2021, iku=[], program=program)


def test_the_code_tree_shares_the_renstras_rows_per_code(sample_run):
    renstra = sample_run.renstra
    codes = renstra.program_codes()
    assert len(codes) >= 50
    for code, rows in codes.items():
        assert renstra.tree[code].rows is rows, code


def test_a_leaf_holds_no_empty_list_of_its_own(sample_run):
    """A code without children (two thirds of a large Renstra's are sub kegiatan) shares the empty tuple
    in the tree, in the computed result and in its whole programme part, instead of three empty lists."""
    result = sample_run.result
    tree = sample_run.renstra.tree
    leaves = [n for n in result.nodes() if not n.children]
    assert len(leaves) >= 30
    assert all(n.children == () for n in leaves)  # a tuple: no list object per leaf
    tree_leaves = [n for n in tree.nodes.values() if not n.children]
    assert len(tree_leaves) >= 30 and all(n.children == () for n in tree_leaves)
    parts = [p for s in result.sasaran for p in s.programs] + result.penunjang
    seen = 0
    while parts:
        part = parts.pop()
        parts.extend(part.children)
        if part.whole and not part.node.children:
            seen += 1
            assert part.children == () and part.roots == (part.node,)
    assert seen >= 30


# -- a Renstra row's years, kept small ---------------------------------------------------------------------


def test_a_renstra_rows_pagu_is_packed_and_reads_back_as_the_seeds_figures(sample_run):
    """3.31.03's Rp of 2021–2024 (data/sample/NOTES.md, rule B7), packed as machine integers."""
    from array import array

    from lakip_xl.model import ByYear, RupiahByYear

    row = sample_run.renstra.program_codes()["3.31.03"][0]
    assert type(row.pagu) is RupiahByYear and type(row.pagu._values) is array
    assert type(row.targets) is ByYear
    assert row.pagu == {2021: Decimal("3300000"), 2022: Decimal("13042600"), 2023: Decimal("14783000"),
                        2024: Decimal("26783000")}
    assert row.targets == {2021: Decimal("2.47"), 2022: None, 2023: None, 2024: None}
    assert str(row.targets[2021]) == "2.47" and row.pagu.get(2020) is None and row.pagu.get(2020, 0) == 0
    assert all(type(p.pagu) is RupiahByYear for p in sample_run.renstra.program)


@pytest.mark.parametrize("value", [Decimal("1.5"), Decimal("1E+3"), Decimal("-0"), Decimal("12.00"),
                                   Decimal(2 ** 63), Decimal("NaN")])
def test_a_pagu_that_is_not_a_plain_whole_number_is_kept_as_it_is(value):
    from lakip_xl.model import ByYear, RupiahByYear

    values = RupiahByYear.of({2021: Decimal(5), 2022: value, 2023: None})
    assert type(values) is ByYear  # the tuple kind: the value itself, not an integer
    assert values[2022] is value and values[2021] == 5 and values[2023] is None


def test_packed_pagu_read_back_with_their_digits_and_none_where_empty():
    from lakip_xl.model import RupiahByYear

    given = {2021: Decimal("1500000000"), 2022: None, 2023: Decimal(-7), 2024: Decimal(2 ** 63 - 1),
             2025: Decimal(0)}
    values = RupiahByYear.of(given)
    assert type(values) is RupiahByYear
    assert list(values) == [2021, 2022, 2023, 2024, 2025] and len(values) == 5
    assert [str(values[y]) if values[y] is not None else None for y in values] == [
        "1500000000", None, "-7", str(2 ** 63 - 1), "0"]
    assert values == given and dict(values.items()) == given and list(values.values()) == list(given.values())
    with pytest.raises(KeyError):
        values[2026]
    assert 2022 in values and 2026 not in values


@given(st.lists(st.one_of(
    st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-10 ** 16, 10 ** 16).map(float),
    st.sampled_from([0.0, -0.0, 1e15, -1e15, 999_999_999_999_999.0, 1e15 - 0.5, 2.5, 12_500_000.0]),
    st.integers(-5, 5), st.text(max_size=4)), min_size=1, max_size=6))
def test_pagu_packed_straight_from_the_cells_equal_the_parsed_ones(cells):
    """The Renstra read packs a row's pagu from the raw cells when each is empty or a whole float below 10^15;
    what it packs is what parse_number then RupiahByYear.of give (checked against the parser, not itself)."""
    from lakip_xl.model import RupiahByYear, year_index
    from lakip_xl.parse import parse_number

    years = tuple(range(2021, 2021 + len(cells)))
    packed = RupiahByYear.of_cells(year_index(years), cells, range(len(cells)))
    plain = all(c is None or (type(c) is float and c.is_integer() and abs(c) < 1e15) for c in cells)
    assert (packed is not None) == plain
    if packed is not None:
        parsed = {y: parse_number(c).value for y, c in zip(years, cells)}
        assert type(RupiahByYear.of(parsed)) is RupiahByYear
        assert dict(packed.items()) == parsed
        assert [str(packed[y]) for y in years] == [str(v) for v in parsed.values()]  # digits and exponent too


def test_rows_by_year_copy_and_pickle_as_equal_mappings():
    import copy
    import pickle

    from lakip_xl.model import ProgramRow

    row = ProgramRow(kode="1.01.01", uraian="U", indikator="I", satuan="%", polaritas="Positif",
                     kode_sasaran="S1", bidang="SEK", targets={2021: Decimal("80"), 2022: None},
                     pagu={2021: Decimal(100), 2022: Decimal("0.5")})
    for other in (copy.deepcopy(row), pickle.loads(pickle.dumps(row))):
        assert other == row and other.pagu == {2021: 100, 2022: Decimal("0.5")}
        assert str(other.pagu[2022]) == "0.5" and other.targets.get(2021) == 80


def test_equal_submitted_figures_become_one_object_and_other_spellings_stay():
    from lakip_xl.model import Renstra, share_repeated

    renstra = Renstra(path=Path("renstra.xlsx"), instansi={}, years=[2021], bidang={}, iku=[], program=[])
    a, b, c = (_submitted("1.01.01", "Indikator A", None) for _ in range(3))
    a.realisasi, b.realisasi, c.realisasi = Decimal("75.5"), Decimal("75.5"), Decimal("75.50")
    a.pagu, b.realisasi_anggaran = Decimal(1000), Decimal(1000)
    assert a.realisasi is not b.realisasi
    share_repeated(renstra, [_submission([a]), _submission([b, c])], 2021)
    assert b.realisasi is a.realisasi
    assert b.realisasi_anggaran is not a.pagu and b.realisasi_anggaran == a.pagu  # money: each row's own
    assert str(c.realisasi) == "75.50" and c.realisasi is not a.realisasi  # it prints otherwise: kept


def test_rows_with_the_same_target_and_realisasi_share_one_capaian(sample_run):
    result = sample_run.result
    by_inputs = {}
    for node in result.nodes():
        for ind in node.indicators:
            if ind.capaian is not None:
                by_inputs.setdefault((id(ind.target), id(ind.realisasi), ind.row.polaritas), []).append(ind)
    repeated = [group for group in by_inputs.values() if len(group) > 1]
    assert repeated  # the sample has rows with the same target and realisasi objects (100 of 100 ...)
    for group in repeated:
        assert all(ind.capaian is group[0].capaian for ind in group)
        assert all(ind.predikat == group[0].predikat for ind in group)


def test_whether_there_is_a_tabel_6_1_is_known_without_building_it(sample_run):
    """The helper process asks whether Tabel 6.1 exists (to name its sheets) but never writes it: the rows
    are built by the main process alone."""
    import copy
    import dataclasses

    from lakip_xl.plan import has_plan, renstra_plan

    fresh = copy.copy(sample_run.result)
    vars(fresh).pop("plan", None)
    assert fresh.has_plan is True and "plan" not in vars(fresh)
    assert len(fresh.plan) == len(renstra_plan(sample_run.renstra)) > 100
    only_2021 = dataclasses.replace(sample_run.renstra, program_years=[2021])
    assert not has_plan(only_2021) and renstra_plan(only_2021) == []


@pytest.mark.parametrize("drawings", [False, True])
def test_a_streamed_sheet_forgets_the_rows_written_unless_a_drawing_needs_them(tmp_path, drawings):
    import xlsxwriter

    from lakip_xl.xlsx.sheet import Sheet
    from lakip_xl.xlsx.style import Styles

    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"), {"constant_memory": True})
    sheet = Sheet(wb.add_worksheet("Rencana"), Styles(wb), direct=False, drawings=drawings)
    for r in range(3000):
        sheet.text(r, 0, f"baris {r}")
        sheet.outline(r, 1)
        if r % 500 == 499:
            sheet.release(r + 1)
    sheet.finish()
    wb.close()
    kept = len(sheet.ws.row_info)
    assert kept == 3000 if drawings else kept < 1100
    levels = re.findall(r'<row r="(\d+)"[^>]*outlineLevel="1"', zipfile.ZipFile(tmp_path / "x.xlsx").read(
        "xl/worksheets/sheet1.xml").decode())
    assert len(levels) == 3000  # every row keeps its level in the file either way


def test_a_sheet_kept_in_memory_sends_released_rows_only_at_finish(tmp_path):
    import xlsxwriter

    from lakip_xl.xlsx.sheet import Sheet
    from lakip_xl.xlsx.style import Styles

    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"))
    sheet = Sheet(wb.add_worksheet("Rencana"), Styles(wb))
    sheet.text(0, 0, "a")
    sheet.release(1)
    assert sheet.ws.table == {} or 0 not in sheet.ws.table  # held: the shared strings keep their order
    sheet.finish()
    assert 0 in sheet.ws.table
    wb.close()
