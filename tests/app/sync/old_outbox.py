"""A store's outbox put back in the shape schema 20 gave it (before db/migrations/0021), for the tests that
start from an older store: the objects' SQL as a store migrated to 20 holds it, every entry as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.desk import Desk
from app.sync import rebuild
from db.connection import connect, migrate
from tests.db.older_events import events_as_before_0022

BEFORE = 20
OLD_OBJECTS = (
    "outbox",  # first: its index and triggers name it
    "outbox_entity",
    "outbox_no_update",
    "outbox_prune_only",
    "scorecard_acks_insert",
    "scorecard_acks_forward",
    "scorecard_acks_back",
)
NEW_TABLES = ("outbox", "outbox_histories", "outbox_kinds")  # their index and triggers go with them


def entries(desk: Desk) -> list[dict[str, Any]]:
    """Every entry of every history as readers above db/ see it, with its time as the wire carries it."""
    rows = []
    for db_id in desk.sync.sync_store.histories():
        part = desk.store.outbox(db_id=db_id, limit=100_000)
        for r, change in zip(part, rebuild.changes(desk.store, part), strict=True):
            rows.append(dict(r, created_at=change["created_at"]))
    return rows


def as_schema_20(desk: Desk, scratch: Path, rows: list[dict[str, Any]] | None = None) -> None:
    """Rewrite the outbox (``rows``, by default its entries as they are) and the events as schema 20 held
    them (db/migrations/0021 and 0022 undone); the caller sets the file's version."""
    rows = entries(desk) if rows is None else rows
    old = connect(scratch / "schema20.sqlite3")
    migrate(old, target=BEFORE)
    marks = ", ".join("?" * len(OLD_OBJECTS))
    sql = dict(old.execute(f"SELECT name, sql FROM sqlite_master WHERE name IN ({marks})", OLD_OBJECTS).fetchall())
    old.close()
    with desk.store.transaction():
        conn = desk.store.conn
        for name in ("scorecard_acks_insert", "scorecard_acks_forward", "scorecard_acks_back"):
            conn.execute(f"DROP TRIGGER {name}")
        for table in NEW_TABLES:
            conn.execute(f"DROP TABLE {table}")
        for name in OLD_OBJECTS:
            conn.execute(sql[name])
        conn.executemany(
            "INSERT INTO outbox (db_id, seq, entity, entity_id, op, payload, digest, patch, created_at) "
            "VALUES (:db_id, :seq, :entity, :entity_id, :op, :payload, :digest, :patch, :created_at)",
            rows,
        )
        events_as_before_0022(conn)
