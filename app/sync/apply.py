"""Applying records pulled from the hub: insert what is missing, recompute, flag true clashes.

Events merge by union: each desk inserts the events it lacks and derives status and due time from
all of them (``app.reception.rules.derive``), so two desks that acted offline converge. Two different final
outcomes for one dossier are not resolved here: they are flagged for a person.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core.clock import iso
from app.reception.records import FINAL_STATUSES, Applicant
from app.reception.rows import from_row, search_text
from app.reception.service import DossierService
from db.store import DOSSIER_COLUMNS, EVENT_COLUMNS
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


def apply_changes(sync: SyncStore, service: DossierService, changes: Sequence[Mapping[str, Any]]) -> Applied:
    """Call inside the transaction that also moves the pull cursor."""
    now = iso(service.clock.now())
    result = Applied()
    dossier_ids = [c["entity_id"] for c in changes if c["entity"] == "dossier"]
    present = sync.dossier_ids_present(
        dossier_ids
        + [
            c["payload"].get("dossier_id", "")
            for c in changes
            if c["entity"] == "event" and isinstance(c["payload"], dict)
        ]
    )
    events_present = sync.event_ids_present([c["entity_id"] for c in changes if c["entity"] == "event"])
    touched: set[str] = set()
    inbox: list[dict[str, Any]] = []
    for change in changes:
        entity, p = change["entity"], change["payload"]
        if entity == "dossier" and change["op"] == "create" and isinstance(p, dict):
            if change["entity_id"] in present:
                continue
            holder = sync.dossier_id_for_code(str(p.get("code")))
            if holder is not None:
                if sync.add_clash(
                    change["entity_id"],
                    "code",
                    {"code": p.get("code"), "local_id": holder, "desk_id": change.get("desk_id")},
                    now,
                ):
                    result.clashes.append(change["entity_id"])
                inbox.append(_inbox(change, "stored", now))
                continue
            try:
                row = _dossier_row(p)
                sync.insert_remote_dossier(
                    row,
                    search_text(
                        row["code"], Applicant(row["applicant_name"], row["applicant_cccd"], row["applicant_phone"])
                    ),
                )
            except (sqlite3.IntegrityError, KeyError, TypeError):
                inbox.append(_inbox(change, "stored", now))
                continue
            present.add(change["entity_id"])
            touched.add(change["entity_id"])
            result.dossiers += 1
        elif entity == "event" and change["op"] == "create" and isinstance(p, dict):
            if change["entity_id"] in events_present:
                continue
            if p.get("dossier_id") not in present:
                inbox.append(_inbox(change, "parked", now))
                result.parked += 1
                continue
            try:
                sync.insert_remote_event(_event_row(p))
            except (sqlite3.IntegrityError, KeyError, TypeError):
                inbox.append(_inbox(change, "stored", now))
                continue
            events_present.add(change["entity_id"])
            touched.add(p["dossier_id"])
            result.events += 1
        else:
            inbox.append(_inbox(change, "stored", now))
            result.other += 1
    sync.add_inbox(inbox)
    # This desk's own codes that come back (a restored store, a lost config folder) are never reissued.
    service.learn_codes(
        [str(c["payload"].get("code")) for c in changes if c["entity"] == "dossier" and isinstance(c["payload"], dict)]
    )
    _unpark(sync, present, touched, result)
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


def dossier_from(sync: SyncStore, dossier_id: str) -> Any:
    """The dossier with its events, as the register shows it."""
    row = sync.store.dossier_by_id(dossier_id)
    return from_row(row, sync.store.events(dossier_id)) if row else None
