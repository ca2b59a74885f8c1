"""The calendars the hub judges on-time results with: the province's, and each commune's with its own
days (an extra day off, a worked Saturday) as its desks declared them (entity ``calendar_day``), so a
commune's figures at the hub are its desks' figures."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from app.core.errors import MotcuaError
from app.core.worktime import VN_TZ, LegalTime, Override, WorkCalendar, default_overrides
from app.reception.records import DossierEvent
from app.scorecard.engine import Judge, Judgement
from app.scorecard.judging import JUDGE
from app.scorecard.records import DossierFacts
from db.hub import calendar_store
from db.hub.store import HubStore

# Calendar days before a changed day within which a dossier's promised date may move (as on the desk,
# app.scorecard.desk_counters.CALENDAR_REACH_DAYS).
REACH_DAYS = 200


class Calendars:
    """Built once per province version and per commune's own days, then kept."""

    def __init__(self) -> None:
        self._version = -1
        self._province: dict[date, Override] = {}
        self._calendar = WorkCalendar.default()
        self._communes: dict[str, tuple[tuple[Any, ...], WorkCalendar]] = {}

    def get(self, hub: HubStore, commune: str | None = None) -> WorkCalendar:
        """The province's calendar, or ``commune``'s: the province's with the commune's own days."""
        version = hub.province_version()
        if version != self._version:
            overrides = {o.day: o for o in default_overrides()}
            data = hub.province_data().get("calendar")
            for item in json.loads(data["content"]) if data else []:
                try:
                    o = Override(date.fromisoformat(item["day"]), item["kind"], item.get("note", ""))
                except (KeyError, TypeError, ValueError, MotcuaError):
                    continue
                overrides[o.day] = o
            self._province, self._calendar, self._version = overrides, WorkCalendar(overrides.values()), version
            self._communes.clear()
        if commune is None:
            return self._calendar
        days = calendar_store.latest_days(hub, commune)
        key = tuple((d["day"], d["kind"], d["note"]) for d in days)
        if not key:
            return self._calendar
        kept = self._communes.get(commune)
        if kept is None or kept[0] != key:
            kept = (key, WorkCalendar(with_days(self._province, days).values()))
            self._communes[commune] = kept
        return kept[1]


def with_days(province: Mapping[date, Override], days: list[dict[str, Any]]) -> dict[date, Override]:
    """The province's overrides with a commune's declarations on top, as a desk keeps them
    (app.core.local_calendar.settle_day): "removed" takes the day's override away."""
    overrides = dict(province)
    for d in days:
        try:
            day = date.fromisoformat(d["day"])
            if d["kind"] == "removed":
                overrides.pop(day, None)
            else:
                overrides[day] = Override(day, d["kind"], d["note"])
        except (KeyError, TypeError, ValueError, MotcuaError):
            continue  # checked at the door; a day that still fails is kept, only not used
    return overrides


def reach(hub: HubStore, commune: str, days: list[str]) -> list[str]:
    """The commune's dossiers a change of these days may move (received up to REACH_DAYS before)."""
    parsed = sorted(date.fromisoformat(d) for d in days)
    start = datetime.combine(parsed[0] - timedelta(days=REACH_DAYS), time.min, VN_TZ)
    end = datetime.combine(parsed[-1] + timedelta(days=1), time.min, VN_TZ)
    return calendar_store.dossiers_received_between(hub, commune, start.isoformat(), end.isoformat())


def commune_judge(facts: Iterable[DossierFacts], calendar_of: Callable[[str], WorkCalendar]) -> Judge:
    """The on-time function with each dossier judged by its own commune's calendar (a province's card,
    whose dossiers come from every commune), as on that commune's card."""
    own = {d.id: calendar_of(d.commune) for d in facts if d.commune}

    def judge(
        events: Sequence[DossierEvent], received: datetime, legal: LegalTime, cal: WorkCalendar, as_of: datetime
    ) -> Judgement:
        return JUDGE(events, received, legal, own.get(events[0].dossier_id, cal) if events else cal, as_of)

    return judge
