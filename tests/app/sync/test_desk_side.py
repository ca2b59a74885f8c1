"""The desk's side without a hub: backoff, visible state, applying pulled records, restores."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

from app.core.clock import FixedClock
from app.desk import Desk
from app.sync.apply import apply_changes
from app.sync.service import Backoff
from tests.app.sync.helpers import enrolled_desk, hub_counts, receive
from tests.app.sync.hub import Hub
from tests.conftest import make_desk


def _pulled(desk: Desk) -> list[dict]:
    return [
        {
            "entity": r["entity"],
            "entity_id": r["entity_id"],
            "op": r["op"],
            "payload": json.loads(r["payload"]),
            "created_at": r["created_at"],
            "desk_id": desk.identity.desk_id,
        }
        for r in desk.store.outbox()
    ]


def test_backoff_doubles_to_a_cap_and_resets() -> None:
    backoff = Backoff(first=10, cap=100, rng=random.Random(1))
    delays = [round(backoff.failure()) for _ in range(6)]
    assert delays == [8, 23, 45, 70, 100, 97]
    assert all(7.5 <= d <= 125 for d in delays)
    backoff.success()
    assert backoff.delay() == 10


def test_status_before_enrolment_and_before_any_sync(desk: Desk) -> None:
    receive(desk, 1)
    status = desk.sync.status()
    assert (status.state, status.pending, status.last_sync, status.errors) == ("not_enrolled", 2, None, 0)
    desk.sync.sync_store.set_settings({"url": "http://127.0.0.1:9"})
    assert desk.sync.status().state == "never"


def test_pulled_records_apply_once_without_outbox_and_events_wait_for_their_dossier(
    tmp_path: Path, clock: FixedClock
) -> None:
    a = make_desk(tmp_path / "a.sqlite3", FixedClock(clock.at), desk_no=1)
    b = make_desk(tmp_path / "b.sqlite3", FixedClock(clock.at), desk_no=2)
    [code] = receive(a, 1)
    a.dossiers.act(code, "forwarded", a.clerk())
    changes = _pulled(a)
    dossier, events = changes[0], changes[1:]
    with b.store.transaction():
        first = apply_changes(b.sync.sync_store, b.dossiers, events)  # events before their dossier
    assert (first.events, first.parked) == (0, 2)
    with b.store.transaction():
        second = apply_changes(b.sync.sync_store, b.dossiers, [dossier])
    assert (second.dossiers, second.events, second.parked) == (1, 2, 0)
    with b.store.transaction():
        third = apply_changes(b.sync.sync_store, b.dossiers, changes)  # again: nothing new
    assert third.total == 0
    got = b.dossiers.get(code)
    assert (got.status, got.due_at, len(got.events)) == ("processing", a.dossiers.get(code).due_at, 2)
    assert b.store.outbox_count() == 0
    assert b.sync.sync_store.parked() == []
    a.close()
    b.close()


def test_a_code_issued_twice_is_flagged_not_overwritten(tmp_path: Path, clock: FixedClock) -> None:
    a = make_desk(tmp_path / "a.sqlite3", FixedClock(clock.at), desk_no=1)
    twin = make_desk(tmp_path / "twin.sqlite3", FixedClock(clock.at), desk_no=1)  # a misconfigured copy
    [code] = receive(a, 1)
    receive(twin, 1)
    with twin.store.transaction():
        result = apply_changes(twin.sync.sync_store, twin.dossiers, _pulled(a))
    assert result.clashes == [a.dossiers.get(code).id]
    assert twin.dossiers.get(code).desk_id == twin.identity.desk_id
    [clash] = twin.sync.clashes()
    assert (clash["kind"], clash["detail"]["code"]) == ("code", code)
    a.close()
    twin.close()


def test_a_restored_store_gets_back_what_only_the_hub_had(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    receive(desk, 2)
    desk.sync.run_once()
    path = desk.store.path
    backup = tmp_path / "backup.sqlite3"
    desk.store.backup_to(backup)
    later = receive(desk, 2)
    assert desk.sync.run_once().complete
    desk.close()
    shutil.copy(backup, path)  # the disk died; yesterday's backup comes back (a new file: a new history)
    restored = Desk.open(path, FixedClock(clock.at))
    assert len(restored.store.database_ids()) == 2
    report = restored.sync.run_once()
    assert report.complete and report.received == 4
    assert [restored.dossiers.get(c).code for c in later] == later
    [new] = receive(restored, 1)
    assert new not in later  # numbering resumes above what the hub knew
    assert restored.sync.run_once().complete
    counts = hub_counts(hub)
    assert counts["changes"] == counts["distinct"] == 10
    restored.close()


def test_a_copied_store_is_not_sent_back_what_it_holds(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    receive(desk, 3)
    desk.sync.run_once()
    old_db = desk.store.db_id
    copy = tmp_path / "copy.sqlite3"
    desk.store.backup_to(copy)
    desk.close()
    moved = Desk.open(copy, FixedClock(clock.at))
    assert moved.store.db_id != old_db
    assert moved.sync.sync_store.max_seqs() == {old_db: 6}
    with moved.sync._client() as client:
        _, everything = client.pull(0, moved.store.db_id)
        _, nothing = client.pull(0, moved.store.db_id, have={old_db: 6})
        _, tail = client.pull(0, moved.store.db_id, have={old_db: 4})
    assert (len(everything), len(nothing), len(tail)) == (6, 0, 2)
    moved.close()
