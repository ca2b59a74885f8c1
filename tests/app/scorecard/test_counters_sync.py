"""The counters follow what sync changes: the hub's acknowledgements (1.4) and events pulled from the
other desk of the commune, on a real hub over loopback."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from app.core.clock import FixedClock
from app.desk import Desk
from app.scorecard import desk_source
from app.scorecard.records import Period
from tests.app.scorecard.test_counters import comparable
from tests.app.sync.conftest import hub, hub_db  # noqa: F401  (fixtures)
from tests.app.sync.helpers import enrolled_desk, receive
from tests.app.sync.hub import Hub

FEB = Period(date(2026, 2, 1), date(2026, 2, 28))


def same(desk: Desk, now: datetime) -> dict:
    fast = desk_source.scorecard(desk, FEB, now=now, fast=True)
    full = desk_source.scorecard(desk, FEB, now=now, fast=False)
    assert comparable(fast) == comparable(full)
    return dict(fast.counts) | {"1.4": fast.indicator("1.4").value}


def test_counters_follow_acknowledgements_and_pulled_events(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:  # noqa: F811
    a1 = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    a2 = enrolled_desk(tmp_path, clock, hub, "87001", 2)
    codes = receive(a1, 3)
    later = clock.at + timedelta(days=30)
    assert same(a1, later)["1.4"] == 0.0  # nothing on the hub yet
    assert a1.sync.run_once().complete
    assert same(a1, later)["1.4"] == 1.0
    assert a2.sync.run_once().received == 6
    a2.clock.advance(hours=2)
    a2.dossiers.act(codes[0], "done", a2.clerk())
    a2.dossiers.act(codes[1], "refused", a2.clerk(), reason="Không thuộc thẩm quyền")
    counts = same(a2, later)
    assert (counts["received"], counts["ended"], counts["refused"], counts["1.4"]) == (3, 2, 1, 1.0)
    assert a2.sync.run_once().complete and a1.sync.run_once().received == 2
    at_a1 = same(a1, later)  # the events from desk 2 moved desk 1's counters
    assert (at_a1["ended"], at_a1["refused"], at_a1["early"]) == (2, 1, 2)
    assert at_a1 == counts
