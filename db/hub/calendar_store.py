"""SQL for the communes' own calendar days at the hub (migration 0005): declarations as the desks sent
them, and the dossiers a changed day may move."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from db.hub.store import HubStore

COLUMNS = ("id", "commune_code", "day", "kind", "note", "at")


def insert_days(hub: HubStore, rows: Sequence[Mapping[str, Any]]) -> None:
    """Each declaration once; which one holds is read by ``latest_days``."""
    hub.backend.many(
        f"INSERT INTO commune_days ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))}) "
        "ON CONFLICT (id) DO NOTHING",
        [tuple(r[c] for c in COLUMNS) for r in rows],
    )


def latest_days(hub: HubStore, commune: str) -> list[dict[str, Any]]:
    """The declaration that holds for each day of the commune: the latest by time, then id."""
    latest: dict[str, dict[str, Any]] = {}
    for row in hub.backend.all(
        "SELECT day, kind, note, at, id FROM commune_days WHERE commune_code = ? ORDER BY day, at, id", (commune,)
    ):
        latest[row["day"]] = row
    return list(latest.values())


def dossiers_received_between(hub: HubStore, commune: str, start: str, end_next: str) -> list[str]:
    return [
        r["id"]
        for r in hub.backend.all(
            "SELECT id FROM dossiers WHERE commune_code = ? AND received_at >= ? AND received_at < ?",
            (commune, start, end_next),
        )
    ]
