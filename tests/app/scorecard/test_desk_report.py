"""The desk's scorecard from a real store, and ``motcua report`` over it (shared/CLI.md)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from app.core.clock import FixedClock, iso
from app.core.records import Clerk
from app.core.worktime import VN_TZ
from app.desk import Desk
from app.scorecard import desk_source
from app.scorecard.records import Period
from db.sync_store import SyncStore
from ui.main import main

FEB = Period(date(2026, 2, 1), date(2026, 2, 28))


def test_desk_scorecard_from_the_store(desk: Desk, busy: dict[str, str]) -> None:
    now = datetime(2026, 3, 1, 8, 0, tzinfo=VN_TZ)
    card = desk_source.scorecard(desk, FEB, now=now)
    c = card.counts
    assert (c["received"], c["ended"], c["early"], c["late"], c["refused"]) == (5, 4, 3, 1, 1)
    assert (c["in_progress"], c["overdue_now"]) == (1, 1)
    assert card.by_channel == {"direct": 4, "online": 1, "post": 0}
    assert card.indicator("2.1").value == pytest.approx(3 / 5)
    assert set(card.indicator("2.1").lost) == {busy["running"], busy["late"]}
    # 5.4: two late of five, and the late one is also complained about: 1 − 2/5 − 1/5.
    assert card.indicator("5.4").value == pytest.approx(0.4)
    assert (c["ratings"], c["satisfied"]) == (2, 1)
    assert card.ratings_by_element == {"officials": (1, 1), "result": (1, 0)}
    assert (c["complaints"], c["feedback"]) == (1, 1)
    # Never synced: 1.4 is a real 0; no file attached: 4.2 and 3.3 (a paper result not attached) are real 0s.
    assert card.indicator("1.4").value == 0.0
    assert card.indicator("4.2").value == 0.0 and c["digitised"] == 0
    assert card.indicator("3.3").status == "ok" and card.indicator("3.3").numerator == 0


def test_sync_acknowledgement_counts_for_1_4(desk: Desk, busy: dict[str, str]) -> None:
    store = SyncStore(desk.store)
    seq = [r["seq"] for r in desk.store.outbox(limit=10_000) if r["entity"] == "dossier"][1]
    with desk.store.transaction():  # as SyncService does when the hub answers (the counters follow)
        store.set_acked(desk.store.db_id, seq, iso(desk.clock.now()))
    for fast in (True, False):
        card = desk_source.scorecard(desk, FEB, now=datetime(2026, 3, 1, tzinfo=VN_TZ), fast=fast)
        assert card.indicator("1.4").numerator == 2 and card.indicator("1.4").denominator == 5
    with desk.store.transaction():  # the hub restored from an older backup: acknowledged less
        store.set_acked(desk.store.db_id, 1, iso(desk.clock.now()))
    for fast in (True, False):
        card = desk_source.scorecard(desk, FEB, now=datetime(2026, 3, 1, tzinfo=VN_TZ), fast=fast)
        assert card.indicator("1.4").numerator == 1


def test_a_dossier_ended_before_the_period_is_not_in_it_and_one_carried_over_is(
    desk: Desk, admin: Clerk, clock: FixedClock, busy: dict[str, str]
) -> None:
    clock.at = datetime(2026, 3, 3, 9, 0, tzinfo=VN_TZ)
    desk.dossiers.act(busy["running"], "done", admin)
    card = desk_source.scorecard(desk, Period(date(2026, 3, 1), date(2026, 3, 31)), now=clock.at)
    assert (card.counts["received"], card.counts["carried_over"], card.counts["ended"]) == (0, 1, 1)
    assert card.counts["late"] == 1


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_motcua_report_json_as_the_contract_says(
    desk: Desk, busy: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(desk.store.path)
    code, out, _ = run(capsys, "report", "--db", path, "--from", "2026-02-01", "--to", "2026-02-28")
    assert code == 0
    report = json.loads(out)
    assert report["unit"] == {"agency": "87001", "commune": "87001", "name": "Xã Tân Thành"}
    assert report["period"] == {"from": "2026-02-01", "to": "2026-02-28"}
    counts = report["counts"]
    assert counts["by_channel"] == {"direct": 4, "online": 1, "post": 0}
    assert counts["ended"] == counts["early"] + counts["on_time"] + counts["late"] == 4
    for key in ("received", "ended", "early", "on_time", "late", "refused", "withdrawn", "stopped", "in_progress"):
        assert isinstance(counts[key], int), key
    for key in ("overdue_now", "ratings", "satisfied", "feedback", "feedback_on_time"):
        assert isinstance(counts[key], int), key
    # Every count is an integer, the digitised dossier's and the fee's too.
    for key in ("digitised", "electronic_result", "fee_dossiers", "paid_online", "paid_transfer"):
        assert counts[key] == 0, key
    assert not report["no_data"]["counts"]
    by_id = {i["id"]: i for i in report["indicators"]}
    assert set(by_id) == {"1.4", "2.1", "3.3", "3.6", "4.1", "4.2", "4.3", "4.4", "4.5", "5.2", "5.3", "5.4"}
    assert by_id["2.1"]["value"] == pytest.approx(0.6) and by_id["2.1"]["max_points"] == 20
    assert by_id["3.6"]["status"] == "empty"  # no dossier of the period carries a fee
    for indicator in report["indicators"]:
        assert indicator["value"] is None or 0 <= indicator["value"] <= 1
    decided = [i for i in report["indicators"] if i["status"] == "ok"]
    assert report["score"]["points"] == pytest.approx(sum(i["points"] for i in decided), abs=1e-3)
    assert report["score"]["reachable"] == pytest.approx(sum(i["max_points"] for i in decided))


def test_motcua_report_text_and_misuse(desk: Desk, busy: dict[str, str], capsys, tmp_path: Path) -> None:
    path = str(desk.store.path)
    code, out, _ = run(capsys, "report", "--db", path, "--from", "2026-02-01", "--to", "2026-02-28", "--format", "text")
    assert code == 0 and "2.1" in out and "N/A" in out and "Xã Tân Thành" in out
    code, _, err = run(capsys, "report", "--db", path, "--from", "2026-02-28", "--to", "2026-02-01")
    assert code == 1 and err.count("\n") == 1
    code, _, err = run(capsys, "--lang", "en", "report", "--db", path, "--from", "2026-02-30", "--to", "2026-03-01")
    assert code == 1 and "date" in err
