"""Taking in a desk's batch: each change stored once, refusals reported, known entities materialised.

The same change again is success; a different payload under the same change key is refused and
reported (ODK Central's rule). What the hub stored is acknowledged up to the highest sequence
without a gap, so the desk resumes from there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core.clock import parse_iso
from app.core.errors import MotcuaError, ValidationError
from app.core.history import (
    CALENDAR_DAY,
    CONFIDENTIAL_READ,
    DOCNO,
    DOCNO_SUBJECTS,
    DOSSIER,
    ENTITIES,
    EVENT,
    FEEDBACK,
    FEEDBACK_EVENT,
    PRINT,
    RATING,
    SETTLEMENT,
)
from app.core.worktime import LegalTime, WorkCalendar
from app.province import registers, scorecard_counters
from app.province.auth import DeskAuth, utc_now
from app.province.calendars import Calendars, reach
from app.province.errors import HubError
from app.province.hub_rows import KEEPERS, Change
from app.province.seals import keep_seal
from app.reception.records import DossierEvent
from app.reception.rules import counted, derive, open_clash
from app.reception.timeliness import verdict_of
from app.sync import checks, protocol
from db.hub.store import HubStore

_SAFE = re.compile(r"[\w.:-]{1,100}")


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


def _check(change: Change, desk: DeskAuth) -> str | None:
    """Why this change cannot be stored, or None: the desk's own rules (app.sync.checks), and its own desk."""
    if change.refused:  # parse_batch ran the checks already
        return change.refused
    p = change.payload
    if (
        isinstance(p, Mapping)
        and "desk_id" in p
        and p["desk_id"] != desk.desk_id
        and not registers.shared_update(change.entity, change.op)
    ):
        return "wrong_desk"
    known = ENTITIES.get(change.entity)
    keeper = KEEPERS.get(known) if known is not None else None
    if keeper is not None and keeper.ok is not None and not keeper.ok(change):
        return "bad_payload"
    return None


def _label(value: Any, limit: int) -> str:
    """A field of a change as text for the records, whatever a forged batch put there."""
    return value[:limit] if isinstance(value, str) else "?"


def parse_batch(header: Any, changes: Sequence[Any]) -> tuple[str, int, list[Change]]:
    """The batch's history and its changes. A bad header refuses the batch; a bad change only itself."""
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
        get = ch.get if isinstance(ch, Mapping) else (lambda _key: None)
        entity, entity_id, op, created = get("entity"), get("entity_id"), get("op"), get("created_at")
        seq = first + i
        c = Change(
            seq,
            protocol.change_key(db_id, seq),
            _label(entity, 40),
            _label(entity_id, 100),
            _label(op, 20),
            get("payload"),
            str(created)[:40],
        )
        try:
            checks.check_change(entity, entity_id, op, c.payload, created)
            c.digest = protocol.payload_hash(entity, entity_id, op, c.payload)
        except ValidationError as exc:
            c.refused, c.error = "bad_payload", exc
            try:  # a change the hub stored before it checked this much is still recognised when resent
                c.digest = protocol.payload_hash(c.entity, c.entity_id, c.op, c.payload)
            except (UnicodeEncodeError, TypeError, ValueError, RecursionError):
                c.digest = ""
        out.append(c)
    return db_id, first, out


def ingest(
    hub: HubStore,
    desk: DeskAuth,
    header: Any,
    changes: Sequence[Mapping[str, Any]],
    calendars: Calendars,
    *,
    acknowledge: bool = True,
) -> PushResult:
    """``acknowledge`` False: another desk relays these changes (app.province.relay); the origin desk's
    acknowledgement and last sync are its own, and move only when it pushes itself."""
    db_id, first, batch = parse_batch(header, changes)
    now = utc_now()
    for c in batch:
        c.refused = _check(c, desk)
    result = PushResult(db_id=db_id, acked_seq=0)
    with hub.transaction():
        hub.lock_commune(desk.commune_code)
        existing = hub.existing_changes([c.key for c in batch])
        fresh: list[Change] = []
        seen: set[str] = set()
        for c in batch:
            old = existing.get(c.key)
            if old is not None:
                if c.digest and old["payload_hash"] == c.digest and old["desk_id"] == desk.desk_id:
                    c.refused, c.error, result.duplicates = None, None, result.duplicates + 1
                else:
                    c.refused, c.error = "conflict", None
            elif c.refused is None and c.key not in seen:
                seen.add(c.key)
                fresh.append(c)
        fresh = _check_entities(hub, desk, fresh, result)
        _store(hub, desk, db_id, fresh, now, calendars)
        # What the log now holds of this batch under its own keys: the fresh and the same ones again.
        held = {c.key for c in fresh} | {c.key for c in batch if c.key in existing and not c.refused}
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
        result.refused = [c.refusal() for c in refused]
        if not acknowledge:
            return result
        keep_seal(hub, desk, header, db_id, [(c.seq, c.key, c.digest, c.created_at) for c in batch], held)
        previous = hub.acked(desk.desk_id, db_id)
        last = first + len(batch) - 1
        acked = max(previous, last) if first <= previous + 1 else previous
        hub.set_acked(desk.desk_id, db_id, acked, now)
        hub.touch_desk(desk.desk_id, now)
        result.acked_seq = acked
    return result


# Kinds of the registry that are about a dossier (dossier_id) or a feedback entry (entry_id): they must
# name one the hub holds, of the desk's own commune. Other kinds' ids are their own business.
ABOUT_DOSSIER = frozenset(e.name for e in (EVENT, SETTLEMENT, RATING, PRINT, DOCNO))
ABOUT_ENTRY = frozenset(e.name for e in (FEEDBACK_EVENT, CONFIDENTIAL_READ))


def _names(c: Change, kinds: frozenset[str], key: str) -> bool:
    return c.entity in kinds and isinstance(c.payload.get(key), str)


def _register_subject(c: Change) -> str | None:
    """The register entity a citizen reception paper's number names (``DOCNO_SUBJECTS``), else None."""
    if c.entity != DOCNO.name or not isinstance(c.payload.get("dossier_id"), str):
        return None
    return DOCNO_SUBJECTS.get(c.payload.get("form"))


def _register_communes(hub: HubStore, desk: DeskAuth, fresh: list[Change]) -> dict[tuple[str, str], str]:
    """The commune of each register record a number in the batch names: as pushed before, or in this batch."""
    wanted: dict[str, list[str]] = {}
    for c in fresh:
        if (subject := _register_subject(c)) is not None:
            wanted.setdefault(subject, []).append(c.payload["dossier_id"])
    found = {(c.entity, c.entity_id): desk.commune_code for c in fresh if c.entity in wanted}
    for entity, ids in wanted.items():
        found |= {(entity, i): commune for i, commune in hub.entity_communes(entity, ids).items()}
    return found


def _check_entities(hub: HubStore, desk: DeskAuth, fresh: list[Change], result: PushResult) -> list[Change]:
    """A desk writes only its own commune's dossiers, and records only about dossiers the hub holds (or
    that come earlier in the batch) of that same commune; an id the hub holds with other content is refused."""
    dossier_ids = [c.entity_id for c in fresh if c.entity == DOSSIER.name]
    dossier_ids += [c.payload["dossier_id"] for c in fresh if _names(c, ABOUT_DOSSIER, "dossier_id")]
    owners = hub.dossier_owners(dossier_ids)
    event_owners = hub.entity_owners("events", [c.entity_id for c in fresh if c.entity == EVENT.name])
    # A feedback entry's events and confidential reads name the entry (entry_id).
    entry_ids = [c.payload["entry_id"] for c in fresh if _names(c, ABOUT_ENTRY, "entry_id")]
    entry_ids += [c.entity_id for c in fresh if c.entity == FEEDBACK.name]
    known = hub.entity_communes("feedback", entry_ids) if entry_ids else {}
    # The desk writes an entry's first event before the entry itself: the batch's entries count wherever they are.
    entries = {c.entity_id: desk.commune_code for c in fresh if c.entity == FEEDBACK.name} | known
    registered = _register_communes(hub, desk, fresh)
    in_batch: dict[str, str] = {}
    kept = []
    for c in fresh:
        if c.entity == FEEDBACK.name:
            if entries[c.entity_id] != desk.commune_code:
                c.refused = "foreign_commune"  # another commune's entry: never rewritten from here
                continue
        elif _names(c, ABOUT_ENTRY, "entry_id"):
            commune = entries.get(c.payload["entry_id"])
            if commune != desk.commune_code:
                c.refused = "unknown_record" if commune is None else "foreign_commune"
                continue
        if c.entity == DOSSIER.name:
            owner = owners.get(c.entity_id)
            if owner is not None or c.entity_id in in_batch:
                if owner is not None and owner["payload_hash"] == c.digest:
                    result.duplicates += 1
                    continue
                c.refused = "entity_exists"
                continue
            in_batch[c.entity_id] = desk.commune_code
        elif (subject := _register_subject(c)) is not None:
            commune = registered.get((subject, c.payload["dossier_id"]))
            if commune != desk.commune_code:
                c.refused = "unknown_record" if commune is None else "foreign_commune"
                continue
        elif c.entity == EVENT.name or _names(c, ABOUT_DOSSIER, "dossier_id"):
            target = owners.get(c.payload["dossier_id"])
            commune = target["commune_code"] if target else in_batch.get(c.payload["dossier_id"])
            if commune is None:
                # Never taken on trust: the dossier's own commune would later find an outcome planted on it.
                c.refused = "unknown_dossier"
                continue
            if commune != desk.commune_code:
                c.refused = "foreign_commune"
                continue
            if c.entity == EVENT.name and c.entity_id in event_owners:
                c.refused = "entity_exists"
                continue
        kept.append(c)
    return kept


def _digital_of(c: Change) -> str | None:
    """The dossier an attachment, fee or payment is about (kept with the change, for its counters)."""
    if c.entity in scorecard_counters.DIGITAL_ENTITIES and isinstance(c.payload.get("dossier_id"), str):
        return str(c.payload["dossier_id"])
    return None


def _store(hub: HubStore, desk: DeskAuth, db_id: str, fresh: list[Change], now: str, calendars: Calendars) -> None:
    if not fresh:
        return
    scorecard_counters.start_if_empty(hub)
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
                "dossier_id": _digital_of(c),
            }
            for c in fresh
        ]
    )
    for entity, keeper in KEEPERS.items():
        keeper.insert(hub, [keeper.row(c, desk) for c in fresh if c.entity == entity.name])
    events = [c for c in fresh if c.entity == EVENT.name]
    # Only a later event changes what reception alone implies (status received, no outcome yet).
    touched = {c.payload["dossier_id"] for c in events if c.payload["kind"] != "received"}
    touched |= {c.payload["dossier_id"] for c in fresh if c.entity == SETTLEMENT.name}
    # A commune's own day off moves the promised dates of its dossiers received within reach of it.
    days = [c.payload["day"] for c in fresh if c.entity == CALENDAR_DAY.name]
    if days:
        touched |= set(reach(hub, desk.commune_code, days))
    if touched:
        refresh(hub, sorted(touched), calendars.get(hub, desk.commune_code))
    # The scorecard's counters move in this same transaction (new dossiers, and any event or settlement).
    moved = {c.entity_id for c in fresh if c.entity == DOSSIER.name} | touched
    moved |= {c.payload["dossier_id"] for c in events}
    files = {d for d in map(_digital_of, fresh) if d is not None}  # a scan, result, fee or payment: its flags
    scorecard_counters.follow(hub, sorted(moved | files), lambda commune: calendars.get(hub, commune), files)
    rated = [(c.entity, c.payload) for c in fresh if c.entity in ("rating", "rating_declined")]
    scorecard_counters.follow_ratings(hub, desk.commune_code, rated)


def refresh(hub: HubStore, dossier_ids: Sequence[str], calendar: WorkCalendar) -> None:
    """Status, outcome and open clash of each dossier (of one commune, judged with its ``calendar``),
    by the rules every desk applies."""
    updates = []
    keeps = hub.settlement_keeps(dossier_ids)
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
        keep = keeps.get(row["id"])
        try:
            derived = derive(events, received, LegalTime.parse(row["legal_time"]), calendar, keep)
            # An open clash is counted as open, never as a result; a settled one by the outcome kept.
            clash = open_clash(events, keep)
            result = verdict_of(counted(events, keep), received, row["legal_time"], calendar)
        except (KeyError, TypeError, ValueError, OverflowError, MotcuaError):
            continue  # checked at the door; a record that still fails is kept, only not counted
        updates.append((derived.status, result, int(clash), row["id"]))
    hub.set_derived(updates)
