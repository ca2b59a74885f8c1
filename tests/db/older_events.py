"""A store's events as they were kept before migration 0022 (one plain table), for tests that rewind a
store made by this version to an older schema version: the table, index and triggers as a store migrated
to 21 holds them (their SQL read from such a store, not written again here)."""

from __future__ import annotations

import sqlite3

from db.connection import connect, migrate

BEFORE = 21
OLD_OBJECTS = ("dossier_events", "dossier_events_dossier", "dossier_events_no_update", "dossier_events_no_delete")


def _old_sql() -> dict[str, str]:
    old = connect(":memory:")
    try:
        migrate(old, target=BEFORE)
        marks = ", ".join("?" * len(OLD_OBJECTS))
        return dict(old.execute(f"SELECT name, sql FROM sqlite_master WHERE name IN ({marks})", OLD_OBJECTS).fetchall())
    finally:
        old.close()


def events_as_before_0022(conn: sqlite3.Connection) -> None:
    """Inside the caller's transaction: the lean events table and its view back to the plain table."""
    sql = _old_sql()
    conn.execute(sql["dossier_events"].replace("dossier_events", "dossier_events_before", 1))
    conn.execute("INSERT INTO dossier_events_before SELECT * FROM dossier_events")
    conn.execute("DROP VIEW dossier_events")
    conn.execute("DROP TABLE dossier_event_rows")
    conn.execute("DROP TABLE repeated_ids")
    conn.execute("ALTER TABLE dossier_events_before RENAME TO dossier_events")
    for name in OLD_OBJECTS[1:]:
        conn.execute(sql[name])
