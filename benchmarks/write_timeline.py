"""Where the two-core write spends its time: each page's writer in each process, and when the helper's sheets
arrive, measured from the fork.

    python benchmarks/write_timeline.py benchmarks/work/n1000-g1-s2021/input

Runs ``consolidate`` in this process on a dataset of ``bench.py`` (or any input folder with its
``renstra.xlsx``) and prints, on standard error, one line per page writer that took more than 50 ms (in the
main process or the helper), the helper's messages and how long the zip waited for them, then the run's
stage timings. The zip's wait for the helper is not idle time: the main process deflates its own sheets
(and the helper's earlier ones) meanwhile, and what it has not deflated when its sheets are written is the
time between its last line and "workbook written".
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

from lakip_xl.consolidate import consolidate
from lakip_xl.report import pages
from lakip_xl.xlsx import split

START = [time.perf_counter()]
MAIN = os.getpid()


def mark(what: str) -> None:
    print(f"{time.perf_counter() - START[0]:7.2f}  {what}", file=sys.stderr, flush=True)


def instrument() -> None:
    init, adopt, receive, part = split.Helper.__init__, split.Helper.adopt, split.Helper._receive, split.Helper._part

    def forked(self, *args, **kwargs):
        START[0] = time.perf_counter()
        init(self, *args, **kwargs)
        mark("helper forked")

    def adopted(self, *args, **kwargs):
        mark("main process: its sheets are written")
        return adopt(self, *args, **kwargs)

    def received(self):
        recv = self._conn.recv

        def logged():
            message = recv()
            mark(f"from the helper: {message[0]} {message[1] if message[0] == 'part' else ''}")
            return message

        self._conn.recv = logged
        return receive(self)

    def waited(self, sheet):
        t = time.perf_counter()
        path = part(self, sheet)
        if time.perf_counter() - t > 0.01:
            mark(f"the zip waited {time.perf_counter() - t:.2f} s for {sheet}")
        return path

    split.Helper.__init__, split.Helper.adopt = forked, adopted
    split.Helper._receive, split.Helper._part = received, waited
    for name, page in list(pages.PAGES.items()):
        def write(ctx, inner=page.write, name=name):
            t = time.perf_counter()
            inner(ctx)
            took = time.perf_counter() - t
            if took > 0.05:
                who = "main  " if os.getpid() == MAIN else "helper"
                print(f"         {who} {name}: {took:.2f} s", file=sys.stderr, flush=True)

        pages.PAGES[name] = dataclasses.replace(page, write=write)


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = Path(sys.argv[1])
    pages.pages()  # every page registered before they are wrapped
    instrument()
    with tempfile.TemporaryDirectory() as tmp:
        run = consolidate(folder, folder / "renstra.xlsx", output=Path(tmp) / "LAKIP.xlsx")
        mark("workbook written")
    print("stages: " + ", ".join(f"{k} {v:.2f} s" for k, v in run.timings.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
