"""The digitisation and payment facts of a period's dossiers, for the scorecard (Decision 766:
3.6 online payment, 4.1 electronic results, 4.2 digitisation, 4.3 reuse).

Rows only: the scorecard's engine (issue "The commune's scorecard") turns them into its records; this
module decides nothing. The latest record of each document is the one in force, as in app.files.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

CHUNK = 500


def _chunks(ids: Sequence[str]) -> list[Sequence[str]]:
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]


def attachments_of(conn: sqlite3.Connection, dossier_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Per dossier and document (or the result), the record in force: ``has_file``, ``exemption``,
    ``reused`` (a component reused from an earlier dossier of the same citizen)."""
    found: list[dict[str, Any]] = []
    for chunk in _chunks(dossier_ids):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            "SELECT dossier_id, role, document_no, sha256 IS NOT NULL AS has_file, exemption, "
            "reused_from != '' AS reused, at FROM attachments a "
            f"WHERE dossier_id IN ({marks}) AND NOT EXISTS (SELECT 1 FROM attachments b "
            "  WHERE b.dossier_id = a.dossier_id AND b.role = a.role AND b.document_no IS a.document_no "
            "  AND (b.at, b.created_at, b.id) > (a.at, a.created_at, a.id)) "
            "ORDER BY dossier_id, role, document_no",
            list(chunk),
        )
        found += [dict(r) for r in rows]
    return found


def payments_of(conn: sqlite3.Connection, dossier_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Every payment: amount, channel (cash, transfer, portal), when."""
    found: list[dict[str, Any]] = []
    for chunk in _chunks(dossier_ids):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT dossier_id, amount, channel, paid_at FROM fee_payments WHERE dossier_id IN ({marks}) "
            "ORDER BY dossier_id, paid_at",
            list(chunk),
        )
        found += [dict(r) for r in rows]
    return found


def fees_of(conn: sqlite3.Connection, dossier_ids: Sequence[str]) -> dict[str, int | None]:
    """The fee in force per dossier that has one recorded (None: the province's rate, not entered)."""
    found: dict[str, int | None] = {}
    for chunk in _chunks(dossier_ids):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT dossier_id, amount FROM dossier_fees WHERE dossier_id IN ({marks}) ORDER BY at, created_at, id",
            list(chunk),
        )
        for row in rows:
            found[row["dossier_id"]] = row["amount"]
    return found
