"""One workbook written on two cores: a forked helper writes some of its sheets, this process the rest.

The helper is a copy of this process (``fork``, so the computed result is shared, not sent) that runs
the same sheet writers in the same order, keeps the cells of its own sheets only, and hands their
finished XML back as files. This process runs every writer too, with the helper's sheets as
:class:`~lakip_xl.xlsx.sheet.NullSheet` (so the cells they register for later formulas are known), and
places the helper's XML in the package where its own empty sheets' would go.

The two halves are made to fit, and what the helper sends is checked, not trusted:

- formats: both processes create the same formats in the same order, and every format takes its index
  when it is created (:class:`lakip_xl.xlsx.style.Styles`), so the helper's ``s="7"`` is this process's
  format 7. The helper sends its table of format keys and indices; it must agree with this one;
- strings: the helper's sheets are streamed (XlsxWriter's constant-memory mode), so their strings are
  stored in the cells themselves, not in this process's shared-string table;
- sheet parts: a sheet with drawings, images, comments, tables or links (relationships this process
  would have to write) is refused by the helper.

This process does not wait for the helper before it closes its workbook: the helper's sheets are parts
filled when the package is zipped (:data:`lakip_xl.output.LATE`), so this process assembles and deflates
its own parts meanwhile. The helper sends each page of its sheets as soon as it is finished (Indikator
Program before the Sasaran sheets), so that the part waiting for it is deflated while the helper writes
the next. Anything that goes wrong (an exception in the helper, a killed helper, tables
that differ) raises :class:`Refused` out of the workbook's ``close``; the caller then writes the
workbook serially, with the same content.
XlsxWriter's private names used here are pinned by tests/test_xlsxwriter_internals.py.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import os
import shutil
import signal
import sys
import threading
from typing import Any, Callable

from lakip_xl.output import LATE, remove_row_files, remove_scratch, scratch_folder

#: attributes of an XlsxWriter worksheet that mean parts beside its XML (relationships, drawings)
_PARTS = ("charts", "images", "shapes", "tables", "header_images", "buttons_list")
_FLAGS = ("has_vml", "has_header_vml", "has_comments", "has_dynamic_arrays", "background_image")


def available() -> bool:
    """Whether this machine can split a write: two cores and ``fork`` (Linux; not Windows, not macOS's default)."""
    from lakip_xl.parallel import usable_cores

    return usable_cores() >= 2 and sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() \
        and memory_allows()


def memory_allows() -> bool:
    """Whether the machine has as much memory available as this process holds.

    The helper shares this process's memory when forked, but CPython writes to every object it reads
    (reference counts), so the helper ends up with its own copy of much of the computed result: at
    1,000 units about 0.50 GB (its proportional share) beside the main process's 0.76 GB. Without that much
    available memory the workbook is written on one core rather than pushing the machine into swap.
    """
    from lakip_xl.parallel import resident_bytes

    resident = resident_bytes()
    try:
        with open("/proc/meminfo") as fh:
            available = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("MemAvailable:"))
    except (OSError, ValueError, StopIteration, IndexError):
        return True  # not a Linux /proc: the other checks decide
    return resident is None or available > resident


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system before the fork (glibc's ``malloc_trim``; nothing
    elsewhere). A free page kept would be shared by both processes, and the first of them to allocate in it
    would copy it; given back, it is a new page for whichever needs one."""
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


class Helper:
    """A forked process building the same workbook with ``build(workbook, done)``, which returns the names
    of the sheets the helper keeps (it writes the others as null sheets) and may call ``done(names)`` when
    some of them are finished before the rest (they are sent at once)."""

    def __init__(self, build: Callable[[Any, Callable[[list[str]], None]], set[str]],
                 options: dict[str, Any]) -> None:
        self._proc: Any = None
        self.folder = scratch_folder("lakip-split-", stop=self._kill)  # a signal kills the helper first
        self._ready = threading.Condition()
        self._arrived: dict[str, tuple[str, dict[str, int], dict[str, int]]] = {}  # sheet → (file, xf, dxf)
        self._ended = False
        self._failure: Refused | None = None
        self._late: list[str] = []
        self._workbook: Any = None
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe(duplex=False)
        # The objects both processes read stay out of the collectors' sight, so that neither process's
        # collector writes to them (each write would copy a shared page). A run has frozen what it built
        # already (lakip_xl.consolidate.long_lived_data) and unfreezes it at its end; frozen here only
        # for the fork when nobody had.
        mine = gc.get_freeze_count() == 0
        gc.freeze()
        release_free_memory()
        try:
            self._proc = context.Process(target=_helper, args=(build, options, self.folder, child),
                                         daemon=True)
            self._proc.start()
        except BaseException:
            remove_scratch(self.folder)
            raise
        finally:
            if mine:
                gc.unfreeze()
            child.close()
        # the helper's sheets arrive one page at a time, while this process still writes its own
        self._listener = threading.Thread(target=self._listen, name="lakip-split", daemon=True)
        self._listener.start()

    def adopt(self, workbook: Any, expected: set[str]) -> None:
        """Place the helper's sheets, ``expected``, in ``workbook``, without waiting for the helper.

        The package is assembled while the helper may still be writing: each of its sheets is an empty
        part whose content comes when the package is zipped (:data:`lakip_xl.output.LATE`). Each such part
        waits for its sheet and checks it; :class:`Refused` (raised then, out of the workbook's
        ``close``) means the caller writes the workbook without the helper.
        """
        sheets = {ws.name: ws for ws in workbook.worksheets()}
        if not expected or not expected <= set(sheets):
            raise Refused(f"sheets {sorted(expected - set(sheets))} are not in the workbook")
        self._workbook = workbook
        for name in expected:
            sheets[name]._assemble_xml_file = functools.partial(self._later, sheets[name])

    def _later(self, ws: Any) -> None:
        """In place of ``ws._assemble_xml_file``: the part is filled with the helper's XML when it is zipped."""
        fh = ws.fh
        if not ws.internal_fh:  # an in-memory package: nothing to fill later, wait now
            with open(self._part(ws.name), encoding="utf-8") as src:
                shutil.copyfileobj(src, fh)
            return
        fh.close()
        self._late.append(fh.name)
        LATE[fh.name] = functools.partial(self._part, ws.name)

    def _part(self, sheet: str) -> str:
        """The file of the helper's XML of ``sheet``, once it has come (any thread)."""
        with self._ready:
            self._ready.wait_for(lambda: sheet in self._arrived or self._ended or self._failure is not None)
            if self._failure is not None:
                raise self._failure
            if sheet not in self._arrived:
                raise Refused(f"the helper did not write {sheet}")
            path, xf, dxf = self._arrived[sheet]
        # the formats the sheet uses had their indices when it was sent: this process's must be the same
        wb = self._workbook
        if not (_same(xf, wb.xf_format_indices) and _same(dxf, wb.dxf_format_indices)):
            raise Refused("the helper's format indices differ")
        return path

    def _listen(self) -> None:
        try:
            self._receive()
        except Refused as exc:
            failure = exc
        except BaseException as exc:  # noqa: BLE001 - any failure here means: write serially
            failure = Refused(f"{type(exc).__name__}: {exc}")
        else:
            failure = None
        with self._ready:
            self._failure, self._ended = failure, True
            self._ready.notify_all()

    def _receive(self) -> dict[str, str]:
        """Take the helper's sheets as they come, until it has sent all; returns sheet → file."""
        try:
            while True:
                try:
                    message = self._conn.recv()
                except (EOFError, OSError):
                    raise Refused("the helper ended without a word") from None
                if message[0] == "part":
                    _, name, path, xf, dxf = message
                    with self._ready:
                        self._arrived[name] = (path, xf, dxf)
                        self._ready.notify_all()
                elif message[0] == "ok":
                    return {name: path for name, (path, _, _) in self._arrived.items()}
                else:
                    raise Refused(message[1])
        finally:
            self._conn.close()
            self._proc.join()

    def _kill(self) -> None:
        if self._proc is not None and self._proc.pid is not None:
            os.kill(self._proc.pid, signal.SIGKILL)

    def close(self) -> None:
        """Stop the helper if it still runs; remove its files (after the workbook is closed)."""
        for name in self._late:
            LATE.pop(name, None)
        if self._proc.is_alive():
            self._proc.terminate()
        self._listener.join(timeout=10)  # it ends with the helper (the pipe closes)
        remove_scratch(self.folder)


class Refused(Exception):
    """The helper's sheets cannot be placed: it failed, or what it wrote does not fit this workbook."""


def _same(theirs: dict[str, int], ours: dict[str, int]) -> bool:
    return all(ours.get(key) == index for key, index in theirs.items())


def _helper(build: Callable[[Any, Callable[[list[str]], None]], set[str]], options: dict[str, Any],
            folder: str, conn: Any) -> None:
    from lakip_xl.parallel import worker_signals

    worker_signals()
    workbook = None
    try:
        import xlsxwriter

        workbook = xlsxwriter.Workbook(os.path.join(folder, "helper.xlsx"), {**options, "tmpdir": folder})
        sent: set[str] = set()

        def send(names: list[str]) -> None:
            """Assemble the finished sheets ``names`` and send their files with the formats known now."""
            for name in names:
                ws = workbook.get_worksheet_by_name(name)
                if any(getattr(ws, a, None) for a in _PARTS) or any(getattr(ws, a, False) for a in _FLAGS):
                    raise ValueError(f"{ws.name}: parts beside the sheet XML")
                if ws.constant_memory:  # as XlsxWriter's packager does before it assembles a streamed sheet
                    ws._opt_reopen()
                    ws._write_single_row()
                path = os.path.join(folder, f"sheet{ws.index + 1}.xml")
                ws._set_xml_writer(path)
                ws._assemble_xml_file()
                if ws.external_hyper_links:  # known only once assembled; this process would have to write the rels
                    raise ValueError(f"{ws.name}: links beside the sheet XML")
                sent.add(name)
                conn.send(("part", name, path, dict(workbook.xf_format_indices), dict(workbook.dxf_format_indices)))

        own = build(workbook, done=send)
        send([ws.name for ws in workbook.worksheets() if ws.name in own and ws.name not in sent])
        conn.send(("ok",))
    except BaseException as exc:  # noqa: BLE001 - whatever it is, the parent writes serially
        with contextlib.suppress(Exception):
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        if workbook is not None:
            with contextlib.suppress(Exception):
                remove_row_files(workbook)
        conn.close()
        os._exit(0)
