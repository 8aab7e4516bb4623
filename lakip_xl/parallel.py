"""One function over many items, on all cores when there are many, results in order.

Used where the work splits by file or by unit (reading submissions, writing
templates). Worker processes start in ~0.1 s each, so a few items are done
in this process.
"""

from __future__ import annotations

import os
import sys
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Fewer items than this are done in this process (starting workers costs more than it saves); the one
#: threshold for reading submissions and writing templates.
PARALLEL_FROM = 16
MAX_WORKERS = 8


def map_ordered(func: Callable[[T], R], items: Iterable[T], *, progress: Callable[[int], None] | None = None,
                workers: int | None = None, parallel_from: int | None = None,
                chunksize: int | None = None) -> list[R]:
    """``[func(x) for x in items]``, in processes from ``parallel_from`` items on; ``progress(1)`` per item.

    ``func`` and the items must pickle (a module-level function, or a ``functools.partial`` of one).
    """
    items = list(items)
    parallel_from = PARALLEL_FROM if parallel_from is None else parallel_from
    workers = workers if workers is not None else min(os.cpu_count() or 1, MAX_WORKERS)
    out: list[R] = []
    if workers < 2 or len(items) < parallel_from:
        for item in items:
            out.append(func(item))
            if progress:
                progress(1)
        return out
    from concurrent.futures import ProcessPoolExecutor

    chunk = chunksize or max(1, min(16, len(items) // (workers * 4)))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_signals)
    try:
        for result in pool.map(func, items, chunksize=chunk):
            out.append(result)
            if progress:
                progress(1)
    except BaseException:
        # Ctrl-C, SIGTERM or a failure: stop the workers now. Waiting for them (what leaving a
        # ``with`` block does) could hang on an interrupted queue, and the run is over anyway.
        _stop(pool)
        raise
    pool.shutdown()
    return out


def _worker_signals() -> None:
    """Workers leave Ctrl-C and SIGTERM to the parent, which stops them (a terminal sends Ctrl-C to all).

    On Linux a worker also dies with its parent: a run killed outright (SIGKILL) leaves no
    orphan processes waiting for work that will never come.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
        if os.getppid() == 1:  # the parent was gone before the line above
            os._exit(1)


def _stop(pool) -> None:  # noqa: ANN001 - a ProcessPoolExecutor
    processes = list(getattr(pool, "_processes", {}).values())  # no public way before Python 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        proc.terminate()
    for proc in processes:
        proc.join(timeout=5)
