"""Cells to typed values: the forms clerks type, read the documented way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lakip_xl.parse import (
    cell_ref,
    code_level,
    code_parent,
    find_header,
    format_number,
    format_percent,
    format_rupiah,
    norm_header,
    parse_code,
    parse_number,
)


@pytest.mark.parametrize(("raw", "value", "status", "unit"), [
    (8.57, Decimal("8.57"), "ok", None),
    (12872381707.0, Decimal("12872381707"), "ok", None),
    (85137248.5, Decimal("85137248.5"), "ok", None),
    (0.1 + 0.2, Decimal("0.3"), "ok", None),  # Excel shows 15 significant digits
    ("8,57%", Decimal("8.57"), "recovered", "%"),
    ("5.88%", Decimal("5.88"), "recovered", "%"),
    ("14,61 %", Decimal("14.61"), "recovered", "%"),
    ("1.234.567,89", Decimal("1234567.89"), "recovered", None),
    ("1,234,567.89", Decimal("1234567.89"), "recovered", None),
    ("554.354", Decimal("554354"), "recovered", None),
    ("Rp 2.312.089.341,00", Decimal("2312089341.00"), "recovered", None),
    ("Rp.577.325.040,-", Decimal("577325040"), "recovered", None),
    ("Rp3.597.875.549", Decimal("3597875549"), "recovered", None),
    ("6 pasar", Decimal("6"), "recovered", "pasar"),
    ("12 bulan", Decimal("12"), "recovered", "bulan"),
    ("1,234", Decimal("1.234"), "recovered", None),
    ("-", None, "empty", None),
    ("N/A", None, "empty", None),
    ("Rp -", None, "empty", None),
    (None, None, "empty", None),
    ("dua belas", None, "invalid", None),
    ("1.2.3", None, "invalid", None),
    (dt.datetime(2021, 3, 3), None, "invalid", None),
    (True, None, "invalid", None),
])
def test_parse_number(raw, value, status, unit):
    got = parse_number(raw)
    assert (got.value, got.status, got.unit) == (value, status, unit)


def test_lower_is_better_mark():
    got = parse_number("< 5%")
    assert (got.value, got.unit, got.lower_is_better) == (Decimal(5), "%", True)
    assert parse_number("≤ 4%").lower_is_better


def test_invalid_numbers_say_what_was_read():
    assert parse_number(dt.datetime(2021, 3, 3)).shown == "tanggal 03-03-2021"
    assert parse_number("dua belas").shown == "'dua belas'"


@pytest.mark.parametrize(("raw", "code", "mangled"), [
    ("3.30.03.2.01.01", "3.30.03.2.01.01", ""),
    ("03:30:03", "3.30.03", ""),
    (dt.time(3, 30, 3), "3.30.03", "jam"),
    (dt.time(2, 17, 5), "2.17.05", "jam"),
    ("X.XX.01.2.06.01", "X.XX.01.2.06.01", ""),
    (" 3.30.3 ", "3.30.03", ""),
    (3.3, "3.3", "angka"),
])
def test_parse_code(raw, code, mangled):
    got = parse_code(raw)
    assert (got.value, got.mangled) == (code, mangled)


def test_code_levels_and_parents():
    assert [code_level(c) for c in ("3.30.03", "3.30.03.2.01", "3.30.03.2.01.01", "3.30")] == [
        "program", "kegiatan", "sub_kegiatan", None]
    assert code_parent("3.30.03.2.01.01") == "3.30.03.2.01"
    assert code_parent("3.30.03.2.01") == "3.30.03"
    assert code_parent("3.30.03") is None


def test_headers_match_case_spaces_breaks_and_colon():
    assert norm_header(" Realisasi\nAnggaran\u00a0: ") == "realisasi anggaran"
    rows = [["Laporan Kinerja"], [], ["KODE", "Realisasi\nAnggaran:", "Pagu"]]
    h = find_header(rows, ["Kode", "Pagu", "Realisasi Anggaran", "Penjelasan"])
    assert (h.row, h.col("realisasi anggaran"), h.missing) == (2, 1, ["Penjelasan"])


def test_indonesian_formatting():
    assert format_number(Decimal("1234567.891")) == "1.234.567,891"
    assert format_number(Decimal("145.748299"), 2) == "145,75"
    assert format_rupiah(Decimal("12441814426.50")) == "Rp 12.441.814.427"  # half-up, as the seed
    assert format_rupiah(Decimal("429148442.50")) == "Rp 429.148.443"
    assert format_percent(Decimal("266.0")) == "266%"
    assert format_percent(Decimal("8.5")) == "8,5%" and format_percent(Decimal("76.2105")) == "76,21%"
    assert format_percent(Decimal("76.2105"), 1) == "76,2%"
    assert (format_rupiah(None), format_percent(None)) == ("Rp -", "-")
    assert cell_ref(0, 0) == "A1" and cell_ref(9, 27) == "AB10"


def test_text_is_read_as_it_reads():
    from lakip_xl.parse import clean_text, safe_name

    nfd = "Cafe\u0301"  # e + combining acute: looks like Café, compares unlike it
    assert clean_text(nfd) == ("Café", []) and clean_text(nfd)[0] == "Caf\u00e9"
    assert clean_text("PSR\u200b") == ("PSR", ["spasi/penyambung lebar-nol U+200B"])
    assert clean_text("\u202e3.30.03\u200e")[0] == "3.30.03"
    assert safe_name("laporan\u202exslx.exe") == "laporan\\u202exslx.exe"
    assert safe_name("catatan\udce9.txt") == "catatan\\xe9.txt"


def _text(value, status="recovered", shown="", unit=None, lower=False, higher=False):
    from lakip_xl.parse import Number

    return Number(value, status, shown=shown, unit=unit, lower_is_better=lower, higher_is_better=higher,
                  kind="teks" if status != "empty" else "")


@pytest.mark.parametrize(("text", "number"), [
    # Excel's scientific notation, pasted as text
    ("7.98887400E8", _text(Decimal("798887400"), shown="'7.98887400E8'")),
    ("1,5E3", _text(Decimal("1500"), shown="'1,5E3'")),
    ("8.57E1%", _text(Decimal("85.7"), shown="'8.57E1%'", unit="%")),
    ("2E-2", _text(Decimal("0.02"), shown="'2E-2'")),
    # a comparison in front: the direction it implies
    ("< 5%", _text(Decimal(5), shown="'< 5%'", unit="%", lower=True)),
    ("<=5", _text(Decimal(5), shown="'<=5'", lower=True)),
    ("≤ 5", _text(Decimal(5), shown="'≤ 5'", lower=True)),
    (">= 80", _text(Decimal(80), shown="'>= 80'", higher=True)),
    ("≥80 %", _text(Decimal(80), shown="'≥80 %'", unit="%", higher=True)),
    ("> 1E3", _text(Decimal(1000), shown="'> 1E3'", higher=True)),
    ("< 2E1", _text(Decimal(20), shown="'< 2E1'", lower=True)),
    ("12 kali", _text(Decimal(12), shown="'12 kali'", unit="kali")),
    # the marks of an empty cell, before and after a Rupiah sign
    ("N/A", _text(None, "empty", shown="'N/A'")),
    ("Rp N/A", _text(None, "empty", shown="'Rp N/A'")),
    ("RP. ---", _text(None, "empty", shown="'RP. ---'")),
    # separators: a 4-digit group before a dot is a decimal, not thousands
    ("1234.567", _text(Decimal("1234.567"), shown="'1234.567'")),
    ("1234.567,89", _text(None, "invalid", shown="'1234.567,89'")),
    ("12.34.567", _text(None, "invalid", shown="'12.34.567'")),
    ("1 234 567", _text(Decimal(1234567), shown="'1 234 567'")),  # spaces and apostrophes group thousands
    ("1'234'567", _text(Decimal(1234567), shown="'1'234'567'")),
    ("abc", _text(None, "invalid", shown="'abc'")),
    ("12 #x", _text(None, "invalid", shown="'12 #x'")),
    ("5 % kali", _text(None, "invalid", shown="'5 % kali'")),  # a unit after the percent sign
    ("5%x", _text(None, "invalid", shown="'5%x'")),
    ("5 % per tahun", _text(None, "invalid", shown="'5 % per tahun'")),
    ("-", _text(None, "empty", shown="'-'")),
    ("rp.-", _text(None, "empty", shown="'rp.-'")),
    ("Rp 0,-", _text(Decimal(0), shown="'Rp 0,-'")),
    ("x" * 40, _text(None, "invalid", shown="'" + "x" * 40 + "'")),  # shown whole up to 40 characters
    ("y" * 41, _text(None, "invalid", shown="'" + "y" * 39 + "…'")),
    ("a\nb", _text(None, "invalid", shown="'a b'")),
])
def test_number_text_in_full(text, number):
    from lakip_xl.parse import parse_number_text

    got = parse_number_text(text)
    assert got == number
    if number.value is not None:  # the digits as typed, never an exponent
        assert str(got.value) == str(number.value)
