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
# The events that end a dossier for the on-time verdict (indicator 2.1; the dated rule lists the same).
END_KINDS = ("done", "returned", "refused", "withdrawn", "stopped")
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


def finals(events: Sequence[DossierEvent]) -> list[DossierEvent]:
    """The final events (returned, refused, withdrawn) in the one order every desk agrees on."""
    return sorted((e for e in events if e.kind in FINAL_STATUSES), key=event_order)


def open_clash(events: Sequence[DossierEvent], keep: str | None = None) -> bool:
    """Two desks recorded different final outcomes (say refused at one, returned at another) and no
    leader has settled which holds: ``keep`` is the id of the final event a settlement kept."""
    found = finals(events)
    if len({e.kind for e in found}) < 2:
        return False
    return keep is None or keep not in {e.id for e in found}


def settled(events: Sequence[DossierEvent], keep: str | None) -> Sequence[DossierEvent]:
    """The events as a settlement leaves them: of the final events, only the one it kept."""
    if keep is None or keep not in {e.id for e in finals(events)}:
        return events
    return [e for e in events if e.kind not in FINAL_STATUSES or e.id == keep]


def counted(events: Sequence[DossierEvent], keep: str | None = None) -> Sequence[DossierEvent]:
    """The events a verdict is judged on: the one clash rule of every desk and the hub. A settled clash
    counts by the outcome kept; an open clash counts as open (its ending events set aside until a
    leader settles it), never as a result."""
    if open_clash(events, keep):
        return [e for e in events if e.kind not in END_KINDS]
    return settled(events, keep)


def derive(
    events: Sequence[DossierEvent],
    received_at: datetime,
    legal: LegalTime,
    calendar: WorkCalendar,
    keep: str | None = None,
) -> Derived:
    """Status and due time from the events alone, in (time, id) order so every desk agrees.

    A final status is kept once reached; later events from another desk do not reopen it. Where
    desks disagree on the final outcome, the first final event stands until a leader settles the
    clash; ``keep`` (the final event the settlement kept) then replaces every other final event.
    """
    status = "received"
    due = original = calendar.due(received_at, legal)
    apologised = False
    for event in sorted(settled(events, keep), key=event_order):
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
