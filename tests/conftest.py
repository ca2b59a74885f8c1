"""Every test runs isolated: its own data, config and key folders, a fixed time zone, offscreen Qt."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TZ"] = "Asia/Ho_Chi_Minh"
time.tzset()

from app.core.accounts import InitRequest  # noqa: E402
from app.core.clock import FixedClock  # noqa: E402
from app.core.records import Clerk  # noqa: E402
from app.core.worktime import VN_TZ  # noqa: E402
from app.desk import Desk  # noqa: E402

ADMIN_PASSWORD = "mat-khau-123"

# Command-line tools some tests read our output with, and the Debian package that has each.
TOOL_PACKAGES = {
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "pdffonts": "poppler-utils",
    "zbarimg": "zbar-tools",
    "sqlite3": "sqlite3",
    "libreoffice": "libreoffice-calc-nogui",
}


def pytest_runtest_setup(item: pytest.Item) -> None:
    """``@pytest.mark.tools("zbarimg", …)``: skip, naming the package, when a tool is missing — but
    fail under CI, which installs them all, so a green CI never hides a skipped check."""
    for mark in item.iter_markers("tools"):
        missing = [t for t in mark.args if shutil.which(t) is None]
        if missing:
            reason = "needs " + ", ".join(f"{t} (Debian package {TOOL_PACKAGES.get(t, t)})" for t in missing)
            if os.environ.get("CI"):
                pytest.fail(f"{reason}; .ci/run must install it")
            pytest.skip(reason)


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("MOTCUA_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("MOTCUA_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("MOTCUA_KEY_DIR", str(home / "config" / "keys"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg"))  # QSettings on Linux
    monkeypatch.delenv("MOTCUA_DB", raising=False)
    return home


@pytest.fixture(autouse=True)
def close_every_desk(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Desk]]:
    """Every desk a test opens, however it opened it, is closed when the test ends (WAL checkpointed,
    file handles released), so no test leaks an open store into the next."""
    opened: list[Desk] = []
    original = Desk.__init__

    def tracking_init(self: Desk, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        opened.append(self)

    monkeypatch.setattr(Desk, "__init__", tracking_init)
    yield opened
    for desk in reversed(opened):
        desk.close()


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Production argon2 parameters cost ~0.1 s per hash; tests check behaviour, not hardness."""
    from argon2 import PasswordHasher

    import app.core.passwords

    monkeypatch.setattr(app.core.passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def clock() -> FixedClock:
    """Thursday 12 February 2026, 09:00 local: a working day a few days before Tết."""
    return FixedClock(datetime(2026, 2, 12, 9, 0, tzinfo=VN_TZ))


def make_desk(
    path: Path, clock: FixedClock, *, commune: str = "87001", desk_no: int = 1, agency_code: str | None = None
) -> Desk:
    desk = Desk.open(path, clock)
    desk.initialise(
        InitRequest(
            commune_code=commune,
            commune_name="Xã Tân Thành",
            province="Đồng Tháp",
            desk_no=desk_no,
            admin_username="admin",
            admin_password=ADMIN_PASSWORD,
            admin_full_name="Trần Văn Quản",
            agency_code=agency_code,
        )
    )
    return desk


@pytest.fixture
def desk(tmp_path: Path, clock: FixedClock) -> Iterator[Desk]:
    """An initialised desk on a real SQLite file (WAL), commune 87001, desk 1, starter catalogue."""
    d = make_desk(tmp_path / "desk.sqlite3", clock)
    yield d
    d.close()


@pytest.fixture
def admin(desk: Desk) -> Clerk:
    return desk.clerk()


@pytest.fixture
def clerk(desk: Desk, admin: Clerk) -> Clerk:
    """A reception clerk of the desk (role clerk)."""
    from app.core import accounts

    return accounts.add_clerk(
        desk.store,
        admin,
        username="nhanvien",
        full_name="Lý Văn Nhận",
        role="clerk",
        password=ADMIN_PASSWORD,
        clock=desk.clock,
    )


@pytest.fixture
def leader(desk: Desk, admin: Clerk) -> Clerk:
    """A commune leader (role leader): may read a denouncer's identity."""
    from app.core import accounts

    return accounts.add_clerk(
        desk.store,
        admin,
        username="chutich",
        full_name="Đỗ Văn Lãnh",
        role="leader",
        password=ADMIN_PASSWORD,
        clock=desk.clock,
    )


def dossier_input(**overrides: object) -> dict:
    """A valid ``receive`` input (shared/CLI.md), procedure HT04 (3 working days)."""
    data: dict = {
        "applicant": {
            "full_name": "Nguyễn Thị Đào",
            "cccd": "087186001234",
            "phone": "0912345678",
            "address": "Ấp Tân Hòa, xã Tân Thành, Đồng Tháp",
            "email": None,
        },
        "procedure": "HT04",
        "documents": [{"name": "Tờ khai", "kind": "original", "count": 1}],
        "sets": 1,
        "channel": "direct",
        "notes": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def sample_input() -> dict:
    return dossier_input()


@pytest.fixture
def broken_store(tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """``broken_store(cause)``: the path of a real store file that will not open for that cause.

    newer: a desk's file whose user_version is above this program's migrations. read_only: a desk's
    file the process may not write (immutable when the tests run as root, where permissions do not
    bind). corrupt: random bytes. disk_full: a new file on a "disk" with no room, made by SQLite's
    own page limit (PRAGMA max_page_count) on every connection the store opens.
    """
    import sqlite3
    import subprocess

    import db.store
    from db.connection import LATEST_VERSION, connect

    locked: list[Path] = []

    def make(cause: str) -> Path:
        path = tmp_path / f"{cause}.sqlite3"
        if cause == "newer":
            make_desk(path, clock).close()
            with sqlite3.connect(path) as conn:
                conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
        elif cause == "read_only":
            make_desk(path, clock).close()
            if os.geteuid() == 0:
                subprocess.run(["chattr", "+i", str(path)], check=True)
                locked.append(path)
            else:
                path.chmod(0o444)
        elif cause == "corrupt":
            path.write_bytes(os.urandom(16384))
        elif cause == "disk_full":

            def full(target: str | Path) -> sqlite3.Connection:
                conn = connect(target)
                pages = conn.execute("PRAGMA page_count").fetchone()[0]
                conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
                return conn

            monkeypatch.setattr(db.store, "connect", full)
        else:
            raise ValueError(cause)
        return path

    yield make
    for path in locked:
        subprocess.run(["chattr", "-i", str(path)], check=True)
