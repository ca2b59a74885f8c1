"""Desks enrolled with a test hub, and counting what the hub holds."""

from __future__ import annotations

from pathlib import Path

from app.core.clock import FixedClock
from app.desk import Desk
from tests.app.sync.hub import Hub
from tests.conftest import dossier_input, make_desk


def enrolled_desk(tmp_path: Path, clock: FixedClock, hub: Hub, commune: str = "87001", desk_no: int = 1) -> Desk:
    desk = make_desk(
        tmp_path / f"desk-{commune}-{desk_no}.sqlite3", FixedClock(clock.at), commune=commune, desk_no=desk_no
    )
    desk.sync.enroll(hub.url, hub.token(commune, desk_no))
    return desk


def receive(desk: Desk, n: int, **overrides: object) -> list[str]:
    clerk = desk.clerk()
    codes = []
    for _ in range(n):
        codes.append(desk.dossiers.receive(dossier_input(**overrides), clerk).code)
        desk.clock.advance(minutes=3)
    return codes


def hub_counts(hub: Hub) -> dict[str, int]:
    store = hub.store()
    try:
        b = store.backend
        return {
            "changes": b.scalar("SELECT COUNT(*) AS n FROM changes"),
            "distinct": b.scalar("SELECT COUNT(DISTINCT entity_id) AS n FROM changes"),
            "dossiers": b.scalar("SELECT COUNT(*) AS n FROM dossiers"),
            "events": b.scalar("SELECT COUNT(*) AS n FROM events"),
        }
    finally:
        store.close()
