"""A store's events as they were kept before migration 0022 (one plain table), for tests that rewind a
store made by this version to an older schema version."""

from __future__ import annotations

import sqlite3

# The table, index and triggers of migrations 0001 and 0008.
BEFORE_0022 = """
CREATE TABLE dossier_events_before (
    id         TEXT PRIMARY KEY,
    dossier_id TEXT NOT NULL REFERENCES dossiers (id),
    kind       TEXT NOT NULL CHECK (kind IN ('received', 'forwarded', 'supplement_requested',
                   'supplement_received', 'refused', 'apology_issued', 'done', 'returned', 'withdrawn',
                   'stopped')),
    at         TEXT NOT NULL,
    data       TEXT NOT NULL DEFAULT '{}',
    clerk_id   TEXT NOT NULL,
    desk_id    TEXT NOT NULL,
    created_at TEXT NOT NULL
);
INSERT INTO dossier_events_before SELECT * FROM dossier_events;
DROP VIEW dossier_events;
DROP TABLE dossier_event_rows;
DROP TABLE repeated_ids;
ALTER TABLE dossier_events_before RENAME TO dossier_events;
CREATE INDEX dossier_events_dossier ON dossier_events (dossier_id, at);
CREATE TRIGGER dossier_events_no_update BEFORE UPDATE ON dossier_events
BEGIN
    SELECT RAISE(ABORT, 'dossier events are immutable');
END;
CREATE TRIGGER dossier_events_no_delete BEFORE DELETE ON dossier_events
BEGIN
    SELECT RAISE(ABORT, 'dossier events are immutable');
END;
"""


def events_as_before_0022(conn: sqlite3.Connection) -> None:
    """Inside the caller's transaction: the lean events table and its view back to the plain table."""
    statement = ""
    for line in BEFORE_0022.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
