"""SQL for the desk's clerks and the desks' public keys (who may sign in here, who signs a change)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from db.store import Store


class AccountStore:
    """Clerks and desk keys, on the desk's one connection."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    # Clerks

    def insert_clerk(self, row: Mapping[str, Any]) -> None:
        self.store.db["clerks"].insert(dict(row))

    def clerk_by_username(self, username: str) -> dict[str, Any] | None:
        return self.store.one("SELECT * FROM clerks WHERE username = ?", (username,))

    def clerk_by_id(self, clerk_id: str) -> dict[str, Any] | None:
        return self.store.one("SELECT * FROM clerks WHERE id = ?", (clerk_id,))

    def clerks(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM clerks ORDER BY created_at, username")]

    def first_admin(self) -> dict[str, Any] | None:
        return self.store.one(
            "SELECT * FROM clerks WHERE role = 'admin' AND active = 1 ORDER BY created_at, rowid LIMIT 1"
        )

    def update_clerk(self, clerk_id: str, values: Mapping[str, Any]) -> None:
        self.store.db["clerks"].update(clerk_id, dict(values))

    # Desk keys

    def upsert_desk_key(self, row: Mapping[str, Any]) -> None:
        with self.store.transaction():
            self.store.db["desk_keys"].upsert(dict(row), pk="desk_id")

    def desk_key(self, desk_id: str) -> dict[str, Any] | None:
        return self.store.one("SELECT * FROM desk_keys WHERE desk_id = ?", (desk_id,))

    def desk_key_by_number(self, commune_code: str, desk_no: int) -> dict[str, Any] | None:
        return self.store.one(
            "SELECT * FROM desk_keys WHERE commune_code = ? AND desk_no = ? AND revoked = 0",
            (commune_code, desk_no),
        )
