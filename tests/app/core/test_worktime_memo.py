"""The calendar's remembered answers (due dates, parsed legal times) and its office-time shortcuts give what
the plain rules give, on many random moments: naive, in other zones, on days off, on a session's edge."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from app.core import worktime
from app.core.errors import ValidationError
from app.core.worktime import VN_TZ, LegalTime, Override, WorkCalendar

EDGES = [time(7, 29, 59), time(7, 30), time(11, 30), time(11, 30, 0, 1), time(13, 29), time(13, 30), time(15, 0)]
EDGES += [time(14, 59, 59, 999999), time(17, 0), time(17, 0, 1), time(0, 0), time(23, 59, 59)]
LEGAL = [LegalTime.parse(t) for t in ("0", "half", "1", "2", "5", "15", "45", "365")]


def moments(rng: random.Random, count: int) -> list[datetime]:
    found = []
    for _ in range(count):
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(4 * 365))
        if rng.random() < 0.4:
            clock = rng.choice(EDGES)
        else:
            clock = time(rng.randrange(24), rng.randrange(60), rng.randrange(60), rng.choice([0, rng.randrange(10**6)]))
        moment = datetime.combine(day, clock, VN_TZ)
        roll = rng.random()
        if roll < 0.15:
            moment = moment.replace(tzinfo=None)  # naive: local time
        elif roll < 0.3:
            moment = moment.astimezone(UTC)
        elif roll < 0.4:
            moment = moment.astimezone(timezone(timedelta(hours=-5)))
        found.append(moment)
    return found


def to_local(value: datetime) -> datetime:
    return value.replace(tzinfo=VN_TZ) if value.tzinfo is None else value.astimezone(VN_TZ)


def next_office_time_by_definition(cal: WorkCalendar, moment: datetime) -> datetime:
    """The rule as first written: open now, else the start of the next session."""
    local = to_local(moment)
    t = local.timetz().replace(tzinfo=None)
    in_session = cal.morning[0] <= t <= cal.morning[1] or cal.afternoon[0] <= t <= cal.afternoon[1]
    if in_session and cal.is_working_day(local.date()):
        return local
    d = local.date()
    if cal.is_working_day(d) and t < cal.morning[0]:
        return datetime.combine(d, cal.morning[0], VN_TZ)
    if cal.is_working_day(d) and cal.morning[1] < t < cal.afternoon[0]:
        return datetime.combine(d, cal.afternoon[0], VN_TZ)
    return datetime.combine(cal.next_working_day(d), cal.morning[0], VN_TZ)


@pytest.fixture
def calendar() -> WorkCalendar:
    # A Saturday worked and a Tuesday off, besides the national calendar.
    return WorkCalendar([Override(date(2025, 9, 6), "work"), Override(date(2025, 9, 9), "off")])


def test_remembered_due_dates_are_the_rule_s_own(calendar: WorkCalendar, monkeypatch) -> None:
    monkeypatch.setattr(worktime, "DUE_MEMO", 64)  # forgotten and learned again many times over
    rng = random.Random(13)
    asked = moments(rng, 3000)
    for _ in range(3):  # asked again, in another order, as a dossier's derivation and counters ask
        for moment in asked:
            legal = rng.choice(LEGAL)
            fresh = WorkCalendar([Override(date(2025, 9, 6), "work"), Override(date(2025, 9, 9), "off")])
            assert calendar.due(moment, legal) == fresh._due_from(moment, legal), (moment, legal)
            assert calendar.due(moment, legal).tzinfo is VN_TZ
        rng.shuffle(asked)
    assert len(calendar._due) <= 64


def test_office_times_are_the_rule_s_own(calendar: WorkCalendar) -> None:
    rng = random.Random(17)
    for moment in moments(rng, 20_000):
        expected = next_office_time_by_definition(calendar, moment)
        assert calendar.next_office_time(moment) == expected, moment
        assert calendar.is_office_time(moment) == (expected == to_local(moment)), moment


def test_a_parsed_legal_time_is_remembered_and_a_bad_one_still_refused() -> None:
    for text in ("3", " 3 ", "HALF", "0,5", "same_day", "0", "365"):
        assert LegalTime.parse(text) is LegalTime.parse(text) == LegalTime._parse(text)
    assert LegalTime.parse(3) == LegalTime("working_days", 3)  # not text: parsed, not remembered
    for bad in ("366", "-1", "", "3 days", None):
        with pytest.raises(ValidationError):
            LegalTime.parse(bad)
        with pytest.raises(ValidationError):
            LegalTime.parse(bad)  # refused again, never remembered
