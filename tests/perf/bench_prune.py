"""Store bytes per dossier before and after pruning what the hub acknowledged.

    python3 tests/perf/bench_prune.py [--dossiers 100000] [--work DIR]

A demo store (``motcua demo``'s data: dossiers with their lifecycles) is synced to a hub on loopback
(SQLite), which prunes the acknowledged payloads after the round; ``motcua maintain`` then gives the
room back. Printed: the file's size per dossier at each step, as a ratio to the size before the sync
(the baseline, measured in the same run), the time each step took, and the per-table breakdown (dbstat).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.cli import main as motcua  # noqa: E402
from app.cli.desk_commands import room_lines  # noqa: E402
from app.desk import Desk  # noqa: E402
from app.reception import demo  # noqa: E402
from app.sync import rebuild  # noqa: E402
from db.dossier_store import DossierStore  # noqa: E402
from db.outbox_store import OutboxStore  # noqa: E402
from tests.app.sync.hub import Hub  # noqa: E402


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def breakdown(path: Path, title: str) -> None:
    with Desk.open(path) as desk:
        room = OutboxStore(desk.store)
        print(f"{title}: outbox {room.counts()}")
        for line in room_lines(room)[:12]:
            print("  " + line)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--work", type=Path, help="a folder kept between runs (a store there is topped up)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="motcua-prune-"))
    work.mkdir(parents=True, exist_ok=True)
    for name, sub in (("MOTCUA_DATA_DIR", "data"), ("MOTCUA_CONFIG_DIR", "config"), ("MOTCUA_KEY_DIR", "keys")):
        os.environ.setdefault(name, str(work / sub))
    store, n = work / "desk.sqlite3", args.dossiers

    started = time.perf_counter()
    with Desk.open(store) as desk:
        demo.ensure_initialised(desk)
        have = DossierStore(desk.store).count_dossiers()  # a store left by an interrupted run is topped up
        if n > have:
            demo.populate(desk, n - have, seed=42 + have, lean=False)  # whole payloads: pruning is measured
        desk.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    built = time.perf_counter() - started
    before = size(store)
    breakdown(store, "before the sync")

    hub = Hub(str(work / "hub.sqlite3"), work / "hub.log")
    with contextlib.redirect_stdout(io.StringIO()):
        hub.admin("commune", "add", "87001", "Xã Tân Thành", "--province", "Đồng Tháp")
    hub.start()
    pruning: list[float] = []
    prune = rebuild.prune

    def timed(*a: object, **k: object) -> rebuild.PruneReport:
        t = time.perf_counter()
        try:
            return prune(*a, **k)  # type: ignore[arg-type]
        finally:
            pruning.append(time.perf_counter() - t)

    rebuild.prune = timed  # type: ignore[assignment]
    try:
        with Desk.open(store) as desk:
            commune = desk.identity.commune_code
            with contextlib.redirect_stdout(io.StringIO()):
                hub.admin("commune", "add", commune, "Xã demo", "--province", "Đồng Tháp")
            desk.sync.enroll(hub.url, hub.token(commune, desk.identity.desk_no))
            started = time.perf_counter()
            for _ in range(20):
                if desk.sync.run_once().complete:
                    break
            synced = time.perf_counter() - started
            desk.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        rebuild.prune = prune  # type: ignore[assignment]
        hub.stop()
    after_sync = size(store)

    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        assert motcua(["maintain", "--db", str(store)]) == 0
    maintained = time.perf_counter() - started
    after = size(store)
    breakdown(store, "after the sync and motcua maintain")

    print(f"store bytes per dossier, {n:,} dossiers (baseline: before the sync)")
    print(f"  demo built                 {before / n:8.0f} B  1.00   ({built:.0f} s)")
    print(
        f"  synced (payloads pruned)   {after_sync / n:8.0f} B  {after_sync / before:.2f}   "
        f"(sync {synced:.0f} s, of which pruning {sum(pruning):.1f} s)"
    )
    print(f"  motcua maintain (VACUUM)   {after / n:8.0f} B  {after / before:.2f}   ({maintained:.0f} s)")


if __name__ == "__main__":
    main()
