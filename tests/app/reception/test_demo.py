from __future__ import annotations

import json

from app.core.clock import parse_iso
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


def test_demo_data_keeps_office_hours_and_the_apology_rule(desk: Desk) -> None:
    """Results are never ready at 02:00 or on a Saturday, and a moved date is a working day, set in time."""
    demo.populate(desk, 1500, seed=11, years=1)
    rows = desk.store.conn.execute("SELECT kind, at, data FROM dossier_events").fetchall()
    outside = [(r["kind"], r["at"]) for r in rows if not desk.calendar.is_office_time(parse_iso(r["at"]))]
    assert outside == []
    apologies = [r for r in rows if r["kind"] == "apology_issued"]
    assert apologies, "the demo should show some apologies"
    for r in apologies:
        data = json.loads(r["data"])
        new_due, old_due, issued = parse_iso(data["new_due"]), parse_iso(data["old_due"]), parse_iso(r["at"])
        assert desk.calendar.is_office_time(new_due) and new_due > old_due
        assert issued.date() < old_due.date()
    assert any(r["kind"] == "stopped" for r in rows)


def test_bulk_load_counts_as_the_scorecard_would_from_scratch(desk: Desk, monkeypatch) -> None:
    """The demo sums a batch's counters in memory and builds indexes after the rows (db.bulk): the
    counters equal a rebuild from the stored dossiers, and the schema is the migrations' own."""
    from app.scorecard import desk_source

    demo.ensure_initialised(desk)
    # (the load ends with the planner's statistics: sqlite_stat tables are new)
    schema = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name"
    before = desk.store.conn.execute(schema).fetchall()
    monkeypatch.setattr(demo, "DEFER_INDEXES_FROM", 0)
    demo.populate(desk, 600, seed=5, years=1)
    tables = ("scorecard_counts", "scorecard_months", "scorecard_running", "scorecard_dossiers")

    def dump() -> dict[str, list[tuple]]:
        return {t: sorted(tuple(r) for r in desk.store.conn.execute(f"SELECT * FROM {t}")) for t in tables}

    loaded = dump()
    assert loaded["scorecard_dossiers"] and loaded["scorecard_running"]
    with desk.store.transaction():
        desk_source.rebuild_counters(desk)
    assert dump() == loaded
    assert [tuple(r) for r in desk.store.conn.execute(schema)] == [tuple(r) for r in before]


def test_a_big_load_writes_the_lean_outbox_from_a_second_process_and_every_change_rebuilds(
    desk: Desk, monkeypatch
) -> None:
    """The outbox holds what a synced store holds (sequence, key, hash), each payload rebuilt from the
    rows byte for byte; a second process generated the rows (as a big load does)."""
    from app.sync import rebuild
    from db.outbox_store import OutboxStore
    from db.sync_store import SyncStore

    monkeypatch.setattr(demo, "PARALLEL_FROM", 0)
    monkeypatch.setattr(demo, "BATCH", 300)
    assert demo.populate(desk, 1200, seed=9, years=1) == 1200
    events = desk.store.conn.execute("SELECT COUNT(*) FROM dossier_events").fetchone()[0]
    assert OutboxStore(desk.store).counts() == {"entries": 1200 + events, "with_payload": 0, "pruned": 1200 + events}
    assert rebuild.unrebuildable(desk.store, SyncStore(desk.store).histories()) == []
    rows = desk.store.outbox(limit=10**6)
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    payloads = rebuild.payloads(desk.store, rows)
    first = next(p for r, p in zip(rows, payloads, strict=True) if r["entity"] == "dossier")
    assert "status" not in first and first["updated_at"] == first["created_at"]  # as first written
    codes = [r[0] for r in desk.store.conn.execute("SELECT code FROM dossiers ORDER BY rowid")]
    assert len(set(codes)) == 1200 and codes == sorted(codes, key=lambda c: (c[6:12], c))  # in order of receipt
    # Each day's highest code is marked as issued on this PC (each batch raised its own days' marks).
    highest: dict[str, int] = {}
    for code in codes:
        prefix = f"{code[:-4]}{code[-4]}"
        highest[prefix] = max(highest.get(prefix, 0), int(code[-4:]))
    marks = desk.dossiers.marks
    assert {p: marks.high(desk.dossiers.desk.desk_id, p) for p in highest} == highest
    # The search index holds every dossier, newest first (its rows were written in ascending rowid order).
    assert [s.code for s in desk.dossiers.search(codes[-1][:5], limit=3)] == codes[:-4:-1]
    assert [s.code for s in desk.dossiers.search(codes[0])] == [codes[0]]
