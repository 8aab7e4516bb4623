"""Email addresses of the Renstra (a bidang's ``Surel``, the secretariat's ``Surel Pengirim``).

Part of the parse stage: a cell may hold one address or several separated by
``,`` or ``;``, each bare (``psr@dinas.go.id``) or with a name
(``Bidang Pasar <psr@dinas.go.id>``). Only the syntax is checked (no lookup):
a typo such as ``psr@dinas`` or ``psr dinas.go.id`` is caught before a draft is
addressed to nobody.
"""

from __future__ import annotations

import re
from email.utils import formataddr, getaddresses

_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"^{_LOCAL}@{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,63}}$")


def is_address(text: str) -> bool:
    """``text`` is one bare address of a valid syntax."""
    return len(text) <= 254 and _ADDRESS.match(text) is not None


def parse_addresses(text: str | None) -> tuple[list[str], list[str]]:
    """(addresses as header values, the pieces that are not addresses) of a cell's text."""
    if not text or not str(text).strip():
        return [], []
    good, bad = [], []
    for piece in re.split(r"[;,\n]", str(text)):
        piece = piece.strip()
        if not piece:
            continue
        pairs = getaddresses([piece])
        name, addr = pairs[0] if len(pairs) == 1 else ("", "")
        if addr and is_address(addr) and ("<" in piece or piece == addr):
            good.append(formataddr((name, addr)) if name else addr)
        else:
            bad.append(piece)
    return good, bad
