"""Render sheets of a workbook to PNG pages, to look at them as a reader would.

    python scripts/render_preview.py output/LAKIP_2021_DKUMP.xlsx --out /tmp/preview \\
        --sheet "Tabel III.1" --sheet "Sasaran Strategis 1" --sheet "Realisasi Anggaran" --sheet Grafik

Converts the workbook to PDF with LibreOffice (Indonesian locale, throwaway
profile), finds each sheet's pages by the footer every sheet carries
("<title> — LAKIP <tahun>"), and writes them as PNG with pdftoppm.
Needs LibreOffice and poppler-utils.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lakip_xl.libreoffice import convert  # noqa: E402


def page_texts(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    out = []
    for i in range(1, pages + 1):
        out.append(subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", str(pdf), "-"],
                                  capture_output=True, text=True, check=True).stdout)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workbook", type=Path)
    ap.add_argument("--out", type=Path, default=Path("preview"))
    ap.add_argument("--sheet", action="append", default=[], help="footer title of the sheet (repeatable)")
    ap.add_argument("--dpi", type=int, default=80)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    pdf = convert(args.workbook, "pdf", args.out)
    texts = page_texts(pdf)
    print(f"{pdf}: {len(texts)} pages")
    for name in args.sheet or ["Ringkasan"]:
        pages = [i + 1 for i, t in enumerate(texts) if f"{name} — LAKIP" in t or f"{name} —" in t]
        slug = re.sub(r"[^0-9A-Za-z]+", "_", name).strip("_")
        for n, page in enumerate(pages, start=1):
            prefix = args.out / f"{slug}-{n:02d}"
            subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", "-singlefile", "-f", str(page), "-l",
                            str(page), str(pdf), str(prefix)], check=True)
        print(f"  {name}: pages {pages or '-'}")


if __name__ == "__main__":
    main()
