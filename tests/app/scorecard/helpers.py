"""Building plain scorecard records for worked examples."""

from __future__ import annotations

from datetime import date, datetime
from itertools import count

from app.core.worktime import VN_TZ, WorkCalendar
from app.reception.records import DossierEvent
from app.reception.timeliness import judge
from app.scorecard import engine
from app.scorecard.records import DossierFacts, FeedbackFact, Period, RatingFact, Records, Scorecard, Unit

CALENDAR = WorkCalendar.default()
COMMUNE = Unit("commune", "87001", "Xã Tân Thành")
_ids = count(1)


def at(text: str) -> datetime:
    """'2026-03-02 09:00' local."""
    return datetime.fromisoformat(text.replace(" ", "T")).replace(tzinfo=VN_TZ)


def dossier(
    received: str, *events: tuple[str, str], legal: str = "3", channel: str = "direct", **extra: object
) -> DossierFacts:
    n = next(_ids)
    dossier_id = f"d{n}"
    evs = tuple(
        DossierEvent(id=f"e{n}-{i}", dossier_id=dossier_id, kind=kind, at=at(when), clerk_id="c1", desk_id="k1")
        for i, (kind, when) in enumerate(events)
    )
    values: dict[str, object] = dict(
        id=dossier_id,
        code=f"87001-260302-{1000 + n}",
        procedure_code="HT04",
        legal_time=legal,
        channel=channel,
        received_at=at(received),
        events=evs,
        clerk_id="c1",
        desk_id="k1",
        synced=True,
        identity_check="",
    )
    values.update(extra)
    return DossierFacts(**values)  # type: ignore[arg-type]


def feedback(received: str, kind: str = "feedback", **extra: object) -> FeedbackFact:
    n = next(_ids)
    values: dict[str, object] = dict(id=f"f{n}", number=f"PA-26-{1000 + n}", kind=kind, received_at=at(received))
    for key in ("answered_at", "forwarded_at", "closed_at"):
        if isinstance(extra.get(key), str):
            extra[key] = at(extra[key])  # type: ignore[arg-type]
    values.update(extra)
    return FeedbackFact(**values)  # type: ignore[arg-type]


def rating(when: str, level: str = "satisfied", satisfied: bool = True, **extra: object) -> RatingFact:
    n = next(_ids)
    return RatingFact(id=f"r{n}", at=at(when), level_key=level, satisfied=satisfied, desk_id="k1", **extra)  # type: ignore[arg-type]


def card(
    *dossiers: DossierFacts,
    start: str = "2026-03-01",
    end: str = "2026-03-31",
    now: str = "2026-06-01 08:00",
    unit: Unit = COMMUNE,
    **records: object,
) -> Scorecard:
    return engine.compute(
        Records(dossiers=dossiers, **records),  # type: ignore[arg-type]
        Period(date.fromisoformat(start), date.fromisoformat(end)),
        unit,
        calendar=CALENDAR,
        judge=judge,
        now=at(now),
    )
