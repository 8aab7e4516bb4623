"""LibreOffice headless: the workbook as PDF (``--pdf``), and recalculation for the tests.

Each conversion runs with a throwaway user profile (so it never collides with
a LibreOffice the clerk has open) set to the Indonesian locale, so that the
PDF shows ``Rp 2.312.089.341`` and ``8,57`` as an Indonesian Excel would.
With ``recalculate=True`` the profile also makes LibreOffice recalculate
every formula on load (it keeps the stored values of an .xlsx by default).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from lakip_xl.errors import OutputError

_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">\
<value>{locale}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>{locale}</value>\
</prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">\
<value>{recalc}</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">\
<value>{recalc}</value></prop></item>
</oor:items>
"""


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    for path in ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
                 "/Applications/LibreOffice.app/Contents/MacOS/soffice",
                 r"C:\Program Files\LibreOffice\program\soffice.exe"):
        if os.path.exists(path):
            return path
    return None


def make_profile(folder: Path, locale: str = "id-ID", recalculate: bool = False) -> str:
    """A LibreOffice user profile in ``folder``; returns the ``-env:UserInstallation`` argument."""
    user = folder / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(
        _PROFILE.format(locale=locale, recalc=0 if recalculate else 1), encoding="utf-8")
    return f"-env:UserInstallation={folder.resolve().as_uri()}"


def convert(source: Path, target_format: str, out_dir: Path, *, recalculate: bool = False,
            locale: str = "id-ID", timeout: int = 300) -> Path:
    """Convert ``source`` with LibreOffice; returns the converted file.

    Raises:
        OutputError: LibreOffice is not installed, fails, or times out.
    """
    soffice = find_soffice()
    if soffice is None:
        raise OutputError("LibreOffice tidak terpasang, jadi PDF tidak dibuat (workbook .xlsx tetap ditulis). "
                          "Pasang LibreOffice, misalnya: apt-get install libreoffice-calc-nogui.")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lakip-lo-") as tmp:
        profile = make_profile(Path(tmp) / "profile", locale, recalculate)
        work = Path(tmp) / "out"
        work.mkdir()
        try:
            done = subprocess.run(
                [soffice, profile, "--headless", "--norestore", "--nolockcheck", "--convert-to", target_format,
                 "--outdir", str(work), str(source)],
                capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise OutputError(f"LibreOffice tidak selesai dalam {timeout} detik saat mengubah {source.name}.") from None
        produced = list(work.iterdir())
        if done.returncode != 0 or not produced:
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()[-1:] or ["-"]
            raise OutputError(f"LibreOffice gagal mengubah {source.name} menjadi {target_format}: {detail[0]}")
        target = out_dir / produced[0].name
        staging = out_dir / f".~lakip-{produced[0].name}"
        shutil.move(str(produced[0]), str(staging))
        os.replace(staging, target)
    return target
