"""Citizen reception synced to the real hub on loopback, and each commune's public board served from it."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import uuid
from datetime import date, datetime
from pathlib import Path

import httpx
import pytest

from app.core.clock import FixedClock
from app.core.worktime import VN_TZ
from app.sync import codec
from tests.app.citizens.test_papers import text_of
from tests.app.citizens.test_reception import session_with_three
from tests.app.sync.helpers import enrolled_desk
from tests.app.sync.hub import Hub
from tests.app.sync.test_poison import _change, _client, _outbox_changes

SECRET = ("Võ Thị Kín", "087186009999", "Ấp Bí Mật")


def work_offline(desk) -> dict[str, str]:
    """The week of the issue's "Done means", done while the hub cannot be reached."""
    admin = desk.clerk()
    c = desk.citizens
    session, (a, b, third) = session_with_three(desk, admin)
    c.register.refuse(a.id, admin, "disruptive")
    c.register.hand_in(b.id, admin, [{"name": "Đơn khiếu nại", "kind": "original", "pages": 2}])
    opened = c.register.open_entry(third.id, admin)
    secret = c.register.receive(
        {
            "kind": "denunciation",
            "content": "Tố cáo cán bộ",
            "person": dict(zip(("name", "cccd", "address"), SECRET, strict=True)),
        },
        admin,
    )
    c.flags.set("reception", third.id, "land", admin)
    c.sessions.conclude(
        session["id"],
        admin,
        conclusion="Kiểm đếm lại cây trồng.",
        signer="Đỗ Văn Lãnh",
        follow_ups=[
            {"task": "Kiểm đếm", "owner": "Địa chính", "days": 2},
            {"task": "Trả lời", "owner": "Văn phòng", "days": 10},
        ],
    )
    c.dialogues.hold(
        admin,
        kind="annual",
        subject="Đối thoại năm 2026",
        held_at=datetime(2026, 2, 10, 8, tzinfo=VN_TZ),
        place="Hội trường",
        chair="Đỗ Văn Lãnh",
        issues=[{"issue": "Đèn đường hỏng", "answer": "Sửa trong tháng 3"}],
    )
    c.disclosure.post_procedures(admin)
    old = c.disclosure.post(admin, title="Kế hoạch sử dụng đất năm 2025", posted_on=date(2026, 1, 2))
    ended = c.disclosure.post(admin, title="Danh sách hộ nghèo năm 2026", posted_on=date(2026, 1, 5))
    c.disclosure.publish_schedule(admin, c.sessions.schedule_between(date(2026, 2, 1), date(2026, 2, 28)))
    assert {p.id for p in c.disclosure.may_come_down()} == {old.id, ended.id}  # both past 30 days
    c.disclosure.take_down(old.id, admin)
    return {"opened": opened.register_id, "secret": secret.id, "session": session["id"]}


def test_everything_syncs_and_the_hub_serves_the_public_board(any_hub: Hub, tmp_path: Path, clock: FixedClock):
    desk = enrolled_desk(tmp_path, clock, any_hub, "87001", 1)
    any_hub.stop()
    ids = work_offline(desk)
    assert desk.sync.run_once().complete is False  # offline: kept in the outbox
    any_hub.start()
    result = desk.sync.run_once()
    # The conclusion notice's and the minutes' numbers name their session and dialogue: kept, not refused.
    assert result.complete and result.pending == 0 and result.refused == 0, desk.sync.errors()

    store = any_hub.store()
    try:
        b = store.backend
        by_entity = {
            r["entity"]: r["n"]
            for r in b.all("SELECT entity, COUNT(DISTINCT entity_id) AS n FROM changes GROUP BY entity")
        }
        payloads = " ".join(r["payload"] for r in b.all("SELECT payload FROM changes"))
        kept = b.all("SELECT title, taken_down_on FROM disclosures WHERE commune_code = '87001'")
    finally:
        store.close()
    assert by_entity["reception_entry"] == 4 and by_entity["reception_session"] == 1
    assert by_entity["follow_up"] == 2 and by_entity["dialogue"] == 1 and by_entity["entry_flag"] == 1
    assert by_entity["feedback"] == 1  # the complaint the reception opened, with its own deadline
    assert ids["opened"] in payloads and ids["secret"] in payloads
    assert not any(s in payloads for s in SECRET)  # the denouncer travels as ciphertext only
    assert {r["title"]: r["taken_down_on"] for r in kept}["Kế hoạch sử dụng đất năm 2025"] == "2026-02-12"

    page = httpx.get(any_hub.url + "/public/87001", timeout=10)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    html = page.text
    assert "Đăng ký khai sinh" in html and "Thời hạn giải quyết" in html and "Lịch tiếp công dân" in html
    assert "Danh sách hộ nghèo năm 2026" in html and "đã đủ thời hạn niêm yết (04/02/2026)" in html
    assert "Kế hoạch sử dụng đất năm 2025" not in html  # taken down
    assert not any(s in html for s in (*SECRET, "Nguyễn Văn An", "087086001234"))
    assert httpx.get(any_hub.url + "/public/87002", timeout=10).text.count("<li>") == 0
    assert httpx.get(any_hub.url + "/public/99999", timeout=10).status_code == 404
    desk.close()


@pytest.mark.skipif(shutil.which("chromium") is None, reason="headless Chromium is not installed")
def test_the_public_board_on_a_phone(hub: Hub, tmp_path: Path, clock: FixedClock):
    desk = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    work_offline(desk)
    assert desk.sync.run_once().complete
    shot = tmp_path / "board.png"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--screenshot={shot}",
            "--window-size=390,844",
            hub.url + "/public/87001",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    width, height = struct.unpack(">II", shot.read_bytes()[16:24])
    assert (width, height) == (390, 844)
    keep = Path("/tmp/h17")
    if keep.is_dir():  # kept to be looked at
        shutil.copy(shot, keep / "public-board-390.png")
    desk.close()


def test_the_01_tcd_number_reaches_the_hub_and_another_desk_reprints_it(hub: Hub, tmp_path: Path, clock: FixedClock):
    """01/TCD's number names the reception entry, not a dossier: the hub keeps it (of this commune's entry) and a
    second desk of the commune reprints the paper with the same number."""
    desk = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    admin = desk.clerk()
    _, (a, _, _) = session_with_three(desk, admin)
    desk.citizens.register.refuse(a.id, admin, "disruptive")
    first = desk.citizens.print_refusal(a.id, tmp_path / "01.pdf", signer="Đỗ Văn Lãnh")
    report = desk.sync.run_once()
    assert report.complete and report.refused == 0, desk.sync.errors()

    other = enrolled_desk(tmp_path, clock, hub, "87001", 2)
    assert other.sync.run_once().complete
    again = other.citizens.print_refusal(a.id, tmp_path / "01-again.pdf", signer="Đỗ Văn Lãnh")
    number = re.compile(r"Số: ?(\S+)")
    issued = number.findall(text_of(first))
    assert issued and issued == number.findall(text_of(again)), issued
    desk.close()
    other.close()


def test_a_reception_papers_number_names_only_its_own_communes_record(hub: Hub, tmp_path: Path, clock: FixedClock):
    one = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    two = enrolled_desk(tmp_path, clock, hub, "87002", 1)
    admin = one.clerk()
    _, (a, _, _) = session_with_three(one, admin)
    one.citizens.register.refuse(a.id, admin, "disruptive")
    one.citizens.print_refusal(a.id, tmp_path / "01.pdf", signer="Đỗ Văn Lãnh")
    assert one.sync.run_once().refused == 0
    [number] = [c["payload"] for c in _outbox_changes(one) if c["entity"] == "docno"]
    ident = two.identity
    planted = dict(number, id=str(uuid.uuid4()), desk_id=ident.desk_id, desk_no=ident.desk_no)
    unknown = dict(planted, id=str(uuid.uuid4()), dossier_id=str(uuid.uuid4()), seq=2)
    with _client(two, hub) as client:
        batch = [_change("docno", planted), _change("docno", unknown)]
        answer = client.push(codec.encode({"db_id": two.store.db_id, "first_seq": 1}, batch))
    assert [(r["seq"], r["code"]) for r in answer["refused"]] == [(1, "foreign_commune"), (2, "unknown_record")]
    one.close()
    two.close()
