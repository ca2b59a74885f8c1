"""SQL of a lean outbox: the rows a change is rebuilt from, pruning acknowledged payloads, and how much
room each table takes (``dbstat``).

A pruned outbox entry keeps its sequence, entity, key, time (where it is not the payload's own) and the
SHA-256 of what was sent; its payload is rebuilt from the record's own row when the hub needs it again
(app.sync.rebuild). The entries' shape is db/migrations/0021's; ``Store.ENTRY_COLUMNS`` reads them back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from db.store import Store

CHUNK = 500
# The table each kind of change is rebuilt from (its rows are never updated: triggers or the services).
TABLES = frozenset(
    {
        "dossiers",
        "dossier_events",
        "feedback_events",
        "ratings",
        "rating_declines",
        "confidential_reads",
        "print_log",
        "document_numbers",
        "clash_settlements",
        "dossier_fees",
        "fee_payments",
        "attachments",
    }
)


@dataclass(frozen=True)
class TableSize:
    name: str  # a table or an index
    table: str  # the table it belongs to
    bytes: int
    rows: int  # the rows of a table, the entries of an index


class OutboxStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    def rows(self, table: str, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The rows of these ids in one of ``TABLES``, every column."""
        if table not in TABLES:
            raise ValueError(f"{table} is not a table changes are rebuilt from")
        found: dict[str, dict[str, Any]] = {}
        unique = list(dict.fromkeys(ids))
        for i in range(0, len(unique), CHUNK):
            part = unique[i : i + CHUNK]
            marks = ",".join("?" * len(part))
            for r in self.conn.execute(f"SELECT * FROM {table} WHERE id IN ({marks})", part):
                found[r["id"]] = dict(r)
        return found

    def prunable(self, db_id: str, after_seq: int, limit: int) -> list[dict[str, Any]]:
        """Acknowledged entries of one history that still hold their payload, from ``after_seq`` on.

        A change the hub refused keeps its payload: the clerk reads why, and it may be sent again."""
        return self.store.all(
            f"SELECT {Store.ENTRY_COLUMNS} JOIN sync_acks a ON a.db_id = h.db_id "
            "WHERE h.db_id = ? AND o.seq > ? AND o.seq <= a.acked_seq AND o.payload IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM sync_errors s WHERE s.db_id = h.db_id AND s.seq = o.seq) "
            "ORDER BY o.seq LIMIT ?",
            (db_id, after_seq, limit),
        )

    def prune(self, digests: Sequence[tuple[bytes, str | None, str, int]]) -> int:
        """Drop these payloads, keeping each one's hash and patch: (digest, patch, db_id, seq). Call inside a
        transaction."""
        before = self.conn.total_changes
        self.conn.executemany(
            "UPDATE outbox SET payload = NULL, digest = ?, patch = ? "
            "WHERE hist = (SELECT hist FROM outbox_histories WHERE db_id = ?) AND seq = ? AND payload IS NOT NULL",
            digests,
        )
        return self.conn.total_changes - before

    def pruned(self, db_id: str, after_seq: int, limit: int) -> list[dict[str, Any]]:
        """Pruned entries of one history (to check each can still be rebuilt)."""
        return self.store.all(
            f"SELECT {Store.ENTRY_COLUMNS} WHERE h.db_id = ? AND o.seq > ? AND o.payload IS NULL "
            "ORDER BY o.seq LIMIT ?",
            (db_id, after_seq, limit),
        )

    def counts(self) -> dict[str, int]:
        row = self.conn.execute("SELECT COUNT(*), COUNT(payload) FROM outbox").fetchone()
        return {"entries": row[0], "with_payload": row[1], "pruned": row[0] - row[1]}

    # Room

    def auto_vacuum(self) -> str:
        return {0: "none", 1: "full", 2: "incremental"}[self.conn.execute("PRAGMA auto_vacuum").fetchone()[0]]

    def vacuum(self, *, incremental: bool = True) -> None:
        """Give the room pruning freed back to the disk. The first time a full VACUUM (it also turns on
        incremental vacuum, which needs one); then only the free pages, in small steps."""
        if self.auto_vacuum() != "incremental":
            self.conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
            self.conn.execute("VACUUM")
        elif incremental:
            self.conn.execute("PRAGMA incremental_vacuum")
        else:
            self.conn.execute("VACUUM")

    def free_pages(self) -> int:
        return self.conn.execute("PRAGMA freelist_count").fetchone()[0]

    def file_bytes(self) -> int:
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        return pages * self.conn.execute("PRAGMA page_size").fetchone()[0]

    def table_sizes(self) -> list[TableSize]:
        """Bytes and entries of every table and index, largest first (SQLite's ``dbstat``)."""
        rows = self.conn.execute(
            "SELECT s.name, COALESCE(m.tbl_name, s.name), SUM(s.pgsize), "
            # An index's entries sit on its interior pages too; a table's rows only on its leaves.
            "SUM(CASE WHEN s.pagetype = 'leaf' OR (s.pagetype = 'internal' AND (m.type = 'index' "
            "OR m.sql LIKE '%WITHOUT ROWID%')) THEN s.ncell ELSE 0 END) "
            "FROM dbstat s LEFT JOIN sqlite_master m ON m.name = s.name "
            "GROUP BY s.name ORDER BY SUM(s.pgsize) DESC"
        )
        return [TableSize(r[0], r[1], r[2], r[3]) for r in rows]
