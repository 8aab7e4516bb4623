"""Rules on rows: each submitted IKU and program row against the Renstra."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from lakip_xl.findings import Finding, finding
from lakip_xl.model import Iku, ProgramRow, Renstra, Submission, SubmittedIku, SubmittedProgram
from lakip_xl.parse import norm_key
from lakip_xl.rules.context import Consolidation

_SATUAN_ALIASES = {"persen": "%", "prosen": "%", "persentase": "%", "rp": "rupiah", "rp.": "rupiah"}


def reconcile(renstra: Renstra, units: dict[str, Submission | None], tahun: int,
              findings: list[Finding]) -> Consolidation:
    """Match submitted rows to Renstra rows; the owner's row wins, another unit's row fills a gap."""
    data = Consolidation(renstra, tahun, units)
    iku_by_code = renstra.iku_by_code()
    iku_numeric = _numeric_aliases(iku_by_code)
    prog_by_key = renstra.program_by_key()
    prog_codes = renstra.program_codes()
    foreign_iku: list[tuple[Submission, SubmittedIku]] = []
    foreign_prog: list[tuple[Submission, SubmittedProgram]] = []

    for kode, sub in units.items():
        if sub is None:
            continue
        seen: dict[object, int] = {}
        for item in sub.iku:
            code = item.kode_indikator
            if code not in iku_by_code and code in iku_numeric:
                code = item.kode_indikator = iku_numeric[code]
            ref = iku_by_code.get(code)
            if ref is None:
                findings.append(finding("kode-tidak-dikenal", sub.name, "IKU", item.cells["kode"],
                                        kolom="Kode Indikator", kode=code))
                continue
            if code in seen:
                findings.append(finding("baris-ganda", sub.name, "IKU", item.cells["kode"], kode=code,
                                        indikator=ref.indikator, baris_lain=seen[code]))
                continue
            seen[code] = item.row
            if ref.bidang != kode:
                foreign_iku.append((sub, item))
                continue
            data.iku[code] = (sub, item)
        for item in sub.program:
            if item.kode not in prog_codes:
                findings.append(finding("kode-tidak-dikenal", sub.name, "Program", item.cells["kode"],
                                        kolom="Kode", kode=item.kode))
                continue
            key = _program_key(item, prog_codes[item.kode], prog_by_key)
            if key is None:
                findings.append(finding("indikator-tidak-dikenal", sub.name, "Program", item.cells["indikator"],
                                        kode=item.kode, indikator=item.indikator or "(kosong)"))
                continue
            if key in seen:
                findings.append(finding("baris-ganda", sub.name, "Program", item.cells["kode"], kode=item.kode,
                                        indikator=item.indikator or "-", baris_lain=seen[key]))
                continue
            seen[key] = item.row
            ref_row = prog_by_key[key]
            if ref_row.bidang != kode:
                foreign_prog.append((sub, item))
                continue
            data.program[key] = (sub, item)

    for sub, item in foreign_iku:
        ref = iku_by_code[item.kode_indikator]
        used = item.kode_indikator not in data.iku and units.get(ref.bidang) is None
        if used:
            data.iku[item.kode_indikator] = (sub, item)
        findings.append(finding("baris-bidang-lain", sub.name, "IKU", item.cells["kode"], kode=item.kode_indikator,
                                indikator=ref.indikator, pemilik=_unit(renstra, ref.bidang),
                                bidang=_unit(renstra, sub.bidang), tindakan=_action(used, renstra, ref.bidang)))
    for sub, item in foreign_prog:
        key = _program_key(item, prog_codes[item.kode], prog_by_key)
        assert key is not None
        ref_row = prog_by_key[key]
        used = key not in data.program and units.get(ref_row.bidang) is None
        if used:
            data.program[key] = (sub, item)
        findings.append(finding("baris-bidang-lain", sub.name, "Program", item.cells["kode"], kode=item.kode,
                                indikator=ref_row.indikator or "-", pemilik=_unit(renstra, ref_row.bidang),
                                bidang=_unit(renstra, sub.bidang), tindakan=_action(used, renstra, ref_row.bidang)))
    return data


def _action(used: bool, renstra: Renstra, owner: str) -> str:
    if used:
        return f"nilainya dipakai karena {_unit(renstra, owner)} belum mengirim"
    return "baris ini tidak dipakai"


def _unit(renstra: Renstra, kode: str | None) -> str:
    b = renstra.bidang.get(kode or "")
    return b.nama if b else (kode or "-")


def _program_key(item: SubmittedProgram, rows: list[ProgramRow],
                 by_key: dict[tuple[str, str], ProgramRow]) -> tuple[str, str] | None:
    """The Renstra row a submitted row reports: by (kode, indikator), or the code's only row."""
    if item.key in by_key:
        return item.key
    if len(rows) == 1:
        return rows[0].key  # indikator empty or retyped: the code alone identifies the row
    return None


def _numeric_aliases(codes: dict[str, Iku]) -> dict[str, str]:
    """IKU codes Excel may have turned into numbers: '1.10' read back as '1.1'."""
    out: dict[str, str] = {}
    for code in codes:
        try:
            value = Decimal(code.replace(",", "."))
        except InvalidOperation:
            continue
        out.setdefault(format(value.normalize(), "f"), code)
    return out


# --------------------------------------------------------------------------- #


def check_rows(data: Consolidation, findings: list[Finding]) -> None:
    renstra, tahun = data.renstra, data.tahun
    for iku in renstra.iku:
        got = data.iku.get(iku.kode_indikator)
        if got is None:
            continue
        sub, item = got
        _compare(findings, sub, "IKU", item, iku.target(tahun), iku.satuan, iku.polaritas, tahun)
        if item.realisasi is None and iku.target(tahun) is not None:
            findings.append(finding("realisasi-kosong", sub.name, "IKU", item.cells["realisasi"],
                                    kode=iku.kode_indikator, indikator=iku.indikator))
        prev = renstra.riwayat.get((iku.kode_indikator, tahun - 1))
        target = iku.target(tahun)
        if item.realisasi is not None and prev is not None and item.realisasi == prev == target:
            findings.append(finding("realisasi-sama-tahun-lalu", sub.name, "IKU", item.cells["realisasi"],
                                    kode=iku.kode_indikator, nilai=item.realisasi, tahun_lalu=tahun - 1))
    for row in renstra.program:
        got = data.program.get(row.key)
        if got is None:
            sub = data.units.get(row.bidang)
            if sub is not None and row.in_year(tahun):
                findings.append(finding("baris-tidak-dilaporkan", sub.name, "Program", "", kode=row.kode,
                                        indikator=row.indikator or "-", tahun=tahun,
                                        bidang=renstra.bidang[row.bidang].nama if row.bidang in renstra.bidang else row.bidang))
            continue
        sub, item = got
        _compare(findings, sub, "Program", item, row.targets.get(tahun), row.satuan, row.polaritas, tahun)
        if item.realisasi is None and row.targets.get(tahun) is not None:
            findings.append(finding("realisasi-kosong", sub.name, "Program", item.cells["realisasi"],
                                    kode=row.kode, indikator=row.indikator or "-"))


def _compare(findings: list[Finding], sub: Submission, sheet: str, item: SubmittedIku | SubmittedProgram,
             target: Decimal | None, satuan: str | None, polaritas: str, tahun: int) -> None:
    if item.target is not None and target is not None and item.target != target:
        findings.append(finding("target-berbeda", sub.name, sheet, item.cells["target"], terbaca=item.target,
                                renstra=target, tahun=tahun))
    if item.target is not None and target is None:
        findings.append(finding("target-berbeda", sub.name, sheet, item.cells["target"], terbaca=item.target,
                                renstra="kosong", tahun=tahun))
    if item.satuan and satuan and _satuan(item.satuan) != _satuan(satuan):
        findings.append(finding("satuan-berbeda", sub.name, sheet, item.cells["satuan"], terbaca=item.satuan,
                                renstra=satuan))
    if item.polaritas and item.polaritas != polaritas:
        findings.append(finding("polaritas-berbeda", sub.name, sheet, item.cells["polaritas"],
                                terbaca=item.polaritas, renstra=polaritas))


def _satuan(text: str) -> str:
    key = norm_key(text)
    return _SATUAN_ALIASES.get(key, key)
