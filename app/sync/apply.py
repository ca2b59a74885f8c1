"""Applying records pulled from the hub: insert what is missing, recompute, flag true clashes.

Events merge by union: each desk inserts the events it lacks and derives status and due time from
all of them (``app.reception.rules.derive``), so two desks that acted offline converge. Two different final
outcomes for one dossier are not resolved here: they are flagged for a person.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core.clock import iso
from app.core.history import CREATE, DOCNO, DOSSIER, ENTITIES, EVENT, UPDATE, Entity
from app.reception.records import FINAL_STATUSES
from app.reception.rows import row_search_text
from app.reception.service import DossierService
from app.sync import registers
from db.dossier_store import DOSSIER_COLUMNS, DOSSIER_DEFAULTS, EVENT_COLUMNS
from db.replica_store import ReplicaStore
from db.sync_store import SyncStore


@dataclass
class Applied:
    dossiers: int = 0
    events: int = 0
    other: int = 0
    parked: int = 0  # events still waiting for their dossier after this call
    clashes: list[str] = field(default_factory=list)

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


def _inserted(b: _Batch, change: Mapping[str, Any], insert: Callable[[], None]) -> bool:
    """Insert a pulled record; one this desk cannot take (a broken payload, an id taken) is kept in the inbox."""
    try:
        insert()
    except (sqlite3.IntegrityError, KeyError, TypeError):
        b.inbox.append(_inbox(change, "stored", b.now))
        return False
    return True


def _insert_dossier(sync: SyncStore, row: dict[str, Any]) -> None:
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
APPLIERS: dict[Entity, Callable[[_Batch, Mapping[str, Any]], None]] = {
    DOSSIER: _apply_dossier,
    EVENT: _apply_event,
    DOCNO: _apply_document_number,
    **{entity: _apply_register for entity in registers.ENTITIES},
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
    dossier_ids = [c["entity_id"] for c in changes if c["entity"] == DOSSIER.name]
    present = sync.dossier_ids_present(
        dossier_ids
        + [
            c["payload"].get("dossier_id", "")
            for c in changes
            if c["entity"] == EVENT.name and isinstance(c["payload"], dict)
        ]
    )
    events_present = sync.event_ids_present([c["entity_id"] for c in changes if c["entity"] == EVENT.name])
    batch = _Batch(sync, now, result, present, events_present, own_desk=service.desk.desk_id)
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
    for dossier_id in sorted(touched):
        dossier = service.get_by_id(dossier_id)
        service.refresh_derived(dossier)
        clash = _outcome_clash(sync, dossier_id)
        if clash and sync.add_clash(dossier_id, "outcome", clash, now):
            result.clashes.append(dossier_id)
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
            except (sqlite3.IntegrityError, KeyError, TypeError):
                continue
            result.events += 1
            touched.add(p["dossier_id"])
        sync.unpark(row["entity"], row["entity_id"], row["op"])


def _outcome_clash(sync: SyncStore, dossier_id: str) -> dict[str, Any] | None:
    finals = [e for e in sync.event_kinds(dossier_id) if e["kind"] in FINAL_STATUSES]
    if len({e["kind"] for e in finals}) < 2:
        return None
    return {"events": [{"kind": e["kind"], "at": e["at"], "desk_id": e["desk_id"], "id": e["id"]} for e in finals]}
