"""Applying other desks' register records: feedback registers, ratings, citizen reception.

Three kinds of record, three rules, the same at every desk and at the hub:

- **Immutable events** (a register entry's step, a rating, a line of the read log) are inserted once
  and never changed: union, so the order they arrive in does not matter. A step that comes before its
  entry waits in the inbox (``parked``) and is applied when the entry arrives.
- **Records that update** (a register entry, a reception, a session, a dialogue, a follow-up, a
  disclosure) travel as whole snapshots; the snapshot held is replaced only by a newer one by
  ``app.core.history.version`` (later change time, then the writing desk's id, then the fuller
  snapshot of one desk's second, then that desk's own order). A snapshot needs nothing before it,
  so it never waits; its creation arriving after an update is simply older and changes nothing.
- **Flags** are set once and cleared once: a clearing is never undone (the earliest clearing time
  is kept). Two desks flagging one entry for the same reason offline make two flags: the one with
  the smaller id stays in force and the other is kept as cleared when it was set, so every desk
  counts the entry once.

Why (../shared/SYNC-LESSONS.md): what can be an immutable event is one, merged by union, so two
desks that acted offline lose nothing (the steps of both stay in the entry's history). The register
rows themselves keep columns a lifecycle overwrites (status, answer, done_at), so one version must
win, and by a rule that needs no coordination: every desk and the hub compute it from the snapshot
alone, so they converge whatever order they pull in. Two different outcomes are not flagged for a
person here (dossiers are); the losing step stays visible in the entry's history.

Applying a record twice changes nothing. A denouncer's identity arrives and stays as ciphertext under
the commune key: a desk without the key applies the record all the same and shows ``***``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any, Literal

from app.citizens.records import search_text as reception_search_text
from app.core import history
from app.feedback.records import search_text as feedback_search_text
from db.citizen_store import RECEPTION_MUTABLE
from db.feedback_store import MUTABLE_COLUMNS as FEEDBACK_MUTABLE
from db.replica_store import TABLES, ReplicaStore

Outcome = Literal["applied", "same", "parked", "stored"]

# Entity -> the short name of its table (db.replica_store.TABLES).
SNAPSHOTS: dict[history.Entity, str] = {
    history.FEEDBACK: "feedback",
    history.RECEPTION_ENTRY: "reception",
    history.RECEPTION_SESSION: "session",
    history.DIALOGUE: "dialogue",
    history.FOLLOW_UP: "follow_up",
    history.DISCLOSURE: "disclosure",
}
EVENTS: dict[history.Entity, str] = {
    history.FEEDBACK_EVENT: "feedback_event",
    history.RATING: "rating",
    history.CONFIDENTIAL_READ: "confidential_read",
}
FLAGS = {history.ENTRY_FLAG: "flag"}
ENTITIES = frozenset(SNAPSHOTS) | frozenset(EVENTS) | frozenset(FLAGS)
# What a record broken in transit raises on the way into SQLite; it is kept in the inbox instead.
BROKEN = (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.ProgrammingError, KeyError, TypeError, ValueError)
_FIXED = frozenset({"id", "created_at", "desk_id", "clerk_id"})


def _json_text(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) if isinstance(value, dict | list) else value


def _row(what: str, p: Mapping[str, Any]) -> dict[str, Any]:
    _, columns = TABLES[what]
    row = {
        c: _json_text(p.get(c)) if c in ("data", "elements", "documents", "received_by") else p.get(c) for c in columns
    }
    if what == "feedback":
        row["search_text"] = feedback_search_text(row)
    elif what == "reception":
        row["search_text"] = reception_search_text(row)
    return row


def _mutable(what: str) -> frozenset[str]:
    if what == "feedback":
        return FEEDBACK_MUTABLE
    if what == "reception":
        return RECEPTION_MUTABLE
    return frozenset(TABLES[what][1]) - _FIXED


def _snapshot(replica: ReplicaStore, entity: history.Entity, change: Mapping[str, Any], own_desk: str) -> Outcome:
    what = SNAPSHOTS[entity]
    p = change["payload"]
    row = _row(what, p)
    at = str(p["updated_at"])
    writer = str(change.get("desk_id") or p["desk_id"])
    held = replica.rows(what, [row["id"]]).get(row["id"])
    if held is None:
        replica.insert(what, row)
        replica.set_version(entity.name, row["id"], at, writer)
        return "applied"
    pulled = replica.versions(entity.name, [row["id"]]).get(row["id"])
    # A row changed here after the last version pulled (its time moved on) was written by this desk.
    held_writer = pulled[1] if pulled and pulled[0] == held["updated_at"] else own_desk
    compared = {c: row.get(c) for c in held}  # the same columns on both sides
    if not history.supersedes(history.version(compared, writer), history.version(held, held_writer)):
        return "same"
    values = {c: row[c] for c in _mutable(what) if c in row and row[c] != held.get(c)}
    if values:
        replica.update(what, row["id"], values)
    replica.set_version(entity.name, row["id"], at, writer)
    return "applied" if values else "same"


def _event(replica: ReplicaStore, entity: history.Entity, change: Mapping[str, Any]) -> Outcome:
    what = EVENTS[entity]
    row = _row(what, change["payload"])
    if replica.rows(what, [row["id"]]):
        return "same"
    if what == "feedback_event" and not replica.rows("feedback", [row["entry_id"]]):
        return "parked"
    replica.insert(what, row)
    return "applied"


def _flag(replica: ReplicaStore, change: Mapping[str, Any]) -> Outcome:
    row = _row("flag", change["payload"])
    held = replica.rows("flag", [row["id"]]).get(row["id"])
    if held is not None:
        cleared = row["cleared_at"]
        if cleared and (held["cleared_at"] is None or cleared < held["cleared_at"]):
            replica.update("flag", row["id"], {"cleared_at": cleared})
            return "applied"
        return "same"
    if row["cleared_at"] is None:
        twin = replica.active_flag(row["entry_id"], row["flag"])
        if twin is not None:
            # Two desks flagged it for the same reason: the smaller id stays, the other lapses as it was set.
            if twin < row["id"]:
                row["cleared_at"] = row["set_at"]
            else:
                replica.update("flag", twin, {"cleared_at": replica.rows("flag", [twin])[twin]["set_at"]})
    replica.insert("flag", row)
    return "applied"


def apply(replica: ReplicaStore, change: Mapping[str, Any], own_desk: str) -> Outcome:
    """Apply one pulled change of an entity in ``ENTITIES``; 'stored' when it cannot be applied here."""
    entity = history.ENTITIES[change["entity"]]
    p = change["payload"]
    if not isinstance(p, Mapping) or p.get("id") != change["entity_id"]:
        return "stored"
    try:
        with replica.savepoint():
            if entity in SNAPSHOTS:
                return _snapshot(replica, entity, change, own_desk)
            if entity in EVENTS:
                return _event(replica, entity, change)
            return _flag(replica, change)
    except BROKEN:
        return "stored"


def waits_for(row: Mapping[str, Any], change: Mapping[str, Any]) -> bool:
    """Whether an inbox row is a register step parked for the entry ``change`` brings."""
    return (
        row["state"] == "parked"
        and row["entity"] == history.FEEDBACK_EVENT.name
        and change["entity"] == history.FEEDBACK.name
        and isinstance(row["payload"], Mapping)
        and row["payload"].get("entry_id") == change["entity_id"]
    )


def unpark(replica: ReplicaStore, parked: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The parked register steps whose entry has arrived, applied now; returns those applied."""
    done = []
    for row in parked:
        if row["entity"] != history.FEEDBACK_EVENT.name:
            continue
        change = {"entity": row["entity"], "entity_id": row["entity_id"], "payload": row["payload"]}
        if apply(replica, change, "") in ("applied", "same"):
            done.append(row)
    return done
