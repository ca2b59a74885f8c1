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
from app.core.errors import MotcuaError
from app.reception.records import FINAL_STATUSES, Applicant
from app.reception.rows import from_row, search_text
from app.reception.service import DossierService
from app.sync import checks
from app.sync.errors import reason
from db.store import DOSSIER_COLUMNS, EVENT_COLUMNS
from db.sync_store import SyncStore


@dataclass
class Applied:
    dossiers: int = 0
    events: int = 0
    other: int = 0
    parked: int = 0  # events still waiting for their dossier after this call
    quarantined: int = 0  # records set aside: they fail the checks or cannot be applied
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


def _quarantine(change: Mapping[str, Any], code: str, error: MotcuaError | None, now: str) -> dict[str, Any]:
    return {
        "entity": str(change["entity"])[:40],
        "entity_id": str(change["entity_id"])[:100],
        "op": str(change["op"])[:20],
        "desk_id": str(change.get("desk_id", ""))[:64],
        "payload": change["payload"],
        "created_at": str(change["created_at"])[:40],
        "code": code,
        "field": error.field if error else None,
        "message": error.message("vi") if error else reason(code),
        "message_en": error.message("en") if error else reason(code, "en"),
        "received_at": now,
    }


def _valid(change: Mapping[str, Any]) -> MotcuaError | None:
    try:
        checks.check_change(
            change["entity"], change["entity_id"], change["op"], change["payload"], change["created_at"]
        )
    except MotcuaError as exc:
        return exc
    return None


def apply_changes(sync: SyncStore, service: DossierService, changes: Sequence[Mapping[str, Any]]) -> Applied:
    """Call inside the transaction that also moves the pull cursor.

    A record that fails the checks the hub applies (``app.sync.checks``), or that cannot be applied for
    any other reason, is set aside in quarantine with the reason; the rest are applied."""
    now = iso(service.clock.now())
    result = Applied()
    quarantine: list[dict[str, Any]] = []
    good = []
    for change in changes:
        error = _valid(change)
        if error is None:
            good.append(change)
        else:
            quarantine.append(_quarantine(change, "bad_payload", error, now))
    changes = good
    dossier_ids = [c["entity_id"] for c in changes if c["entity"] == "dossier"]
    present = sync.dossier_ids_present(
        dossier_ids + [c["payload"].get("dossier_id", "") for c in changes if c["entity"] in ("event", "settlement")]
    )
    events_present = sync.event_ids_present([c["entity_id"] for c in changes if c["entity"] == "event"])
    touched: set[str] = set()
    inbox: list[dict[str, Any]] = []
    for change in changes:
        entity, p = change["entity"], change["payload"]
        if entity == "dossier" and change["op"] == "create":
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
                with sync.savepoint():
                    row = _dossier_row(p)
                    sync.insert_remote_dossier(
                        row,
                        search_text(
                            row["code"],
                            Applicant(row["applicant_name"], row["applicant_cccd"], row["applicant_phone"]),
                        ),
                    )
            except _CANNOT_APPLY as exc:
                quarantine.append(_quarantine(change, "cannot_apply", _as_error(exc), now))
                continue
            present.add(change["entity_id"])
            touched.add(change["entity_id"])
            result.dossiers += 1
        elif entity == "event" and change["op"] == "create":
            if change["entity_id"] in events_present:
                continue
            if p.get("dossier_id") not in present:
                inbox.append(_inbox(change, "parked", now))
                result.parked += 1
                continue
            try:
                with sync.savepoint():
                    sync.insert_remote_event(_event_row(p))
            except _CANNOT_APPLY as exc:
                quarantine.append(_quarantine(change, "cannot_apply", _as_error(exc), now))
                continue
            events_present.add(change["entity_id"])
            touched.add(p["dossier_id"])
            result.events += 1
        elif entity == "settlement":
            # A leader at another desk settled a clash: the kept outcome holds here too.
            sync.add_settlement(p)
            if p["dossier_id"] in present:
                touched.add(p["dossier_id"])
            result.other += 1
        else:
            inbox.append(_inbox(change, "stored", now))
            result.other += 1
    sync.add_inbox(inbox)
    _unpark(sync, present, touched, result)
    result.parked = len(sync.parked())
    for dossier_id in sorted(touched):
        keep = sync.settlement_keep(dossier_id)
        try:
            with sync.savepoint():
                service.refresh_derived(service.get_by_id(dossier_id), keep)
        except _CANNOT_APPLY as exc:  # kept as it came, status not derived; a person looks at it
            change = {"entity": "dossier", "entity_id": dossier_id, "op": "derive", "payload": {}, "created_at": now}
            quarantine.append(_quarantine(change, "cannot_apply", _as_error(exc), now))
            continue
        clash = _outcome_clash(sync, dossier_id, keep)
        if clash is None:
            sync.resolve_clashes(dossier_id, "", "settled", now)  # settled at another desk
        elif sync.add_clash(dossier_id, "outcome", clash, now):
            result.clashes.append(dossier_id)
    sync.quarantine(quarantine)
    result.quarantined = len(quarantine)
    return result


# What applying one pulled record may raise when it holds something the checks did not foresee.
_CANNOT_APPLY = (sqlite3.Error, KeyError, TypeError, ValueError, OverflowError, MotcuaError)


def _as_error(exc: BaseException) -> MotcuaError | None:
    return exc if isinstance(exc, MotcuaError) else None


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
                with sync.savepoint():
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


def dossier_from(sync: SyncStore, dossier_id: str) -> Any:
    """The dossier with its events, as the register shows it."""
    row = sync.store.dossier_by_id(dossier_id)
    return from_row(row, sync.store.events(dossier_id)) if row else None
