"""Saved-mail fixtures for issue 15, made from the filled sample workbooks in ``input/``.

    python tests/mail_fixtures.py OUT_DIR

writes an input folder of mail as the secretariat would save it: the Renstra, a
reply per unit (.eml; Bidang Pasar's also as Outlook .msg; two in one .mbox),
a forward of an older version, a reply without attachment, a reply whose
attachment is broken, and a zip attachment. The .msg files are written with
aspose-email-foss (MIT, a test dependency: extract-msg, the reader, cannot
write .msg), so the reader is tested on a file it did not make.

Every mail is built by :func:`reply` with fixed headers, so the fixtures are
the same on every run.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import sys
import zipfile
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUT = ROOT / "input"
XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
WIB = dt.timezone(dt.timedelta(hours=7))
SECRETARIAT = "Subbag Perencanaan DKUMP <perencanaan@dkump.example>"


def sample(kode: str) -> Path:
    """The filled sample workbook of a unit (``input/LAKIP_2021_<kode>_….xlsx``)."""
    (path,) = INPUT.glob(f"LAKIP_2021_{kode}_*.xlsx")
    return path


def reply(kode: str, when: dt.datetime, attachments: list[tuple[str, bytes]] | None = None, *,
          subject: str | None = None, text: str = "Terlampir laporan kami.", sender: str | None = None,
          maintype: tuple[str, str] = XLSX) -> bytes:
    """A unit's reply to its template mail, as .eml bytes (``attachments``: default its sample file)."""
    if attachments is None:
        attachments = [(sample(kode).name, sample(kode).read_bytes())]
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = sender or f"Staf {kode} <{kode.lower()}@dkump.example>"
    msg["To"] = SECRETARIAT
    msg["Subject"] = subject or f"Re: [LAKIP 2021][{kode}] Templat laporan kinerja tahun 2021"
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{kode.lower()}-{when:%Y%m%d%H%M}@dkump.example>"
    msg.set_content(text)
    for name, data in attachments:
        kind = ("application", "zip") if name.endswith(".zip") else maintype
        msg.add_attachment(data, maintype=kind[0], subtype=kind[1], filename=name)
    for i, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"==fixture-{kode}-{when:%Y%m%d%H%M}-{i}==")
    return msg.as_bytes()


def mbox(*messages: bytes) -> bytes:
    """An mbox file (mboxrd: body lines starting with ``From `` quoted) of ``messages``."""
    out = []
    for raw in messages:
        body = raw.replace(b"\r\n", b"\n")
        body = b"\n".join(b">" + line if line.lstrip(b">").startswith(b"From ") else line
                          for line in body.split(b"\n"))
        out.append(b"From MAILER-DAEMON Thu Jan 20 08:00:00 2022\n" + body.rstrip(b"\n") + b"\n\n")
    return b"".join(out)


def outlook_msg(kode: str, when: dt.datetime, attachments: list[tuple[str, bytes]] | None = None,
                subject: str | None = None, forwarded: bool = False) -> bytes:
    """A unit's reply as an Outlook .msg (written with aspose-email-foss); ``forwarded``: attached to a forward."""
    from aspose.email_foss import msg

    m = _outlook(kode, when, attachments, subject)
    if forwarded:
        outer = msg.MapiMessage.create(f"FW: [LAKIP 2021][{kode}] laporan", "Diteruskan.")
        outer.set_property(msg.PropertyId.SENDER_NAME, "Kasubbag Umum")
        outer.set_property(msg.PropertyId.SENDER_EMAIL_ADDRESS, "umum@dkump.example")
        outer.set_property(msg.PropertyId.MESSAGE_DELIVERY_TIME, when.astimezone(dt.timezone.utc))
        outer.add_embedded_message_attachment(m, filename="balasan.msg")
        m = outer
    return msg.MsgWriter.to_bytes(m.to_msg_document())


def _outlook(kode: str, when: dt.datetime, attachments: list[tuple[str, bytes]] | None, subject: str | None):
    from aspose.email_foss import msg

    if attachments is None:
        attachments = [(sample(kode).name, sample(kode).read_bytes())]
    m = msg.MapiMessage.create(subject or f"RE: [LAKIP 2021][{kode}] Templat laporan kinerja tahun 2021",
                               "Terlampir laporan kami.")
    m.set_property(msg.PropertyId.SENDER_NAME, f"Staf {kode}")
    m.set_property(msg.PropertyId.SENDER_EMAIL_ADDRESS, f"{kode.lower()}@dkump.example")
    m.set_property(msg.PropertyId.MESSAGE_DELIVERY_TIME, when.astimezone(dt.timezone.utc))
    m.add_recipient("perencanaan@dkump.example", display_name="Subbag Perencanaan DKUMP")
    for name, data in attachments:
        m.add_attachment(name, data, mime_type="/".join(XLSX))
    return m


def older_version(kode: str) -> bytes:
    """The unit's sample workbook as an earlier draft (an older Tanggal on its Identitas sheet)."""
    import openpyxl

    wb = openpyxl.load_workbook(sample(kode))
    ident = wb["Identitas"]
    for row in ident.iter_rows():
        if str(row[0].value or "").strip().lower() == "tanggal":
            row[1].value = dt.datetime(2022, 1, 5)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def zipped(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, (2022, 1, 18, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()


def at(day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2022, 1, day, hour, minute, tzinfo=WIB)


def build(out: Path, *, with_msg: bool = True) -> dict[str, Path]:
    """The mail folder of a whole round trip (see the module's docstring); returns name → path."""
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    files["01 Re LAKIP SEK.eml"] = reply("SEK", at(14))
    files["02 Re LAKIP DAG.eml"] = reply("DAG", at(17, 10))
    # Bidang Pasar sends an earlier draft first (a forward from a colleague), then its report
    files["03 Fwd LAKIP PSR (draf).eml"] = reply(
        "PSR", at(16, 15), [(sample("PSR").name, older_version("PSR"))], sender="Kasi Pasar <kasi.psr@dkump.example>",
        subject="Fwd: [LAKIP 2021][PSR] draf laporan", text="---------- Forwarded message ----------\nDraf dulu.")
    if with_msg:
        files["04 RE LAKIP PSR.msg"] = outlook_msg("PSR", at(17, 11))
    else:
        files["04 Re LAKIP PSR.eml"] = reply("PSR", at(17, 11))
    files["05 IND dan KUM.mbox"] = mbox(
        reply("IND", at(18), [("laporan IND.zip", zipped([(sample("IND").name, sample("IND").read_bytes())]))]),
        reply("KUM", at(19)),
    )
    files["06 Re LAKIP MET.eml"] = reply("MET", at(19, 14))
    files["07 Re LAKIP MET tanpa lampiran.eml"] = reply("MET", at(19, 13), [], text="Baik, segera kami kirim.")
    for name, data in files.items():
        (out / name).write_bytes(data)
    shutil.copyfile(INPUT / "renstra.xlsx", out / "renstra.xlsx")
    return {name: out / name for name in files}


def broken_attachment(kode: str = "DAG") -> bytes:
    """A reply whose attachment is cut short (a failed upload): the workbook's zip is broken."""
    data = sample(kode).read_bytes()
    return reply(kode, at(20), [(sample(kode).name, data[: len(data) // 2])])


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "mail")
