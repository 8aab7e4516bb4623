"""Bad and awkward submissions (GitHub issue 5): each gives its finding, none a traceback.

The corpus is built once per session by ``tests/data/make_corpus.py`` into a
temporary folder; :data:`EXPECTED` below says, for every kind, which findings
it must give (level, rule, sheet, cell), whether its submission is still
consolidated, and whether it must read exactly like the sample file it was
made from.
"""

from __future__ import annotations

import collections
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import RENSTRA, SAMPLE, rows_of

from lakip_xl.consolidate import Run, check, consolidate, discover, load
from lakip_xl.findings import GALAT, INFO, PERINGATAN, Level
from lakip_xl.parse import safe_name
from lakip_xl.settings import Settings

YEAR = 2021


def _generator():
    path = Path(__file__).resolve().parent / "data" / "make_corpus.py"
    spec = importlib.util.spec_from_file_location("make_corpus", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_corpus"] = module
    spec.loader.exec_module(module)
    return module


make_corpus = _generator()
UNITS = make_corpus.UNITS


# --------------------------------------------------------------------------- #
# The expectations
# --------------------------------------------------------------------------- #

F = tuple[Level, str, str, str]  # level, rule, sheet, cell


@dataclass(frozen=True)
class Expect:
    #: the findings that must be there, exactly
    findings: tuple[F, ...] = ()
    #: the submission is still used for its unit (checked alone)
    consolidated: bool = False
    #: the sample unit it was made from (its own findings are the baseline)
    unit: str | None = None
    #: ``load``: cannot be read, the one finding is the file's; ``check``: checked against the Renstra;
    #: ``discover``: not a workbook, reported when the folder is listed; ``pair``: checked with the sample file
    via: str = "check"
    #: reads exactly like the sample file: the same values for every indicator, capaian and amount
    same: bool = False
    #: other rules that follow from the change (a column lost gives empty realisasi …)
    also: frozenset[str] = field(default_factory=frozenset)
    #: the corpus kind whose file is the Renstra to check against
    renstra: str | None = None


def E(*findings: F, **kw) -> Expect:
    if "also" in kw:
        kw["also"] = frozenset(kw["also"])
    return Expect(tuple(findings), **kw)


G, P, I = GALAT, PERINGATAN, INFO
FILE_ONLY = ("", "")

EXPECTED: dict[str, Expect] = {
    # files that cannot be opened: one finding, nothing consolidated
    "zip-terpotong": E((G, "berkas-rusak", *FILE_ONLY), unit="PSR", via="load"),
    "zip-isi-rusak": E((G, "berkas-rusak", *FILE_ONLY), unit="DAG", via="load"),
    "teks-bernama-xlsx": E((G, "berkas-rusak", *FILE_ONLY), via="load"),
    "kosong-0-bita": E((G, "berkas-rusak", *FILE_ONLY), via="load"),
    "html-bernama-xls": E((G, "berkas-rusak", *FILE_ONLY), via="load"),
    "xls-bernama-xlsx": E((G, "berkas-rusak", *FILE_ONLY), unit="IND", via="load"),
    "terenkripsi": E((G, "berkas-terenkripsi", *FILE_ONLY), unit="KUM", via="load"),
    "bom-zip": E((G, "berkas-terlalu-besar", *FILE_ONLY), unit="KUM", via="load"),
    "bom-zip-ukuran-palsu": E((G, "berkas-rusak", *FILE_ONLY), unit="KUM", via="load"),
    "bom-entitas-xml": E((G, "berkas-rusak", *FILE_ONLY), unit="PSR", via="load"),
    "bom-dimensi": E((G, "berkas-terlalu-besar", *FILE_ONLY), unit="SEK", via="load"),
    "bom-dimensi-ods": E((G, "berkas-terlalu-besar", *FILE_ONLY), unit="SEK", via="load"),
    "workbook-tanpa-lembar-kontrak": E((I, "bukan-berkas-laporan", *FILE_ONLY), unit="PSR", via="load"),
    "renstra-kode-iku-angka": E((I, "bukan-berkas-laporan", *FILE_ONLY), via="load"),
    # sheets and headers
    "tanpa-lembar-program": E((G, "lembar-tidak-ada", "Program", ""), unit="DAG", consolidated=True,
                              also={"baris-tidak-dilaporkan"}),
    "tanpa-lembar-identitas": E((G, "lembar-tidak-ada", "Identitas", ""), unit="IND"),
    "kolom-capaian": E((G, "kolom-tidak-ada", "IKU", "A4"), (G, "kolom-tidak-ada", "Program", "A4"), unit="IND",
                       consolidated=True),
    "kolom-diacak": E(unit="DAG", consolidated=True, same=True),
    "judul-8-baris": E(unit="MET", consolidated=True, same=True),
    "judul-lewat-baris-20": E((G, "kolom-tidak-ada", "Program", ""), unit="KUM", consolidated=True,
                              also={"baris-tidak-dilaporkan", "capaian-tanpa-anggaran"}),
    "judul-kolom-ejaan": E(unit="IND", consolidated=True, same=True),
    "nama-lembar-ejaan": E(unit="MET", consolidated=True, same=True),
    "kode-digabung": E(unit="DAG", consolidated=True, same=True),
    # formulas and macros
    "rumus-tanpa-nilai": E((G, "rumus-tanpa-nilai", "Program", "G5"), (P, "realisasi-kosong", "Program", "G5"),
                           (P, "laporan-belum-lengkap", "", ""), unit="PSR", consolidated=True),
    "rumus-dengan-nilai": E(unit="PSR", consolidated=True, same=True),
    "rumus-galat": E((G, "bukan-angka", "Program", "G10"), (P, "realisasi-kosong", "Program", "G10"), unit="KUM",
                     consolidated=True),
    "xlsm-makro": E(unit="IND", consolidated=True, same=True),
    # numbers and codes
    "angka-teks-indonesia": E((P, "angka-dipulihkan", "IKU", "G5"), (P, "angka-dipulihkan", "Program", "I7"),
                              (P, "angka-dipulihkan", "Program", "J7"), (P, "angka-dipulihkan", "Program", "I8"),
                              (P, "angka-dipulihkan", "Program", "J11"), unit="PSR", consolidated=True, same=True),
    "angka-teks-inggris": E((P, "angka-dipulihkan", "Program", "I20"), (P, "angka-dipulihkan", "Program", "J20"),
                            (P, "angka-dipulihkan", "Program", "J33"), unit="KUM", consolidated=True, same=True),
    "persen-format": E((P, "persen-dipulihkan", "IKU", "G5"), unit="PSR", consolidated=True, same=True),
    "tanggal-di-angka": E((G, "bukan-angka", "Program", "G8"), (P, "realisasi-kosong", "Program", "G8"),
                          unit="IND", consolidated=True),
    "realisasi-kata": E((G, "bukan-angka", "Program", "G10"), (P, "realisasi-kosong", "Program", "G10"),
                        unit="IND", consolidated=True),
    "angka-negatif": E((G, "angka-negatif", "Program", "J7"), unit="MET", consolidated=True),
    "angka-tidak-wajar": E((G, "angka-tidak-wajar", "Program", "I7"), unit="MET", consolidated=True,
                           also={"pagu-dpa-kosong"}),
    "kode-jam": E((P, "kode-dipulihkan", "Program", "A5"), unit="PSR", consolidated=True, same=True),
    "kode-iku-angka": E((P, "kode-dipulihkan", "IKU", "A5"), unit="PSR", consolidated=True,
                        renstra="renstra-kode-iku-angka"),
    # size
    "baris-100rb": E((G, "baris-ganda", "Program", "A12"), (G, "baris-ganda", "Program", "A1011"),
                     (P, "batas-temuan", "", ""), unit="PSR", consolidated=True),
    "sel-baris-terakhir": E((P, "baris-terlalu-banyak", "Program", ""), unit="SEK", consolidated=True, same=True),
    # text
    "teks-seperti-rumus": E(unit="PSR", consolidated=True),
    "teks-terlalu-panjang": E((P, "teks-terlalu-panjang", "Program", "K20"), unit="KUM", consolidated=True),
    # identity and units
    "bidang-ganda": E((G, "bidang-ganda", "Identitas", "B6"), unit="PSR", via="pair"),
    "bidang-tidak-dikenal": E((G, "bidang-tidak-dikenal", "Identitas", "B6"), unit="PSR"),
    "bidang-nama": E(unit="PSR", consolidated=True, same=True),
    "bidang-kosong": E((G, "identitas-tidak-lengkap", "Identitas", "B6"), unit="MET"),
    "tahun-salah": E((G, "tahun-salah", "Identitas", "B8"), unit="IND"),
    "versi-templat-lama": E((I, "versi-templat-berbeda", "Identitas", "B9"), unit="KUM", consolidated=True,
                            same=True),
    "instansi-berbeda": E((P, "instansi-berbeda", "Identitas", "B5"), unit="DAG", consolidated=True, same=True),
    # rows
    "baris-ganda": E((G, "baris-ganda", "Program", "A34"), unit="KUM", consolidated=True, same=True),
    "kode-tidak-dikenal": E((G, "kode-tidak-dikenal", "Program", "A23"), unit="IND", consolidated=True, same=True),
    "baris-bidang-lain": E((G, "baris-bidang-lain", "Program", "A12"), unit="PSR", consolidated=True),
    "realisasi-melebihi-pagu": E((G, "realisasi-melebihi-pagu", "Program", "J7"), unit="MET", consolidated=True),
    "jumlah-tidak-sesuai": E((G, "jumlah-tidak-sesuai", "Program", "I6"), unit="PSR", consolidated=True),
    # the same edits in every format read (issue 10)
    "persen-format-strict": E((P, "persen-dipulihkan", "IKU", "G5"), unit="PSR", consolidated=True, same=True),
    "rumus-tanpa-nilai-strict": E((G, "rumus-tanpa-nilai", "Program", "G5"), (P, "realisasi-kosong", "Program", "G5"),
                                  (P, "laporan-belum-lengkap", "", ""), unit="PSR", consolidated=True),
    "persen-format-ods": E((P, "persen-dipulihkan", "IKU", "G5"), unit="PSR", consolidated=True, same=True),
    "persen-format-xls": E((P, "persen-dipulihkan", "IKU", "G5"), unit="PSR", consolidated=True, same=True),
    "angka-ilmiah": E((P, "angka-dipulihkan", "Program", "J7"), unit="PSR", consolidated=True, same=True),
    "bidang-spasi-lebar-nol": E((P, "teks-dibersihkan", "Identitas", "B6"), unit="PSR", consolidated=True,
                                same=True),
    "kode-karakter-tak-terlihat": E((P, "teks-dibersihkan", "Program", "A7"), unit="PSR", consolidated=True,
                                    same=True),
    "lembar-ganda": E((G, "lembar-ganda", "Program ", ""), unit="PSR", consolidated=True, same=True),
    "kolom-ganda": E((G, "kolom-ganda", "Program", "L4"), unit="PSR", consolidated=True, same=True),
    # money that cannot be placed, unfilled reports, rows written another way (issues 9, 10)
    "baris-tanpa-kode": E((G, "baris-tanpa-kode", "Program", "I12"), unit="PSR", consolidated=True),
    "jumlah-tanpa-rincian": E((G, "jumlah-tanpa-rincian", "Program", "I6"), (P, "pagu-dpa-kosong", "Program", "I7"),
                              (P, "pagu-dpa-kosong", "Program", "I8"), unit="PSR", consolidated=True,
                              also={"laporan-belum-lengkap"}),
    "kode-empat-angka": E(unit="PSR", consolidated=True, same=True),
    "satuan-tidak-cocok": E((P, "satuan-tidak-cocok", "Program", "G19"), (P, "angka-dipulihkan", "Program", "G19"),
                            unit="IND", consolidated=True),
    "penjelasan-bertentangan": E((P, "penjelasan-bertentangan", "Program", "K14"), unit="KUM", consolidated=True),
    "templat-kosong": E((G, "laporan-belum-lengkap", "", ""), unit="PSR", consolidated=True,
                        also={"realisasi-kosong", "pagu-dpa-kosong", "capaian-tanpa-anggaran"}),
    "setengah-diisi": E((P, "laporan-belum-lengkap", "", ""), (P, "realisasi-kosong", "Program", "G7"),
                        (P, "realisasi-kosong", "Program", "G8"), unit="PSR", consolidated=True),
    "pagu-rumus-tanpa-nilai": E((G, "rumus-tanpa-nilai", "Program", "I7"), (P, "pagu-dpa-kosong", "Program", "I7"),
                                unit="PSR", consolidated=True, also={"laporan-belum-lengkap"}),
    "satuan-kode-tak-terlihat": E((P, "teks-dibersihkan", "IKU", "D5"), (P, "teks-dibersihkan", "IKU", "A5"),
                                  unit="PSR", consolidated=True, same=True),
    "angka-ilmiah-koma": E((P, "angka-dipulihkan", "Program", "G5"), unit="PSR", consolidated=True, same=True),
    "identitas-ganda": E((G, "lembar-ganda", "Identitas", ""), unit="PSR", consolidated=True, same=True),
    "satuan-kata-persen": E((P, "angka-dipulihkan", "IKU", "G5"), unit="PSR", consolidated=True, same=True),
    "nama-berkas-windows": E(unit="PSR", consolidated=True, same=True),
    "nama-berkas-bidi": E(unit="PSR", consolidated=True, same=True),
    "berkas-xlsb": E((G, "berkas-biner", *FILE_ONLY), via="discover"),
    "berkas-sementara": E((I, "berkas-sementara", *FILE_ONLY), via="discover"),
    # other formats: they consolidate like the xlsx
    "format-xls": E(unit="KUM", consolidated=True, same=True),
    "format-ods": E(unit="KUM", consolidated=True, same=True),
    "xlsx-libreoffice": E(unit="DAG", consolidated=True, same=True),
    # other files in the folder
    "kunci-excel": E((I, "berkas-kunci-excel", *FILE_ONLY), via="discover"),
    "kunci-libreoffice": E((I, "berkas-kunci-excel", *FILE_ONLY), via="discover"),
    "lampiran-docx": E((I, "berkas-dilewati", *FILE_ONLY), via="discover"),
    "lampiran-pdf": E((I, "berkas-dilewati", *FILE_ONLY), via="discover"),
    "catatan-txt": E((I, "berkas-dilewati", *FILE_ONLY), via="discover"),
}

#: Kinds read in a child process, with wall time and peak memory measured.
BOUNDED = ["bom-zip", "bom-zip-ukuran-palsu", "bom-entitas-xml", "bom-dimensi", "bom-dimensi-ods",
           "sel-baris-terakhir", "baris-100rb"]
#: Kinds that take seconds to read (left out of the CLI run; the end-to-end run has them).
SLOW = {"baris-100rb", "sel-baris-terakhir"}
BIG = "baris-100rb"
#: Kinds whose submission is read but then refused by the unit rules (unknown unit, wrong year).
READ_BUT_REFUSED = {"bidang-tidak-dikenal", "tahun-salah"}


# --------------------------------------------------------------------------- #
# Fixtures and helpers
# --------------------------------------------------------------------------- #


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    t = time.perf_counter()
    built = make_corpus.main(tmp_path_factory.mktemp("corpus"))
    built.seconds = time.perf_counter() - t
    return built


def corpus_file(corpus, kind: str) -> Path:
    if kind in corpus.skipped:
        reason = corpus.skipped[kind]
        if "LibreOffice" in reason and os.environ.get("LAKIP_REQUIRE_LIBREOFFICE"):
            pytest.fail(f"{kind}: {reason}")
        pytest.skip(f"{kind}: {reason}")
    return corpus.path(kind)


class Runs:
    """``check`` results, each computed once per session."""

    def __init__(self, corpus) -> None:
        self.corpus = corpus
        self.cache: dict[tuple, Run] = {}

    def get(self, files: tuple[Path, ...], renstra: Path = RENSTRA) -> Run:
        key = (files, renstra)
        if key not in self.cache:
            self.cache[key] = check(list(files), renstra, tahun=YEAR)
        return self.cache[key]

    def sample(self, unit: str) -> Run:
        return self.get((SAMPLE / UNITS[unit],))

    def kind(self, kind: str) -> Run:
        exp = EXPECTED[kind]
        path = corpus_file(self.corpus, kind)
        renstra = corpus_file(self.corpus, exp.renstra) if exp.renstra else RENSTRA
        files = (SAMPLE / UNITS[exp.unit], path) if exp.via == "pair" else (path,)
        return self.get(files, renstra)


@pytest.fixture(scope="session")
def runs(corpus):
    return Runs(corpus)


def key(f) -> F:
    return (f.level, f.rule, f.sheet, f.cell)


def snapshot(run: Run) -> tuple:
    """Everything a reader of the LAKIP sees of the submissions: values, capaian, amounts, texts."""
    res = run.result
    nodes = [(n.kode, n.pagu, n.realisasi, [(i.row.indikator, i.target, i.realisasi, i.capaian, i.predikat,
                                             i.penjelasan) for i in n.indicators]) for n in res.nodes()]
    iku = [(r.kode, r.target, r.realisasi, r.capaian, r.predikat, r.penyebab, r.solusi) for r in res.iku]
    return nodes, iku, res.nilai, res.total_pagu, res.total_realisasi


def program_item(run: Run, kode: str, nth: int = 0):
    sub = run.loaded[0].submission
    return [p for p in sub.program if p.kode == kode][nth]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- #
# The corpus itself
# --------------------------------------------------------------------------- #


def test_every_kind_has_an_expectation_and_a_file(corpus):
    names = [k.name for k in make_corpus.KINDS]
    assert len(names) == len(set(names)) >= 32
    assert set(names) == set(EXPECTED)
    assert set(corpus.files) | set(corpus.skipped) == set(names)
    assert all(p.parent == corpus.folder and p.exists() for p in corpus.files.values())
    assert len({p.name for p in corpus.files.values()}) == len(corpus.files)


def test_every_submission_in_the_corpus_is_an_older_copy(corpus):
    """Dated before the sample's own files, so in one folder the sample's files win."""
    days = [make_corpus._tanggal(k.name) for k in make_corpus.KINDS]
    assert len(set(days)) == len(days)
    assert max(days).year == 2021
    assert all(os.stat(p).st_mtime == make_corpus.FILE_TIME for p in corpus.files.values())


def test_generator_is_deterministic(tmp_path):
    kinds = ["zip-terpotong", "kolom-diacak", "rumus-dengan-nilai", "angka-teks-indonesia", "kunci-excel",
             "bom-entitas-xml", "teks-seperti-rumus", "xlsm-makro", "terenkripsi"]
    a = make_corpus.main(tmp_path / "a", only=kinds)
    b = make_corpus.main(tmp_path / "b", only=kinds)
    assert set(a.files) == set(kinds) - set(a.skipped)
    for name in a.files:
        assert sha256(a.path(name)) == sha256(b.path(name)), name


# --------------------------------------------------------------------------- #
# Each kind alone
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize("kind", [k for k, e in EXPECTED.items() if e.via == "load"])
def test_unreadable_files_give_one_finding(corpus, kind):
    exp = EXPECTED[kind]
    path = corpus_file(corpus, kind)
    loaded = load(path, Settings())
    assert loaded.submission is None
    assert [key(f) for f in loaded.findings] == list(exp.findings)
    assert loaded.findings[0].file == path.name
    assert path.name in loaded.findings[0].message
    run = check([path], RENSTRA, tahun=YEAR)
    assert [key(f) for f in run.findings] == list(exp.findings)
    assert all(u.file is None for u in run.result.units)


@pytest.mark.parametrize("kind", [k for k, e in EXPECTED.items() if e.via in ("check", "pair") and k != BIG])
def test_each_kind_gives_its_findings(runs, kind):
    assert_kind(runs, kind, runs.kind(kind))


def assert_kind(runs: Runs, kind: str, run: Run) -> None:
    exp = EXPECTED[kind]
    path = corpus_file(runs.corpus, kind)
    got = [key(f) for f in run.findings if f.file in (safe_name(path.name), "")]
    for want in exp.findings:
        assert want in got, f"{kind}: {want} not in {got[:20]}"
    # nothing else than the sample's own findings, the expected ones and their consequences
    baseline = {f.rule for f in runs.sample(exp.unit).findings} if exp.unit else set()
    unexpected = {r for _, r, _, _ in got} - baseline - {r for _, r, _, _ in exp.findings} - exp.also
    assert not unexpected, f"{kind}: unexpected {unexpected}"
    used = {u.kode: u.file for u in run.result.units}
    assert (safe_name(path.name) in used.values()) == exp.consolidated
    for f in run.findings:
        assert f.message and "{" not in f.message


@pytest.mark.parametrize("kind", [k for k, e in EXPECTED.items() if e.same])
def test_awkward_but_valid_files_read_like_the_sample(runs, kind):
    exp = EXPECTED[kind]
    assert snapshot(runs.kind(kind)) == snapshot(runs.sample(exp.unit))


@pytest.mark.parametrize("kind", [k for k, e in EXPECTED.items() if e.via == "discover"])
def test_lock_and_other_files_are_reported_when_listed(corpus, tmp_path, kind):
    exp = EXPECTED[kind]
    src = corpus_file(corpus, kind)
    shutil.copy2(src, tmp_path / src.name)
    paths, findings = discover(tmp_path)
    assert paths == []
    assert [key(f) for f in findings] == list(exp.findings)
    assert findings[0].file == src.name
    loaded = load(tmp_path / src.name, Settings())  # handed to the reader anyway: a finding, no exception
    assert loaded.submission is None
    assert [(f.rule, f.file) for f in loaded.findings] == [("berkas-rusak", src.name)]


def test_excel_lock_file_given_to_check(corpus):
    path = corpus_file(corpus, "kunci-excel")
    run = check([path, SAMPLE / UNITS["PSR"]], RENSTRA, tahun=YEAR)
    assert (I, "berkas-kunci-excel", "", "") in [key(f) for f in run.findings if f.file == path.name]
    assert [u.file for u in run.result.units if u.kode == "PSR"] == [UNITS["PSR"]]


# --------------------------------------------------------------------------- #
# What was read, kind by kind
# --------------------------------------------------------------------------- #


def message(run: Run, rule: str, cell: str) -> str:
    return next(f.message for f in run.findings if f.rule == rule and f.cell == cell)


def test_numbers_typed_as_indonesian_text(runs):
    run = runs.kind("angka-teks-indonesia")
    assert run.loaded[0].submission.iku[0].realisasi == Decimal("8.57")
    item = program_item(run, "3.30.03.2.01.01")
    assert (item.pagu, item.realisasi_anggaran) == (Decimal("800537400.00"), Decimal("798887400.00"))
    assert program_item(run, "3.30.03.2.01.02").pagu == Decimal(1347172000)
    assert program_item(run, "3.30.03.2.02.02").realisasi_anggaran == Decimal(128067500)
    assert message(run, "angka-dipulihkan", "J7") == (
        "Realisasi Anggaran ditulis sebagai teks 'Rp 798.887.400,00'; dibaca sebagai 798.887.400. Periksa apakah benar.")
    assert "'8,57%'; dibaca sebagai 8,57" in message(run, "angka-dipulihkan", "G5")


def test_numbers_typed_as_english_text(runs):
    run = runs.kind("angka-teks-inggris")
    item = program_item(run, "2.17.05.2.01.01")
    assert (item.pagu, item.realisasi_anggaran) == (Decimal("394448639.00"), Decimal(394448430))
    assert program_item(run, "2.17.08.2.01.01").realisasi_anggaran == Decimal("198924194.00")
    assert "'394,448,639.00'; dibaca sebagai 394.448.639" in message(run, "angka-dipulihkan", "I20")


def test_percent_formatted_cell(runs):
    run = runs.kind("persen-format")
    assert run.loaded[0].submission.iku[0].realisasi == Decimal("8.57")
    assert run.result.iku[0].capaian == Decimal("8.57") / Decimal("5.88") * 100
    assert message(run, "persen-dipulihkan", "G5") == (
        "Realisasi berformat persen (tersimpan 0,0857); dibaca sebagai 8,57 persen.")


def test_date_and_words_in_number_cells(runs):
    run = runs.kind("tanggal-di-angka")
    assert program_item(run, "3.31.02.2.01.02").realisasi is None
    assert "terbaca tanggal 31-12-2021" in message(run, "bukan-angka", "G8")
    run = runs.kind("realisasi-kata")
    assert "terbaca 'Tercapai'" in message(run, "bukan-angka", "G10")


def test_negative_and_absurd_amounts_are_not_used(runs):
    run = runs.kind("angka-negatif")
    assert program_item(run, "3.30.06.2.01.01").realisasi_anggaran is None
    assert "(-345.027.065)" in message(run, "angka-negatif", "J7")
    run = runs.kind("angka-tidak-wajar")
    item = program_item(run, "3.30.06.2.01.01")
    assert (item.pagu, item.realisasi_anggaran) == (None, Decimal(345027065))
    assert "355.845.181.000.000.000" in message(run, "angka-tidak-wajar", "I7")


def test_formula_without_stored_value(runs):
    run = runs.kind("rumus-tanpa-nilai")
    assert program_item(run, "3.30.03").realisasi is None
    assert "=ROUND(2/17*100,2)" in message(run, "rumus-tanpa-nilai", "G5")


def test_formula_with_stored_value_reads_the_value(runs):
    run = runs.kind("rumus-dengan-nilai")
    assert program_item(run, "3.30.03").realisasi == Decimal("11.76")
    assert not [f for f in run.findings if f.rule == "rumus-tanpa-nilai"]


def test_formula_stored_as_error(runs):
    run = runs.kind("rumus-galat")
    assert program_item(run, "2.17.03").realisasi is None
    assert "galat rumus #DIV/0! (=G11/G12)" in message(run, "bukan-angka", "G10")


def test_program_code_stored_as_time(runs):
    run = runs.kind("kode-jam")
    assert program_item(run, "3.30.03").realisasi == Decimal("11.76")
    assert "'3.30.03'" in message(run, "kode-dipulihkan", "A5")
    assert "jam 03:30:03" in message(run, "kode-dipulihkan", "A5")


def test_iku_code_turned_into_a_number(runs):
    run = runs.kind("kode-iku-angka")
    assert run.loaded[0].submission.iku[0].kode_indikator == "1.1"  # as read; the input is not changed
    assert "dibaca sebagai '1.1'" in message(run, "kode-dipulihkan", "A5")
    got = {r.kode: r for r in run.result.iku}
    assert got["1.10"].realisasi == Decimal("8.57")
    assert not [f for f in run.findings if f.rule == "kode-tidak-dikenal"]


def test_merged_code_cells_give_both_indicators(runs):
    run = runs.kind("kode-digabung")
    rows = [p for p in run.loaded[0].submission.program if p.kode == "3.30.04"]
    assert [(p.row, p.realisasi) for p in rows] == [(24, Decimal(100)), (25, Decimal("97.25"))]


def test_reordered_and_pushed_down_headers(runs):
    run = runs.kind("kolom-diacak")
    item = program_item(run, "3.30.02.2.06.03")
    assert (item.realisasi, item.pagu, item.realisasi_anggaran) == (Decimal(12), Decimal(38940000), Decimal(35189000))
    assert item.cells["realisasi"] == "K21" and item.cells["pagu"] == "A21"
    run = runs.kind("judul-8-baris")
    item = program_item(run, "3.30.06.2.01.01")
    assert item.row == 12 and item.cells["pagu"] == "I12"
    assert run.loaded[0].submission.identitas_cells["tahun"] == "B13"


def test_sheet_and_header_spellings(runs):
    for kind in ("judul-kolom-ejaan", "nama-lembar-ejaan"):
        run = runs.kind(kind)
        assert run.loaded[0].findings == []
        assert run.loaded[0].submission.program


def test_macro_workbook_is_read_as_data(runs, corpus):
    import zipfile

    path = corpus_file(corpus, "xlsm-makro")
    with zipfile.ZipFile(path) as zf:
        assert b"Auto_Open" in zf.read("xl/vbaProject.bin")
    run = runs.kind("xlsm-makro")
    assert run.loaded[0].findings == []
    assert program_item(run, "3.31.02.2.01.04").realisasi == Decimal(7)


def test_hundred_thousand_rows_are_read_and_findings_capped(runs):
    """Checked in a child process (see :func:`child_check`): the run is big, and its peak memory is measured."""
    got = child_check(runs.corpus, BIG)
    assert got["rows"] == 7 + make_corpus.BIG_ROWS
    findings = [tuple(f) for f in got["findings"]]
    per_rule = Settings().max_findings // 10  # the cap is per rule, so a flood of one kind hides no other
    for want in EXPECTED[BIG].findings:
        assert (want[0].label, *want[1:]) in findings
    ganda = [f for f in findings if f[1] == "baris-ganda"]
    assert len(ganda) == per_rule
    assert [f[3] for f in ganda[:2]] == ["A12", "A13"] and ganda[-1][3] == f"A{11 + per_rule}"
    assert {f[1] for f in findings} > {"baris-ganda", "batas-temuan"}  # the other kinds survive the flood
    assert got["last"].startswith("Batas temuan tercapai; ")
    dropped = make_corpus.BIG_ROWS - per_rule
    assert got["last"] == f"Batas temuan tercapai; {dropped} temuan lain tidak dicatat (baris-ganda {dropped})."
    assert got["units"] == {"PSR": corpus_file(runs.corpus, BIG).name}
    assert got["iku"] == [["IKU01", "8.57", "145.7482993197278911564625850"]]
    assert got["seconds"] < 30, got["seconds"]


def test_long_text_is_cut_to_the_excel_limit(runs):
    run = runs.kind("teks-terlalu-panjang")
    item = program_item(run, "2.17.05.2.01.01")
    assert len(item.penjelasan) == 32_767 and item.penjelasan.endswith("…")
    assert "berisi 40000 karakter; dipotong menjadi 32767" in message(run, "teks-terlalu-panjang", "K20")


def test_formula_like_text_is_read_as_text(runs):
    run = runs.kind("teks-seperti-rumus")
    sub = run.loaded[0].submission
    texts = {("Program", f"K{p.row}"): p.penjelasan for p in sub.program}
    texts |= {("IKU", "H5"): sub.iku[0].penyebab, ("IKU", "I5"): sub.iku[0].solusi}
    for where, text in make_corpus.FORMULA_LIKE.items():
        assert texts[where] == text.strip(), where


def test_same_unit_twice_names_both_files(runs, corpus):
    run = runs.kind("bidang-ganda")
    dup = corpus_file(corpus, "bidang-ganda")
    f = next(f for f in run.findings if f.rule == "bidang-ganda")
    assert f.file == dup.name
    assert UNITS["PSR"] in f.message and dup.name in f.message
    assert f"Yang dipakai: {UNITS['PSR']} (Tanggal di lembar Identitas paling baru)" in f.message
    assert [u.file for u in run.result.units if u.kode == "PSR"] == [UNITS["PSR"]]


def test_unit_by_name_unknown_unit_and_wrong_year(runs):
    assert [u.file for u in runs.kind("bidang-nama").result.units if u.kode == "PSR"] == ["LAKIP_2021_Pasar_nama.xlsx"]
    assert "Bidang 'Bid. Pasar' tidak ada" in message(runs.kind("bidang-tidak-dikenal"), "bidang-tidak-dikenal", "B6")
    assert "Tahun di lembar Identitas 2020" in message(runs.kind("tahun-salah"), "tahun-salah", "B8")


def test_xls_and_ods_consolidate_like_the_xlsx(runs):
    for kind in ("format-xls", "format-ods", "xlsx-libreoffice"):
        run = runs.kind(kind)
        exp = EXPECTED[kind]
        assert snapshot(run) == snapshot(runs.sample(exp.unit)), kind
        assert sorted(key(f) for f in run.findings) == sorted(key(f) for f in runs.sample(exp.unit).findings)
    run = runs.kind("format-ods")
    assert program_item(run, "2.17.05.2.01.01").pagu == Decimal(394448639)


# --------------------------------------------------------------------------- #
# Bombs and big sheets: bounded time and memory, measured in a child process
# --------------------------------------------------------------------------- #

_CHILD = textwrap.dedent("""
    import json, resource, sys, time
    limit = 3 * 1024 ** 3  # a safety net: a regression fails the test instead of the machine
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    t = time.perf_counter()
    from pathlib import Path
    from lakip_xl.consolidate import check
    run = check([Path(sys.argv[1])], Path(sys.argv[2]), tahun=2021)
    seconds = time.perf_counter() - t
    sub = run.loaded[0].submission if run.loaded else None
    status = Path("/proc/self/status").read_text()  # VmHWM: this program's peak, not the forking parent's
    peak = next((int(x.split()[1]) * 1024 for x in status.splitlines() if x.startswith("VmHWM:")), None)
    print(json.dumps({
        "findings": [[f.level.label, f.rule, f.sheet, f.cell] for f in run.findings],
        "last": run.findings[-1].message if run.findings else None,
        "rows": len(sub.program) if sub else None,
        "units": {u.kode: u.file for u in run.result.units if u.file},
        "iku": [[r.kode, str(r.realisasi), str(r.capaian)] for r in run.result.iku if r.realisasi is not None],
        "seconds": seconds, "peak": peak}))
""")

_CHILD_RESULTS: dict[str, dict] = {}


def child_check(corpus, kind: str) -> dict:
    """``check`` of one corpus file in a child process, with its wall time and peak memory (once per session)."""
    import tempfile
    import threading

    if kind in _CHILD_RESULTS:
        return _CHILD_RESULTS[kind]
    path = corpus_file(corpus, kind)
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(path), str(RENSTRA)], stdout=out, stderr=err,
                                env=env)
        watchdog = threading.Timer(120, proc.kill)
        watchdog.start()
        try:
            proc.wait()
        finally:
            watchdog.cancel()
        wall = time.perf_counter() - t
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    assert proc.returncode == 0, f"{kind}: exit {proc.returncode}\n" + stderr.decode(errors="replace")[-2000:]
    got = json.loads(stdout)
    got["wall"] = wall
    _CHILD_RESULTS[kind] = got
    return got


@pytest.mark.parametrize("kind", BOUNDED)
def test_bombs_and_big_sheets_are_bounded(corpus, kind):
    got = child_check(corpus, kind)
    exp = EXPECTED[kind]
    if exp.via == "load":
        assert [tuple(f) for f in got["findings"]] == [(exp.findings[0][0].label, *exp.findings[0][1:])]
        assert got["rows"] is None
    else:
        assert got["rows"] > 0 and got["units"]
    assert got["wall"] < (10 if kind not in SLOW else 30), f"{kind}: {got['wall']:.1f} s"
    if got["peak"] is None:
        pytest.skip("no /proc/self/status here to measure the peak memory")
    assert got["peak"] < 1024**3, f"{kind}: {got['peak'] / 1024**2:.0f} MB"
    if exp.via == "load":  # refused before anything big was built
        assert got["peak"] < 256 * 1024**2, f"{kind}: {got['peak'] / 1024**2:.0f} MB"


def test_file_over_the_size_limit_says_both_sizes_in_indonesian():
    from lakip_xl.read import ReadFailure, read_workbook
    from lakip_xl.settings import Limits

    src = SAMPLE / UNITS["PSR"]
    got = read_workbook(src, Limits(max_file_bytes=1_000))
    assert isinstance(got, ReadFailure) and got.rule == "berkas-terlalu-besar"
    size = f"{src.stat().st_size:,}".replace(",", ".")
    assert got.reason == f"ukurannya {size} bita, di atas batas 1.000 bita"


@pytest.mark.parametrize(("cell", "refused"), [
    ('<c r="XFD1048576" s="1"/>', False),  # formatted but empty: nothing to read there
    ('<c r="XFD12"><v>1</v></c>', False),  # wide but short: 16.384 columns × 12 rows
    ('<c r="Q1048576"><v>1</v></c>', True),  # 17 columns × 1.048.576 rows, over 16 million cells
    ('<c r="AA1000000" t="inlineStr"><is><t>x</t></is></c>', True),
])
def test_sheet_extent_limit(tmp_path, cell, refused):
    from lakip_xl.read import ReadFailure, read_workbook

    src = SAMPLE / UNITS["PSR"]
    member = make_corpus._sheet_member(src, "Program")
    row = re.search(r'r="[A-Z]+(\d+)"', cell).group(1)
    path = tmp_path / "stray.xlsx"
    make_corpus._edit_zip(src, path, {member: lambda x: x.replace(
        "</sheetData>", f'<row r="{row}">{cell}</row></sheetData>')})
    got = read_workbook(path)
    if refused:
        assert isinstance(got, ReadFailure) and got.rule == "berkas-terlalu-besar"
        assert "lembar 'Program' terisi sampai sel" in got.reason
    else:
        assert not isinstance(got, ReadFailure)
        assert got.sheet("Program").rows[6][0] == "3.30.03.2.01.01"


# --------------------------------------------------------------------------- #
# Everything at once
# --------------------------------------------------------------------------- #


@pytest.fixture(scope="session")
def mixed_folder(corpus, tmp_path_factory) -> Path:
    """The sample's input/ plus every corpus file, as a secretariat's folder."""
    folder = tmp_path_factory.mktemp("campur") / "input"
    shutil.copytree(SAMPLE, folder, copy_function=shutil.copy2)
    for path in corpus.files.values():
        shutil.copy2(path, folder / path.name)
    return folder


def test_end_to_end_with_every_kind(corpus, mixed_folder, tmp_path):
    before = {p.name: sha256(p) for p in mixed_folder.iterdir()}
    out = tmp_path / "hasil" / "LAKIP_2021.xlsx"
    t = time.perf_counter()
    run = consolidate(mixed_folder, mixed_folder / "renstra.xlsx", output=out)
    seconds = time.perf_counter() - t
    after = {p.name: sha256(p) for p in mixed_folder.iterdir()}

    assert run.output == out and out.exists()
    assert before == after  # no input changed, none added or removed
    assert {u.kode: u.file for u in run.result.units} == {k: v for k, v in UNITS.items()}
    assert run.result.nilai == Decimal("92.5")

    by_file = collections.defaultdict(list)
    for f in run.findings:
        by_file[f.file].append(f)
    loaded = {x.path.name: x for x in run.loaded}
    for kind, path in corpus.files.items():
        exp = EXPECTED[kind]
        rules = {f.rule for f in by_file[safe_name(path.name)]}
        assert rules, f"{kind}: {path.name} not reported"
        if exp.via in ("load", "discover"):
            assert set(exp.findings) <= {key(f) for f in by_file[safe_name(path.name)]}, kind
        if exp.consolidated or exp.via == "pair":  # valid, but an older copy of a unit the sample sends
            assert loaded[path.name].submission is not None, kind
            assert "bidang-ganda" in rules, kind
        else:
            assert "bidang-ganda" not in rules, kind

    validasi = rows_of(out, "Validasi")
    bomb = corpus.files.get("bom-dimensi")
    if bomb is not None:
        assert any(r[:3] == ["Galat", "berkas-terlalu-besar", bomb.name] for r in validasi)
    lost = [k for k, f in UNITS.items() if f not in {u.file for u in run.result.units}]
    # every corpus file came out as something (a read report, a finding): none was swallowed by an exception
    accounted = {safe_name(x.path.name) for x in run.loaded} | {f.file for f in run.findings}
    silent = [k for k, p in corpus.files.items() if safe_name(p.name) not in accounted]
    changed = sum(before[n] != after[n] for n in before)
    assert silent == [] and changed == 0 and lost == []
    print(f"\nujung ke ujung: {len(corpus.files)} jenis berkas + {len(UNITS)} laporan contoh, "
          f"{len(silent)} tanpa hasil, {changed} masukan berubah, {len(lost)} laporan hilang, "
          f"{seconds:.1f} s (korpus dibuat dalam {corpus.seconds:.1f} s)")


def test_formula_like_text_and_long_text_in_the_written_workbook(corpus, tmp_path):
    """A clerk's '=…', '+…', '-…', '@…' come out as text; an over-long Penjelasan is cut."""
    import openpyxl

    folder = tmp_path / "input"
    shutil.copytree(SAMPLE, folder, copy_function=shutil.copy2)
    for unit, kind in (("PSR", "teks-seperti-rumus"), ("KUM", "teks-terlalu-panjang")):
        (folder / UNITS[unit]).unlink()
        shutil.copy2(corpus_file(corpus, kind), folder)
    out = tmp_path / "LAKIP.xlsx"
    run = consolidate(folder, folder / "renstra.xlsx", output=out)
    assert {u.kode for u in run.result.units if u.file} == set(UNITS)

    wb = openpyxl.load_workbook(out)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    for text in make_corpus.FORMULA_LIKE.values():
        found = [c for c in cells if c.value == text.strip()]
        assert found, text
        assert {c.data_type for c in found} == {"s"}, text
    formulas = [c.value for c in cells if c.data_type == "f"]
    assert not [f for f in formulas if "HYPERLINK" in f or "cmd|" in f or "1+1" in f]
    longest = max(len(c.value) for c in cells)
    assert longest == 32_767
    validasi = rows_of(out, "Validasi")
    assert any(r[1] == "teks-terlalu-panjang" and r[4] == "K20" for r in validasi)


def test_cli_on_the_mixed_folder_never_tracebacks(corpus, tmp_path):
    from lakip_xl.cli import main

    folder = tmp_path / "input"
    shutil.copytree(SAMPLE, folder, copy_function=shutil.copy2)
    for kind, path in corpus.files.items():
        if kind not in SLOW:
            shutil.copy2(path, folder / path.name)
    out = tmp_path / "keluaran" / "LAKIP.xlsx"
    result = CliRunner().invoke(main, ["consolidate", str(folder), "-o", str(out), "-q"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1)
    assert result.exit_code == 1  # the corpus holds Galat findings
    assert "Traceback" not in result.output
    workbooks = len(discover(folder, folder / "renstra.xlsx")[0])
    read = sum(1 for k, e in EXPECTED.items() if k in corpus.files and k not in SLOW
               and (e.consolidated or e.via == "pair" or k in READ_BUT_REFUSED)) + len(UNITS)
    assert f"Berkas dibaca     : {read} laporan bidang dari {workbooks} workbook" in result.output
    assert "Belum mengirim    : -" in result.output
    assert "Nilai capaian     : 92,5 (Sangat Berhasil)" in result.output
    assert out.exists()


def test_cli_read_only_output_folder_exit_2(tmp_path):
    from lakip_xl.cli import main

    locked = tmp_path / "terkunci"
    locked.mkdir()
    locked.chmod(0o555)
    as_root = os.access(locked, os.W_OK)  # root writes anyway: the folder is made immutable instead
    if as_root and subprocess.run(["chattr", "+i", str(locked)], capture_output=True).returncode != 0:
        pytest.skip("running as root on a file system without chattr +i")
    try:
        result = CliRunner().invoke(main, ["consolidate", str(SAMPLE), "-o", str(locked / "LAKIP.xlsx"), "-q"])
        assert result.exit_code == 2
        assert ("Folder keluaran" in result.output and "tidak dapat ditulisi" in result.output) or (
            as_root and "tidak dapat ditulis" in result.output)
        assert not list(locked.iterdir())
    finally:
        subprocess.run(["chattr", "-i", str(locked)], capture_output=True)
        locked.chmod(0o755)


def test_cli_output_folder_that_cannot_be_made_exit_2(tmp_path):
    """Works as root too: the output's folder would have to be made inside a file."""
    from lakip_xl.cli import main

    blocker = tmp_path / "bukan-folder"
    blocker.write_text("berkas biasa", encoding="utf-8")
    result = CliRunner().invoke(main, ["consolidate", str(SAMPLE), "-o", str(blocker / "LAKIP.xlsx"), "-q"])
    assert result.exit_code == 2
    assert "Galat: Folder keluaran" in result.output and "tidak dapat dibuat" in result.output
    assert "Traceback" not in result.output


def test_formula_without_value_in_an_ods_is_reported(corpus, tmp_path):
    """A program that writes .ods without computing (a formula with no office:value) is noticed too."""
    import xml.etree.ElementTree as ET

    src = corpus_file(corpus, "format-ods")
    table_ns = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    with zipfile.ZipFile(src) as zf:
        members = [(i, zf.read(i.filename)) for i in zf.infolist()]
    content = dict((i.filename, d) for i, d in members)["content.xml"]
    for prefix, uri in re.findall(rb'xmlns:(\w+)="([^"]+)"', content):
        ET.register_namespace(prefix.decode(), uri.decode())
    root = ET.fromstring(content)
    table = next(t for t in root.iter(f"{{{table_ns}}}table") if t.get(f"{{{table_ns}}}name") == "Program")
    rows = []
    for row in table.iter(f"{{{table_ns}}}table-row"):
        rows += [row] * int(row.get(f"{{{table_ns}}}number-rows-repeated", "1"))
    row = rows[9]  # sheet row 10
    assert row.get(f"{{{table_ns}}}number-rows-repeated") is None
    cells, col = list(row), 0
    for cell in cells:
        span = int(cell.get(f"{{{table_ns}}}number-columns-repeated", "1"))
        if col <= 6 < col + span:
            assert span == 1 and cell.get(f"{{{office_ns}}}value") is not None
            for attr in [a for a in cell.attrib if a.startswith(f"{{{office_ns}}}") or "value-type" in a]:
                del cell.attrib[attr]
            for child in list(cell):
                cell.remove(child)
            cell.set(f"{{{table_ns}}}formula", "of:=[.F10]*1")
            break
        col += span
    bad = tmp_path / "LAKIP_2021_KUM (rumus tanpa nilai).ods"
    with zipfile.ZipFile(bad, "w") as zf:
        for info, data in members:
            zf.writestr(info, ET.tostring(root, xml_declaration=True, encoding="UTF-8")
                        if info.filename == "content.xml" else data)
    run = check([bad], RENSTRA, tahun=YEAR)
    assert (GALAT, "rumus-tanpa-nilai", "Program", "G10") in [key(f) for f in run.findings]
