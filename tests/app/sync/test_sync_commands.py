"""``motcua enroll`` / ``motcua sync`` and the ``motcua-province`` admin commands, as scripts call them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import httpx
import pytest

from app.cli import main as motcua
from app.core.clock import FixedClock
from app.desk import Desk
from app.province import cli as province
from db.catalogue_store import CatalogueStore
from tests.app.sync.helpers import receive
from tests.app.sync.hub import Hub
from tests.conftest import make_desk


def test_enroll_and_sync_commands(
    hub: Hub, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "d.sqlite3"
    desk = make_desk(path, FixedClock(clock.at))
    receive(desk, 2)
    desk_id = desk.identity.desk_id
    desk.close()
    assert province.main(["--db", hub.db, "issue-token", "--commune", "87001", "--desk", "1"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert motcua(["enroll", hub.url, token, "--db", str(path)]) == 0
    assert capsys.readouterr().out.strip() == desk_id
    assert motcua(["--db", str(path), "sync"]) == 0
    assert capsys.readouterr().out == "đã gửi 4, đã nhận 0, bị từ chối 0, còn chờ 0\n"
    assert motcua(["--db", str(path), "sync", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "sent": 0,
        "received": 0,
        "refused": 0,
        "clashes": 0,
        "clashes_open": 0,
        "relayed": 0,
        "pending": 0,
        "errors": 0,
        "complete": True,
    }
    hub.stop()
    with Desk.open(path, FixedClock(clock.at)) as again:
        receive(again, 1)
    assert motcua(["--db", str(path), "sync", "--lang", "en"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "sent 0, received 0, refused 0, pending 2\n"
    assert captured.err.startswith("The hub cannot be reached")


def test_sync_progress_ends_on_what_was_done(
    hub: Hub, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """The progress line ends on N/N when everything went, never on "0/N" (issue 15)."""
    path = tmp_path / "d.sqlite3"
    desk = make_desk(path, FixedClock(clock.at))
    receive(desk, 3)
    desk.close()
    assert province.main(["--db", hub.db, "issue-token", "--commune", "87001", "--desk", "1"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert motcua(["enroll", hub.url, token, "--db", str(path)]) == 0
    capsys.readouterr()
    assert motcua(["--db", str(path), "sync", "--progress"]) == 0
    steps = capsys.readouterr().err.strip("\n").split("\r")
    last = steps[-1]
    done, total = map(int, last.split("/"))
    assert done == total > 0, steps


def test_serve_says_where_it_listens_when_ready(hub: Hub) -> None:
    lines = [line for line in hub.log.read_text(errors="replace").splitlines() if line.strip()]
    assert f"listening on http://127.0.0.1:{hub.port}" in lines
    assert sum(line.startswith("listening on") for line in lines) == 1


def test_enroll_refuses_plain_http_to_another_machine(desk: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    assert motcua(["enroll", "http://10.0.0.5:8787", "token", "--db", str(desk.store.path)]) == 1
    assert capsys.readouterr().err == (
        "Địa chỉ máy chủ tỉnh phải bắt đầu bằng https:// (http:// chỉ dùng cho máy chủ trên chính máy này).\n"
    )


def test_sync_without_enrolment(desk: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    assert motcua(["sync", "--db", str(desk.store.path)]) == 1
    assert capsys.readouterr().err == "Quầy chưa đăng ký với máy chủ tỉnh; hãy chạy «motcua enroll».\n"


def test_province_admin_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "hub.sqlite3")
    assert province.main(["--db", db, "commune", "add", "87001", "Xã Tân Thành", "--province", "Đồng Tháp"]) == 0
    assert province.main(["commune", "add", "8700", "Sai", "--db", db]) == 1
    assert province.main(["--db", db, "issue-token", "--commune", "87009"]) == 1
    assert province.main(["--db", db, "revoke", "--commune", "87001", "--desk", "1"]) == 1
    capsys.readouterr()
    assert province.main(["--db", db, "issue-token", "--commune", "87001"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()[-1]) == 32
    assert province.main(["--db", db, "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["communes"][0] == {
        "code": "87001",
        "name": "Xã Tân Thành",
        "province": "Đồng Tháp",
        "desks": 0,
        "dossiers": 0,
        "events": 0,
        "feedback": 0,
        "ratings": 0,
        "last_sync": None,
        "early": 0,
        "on_time": 0,
        "late": 0,
        "clashes": 0,
        "satisfied": 0,
    }
    assert province.main(["--db", db, "serve", "--host", "0.0.0.0"]) == 1
    assert "--tls-cert" in capsys.readouterr().err
    assert province.main(["--db", db]) == 2


def test_province_data_reaches_the_desk(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    from tests.app.sync.helpers import enrolled_desk

    csv = tmp_path / "catalogue.csv"
    csv.write_text(
        "code,name,field,legal_time,fee,documents,level,deciding_agency\n"
        "T01,Chứng thực bản sao,Chứng thực,0,2.000 đ/trang,Bản chính|original|1,commune,\n"
        "T02,Đăng ký khai sinh,Hộ tịch,0,,Tờ khai|original|1,commune,\n"
        "T03,Cấp Phiếu lý lịch tư pháp,Lý lịch tư pháp,10,,Tờ khai|original|1,province,Sở Tư pháp tỉnh\n",
        encoding="utf-8",
    )
    days = tmp_path / "days.csv"
    days.write_text("day,kind,note\n2026-02-20,off,Nghỉ bù của tỉnh\n", encoding="utf-8")
    form = tmp_path / "receipt.txt"
    form.write_text("Giấy tiếp nhận {code}", encoding="utf-8")
    assert hub.admin("catalogue", "import", str(csv)) == 0
    assert hub.admin("calendar", "import", str(days)) == 0
    assert hub.admin("template", "set", "receipt", str(form)) == 0
    desk = enrolled_desk(tmp_path, clock, hub)
    assert desk.sync.run_once().complete
    assert [p["code"] for p in CatalogueStore(desk.store).procedures()] == ["T01", "T02", "T03"]
    # The level and the deciding agency travel with the province's catalogue.
    judicial = desk.dossiers.procedure("T03")
    assert (judicial.level, judicial.deciding_agency) == ("province", "Sở Tư pháp tỉnh")
    # The province's communes, for reception regardless of boundary.
    assert desk.sync.known_communes() == [("87001", "Xã Tân Thành"), ("87002", "Xã Mỹ Hiệp")]
    assert not desk.calendar.is_working_day(date(2026, 2, 20))
    assert desk.sync.sync_store.template("receipt") == "Giấy tiếp nhận {code}"
    assert desk.sync.sync_store.setting("province_version") == "3"
    desk.close()


def test_province_view(hub: Hub, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from tests.app.sync.helpers import enrolled_desk

    monkeypatch.setattr("sys.stdin", io.StringIO("mat-khau-tinh-1\n"))
    desk = enrolled_desk(tmp_path, clock, hub)
    [code] = receive(desk, 1)
    desk.clock.advance(hours=1)
    desk.dossiers.act(code, "returned", desk.clerk())
    desk.sync.run_once()
    assert httpx.get(hub.url + "/province").status_code == 303  # to the province's sign-in
    hub.admin("user", "add", "chuyenvien", "--password-stdin")
    login = httpx.post(hub.url + "/province/login", data={"name": "chuyenvien", "password": "mat-khau-tinh-1"})
    page = httpx.get(hub.url + "/province?period=month&year=2026&n=2", cookies=login.cookies)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "<td>87001</td><td>Xã Tân Thành</td>" in html
    assert "Quầy 1:" in html and "<td>Xã Mỹ Hiệp</td>" in html
    (tmp_path / "province.html").write_text(html, encoding="utf-8")
    assert httpx.get(hub.url + "/openapi.json").json()["info"]["title"].startswith("MotCua")
    desk.close()


def test_enrolment_tokens_never_look_like_options(tmp_path: Path) -> None:
    from app.province.auth import issue_token
    from db.hub.store import HubStore

    hub = HubStore(tmp_path / "hub.sqlite3")
    hub.add_commune("87001", "Xã Tân Thành", "Đồng Tháp", "2026-02-12T02:00:00+00:00")
    tokens = [issue_token(hub, "87001", 1) for _ in range(300)]
    assert all(t[0].isalnum() and t.isascii() for t in tokens)
    assert len(set(tokens)) == 300
    hub.close()
