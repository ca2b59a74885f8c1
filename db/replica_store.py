"""SQL for applying other desks' register records (feedback, citizen reception) pulled from the hub.

Records are written WITHOUT an outbox entry (the hub already has them), through the tables' own
stores so the columns a record may change are the same as when it is changed here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from db.citizen_store import TABLES as CITIZEN_TABLES
from db.feedback_store import ENTRY_COLUMNS, EVENT_COLUMNS, RATING_COLUMNS, READ_COLUMNS
from db.store import Store

CHUNK = 500
# The table and the columns of each kind of record, by its short name.
TABLES: dict[str, tuple[str, Sequence[str]]] = dict(
    CITIZEN_TABLES,
    feedback=("feedback_entries", ENTRY_COLUMNS),
    feedback_event=("feedback_events", EVENT_COLUMNS),
    rating=("ratings", RATING_COLUMNS),
    confidential_read=("confidential_reads", READ_COLUMNS),
)


class ReplicaStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Inside the pull's transaction: a record that fails half-way leaves nothing of itself behind."""
        self.conn.execute("SAVEPOINT replica")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK TO replica")
            self.store.forget_outbox_cache()
            self.conn.execute("RELEASE replica")
            raise
        self.conn.execute("RELEASE replica")

    def active_flag(self, entry_id: str, flag: str) -> str | None:
        """The id of the flag in force on an entry for this reason, if any."""
        row = self.conn.execute(
            "SELECT id FROM entry_flags WHERE entry_id = ? AND flag = ? AND cleared_at IS NULL", (entry_id, flag)
        ).fetchone()
        return row[0] if row else None

    def update(self, what: str, row_id: str, values: Mapping[str, Any]) -> None:
        """Columns of a pulled record replaced by a newer version (the caller picks which may change)."""
        table, columns = TABLES[what]
        unknown = set(values) - set(columns)
        if unknown:
            raise ValueError(f"{table} has no columns {sorted(unknown)}")
        sets = ", ".join(f"{k} = ?" for k in values)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), row_id])

    def rows(self, what: str, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The rows held of these ids (every column but the local rowid)."""
        table, columns = TABLES[what]
        found: dict[str, dict[str, Any]] = {}
        unique = list(dict.fromkeys(ids))
        for i in range(0, len(unique), CHUNK):
            part = unique[i : i + CHUNK]
            marks = ",".join("?" * len(part))
            for r in self.conn.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE id IN ({marks})", part):
                found[r["id"]] = dict(r)
        return found

    def insert(self, what: str, row: Mapping[str, Any]) -> None:
        table, columns = TABLES[what]
        self.conn.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [row.get(c) for c in columns],
        )

    def versions(self, entity: str, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """entity id -> (updated_at, writing desk) of the versions applied from the hub."""
        found: dict[str, tuple[str, str]] = {}
        unique = list(dict.fromkeys(ids))
        for i in range(0, len(unique), CHUNK):
            part = unique[i : i + CHUNK]
            marks = ",".join("?" * len(part))
            for r in self.conn.execute(
                f"SELECT entity_id, updated_at, desk_id FROM sync_versions WHERE entity = ? AND entity_id IN ({marks})",
                [entity, *part],
            ):
                found[r[0]] = (r[1], r[2])
        return found

    def set_version(self, entity: str, entity_id: str, updated_at: str, desk_id: str) -> None:
        self.conn.execute(
            "INSERT INTO sync_versions (entity, entity_id, updated_at, desk_id) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (entity, entity_id) DO UPDATE SET updated_at = excluded.updated_at, "
            "desk_id = excluded.desk_id",
            (entity, entity_id, updated_at, desk_id),
        )
