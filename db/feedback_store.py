"""SQL for the feedback registers, their events, ratings and the confidential-read log.

Rows go in and come out as plain dicts; the caller (app.feedback, app.feedback.ratings, app.feedback.confidential)
wraps writes that belong together in ``store.transaction()`` with their outbox entries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from db.store import Store

ENTRY_COLUMNS = (
    "id",
    "number",
    "kind",
    "channel",
    "person_name",
    "person_address",
    "person_contact",
    "identity_cipher",
    "identity_key_id",
    "content",
    "category",
    "dossier_id",
    "dossier_code",
    "received_at",
    "rule_from",
    "accept_due",
    "forward_due",
    "resolve_due",
    "complex",
    "assigned_to",
    "status",
    "accepted_at",
    "answer",
    "answered_at",
    "forwarded_to",
    "forwarded_at",
    "closed_at",
    "search_text",
    "created_at",
    "updated_at",
    "clerk_id",
    "desk_id",
)
# Columns a status change may touch; identity and content never change after receipt.
MUTABLE_COLUMNS = frozenset(
    {
        "status",
        "accept_due",
        "resolve_due",
        "complex",
        "assigned_to",
        "accepted_at",
        "answer",
        "answered_at",
        "forwarded_to",
        "forwarded_at",
        "closed_at",
        "updated_at",
    }
)
EVENT_COLUMNS = ("id", "entry_id", "kind", "at", "data", "clerk_id", "desk_id", "created_at")
RATING_COLUMNS = (
    "id",
    "dossier_id",
    "dossier_code",
    "procedure_code",
    "clerk_id",
    "scale",
    "level",
    "level_key",
    "satisfied",
    "elements",
    "comment",
    "rated_at",
    "desk_id",
    "created_at",
)
DECLINE_COLUMNS = (
    "id",
    "dossier_id",
    "dossier_code",
    "procedure_code",
    "clerk_id",
    "how",
    "declined_at",
    "desk_id",
    "created_at",
)
READ_COLUMNS = ("id", "entry_id", "action", "clerk_id", "role", "purpose", "at", "desk_id", "created_at")


def _insert(store: Store, table: str, columns: Sequence[str], row: Mapping[str, Any]) -> None:
    store.conn.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [row.get(c) for c in columns],
    )


class FeedbackStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    # Entries

    def insert_entry(self, row: Mapping[str, Any]) -> None:
        _insert(self.store, "feedback_entries", ENTRY_COLUMNS, row)

    def update_entry(self, entry_id: str, values: Mapping[str, Any]) -> None:
        unknown = set(values) - MUTABLE_COLUMNS
        if unknown:
            raise ValueError(f"feedback entry columns cannot change: {sorted(unknown)}")
        sets = ", ".join(f"{k} = ?" for k in values)
        self.conn.execute(f"UPDATE feedback_entries SET {sets} WHERE id = ?", [*values.values(), entry_id])

    def entry(self, entry_id: str) -> dict[str, Any] | None:
        return self.store.one(f"SELECT {', '.join(ENTRY_COLUMNS)} FROM feedback_entries WHERE id = ?", (entry_id,))

    def entry_by_number(self, number: str) -> dict[str, Any] | None:
        return self.store.one(f"SELECT {', '.join(ENTRY_COLUMNS)} FROM feedback_entries WHERE number = ?", (number,))

    def max_number(self, prefix: str) -> int:
        """Highest counter issued under ``<prefix><desk digit>`` (e.g. "TC-26-1"), 0 if none."""
        row = self.conn.execute(
            "SELECT MAX(CAST(substr(number, ?) AS INTEGER)) FROM feedback_entries WHERE number >= ? AND number < ?",
            (len(prefix) + 1, prefix, prefix + "\uffff"),
        ).fetchone()
        return row[0] or 0

    def _where(self, filters: Mapping[str, Any]) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for key, column in (("kinds", "kind"), ("statuses", "status")):
            values = list(filters.get(key) or ())
            if values:
                clauses.append(f"{column} IN ({','.join('?' * len(values))})")
                params.extend(values)
        if filters.get("received_from"):
            clauses.append("received_at >= ?")
            params.append(filters["received_from"])
        if filters.get("received_to"):
            clauses.append("received_at < ?")
            params.append(filters["received_to"])
        if filters.get("assigned_to"):
            clauses.append("assigned_to = ?")
            params.append(filters["assigned_to"])
        if filters.get("dossier_id"):
            clauses.append("dossier_id = ?")
            params.append(filters["dossier_id"])
        for token in filters.get("tokens") or ():
            clauses.append("instr(search_text, ?) > 0")
            params.append(token)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def entries(self, filters: Mapping[str, Any], *, offset: int = 0, limit: int = 10_000) -> list[dict[str, Any]]:
        where, params = self._where(filters)
        rows = self.conn.execute(
            f"SELECT {', '.join(ENTRY_COLUMNS)} FROM feedback_entries{where} "
            "ORDER BY received_at DESC, rowid DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [dict(r) for r in rows]

    def count_entries(self, filters: Mapping[str, Any]) -> int:
        where, params = self._where(filters)
        return self.conn.execute(f"SELECT COUNT(*) FROM feedback_entries{where}", params).fetchone()[0]

    def key_ids_in_use(self) -> list[str]:
        # The reception register (03/TCD) holds denouncers' identities under the same commune key.
        rows = self.conn.execute(
            "SELECT identity_key_id FROM feedback_entries WHERE identity_key_id IS NOT NULL "
            "UNION SELECT identity_key_id FROM reception_entries WHERE identity_key_id IS NOT NULL"
        )
        return [r[0] for r in rows]

    # Events

    def insert_event(self, row: Mapping[str, Any]) -> None:
        _insert(self.store, "feedback_events", EVENT_COLUMNS, row)

    def events(self, entry_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            f"SELECT {', '.join(EVENT_COLUMNS)} FROM feedback_events WHERE entry_id = ? ORDER BY at, rowid",
            (entry_id,),
        )
        return [dict(r) for r in rows]

    # Ratings

    def insert_rating(self, row: Mapping[str, Any]) -> None:
        _insert(self.store, "ratings", RATING_COLUMNS, row)

    def rating(self, rating_id: str) -> dict[str, Any] | None:
        return self.store.one(f"SELECT {', '.join(RATING_COLUMNS)} FROM ratings WHERE id = ?", (rating_id,))

    def rating_for_dossier(self, dossier_id: str) -> dict[str, Any] | None:
        return self.store.one(f"SELECT {', '.join(RATING_COLUMNS)} FROM ratings WHERE dossier_id = ?", (dossier_id,))

    def last_rating_at(self, desk_id: str) -> str | None:
        row = self.conn.execute("SELECT MAX(created_at) FROM ratings WHERE desk_id = ?", (desk_id,)).fetchone()
        return row[0]

    def ratings_between(self, start: str, end: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            f"SELECT {', '.join(RATING_COLUMNS)} FROM ratings WHERE rated_at >= ? AND rated_at < ? "
            "ORDER BY rated_at, id",
            (start, end),
        )
        return [dict(r) for r in rows]

    # Declined ratings: the screen was offered for a dossier and closed without a face chosen

    def insert_decline(self, row: Mapping[str, Any]) -> None:
        _insert(self.store, "rating_declines", DECLINE_COLUMNS, row)

    def decline_for_dossier(self, dossier_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            f"SELECT {', '.join(DECLINE_COLUMNS)} FROM rating_declines WHERE dossier_id = ?", (dossier_id,)
        ).fetchone()
        return dict(row) if row else None

    def offers_between(self, start: str, end: str) -> tuple[int, int]:
        """(dossiers rated, dossiers whose citizen declined and never rated) on days start..end."""
        rated = self.conn.execute(
            "SELECT COUNT(*) FROM ratings WHERE dossier_id IS NOT NULL AND rated_at >= ? AND rated_at < ?",
            (start, end),
        ).fetchone()[0]
        declined = self.conn.execute(
            "SELECT COUNT(*) FROM rating_declines d WHERE declined_at >= ? AND declined_at < ? "
            "AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.dossier_id = d.dossier_id)",
            (start, end),
        ).fetchone()[0]
        return int(rated), int(declined)

    # Confidential-read log

    def insert_read(self, row: Mapping[str, Any]) -> None:
        _insert(self.store, "confidential_reads", READ_COLUMNS, row)

    def reads(self, entry_id: str | None = None) -> list[dict[str, Any]]:
        if entry_id is None:
            rows = self.conn.execute(f"SELECT {', '.join(READ_COLUMNS)} FROM confidential_reads ORDER BY at, rowid")
        else:
            rows = self.conn.execute(
                f"SELECT {', '.join(READ_COLUMNS)} FROM confidential_reads WHERE entry_id = ? ORDER BY at, rowid",
                (entry_id,),
            )
        return [dict(r) for r in rows]
