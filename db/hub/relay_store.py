"""SQL of relayed changes and code floors after a restore (app.province.relay)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from db.hub.store import HubStore, _chunks, _marks


class RelayStore:
    def __init__(self, hub: HubStore) -> None:
        self.hub = hub
        self.backend = hub.backend

    # Seals

    def add_seal(self, row: Mapping[str, Any]) -> None:
        self.backend.execute(
            "INSERT INTO seals (db_id, first_seq, last_seq, desk_id, commune_code, signature, missing) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (db_id, first_seq, last_seq) DO NOTHING",
            [row[k] for k in ("db_id", "first_seq", "last_seq", "desk_id", "commune_code", "signature", "missing")],
        )

    def seals_over(self, commune: str, spans: Mapping[str, tuple[int, int]]) -> list[dict[str, Any]]:
        """The seals of the commune that overlap each history's span of sequences (db_id -> (low, high))."""
        out: list[dict[str, Any]] = []
        for db_id, (low, high) in spans.items():
            out += self.backend.all(
                "SELECT db_id, first_seq, last_seq, desk_id, signature, missing FROM seals "
                "WHERE db_id = ? AND commune_code = ? AND first_seq <= ? AND last_seq >= ? ORDER BY first_seq",
                (db_id, commune, high, low),
            )
        return out

    def held(self, change_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """change id -> (desk, payload hash, time) of the changes the log holds among these."""
        found: dict[str, dict[str, Any]] = {}
        for part in _chunks(list(change_ids)):
            for row in self.backend.all(
                "SELECT change_id, desk_id, payload_hash, created_at FROM changes "
                f"WHERE change_id IN ({_marks(len(part))})",
                part,
            ):
                found[row["change_id"]] = row
        return found

    # Floors

    def reported(self, commune: str, hub_id: str) -> tuple[int, int]:
        """(active desks of the commune, how many of them reported to this hub identity)."""
        row = self.backend.one(
            "SELECT COUNT(*) AS desks, COUNT(r.desk_id) AS reported FROM desks d "
            "LEFT JOIN floor_reports r ON r.desk_id = d.desk_id AND r.hub_id = ? "
            "WHERE d.commune_code = ? AND d.revoked_at IS NULL",
            (hub_id, commune),
        )
        return (int(row["desks"]), int(row["reported"])) if row else (0, 0)

    def add_report(self, desk_id: str, hub_id: str, now: str) -> None:
        self.backend.execute(
            "INSERT INTO floor_reports (desk_id, hub_id, reported_at) VALUES (?, ?, ?) "
            "ON CONFLICT (desk_id, hub_id) DO NOTHING",
            (desk_id, hub_id, now),
        )

    def raise_floors(self, commune: str, codes: Mapping[str, str]) -> None:
        """prefix -> highest code; a floor only ever rises (codes of one prefix compare as text)."""
        self.backend.many(
            "INSERT INTO code_floors (commune_code, prefix, code) VALUES (?, ?, ?) "
            "ON CONFLICT (commune_code, prefix) DO UPDATE SET code = excluded.code "
            "WHERE code_floors.code < excluded.code",
            [(commune, prefix, code) for prefix, code in codes.items()],
        )

    def floors(self, commune: str, desk_id: str, pattern: str) -> list[str]:
        """The highest code of each day: those of the desk's dossiers the hub holds and the floors reported
        whose prefix matches ``pattern`` (SQL LIKE, the desk's number)."""
        held = self.backend.all(
            "SELECT MAX(code) AS code FROM dossiers WHERE commune_code = ? AND desk_id = ? "
            "GROUP BY substr(code, 1, length(code) - 3)",
            (commune, desk_id),
        )
        reported = self.backend.all(
            "SELECT code FROM code_floors WHERE commune_code = ? AND prefix LIKE ?", (commune, pattern)
        )
        return [r["code"] for r in held + reported]
