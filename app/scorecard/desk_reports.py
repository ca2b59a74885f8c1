"""The desk's reports as a service: a period's scorecard with each record that cost points described
(whose dossier, which procedure, where it stands), and the exports.

``build_at`` opens the store on a connection of its own, as the sync and backup threads do, so the
window can compute a year at a million dossiers (about 200 ms) in a worker thread and stay responsive.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from app.core.errors import NotFound
from app.core.records import label
from app.core.worktime import VN_TZ
from app.feedback.rules import FEEDBACK_STATUSES, OPEN_STATUSES
from app.reception.records import STATUSES
from app.scorecard import desk_source
from app.scorecard.records import Period, Scorecard, UnitLevel

if TYPE_CHECKING:
    from app.core.clock import Clock
    from app.desk import Desk

# The indicators whose lost records are feedback entries (PAKN, by number); every other list holds
# dossier codes (indicators.py).
FEEDBACK_INDICATORS = frozenset({"5.2", "5.3"})


@dataclass(frozen=True)
class LostItem:
    """One record that cost points, as the leader reads it in the list."""

    code: str  # the dossier's code, or the feedback entry's number
    kind: Literal["dossier", "feedback"]
    found: bool = True  # False: the record is not in this desk's store (a code the hub sent, say)
    name: str = ""  # the applicant, or the person who gave feedback (a denouncer stays masked)
    subject: str = ""  # the procedure, or the feedback's content
    status_vi: str = ""
    status_en: str = ""
    due: date | None = None
    open: bool = False  # still being worked on: the ones a leader can still do something about

    def status(self, lang: str = "vi") -> str:
        return self.status_en if lang == "en" else self.status_vi


@dataclass(frozen=True)
class DeskReport:
    card: Scorecard
    lost: Mapping[str, LostItem]  # by code / number, for every code an indicator lists

    def lost_items(self, indicator_id: str) -> list[LostItem]:
        """The indicator's lost records, those still open first, each group by its due day."""
        items = [self.lost[c] for c in self.card.indicator(indicator_id).lost if c in self.lost]
        return sorted(items, key=lambda i: (not i.open, i.due or date.max, i.code))


def _dossier(desk: Desk, code: str) -> LostItem:
    try:
        d = desk.dossiers.get(code)
    except NotFound:
        return LostItem(code, "dossier", found=False)
    return LostItem(
        code,
        "dossier",
        name=d.applicant.full_name,
        subject=d.procedure_name,
        status_vi=label(STATUSES, d.status, "vi"),
        status_en=label(STATUSES, d.status, "en"),
        due=d.due_at.astimezone(VN_TZ).date(),
        open=not d.is_final,
    )


def _feedback(desk: Desk, number: str) -> LostItem:
    try:
        e = desk.feedback.by_number(number)
    except NotFound:
        return LostItem(number, "feedback", found=False)
    return LostItem(
        number,
        "feedback",
        name=e.person_name,
        subject=e.content,
        status_vi=label(FEEDBACK_STATUSES, e.status, "vi"),
        status_en=label(FEEDBACK_STATUSES, e.status, "en"),
        due=e.resolve_due or e.forward_due,
        open=e.status in OPEN_STATUSES,
    )


def build(desk: Desk, period: Period, level: UnitLevel = "commune", now: datetime | None = None) -> DeskReport:
    """The period's scorecard (the engine, through the desk's counters) and its lost records described."""
    card = desk_source.scorecard(desk, period, level, now)
    lost: dict[str, LostItem] = {}
    for indicator in card.indicators:
        describe = _feedback if indicator.id in FEEDBACK_INDICATORS else _dossier
        for code in indicator.lost:
            if code not in lost:
                lost[code] = describe(desk, code)
    return DeskReport(card, lost)


def build_at(path: Path, clock: Clock, period: Period, level: UnitLevel = "commune") -> DeskReport:
    """``build`` on a connection of its own (one SQLite connection per thread)."""
    from app.desk import Desk

    with Desk.open(path, clock) as desk:
        return build(desk, period, level)
