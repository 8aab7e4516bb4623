"""Email drafts (.eml) the secretariat opens in Outlook or Thunderbird, checks and sends.

Part of the write stage. Three drafts, all built with the standard library's
:mod:`email` (MIME, ``X-Unsent: 1`` so that mail programs open them as drafts
to send, not as received mail):

- :func:`template_draft`: a unit's template, to that unit (``lakip template --surel``);
- :func:`correction_draft`: a unit's corrections, to that unit (``lakip consolidate --perbaikan``);
- :func:`final_draft`: the finished LAKIP, to whom ``--surel-ke`` names.

A draft is byte-stable: equal inputs give equal bytes (its Date is a fixed date
the caller gives, its Message-ID and MIME boundaries are derived from its
content), so a rerun does not churn the folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from lakip_xl.output import atomic_path

#: MIME types of the attachments lakip-xl writes or forwards
MIME_TYPES = {
    ".xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".xlsm": ("application", "vnd.ms-excel.sheet.macroEnabled.12"),
    ".xls": ("application", "vnd.ms-excel"),
    ".ods": ("application", "vnd.oasis.opendocument.spreadsheet"),
    ".pdf": ("application", "pdf"),
}
#: what most mail gateways accept in one message (attachments, before base64 grows them by a third)
GATEWAY_LIMIT = 10 * 1024 * 1024
MAILER = "lakip-xl"
ROMAN = ["I", "II", "III", "IV"]


@dataclass
class Draft:
    to: list[str]
    sender: list[str]
    subject: str
    text: str
    #: an HTML alternative of ``text`` (``None``: plain text only)
    html: str | None = None
    #: (file name, bytes)
    attachments: list[tuple[str, bytes]] = field(default_factory=list)
    date: dt.datetime = dt.datetime(2000, 1, 1)
    cc: list[str] = field(default_factory=list)

    @property
    def attachment_bytes(self) -> int:
        return sum(len(data) for _, data in self.attachments)


def subject_tag(tahun: int, kode: str | None = None, triwulan: int | None = None) -> str:
    """``[LAKIP 2021][PSR]``, ``[LAKIP 2021 TW II][PSR]``: the stable tag replies keep in their subject."""
    period = f"LAKIP {tahun}" + (f" TW {ROMAN[triwulan - 1]}" if triwulan else "")
    return f"[{period}]" + (f"[{kode}]" if kode else "")


def render(draft: Draft) -> bytes:
    """The draft as .eml bytes (CRLF line ends, as Outlook writes them); equal drafts give equal bytes."""
    msg = EmailMessage(policy=policy.SMTP)
    if draft.sender:
        msg["From"] = ", ".join(draft.sender)
    if draft.to:
        msg["To"] = ", ".join(draft.to)
    if draft.cc:
        msg["Cc"] = ", ".join(draft.cc)
    msg["Subject"] = draft.subject
    msg["Date"] = format_datetime(draft.date.replace(tzinfo=draft.date.tzinfo or dt.timezone(dt.timedelta(hours=7))))
    msg["X-Unsent"] = "1"
    msg["X-Mailer"] = MAILER
    msg.set_content(draft.text, charset="utf-8")
    if draft.html is not None:
        msg.add_alternative(draft.html, subtype="html", charset="utf-8")
    for name, data in draft.attachments:
        maintype, subtype = MIME_TYPES.get(Path(name).suffix.lower(), ("application", "octet-stream"))
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    digest = hashlib.sha256(_content_digest(draft)).hexdigest()
    for i, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"==lakip-xl-{digest[:24]}-{i}==")
    msg["Message-ID"] = f"<{digest[:32]}@lakip-xl.invalid>"
    # Headers are not folded at 78 (the email package folds a long Subject before its first word, which
    # mail programs then show with a leading space); the bodies were encoded above in lines of 76.
    return msg.as_bytes(policy=_UNFOLDED)


_UNFOLDED = policy.SMTP.clone(max_line_length=998)


def _content_digest(draft: Draft) -> bytes:
    h = hashlib.sha256()
    for piece in (draft.sender, draft.to, draft.cc, [draft.subject, draft.text, draft.html or "", draft.date.isoformat()]):
        h.update("\x1f".join(piece).encode("utf-8") + b"\x1e")
    for name, data in draft.attachments:
        h.update(name.encode("utf-8") + b"\x1f" + hashlib.sha256(data).digest())
    return h.digest()


def write_draft(path: Path, draft: Draft, protect: set[Path] | None = None) -> Path:
    """Write ``draft`` to ``path`` atomically (an unchanged draft is not rewritten)."""
    data = render(draft)
    try:
        if path.is_file() and path.read_bytes() == data:
            return path
    except OSError:
        pass
    with atomic_path(path, protect, suffix=".eml") as tmp:
        tmp.write_bytes(data)
    return path


def is_lakip_draft(path: Path) -> bool:
    """An .eml lakip-xl wrote (it may be replaced by a new one)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return b"\nX-Mailer: lakip-xl\r\n" in head or head.startswith(b"X-Mailer: lakip-xl")


# --------------------------------------------------------------------------- #
# The three drafts
# --------------------------------------------------------------------------- #


def _greeting(nama: str, penanggung_jawab: str | None) -> str:
    return f"Yth. {penanggung_jawab} ({nama})," if penanggung_jawab else f"Yth. {nama},"


def _signature(instansi: str) -> str:
    return f"Terima kasih.\n\nSalam,\nSekretariat {instansi}".rstrip()


def format_date(day: dt.date) -> str:
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
              "Oktober", "November", "Desember"]
    return f"{day.day} {months[day.month - 1]} {day.year}"


def template_draft(*, to: list[str], sender: list[str], instansi: str, kode: str, nama: str,
                   penanggung_jawab: str | None, tahun: int, triwulan: int | None, template: Path,
                   batas_waktu: dt.date | None) -> Draft:
    """A unit's template, with what to fill, the deadline and how to reply."""
    period = f"triwulan {ROMAN[triwulan - 1]} tahun {tahun}" if triwulan else f"tahun {tahun}"
    tag = subject_tag(tahun, kode, triwulan)
    deadline = (f"Mohon dikirim kembali paling lambat {format_date(batas_waktu)}."
                if batas_waktu else "Mohon dikirim kembali secepatnya.")
    text = "\n".join([
        _greeting(nama, penanggung_jawab),
        "",
        f"Terlampir templat laporan kinerja {period} untuk {nama} ({template.name}).",
        "",
        "Yang perlu diisi:",
        "  1. lembar Identitas: nama penyusun, jabatan, kontak dan tanggal;",
        "  2. lembar IKU: realisasi setiap indikator kinerja utama, dengan penyebab dan solusi bila target tidak tercapai;",
        "  3. lembar Program: realisasi indikator, pagu dan realisasi anggaran setiap kegiatan dan sub kegiatan.",
        "Petunjuk lengkap ada di lembar Petunjuk. Kolom yang terkunci tidak perlu diubah.",
        "",
        deadline,
        f"Balas surel ini (subjek {tag} jangan diubah) dengan melampirkan berkas yang sudah diisi, "
        "dalam format .xlsx; nama berkas boleh tetap.",
        "",
        _signature(instansi),
        "",
    ])
    return Draft(to=to, sender=sender, subject=f"{tag} Templat laporan kinerja {period} - {nama}", text=text,
                 attachments=[(template.name, template.read_bytes())], date=dt.datetime(tahun, 1, 1))


def correction_draft(*, to: list[str], sender: list[str], instansi: str, kode: str, nama: str,
                     penanggung_jawab: str | None, tahun: int, triwulan: int | None, name: str, data: bytes,
                     counts: tuple[int, int, int], date: dt.datetime) -> Draft:
    """A unit's corrections: its own workbook with the problem cells marked."""
    galat, peringatan, info = counts
    tag = subject_tag(tahun, kode, triwulan)
    what = ", ".join(f"{n} {label}" for n, label in ((galat, "Galat"), (peringatan, "Peringatan"), (info, "Info")) if n)
    ask = ("Galat wajib dibetulkan sebelum LAKIP dapat disusun; Peringatan dan Info mohon diperiksa."
           if galat else "Tidak ada Galat; mohon periksa Peringatan dan Info, dan betulkan bila perlu.")
    text = "\n".join([
        _greeting(nama, penanggung_jawab),
        "",
        f"Laporan {nama} yang kami terima sudah diperiksa; ada {what}.",
        f"Terlampir laporan Anda sendiri ({name}): lembar pertama 'Perbaikan' mendaftar setiap temuan, "
        "dan sel yang bermasalah diberi warna serta komentar berisi penjelasannya.",
        "",
        ask,
        "Betulkan di berkas laporan Anda yang asli (atau di lampiran ini; lembar Perbaikan boleh dibiarkan), "
        f"lalu balas surel ini dengan melampirkan berkas yang sudah dibetulkan (subjek {tag} jangan diubah).",
        "",
        _signature(instansi),
        "",
    ])
    return Draft(to=to, sender=sender, subject=f"{tag} Perbaikan laporan kinerja {tahun} - {nama}", text=text,
                 attachments=[(name, data)], date=date)


@dataclass
class Summary:
    """What the final draft's body shows (the figures ``lakip consolidate`` prints)."""

    instansi: str
    period: str
    nilai: str
    predikat: str
    pagu: str
    realisasi: str
    serapan: str
    sent: list[str]
    missing: list[str]
    galat: int
    peringatan: int
    info: int


def final_draft(*, to: list[str], sender: list[str], summary: Summary, tahun: int, triwulan: int | None,
                attachments: list[tuple[str, bytes]], date: dt.datetime) -> Draft:
    """The finished LAKIP: the workbook (and PDF), with a body a mail previewer shows."""
    s = summary
    rows = [
        ("Nilai capaian", f"{s.nilai} ({s.predikat})"),
        ("Pagu anggaran", s.pagu),
        ("Realisasi anggaran", f"{s.realisasi} (serapan {s.serapan})"),
        ("Sudah mengirim", ", ".join(s.sent) or "-"),
        ("Belum mengirim", ", ".join(s.missing) or "-"),
        ("Temuan", f"{s.galat} Galat, {s.peringatan} Peringatan, {s.info} Info (rinciannya di lembar Validasi)"),
    ]
    names = ", ".join(name for name, _ in attachments)
    status = ("Semua laporan bidang sudah masuk dan tidak ada Galat." if not s.galat and not s.missing
              else "Masih ada Galat atau bidang yang belum mengirim; angka di bawah dapat berubah.")
    width = max(len(k) for k, _ in rows)
    text = "\n".join([
        "Yth. Bapak/Ibu,",
        "",
        f"Terlampir {s.period} {s.instansi} ({names}).",
        status,
        "",
        *(f"  {k.ljust(width)} : {v}" for k, v in rows),
        "",
        _signature(s.instansi),
        "",
    ])
    cells = "".join(f"<tr><th style=\"text-align:left;padding:2px 12px 2px 0\">{html.escape(k)}</th>"
                    f"<td>{html.escape(v)}</td></tr>" for k, v in rows)
    body = (f"<html><body style=\"font-family:Calibri,Arial,sans-serif\"><p>Yth. Bapak/Ibu,</p>"
            f"<p>Terlampir {html.escape(s.period)} {html.escape(s.instansi)} ({html.escape(names)}).<br>"
            f"{html.escape(status)}</p><table>{cells}</table>"
            f"<p>Terima kasih.</p><p>Salam,<br>Sekretariat {html.escape(s.instansi)}</p></body></html>\n")
    return Draft(to=to, sender=sender, subject=f"{subject_tag(tahun, None, triwulan)} Laporan Kinerja {s.instansi}",
                 text=text, html=body, attachments=attachments, date=date)
