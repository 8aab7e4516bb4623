"""Cell layout shared by the template sheets: the title block, the header row, input prompts."""

from __future__ import annotations

from typing import Any

from lakip_xl.excel import MAX_VALIDATION_MESSAGE, MAX_VALIDATION_TITLE
from lakip_xl.xlsx.style import Styles

#: 0-based row of every template table's header (below the title and its note)
HEADER_ROW = 3
PROTECT_OPTIONS = {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                   "select_unlocked_cells": True, "autofilter": True, "sort": False}


def title(ws: Any, styles: Styles, title: str, note: str, ncols: int) -> None:
    ws.merge_range(0, 0, 0, ncols - 1, title, styles["title_left"])
    ws.merge_range(1, 0, 1, ncols - 1, note, styles["note"])
    ws.set_row(0, 22)
    ws.set_row(1, 30)


def headers(ws: Any, styles: Styles, headers: list[str], widths: list[int]) -> None:
    for c, (h, w) in enumerate(zip(headers, widths)):
        ws.write_string(HEADER_ROW, c, h, styles["header"])
        ws.set_column(c, c, w)
    ws.set_row(HEADER_ROW, 32)


def number_validation(ws: Any, r: int, c: int, title: str, message: str) -> None:
    ws.data_validation(r, c, r, c, {
        "validate": "decimal", "criteria": ">=", "value": 0, "ignore_blank": True,
        "input_title": title[:MAX_VALIDATION_TITLE], "input_message": message[:MAX_VALIDATION_MESSAGE],
        "error_title": "Harus angka", "error_message": "Isi dengan angka 0 atau lebih (koma untuk desimal), atau kosongkan bila belum ada data.",
    })


def text_prompt(ws: Any, r0: int, r1: int, c: int, title: str, message: str) -> None:
    ws.data_validation(r0, c, r1, c, {"validate": "any", "input_title": title[:MAX_VALIDATION_TITLE],
                                      "input_message": message[:MAX_VALIDATION_MESSAGE]})
