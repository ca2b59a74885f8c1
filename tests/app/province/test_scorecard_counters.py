"""The hub's counters give what reading every change gives: one commune, the province, past periods
(dossiers that ran past the period's end), supplements, ratings and declined ratings, a rebuild."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from app.core.clock import FixedClock
from app.core.worktime import VN_TZ
from app.province import scorecard_counters, scorecard_fast
from app.province.calendars import Calendars
from app.province.scorecard_source import scorecards
from app.scorecard import report
from app.scorecard.records import Period
from db.hub.scorecard_store import HubScorecardStore
from db.hub.store import HubStore
from tests.app.files.scanpages import a4_page
from tests.app.scorecard.test_desk_hub import essentials
from tests.app.sync.helpers import enrolled_desk, receive
from tests.app.sync.hub import Hub

PERIODS = [
    Period(date(2026, 2, 1), date(2026, 2, 28)),
    Period(date(2026, 2, 1), date(2026, 2, 14)),  # most dossiers still running at its end
    Period(date(2026, 2, 13), date(2026, 3, 31)),
    Period(date(2026, 1, 1), date(2026, 12, 31)),
]


def _activity(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    a1 = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    a2 = enrolled_desk(tmp_path, clock, hub, "87001", 2)
    b1 = enrolled_desk(tmp_path, clock, hub, "87002", 1)
    codes = receive(a1, 5) + receive(a2, 2, channel="online")
    others = receive(b1, 3)
    # Scans, a result, a reused paper and fees: the flags the counters carry (4.1–4.4, 3.3, 3.6).
    copy = {"procedure": "CT01", "documents": [{"name": "Bản chính", "kind": "original", "count": 1}]}
    by_portal, by_transfer = receive(a1, 2, **copy, fee={"pages": 4, "copies": 1})
    first = a1.files.attach(codes[0], [(a4_page(1, dpi=50), "to-khai.jpg")], a1.clerk(), document_no=1)
    a1.files.exempt(codes[1], 1, "shown_only", a1.clerk())
    a1.files.reuse(by_portal, 1, first.id, a1.clerk())
    due = a1.fees.expected(a1.dossiers.get(by_portal))
    a1.fees.pay(by_portal, a1.clerk(), amount=due, channel="portal")
    a1.dossiers.act(codes[0], "supplement_requested", a1.clerk(), reason="Thiếu giấy tờ")
    a1.dossiers.act(codes[3], "supplement_requested", a1.clerk(), reason="Thiếu bản sao")
    a1.clock.advance(days=1)
    a1.dossiers.act(codes[3], "supplement_received", a1.clerk())
    a1.dossiers.act(codes[1], "refused", a1.clerk(), reason="Không thuộc thẩm quyền")
    a1.ratings.rate(2, dossier=codes[1], elements_given={"officials": 1})
    a1.clock.advance(minutes=5)
    a1.ratings.rate(4, dossier=codes[4])
    b1.dossiers.act(others[0], "done", b1.clerk())
    a1.feedback.add(
        {"kind": "complaint", "person": {"name": "Lê Văn Khiếu"}, "content": "Chậm", "dossier": codes[2]}, a1.clerk()
    )
    for desk in (a1, a2, b1, a1, a2):
        assert desk.sync.run_once().complete
    a2.clock.advance(days=20)  # after the promise: late
    a2.dossiers.act(codes[2], "done", a2.clerk())
    a2.dossiers.act(codes[5], "done", a2.clerk())
    # A result and a payment for dossiers the hub already counts: their flags move at the next push.
    a2.files.attach(codes[5], [(a4_page(2, dpi=50), "ket-qua.jpg")], a2.clerk(), result=True)
    a1.fees.pay(by_transfer, a1.clerk(), amount=due, channel="transfer")
    b1.clock.advance(days=3)
    b1.dossiers.act(others[1], "returned", b1.clerk())
    for desk in (a2, a1, b1):
        assert desk.sync.run_once().complete
    for desk in (a1, a2, b1):
        desk.close()


def _same(hub: HubStore, now: datetime) -> None:
    for period in PERIODS:
        one_fast = scorecards(hub, period, now, "87001", fast=True)[1][0]
        one_slow = scorecards(hub, period, now, "87001", fast=False)[1][0]
        assert essentials(report.to_json(one_fast)) == essentials(report.to_json(one_slow)), period
        assert report.to_json(one_fast)["by_month"] == report.to_json(one_slow)["by_month"]
        whole_fast, cards_fast = scorecards(hub, period, now, fast=True)
        whole_slow, cards_slow = scorecards(hub, period, now, fast=False)
        assert whole_fast is not None and whole_slow is not None
        assert essentials(report.to_json(whole_fast)) == essentials(report.to_json(whole_slow)), period
        for fast, slow in zip(cards_fast, cards_slow, strict=True):
            assert fast.unit == slow.unit and fast.counts == slow.counts and fast.score == slow.score, period


def test_counters_give_what_every_change_gives(
    any_hub: Hub, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _activity(any_hub, tmp_path, clock)
    hub = HubStore(any_hub.db)
    try:
        assert scorecard_counters.built(hub)
        card = scorecards(hub, PERIODS[0], datetime(2026, 3, 5, 9, tzinfo=VN_TZ), "87001", fast=True)[1][0]
        counts = card.counts
        assert (counts["digitised"], counts["electronic_result"], counts["paid_online"], counts["paid_transfer"]) == (
            3,
            1,
            1,
            1,
        )
        # "now" is never before the events held (as on the desk): the day after the last, and today.
        for now in (datetime(2026, 3, 5, 9, tzinfo=VN_TZ), datetime.now(VN_TZ)):
            _same(hub, now)
        # The lost codes of scans and payments walked a dossier at a time, and asked for one list at a
        # time once the walk gives up: the same codes.
        asked: list[int] = []
        lacking = HubScorecardStore.lacking
        monkeypatch.setattr(HubScorecardStore, "lacking", lambda *a: asked.append(1) or lacking(*a))
        monkeypatch.setattr(scorecard_fast, "WALK_PAGE", 1)
        monkeypatch.setattr(scorecard_fast, "WALK_MOST", 1)
        for pages, alone in ((100, False), (2, True)):
            monkeypatch.setattr(scorecard_fast, "WALK_PAGES", pages)
            asked.clear()
            _same(hub, datetime(2026, 3, 5, 9, tzinfo=VN_TZ))
            assert bool(asked) == alone
        monkeypatch.undo()
        # A rebuild from the changes held gives the same counters.
        assert scorecard_counters.rebuild(hub, lambda commune: Calendars().get(hub, commune)) == 12
        _same(hub, datetime.now(VN_TZ))
        # The province moves its calendar: two extra days off move promised dates; the counters follow.
        days_off = tmp_path / "calendar.csv"
        days_off.write_text("day,kind,note\n2026-02-13,off,Nghỉ bù\n2026-03-02,off,Nghỉ bù\n", encoding="utf-8")
        assert any_hub.admin("calendar", "import", str(days_off)) == 0
        _same(hub, datetime(2026, 3, 5, 9, tzinfo=VN_TZ))
    finally:
        hub.close()


def test_a_hub_with_dossiers_from_before_the_counters_reads_every_change(tmp_path: Path) -> None:
    hub = HubStore(tmp_path / "hub.sqlite3")
    hub.backend.execute(
        "INSERT INTO dossiers (id, commune_code, desk_id, code, procedure_code, legal_time, received_at, "
        "payload_hash) VALUES ('d', '87001', 'x', '87001-260212-1001', 'p', '3', '2026-02-12T09:00:00+07:00', 'h')"
    )
    scorecard_counters.start_if_empty(hub)
    assert not scorecard_counters.built(hub)
    hub.close()


@pytest.mark.parametrize("period", PERIODS[:1])
def test_quiet_hub(tmp_path: Path, period: Period) -> None:
    hub = HubStore(tmp_path / "hub.sqlite3")
    hub.add_commune("87001", "Xã Tân Thành", "Đồng Tháp", "2026-01-01T00:00:00+00:00")
    scorecard_counters.start_if_empty(hub)
    whole, cards = scorecards(hub, period, datetime.now(VN_TZ))
    assert whole is not None and whole.counts["received"] == 0 and [c.unit.code for c in cards] == ["87001"]
    hub.close()
