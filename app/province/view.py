"""What the hub holds per commune: ``motcua-province stats`` and ``/v1/stats`` (the dashboard: dashboard.py)."""

from __future__ import annotations

from typing import Any

from db.hub.store import HubStore


def stats(hub: HubStore) -> dict[str, Any]:
    """The ``motcua-province stats --json`` document (shared/CLI.md)."""
    out = []
    for row in hub.commune_stats():
        out.append(
            {
                "code": row["code"],
                "name": row["name"],
                "province": row["province"],
                "desks": row["desks"],
                "dossiers": row["dossiers"],
                "events": row["events"],
                "feedback": row["feedback"],
                "ratings": row["ratings"],
                "last_sync": row["last_sync"],
                "early": row["early"],
                "on_time": row["on_time"],
                "late": row["late"],
                "clashes": row["clashes"],  # open: two desks' outcomes differ and no leader has settled it
                "satisfied": row["satisfied"],
            }
        )
    return {"communes": out}
