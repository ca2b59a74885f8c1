"""Feedback register entries and their events, as records and as rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.core.clock import parse_iso
from app.core.text import fold
from app.core.worktime import WorkCalendar
from app.feedback.confidential import MASK
from app.feedback.rules import DUE_SOON_WORKING_DAYS, OPEN_STATUSES, Urgency

# Records


@dataclass(frozen=True)
class FeedbackEvent:
    id: str
    entry_id: str
    kind: str
    at: datetime
    clerk_id: str
    desk_id: str
    data: dict[str, Any] = field(default_factory=dict)
    created_at: str = ""


@dataclass(frozen=True)
class FeedbackEntry:
    """One register entry as the desk shows it: a denouncer's identity is always masked here."""

    id: str
    number: str
    kind: str
    channel: str
    person_name: str
    person_address: str
    person_contact: str
    confidential: bool  # a denouncer's identity is held encrypted (masked in every field above)
    content: str
    category: str
    dossier_id: str | None
    dossier_code: str | None
    received_at: datetime
    rule_from: str
    accept_due: date | None
    forward_due: date
    resolve_due: date | None
    complex: bool
    assigned_to: str | None
    status: str
    accepted_at: datetime | None
    answer: str
    answered_at: datetime | None
    forwarded_to: str
    forwarded_at: datetime | None
    closed_at: datetime | None
    clerk_id: str
    desk_id: str
    created_at: str = ""
    updated_at: str = ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def due(self) -> date | None:
        """The deadline the entry is working towards now (acceptance first, when the rule has one)."""
        if self.status == "received" and self.accept_due is not None and self.resolve_due is None:
            return self.accept_due
        return self.resolve_due or self.accept_due

    @property
    def handled_at(self) -> datetime | None:
        return self.answered_at or self.forwarded_at or self.closed_at

    @property
    def handled_on_time(self) -> bool | None:
        """None while open; a forwarding is judged against the forwarding limit."""
        handled = self.handled_at
        if handled is None:
            return None
        if self.forwarded_at is not None and self.answered_at is None:
            return self.forwarded_at.date() <= self.forward_due
        due = self.resolve_due or self.accept_due or self.forward_due
        return handled.date() <= due


def _opt_time(value: str | None) -> datetime | None:
    return parse_iso(value) if value else None


def _opt_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def entry_from_row(row: Mapping[str, Any]) -> FeedbackEntry:
    confidential = row["identity_cipher"] is not None
    if confidential:
        name = address = contact = MASK
    else:
        name, address, contact = row["person_name"] or "", row["person_address"] or "", row["person_contact"] or ""
    return FeedbackEntry(
        id=row["id"],
        number=row["number"],
        kind=row["kind"],
        channel=row["channel"],
        person_name=name,
        person_address=address,
        person_contact=contact,
        confidential=confidential,
        content=row["content"],
        category=row["category"],
        dossier_id=row["dossier_id"],
        dossier_code=row["dossier_code"],
        received_at=parse_iso(row["received_at"]),
        rule_from=row["rule_from"],
        accept_due=_opt_date(row["accept_due"]),
        forward_due=date.fromisoformat(row["forward_due"]),
        resolve_due=_opt_date(row["resolve_due"]),
        complex=bool(row["complex"]),
        assigned_to=row["assigned_to"],
        status=row["status"],
        accepted_at=_opt_time(row["accepted_at"]),
        answer=row["answer"] or "",
        answered_at=_opt_time(row["answered_at"]),
        forwarded_to=row["forwarded_to"] or "",
        forwarded_at=_opt_time(row["forwarded_at"]),
        closed_at=_opt_time(row["closed_at"]),
        clerk_id=row["clerk_id"],
        desk_id=row["desk_id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def search_text(row: Mapping[str, Any]) -> str:
    """The folded words an entry is found by; never a denouncer's identity (held only as ciphertext)."""
    words = [row.get("content"), row.get("category")]
    if row.get("dossier_code") != MASK:  # a denunciation's dossier is sealed with the identity
        words.append(row.get("dossier_code"))
    if row.get("identity_cipher") is None:
        words += [row.get("person_name"), row.get("person_contact")]
    return fold(" ".join(str(w) for w in words if w))


def entry_payload(row: Mapping[str, Any]) -> dict[str, Any]:
    """What syncs of an entry: the identity (and a denunciation's dossier) only as ciphertext; the
    local search text and the local mask of a sealed dossier link stay here."""
    payload = {k: v for k, v in row.items() if k not in ("rowid", "search_text")}
    if payload.get("identity_cipher") and payload.get("dossier_code") == "***":
        payload["dossier_code"] = None
    return payload


@dataclass(frozen=True)
class HandlingFigures:
    """Share of entries handled on time, over those whose deadline has passed or that were handled."""

    total: int
    open_not_due: int
    on_time: int
    late: int
    open_overdue: int

    @property
    def judged(self) -> int:
        return self.on_time + self.late + self.open_overdue

    @property
    def share_on_time(self) -> float | None:
        return self.on_time / self.judged if self.judged else None


def urgency(
    entry: FeedbackEntry, today: date, calendar: WorkCalendar, soon_days: int = DUE_SOON_WORKING_DAYS
) -> Urgency:
    if not entry.is_open:
        return "done"
    due = entry.due
    if due is None:
        return "open"
    if today > due:
        return "overdue"
    if due <= calendar.add_working_days(today, soon_days):
        return "due_soon"
    return "open"
