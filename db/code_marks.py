"""The high-water mark of each day's dossier numbering, kept OUTSIDE the store (in the config folder).

A restored backup rolls the store back, and with it the highest code the store knows; this small file
is not rolled back, so numbering continues above every code this PC ever issued. It is written, and
synced to disk, before a code is issued. A desk this file does not know yet (a new PC, a wiped config
folder) is marked ``lost`` from that day: until a complete pull from the hub tells it what was issued,
codes for days up to then start past a margin (``app.reception.service``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db.files import private_dir, private_file

SCHEMA = """
CREATE TABLE IF NOT EXISTS marks (
    desk_id TEXT NOT NULL,
    prefix TEXT NOT NULL,
    high INTEGER NOT NULL,
    PRIMARY KEY (desk_id, prefix)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS desks (
    desk_id TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('ok', 'lost')),
    since TEXT NOT NULL
) WITHOUT ROWID;
"""


class CodeMarks:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        private_dir(self.path.parent)
        # A rollback journal, not WAL: one small file that a copy of the config folder takes whole.
        self.conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False, timeout=10)
        private_file(self.path)
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.executescript(SCHEMA)

    def close(self) -> None:
        self.conn.close()

    def set_synchronous(self, mode: str) -> None:
        """Bulk loads (demo data) follow the store's choice; a clerk's receptions stay FULL."""
        if mode.upper() not in {"OFF", "NORMAL", "FULL"}:
            raise ValueError(mode)
        self.conn.execute(f"PRAGMA synchronous = {mode.upper()}")

    # Which desks this PC has numbered for

    def state(self, desk_id: str) -> tuple[str, str] | None:
        row = self.conn.execute("SELECT state, since FROM desks WHERE desk_id = ?", (desk_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def set_state(self, desk_id: str, state: str, since: str) -> None:
        self.conn.execute(
            "INSERT INTO desks (desk_id, state, since) VALUES (?, ?, ?) "
            "ON CONFLICT (desk_id) DO UPDATE SET state = excluded.state, since = excluded.since",
            (desk_id, state, since),
        )

    def lost_since(self, desk_id: str) -> str | None:
        found = self.state(desk_id)
        return found[1] if found and found[0] == "lost" else None

    # The marks

    def high(self, desk_id: str, prefix: str) -> int | None:
        row = self.conn.execute("SELECT high FROM marks WHERE desk_id = ? AND prefix = ?", (desk_id, prefix)).fetchone()
        return row[0] if row else None

    def highs(self, desk_id: str) -> dict[str, int]:
        """Every day prefix this PC numbered for the desk, with its mark."""
        return dict(self.conn.execute("SELECT prefix, high FROM marks WHERE desk_id = ?", (desk_id,)).fetchall())

    def raise_to(self, desk_id: str, prefix: str, number: int) -> None:
        """Durable when this returns (synchronous FULL): the caller issues the code only afterwards."""
        self.conn.execute(
            "INSERT INTO marks (desk_id, prefix, high) VALUES (?, ?, ?) "
            "ON CONFLICT (desk_id, prefix) DO UPDATE SET high = MAX(high, excluded.high)",
            (desk_id, prefix, number),
        )

    def raise_many(self, desk_id: str, highs: dict[str, int]) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            for prefix, number in highs.items():
                self.raise_to(desk_id, prefix, number)
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
