"""SQL for the province's accounts: users, signed-in sessions and scripts' tokens, failed sign-ins."""

from __future__ import annotations

from typing import Any

from db.hub.store import HubStore


class AccountStore:
    def __init__(self, hub: HubStore) -> None:
        self.hub = hub
        self.backend = hub.backend

    def put_user(self, name: str, password_hash: str, now: str) -> None:
        """A new account, or a new password for an existing one (its sessions end)."""
        with self.hub.transaction():
            self.backend.execute(
                "INSERT INTO province_users (name, password_hash, created_at) VALUES (?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, disabled_at = NULL",
                (name, password_hash, now),
            )
            self.backend.execute("DELETE FROM province_sessions WHERE user_name = ? AND kind = 'session'", (name,))

    def user(self, name: str) -> dict[str, Any] | None:
        return self.backend.one("SELECT * FROM province_users WHERE name = ?", (name,))

    def users(self) -> list[dict[str, Any]]:
        return self.backend.all("SELECT name, created_at, disabled_at FROM province_users ORDER BY name")

    def set_hash(self, name: str, password_hash: str) -> None:
        self.backend.execute("UPDATE province_users SET password_hash = ? WHERE name = ?", (password_hash, name))

    def disable_user(self, name: str, now: str) -> int:
        with self.hub.transaction():
            count = self.backend.execute(
                "UPDATE province_users SET disabled_at = ? WHERE name = ? AND disabled_at IS NULL", (now, name)
            )
            self.backend.execute("DELETE FROM province_sessions WHERE user_name = ?", (name,))
        return count

    # Sessions and tokens

    def add_secret(self, secret_hash: str, user: str, kind: str, label: str, now: str, expires: str | None) -> None:
        with self.hub.transaction():
            self.backend.execute(
                "INSERT INTO province_sessions (secret_hash, user_name, kind, label, created_at, expires_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (secret_hash, user, kind, label, now, expires),
            )

    def holder(self, secret_hash: str, now: str) -> dict[str, Any] | None:
        """The active user a secret belongs to, if it has not expired."""
        return self.backend.one(
            "SELECT s.user_name, s.kind FROM province_sessions s JOIN province_users u ON u.name = s.user_name "
            "WHERE s.secret_hash = ? AND u.disabled_at IS NULL AND (s.expires_at IS NULL OR s.expires_at > ?)",
            (secret_hash, now),
        )

    def drop_secret(self, secret_hash: str) -> None:
        self.backend.execute("DELETE FROM province_sessions WHERE secret_hash = ?", (secret_hash,))

    def drop_expired(self, now: str) -> None:
        self.backend.execute("DELETE FROM province_sessions WHERE expires_at IS NOT NULL AND expires_at <= ?", (now,))

    def revoke_tokens(self, user: str, label: str | None) -> int:
        if label is None:
            return self.backend.execute("DELETE FROM province_sessions WHERE user_name = ? AND kind = 'token'", (user,))
        return self.backend.execute(
            "DELETE FROM province_sessions WHERE user_name = ? AND kind = 'token' AND label = ?", (user, label)
        )

    # Failed sign-ins

    def add_failure(self, user: str, address: str, at: int, keep_after: int) -> None:
        with self.hub.transaction():
            self.backend.execute("DELETE FROM login_failures WHERE at < ?", (keep_after,))
            self.backend.execute(
                "INSERT INTO login_failures (user_name, address, at) VALUES (?, ?, ?)", (user, address, at)
            )

    def failures(self, user: str, address: str, since: int) -> tuple[int, int]:
        """(failures for this name, failures from this address) since ``since``."""
        row = self.backend.one(
            "SELECT SUM(CASE WHEN user_name = ? THEN 1 ELSE 0 END) AS by_user, "
            "SUM(CASE WHEN address = ? THEN 1 ELSE 0 END) AS by_address FROM login_failures WHERE at >= ?",
            (user, address, since),
        )
        return int((row or {}).get("by_user") or 0), int((row or {}).get("by_address") or 0)

    def clear_failures(self, user: str) -> None:
        self.backend.execute("DELETE FROM login_failures WHERE user_name = ?", (user,))
