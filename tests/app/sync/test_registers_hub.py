"""The hub keeps what the province counts of the registers: checked like the desk checks, versioned like the desks.

Real desks and the real hub on loopback, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app.citizens import figures
from app.core import keys
from app.core.clock import FixedClock
from app.desk import Desk
from app.feedback import intake
from app.province import registers
from app.sync import codec
from app.sync.client import HubClient
from db.hub import register_store
from tests.app.citizens.test_sync import SECRET
from tests.app.sync.helpers import enrolled_desk
from tests.app.sync.hub import Hub
from tests.app.sync.test_registers import DENOUNCER, record_week

TABLES = ("feedback_entries", "reception_entries", "reception_sessions", "dialogues", "follow_ups", "entry_flags")


def hub_rows(hub: Hub, commune: str = "87001") -> dict[str, dict[str, dict[str, Any]]]:
    store = hub.store()
    try:
        return {t: {r["id"]: r for r in register_store.rows(store, t, commune)} for t in TABLES}
    finally:
        store.close()


def _client(desk: Desk, hub: Hub) -> HubClient:
    ident = desk.identity
    return HubClient(hub.url, desk_id=ident.desk_id, signer=lambda m: keys.sign(ident.desk_id, m), now=time.time)


def _outbox(desk: Desk, entity: str) -> list[dict[str, Any]]:
    return [
        {
            "entity": r["entity"],
            "entity_id": r["entity_id"],
            "op": r["op"],
            "payload": json.loads(r["payload"]),
            "created_at": r["created_at"],
        }
        for r in desk.store.outbox()
        if r["entity"] == entity
    ]


def test_the_hub_counts_what_the_desks_hold(any_hub: Hub, tmp_path: Path, clock: FixedClock):
    desk1 = enrolled_desk(tmp_path, clock, any_hub, "87001", 1)
    desk2 = enrolled_desk(tmp_path, clock, any_hub, "87001", 2)
    ids = record_week(desk1)
    assert desk1.sync.run_once().complete and desk2.sync.run_once().complete
    # Desk 2 finishes the follow-up desk 1 left open and clears a flag desk 1 set: its updates are kept.
    desk2.clock.advance(minutes=30)
    admin2 = desk2.clerk()
    still_open = next(f for f in desk2.citizens.follow_ups.of("session", ids["session"]) if not f.done)
    desk2.citizens.follow_ups.done(still_open.id, admin2, "Đã trả lời công dân")
    desk2.citizens.flags.clear(ids["complaint"], "long_running", admin2)
    posted = next(p for p in desk2.citizens.disclosure.may_come_down())
    desk2.citizens.disclosure.take_down(posted.id, admin2)  # posted at desk 1, taken down at desk 2
    report = desk2.sync.run_once()
    assert report.complete and report.refused == 0
    assert desk1.sync.run_once().complete

    rows = hub_rows(any_hub)
    receptions = desk1.citizens.register.entries()
    assert set(rows["reception_entries"]) == {e.id for e in receptions}
    for e in receptions:
        held = rows["reception_entries"][e.id]
        assert (held["kind"], held["outcome"], held["people_count"]) == (e.kind, e.outcome, e.people_count)
        assert held["refuse_due"] == e.refuse_due.isoformat()
    complaint = rows["feedback_entries"][ids["complaint"]]
    assert (complaint["kind"], complaint["status"]) == ("complaint", "answered")
    assert complaint["forward_due"] and complaint["answered_at"]
    follow_ups = {r["id"]: r for r in rows["follow_ups"].values() if r["source_id"] == ids["session"]}
    assert len(follow_ups) == 2 and all(r["done_at"] for r in follow_ups.values())
    assert follow_ups[still_open.id]["changed_by"] == desk2.identity.desk_id
    assert follow_ups[still_open.id]["desk_id"] == desk1.identity.desk_id  # who created it
    session = rows["reception_sessions"][ids["session"]]
    assert (session["status"], session["leader_role"]) == ("concluded", "chair")
    assert len(rows["dialogues"]) == 1 and next(iter(rows["dialogues"].values()))["issues"] == 1
    in_force = {(r["entry_id"], r["flag"]) for r in rows["entry_flags"].values() if r["cleared_at"] is None}
    assert in_force == {(e.id, "land") for e in desk1.citizens.register.entries(flag="land")}
    # The same flags the desks count; never a name, a contact or the content.
    assert desk1.citizens.flags.counts() == desk2.citizens.flags.counts()
    assert sum(1 for _ in in_force) == desk2.citizens.flags.counts()["land"]
    text = json.dumps(rows, ensure_ascii=False)
    assert SECRET[0] not in text and DENOUNCER["name"] not in text and "Chậm cấp sổ đỏ" not in text
    assert hub_rows(any_hub, "87002") == {t: {} for t in TABLES}
    # The province counts at the hub what the commune's desks count: the same tally, the same figures.
    start, end, today = date(2026, 1, 1), date(2026, 3, 31), desk2.clock.now().date() + timedelta(days=30)
    at_desk = figures.counts(desk1.store, start, end, today)
    assert figures.counts(desk2.store, start, end, today) == at_desk
    assert at_desk["reception_entries"] == 4 and at_desk["follow_ups_done"] == 2 and at_desk["dialogues"] == 1
    store = any_hub.store()
    try:
        assert registers.figures(store, "87001", start, end, today) == at_desk
        assert registers.figures(store, "87002", start, end, today)["reception_entries"] == 0
    finally:
        store.close()
    store = any_hub.store()
    try:
        held = {d["id"]: d for d in store.disclosures("87001")}[posted.id]
        assert held["taken_down_on"] == desk2.clock.now().date().isoformat()  # off the public board
    finally:
        store.close()


def test_the_hub_checks_with_the_desks_limits():
    assert registers.MAX_CONTENT == intake.MAX_CONTENT


def test_bad_register_records_are_refused_alone(any_hub: Hub, tmp_path: Path, clock: FixedClock):
    desk1 = enrolled_desk(tmp_path, clock, any_hub, "87001", 1)
    record_week(desk1)
    assert desk1.sync.run_once().complete
    [entry] = _outbox(desk1, "reception_entry")[:1]
    [follow] = _outbox(desk1, "follow_up")[:1]
    [flag] = _outbox(desk1, "entry_flag")[:1]
    [dialogue] = _outbox(desk1, "dialogue")[:1]

    def copy(change: dict[str, Any], **changes: Any) -> dict[str, Any]:
        new_id = str(uuid.uuid4())
        return dict(change, op="create", entity_id=new_id, payload=dict(change["payload"], id=new_id, **changes))

    batch = [
        copy(entry),  # fine
        copy(entry, kind="bogus"),
        copy(entry, people_count=0),
        copy(entry, received_at="9999-01-01T00:00:00+07:00"),
        copy(follow, days=0),
        copy(follow, due="2026-01-01"),  # before it was assigned
        copy(flag, flag="angry"),
        copy(dialogue, residents=-1),
        copy(entry, updated_at="yesterday"),
    ]
    with _client(desk1, any_hub) as client:
        first = desk1.store.outbox_count() + 1
        answer = client.push(codec.encode({"db_id": desk1.store.db_id, "first_seq": first}, batch))
    assert answer["stored"] == 1
    assert [r["seq"] - first for r in answer["refused"]] == list(range(1, len(batch)))
    assert {r["code"] for r in answer["refused"]} == {"bad_payload"}
    assert batch[0]["entity_id"] in hub_rows(any_hub)["reception_entries"]


def test_another_commune_cannot_change_a_record(any_hub: Hub, tmp_path: Path, clock: FixedClock):
    desk1 = enrolled_desk(tmp_path, clock, any_hub, "87001", 1)
    stranger = enrolled_desk(tmp_path, clock, any_hub, "87002", 1)
    ids = record_week(desk1)
    assert desk1.sync.run_once().complete
    [change] = [c for c in _outbox(desk1, "feedback") if c["entity_id"] == ids["complaint"]][-1:]
    later = dict(change["payload"], status="closed", updated_at="2026-02-13T09:00:00+07:00")
    with _client(stranger, any_hub) as client:
        client.push(
            codec.encode({"db_id": stranger.store.db_id, "first_seq": 1}, [dict(change, op="update", payload=later)])
        )
    assert hub_rows(any_hub)["feedback_entries"][ids["complaint"]]["status"] == "answered"
