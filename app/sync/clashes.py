"""Clashes: two desks recorded different final outcomes for one dossier (refused at one, returned at
another). Until a leader settles it, the first final event (in the one event order every desk and the
hub share) gives the status, and the dossier counts as an open clash, never as a result
(``app.reception.rules.open_clash``). The settlement is an immutable record that syncs like an event
(entity ``settlement``), so every desk and the hub end with the same outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core import history
from app.core.clock import iso
from app.core.errors import MotcuaError, PermissionDenied, ValidationError
from app.core.history import SETTLEMENT
from app.core.records import Clerk
from app.core.text import nfc
from app.desk import Desk
from app.reception.records import FINAL_STATUSES
from app.reception.rules import finals, open_clash
from db.account_store import AccountStore
from db.ids import new_id
from db.sync_store import SyncStore

SETTLERS = frozenset({"leader", "admin"})


@dataclass(frozen=True)
class Clash:
    dossier_id: str
    code: str
    detected_at: str
    outcomes: tuple[dict[str, Any], ...]  # the final events: id, kind, at, desk_id

    def to_dict(self) -> dict[str, Any]:
        return {
            "dossier_id": self.dossier_id,
            "code": self.code,
            "detected_at": self.detected_at,
            "outcomes": list(self.outcomes),
        }


def open_clashes(desk: Desk) -> list[Clash]:
    """Dossiers whose outcomes clash and that no settlement has decided, oldest first."""
    sync = SyncStore(desk.store)
    out = []
    for row in sync.clashes():
        if row["kind"] != "outcome":
            continue
        try:
            dossier = desk.dossiers.get_by_id(row["dossier_id"])
        except MotcuaError:
            continue
        if not open_clash(dossier.events, sync.settlement_keep(dossier.id)):
            continue
        outcomes = tuple(
            {"id": e.id, "kind": e.kind, "at": iso(e.at), "desk_id": e.desk_id, "desk_no": _desk_no(desk, e.desk_id)}
            for e in finals(dossier.events)
        )
        out.append(Clash(dossier.id, dossier.code, row["detected_at"], outcomes))
    return out


def _desk_no(desk: Desk, desk_id: str) -> int | None:
    """The number of the desk that recorded an outcome (this desk, or one whose key it learnt from the hub)."""
    if desk_id == desk.identity.desk_id:
        return desk.identity.desk_no
    key = AccountStore(desk.store).desk_key(desk_id)
    return int(key["desk_no"]) if key else None


def settle(desk: Desk, dossier_id: str, keep_event_id: str, by: Clerk, note: str = "") -> str:
    """A leader decides which final outcome holds; returns the dossier's status after it."""
    if by.role not in SETTLERS:
        raise PermissionDenied(
            "Chỉ lãnh đạo hoặc quản trị mới được xử lý hồ sơ mâu thuẫn.",
            "Only a leader or an administrator may settle a clash.",
        )
    sync = SyncStore(desk.store)
    now = iso(desk.clock.now())
    with desk.store.transaction():
        dossier = desk.dossiers.get_by_id(dossier_id)
        kept = next((e for e in finals(dossier.events) if e.id == keep_event_id), None)
        if kept is None or kept.kind not in FINAL_STATUSES:
            raise ValidationError(
                "Kết quả được chọn không phải một kết quả của hồ sơ này.",
                "The chosen outcome is not one of this dossier's outcomes.",
                field="keep",
            )
        row = {
            "id": new_id(),
            "dossier_id": dossier.id,
            "keep_event_id": kept.id,
            "keep_kind": kept.kind,
            "note": nfc(note)[:2000],
            "clerk_id": by.id,
            "desk_id": desk.identity.desk_id,
            "at": now,
            "created_at": now,
        }
        history.record(desk.store, SETTLEMENT, row, write=lambda: sync.add_settlement(row))
        sync.resolve_clashes(dossier.id, by.id, row["note"], now)
        desk.dossiers.refresh_derived(dossier, kept.id)
    return desk.dossiers.get_by_id(dossier_id).status
