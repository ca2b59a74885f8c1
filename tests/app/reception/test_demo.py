from __future__ import annotations

from app.core.text import fold
from app.desk import Desk
from app.reception import demo
from app.reception.records import STATUSES
from db.dossier_store import DossierStore


def test_demo_data_is_realistic_and_covers_every_status(desk: Desk) -> None:
    added = demo.populate(desk, 2500, seed=3, years=1)
    assert added == 2500
    statuses = DossierStore(desk.store).status_counts()
    assert set(statuses) == set(STATUSES)
    rows = [dict(r) for r in desk.store.conn.execute("SELECT * FROM dossiers")]
    assert len({r["code"] for r in rows}) == 2500
    assert any(fold(r["applicant_name"]) != r["applicant_name"].lower() for r in rows)  # diacritics
    received = sorted(r["received_at"] for r in rows)
    assert received[0] < "2025-03-01" and received[-1] < "2026-02-12T09:00"
    # Every dossier went through the outbox with all its events.
    events = desk.store.conn.execute("SELECT COUNT(*) FROM dossier_events").fetchone()[0]
    assert desk.store.outbox_count() == 2500 + events
    # Derived columns agree with a fresh derivation from the events.
    sample = desk.dossiers.get(rows[7]["code"])
    from app.core.worktime import LegalTime
    from app.reception.rules import derive

    assert (
        derive(sample.events, sample.received_at, LegalTime.parse(sample.legal_time), desk.calendar).status
        == sample.status
    )
