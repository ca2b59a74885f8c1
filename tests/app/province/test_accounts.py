"""Province accounts: who may see the dashboard and the JSON endpoints, and what stays public."""

from __future__ import annotations

import io
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from app.core.errors import AuthenticationFailed
from app.province import accounts
from app.province import cli as province_cli
from db.hub.store import HubStore
from tests.app.province.conftest import OFFICER, PASSWORD, add_officer, sign_in
from tests.app.sync.hub import Hub

PRIVATE = ("/v1/stats", "/province/scorecard.json", "/province/export.xlsx")


def test_the_province_pages_need_a_login_and_the_public_ones_do_not(hub: Hub) -> None:
    page = httpx.get(hub.url + "/province?period=month", timeout=10)
    assert page.status_code == 303 and page.headers["location"] == "/province/login?next=/province%3Fperiod%3Dmonth"
    for path in PRIVATE:
        answer = httpx.get(hub.url + path, timeout=10)
        assert answer.status_code == 401, path
        assert answer.json()["error"] == "login_required" and answer.headers["www-authenticate"].startswith("Bearer")
    assert httpx.get(hub.url + "/health", timeout=10).status_code == 200
    assert httpx.get(hub.url + "/openapi.json", timeout=10).status_code == 200
    assert httpx.get(hub.url + "/public/87001", timeout=10).status_code == 200
    assert httpx.get(hub.url + "/tra-cuu/not-a-payload", timeout=10).status_code in (200, 400, 404)
    assert httpx.get(hub.url + "/v1/communes/87001/keys", timeout=10).status_code == 200
    assert httpx.get(hub.url + "/v1/pull", timeout=10).json()["error"] == "unauthenticated"  # signed, not logged in
    form = httpx.get(hub.url + "/province/login", timeout=10)
    assert form.status_code == 200 and "Mật khẩu" in form.text
    assert "Password" in httpx.get(hub.url + "/province/login?lang=en", timeout=10).text


def test_sign_in_session_cookie_and_sign_out(hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    add_officer(hub, monkeypatch)
    wrong = sign_in(hub, password="not-the-password")
    assert wrong.status_code == 401 and "Sai tên đăng nhập hoặc mật khẩu." in wrong.text and not wrong.cookies
    assert sign_in(hub, name="nobody").status_code == 401
    answer = httpx.post(
        hub.url + "/province/login",
        data={"name": OFFICER, "password": PASSWORD, "next": "/province?lang=en"},
        timeout=30,
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/province?lang=en"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Max-Age=28800" in cookie and "Path=/" in cookie
    secret = answer.cookies["motcua_session"]
    assert len(secret) >= 40
    with httpx.Client(base_url=hub.url, cookies={"motcua_session": secret}, timeout=30) as client:
        assert client.get("/province").status_code == 200
        assert client.get("/v1/stats").json()["communes"][0]["code"] == "87001"
        out = client.post("/province/logout")
        assert out.status_code == 303 and 'motcua_session=""' in out.headers["set-cookie"]
    # The secret is dead on the hub, not only forgotten by the browser.
    again = httpx.get(hub.url + "/v1/stats", cookies={"motcua_session": secret}, timeout=10)
    assert again.status_code == 401
    # Never a redirect to another site after signing in.
    away = httpx.post(
        hub.url + "/province/login", data={"name": OFFICER, "password": PASSWORD, "next": "//evil.example/"}, timeout=30
    )
    assert away.headers["location"] == "/province"


def test_a_wrong_password_waits_without_holding_the_hub(
    hub_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The delay slows each guess, not the hub: wrong passwords sent together wait side by side, and
    the hub answers other requests meanwhile."""
    delay = 1.0
    slow = Hub(hub_db, tmp_path / "slow-hub.log", login_delay=delay)
    add_officer(slow, monkeypatch)
    slow.start()
    try:

        def wrong(n: int) -> tuple[int, float]:
            started = time.monotonic()
            answer = sign_in(slow, name=f"ten{n}", password="sai-mat-khau")
            return answer.status_code, time.monotonic() - started

        started = time.monotonic()
        with ThreadPoolExecutor(4) as pool:
            guesses = [pool.submit(wrong, n) for n in range(4)]
            time.sleep(delay / 4)
            health = time.monotonic()
            assert httpx.get(slow.url + "/health", timeout=10).status_code == 200
            health = time.monotonic() - health
            answers = [g.result() for g in guesses]
        total = time.monotonic() - started
        assert all(status == 401 and took >= delay for status, took in answers), answers
        assert health < delay, health
        assert total < 3 * delay, total  # serial waits would take 4 s
    finally:
        slow.stop()


def test_login_delay_must_be_sensible(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = str(tmp_path / "hub.sqlite3")
    for bad in ("-1", "nan", "31"):
        assert province_cli.main(["--db", db, "--lang", "en", "serve", "--login-delay", bad]) == 1
        assert "--login-delay must be between 0 and 30 seconds." in capsys.readouterr().err


def test_bearer_tokens_for_scripts(hub: Hub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    add_officer(hub, monkeypatch)
    capsys.readouterr()
    assert hub.admin("token", "add", OFFICER, "--label", "bao-cao") == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert token.startswith("mcp_")
    bearer = {"authorization": f"Bearer {token}"}
    assert httpx.get(hub.url + "/v1/stats", headers=bearer, timeout=10).status_code == 200
    assert httpx.get(hub.url + "/province/scorecard.json?period=month", headers=bearer, timeout=30).status_code == 200
    assert httpx.get(hub.url + "/v1/stats", headers={"authorization": "Bearer mcp_x"}, timeout=10).status_code == 401
    session = sign_in(hub).cookies["motcua_session"]  # a page's session is not a script's token
    assert (
        httpx.get(hub.url + "/v1/stats", headers={"authorization": f"Bearer {session}"}, timeout=10).status_code == 401
    )
    assert hub.admin("token", "revoke", OFFICER) == 0
    assert httpx.get(hub.url + "/v1/stats", headers=bearer, timeout=10).status_code == 401
    assert hub.admin("user", "disable", OFFICER) == 0
    assert sign_in(hub).status_code == 401


def test_guessing_is_refused_after_five_wrong_passwords(tmp_path: Path) -> None:
    hub = HubStore(tmp_path / "hub.sqlite3")
    accounts.add_user(hub, "chuyenvien", "mat-khau-tinh-1")
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(AuthenticationFailed) as wrong:
            accounts.sign_in(hub, "chuyenvien", "doan-mo-1", "10.0.0.9")
        assert not isinstance(wrong.value, accounts.TooManyAttempts)
    with pytest.raises(accounts.TooManyAttempts):  # even the right password, for a while
        accounts.sign_in(hub, "chuyenvien", "mat-khau-tinh-1", "10.0.0.9")
    accounts.add_user(hub, "khac", "mat-khau-tinh-2")
    for n in range(accounts.MAX_FROM_ADDRESS):  # one address trying many names
        with pytest.raises(AuthenticationFailed):
            accounts.sign_in(hub, f"ten{n}", "sai-mat-khau", "10.0.0.7")
    with pytest.raises(accounts.TooManyAttempts):
        accounts.sign_in(hub, "khac", "mat-khau-tinh-2", "10.0.0.7")
    assert accounts.sign_in(hub, "khac", "mat-khau-tinh-2", "10.0.0.8")  # from elsewhere, still served
    hub.close()


def test_user_add_refuses_bad_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    db = str(tmp_path / "hub.sqlite3")
    monkeypatch.setattr("sys.stdin", io.StringIO("ngan\n"))
    assert province_cli.main(["--db", db, "--lang", "en", "user", "add", "chuyenvien", "--password-stdin"]) == 1
    assert capsys.readouterr().err == "The password must have at least 8 characters.\n"
    monkeypatch.setattr("sys.stdin", io.StringIO("mat-khau-tinh-1\n"))
    assert province_cli.main(["--db", db, "user", "add", "Chuyên Viên", "--password-stdin"]) == 1
    assert "Tên đăng nhập" in capsys.readouterr().err
    assert province_cli.main(["--db", db, "token", "add", "nobody"]) == 1
    assert capsys.readouterr().err == "Không có tài khoản «nobody».\n"
