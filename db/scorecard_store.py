"""SQL for the scorecard's counters (app/scorecard/counters.py): summaries, day counters, live running.

Writes join the caller's transaction (the change that moves a figure); reads sum day ranges.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from db.day_ranges import pieces

BUILT_META = "scorecard_counters"
SUMMARY_COLUMNS = (
    "dossier_id",
    "code",
    "received_day",
    "channel",
    "procedure_code",
    "clerk_id",
    "identity",
    "end_day",
    "end_kind",
    "verdict",
    "late_days",
    "waiting_days",
    "digital",
)
RUNNING = ("received", "processing", "waiting_supplement")
# Per connection: (schema version, whether dossiers has identity_check); asked on every change.
_IDENTITY_COLUMN: dict[int, tuple[int, bool]] = {}


class ScorecardStore:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # State of the counters

    def built(self, version: str) -> bool:
        """Whether the counters were built by this ``version`` of the counting rules."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (BUILT_META,)).fetchone()
        return row is not None and row[0] == version

    def start_if_empty(self, version: str) -> bool:
        """A store with no dossier yet has complete counters from its first one on."""
        if self.conn.execute("SELECT 1 FROM dossiers LIMIT 1").fetchone() is not None:
            return False
        self.set_built(version)
        return True

    def set_built(self, version: str | None) -> None:
        """Mark the counters built by ``version`` (None: not built)."""
        if version is None:
            self.conn.execute("DELETE FROM meta WHERE key = ?", (BUILT_META,))
        else:
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (BUILT_META, version),
            )

    def clear(self) -> None:
        for table in ("scorecard_counts", "scorecard_months", "scorecard_running"):
            self.conn.execute(f"DELETE FROM {table}")
        self.conn.execute("DELETE FROM scorecard_dossiers")

    # One dossier

    def identity_column(self) -> bool:
        """Whether the store records how the applicant's identity was checked (a later migration)."""
        version = self.conn.execute("PRAGMA schema_version").fetchone()[0]
        known = _IDENTITY_COLUMN.get(id(self.conn))
        if known is None or known[0] != version:
            found = any(r[1] == "identity_check" for r in self.conn.execute("PRAGMA table_info(dossiers)"))
            known = _IDENTITY_COLUMN[id(self.conn)] = (version, found)
        return known[1]

    def dossier(self, dossier_id: str) -> dict[str, Any] | None:
        identity = "identity_check" if self.identity_column() else "NULL AS identity_check"
        row = self.conn.execute(
            f"SELECT id, code, received_at, legal_time, channel, procedure_code, clerk_id, documents, {identity} "
            "FROM dossiers WHERE id = ?",
            (dossier_id,),
        ).fetchone()
        return dict(row) if row else None

    def dossier_ids_received_between(self, start: str, end_next: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT id FROM dossiers WHERE received_at >= ? AND received_at < ? ORDER BY received_at", (start, end_next)
        )
        return [r[0] for r in rows]

    def all_dossier_ids(self) -> Iterable[str]:
        for row in self.conn.execute("SELECT id FROM dossiers ORDER BY rowid"):
            yield row[0]

    def events(self, dossier_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT id, dossier_id, kind, at, data, clerk_id, desk_id, created_at FROM dossier_events "
            "WHERE dossier_id = ?",
            (dossier_id,),
        )
        return [dict(r) for r in rows]

    def summary(self, dossier_id: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM scorecard_dossiers WHERE dossier_id = ?", (dossier_id,)
        ).fetchone()
        return dict(row) if row else None

    def put_summary(self, row: Mapping[str, Any]) -> None:
        self.put_summaries([row])

    def put_summaries(self, rows: Iterable[Mapping[str, Any]]) -> None:
        self.conn.executemany(
            f"INSERT OR REPLACE INTO scorecard_dossiers ({', '.join(SUMMARY_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(SUMMARY_COLUMNS))})",
            [[row[c] for c in SUMMARY_COLUMNS] for row in rows],
        )

    def add(self, deltas: Mapping[tuple[str, str, str, str], int]) -> None:
        """Move the counters: day and month rows for what adds up, the running table for the rest."""
        summable: dict[tuple[str, str, str, str], int] = {}
        months: dict[tuple[str, str, str, str], int] = {}
        running: list[tuple[str, str, str, str, int]] = []
        for (day, dim, key, name), n in deltas.items():
            if name.startswith("running"):
                running.append((day, dim, key, name, n))
                continue
            summable[(day, dim, key, name)] = summable.get((day, dim, key, name), 0) + n
            month = (day[:7], dim, key, name)
            months[month] = months.get(month, 0) + n
        for table, column, rows in (
            ("scorecard_counts", "day", [(*k, n) for k, n in summable.items()]),
            ("scorecard_months", "month", [(*k, n) for k, n in months.items()]),
            ("scorecard_running", "day", running),
        ):
            if rows:
                self.conn.executemany(
                    f"INSERT INTO {table} ({column}, dim, key, name, n) VALUES (?, ?, ?, ?, ?) "
                    f"ON CONFLICT ({column}, dim, key, name) DO UPDATE SET n = n + excluded.n",
                    rows,
                )

    # Reading a period

    def _daily(self, first: str, last: str, by_month: bool) -> list[tuple[str, str, str, str, int]]:
        rows = self.conn.execute(
            "SELECT substr(day, 1, 7), dim, key, name, SUM(n) FROM scorecard_counts WHERE day >= ? AND day <= ? "
            + ("AND dim = '' GROUP BY substr(day, 1, 7), name" if by_month else "GROUP BY dim, key, name"),
            (first, last),
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]

    def _monthly(self, first: str, last: str, by_month: bool) -> list[tuple[str, str, str, str, int]]:
        rows = self.conn.execute(
            "SELECT month, dim, key, name, SUM(n) FROM scorecard_months WHERE month >= ? AND month <= ? "
            + ("AND dim = '' GROUP BY month, name" if by_month else "GROUP BY dim, key, name"),
            (first, last),
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]

    def _pieces(self, first_day: date, last_day: date, by_month: bool) -> Iterator[tuple[str, str, str, str, int]]:
        """The days first..last as whole months (month rows) and the odd days at either end (day rows)."""
        for kind, first, last in pieces(first_day, last_day):
            yield from (self._daily if kind == "day" else self._monthly)(first, last, by_month)

    def sums(self, first_day: str, last_day: str) -> list[tuple[str, str, str, int]]:
        """(dim, key, name, total) over the days first..last (included)."""
        total: dict[tuple[str, str, str], int] = {}
        for _, dim, key, name, n in self._pieces(date.fromisoformat(first_day), date.fromisoformat(last_day), False):
            total[(dim, key, name)] = total.get((dim, key, name), 0) + n
        return [(*k, n) for k, n in total.items()]

    def sums_by_month(self, first_day: str, last_day: str) -> list[tuple[str, str, int]]:
        """(month, name, total) of the unit's counters, month by month."""
        total: dict[tuple[str, str], int] = {}
        for month, _, _, name, n in self._pieces(date.fromisoformat(first_day), date.fromisoformat(last_day), True):
            total[(month, name)] = total.get((month, name), 0) + n
        return [(*k, n) for k, n in total.items()]

    def running_at(self, day: str) -> list[tuple[str, str, str, int]]:
        """(dim, key, name, n) of the dossiers that ran past ``day`` and have ended since."""
        rows = self.conn.execute("SELECT dim, key, name, n FROM scorecard_running WHERE day = ?", (day,))
        return [tuple(r) for r in rows]  # type: ignore[misc]

    def late_codes(self, first_day: str, last_day: str, limit: int) -> list[str]:
        rows = self.conn.execute(
            "SELECT code FROM scorecard_dossiers WHERE verdict = 'late' AND end_day >= ? AND end_day <= ? "
            "ORDER BY code LIMIT ?",
            (first_day, last_day, limit),
        )
        return [r[0] for r in rows]

    def ran_late_past(self, day: str) -> list[tuple[str, str]]:
        """(code, late days) of the dossiers received by ``day`` that ran late and ended after it."""
        rows = self.conn.execute(
            "SELECT code, late_days FROM scorecard_dossiers "
            "WHERE late_days != '' AND end_day > ? AND received_day <= ? ORDER BY end_day, code",
            (day, day),
        )
        return [(r[0], r[1]) for r in rows]

    def lacking(self, first_day: str, last_day: str, population: int, flag: int, limit: int) -> list[str]:
        """Codes of the dossiers received first..last whose flags hold every bit of ``population`` and
        not the bit ``flag`` (app.scorecard.digital), first days first; on the covering index."""
        rows = self.conn.execute(
            "SELECT code FROM scorecard_dossiers INDEXED BY scorecard_dossiers_received "
            "WHERE received_day >= ? AND received_day <= ? AND (digital & ?) = ? AND (digital & ?) = 0 "
            "ORDER BY received_day, code LIMIT ?",
            (first_day, last_day, population, population, flag, limit),
        )
        return [r[0] for r in rows]

    # From the few clashes outward (CROSS JOIN fixes SQLite's order): without statistics the planner
    # would walk every dossier by its received date instead (0.8 s at a million).
    LIVE_RUNNING_SQL = (
        "SELECT id FROM dossiers WHERE status IN ({marks}) AND received_at < ? "
        "UNION SELECT d.id FROM sync_clashes c CROSS JOIN scorecard_dossiers s ON s.dossier_id = c.dossier_id "
        "CROSS JOIN dossiers d ON d.id = c.dossier_id "
        "WHERE s.end_day IS NULL AND d.status NOT IN ({marks}) AND d.received_at < ?"
    )

    def live_running(self, received_before: str) -> list[str]:
        """Ids of the dossiers with no end yet, received before ``received_before``: by their status, and
        a clash whose summary has no end (an open clash counts as running, whatever status stands)."""
        marks = ",".join("?" * len(RUNNING))
        rows = self.conn.execute(
            self.LIVE_RUNNING_SQL.format(marks=marks), (*RUNNING, received_before, *RUNNING, received_before)
        )
        return [r[0] for r in rows]

    def summaries(self, dossier_ids: list[str]) -> list[dict[str, Any]]:
        """Code, received and end day of these dossiers (for 5.4's dossiers with feedback)."""
        found: list[dict[str, Any]] = []
        for i in range(0, len(dossier_ids), 500):
            chunk = dossier_ids[i : i + 500]
            rows = self.conn.execute(
                "SELECT s.code, s.received_day, s.end_day, d.received_at FROM scorecard_dossiers s "
                f"JOIN dossiers d ON d.id = s.dossier_id WHERE s.dossier_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.extend(dict(r) for r in rows)
        return found

    # What the hub holds (indicator 1.4; the migration's triggers follow the acknowledgements)

    def unsynced_from_scratch(self) -> None:
        """Every dossier created here whose creation the hub has not acknowledged, or refused."""
        rows = self.conn.execute(
            "SELECT substr(d.received_at, 1, 10), COUNT(*) FROM outbox o JOIN dossiers d ON d.id = o.entity_id "
            "JOIN outbox_histories h ON h.hist = o.hist LEFT JOIN sync_acks a ON a.db_id = h.db_id "
            "WHERE o.kind = 0 "  # a dossier's creation (db/migrations/0021)
            "AND (o.seq > COALESCE(a.acked_seq, 0) "
            "     OR EXISTS (SELECT 1 FROM sync_errors s WHERE s.db_id = h.db_id AND s.seq = o.seq)) "
            "GROUP BY substr(d.received_at, 1, 10)"
        )
        self.add({(r[0], "", "", "unsynced"): r[1] for r in rows})
