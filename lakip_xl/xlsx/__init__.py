"""The xlsx layer under the report and the templates: the checked :class:`~lakip_xl.xlsx.sheet.Sheet`
and :class:`~lakip_xl.xlsx.sheet.Checked` writers and the one style kit (:mod:`lakip_xl.xlsx.style`).

It stands on :mod:`lakip_xl.excel` (A1 references, Excel's limits, string literals in formulas) and
:mod:`lakip_xl.output` (checked, atomic writing of the file).
"""
