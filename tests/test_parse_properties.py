"""Properties of the number parser and the calculations, over generated values (hypothesis).

- Numbers written the Indonesian way (``lakip_xl.parse.format_number`` and
  babel's ``id_ID``) read back to the same value, as do ``Rp`` amounts and
  percents.
- Numbers written the English way (babel ``en_US``: ``,`` groups, ``.`` is
  the decimal mark) read back to the same value unless they fall in one of
  the two ambiguous forms the module docstring of :mod:`lakip_xl.parse`
  documents (a single ``,``: decimal; a single ``.`` followed by exactly
  three digits: thousands), where they read the documented way.
- ``capaian`` is R/T×100 (Positif) or T/R×100 (Negatif), never raises, and is
  empty exactly when it cannot be computed.
- Roll-ups of amounts over random code trees equal the exact sum of the leaves.
- The predikat never gets worse when the capaian rises, for the default scale
  and for any valid scale from a settings file.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from babel.numbers import format_decimal
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from lakip_xl.compute import capaian
from lakip_xl.model import children_of, rollup, with_ancestors
from lakip_xl.parse import (
    format_number,
    format_percent,
    format_rupiah,
    parse_number,
    parse_number_text,
)
from lakip_xl.settings import Settings, settings_from_dict

SETTINGS = settings(max_examples=300, deadline=None)


def decimals(places: int, low: str = "-1e15", high: str = "1e15") -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=Decimal(low), max_value=Decimal(high), places=places,
                       allow_nan=False, allow_infinity=False)


any_places = st.integers(min_value=0, max_value=10).flatmap(decimals)


# --------------------------------------------------------------------------- #
# Indonesian: always the same value
# --------------------------------------------------------------------------- #


@SETTINGS
@given(any_places)
@example(Decimal(554354))  # Volume Ekspor: one '.' and three digits is thousands
@example(Decimal("1234567.89"))
@example(Decimal("0.0857"))
@example(Decimal(-5000000))
def test_format_number_round_trips(value):
    text = format_number(value)
    got = parse_number_text(text)
    assert got.value == value, text
    assert got.status == "recovered" and got.unit is None
    assert parse_number(text) == got


@SETTINGS
@given(st.integers(min_value=0, max_value=3).flatmap(decimals))
def test_babel_indonesian_round_trips(value):
    text = format_decimal(value, locale="id_ID")  # at most 3 decimals: the generated values have no more
    assert parse_number_text(text).value == value, text


@SETTINGS
@given(decimals(2, "0", "1e13"))
@example(Decimal("2312089341.00"))
def test_rupiah_round_trips(value):
    assert parse_number_text(format_rupiah(value)).value == value.quantize(Decimal(1), ROUND_HALF_UP)
    text = "Rp " + format_number(value, 2)  # 'Rp 2.312.089.341,00'
    assert parse_number_text(text).value == value
    whole = value.quantize(Decimal(1), ROUND_HALF_UP)
    assert parse_number_text("Rp. " + format_number(whole, 0) + ",-").value == whole  # 'Rp. 577.325.040,-'


@SETTINGS
@given(decimals(2, "0", "1000"))
@example(Decimal("8.57"))
def test_percent_round_trips(value):
    text = format_percent(value)  # '8,57%'
    got = parse_number_text(text)
    assert (got.value, got.unit) == (value, "%"), text
    spaced = parse_number_text(format_number(value) + "\u00a0%")  # a non-breaking space before %
    assert (spaced.value, spaced.unit) == (value, "%")


# --------------------------------------------------------------------------- #
# English: the same value, or the documented reading of an ambiguous form
# --------------------------------------------------------------------------- #


def documented_reading(text: str) -> Decimal:
    """What the module docstring of lakip_xl.parse says a number text means (an independent oracle)."""
    sign = -1 if text.startswith("-") else 1
    t = text.lstrip("-")
    if "," in t and "." in t:
        last_comma = t.rfind(",") > t.rfind(".")
        whole, frac = (t.rsplit(",", 1) if last_comma else t.rsplit(".", 1))
        value = Decimal(whole.replace(".", "").replace(",", "") + "." + frac)
    elif "," in t:
        value = Decimal(t.replace(",", ".")) if t.count(",") == 1 else Decimal(t.replace(",", ""))
    elif "." in t and t.count(".") == 1:
        whole, frac = t.split(".")
        thousands = len(frac) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0")
        value = Decimal(whole + frac) if thousands else Decimal(t)
    else:
        value = Decimal(t.replace(".", ""))
    return sign * value


def is_ambiguous(text: str) -> bool:
    t = text.lstrip("-")
    if "," in t and "." not in t:
        return t.count(",") == 1  # '1,234' is 1.234 (decimal comma), not 1234
    if "." in t and "," not in t and t.count(".") == 1:
        whole, frac = t.split(".")
        return len(frac) == 3 and 1 <= len(whole) <= 3 and not whole.startswith("0")  # '12.125' is 12125
    return False


@SETTINGS
@given(st.integers(min_value=0, max_value=3).flatmap(decimals))
@example(Decimal("1234567.89"))  # '1,234,567.89'
@example(Decimal(1234))  # '1,234': ambiguous, read as 1,234 (decimal)
@example(Decimal("12.125"))  # '12.125': ambiguous, read as 12125
@example(Decimal("0.125"))  # '0.125': a leading 0 makes it a decimal
def test_babel_english_reads_the_documented_way(value):
    text = format_decimal(value, locale="en_US")
    got = parse_number_text(text)
    assert got.value == documented_reading(text), text
    if not is_ambiguous(text):
        assert got.value == value, text


@SETTINGS
@given(decimals(2, "1000", "1e13"))
def test_english_amounts_with_cents_round_trip(value):
    """Amounts of a thousand or more with two decimals are never ambiguous ('1,234.50')."""
    text = format_decimal(value, format="#,##0.00", locale="en_US")
    assert not is_ambiguous(text)
    assert parse_number_text(text).value == value, text


@SETTINGS
@given(st.text(max_size=40))
@example("1.2.3,4,5")
@example("Rp ,-")
@example("--5")
@example("< ≤ 5%")
def test_any_text_never_raises(text):
    got = parse_number(text)
    assert got.status in ("ok", "recovered", "empty", "invalid")
    assert (got.value is None) == (got.status in ("empty", "invalid"))


@SETTINGS
@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_integers_are_read_exactly(value):
    assert parse_number(value).value == value
    assert parse_number(float(value)).value == value


# --------------------------------------------------------------------------- #
# capaian
# --------------------------------------------------------------------------- #

amounts = st.one_of(st.none(), st.just(Decimal(0)), decimals(4, "0", "1e9"))
polaritas = st.sampled_from(["Positif", "Negatif", ""])


def close(a: Decimal, b: Fraction) -> bool:
    """Equal to 25 significant digits (Decimal keeps 28)."""
    return abs(Fraction(a) - b) <= abs(b) * Fraction(1, 10**25)


@SETTINGS
@given(amounts, amounts, polaritas)
@example(Decimal(5), Decimal("1.88"), "Negatif")  # koefisien variasi harga: 266 %
@example(Decimal(0), Decimal(0), "Negatif")
@example(Decimal(0), Decimal(3), "Positif")
def test_capaian(target, realisasi, pol):
    value, why = capaian(target, realisasi, pol)
    assert (value is None) == (why is not None)
    if realisasi is None or target is None:
        assert value is None
    elif pol == "Negatif":
        if realisasi == 0:
            assert value is None and "pembagian dengan nol" in why
        else:
            assert close(value, Fraction(target) / Fraction(realisasi) * 100)
    elif target == 0:
        assert value is None and "pembagian dengan nol" in why
    else:
        assert close(value, Fraction(realisasi) / Fraction(target) * 100)


@SETTINGS
@given(amounts, amounts)
def test_capaian_negatif_selisih(target, realisasi):
    value, why = capaian(target, realisasi, "Negatif", "selisih")
    if realisasi is None or target is None or target == 0:
        assert value is None and why
    else:
        assert close(value, (2 * Fraction(target) - Fraction(realisasi)) / Fraction(target) * 100)


def test_capaian_seed_value():
    value, _ = capaian(Decimal(5), Decimal("1.88"), "Negatif")
    assert round(value) == 266


# --------------------------------------------------------------------------- #
# Roll-ups over random code trees
# --------------------------------------------------------------------------- #


@st.composite
def code_trees(draw):
    """Program → kegiatan → sub kegiatan codes, with amounts (Rp, 2 decimals) on some sub kegiatan."""
    programs = draw(st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True))
    codes: list[str] = []
    leaves: dict[str, Decimal | None] = {}
    for p in programs:
        program = f"3.30.{p:02d}"
        codes.append(program)
        for k in draw(st.lists(st.integers(1, 9), max_size=3, unique=True)):
            kegiatan = f"{program}.2.{k:02d}"
            codes.append(kegiatan)
            for s in draw(st.lists(st.integers(1, 20), max_size=4, unique=True)):
                sub = f"{kegiatan}.{s:02d}"
                codes.append(sub)
                leaves[sub] = draw(st.one_of(st.none(), decimals(2, "0", "1e13")))
    order = draw(st.permutations(codes))
    only_leaves = draw(st.booleans())  # a tree given by its sub kegiatan only: parents are implied
    listed = [c for c in order if c in leaves] if only_leaves and leaves else list(order)
    return listed, leaves


@SETTINGS
@given(code_trees())
def test_rollup_equals_the_exact_sum_of_leaves(tree):
    codes, leaves = tree
    own = {k: v for k, v in leaves.items() if v is not None}
    rolled = rollup(own, codes)
    assert set(rolled) == set(with_ancestors(codes))
    for code, value in rolled.items():
        below = [v for leaf, v in own.items() if leaf == code or leaf.startswith(code + ".")]
        if below:
            assert value == sum(below, Decimal(0))
            assert Fraction(value) == sum(Fraction(v) for v in below)  # exact, not a float sum
        else:
            assert value is None


@SETTINGS
@given(code_trees(), decimals(2, "0", "1e13"))
def test_parent_amount_counts_only_without_children_amounts(tree, typed):
    """A kegiatan's own amount is used only when none of its sub kegiatan has one."""
    codes, leaves = tree
    kegiatan = sorted({c for c in with_ancestors(codes) if c.count(".") == 4})
    assume(kegiatan)
    target = kegiatan[0]
    own = {k: v for k, v in leaves.items() if v is not None} | {target: typed}
    rolled = rollup(own, codes)
    kids = [v for leaf, v in own.items() if leaf.startswith(target + ".")]
    assert rolled[target] == (sum(kids, Decimal(0)) if kids else typed)
    assert set(children_of(codes).get(target, [])) == {c for c in with_ancestors(codes)
                                                        if c.startswith(target + ".")}


# --------------------------------------------------------------------------- #
# Predikat
# --------------------------------------------------------------------------- #

capaians = st.decimals(min_value=Decimal(-50), max_value=Decimal(500), places=4, allow_nan=False,
                       allow_infinity=False)


def rank(s: Settings, value: Decimal) -> int:
    """0 for the best category; larger is worse."""
    names = [c.name for c in s.scale]
    return names.index(s.predikat(value))


@SETTINGS
@given(capaians, capaians)
@example(Decimal(85), Decimal("85.0001"))
@example(Decimal(70), Decimal("70.0001"))
@example(Decimal(55), Decimal("55.0001"))
def test_predikat_is_monotonic(a, b):
    s = Settings()
    lo, hi = min(a, b), max(a, b)
    assert rank(s, lo) >= rank(s, hi)


def test_predikat_boundaries_of_the_default_scale():
    s = Settings()
    assert [s.predikat(Decimal(x)) for x in ("85.01", "85", "70.01", "70", "55.01", "55", "0")] == [
        "Sangat Berhasil", "Berhasil", "Berhasil", "Cukup Berhasil", "Cukup Berhasil", "Tidak Berhasil",
        "Tidak Berhasil"]
    assert s.predikat(None) is None


@st.composite
def scales(draw):
    """A valid scale as a settings file writes it: lower bounds strictly falling, the last without one."""
    n = draw(st.integers(min_value=2, max_value=6))
    bounds = sorted(draw(st.lists(st.integers(1, 200), min_size=n - 1, max_size=n - 1, unique=True)), reverse=True)
    items = [{"nama": f"K{i}", "batas_bawah": b, "rerata": 100 - i} for i, b in enumerate(bounds)]
    items.append({"nama": f"K{n - 1}", "rerata": 10})
    return settings_from_dict({"skala": items})


@SETTINGS
@given(scales(), capaians, capaians)
def test_predikat_is_monotonic_for_any_scale(s, a, b):
    lo, hi = min(a, b), max(a, b)
    assert rank(s, lo) >= rank(s, hi)
    assert s.predikat(hi) is not None


@SETTINGS
@given(code_trees(), st.lists(st.integers(0, 40), max_size=6))
def test_a_renstra_planned_in_full_has_the_trees_codes_and_rows(tree, repeated):
    """compute's ``_program_tree`` takes the tree's codes and the Renstra's code index when every row is
    planned this year: they are what it builds from the rows otherwise (any order, a code on several rows)."""
    from pathlib import Path

    from lakip_xl.model import ProgramRow, Renstra

    listed, _ = tree
    codes = list(listed) + [listed[i % len(listed)] for i in repeated]  # a code's second indicator row
    rows = [ProgramRow(kode=c, uraian="U " + c, indikator=f"I{i}", satuan="%", polaritas="Positif",
                       kode_sasaran="S1", bidang="SEK", targets={2021: Decimal(i)}, pagu={2021: None})
            for i, c in enumerate(codes)]
    renstra = Renstra(path=Path("renstra.xlsx"), instansi={}, years=[2021], bidang={}, iku=[], program=rows)
    assert list(renstra.tree.nodes) == with_ancestors([r.kode for r in rows])
    grouped: dict[str, list[ProgramRow]] = {}
    for r in rows:
        grouped.setdefault(r.kode, []).append(r)
    assert renstra.program_codes() == grouped
    assert all(renstra.program_codes()[k][i] is v[i] for k, v in grouped.items() for i in range(len(v)))


@SETTINGS
@given(code_trees(), st.lists(st.tuples(st.integers(0, 60), decimals(2, "0", "1e13")), max_size=4))
def test_the_trees_sums_by_position_are_each_codes_exact_amount(tree, typed_on_parents):
    """``CodeTree.sums`` (the positions reconcile rolls money up by): a code with children that have an
    amount gets their exact sum, written as adding them in order from 0 writes it; else its own amount.
    The oracle walks the codes by their text, not by the tree's positions."""
    from pathlib import Path

    from lakip_xl.model import ProgramRow, Renstra

    listed, leaves = tree
    rows = [ProgramRow(kode=c, uraian="U " + c, indikator="I", satuan="%", polaritas="Positif", kode_sasaran="S1",
                       bidang="SEK", targets={2021: None}, pagu={2021: None}) for c in listed]
    renstra = Renstra(path=Path("renstra.xlsx"), instansi={}, years=[2021], bidang={}, iku=[], program=rows)
    codes = list(renstra.tree.nodes)
    own = {k: v for k, v in leaves.items() if v is not None}
    for i, amount in typed_on_parents:  # a kegiatan or programme total typed too
        own[codes[i % len(codes)]] = amount

    def amount(code: str) -> Decimal | None:
        kids = [c for c in codes if c.startswith(code + ".") and c.count(".") == code.count(".") + (
            2 if code.count(".") == 2 else 1)]
        values = [v for v in map(amount, sorted(kids, key=codes.index)) if v is not None]
        return sum(values, Decimal(0)) if values else own.get(code)

    got = renstra.tree.sums([own.get(c) for c in codes])
    assert [str(v) for v in got] == [str(amount(c)) for c in codes]
    for code, value in zip(codes, got):
        below = [v for leaf, v in own.items() if leaf.startswith(code + ".") and leaf in leaves]
        if below and code not in leaves and not typed_on_parents:
            assert Fraction(value) == sum(Fraction(v) for v in below)  # exact, not a float sum


@SETTINGS
@given(code_trees(), st.lists(st.integers(0, 40), max_size=6))
def test_the_code_trees_links_are_each_codes_parent_and_children_in_order(tree, repeated):
    """The tree, built in one pass (a parent given after its children, or never, made when first needed):
    positions are the order, each code's parent position is its parent code's, its children are every code
    whose parent it is, in the tree's order, and an implied parent's rows are its own when the Renstra has some."""
    from pathlib import Path

    from lakip_xl.model import ProgramRow, Renstra
    from lakip_xl.parse import code_parent

    listed, _ = tree
    codes = list(listed) + [listed[i % len(listed)] for i in repeated]
    rows = [ProgramRow(kode=c, uraian="U " + c, indikator=f"I{i}", satuan="%", polaritas="Positif",
                       kode_sasaran="S1", bidang=f"B{i % 3}", targets={2021: Decimal(i)}, pagu={2021: None})
            for i, c in enumerate(codes)]
    built = Renstra(path=Path("renstra.xlsx"), instansi={}, years=[2021], bidang={}, iku=[], program=rows).tree
    order = list(built.nodes)
    assert order == with_ancestors(codes)
    for i, (code, node) in enumerate(built.nodes.items()):
        assert node.index == i and node.kode == code and node.parent == code_parent(code)
        assert built.parents[i] == (order.index(node.parent) if node.parent else -1)
        assert list(node.children) == [c for c in order if code_parent(c) == code]
        assert list(node.rows) == [r for r in rows if r.kode == code]
        assert node.bidang == (node.rows[0].bidang if node.rows else built.nodes[node.children[0]].bidang)
