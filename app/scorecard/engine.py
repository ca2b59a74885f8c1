"""One indicator engine for the desk and the hub: plain records in, a scorecard out. No Qt, no SQL.

``compute`` judges every dossier of the period once with the on-time function it is given (issue 12's
shared function, app.reception.timeliness.judge), then counts and scores. Which
dossiers belong to a period follows indicator 2.1: received by its end and not ended before its start
("hồ sơ được tiếp nhận, xử lý trong kỳ"), judged at its last day, or now if that is earlier.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Protocol

from app.core.worktime import VN_TZ, LegalTime, WorkCalendar
from app.feedback import portal
from app.reception.records import DossierEvent
from app.reception.rules import END_KINDS
from app.scorecard import config as scorecard_config
from app.scorecard import digital, periodic
from app.scorecard import indicators as ind
from app.scorecard.citizen_facts import CitizenRecords
from app.scorecard.config import ScorecardConfig
from app.scorecard.digital import DigitalTally
from app.scorecard.records import (
    Breakdown,
    DossierFacts,
    FeedbackFact,
    Period,
    RatingFact,
    Records,
    Scorecard,
    Unit,
)
from app.scorecard.tally import CHANNELS, ROW_FIELDS, DossierTally, RatingTally


class Judgement(Protocol):
    verdict: str
    ended: bool
    end_event: str | None
    end_event_id: str | None


Judge = Callable[[Sequence[DossierEvent], datetime, LegalTime, WorkCalendar, datetime], Judgement]


def _in_unit(unit: Unit, desk_id: str, commune: str) -> bool:
    if unit.level == "desk":
        return desk_id == unit.code
    if unit.level == "commune":
        return not commune or commune == unit.code  # a desk's own records carry no commune
    return True


def judge_dossiers(
    dossiers: Iterable[DossierFacts], period: Period, as_of: datetime, calendar: WorkCalendar, judge: Judge
) -> list[ind.Judged]:
    """2.1's population with each dossier's verdict at ``as_of``."""
    start = period.first_moment
    found = []
    for d in dossiers:
        if d.received_at > as_of:
            continue
        end = _first_end(d.events, as_of)
        if end is not None and end.at < start:
            continue  # ended before the period: not processed in it
        # The verdict is the judge's (a stop after an unanswered supplement request is judged at the
        # request); whether and how the dossier ended is its own first end event.
        j = judge(d.events, d.received_at, LegalTime.parse(d.legal_time), calendar, as_of)
        found.append(
            ind.Judged(
                facts=d,
                verdict=j.verdict,
                ended=end is not None,
                end_kind=end.kind if end else None,
                end_at=end.at if end else None,
                received_in_period=period.holds(d.received_at),
                waiting=end is None and waiting(d.events, as_of),
            )
        )
    return found


def portal_on_time(entry: FeedbackFact, as_of: datetime, calendar: WorkCalendar) -> bool:
    """Indicator 5.2 for one portal feedback (PAKN), by the dated portal rule (app.feedback.portal):
    closed with neither answer nor forwarding is a refusal; an answer or a forwarding is the handling,
    published that day (the register records no publication); a running one within 15 working days."""

    def day(moment: datetime | None) -> date | None:
        return moment.astimezone(VN_TZ).date() if moment is not None and moment <= as_of else None

    handled = day(entry.answered_at) or day(entry.forwarded_at)
    closed = day(entry.closed_at)
    return portal.on_time(
        calendar,
        entry.received_at.astimezone(VN_TZ).date(),
        as_of.astimezone(VN_TZ).date(),
        refused=closed if handled is None else None,
        handled=handled,
        published=handled,
    )


def legal_on_time(entry: FeedbackFact, as_of: datetime) -> bool:
    """A register entry against its own legal deadlines (the dated register rules it was received under):
    a forwarding against the forwarding limit, anything else against the deadline it works towards."""
    handled = entry.handled_at if entry.handled_at is not None and entry.handled_at <= as_of else None
    if handled is not None and entry.forwarded_at is not None and entry.answered_at is None:
        due = entry.forward_due
    else:
        due = entry.resolve_due or entry.accept_due or entry.forward_due
    moment = (handled or as_of).astimezone(VN_TZ).date()
    return due is None or moment <= due


def judge_feedback(
    entries: Iterable[FeedbackFact], period: Period, as_of: datetime, calendar: WorkCalendar
) -> tuple[list[ind.FeedbackJudged], list[ind.FeedbackJudged]]:
    """(portal feedback judged by indicator 5.2's limits, every entry judged by its own legal deadlines),
    over the entries received by the end of the period and not handled before its start."""
    portal, every = [], []
    for e in entries:
        if e.received_at > as_of:
            continue
        handled = e.handled_at if e.handled_at is not None and e.handled_at <= as_of else None
        if handled is not None and handled < period.first_moment:
            continue
        fresh = period.holds(e.received_at)
        if e.kind == "feedback" and e.channel == "online":
            portal.append(ind.FeedbackJudged(e, portal_on_time(e, as_of, calendar), handled is not None, fresh))
        every.append(ind.FeedbackJudged(e, legal_on_time(e, as_of), handled is not None, fresh))
    return portal, every


def tally_ratings(ratings: Iterable[RatingFact], period: Period) -> RatingTally:
    """Counter ratings given in the period, and the response rate's dossiers (rated or declined)."""
    items = list(ratings)
    given = [r for r in items if not r.declined and period.holds(r.at)]
    rated_dossiers = {r.dossier_id for r in items if not r.declined and r.dossier_id}
    declined = {r.dossier_id for r in items if r.declined and period.holds(r.at) and r.dossier_id}
    declined -= rated_dossiers  # a citizen who came back and rated did not decline
    tally = RatingTally(levels=Counter(r.level_key for r in given), satisfied=sum(r.satisfied for r in given))
    for r in given:
        for key, ok in r.elements.items():
            answered, satisfied = tally.elements.get(key, (0, 0))
            tally.elements[key] = (answered + 1, satisfied + int(ok))
    tally.declined = len(declined)
    tally.offered = sum(1 for r in given if r.dossier_id) + len(declined)
    return tally


def _row(rows: dict[str, Counter[str]], key: str) -> Counter[str]:
    return rows.setdefault(key, Counter())


def tally_dossiers(judged: Sequence[ind.Judged], complained: set[str], online_counted: int | None) -> DossierTally:
    """The additive tally of 2.1's population (see tally.py), with the codes that cost points."""
    tally = DossierTally()
    received = [j.facts for j in judged if j.received_in_period]
    tally.received = Counter(d.channel if d.channel in CHANNELS else "direct" for d in received)
    if any(d.synced is None for d in received):
        tally.synced = None
    else:
        tally.synced = sum(1 for d in received if d.synced)
    if any(d.identity_check is None for d in received):
        tally.identity_checked = None
    else:
        tally.identity_checked = sum(1 for d in received if d.identity_check in ("vneid", "population"))
    tally.online_counted = online_counted
    for j in judged:
        d = j.facts
        rows = (_row(tally.by_procedure, d.procedure_code), _row(tally.by_clerk, d.clerk_id))
        if j.received_in_period:
            for row in (*rows, _row(tally.by_month, f"{d.received_at.astimezone(VN_TZ):%Y-%m}")):
                row["received"] += 1
        if j.ended and j.end_at is not None and j.end_kind is not None:
            tally.ended[(j.verdict, j.end_kind)] += 1
            for row in (*rows, _row(tally.by_month, f"{j.end_at.astimezone(VN_TZ):%Y-%m}")):
                row["ended"] += 1
                row[j.verdict] += 1
        else:
            tally.running += 1
            tally.running_late += int(j.late)
            tally.waiting_supplement += int(j.waiting)
            for row in rows:
                row["in_progress"] += 1
                row["overdue_now"] += int(j.late)
        if j.late:
            tally.lost_late.append(d.code)
        if d.id in complained:
            tally.complained += 1
            tally.lost_complained.append(d.code)
    return tally


def _rating_rows(tally: DossierTally, ratings: Iterable[RatingFact], period: Period) -> None:
    for r in ratings:
        if r.declined or not period.holds(r.at):
            continue
        for row in (
            _row(tally.by_procedure, r.procedure_code),
            _row(tally.by_clerk, r.clerk_id),
            _row(tally.by_month, f"{r.at.astimezone(VN_TZ):%Y-%m}"),
        ):
            row["ratings"] += 1
            row["satisfied"] += int(r.satisfied)


def _breakdown(rows: dict[str, Counter[str]], labels: dict[str, str]) -> tuple[Breakdown, ...]:
    return tuple(Breakdown(key=k, label=labels.get(k, k), **{f: rows[k][f] for f in ROW_FIELDS}) for k in sorted(rows))


def compute(
    records: Records,
    period: Period,
    unit: Unit,
    *,
    calendar: WorkCalendar,
    judge: Judge,
    now: datetime,
    versions: tuple[ScorecardConfig, ...] | None = None,
    labels: dict[str, dict[str, str]] | None = None,
) -> Scorecard:
    """The unit's scorecard for the period (see the module docstring); ``labels``: names for the
    per-procedure and per-clerk tables ({"procedure": {code: name}, "clerk": {id: name}})."""
    as_of = min(now, period.last_moment)
    dossiers = [d for d in records.dossiers if _in_unit(unit, d.desk_id, d.commune)]
    ratings = [r for r in records.ratings if _in_unit(unit, r.desk_id, r.commune)]
    entries = [e for e in records.feedback if _in_unit(unit, e.desk_id, e.commune)]
    ids = {d.id for d in dossiers}
    attachments = None if records.attachments is None else [a for a in records.attachments if a.dossier_id in ids]
    payments = None if records.payments is None else [p for p in records.payments if p.dossier_id in ids]
    citizens = None
    if records.citizens is not None:
        citizens = periodic.for_unit(records.citizens, lambda desk_id, commune: _in_unit(unit, desk_id, commune))
    judged = judge_dossiers(dossiers, period, as_of, calendar, judge)
    received = [j.facts for j in judged if j.received_in_period]
    files = digital.tally(received, attachments, payments)
    tally = tally_dossiers(judged, complained_dossiers(entries), ind.online_counted(received, files))
    _rating_rows(tally, ratings, period)
    names = dict(labels or {})
    names["procedure"] = {
        **{d.procedure_code: d.procedure_name for d in dossiers if d.procedure_name},
        **names.get("procedure", {}),
    }
    return finish(
        tally,
        tally_ratings(ratings, period),
        entries,
        period,
        unit,
        calendar=calendar,
        as_of=as_of,
        digital=files,
        versions=versions,
        labels=names,
        citizens=citizens,
    )


def complained_dossiers(entries: Iterable[FeedbackFact]) -> set[str]:
    """Dossiers that feedback or a complaint is about (5.4's "hồ sơ ... có phản ánh, kiến nghị")."""
    return {e.dossier_id for e in entries if e.dossier_id and e.kind in ("feedback", "complaint")}


def finish(
    tally: DossierTally,
    ratings: RatingTally,
    entries: Sequence[FeedbackFact],
    period: Period,
    unit: Unit,
    *,
    calendar: WorkCalendar,
    as_of: datetime,
    digital: DigitalTally | None = None,
    versions: tuple[ScorecardConfig, ...] | None = None,
    labels: dict[str, dict[str, str]] | None = None,
    citizens: CitizenRecords | None = None,
) -> Scorecard:
    """Score the tallies: indicators, counts and tables (shared by the records and the counters paths).
    ``digital`` None: files and payments are not recorded where the tallies come from."""
    files = digital or DigitalTally(files=False, payments=False)
    conf = scorecard_config.for_day(period.end, versions)
    pakn, others = judge_feedback(entries, period, as_of, calendar)
    sync = ind.sync_rate(conf, tally)
    payment_result, payment_counts = ind.paid_online(conf, files)
    digitised = ind.digitisation(conf, files)
    indicators = (
        sync,
        ind.on_time(conf, tally),
        ind.online_share(conf, tally, sync),
        payment_result,
        *digitised,
        ind.population_data(conf, tally),
        ind.feedback_on_time(conf, pakn),
        ind.feedback_satisfaction(conf, pakn),
        ind.procedure_satisfaction(conf, tally, dislikes_known=False),
    )
    verdicts, kinds = tally.verdicts(), tally.kinds()
    counts: dict[str, int | None] = {
        "received": tally.received_total,
        "carried_over": tally.population - tally.received_total,
        "ended": tally.ended_total,
        "early": verdicts["early"],
        "on_time": verdicts["on_time"],
        "late": verdicts["late"],
        "resolved": kinds["done"] + kinds["returned"],
        "refused": kinds["refused"],
        "withdrawn": kinds["withdrawn"],
        "stopped": kinds["stopped"],
        "in_progress": tally.running,
        "in_progress_on_time": tally.running - tally.running_late,
        "overdue_now": tally.running_late,
        "waiting_supplement": tally.waiting_supplement,
        "digitised": files.counts["digitised"] if files.files else None,
        "electronic_result": files.counts["result"] if files.files else None,
        **payment_counts,
        "ratings": ratings.total,
        "satisfied": ratings.satisfied,
        "ratings_declined": ratings.declined,
        "ratings_offered": ratings.offered,
        "portal_feedback": len(pakn),
        "portal_feedback_on_time": sum(j.on_time for j in pakn),
    }
    kinds_counted = (
        ("feedback", "feedback"),
        ("complaint", "complaints"),
        ("denunciation", "denunciations"),
        ("reception", "reception"),
    )
    for kind, name in kinds_counted:
        items = [j for j in others if j.entry.kind == kind]
        counts[name] = len(items)
        counts[f"{name}_on_time"] = sum(j.on_time for j in items)
    names = labels or {}
    return Scorecard(
        unit=unit,
        period=period,
        as_of=as_of,
        rules_from=conf.effective_from,
        counts=counts,
        by_channel={c: tally.received[c] for c in CHANNELS},
        ratings_by_level=dict(ratings.levels),
        ratings_by_element=dict(ratings.elements),
        indicators=indicators,
        by_procedure=_breakdown(tally.by_procedure, dict(names.get("procedure", {}))),
        by_clerk=_breakdown(tally.by_clerk, dict(names.get("clerk", {}))),
        by_month=_breakdown(tally.by_month, {}),
        citizens=None if citizens is None else periodic.counts(citizens, others, period.start, period.end, as_of),
    )


def _first_end(events: Sequence[DossierEvent], as_of: datetime) -> DossierEvent | None:
    return min((e for e in events if e.kind in END_KINDS and e.at <= as_of), key=lambda e: (e.at, e.id), default=None)


def waiting(events: Sequence[DossierEvent], as_of: datetime) -> bool:
    """The last supplement request before ``as_of`` has no supplement after it."""
    return waiting_at(events, [as_of])[0]


def waiting_at(events: Sequence[DossierEvent], moments: Sequence[datetime]) -> list[bool]:
    """``waiting`` at each of ``moments`` (ascending), in one pass over the events."""
    ordered = sorted(events, key=lambda e: (e.at, e.id))
    found: list[bool] = []
    waiting = False
    i = 0
    for as_of in moments:
        while i < len(ordered) and ordered[i].at <= as_of:
            if ordered[i].kind == "supplement_requested":
                waiting = True
            elif ordered[i].kind == "supplement_received":
                waiting = False
            i += 1
        found.append(waiting)
    return found
