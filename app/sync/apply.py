"""Applying records pulled from the hub: insert what is missing, recompute, flag true clashes.

Events merge by union: each desk inserts the events it lacks and derives status and due time from
all of them (``app.reception.rules.derive``), so two desks that acted offline converge. Two different final
outcomes for one dossier are not resolved here: they are flagged for a person, whose settlement (an
entity of its own) syncs like an event.

Each pulled record is checked first with the rules the hub applies (``app.sync.checks``); one that
fails, or that cannot be applied for any other reason, is set aside in quarantine with the reason
(listed among the sync problems) and the rest of the pull goes on.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core import local_calendar
from app.core.clock import iso
from app.core.errors import MotcuaError
from app.core.history import (
    ATTACHMENT,
    CALENDAR_DAY,
    CREATE,
    DOCNO,
    DOSSIER,
    ENTITIES,
    EVENT,
    FEE,
    PAYMENT,
    SETTLEMENT,
    UPDATE,
    Entity,
)
from app.reception.records import FINAL_STATUSES
from app.reception.rows import row_search_text
from app.reception.service import DossierService
from app.sync import checks, registers
from app.sync.errors import reason
from db.dossier_store import DOSSIER_COLUMNS, DOSSIER_DEFAULTS, EVENT_COLUMNS
from db.replica_store import ReplicaStore
from db.sync_store import SyncStore


@dataclass
class Applied:
    dossiers: int = 0
    events: int = 0
    other: int = 0
    parked: int = 0  # events still waiting for their dossier after this call
    quarantined: int = 0  # records set aside: they fail the checks or cannot be applied
    clashes: list[str] = field(default_factory=list)
    calendar: bool = False  # a commune calendar day arrived: the desk's calendar must be read again

    @property
    def total(self) -> int:
        return self.dossiers + self.events + self.other


def _dossier_row(p: Mapping[str, Any]) -> dict[str, Any]:
    row = {c: p.get(c) for c in DOSSIER_COLUMNS}
    for column, default in DOSSIER_DEFAULTS.items():
        row[column] = row[column] if isinstance(row[column], str) else default
    row["documents"] = json.dumps(p.get("documents") or [], ensure_ascii=False)
    # Derived columns are recomputed from the events right after.
    row["status"], row["due_at"] = "received", p.get("received_at")
    return row


def _event_row(p: Mapping[str, Any]) -> dict[str, Any]:
    row = {c: p.get(c) for c in EVENT_COLUMNS}
    row["data"] = json.dumps(p.get("data") or {}, ensure_ascii=False, separators=(",", ":"))
    return row


def _inbox(change: Mapping[str, Any], state: str, now: str) -> dict[str, Any]:
    return {
        "entity": change["entity"],
        "entity_id": change["entity_id"],
        "op": change["op"],
        "desk_id": change.get("desk_id", ""),
        "payload": change["payload"],
        "created_at": change["created_at"],
        "state": state,
        "received_at": now,
    }


@dataclass
class _Batch:
    """What one pull's apply knows while it runs."""

    sync: SyncStore
    now: str
    result: Applied
    present: set[str]  # dossiers this desk holds
    events_present: set[str]
    touched: set[str] = field(default_factory=set)  # dossiers whose derived columns need refreshing
    inbox: list[dict[str, Any]] = field(default_factory=list)
    own_desk: str = ""
    quarantine: list[dict[str, Any]] = field(default_factory=list)


# What applying one pulled record may raise when it holds something the checks did not foresee.
_CANNOT_APPLY = (sqlite3.Error, KeyError, TypeError, ValueError, OverflowError, MotcuaError)


def _quarantine(change: Mapping[str, Any], code: str, error: BaseException | None, now: str) -> dict[str, Any]:
    said = error if isinstance(error, MotcuaError) else None
    return {
        "entity": str(change["entity"])[:40],
        "entity_id": str(change["entity_id"])[:100],
        "op": str(change["op"])[:20],
        "desk_id": str(change.get("desk_id", ""))[:64],
        "payload": change["payload"],
        "created_at": str(change["created_at"])[:40],
        "code": code,
        "field": said.field if said else None,
        "message": said.message("vi") if said else reason(code),
        "message_en": said.message("en") if said else reason(code, "en"),
        "received_at": now,
    }


def _invalid(change: Mapping[str, Any]) -> MotcuaError | None:
    try:
        checks.check_change(
            change["entity"], change["entity_id"], change["op"], change["payload"], change["created_at"]
        )
    except MotcuaError as exc:
        return exc
    return None


def _inserted(b: _Batch, change: Mapping[str, Any], insert: Callable[[], None]) -> bool:
    """Insert a pulled record; one this desk cannot take is set aside in quarantine. A failed statement
    undoes only itself in SQLite, so a single-row insert needs no savepoint (a dossier's two rows do)."""
    try:
        insert()
    except _CANNOT_APPLY as exc:
        b.quarantine.append(_quarantine(change, "cannot_apply", exc, b.now))
        return False
    return True


def _insert_dossier(sync: SyncStore, row: dict[str, Any]) -> None:
    with sync.savepoint():  # the dossier and its search entry, both or neither
        sync.insert_remote_dossier(row, row_search_text(row))


def _apply_dossier(b: _Batch, change: Mapping[str, Any]) -> None:
    p = change["payload"]
    if change["entity_id"] in b.present:
        return
    holder = b.sync.dossier_id_for_code(str(p.get("code")))
    if holder is not None:
        if b.sync.add_clash(
            change["entity_id"],
            "code",
            {"code": p.get("code"), "local_id": holder, "desk_id": change.get("desk_id")},
            b.now,
        ):
            b.result.clashes.append(change["entity_id"])
        b.inbox.append(_inbox(change, "stored", b.now))
        return
    if not _inserted(b, change, lambda: _insert_dossier(b.sync, _dossier_row(p))):
        return
    b.present.add(change["entity_id"])
    b.touched.add(change["entity_id"])
    b.result.dossiers += 1


def _apply_event(b: _Batch, change: Mapping[str, Any]) -> None:
    p = change["payload"]
    if change["entity_id"] in b.events_present:
        return
    if p.get("dossier_id") not in b.present:
        b.inbox.append(_inbox(change, "parked", b.now))
        b.result.parked += 1
        return
    if not _inserted(b, change, lambda: b.sync.insert_remote_event(_event_row(p))):
        return
    b.events_present.add(change["entity_id"])
    b.touched.add(p["dossier_id"])
    b.result.events += 1


def _apply_settlement(b: _Batch, change: Mapping[str, Any]) -> None:
    """A leader at another desk settled a clash: the kept outcome holds here too."""
    p = change["payload"]
    if not _inserted(b, change, lambda: b.sync.add_settlement(p)):
        return
    if p["dossier_id"] in b.present:
        b.touched.add(p["dossier_id"])
    b.result.other += 1


def _apply_calendar_day(b: _Batch, change: Mapping[str, Any]) -> None:
    """Another desk of the commune declared a day off or worked: the latest declaration holds here too."""
    added: list[bool] = []

    def insert() -> None:
        with b.sync.savepoint():  # the declaration and the override it gives, both or neither
            added.append(local_calendar.apply_pulled(b.sync.store, change["payload"]))

    if _inserted(b, change, insert):
        b.result.other += added[0]
        b.result.calendar |= added[0]


def _apply_document_number(b: _Batch, change: Mapping[str, Any]) -> None:
    """A paper's number issued at another desk, so a reprint here shows the same (db/migrations/0007)."""
    added: list[bool] = []
    if _inserted(b, change, lambda: added.append(b.sync.insert_remote_document_number(change["payload"]))):
        b.result.other += added[0]  # pulled again: already here, nothing new


def _apply_register(b: _Batch, change: Mapping[str, Any]) -> None:
    """Feedback registers, ratings and citizen reception (app.sync.registers has the rules)."""
    replica = ReplicaStore(b.sync.store)
    outcome = registers.apply(replica, change, b.own_desk)
    if outcome == "applied":
        b.result.other += 1
        # Its steps that came before it in this pull follow it now, in the order they were recorded.
        waiting = registers.unpark(replica, [r for r in b.inbox if registers.waits_for(r, change)])
        b.inbox[:] = [r for r in b.inbox if not any(r is w for w in waiting)]
        b.result.other += len(waiting)
        b.result.parked -= len(waiting)
    elif outcome == "parked":
        b.inbox.append(_inbox(change, "parked", b.now))
        b.result.parked += 1
    elif outcome == "stored":
        b.inbox.append(_inbox(change, "stored", b.now))


# The entities a desk writes into its own tables when pulled (``Entity.desk_applies``); every other
# change, of a known entity or of one a newer desk sends, is kept in the inbox for its owner.
def _apply_record(insert: Callable[[SyncStore, dict[str, Any]], None]) -> Callable[[_Batch, Mapping[str, Any]], None]:
    """Fees, payments, attachments: immutable records kept as they came (INSERT OR IGNORE by id). They
    need not wait for their dossier: they are read through it, so one that came first is simply there."""

    def apply(b: _Batch, change: Mapping[str, Any]) -> None:
        if _inserted(b, change, lambda: insert(b.sync, dict(change["payload"]))):
            b.result.other += 1
            if change["payload"].get("dossier_id") in b.present:
                b.touched.add(change["payload"]["dossier_id"])  # its scorecard counters follow

    return apply


def _insert_fee(sync: SyncStore, p: dict[str, Any]) -> None:
    from db.fee_store import FEE_COLUMNS, FeeStore

    row = {c: p.get(c) for c in FEE_COLUMNS}
    for key in ("rule", "inputs"):
        row[key] = json.dumps(p.get(key) or {}, ensure_ascii=False)
    row["reason"] = row["reason"] or ""
    FeeStore(sync.store).insert_fee(row)


def _insert_payment(sync: SyncStore, p: dict[str, Any]) -> None:
    from db.fee_store import PAYMENT_COLUMNS, FeeStore

    FeeStore(sync.store).insert_payment({c: p[c] for c in PAYMENT_COLUMNS})


def _insert_attachment(sync: SyncStore, p: dict[str, Any]) -> None:
    from db.attachment_store import COLUMNS, AttachmentStore

    AttachmentStore(sync.store).insert({c: p[c] for c in COLUMNS})


APPLIERS: dict[Entity, Callable[[_Batch, Mapping[str, Any]], None]] = {
    DOSSIER: _apply_dossier,
    EVENT: _apply_event,
    DOCNO: _apply_document_number,
    SETTLEMENT: _apply_settlement,
    **{entity: _apply_register for entity in registers.ENTITIES},
    FEE: _apply_record(_insert_fee),
    PAYMENT: _apply_record(_insert_payment),
    ATTACHMENT: _apply_record(_insert_attachment),
    CALENDAR_DAY: _apply_calendar_day,
}


def _applier(change: Mapping[str, Any]) -> Callable[[_Batch, Mapping[str, Any]], None] | None:
    entity = ENTITIES.get(change["entity"])
    if entity is None or not isinstance(change["payload"], dict):
        return None
    # Register records that update travel as whole snapshots, applied by the same rule as a creation.
    if change["op"] != CREATE and not (change["op"] == UPDATE and entity in registers.ENTITIES):
        return None
    return APPLIERS.get(entity)


def apply_changes(sync: SyncStore, service: DossierService, changes: Sequence[Mapping[str, Any]]) -> Applied:
    """Call inside the transaction that also moves the pull cursor."""
    now = iso(service.clock.now())
    result = Applied()
    quarantine = []
    good = []
    for change in changes:
        error = _invalid(change)
        if error is None:
            good.append(change)
        else:
            quarantine.append(_quarantine(change, "bad_payload", error, now))
    changes = good
    dossier_ids = [c["entity_id"] for c in changes if c["entity"] == DOSSIER.name]
    present = sync.dossier_ids_present(
        dossier_ids
        + [
            c["payload"].get("dossier_id", "")
            for c in changes
            if c["entity"] in (EVENT.name, SETTLEMENT.name, FEE.name, PAYMENT.name, ATTACHMENT.name)
        ]
    )
    events_present = sync.event_ids_present([c["entity_id"] for c in changes if c["entity"] == EVENT.name])
    batch = _Batch(sync, now, result, present, events_present, quarantine=quarantine, own_desk=service.desk.desk_id)
    for change in changes:
        applier = _applier(change)
        if applier is None:
            batch.inbox.append(_inbox(change, "stored", now))
            result.other += 1
        else:
            applier(batch, change)
    sync.add_inbox(batch.inbox)
    touched = batch.touched
    # This desk's own codes that come back (a restored store, a lost config folder) are never reissued.
    service.learn_codes(
        [
            str(c["payload"].get("code"))
            for c in changes
            if c["entity"] == DOSSIER.name and isinstance(c["payload"], dict)
        ]
    )
    _unpark(sync, present, touched, result)
    for row in registers.unpark(ReplicaStore(sync.store), sync.parked()):
        sync.unpark(row["entity"], row["entity_id"], row["op"])
        result.other += 1
    result.parked = len(sync.parked())
    keeps = sync.settlement_keeps() if touched else {}
    open_clashes = {c["dossier_id"] for c in sync.clashes() if c["kind"] == "outcome"} if touched else set()
    for dossier_id in sorted(touched):
        keep = keeps.get(dossier_id)
        try:  # reads, derives, then one UPDATE: a failure leaves nothing half written
            service.refresh_derived(service.get_by_id(dossier_id), keep)
        except _CANNOT_APPLY as exc:  # kept as it came, status not derived; a person looks at it
            change = {"entity": "dossier", "entity_id": dossier_id, "op": "derive", "payload": {}, "created_at": now}
            quarantine.append(_quarantine(change, "cannot_apply", exc, now))
            continue
        clash = _outcome_clash(sync, dossier_id, keep)
        if clash is None:
            if dossier_id in open_clashes:
                sync.resolve_clashes(dossier_id, "", "settled", now)  # settled at another desk
        elif sync.add_clash(dossier_id, "outcome", clash, now):
            result.clashes.append(dossier_id)
    sync.quarantine(quarantine)
    result.quarantined = len(quarantine)
    return result


def _unpark(sync: SyncStore, present: set[str], touched: set[str], result: Applied) -> None:
    """Events that came before their dossier are applied once it is here."""
    parked = sync.parked()
    if not parked:
        return
    present |= sync.dossier_ids_present([r["payload"].get("dossier_id", "") for r in parked])
    for row in parked:
        p = row["payload"]
        if p.get("dossier_id") not in present:
            continue
        if not sync.event_ids_present([row["entity_id"]]):
            try:
                sync.insert_remote_event(_event_row(p))
            except _CANNOT_APPLY:
                continue
            result.events += 1
            touched.add(p["dossier_id"])
        sync.unpark(row["entity"], row["entity_id"], row["op"])


def _outcome_clash(sync: SyncStore, dossier_id: str, keep: str | None) -> dict[str, Any] | None:
    """Two different final outcomes that no settlement has decided between (``rules.open_clash``)."""
    finals = [e for e in sync.event_kinds(dossier_id) if e["kind"] in FINAL_STATUSES]
    if len({e["kind"] for e in finals}) < 2 or keep in {e["id"] for e in finals}:
        return None
    return {"events": [{"kind": e["kind"], "at": e["at"], "desk_id": e["desk_id"], "id": e["id"]} for e in finals]}
