"""The one style kit: every cell format of every workbook the tool writes.

Formats are named property dicts (XlsxWriter's own idiom); :class:`Styles` is
the only caller of ``add_format`` and creates each format once, on first use.
Each format takes its index in the file when it is created (XlsxWriter would
give it on first write): two processes that create the same formats in the
same order then agree on every index, so sheets written by one can be placed
in the other's workbook (:mod:`lakip_xl.xlsx.split`).
Writers ask for ``styles["rupiah"]``, never build formats themselves, so the
look of all tables changes in one place.

Numbers stay numbers: Rupiah is a number format (``Rp 2.312.089.341`` in an
Indonesian-locale Excel, whose separators come from the reader's locale),
percent values are stored as percent points (145.75, not 1.4575) with a
``%`` suffix in the format, and rounding is display only.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

FONT = "Arial"
HEADER_FILL = "#D9E1F2"
TITLE_FILL = "#1F3864"
INPUT_FILL = "#FFF2CC"
LOCKED_FILL = "#F2F2F2"
LEVEL_FILLS = {"program": "#E2EFDA", "kegiatan": "#F2F8EE", "sub_kegiatan": None}

_BASE: dict[str, Any] = {"font_name": FONT, "font_size": 10, "valign": "top"}
_BOX: dict[str, Any] = {"border": 1, "border_color": "#808080"}

#: Rupiah: integer display, a dash for zero (as the seed prints "Rp -").
RUPIAH_FORMAT = '"Rp "#,##0;"Rp "-#,##0;"Rp -"'
#: Percent points with no decimals, as the seed prints capaian ("146%").
PERCENT0_FORMAT = '#,##0"%";-#,##0"%";0"%"'
PERCENT2_FORMAT = '#,##0.00"%";-#,##0.00"%";0"%"'
#: A number whose decimals are not known in advance (an input cell): Excel's General.
NUMBER_FORMAT = "General"
COUNT_FORMAT = '#,##0;-#,##0;"-"'

STYLES: dict[str, dict[str, Any]] = {
    # titles
    "title": {"bold": True, "font_size": 12, "align": "center", "valign": "vcenter", "text_wrap": True},
    "title_left": {"bold": True, "font_size": 12, "valign": "vcenter"},
    "subtitle": {"italic": True, "align": "center", "text_wrap": True, "valign": "vcenter"},
    "caption": {"bold": True, "align": "center", "text_wrap": True, "valign": "vcenter"},
    "note": {"italic": True, "font_color": "#595959", "text_wrap": True},
    "note_plain": {"font_color": "#404040", "text_wrap": True},
    #: prose of a statement page (Perjanjian Kinerja): black, justified, no box
    "prose": {"text_wrap": True, "align": "justify", "valign": "top"},
    "prose_bold": {"text_wrap": True, "bold": True, "valign": "top"},
    "prose_center": {"text_wrap": True, "align": "center", "valign": "top"},
    "prose_center_bold": {"text_wrap": True, "align": "center", "valign": "top", "bold": True},
    "banner": {"bold": True, "font_color": "#FFFFFF", "bg_color": TITLE_FILL, "valign": "vcenter", "text_wrap": True},
    # table header
    "header": {**_BOX, "bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "bg_color": HEADER_FILL},
    "colnum": {**_BOX, "italic": True, "align": "center", "font_size": 8, "bg_color": "#EDEDED"},
    # body
    "text": {**_BOX, "text_wrap": True},
    "text_center": {**_BOX, "text_wrap": True, "align": "center"},
    "text_bold": {**_BOX, "text_wrap": True, "bold": True},
    "code": {**_BOX, "num_format": "@"},
    "code_bold": {**_BOX, "num_format": "@", "bold": True},
    "number": {**_BOX, "num_format": NUMBER_FORMAT},
    "number_bold": {**_BOX, "num_format": NUMBER_FORMAT, "bold": True},
    "integer": {**_BOX, "num_format": "#,##0", "align": "center"},
    #: a number of people: 0 shows "-", as the LAKIP's staff tables print it
    "count": {**_BOX, "num_format": COUNT_FORMAT, "align": "center"},
    "year": {**_BOX, "num_format": "0", "align": "center"},
    "count_bold": {**_BOX, "num_format": COUNT_FORMAT, "align": "center", "bold": True},
    "rupiah": {**_BOX, "num_format": RUPIAH_FORMAT},
    "rupiah_bold": {**_BOX, "num_format": RUPIAH_FORMAT, "bold": True},
    #: Rupiah under an "Rp" header (Tabel 6.1): the amount alone, "-" for 0
    "amount": {**_BOX, "num_format": '#,##0;-#,##0;"-"'},
    "total_amount": {**_BOX, "num_format": '#,##0;-#,##0;"-"', "bold": True, "bg_color": "#F2F2F2"},
    "percent": {**_BOX, "num_format": PERCENT0_FORMAT, "align": "center"},
    "percent_bold": {**_BOX, "num_format": PERCENT0_FORMAT, "align": "center", "bold": True},
    "percent2": {**_BOX, "num_format": PERCENT2_FORMAT, "align": "center"},
    "decimal1": {**_BOX, "num_format": "0.0", "align": "center"},
    "decimal1_bold": {**_BOX, "num_format": "0.0", "align": "center", "bold": True},
    "predikat": {**_BOX, "align": "center", "valign": "top", "text_wrap": True},
    "predikat_bold": {**_BOX, "align": "center", "valign": "top", "text_wrap": True, "bold": True},
    "mark": {**_BOX, "align": "center", "valign": "top", "bold": True},
    "total_label": {**_BOX, "bold": True, "align": "right", "bg_color": "#F2F2F2"},
    "total_rupiah": {**_BOX, "num_format": RUPIAH_FORMAT, "bold": True, "bg_color": "#F2F2F2"},
    "total_percent": {**_BOX, "num_format": PERCENT0_FORMAT, "bold": True, "align": "center", "bg_color": "#F2F2F2"},
    "total_blank": {**_BOX, "bg_color": "#F2F2F2"},
    "date": {**_BOX, "num_format": "dd-mm-yyyy", "align": "left"},
    # templates
    "input": {**_BOX, "bg_color": INPUT_FILL, "locked": False, "text_wrap": True},
    "input_number": {**_BOX, "bg_color": INPUT_FILL, "locked": False, "num_format": NUMBER_FORMAT},
    "input_rupiah": {**_BOX, "bg_color": INPUT_FILL, "locked": False, "num_format": RUPIAH_FORMAT},
    "input_date": {**_BOX, "bg_color": INPUT_FILL, "locked": False, "num_format": "dd-mm-yyyy", "align": "left"},
    "locked_text": {**_BOX, "bg_color": LOCKED_FILL, "text_wrap": True},
    "locked_code": {**_BOX, "bg_color": LOCKED_FILL, "num_format": "@"},
    "locked_number": {**_BOX, "bg_color": LOCKED_FILL, "num_format": NUMBER_FORMAT},
    "locked_rupiah": {**_BOX, "bg_color": LOCKED_FILL, "num_format": RUPIAH_FORMAT},
    "legend_input": {**_BOX, "bg_color": INPUT_FILL},
    "legend_locked": {**_BOX, "bg_color": LOCKED_FILL},
    # validation levels
    "level_galat": {**_BOX, "bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE", "align": "center"},
    "level_peringatan": {**_BOX, "bold": True, "font_color": "#9C5700", "bg_color": "#FFEB9C", "align": "center"},
    "level_info": {**_BOX, "font_color": "#1F4E78", "bg_color": "#DDEBF7", "align": "center"},
    "link": {"font_color": "#0563C1", "underline": 1},
}


def numeric_key(base: str, value: Any, unit: str | None = None, level: str | None = None) -> tuple:
    """What tells :meth:`Styles.numeric`'s formats apart: two values with one key share a format."""
    label = getattr(value, "label", None)
    places = decimals_of(value) if value is None or isinstance(value, (Decimal, int, float, str)) else None
    return (base, places, unit, level, label)


def decimals_of(value: Any, cap: int = 4) -> int:
    """Decimal places ``value`` needs (0 for integers and empty values)."""
    from decimal import Decimal

    if value is None:
        return 0
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if not d.is_finite() or d == d.to_integral_value():
        return 0
    exp = d.normalize().as_tuple().exponent
    return min(max(-exp, 0), cap) if isinstance(exp, int) else 0


def number_format(places: int | None, unit: str | None = None) -> str:
    """``#,##0.00" %"``: grouping, fixed decimals, an optional unit suffix; ``places=None``: text (``@" %"``)."""
    body = "@" if places is None else "#,##0" + ("." + "0" * places if places else "")
    if unit:
        suffix = unit.replace('"', "'")
        suffix = "%" if suffix in ("%", "persen", "Persen") else f" {suffix}"
        body = f'{body}"{suffix}"'
    return body


def _level_variant(name: str, level: str) -> dict[str, Any]:
    fill = LEVEL_FILLS.get(level)
    props = dict(STYLES[name])
    if fill:
        props["bg_color"] = fill
    if level == "program":
        props["bold"] = True
    return props


class Styles:
    """Formats of one workbook, created on first use: ``styles["rupiah"]``."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self._cache: dict[str, Any] = {}
        self._levels: dict[tuple[str, str | None], Any] = {}
        self._numeric: dict[tuple, Any] = {}
        self._by_value: dict[tuple, Any] = {}

    def __getitem__(self, name: str) -> Any:
        fmt = self._cache.get(name)
        if fmt is None:
            fmt = self._cache[name] = self._add({**_BASE, **self._props(name)})
        return fmt

    def _add(self, props: dict[str, Any]) -> Any:
        fmt = self.workbook.add_format(props)
        fmt._get_xf_index()  # its index now, in creation order (pinned by tests/test_xlsxwriter_internals.py)
        return fmt

    def _props(self, name: str) -> dict[str, Any]:
        if name in STYLES:
            return STYLES[name]
        base, _, level = name.rpartition("@")
        if base in STYLES and level in LEVEL_FILLS:
            return _level_variant(base, level)
        raise KeyError(f"unknown style {name!r}")

    def numeric(self, base: str, value: Any, unit: str | None = None, level: str | None = None) -> Any:
        """``base`` with a number format that shows ``value``'s own decimals (at most 4) and ``unit``.

        Excel has no format for "up to 2 decimals" without a trailing dot on
        integers, so the format follows the value: 100 → ``100``, 8.57 → ``8,57``.
        """
        label = getattr(value, "label", None)  # a categorical value: its score, shown as its label ("WTP")
        fast = (base, value, unit, level, label)  # Categorical("WTP", 100) == Decimal(100): the label tells
        fmt = self._by_value.get(fast)
        if fmt is not None:
            return fmt
        key = numeric_key(base, value, unit, level)
        places = key[1]
        fmt = self._numeric.get(key)
        if fmt is None:
            props = dict(self._props(f"{base}@{level}" if level in ("program", "kegiatan") else base))
            props["num_format"] = number_format(places, unit) if label is None else '"{}"'.format(
                label.replace('"', "'"))
            if places is None:  # a Stabil target range, written as text: aligned and suffixed like a number
                props["align"] = "right"
            fmt = self._numeric[key] = self._add({**_BASE, **props})
        if len(self._by_value) < 50_000:
            self._by_value[fast] = fmt
        return fmt

    def level(self, name: str, level: str | None) -> Any:
        """``name`` with the fill of a program / kegiatan row (``text@program``)."""
        fmt = self._levels.get((name, level))
        if fmt is None:
            fmt = self[f"{name}@{level}"] if level in ("program", "kegiatan") else self[name]
            self._levels[(name, level)] = fmt
        return fmt

    def fill(self, color: str) -> Any:
        """A plain fill (conditional formats of predikat)."""
        key = f"fill:{color}"
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self.workbook.add_format({"bg_color": color})
            fmt._get_dxf_index()  # a conditional format's: its index now, in creation order
            self._cache[key] = fmt
        return fmt


#: XlsxWriter's paper codes
A4, A3 = 9, 8


def page_setup(ws: Any, *, repeat_rows: tuple[int, int] | None = None, landscape: bool = True,
               footer_title: str = "", paper: int = A4) -> None:
    """A4 (or ``paper``), landscape, fit to the page width, repeated header rows, page-number footer."""
    ws.set_paper(paper)
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.hide_gridlines(2)
    if repeat_rows is not None:
        ws.repeat_rows(*repeat_rows)
    title = footer_title.replace("&", "&&")
    ws.set_footer(f"&L&8{title}&R&8Halaman &P dari &N")
