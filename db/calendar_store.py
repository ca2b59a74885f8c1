"""SQL for the working calendar's overrides (holidays, make-up days), the province's and the desk's own."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from db.store import Store


class CalendarStore:
    """Calendar overrides, on the desk's one connection."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    # Calendar overrides

    def calendar_overrides(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM calendar_overrides ORDER BY day")]

    def set_calendar_override(self, row: Mapping[str, Any]) -> None:
        with self.store.transaction():
            self.store.db["calendar_overrides"].upsert(dict(row), pk="day")

    def delete_calendar_override(self, day: str) -> None:
        with self.store.transaction():
            self.conn.execute("DELETE FROM calendar_overrides WHERE day = ?", (day,))
