"""One indicator engine for the desk and the hub: plain records in, a scorecard out. No Qt, no SQL.

``compute`` judges every dossier of the period once with the on-time function it is given (issue 12's
shared function; ``provisional_timeliness.judge`` until it lands), then counts and scores. Which
dossiers belong to a period follows indicator 2.1: received by its end and not ended before its start
("hồ sơ được tiếp nhận, xử lý trong kỳ"), judged at its last day, or now if that is earlier.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol

from app.core.worktime import VN_TZ, LegalTime, WorkCalendar
from app.reception.records import DossierEvent
from app.scorecard import config as scorecard_config
from app.scorecard import indicators as ind
from app.scorecard.config import ScorecardConfig
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

CHANNELS = ("direct", "online", "post")
END_KINDS = ("done", "returned", "refused", "withdrawn", "stopped")


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
        j = judge(d.events, d.received_at, LegalTime.parse(d.legal_time), calendar, as_of)
        # The dossier's own end (a stop after an unanswered request is still a stop), while the
        # verdict is the judge's (which ends that same dossier at the request).
        end = _first_end(d.events, as_of)
        judged_end = next((e.at for e in d.events if e.id == j.end_event_id), None) if j.ended else None
        if (end or judged_end) is not None and min(t for t in (end and end.at, judged_end) if t) < start:
            continue  # ended (or waiting on the citizen) before the period: not processed in it
        found.append(
            ind.Judged(
                facts=d,
                verdict=j.verdict,
                ended=end is not None,
                end_kind=end.kind if end else None,
                end_at=end.at if end else None,
                received_in_period=period.holds(d.received_at),
            )
        )
    return found


def judge_feedback(
    entries: Iterable[FeedbackFact], period: Period, as_of: datetime, calendar: WorkCalendar, conf: ScorecardConfig
) -> tuple[list[ind.FeedbackJudged], list[ind.FeedbackJudged]]:
    """(feedback judged by 5.2's limits, other registers judged by their own legal deadlines)."""
    limits = conf.feedback
    pakn, others = [], []
    today = as_of.astimezone(VN_TZ).date()
    for e in entries:
        if e.received_at > as_of:
            continue
        handled = e.handled_at if e.handled_at is not None and e.handled_at <= as_of else None
        if handled is not None and handled < period.first_moment:
            continue
        arrived = e.received_at.astimezone(VN_TZ).date()
        if e.kind == "feedback":
            if handled is not None and e.answered_at is not None and e.answered_at <= as_of:
                limit = limits.handle
            elif handled is not None:
                limit = limits.refuse if limits.forward_counts_as == "refuse" else limits.handle
            else:
                limit = limits.handle
            moment = handled.astimezone(VN_TZ).date() if handled else today
            ok = moment <= calendar.working_deadline(arrived, limit)
            pakn.append(ind.FeedbackJudged(e, ok, handled is not None, period.holds(e.received_at)))
        else:
            if handled is not None and e.forwarded_at is not None and e.answered_at is None:
                due = e.forward_due
            else:
                due = e.resolve_due or e.accept_due or e.forward_due
            moment = handled.astimezone(VN_TZ).date() if handled else today
            ok = due is None or moment <= due
            others.append(ind.FeedbackJudged(e, ok, handled is not None, period.holds(e.received_at)))
    return pakn, others


def _ratings(ratings: Sequence[RatingFact], period: Period) -> tuple[dict[str, int], Counter[str], dict]:
    given = [r for r in ratings if not r.declined and period.holds(r.at)]
    rated_dossiers = {r.dossier_id for r in ratings if not r.declined and r.dossier_id}
    declined = {r.dossier_id for r in ratings if r.declined and period.holds(r.at) and r.dossier_id}
    declined -= rated_dossiers  # a citizen who came back and rated did not decline
    elements: dict[str, tuple[int, int]] = {}
    for r in given:
        for key, ok in r.elements.items():
            answered, satisfied = elements.get(key, (0, 0))
            elements[key] = (answered + 1, satisfied + int(ok))
    offered = sum(1 for r in given if r.dossier_id) + len(declined)
    counts = {
        "ratings": len(given),
        "satisfied": sum(r.satisfied for r in given),
        "ratings_declined": len(declined),
        "ratings_offered": offered,
    }
    return counts, Counter(r.level_key for r in given), elements


def _breakdown(
    judged: Sequence[ind.Judged],
    ratings: Sequence[RatingFact],
    period: Period,
    key: Callable[[DossierFacts], str],
    rating_key: Callable[[RatingFact], str],
    labels: dict[str, str],
    by_end: bool = False,
) -> tuple[Breakdown, ...]:
    rows: dict[str, dict[str, Any]] = {}

    def row(k: str) -> dict[str, Any]:
        return rows.setdefault(k, Counter())

    for j in judged:
        if j.received_in_period:
            row(key(j.facts))["received"] += 1
        if j.ended:
            r = row(key(j.facts) if not by_end or j.end_at is None else f"{j.end_at.astimezone(VN_TZ):%Y-%m}")
            r["ended"] += 1
            r[j.verdict] += 1
        elif not by_end:
            r = row(key(j.facts))
            r["in_progress"] += 1
            r["overdue_now"] += int(j.late)
    for rating in ratings:
        if not rating.declined and period.holds(rating.at):
            r = row(rating_key(rating))
            r["ratings"] += 1
            r["satisfied"] += int(rating.satisfied)
    return tuple(Breakdown(key=k, label=labels.get(k, k), **dict(rows[k])) for k in sorted(rows))


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
    conf = scorecard_config.for_day(period.end, versions)
    as_of = min(now, period.last_moment)
    dossiers = [d for d in records.dossiers if _in_unit(unit, d.desk_id, d.commune)]
    ratings = [r for r in records.ratings if _in_unit(unit, r.desk_id, r.commune)]
    entries = [e for e in records.feedback if _in_unit(unit, e.desk_id, e.commune)]
    judged = judge_dossiers(dossiers, period, as_of, calendar, judge)
    received = [j.facts for j in judged if j.received_in_period]
    ended = [j for j in judged if j.ended]
    running = [j for j in judged if not j.ended]
    pakn, others = judge_feedback(entries, period, as_of, calendar, conf)
    ids = {d.id for d in dossiers}
    attachments = None if records.attachments is None else [a for a in records.attachments if a.dossier_id in ids]
    payments = None if records.payments is None else [p for p in records.payments if p.dossier_id in ids]

    sync = ind.sync_rate(conf, received)
    payment_result, payment_counts = ind.paid_online(conf, received, payments)
    complained = {e.dossier_id for e in entries if e.dossier_id and e.kind in ("feedback", "complaint")}
    digitised = ind.digitisation(conf, received, attachments)
    indicators = (
        sync,
        ind.on_time(conf, judged),
        ind.online_share(conf, received, attachments, sync),
        payment_result,
        *digitised,
        ind.population_data(conf, received),
        ind.feedback_on_time(conf, pakn),
        ind.feedback_satisfaction(conf, pakn),
        ind.procedure_satisfaction(conf, judged, complained, None),
    )

    by_channel = Counter(d.channel if d.channel in CHANNELS else "direct" for d in received)
    verdicts = Counter(j.verdict for j in ended)
    kinds = Counter(j.end_kind for j in ended)
    rating_counts, levels, elements = _ratings(ratings, period)
    counts: dict[str, int | None] = {
        "received": len(received),
        "carried_over": len(judged) - len(received),
        "ended": len(ended),
        "early": verdicts["early"],
        "on_time": verdicts["on_time"],
        "late": verdicts["late"],
        "resolved": kinds["done"] + kinds["returned"],
        "refused": kinds["refused"],
        "withdrawn": kinds["withdrawn"],
        "stopped": kinds["stopped"],
        "in_progress": len(running),
        "in_progress_on_time": sum(1 for j in running if not j.late),
        "overdue_now": sum(1 for j in running if j.late),
        "waiting_supplement": sum(1 for j in running if j.facts.events and _waiting(j.facts.events, as_of)),
        "digitised": digitised[1].numerator if digitised[1].status != "no_data" else None,
        "electronic_result": digitised[0].numerator if digitised[0].status != "no_data" else None,
        **payment_counts,
        **rating_counts,
        "feedback": len(pakn),
        "feedback_on_time": sum(j.on_time for j in pakn),
    }
    for kind, name in (("complaint", "complaints"), ("denunciation", "denunciations"), ("reception", "reception")):
        items = [j for j in others if j.entry.kind == kind]
        counts[name] = len(items)
        counts[f"{name}_on_time"] = sum(j.on_time for j in items)
    names = labels or {}
    procedure_names = {d.procedure_code: d.procedure_name for d in dossiers if d.procedure_name}
    return Scorecard(
        unit=unit,
        period=period,
        as_of=as_of,
        rules_from=conf.effective_from,
        counts=counts,
        by_channel={c: by_channel[c] for c in CHANNELS},
        ratings_by_level=dict(levels),
        ratings_by_element=elements,
        indicators=indicators,
        by_procedure=_breakdown(
            judged,
            ratings,
            period,
            lambda d: d.procedure_code,
            lambda r: r.procedure_code,
            {**procedure_names, **names.get("procedure", {})},
        ),
        by_clerk=_breakdown(
            judged, ratings, period, lambda d: d.clerk_id, lambda r: r.clerk_id, dict(names.get("clerk", {}))
        ),
        by_month=_breakdown(
            judged,
            ratings,
            period,
            lambda d: f"{d.received_at.astimezone(VN_TZ):%Y-%m}",
            lambda r: f"{r.at.astimezone(VN_TZ):%Y-%m}",
            {},
            by_end=True,
        ),
    )


def _first_end(events: Sequence[DossierEvent], as_of: datetime) -> DossierEvent | None:
    return min((e for e in events if e.kind in END_KINDS and e.at <= as_of), key=lambda e: (e.at, e.id), default=None)


def _waiting(events: Sequence[DossierEvent], as_of: datetime) -> bool:
    """The last supplement request before ``as_of`` has no supplement after it."""
    waiting = False
    for e in sorted((e for e in events if e.at <= as_of), key=lambda e: (e.at, e.id)):
        if e.kind == "supplement_requested":
            waiting = True
        elif e.kind == "supplement_received":
            waiting = False
    return waiting
