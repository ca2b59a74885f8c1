"""The counters' one-pass reading of every day a dossier ran (``timeliness.verdicts``, ``engine.waiting_at``)
gives what judging each day on its own gives, on thousands of random histories, lawful or not."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from app.core.worktime import VN_TZ, LegalTime, WorkCalendar
from app.reception.records import EVENT_KINDS, DossierEvent
from app.reception.timeliness import judge, verdicts
from app.scorecard import counters, engine
from app.scorecard.judging import JUDGE

CALENDAR = WorkCalendar.default()
LEGAL = [LegalTime.parse(t) for t in ("0", "half", "1", "3", "5", "12", "30")]
KINDS = [k for k in EVENT_KINDS if k != "received"]


def history(rng: random.Random, no: int) -> tuple[datetime, LegalTime, list[DossierEvent]]:
    """A reception in the last two years and up to eight later events of any kind, at any time (some in
    the same second, some with an apology's new date), in no particular order."""
    received = datetime(2024, 3, 1, 7, 0, tzinfo=VN_TZ) + timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
    at = received
    events = [DossierEvent(f"{no}-0", str(no), "received", received, "c", "d", {}, "")]
    for i in range(1, rng.randint(1, 9)):
        at = at + timedelta(seconds=rng.choice([0, 1, 3600, 86400 * rng.uniform(0, 20), 86400 * rng.uniform(0, 90)]))
        kind = rng.choice(KINDS)
        data = {}
        if kind == "apology_issued" and rng.random() < 0.8:
            data = {"new_due": (at + timedelta(days=rng.uniform(-3, 30))).isoformat(timespec="seconds")}
        events.append(DossierEvent(f"{no}-{rng.randrange(100):02d}{i}", str(no), kind, at, "c", "d", data, ""))
    rng.shuffle(events)
    return received, rng.choice(LEGAL), events


def waiting_by_definition(events: list[DossierEvent], as_of: datetime) -> bool:
    last = None
    for e in sorted((e for e in events if e.at <= as_of), key=lambda e: (e.at, e.id)):
        if e.kind in ("supplement_requested", "supplement_received"):
            last = e.kind
    return last == "supplement_requested"


def test_verdicts_in_one_pass_are_the_judge_at_each_moment() -> None:
    rng = random.Random(20261129)
    for no in range(3000):
        received, legal, events = history(rng, no)
        start = received - timedelta(days=2)
        moments = sorted(start + timedelta(hours=rng.uniform(0, 24 * 200)) for _ in range(rng.randint(0, 40)))
        moments += [e.at for e in events]  # exactly at an event, too
        moments.sort()
        moments.append(counters.FAR_FUTURE)
        expected = [judge(events, received, legal, CALENDAR, m).verdict for m in moments]
        assert verdicts(events, received, legal, CALENDAR, moments) == expected, (no, events)
        assert engine.waiting_at(events, moments) == [waiting_by_definition(events, m) for m in moments]


def test_a_summary_read_in_one_pass_equals_one_judged_day_by_day() -> None:
    """``counters.summarise`` reads the desk's judge in one pass; any other judge is asked day by day."""

    def day_by_day(*args):  # the same judge, not recognised as it: judged at each moment
        return JUDGE(*args)

    rng = random.Random(7)
    seen = {"late": 0, "waiting": 0}
    for no in range(3000):
        received, legal, events = history(rng, no)
        args = (str(no), received, str(legal), "direct", "P1", "c", events, CALENDAR)
        fast = counters.summarise(*args, JUDGE)
        assert fast == counters.summarise(*args, day_by_day), (no, events)
        seen["late"] += bool(fast.late_days)
        seen["waiting"] += bool(fast.waiting_days)
    assert min(seen.values()) > 100  # the histories reach what the one pass shortens
