"""Feedback registers, ratings and citizen reception reach every desk of the commune, and no other.

Two real desks of one commune and one of another, the real hub on loopback. What desk 1 records
(a complaint with its steps, a denunciation, a rating, a reception session with three citizens, a
flagged complaint, a conclusion with follow-ups, a dialogue, disclosures) is at desk 2 after both
sync, in either order; applied in any order and twice, the same rows result.
"""

from __future__ import annotations

import json
import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from app.core.clock import FixedClock
from app.desk import Desk
from app.feedback.confidential import MASK
from app.sync.apply import apply_changes
from db.replica_store import TABLES
from db.sync_store import SyncStore
from tests.app.citizens.test_sync import SECRET, work_offline
from tests.app.sync.helpers import enrolled_desk, receive
from tests.app.sync.hub import Hub
from tests.conftest import make_desk

DENOUNCER = {"name": "Lê Văn Giấu", "address": "Ấp Kín", "contact": "0909000111"}


def dump(desk: Desk) -> dict[str, list[dict[str, Any]]]:
    """Every row of the register tables (the local rowid aside), in id order."""
    out = {}
    for what, (table, columns) in TABLES.items():
        rows = desk.store.all(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id")
        if what in ("feedback", "reception"):
            extra = desk.store.all(f"SELECT id, search_text FROM {table} ORDER BY id")
            rows = [dict(r, search_text=e["search_text"]) for r, e in zip(rows, extra, strict=True)]
        # JSON columns as values: the hub relays payloads in canonical form (keys sorted).
        out[table] = [{k: json.loads(v) if k in ("data", "elements") else v for k, v in r.items()} for r in rows]
    return out


def record_week(desk: Desk) -> dict[str, str]:
    """Desk 1's week: the citizen reception of issue 17 and the feedback registers."""
    ids = work_offline(desk)
    admin = desk.clerk()
    fb = desk.feedback
    complaint = fb.add(
        {"kind": "complaint", "person": {"name": "Trần Thị Hoa", "address": "Ấp 3"}, "content": "Chậm cấp sổ đỏ"},
        admin,
    )
    fb.accept(complaint.id, admin)
    fb.answer(complaint.id, admin, "Đã có lịch đo đạc lại.")
    desk.citizens.flags.set("feedback", complaint.id, "long_running", admin)
    secret = fb.add({"kind": "denunciation", "person": DENOUNCER, "content": "Tố cáo thu tiền sai"}, admin)
    (code,) = receive(desk, 1)
    rating = desk.ratings.rate(1, dossier=code)
    follow_up = desk.citizens.follow_ups.of("session", ids["session"])[0]
    desk.citizens.follow_ups.done(follow_up.id, admin, "Đã kiểm đếm xong")
    return dict(ids, complaint=complaint.id, denunciation=secret.id, rating=rating.id, follow_up=follow_up.id)


def register_rows(desk: Desk) -> int:
    return sum(len(rows) for rows in dump(desk).values())


@pytest.mark.parametrize("desk2_first", [False, True], ids=["desk1-syncs-first", "desk2-syncs-first"])
def test_what_desk1_records_is_at_desk2_and_not_in_another_commune(
    hub: Hub, tmp_path: Path, clock: FixedClock, desk2_first: bool
):
    desk1 = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    desk2 = enrolled_desk(tmp_path, clock, hub, "87001", 2)
    other = enrolled_desk(tmp_path, clock, hub, "87002", 1)
    ids = record_week(desk1)
    if desk2_first:
        assert desk2.sync.run_once().received == 0  # nothing at the hub yet
        assert desk1.sync.run_once().complete
        assert desk2.sync.run_once().complete
    else:
        assert desk1.sync.run_once().complete
        assert desk2.sync.run_once().complete
    assert desk1.sync.run_once().complete  # desk 1 pulls nothing of its own back
    assert other.sync.run_once().complete

    assert dump(desk2) == dump(desk1)
    assert SyncStore(desk2.store).inbox("feedback") == [] and SyncStore(desk2.store).parked() == []

    # Desk 2 shows them as desk 1 does: the complaint's steps, the rating, the session and its follow-ups.
    complaint = desk2.feedback.get(ids["complaint"])
    assert complaint.status == "answered" and [e.kind for e in desk2.feedback.events(complaint.id)] == [
        "received",
        "accepted",
        "answered",
    ]
    assert desk2.feedback.list(query="so do")[0].id == complaint.id  # found by its words at desk 2 too
    assert desk2.store.one("SELECT level FROM ratings WHERE id = ?", (ids["rating"],)) == {"level": 1}
    session = desk2.citizens.sessions.get(ids["session"])
    assert session["status"] == "concluded" and session["conclusion_number"]
    follow_ups = desk2.citizens.follow_ups.of("session", ids["session"])
    assert len(follow_ups) == 2 and [f.done for f in follow_ups].count(True) == 1
    assert [e.id for e in desk2.citizens.register.entries(flag="land")] == [
        e.id for e in desk1.citizens.register.entries(flag="land")
    ]
    assert desk2.citizens.flags.counts() == desk1.citizens.flags.counts()
    assert desk2.citizens.flags.counts()["long_running"] == 1 and desk2.citizens.flags.counts()["land"] == 1

    # The denouncers stay masked; desk 2 holds the commune key (as `motcua key import` leaves it) and reveals.
    secret = desk2.citizens.register.get(ids["secret"])
    assert (secret.person_name, secret.person_cccd) == (MASK, MASK)
    assert desk2.feedback.get(ids["denunciation"]).person_name == MASK
    leader = desk2.clerk()
    assert desk2.citizens.register.reveal_identity(ids["secret"], leader, purpose="Xác minh").name == SECRET[0]
    assert desk2.feedback.reveal_identity(ids["denunciation"], leader, purpose="Xác minh").name == DENOUNCER["name"]

    # The other commune's desk received none of them.
    assert register_rows(other) == 0
    assert SyncStore(other.store).inbox("reception_entry") == []


def test_a_desk_without_the_commune_key_applies_and_masks(
    hub: Hub, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
):
    desk1 = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    secret = desk1.feedback.add({"kind": "denunciation", "person": DENOUNCER, "content": "Tố cáo"}, desk1.clerk())
    assert desk1.sync.run_once().complete
    monkeypatch.setenv("MOTCUA_KEY_DIR", str(tmp_path / "no-keys"))  # a PC the key was never imported on
    desk2 = enrolled_desk(tmp_path, clock, hub, "87001", 2)
    assert desk2.sync.run_once().complete
    entry = desk2.feedback.get(secret.id)
    assert entry.confidential and entry.person_name == MASK and entry.person_contact == MASK
    row = desk2.store.one("SELECT person_name, identity_cipher FROM feedback_entries WHERE id = ?", (secret.id,))
    assert row["person_name"] is None and row["identity_cipher"].count(":") >= 2
    assert DENOUNCER["name"] not in json.dumps(dump(desk2), ensure_ascii=False)


def _changes(desk: Desk) -> list[dict[str, Any]]:
    """Desk 1's history as the hub hands it to the other desks of the commune."""
    rows = desk.store.outbox(db_id=desk.store.db_id, after_seq=0, limit=100_000)
    return [
        {
            "entity": r["entity"],
            "entity_id": r["entity_id"],
            "op": r["op"],
            "payload": json.loads(r["payload"]),
            "created_at": r["created_at"],
            "desk_id": desk.identity.desk_id,
        }
        for r in rows
    ]


def _fresh(tmp_path: Path, clock: FixedClock, name: str) -> Desk:
    return make_desk(tmp_path / f"{name}.sqlite3", FixedClock(clock.at), commune="87001", desk_no=2)


def test_any_order_and_twice_gives_the_same_rows(tmp_path: Path, clock: FixedClock):
    desk1 = make_desk(tmp_path / "desk1.sqlite3", FixedClock(clock.at), commune="87001", desk_no=1)
    record_week(desk1)
    changes = _changes(desk1)
    assert {c["entity"] for c in changes} >= {"feedback_event", "follow_up", "entry_flag", "rating", "dialogue"}
    expected = dump(desk1)

    in_order = _fresh(tmp_path, clock, "in-order")
    with in_order.store.transaction():
        apply_changes(SyncStore(in_order.store), in_order.dossiers, changes)
    assert dump(in_order) == expected

    backwards = _fresh(tmp_path, clock, "backwards")  # every step before its entry, every update before its create
    for change in reversed(changes):
        with backwards.store.transaction():
            apply_changes(SyncStore(backwards.store), backwards.dossiers, [change])
    assert dump(backwards) == expected and SyncStore(backwards.store).parked() == []

    shuffled = _fresh(tmp_path, clock, "shuffled")
    order = list(changes)
    random.Random(17).shuffle(order)
    for part in (order[: len(order) // 2], order[len(order) // 2 :], order):  # the whole lot again at the end
        with shuffled.store.transaction():
            applied = apply_changes(SyncStore(shuffled.store), shuffled.dossiers, part)
    assert applied.other == 0  # the second time: nothing new
    assert dump(shuffled) == expected


def test_two_desks_update_one_entry_offline_and_agree(hub: Hub, tmp_path: Path, clock: FixedClock):
    desk1 = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    desk2 = enrolled_desk(tmp_path, clock, hub, "87001", 2)
    admin1, admin2 = desk1.clerk(), desk2.clerk()
    entry = desk1.feedback.add({"kind": "feedback", "content": "Đèn đường hỏng ở ấp 2"}, admin1)
    session = desk1.citizens.sessions.schedule(
        admin1, leader_role="chair", leader_name="Đỗ Văn Lãnh", day=clock.at.date() + timedelta(days=1)
    )
    assert desk1.sync.run_once().complete and desk2.sync.run_once().complete
    # Offline, each desk acts on the same entry: desk 1 answers at 10:00, desk 2 forwards at 10:05.
    desk1.clock.advance(minutes=60)
    desk2.clock.advance(minutes=65)
    desk1.feedback.answer(entry.id, admin1, "Đã báo điện lực.")
    desk2.feedback.forward(entry.id, admin2, "Điện lực Tân Thành")
    desk2.citizens.sessions.cancel(session["id"], admin2)
    desk1.citizens.sessions.hold(session["id"], admin1, received_by=["Đỗ Văn Lãnh"], raised="Đất đai")
    for desk in (desk1, desk2, desk1):
        assert desk.sync.run_once().complete
    # The later change wins everywhere; both steps are kept as the entry's history.
    assert dump(desk1) == dump(desk2)
    assert desk1.feedback.get(entry.id).status == "forwarded"
    assert [e.kind for e in desk1.feedback.events(entry.id)].count("answered") == 1
    assert desk1.citizens.sessions.get(session["id"])["status"] == "cancelled"  # 10:05 beats 10:00
