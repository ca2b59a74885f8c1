"""A hub restored from an older backup gets exactly what it lost from its desks, once (SQLite and PostgreSQL)."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import httpx

from app.core.clock import FixedClock
from app.desk import Desk
from db.dossier_store import DossierStore
from db.outbox_store import OutboxStore
from tests.app.files.scanpages import three_pages
from tests.app.sync.conftest import PG_BASE
from tests.app.sync.helpers import enrolled_desk, receive
from tests.app.sync.hub import Hub


class Backups:
    """A hub's database copied aside and put back, as an administrator would."""

    def __init__(self, target: str, tmp_path: Path) -> None:
        self.target, self.copy = target, tmp_path / "hub-backup"

    def take(self) -> None:
        if "://" in self.target:
            schema = self.target.split("search_path%3D", 1)[1].split("&", 1)[0]
            self.copy.write_bytes(
                subprocess.run(["pg_dump", "-n", schema, PG_BASE], check=True, capture_output=True).stdout
            )
            return
        src, dst = sqlite3.connect(self.target), sqlite3.connect(self.copy)
        src.backup(dst)
        src.close(), dst.close()

    def restore(self) -> None:
        if "://" in self.target:
            schema = self.target.split("search_path%3D", 1)[1].split("&", 1)[0]
            subprocess.run(
                ["psql", "-q", PG_BASE, "-c", f"DROP SCHEMA {schema} CASCADE"], check=True, capture_output=True
            )
            subprocess.run(
                ["psql", "-q", "-v", "ON_ERROR_STOP=1", PG_BASE, "-f", str(self.copy)], check=True, capture_output=True
            )
            return
        for suffix in ("-wal", "-shm"):
            Path(self.target + suffix).unlink(missing_ok=True)
        src, dst = sqlite3.connect(self.copy), sqlite3.connect(self.target)
        src.backup(dst)
        src.close(), dst.close()


def held(hub: Hub) -> dict[str, object]:
    store = hub.store()
    try:
        b = store.backend
        return {
            "changes": b.scalar("SELECT COUNT(*) AS n FROM changes"),
            "keys": b.scalar("SELECT COUNT(DISTINCT change_id) AS n FROM changes"),
            "dossiers": b.scalar("SELECT COUNT(*) AS n FROM dossiers"),
            "events": b.scalar("SELECT COUNT(*) AS n FROM events"),
            "hashes": sorted(r["payload_hash"] for r in b.all("SELECT payload_hash FROM changes")),
        }
    finally:
        store.close()


def hub_id(hub: Hub) -> str:
    return httpx.get(hub.url + "/health").json()["hub_id"]


def test_a_hub_restored_from_an_older_backup_gets_exactly_what_it_lost(
    hub_target: str, tmp_path: Path, clock: FixedClock
) -> None:
    hub = Hub(hub_target, tmp_path / "hub.log")
    hub.admin("commune", "add", "87001", "Xã Tân Thành", "--province", "Đồng Tháp")
    hub.start()
    backups = Backups(hub_target, tmp_path)
    try:
        one: Desk = enrolled_desk(tmp_path, clock, hub, desk_no=1)
        two: Desk = enrolled_desk(tmp_path, clock, hub, desk_no=2)
        receive(one, 4)
        receive(two, 3)
        assert one.sync.run_once().complete and two.sync.run_once().complete
        first_id = hub_id(hub)
        hub.stop()
        backups.take()
        hub.start()
        codes = receive(one, 5)
        one.dossiers.act(codes[0], "returned", one.clerk())
        one.files.attach(codes[1], three_pages(), one.clerk(), document_no=1)
        receive(two, 6)
        assert one.sync.run_once().complete and two.sync.run_once().complete
        assert one.sync.run_once().complete  # each desk pulls the other's
        everything = held(hub)
        assert OutboxStore(one.store).counts()["pruned"] > 0  # what the hub acknowledged is rebuilt, not kept
        hub.stop()

        backups.restore()
        hub.start()
        assert hub_id(hub) != first_id  # the restored hub knows it lost something
        assert held(hub)["dossiers"] == 7
        receive(two, 1)
        for desk in (one, two, one):
            report = desk.sync.run_once()
            assert report.complete and report.refused == 0, report
        after = held(hub)
        assert after["changes"] == after["keys"]  # nothing doubled
        assert after["dossiers"] == everything["dossiers"] + 1
        assert after["events"] == everything["events"] + 1
        assert set(everything["hashes"]) <= set(after["hashes"])  # each change as it was first stored
        assert after["changes"] == everything["changes"] + 2
        # The scan is offered again: the restored hub lost it with its database... or kept its file store.
        assert one.file_sync().pending() == 0
        assert one.sync.status().pending == 0 and two.sync.status().pending == 0
        # The pull resumed where the restored hub's stream ends: desk two's newest dossier reached desk one.
        assert DossierStore(one.store).count_dossiers() == after["dossiers"]
    finally:
        hub.stop()


def test_an_older_history_the_restored_hub_lost_is_sent_again(tmp_path: Path, clock: FixedClock) -> None:
    """A history the desk finished long ago (before its own store was restored) has nothing pending: only
    the hub's new identity tells the desk that the hub lost its tail."""
    target = str(tmp_path / "hub.sqlite3")
    hub = Hub(target, tmp_path / "hub.log")
    hub.admin("commune", "add", "87001", "Xã Tân Thành", "--province", "Đồng Tháp")
    hub.start()
    backups = Backups(target, tmp_path)
    try:
        desk = enrolled_desk(tmp_path, clock, hub)
        receive(desk, 2)
        assert desk.sync.run_once().complete
        hub.stop()
        backups.take()
        hub.start()
        receive(desk, 3)
        assert desk.sync.run_once().complete
        older = desk.store.db_id
        desk.store.new_db_id("copied or restored")  # the desk's own history starts again
        receive(desk, 1)
        assert desk.sync.run_once().complete
        assert desk.sync.sync_store.pending_count() == 0
        hub.stop()
        backups.restore()
        hub.start()
        report = desk.sync.run_once()
        assert report.complete and report.sent == 8, report  # 3 dossiers and their events, then the newest
        assert desk.sync.sync_store.acked(older) == 10
        after = held(hub)
        assert (after["dossiers"], after["changes"], after["keys"]) == (6, 12, 12)
    finally:
        hub.stop()
