"""Early, on time or late: the one judgement the register, the forms, the reports and the hub share.

Decision 766/QĐ-TTg indicator 2.1 as the national portal computes it (resources/timeliness_rules.json
holds the dated rule and its source). The printed due date is another matter: it follows the law,
whose clock restarts when a requested supplement arrives (``rules.derive``); this module compares
with the date first promised on the receipt and takes the citizen's supplement time off the end.

Pure: events in, a verdict out; no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal

from app.core.clock import parse_iso
from app.core.dated import in_force, read_rules
from app.core.errors import ValidationError
from app.core.worktime import VN_TZ, LegalTime, WorkCalendar
from app.reception.records import DossierEvent

RULES_FILE = "timeliness_rules.json"
# "Every event known": a desk's clock may run ahead of the hub's, so "now" would hide its events.
END_OF_TIME = datetime.max.replace(tzinfo=VN_TZ)
Verdict = Literal["early", "on_time", "late"]
VERDICTS: dict[str, tuple[str, str]] = {
    "early": ("Trước hạn", "Early"),
    "on_time": ("Đúng hạn", "On time"),
    "late": ("Trễ hạn", "Late"),
}


@dataclass(frozen=True)
class TimelinessRule:
    effective_from: date
    end_events: tuple[str, ...]
    max_supplement_requests: int
    subtract_supplement_time: bool
    apology_moves_promise: bool
    source: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TimelinessRule:
        try:
            return cls(
                effective_from=date.fromisoformat(data["effective_from"]),
                end_events=tuple(data["end_events"]),
                max_supplement_requests=int(data["max_supplement_requests"]),
                subtract_supplement_time=bool(data["subtract_supplement_time"]),
                apology_moves_promise=bool(data["apology_moves_promise"]),
                source=str(data["source"]),
            )
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                "Tệp quy tắc tính đúng hạn không hợp lệ.", "The on-time rules file is not valid.", field="rules"
            ) from None


def load_rules(source: Path | Sequence[Mapping[str, Any]] | None = None) -> tuple[TimelinessRule, ...]:
    return read_rules(source, RULES_FILE, "rules", TimelinessRule.from_dict)


@cache
def default_rules() -> tuple[TimelinessRule, ...]:
    return load_rules()


def rule_for(on: date, rules: Iterable[TimelinessRule] | None = None) -> TimelinessRule:
    """The rule in force on ``on``; a dossier older than every rule takes the first one."""
    return in_force(on, rules if rules is not None else default_rules())


@dataclass(frozen=True)
class Timeliness:
    """The verdict and what it rests on, for a dossier judged at ``as_of`` (or at its end)."""

    verdict: Verdict
    promised: datetime  # the date first promised on the receipt (NgayHenTra)
    end: datetime  # the end as counted: first end, minus the citizen's supplement time
    ended: bool  # False: no end yet, judged at as_of
    end_event: str | None  # the event kind that ended it ("supplement_requested" while waiting)
    end_event_id: str | None  # that event, so a form marks the verdict on its row
    supplement_requests: int
    supplement_time_seconds: int
    apology_due: datetime | None  # an apology's new date, reported beside the verdict

    @property
    def on_time(self) -> bool:
        """Indicator 2.1 counts early and on time together."""
        return self.verdict != "late"


def _order(event: DossierEvent) -> tuple[datetime, str]:
    return (event.at, event.id)


class _Reading:
    """The judge's reading of a dossier's events, fed one at a time in (time, id) order: what a verdict
    at any moment after the last event fed rests on. ``judge`` reads up to one moment; ``verdicts`` reads
    on through many moments in one pass, with the same code."""

    def __init__(self, rule: TimelinessRule, promised: datetime) -> None:
        self.rule = rule
        self.promised = promised
        self.requests = 0
        self.pending: DossierEvent | None = None  # a supplement request the citizen has not answered yet
        self.supplement_seconds = 0.0
        self.apology_due: datetime | None = None
        self.end: DossierEvent | None = None  # once set, later events are not read

    def read(self, event: DossierEvent) -> None:
        if event.kind == "apology_issued" and self.apology_due is None and "new_due" in event.data:
            self.apology_due = parse_iso(event.data["new_due"])
        elif event.kind == "supplement_requested":
            self.requests += 1
            self.pending = self.pending or event
        elif event.kind == "supplement_received" and self.pending is not None:
            self.supplement_seconds += (event.at - self.pending.at).total_seconds()
            self.pending = None
        elif event.kind in self.rule.end_events:
            self.end = event

    def _moment(self, as_of: datetime) -> tuple[DossierEvent | None, datetime, datetime]:
        """(the end as read, the moment judged, the date it is held to)."""
        # Waiting on the citizen: the dossier ended, for the office, when it asked.
        end = self.pending if self.pending is not None else self.end
        moment = end.at if end is not None else as_of
        if self.rule.subtract_supplement_time and self.supplement_seconds:
            moment = moment - timedelta(seconds=self.supplement_seconds)
        apology_due = self.apology_due
        target = apology_due if (self.rule.apology_moves_promise and apology_due is not None) else self.promised
        return end, moment, target

    def verdict(self, as_of: datetime) -> Verdict:
        end, moment, target = self._moment(as_of)
        if self.requests > self.rule.max_supplement_requests or moment > target:
            return "late"
        if end is not None and moment.astimezone(VN_TZ).date() < target.astimezone(VN_TZ).date():
            return "early"
        return "on_time"

    def at(self, as_of: datetime) -> Timeliness:
        end, moment, _ = self._moment(as_of)
        return Timeliness(
            verdict=self.verdict(as_of),
            promised=self.promised,
            end=moment,
            ended=end is not None,
            end_event=end.kind if end else None,
            end_event_id=end.id if end else None,
            supplement_requests=self.requests,
            supplement_time_seconds=int(self.supplement_seconds),
            apology_due=self.apology_due,
        )


def judge(
    events: Sequence[DossierEvent],
    received_at: datetime,
    legal: LegalTime,
    calendar: WorkCalendar,
    as_of: datetime,
    rules: Iterable[TimelinessRule] | None = None,
) -> Timeliness:
    """Early / on time / late under indicator 2.1 (see the module docstring and the rules file).

    ``as_of``: the end of the period (or now) for a dossier that has not ended; events after it are
    not seen, so a report for a past period gives the answer it would have given then.
    """
    reading = _Reading(rule_for(received_at.astimezone(VN_TZ).date(), rules), calendar.due(received_at, legal))
    for event in sorted((e for e in events if e.at <= as_of), key=_order):
        reading.read(event)
        if reading.end is not None:
            break
    return reading.at(as_of)


def verdicts(
    events: Sequence[DossierEvent],
    received_at: datetime,
    legal: LegalTime,
    calendar: WorkCalendar,
    moments: Sequence[datetime],
    rules: Iterable[TimelinessRule] | None = None,
) -> list[Verdict]:
    """``judge(...).verdict`` at each of ``moments`` (ascending), in one pass over the events instead of
    one judgement a moment (the scorecard's counters ask for every day a dossier ran)."""
    reading = _Reading(rule_for(received_at.astimezone(VN_TZ).date(), rules), calendar.due(received_at, legal))
    ordered = sorted(events, key=_order)
    found: list[Verdict] = []
    i = 0
    for as_of in moments:
        while i < len(ordered) and reading.end is None and ordered[i].at <= as_of:
            reading.read(ordered[i])
            i += 1
        found.append(reading.verdict(as_of))
    return found


def verdict_of(
    events: Sequence[DossierEvent],
    received_at: datetime,
    legal_time: str,
    calendar: WorkCalendar,
    as_of: datetime | None = None,
) -> Verdict | None:
    """The verdict of a dossier that has ended (by ``as_of``, or with every event known); None while
    it runs. What the register, the tracking sheet and the hub's stored outcome show."""
    result = judge(events, received_at, LegalTime.parse(legal_time), calendar, as_of or END_OF_TIME)
    return result.verdict if result.ended else None
