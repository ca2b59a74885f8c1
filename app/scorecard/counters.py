"""Day counters kept with the events, so a year's scorecard reads sums instead of a million dossiers.

Each dossier has a *summary* (received day and channel, its end day, end kind and verdict, the days it
ran late before its end) computed by the same on-time function the engine uses; the summary adds
fixed amounts to day counters. When a dossier's events change (a reception, an action, a synced
event, a settled clash) or the calendar moves its promised date, its summary is computed again and
only the difference goes to the counters, in the transaction of that change. A dossier still running
adds nothing but its reception: running dossiers are few and are judged live at report time.

Pure: summaries and their counter deltas; the SQL is in db/scorecard_store.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from app.core.clock import parse_iso
from app.core.worktime import VN_TZ, LegalTime, WorkCalendar
from app.reception import timeliness
from app.reception.records import DossierEvent
from app.scorecard import digital, engine
from app.scorecard.digital import DigitalTally
from app.scorecard.engine import END_KINDS, Judge
from app.scorecard.indicators import Judged
from app.scorecard.records import Period
from app.scorecard.tally import CHANNELS, DossierTally, RatingTally

FAR_FUTURE = datetime(9999, 1, 1, tzinfo=VN_TZ)
# A counter key: (day, dimension, key, name); dimension "" is the unit, "p" a procedure, "c" a clerk.
CounterKey = tuple[str, str, str, str]


@dataclass(frozen=True)
class Summary:
    dossier_id: str
    received_day: str
    channel: str
    procedure_code: str
    clerk_id: str
    identity: int | None  # 1 checked with VNeID or population data, 0 not, None not recorded
    end_day: str | None = None
    end_kind: str | None = None
    verdict: str | None = None  # of an ended dossier
    late_days: str = ""  # days it was running and late at their end: "d1..d2,d3..d3"
    waiting_days: str = ""  # days it was waiting for the citizen's supplement at their end
    digital: int = 0  # its files and fee as bits (app.scorecard.digital.FLAGS), counted on its received day


def _day(moment: datetime) -> date:
    return moment.astimezone(VN_TZ).date()


def _last_moment(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min, VN_TZ) - timedelta(microseconds=1)


def _ranges(days: Sequence[date]) -> str:
    parts: list[str] = []
    start = prev = None
    for d in days:
        if prev is not None and d == prev + timedelta(days=1):
            prev = d
            continue
        if start is not None:
            parts.append(f"{start}..{prev}")
        start = prev = d
    if start is not None:
        parts.append(f"{start}..{prev}")
    return ",".join(parts)


def covers(ranges: str, day: date) -> bool:
    """Whether ``day`` is in the ranges (as ``day in expand(ranges)``, without listing every day)."""
    text = day.isoformat()
    return any(first <= text <= last for first, _, last in (p.partition("..") for p in ranges.split(",") if p))


def expand(ranges: str) -> list[date]:
    days: list[date] = []
    for part in filter(None, ranges.split(",")):
        first, last = (date.fromisoformat(x) for x in part.split(".."))
        days.extend(first + timedelta(days=i) for i in range((last - first).days + 1))
    return days


class _OnePromise:
    """A calendar that remembers the last due date it gave (one dossier is judged many times)."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self._calendar = calendar
        self._last: tuple[datetime, LegalTime, datetime] | None = None

    def due(self, received: datetime, legal: LegalTime) -> datetime:
        if self._last is None or self._last[:2] != (received, legal):
            self._last = (received, legal, self._calendar.due(received, legal))
        return self._last[2]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._calendar, name)


def summarise(
    dossier_id: str,
    received_at: datetime,
    legal_time: str,
    channel: str,
    procedure_code: str,
    clerk_id: str,
    events: Sequence[DossierEvent],
    calendar: WorkCalendar,
    judge: Judge,
    identity_check: str | None = None,
    digital_flags: int = 0,
) -> Summary:
    """The dossier's summary: its verdict once ended, and for each day it ran before its end, whether
    it was late at that day's end (what a period ending that day counts as running late)."""
    identity = None if identity_check is None else int(identity_check in ("vneid", "population"))
    first = _day(received_at)
    channel = channel if channel in CHANNELS else "direct"
    end = min((e for e in events if e.kind in END_KINDS), key=lambda e: (e.at, e.id), default=None)
    if end is None:
        day = first.isoformat()
        return Summary(dossier_id, day, channel, procedure_code, clerk_id, identity, digital=digital_flags)
    legal = LegalTime.parse(legal_time)
    end_day = _day(end.at)
    days = [first + timedelta(days=i) for i in range((end_day - first).days)]
    moments = [*(_last_moment(d) for d in days), FAR_FUTURE]
    if judge is timeliness.judge:  # the same judgement at every moment, read in one pass over the events
        found = timeliness.verdicts(events, received_at, legal, calendar, moments)
    else:
        once: Any = _OnePromise(calendar)  # the judge asks for the same promised date at every moment
        found = [judge(events, received_at, legal, once, m).verdict for m in moments]
    verdict = found.pop()
    late = [d for d, v in zip(days, found, strict=True) if v == "late"]
    # Only a supplement request starts a wait (most dossiers have none: nothing to read).
    asked = any(e.kind == "supplement_requested" for e in events)
    waiting = (
        [d for d, waits in zip(days, engine.waiting_at(events, moments[:-1]), strict=True) if waits] if asked else []
    )
    return Summary(
        dossier_id,
        first.isoformat(),
        channel,
        procedure_code,
        clerk_id,
        identity,
        end_day=end_day.isoformat(),
        end_kind=end.kind,
        verdict=verdict,
        late_days=_ranges(late),
        waiting_days=_ranges(waiting),
        digital=digital_flags,
    )


def deltas(summary: Summary | None) -> Counter[CounterKey]:
    """What a summary adds to the counters (an empty counter for None)."""
    found: Counter[CounterKey] = Counter()
    if summary is not None:
        add_deltas(summary, found)
    return found


def add_deltas(s: Summary, found: Counter[CounterKey]) -> None:
    """``deltas`` added to ``found`` (a bulk load sums a batch's dossiers in one counter)."""
    dims = (("", ""), ("p", s.procedure_code), ("c", s.clerk_id))
    received_day = s.received_day
    received = f"received:{s.channel}"
    for dim, key in dims:
        found[(received_day, dim, key, received)] += 1
    if s.identity:
        found[(received_day, "", "", "identity_checked")] += 1
    for flag in digital.names(s.digital):
        found[(received_day, "", "", f"digital:{flag}")] += 1
    if s.end_day is None:
        return
    ended = f"ended:{s.verdict}:{s.end_kind}"
    for dim, key in dims:
        found[(s.end_day, dim, key, ended)] += 1
    running_from, end_day = date.fromisoformat(received_day), date.fromisoformat(s.end_day)
    late = set(expand(s.late_days)) if s.late_days else ()
    for i in range((end_day - running_from).days):
        day = running_from + timedelta(days=i)
        text = day.isoformat()
        is_late = day in late
        for dim, key in dims:
            found[(text, dim, key, "running")] += 1
            if is_late:
                found[(text, dim, key, "running_late")] += 1
    for day in expand(s.waiting_days):
        found[(day.isoformat(), "", "", "running_waiting")] += 1


def difference(old: Summary | None, new: Summary | None) -> dict[CounterKey, int]:
    """New minus old, without the keys that do not move."""
    change = deltas(new)
    change.subtract(deltas(old))
    return {k: n for k, n in change.items() if n}


def rating_deltas(
    day: str,
    procedure_code: str,
    clerk_id: str,
    level_key: str,
    satisfied: bool,
    elements: Iterable[tuple[str, bool]],
    about_dossier: bool,
) -> Counter[CounterKey]:
    """A counter rating: by level, satisfied, per SIPAS element; ``about_dossier`` counts it among the
    dossiers offered the screen (the response rate)."""
    found: Counter[CounterKey] = Counter()
    if about_dossier:
        found[(day, "", "", "rating_dossier")] += 1
    for dim, key in (("", ""), ("p", procedure_code), ("c", clerk_id)):
        found[(day, dim, key, "rating")] += 1
        found[(day, dim, key, "rating_satisfied")] += int(satisfied)
    found[(day, "", "", f"rating_level:{level_key}")] += 1
    for element, ok in elements:
        found[(day, "", "", f"rating_element:{element}:{int(ok)}")] += 1
    return found


# Reading counters back: their sums folded into the engine's tallies (the desk's and the hub's stores).


def _row_counts(row: Counter[str], name: str, n: int) -> None:
    if name.startswith("received:"):
        row["received"] += n
    elif name.startswith("ended:"):
        _, verdict, _ = name.split(":")
        row["ended"] += n
        row[verdict] += n
    elif name == "running":
        row["in_progress"] += n
    elif name == "running_late":
        row["overdue_now"] += n
    elif name == "rating":
        row["ratings"] += n
    elif name == "rating_satisfied":
        row["satisfied"] += n


def fold_sums(
    sums: Iterable[tuple[str, str, str, int]], identity_known: bool, files: DigitalTally | None = None
) -> tuple[DossierTally, RatingTally, int]:
    """A period's (dim, key, name, total) sums as tallies, and how many received were not synced
    (``files``: where the sums carry the digitisation counts, they are added there)."""
    tally, ratings = DossierTally(), RatingTally()
    rows = {"p": tally.by_procedure, "c": tally.by_clerk}
    unsynced = 0
    tally.identity_checked = 0 if identity_known else None
    for dim, key, name, n in sums:
        if dim in rows:
            if not name.startswith("running"):
                _row_counts(rows[dim].setdefault(key, Counter()), name, n)
            continue
        if name.startswith("received:"):
            tally.received[name.split(":", 1)[1]] += n
        elif name.startswith("ended:"):
            _, verdict, kind = name.split(":")
            tally.ended[(verdict, kind)] += n
        elif name == "unsynced":
            unsynced += n
        elif name.startswith("digital:"):
            if files is not None:
                files.counts[name.split(":", 1)[1]] += n
        elif name == "identity_checked" and tally.identity_checked is not None:
            tally.identity_checked += n
        elif name == "identity_unknown" and n:
            tally.identity_checked = None  # a dossier that does not say how its applicant was identified
        elif name.startswith("rating_level:"):
            ratings.levels[name.split(":", 1)[1]] += n
        elif name == "rating_satisfied":
            ratings.satisfied += n
        elif name == "rating_dossier":
            ratings.offered += n
        elif name == "rating_declined":
            ratings.declined += n
            ratings.offered += n
        elif name.startswith("rating_element:"):
            _, element, ok = name.split(":")
            answered, satisfied = ratings.elements.get(element, (0, 0))
            ratings.elements[element] = (answered + n, satisfied + n * int(ok))
    if tally.identity_checked is None and not tally.received_total:
        tally.identity_checked = 0  # nothing received: nothing to measure, as the records path says
    return tally, ratings, unsynced


def fold_months(tally: DossierTally, months: Iterable[tuple[str, str, int]]) -> None:
    for month, name, n in months:
        if not name.startswith("running"):
            _row_counts(tally.by_month.setdefault(month, Counter()), name, n)


def fold_running_at(tally: DossierTally, rows: Iterable[tuple[str, str, str, int]]) -> None:
    """The dossiers that ran past the period's last day and have ended since (the running table)."""
    dims = {"p": tally.by_procedure, "c": tally.by_clerk}
    for dim, key, name, n in rows:
        if dim in dims:
            _row_counts(dims[dim].setdefault(key, Counter()), name, n)
        elif name == "running":
            tally.running += n
        elif name == "running_waiting":
            tally.waiting_supplement += n
        else:
            tally.running_late += n


def add_running(tally: DossierTally, procedure: str, clerk: str, n: int, late: int, waiting: int) -> None:
    """Dossiers still running at the period's end, ``late`` of them late and ``waiting`` on the citizen."""
    tally.running += n
    tally.running_late += late
    tally.waiting_supplement += waiting
    for row in (tally.by_procedure.setdefault(procedure, Counter()), tally.by_clerk.setdefault(clerk, Counter())):
        row["in_progress"] += n
        row["overdue_now"] += late


def add_judged(tally: DossierTally, judged: Iterable[Judged]) -> None:
    """Running dossiers judged live at report time."""
    for j in judged:
        add_running(tally, j.facts.procedure_code, j.facts.clerk_id, 1, int(j.late), int(j.waiting))
        if j.late:
            tally.lost_late.append(j.facts.code)


def add_complained(tally: DossierTally, rows: Iterable[Mapping[str, Any]], period: Period, as_of: datetime) -> None:
    """5.4's dossiers with feedback or a complaint, of those in the period (their summaries' rows)."""
    first, last = period.start.isoformat(), period.end.isoformat()
    for row in rows:
        in_period = row["received_day"] <= last and (row["end_day"] is None or row["end_day"] >= first)
        if in_period and parse_iso(row["received_at"]) <= as_of:
            tally.complained += 1
            tally.lost_complained.append(row["code"])
