"""SQL for the dossier register: capped counts and keyset pages of light rows.

Kept apart from ``Store`` so the window's read path can grow without touching the shared class.
Filter keys are those of ``Store._where`` plus ``code``. A text search drives the query from the
FTS index (newest first, stopping at the LIMIT) instead of materialising every match in an
``IN (…)`` list, which for a one-letter prefix over a million dossiers is most of the table.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

LIGHT_COLUMNS = (
    "rowid",
    "code",
    "applicant_name",
    "procedure_code",
    "procedure_name",
    "received_at",
    "due_at",
    "status",
)


def _query(filters: Mapping[str, Any], scan: bool = False) -> tuple[str, str, list[Any]]:
    """FROM … WHERE … and the rowid expression to order and page by.

    ``scan``: the filter keeps many rows, so walk the received_at index newest first rather than use
    the status or procedure index and sort every match (unary + keeps SQLite off those indexes).
    """
    plus = "+" if scan else ""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.get("match"):
        # The index holds each dossier under its negated rowid (newest first in its natural order).
        source, rowid = "dossier_search s JOIN dossiers d ON d.rowid = -s.rowid", "s.rowid"
        clauses.append("dossier_search MATCH ?")
        params.append(filters["match"])
    else:
        source, rowid = "dossiers d", "d.rowid"
    if filters.get("code"):
        clauses.append("d.code = ?")
        params.append(filters["code"])
    if filters.get("statuses"):
        statuses = list(filters["statuses"])
        clauses.append(f"{plus}d.status IN ({','.join('?' * len(statuses))})")
        params.extend(statuses)
    for key, sql in (
        ("procedure_code", f"{plus}d.procedure_code = ?"),
        ("received_from", "d.received_at >= ?"),
        ("received_to", "d.received_at < ?"),
        ("due_from", "d.due_at >= ?"),
        ("due_before", "d.due_at < ?"),
    ):
        if filters.get(key):
            clauses.append(sql)
            params.append(filters[key])
    return f"{source} WHERE {' AND '.join(clauses) or '1'}", rowid, params


class RegisterStore:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._total: tuple[tuple[int, int], int] | None = None

    def total(self) -> int:
        """How many dossiers the store holds: COUNT(*) walks a whole index (~0.2 s at a million), so it is
        kept until this connection writes (total_changes) or another one commits (data_version)."""
        key = (self.conn.total_changes, self.conn.execute("PRAGMA data_version").fetchone()[0])
        if self._total is None or self._total[0] != key:
            self._total = (key, self.conn.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0])
        return self._total[1]

    def count_upto(self, filters: Mapping[str, Any], limit: int) -> int:
        """COUNT(*) that stops after ``limit`` rows: cheap even when a filter keeps most of a million."""
        if set(filters) == {"match"}:  # the search index alone knows: no need to visit each dossier
            return self.conn.execute(
                "SELECT COUNT(*) FROM (SELECT 1 FROM dossier_search WHERE dossier_search MATCH ? LIMIT ?)",
                (filters["match"], limit),
            ).fetchone()[0]
        body, _rowid, params = _query(filters)
        return self.conn.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {body} LIMIT ?)", [*params, limit]).fetchone()[0]

    def page_after(
        self, filters: Mapping[str, Any], after: tuple[str, int] | None, limit: int, *, scan: bool = False
    ) -> list[sqlite3.Row]:
        """Newest first, the rows after ``after`` = (received_at, rowid) of the last row seen.

        Without a text search the order is (received_at, rowid) descending, which the received_at
        index gives as it stands; a text search is read forward from the FTS index, whose rowids are
        the dossiers' negated (rowids follow insertion, so nearly the same order), paging on the rowid.
        """
        body, rowid, params = _query(filters, scan)
        columns = ", ".join(f"d.{c}" for c in LIGHT_COLUMNS)
        if filters.get("match"):
            if after is not None:
                body += f" AND {rowid} > ?"
                params.append(-after[1])
            order = rowid
        else:
            if after is not None:
                body += " AND (d.received_at, d.rowid) < (?, ?)"
                params.extend(after)
            order = "d.received_at DESC, d.rowid DESC"
        sql = f"SELECT {columns} FROM {body} ORDER BY {order} LIMIT ?"
        return self.conn.execute(sql, [*params, limit]).fetchall()
