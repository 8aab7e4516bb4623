"""The 2021 sample as a quarterly cycle, made for the tests from the seed's figures.

The sample's dataset gains an ``Akumulasi`` per indicator (counts ``Jumlah``, percentages ``Terakhir``,
one IKU ``Rata-rata``) and a Rencana Aksi (targets up to each quarter, anggaran kas per quarter); each
yearly realisasi is split into four quarters that combine back to it exactly by that Akumulasi, and each
realisasi anggaran into four amounts that add up to it. The same Renstra then feeds both routes:
yearly templates filled with the yearly figures, and quarterly templates filled with the quarters.
Nothing here imports lakip_xl's computations: the splits are plain arithmetic on the seed's figures.
"""

from __future__ import annotations

import copy
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "data" / "sample" / "dkump_2021.json"
YEAR = 2021
COUNTED = {"kali", "unit", "dokumen", "orang", "usaha", "produk", "laporan", "izin", "item", "dok/lap", "data",
           "stel", "industri", "pasar", "sub kegiatan", "bulan", "semester", "ton", "ASN"}
#: the IKU whose quarters are averaged (a percentage measured each quarter)
AVERAGED = "IKU02"
CENT = Decimal("0.01")
TW_NAMES = ("I", "II", "III", "IV")


def akumulasi_of(satuan: str | None, kode: str = "") -> str:
    if kode == AVERAGED:
        return "Rata-rata"
    return "Jumlah" if satuan in COUNTED else "Terakhir"


def _d(text) -> Decimal | None:  # noqa: ANN001
    return None if text is None else Decimal(str(text))


def _r(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def split(value: Decimal, akumulasi: str) -> list[Decimal]:
    """Four quarters that give ``value`` back: their sum (Jumlah), the last (Terakhir), their mean (Rata-rata)."""
    if akumulasi == "Jumlah":
        parts = [_r(value * Decimal(w)) for w in ("0.2", "0.3", "0.25")]
        return parts + [value - sum(parts)]
    if akumulasi == "Rata-rata":
        parts = [_r(value * Decimal(w)) for w in ("0.9", "1.1", "0.95")]
        return parts + [4 * value - sum(parts)]
    return [_r(value * Decimal(w)) for w in ("0.4", "0.6", "0.8")] + [value]


def split_money(value: Decimal) -> list[Decimal]:
    """Four whole-rupiah amounts adding up to ``value``."""
    parts = [(value * Decimal(w)).to_integral_value(rounding=ROUND_HALF_UP) for w in ("0.15", "0.25", "0.3")]
    return parts + [value - sum(parts)]


def dataset() -> dict:
    """The sample's dataset with Akumulasi and a Rencana Aksi, and ``quarters``: what each row reports."""
    data = copy.deepcopy(json.loads(DATASET.read_text(encoding="utf-8")))
    plan = []
    for iku in data["iku"]:
        iku["akumulasi"] = akumulasi_of(iku.get("satuan"), iku["kode_indikator"])
        t = _d(iku["target"].get(str(YEAR)))
        if t is not None:
            plan.append({"tahun": YEAR, "kode": iku["kode_indikator"], "indikator": None,
                         "target": [str(_r(t * k / 4)) for k in (1, 2, 3)] + [str(t)], "kas": None})
    real = data["realisasi_2021"]
    budget = {(p["kode"], p["indikator"]): p for p in real["program"]}
    for p in data["program"]:
        p["akumulasi"] = akumulasi_of(p.get("satuan"))
        t = _d(p["target"].get(str(YEAR)))
        got = budget.get((p["kode"], p["indikator"]))
        pagu = _d(got.get("pagu")) if got else None
        if t is None and pagu is None:
            continue
        plan.append({"tahun": YEAR, "kode": p["kode"], "indikator": p["indikator"],
                     "target": [str(_r(t * k / 4)) for k in (1, 2, 3)] + [str(t)] if t is not None else None,
                     "kas": [str(x) for x in split_money(pagu)] if pagu is not None else None})
    data["rencana_aksi"] = plan
    return data


def quarters_of(data: dict) -> dict:
    """What each row of the sample reports per quarter: {("iku", code) | (code, indikator): {...}}."""
    out = {}
    real = data["realisasi_2021"]
    acc = {i["kode_indikator"]: i["akumulasi"] for i in data["iku"]}
    for kode, got in real["iku"].items():
        r = _d(got.get("realisasi"))
        out[("iku", kode)] = {"realisasi": split(r, acc[kode]) if r is not None else None}
    acc_p = {(p["kode"], p["indikator"]): p["akumulasi"] for p in data["program"]}
    for p in real["program"]:
        key = (p["kode"], p["indikator"])
        r = _d(p.get("realisasi"))
        ra = _d(p.get("realisasi_anggaran"))
        out[key] = {"realisasi": split(r, acc_p.get(key, "Terakhir")) if r is not None else None,
                    "anggaran": split_money(ra) if ra is not None else None}
    return out


def fill(path: Path, data: dict, triwulan: int | None) -> None:
    """Type the sample's figures into a template, by column label, as a clerk would (only unlocked cells)."""
    import openpyxl

    from lakip_xl.parse import norm_key

    real = data["realisasi_2021"]
    quarters = quarters_of(data)
    by_key = {(p["kode"], norm_key(p["indikator"])): p for p in real["program"]}
    q_by_key = {(k[0], norm_key(k[1])): v for k, v in quarters.items() if k[0] != "iku"}
    wb = openpyxl.load_workbook(path)
    for name in ("IKU", "Program"):
        ws = wb[name]
        header = [c.value for c in ws[4]]
        col = {h: i for i, h in enumerate(header) if h}
        for row in ws.iter_rows(min_row=5):
            if name == "IKU":
                got, q = real["iku"].get(row[0].value), quarters.get(("iku", row[0].value))
            else:
                key = (row[0].value, norm_key(row[col["Indikator"]].value))
                got, q = by_key.get(key), q_by_key.get(key)
            if not got:
                continue
            if triwulan is None:
                values = {"Realisasi": got.get("realisasi"), "Pagu": got.get("pagu"),
                          "Realisasi Anggaran": got.get("realisasi_anggaran")}
            else:
                values = {"Pagu": got.get("pagu")}
                for i, tw in enumerate(("I", "II", "III", "IV")[:triwulan]):
                    if q and q.get("realisasi"):
                        values[f"Realisasi TW {tw}"] = q["realisasi"][i]
                    if q and q.get("anggaran"):
                        values[f"Realisasi Anggaran TW {tw}"] = q["anggaran"][i]
            for key in ("penyebab", "solusi", "penjelasan"):
                # the seed's Penjelasan speaks of the whole year's figures: not a mid-year report's
                if key != "penjelasan" or triwulan in (None, 4):
                    values[key.capitalize()] = got.get(key)
            for label, value in values.items():
                if value is None or label not in col:
                    continue
                cell = row[col[label]]
                if cell.data_type == "f" or cell.protection.locked:
                    continue  # a SUM of the rows below, or a cell from the Renstra
                cell.value = value if isinstance(value, str) and label[:1] in "PS" and not _numeric(value) \
                    else _number(value)
    wb.save(path)


def _numeric(text: str) -> bool:
    try:
        Decimal(text)
        return True
    except Exception:  # noqa: BLE001
        return False


def _number(value):  # noqa: ANN001, ANN202
    d = Decimal(str(value))
    return int(d) if d == d.to_integral_value() else float(d)


def build(root: Path, triwulan: int | None) -> Path:
    """``root/input`` with the quarterly sample's Renstra and the six reports of ``triwulan`` (``None``: yearly)."""
    from lakip_xl.renstra import read_renstra
    from lakip_xl.templates.renstra import write_renstra
    from lakip_xl.templates.submission import write_templates

    data = dataset()
    folder = root / "input"
    folder.mkdir(parents=True, exist_ok=True)
    renstra_path = write_renstra(folder / "renstra.xlsx", data)
    renstra, _ = read_renstra(renstra_path)
    for path in write_templates(renstra, YEAR, folder, workers=1, triwulan=triwulan):
        fill(path, data, triwulan)
    return folder


if __name__ == "__main__":  # python tests/quarterly_sample.py FOLDER [N]: the sample as a quarter to try
    import sys

    sys.path.insert(0, str(ROOT))
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "contoh_triwulan")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    folder = build(out, n)
    print(f"{folder}: Renstra dengan Rencana Aksi dan 6 laporan TW {TW_NAMES[n - 1]}; "
          f"lanjutkan dengan: lakip consolidate {folder}")
