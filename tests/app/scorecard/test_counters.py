"""The counters kept with the events give the same scorecard as reading every dossier of the period."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.core.clock import FixedClock
from app.core.records import Clerk
from app.core.worktime import VN_TZ
from app.desk import Desk
from app.reception import demo
from app.scorecard import desk_counters, desk_source
from app.scorecard.records import Period, Scorecard
from db.scorecard_store import ScorecardStore
from tests.conftest import dossier_input

NOW = datetime(2026, 2, 12, 9, 0, tzinfo=VN_TZ)
PERIODS = [
    Period(date(2025, 3, 1), date(2026, 2, 28)),  # a year, running into the future
    Period(date(2025, 10, 1), date(2025, 12, 31)),  # a past quarter
    Period(date(2026, 1, 1), date(2026, 1, 31)),  # last month
    Period(date(2026, 2, 1), date(2026, 2, 28)),  # this month
    Period(date(2025, 11, 13), date(2025, 12, 9)),  # custom, mid-month to mid-month
    Period(date(2026, 2, 12), date(2026, 2, 12)),  # today
    Period(date(2025, 6, 15), date(2025, 10, 10)),  # odd days, whole months, odd days
]
TABLES = ("scorecard_counts", "scorecard_months", "scorecard_running", "scorecard_dossiers")


def comparable(card: Scorecard) -> dict:
    return {
        "counts": dict(card.counts),
        "channels": dict(card.by_channel),
        "levels": dict(card.ratings_by_level),
        "elements": dict(card.ratings_by_element),
        "indicators": [(i.id, i.status, i.value, i.points, i.numerator, i.denominator) for i in card.indicators],
        "procedure": card.by_procedure,
        "clerk": card.by_clerk,
        "month": [(b.key, b.received, b.ended, b.early, b.on_time, b.late, b.ratings) for b in card.by_month],
    }


def assert_same(desk: Desk, now: datetime = NOW) -> None:
    assert ScorecardStore(desk.store.conn).built(desk_counters.VERSION)
    for period in PERIODS:
        fast = desk_source.scorecard(desk, period, now=now, fast=True)
        full = desk_source.scorecard(desk, period, now=now, fast=False)
        assert comparable(fast) == comparable(full), period
        for indicator in ("2.1", "5.4"):  # the dossiers that cost points, listed whole on both paths
            assert sorted(fast.indicator(indicator).lost) == sorted(full.indicator(indicator).lost), period


@pytest.fixture
def worked(desk: Desk, admin: Clerk, clock: FixedClock) -> Desk:
    """A year of demo dossiers, then hand-made cases the demo does not make, and ratings and feedback."""
    clock.at = NOW
    demo.populate(desk, 700, seed=7, years=1)
    clock.at = datetime(2026, 1, 5, 9, 0, tzinfo=VN_TZ)
    codes = [desk.dossiers.receive(dossier_input(), admin).code for _ in range(4)]
    checked = desk.dossiers.receive(dossier_input(identity_check="vneid"), admin).code
    stopped = desk.dossiers.receive(dossier_input(identity_check="population"), admin).code
    clock.advance(hours=1)
    desk.dossiers.act(codes[0], "supplement_requested", admin, reason="Thiếu giấy tờ")
    clock.advance(days=1)
    desk.dossiers.act(codes[0], "supplement_received", admin)
    clock.advance(hours=2)
    desk.dossiers.act(codes[0], "supplement_requested", admin, reason="Lại thiếu")  # a second request: late
    desk.dossiers.act(codes[1], "supplement_requested", admin, reason="Thiếu giấy tờ")
    clock.advance(days=20)
    desk.dossiers.act(codes[1], "withdrawn", admin, reason="Không bổ sung được")
    desk.dossiers.act(codes[2], "done", admin)  # late, carried into February's reports as ended in January
    desk.dossiers.act(checked, "done", admin)
    desk.dossiers.act(stopped, "supplement_requested", admin, reason="Thiếu giấy tờ")
    clock.advance(days=1)
    desk.dossiers.act(stopped, "stopped", admin, reason="Không bổ sung trong hạn")  # form 05
    clock.at = datetime(2026, 2, 10, 10, 0, tzinfo=VN_TZ)
    desk.dossiers.act(codes[3], "done", admin)  # ran late through January, ended in February
    for i, code in enumerate(codes):
        clock.advance(seconds=30)
        desk.ratings.rate(1 + i % 4, dossier=code, elements_given={"officials": 1 + i % 4})
    desk.feedback.add(
        {"kind": "complaint", "person": {"name": "Lê Văn Khiếu"}, "content": "Chậm", "dossier": codes[2]}, admin
    )
    clock.at = NOW
    return desk


def test_counters_match_reading_every_dossier(worked: Desk) -> None:
    assert_same(worked)
    january = desk_source.scorecard(worked, PERIODS[2], now=NOW, fast=True)
    assert january.counts["stopped"] >= 1 and january.indicator("4.5").numerator >= 2
    assert_same(worked, now=NOW + timedelta(days=40))  # the periods judged later, after their end


def test_a_calendar_change_moves_the_counters_with_the_promised_dates(worked: Desk) -> None:
    before = desk_source.scorecard(worked, PERIODS[0], now=NOW, fast=True).counts
    for day in (date(2025, 12, 15), date(2025, 12, 16), date(2025, 12, 17)):
        worked.set_calendar_override(day, "off", "Bão")  # a storm closes the office
    after = desk_source.scorecard(worked, PERIODS[0], now=NOW, fast=True).counts
    assert (after["early"], after["on_time"], after["late"]) != (before["early"], before["on_time"], before["late"])
    assert_same(worked)
    worked.remove_calendar_override(date(2025, 12, 16))
    assert_same(worked)


def test_rebuilt_counters_equal_the_ones_kept_with_the_events(worked: Desk) -> None:
    conn = worked.store.conn

    def rows(table: str) -> list[tuple]:
        where = "" if table == "scorecard_dossiers" else " WHERE n != 0"
        return sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {table}{where}"))

    kept = {table: rows(table) for table in TABLES}
    assert all(kept.values())
    with worked.store.transaction():
        desk_source.rebuild_counters(worked)
    assert {table: rows(table) for table in TABLES} == kept


def test_a_store_without_counters_reads_every_dossier_until_they_are_built(worked: Desk) -> None:
    with worked.store.transaction():
        ScorecardStore(worked.store.conn).set_built(None)
        ScorecardStore(worked.store.conn).clear()
    card = desk_source.scorecard(worked, PERIODS[0], now=NOW)
    assert card.counts["received"] > 0  # from the dossiers themselves
    with worked.store.transaction():  # counters built by other counting rules are not read either
        ScorecardStore(worked.store.conn).set_built("0-older-rules")
    assert not desk_source.counters_built(worked)
    with worked.store.transaction():
        desk_source.rebuild_counters(worked)
    assert_same(worked)
    assert desk_counters.CALENDAR_REACH_DAYS > 0


def test_maintain_builds_missing_counters(worked: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    from ui.main import main

    with worked.store.transaction():
        ScorecardStore(worked.store.conn).set_built(None)
        ScorecardStore(worked.store.conn).clear()
    assert main(["maintain", "--db", str(worked.store.path)]) == 0
    assert capsys.readouterr().out == "ok\n"
    assert_same(worked)
