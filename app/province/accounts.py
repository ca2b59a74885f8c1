"""Province accounts: who may open the dashboard and the JSON endpoints.

An officer signs in with a name and password (argon2, app.core.passwords, as the desk's clerks) and
gets a session: a random secret in a cookie, of which the hub keeps only the SHA-256, ending after
``SESSION_HOURS`` or at sign-out. A script uses a bearer token made by ``motcua-province token add``.
Guessing is slowed: after ``MAX_FAILURES`` wrong passwords for one name (or ``MAX_FROM_ADDRESS`` from
one address) within ``WINDOW`` seconds, sign-in is refused without looking at the password.
"""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.core import passwords
from app.core.errors import AuthenticationFailed, NotFound
from app.sync.protocol import token_hash
from db.hub.account_store import AccountStore
from db.hub.store import HubStore

SESSION_HOURS = 8
WINDOW = 15 * 60
MAX_FAILURES = 5
MAX_FROM_ADDRESS = 20
# What a sign-in may bring to the database: user names as app.core.passwords allows them, addresses.
_NAME = re.compile(r"[a-z0-9_.-]{2,32}")
_ADDRESS = re.compile(r"[0-9A-Fa-f.:]{1,64}")


class TooManyAttempts(AuthenticationFailed):
    """Sign-in refused for a while after repeated wrong passwords."""


@dataclass(frozen=True)
class Officer:
    name: str
    kind: str  # "session" (the page) or "token" (a script)


def _now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def add_user(hub: HubStore, name: str, password: str) -> None:
    """A new account, or a new password for an existing one (which signs it out everywhere)."""
    passwords.check_username(name)
    passwords.check_password(password)
    AccountStore(hub).put_user(name, passwords.hash_password(password), _stamp(_now()))


def _known(store: AccountStore, name: str) -> None:
    if store.user(name) is None:
        raise NotFound(f"Không có tài khoản «{name}».", f"There is no account '{name}'.", field="name")


def disable_user(hub: HubStore, name: str) -> None:
    store = AccountStore(hub)
    _known(store, name)
    store.disable_user(name, _stamp(_now()))


def add_token(hub: HubStore, name: str, label: str = "") -> str:
    """A bearer token for scripts, kept (as its hash) until revoked; returned once."""
    store = AccountStore(hub)
    _known(store, name)
    token = "mcp_" + secrets.token_hex(24)
    store.add_secret(token_hash(token), name, "token", label, _stamp(_now()), None)
    return token


def revoke_tokens(hub: HubStore, name: str, label: str | None = None) -> int:
    store = AccountStore(hub)
    _known(store, name)
    return store.revoke_tokens(name, label)


def sign_in(hub: HubStore, name: str, password: str, address: str) -> str:
    """A new session's secret, or AuthenticationFailed (TooManyAttempts while guessing is slowed)."""
    store = AccountStore(hub)
    name = (name or "").strip()
    if not _NAME.fullmatch(name):  # never a NUL or anything odd to the database: counted as one unknown name
        name = "?"
    address = address[:64] if _ADDRESS.fullmatch(address[:64]) else "?"
    epoch = int(time.time())
    by_name, by_address = store.failures(name, address, epoch - WINDOW)
    if by_name >= MAX_FAILURES or by_address >= MAX_FROM_ADDRESS:
        raise TooManyAttempts(
            "Đăng nhập sai quá nhiều lần; hãy thử lại sau 15 phút.",
            "Too many failed sign-ins; try again in 15 minutes.",
        )
    user = store.user(name) if name != "?" else None
    ok = user is not None and user["disabled_at"] is None and passwords.verify(user["password_hash"], password)
    if not ok or user is None:
        store.add_failure(name, address, epoch, epoch - WINDOW)
        raise AuthenticationFailed("Sai tên đăng nhập hoặc mật khẩu.", "Wrong user name or password.")
    if passwords.needs_rehash(user["password_hash"]):
        store.set_hash(name, passwords.hash_password(password))
    store.clear_failures(name)
    now = _now()
    store.drop_expired(_stamp(now))
    secret = secrets.token_urlsafe(32)
    store.add_secret(token_hash(secret), name, "session", "", _stamp(now), _stamp(now + timedelta(hours=SESSION_HOURS)))
    return secret


def officer(hub: HubStore, secret: str | None, kind: str) -> Officer | None:
    """Who holds this session secret (kind "session") or bearer token (kind "token"), if still valid."""
    if not secret or len(secret) > 200 or not secret.isascii():
        return None
    row = AccountStore(hub).holder(token_hash(secret), _stamp(_now()))
    if row is None or row["kind"] != kind:
        return None
    return Officer(row["user_name"], row["kind"])


def sign_out(hub: HubStore, secret: str | None) -> None:
    if secret and secret.isascii() and len(secret) <= 200:
        AccountStore(hub).drop_secret(token_hash(secret))
