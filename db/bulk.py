"""Bulk loads (demo data): the secondary indexes of the big tables built once after the rows arrive,
instead of growing row by row (at a million dossiers each row's insert into a random place of six
indexes costs a page read).

The dropped indexes are written to the meta table in the transaction that drops them, and
``restore_indexes`` (run at every open of the store) builds any still missing from that note: a load
killed half-way still ends with the store's full schema, the same SQL as its migrations wrote.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol

DEFERRED_META = "deferred_indexes"
BIG_TABLES = ("dossiers", "dossier_event_rows", "outbox", "scorecard_dossiers")  # events: migration 0022


class Store(Protocol):
    """What a bulk load needs of the store (db.store.Store, which runs ``restore_indexes`` at open)."""

    conn: sqlite3.Connection

    def transaction(self) -> AbstractContextManager[Any]: ...


@contextmanager
def deferred_indexes(store: Store, tables: Sequence[str] = BIG_TABLES) -> Iterator[None]:
    """Drop the named tables' secondary indexes (not the unique keys) for the body; rebuild them after."""
    conn = store.conn
    with store.transaction():
        marks = ", ".join("?" * len(tables))
        found = conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks}) "
            "ORDER BY rowid",
            list(tables),
        ).fetchall()
        if found:
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (DEFERRED_META, json.dumps([[name, sql] for name, sql in found])),
            )
        for name, _ in found:
            conn.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        restore_indexes(store)


def restore_indexes(store: Store) -> int:
    """Build the indexes a bulk load dropped and has not rebuilt yet; returns how many were built."""
    conn = store.conn
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (DEFERRED_META,)).fetchone()
    if row is None:
        return 0
    built = 0
    with store.transaction():
        for name, sql in json.loads(row[0]):
            if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone():
                continue
            conn.execute(sql)
            built += 1
        conn.execute("DELETE FROM meta WHERE key = ?", (DEFERRED_META,))
    return built
