"""The hub's scorecards: the same engine as the desk, over what the desks sent.

From the counters kept with each push (app.province.scorecard_fast) once they are complete; else, and
as the reference the counters are tested against, from every change a desk sent, kept whole in the
hub's change log (app.province.scorecard_records). What reached the hub is synced by definition
(indicator 1.4 counts the desk's side of it). Each commune is judged with its own calendar
(app.province.calendars: the province's with the days its desks declared), so its figures are its
desks' figures.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from app.core.worktime import WorkCalendar
from app.province import registers, scorecard_counters, scorecard_fast
from app.province.calendars import Calendars, commune_judge
from app.province.scorecard_records import records
from app.scorecard import engine
from app.scorecard.citizen_facts import CitizenRecords
from app.scorecard.judging import JUDGE
from app.scorecard.records import Period, Scorecard, Unit
from db.hub.store import HubStore

ENTITIES = ("dossier", "event", "rating", "rating_declined", "feedback", "attachment", "fee", "payment")


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
    citizens = registers.citizen_records_of(hub, [c["code"] for c in communes], period.start, period.end)
    agencies = {d["commune_code"]: d.get("agency_code") or "" for d in hub.desks()}
    if fast is None:
        fast = scorecard_counters.built(hub)
    if fast:  # from the counters kept with each push
        entries = records(hub.commune_payloads(commune, ("feedback",))).feedback
        return scorecard_fast.scorecards(
            hub, period, now, commune, communes, agencies, entries, calendar, citizens, calendar_of
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
