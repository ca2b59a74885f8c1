"""SQL for the scorecard: the rows of one period, for app.scorecard.desk_source to turn into records.

A period's dossiers are those received by its end and still processed in it: received in it, not yet
final, or with an event on or after its first day (the engine drops the ones that ended before).
Columns and tables that later migrations add (the identity check, declined ratings) are read when
the store has them, so this module works on every schema version the desk may run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from db.dossier_store import EVENT_TABLE

FINAL = ("returned", "refused", "withdrawn", "stopped")
DOSSIER_COLUMNS = (
    "id",
    "code",
    "procedure_code",
    "procedure_name",
    "legal_time",
    "channel",
    "received_at",
    "clerk_id",
    "desk_id",
    "documents",
)
ENTRY_COLUMNS = (
    "id",
    "number",
    "kind",
    "channel",
    "received_at",
    "dossier_id",
    "desk_id",
    "accept_due",
    "forward_due",
    "resolve_due",
    "answered_at",
    "forwarded_at",
    "closed_at",
    "accepted_at",
)

# A dossier's creation here (kind 0: db/migrations/0021, its partial index), its acknowledgement and refusal.
CREATION_JOIN = (
    "LEFT JOIN outbox o ON o.entity_id = d.id AND o.kind = 0 "
    "LEFT JOIN outbox_histories h ON h.hist = o.hist "
    "LEFT JOIN sync_acks a ON a.db_id = h.db_id "
    "LEFT JOIN sync_errors s ON s.db_id = h.db_id AND s.seq = o.seq"
)


class ReportStore:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _columns(self, table: str) -> set[str]:
        return {r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")}

    def has_table(self, table: str) -> bool:
        return bool(self._columns(table))

    def period_dossiers(self, start: str, end_next: str) -> Iterator[dict[str, Any]]:
        """Dossiers of the period with ``synced`` (its creation acknowledged by the hub, or pulled from
        it) and ``identity_check`` (NULL when the store has no such column), in received order."""
        identity = "d.identity_check" if "identity_check" in self._columns("dossiers") else "NULL"
        marks = ",".join("?" * len(FINAL))
        rows = self.conn.execute(
            f"SELECT {', '.join('d.' + c for c in DOSSIER_COLUMNS)}, {identity} AS identity_check, "
            "CASE WHEN o.seq IS NULL THEN 1 "
            "     WHEN o.seq <= COALESCE(a.acked_seq, 0) AND s.seq IS NULL THEN 1 ELSE 0 END AS synced "
            "FROM dossiers d "
            f"{CREATION_JOIN} "
            f"WHERE d.received_at < ? AND (d.received_at >= ? OR d.status NOT IN ({marks}) "
            f"   OR EXISTS (SELECT 1 FROM {EVENT_TABLE} e WHERE e.dossier = d.rowid AND e.at >= ?)) "
            "ORDER BY d.received_at, d.id",
            (end_next, start, *FINAL, start),
        )
        for row in rows:
            yield dict(row)

    def dossiers_by_ids(self, dossier_ids: list[str]) -> list[dict[str, Any]]:
        """The same columns as ``period_dossiers`` for these dossiers."""
        identity = "d.identity_check" if "identity_check" in self._columns("dossiers") else "NULL"
        found: list[dict[str, Any]] = []
        for i in range(0, len(dossier_ids), 500):
            chunk = dossier_ids[i : i + 500]
            rows = self.conn.execute(
                f"SELECT {', '.join('d.' + c for c in DOSSIER_COLUMNS)}, {identity} AS identity_check, "
                "CASE WHEN o.seq IS NULL THEN 1 "
                "     WHEN o.seq <= COALESCE(a.acked_seq, 0) AND s.seq IS NULL THEN 1 ELSE 0 END AS synced "
                "FROM dossiers d "
                f"{CREATION_JOIN} "
                f"WHERE d.id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.extend(dict(r) for r in rows)
        return found

    def events_of(self, dossier_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        for i in range(0, len(dossier_ids), 500):
            chunk = dossier_ids[i : i + 500]
            rows = self.conn.execute(
                "SELECT id, dossier_id, kind, at, data, clerk_id, desk_id, created_at FROM dossier_events "
                f"WHERE dossier_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for row in rows:
                found.setdefault(row["dossier_id"], []).append(dict(row))
        return found

    def period_entries(self, start: str, end_next: str) -> list[dict[str, Any]]:
        """Register entries received by the end of the period and not handled before its start."""
        rows = self.conn.execute(
            f"SELECT {', '.join(ENTRY_COLUMNS)} FROM feedback_entries WHERE received_at < ? "
            "AND (received_at >= ? OR COALESCE(answered_at, forwarded_at, closed_at) IS NULL "
            "     OR COALESCE(answered_at, forwarded_at, closed_at) >= ?) ORDER BY received_at, id",
            (end_next, start, start),
        )
        return [dict(r) for r in rows]

    def period_ratings(self, start: str, end_next: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT id, dossier_id, procedure_code, clerk_id, scale, level_key, satisfied, elements, rated_at, "
            "desk_id FROM ratings WHERE rated_at >= ? AND rated_at < ? ORDER BY rated_at, id",
            (start, end_next),
        )
        return [dict(r) for r in rows]

    def period_declines(self, start: str, end_next: str) -> list[dict[str, Any]] | None:
        """Dossiers whose citizen left the rating screen in the period and never rated (None: the
        store does not record declines)."""
        if not self.has_table("rating_declines"):
            return None
        rows = self.conn.execute(
            "SELECT c.id, c.dossier_id, c.procedure_code, c.clerk_id, c.declined_at, c.desk_id "
            "FROM rating_declines c WHERE c.declined_at >= ? AND c.declined_at < ? "
            "AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.dossier_id = c.dossier_id) ORDER BY c.declined_at",
            (start, end_next),
        )
        return [dict(r) for r in rows]

    def clerk_names(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT id, full_name FROM clerks")}

    def procedure_names(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT code, name FROM procedures")}

    def all_ratings(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT id, dossier_id, procedure_code, clerk_id, scale, level_key, satisfied, elements, rated_at, "
            "desk_id FROM ratings ORDER BY rated_at, id"
        )
        return [dict(r) for r in rows]
