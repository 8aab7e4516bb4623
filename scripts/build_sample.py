"""Build the bundled sample data from the seed's figures.

    python scripts/build_sample.py

1. ``data/sample/dkump_2021.json`` (made by ``scripts/seed_extract.py`` from
   the seed's reference JSON) → ``input/renstra.xlsx`` with lakip-xl's own
   Renstra writer;
2. ``lakip template`` for 2021 → ``workbook_templates/`` (blank, ready to email);
3. each template filled the way a clerk would, with openpyxl, from the seed's
   2021 realisations, DPA budgets and texts → ``input/LAKIP_2021_<bidang>.xlsx``.

The filled workbooks are what the tests consolidate and compare with the
seed. Run it again after changing the templates or the dataset.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lakip_xl.parse import norm_key  # noqa: E402
from lakip_xl.renstra import read_renstra  # noqa: E402
from lakip_xl.templates.renstra import write_renstra  # noqa: E402
from lakip_xl.templates.submission import HEADER_ROW, write_templates  # noqa: E402

DATASET = ROOT / "data" / "sample" / "dkump_2021.json"
YEAR = 2021

#: Who "filled" each unit's workbook and when (fictitious clerks; dates in early 2022).
CLERKS = {
    "SEK": ("Staf Subbag Perencanaan", "Analis Perencanaan", dt.datetime(2022, 1, 14)),
    "DAG": ("Staf Bidang Perdagangan", "Pengelola Data Perdagangan", dt.datetime(2022, 1, 17)),
    "PSR": ("Staf Bidang Pasar", "Pengelola Sarana Pasar", dt.datetime(2022, 1, 17)),
    "IND": ("Staf Bidang Perindustrian", "Analis Industri", dt.datetime(2022, 1, 18)),
    "KUM": ("Staf Bidang Koperasi dan Usaha Mikro", "Pengawas Koperasi", dt.datetime(2022, 1, 19)),
    "MET": ("Staf UPT Metrologi Legal", "Penera", dt.datetime(2022, 1, 19)),
}

#: Where each unit's template is mailed (fictitious addresses of the reserved .example domain: no real
#: inbox), and the secretariat's sender address (Renstra Instansi row ``Surel Pengirim``).
SUREL = {kode: f"{kode.lower()}@dkump.example" for kode in CLERKS}
SUREL_PENGIRIM = "Subbag Perencanaan DKUMP <perencanaan@dkump.example>"


def add_contacts(data: dict) -> None:
    """The Renstra's optional contacts: Surel and Penanggung Jawab per unit, Surel Pengirim."""
    for b in data["bidang"]:
        b.setdefault("surel", SUREL.get(b["kode"]))
        b.setdefault("penanggung_jawab", CLERKS.get(b["kode"], ("",))[0] or None)
    data["instansi"].setdefault("Surel Pengirim", SUREL_PENGIRIM)


def main(root: Path = ROOT) -> None:
    data = json.loads(DATASET.read_text(encoding="utf-8"))
    add_contacts(data)
    program_ik = data["perjanjian_kinerja"]["program_ik"]
    sasaran_of = {p["kode"]: p["kode_sasaran"] for p in data["program"] if p["kode"].count(".") == 2}
    tujuan = {t["kode_tujuan"]: t["tujuan"] for t in data["tujuan"]}
    for iku in data["iku"]:
        iku.setdefault("tujuan", tujuan.get(iku["kode_tujuan"]))
        iks = sorted({ik for code, ik in program_ik.items() if sasaran_of.get(code) == iku["kode_sasaran"]})
        iku["kode_indikator_tujuan"] = "/".join(iks) or None
    input_dir = root / "input"
    templates_dir = root / "workbook_templates"
    input_dir.mkdir(exist_ok=True)
    templates_dir.mkdir(exist_ok=True)
    for old in list(input_dir.glob("*.xlsx")) + list(templates_dir.glob("*.xlsx")):
        old.unlink()

    renstra_path = write_renstra(input_dir / "renstra.xlsx", data)
    renstra, findings = read_renstra(renstra_path)
    for f in findings:
        print(f"  renstra: {f.level.label} {f.rule} {f.sheet}!{f.cell}: {f.message}")
    paths = write_templates(renstra, YEAR, templates_dir)
    print(f"renstra: {renstra_path.relative_to(root)} ({len(renstra.iku)} IKU, {len(renstra.program)} baris program)")
    print(f"templates: {len(paths)} in {templates_dir.relative_to(root)}/")

    real = data["realisasi_2021"]
    for path in paths:
        kode = path.name.split("_")[2]
        target = input_dir / path.name
        shutil.copyfile(path, target)
        n = fill(target, kode, real)
        print(f"  {target.relative_to(root)}: {n} nilai diisi")


def _dec(text: str | None) -> float | int | None:
    if text is None:
        return None
    d = Decimal(text)
    return int(d) if d == d.to_integral_value() else float(d)


def fill(path: Path, kode: str, real: dict) -> int:
    """Fill a template as a clerk would: only the unlocked input cells."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    clerk, jabatan, when = CLERKS[kode]
    ws = wb["Identitas"]
    for row in ws.iter_rows(min_row=HEADER_ROW + 2):
        attr = row[0].value
        if attr == "Disusun Oleh":
            row[1].value = clerk
        elif attr == "Jabatan":
            row[1].value = jabatan
        elif attr == "Tanggal":
            row[1].value = when
            row[1].number_format = "dd-mm-yyyy"
        elif attr == "Kontak":
            row[1].value = "dkump@pontianakkota.go.id"
    count = 0
    ws = wb["IKU"]
    for row in ws.iter_rows(min_row=HEADER_ROW + 2):
        got = real["iku"].get(row[0].value)
        if not got:
            continue
        for col, key in ((6, "realisasi"), (7, "penyebab"), (8, "solusi")):
            value = _dec(got.get(key)) if key == "realisasi" else got.get(key)
            if value is not None:
                row[col].value = value
                count += 1
    by_key = {(p["kode"], norm_key(p["indikator"])): p for p in real["program"]}
    ws = wb["Program"]
    for row in ws.iter_rows(min_row=HEADER_ROW + 2):
        got = by_key.get((row[0].value, norm_key(row[2].value)))
        if not got:
            continue
        for col, key in ((6, "realisasi"), (8, "pagu"), (9, "realisasi_anggaran"), (10, "penjelasan")):
            value = got.get(key)
            if value is None:
                continue
            if key != "penjelasan" and row[col].data_type == "f":
                continue  # a SUM of the rows below: computed, not typed
            row[col].value = value if key == "penjelasan" else _dec(value)
            count += 1
    if "Keuangan" in wb.sheetnames:  # the Sekretariat's: Tabel 1.9's pendapatan and belanja per jenis
        count += fill_keuangan(wb["Keuangan"], real.get("keuangan", []))
    if "Pegawai Golongan" in wb.sheetnames:  # the Sekretariat's too: Tabel 1.1-1.7
        count += fill_kepegawaian(wb, real["kepegawaian"])
    fixed = dt.datetime(YEAR + 1, 1, 20)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.properties.lastModifiedBy = clerk
    wb.save(path)
    _fix_times(path, fixed)
    return count


def fill_keuangan(ws, rows: list[dict]) -> int:  # noqa: ANN001
    """Pendapatan lines into the empty rows, belanja per jenis onto the listed accounts."""
    count = 0
    pendapatan = iter(r for r in rows if r["kelompok"] == "Pendapatan")
    belanja = {r["kode"]: r for r in rows if r["kelompok"] != "Pendapatan"}
    for row in ws.iter_rows(min_row=HEADER_ROW + 2):
        if row[0].value == "Pendapatan":
            got = next(pendapatan, None)
            if got is None:
                continue
            row[2].value = got["uraian"]
        else:
            got = belanja.get(row[1].value)
            if got is None:
                continue
        row[3].value, row[4].value = _dec(got["anggaran"]), _dec(got["realisasi"])
        count += 2
    return count


def fill_kepegawaian(wb, staff: dict) -> int:  # noqa: ANN001
    """The staff figures into the four Pegawai sheets, by their header labels (data/sample/NOTES.md)."""
    def table(name):  # noqa: ANN001, ANN202
        ws = wb[name]
        cols = {c.value: c.column for c in ws[HEADER_ROW + 1] if c.value}
        return ws, cols, list(ws.iter_rows(min_row=HEADER_ROW + 2))

    count = 0
    ws, cols, rows = table("Pegawai Golongan")
    for i, row in enumerate(rows):  # the seed's eight units replace the Renstra's names
        unit = staff["penempatan"][i] if i < len(staff["penempatan"]) else None
        ws.cell(row[0].row, 1).value = unit["unit"] if unit else None
        for label, value in (unit["cells"].items() if unit else ()):
            ws.cell(row[0].row, cols[label]).value = value
            count += 1
    ws, cols, rows = table("Pegawai Pendidikan")
    by_level = {x["pendidikan"]: x for x in staff["pendidikan"]}
    for row in rows:
        got = by_level.get(row[0].value)
        if got:
            ws.cell(row[0].row, cols["Laki-laki"]).value, ws.cell(row[0].row, cols["Perempuan"]).value = got["L"], got["P"]
            count += 2
    ws, cols, rows = table("Pegawai Jabatan")
    by_eselon = {x["eselon"]: x for x in staff["jabatan"]}
    for row in rows:
        got = by_eselon.get(row[0].value)
        if got:
            ws.cell(row[0].row, cols["Jabatan"]).value = got["jabatan"]
            ws.cell(row[0].row, cols["Jumlah"]).value = got["jumlah"]
            count += 1
    ws, cols, rows = table("Pegawai Tahunan")
    by_year = {x["tahun"]: x["cells"] for x in staff["tahunan"]}
    for row in rows:
        for label, value in by_year.get(row[0].value, {}).items():
            ws.cell(row[0].row, cols[label]).value = value
            count += 1
    return count


def _fix_times(path: Path, when: dt.datetime) -> None:
    """openpyxl stamps the time of saving and the zip members' times: fixed, so a rebuild changes no byte."""
    import re
    import zipfile

    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as zf:
        members = [(i.filename, zf.read(i.filename)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            info = zipfile.ZipInfo(name, when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)


if __name__ == "__main__":
    main()
