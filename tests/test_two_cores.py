"""The workbook written on two cores (lakip_xl/xlsx/split.py) is the workbook written on one.

A helper process writes the sheets of the pages marked ``second_core`` (Indikator Program, the Sasaran
sheets); this process writes the rest and places the helper's sheets in its file. Both processes stream
their sheets, so the file must be byte for byte the serial write of the same workbook streamed; and
cell by cell (value, formula, style), row by row (height, outline level) the default serial write.
Datasets of 10 and 100 units come from the benchmark's generator (benchmarks/bench.py).
"""

from __future__ import annotations

import importlib.util
import os
import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import RENSTRA, SAMPLE

from lakip_xl.xlsx import split

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not split.available(), reason="the split needs two cores and fork")


def _bench():
    spec = importlib.util.spec_from_file_location("lakip_bench", ROOT / "benchmarks" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _dataset(folder: Path, n: int) -> Path:
    """``n`` units of the benchmark's data (its Renstra and one submission each) in ``folder``."""
    from lakip_xl.templates.renstra import write_renstra
    from lakip_xl.templates.submission import template_filename

    bench = _bench()
    folder.mkdir(parents=True)
    units = [bench.unit_data(u) for u in range(n)]
    data = bench.renstra_data(units)
    for unit in units:
        bench.write_submission(folder / template_filename(bench.TAHUN, unit["kode"], unit["nama"]), unit,
                               data["instansi"]["Nama Instansi"])
    write_renstra(folder / "renstra.xlsx", data)
    return folder


def _write(folder: Path, out: Path, monkeypatch, *, split_from: int, stream_from: int | None = None,
           adopted: list | None = None) -> Path:
    from lakip_xl.consolidate import consolidate
    from lakip_xl.report import workbook

    with monkeypatch.context() as mp:
        mp.setattr(workbook, "SPLIT_FROM_ROWS", split_from)
        if stream_from is not None:
            mp.setattr(workbook, "STREAM_FROM_ROWS", stream_from)
        if adopted is not None:  # (True, the helper's sheets) when they were placed, (False, why) when refused
            receive = split.Helper._receive

            def spy(self):
                try:
                    parts = receive(self)
                except split.Refused as exc:
                    adopted.append((False, str(exc)))
                    raise
                adopted.append((True, sorted(parts)))
                return parts

            mp.setattr(split.Helper, "_receive", spy)
        run = consolidate(folder, folder / "renstra.xlsx", output=out)
    return run.output


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _style(cell) -> tuple:
    f, a, b = cell.font, cell.alignment, cell.border
    return (cell.number_format, f.b, f.i, f.sz, f.name, f.color.rgb if f.color else None, f.u,
            cell.fill.fill_type, cell.fill.fgColor.rgb, b.left.style, b.right.style, b.top.style, b.bottom.style,
            b.left.color.rgb if b.left.color else None, a.horizontal, a.vertical, a.wrap_text,
            cell.protection.locked)


def _same_cells(a: Path, b: Path, sheets: list[str] | None = None) -> int:
    """Assert every cell and row of ``a`` and ``b`` alike; returns the cells compared."""
    wa, wb = openpyxl.load_workbook(a), openpyxl.load_workbook(b)
    assert wa.sheetnames == wb.sheetnames
    cells = 0
    for name in sheets or wa.sheetnames:
        x, y = wa[name], wb[name]
        assert (x.max_row, x.max_column) == (y.max_row, y.max_column), name
        for ra, rb in zip(x.iter_rows(), y.iter_rows()):
            for ca, cb in zip(ra, rb):
                assert (ca.value, _style(ca)) == (cb.value, _style(cb)), f"{name}!{ca.coordinate}"
                cells += 1
        rows = lambda ws: {r: (d.height, d.outline_level) for r, d in ws.row_dimensions.items()
                           if d.height is not None or d.outline_level}
        assert rows(x) == rows(y), name
        assert {k: d.width for k, d in x.column_dimensions.items()} == \
            {k: d.width for k, d in y.column_dimensions.items()}, name
        assert sorted(map(str, x.merged_cells.ranges)) == sorted(map(str, y.merged_cells.ranges)), name
        assert [(str(r.sqref), [(c.operator, c.formula, c.dxf.fill.fgColor.rgb if c.dxf and c.dxf.fill else None)
                                for c in r.rules]) for r in x.conditional_formatting] == \
            [(str(r.sqref), [(c.operator, c.formula, c.dxf.fill.fgColor.rgb if c.dxf and c.dxf.fill else None)
                             for c in r.rules]) for r in y.conditional_formatting], name
        assert (x.freeze_panes, x.auto_filter.ref, x.print_title_rows, x.oddFooter.left.text) == \
            (y.freeze_panes, y.auto_filter.ref, y.print_title_rows, y.oddFooter.left.text), name
    return cells


def _same_sheet_xml(a: Path, b: Path, sheets: list[str]) -> int:
    """Assert ``sheets`` of ``a`` and ``b`` alike from their XML (fast at 100 units): every cell's address and
    format, every row's height and level, the sheet's settings before and after its cells; the values
    (python-calamine) and the formats table. Shared and inline strings may differ; returns the cells."""
    from conftest import rows_of

    za, zb = zipfile.ZipFile(a), zipfile.ZipFile(b)
    names = openpyxl.load_workbook(a, read_only=True).sheetnames
    assert za.read("xl/styles.xml") == zb.read("xl/styles.xml")
    cells = 0
    for name in sheets:
        part = f"xl/worksheets/sheet{names.index(name) + 1}.xml"
        xa, xb = za.read(part).decode(), zb.read(part).decode()
        for x in (xa, xb):
            assert "<sheetData" in x and "</sheetData>" in x
        assert xa[:xa.index("<sheetData")] == xb[:xb.index("<sheetData")], name  # views, columns, outline
        assert xa[xa.index("</sheetData>"):] == xb[xb.index("</sheetData>"):], name  # merges, filters, print
        styles_a = re.findall(r'<c r="([A-Z]+[0-9]+)"(?: s="([0-9]+)")?', xa)
        assert styles_a == re.findall(r'<c r="([A-Z]+[0-9]+)"(?: s="([0-9]+)")?', xb), name
        row = lambda x: [re.sub(r' spans="[^"]*"', "", attrs) for attrs in re.findall(r"<row ([^>]*)>", x)]
        assert row(xa) == row(xb), name  # heights, outline levels
        assert rows_of(a, name) == rows_of(b, name), name  # values, cached formula results
        cells += len(styles_a)
    return cells


def test_the_sample_on_two_cores_is_the_streamed_serial_write_byte_for_byte(tmp_path, monkeypatch):
    adopted: list = []
    two = _write(SAMPLE, tmp_path / "two.xlsx", monkeypatch, split_from=0, adopted=adopted)
    again = _write(SAMPLE, tmp_path / "again.xlsx", monkeypatch, split_from=0)
    one = _write(SAMPLE, tmp_path / "one.xlsx", monkeypatch, split_from=10 ** 9, stream_from=0)
    assert [ok for ok, _ in adopted] == [True]  # the helper's sheets were placed, no serial fallback
    helped = adopted[0][1]
    assert "Indikator Program" in helped and "Sasaran 1" in helped and len(helped) == 11  # 10 sasaran
    assert two.read_bytes() == again.read_bytes()  # deterministic
    assert two.read_bytes() == one.read_bytes()
    # and the helper's sheets really are its own: streamed, strings in the cells
    members = _members(two)
    assert b't="inlineStr"' in members["xl/worksheets/sheet19.xml"]


def test_indikator_program_is_handed_over_before_the_helper_writes_the_sasaran_sheets(tmp_path, monkeypatch):
    """The helper sends each page as soon as it is finished: here it may not start the Sasaran sheets until
    this process has taken Indikator Program (with the whole-workbook hand-over of before, it never does)."""
    from lakip_xl.report import sasaran

    parent, taken, seen = os.getpid(), tmp_path / "taken", tmp_path / "seen"
    write_sheet, part = sasaran.write_sasaran_sheet, split.Helper._part

    def after_the_hand_over(*args, **kwargs):
        if os.getpid() != parent and not seen.exists():  # the helper, at its first Sasaran sheet
            deadline = time.monotonic() + 30
            while not taken.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            seen.write_text(str(taken.exists()))
        return write_sheet(*args, **kwargs)

    def take(self, sheet):
        path = part(self, sheet)
        if sheet == "Indikator Program":
            taken.touch()
        return path

    with monkeypatch.context() as mp:
        mp.setattr(sasaran, "write_sasaran_sheet", after_the_hand_over)
        mp.setattr(split.Helper, "_part", take)
        adopted: list = []
        two = _write(SAMPLE, tmp_path / "two.xlsx", monkeypatch, split_from=0, adopted=adopted)
    assert seen.read_text() == "True"
    assert [ok for ok, _ in adopted] == [True]
    one = _write(SAMPLE, tmp_path / "one.xlsx", monkeypatch, split_from=10 ** 9, stream_from=0)
    assert two.read_bytes() == one.read_bytes()


def test_the_sample_on_two_cores_has_the_cells_of_the_default_write(tmp_path, monkeypatch):
    two = _write(SAMPLE, tmp_path / "two.xlsx", monkeypatch, split_from=0)
    one = _write(SAMPLE, tmp_path / "one.xlsx", monkeypatch, split_from=10 ** 9)
    assert _same_cells(one, two) > 10_000


@pytest.fixture(scope="module")
def units10(tmp_path_factory):
    return _dataset(tmp_path_factory.mktemp("n10") / "input", 10)


@pytest.fixture(scope="module")
def units100(tmp_path_factory):
    return _dataset(tmp_path_factory.mktemp("n100") / "input", 100)


def test_ten_units_on_two_cores_are_the_serial_write(units10, tmp_path, monkeypatch):
    adopted: list = []
    two = _write(units10, tmp_path / "two.xlsx", monkeypatch, split_from=0, adopted=adopted)
    one = _write(units10, tmp_path / "one.xlsx", monkeypatch, split_from=10 ** 9)
    streamed = _write(units10, tmp_path / "streamed.xlsx", monkeypatch, split_from=10 ** 9, stream_from=0)
    assert [ok for ok, _ in adopted] == [True]
    assert two.read_bytes() == streamed.read_bytes()
    assert _same_cells(one, two) > 50_000


def test_a_hundred_units_are_written_on_two_cores_by_default(units100, tmp_path, monkeypatch):
    from lakip_xl.report import workbook

    adopted: list = []
    two = _write(units100, tmp_path / "two.xlsx", monkeypatch, split_from=workbook.SPLIT_FROM_ROWS,
                 adopted=adopted)
    streamed = _write(units100, tmp_path / "streamed.xlsx", monkeypatch, split_from=10 ** 9, stream_from=0)
    assert [ok for ok, _ in adopted] == [True]  # 100 units are above the threshold: two cores
    assert two.read_bytes() == streamed.read_bytes()
    one = _write(units100, tmp_path / "one.xlsx", monkeypatch, split_from=10 ** 9)
    # cell by cell against the default serial write (openpyxl for 10 units above; here from the XML)
    assert _same_sheet_xml(one, two, openpyxl.load_workbook(one, read_only=True).sheetnames) > 400_000


def test_a_failing_helper_leaves_the_serial_write(tmp_path, monkeypatch):
    from lakip_xl.report import workbook

    one = _write(SAMPLE, tmp_path / "one.xlsx", monkeypatch, split_from=10 ** 9)
    with monkeypatch.context() as mp:  # the helper finds "parts beside the sheet XML" in every sheet
        mp.setattr(split, "_PARTS", ("name",))
        adopted: list = []
        refused = _write(SAMPLE, tmp_path / "refused.xlsx", monkeypatch, split_from=0, adopted=adopted)
    assert adopted == [(False, "ValueError: Indikator Program: parts beside the sheet XML")]
    assert refused.read_bytes() == one.read_bytes()  # written again, serially

    init = split.Helper.__init__
    with monkeypatch.context() as mp:  # the helper dies without a word
        mp.setattr(split.Helper, "__init__", lambda self, build, options: init(self, lambda wb, done: os._exit(3), options))
        adopted = []
        killed = _write(SAMPLE, tmp_path / "killed.xlsx", monkeypatch, split_from=0, adopted=adopted)
    assert adopted == [(False, "the helper ended without a word")]
    assert killed.read_bytes() == one.read_bytes()
    from lakip_xl.output import LATE

    assert LATE == {}  # nothing left registered for a later package
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~lakip")]
    assert workbook.SPLIT_FROM_ROWS > 1_000  # the sample (70 rows) is written on one core


def test_helper_formats_must_match():
    assert split._same({"a": 1, "b": 2}, {"a": 1, "b": 2, "c": 3})
    assert not split._same({"a": 1, "b": 2}, {"a": 1, "b": 3})
    assert not split._same({"x": 1}, {})


def test_no_helper_without_the_memory_for_it(tmp_path, monkeypatch):
    assert split.memory_allows()  # this machine has far more than a test process holds
    one = _write(SAMPLE, tmp_path / "one.xlsx", monkeypatch, split_from=10 ** 9)
    with monkeypatch.context() as mp:
        mp.setattr(split, "memory_allows", lambda: False)
        adopted: list = []
        alone = _write(SAMPLE, tmp_path / "alone.xlsx", monkeypatch, split_from=0, adopted=adopted)
    assert adopted == [] and alone.read_bytes() == one.read_bytes()  # no helper started: one core


def _plan_calls(monkeypatch, log: Path, fail: bool = False) -> None:
    """Log the pid of every process that builds Tabel 6.1's rows (``fail``: building them is an error)."""
    from lakip_xl import compute

    build = compute.renstra_plan

    def spy(renstra):
        if fail:
            raise AssertionError("Tabel 6.1 built for a workbook that has none")
        with log.open("a") as fh:
            fh.write(f"{os.getpid()}\n")
        return build(renstra)

    monkeypatch.setattr(compute, "renstra_plan", spy)


def test_tabel_6_1_is_built_once_before_the_helper_is_forked(units10, tmp_path, monkeypatch):
    """Ten units (24 sasaran, not stacked) on two cores: the plan is built in this process before the fork,
    so the helper shares it instead of building it again; the sheet is there, from the serial write's rows."""
    import python_calamine as pc

    log = tmp_path / "plan.log"
    _plan_calls(monkeypatch, log)
    adopted: list = []
    two = _write(units10, tmp_path / "two.xlsx", monkeypatch, split_from=0, adopted=adopted)
    assert [ok for ok, _ in adopted] == [True]
    assert log.read_text().split() == [str(os.getpid())]
    book = pc.CalamineWorkbook.from_path(str(two))
    rows = book.get_sheet_by_name("Tabel 6.1").to_python()
    assert len(rows) > 1_000 and rows[-1][0] == "JUMLAH"


def test_the_rows_other_sheets_reference_are_laid_out_once_before_the_fork(units10, tmp_path, monkeypatch):
    """Indikator Program's and Realisasi Anggaran's rows (which Tabel III.1, the Sasaran sheets and the totals
    reference) are placed once, in this process before the helper is forked, and the cells are written on
    the rows placed: each code read back stands on the row its layout gave it."""
    import dataclasses

    import python_calamine as pc

    from lakip_xl.report import pages

    laid: dict[str, list] = {}
    for name in ("Indikator Program", "Realisasi Anggaran"):
        page = pages.PAGES[name]

        def spy(result, build=page.prepare, name=name):
            plan = build(result)
            laid.setdefault(name, []).append((os.getpid(), plan))
            return plan

        monkeypatch.setitem(pages.PAGES, name, dataclasses.replace(page, prepare=spy))
    adopted: list = []
    out = _write(units10, tmp_path / "two.xlsx", monkeypatch, split_from=0, adopted=adopted)
    assert [ok for ok, _ in adopted] == [True]
    assert {name: [pid for pid, _ in calls] for name, calls in laid.items()} == {
        "Indikator Program": [os.getpid()], "Realisasi Anggaran": [os.getpid()]}
    book = pc.CalamineWorkbook.from_path(str(out))
    indikator = book.get_sheet_by_name("Indikator Program").to_python()
    plan = laid["Indikator Program"][0][1]
    assert len(plan.rows) > 100 and plan.end == len(indikator)
    for (kode, _), r in dict.items(plan.rows):
        assert indikator[r][0] == kode
    anggaran = book.get_sheet_by_name("Realisasi Anggaran").to_python()
    plan = laid["Realisasi Anggaran"][0][1]
    assert plan.count == len(plan.rows) > 100
    for kode, r in dict.items(plan.rows):
        assert anggaran[r][0] == kode


def test_free_memory_is_given_back_before_the_fork(units10, tmp_path, monkeypatch):
    """malloc_trim before the helper is forked (12 MB less for both processes together at 1,000 units): once,
    in this process, and the helper's sheets are still placed."""
    calls: list[int] = []
    release = split.release_free_memory
    monkeypatch.setattr(split, "release_free_memory", lambda: calls.append(os.getpid()) or release())
    adopted: list = []
    _write(units10, tmp_path / "two.xlsx", monkeypatch, split_from=0, adopted=adopted)
    assert calls == [os.getpid()] and [ok for ok, _ in adopted] == [True]


def test_a_stacked_workbook_neither_builds_nor_writes_tabel_6_1(units100, tmp_path, monkeypatch):
    """More than 40 sasaran: Tabel 6.1 is left out of the workbook (README), so its 19,470 rows at
    100 units are not built either, by the run nor by the helper."""
    import python_calamine as pc

    from lakip_xl.report import workbook

    log = tmp_path / "plan.log"
    _plan_calls(monkeypatch, log, fail=True)
    adopted: list = []
    out = _write(units100, tmp_path / "L.xlsx", monkeypatch, split_from=workbook.SPLIT_FROM_ROWS, adopted=adopted)
    assert [ok for ok, _ in adopted] == [True]  # the helper did not fail on it either
    names = pc.CalamineWorkbook.from_path(str(out)).sheet_names
    assert "Analisis Sasaran" in names and "Tabel 6.1" not in names and not log.exists()


# --------------------------------------------------------------------------- #
# While the submissions are read, the Renstra read in this process comes first
# --------------------------------------------------------------------------- #


def test_workers_started_behind_this_process_run_at_a_lower_priority():
    from lakip_xl import parallel

    mine = os.nice(0)
    behind = parallel.start_ordered(os.nice, [0] * 4, workers=2, parallel_from=2, behind=True).collect()
    level = parallel.start_ordered(os.nice, [0] * 4, workers=2, parallel_from=2).collect()
    assert parallel.BEHIND == 5
    assert behind == [min(mine + 5, 19)] * 4  # (19: the lowest priority there is)
    assert level == [mine] * 4


def _twice(text: str) -> tuple[list[str], int]:
    word = "".join(reversed(text))  # a new object in the worker, held twice by the result
    return [word, word], os.getpid()


def _fails(item: int) -> int:
    if item == 7:
        raise ValueError(f"item {item}")
    return item


def test_results_come_back_as_the_worker_built_them_in_order():
    """The workers send their results pickled (lakip_xl.parallel._pickled) and ``collect`` unpickles them:
    values in order, an object the result holds twice still one object (a submission's shared texts), and
    a worker's exception raised here."""
    from lakip_xl import parallel

    items = [f"teks {i}" for i in range(40)]
    got = parallel.start_ordered(_twice, items, workers=2, parallel_from=2).collect()
    assert [pair[0] for pair, _pid in got] == ["".join(reversed(t)) for t in items]
    assert all(pair[0] is pair[1] for pair, _pid in got)
    assert os.getpid() not in {pid for _pair, pid in got}  # they were built in the workers

    pending = parallel.start_ordered(_fails, list(range(20)), workers=2, parallel_from=2)
    with pytest.raises(ValueError, match="item 7"):
        pending.collect()


def test_the_submissions_are_read_behind_the_renstra(tmp_path, monkeypatch):
    import lakip_xl.consolidate as consolidate_module

    asked = []
    real = consolidate_module.start_ordered

    def start_ordered(*args, **kwargs):
        asked.append(kwargs.get("behind"))
        return real(*args, **kwargs)

    monkeypatch.setattr(consolidate_module, "start_ordered", start_ordered)
    consolidate_module.consolidate(SAMPLE, SAMPLE / "renstra.xlsx", output=tmp_path / "L.xlsx")
    assert asked == [True]


def test_the_pool_is_as_large_as_the_cores_this_process_may_use(monkeypatch):
    """A container's or ``taskset``'s share of the cores sizes the pool, not the machine's count."""
    from lakip_xl import parallel

    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 64)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)
    one = parallel.start_ordered(os.nice, [0] * 40)
    assert one.pool is None  # one core: done in this process
    assert one.collect() == [os.nice(0)] * 40

    monkeypatch.setattr(parallel, "usable_cores", lambda: 3)
    three = parallel.start_ordered(os.nice, [0] * 40)
    try:
        assert three.pool is not None and three.pool._max_workers == 3
    finally:
        three.collect()
