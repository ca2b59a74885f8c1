"""The hub's scorecard counters: kept in the transaction of every push, read back as the engine's tallies.

As on the desk (app/scorecard/counters.py, the same summaries and deltas), each dossier has a summary
whose counters are moved by its difference whenever a push brings it or one of its events, so a
province's year reads month sums instead of every change a desk sent. A dossier still running also keeps
when it turns late if nothing else happens (``late_from``, checked with the on-time function itself)
and whether it waits on the citizen, so "overdue now" is a count, not a judgement of each; one whose
state cannot be put that way (``live``), or that has events after the period, is judged at report time.
Each summary also carries the dossier's scans, results and fee as flags (app.scorecard.digital, as the
desk's), worked out again when one of its attachments, fees or payments arrives, counted on its
received day.

Counters are complete from a hub's first dossier; a hub that held dossiers before them (or counters by
an older VERSION) reads every change (app.province.scorecard_source) until
``motcua-province rebuild-counters``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from app.core.clock import parse_iso
from app.core.worktime import VN_TZ, LegalTime, WorkCalendar
from app.province import scorecard_records
from app.reception.records import DossierEvent
from app.reception.rules import counted
from app.scorecard import counters, engine
from app.scorecard.judging import JUDGE
from app.scorecard.scales import elements_satisfied
from db.hub.scorecard_store import HubScorecardStore
from db.hub.store import HubStore

VERSION = "2"  # 2: the flags of scans, results and fees
CALENDAR_REACH_DAYS = 200  # as the desk's: how far before a changed day a promised date may move
TINY = timedelta(microseconds=1)
# What a dossier's flags are made of besides its own payload (changes.dossier_id names the dossier).
DIGITAL_ENTITIES = ("attachment", "fee", "payment")


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _day(moment: datetime) -> str:
    return moment.astimezone(VN_TZ).date().isoformat()


def start_if_empty(hub: HubStore) -> None:
    HubScorecardStore(hub).start_if_empty(VERSION)


def events_of(dossier_id: str, rows: Iterable[Mapping[str, Any]]) -> list[DossierEvent]:
    return [
        DossierEvent(
            id=e["id"],
            dossier_id=dossier_id,
            kind=e["kind"],
            at=parse_iso(e["at"]),
            clerk_id="",
            desk_id=e["desk_id"],
            data=json.loads(e["data"]) if isinstance(e["data"], str) else e["data"],
        )
        for e in rows
    ]


def _running_state(
    events: Sequence[DossierEvent], received: datetime, legal: LegalTime, calendar: WorkCalendar
) -> dict[str, Any]:
    """When a running dossier turns late with no further event, and whether it waits on the citizen."""
    last = max([received, *(e.at for e in events)])
    now = JUDGE(events, received, legal, calendar, last)
    state: dict[str, Any] = {"last_event_at": utc(last), "late_from": None, "waiting": 0, "live": 0}
    if now.ended:  # waiting on the citizen: judged at the request, whatever the day
        state["waiting"] = int(engine.waiting(events, last))
        state["late_from"] = utc(last - TINY) if now.verdict == "late" else None
        return state
    if now.verdict == "late":
        state["late_from"] = utc(last - TINY)
        return state
    shift = last - now.end  # supplement time the rule leaves out
    for target in filter(None, (now.promised, now.apology_due)):
        moment = max(target + shift, last)
        if (
            JUDGE(events, received, legal, calendar, moment).verdict != "late"
            and JUDGE(events, received, legal, calendar, moment + TINY).verdict == "late"
        ):
            state["late_from"] = utc(moment)
            return state
    state["live"] = 1  # not a plain deadline: judged at report time
    return state


def _deltas(commune: str, summary: counters.Summary | None) -> Counter[tuple[str, str, str, str, str]]:
    found: Counter[tuple[str, str, str, str, str]] = Counter()
    if summary is None:
        return found
    for (day, dim, key, name), n in counters.deltas(summary).items():
        found[(commune, day, dim, key, name)] += n
    if summary.identity is None:  # the desk did not say how the applicant was identified
        found[(commune, summary.received_day, "", "", "identity_unknown")] += 1
    return found


def _stored(row: Mapping[str, Any] | None) -> counters.Summary | None:
    if row is None:
        return None
    fields = counters.Summary.__dataclass_fields__
    return counters.Summary(**{k: v for k, v in row.items() if k in fields})


def _flags(
    db: HubScorecardStore, texts: Mapping[str, str], commune_of: Mapping[str, Mapping[str, Any]]
) -> dict[str, int]:
    """The flags of these dossiers (their first payload's ``texts``) from their own records: only those
    the dossier's own commune sent count, as when the commune's changes are read whole."""
    rows: list[dict[str, Any]] = []
    for dossier_id, text in texts.items():
        owner = commune_of.get(dossier_id)
        if owner is not None:
            rows.append({"entity": "dossier", "commune_code": owner["commune_code"], "payload": text})
    for row in db.records_about(list(texts), DIGITAL_ENTITIES):
        owner = commune_of.get(row["dossier_id"])
        if owner is not None and owner["commune_code"] == row["commune_code"]:
            rows.append(row)
    return scorecard_records.flags(rows)


def follow(
    hub: HubStore,
    dossier_ids: Sequence[str],
    calendar_of: Callable[[str], WorkCalendar],
    files: Collection[str] = (),
) -> None:
    """These dossiers changed (received, an event, a settlement, a day off of their commune, and for
    ``files`` an attachment, fee or payment): move the counters by the difference, each judged with its
    commune's calendar (``calendar_of``) and by the clash rule every desk applies (``rules.counted``).
    Call inside the push's transaction."""
    db = HubScorecardStore(hub)
    if not dossier_ids or not db.built(VERSION):
        return
    old = db.summaries(dossier_ids)
    missing = [i for i in dossier_ids if i not in old]
    again = [i for i in dossier_ids if i in old and i in files]  # known dossiers whose flags may move
    texts = db.dossier_payloads(missing + again) if missing or again else {}
    payloads = {k: json.loads(v) for k, v in texts.items() if k in missing}
    commune_of = hub.dossier_owners(dossier_ids)
    flags = _flags(db, texts, commune_of) if texts else {}
    keeps = hub.settlement_keeps(dossier_ids)
    change: Counter[tuple[str, str, str, str, str]] = Counter()
    rows = []
    for row, event_rows in hub.dossiers_with_events(dossier_ids):
        base = old.get(row["id"]) or payloads.get(row["id"])
        owner = commune_of.get(row["id"])
        if base is None or owner is None:
            continue
        try:
            received = parse_iso(row["received_at"])
            events = list(counted(events_of(row["id"], event_rows), keeps.get(row["id"])))
            calendar = calendar_of(owner["commune_code"])
            identity = base.get("identity_check") if row["id"] in payloads else None
            summary = counters.summarise(
                row["id"],
                received,
                row["legal_time"],
                base.get("channel") or "direct",
                base.get("procedure_code") or "",
                base.get("clerk_id") or "",
                events,
                calendar,
                JUDGE,
                identity,
                flags.get(row["id"], int(base.get("digital") or 0)),
            )
            if row["id"] not in payloads:  # identity is the summary's own, from the first time
                summary = counters.Summary(**{**summary.__dict__, "identity": base.get("identity")})
            legal = LegalTime.parse(row["legal_time"])
            if summary.end_day is None:
                state = _running_state(events, received, legal, calendar)
            else:
                state = {
                    "last_event_at": utc(max([received, *(e.at for e in events)])),
                    "late_from": None,
                    "waiting": 0,
                    "live": 0,
                }
        except (KeyError, TypeError, ValueError, OverflowError):
            continue  # checked at the door; a record that still fails is kept, only not counted
        commune = owner["commune_code"]
        before = _stored(old.get(row["id"]))
        change.update(_deltas(commune, summary))
        change.subtract(_deltas(commune, before))
        rows.append(
            {
                **summary.__dict__,
                "commune_code": commune,
                "code": base.get("code", ""),
                "received_at": utc(received),
                **state,
            }
        )
    db.put_summaries(rows)
    db.add({k: n for k, n in change.items() if n})


def follow_ratings(hub: HubStore, commune: str, ratings: Iterable[tuple[str, Mapping[str, Any]]]) -> None:
    """Ratings (and declined ratings) a push brought, counted on their day. Call inside the push."""
    db = HubScorecardStore(hub)
    if not db.built(VERSION):
        return
    change: Counter[tuple[str, str, str, str, str]] = Counter()
    for entity, p in ratings:
        try:
            if entity == "rating_declined":
                change[(commune, _day(parse_iso(p["declined_at"])), "", "", "rating_declined")] += 1
                continue
            given = p.get("elements")
            elements = elements_satisfied(str(p.get("scale", "")), given) if isinstance(given, dict) else {}
            found = counters.rating_deltas(
                _day(parse_iso(p["rated_at"])),
                p.get("procedure_code") or "",
                p.get("clerk_id") or "",
                p.get("level_key", ""),
                bool(p.get("satisfied")),
                elements.items(),
                bool(p.get("dossier_id")),
            )
        except (KeyError, TypeError, ValueError):
            continue
        for (day, dim, key, name), n in found.items():
            change[(commune, day, dim, key, name)] += n
    db.add({k: n for k, n in change.items() if n})


def calendar_changed(
    hub: HubStore,
    old: WorkCalendar,
    new: WorkCalendar,
    days: Iterable[date],
    calendar_of: Callable[[str], WorkCalendar],
) -> int:
    """The province changed its calendar: re-judge the dossiers received within reach of the changed
    days (as the desk does, app.scorecard.desk_counters.CALENDAR_REACH_DAYS), in one transaction."""
    changed = [d for d in days if old.is_working_day(d) != new.is_working_day(d)]
    db = HubScorecardStore(hub)
    if not changed or not db.built(VERSION):
        return 0
    start = datetime.combine(min(changed) - timedelta(days=CALENDAR_REACH_DAYS), time.min, VN_TZ)
    end = datetime.combine(max(changed) + timedelta(days=1), time.min, VN_TZ)
    ids = db.dossier_ids_received_between(utc(start), utc(end))
    with hub.transaction():
        for i in range(0, len(ids), 500):
            follow(hub, ids[i : i + 500], calendar_of)
    return len(ids)


def rebuild(hub: HubStore, calendar_of: Callable[[str], WorkCalendar]) -> int:
    """The counters from scratch, in one transaction; returns the dossiers summarised."""
    db = HubScorecardStore(hub)
    with hub.transaction():
        db.clear()
        db.set_built(VERSION)
        ids = db.all_dossier_ids()
        for i in range(0, len(ids), 500):
            follow(hub, ids[i : i + 500], calendar_of)
        by_commune: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
        for row in db.rating_payloads():
            by_commune.setdefault(row["commune_code"], []).append((row["entity"], json.loads(row["payload"])))
        for commune, ratings in by_commune.items():
            follow_ratings(hub, commune, ratings)
    return len(ids)


def built(hub: HubStore) -> bool:
    return HubScorecardStore(hub).built(VERSION)
