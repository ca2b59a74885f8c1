"""The desk's store as scorecard records, and the desk's scorecard.

The hub has its own source over its own store; both hand the same engine the same kind of records,
attachments (in force) and payments included.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from app.core.clock import parse_iso
from app.core.worktime import VN_TZ
from app.reception.records import DossierEvent
from app.reception.rules import counted
from app.scorecard import desk_citizens, desk_counters, digital, engine
from app.scorecard.desk_counters import DESK_JUDGE
from app.scorecard.records import (
    DossierFacts,
    FeedbackFact,
    Period,
    RatingFact,
    Records,
    Scorecard,
    Unit,
    UnitLevel,
)
from app.scorecard.scales import elements_satisfied
from db.report_store import ReportStore
from db.scorecard_store import ScorecardStore
from db.sync_store import settlement_keeps

if TYPE_CHECKING:
    from app.desk import Desk


def _bound(day: date) -> str:
    return datetime.combine(day, time.min, VN_TZ).isoformat(timespec="seconds")


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


def _opt_time(value: str | None) -> datetime | None:
    return parse_iso(value) if value else None


def _opt_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _facts(
    rows: list[dict[str, Any]],
    events: Mapping[str, list[dict[str, Any]]],
    fees: Mapping[str, int | None],
    keeps: Mapping[str, str],
) -> list[DossierFacts]:
    """``keeps``: settled clashes; the clash rule the hub applies (``rules.counted``) picks the events."""
    return [
        DossierFacts(
            id=r["id"],
            code=r["code"],
            procedure_code=r["procedure_code"],
            procedure_name=r["procedure_name"],
            legal_time=r["legal_time"],
            channel=r["channel"],
            received_at=parse_iso(r["received_at"]),
            events=tuple(counted([_event(e) for e in events.get(r["id"], ())], keeps.get(r["id"]))),
            clerk_id=r["clerk_id"],
            desk_id=r["desk_id"],
            synced=bool(r["synced"]),
            identity_check=r["identity_check"],
            documents=desk_counters.documents_count(r["documents"]),
            fee_due=digital.fee_due(fees.get(r["id"]), r["id"] in fees),
        )
        for r in rows
    ]


def _entries(store: ReportStore, start: str, end_next: str) -> list[FeedbackFact]:
    return [
        FeedbackFact(
            id=r["id"],
            number=r["number"],
            kind=r["kind"],
            channel=r["channel"],
            received_at=parse_iso(r["received_at"]),
            dossier_id=r["dossier_id"],
            desk_id=r["desk_id"],
            accept_due=_opt_date(r["accept_due"]),
            forward_due=_opt_date(r["forward_due"]),
            resolve_due=_opt_date(r["resolve_due"]),
            answered_at=_opt_time(r["answered_at"]),
            forwarded_at=_opt_time(r["forwarded_at"]),
            closed_at=_opt_time(r["closed_at"]),
            accepted_at=_opt_time(r["accepted_at"]),
        )
        for r in store.period_entries(start, end_next)
    ]


def records(store: ReportStore, period: Period) -> Records:
    start, end_next = _bound(period.start), _bound(period.end + timedelta(days=1))
    rows = list(store.period_dossiers(start, end_next))
    ids = [r["id"] for r in rows]
    fees, attachments, payments = desk_counters.digital_records(store.conn, ids)
    dossiers = _facts(rows, store.events_of(ids), fees, settlement_keeps(store.conn))
    ratings = [
        RatingFact(
            id=r["id"],
            at=parse_iso(r["rated_at"]),
            dossier_id=r["dossier_id"],
            desk_id=r["desk_id"],
            clerk_id=r["clerk_id"] or "",
            procedure_code=r["procedure_code"] or "",
            level_key=r["level_key"],
            satisfied=bool(r["satisfied"]),
            elements=elements_satisfied(r["scale"], json.loads(r["elements"] or "{}")),
        )
        for r in store.period_ratings(start, end_next)
    ]
    ratings += [
        RatingFact(
            id=r["id"],
            at=parse_iso(r["declined_at"]),
            dossier_id=r["dossier_id"],
            desk_id=r["desk_id"],
            clerk_id=r["clerk_id"] or "",
            procedure_code=r["procedure_code"] or "",
            declined=True,
        )
        for r in store.period_declines(start, end_next) or ()
    ]
    feedback = _entries(store, start, end_next)
    return Records(dossiers=dossiers, ratings=ratings, feedback=feedback, attachments=attachments, payments=payments)


def scorecard(
    desk: Desk, period: Period, level: UnitLevel = "commune", now: datetime | None = None, *, fast: bool | None = None
) -> Scorecard:
    """The desk's scorecard: its commune (every dossier the desk holds) or only this desk's own.

    ``fast``: from the counters kept with the events (the default for the commune once they are
    built); False reads every dossier of the period (the reference the counters are tested against).
    """
    identity = desk.identity
    unit = Unit(
        level,
        identity.desk_id if level == "desk" else identity.commune_code,
        identity.commune_name,
        identity.agency_code,
    )
    store = ReportStore(desk.store.conn)
    now = now or desk.clock.now()
    labels = {"clerk": store.clerk_names(), "procedure": store.procedure_names()}
    if fast is None:
        fast = level == "commune" and ScorecardStore(desk.store.conn).built(desk_counters.VERSION)
    citizens = desk_citizens.records(desk.store, period.start, period.end)
    if not fast:
        return engine.compute(
            replace(records(store, period), citizens=citizens),
            period,
            unit,
            calendar=desk.calendar,
            judge=DESK_JUDGE,
            now=now,
            labels=labels,
        )
    as_of = min(now, period.last_moment)
    start, end_next = _bound(period.start), _bound(period.end + timedelta(days=1))
    live_ids = ScorecardStore(desk.store.conn).live_running(as_of.isoformat())
    live_rows = store.dossiers_by_ids(live_ids)
    live = _facts(live_rows, store.events_of(live_ids), {}, settlement_keeps(desk.store.conn))
    entries = _entries(store, start, end_next)
    dossiers, ratings, files = desk_counters.tallies(
        desk.store.conn, period, as_of, desk.calendar, entries, live, now.astimezone(VN_TZ).date()
    )
    # Declined ratings are few and indexed by day: read, not counted (a later rating cancels one).
    declines = store.period_declines(start, end_next) or []
    ratings.declined = len(declines)
    ratings.offered += len(declines)
    return engine.finish(
        dossiers,
        ratings,
        entries,
        period,
        unit,
        calendar=desk.calendar,
        as_of=as_of,
        digital=files,
        labels=labels,
        citizens=citizens,
    )


def rebuild_counters(desk: Desk) -> int:
    """The scorecard's counters from scratch (inside the caller's transaction); returns the dossiers."""
    store = ReportStore(desk.store.conn)
    ratings = [(r, elements_satisfied(r["scale"], json.loads(r["elements"] or "{}"))) for r in store.all_ratings()]
    return desk_counters.rebuild(desk.store.conn, desk.calendar, ratings)


def counters_built(desk: Desk) -> bool:
    return ScorecardStore(desk.store.conn).built(desk_counters.VERSION)
