"""SQL for the catalogue of administrative procedures the desk receives dossiers for."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from db.store import Store


class CatalogueStore:
    """The procedures, on the desk's one connection."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    # Procedures

    def replace_procedures(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """A catalogue import replaces the active list; dossiers keep their own snapshot."""
        with self.store.transaction():
            self.conn.execute("UPDATE procedures SET active = 0")
            self.store.db["procedures"].upsert_all([dict(r, active=1) for r in rows], pk="code")

    def procedures(self, *, active_only: bool = True) -> list[dict[str, Any]]:
        where = "WHERE active = 1" if active_only else ""
        return [dict(r) for r in self.conn.execute(f"SELECT * FROM procedures {where} ORDER BY code")]

    def procedure(self, code: str) -> dict[str, Any] | None:
        return self.store.one("SELECT * FROM procedures WHERE code = ?", (code,))
