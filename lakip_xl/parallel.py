"""One function over many items, on all cores when there are many, results in order.

Used where the work splits by file or by unit (reading submissions, writing
templates). Worker processes start in ~0.1 s each, so a few items are done
in this process. A worker's result comes back pickled and is unpickled when
it is collected (:func:`_pickled`).
"""

from __future__ import annotations

import functools
import os
import pickle
import sys
import time
from typing import Callable, Generic, Iterable, TypeVar

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
    return start_ordered(func, items, workers=workers, parallel_from=parallel_from,
                         chunksize=chunksize).collect(progress)


def start_ordered(func: Callable[[T], R], items: Iterable[T], *, workers: int | None = None,
                  parallel_from: int | None = None, chunksize: int | None = None,
                  behind: bool = False) -> "Pending[R]":
    """Start :func:`map_ordered`'s work in worker processes now and return at once, so this process can
    do something else meanwhile (the Renstra is read while the submissions are); :meth:`Pending.collect`
    gives the results. Below ``parallel_from`` items nothing starts: ``collect`` does the work here.

    ``behind``: the workers run at a lower priority (:data:`BEHIND`) than this process, whose own work
    meanwhile is what the run waits for: on two cores, this process and two workers would otherwise
    share them in thirds, and this process would finish last.
    """
    items = list(items)
    parallel_from = PARALLEL_FROM if parallel_from is None else parallel_from
    workers = workers if workers is not None else min(usable_cores(), MAX_WORKERS)
    if workers < 2 or len(items) < parallel_from:
        return Pending(func, items)
    from concurrent.futures import ProcessPoolExecutor

    chunk = chunksize or max(1, min(16, len(items) // (workers * 4)))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=worker_signals, initargs=(BEHIND if behind else 0,))
    try:
        results = pool.map(functools.partial(_pickled, func), items, chunksize=chunk)
    except BaseException:
        _stop(pool)
        raise
    return Pending(func, items, pool, results)


def _pickled(func: Callable[[T], R], item: T) -> bytes:
    """``func(item)`` pickled in the worker, unpickled by :meth:`Pending.collect`.

    A pool's results are unpickled by the executor's thread in this process as they arrive. Given as
    objects, that is done while this process does its own work meanwhile (the Renstra read), which then
    waits for the interpreter lock: at 1,000 units about 1.1 s of unpickling during the Renstra's 7 s.
    Given as bytes, the thread only receives them, and ``collect`` unpickles each one in turn once this
    process asks for the results. Measured (farm-bench, A/B pairs, the same workbook): end to end at
    1,000 units 32.27 → 31.24 s, at 100 units 3.39 → 3.18 s (medians).
    """
    return pickle.dumps(func(item), protocol=pickle.HIGHEST_PROTOCOL)


class Pending(Generic[R]):
    """Work handed to worker processes (or, for a few items, not started): collect it once, or cancel it."""

    def __init__(self, func: Callable[[T], R], items: list[T], pool=None, results=None) -> None:  # noqa: ANN001
        self.func, self.items, self.pool, self.results = func, items, pool, results

    def collect(self, progress: Callable[[int], None] | None = None) -> list[R]:
        out: list[R] = []
        if self.pool is None:
            for item in self.items:
                out.append(self.func(item))
                if progress:
                    progress(1)
            return out
        try:
            for result in self.results:
                out.append(pickle.loads(result))
                if progress:
                    progress(1)
        except BaseException:
            # Ctrl-C, SIGTERM or a failure: stop the workers now. Waiting for them (what leaving a
            # ``with`` block does) could hang on an interrupted queue, and the run is over anyway.
            self.cancel()
            raise
        self.pool.shutdown()
        return out

    def cancel(self) -> None:
        if self.pool is not None:
            _stop(self.pool)


def usable_cores() -> int:
    """The cores this process may run on (a container's or ``taskset``'s share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


def resident_bytes() -> int | None:
    """The memory this process holds (resident set), or ``None`` where Linux's ``/proc`` is not there."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def beside(func: Callable[..., R], *args: object, start: bool = True) -> "Beside[R]":
    """Start ``func(*args)`` in a copy of this process (``fork``: it reads this process's memory as it is,
    nothing is sent) and return at once, so this process can do something else meanwhile (the rules run
    while the capaian are computed); :meth:`Beside.result` gives what ``func`` returned (pickled back).

    Where there is no ``fork`` or one core, or the copy cannot be started, ends without a result or
    fails, :meth:`Beside.result` calls ``func`` here: the result is the same either way. ``start=False``:
    nothing starts, :meth:`Beside.result` calls ``func`` here (a small job, where a copy costs more).
    After :meth:`Beside.result`, :attr:`Beside.seconds` is how long ``func`` ran, wherever it ran.
    """
    return Beside(func, args, start)


class Beside(Generic[R]):
    """One call running in a forked copy of this process (:func:`beside`)."""

    def __init__(self, func: Callable[..., R], args: tuple, start: bool = True) -> None:
        self.func, self.args = func, args
        self._proc = self._conn = None
        #: how long ``func`` ran (in the copy, or here), once :meth:`result` has returned
        self.seconds: float | None = None
        if not start:
            return
        if usable_cores() < 2 or not sys.platform.startswith("linux"):
            return
        import multiprocessing

        context = multiprocessing.get_context("fork")
        conn, child = context.Pipe(duplex=False)
        try:
            proc = context.Process(target=_beside, args=(func, args, child), daemon=True)
            proc.start()
        except OSError:  # no process could be started (a limit on processes, memory): here, later
            conn.close()
            return
        finally:
            child.close()
        self._proc, self._conn = proc, conn

    def result(self) -> R:
        if self._proc is None:
            return self._here()
        import pickle

        try:
            message = pickle.loads(self._conn.recv_bytes())
        except (EOFError, OSError, pickle.UnpicklingError):
            message = ("error", "ended without a result")
        finally:
            self._conn.close()
            self._proc.join()
            self._proc = None
        if message[0] == "ok":
            self.seconds = message[2]
            return message[1]
        return self._here()  # the copy failed: the same call here, whose failure is then seen

    def _here(self) -> R:
        t = time.perf_counter()
        try:
            return self.func(*self.args)
        finally:
            self.seconds = time.perf_counter() - t


def _beside(func: Callable[..., R], args: tuple, conn) -> None:  # noqa: ANN001 - a multiprocessing Connection
    import pickle

    worker_signals()
    try:
        t = time.perf_counter()
        got = func(*args)
        message = pickle.dumps(("ok", got, time.perf_counter() - t), pickle.HIGHEST_PROTOCOL)
    except BaseException as exc:  # noqa: BLE001 - the parent calls func itself
        message = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"))
    try:
        conn.send_bytes(message)
    finally:
        conn.close()
        os._exit(0)


#: how much nicer than this process the workers of ``start_ordered(..., behind=True)`` are (``os.nice``):
#: a weight of a third of this process's on Linux, so this process keeps a whole core while the workers
#: share the other, and take both once it waits for them
BEHIND = 5


def worker_signals(nice: int = 0) -> None:
    """Workers leave Ctrl-C and SIGTERM to the parent, which stops them (a terminal sends Ctrl-C to all).

    On Linux a worker also dies with its parent: a run killed outright (SIGKILL) leaves no
    orphan processes waiting for work that will never come. ``nice``: lower the worker's priority.
    """
    import signal

    if nice:
        try:
            os.nice(nice)
        except (OSError, AttributeError):  # not permitted, or not a Unix
            pass

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
