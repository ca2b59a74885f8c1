"""SQL for citizen reception: the 03/TCD register, leaders' sessions, dialogues, follow-ups, flags, disclosure.

Rows go in and come out as plain dicts; the caller (app.citizens) wraps writes that belong together
in ``store.transaction()`` with their outbox entries (app.core.history.record).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from db.store import Store

RECEPTION_COLUMNS = (
    "id",
    "number",
    "received_at",
    "person_name",
    "person_address",
    "person_cccd",
    "identity_cipher",
    "identity_key_id",
    "content",
    "kind",
    "people_count",
    "matter_id",
    "resolved_by",
    "in_competence",
    "guidance",
    "guidance_doc",
    "accepted_by",
    "forward_doc",
    "follow_up",
    "notes",
    "channel",
    "session_id",
    "outcome",
    "refusal_reason",
    "refused_at",
    "refuse_due",
    "documents",
    "documents_at",
    "register_kind",
    "register_id",
    "register_number",
    "search_text",
    "created_at",
    "updated_at",
    "clerk_id",
    "desk_id",
)
# Who came and what they said never change after receipt; the outcome columns do.
RECEPTION_MUTABLE = frozenset(
    {
        "people_count",
        "resolved_by",
        "in_competence",
        "guidance",
        "guidance_doc",
        "accepted_by",
        "forward_doc",
        "follow_up",
        "notes",
        "outcome",
        "refusal_reason",
        "refused_at",
        "documents",
        "documents_at",
        "register_kind",
        "register_id",
        "register_number",
        "updated_at",
    }
)
SESSION_COLUMNS = (
    "id",
    "leader_role",
    "leader_name",
    "day",
    "starts",
    "place",
    "regular",
    "mode",
    "status",
    "received_by",
    "raised",
    "held_at",
    "conclusion_number",
    "conclusion_year",
    "conclusion_seq",
    "conclusion",
    "concluded_at",
    "signer",
    "created_at",
    "updated_at",
    "clerk_id",
    "desk_id",
)
DIALOGUE_COLUMNS = (
    "id",
    "number",
    "year",
    "seq",
    "kind",
    "subject",
    "held_at",
    "place",
    "chair",
    "secretary",
    "attendees",
    "residents",
    "issues",
    "created_at",
    "updated_at",
    "clerk_id",
    "desk_id",
)
FOLLOW_UP_COLUMNS = (
    "id",
    "source",
    "source_id",
    "task",
    "owner",
    "days",
    "assigned_on",
    "due",
    "done_at",
    "result",
    "created_at",
    "updated_at",
    "clerk_id",
    "desk_id",
)
FLAG_COLUMNS = ("id", "register", "entry_id", "flag", "note", "set_at", "cleared_at", "clerk_id", "desk_id")
DISCLOSURE_COLUMNS = (
    "id",
    "kind",
    "title",
    "body",
    "procedure_code",
    "posted_on",
    "until",
    "taken_down_on",
    "created_at",
    "updated_at",
    "clerk_id",
    "desk_id",
)
TABLES: dict[str, tuple[str, Sequence[str]]] = {
    "reception": ("reception_entries", RECEPTION_COLUMNS),
    "session": ("reception_sessions", SESSION_COLUMNS),
    "dialogue": ("dialogues", DIALOGUE_COLUMNS),
    "follow_up": ("follow_ups", FOLLOW_UP_COLUMNS),
    "flag": ("entry_flags", FLAG_COLUMNS),
    "disclosure": ("disclosures", DISCLOSURE_COLUMNS),
}


class CitizenStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    # Any of the tables, by the short name above

    def insert(self, what: str, row: Mapping[str, Any]) -> None:
        table, columns = TABLES[what]
        self.conn.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [row.get(c) for c in columns],
        )

    def update(self, what: str, row_id: str, values: Mapping[str, Any]) -> None:
        table, columns = TABLES[what]
        allowed = RECEPTION_MUTABLE if what == "reception" else set(columns) - {"id", "created_at", "desk_id"}
        unknown = set(values) - set(allowed)
        if unknown:
            raise ValueError(f"{table} columns cannot change: {sorted(unknown)}")
        sets = ", ".join(f"{k} = ?" for k in values)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*values.values(), row_id])

    def get(self, what: str, row_id: str) -> dict[str, Any] | None:
        table, columns = TABLES[what]
        return self.store.one(f"SELECT {', '.join(columns)} FROM {table} WHERE id = ?", (row_id,))

    # The reception register

    def reception_by_number(self, number: str) -> dict[str, Any] | None:
        return self.store.one(
            f"SELECT {', '.join(RECEPTION_COLUMNS)} FROM reception_entries WHERE number = ?", (number,)
        )

    def receptions(
        self,
        *,
        start: str | None = None,
        end: str | None = None,
        session_id: str | None = None,
        ids: Sequence[str] | None = None,
        tokens: Sequence[str] = (),
    ) -> list[dict[str, Any]]:
        """In register order (received, then entered). ``end`` is exclusive."""
        clauses, params = [], []
        if start:
            clauses.append("received_at >= ?")
            params.append(start)
        if end:
            clauses.append("received_at < ?")
            params.append(end)
        if session_id:
            clauses.append("session_id = ?")
            params.append(session_id)
        if ids is not None:
            clauses.append(f"id IN ({','.join('?' * len(ids)) or 'NULL'})")
            params.extend(ids)
        for token in tokens:
            clauses.append("instr(search_text, ?) > 0")
            params.append(token)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return self.store.all(
            f"SELECT {', '.join(RECEPTION_COLUMNS)} FROM reception_entries{where} ORDER BY received_at, rowid",
            params,
        )

    def max_reception_number(self, prefix: str) -> int:
        row = self.conn.execute(
            "SELECT MAX(CAST(substr(number, ?) AS INTEGER)) FROM reception_entries WHERE number >= ? AND number < ?",
            (len(prefix) + 1, prefix, prefix + "\uffff"),
        ).fetchone()
        return row[0] or 0

    def legacy_events(self, entry_id: str) -> list[dict[str, Any]]:
        return self.store.all(
            "SELECT id, entry_id, kind, at, data, clerk_id, desk_id FROM reception_legacy_events "
            "WHERE entry_id = ? ORDER BY at, id",
            (entry_id,),
        )

    def key_ids_in_use(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT DISTINCT identity_key_id FROM reception_entries WHERE identity_key_id IS NOT NULL"
        )
        return [r[0] for r in rows]

    # Sessions, dialogues, follow-ups

    def sessions(self, start: str, end: str) -> list[dict[str, Any]]:
        """Sessions on days in [start, end] (dates), in order."""
        return self.store.all(
            f"SELECT {', '.join(SESSION_COLUMNS)} FROM reception_sessions WHERE day >= ? AND day <= ? "
            "ORDER BY day, starts, leader_role",
            (start, end),
        )

    def dialogues(self, start: str, end: str) -> list[dict[str, Any]]:
        return self.store.all(
            f"SELECT {', '.join(DIALOGUE_COLUMNS)} FROM dialogues WHERE held_at >= ? AND held_at < ? ORDER BY held_at",
            (start, end),
        )

    def follow_ups(self, source: str | None = None, source_id: str | None = None) -> list[dict[str, Any]]:
        clauses, params = [], []
        if source:
            clauses.append("source = ?")
            params.append(source)
        if source_id:
            clauses.append("source_id = ?")
            params.append(source_id)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return self.store.all(
            f"SELECT {', '.join(FOLLOW_UP_COLUMNS)} FROM follow_ups{where} ORDER BY due, created_at", params
        )

    # Flags

    def flags(self, *, entry_id: str | None = None, flag: str | None = None) -> list[dict[str, Any]]:
        """Flags in force (not cleared)."""
        clauses, params = ["cleared_at IS NULL"], []
        if entry_id:
            clauses.append("entry_id = ?")
            params.append(entry_id)
        if flag:
            clauses.append("flag = ?")
            params.append(flag)
        return self.store.all(
            f"SELECT {', '.join(FLAG_COLUMNS)} FROM entry_flags WHERE {' AND '.join(clauses)} ORDER BY set_at", params
        )

    def flag_counts(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT flag, COUNT(*) FROM entry_flags WHERE cleared_at IS NULL GROUP BY flag")
        return {r[0]: r[1] for r in rows}

    # Disclosure

    def disclosures(self) -> list[dict[str, Any]]:
        return self.store.all(
            f"SELECT {', '.join(DISCLOSURE_COLUMNS)} FROM disclosures ORDER BY kind, posted_on, title", ()
        )

    def disclosure_for_procedure(self, code: str) -> dict[str, Any] | None:
        return self.store.one(
            f"SELECT {', '.join(DISCLOSURE_COLUMNS)} FROM disclosures "
            "WHERE kind = 'procedure' AND procedure_code = ? AND taken_down_on IS NULL",
            (code,),
        )
