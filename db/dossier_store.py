"""SQL for dossiers, their immutable events, their search index and the code counters.

The caller (app.reception.service) writes a dossier or an event with its outbox entry through
``app.core.history.record``, in one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from db.store import Store

DOSSIER_COLUMNS = (
    "id",
    "code",
    "procedure_code",
    "procedure_name",
    "legal_time",
    "applicant_name",
    "applicant_cccd",
    "applicant_phone",
    "applicant_address",
    "applicant_email",
    "documents",
    "sets",
    "channel",
    "notes",
    "received_at",
    "due_at",
    "status",
    "created_at",
    "updated_at",
    "clerk_id",
    "desk_id",
    "identity_check",
    "procedure_level",
    "deciding_agency",
    "for_commune",
)
# Columns added after the first release (migration 0008), with the value a dossier synced by an older
# desk takes.
DOSSIER_DEFAULTS = {"identity_check": "", "procedure_level": "commune", "deciding_agency": "", "for_commune": ""}
SUMMARY_COLUMNS = (
    "code",
    "applicant_name",
    "procedure_code",
    "procedure_name",
    "status",
    "received_at",
    "due_at",
)
EVENT_COLUMNS = ("id", "dossier_id", "kind", "at", "data", "clerk_id", "desk_id", "created_at")
# Events are stored lean (migration 0022) in this table; `dossier_events` is the view readers query,
# presenting each event as it was written.
EVENT_TABLE = "dossier_event_rows"
# The index holds postings only (migration 0019): it is read in its own order (newest first, which it
# answers without a sort) and each rowid it yields is one lookup in `dossiers`, until the LIMIT. CROSS
# JOIN keeps the index the outer loop; a LIMIT inside a subquery would add a co-routine and a sort.
_SEARCH_SQL = (
    f"SELECT {', '.join('d.' + c for c in SUMMARY_COLUMNS)} FROM dossier_search s "
    "CROSS JOIN dossiers d ON d.rowid = -s.rowid WHERE dossier_search MATCH ? ORDER BY s.rowid LIMIT ?"
)


class DossierStore:
    """Dossiers and their events, on the desk's one connection."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    # Dossiers

    def insert_dossier(self, row: Mapping[str, Any], search_text: str) -> int:
        """Insert a dossier and its search entry; returns the local rowid."""
        cur = self.conn.execute(
            f"INSERT INTO dossiers ({', '.join(DOSSIER_COLUMNS)}) VALUES ({', '.join('?' * len(DOSSIER_COLUMNS))})",
            [row[c] for c in DOSSIER_COLUMNS],
        )
        rowid = cur.lastrowid
        # Negated: the index's ascending order is then newest first (migration 0006).
        self.conn.execute("INSERT INTO dossier_search (rowid, text) VALUES (?, ?)", (-rowid, search_text))
        return rowid

    def insert_dossiers(self, rows: Sequence[Sequence[Any]], texts: Sequence[str]) -> None:
        """A bulk load's ``insert_dossier``: values in ``DOSSIER_COLUMNS`` order, with their search texts."""
        first = self.conn.execute("SELECT COALESCE(MAX(rowid), 0) + 1 FROM dossiers").fetchone()[0]
        self.conn.executemany(
            f"INSERT INTO dossiers (rowid, {', '.join(DOSSIER_COLUMNS)}) "
            f"VALUES (?, {', '.join('?' * len(DOSSIER_COLUMNS))})",
            [(first + i, *r) for i, r in enumerate(rows)],
        )
        # In ascending order of the (negated) rowids, newest first: FTS5 flushes its pending terms
        # whenever a rowid is lower than the one before (a segment a row, merged again and again).
        self.conn.executemany(
            "INSERT INTO dossier_search (rowid, text) VALUES (?, ?)",
            [(-(first + i), texts[i]) for i in reversed(range(len(rows)))],
        )

    def insert_events(self, rows: Sequence[Sequence[Any]]) -> None:
        """Events, values in ``EVENT_COLUMNS`` order (a bulk load)."""
        # By id: appended to the table's b-tree (keyed by id), not split in the middle of its pages.
        self._insert_lean(sorted(rows))

    def _insert_lean(self, rows: Sequence[Sequence[Any]]) -> None:
        """Events into their lean table (migration 0022) directly: what the view's INSTEAD OF INSERT
        trigger does, without running a trigger program for each row (a bulk load of events goes as fast
        as into the former table; through the trigger it took 1.2-2x as long)."""
        people = {r[5] for r in rows} | {r[6] for r in rows}
        numbers = self._repeated_ids(people)
        self.conn.executemany(
            f"INSERT INTO {EVENT_TABLE} (id, dossier, kind, at, data, clerk, desk, created_at) "
            "VALUES (?, (SELECT rowid FROM dossiers WHERE id = ?), ?, ?, ?, ?, ?, ?)",
            [_lean_event(r, numbers) for r in rows],
        )

    def _repeated_ids(self, ids: set[Any]) -> dict[Any, int]:
        """The small number of each clerk or desk id, given one the first time it is seen."""
        wanted = [i for i in ids if i is not None]
        self.conn.executemany("INSERT OR IGNORE INTO repeated_ids (id) VALUES (?)", [(i,) for i in wanted])
        numbers: dict[Any, int] = {}
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            numbers.update(
                self.conn.execute(f"SELECT id, n FROM repeated_ids WHERE id IN ({', '.join('?' * len(part))})", part)
            )
        return numbers

    def update_dossier_derived(self, dossier_id: str, *, status: str, due_at: str, updated_at: str) -> None:
        # The search index holds no copy of these (migration 0019): nothing else to update.
        self.conn.execute(
            "UPDATE dossiers SET status = ?, due_at = ?, updated_at = ? WHERE id = ?",
            (status, due_at, updated_at, dossier_id),
        )

    def insert_event(self, row: Mapping[str, Any]) -> None:
        self._insert_lean([[row[c] for c in EVENT_COLUMNS]])

    def events(self, dossier_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT * FROM dossier_events WHERE dossier_id = ? ORDER BY at, created_at, id", (dossier_id,)
        )
        return [dict(r) for r in rows]

    def dossier_by_code(self, code: str) -> dict[str, Any] | None:
        return self.store.one("SELECT * FROM dossiers WHERE code = ?", (code,))

    def dossier_by_id(self, dossier_id: str) -> dict[str, Any] | None:
        return self.store.one("SELECT * FROM dossiers WHERE id = ?", (dossier_id,))

    def dossiers_by_rowids(self, rowids: Sequence[int]) -> list[dict[str, Any]]:
        if not rowids:
            return []
        marks = ",".join("?" * len(rowids))
        rows = self.conn.execute(f"SELECT * FROM dossiers WHERE rowid IN ({marks})", list(rowids))
        by_rowid = {r["rowid"]: dict(r) for r in rows}
        return [by_rowid[i] for i in rowids if i in by_rowid]

    def latest_applicant_by_cccd(self, cccd: str) -> dict[str, Any] | None:
        return self.store.one(
            "SELECT applicant_name, applicant_cccd, applicant_phone, applicant_address, applicant_email "
            "FROM dossiers WHERE applicant_cccd = ? ORDER BY received_at DESC LIMIT 1",
            (cccd,),
        )

    def max_code_number(self, prefix: str) -> int:
        """Highest NNNN issued under ``<agency>-<YYMMDD>-<desk digit>``, counting floors learned elsewhere."""
        row = self.conn.execute(
            "SELECT MAX(CAST(substr(code, ?) AS INTEGER)) FROM dossiers WHERE code >= ? AND code < ?",
            (len(prefix), prefix, prefix + "\uffff"),
        ).fetchone()
        seen = row[0] or 0
        floor = self.conn.execute("SELECT floor FROM code_floors WHERE prefix = ?", (prefix,)).fetchone()
        return max(seen, floor[0] if floor else 0)

    def highest_codes(self) -> list[str]:
        """The highest code of each day and desk this store knows: its dossiers' and the floors it learned."""
        held = self.conn.execute("SELECT MAX(code) FROM dossiers GROUP BY substr(code, 1, length(code) - 3)")
        codes = [r[0] for r in held if r[0]]
        for prefix, floor in self.conn.execute("SELECT prefix, floor FROM code_floors"):
            codes.append(f"{prefix[:-1]}{floor:04d}")
        return codes

    def raise_code_floor(self, prefix: str, floor: int) -> None:
        with self.store.transaction():
            self.conn.execute(
                "INSERT INTO code_floors (prefix, floor) VALUES (?, ?) "
                "ON CONFLICT (prefix) DO UPDATE SET floor = MAX(floor, excluded.floor)",
                (prefix, floor),
            )

    def search_summaries(self, match: str, limit: int = 50) -> list[tuple]:
        """What a result line shows, as tuples in ``SUMMARY_COLUMNS`` order, newest first."""
        cur = self.conn.cursor()
        cur.row_factory = None  # plain tuples: a keystroke's rows skip sqlite3.Row
        return cur.execute(_SEARCH_SQL, (match, limit)).fetchall()

    def optimize(self) -> None:
        """Merge the search index into one segment and refresh the planner's statistics.

        Rows arrive one at a time, so the index grows in many small segments; merged, each keystroke's
        query reads one b-tree. Seconds at a million dossiers: run after bulk loads and when idle.
        """
        with self.store.transaction():
            self.conn.execute("INSERT INTO dossier_search (dossier_search) VALUES ('optimize')")
        self.conn.execute("PRAGMA optimize")

    def count_dossiers(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0]

    def status_counts(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT status, COUNT(*) FROM dossiers GROUP BY status")}


def _lean_event(row: Sequence[Any], numbers: Mapping[Any, int]) -> tuple[Any, ...]:
    """An event in ``EVENT_COLUMNS`` order as its lean row stores it (the dossier's id is looked up in SQL)."""
    event_id, dossier_id, kind, at, data, clerk_id, desk_id, created_at = row
    # NULL stands for the default here: a missing value must still be refused, as the NOT NULL columns did.
    for name, value in (("data", data), ("created_at", created_at)):
        if value is None:
            raise sqlite3.IntegrityError(f"NOT NULL constraint failed: dossier_events.{name}")
    return (
        event_id,
        dossier_id,
        kind,
        at,
        None if data == "{}" else data,
        numbers.get(clerk_id),
        numbers.get(desk_id),
        None if created_at == at else created_at,
    )
