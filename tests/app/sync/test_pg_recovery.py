"""Issue 11, finding 2: the PostgreSQL hub survives its database going away.

The hub's own backends are ended with pg_terminate_backend (found by the application_name the test's
URL gives, so no other test's connections are touched), and the database is made unreachable by
putting a loopback proxy between hub and server and having it refuse connections. Meanwhile every
request answers 503 with Retry-After (never 500), /health says the database does not answer, and
within seconds of the database coming back everything works again without restarting the hub.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import psycopg
import pytest

from app.core.clock import FixedClock
from tests.app.sync.conftest import PG_BASE
from tests.app.sync.helpers import enrolled_desk, hub_counts, receive
from tests.app.sync.hub import Hub
from tests.app.sync.proxy import Proxy

pytestmark = pytest.mark.postgres


def _terminate(app_name: str) -> int:
    with psycopg.connect(PG_BASE, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s", (app_name,)
        ).fetchall()
    return len(rows)


def _app_name(url: str) -> str:
    return parse_qs(urlsplit(url).query)["application_name"][0]


def _recovered_within(hub: Hub, seconds: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        answer = httpx.get(hub.url + "/health", timeout=10)
        assert answer.status_code in (200, 503), answer.text
        if answer.status_code == 200:
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"the hub did not recover within {seconds} s")


def test_backends_terminated_under_the_hub(postgres_url: str, tmp_path: Path, clock: FixedClock) -> None:
    hub = Hub(postgres_url, tmp_path / "hub.log")
    hub.admin("commune", "add", "87001", "Xã Tân Thành")
    hub.start()
    try:
        desk = enrolled_desk(tmp_path, clock, hub)
        receive(desk, 2)
        assert desk.sync.run_once().complete
        assert _terminate(_app_name(postgres_url)) >= 1
        statuses = [httpx.get(hub.url + "/health", timeout=10).status_code for _ in range(5)]
        assert set(statuses) <= {200, 503}
        print(f"after pg_terminate_backend: {statuses}, healthy after {_recovered_within(hub, 10):.2f} s")
        receive(desk, 2)
        report = desk.sync.run_once()
        assert report.complete, report.error
        assert hub_counts(hub)["dossiers"] == 4
        desk.close()
    finally:
        hub.stop()


def test_database_unreachable_then_back(postgres_url: str, tmp_path: Path, clock: FixedClock) -> None:
    parts = urlsplit(postgres_url)
    with Proxy(parts.port or 5432) as proxy:
        through = postgres_url.replace(f"{parts.hostname}:{parts.port}", f"127.0.0.1:{proxy.port}")
        hub = Hub(through, tmp_path / "hub.log")
        hub.admin("commune", "add", "87001", "Xã Tân Thành")
        hub.start()
        try:
            desk = enrolled_desk(tmp_path, clock, hub)
            receive(desk, 1)
            assert desk.sync.run_once().complete
            proxy.refuse = True  # the database is gone: no new connection, the open ones ended
            _terminate(_app_name(postgres_url))
            started = time.monotonic()
            health = httpx.get(hub.url + "/health", timeout=30)
            assert (health.status_code, health.json()["database"]) == (503, "unreachable")
            assert health.headers["retry-after"] == "5"
            keys = httpx.get(hub.url + "/v1/communes/87001/keys", timeout=30)
            assert keys.status_code == 503 and keys.headers["retry-after"] == "5", keys.text
            assert keys.json()["error"] == "unavailable"
            receive(desk, 1)
            down = desk.sync.run_once()
            assert not down.complete and down.error_en.startswith("The hub answered 503")
            assert time.monotonic() - started < 20  # refused quickly, not after a long hang
            proxy.refuse = False  # the database is back
            took = _recovered_within(hub, 15)
            print(f"database back: healthy after {took:.2f} s")
            again = desk.sync.run_once()
            assert again.complete, again.error
            assert hub_counts(hub)["dossiers"] == 2
            desk.close()
        finally:
            hub.stop()
