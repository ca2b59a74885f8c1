"""A running hub with a province account, and a signed-in HTTP client."""

from __future__ import annotations

import io
from collections.abc import Iterator

import httpx
import pytest

from tests.app.sync.conftest import any_hub, hub, hub_db, hub_target, postgres_url  # noqa: F401  (fixtures)
from tests.app.sync.hub import Hub

OFFICER, PASSWORD = "chuyenvien", "mat-khau-tinh-1"


def add_officer(
    hub: Hub,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    name: str = OFFICER,
    password: str = PASSWORD,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    assert hub.admin("user", "add", name, "--password-stdin") == 0


def sign_in(
    hub: Hub,  # noqa: F811
    name: str = OFFICER,
    password: str = PASSWORD,
) -> httpx.Response:
    return httpx.post(hub.url + "/province/login", data={"name": name, "password": password}, timeout=30)


@pytest.fixture
def officer(hub: Hub, monkeypatch: pytest.MonkeyPatch) -> Iterator[httpx.Client]:  # noqa: F811
    """A client signed in to the hub as a province officer."""
    add_officer(hub, monkeypatch)
    answer = sign_in(hub)
    assert answer.status_code == 303
    with httpx.Client(base_url=hub.url, cookies=answer.cookies, timeout=60) as client:
        yield client
