"""Attaching a 3-page A4 scan at 200 dpi (target: at most 300 ms), against a plain durable copy of the
same bytes measured in the same run.

Run: python tests/perf/bench_attach.py [N]. Prints the p50 and p95 of each and their ratio.

- attach: ``desk.files.attach(code, pages, clerk, document_no=…)`` as the window's file picker calls it:
  three 200-dpi grey JPEG pages (as a scanner saves them) made into one PDF (embedded as they are),
  hashed, written durably beside the store (temporary file, fsync, rename, folder fsync) and recorded
  with its outbox entry (one SQLite commit, synchronous=FULL). Each run attaches new bytes (a page's
  JPEG comment carries the run number), so nothing is skipped as already stored.
- plain copy (the baseline): the same number of bytes written to a new file, fsynced, renamed and the
  folder fsynced: the least any durable attach must cost on this disk.
- the PDF alone (reference): the pages made into the PDF, nothing written.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

WARM_UP = 2
TARGET_MS = 300


def _with_comment(jpeg: bytes, n: int) -> bytes:
    """The same image with a COM segment naming the run: new bytes, same pixels."""
    comment = f"run {n}".encode()
    return jpeg[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + jpeg[2:]


def _plain_copy(folder: Path, data: bytes, n: int) -> None:
    tmp, final = folder / f"copy-{n}.tmp", folder / f"copy-{n}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, final)
    dfd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


def main(n: int = 20) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-attach-"))
    for var, sub in (("MOTCUA_DATA_DIR", "data"), ("MOTCUA_CONFIG_DIR", "config"), ("MOTCUA_KEY_DIR", "keys")):
        os.environ[var] = str(tmp / sub)
    from app.core.accounts import InitRequest
    from app.core.clock import FixedClock
    from app.core.worktime import VN_TZ
    from app.desk import Desk
    from app.files import scans
    from tests.app.files.scanpages import a4_page
    from tests.conftest import dossier_input

    clock = FixedClock(datetime(2026, 2, 12, 9, 0, tzinfo=VN_TZ))
    desk = Desk.open(tmp / "desk.sqlite3", clock)
    desk.initialise(
        InitRequest(
            commune_code="87001",
            commune_name="Xã Tân Thành",
            province="Đồng Tháp",
            desk_no=1,
            admin_username="admin",
            admin_password="bench-password-1",
        )
    )
    clerk = desk.clerk()
    code = desk.dossiers.receive(dossier_input(), clerk).code
    pages = [a4_page(i) for i in (1, 2, 3)]
    copies = tmp / "copies"
    copies.mkdir()
    attach_ms, copy_ms, pdf_ms = [], [], []
    size = 0
    for run in range(n + WARM_UP):
        fresh = [(_with_comment(p, run), f"scan-{i}.jpg") for i, p in enumerate(pages, 1)]
        t0 = time.perf_counter()
        done = desk.files.attach(code, fresh, clerk, document_no=1)
        t1 = time.perf_counter()
        _plain_copy(copies, desk.files.read(done), run)
        t2 = time.perf_counter()
        scans.prepare(fresh)
        t3 = time.perf_counter()
        size = done.size
        if run >= WARM_UP:
            attach_ms.append((t1 - t0) * 1000)
            copy_ms.append((t2 - t1) * 1000)
            pdf_ms.append((t3 - t2) * 1000)
    colour = [(a4_page(i, fmt="PNG", colour=True), f"page-{i}.png") for i in (1, 2, 3)]
    png_ms = []
    for run in range(max(3, n // 4)):
        t0 = time.perf_counter()
        desk.files.attach(code, colour[run % 3 :] + colour[: run % 3], clerk, document_no=1)
        png_ms.append((time.perf_counter() - t0) * 1000)
    desk.close()

    def p(values: list[float], q: float) -> float:
        return sorted(values)[min(len(values) - 1, int(q * len(values)))]

    attach50, copy50 = statistics.median(attach_ms), statistics.median(copy_ms)
    print(f"3-page A4 scan at 200 dpi, {size / 1e6:.2f} MB as PDF, {n} runs")
    print(f"attach (PDF, hash, durable write, record)  p50 {attach50:7.1f} ms  p95 {p(attach_ms, 0.95):7.1f} ms")
    print(f"plain durable copy of the same bytes       p50 {copy50:7.1f} ms  p95 {p(copy_ms, 0.95):7.1f} ms")
    print(f"the PDF alone, nothing written             p50 {statistics.median(pdf_ms):7.1f} ms")
    print(f"reference: 3 colour PNG pages (decoded, re-encoded as JPEG)  p50 {statistics.median(png_ms):7.1f} ms")
    print(f"ratio attach / plain copy  {attach50 / copy50:.2f}x")
    print(f"target attach <= {TARGET_MS} ms: {'met' if attach50 <= TARGET_MS else 'NOT met'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
