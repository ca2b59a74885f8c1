"""Taking in a desk's batch: each change stored once, refusals reported, known entities materialised.

The same change again is success; a different payload under the same change key is refused and
reported (ODK Central's rule). What the hub stored is acknowledged up to the highest sequence
without a gap, so the desk resumes from there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.core.clock import parse_iso
from app.core.errors import MotcuaError
from app.core.history import DISCLOSURE, DOSSIER, ENTITIES, EVENT, RATING, Entity
from app.core.worktime import LegalTime, Override, WorkCalendar, default_overrides
from app.province import registers
from app.province.auth import DeskAuth, utc_now
from app.province.errors import HubError
from app.reception.records import EVENT_KINDS, DossierEvent
from app.reception.rules import derive
from app.reception.timeliness import verdict_of
from app.sync import protocol
from db.hub.store import HubStore

_SAFE = re.compile(r"[\w.:-]{1,100}")
# app.feedback.ratings sends "satisfied" (0/1) with the level;
# the level key is the fallback (resources/rating_scale.json).
SATISFIED_KEYS = frozenset({"very_satisfied", "satisfied"})


@dataclass
class PushResult:
    db_id: str
    acked_seq: int
    stored: int = 0
    duplicates: int = 0
    refused: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "db_id": self.db_id,
            "acked_seq": self.acked_seq,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "refused": self.refused,
        }


@dataclass
class _Change:
    seq: int
    key: str
    entity: str
    entity_id: str
    op: str
    payload: Any
    created_at: str
    digest: str = ""
    refused: str | None = None


class Calendars:
    """The province calendar for judging on-time results, rebuilt when the province changes it."""

    def __init__(self) -> None:
        self._version = -1
        self._calendar = WorkCalendar.default()

    def get(self, hub: HubStore) -> WorkCalendar:
        version = hub.province_version()
        if version != self._version:
            overrides = {o.day: o for o in default_overrides()}
            data = hub.province_data().get("calendar")
            for item in json.loads(data["content"]) if data else []:
                try:
                    o = Override(date.fromisoformat(item["day"]), item["kind"], item.get("note", ""))
                except (KeyError, TypeError, ValueError, MotcuaError):
                    continue
                overrides[o.day] = o
            self._calendar = WorkCalendar(overrides.values())
            self._version = version
        return self._calendar


def _time_ok(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 40:
        return False
    try:
        return parse_iso(value).tzinfo is not None
    except ValueError:
        return False


def _dossier_ok(change: _Change) -> bool:
    p = change.payload
    if not isinstance(p, Mapping) or p.get("id") != change.entity_id or "desk_id" not in p:
        return False
    if not all(isinstance(p.get(k), str) for k in ("code", "procedure_code", "legal_time")) or not _time_ok(
        p.get("received_at")
    ):
        return False
    try:
        LegalTime.parse(p["legal_time"])
    except MotcuaError:
        return False
    return True


def _event_ok(change: _Change) -> bool:
    p = change.payload
    if not isinstance(p, Mapping) or p.get("id") != change.entity_id or "desk_id" not in p:
        return False
    if p.get("kind") not in EVENT_KINDS or not isinstance(p.get("dossier_id"), str) or not _time_ok(p.get("at")):
        return False
    data = p.get("data", {})
    return isinstance(data, Mapping) and (p["kind"] != "apology_issued" or _time_ok(data.get("new_due")))


def _rating_ok(change: _Change) -> bool:
    p = change.payload
    return isinstance(p, Mapping) and _time_ok(p.get("created_at") or p.get("at"))


def _dossier_row(c: _Change, desk: DeskAuth) -> dict[str, Any]:
    return {
        "id": c.entity_id,
        "commune_code": desk.commune_code,
        "desk_id": desk.desk_id,
        "code": c.payload["code"],
        "procedure_code": c.payload["procedure_code"],
        "legal_time": c.payload["legal_time"],
        "received_at": c.payload["received_at"],
        "payload_hash": c.digest,
    }


def _event_row(c: _Change, desk: DeskAuth) -> dict[str, Any]:
    return {
        "id": c.entity_id,
        "dossier_id": c.payload["dossier_id"],
        "commune_code": desk.commune_code,
        "desk_id": desk.desk_id,
        "kind": c.payload["kind"],
        "at": c.payload["at"],
        "data": protocol.canonical(c.payload.get("data", {})),
    }


def _rating_row(c: _Change, desk: DeskAuth) -> dict[str, Any]:
    return {
        "id": c.entity_id,
        "commune_code": desk.commune_code,
        "desk_id": desk.desk_id,
        "satisfied": _satisfied(c.payload),
        "at": c.payload.get("created_at") or c.payload["at"],
    }


_DISCLOSURE_KINDS = frozenset({"procedure", "schedule", "other"})


def _day_ok(value: Any, optional: bool = False) -> bool:
    if value is None:
        return optional
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _disclosure_ok(change: _Change) -> bool:
    """Served to anyone without a login: only the posted words and dates, each checked here."""
    p = change.payload
    if not isinstance(p, Mapping) or p.get("id") != change.entity_id or "desk_id" not in p:
        return False
    return (
        p.get("kind") in _DISCLOSURE_KINDS
        and isinstance(p.get("title"), str)
        and 0 < len(p["title"]) <= 300
        and isinstance(p.get("body", ""), str)
        and len(p.get("body", "")) <= 10_000
        and _day_ok(p.get("posted_on"))
        and _day_ok(p.get("until"), optional=True)
        and _day_ok(p.get("taken_down_on"), optional=True)
        and _time_ok(p.get("updated_at"))
    )


def _disclosure_row(c: _Change, desk: DeskAuth) -> dict[str, Any]:
    p = c.payload
    return {
        "id": c.entity_id,
        "commune_code": desk.commune_code,
        "desk_id": desk.desk_id,
        "kind": p["kind"],
        "title": p["title"],
        "body": p.get("body", ""),
        "posted_on": p["posted_on"],
        "until": p.get("until"),
        "taken_down_on": p.get("taken_down_on"),
        "updated_at": p["updated_at"],
    }


@dataclass(frozen=True)
class _Keeper:
    """How the hub checks one entity's payload at the door and keeps it in its own table."""

    ok: Callable[[_Change], bool]
    row: Callable[[_Change, DeskAuth], dict[str, Any]]
    insert: Callable[[HubStore, list[dict[str, Any]]], None]


# The entities the hub keeps a table of (``Entity.hub_keeps``), in the order they are inserted (a
# dossier before its events). Other entities are checked only for their desk and kept in the change log.
KEEPERS: dict[Entity, _Keeper] = {
    DOSSIER: _Keeper(_dossier_ok, _dossier_row, HubStore.insert_dossiers),
    EVENT: _Keeper(_event_ok, _event_row, HubStore.insert_events),
    RATING: _Keeper(_rating_ok, _rating_row, HubStore.insert_ratings),
    DISCLOSURE: _Keeper(_disclosure_ok, _disclosure_row, HubStore.upsert_disclosures),
    **{entity: _Keeper(*keeper) for entity, keeper in registers.KEEPERS.items()},
}


def _keeper(entity: str) -> _Keeper | None:
    known = ENTITIES.get(entity)
    return KEEPERS.get(known) if known is not None else None


def _check(change: _Change, desk: DeskAuth) -> str | None:
    """Why this change cannot be stored, or None. Known entities are checked; others only for their desk."""
    p = change.payload
    if (
        isinstance(p, Mapping)
        and "desk_id" in p
        and p["desk_id"] != desk.desk_id
        and not registers.shared_update(change.entity, change.op)
    ):
        return "wrong_desk"
    keeper = _keeper(change.entity)
    if keeper is not None and not keeper.ok(change):
        return "bad_payload"
    return None


def _satisfied(p: Mapping[str, Any]) -> int | None:
    if isinstance(p.get("satisfied"), bool | int) and p["satisfied"] in (0, 1):
        return int(p["satisfied"])
    if isinstance(p.get("level_key"), str):
        return int(p["level_key"] in SATISFIED_KEYS)
    return None


def parse_batch(header: Any, changes: Sequence[Mapping[str, Any]]) -> tuple[str, int, list[_Change]]:
    if not isinstance(header, Mapping):
        raise HubError(400, "bad_batch")
    db_id, first = header.get("db_id"), header.get("first_seq")
    if (
        not isinstance(db_id, str)
        or not _SAFE.fullmatch(db_id)
        or not isinstance(first, int)
        or isinstance(first, bool)
        or not 1 <= first <= 2**62
        or len(changes) > protocol.PUSH_ROWS * 5
    ):
        raise HubError(400, "bad_batch")
    out = []
    for i, ch in enumerate(changes):
        entity, entity_id, op, created = ch["entity"], ch["entity_id"], ch["op"], ch["created_at"]
        if not (
            isinstance(entity, str)
            and _SAFE.fullmatch(entity)
            and isinstance(entity_id, str)
            and 0 < len(entity_id) <= 100
            and isinstance(op, str)
            and _SAFE.fullmatch(op)
            and isinstance(created, str)
            and len(created) <= 40
        ):
            raise HubError(400, "bad_batch")
        seq = first + i
        c = _Change(seq, protocol.change_key(db_id, seq), entity, entity_id, op, ch["payload"], created)
        c.digest = protocol.payload_hash(entity, entity_id, op, c.payload)
        out.append(c)
    return db_id, first, out


def ingest(
    hub: HubStore, desk: DeskAuth, header: Any, changes: Sequence[Mapping[str, Any]], calendars: Calendars
) -> PushResult:
    db_id, first, batch = parse_batch(header, changes)
    now = utc_now()
    for c in batch:
        c.refused = _check(c, desk)
    result = PushResult(db_id=db_id, acked_seq=0)
    with hub.transaction():
        hub.lock_commune(desk.commune_code)
        existing = hub.existing_changes([c.key for c in batch])
        fresh: list[_Change] = []
        seen: set[str] = set()
        for c in batch:
            old = existing.get(c.key)
            if old is not None:
                if old["payload_hash"] == c.digest and old["desk_id"] == desk.desk_id:
                    c.refused, result.duplicates = None, result.duplicates + 1
                else:
                    c.refused = "conflict"
            elif c.refused is None and c.key not in seen:
                seen.add(c.key)
                fresh.append(c)
        fresh = _check_entities(hub, desk, fresh, result)
        _store(hub, desk, db_id, fresh, now, calendars)
        result.stored = len(fresh)
        refused = [c for c in batch if c.refused]
        hub.add_refusals(
            [
                {
                    "change_id": c.key,
                    "desk_id": desk.desk_id,
                    "db_id": db_id,
                    "seq": c.seq,
                    "code": c.refused,
                    "at": now,
                }
                for c in refused
            ]
        )
        result.refused = [{"seq": c.seq, "code": c.refused} for c in refused]
        previous = hub.acked(desk.desk_id, db_id)
        last = first + len(batch) - 1
        acked = max(previous, last) if first <= previous + 1 else previous
        hub.set_acked(desk.desk_id, db_id, acked, now)
        hub.touch_desk(desk.desk_id, now)
        result.acked_seq = acked
    return result


def _check_entities(hub: HubStore, desk: DeskAuth, fresh: list[_Change], result: PushResult) -> list[_Change]:
    """A desk writes only its own commune's dossiers; an id the hub holds with other content is refused."""
    dossier_ids = [c.entity_id for c in fresh if c.entity == DOSSIER.name]
    dossier_ids += [c.payload["dossier_id"] for c in fresh if c.entity == EVENT.name]
    owners = hub.dossier_owners(dossier_ids)
    event_owners = hub.entity_owners("events", [c.entity_id for c in fresh if c.entity == EVENT.name])
    in_batch: dict[str, str] = {}
    kept = []
    for c in fresh:
        if c.entity == DOSSIER.name:
            owner = owners.get(c.entity_id)
            if owner is not None or c.entity_id in in_batch:
                if owner is not None and owner["payload_hash"] == c.digest:
                    result.duplicates += 1
                    continue
                c.refused = "entity_exists"
                continue
            in_batch[c.entity_id] = desk.commune_code
        elif c.entity == EVENT.name:
            target = owners.get(c.payload["dossier_id"])
            commune = target["commune_code"] if target else in_batch.get(c.payload["dossier_id"])
            if commune is not None and commune != desk.commune_code:
                c.refused = "foreign_commune"
                continue
            if c.entity_id in event_owners:
                c.refused = "entity_exists"
                continue
        kept.append(c)
    return kept


def _store(hub: HubStore, desk: DeskAuth, db_id: str, fresh: list[_Change], now: str, calendars: Calendars) -> None:
    if not fresh:
        return
    hub.insert_changes(
        [
            {
                "change_id": c.key,
                "commune_code": desk.commune_code,
                "desk_id": desk.desk_id,
                "db_id": db_id,
                "seq": c.seq,
                "entity": c.entity,
                "entity_id": c.entity_id,
                "op": c.op,
                "payload": protocol.canonical(c.payload),
                "payload_hash": c.digest,
                "created_at": c.created_at,
                "stored_at": now,
            }
            for c in fresh
        ]
    )
    for entity, keeper in KEEPERS.items():
        keeper.insert(hub, [keeper.row(c, desk) for c in fresh if c.entity == entity.name])
    events = [c for c in fresh if c.entity == EVENT.name]
    # Only a later event changes what reception alone implies (status received, no outcome yet).
    touched = {c.payload["dossier_id"] for c in events if c.payload["kind"] != "received"}
    if touched:
        refresh(hub, sorted(touched), calendars.get(hub))


def refresh(hub: HubStore, dossier_ids: Sequence[str], calendar: WorkCalendar) -> None:
    updates = []
    for row, event_rows in hub.dossiers_with_events(dossier_ids):
        events = tuple(
            DossierEvent(
                id=e["id"],
                dossier_id=row["id"],
                kind=e["kind"],
                at=parse_iso(e["at"]),
                clerk_id="",
                desk_id=e["desk_id"],
                data=json.loads(e["data"]),
            )
            for e in event_rows
        )
        received = parse_iso(row["received_at"])
        try:
            derived = derive(events, received, LegalTime.parse(row["legal_time"]), calendar)
            result = verdict_of(events, received, row["legal_time"], calendar)
        except (KeyError, TypeError, ValueError, MotcuaError):
            continue  # checked at the door; a record that still fails is kept, only not counted
        updates.append((derived.status, result, row["id"]))
    hub.set_derived(updates)
