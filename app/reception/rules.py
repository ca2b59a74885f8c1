"""The dossier lifecycle: which action may follow which, status and due time derived from events.

Pure rules: no database, no Qt; the hub uses them too."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.core.clock import parse_iso
from app.core.history import Transitions
from app.core.worktime import LegalTime, WorkCalendar
from app.reception.records import (
    EVENT_KINDS,
    FINAL_STATUSES,
    STATUSES,
    DossierEvent,
)

# Which statuses each action may start from. Receipt-time outcomes (refusal of an incomplete
# dossier) and immediate procedures returning at once are both allowed.
TRANSITIONS = Transitions(
    allowed_from={
        "forwarded": frozenset({"received"}),
        "supplement_requested": frozenset({"received", "processing"}),
        "supplement_received": frozenset({"waiting_supplement"}),
        "refused": frozenset({"received", "processing", "waiting_supplement"}),
        "apology_issued": frozenset({"received", "processing", "waiting_supplement"}),
        "done": frozenset({"received", "processing"}),
        "returned": frozenset({"received", "processing", "done"}),
        "withdrawn": frozenset({"received", "processing", "waiting_supplement"}),
        # Form 05 (Circular 03/2025): processing stopped, e.g. the citizen did not supplement in time.
        "stopped": frozenset({"received", "processing", "waiting_supplement"}),
    },
    status_after={
        "received": "received",
        "forwarded": "processing",
        "supplement_requested": "waiting_supplement",
        "supplement_received": "processing",
        "refused": "refused",
        "done": "done",
        "returned": "returned",
        "withdrawn": "withdrawn",
        "stopped": "stopped",
    },
    statuses=STATUSES,
    actions=EVENT_KINDS,
    subject=("Hồ sơ", "The dossier"),
)
NEEDS_REASON = frozenset({"supplement_requested", "refused", "apology_issued", "withdrawn", "stopped"})
# Events stamped in the same second (a clerk clicking "done" then "returned") keep lifecycle order.
_LIFECYCLE_RANK = {kind: rank for rank, kind in enumerate(EVENT_KINDS)}


def event_order(event: DossierEvent) -> tuple[datetime, int, str]:
    """The one order of a dossier's events, the same on every desk."""
    return (event.at, _LIFECYCLE_RANK.get(event.kind, len(_LIFECYCLE_RANK)), event.id)


@dataclass(frozen=True)
class Derived:
    status: str
    due_at: datetime
    original_due_at: datetime
    apologised: bool


def derive(events: Sequence[DossierEvent], received_at: datetime, legal: LegalTime, calendar: WorkCalendar) -> Derived:
    """Status and due time from the events alone, in (time, id) order so every desk agrees.

    A final status is kept once reached; later events from another desk do not reopen it
    (a true clash is for sync to flag, not for this function to resolve).
    """
    status = "received"
    due = original = calendar.due(received_at, legal)
    apologised = False
    for event in sorted(events, key=event_order):
        if status in FINAL_STATUSES:
            break
        if event.kind == "apology_issued" and not apologised:
            due = parse_iso(event.data["new_due"])
            apologised = True
        elif event.kind == "supplement_received":
            due = calendar.due(event.at, legal)
            original = due
        status = TRANSITIONS.after(status, event.kind)
    return Derived(status=status, due_at=due, original_due_at=original, apologised=apologised)
