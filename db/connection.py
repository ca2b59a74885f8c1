"""Opening the SQLite file with the pragmas a desk that loses power needs, and migrating it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db.errors import MigrationError, from_sqlite
from db.migrate import Migration, find, run

BUSY_TIMEOUT_MS = 5000


def migrations() -> list[Migration]:
    """The numbered migrations shipped in ``db/migrations``, in order."""
    return find("db.migrations")


LATEST_VERSION = len(migrations())


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection in autocommit mode: transactions are explicit (``BEGIN IMMEDIATE``)."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if str(path) != ":memory:":
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise sqlite3.OperationalError(f"could not switch {path} to WAL (got {mode})")
    conn.execute("PRAGMA foreign_keys = ON")
    # FULL: a committed dossier survives a power cut, which rural desks see often.
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def upgrades_pending(path: str | Path) -> int:
    """How many migrations opening this file will run (read only, nothing written); 0 for a file that is
    not there or cannot be read: opening it says why."""
    if str(path) == ":memory:" or not Path(path).is_file():
        return 0
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return max(0, LATEST_VERSION - schema_version(conn))
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def migrate(conn: sqlite3.Connection, *, target: int | None = None) -> int:
    """Apply every migration above the file's version, each in its own transaction.

    The version bump commits with the migration, so a crash leaves the file at a clean version.
    """

    def apply(migration: Migration) -> None:
        script = f"BEGIN IMMEDIATE;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;"
        try:
            conn.executescript(script)
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            # A full disk or a read-only file is named as such: the clerk can act on it.
            failed = MigrationError(f"migration {migration.version} ({migration.name}) failed: {exc}")
            raise from_sqlite(exc) or failed from exc

    return run(migrations(), schema_version(conn), apply, target=target)
