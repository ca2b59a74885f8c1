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

    # A commune's own days, as declared (synced as entity "calendar_day")

    DAY_COLUMNS = ("id", "day", "kind", "note", "desk_id", "at", "created_at")

    def add_day(self, row: Mapping[str, Any]) -> bool:
        """A declaration, once (a pulled one may come again); False when it was here already."""
        cols = self.DAY_COLUMNS
        cur = self.conn.execute(
            f"INSERT INTO calendar_days ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
            "ON CONFLICT (id) DO NOTHING",
            [row[c] for c in cols],
        )
        return cur.rowcount > 0

    def latest_day(self, day: str) -> dict[str, Any] | None:
        """The declaration of ``day`` that holds: the latest by time, then id."""
        row = self.conn.execute(
            "SELECT * FROM calendar_days WHERE day = ? ORDER BY at DESC, id DESC LIMIT 1", (day,)
        ).fetchone()
        return dict(row) if row else None
