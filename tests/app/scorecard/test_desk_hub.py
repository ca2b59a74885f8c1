"""A commune's figures are the same on its desk and at the province after a sync (one engine, two stores)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.clock import FixedClock
from app.province import cli as province_cli
from tests.app.citizens.test_sync import work_offline
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
