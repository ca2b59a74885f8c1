"""SQL for the hub's tables of the feedback registers and citizen reception (migration 0003).

Rows come from the ingest keepers (app.province.registers), already checked. Records that update
are upserted by their version (app.core.history.version): a newer-or-equal one replaces the row, an
older one never does, and a record stays with the commune that first sent it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from db.hub.store import HubStore

VERSION = ("changed_at", "changed_by", "filled")
# Table -> the columns a desk's snapshot sets (after id, commune_code, desk_id); the version follows.
COLUMNS: dict[str, tuple[str, ...]] = {
    "feedback_entries": (
        "kind",
        "channel",
        "dossier_id",
        "received_at",
        "rule_from",
        "accept_due",
        "forward_due",
        "resolve_due",
        "complex",
        "status",
        "accepted_at",
        "answered_at",
        "forwarded_at",
        "closed_at",
    ),
    "reception_entries": (
        "kind",
        "channel",
        "received_at",
        "people_count",
        "matter_id",
        "in_competence",
        "outcome",
        "documents",
        "refuse_due",
        "refused_at",
        "session_id",
        "register_kind",
        "register_id",
    ),
    "reception_sessions": ("leader_role", "day", "regular", "mode", "status", "held_at", "concluded_at"),
    "dialogues": ("kind", "held_at", "residents", "issues"),
    "follow_ups": ("source", "source_id", "days", "assigned_on", "due", "done_at"),
}
FLAG_COLUMNS = ("id", "commune_code", "desk_id", "register", "entry_id", "flag", "set_at", "cleared_at")


def upsert_versioned(hub: HubStore, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Rows in the order the desk wrote them: of one desk's same-second versions the later one stays."""
    columns = ("id", "commune_code", "desk_id", *COLUMNS[table], *VERSION)
    updates = ", ".join(f"{c} = excluded.{c}" for c in (*COLUMNS[table], *VERSION))
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
        f"ON CONFLICT (id) DO UPDATE SET {updates} "
        f"WHERE {table}.commune_code = excluded.commune_code "
        f"AND (excluded.changed_at, excluded.changed_by, excluded.filled) "
        f">= ({table}.changed_at, {table}.changed_by, {table}.filled)"
    )
    for row in rows:  # one by one: two versions of one record may sit in one batch
        hub.backend.execute(sql, [row[c] for c in columns])


def upsert_flags(hub: HubStore, rows: Sequence[Mapping[str, Any]]) -> None:
    """A flag set, or cleared (the earliest clearing stays); then the twin rule of the migration."""
    for row in rows:
        hub.backend.execute(
            f"INSERT INTO entry_flags ({', '.join(FLAG_COLUMNS)}) VALUES ({', '.join('?' * len(FLAG_COLUMNS))}) "
            "ON CONFLICT (id) DO UPDATE SET cleared_at = excluded.cleared_at "
            "WHERE entry_flags.commune_code = excluded.commune_code AND excluded.cleared_at IS NOT NULL "
            "AND (entry_flags.cleared_at IS NULL OR excluded.cleared_at < entry_flags.cleared_at)",
            [row[c] for c in FLAG_COLUMNS],
        )
    if rows:
        hub.backend.execute(
            "UPDATE entry_flags SET cleared_at = set_at WHERE cleared_at IS NULL AND EXISTS ("
            "SELECT 1 FROM entry_flags o WHERE o.commune_code = entry_flags.commune_code "
            "AND o.entry_id = entry_flags.entry_id AND o.flag = entry_flags.flag AND o.cleared_at IS NULL "
            "AND o.id < entry_flags.id) AND commune_code = ?",
            (rows[0]["commune_code"],),
        )


def rows(hub: HubStore, table: str, commune: str | None) -> list[dict[str, Any]]:
    """Every row a commune (None: every commune) has in one of these tables, in id order (for the
    scorecard and the tests)."""
    if table not in COLUMNS and table != "entry_flags":
        raise ValueError(table)
    if commune is None:
        return hub.backend.all(f"SELECT * FROM {table} ORDER BY id")
    return hub.backend.all(f"SELECT * FROM {table} WHERE commune_code = ? ORDER BY id", (commune,))
