"""The desk's scorecard counters: kept with every change of a dossier, and read back as tallies.

``follow`` runs in the transaction of the change (a reception, an action, a synced event, a settled
clash); ``calendar_changed`` after the calendar moved promised dates; ``rebuild`` from scratch (a store
from before the counters, or ``motcua maintain --rebuild-counters``). ``tallies`` turns a period's
sums, plus the few dossiers still running judged live, into the engine's tallies.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from app.core.clock import parse_iso
from app.core.worktime import VN_TZ, WorkCalendar
from app.reception.records import DossierEvent
from app.scorecard import counters, engine
from app.scorecard.engine import Judge
from app.scorecard.judging import JUDGE
from app.scorecard.records import DossierFacts, FeedbackFact, Period
from app.scorecard.tally import LOST_LIST, DossierTally, RatingTally
from db.scorecard_store import ScorecardStore

# The on-time function the desk's counters and reports share (app.scorecard.judging).
DESK_JUDGE: Judge = JUDGE
# The counting rules' version: counters built by another (a changed on-time function or summary) are
# not read, and ``motcua maintain`` builds them again.
VERSION = "1"
# Calendar days before a changed day within which a dossier's promised date may move (the longest
# legal time in working days, twice over for holidays, and then some).
CALENDAR_REACH_DAYS = 200


def _event(row: Mapping[str, Any]) -> DossierEvent:
    return DossierEvent(
        id=row["id"],
        dossier_id=row["dossier_id"],
        kind=row["kind"],
        at=parse_iso(row["at"]),
        clerk_id=row["clerk_id"],
        desk_id=row["desk_id"],
        data=json.loads(row["data"] or "{}"),
        created_at=row["created_at"],
    )


def _summary(db: ScorecardStore, dossier_id: str, calendar: WorkCalendar) -> tuple[counters.Summary, str] | None:
    row = db.dossier(dossier_id)
    if row is None:
        return None
    return _summarise(row, [_event(e) for e in db.events(dossier_id)], calendar), row["code"]


def _summarise(row: Mapping[str, Any], events: list[DossierEvent], calendar: WorkCalendar) -> counters.Summary:
    """``row``: the dossier's columns (id, received_at, legal_time, channel, procedure_code, clerk_id,
    identity_check); ``events``: all of its events, the reception's included."""
    return counters.summarise(
        row["id"],
        parse_iso(row["received_at"]),
        row["legal_time"],
        row["channel"],
        row["procedure_code"],
        row["clerk_id"],
        events,
        calendar,
        DESK_JUDGE,
        row["identity_check"],
    )


def _stored(row: Mapping[str, Any] | None) -> counters.Summary | None:
    if row is None:
        return None
    return counters.Summary(**{k: v for k, v in row.items() if k != "code"})


def start(conn: Any) -> bool:
    """A new store: its counters are complete from its first dossier (False: it already has dossiers)."""
    return ScorecardStore(conn).start_if_empty(VERSION)


def follow(conn: Any, dossier_id: str, calendar: WorkCalendar) -> None:
    """The dossier changed: move the counters by the difference. Call inside the change's transaction."""
    db = ScorecardStore(conn)
    if not db.built(VERSION):
        return  # counters are built from scratch later; a partial update would only be undone
    found = _summary(db, dossier_id, calendar)
    if found is None:
        return
    new, code = found
    old = _stored(db.summary(dossier_id))
    if new == old:
        return
    db.add(counters.difference(old, new))
    db.put_summary({**new.__dict__, "code": code})


def follow_reception(conn: Any, dossier_id: str, received_day: str, calendar: WorkCalendar) -> None:
    """A dossier received at this desk: counted, and counted as not yet on the hub."""
    db = ScorecardStore(conn)
    if not db.built(VERSION):
        return
    follow(conn, dossier_id, calendar)
    db.add({(received_day, "", "", "unsynced"): 1})


class Batch:
    """A bulk load's counters (demo data): what ``follow_reception`` would add for each new dossier with
    its whole history, summed in memory and written once per transaction (``flush``), so the counters
    and summaries come out the same without reading every dossier back."""

    def __init__(self, conn: Any) -> None:
        self.db = ScorecardStore(conn)
        self.on = self.db.built(VERSION)
        self.total: Counter[counters.CounterKey] = Counter()
        self.summaries: list[dict[str, Any]] = []

    def received(self, row: Mapping[str, Any], events: list[DossierEvent], calendar: WorkCalendar) -> None:
        """A new dossier (``row`` as written) with all of its events, the reception's included."""
        if not self.on:
            return
        summary = _summarise(row, events, calendar)
        self.total.update(counters.deltas(summary))
        self.total[(row["received_at"][:10], "", "", "unsynced")] += 1
        self.summaries.append({**summary.__dict__, "code": row["code"]})

    def flush(self) -> None:
        """Write what was gathered; call inside the transaction that wrote the dossiers."""
        if self.summaries:
            self.db.put_summaries(self.summaries)
            self.db.add({k: n for k, n in self.total.items() if n})
        self.total, self.summaries = Counter(), []


def follow_rating(conn: Any, row: Mapping[str, Any], elements: Mapping[str, bool]) -> None:
    db = ScorecardStore(conn)
    if not db.built(VERSION):
        return
    day = parse_iso(row["rated_at"]).astimezone(VN_TZ).date().isoformat()
    db.add(
        counters.rating_deltas(
            day,
            row["procedure_code"] or "",
            row["clerk_id"] or "",
            row["level_key"],
            bool(row["satisfied"]),
            elements.items(),
            bool(row["dossier_id"]),
        )
    )


def calendar_changed(conn: Any, old: WorkCalendar, new: WorkCalendar, days: Iterable[date]) -> int:
    """Days changed between two calendars: re-judge the dossiers received within reach of them."""
    changed = [d for d in days if old.is_working_day(d) != new.is_working_day(d)]
    if not changed:
        return 0
    db = ScorecardStore(conn)
    if not db.built(VERSION):
        return 0
    start = datetime.combine(min(changed) - timedelta(days=CALENDAR_REACH_DAYS), time.min, VN_TZ)
    end = datetime.combine(max(changed) + timedelta(days=1), time.min, VN_TZ)
    ids = db.dossier_ids_received_between(start.isoformat(), end.isoformat())
    for dossier_id in ids:
        follow(conn, dossier_id, new)
    return len(ids)


def rebuild(conn: Any, calendar: WorkCalendar, ratings: Iterable[tuple[Mapping[str, Any], Mapping[str, bool]]]) -> int:
    """Counters from scratch, in one transaction of the caller's; returns the dossiers summarised."""
    db = ScorecardStore(conn)
    db.clear()
    total: Counter[counters.CounterKey] = Counter()
    count = 0
    for dossier_id in list(db.all_dossier_ids()):
        found = _summary(db, dossier_id, calendar)
        if found is None:
            continue
        summary, code = found
        total.update(counters.deltas(summary))
        db.put_summary({**summary.__dict__, "code": code})
        count += 1
    for row, elements in ratings:
        day = parse_iso(row["rated_at"]).astimezone(VN_TZ).date().isoformat()
        total.update(
            counters.rating_deltas(
                day,
                row["procedure_code"] or "",
                row["clerk_id"] or "",
                row["level_key"],
                bool(row["satisfied"]),
                elements.items(),
                bool(row["dossier_id"]),
            )
        )
    db.add({k: n for k, n in total.items() if n})
    db.unsynced_from_scratch()
    db.set_built(VERSION)
    return count


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


def tallies(
    conn: Any,
    period: Period,
    as_of: datetime,
    calendar: WorkCalendar,
    entries: Iterable[FeedbackFact],
    live: Iterable[DossierFacts],
    today: date,
) -> tuple[DossierTally, RatingTally]:
    """The period's tallies from the counters, with ``live`` (the dossiers still running, received by
    ``as_of``) judged now; the per-dossier lists hold what the store can list cheaply."""
    db = ScorecardStore(conn)
    first, last = period.start.isoformat(), period.end.isoformat()
    tally = DossierTally()
    ratings = RatingTally()
    rows = {"p": tally.by_procedure, "c": tally.by_clerk}
    identity_known = db.identity_column()
    unsynced = 0
    tally.identity_checked = 0 if identity_known else None
    for dim, key, name, n in db.sums(first, last):
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
        elif name == "identity_checked" and tally.identity_checked is not None:
            tally.identity_checked += n
        elif name.startswith("rating_level:"):
            ratings.levels[name.split(":", 1)[1]] += n
        elif name == "rating_satisfied":
            ratings.satisfied += n
        elif name == "rating_dossier":
            ratings.offered += n
        elif name.startswith("rating_element:"):
            _, element, ok = name.split(":")
            answered, satisfied = ratings.elements.get(element, (0, 0))
            ratings.elements[element] = (answered + n, satisfied + n * int(ok))
    tally.synced = tally.received_total - unsynced
    if tally.identity_checked is None and not tally.received_total:
        tally.identity_checked = 0  # nothing received: nothing to measure, as the records path says
    for month, name, n in db.sums_by_month(first, last):
        if not name.startswith("running"):
            _row_counts(tally.by_month.setdefault(month, Counter()), name, n)
    if period.end < today:  # dossiers that ran past the period's end and have ended since
        for dim, key, name, n in db.running_at(last):
            if dim in rows:
                _row_counts(rows[dim].setdefault(key, Counter()), name, n)
            elif name == "running":
                tally.running += n
            elif name == "running_waiting":
                tally.waiting_supplement += n
            else:
                tally.running_late += n
        straddlers = [code for code, days in db.ran_late_past(last) if period.end in set(counters.expand(days))]
    else:
        straddlers = []
    tally.lost_late = db.late_codes(first, last, LOST_LIST) + straddlers
    judged = engine.judge_dossiers(live, period, as_of, calendar, DESK_JUDGE)
    for j in judged:
        tally.running += 1
        tally.running_late += int(j.late)
        tally.waiting_supplement += int(j.waiting)
        for row in (
            tally.by_procedure.setdefault(j.facts.procedure_code, Counter()),
            tally.by_clerk.setdefault(j.facts.clerk_id, Counter()),
        ):
            row["in_progress"] += 1
            row["overdue_now"] += int(j.late)
        if j.late:
            tally.lost_late.append(j.facts.code)
    tally.online_counted = 0 if not tally.received["online"] else None  # result files are not recorded yet
    complained = engine.complained_dossiers(entries)
    for row in db.summaries(sorted(complained)):
        in_period = row["received_day"] <= last and (row["end_day"] is None or row["end_day"] >= first)
        if in_period and parse_iso(row["received_at"]) <= as_of:
            tally.complained += 1
            tally.lost_complained.append(row["code"])
    return tally, ratings
