"""Queries for fees: the catalogue's dated fee rules, each dossier's assessed fee, payments."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from db.store import Store

FEE_COLUMNS = (
    "id",
    "dossier_id",
    "amount",
    "computed",
    "rule",
    "inputs",
    "reason",
    "clerk_id",
    "desk_id",
    "at",
    "created_at",
)
PAYMENT_COLUMNS = (
    "id",
    "dossier_id",
    "amount",
    "channel",
    "receipt_no",
    "reason",
    "clerk_id",
    "desk_id",
    "paid_at",
    "created_at",
)
RULE_COLUMNS = ("procedure_code", "valid_from", "valid_to", "rule", "source", "origin", "updated_at")


def _insert(store: Store, table: str, columns: Sequence[str], row: Mapping[str, Any]) -> None:
    # OR IGNORE: a record pulled twice from the hub is kept once (ids are UUIDs made where it was written).
    store.conn.execute(
        f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [row[c] for c in columns],
    )


class FeeStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    # Rules

    def replace_rules(self, rows: Sequence[Mapping[str, Any]], origin: str) -> None:
        """An import replaces the rules of its origin (the province's list, or the starter one)."""
        with self.store.transaction():
            self.conn.execute("DELETE FROM fee_rules WHERE origin = ?", (origin,))
            self.conn.executemany(
                f"INSERT OR REPLACE INTO fee_rules ({', '.join(RULE_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(RULE_COLUMNS))})",
                [[r[c] for c in RULE_COLUMNS] for r in rows],
            )

    def rules(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM fee_rules ORDER BY procedure_code, valid_from")]

    # Fees and payments (call the inserts inside a transaction, with their outbox entries)

    def insert_fee(self, row: Mapping[str, Any]) -> None:
        _insert(self.store, "dossier_fees", FEE_COLUMNS, row)

    def insert_payment(self, row: Mapping[str, Any]) -> None:
        _insert(self.store, "fee_payments", PAYMENT_COLUMNS, row)

    def fees(self, dossier_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT * FROM dossier_fees WHERE dossier_id = ? ORDER BY at, created_at, id", (dossier_id,)
        )
        return [dict(r) for r in rows]

    def payments(self, dossier_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT * FROM fee_payments WHERE dossier_id = ? ORDER BY paid_at, created_at, id", (dossier_id,)
        )
        return [dict(r) for r in rows]
