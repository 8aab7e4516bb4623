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
import shutil
import stat
import tempfile
import threading
import time
import zipfile
import zlib
from pathlib import Path
from typing import Any, Callable, Iterator

from lakip_xl.errors import OutputError
from lakip_xl.parse import clean_text, safe_name

#: prefix of the temporary files next to an output being written
TEMP_PREFIX = ".~lakip-"
#: temporary files being written right now (removed by :func:`remove_temporaries` when a signal stops the run)
_LIVE: set[Path] = set()
#: temporary folders of the writes in progress (XlsxWriter's part files, the write helper's sheets) → what
#: stops the process writing in it (or ``None``): removed with them
_LIVE_FOLDERS: dict[str, Callable[[], None] | None] = {}
#: set by :func:`remove_temporaries`: the run is ending, the deflating threads stop making files
_STOPPING = threading.Event()
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
    """Remove the temporary files and folders of the writes in progress (a signal handler's last act: the
    threads still deflating make no new file after it, and a helper writing into a folder is stopped)."""
    _STOPPING.set()
    for stop in list(_LIVE_FOLDERS.values()):
        if stop is not None:
            with contextlib.suppress(Exception):
                stop()
    for tmp in list(_LIVE):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    for _ in range(3):  # a thread may have made a file while the folder was being removed: once more
        left = [folder for folder in list(_LIVE_FOLDERS) if os.path.lexists(folder)]
        if not left:
            break
        for folder in left:
            shutil.rmtree(folder, ignore_errors=True)
        time.sleep(0.02)


def scratch_folder(prefix: str, stop: Callable[[], None] | None = None) -> str:
    """A new private folder in the system temp folder for a write's temporary files, removed by
    :func:`remove_scratch` (or, if a signal stops the run, by :func:`remove_temporaries`, after ``stop()``)."""
    folder = tempfile.mkdtemp(prefix=prefix)
    _LIVE_FOLDERS[folder] = stop
    return folder


def remove_scratch(folder: str) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    _LIVE_FOLDERS.pop(folder, None)


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


#: the options of every workbook the tool writes: text is text, never a formula or a link
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False}


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
        # XlsxWriter's part files, their deflated copies and the streamed sheets' row files go in a folder
        # of this write's own, removed whatever happens: XlsxWriter leaves its files behind when it is
        # interrupted (Ctrl-C while the package is zipped left ~26 in the system temp folder)
        try:
            scratch = scratch_folder("lakip-tulis-")
        except OSError as exc:
            raise OutputError(f"Berkas {safe_name(str(target))} gagal disusun: folder sementara sistem tidak "
                              f"dapat dipakai ({exc.strerror or exc}).") from None
        try:
            # streaming is chosen per worksheet (lakip_xl.report.workbook.add_sheet), not for the workbook
            wb = xlsxwriter.Workbook(buffer, {**WORKBOOK_OPTIONS, "tmpdir": scratch})
            try:
                build(wb)
                wb.set_properties({**(properties or {}), "created": created})
            finally:
                try:
                    with deflating_in_threads():
                        wb.close()
                except OSError as exc:  # the parts' temporary files (system temp folder full)
                    raise OutputError(
                        f"Berkas {safe_name(str(target))} gagal disusun: {exc.strerror or exc}.") from None
                finally:
                    remove_row_files(wb)
        finally:
            remove_scratch(scratch)
        with open(tmp, "wb") as fh:
            fh.write(buffer.getbuffer())
            fh.flush()
            os.fsync(fh.fileno())
    return target


#: members deflated at once while the package is zipped (zlib lets go of the interpreter lock: two cores);
#: a part written by another process (:data:`LATE`) waits on a thread of its own, so that a part still
#: being written never holds up one that has come
DEFLATE_THREADS = 3
#: zlib's level for the workbook's parts (XlsxWriter leaves zlib's default, 6): on the sheet XML of 300 units
#: level 5 deflates in 0.79 s what 6 does in 1.19 s, for 2.4 % more bytes (12.38 MB against 12.09 MB)
DEFLATE_LEVEL = 5
#: at most this many late parts wait at once (the helper's sheets: Indikator Program and the Sasaran
#: sheets, at most 40 before they are stacked in one); more wait in turn
LATE_THREADS = 48
_CHUNK = 1 << 20
#: a part at least this large is deflated in pieces of :data:`PIECE` bytes on :data:`PIECE_THREADS` threads,
#: each piece primed with the 32 KB before it and ended on a byte boundary (as pigz does): one deflate stream
#: that any unzip reads, a few bytes longer. The last part to come (the helper's last sheet, 75 MB at 1,000
#: units) is then not deflated on one core while the other waits.
PIECES_FROM = 16 << 20
PIECE = 4 << 20
PIECE_THREADS = 2
_WINDOW = 32 << 10  # deflate's window: what a piece may refer back to
#: parts whose content is written elsewhere and comes late: the temporary file XlsxWriter zips → a
#: function that waits for the content and returns the path of its file (lakip_xl/xlsx/split.py)
LATE: dict[str, Callable[[], str]] = {}


class _DeflatingZip(zipfile.ZipFile):
    """The zip XlsxWriter packs a workbook into, with its members deflated on :data:`DEFLATE_THREADS` threads.

    XlsxWriter writes every part to a temporary file, then ``write()``s them one after another, each
    deflated in turn on one core (a tenth of a large workbook's write). Here ``write()`` only keeps the
    file (a hard link: XlsxWriter removes its name next) and hands it to a thread; the deflated members
    wait in files beside it (not in memory: at 1,000 units the main process's peak 1,122 → 1,049 MB) and
    are stored in XlsxWriter's order, with the headers :meth:`zipfile.ZipFile.write` gives them (the same
    bytes). The zipfile internals used are those of ``ZipFile._open_to_write`` (pinned by
    tests/test_xlsxwriter_internals.py).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from concurrent.futures import ThreadPoolExecutor

        super().__init__(*args, **kwargs)
        self._pool = ThreadPoolExecutor(max_workers=DEFLATE_THREADS)
        self._waiting = ThreadPoolExecutor(max_workers=LATE_THREADS)  # threads start as late parts come
        self._pending: list[tuple[zipfile.ZipInfo, str, Any]] = []

    def write(self, filename: Any, arcname: str | None = None, compress_type: int | None = None,
              compresslevel: int | None = None) -> None:
        if self.mode != "w" or os.path.isdir(filename):
            self._drain()
            return super().write(filename, arcname, compress_type, compresslevel)
        info = zipfile.ZipInfo.from_file(filename, arcname, strict_timestamps=self._strict_timestamps)
        info.compress_type = compress_type if compress_type is not None else self.compression
        info._compresslevel = compresslevel if compresslevel is not None else \
            self.compresslevel if self.compresslevel is not None else DEFLATE_LEVEL
        kept = f"{filename}.deflate"
        os.link(filename, kept)
        late = LATE.pop(os.fspath(filename), None)
        pool = self._pool if late is None else self._waiting
        self._pending.append((info, kept, pool.submit(_deflate, kept, info.compress_type, info._compresslevel,
                                                      late)))

    def writestr(self, *args: Any, **kwargs: Any) -> None:
        self._drain()
        super().writestr(*args, **kwargs)

    def _drain(self) -> None:
        """Store the pending members in order, each as soon as it is deflated (its file removed once stored)."""
        while self._pending:
            info, _kept, future = self._pending[0]
            packed, crc, size, packed_size = future.result()
            del self._pending[0]
            try:
                self._store(info, packed, crc, size, packed_size)
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(packed)

    def _store(self, info: zipfile.ZipInfo, packed: str, crc: int, size: int, packed_size: int) -> None:
        """Write the member whose data, as stored in the zip, is the file ``packed``."""
        info.CRC, info.file_size, info.compress_size, info.flag_bits = crc, size, packed_size, 0
        if not info.external_attr:
            info.external_attr = 0o600 << 16
        zip64 = self._allowZip64 and size * 1.05 > zipfile.ZIP64_LIMIT
        with self._lock:
            self.fp.seek(self.start_dir)
            info.header_offset = self.fp.tell()
            self._writecheck(info)
            self._didModify = True
            self.fp.write(info.FileHeader(zip64))
            with open(packed, "rb") as src:
                shutil.copyfileobj(src, self.fp, _CHUNK)
            self.filelist.append(info)
            self.NameToInfo[info.filename] = info
            self.start_dir = self.fp.tell()

    def close(self) -> None:
        if self.fp is None:  # closed already (ZipFile.__del__ closes again)
            return
        try:
            self._drain()
        except BaseException:
            for _info, kept, future in self._pending:
                if future.cancel():  # never started: its file is removed here
                    with contextlib.suppress(OSError):
                        os.unlink(kept)
            raise
        finally:
            self._pool.shutdown(cancel_futures=True)
            self._waiting.shutdown(cancel_futures=True)
            pending, self._pending = self._pending, []
            for _info, _kept, future in pending:  # deflated, never stored (a failure above)
                if future.done() and not future.cancelled() and future.exception() is None:
                    with contextlib.suppress(OSError):
                        os.unlink(future.result()[0])
            super().close()


def _deflate(path: str, method: int, level: int | None,
             late: Callable[[], str] | None = None) -> tuple[str, int, int, int]:
    """The raw member of the file at ``path`` (removed after): the file of its data as stored (``path.z``),
    CRC, size and stored size. The stored data waits on disk, not in memory, for the members before it
    (at 1,000 units 60 MB of them while the helper's last sheet comes). ``late``: the content is
    elsewhere, in the file ``late()`` returns once it is written (moved to ``path``)."""
    packed = f"{path}.z"
    try:
        if late is not None:
            os.replace(late(), path)
        crc, size, packed_size = 0, 0, 0
        level = zlib.Z_DEFAULT_COMPRESSION if level is None else level
        packer = zlib.compressobj(level, zlib.DEFLATED, -15) if method == zipfile.ZIP_DEFLATED else None
        if _STOPPING.is_set():
            raise OutputError("the run is stopping")
        with open(path, "rb") as fh, open(packed, "wb") as out:
            if packer is not None and os.fstat(fh.fileno()).st_size >= PIECES_FROM:
                return (packed, *_deflate_pieces(fh, out, level))
            while chunk := fh.read(_CHUNK):
                if _STOPPING.is_set():
                    raise OutputError("the run is stopping")
                crc, size = zlib.crc32(chunk, crc), size + len(chunk)
                data = packer.compress(chunk) if packer else chunk
                packed_size += len(data)
                out.write(data)
            if packer:
                data = packer.flush()
                packed_size += len(data)
                out.write(data)
        return packed, crc, size, packed_size
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(packed)
        raise
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _deflate_pieces(fh: Any, out: Any, level: int) -> tuple[int, int, int]:
    """Deflate ``fh`` into ``out`` piece by piece on threads (:data:`PIECES_FROM`); CRC, size, stored size.
    At most :data:`PIECE_THREADS` pieces beyond the one being written are held in memory."""
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    crc = size = packed_size = 0
    pending: deque = deque()
    before = b""
    with ThreadPoolExecutor(max_workers=PIECE_THREADS, thread_name_prefix="lakip-piece") as pool:
        piece = fh.read(PIECE)
        while piece:
            if _STOPPING.is_set():
                raise OutputError("the run is stopping")
            following = fh.read(PIECE)
            crc, size = zlib.crc32(piece, crc), size + len(piece)
            pending.append(pool.submit(_deflate_piece, piece, before, level, not following))
            before = piece[-_WINDOW:]
            piece = following
            while len(pending) > PIECE_THREADS or (pending and not piece):
                data = pending.popleft().result()
                packed_size += len(data)
                out.write(data)
    return crc, size, packed_size


def _deflate_piece(piece: bytes, before: bytes, level: int, last: bool) -> bytes:
    """One piece of a deflate stream: primed with the data ``before`` it, ended on a byte boundary (a sync
    flush) or, ``last``, with the stream's final block."""
    packer = zlib.compressobj(level, zlib.DEFLATED, -15, zdict=before) if before else \
        zlib.compressobj(level, zlib.DEFLATED, -15)
    return packer.compress(piece) + packer.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)


@contextlib.contextmanager
def deflating_in_threads() -> Iterator[None]:
    """While a workbook closes, XlsxWriter packs it with :class:`_DeflatingZip` (one process, one workbook
    at a time: the name is XlsxWriter's module global, put back after)."""
    import xlsxwriter.workbook as module

    before = module.ZipFile
    module.ZipFile = _DeflatingZip
    try:
        yield
    finally:
        module.ZipFile = before
