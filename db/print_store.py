"""Queries for printing: the print log, logbook numbering and the logbook's rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from db.dossier_store import EVENT_TABLE
from db.store import Store

DOCNO_COLUMNS = ("id", "dossier_id", "form", "event_id", "year", "desk_no", "seq", "desk_id", "issued_at")
PRINT_COLUMNS = ("id", "dossier_id", "form", "copy_no", "is_reprint", "clerk_id", "desk_id", "printed_at", "created_at")

# The logbook entry: a dossier's rank among the dossiers of the same desk (the code's desk digit) received
# in the same year, in code order. One book per desk and year, so numbers never move when other desks sync.
_ENTRY_ORDER = "PARTITION BY substr(code, -4, 1), substr(received_at, 1, 4) ORDER BY code"


class PrintStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    def insert(self, row: Mapping[str, Any]) -> None:
        """Call inside a transaction, with the outbox entry; a row synced in twice is kept once."""
        self.conn.execute(
            f"INSERT OR IGNORE INTO print_log ({', '.join(PRINT_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(PRINT_COLUMNS))})",
            [row[c] for c in PRINT_COLUMNS],
        )

    def count(self, dossier_id: str, form: str) -> int:
        return self.conn.execute(
            "SELECT COUNT(*) FROM print_log WHERE dossier_id = ? AND form = ?", (dossier_id, form)
        ).fetchone()[0]

    def prints(self, dossier_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT * FROM print_log WHERE dossier_id = ? ORDER BY printed_at, copy_no, id", (dossier_id,)
        )
        return [dict(r) for r in rows]

    def entry_number(self, code: str, year: str) -> int:
        """Rank of ``code`` in its desk's book for ``year`` (YYYY, the local year it was received)."""
        return self.conn.execute(
            "SELECT COUNT(*) FROM dossiers WHERE substr(code, -4, 1) = substr(?, -4, 1) "
            "AND received_at >= ? AND received_at < ? AND code <= ?",
            (code, year, str(int(year) + 1), code),
        ).fetchone()[0]

    def logbook(self, start: str, end: str) -> list[dict[str, Any]]:
        """Dossiers received in [start, end) with their entry number; ``start``/``end`` are local ISO."""
        year_start = start[:4]
        rows = self.conn.execute(
            f"SELECT * FROM (SELECT d.*, ROW_NUMBER() OVER ({_ENTRY_ORDER}) AS entry FROM dossiers d "
            "WHERE received_at >= ? AND received_at < ?) WHERE received_at >= ? ORDER BY received_at, code",
            (year_start, end, start),
        )
        return [dict(r) for r in rows]

    def first_event_times(self, start: str, end: str) -> dict[tuple[str, str], str]:
        """(dossier id, kind) -> time of the first such event, for dossiers received in [start, end)."""
        rows = self.conn.execute(
            # The lean events table (migration 0022), joined by the dossier's rowid.
            f"SELECT d.id, e.kind, MIN(e.at) FROM dossiers d JOIN {EVENT_TABLE} e ON e.dossier = d.rowid "
            "WHERE d.received_at >= ? AND d.received_at < ? GROUP BY d.id, e.kind",
            (start, end),
        )
        return {(r[0], r[1]): r[2] for r in rows}

    # document numbers (migration 0007)

    def document_number(self, dossier_id: str, form: str, event_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT * FROM document_numbers WHERE dossier_id = ? AND form = ? AND event_id = ?",
            (dossier_id, form, event_id),
        ).fetchone()
        return dict(row) if row else None

    def next_document_seq(self, form: str, year: int, desk_no: int) -> int:
        return self.conn.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM document_numbers WHERE form = ? AND year = ? AND desk_no = ?",
            (form, year, desk_no),
        ).fetchone()[0]

    def insert_document_number(self, row: Mapping[str, Any]) -> bool:
        """Call inside a transaction (with the outbox entry when issued here); False if it was there already."""
        return (
            self.conn.execute(
                f"INSERT OR IGNORE INTO document_numbers ({', '.join(DOCNO_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(DOCNO_COLUMNS))})",
                [row[c] for c in DOCNO_COLUMNS],
            ).rowcount
            > 0
        )
