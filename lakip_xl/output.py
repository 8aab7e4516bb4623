"""Writing output files safely: one check of every output path, safe names, atomic replacement.

Every file the tool writes goes through :func:`write_xlsx`:

1. :func:`check_target` looks at the path once: it must end in the suffix it
   will hold, be a regular file or absent (never a folder, a pipe or a
   device), stay inside the folder it was asked for, and not be one of the
   inputs;
2. the workbook is built in memory, then written to a temporary file in the
   target's folder (``.~lakip-*``) and renamed onto the target only when
   complete, so an existing output is never left half-written and a full disk
   or a refused folder is one clear message, never a traceback;
3. a temporary file is removed on any failure, and on Ctrl-C and SIGTERM by
   the CLI's signal handler (:func:`remove_temporaries`); one left by a run
   killed outright (SIGKILL, power cut) is recognised by :func:`stale_temporaries`.

File names made from codes and names (a Kode Bidang ``SEK/UMUM``, a
``../../input/x``) pass through :func:`safe_filename`: one path component,
portable to Windows, never a way out of the folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator

from lakip_xl.errors import OutputError
from lakip_xl.parse import clean_text, safe_name

#: prefix of the temporary files next to an output being written
TEMP_PREFIX = ".~lakip-"
#: temporary files being written right now (removed by :func:`remove_temporaries` when a signal stops the run)
_LIVE: set[Path] = set()
_UNSAFE = re.compile(r"[^0-9A-Za-z]+")
#: names Windows refuses for a file, whatever the extension
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
#: longest part of a file name made from one code or name
MAX_NAME_PART = 60


def safe_filename(text: str, fallback: str = "x") -> str:
    """One part of a file name made from a code or a name: ASCII letters and digits joined by ``_``.

    ``SEK/UMUM`` → ``SEK_UMUM``; ``../../input/LAKIP_2021_PSR`` → ``input_LAKIP_2021_PSR``;
    ``Bidang Pasar`` → ``Bidang_Pasar``. Never empty, never a path, never a Windows device name.
    """
    part = _UNSAFE.sub("_", clean_text(text)[0]).strip("_")[:MAX_NAME_PART].strip("_")
    if not part:
        return fallback
    return f"{part}_" if part.upper() in _RESERVED else part


def prepare_folder(folder: Path) -> None:
    """Create ``folder`` if needed and check that it can be written."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{safe_name(str(folder))} bukan folder; pilih folder keluaran lain.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"Folder keluaran {safe_name(str(folder))} tidak dapat dibuat: {exc.strerror or exc}.") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"Folder keluaran {safe_name(str(folder))} tidak dapat ditulisi (hanya-baca?). "
                          "Pilih folder lain.")


def check_target(target: Path, *, suffix: str = ".xlsx", inside: Path | None = None,
                 protect: set[Path] | None = None) -> Path:
    """The output path, checked once: the right suffix, a regular file or absent, inside ``inside``, not an input.

    Raises:
        OutputError: the path cannot be written as asked (the message says why and what to do).
    """
    target = Path(target)
    shown = safe_name(str(target))
    if target.suffix.lower() != suffix:
        raise OutputError(f"Berkas keluaran {shown} harus berakhiran {suffix} (isinya workbook {suffix}); "
                          f"tulis misalnya -o LAKIP.xlsx.")
    try:
        info = target.lstat()
    except FileNotFoundError:
        info = None
    except NotADirectoryError as exc:  # a part of the folder is a file
        raise OutputError(f"Folder keluaran {safe_name(str(target.parent))} tidak dapat dibuat: "
                          f"{exc.strerror or exc}.") from None
    except OSError as exc:
        raise OutputError(f"Berkas keluaran {shown} tidak dapat diperiksa: {exc.strerror or exc}.") from None
    if info is not None:
        mode = info.st_mode
        if stat.S_ISLNK(mode):
            try:
                mode = target.stat().st_mode
            except OSError:
                raise OutputError(f"Berkas keluaran {shown} adalah tautan yang rusak; pilih nama lain.") from None
        if stat.S_ISDIR(mode):
            raise OutputError(f"{shown} adalah folder; pilih nama berkas keluaran, misalnya {shown}/LAKIP.xlsx.")
        if not stat.S_ISREG(mode):
            raise OutputError(f"{shown} bukan berkas biasa (pipa atau perangkat); pilih nama berkas keluaran lain.")
    if inside is not None and Path(os.path.abspath(target)).parent != Path(os.path.abspath(inside)):
        raise OutputError(f"Berkas keluaran {shown} berada di luar folder {safe_name(str(inside))}.")
    if protect and target.resolve() in {p.resolve() for p in protect}:
        raise OutputError(f"Berkas keluaran {shown} sama dengan salah satu berkas masukan; pilih nama lain.")
    return target


@contextlib.contextmanager
def atomic_path(target: Path, protect: set[Path] | None = None, *, inside: Path | None = None,
                suffix: str = ".xlsx") -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success rename it onto ``target``.

    ``protect``: input files that must never be overwritten (the output may not be one of them).
    """
    target = check_target(target, suffix=suffix, inside=inside, protect=protect)
    prepare_folder(target.parent)
    shown = safe_name(str(target))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        raise OutputError(f"Berkas {shown} tidak dapat ditulis: {exc.strerror or exc}.") from None
    os.close(fd)
    tmp = Path(tmp_name)
    _LIVE.add(tmp)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; the output is a normal file
        os.replace(tmp, target)
    except PermissionError:
        raise OutputError(
            f"Berkas {shown} tidak dapat ditimpa. Jika sedang dibuka di Excel, tutup dahulu lalu ulangi."
        ) from None
    except OSError as exc:
        raise OutputError(f"Berkas {shown} tidak dapat ditulis: {exc.strerror or exc}.") from None
    finally:
        _LIVE.discard(tmp)
        with contextlib.suppress(OSError):
            tmp.unlink()


def remove_temporaries() -> None:
    """Remove the temporary files of the writes in progress (a signal handler's last act)."""
    for tmp in list(_LIVE):
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def stale_temporaries(folder: Path) -> list[Path]:
    """Temporary files a killed run left in ``folder`` (they are never the output, and safe to delete)."""
    try:
        return sorted(p for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))
    except OSError:
        return []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def remove_row_files(wb: Any) -> None:
    """Remove the temporary row files of streamed worksheets that XlsxWriter leaves (an empty sheet's)."""
    for ws in wb.worksheets():
        name = getattr(ws, "row_data_filename", None) if getattr(ws, "constant_memory", False) else None
        if name:
            fh = getattr(ws, "row_data_fh", None)
            if fh is not None:
                with contextlib.suppress(OSError):
                    fh.close()
            with contextlib.suppress(OSError):
                os.unlink(name)


def write_xlsx(target: Path, build: Callable[[Any], None], *, created: dt.datetime,
               properties: dict[str, str] | None = None, protect: set[Path] | None = None,
               inside: Path | None = None) -> Path:
    """Create an XlsxWriter workbook, let ``build(workbook)`` fill it, save atomically.

    The package is assembled in memory and written to disk in one checked step,
    so a full disk is an :class:`OutputError`, not a half-closed zip. ``created``
    is fixed by the caller so the same inputs give a byte-identical file.
    """
    import xlsxwriter

    with atomic_path(target, protect, inside=inside) as tmp:
        buffer = io.BytesIO()
        # streaming is chosen per worksheet (lakip_xl.report.workbook.add_sheet), not for the whole workbook
        options = {"strings_to_formulas": False, "strings_to_urls": False}
        wb = xlsxwriter.Workbook(buffer, options)
        try:
            build(wb)
            wb.set_properties({**(properties or {}), "created": created})
        finally:
            try:
                wb.close()
            except OSError as exc:  # streamed sheets' temporary files (system temp folder full)
                raise OutputError(f"Berkas {safe_name(str(target))} gagal disusun: {exc.strerror or exc}.") from None
            finally:
                remove_row_files(wb)
        with open(tmp, "wb") as fh:
            fh.write(buffer.getbuffer())
            fh.flush()
            os.fsync(fh.fileno())
    return target
