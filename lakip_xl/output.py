"""Writing output files atomically.

Every workbook the tool writes goes to a temporary file in the target folder
and is renamed into place only when complete, so an existing output is never
left half-written, and an input is never opened for writing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator

from lakip_xl.errors import OutputError


def prepare_folder(folder: Path) -> None:
    """Create ``folder`` if needed and check that it can be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"Folder keluaran {folder} tidak dapat dibuat: {exc.strerror or exc}.") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"Folder keluaran {folder} tidak dapat ditulisi (hanya-baca?). Pilih folder lain dengan -o.")


@contextlib.contextmanager
def atomic_path(target: Path, protect: set[Path] | None = None) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success rename it onto ``target``.

    ``protect``: input files that must never be overwritten (the output may not be one of them).
    """
    target = Path(target)
    if protect and target.resolve() in {p.resolve() for p in protect}:
        raise OutputError(f"Berkas keluaran {target} sama dengan salah satu berkas masukan; pilih nama lain.")
    prepare_folder(target.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=".~lakip-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; the output is a normal file
        os.replace(tmp, target)
    except PermissionError:
        raise OutputError(
            f"Berkas {target} tidak dapat ditimpa. Jika sedang dibuka di Excel, tutup dahulu lalu ulangi."
        ) from None
    except OSError as exc:
        raise OutputError(f"Berkas {target} tidak dapat ditulis: {exc.strerror or exc}.") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_xlsx(target: Path, build: Callable[[Any], None], *, created: dt.datetime,
               properties: dict[str, str] | None = None, protect: set[Path] | None = None,
               constant_memory: bool = False) -> Path:
    """Create an XlsxWriter workbook, let ``build(workbook)`` fill it, save atomically.

    ``created`` is fixed by the caller so the same inputs give a byte-identical file.
    """
    import xlsxwriter

    with atomic_path(target, protect) as tmp:
        options = {"strings_to_formulas": False, "strings_to_urls": False, "constant_memory": constant_memory}
        wb = xlsxwriter.Workbook(str(tmp), options)
        try:
            build(wb)
            wb.set_properties({**(properties or {}), "created": created})
        finally:
            try:
                wb.close()
            except Exception as exc:  # pragma: no cover - disk full and the like
                raise OutputError(f"Berkas {target} gagal disimpan: {exc}") from None
    return target
