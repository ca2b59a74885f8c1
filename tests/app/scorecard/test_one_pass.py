"""The counters' one-pass reading of every day a dossier ran (``timeliness.verdicts``, ``engine.waiting_at``)
gives what judging each day on its own gives, on thousands of random histories, lawful or not."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta

from app.core.worktime import VN_TZ, LegalTime, WorkCalendar
from app.reception.records import EVENT_KINDS, DossierEvent
from app.reception.timeliness import judge, verdicts
from app.scorecard import counters, digital, engine
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


def deltas_by_definition(s: counters.Summary) -> Counter:
    """The counters' deltas as first written (one key at a time), to hold the faster ``add_deltas`` to."""
    found: Counter = Counter()
    dims = (("", ""), ("p", s.procedure_code), ("c", s.clerk_id))
    for dim, key in dims:
        found[(s.received_day, dim, key, f"received:{s.channel}")] += 1
    if s.identity:
        found[(s.received_day, "", "", "identity_checked")] += 1
    for flag in digital.names(s.digital):
        found[(s.received_day, "", "", f"digital:{flag}")] += 1
    if s.end_day is None:
        return found
    for dim, key in dims:
        found[(s.end_day, dim, key, f"ended:{s.verdict}:{s.end_kind}")] += 1
    running_from, end_day = date.fromisoformat(s.received_day), date.fromisoformat(s.end_day)
    late = set(counters.expand(s.late_days))
    for i in range((end_day - running_from).days):
        day = running_from + timedelta(days=i)
        for dim, key in dims:
            found[(day.isoformat(), dim, key, "running")] += 1
            if day in late:
                found[(day.isoformat(), dim, key, "running_late")] += 1
    for day in counters.expand(s.waiting_days):
        found[(day.isoformat(), "", "", "running_waiting")] += 1
    return found


def test_the_deltas_of_a_summary_and_of_a_batch_summed_in_one_counter() -> None:
    rng = random.Random(11)
    batch: Counter = Counter()
    expected: Counter = Counter()
    for no in range(2000):
        received, legal, events = history(rng, no)
        identity = rng.choice([None, "", "vneid"])
        flags = rng.randrange(1 << len(digital.FLAGS))
        s = counters.summarise(
            str(no), received, str(legal), "online", "P1", "c", events, CALENDAR, JUDGE, identity, flags
        )
        assert counters.deltas(s) == deltas_by_definition(s)
        counters.add_deltas(s, batch)
        expected.update(deltas_by_definition(s))
    assert batch == expected
    assert counters.deltas(None) == Counter()


def test_a_new_dossier_s_flags_follow_from_its_channel_and_documents_alone() -> None:
    """What lets ``desk_counters.new_dossier`` remember the flags of a dossier with no fee, file or payment
    by (channel, documents): any other fact of the dossier leaves them as they are."""
    from app.scorecard.records import DossierFacts

    rng = random.Random(5)
    seen = set()
    for no in range(3000):
        channel, documents = rng.choice(["direct", "post", "online"]), rng.choice([None, 0, 1, 3, 7])
        facts = DossierFacts(
            id=str(no),
            code=f"C{no}",
            procedure_code=rng.choice(["P1", "P2", "1.001"]),
            legal_time=rng.choice(["0", "half", "3", "30"]),
            channel=channel,
            received_at=datetime(2020, 1, 1, tzinfo=VN_TZ) + timedelta(minutes=rng.randrange(4_000_000)),
            procedure_name=rng.choice(["", "Khai sinh"]),
            clerk_id=rng.choice(["", "c1"]),
            desk_id=rng.choice(["", "d1"]),
            commune=rng.choice(["", "87001"]),
            synced=rng.choice([None, True, False]),
            identity_check=rng.choice([None, "", "vneid"]),
            fee_due=rng.choice([None, False]),
            documents=documents,
        )
        first = DossierFacts(
            id="x", code="y", procedure_code="", legal_time="1", channel=channel,
            received_at=datetime(2026, 1, 1, tzinfo=VN_TZ), documents=documents,
        )  # fmt: skip
        assert digital.flags(facts, [], []) == digital.flags(first, [], []), facts
        seen.add(digital.flags(facts, [], []))
    assert len(seen) >= 2  # with and without documents listed
