"""How the hub keeps a desk's change: the change as parsed from a batch, and, for each entity the hub
keeps a table of, the row it writes there (app.province.ingest stores them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from app.core.errors import MotcuaError
from app.core.history import CALENDAR_DAY, DISCLOSURE, DOSSIER, EVENT, RATING, SETTLEMENT, Entity
from app.province import registers
from app.province.auth import DeskAuth
from app.sync import protocol
from db.hub import calendar_store
from db.hub.store import HubStore

# app.feedback.ratings sends "satisfied" (0/1) with the level;
# the level key is the fallback (resources/rating_scale.json).
SATISFIED_KEYS = frozenset({"very_satisfied", "satisfied"})


@dataclass
class Change:
    seq: int
    key: str
    entity: str
    entity_id: str
    op: str
    payload: Any
    created_at: str
    digest: str = ""
    refused: str | None = None
    error: MotcuaError | None = None  # why, in words, when the change itself is not valid

    def refusal(self) -> dict[str, Any]:
        out: dict[str, Any] = {"seq": self.seq, "code": self.refused}
        if self.error is not None:
            out.update(field=self.error.field, message=self.error.message("vi"), message_en=self.error.message("en"))
        return out


def _dossier_row(c: Change, desk: DeskAuth) -> dict[str, Any]:
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


def _event_row(c: Change, desk: DeskAuth) -> dict[str, Any]:
    return {
        "id": c.entity_id,
        "dossier_id": c.payload["dossier_id"],
        "commune_code": desk.commune_code,
        "desk_id": desk.desk_id,
        "kind": c.payload["kind"],
        "at": c.payload["at"],
        "data": protocol.canonical(c.payload.get("data", {})),
    }


def _rating_row(c: Change, desk: DeskAuth) -> dict[str, Any]:
    return {
        "id": c.entity_id,
        "commune_code": desk.commune_code,
        "desk_id": desk.desk_id,
        "satisfied": _satisfied(c.payload),
        "at": c.payload.get("created_at") or c.payload["at"],
    }


def _settlement_row(c: Change, desk: DeskAuth) -> dict[str, Any]:
    return {k: c.payload[k] for k in ("dossier_id", "id", "keep_event_id", "at")}


def _calendar_day_row(c: Change, desk: DeskAuth) -> dict[str, Any]:
    return {"commune_code": desk.commune_code, **{k: c.payload.get(k, "") for k in ("id", "day", "kind", "note", "at")}}


def _disclosure_row(c: Change, desk: DeskAuth) -> dict[str, Any]:
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
class Keeper:
    """How the hub keeps one entity in its own table (its payload was checked at the door by
    app.sync.checks, through the same registry)."""

    row: Callable[[Change, DeskAuth], dict[str, Any]]
    insert: Callable[[HubStore, list[dict[str, Any]]], None]
    ok: Callable[[Change], bool] | None = None  # a kind's own extra check (the registers')


# The entities the hub keeps a table of (``Entity.hub_keeps``), in the order they are inserted (a
# dossier before its events). Other entities are kept in the change log only.
KEEPERS: dict[Entity, Keeper] = {
    DOSSIER: Keeper(_dossier_row, HubStore.insert_dossiers),
    EVENT: Keeper(_event_row, HubStore.insert_events),
    RATING: Keeper(_rating_row, HubStore.insert_ratings),
    SETTLEMENT: Keeper(_settlement_row, HubStore.add_settlements),
    DISCLOSURE: Keeper(_disclosure_row, HubStore.upsert_disclosures),
    CALENDAR_DAY: Keeper(_calendar_day_row, calendar_store.insert_days),
    **{entity: Keeper(row, insert, ok) for entity, (ok, row, insert) in registers.KEEPERS.items()},
}


def _satisfied(p: Mapping[str, Any]) -> int | None:
    if isinstance(p.get("satisfied"), bool | int) and p["satisfied"] in (0, 1):
        return int(p["satisfied"])
    if isinstance(p.get("level_key"), str):
        return int(p["level_key"] in SATISFIED_KEYS)
    return None
