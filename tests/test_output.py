"""output.py in-process: safe file names, the temporaries a signal handler removes.

The atomic write under real faults (signals, full disk, a folder that refuses files) is in
tests/test_safety.py; these are the pure parts, cheap enough to run for every mutant.
"""

from __future__ import annotations

import pytest

from lakip_xl import output
from lakip_xl.output import remove_temporaries, safe_filename


@pytest.mark.parametrize(("text", "name"), [
    ("SEK/UMUM", "SEK_UMUM"), ("../../../input/LAKIP_2021_PSR", "input_LAKIP_2021_PSR"),
    ("Bidang Pasar", "Bidang_Pasar"), ("CON", "CON_"), ("lpt1", "lpt1_"), ("", "x"), ("PSR\u200b", "PSR"),
    ("...", "x"), ("__PSR__", "PSR"),
    ("A" * 59 + "/B", "A" * 59),  # cut at 60 characters, then the cut's trailing "_" dropped
    ("B" * 70, "B" * 60),
])
def test_safe_filename(text, name):
    assert safe_filename(text) == name


def test_safe_filename_fallback():
    assert safe_filename("///", fallback="bidang") == "bidang"


def test_remove_temporaries_deletes_the_writes_in_progress(tmp_path):
    live = [tmp_path / ".~lakip-1.xlsx", tmp_path / ".~lakip-2.xlsx"]
    for p in live:
        p.write_bytes(b"partial")
    gone = tmp_path / "already-gone.xlsx"  # a temporary removed meanwhile is no error
    output._LIVE.update([*live, gone])
    try:
        remove_temporaries()
    finally:
        output._LIVE.difference_update([*live, gone])
    assert list(tmp_path.iterdir()) == []
