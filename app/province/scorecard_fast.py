"""The hub's scorecards from its counters (app/province/scorecard_counters.py): the same engine's
``finish`` over tallies read from month and day sums, so a province's year does not read every change.

One commune: every table, as the desk's own counters give it. The province: its own card with every
table, and each commune's card from its unit counters (no per-procedure or per-clerk tables, no lists of
dossier codes: ``--commune`` gives those). Scans, results and fees come from the same counters (each
dossier's flags, app.scorecard.digital), so nothing here reads a dossier's records but the few still
running that must be judged now.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from app.core.worktime import VN_TZ, WorkCalendar
from app.province.calendars import commune_judge
from app.province.scorecard_counters import events_of, utc
from app.reception.rules import counted
from app.scorecard import counters, digital, engine
from app.scorecard.citizen_facts import CitizenRecords
from app.scorecard.digital import DigitalTally
from app.scorecard.records import DossierFacts, FeedbackFact, Period, Scorecard, Unit
from app.scorecard.tally import LOST_LIST, DossierTally, RatingTally
from db.hub.scorecard_store import HubScorecardStore
from db.hub.store import HubStore

WALK_PAGE = 1000  # dossiers per page of the walk for lost codes, at least and at most
WALK_MOST = 20000
WALK_PAGES = 3


def _live(hub: HubStore, db: HubScorecardStore, commune: str | None, as_of: datetime) -> list[DossierFacts]:
    ids = db.live(commune, utc(as_of))
    if not ids:
        return []
    summaries = db.summaries(ids)
    facts = []
    keeps = hub.settlement_keeps(ids)
    for row, events in hub.dossiers_with_events(ids):
        s = summaries[row["id"]]
        facts.append(
            DossierFacts(
                id=row["id"],
                code=s["code"],
                procedure_code=s["procedure_code"],
                legal_time=row["legal_time"],
                channel=s["channel"],
                received_at=datetime.fromisoformat(row["received_at"]),
                events=tuple(counted(events_of(row["id"], events), keeps.get(row["id"]))),
                clerk_id=s["clerk_id"],
                commune=s["commune_code"],
                synced=True,
            )
        )
    return facts


def _running(tallies: dict[str, DossierTally], rows: Iterable[dict], province: DossierTally | None) -> None:
    for r in rows:
        n, late, waiting = int(r["n"]), int(r["late"] or 0), int(r["waiting"] or 0)
        target = tallies.get(r["commune_code"])
        if target is not None:
            counters.add_running(target, r["procedure_code"], r["clerk_id"], n, late, waiting)
        if province is not None:
            counters.add_running(province, r["procedure_code"], r["clerk_id"], n, late, waiting)


def _sums(sums: Iterable[tuple[str, str, str, int]]) -> tuple[DossierTally, RatingTally, DigitalTally]:
    """A unit's tallies from its counters' sums, its scans, results and fees among them (no codes yet),
    as the records path sets them: what reached the hub is synced (1.4 counts the desk's side)."""
    files = DigitalTally()
    tally, ratings, _ = counters.fold_sums(sums, True, files)
    tally.synced = files.received = tally.received_total
    files.paper_known = not tally.received_total  # the hub is not told which results are paper
    files.lost = {name: [] for name in digital.FLAGS}
    return tally, ratings, files


def _lost_files(db: HubScorecardStore, commune: str | None, period: Period, files: DigitalTally) -> None:
    """The codes that cost a unit points on scans, results and payments (where any did): the first
    dossiers received, walked in order a page at a time, all lists at once (a page as long as the
    rarest list should need, were its dossiers spread evenly); a list still short after ``WALK_PAGES``
    (a flag that few lack) is asked for on its own."""
    first, last = period.start.isoformat(), period.end.isoformat()
    wanted: dict[str, tuple[int, int, int, int]] = {}  # name: (how many to list, population, its bit, missing)
    for name, population in digital.POPULATION.items():
        missing = (files.counts[population] if population else files.received) - files.counts[name]
        if missing > 0:
            bits = digital.bits([population] if population else [])
            wanted[name] = (min(missing, LOST_LIST), bits, digital.bits([name]), missing)
    found: dict[str, list[str]] = {name: [] for name in wanted}
    after: tuple[str, str] | None = None
    walked = False  # every dossier of the period seen: the lists are whole
    for _ in range(WALK_PAGES):
        short = {n: w for n, w in wanted.items() if len(found[n]) < w[0]}
        if not short:
            break
        spread = max((count - len(found[n])) * files.received // missing for n, (count, *_, missing) in short.items())
        size = min(max(spread * 6 // 5, WALK_PAGE), WALK_MOST)
        page = db.received_page(commune, first, last, after, size)
        for name, (count, population, bit, _) in short.items():
            more = [code for _, code, value in page if value & population == population and not value & bit]
            found[name] += more[: count - len(found[name])]
        if len(page) < size:
            walked = True
            break
        after = page[-1][:2]
    for name, (count, population, bit, _) in wanted.items():
        if len(found[name]) < count and not walked:
            found[name] = db.lacking(commune, first, last, population, bit, LOST_LIST)
    files.lost.update(found)


def _straddlers(db: HubScorecardStore, commune: str | None, day: date) -> list[str]:
    """Codes of the dossiers late at the end of ``day`` that ended after it: the first LOST_LIST by code,
    all the indicator lists of them (its count is the running table's)."""
    found: list[str] = []
    after = ""
    page = 2 * LOST_LIST  # about half of those that ended after the day were late at its end
    while len(found) < LOST_LIST:
        rows = db.ran_late_past(commune, day.isoformat(), after, page)
        found += [code for code, days in rows if counters.covers(days, day)]
        if len(rows) < page:
            break
        after = rows[-1][0]
    return found[:LOST_LIST]


def _tallies(
    db: HubScorecardStore, commune: str | None, period: Period, ran: Sequence[tuple[str, str, str, str, int]] | None
) -> tuple[DossierTally, RatingTally, DigitalTally]:
    """``ran``: the running table at the period's last day (``running_at``), None for a period not past."""
    first, last = period.start.isoformat(), period.end.isoformat()
    tally, ratings, files = _sums(db.sums(commune, period.start, period.end))
    _lost_files(db, commune, period, files)
    counters.fold_months(tally, db.sums_by_month(commune, period.start, period.end))
    if ran is not None:
        counters.fold_running_at(tally, [r[1:] for r in ran])
        tally.lost_late = _straddlers(db, commune, period.end)
    tally.lost_late = db.late_codes(commune, first, last, LOST_LIST) + tally.lost_late
    return tally, ratings, files


def scorecards(
    hub: HubStore,
    period: Period,
    now: datetime,
    commune: str | None,
    communes: Sequence[dict],
    agencies: dict[str, str],
    entries: Sequence[FeedbackFact],
    calendar: WorkCalendar,
    citizens: dict[str, CitizenRecords],
    calendar_of: Callable[[str], WorkCalendar],
) -> tuple[Scorecard | None, list[Scorecard]]:
    """As app.province.scorecard_source.scorecards, from the counters (citizen reception: each commune's
    register records, already read by the caller)."""
    db = HubScorecardStore(hub)
    as_of = min(now, period.last_moment)
    past, last = period.end < now.astimezone(VN_TZ).date(), period.end.isoformat()
    facts = _live(hub, db, commune, as_of)  # each judged by its commune's calendar (its own days off)
    live = engine.judge_dossiers(facts, period, as_of, calendar, commune_judge(facts, calendar_of))
    running = db.running(commune, utc(as_of))
    late_running = db.running_late_codes(commune, utc(as_of), LOST_LIST)
    about = db.summaries(sorted(engine.complained_dossiers(entries)))  # every card's 5.4, read once

    def finish(
        tally: DossierTally,
        ratings: RatingTally,
        files: DigitalTally,
        unit: Unit,
        mine: Sequence[FeedbackFact],
        cit: CitizenRecords,
    ) -> Scorecard:
        tally.online_counted = files.counts["online_counted"]
        complained = sorted(engine.complained_dossiers(mine))
        if complained:
            counters.add_complained(tally, [about[i] for i in complained if i in about], period, as_of)
        return engine.finish(
            tally, ratings, mine, period, unit, calendar=calendar, as_of=as_of, digital=files, citizens=cit
        )

    def unit(c: dict) -> Unit:
        return Unit("commune", c["code"], c["name"], agencies.get(c["code"]) or c["code"])

    if commune is not None:
        tally, ratings, files = _tallies(db, commune, period, db.running_at(commune, last) if past else None)
        _running({commune: tally}, running, None)
        tally.lost_late += late_running
        counters.add_judged(tally, live)
        return None, [finish(tally, ratings, files, unit(c), entries, citizens[c["code"]]) for c in communes]

    ran = db.running_at(None, last) if past else None
    whole, ratings, whole_files = _tallies(db, None, period, ran)
    per: dict[str, tuple[DossierTally, RatingTally, DigitalTally]] = {}
    sums = db.sums_by_commune(period.start, period.end)
    for c in communes:
        per[c["code"]] = _sums(sums.get(c["code"], []))
    for code, dim, key, name, n in ran or ():
        if code in per and dim == "":
            counters.fold_running_at(per[code][0], [(dim, key, name, n)])
    _running({code: t for code, (t, _, _) in per.items()}, running, whole)
    whole.lost_late += late_running
    counters.add_judged(whole, live)
    for j in live:
        if j.facts.commune in per:
            counters.add_judged(per[j.facts.commune][0], [j])
    mine: dict[str, list[FeedbackFact]] = {}
    for e in entries:
        mine.setdefault(e.commune, []).append(e)
    cards = [finish(*per[c["code"]], unit(c), mine.get(c["code"], []), citizens[c["code"]]) for c in communes]
    cards.sort(key=lambda card: (-card.score, card.unit.code))
    province_name = next((c["province"] for c in communes if c.get("province")), "")
    everyone = CitizenRecords.joined(list(citizens.values()))
    return finish(whole, ratings, whole_files, Unit("province", "", province_name), entries, everyone), cards
