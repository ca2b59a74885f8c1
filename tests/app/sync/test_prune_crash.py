"""kill -9 while pruning (and giving the room back) leaves the store whole: every change still rebuilds."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.desk import Desk
from app.reception import demo
from app.sync import rebuild
from db.dossier_store import DossierStore
from db.outbox_store import OutboxStore
from db.sync_store import SyncStore

ROOT = Path(__file__).resolve().parents[3]
PRUNE = """
import sys
from app.desk import Desk
from app.sync import rebuild
from db.outbox_store import OutboxStore
from db.sync_store import SyncStore
with Desk.open(sys.argv[1]) as desk:
    print("started", flush=True)
    rebuild.prune(desk.store, SyncStore(desk.store).histories(), batch=50, again=True)
    OutboxStore(desk.store).vacuum()
"""


def whole(path: Path, before: dict[str, object]) -> int:
    """The store checks, keeps every entry and every record, and every pruned change rebuilds to its hash."""
    with Desk.open(path) as desk:
        assert desk.store.conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        rows = desk.store.outbox(limit=100_000)
        assert [(r["db_id"], r["seq"]) for r in rows] == before["keys"]
        assert DossierStore(desk.store).count_dossiers() == before["dossiers"]
        assert rebuild.unrebuildable(desk.store, SyncStore(desk.store).histories()) == []
        for r, payload in zip(rows, rebuild.payloads(desk.store, rows), strict=True):
            assert rebuild.digest(r["entity"], r["entity_id"], r["op"], payload) == before["hashes"][r["seq"]]
        return OutboxStore(desk.store).counts()["pruned"]


@pytest.mark.slow
def test_kill_9_during_pruning_leaves_the_store_whole(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    with Desk.open(path) as desk:
        demo.ensure_initialised(desk)
        demo.populate(desk, 1500, seed=7, lean=False)  # whole payloads: pruning is the subject
        rows = desk.store.outbox(limit=100_000)
        before = {
            "keys": [(r["db_id"], r["seq"]) for r in rows],
            "dossiers": DossierStore(desk.store).count_dossiers(),
            "hashes": {
                r["seq"]: rebuild.digest(r["entity"], r["entity_id"], r["op"], json.loads(r["payload"])) for r in rows
            },
        }
        with desk.store.transaction():  # as if the hub had acknowledged them all
            SyncStore(desk.store).set_acked(desk.store.db_id, rows[-1]["seq"], "2026-01-01T00:00:00+07:00")
    rng = random.Random(13)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    progress = []
    for _ in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", PRUNE, str(path)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "started"
        time.sleep(rng.uniform(0.05, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        progress.append(whole(path, before))
    subprocess.run([sys.executable, "-c", PRUNE, str(path)], cwd=ROOT, env=env, check=True, capture_output=True)
    assert whole(path, before) == len(before["keys"])  # in the end every payload was pruned
    assert max(progress) > 0, progress  # and some kills came in the middle of it
