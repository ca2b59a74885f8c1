"""The outbox's lean shape (db/migrations/0021): a store written by the previous schema upgraded in place
with every entry, sequence and hash kept; only dossier creations indexed by id, and the register's sync
column read from that index and the tails the hub has not acknowledged."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from app.core.clock import FixedClock, iso
from app.desk import Desk
from app.sync import rebuild
from db.outbox_store import OutboxStore
from db.report_store import CREATION_JOIN
from db.sync_store import SyncStore
from tests.app.sync.helpers import enrolled_desk, hub_counts
from tests.app.sync.hub import Hub
from tests.app.sync.old_outbox import BEFORE, as_schema_20, entries
from tests.app.sync.test_rebuild import every_kind
from tests.conftest import dossier_input


def test_a_store_of_the_previous_schema_keeps_every_entry_and_re_sends_them(
    tmp_path: Path, clock: FixedClock, hub: Hub
) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    every_kind(desk)
    assert desk.sync.run_once().complete  # pruned: payloads gone, hashes kept
    desk.dossiers.receive(dossier_input(), desk.clerk())  # waiting: payloads held
    first = desk.store.db_id
    desk.store.new_db_id("test: a second history")
    desk.dossiers.receive(dossier_input(), desk.clerk())
    before = entries(desk)
    # An entry stamped with another time than its payload's (as a register update is), kept as it was.
    stamped = next(r for r in before if r["db_id"] != first)
    stamped["created_at"] = iso(desk.clock.now() - timedelta(minutes=1))
    assert {r["payload"] is None for r in before} == {True, False} and len({r["db_id"] for r in before}) == 2

    path = desk.store.path
    as_schema_20(desk, tmp_path, before)
    with desk.store.transaction():
        desk.store.conn.execute(f"PRAGMA user_version = {BEFORE}")
    desk.close()
    upgraded = Desk.open(path, clock=FixedClock(clock.at))
    assert upgraded.store.conn.execute("PRAGMA user_version").fetchone()[0] > BEFORE

    after = entries(upgraded)
    assert after == before  # every entry, sequence, hash, patch and time
    # A dossier's or an event's time is its payload's own, held or rebuilt: stored only where it is not.
    stored = upgraded.store.all(
        "SELECT hist, seq, created_at FROM outbox WHERE created_at IS NOT NULL AND kind IN (0, 1)"
    )
    assert stored == [{"hist": 2, "seq": stamped["seq"], "created_at": stamped["created_at"]}]
    assert rebuild.unrebuildable(upgraded.store, upgraded.sync.sync_store.histories()) == []

    held = hub_counts(hub)
    with upgraded.store.transaction():  # the hub's acknowledgement forgotten (as after its restore)
        upgraded.sync.sync_store.set_acked(first, 0, "2026-01-01T00:00:00+07:00")
    report = upgraded.sync.run_once()
    assert report.complete and report.refused == 0 and upgraded.sync.errors() == []
    counts = hub_counts(hub)
    # The two dossiers that waited, once each; what the hub held came again, rebuilt, as the same changes.
    assert counts["dossiers"] == held["dossiers"] + 2
    # Pruned again, the second history too; a register entry's snapshot keeps its payload.
    assert {r["entity"] for r in entries(upgraded) if r["payload"] is not None} <= {"feedback"}
    assert OutboxStore(upgraded.store).counts()["pruned"] > sum(r["payload"] is None for r in before)
    upgraded.close()


def _plan(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> str:
    return " | ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def test_the_report_and_the_register_find_dossier_creations_by_the_partial_index(desk: Desk) -> None:
    conn = desk.store.conn
    for _ in ("as created", "with statistics"):
        report = _plan(
            conn, f"SELECT d.id, o.seq, a.acked_seq, s.code FROM dossiers d {CREATION_JOIN} WHERE d.id = ?", ("x",)
        )
        assert "USING INDEX outbox_dossier (entity_id=?)" in report, report
        sync = SyncStore(desk.store)
        register = _plan(
            conn,
            "SELECT o.entity_id, o.seq <= COALESCE(a.acked_seq, 0) FROM outbox o "
            "JOIN outbox_histories h ON h.hist = o.hist LEFT JOIN sync_acks a ON a.db_id = h.db_id "
            "WHERE o.entity_id IN (?, ?) AND o.kind = 0",
            ("x", "y"),
        )
        assert "USING INDEX outbox_dossier (entity_id=?)" in register, register
        tail = _plan(conn, "SELECT entity_id FROM outbox WHERE hist = ? AND seq > ? AND entity_id IN (?)", (1, 0, "x"))
        assert "USING PRIMARY KEY (hist=? AND seq>?)" in tail, tail
        assert sync.creations(["x"]) == {}
        conn.execute("ANALYZE")


@pytest.mark.parametrize("acked", ["nothing", "the first dossier"])
def test_the_register_reads_waiting_records_from_the_unacknowledged_tail(
    tmp_path: Path, clock: FixedClock, hub: Hub, acked: str
) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    clerk = desk.clerk()
    old = desk.dossiers.receive(dossier_input(), clerk)
    other = desk.dossiers.receive(dossier_input(), clerk)
    sync = desk.sync.sync_store
    if acked != "nothing":
        assert desk.sync.run_once().complete
        assert {s.state for s in desk.sync.dossier_states([old.id, other.id]).values()} == {"sent"}
    desk.dossiers.act(old.code, "returned", clerk)  # a step of a dossier the hub may hold: in the tail only
    new = desk.dossiers.receive(dossier_input(), clerk)
    states = desk.sync.dossier_states([old.id, other.id, new.id])
    expected_other = "pending" if acked == "nothing" else "sent"
    assert {k: s.state for k, s in states.items()} == {old.id: "pending", other.id: expected_other, new.id: "pending"}
    steps = sync.event_ids_by_dossier([old.id])[old.id]
    waiting = sync.unacknowledged(steps)
    assert len(waiting) == (2 if acked == "nothing" else 1)  # the reception too, unless the hub holds it
    assert {desk.sync.record_states([e])[e].state for e in waiting} == {"pending"}
    assert desk.sync.run_once().complete
    assert {s.state for s in desk.sync.dossier_states([old.id, other.id, new.id]).values()} == {"sent"}
    assert sync.unacknowledged([old.id, other.id, new.id, *steps]) == set()
    desk.close()
