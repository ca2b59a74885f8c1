"""Relay benchmark: what seals and the relay ledger cost, and how fast a restored hub gets a silent desk back.

Run: python tests/perf/bench_relay.py [--dossiers 4000]
Desk A (desk 1) received ``--dossiers`` dossiers; it pushes them to a fresh SQLite hub through a loopback
proxy; desk B (desk 2) pulls them twice (into two copies of itself), once with the relay ledger kept and
once with it switched off (the baseline of the same run); then the hub is put back to its empty copy and
B hands A's records back, beside A's own push of them (the baseline). Loopback only.
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "perf"))

from bench_sync import _tmp, fresh_desk, start_hub  # noqa: E402

from app.core.clock import FixedClock  # noqa: E402
from app.desk import Desk  # noqa: E402
from app.sync import relay  # noqa: E402
from tests.app.sync.proxy import Proxy  # noqa: E402


def copy_db(src: Path, dst: Path) -> None:
    """A consistent copy of a SQLite file (its WAL included), as a backup would take it."""
    for suffix in ("-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    source, target = sqlite3.connect(src), sqlite3.connect(dst)
    try:
        source.backup(target)
    finally:
        source.close(), target.close()


def ledger_bytes(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN ('relay_changes', 'relay_seals')"
        ).fetchone()[0]
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dossiers", type=int, default=4000)
    n = parser.parse_args().dossiers
    a = fresh_desk(_tmp / "a.sqlite3", n, desk_no=1, seed=11)
    b = fresh_desk(_tmp / "b.sqlite3", 0, desk_no=2, seed=12)
    hub_db = _tmp / "relay-hub.sqlite3"
    hub = start_hub(str(hub_db), "relay")
    empty = _tmp / "relay-hub-empty.sqlite3"
    try:
        with Proxy(hub.port) as proxy:
            a.sync.enroll(proxy.url, hub.token("87001", 1))
            b.sync.enroll(proxy.url, hub.token("87001", 2))
            assert b.sync.run_once().complete  # B's first contact: its identity and floors
            hub.stop()
            copy_db(hub_db, empty)  # the hub before A's records: what it is restored from
            hub.start()
            started, up = time.perf_counter(), proxy.bytes_up
            report = a.sync.run_once()
            push_s, push_up = time.perf_counter() - started, proxy.bytes_up - up
            assert report.complete and report.sent == 2 * n, report
            b.close()
            copies = {}
            for label in ("without ledger", "with ledger"):
                path = _tmp / f"b-{label.replace(' ', '-')}.sqlite3"
                copy_db(_tmp / "b.sqlite3", path)
                with Desk.open(path, FixedClock(a.clock.now())) as d:
                    keep = relay.keep
                    if label == "without ledger":
                        relay.keep = lambda *args, **kw: None
                    try:
                        started, down = time.perf_counter(), proxy.bytes_down
                        report = d.sync.run_once()
                        copies[label] = (time.perf_counter() - started, proxy.bytes_down - down, path)
                    finally:
                        relay.keep = keep
                    assert report.complete and report.received == 2 * n, report
            hub.stop()
            copy_db(empty, hub_db)
            hub.start()  # restored: it lost every record of A
            with Desk.open(copies["with ledger"][2], FixedClock(a.clock.now())) as d:
                started, up = time.perf_counter(), proxy.bytes_up
                report = d.sync.run_once()
                relay_s, relay_up = time.perf_counter() - started, proxy.bytes_up - up
                assert report.complete and report.relayed == 2 * n, report
    finally:
        hub.stop()
        with contextlib.suppress(Exception):
            a.close()
    base_s, base_down, _ = copies["without ledger"]
    with_s, with_down, path = copies["with ledger"]
    print(f"{n} dossiers of desk A (each with its reception event), SQLite hub, loopback:")
    print(f"  B pulls them, no ledger       {base_s:7.2f} s  {base_down / n:5.1f} B/dossier down  (baseline 1.00)")
    print(
        f"  B pulls them, ledger kept     {with_s:7.2f} s  {with_down / n:5.1f} B/dossier down  "
        f"({with_s / base_s:.2f}x time, {with_down / base_down:.2f}x bytes)"
    )
    print(f"  B's relay ledger              {ledger_bytes(path) / n:7.1f} B/dossier on disk")
    print(f"  A pushes them (sealed)        {push_s:7.2f} s  {push_up / n:5.1f} B/dossier up  (baseline 1.00)")
    print(
        f"  B hands them to the restored hub {relay_s:4.2f} s  {relay_up / n:5.1f} B/dossier up  "
        f"({relay_s / push_s:.2f}x time, {relay_up / push_up:.2f}x bytes)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
