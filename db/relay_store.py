"""SQL of other desks' changes kept to hand a restored hub what it lost of them (app.sync.relay)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from db.store import Store

CHANGE_COLUMNS = ("db_id", "seq", "entity", "entity_id", "op", "payload", "digest", "created_at")
SEAL_COLUMNS = ("db_id", "first_seq", "last_seq", "desk_id", "signature", "missing")


class RelayStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    def add_changes(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Pulled again (a pull resumed after a restored hub): the first copy stands."""
        self.conn.executemany(
            f"INSERT OR IGNORE INTO relay_changes ({', '.join(CHANGE_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(CHANGE_COLUMNS))})",
            [[r[c] for c in CHANGE_COLUMNS] for r in rows],
        )

    def add_seals(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.conn.executemany(
            f"INSERT OR IGNORE INTO relay_seals ({', '.join(SEAL_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(SEAL_COLUMNS))})",
            [[r[c] for c in SEAL_COLUMNS] for r in rows],
        )

    def histories(self) -> list[tuple[str, str]]:
        """(desk, history) of every sealed range this desk holds."""
        return [
            (r[0], r[1])
            for r in self.conn.execute("SELECT DISTINCT desk_id, db_id FROM relay_seals ORDER BY desk_id, db_id")
        ]

    def seals_after(self, db_id: str, after_seq: int) -> list[dict[str, Any]]:
        """The seals of a history that reach beyond ``after_seq``, in order."""
        return self.store.all(
            "SELECT * FROM relay_seals WHERE db_id = ? AND last_seq > ? ORDER BY first_seq, last_seq",
            (db_id, after_seq),
        )

    def changes(self, db_id: str, first: int, last: int) -> list[dict[str, Any]]:
        return self.store.all(
            "SELECT * FROM relay_changes WHERE db_id = ? AND seq BETWEEN ? AND ? ORDER BY seq", (db_id, first, last)
        )
