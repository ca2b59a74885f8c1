from __future__ import annotations

import stat
from pathlib import Path

import pytest

from app.core import accounts, keys
from app.core.accounts import InitRequest
from app.core.errors import AlreadyInitialised, AuthenticationFailed, NotInitialised, PermissionDenied, ValidationError
from app.desk import Desk
from db.account_store import AccountStore
from tests.conftest import ADMIN_PASSWORD


def test_init_records_identity_keys_and_admin(desk: Desk) -> None:
    ident = desk.identity
    assert (ident.commune_code, ident.agency_code, ident.desk_no) == ("87001", "87001", 1)
    key_file = keys.key_path(ident.desk_id)
    assert key_file.exists() and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert str(key_file).startswith(str(Path(__import__("os").environ["MOTCUA_KEY_DIR"])))
    raw = desk.store.path.read_bytes()
    assert b"PRIVATE KEY" not in raw
    signature = keys.sign(ident.desk_id, b"hello")
    assert keys.verify(ident.public_key, b"hello", signature)
    assert not keys.verify(ident.public_key, b"hellO", signature)
    assert desk.authenticate("admin", ADMIN_PASSWORD).role == "admin"


def test_init_twice_is_refused(desk: Desk) -> None:
    with pytest.raises(AlreadyInitialised):
        desk.initialise(InitRequest("87001", "Xã A", "Tỉnh B", 1, "admin2", "12345678"))


def test_uninitialised_store_says_so(tmp_path: Path) -> None:
    with Desk.open(tmp_path / "new.sqlite3") as desk, pytest.raises(NotInitialised):
        desk.identity  # noqa: B018


@pytest.mark.parametrize(
    ("req", "field"),
    [
        (InitRequest("8700", "Xã A", "Tỉnh B", 1, "admin", "12345678"), "commune"),
        (InitRequest("87001", "Xã A", "Tỉnh B", 10, "admin", "12345678"), "desk"),
        (InitRequest("87001", "Xã A", "Tỉnh B", 1, "Admin!", "12345678"), "username"),
        (InitRequest("87001", "Xã A", "Tỉnh B", 1, "admin", "short"), "password"),
        (InitRequest("87001", "Xã A", "Tỉnh B", 1, "admin", "12345678", agency_code="H12..3"), "agency_code"),
    ],
)
def test_bad_init_is_refused(tmp_path: Path, req: InitRequest, field: str) -> None:
    with Desk.open(tmp_path / "x.sqlite3") as desk:
        with pytest.raises(ValidationError) as info:
            desk.initialise(req)
        assert info.value.field == field
        assert not desk.initialised


def test_clerks_and_roles(desk: Desk, admin) -> None:
    clerk = accounts.add_clerk(
        desk.store,
        admin,
        username="lan",
        full_name="Phạm Thị Lan",
        role="clerk",
        password="lan-12345",
        clock=desk.clock,
    )
    assert desk.authenticate("lan", "lan-12345") == clerk
    with pytest.raises(AuthenticationFailed):
        desk.authenticate("lan", "wrong-password")
    with pytest.raises(AuthenticationFailed):
        desk.authenticate("nobody", "lan-12345")
    with pytest.raises(PermissionDenied):
        accounts.add_clerk(
            desk.store, clerk, username="x", full_name="Lê X", role="clerk", password="12345678", clock=desk.clock
        )
    with pytest.raises(ValidationError) as info:
        accounts.add_clerk(
            desk.store, admin, username="lan", full_name="Lê Lan", role="clerk", password="12345678", clock=desk.clock
        )
    assert info.value.field == "username"
    stored = AccountStore(desk.store).clerk_by_username("lan")["password_hash"]
    assert stored.startswith("$argon2") and "lan-12345" not in stored
