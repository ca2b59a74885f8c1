"""Feedback received through the national portal (PAKN): the deadlines Decision 766 indicator 5.2 scores.

Kept beside Decree 20/2008's rule (app.feedback.rules, kind "feedback"), dated the same way in
resources/feedback_rules.json ("portal_rules"). Pure: dates in, deadlines and a verdict out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from app.core.dated import in_force, read_rules
from app.core.errors import ValidationError
from app.core.worktime import WorkCalendar
from app.feedback.rules import RULES_FILE, Unit, deadline


@dataclass(frozen=True)
class PortalRule:
    effective_from: date
    refuse_days: int
    request_more_days: int
    handle_days: int
    publish_days: int
    unit: Unit
    source: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PortalRule:
        try:
            unit = data.get("unit", "working")
            if unit not in ("working", "calendar"):
                raise ValueError(unit)
            return cls(
                effective_from=date.fromisoformat(data["effective_from"]),
                refuse_days=int(data["refuse_days"]),
                request_more_days=int(data["request_more_days"]),
                handle_days=int(data["handle_days"]),
                publish_days=int(data["publish_days"]),
                unit=unit,
                source=str(data.get("source", "")),
            )
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                "Quy tắc thời hạn phản ánh, kiến nghị trên Cổng không hợp lệ.",
                "Invalid deadline rule for feedback received through the portal.",
                field="portal_rules",
            ) from None


def load_rules(source: Path | Sequence[Mapping[str, Any]] | None = None) -> tuple[PortalRule, ...]:
    return read_rules(source, RULES_FILE, "portal_rules", PortalRule.from_dict)


@cache
def default_rules() -> tuple[PortalRule, ...]:
    return load_rules()


def rule_for(on: date, rules: Iterable[PortalRule] | None = None) -> PortalRule:
    return in_force(on, rules if rules is not None else default_rules())


@dataclass(frozen=True)
class PortalDeadlines:
    refuse: date
    request_more: date
    handle: date


def deadlines(calendar: WorkCalendar, received: date, rule: PortalRule | None = None) -> PortalDeadlines:
    rule = rule or rule_for(received)
    return PortalDeadlines(
        refuse=deadline(calendar, received, rule.refuse_days, rule.unit),
        request_more=deadline(calendar, received, rule.request_more_days, rule.unit),
        handle=deadline(calendar, received, rule.handle_days, rule.unit),
    )


def on_time(
    calendar: WorkCalendar,
    received: date,
    as_of: date,
    *,
    refused: date | None = None,
    first_request: date | None = None,
    handled: date | None = None,
    published: date | None = None,
    rule: PortalRule | None = None,
) -> bool:
    """Indicator 5.2 for one item: every step it took within its limit; a running one within 15 days."""
    rule = rule or rule_for(received)
    due = deadlines(calendar, received, rule)
    if refused is not None:
        return refused <= due.refuse
    if first_request is not None and first_request > due.request_more:
        return False
    if handled is None:
        return as_of <= due.handle
    if handled > due.handle:
        return False
    publish_by = deadline(calendar, handled, rule.publish_days, rule.unit)
    return (published or as_of) <= publish_by


@dataclass(frozen=True)
class PortalFigures:
    """Indicator 5.2 over the register's portal feedback: on time per step, or still within 15 days."""

    total: int
    on_time: int

    @property
    def share_on_time(self) -> float | None:
        return self.on_time / self.total if self.total else None


class Entry(Protocol):
    """What ``figures`` reads of a register entry (app.feedback.records.FeedbackEntry is one); a
    protocol, so the hub's reports can use this rule without the desk's register."""

    kind: str
    channel: str
    received_at: datetime
    answered_at: datetime | None
    forwarded_at: datetime | None
    closed_at: datetime | None


def figures(entries: Iterable[Entry], calendar: WorkCalendar, today: date) -> PortalFigures:
    """Feedback entries received online (the portal's PAKN reach the register through that channel).

    The register records no separate publication: the answer given is taken as published that day.
    An entry closed with neither answer nor forwarding counts as refused on its closing day.
    """
    total = on = 0
    for entry in entries:
        if entry.kind != "feedback" or entry.channel != "online":
            continue
        total += 1
        received = entry.received_at.date()
        handled = entry.answered_at or entry.forwarded_at
        refused = entry.closed_at if handled is None and entry.closed_at is not None else None
        on += on_time(
            calendar,
            received,
            today,
            refused=refused.date() if refused else None,
            handled=handled.date() if handled else None,
            published=handled.date() if handled else None,
        )
    return PortalFigures(total, on)
