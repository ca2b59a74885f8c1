"""The hub's keepers of the feedback registers and citizen reception: checked at the door, counted after.

Each check takes the desk's own vocabularies (app.feedback.rules, app.citizens.rules) and limits, so
what a desk cannot write the hub does not keep. The tables keep what the province counts (kinds,
dates, deadlines, statuses, outcomes, flags), never a name, an address, an ID or the content. A
record that updates is upserted by ``app.core.history.version``, the same rule the desks apply.

A register record may be changed by any desk of its commune (desk 2 marks done a follow-up desk 1
wrote): its snapshot still names the desk that created it, so ``shared_update`` lets such an update
through the desk check, and the upsert keeps a record with the commune that first sent it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, timedelta
from typing import Any, Protocol

from app.citizens import rules as citizen_rules
from app.citizens.tally import Rows, facts, tally
from app.core import history
from app.core.clock import parse_iso
from app.feedback import rules as feedback_rules
from app.scorecard.citizen_facts import CitizenRecords
from db.hub import register_store

# Dates a register may hold: the oldest paper a commune enters late, the furthest deadline it sets.
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_ID = 100
MAX_CONTENT = 5000  # app.feedback.intake.MAX_CONTENT, which the hub cannot import (it loads the desk's store)


class Change(Protocol):
    entity_id: str
    op: str
    payload: Any


class Desk(Protocol):
    desk_id: str
    commune_code: str


def _time(value: Any, optional: bool = False) -> bool:
    if value is None:
        return optional
    if not isinstance(value, str) or len(value) > 40:
        return False
    try:
        moment = parse_iso(value)
    except ValueError:
        return False
    return moment.tzinfo is not None and FIRST_YEAR <= moment.year <= LAST_YEAR


def _day(value: Any, optional: bool = False) -> bool:
    if value is None:
        return optional
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        return FIRST_YEAR <= date.fromisoformat(value).year <= LAST_YEAR
    except ValueError:
        return False


def _int(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _id(value: Any, optional: bool = False) -> bool:
    if value is None:
        return optional
    return isinstance(value, str) and 0 < len(value) <= MAX_ID and value.isprintable()


def _text(value: Any, limit: int, optional: bool = True) -> bool:
    if value is None:
        return optional
    return isinstance(value, str) and len(value) <= limit


def _json_list(value: Any, limit: int) -> bool:
    if not isinstance(value, str) or len(value) > limit:
        return False
    try:
        return isinstance(json.loads(value), list)
    except ValueError:
        return False


def _head(change: Change) -> Mapping[str, Any] | None:
    """The payload when it names this record, its creating desk and its change time; else None."""
    p = change.payload
    if not isinstance(p, Mapping) or p.get("id") != change.entity_id or not _id(p.get("desk_id")):
        return None
    return p if _time(p.get("updated_at")) and _time(p.get("created_at")) else None


def _feedback_ok(change: Change) -> bool:
    p = _head(change)
    return (
        p is not None
        and p.get("kind") in feedback_rules.KINDS
        and p.get("channel") in feedback_rules.FEEDBACK_CHANNELS
        and p.get("status") in feedback_rules.TRANSITIONS.statuses
        and _text(p.get("number"), 40, optional=False)
        and _text(p.get("content"), MAX_CONTENT, optional=False)
        and _id(p.get("dossier_id"), optional=True)
        and _time(p.get("received_at"))
        and _day(p.get("rule_from"))
        and _day(p.get("accept_due"), optional=True)
        and _day(p.get("forward_due"))
        and _day(p.get("resolve_due"), optional=True)
        and p.get("complex") in (0, 1)
        and all(_time(p.get(k), optional=True) for k in ("accepted_at", "answered_at", "forwarded_at", "closed_at"))
    )


def _reception_ok(change: Change) -> bool:
    p = _head(change)
    return (
        p is not None
        and p.get("kind") in citizen_rules.KINDS
        and p.get("channel") in citizen_rules.CHANNELS
        and p.get("outcome") in citizen_rules.OUTCOMES
        and _text(p.get("number"), 40, optional=False)
        and _text(p.get("content"), MAX_CONTENT, optional=False)
        and _int(p.get("people_count"), 1, 10_000)
        and p.get("in_competence") in (0, 1)
        and _time(p.get("received_at"))
        and _day(p.get("refuse_due"))
        and _time(p.get("refused_at"), optional=True)
        and _id(p.get("matter_id"), optional=True)
        and _id(p.get("session_id"), optional=True)
        and (p.get("register_kind") is None or p.get("register_kind") in feedback_rules.KINDS)
        and _id(p.get("register_id"), optional=True)
        and _json_list(p.get("documents"), 100_000)
    )


def _session_ok(change: Change) -> bool:
    p = _head(change)
    return (
        p is not None
        and p.get("leader_role") in citizen_rules.LEADER_ROLES
        and p.get("mode") in citizen_rules.MODES
        and p.get("status") in citizen_rules.SESSION_STATUSES
        and p.get("regular") in (0, 1)
        and _day(p.get("day"))
        and _time(p.get("held_at"), optional=True)
        and _time(p.get("concluded_at"), optional=True)
        and _text(p.get("conclusion"), 10_000)
        and _json_list(p.get("received_by"), 10_000)
    )


def _dialogue_ok(change: Change) -> bool:
    p = _head(change)
    return (
        p is not None
        and p.get("kind") in citizen_rules.DIALOGUE_KINDS
        and _time(p.get("held_at"))
        and _int(p.get("residents"), 0, 1_000_000)
        and _text(p.get("subject"), 500, optional=False)
        and _json_list(p.get("issues"), 1_000_000)
    )


def _follow_up_ok(change: Change) -> bool:
    p = _head(change)
    return (
        p is not None
        and p.get("source") in ("session", "dialogue")
        and _id(p.get("source_id"))
        and _int(p.get("days"), 1, 365)
        and _day(p.get("assigned_on"))
        and _day(p.get("due"))
        and p["due"] >= p["assigned_on"]
        and _time(p.get("done_at"), optional=True)
        and _text(p.get("task"), 2000, optional=False)
    )


def _flag_ok(change: Change) -> bool:
    p = change.payload
    return (
        isinstance(p, Mapping)
        and p.get("id") == change.entity_id
        and _id(p.get("desk_id"))
        and p.get("register") in ("feedback", "reception")
        and p.get("flag") in citizen_rules.FLAGS
        and _id(p.get("entry_id"))
        and _time(p.get("set_at"))
        and _time(p.get("cleared_at"), optional=True)
        and (p.get("cleared_at") is None or p["cleared_at"] >= p["set_at"])
    )


def _versioned(table: str) -> Callable[[Change, Desk], dict[str, Any]]:
    def row(change: Change, desk: Desk) -> dict[str, Any]:
        p = change.payload
        at, writer, filled = history.version(p, desk.desk_id)
        values = {c: p.get(c) for c in register_store.COLUMNS[table]}
        if table == "dialogues":
            values["issues"] = len(json.loads(p["issues"]))  # counted, not kept: the minutes stay at the desks
        if table == "reception_entries":
            values["documents"] = len(json.loads(p["documents"]))
        return {
            "id": change.entity_id,
            "commune_code": desk.commune_code,
            "desk_id": p["desk_id"],
            **values,
            "changed_at": at.astimezone(UTC).isoformat(),
            "changed_by": writer,
            "filled": filled,
        }

    return row


def _flag_row(change: Change, desk: Desk) -> dict[str, Any]:
    p = change.payload
    return {c: p.get(c) for c in register_store.FLAG_COLUMNS} | {
        "id": change.entity_id,
        "commune_code": desk.commune_code,
    }


def _upsert(table: str) -> Callable[[Any, list[dict[str, Any]]], None]:
    return lambda hub, rows: register_store.upsert_versioned(hub, table, rows)


# Entity -> (check, row, insert), registered in app.province.hub_rows.KEEPERS.
KEEPERS: dict[history.Entity, tuple[Callable[..., bool], Callable[..., dict[str, Any]], Callable[..., None]]] = {
    history.FEEDBACK: (_feedback_ok, _versioned("feedback_entries"), _upsert("feedback_entries")),
    history.RECEPTION_ENTRY: (_reception_ok, _versioned("reception_entries"), _upsert("reception_entries")),
    history.RECEPTION_SESSION: (_session_ok, _versioned("reception_sessions"), _upsert("reception_sessions")),
    history.DIALOGUE: (_dialogue_ok, _versioned("dialogues"), _upsert("dialogues")),
    history.FOLLOW_UP: (_follow_up_ok, _versioned("follow_ups"), _upsert("follow_ups")),
    history.ENTRY_FLAG: (_flag_ok, _flag_row, register_store.upsert_flags),
}


# Records any desk of the commune may change (the disclosure keeper is app.province.ingest's own).
SHARED = frozenset(KEEPERS) | {history.DISCLOSURE}


def shared_update(entity: str, op: str) -> bool:
    """An update of a register record, which any desk of its commune may write."""
    known = history.ENTITIES.get(entity)
    return op == history.UPDATE and known in SHARED


def _rows(hub: Any, commune: str, start: date, end: date) -> Rows:
    """A commune's register rows of local days [start, end], as a desk reads its own
    (app.scorecard.desk_citizens.rows)."""
    table = {t: register_store.rows(hub, t, commune) for t in (*register_store.COLUMNS, "entry_flags")}
    return _within(table, hub.disclosures(commune), start, end)


def _within(
    table: Mapping[str, list[dict[str, Any]]], disclosures: list[dict[str, Any]], start: date, end: date
) -> Rows:
    first, after = start.isoformat(), (end + timedelta(days=1)).isoformat()
    return Rows(
        entries=[e for e in table["reception_entries"] if first <= e["received_at"] < after],
        sessions=[s for s in table["reception_sessions"] if first <= s["day"] <= end.isoformat()],
        dialogues=[d for d in table["dialogues"] if first <= d["held_at"] < after],
        follow_ups=table["follow_ups"],
        flags=[f for f in table["entry_flags"] if f["cleared_at"] is None],
        disclosures=disclosures,
    )


def citizen_records(hub: Any, commune: str, start: date, end: date) -> CitizenRecords:
    """A commune's citizen reception as the scorecard engine's records, from what its desks pushed."""
    return facts(_rows(hub, commune, start, end), commune)


def citizen_records_of(hub: Any, communes: Sequence[str], start: date, end: date) -> dict[str, CitizenRecords]:
    """As ``citizen_records`` for each of these communes; for more than one, each table is read once
    for the whole province (a round trip per table, not per commune and table)."""
    if len(communes) <= 1:
        return {c: citizen_records(hub, c, start, end) for c in communes}
    tables = (*register_store.COLUMNS, "entry_flags")
    split: dict[str, dict[str, list[dict[str, Any]]]] = {c: {t: [] for t in tables} for c in communes}
    for t in tables:
        for row in register_store.rows(hub, t, None):
            if row["commune_code"] in split:
                split[row["commune_code"]][t].append(row)
    shown: dict[str, list[dict[str, Any]]] = {c: [] for c in communes}
    for row in hub.disclosures(None):
        if row["commune_code"] in shown:
            shown[row["commune_code"]].append({k: v for k, v in row.items() if k != "commune_code"})
    return {c: facts(_within(split[c], shown[c], start, end), c) for c in communes}


def figures(hub: Any, commune: str, start: date, end: date, today: date) -> dict[str, int]:
    """A commune's citizen reception counts at the hub: the same keys and the same count as a desk's
    (app.citizens.figures.counts), from what the commune's desks pushed."""
    return tally(_rows(hub, commune, start, end), start, end, today)
