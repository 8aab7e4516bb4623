"""The quarterly cycle at the model stage: quarters typed in a report → the realisasi of the period.

A quarterly template (``lakip template --triwulan N``) takes ``Realisasi TW I`` … ``TW N`` of every
indicator and ``Realisasi Anggaran TW I`` … ``TW N`` of every sub kegiatan. What the rules and compute
see as an indicator's realisasi is the combination of its quarters by the Renstra's ``Akumulasi`` for
that indicator (:func:`lakip_xl.measures.combine`): summed for ``Jumlah``, the latest quarter for
``Terakhir``, the mean for ``Rata-rata``. Money always adds up. So at TW IV the LAKIP tables are the
year's, and a yearly report (no quarterly columns) passes through unchanged.
"""

from __future__ import annotations

from dataclasses import replace

from lakip_xl.measures import combine
from lakip_xl.model import Renstra, Submission


def cumulate(renstra: Renstra, submissions: list[Submission], default: str) -> list[Submission]:
    """Each quarterly submission with the realisasi of its indicators set from their quarters.

    The Akumulasi is the Renstra row's (an IKU by its code, a program row by code and indicator, else the
    code's first row); ``default`` where the Renstra does not know the row (it is reported elsewhere).
    Submissions are not changed: a quarterly one is copied.
    """
    out = []
    for sub in submissions:
        if sub.triwulan is None:  # a yearly report: no row has quarters (see Submission.triwulan)
            out.append(sub)
            continue
        iku = renstra.iku_by_code()
        by_key = renstra.program_by_key()
        by_code = renstra.program_codes()
        tree = renstra.tree
        new_iku = [x if x.quarters is None else replace(
            x, realisasi=combine(x.quarters, iku[x.kode_indikator].akumulasi if x.kode_indikator in iku else default))
            for x in sub.iku]
        new_program = []
        for x in sub.program:
            if x.quarters is not None:
                code = tree.find(x.kode) or x.kode
                row = by_key.get((code, x.key[1])) or next(iter(by_code.get(code, [])), None)
                x = replace(x, realisasi=combine(x.quarters, row.akumulasi if row is not None else default))
            new_program.append(x)
        out.append(replace(sub, iku=new_iku, program=new_program))
    return out
