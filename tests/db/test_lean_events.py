"""Lean dossier events (migration 0022): the view shows every event as written, the migration keeps
every event of an older store, and the readers' queries use the table's keys."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from app.desk import Desk
from app.reception.rows import event_payload
from app.sync import rebuild
from db.connection import connect, migrate
from db.dossier_store import DOSSIER_COLUMNS, EVENT_COLUMNS, EVENT_TABLE, DossierStore
from db.outbox_store import OutboxStore
from db.print_store import PrintStore
from db.report_store import ReportStore
from db.scorecard_store import ScorecardStore
from db.store import Store
from db.sync_store import SyncStore
from tests.conftest import dossier_input

BEFORE = 20  # the schema version before lean events (and before the lean outbox, 0021)
LEAN_EVENTS = 22
CLERK, OTHER_CLERK = "01a2287b-2264-7f61-a8ba-e2d80557569b", "01a2287b-2264-7f61-a8ba-e2d80557569c"
DESK, OTHER_DESK = "01a2287b-21c1-759d-a831-39d3a9f8cc64", "01a2287b-21c1-759d-a831-39d3a9f8cc65"


def _dossier(n: int) -> dict[str, Any]:
    row: dict[str, Any] = {c: "" for c in DOSSIER_COLUMNS}
    row.update(
        id=f"01a2287b-2408-712d-ad81-cba89afcf6a{n}",
        code=f"87001-211201-100{n}",
        procedure_code="HT01",
        procedure_name="Đăng ký khai sinh",
        legal_time="0",
        applicant_name="Dương Thị Phương",
        applicant_cccd=None,
        applicant_phone=None,
        applicant_email=None,
        documents="[]",
        sets=1,
        channel="direct",
        received_at="2021-12-01T07:30:00+07:00",
        due_at="2021-12-01T17:00:00+07:00",
        status="received",
        created_at="2021-12-01T07:30:00+07:00",
        updated_at="2021-12-01T07:30:00+07:00",
        clerk_id=CLERK,
        desk_id=DESK,
        procedure_level="commune",
    )
    return row


def _events(dossier_ids: list[str]) -> list[tuple[Any, ...]]:
    """Events of every shape: data empty or not, created_at equal to `at` or not, other clerks and desks."""
    a, b = dossier_ids
    reason = json.dumps({"reason": "Thiếu bản sao giấy tờ tùy thân.", "old_due": "x"}, ensure_ascii=False)
    return [
        (f"01a2287b-2408-7{i:03d}-8961-ffa4d79353cf", *rest)
        for i, rest in enumerate(
            [
                (a, "received", "2021-12-01T07:30:00+07:00", "{}", CLERK, DESK, "2021-12-01T07:30:00+07:00"),
                (a, "supplement_requested", "2021-12-01T08:00:00+07:00", reason, CLERK, DESK, "2021-12-02T09:00:00Z"),
                (a, "returned", "2021-12-03T08:07:03+07:00", "{ }", OTHER_CLERK, OTHER_DESK, "2021-12-03T08:07:03"),
                (b, "received", "2021-12-01T07:32:00+07:00", '{"a":1}', OTHER_CLERK, DESK, "2021-12-01T07:32:00+07:00"),
                (b, "done", "2021-12-01T07:32:00+07:00", "{}", CLERK, OTHER_DESK, "2021-12-01T07:32:00+07:00"),
            ]
        )
    ]


def _older_store(path: Path) -> tuple[list[tuple[Any, ...]], str]:
    """A store at the schema before lean events, its events written as that version wrote them, every
    event's outbox entry pruned (payload gone, hash kept) and acknowledged."""
    store = Store(path, migrate_to=BEFORE)
    dossiers = [_dossier(1), _dossier(2)]
    events = _events([d["id"] for d in dossiers])
    db_id = store.new_db_id("created")
    with store.transaction():
        for d in dossiers:
            store.conn.execute(
                f"INSERT INTO dossiers ({', '.join(DOSSIER_COLUMNS)}) VALUES ({', '.join('?' * len(DOSSIER_COLUMNS))})",
                [d[c] for c in DOSSIER_COLUMNS],
            )
        store.conn.executemany(f"INSERT INTO dossier_events VALUES ({', '.join('?' * 8)})", events)
        for seq, e in enumerate(events, 1):
            payload = event_payload(dict(zip(EVENT_COLUMNS, e, strict=True)))
            store.conn.execute(
                "INSERT INTO outbox (db_id, seq, entity, entity_id, op, payload, digest, created_at) "
                "VALUES (?, ?, 'event', ?, 'create', NULL, ?, ?)",
                (db_id, seq, e[0], rebuild.digest("event", e[0], "create", payload), e[7]),
            )
        store.conn.execute("INSERT INTO sync_acks VALUES (?, ?, '2021-12-04T00:00:00+07:00')", (db_id, len(events)))
    store.close()
    return events, db_id


def test_the_migration_keeps_every_event_and_its_pruned_change_rebuilds_identical(tmp_path: Path) -> None:
    path = tmp_path / "older.sqlite3"
    events, db_id = _older_store(path)
    store = Store(path)
    try:
        kind = store.conn.execute("SELECT type FROM sqlite_master WHERE name = 'dossier_events'").fetchone()[0]
        assert kind == "view"
        shown = store.conn.execute("SELECT * FROM dossier_events ORDER BY id").fetchall()
        assert [tuple(r) for r in shown] == events  # every event, every value as written (and its type)
        assert [d[0] for d in store.conn.execute("SELECT * FROM dossier_events").description] == list(EVENT_COLUMNS)
        assert store.conn.execute(f"SELECT COUNT(*) FROM {EVENT_TABLE}").fetchone()[0] == len(events)
        assert store.conn.execute("SELECT COUNT(*) FROM repeated_ids").fetchone()[0] == 4
        # The usual values are not stored again.
        lean = store.conn.execute(f"SELECT data, created_at FROM {EVENT_TABLE} ORDER BY id").fetchall()
        assert tuple(lean[0]) == (None, None)
        assert [r[1] for r in lean] == [None, "2021-12-02T09:00:00Z", "2021-12-03T08:07:03", None, None]
        # The pruned changes rebuild byte for byte (payloads() checks each against its hash).
        rows = store.outbox(db_id=db_id, limit=100)
        assert len(rows) == len(events) and all(r["payload"] is None for r in rows)
        for row, e, payload in zip(rows, events, rebuild.payloads(store, rows), strict=True):
            assert payload == event_payload(dict(zip(EVENT_COLUMNS, e, strict=True)))
            assert row["entity_id"] == e[0]
        assert rebuild.unrebuildable(store, [db_id]) == []
    finally:
        store.close()


def test_an_event_without_its_dossier_fails_the_migration_instead_of_being_lost(tmp_path: Path) -> None:
    path = tmp_path / "orphan.sqlite3"
    conn = connect(path)
    migrate(conn, target=BEFORE)
    conn.execute("PRAGMA foreign_keys = OFF")  # as a tool with foreign keys off could have left it
    conn.execute(f"INSERT INTO dossier_events VALUES ({', '.join('?' * 8)})", _events(["gone", "gone"])[0])
    conn.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(Exception, match="NOT NULL constraint failed"):
        migrate(conn)
    # The lean outbox (0021) went in; the lean events (0022) did not.
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LEAN_EVENTS - 1
    assert conn.execute("SELECT COUNT(*) FROM dossier_events").fetchone()[0] == 1
    conn.close()


def _with_dossiers(desk: Desk) -> list[str]:
    clerk = desk.clerk()
    return [desk.dossiers.receive(dossier_input(), clerk).id for _ in range(2)]


def test_the_view_and_the_bulk_load_store_an_event_the_same(desk: Desk) -> None:
    ids = _with_dossiers(desk)
    conn, events = desk.store.conn, _events(ids)
    through_view = [(f"v{e[0]}", *e[1:]) for e in events]
    with desk.store.transaction():
        conn.executemany(
            f"INSERT INTO dossier_events ({', '.join(EVENT_COLUMNS)}) VALUES (?,?,?,?,?,?,?,?)", through_view
        )
        DossierStore(desk.store).insert_events(events)
        DossierStore(desk.store).insert_event(
            dict(zip(EVENT_COLUMNS, (f"s{events[1][0]}", *events[1][1:]), strict=True))
        )
    lean = {r[0]: tuple(r[1:]) for r in conn.execute(f"SELECT * FROM {EVENT_TABLE}")}
    for e in events:
        assert lean[f"v{e[0]}"] == lean[e[0]]
    assert lean[f"s{events[1][0]}"] == lean[events[1][0]]
    shown = {r[0]: tuple(r) for r in conn.execute("SELECT * FROM dossier_events")}
    for e in events:
        assert shown[e[0]] == e and shown[f"v{e[0]}"] == (f"v{e[0]}", *e[1:])


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("created_at", None, "NOT NULL constraint failed: dossier_events.created_at"),
        ("data", None, "NOT NULL constraint failed: dossier_events.data"),
        ("dossier_id", "no such dossier", "NOT NULL constraint failed"),
        ("clerk_id", None, "NOT NULL constraint failed"),
        ("kind", "eaten", "CHECK constraint failed"),
    ],
)
def test_what_the_table_refused_is_refused_on_both_paths(desk: Desk, column: str, value: Any, message: str) -> None:
    ids = _with_dossiers(desk)
    row = dict(zip(EVENT_COLUMNS, _events(ids)[0], strict=True), **{column: value})
    before = desk.store.conn.execute("SELECT COUNT(*) FROM dossier_events").fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match=message):
        DossierStore(desk.store).insert_event(row)
    with pytest.raises(sqlite3.IntegrityError, match=message):
        desk.store.conn.execute(
            f"INSERT INTO dossier_events ({', '.join(EVENT_COLUMNS)}) VALUES (?,?,?,?,?,?,?,?)",
            [row[c] for c in EVENT_COLUMNS],
        )
    assert desk.store.conn.execute("SELECT COUNT(*) FROM dossier_events").fetchone()[0] == before


def test_events_stay_immutable_in_the_view_and_in_the_table(desk: Desk) -> None:
    ids = _with_dossiers(desk)
    conn = desk.store.conn
    for sql in (
        "UPDATE dossier_events SET kind = 'done' WHERE dossier_id = ?",
        "DELETE FROM dossier_events WHERE dossier_id = ?",
        f"UPDATE {EVENT_TABLE} SET kind = 'done' WHERE dossier = (SELECT rowid FROM dossiers WHERE id = ?)",
        f"DELETE FROM {EVENT_TABLE} WHERE dossier = (SELECT rowid FROM dossiers WHERE id = ?)",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="dossier events are immutable"):
            conn.execute(sql, (ids[0],))


def _plans(conn: sqlite3.Connection, statements: list[str]) -> dict[str, list[str]]:
    return {s: [r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {s}")] for s in statements}


def test_every_reader_of_events_finds_them_by_key_not_by_scan(desk: Desk) -> None:
    """On a store without statistics (a new desk): each query that reads events searches the lean table
    by its key or the dossier index, and the view's joins by INTEGER PRIMARY KEY."""
    ids = _with_dossiers(desk)
    store, conn = desk.store, desk.store.conn
    event_ids = [r[0] for r in conn.execute("SELECT id FROM dossier_events")]
    traced: list[str] = []
    conn.set_trace_callback(traced.append)
    try:
        DossierStore(store).events(ids[0])
        sync = SyncStore(store)
        sync.event_ids_by_dossier(ids)
        sync.event_ids_present(event_ids)
        sync.event_kinds(ids[0])
        ScorecardStore(conn).events(ids[0])
        report = ReportStore(conn)
        report.events_of(ids)
        list(report.period_dossiers("2020-01-01T00:00:00+07:00", "2030-01-01T00:00:00+07:00"))
        PrintStore(store).first_event_times("2020-01-01T00:00:00+07:00", "2030-01-01T00:00:00+07:00")
        OutboxStore(store).rows("dossier_events", event_ids)
    finally:
        conn.set_trace_callback(None)
    reading = [s for s in traced if "dossier_event" in s and s.lstrip().upper().startswith("SELECT")]
    assert len(reading) == 9, reading
    for sql, plan in _plans(conn, reading).items():
        scans = [p for p in plan if p.startswith("SCAN") and not p.startswith("SCAN d ")]
        assert not scans, (sql, plan)
        assert any(EVENT_TABLE in p or "PRIMARY KEY (id" in p or "dossier_events_dossier" in p for p in plan), plan
