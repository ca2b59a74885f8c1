"""The scorecard store's reads keep their shape at any size: the running dossiers are found from the few
clashes outward, never by walking every dossier (0.8 s at a million, where no statistics guide the planner)."""

from __future__ import annotations

from app.desk import Desk
from db.scorecard_store import RUNNING, ScorecardStore
from tests.conftest import dossier_input


def test_running_dossiers_are_found_from_the_clashes_outward(desk: Desk, admin) -> None:
    received = desk.dossiers.receive(dossier_input(), admin)
    store = ScorecardStore(desk.store.conn)
    assert store.live_running("9999") == [received.id]
    marks = ",".join("?" * len(RUNNING))
    sql = store.LIVE_RUNNING_SQL.format(marks=marks)
    plan = [r[3] for r in desk.store.conn.execute(f"EXPLAIN QUERY PLAN {sql}", (*RUNNING, "9999", *RUNNING, "9999"))]
    assert not any("dossiers_received" in step for step in plan), plan
    assert any(step.startswith("SCAN c") or "sync_clashes" in step for step in plan), plan
