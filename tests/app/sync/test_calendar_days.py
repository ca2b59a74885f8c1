"""A commune's own day off reaches the hub, which judges the commune's dossiers with it: the desk's and
the hub's figures stay equal when a storm closes the office for a day (``motcua calendar off``)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from app.cli import main as motcua
from app.core.clock import FixedClock
from app.core.worktime import VN_TZ
from app.desk import Desk
from app.province import cli as province_cli
from app.scorecard import desk_source
from app.scorecard.records import Period
from tests.app.scorecard.test_desk_hub import PERIOD, essentials, report
from tests.app.sync.helpers import enrolled_desk, receive
from tests.app.sync.hub import Hub
from tests.app.sync.test_clashes import _hub_row
from ui.main import main

DONE_AT = datetime(2026, 2, 24, 15, 0, tzinfo=VN_TZ)  # HT04 received Thu 12 Feb 09:00: due Tue 24 Feb 09:00


@pytest.fixture
def hub(any_hub: Hub) -> Hub:
    return any_hub


def _verdict(desk: Desk, code: str) -> str | None:
    judged = desk.dossiers.timeliness(desk.dossiers.get(code))
    return judged.verdict if judged.ended else None


def _same(desk: Desk, hub: Hub, code: str, capsys: pytest.CaptureFixture[str]) -> str | None:
    verdict = _verdict(desk, code)
    assert _hub_row(hub, desk.dossiers.get(code).id)["outcome"] == verdict
    at_desk = report(capsys, main, "report", "--db", str(desk.store.path), *PERIOD)
    at_hub = report(capsys, province_cli.main, "--db", hub.db, "report", "--commune", "87001", *PERIOD)
    assert essentials(at_hub) == essentials(at_desk)
    period = Period(date(2026, 2, 1), date(2026, 2, 28))
    fast = desk_source.scorecard(desk, period, fast=True)
    assert fast.counts == desk_source.scorecard(desk, period, fast=False).counts  # counters followed the calendar
    return verdict


def _calendar(desk: Desk, capsys: pytest.CaptureFixture[str], *argv: str) -> Desk:
    """A clerk's ``motcua calendar …`` on the desk's store; the desk opened again after it."""
    path, now = desk.store.path, desk.clock.now()
    desk.close()
    assert motcua(["--db", str(path), "calendar", *argv]) == 0
    assert capsys.readouterr().out.strip() == argv[1]
    return Desk.open(path, FixedClock(now))


def test_an_extra_day_off_moves_the_verdict_on_the_desk_and_at_the_hub(
    hub: Hub, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    a1 = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    a2 = enrolled_desk(tmp_path, clock, hub, "87001", 2)
    [code] = receive(a1, 1)
    a1.clock.at = a2.clock.at = DONE_AT
    a1.dossiers.act(code, "done", a1.clerk())
    assert a1.sync.run_once().complete
    assert _same(a1, hub, code, capsys) == "late"

    # A storm closed the office on Friday 13 February: the promise moves to Wednesday 25 February.
    a1 = _calendar(a1, capsys, "off", "2026-02-13", "--note", "Bão: trụ sở đóng cửa")
    assert a1.dossiers.get(code).due_at == datetime(2026, 2, 25, 9, 0, tzinfo=VN_TZ)
    assert _verdict(a1, code) == "early"
    assert _hub_row(hub, a1.dossiers.get(code).id)["outcome"] == "late"  # the hub has not heard yet
    assert a1.sync.run_once().complete
    assert _same(a1, hub, code, capsys) == "early"
    # The commune's other desk keeps the same calendar, and counts the same.
    assert a2.sync.run_once().complete
    assert not a2.calendar.is_working_day(date(2026, 2, 13))
    assert _same(a2, hub, code, capsys) == "early"

    # The day given back: late again, everywhere.
    a1 = _calendar(a1, capsys, "remove", "2026-02-13")
    assert a1.sync.run_once().complete
    assert a2.sync.run_once().complete
    assert _same(a1, hub, code, capsys) == _same(a2, hub, code, capsys) == "late"
    a1.close()
    a2.close()


def test_the_hub_refuses_a_calendar_day_it_cannot_hold() -> None:
    from app.core.errors import ValidationError
    from app.sync import checks

    good = {
        "id": "x1",
        "day": "2026-02-13",
        "kind": "off",
        "note": "Bão",
        "desk_id": "d1",
        "at": "2026-02-12T09:00:00+07:00",
    }
    checks.check_change("calendar_day", "x1", "create", dict(good, created_at=good["at"]), good["at"])
    for bad in (
        {"kind": "holiday"},
        {"day": "9999-12-31"},
        {"day": "13/02/2026"},
        {"note": "Bão\x00"},
        {"note": "x" * 201},
        {"at": "0001-01-01T00:00:00+07:00"},
    ):
        with pytest.raises(ValidationError):
            checks.check_change("calendar_day", "x1", "create", {**good, **bad}, good["at"])
