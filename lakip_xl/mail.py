"""Saved mail in the input folder: the workbooks attached to it, safely.

Part of the read stage. Clerks answer the template mail with the filled
workbook attached; the secretariat may save those mails as they are (``.eml``
from Thunderbird or a webmail, ``.msg`` from Outlook, an ``.mbox`` folder
export) instead of saving each attachment by hand. :class:`Inbox` opens them
(:func:`read_mail`), takes every workbook attachment (.xlsx, .xlsm, .xls, .ods,
also inside a .zip attachment) and writes it into a private temporary folder
outside the input folder, removed when the run ends: the input folder is only
ever read. Each attachment then goes through :func:`lakip_xl.read.read_workbook`
like any file, so every safety check (size, zip bombs, passwords, broken files)
applies to it as well.

A submission that came by mail carries the mail's sender, date and subject
(:class:`MailInfo`): its findings name the mail and the attachment, and of two
versions of one unit the newer mail wins (:mod:`lakip_xl.reconcile`).
A mail without a workbook attachment is an Info finding, a mail that cannot be
read a Peringatan; nothing raises.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from lakip_xl.findings import Finding, finding
from lakip_xl.output import safe_filename
from lakip_xl.parse import safe_name
from lakip_xl.read import MAIL_SUFFIXES, WORKBOOK_SUFFIXES, dotted, file_too_big, zip_bomb, zip_too_big
from lakip_xl.settings import Limits

#: a subject longer than this is cut in messages
SUBJECT_SHOWN = 80
_MBOX_FROM = re.compile(rb"^From [^\r\n]*\r?\n", re.MULTILINE)
_MBOX_QUOTED = re.compile(rb"^>(>*From )", re.MULTILINE)


@dataclass(frozen=True)
class MailInfo:
    """Where a submission came from: the saved mail (file, and its place in an .mbox) and its headers."""

    file: str
    sender: str
    date: dt.datetime | None
    subject: str

    @property
    def shown_date(self) -> str:
        """The date as the secretariat's mail program shows it: in this computer's time zone."""
        return shown(self.date) if self.date is not None else "tanpa tanggal"

    @property
    def shown_subject(self) -> str:
        s = " ".join(self.subject.split())
        return s if len(s) <= SUBJECT_SHOWN else s[: SUBJECT_SHOWN - 1] + "…"

    def describe(self) -> str:
        """``surel balasan.eml (dari psr@…, 17-01-2022 10:30, "Re: …")``."""
        return f'surel {self.file} (dari {self.sender or "-"}, {self.shown_date}, "{self.shown_subject}")'

    def label(self, attachment: str) -> str:
        """The name a finding gives an attachment of this mail (the Berkas of the Validasi sheet)."""
        return f"{attachment} dalam {self.describe()}"


def shown(date: dt.datetime) -> str:
    """``17-01-2022 10:30`` in this computer's time zone (a date without one as it is)."""
    if date.tzinfo is not None:
        with contextlib.suppress(OverflowError, OSError, ValueError):
            date = date.astimezone()
    return date.strftime("%d-%m-%Y %H:%M")


@dataclass
class Attachment:
    mail: MailInfo
    #: the attachment's name (``laporan.zip/LAKIP_2021_PSR.xlsx`` for a member of a zip attachment)
    name: str
    data: bytes

    @property
    def label(self) -> str:
        return self.mail.label(safe_name(self.name))


# --------------------------------------------------------------------------- #
# Reading one mail file
# --------------------------------------------------------------------------- #


def read_mail(path: Path, limits: Limits | None = None) -> tuple[list[Attachment], list[Finding]]:
    """The workbook attachments of a saved mail file (.eml, .msg, .mbox), and findings; never raises."""
    limits = limits or Limits()
    name = safe_name(path.name)
    try:
        size = path.stat().st_size
        if size > max_mail_bytes(limits):
            return [], [finding("berkas-terlalu-besar", name, sebab=f"ukuran surel {dotted(size)} bita, di atas batas "
                                                                     f"{dotted(max_mail_bytes(limits))} bita")]
        data = path.read_bytes()
    except OSError as exc:
        return [], [finding("surel-rusak", name, sebab=f"tidak dapat dibaca ({exc.strerror or exc})")]
    if not data.strip():
        return [], [finding("surel-rusak", name, sebab="berkas kosong")]
    suffix = path.suffix.lower()
    try:
        if suffix == ".msg":
            return _read_msg(path, name, data, limits)
        if suffix == ".mbox":
            out: tuple[list[Attachment], list[Finding]] = ([], [])
            messages = split_mbox(data)
            if not messages:
                return [], [finding("surel-rusak", name, sebab="bukan kotak surat mbox (tidak ada baris 'From ')")]
            for i, raw in enumerate(messages, start=1):
                atts, finds = _read_eml(f"{name}#{i}", raw, limits, path)
                out[0].extend(atts)
                out[1].extend(finds)
            return out
        return _read_eml(name, data, limits, path)
    except Exception as exc:  # a parser error on a hostile or broken mail: a finding, never a traceback
        return [], [finding("surel-rusak", name, sebab=_reason(exc))]


def max_mail_bytes(limits: Limits) -> int:
    """The largest mail file read: a mail's attachments grow by a third in base64, an .mbox holds many."""
    return limits.max_unzipped_bytes


def split_mbox(data: bytes) -> list[bytes]:
    """The messages of an mbox file (mboxrd: ``>From `` lines unquoted), without its ``From `` lines."""
    starts = [m for m in _MBOX_FROM.finditer(data) if m.start() == 0 or data[m.start() - 1:m.start()] == b"\n"]
    out = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(data)
        out.append(_MBOX_QUOTED.sub(rb"\1", data[m.end():end]))
    return out


def _read_eml(name: str, data: bytes, limits: Limits, path: Path) -> tuple[list[Attachment], list[Finding]]:
    msg = BytesParser(policy=policy.default).parsebytes(data)
    if not any(msg.get(h) for h in ("From", "Date", "Subject", "To", "Message-ID")) and not msg.is_multipart():
        return [], [finding("surel-rusak", name, sebab="tidak berisi kepala surel (From, Date, Subject)")]
    info = MailInfo(name, _sender(msg), _date(msg.get("Date")) or _mtime(path), _header(msg, "Subject"))
    if _header(msg, "X-Mailer") == "lakip-xl" or _header(msg, "X-Unsent").strip() == "1":
        # a draft lakip-xl wrote (a template on its way out, a correction): not a report that came back
        return [], [finding("surel-draf-dilewati", name, subjek=info.shown_subject)]
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        ctype = part.get_content_type()
        if not filename and ctype not in _TYPE_SUFFIX:
            continue
        filename = filename or f"lampiran{_TYPE_SUFFIX[ctype]}"
        try:
            payload = part.get_payload(decode=True)
        except Exception as exc:
            parts.append((filename, None, _reason(exc)))
            continue
        parts.append((filename, payload or b"", None))
    return _take(info, parts, limits)


def _read_msg(path: Path, name: str, data: bytes, limits: Limits) -> tuple[list[Attachment], list[Finding]]:
    try:
        import extract_msg
    except ImportError:
        return [], [finding("surel-msg-tidak-didukung", name)]
    import logging

    logging.getLogger("extract_msg").setLevel(logging.CRITICAL)
    if not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return [], [finding("surel-rusak", name, sebab="bukan surel Outlook (.msg)")]
    msg = extract_msg.openMsg(data, delayAttachments=False)
    try:
        sender = msg.sender or ""
        # PR_SENDER_EMAIL_ADDRESS, else PR_SENT_REPRESENTING_EMAIL_ADDRESS (extract-msg's sender is often the name only)
        email_address = msg.getStringStream("__substg1.0_0C1F") or msg.getStringStream("__substg1.0_0065")
        if email_address and "@" in email_address and email_address not in sender:
            sender = f"{sender} <{email_address}>" if sender else email_address
        date = msg.date if isinstance(msg.date, dt.datetime) else _date(str(msg.date or "")) or _mtime(path)
        info = MailInfo(name, sender, date, msg.subject or "")
        parts = _msg_parts(msg)
    finally:
        with contextlib.suppress(Exception):
            msg.close()
    return _take(info, parts, limits)


def _msg_parts(msg: object, depth: int = 0) -> list[tuple[str, bytes | None, str | None]]:
    """(name, bytes, problem) of an Outlook message's attachments, and of the messages attached to it."""
    parts: list[tuple[str, bytes | None, str | None]] = []
    for att in getattr(msg, "attachments", None) or []:
        payload = getattr(att, "data", None)
        if isinstance(payload, (bytes, bytearray)):
            filename = (getattr(att, "longFilename", None) or getattr(att, "shortFilename", None)
                        or getattr(att, "name", None))
            if filename:
                parts.append((filename, bytes(payload), None))
        elif payload is not None and hasattr(payload, "attachments") and depth < 3:
            parts += _msg_parts(payload, depth + 1)  # a mail forwarded as an attachment
    return parts


#: attachments without a name, known by their MIME type
_TYPE_SUFFIX = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.ms-excel.sheet.macroenabled.12": ".xlsm",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/zip": ".zip",
    "application/x-zip-compressed": ".zip",
}


def _take(info: MailInfo, parts: list[tuple[str, bytes | None, str | None]],
          limits: Limits) -> tuple[list[Attachment], list[Finding]]:
    """The workbook attachments among a mail's parts (a .zip's workbooks too); findings for the rest."""
    out: list[Attachment] = []
    findings: list[Finding] = []
    others = []
    for filename, payload, problem in parts:
        suffix = Path(filename).suffix.lower()
        label = info.label(safe_name(filename))
        if problem is not None:
            findings.append(finding("berkas-rusak", label, sebab=f"lampiran tidak dapat diuraikan ({problem})"))
        elif suffix in WORKBOOK_SUFFIXES:
            out.append(Attachment(info, filename, payload or b""))
        elif suffix == ".xlsb":
            findings.append(finding("berkas-biner", label))
        elif suffix == ".zip":
            atts, finds = _unzip(info, filename, payload or b"", limits)
            out += atts
            findings += finds
        else:
            others.append(safe_name(filename))
    if not out and not [f for f in findings if f.rule != "surel-tanpa-lampiran"]:
        findings.append(finding("surel-tanpa-lampiran", info.file, pengirim=info.sender or "-", tanggal=info.shown_date,
                                subjek=info.shown_subject,
                                lampiran=f" (lampirannya: {', '.join(others)})" if others else ""))
    return out, findings


def _unzip(info: MailInfo, filename: str, data: bytes, limits: Limits) -> tuple[list[Attachment], list[Finding]]:
    """The workbooks inside a .zip attachment, each bounded like a file (size, ratio); never a nested zip."""
    label = info.label(safe_name(filename))
    out, findings = [], []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = [m for m in zf.infolist() if not m.is_dir() and Path(m.filename).suffix.lower()
                       in WORKBOOK_SUFFIXES + (".xlsb",) and not Path(m.filename).name.startswith(("~$", "."))]
            big = zip_too_big(sum(m.file_size for m in members), limits)
            if big is not None:
                return [], [finding("berkas-terlalu-besar", label, sebab=big)]
            for m in members:
                inner = f"{filename}/{m.filename}"
                inner_label = info.label(safe_name(inner))
                if Path(m.filename).suffix.lower() == ".xlsb":
                    findings.append(finding("berkas-biner", inner_label))
                    continue
                if m.flag_bits & 0x1:  # a zip made with a password
                    findings.append(finding("berkas-terenkripsi", inner_label))
                    continue
                big = file_too_big(m.file_size, limits)
                if big is not None:
                    findings.append(finding("berkas-terlalu-besar", inner_label, sebab=big))
                    continue
                bomb = zip_bomb(m, limits)
                if bomb is not None:
                    findings.append(finding("berkas-terlalu-besar", inner_label, sebab=bomb))
                    continue
                with zf.open(m) as fh:
                    content = fh.read(limits.max_file_bytes + 1)  # never more than the bound, whatever the header says
                if len(content) > limits.max_file_bytes:
                    findings.append(finding("berkas-terlalu-besar", inner_label,
                                            sebab="terurai lebih besar daripada ukuran yang tercatat (bom zip?)"))
                    continue
                out.append(Attachment(info, inner, content))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError, ValueError) as exc:
        return [], [finding("berkas-rusak", label, sebab=f"arsip zip rusak ({_reason(exc)})")]
    return out, findings


def _header(msg: Message, name: str) -> str:
    try:
        return str(msg.get(name) or "")
    except Exception:  # a header that cannot be decoded
        return ""


def _sender(msg: Message) -> str:
    value = _header(msg, "From")
    pairs = [(n, a) for n, a in getaddresses([value]) if a]
    if not pairs:
        return safe_name(value)
    n, a = pairs[0]
    return safe_name(f"{n} <{a}>" if n else a)


def _date(value: object) -> dt.datetime | None:
    if not value:
        return None
    try:
        date = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    return date


def _mtime(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    except (OSError, ValueError, OverflowError):
        return None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


# --------------------------------------------------------------------------- #
# The attachments of a folder's mails, as files a run can read
# --------------------------------------------------------------------------- #


class Inbox:
    """Workbook attachments of the mails of a run, as files in a private temporary folder.

    The folder is made on the first attachment, outside the input folder (the system's
    temporary folder), and removed by :meth:`close` (a ``with`` block). :attr:`sources`
    maps each file written to its :class:`Attachment`, whose bytes are kept for
    ``--perbaikan``.
    """

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.folder: Path | None = None
        self.sources: dict[Path, Attachment] = {}

    def __enter__(self) -> "Inbox":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def add(self, path: Path) -> tuple[list[Path], list[Finding]]:
        """Read one mail file: the paths of its workbook attachments (to read) and its findings."""
        attachments, findings = read_mail(path, self.limits)
        paths = []
        for att in attachments:
            big = file_too_big(len(att.data), self.limits)
            if big is not None:  # not even written to the temporary folder
                findings.append(finding("berkas-terlalu-besar", att.label, sebab=big))
                continue
            paths.append(self._store(att))
        return paths, findings

    def _store(self, att: Attachment) -> Path:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="lakip-surel-"))
        slot = self.folder / f"{len(self.sources) + 1:04d}"
        slot.mkdir()
        target = slot / _file_name(Path(att.name).name)
        target.write_bytes(att.data)
        self.sources[target] = att
        return target

    def source(self, path: Path) -> Attachment | None:
        return self.sources.get(path)


def _file_name(name: str) -> str:
    """An attachment's name as a file of the temporary folder: kept when it is a plain name, else made safe."""
    suffix = Path(name).suffix.lower()
    stem = name[: len(name) - len(suffix)] if suffix else name
    plain = (0 < len(name) <= 150 and name.isprintable() and not set(name) & set('/\\:*?"<>|\0')
             and not name.startswith((".", "~$")) and name == name.strip())
    return f"{stem}{suffix}" if plain else f"{safe_filename(stem, 'lampiran')}{suffix}"


def is_mail(path: Path) -> bool:
    return path.suffix.lower() in MAIL_SUFFIXES


def as_message(data: bytes) -> EmailMessage:
    """Parse .eml bytes (tests and tools)."""
    return BytesParser(policy=policy.default).parsebytes(data)  # type: ignore[return-value]
