"""A commune's own calendar days: an extra day off (a storm, a local holiday) or a worked Saturday,
declared at a desk with ``motcua calendar off|work|remove``.

Each declaration is an immutable record that syncs (entity ``calendar_day``) to the hub, which judges
the commune's on-time figures with it, and to the commune's other desks. The latest declaration of a
day (by time, then id, the same rule everywhere) gives the day's local override.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.core import history, textcheck
from app.core.clock import Clock, iso
from app.core.worktime import Override
from db.calendar_store import CalendarStore
from db.ids import new_id
from db.store import Store

KINDS = ("off", "work", "removed")  # app.sync.checks names them too, for the hub


def declare(store: Store, clock: Clock, desk_id: str, day: date, kind: str, note: str = "") -> dict[str, Any]:
    """Declare ``day`` off, worked, or back to the ordinary calendar ("removed"); returns the record."""
    note = textcheck.field_text("calendar_day", "note", note, label_vi="Ghi chú", label_en="The note")
    if kind != "removed":
        Override(day, kind, note)  # type: ignore[arg-type]  # its own sentence for a bad kind
    now = iso(clock.now())
    row = {"id": new_id(), "day": day.isoformat(), "kind": kind, "note": note, "desk_id": desk_id, "at": now}
    row["created_at"] = now
    days = CalendarStore(store)
    with store.transaction():
        history.record(store, history.CALENDAR_DAY, row, write=lambda: days.add_day(row))
        settle_day(store, row["day"])
    return row


def apply_pulled(store: Store, payload: Mapping[str, Any]) -> bool:
    """A declaration made at another desk of the commune; True when it was new here."""
    row = {c: payload[c] for c in CalendarStore.DAY_COLUMNS}
    if not CalendarStore(store).add_day(row):
        return False
    settle_day(store, row["day"])
    return True


def settle_day(store: Store, day: str) -> None:
    """The day's local override from its latest declaration."""
    days = CalendarStore(store)
    latest = days.latest_day(day)
    if latest is None:
        return
    if latest["kind"] == "removed":
        days.delete_calendar_override(day)
    else:
        days.set_calendar_override(
            {"day": day, "kind": latest["kind"], "note": latest["note"], "source": "local", "updated_at": latest["at"]}
        )
