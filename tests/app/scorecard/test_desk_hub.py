"""A commune's figures are the same on its desk and at the province after a sync (one engine, two stores)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from app.core.clock import FixedClock
from app.province import cli as province_cli
from app.scorecard import desk_source
from app.scorecard.records import Period
from tests.app.citizens.test_sync import work_offline
from tests.app.files.scanpages import a4_page
from tests.app.scorecard.test_counters import comparable
from tests.app.sync.conftest import any_hub, hub_target, postgres_url  # noqa: F401  (fixtures)
from tests.app.sync.helpers import enrolled_desk, receive
from tests.app.sync.hub import Hub
from ui.main import main

PERIOD = ("--from", "2026-02-01", "--to", "2026-02-28")


def report(capsys: pytest.CaptureFixture[str], command: Callable[[list[str]], int], *argv: str) -> dict:
    assert command(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def essentials(data: dict) -> dict:
    return {
        "unit": data["unit"],
        "period": data["period"],
        "score": data["score"],
        "counts": data["counts"],
        "ratings": data["ratings"],
        "citizens": data["citizens"],
        "indicators": [
            (
                i["id"],
                i["status"],
                i["value"],
                i["points"],
                i["numerator"],
                i["denominator"],
                sorted(i["lost"]["codes"]),
            )
            for i in data["indicators"]
        ],
    }


def test_the_desk_and_the_hub_give_the_same_scorecard(
    any_hub: Hub,  # noqa: F811
    tmp_path: Path,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a1 = enrolled_desk(tmp_path, clock, any_hub, "87001", 1)
    a2 = enrolled_desk(tmp_path, clock, any_hub, "87001", 2)
    b1 = enrolled_desk(tmp_path, clock, any_hub, "87002", 1)
    codes = receive(a1, 4) + receive(a2, 2, channel="online")
    receive(b1, 3)
    a1.dossiers.act(codes[0], "supplement_requested", a1.clerk(), reason="Thiếu giấy tờ")
    a1.clock.advance(days=1)
    a1.dossiers.act(codes[1], "refused", a1.clerk(), reason="Không thuộc thẩm quyền")
    a1.ratings.rate(2, dossier=codes[1], elements_given={"officials": 1})
    a1.feedback.add(
        {"kind": "complaint", "person": {"name": "Lê Văn Khiếu"}, "content": "Chậm", "dossier": codes[2]}, a1.clerk()
    )
    a1.feedback.add(
        {"kind": "feedback", "channel": "online", "person": {"name": "Lê Thị Ý"}, "content": "Hỏi"}, a1.clerk()
    )
    work_offline(a1)  # citizen reception: a session of three, a refusal, documents, a complaint opened, flags
    for desk in (a1, a2, b1, a1, a2):
        assert desk.sync.run_once().complete
    a2.clock.advance(days=20)  # after the promise: late
    a2.dossiers.act(codes[2], "done", a2.clerk())
    a2.dossiers.act(codes[4], "done", a2.clerk())
    for desk in (a2, a1):
        assert desk.sync.run_once().complete

    at_desk = report(capsys, main, "report", "--db", str(a1.store.path), *PERIOD)
    at_hub = report(capsys, province_cli.main, "--db", any_hub.db, "report", "--commune", "87001", *PERIOD)
    assert essentials(at_hub) == essentials(at_desk)
    counts = at_desk["counts"]
    assert (counts["received"], counts["ended"], counts["in_progress"], counts["overdue_now"]) == (6, 1, 5, 4)
    assert at_desk["counts"]["complaints"] == 2 and at_desk["counts"]["portal_feedback"] == 1
    citizens = at_desk["citizens"]
    assert (citizens["reception_entries"], citizens["leader_people"], citizens["sessions_held"]) == (4, 3, 1)
    assert (citizens["complaints_received"], citizens["flag_land"], citizens["dialogues"]) == (2, 1, 1)

    province = report(capsys, province_cli.main, "--db", any_hub.db, "report", *PERIOD)
    assert [c["unit"]["commune"] for c in province["communes"]] == sorted(
        ("87001", "87002"),
        key=lambda code: -next(c["score"]["points"] for c in province["communes"] if c["unit"]["commune"] == code),
    )
    assert province["province"]["counts"]["received"] == 9
    assert province["province"]["unit"]["name"] == "Đồng Tháp"


def test_province_report_on_a_quiet_hub_and_an_unknown_commune(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "hub.sqlite3")
    assert province_cli.main(["--db", db, "commune", "add", "87001", "Xã Tân Thành", "--province", "Đồng Tháp"]) == 0
    capsys.readouterr()
    data = report(capsys, province_cli.main, "--db", db, "report", *PERIOD)
    assert data["province"]["counts"]["received"] == 0 and data["province"]["score"]["reachable"] == 0
    assert [c["unit"]["commune"] for c in data["communes"]] == ["87001"]
    assert province_cli.main(["--db", db, "--lang", "en", "report", "--commune", "87999", *PERIOD]) == 1
    assert capsys.readouterr().err == "There is no commune 87999.\n"
    xlsx = tmp_path / "tinh.xlsx"
    assert province_cli.main(["--db", db, "report", *PERIOD, "--format", "xlsx", "--out", str(xlsx)]) == 0
    assert xlsx.exists()
    periodic = tmp_path / "tcd.xlsx"
    args = ("--commune", "87001", "--format", "xlsx", "--kind", "periodic", "--out", str(periodic))
    assert province_cli.main(["--db", db, "report", *PERIOD, *args]) == 0
    assert capsys.readouterr().out.strip().endswith(str(periodic))
    data = report(capsys, province_cli.main, "--db", db, "report", "--commune", "87001", *PERIOD)
    assert data["citizens"]["reception_entries"] == 0 and data["citizens"]["complaints_received"] == 0


def test_scans_results_reuse_and_payments_count_the_same_at_the_desk_and_the_hub(
    any_hub: Hub,  # noqa: F811
    tmp_path: Path,
    clock: FixedClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a1 = enrolled_desk(tmp_path, clock, any_hub, "87001", 1)
    a2 = enrolled_desk(tmp_path, clock, any_hub, "87001", 2)
    clerk = a1.clerk()
    scanned, shown, other = receive(a1, 3)
    copy = {"procedure": "CT01", "documents": [{"name": "Bản chính", "kind": "original", "count": 1}]}
    by_portal, by_transfer, in_cash = receive(a1, 3, **copy, fee={"pages": 4, "copies": 1})
    first = a1.files.attach(scanned, [(a4_page(1, dpi=50), "to-khai.jpg")], clerk, document_no=1)
    a1.files.exempt(shown, 1, "shown_only", clerk)  # only shown: digitised without a file
    a1.files.reuse(by_portal, 1, first.id, clerk)  # the same citizen's paper, used again (4.3)
    due = a1.fees.expected(a1.dossiers.get(by_portal))
    assert due
    a1.fees.pay(by_portal, clerk, amount=due, channel="portal")
    a1.fees.pay(by_transfer, clerk, amount=due, channel="transfer")
    a1.fees.pay(in_cash, clerk, amount=due, channel="cash", receipt_no="BL-0001")
    for desk in (a1, a2):
        assert desk.sync.run_once().complete
    a2.dossiers.act(scanned, "done", a2.clerk())
    for desk in (a2, a1):
        assert desk.sync.run_once().complete
    # The result alone, pulled by desk 1 later: its counters follow a pulled attachment too.
    a2.files.attach(scanned, [(a4_page(2, dpi=50), "ket-qua.jpg")], a2.clerk(), result=True)
    for desk in (a2, a1):
        assert desk.sync.run_once().complete

    at_desk = report(capsys, main, "report", "--db", str(a1.store.path), *PERIOD)
    at_hub = report(capsys, province_cli.main, "--db", any_hub.db, "report", "--commune", "87001", *PERIOD)
    assert essentials(at_hub) == essentials(at_desk)
    counts = at_desk["counts"]
    assert (counts["digitised"], counts["electronic_result"]) == (3, 1)
    assert (counts["fee_dossiers"], counts["paid_online"], counts["paid_transfer"]) == (3, 1, 1)
    by_id = {i["id"]: i for i in at_desk["indicators"]}
    assert (by_id["3.6"]["numerator"], by_id["3.6"]["denominator"]) == (1, 3)
    assert sorted(by_id["3.6"]["lost"]["codes"]) == sorted([by_transfer, in_cash])
    assert (by_id["4.1"]["numerator"], by_id["4.1"]["denominator"]) == (1, 6)
    assert (by_id["4.3"]["numerator"], by_id["4.3"]["denominator"]) == (1, 6)
    assert by_id["4.2"]["numerator"] == 1 and other in by_id["4.2"]["lost"]["codes"]
    # The desk's counters (kept in each attach and payment's transaction) and reading every record agree.
    period = Period(date(2026, 2, 1), date(2026, 2, 28))
    fast = desk_source.scorecard(a1, period, now=a1.clock.now(), fast=True)
    full = desk_source.scorecard(a1, period, now=a1.clock.now(), fast=False)
    assert comparable(fast) == comparable(full)
    assert [i.lost for i in fast.indicators] == [i.lost for i in full.indicators]
