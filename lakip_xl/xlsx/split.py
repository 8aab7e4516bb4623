"""One workbook written on two cores: a forked helper writes some of its sheets, this process the rest.

The helper is a copy of this process (``fork``, so the computed result is shared, not sent) that runs
the same sheet writers in the same order, keeps the cells of its own sheets only, and hands their
finished XML back as files. This process runs every writer too, with the helper's sheets as
:class:`~lakip_xl.xlsx.sheet.NullSheet` (so the cells they register for later formulas are known), and
places the helper's XML in the package where its own empty sheets' would go.

Three things make the two halves fit, and :meth:`Helper.adopt` checks them instead of trusting them:

- formats: both processes create the same formats in the same order, and every format takes its index
  when it is created (:class:`lakip_xl.xlsx.style.Styles`), so the helper's ``s="7"`` is this process's
  format 7. The helper sends its table of format keys and indices; any difference and the workbook is
  written serially instead;
- strings: the helper's sheets are streamed (XlsxWriter's constant-memory mode), so their strings are
  stored in the cells themselves, not in this process's shared-string table;
- sheet parts: a sheet with drawings, images, comments or tables (relationships this process would have
  to write) is refused, and so is the split.

Anything that goes wrong in the helper (an exception, a killed process) gives ``None`` from
:meth:`Helper.adopt`: the caller writes the workbook serially, the result is the same file content.
XlsxWriter's private names used here are pinned by tests/test_xlsxwriter_internals.py.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import os
import shutil
import sys
import tempfile
from typing import Any, Callable

#: attributes of an XlsxWriter worksheet that mean parts beside its XML (relationships, drawings)
_PARTS = ("charts", "images", "shapes", "tables", "header_images", "buttons_list")
_FLAGS = ("has_vml", "has_header_vml", "has_comments", "has_dynamic_arrays", "background_image")


def available() -> bool:
    """Whether this machine can split a write: two cores and ``fork`` (Linux; not Windows, not macOS's default)."""
    try:
        cores = len(os.sched_getaffinity(0))  # the cores this process may run on (a container's share)
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores >= 2 and sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


class Helper:
    """A forked process building the same workbook with ``build(workbook)``, which returns the names of
    the sheets the helper keeps (it writes the others as null sheets)."""

    def __init__(self, build: Callable[[Any], set[str]], options: dict[str, Any]) -> None:
        self.folder = tempfile.mkdtemp(prefix="lakip-split-")
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe(duplex=False)
        # The objects both processes read stay out of the collectors' sight, so that neither process's
        # collector writes to them (each write would copy a shared page). A run has frozen what it built
        # already (lakip_xl.consolidate.long_lived_data) and unfreezes it at its end; frozen here only
        # for the fork when nobody had.
        mine = gc.get_freeze_count() == 0
        gc.freeze()
        try:
            self._proc = context.Process(target=_helper, args=(build, options, self.folder, child),
                                         daemon=True)
            self._proc.start()
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        finally:
            if mine:
                gc.unfreeze()
            child.close()

    def adopt(self, workbook: Any, expected: set[str]) -> bool:
        """Wait for the helper and place its sheets, ``expected``, in ``workbook`` (before it is closed).

        ``False``: the helper failed or its formats differ from this workbook's; nothing was placed and the
        caller writes the workbook without the helper.
        """
        try:
            message = self._conn.recv()
        except (EOFError, OSError):  # the helper died without a word
            return False
        finally:
            self._conn.close()
            self._proc.join()
        if message[0] != "ok":
            return False
        _, parts, xf, dxf = message
        if not (_same(xf, workbook.xf_format_indices) and _same(dxf, workbook.dxf_format_indices)):
            return False
        sheets = {ws.name: ws for ws in workbook.worksheets()}
        if set(parts) != expected or not expected <= set(sheets):
            return False
        for name, (path, links) in parts.items():
            ws = sheets[name]
            ws._assemble_xml_file = functools.partial(_adopted_xml, ws, path)
            ws.external_hyper_links = links
        return True

    def close(self) -> None:
        """Stop the helper if it still runs; remove its files (after the workbook is closed)."""
        if self._proc.is_alive():
            self._proc.terminate()
            self._proc.join(timeout=5)
        with contextlib.suppress(OSError):
            self._conn.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def _same(theirs: dict[str, int], ours: dict[str, int]) -> bool:
    return all(ours.get(key) == index for key, index in theirs.items())


def _adopted_xml(ws: Any, path: str) -> None:
    """In place of ``ws._assemble_xml_file``: the helper's XML becomes the sheet's part."""
    fh = ws.fh
    if ws.internal_fh:  # a temporary file of the package: take the helper's file in its place
        name = fh.name
        fh.close()
        mode = os.stat(name).st_mode  # kept: the zip stores it (the same bytes as a serial write)
        try:
            os.replace(path, name)
        except OSError:  # another file system
            shutil.copyfile(path, name)
        os.chmod(name, mode)
    else:  # an in-memory package
        with open(path, encoding="utf-8") as src:
            shutil.copyfileobj(src, fh)


def _helper(build: Callable[[Any], set[str]], options: dict[str, Any], folder: str, conn: Any) -> None:
    from lakip_xl.output import remove_row_files
    from lakip_xl.parallel import worker_signals

    worker_signals()
    workbook = None
    try:
        import xlsxwriter

        workbook = xlsxwriter.Workbook(os.path.join(folder, "helper.xlsx"), {**options, "tmpdir": folder})
        own = build(workbook)
        parts = {}
        for index, ws in enumerate(workbook.worksheets(), start=1):
            if ws.name not in own:
                continue
            if any(getattr(ws, a, None) for a in _PARTS) or any(getattr(ws, a, False) for a in _FLAGS):
                raise ValueError(f"{ws.name}: parts beside the sheet XML")
            if ws.constant_memory:  # as XlsxWriter's packager does before it assembles a streamed sheet
                ws._opt_reopen()
                ws._write_single_row()
            path = os.path.join(folder, f"sheet{index}.xml")
            ws._set_xml_writer(path)
            ws._assemble_xml_file()
            parts[ws.name] = (path, list(ws.external_hyper_links))
        conn.send(("ok", parts, dict(workbook.xf_format_indices), dict(workbook.dxf_format_indices)))
    except BaseException as exc:  # noqa: BLE001 - whatever it is, the parent writes serially
        with contextlib.suppress(Exception):
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        if workbook is not None:
            with contextlib.suppress(Exception):
                remove_row_files(workbook)
        conn.close()
        os._exit(0)
