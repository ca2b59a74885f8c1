"""The desk's scorecard counters: kept with every change of a dossier, and read back as tallies.

``follow`` runs in the transaction of the change (a reception, an action, a synced event, a settled
clash, a calendar day that moved its promised date: ``within_reach`` finds those); ``rebuild`` from scratch (a store
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
from app.reception.rules import counted
from app.scorecard import counters, digital, engine
from app.scorecard.digital import DigitalTally
from app.scorecard.engine import Judge
from app.scorecard.judging import JUDGE
from app.scorecard.records import Attachment, DossierFacts, FeedbackFact, Payment, Period
from app.scorecard.tally import LOST_LIST, DossierTally, RatingTally
from db import digitised_store
from db.scorecard_store import ScorecardStore
from db.sync_store import settlement_keep

# The on-time function the desk's counters and reports share (app.scorecard.judging).
DESK_JUDGE: Judge = JUDGE
# The counting rules' version: counters built by another (a changed on-time function or summary) are
# not read, and ``motcua maintain`` builds them again.
VERSION = "2"
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


def documents_count(value: str | None) -> int:
    return len(json.loads(value or "[]"))


def digital_records(conn: Any, dossier_ids: list[str]) -> tuple[dict[str, int | None], list[Attachment], list[Payment]]:
    """The fee in force, the attachments in force and the payments of these dossiers."""
    attachments = [digital.attachment(r) for r in digitised_store.attachments_of(conn, dossier_ids)]
    payments = [digital.payment(r) for r in digitised_store.payments_of(conn, dossier_ids)]
    return digitised_store.fees_of(conn, dossier_ids), attachments, payments


def _flags(conn: Any, row: Mapping[str, Any]) -> int:
    return _digital_flags(row, *digital_records(conn, [row["id"]]))


def _digital_flags(
    row: Mapping[str, Any], fees: Mapping[str, int | None], attachments: list[Attachment], payments: list[Payment]
) -> int:
    facts = DossierFacts(
        id=row["id"],
        code=row["code"],
        procedure_code=row["procedure_code"],
        legal_time=row["legal_time"],
        channel=row["channel"],
        received_at=parse_iso(row["received_at"]),
        documents=documents_count(row["documents"]),
        fee_due=digital.fee_due(fees.get(row["id"]), row["id"] in fees),
    )
    return digital.flags(facts, attachments, payments)


def _summary(db: ScorecardStore, dossier_id: str, calendar: WorkCalendar) -> tuple[counters.Summary, str] | None:
    row = db.dossier(dossier_id)
    if row is None:
        return None
    # The clash rule the hub applies: an open clash runs on, a settled one counts by the outcome kept.
    events = counted([_event(e) for e in db.events(dossier_id)], settlement_keep(db.conn, dossier_id))
    return _summarise(row, events, calendar, _flags(db.conn, row)), row["code"]


def _summarise(
    row: Mapping[str, Any], events: list[DossierEvent], calendar: WorkCalendar, flags: int
) -> counters.Summary:
    """``row``: the dossier's columns (id, received_at, legal_time, channel, procedure_code, clerk_id,
    identity_check, documents); ``events``: all of its events, the reception's included; ``flags``: its
    scans, results and payments (app.scorecard.digital)."""
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
        flags,
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


# A new dossier's flags by (channel, documents): with no fee, file or payment yet, nothing else of the
# dossier reaches them (tests/app/scorecard/test_one_pass.py holds ``digital.flags`` to that), and a
# bulk load asks for the same few pairs a million times.
_NEW_FLAGS: dict[tuple[str, str], int] = {}


def _new_flags(row: Mapping[str, Any]) -> int:
    key = (row["channel"], row["documents"])
    flags = _NEW_FLAGS.get(key)
    if flags is None:
        flags = _digital_flags(row, {}, [], [])
        if len(_NEW_FLAGS) < 1024:
            _NEW_FLAGS[key] = flags
    return flags


def new_dossier(
    row: Mapping[str, Any],
    events: list[DossierEvent],
    calendar: WorkCalendar,
    moved: Counter[counters.CounterKey] | None = None,
) -> tuple[dict[str, Any], Counter[counters.CounterKey]]:
    """What ``follow_reception`` adds for a dossier just received (``row`` as written, all of its events,
    the reception's included; no fee, scan or payment yet): its summary row and the counters' deltas,
    added to ``moved`` when given (a bulk load's batch sums its dossiers' in one counter).
    Reads nothing from the store: a bulk load computes it in a second process."""
    summary = _summarise(row, events, calendar, _new_flags(row))
    if moved is None:
        moved = Counter()
    counters.add_deltas(summary, moved)
    moved[(row["received_at"][:10], "", "", "unsynced")] += 1
    return {**summary.__dict__, "code": row["code"]}, moved


class Batch:
    """A bulk load's counters (demo data): what ``follow_reception`` would add for each new dossier with
    its whole history, summed in memory and written once per transaction (``flush``), so the counters
    and summaries come out the same without reading every dossier back."""

    def __init__(self, conn: Any) -> None:
        self.db = ScorecardStore(conn)
        self.on = self.db.built(VERSION)
        self.total: Counter[counters.CounterKey] = Counter()
        self.summaries: list[dict[str, Any]] = []

    def take(self, summaries: Iterable[dict[str, Any]], moved: Mapping[counters.CounterKey, int]) -> None:
        """Summaries ``new_dossier`` computed (perhaps elsewhere), and the sum of their deltas."""
        self.total.update(moved)
        self.summaries.extend(summaries)

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


def within_reach(conn: Any, old: WorkCalendar, new: WorkCalendar, days: Iterable[date]) -> list[str]:
    """Days changed between two calendars: the dossiers received within reach of them, whose promised
    date, due date and counters may move (the caller refreshes each, and ``follow`` moves its counters)."""
    changed = [d for d in days if old.is_working_day(d) != new.is_working_day(d)]
    if not changed:
        return []
    start = datetime.combine(min(changed) - timedelta(days=CALENDAR_REACH_DAYS), time.min, VN_TZ)
    end = datetime.combine(max(changed) + timedelta(days=1), time.min, VN_TZ)
    return ScorecardStore(conn).dossier_ids_received_between(start.isoformat(), end.isoformat())


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


def tallies(
    conn: Any,
    period: Period,
    as_of: datetime,
    calendar: WorkCalendar,
    entries: Iterable[FeedbackFact],
    live: Iterable[DossierFacts],
    today: date,
) -> tuple[DossierTally, RatingTally, DigitalTally]:
    """The period's tallies from the counters, with ``live`` (the dossiers still running, received by
    ``as_of``) judged now; the per-dossier lists hold what the store can list cheaply."""
    db = ScorecardStore(conn)
    first, last = period.start.isoformat(), period.end.isoformat()
    files = DigitalTally(paper_known=False)  # the desk does not record which results are paper
    tally, ratings, unsynced = counters.fold_sums(db.sums(first, last), db.identity_column(), files)
    tally.synced = tally.received_total - unsynced
    counters.fold_months(tally, db.sums_by_month(first, last))
    if period.end < today:  # dossiers that ran past the period's end and have ended since
        counters.fold_running_at(tally, db.running_at(last))
        straddlers = [code for code, days in db.ran_late_past(last) if counters.covers(days, period.end)]
    else:
        straddlers = []
    tally.lost_late = db.late_codes(first, last, LOST_LIST) + straddlers
    counters.add_judged(tally, engine.judge_dossiers(live, period, as_of, calendar, DESK_JUDGE))
    files.received = tally.received_total
    tally.online_counted = files.counts["online_counted"]
    for name, population in digital.POPULATION.items():
        missing = files.counts[population] if population else files.received
        files.lost[name] = (
            db.lacking(first, last, digital.bits([population] if population else []), digital.bits([name]), LOST_LIST)
            if missing - files.counts[name]
            else []
        )
    counters.add_complained(tally, db.summaries(sorted(engine.complained_dossiers(entries))), period, as_of)
    return tally, ratings, files
