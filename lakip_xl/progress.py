"""A progress bar on stderr for long runs, silent otherwise.

tqdm with ``delay``: nothing appears for runs under a second, nothing at all
when stderr is not a terminal (pipes, CI, cron) or with ``--quiet``.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Callable, Iterator


@contextlib.contextmanager
def progress_bar(total: int, label: str, quiet: bool = False) -> Iterator[Callable[[int], None]]:
    if quiet or total <= 1 or not sys.stderr.isatty():
        yield lambda n=1: None
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=label, unit="berkas", file=sys.stderr, delay=1.0, leave=False,
              dynamic_ncols=True) as bar:
        yield bar.update
