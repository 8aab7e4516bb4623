"""The ``lakip`` command: click commands only (arguments, exit codes, summary).

Exit codes: 0 done without Galat; 1 done with Galat findings (or Peringatan
with ``--strict``), or refused (a Renstra with Galat, a file it must not
replace); 2 cannot run (no or unreadable Renstra, bad arguments or settings,
output not writable, an internal error); 130 interrupted (Ctrl-C); 143
terminated (SIGTERM). Errors carry their exit code (:mod:`lakip_xl.errors`) and
are turned into a message in one place, :class:`LakipGroup`. Heavy modules are
imported inside the commands so that ``lakip --help`` starts fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from pathlib import Path

import click

from lakip_xl import __version__
from lakip_xl.cli_i18n import install as _install_i18n
from lakip_xl.errors import InputError, LakipError

_install_i18n()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
OPTS = "[OPSI]"


class Tahun(click.ParamType):
    name = "tahun"

    def convert(self, value, param, ctx):  # noqa: ANN001, ANN201 - click's signature
        from lakip_xl.parse import FIRST_YEAR, LAST_YEAR

        try:
            year = int(str(value).strip())
        except ValueError:
            self.fail(f"Tahun harus 4 angka, misalnya 2021 (bukan {value!r}).", param, ctx)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            self.fail(f"Tahun {year} tidak masuk akal; tulis misalnya 2021.", param, ctx)
        return year


TAHUN = Tahun()


class Tanggal(click.ParamType):
    """A date as clerks write it: 31-01-2022, 31/01/2022 or 2022-01-31."""

    name = "tanggal"

    def convert(self, value, param, ctx):  # noqa: ANN001, ANN201 - click's signature
        if isinstance(value, dt.date):
            return value
        for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(str(value).strip(), fmt).date()
            except ValueError:
                continue
        self.fail(f"Tanggal ditulis seperti 31-01-2022 (bukan {value!r}).", param, ctx)


TANGGAL = Tanggal()
#: ``--triwulan``: 1–4 (a quarterly template or consolidation)
TRIWULAN = click.IntRange(1, 4)


#: exit status of a run stopped by Ctrl-C and by SIGTERM (128 + the signal's number, as shells report)
INTERRUPTED, TERMINATED = 130, 143


_STOPPED = {2: ("Dibatalkan", INTERRUPTED), 15: ("Dihentikan (SIGTERM)", TERMINATED)}


def _on_signal(signum, frame):  # noqa: ANN001, ARG001 - signal handler signature
    """Ctrl-C or SIGTERM: remove the temporary files being written and exit at once.

    Nothing is unwound: an exception raised wherever the signal lands (inside a lock of the
    worker pool, say) could hang the way out. Outputs are written by rename, so none is left
    half-written; worker processes die with this one.
    """
    from lakip_xl.output import remove_temporaries

    what, code = _STOPPED.get(signum, ("Dihentikan", 128 + signum))
    remove_temporaries()
    os.write(2, f"\n{what}; tidak ada berkas keluaran yang setengah jadi.\n".encode())
    os._exit(code)


#: set by :func:`entry` (the ``lakip`` program, ``python -m lakip_xl``): what a command built is kept to the end
_PROGRAM = False
_KEPT: list[object] = []


def _exit(code: int, built: object) -> None:
    """Leave a command with ``code``; as the ``lakip`` program, without freeing ``built`` on the way out.

    A consolidation holds millions of small objects; freeing them one by one as the command's frame
    unwinds and then at interpreter shutdown took 1,8 s at 1.000 units (0,27 s at 100) after the
    summary was printed. :func:`entry` ends the process at once instead; under a test runner
    (``main`` called directly) ``built`` is not kept.
    """
    if _PROGRAM:
        _KEPT.append(built)
    sys.exit(code)


def entry() -> None:
    """The ``lakip`` program: :func:`main`, then the process ends without tearing the interpreter down.

    Everything a command writes is closed by then (outputs are renamed into place, temporary folders
    removed by their ``with``); what is skipped is freeing memory the system takes back anyway, as
    mypy does (``mypy.util.hard_exit``). The exit status is the one ``sys.exit`` would give.
    """
    global _PROGRAM
    _PROGRAM = True
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = _status(exc.code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def _status(code: object) -> int:
    """The exit status of ``SystemExit(code)``, as the interpreter gives it (a message: printed, status 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    with contextlib.suppress(Exception):
        print(code, file=sys.stderr)
    return 1


class LakipGroup(click.Group):
    """The one place where every error of a command becomes a message and an exit code.

    Expected problems are :class:`~lakip_xl.errors.LakipError` (their message, their code);
    Ctrl-C exits 130 and SIGTERM 143, both after the temporary files are removed (:func:`_on_signal`);
    anything else is an internal error: one Indonesian line, the traceback in a log file, exit 2.
    """

    def invoke(self, ctx: click.Context):  # noqa: ANN201 - click's signature
        import signal

        with contextlib.suppress(ValueError):  # not in the main thread (a test runner): leave it
            signal.signal(signal.SIGTERM, _on_signal)
            signal.signal(signal.SIGINT, _on_signal)
        try:
            return super().invoke(ctx)
        except LakipError as exc:
            click.echo(f"Galat: {exc.message}", err=True)
            ctx.exit(exc.exit_code)
        except (KeyboardInterrupt, click.exceptions.Abort):  # where no handler is installed (a test runner)
            click.echo("\nDibatalkan; tidak ada berkas keluaran yang setengah jadi.", err=True)
            ctx.exit(INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # a bug: say so in one line, keep the details for whoever fixes it
            log = _log_internal_error(exc)
            click.echo(f"Galat internal lakip-xl ({type(exc).__name__}). Rincian teknis tersimpan di {log}; "
                       "kirimkan berkas itu kepada pengelola alat ini.", err=True)
            ctx.exit(2)


def _log_internal_error(exc: BaseException) -> str:
    import tempfile
    import traceback

    folder = Path(tempfile.gettempdir()) / "lakip-xl"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"galat-{dt.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
        path.write_text(f"lakip-xl {__version__}\n{' '.join(sys.argv)}\n\n"
                        + "".join(traceback.format_exception(exc)), encoding="utf-8")
        return str(path)
    except OSError:
        return "(log tidak dapat ditulis)"


@click.group(name="lakip", cls=LakipGroup, context_settings=CONTEXT, options_metavar=OPTS,
             subcommand_metavar="PERINTAH [ARGUMEN]...")
@click.version_option(__version__, "-V", "--version", prog_name="lakip", message="%(prog)s %(version)s")
def main() -> None:
    """Menyusun LAKIP (Laporan Kinerja Instansi Pemerintah) dari laporan setiap bidang.

    \b
    Alur kerja setiap tahun:
      1. lakip init FOLDER                 folder kerja dengan Renstra kosong
      2. isi FOLDER/input/renstra.xlsx     (Subbag Perencanaan)
      3. lakip template --renstra … --tahun 2021
                                           satu templat per bidang, kirim lewat surel
      4. simpan laporan yang kembali di FOLDER/input/ (berkas, atau surelnya: .eml, .msg, .mbox)
      5. lakip consolidate FOLDER/input    workbook LAKIP di FOLDER/output/

    Kode keluar: 0 selesai tanpa Galat, 1 selesai dengan Galat, 2 tidak dapat berjalan.
    """


@main.command(context_settings=CONTEXT, options_metavar=OPTS)
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--periode", metavar="AWAL-AKHIR",
              help="Periode Renstra, misalnya 2025-2029 (bawaan: tahun ini sampai 4 tahun lagi).")
def init(folder: Path, periode: str | None) -> None:
    """Menyiapkan FOLDER kerja: input/ dengan Renstra kosong, workbook_templates/, output/."""
    from lakip_xl.templates.renstra import write_renstra

    years = _periode(periode)
    target = folder / "input" / "renstra.xlsx"
    if os.path.lexists(target):
        raise LakipError(f"{target} sudah ada; tidak ditimpa. Hapus dulu atau pilih folder lain.")
    try:
        for sub in ("input", "workbook_templates", "output"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LakipError(f"Folder {folder} tidak dapat disiapkan: {exc.strerror or exc}.") from None
    write_renstra(target, None, years=years)
    click.echo(f"Folder kerja siap: {folder}")
    click.echo(f"  1. Isi Renstra {years[0]}-{years[-1]}: {target}")
    click.echo(f"  2. Buat templat:  lakip template --renstra {target} --tahun {years[0]} "
               f"--out {folder / 'workbook_templates'}")
    click.echo(f"  3. Simpan laporan yang kembali di {folder / 'input'}, lalu: lakip consolidate {folder / 'input'}")


def _periode(text: str | None) -> list[int]:
    from lakip_xl.parse import FIRST_YEAR, LAST_YEAR

    if not text:
        start = dt.date.today().year
        return list(range(start, start + 5))
    parts = text.replace("–", "-").replace(" ", "").split("-")
    try:
        if len(parts) != 2:
            raise ValueError(text)
        a, b = int(parts[0]), int(parts[1])
    except ValueError:
        raise LakipError(f"--periode harus berbentuk AWAL-AKHIR, misalnya 2025-2029 (bukan {text!r}).") from None
    if not (FIRST_YEAR <= a < b <= LAST_YEAR) or b - a > 10:  # a Renstra spans years (five, usually)
        raise LakipError(f"--periode {text} tidak masuk akal; tulis misalnya 2025-2029.")
    return list(range(a, b + 1))


@main.command(context_settings=CONTEXT, options_metavar=OPTS)
@click.option("--renstra", "renstra_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Workbook Renstra (misalnya input/renstra.xlsx).")
@click.option("--tahun", required=True, type=TAHUN, help="Tahun laporan, misalnya 2021.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("workbook_templates"), show_default=True, help="Folder templat.")
@click.option("--bidang", multiple=True, metavar="KODE", help="Hanya bidang ini (boleh berulang).")
@click.option("--paksa", is_flag=True,
              help="Tetap membuat templat walaupun Renstra berisi Galat (baris yang salah bisa hilang dari templat).")
@click.option("--timpa", is_flag=True,
              help="Boleh menimpa berkas di folder templat yang bukan templat kosong (laporan yang sudah diisi!).")
@click.option("--triwulan", type=TRIWULAN, metavar="1-4",
              help="Templat triwulan: kolom realisasi TW I sampai triwulan ini, dengan target Rencana Aksi.")
@click.option("--dari", "dari", type=click.Path(dir_okay=False, path_type=Path), metavar="WORKBOOK",
              help="Workbook konsolidasi triwulan sebelumnya: triwulan yang sudah dilaporkan terisi dan terkunci.")
@click.option("--surel", is_flag=True,
              help="Juga tulis draf surel (.eml) di samping setiap templat, ke alamat Surel bidang itu di Renstra, "
                   "dengan templat terlampir; buka di Outlook/Thunderbird lalu kirim.")
@click.option("--batas-waktu", "batas_waktu", type=TANGGAL, metavar="TANGGAL",
              help="Batas pengiriman kembali yang ditulis di draf surel, misalnya 31-01-2022.")
@click.option("-q", "--quiet", is_flag=True, help="Tanpa bilah kemajuan.")
def template(renstra_path: Path, tahun: int, out_dir: Path, bidang: tuple[str, ...], paksa: bool, timpa: bool,
             triwulan: int | None, dari: Path | None, surel: bool, batas_waktu: dt.date | None, quiet: bool) -> None:
    """Membuat satu templat laporan per bidang dari Renstra, siap dikirim lewat surel.

    Renstra yang berisi Galat ditolak (kode keluar 1, tidak ada templat ditulis): templat dari Renstra
    yang salah membuat setiap bidang mengisi baris yang salah. Betulkan Renstra, atau pakai --paksa.
    Berkas di folder templat yang bukan templat kosong (misalnya laporan yang sudah diisi) tidak pernah
    ditimpa tanpa --timpa.
    """
    from lakip_xl.consolidate import occupied
    from lakip_xl.errors import Refused
    from lakip_xl.findings import GALAT
    from lakip_xl.output import prepare_folder
    from lakip_xl.parse import safe_name
    from lakip_xl.progress import progress_bar
    from lakip_xl.renstra import read_renstra
    from lakip_xl.templates.submission import template_paths, write_templates

    previous = None
    if dari is not None:
        from lakip_xl.templates.dari import read_previous

        previous = read_previous(dari)
        if triwulan is None or previous.tahun != tahun or previous.triwulan >= triwulan:
            raise LakipError(f"--dari {dari.name} berisi triwulan {previous.triwulan} tahun {previous.tahun}; "
                             f"pakai bersama --tahun {previous.tahun} --triwulan "
                             f"{min(previous.triwulan + 1, 4)} (triwulan sesudahnya).")
    renstra, findings = read_renstra(renstra_path, years=[tahun])
    galat = [f for f in findings if f.level == GALAT]
    _print_findings(galat + [f for f in findings if f.level != GALAT], limit=20 if galat else 10,
                    title="Catatan pada Renstra")
    if galat and not paksa:
        raise Refused(f"Renstra berisi {len(galat)} Galat; templat tidak dibuat. Betulkan Renstra lalu ulangi, "
                      "atau tambahkan --paksa untuk tetap membuatnya.")
    if galat:
        click.echo(f"PERHATIAN: templat dibuat dengan --paksa walaupun Renstra berisi {len(galat)} Galat; "
                   "baris yang salah bisa hilang dari templat atau masuk ke bidang yang salah.", err=True)
    if renstra.years and tahun not in renstra.years:
        raise LakipError(f"Tahun {tahun} di luar periode Renstra {renstra.years[0]}-{renstra.years[-1]}.")
    unknown = [b for b in bidang if b not in renstra.bidang]
    if unknown:
        raise LakipError(f"Bidang tidak dikenal: {', '.join(unknown)} (yang ada: {', '.join(renstra.bidang)}).")
    prepare_folder(out_dir)
    codes = list(bidang) or list(renstra.bidang)
    planned = template_paths(renstra, tahun, out_dir, codes, triwulan)
    taken = occupied(planned.values())
    if surel:
        from lakip_xl.drafts import is_lakip_draft

        taken += [(p, "bukan draf surel lakip-xl") for p in (t.with_suffix(".eml") for t in planned.values())
                  if os.path.lexists(p) and not is_lakip_draft(p)]
    if taken and not timpa:
        for path, why in taken:
            click.echo(f"  tidak ditimpa: {safe_name(path.name)} ({why})", err=True)
        raise Refused(f"{len(taken)} berkas di {out_dir} bukan templat kosong; tidak ada templat yang ditulis. "
                      "Pilih folder lain dengan --out (misalnya workbook_templates), atau tambahkan --timpa.")
    with progress_bar(len(codes), "Membuat templat", quiet) as step:
        paths = write_templates(renstra, tahun, out_dir, codes, progress=step, triwulan=triwulan, previous=previous)
    period = f"triwulan {triwulan} tahun {tahun}" if triwulan else f"tahun {tahun}"
    click.echo(f"{len(paths)} templat {period} ditulis di {out_dir}:")
    for p in paths:
        click.echo(f"  {p.name}")
    if surel:
        _template_drafts(renstra, tahun, triwulan, dict(zip(codes, paths)), batas_waktu)


def _template_drafts(renstra, tahun: int, triwulan: int | None, paths: dict[str, Path],  # noqa: ANN001
                     batas_waktu: dt.date | None) -> None:
    """``lakip template --surel``: a draft beside each template; a unit without an address is said."""
    from lakip_xl.drafts import template_draft, write_draft

    if not renstra.pengirim:
        click.echo("Info: Renstra belum berisi Surel Pengirim (lembar Instansi); draf surel tanpa pengirim (From), "
                   "program surel mengisinya dengan akun Anda.")
    written = []
    for kode, path in paths.items():
        b = renstra.bidang[kode]
        draft = template_draft(to=b.surel, sender=renstra.pengirim, instansi=renstra.nama_instansi, kode=kode,
                               nama=b.nama, penanggung_jawab=b.penanggung_jawab, tahun=tahun, triwulan=triwulan,
                               template=path, batas_waktu=batas_waktu)
        written.append(write_draft(path.with_suffix(".eml"), draft))
        if not b.surel:
            click.echo(f"Peringatan: {b.nama} ({kode}) belum punya alamat Surel di lembar Bidang Renstra; "
                       f"draf {path.with_suffix('.eml').name} tanpa penerima (To), isi sendiri sebelum dikirim.")
    click.echo(f"{len(written)} draf surel ditulis di samping templatnya (buka berkas .eml, periksa, lalu kirim).")


@main.command(context_settings=CONTEXT, options_metavar=OPTS)
@click.argument("input_dir", required=False, default=Path("input"),
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--renstra", "renstra_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Workbook Renstra (bawaan: INPUT_DIR/renstra.xlsx).")
@click.option("--tahun", type=TAHUN, help="Tahun laporan (bawaan: tahun pada laporan bidang).")
@click.option("-o", "--output", metavar="BERKAS",
              help="Workbook keluaran .xlsx, atau folder (diakhiri /) untuk nama bawaan "
                   "(bawaan: output/LAKIP_<tahun>_<singkatan>.xlsx di samping INPUT_DIR).")
@click.option("--timpa", is_flag=True, help="Boleh menimpa berkas -o yang bukan workbook LAKIP dari lakip-xl.")
@click.option("--strict", is_flag=True, help="Peringatan juga dihitung sebagai Galat (kode keluar 1).")
@click.option("--pengaturan", "settings_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Berkas TOML: skala predikat, rumus Negatif, batas (lihat README); atau "
                   "'permendagri86' untuk skala lima tingkat Permendagri 86/2017.")
@click.option("--triwulan", type=TRIWULAN, metavar="1-4",
              help="Konsolidasi triwulan (bawaan: triwulan pada laporan bidang; tanpa itu laporan tahunan).")
@click.option("--pdf", is_flag=True, help="Juga buat PDF workbook dengan LibreOffice (bila terpasang).")
@click.option("--perbaikan", is_flag=True,
              help="Untuk setiap bidang yang laporannya bertemuan: salinan laporannya dengan sel bermasalah ditandai "
                   "dan draf surel ke bidang itu, di folder perbaikan/ samping workbook LAKIP.")
@click.option("--surel-ke", "surel_ke", multiple=True, metavar="ALAMAT",
              help="Draf surel (.eml) berisi workbook LAKIP (dan PDF dengan --pdf) ke alamat ini (boleh berulang).")
@click.option("-q", "--quiet", is_flag=True, help="Tanpa bilah kemajuan.")
def consolidate(input_dir: Path, renstra_path: Path | None, tahun: int | None, output: str | None, timpa: bool,
                strict: bool, settings_path: Path | None, triwulan: int | None, pdf: bool, perbaikan: bool,
                surel_ke: tuple[str, ...], quiet: bool) -> None:
    """Membaca semua laporan di INPUT_DIR (bawaan: input/), memeriksa, menghitung, dan menulis workbook LAKIP.

    Laporan boleh berupa workbook (.xlsx, .xlsm, .xls, .ods) atau surel yang disimpan (.eml, .msg Outlook,
    .mbox) dengan laporan terlampir; lampirannya dibaca tanpa disimpan ke INPUT_DIR.
    """
    from lakip_xl.consolidate import consolidate as run_consolidate
    from lakip_xl.consolidate import discover
    from lakip_xl.progress import progress_bar
    from lakip_xl.settings import load_settings

    from lakip_xl.output import check_target

    settings = load_settings(settings_path)
    recipients = _recipients(surel_ke)
    if not input_dir.is_dir():  # a mistyped folder is said as such, not as a missing Renstra
        raise InputError(f"Folder masukan tidak ditemukan: {input_dir}. Sebutkan folder berisi renstra.xlsx "
                         "dan laporan bidang, misalnya: lakip consolidate lakip2025/input")
    renstra_path = renstra_path or input_dir / "renstra.xlsx"
    target = folder = None
    if output is not None:
        if output.endswith(("/", os.sep)) or Path(output).is_dir():
            folder = Path(output)  # "-o keluaran/": the default name in that folder
        else:
            target = check_target(Path(output))  # a wrong suffix or a pipe is said now, not after the run
    n = len(discover(input_dir, renstra_path)[0]) if input_dir.is_dir() else 0
    n += _mail_count(input_dir)
    with progress_bar(n, "Membaca laporan", quiet) as step:
        run = run_consolidate(input_dir, renstra_path, tahun=tahun, output=target, output_dir=folder,
                              overwrite=timpa, settings=settings, progress=step, triwulan=triwulan)
    made = None
    if pdf and run.output is not None:
        from lakip_xl.libreoffice import convert

        try:
            made = convert(run.output, "pdf", run.output.parent)
        except LakipError as exc:
            click.echo(f"Catatan: {exc.message}", err=True)
    _summary(run, strict, pdf=made)
    if perbaikan and run.output is not None:
        _corrections(run, input_dir)
    if recipients and run.output is not None:
        _final_draft(run, recipients, made)
    _exit(run.exit_code(strict), run)


def _recipients(values: tuple[str, ...]) -> list[str]:
    """``--surel-ke``: addresses checked before the run (a typo is said now, not after a minute's work)."""
    from lakip_xl.addresses import parse_addresses

    good, bad = parse_addresses("; ".join(values))
    if bad:
        raise LakipError(f"--surel-ke: alamat surel tidak sah: {', '.join(bad)} (tulis seperti nama@instansi.go.id).")
    return good


def _corrections(run, input_dir: Path) -> None:  # noqa: ANN001
    """``--perbaikan``: each unit's own workbook with its problems marked, and a draft to it."""
    from lakip_xl.corrections import FOLDER, write_corrections

    folder = run.output.parent / FOLDER
    protect = {p for p in input_dir.iterdir() if p.is_file()} | set(run.files)
    made = write_corrections(run, folder, protect=protect)
    written = {p for c in made for p in (c.workbook, c.draft)}
    stale = sorted(p.name for p in folder.glob("*_perbaikan.*") if p not in written) if folder.is_dir() else []
    if not made:
        click.echo("Perbaikan: tidak ada laporan bidang yang bertemuan; tidak ada berkas perbaikan.")
    else:
        click.echo(f"Perbaikan: {len(made)} bidang, berkas dan draf surel di {folder}:")
    for c in made:
        click.echo(f"  {c.nama} ({c.kode}): {len(c.findings)} temuan -> {c.workbook.name}, {c.draft.name}")
        if c.no_address:
            click.echo(f"  Peringatan: {c.nama} ({c.kode}) belum punya alamat Surel di lembar Bidang Renstra; "
                       f"draf {c.draft.name} tanpa penerima (To).")
        if c.list_only:
            click.echo(f"  Info: laporan {c.nama} bukan .xlsx; berkas perbaikannya hanya berisi daftar temuan.")
    if stale:
        click.echo(f"  Info: berkas perbaikan dari pemeriksaan sebelumnya, tidak berlaku lagi (hapus bila tidak "
                   f"perlu): {', '.join(stale)}")


def _final_draft(run, recipients: list[str], pdf: Path | None) -> None:  # noqa: ANN001
    """``--surel-ke``: the finished LAKIP as a draft, its figures those of the summary above."""
    from lakip_xl.drafts import GATEWAY_LIMIT, Summary, final_draft, write_draft
    from lakip_xl.findings import GALAT, INFO, PERINGATAN
    from lakip_xl.report.workbook import document_date

    fig = _figures(run)
    files = [run.output] + ([pdf] if pdf is not None else [])
    attachments = [(p.name, p.read_bytes()) for p in files]
    summary = Summary(instansi=fig["instansi"], period=fig["period"], nilai=fig["nilai"], predikat=fig["predikat"],
                      pagu=fig["pagu"], realisasi=fig["realisasi"], serapan=fig["serapan"], sent=fig["sent"],
                      missing=fig["missing"], galat=run.count(GALAT), peringatan=run.count(PERINGATAN),
                      info=run.count(INFO))
    draft = final_draft(to=recipients, sender=run.renstra.pengirim, summary=summary, tahun=run.tahun,
                        triwulan=run.result.triwulan, attachments=attachments, date=document_date(run.tahun))
    path = write_draft(run.output.with_suffix(".eml"), draft)
    click.echo(f"Draf surel        : {path} (ke {', '.join(recipients)})")
    if draft.attachment_bytes > GATEWAY_LIMIT:
        sizes = ", ".join(f"{name} {_mb(len(data))}" for name, data in attachments)
        click.echo(f"Peringatan: lampiran draf surel {_mb(draft.attachment_bytes)} ({sizes}), di atas batas umum "
                   f"{_mb(GATEWAY_LIMIT)} server surel; kirim lewat tautan berbagi, atau kirim PDF dan workbook terpisah.")


def _mb(n: int) -> str:
    from decimal import Decimal

    from lakip_xl.parse import format_number

    return f"{format_number(Decimal(n) / (1024 * 1024), 1)} MB"


@main.command(context_settings=CONTEXT, options_metavar=OPTS)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--renstra", "renstra_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("input/renstra.xlsx"), show_default=True, help="Workbook Renstra.")
@click.option("--tahun", type=TAHUN, help="Tahun laporan (bawaan: tahun pada berkas).")
@click.option("--strict", is_flag=True, help="Peringatan juga dihitung sebagai Galat (kode keluar 1).")
@click.option("--pengaturan", "settings_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Berkas TOML pengaturan (lihat README), atau 'permendagri86'.")
def check(files: tuple[Path, ...], renstra_path: Path, tahun: int | None, strict: bool,
          settings_path: Path | None) -> None:
    """Memeriksa satu atau beberapa laporan bidang sebelum dikirim (tanpa menulis workbook)."""
    from lakip_xl.consolidate import check as run_check
    from lakip_xl.settings import load_settings

    run = run_check(list(files), renstra_path, tahun=tahun, settings=load_settings(settings_path))
    _print_findings(run.findings, limit=200, title="Temuan")
    from lakip_xl.findings import GALAT, INFO, PERINGATAN

    click.echo(f"{len(files)} berkas diperiksa: {run.count(GALAT)} Galat, {run.count(PERINGATAN)} Peringatan, "
               f"{run.count(INFO)} Info.")
    if run.renstra_findings:
        click.echo(f"Catatan: Renstra {renstra_path.name} sendiri berisi {len(run.renstra_findings)} temuan; "
                   "itu urusan Subbag Perencanaan, bukan laporan ini.")
    unfinished = [f for f in run.findings if f.rule == "laporan-belum-lengkap"]
    if unfinished:
        click.echo("Belum siap dikirim: laporan belum lengkap (lihat 'laporan-belum-lengkap' di atas). Lengkapi, "
                   "atau tulis di Penjelasan mengapa datanya belum ada.")
    elif run.exit_code(strict) == 0:
        click.echo("Siap dikirim." if not run.count(PERINGATAN) else "Boleh dikirim; periksa Peringatan di atas.")
    _exit(run.exit_code(strict), run)


# --------------------------------------------------------------------------- #


def _mail_count(folder: Path) -> int:
    """Saved mail in the input folder (about one report each), for the progress bar."""
    from lakip_xl.mail import is_mail

    try:
        return sum(1 for p in folder.iterdir() if is_mail(p))
    except OSError:
        return 0


def _print_findings(findings, limit: int, title: str) -> None:  # noqa: ANN001
    if not findings:
        return
    click.echo(f"{title}:")
    for f in findings[:limit]:
        where = f"{f.sheet}!{f.cell}" if f.cell else f.sheet
        loc = " ".join(x for x in (f.file, where) if x)
        click.echo(f"  {f.level.label:<10} {f.rule:<24} {loc}")
        click.echo(f"  {'':<10} {f.message}")
    if len(findings) > limit:
        click.echo(f"  … dan {len(findings) - limit} temuan lain.")


def _figures(run) -> dict:  # noqa: ANN001
    """The figures of a consolidation as the summary shows them (and the ``--surel-ke`` draft, the same words)."""
    from lakip_xl.parse import format_number, format_percent, format_rupiah

    res = run.result
    return {
        "instansi": res.instansi.get("nama instansi", ""),
        "period": f"LAKIP {run.tahun}" if res.triwulan is None
        else f"Laporan triwulan {'I II III IV'.split()[res.triwulan - 1]} {run.tahun}",
        "nilai": format_number(res.nilai, 1) if res.nilai is not None else "-",
        "predikat": res.predikat or "belum dapat dihitung",
        "pagu": format_rupiah(res.total_pagu),
        "realisasi": format_rupiah(res.total_realisasi),
        "serapan": format_percent(res.total_serapan),
        "sent": [f"{u.nama} ({u.kode})" for u in res.units if u.file is not None],
        "missing": [f"{u.nama} ({u.kode})" for u in res.units if u.file is None and u.rows_due],
    }


def _summary(run, strict: bool, pdf: Path | None = None) -> None:  # noqa: ANN001
    from lakip_xl.findings import GALAT, INFO, PERINGATAN
    from lakip_xl.parse import format_rupiah

    res = run.result
    fig = _figures(run)
    read = sum(1 for x in run.loaded if x.submission is not None)
    missing = fig["missing"]
    galat = [f for f in run.findings if f.level == GALAT]
    period = fig["period"] if res.triwulan is None else f"{fig['period']} (realisasi sampai triwulan ini)"
    click.echo(f"{period} — {fig['instansi']}")
    mailed = [x for x in run.loaded if x.source is not None]
    via = f" ({len(mailed)} lampiran dari {len({x.source.mail.file for x in mailed})} surel)" if mailed else ""
    click.echo(f"  Berkas dibaca     : {read} laporan bidang dari {len(run.files)} workbook{via}")
    click.echo(f"  Belum mengirim    : {', '.join(missing) if missing else '-'}")
    click.echo(f"  Temuan            : {run.count(GALAT)} Galat, {run.count(PERINGATAN)} Peringatan, "
               f"{run.count(INFO)} Info (rinciannya di lembar Validasi)")
    click.echo(f"  Nilai capaian     : {fig['nilai']} ({fig['predikat']})")
    click.echo(f"  Anggaran          : pagu {fig['pagu']}, realisasi {fig['realisasi']}, serapan {fig['serapan']}")
    if res.unplaced_pagu or res.unplaced_realisasi:
        click.echo(f"  Tidak ditempatkan : pagu {format_rupiah(res.unplaced_pagu)}, realisasi "
                   f"{format_rupiah(res.unplaced_realisasi)} dari laporan bidang tidak dihitung (lihat Galat)")
    if run.output is not None:
        click.echo(f"  Hasil             : {run.output}")
    if pdf is not None:
        click.echo(f"  PDF               : {pdf}")
    if galat:
        _print_findings(galat, limit=10, title="Galat yang perlu diperbaiki")
    if strict and run.count(PERINGATAN) and not galat:
        click.echo("Mode --strict: Peringatan dihitung sebagai Galat.")
