"""The hub's records as scorecard records: the same engine as the desk, over what the desks sent.

Every change a desk sent is kept whole in the hub's change log, so the scorecard reads the payloads
(dossiers, events, ratings, declined ratings, register entries, attachments, fees and payments)
rather than the hub's narrower materialised tables. What reached the hub is synced by definition
(indicator 1.4 counts the desk's side of it). Each commune is judged with its own calendar
(app.province.calendars: the province's with the days its desks declared), so its figures are its
desks' figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from app.core.clock import parse_iso
from app.core.worktime import VN_TZ, WorkCalendar
from app.province import registers, scorecard_counters, scorecard_fast
from app.province.calendars import Calendars, commune_judge
from app.reception.records import DossierEvent
from app.reception.rules import counted
from app.scorecard import digital, engine
from app.scorecard.citizen_facts import CitizenRecords
from app.scorecard.judging import JUDGE
from app.scorecard.records import DossierFacts, FeedbackFact, Period, RatingFact, Records, Scorecard, Unit
from app.scorecard.scales import elements_satisfied
from db.hub.store import HubStore

ENTITIES = ("dossier", "event", "rating", "rating_declined", "feedback", "attachment", "fee", "payment")


def _payload(row: Mapping[str, Any]) -> dict[str, Any]:
    value = row["payload"]
    return value if isinstance(value, dict) else json.loads(value)


def _opt_time(value: Any) -> datetime | None:
    return parse_iso(value) if value else None


def _opt_date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def records(rows: Iterable[Mapping[str, Any]], keeps: Mapping[str, str] | None = None) -> Records:
    """Scorecard records from stored changes (the latest payload of an updated entry wins); ``keeps``:
    settled clashes, for the clash rule every desk applies (``rules.counted``)."""
    keeps = keeps or {}
    dossiers: dict[str, dict[str, Any]] = {}
    events: dict[str, list[DossierEvent]] = {}
    ratings: list[RatingFact] = []
    entries: dict[str, tuple[str, dict[str, Any]]] = {}
    files: list[dict[str, Any]] = []
    fees: list[dict[str, Any]] = []
    payments = []
    for row in rows:
        p, commune = _payload(row), row["commune_code"]
        try:
            if row["entity"] == "dossier":
                dossiers[p["id"]] = {**p, "_commune": commune}
            elif row["entity"] == "event":
                data = p.get("data") or {}
                events.setdefault(p["dossier_id"], []).append(
                    DossierEvent(
                        id=p["id"],
                        dossier_id=p["dossier_id"],
                        kind=p["kind"],
                        at=parse_iso(p["at"]),
                        clerk_id=p.get("clerk_id", ""),
                        desk_id=p.get("desk_id", ""),
                        data=data if isinstance(data, dict) else json.loads(data),
                    )
                )
            elif row["entity"] in ("rating", "rating_declined"):
                ratings.append(_rating(p, commune, declined=row["entity"] == "rating_declined"))
            elif row["entity"] == "feedback":
                entries[p["id"]] = (commune, p)
            elif row["entity"] == "attachment":
                digital.attachment(p)  # raises on a payload that does not read (not counted)
                files.append({**p, "at": str(p["at"])})
            elif row["entity"] == "fee":
                fees.append({"dossier_id": str(p["dossier_id"]), **p})
            elif row["entity"] == "payment":
                payments.append(digital.payment(p))
        except (KeyError, TypeError, ValueError):
            continue  # checked at the door; a record that still fails is kept, only not counted
    # The fee in force is the latest assessed, as at the desk (db/digitised_store.fees_of).
    fee_of = {f["dossier_id"]: f.get("amount") for f in sorted(fees, key=_order)}
    facts = []
    for d in dossiers.values():
        try:
            facts.append(
                DossierFacts(
                    id=d["id"],
                    code=d["code"],
                    procedure_code=d["procedure_code"],
                    procedure_name=d.get("procedure_name", ""),
                    legal_time=d["legal_time"],
                    channel=d.get("channel", "direct"),
                    received_at=parse_iso(d["received_at"]),
                    events=tuple(counted(events.get(d["id"], ()), keeps.get(d["id"]))),
                    clerk_id=d.get("clerk_id", ""),
                    desk_id=d.get("desk_id", ""),
                    commune=d["_commune"],
                    synced=True,
                    identity_check=d.get("identity_check"),
                    documents=len(d.get("documents") or ()),
                    fee_due=digital.fee_due(fee_of.get(d["id"]), d["id"] in fee_of),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    feedback = [_entry(p, commune) for commune, p in entries.values()]
    attachments = [digital.attachment(a) for a in digital.in_force(files)]
    return Records(dossiers=facts, ratings=ratings, feedback=feedback, attachments=attachments, payments=payments)


def _order(p: Mapping[str, Any]) -> tuple[str, str, str]:
    return (str(p.get("at", "")), str(p.get("created_at", "")), str(p.get("id", "")))


def _rating(p: Mapping[str, Any], commune: str, *, declined: bool) -> RatingFact:
    given = p.get("elements")
    elements = elements_satisfied(str(p.get("scale", "")), given) if isinstance(given, dict) else {}
    return RatingFact(
        id=p["id"],
        at=parse_iso(p["declined_at"] if declined else p["rated_at"]),
        dossier_id=p.get("dossier_id"),
        desk_id=p.get("desk_id", ""),
        commune=commune,
        clerk_id=p.get("clerk_id") or "",
        procedure_code=p.get("procedure_code") or "",
        declined=declined,
        level_key=p.get("level_key", ""),
        satisfied=bool(p.get("satisfied")),
        elements=elements,
    )


def _entry(p: Mapping[str, Any], commune: str) -> FeedbackFact:
    return FeedbackFact(
        id=p["id"],
        number=p.get("number", ""),
        kind=p.get("kind", ""),
        channel=p.get("channel", ""),
        received_at=parse_iso(p["received_at"]),
        dossier_id=p.get("dossier_id"),
        desk_id=p.get("desk_id", ""),
        commune=commune,
        accept_due=_opt_date(p.get("accept_due")),
        forward_due=_opt_date(p.get("forward_due")),
        resolve_due=_opt_date(p.get("resolve_due")),
        answered_at=_opt_time(p.get("answered_at")),
        forwarded_at=_opt_time(p.get("forwarded_at")),
        closed_at=_opt_time(p.get("closed_at")),
        accepted_at=_opt_time(p.get("accepted_at")),
    )


def scorecards(
    hub: HubStore, period: Period, now: datetime, commune: str | None = None, *, fast: bool | None = None
) -> tuple[Scorecard | None, list[Scorecard]]:
    """(the province's scorecard, or None for one commune; each commune's, sorted by score). ``fast``:
    from the counters (the default once they are complete); False reads every change (the reference)."""
    with hub.reading():  # every read on one connection
        return _scorecards(hub, period, now, commune, fast)


def _scorecards(
    hub: HubStore, period: Period, now: datetime, commune: str | None, fast: bool | None
) -> tuple[Scorecard | None, list[Scorecard]]:
    calendars = Calendars()
    calendar = calendars.get(hub)

    def calendar_of(code: str) -> WorkCalendar:  # a commune's, with its own days off
        return calendars.get(hub, code)

    communes = [c for c in hub.communes() if commune is None or c["code"] == commune]
    citizens = {c["code"]: registers.citizen_records(hub, c["code"], period.start, period.end) for c in communes}
    agencies = {d["commune_code"]: d.get("agency_code") or "" for d in hub.desks()}
    if fast is None:
        fast = scorecard_counters.built(hub)
    if fast:  # from the counters kept with each push
        some = records(hub.commune_payloads(commune, ("feedback", "dossier", "attachment", "fee", "payment")))
        files = _digital(some, period, min(now, period.last_moment), [c["code"] for c in communes])
        return scorecard_fast.scorecards(
            hub, period, now, commune, communes, agencies, some.feedback, calendar, citizens, calendar_of, files
        )
    data = replace(
        records(hub.commune_payloads(commune, ENTITIES), hub.settlement_keeps()),
        citizens=CitizenRecords.joined(list(citizens.values())),
    )
    cards = [
        engine.compute(
            data,
            period,
            Unit("commune", c["code"], c["name"], agencies.get(c["code"]) or c["code"]),
            calendar=calendar_of(c["code"]),
            judge=JUDGE,
            now=now,
        )
        for c in communes
    ]
    cards.sort(key=lambda card: (-card.score, card.unit.code))
    if commune is not None:
        return None, cards
    province_name = next((c["province"] for c in communes if c.get("province")), "")
    judge = commune_judge(data.dossiers, calendar_of)  # each dossier by its commune's calendar
    whole = engine.compute(data, period, Unit("province", "", province_name), calendar=calendar, judge=judge, now=now)
    return whole, cards


def _digital(data: Records, period: Period, as_of: datetime, codes: list[str]) -> dict[str, digital.DigitalTally]:
    """Scans, results and payments of the dossiers received in the period, per commune and for the
    province (key ""): the counters do not carry them at the hub, so they are read from the changes
    (dossier payloads without their events, attachments, fees and payments)."""
    first, last = period.start, period.end
    received = [
        d for d in data.dossiers if d.received_at <= as_of and first <= d.received_at.astimezone(VN_TZ).date() <= last
    ]
    out: dict[str, digital.DigitalTally] = {}
    for code in [*codes, ""]:
        mine = [d for d in received if not code or d.commune == code]
        ids = {d.id for d in mine}
        files = [a for a in data.attachments or () if a.dossier_id in ids]
        paid = [p for p in data.payments or () if p.dossier_id in ids]
        out[code] = digital.tally(mine, files, paid)
    return out
