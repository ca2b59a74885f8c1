"""Scans to the hub: bytes on the wire for a file on an uncut link, and files over a 64 kbit/s link
that cuts every 2-16 KB, beside the same link uncut (both measured in the same run).

Run: python tests/perf/bench_file_sync.py [--kb 2048] [--rate 64000]. The files are real scans (200-dpi
A4 pages as JPEG PDFs) of about ``--kb`` KB in all; the desk's records are sent first and not counted.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
_tmp = Path(tempfile.mkdtemp(prefix="motcua-bench-files-"))
for name, sub in (("MOTCUA_DATA_DIR", "data"), ("MOTCUA_CONFIG_DIR", "config"), ("MOTCUA_KEY_DIR", "keys")):
    os.environ[name] = str(_tmp / sub)

from app.core.accounts import InitRequest  # noqa: E402
from app.core.clock import FixedClock  # noqa: E402
from app.core.worktime import VN_TZ  # noqa: E402
from app.desk import Desk  # noqa: E402
from app.files import scans  # noqa: E402
from tests.app.files.scanpages import a4_page  # noqa: E402
from tests.app.sync.proxy import Proxy  # noqa: E402
from tests.conftest import dossier_input  # noqa: E402
from tests.perf.bench_sync import start_hub  # noqa: E402

NOW = datetime(2026, 2, 12, 10, 0, tzinfo=VN_TZ)


def desk_with_files(name: str, hub, kb: int, desk_no: int):
    desk = Desk.open(_tmp / f"{name}.sqlite3", FixedClock(NOW))
    desk.initialise(InitRequest("87001", "Xã Tân Thành", "Đồng Tháp", desk_no, "admin", "mat-khau-123"))
    desk.sync.enroll(hub.url, hub.token("87001", desk_no))
    seed = desk_no
    clerk = desk.clerk()
    code = desk.dossiers.receive(dossier_input(), clerk).code
    total, n = 0, seed * 1000
    while total < kb * 1024:
        pdf = scans.images_to_pdf([(a4_page(n), "p.jpg")]).data
        desk.files.attach(code, [(pdf, f"scan-{n}.pdf")], clerk, document_no=1)
        total += len(pdf)
        n += 1
    desk.sync.push_files = lambda _client: 0
    assert desk.sync.run_once().complete  # the records, not counted below
    return desk, total


def push_through(desk: Desk, proxy: Proxy, cutting: bool) -> tuple[float, int]:
    desk.sync.sync_store.set_settings({"url": proxy.url})
    stop = threading.Event()
    rnd = random.Random(14)

    def cutter() -> None:
        while not stop.is_set():
            if proxy.cut_after is None:
                proxy.cut_after = proxy.bytes_up + rnd.randint(2_048, 16_384)
            time.sleep(0.001)

    thread = threading.Thread(target=cutter, daemon=True)
    if cutting:
        thread.start()
    started = time.perf_counter()
    try:
        for _ in range(1000):
            with desk.sync._client() as client:
                if desk.file_sync().push(client).pending == 0:
                    break
    finally:
        stop.set()
        if cutting:
            thread.join(5)
    return time.perf_counter() - started, proxy.cuts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kb", type=int, default=2048, help="size of the files sent over the slow link")
    parser.add_argument("--rate", type=int, default=64_000, help="link speed, bits per second")
    parser.add_argument("--latency", type=float, default=0.3, help="round trip, seconds")
    args = parser.parse_args()
    hub = start_hub(str(_tmp / "hub.sqlite3"), "hub")
    try:
        desk, size = desk_with_files("overhead", hub, 400, 1)
        with Proxy(hub.port) as proxy:
            push_through(desk, proxy, cutting=False)
            print(f"bytes on the wire for {size / 1024:.0f} KB of files, uncut link: {proxy.bytes_up / size:.4f}x")
        desk.close()
        results = {}
        for cutting, name in ((False, "uncut"), (True, "cut")):
            desk, size = desk_with_files(name, hub, args.kb, 3 if cutting else 2)
            with Proxy(hub.port, rate_bps=args.rate, latency=args.latency) as proxy:
                seconds, cuts = push_through(desk, proxy, cutting)
                results[cutting] = (seconds, cuts, size, proxy.bytes_up)
            desk.close()
        for cutting, (seconds, cuts, size, up) in results.items():
            label = "cut every 2-16 KB" if cutting else "uncut           "
            print(
                f"{size / 1024:.0f} KB over {args.rate / 1000:.0f} kbit/s + {args.latency * 1000:.0f} ms, {label}: "
                f"{seconds:6.1f} s, "
                f"{cuts} cuts, {up / size:.3f}x bytes up"
            )
        print(f"ratio cut / uncut time: {results[True][0] / results[False][0]:.2f}x")
    finally:
        hub.stop()


if __name__ == "__main__":
    main()
