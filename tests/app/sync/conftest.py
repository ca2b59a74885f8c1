"""Hub fixtures: SQLite always, PostgreSQL when 127.0.0.1:5432 answers (a fresh schema, dropped after)."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.app.sync.hub import Hub

# MOTCUA_TEST_PG points the tests at another server (test_ci_postgres points it at a dead port).
PG_BASE = os.environ.get("MOTCUA_TEST_PG", "postgresql://127.0.0.1:5432/test")


def postgres_available() -> bool:
    parts = urlsplit(PG_BASE)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), timeout=1):
            pass
    except OSError:
        return False
    try:
        import psycopg

        with psycopg.connect(PG_BASE, connect_timeout=3):
            return True
    except Exception:  # any failure to log in means: not available here
        return False


@pytest.fixture
def postgres_url() -> Iterator[str]:
    if not postgres_available():
        reason = f"PostgreSQL is not reachable at {PG_BASE}"
        if os.environ.get("CI"):
            # CI provides the server: a green run must never hide PostgreSQL tests that did not run.
            pytest.fail(f"{reason}; CI must provide it")
        pytest.skip(f"{reason}; it runs in CI")
    import psycopg

    schema = f"motcua_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_BASE, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        # The hub's connections carry the schema's name: a test may end its own hub's backends only.
        yield f"{PG_BASE}?options=-csearch_path%3D{schema}&application_name={schema}"
    finally:
        with psycopg.connect(PG_BASE, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def hub_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "hub.sqlite3")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def hub_db(tmp_path: Path) -> str:
    return str(tmp_path / "hub.sqlite3")


def _running(target: str, tmp_path: Path) -> Iterator[Hub]:
    hub = Hub(target, tmp_path / "hub.log")
    hub.admin("commune", "add", "87001", "Xã Tân Thành", "--province", "Đồng Tháp")
    hub.admin("commune", "add", "87002", "Xã Mỹ Hiệp", "--province", "Đồng Tháp")
    hub.start()
    try:
        yield hub
    finally:
        hub.stop()


@pytest.fixture
def hub(hub_db: str, tmp_path: Path) -> Iterator[Hub]:
    """A running hub on SQLite with communes 87001 and 87002."""
    yield from _running(hub_db, tmp_path)


@pytest.fixture
def any_hub(hub_target: str, tmp_path: Path) -> Iterator[Hub]:
    """The same, once on SQLite and once on PostgreSQL."""
    yield from _running(hub_target, tmp_path)
