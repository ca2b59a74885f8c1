"""The feedback SQL on a real file: schema, triggers, uniqueness, numbering and paging."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db.feedback_store import ENTRY_COLUMNS, FeedbackStore
from db.store import Store


@pytest.fixture
def fstore(tmp_path: Path):
    store = Store(tmp_path / "f.sqlite3")
    yield FeedbackStore(store)
    store.close()


def entry(i: int, **values) -> dict:
    row = {c: None for c in ENTRY_COLUMNS}
    row.update(
        id=f"e{i}",
        number=f"KN-26-1{i:03d}",
        kind="complaint",
        channel="in_person",
        content=f"nội dung {i}",
        category="",
        received_at=f"2026-02-{10 + i:02d}T09:00:00+07:00",
        rule_from="2012-07-01",
        forward_due="2026-02-20",
        complex=0,
        status="received",
        search_text=f"noi dung {i}",
        created_at="2026-02-12T09:00:00+07:00",
        updated_at="2026-02-12T09:00:00+07:00",
        clerk_id="c",
        desk_id="d",
    )
    row.update(values)
    return row


def rating(i: int, dossier_id: str | None) -> dict:
    return {
        "id": f"r{i}",
        "dossier_id": dossier_id,
        "dossier_code": None,
        "procedure_code": None,
        "clerk_id": None,
        "scale": "4",
        "level": 1,
        "level_key": "very_satisfied",
        "satisfied": 1,
        "elements": "{}",
        "comment": "",
        "rated_at": f"2026-02-12T09:0{i}:00+07:00",
        "desk_id": "d",
        "created_at": f"2026-02-12T09:0{i}:00+07:00",
    }


def test_entries_numbering_filters_and_paging(fstore):
    for i in range(1, 4):
        fstore.insert_entry(entry(i))
    fstore.insert_entry(entry(9, number="TC-26-1001", kind="denunciation"))
    assert fstore.max_number("KN-26-1") == 3 and fstore.max_number("KN-26-2") == 0
    assert fstore.count_entries({"kinds": ["complaint"]}) == 3
    assert [r["id"] for r in fstore.entries({"kinds": ["complaint"]}, offset=1, limit=1)] == ["e2"]
    assert [r["id"] for r in fstore.entries({"tokens": ["dung", "2"]})] == ["e2"]
    assert fstore.count_entries({"received_from": "2026-02-12", "received_to": "2026-02-14"}) == 2
    with pytest.raises(sqlite3.IntegrityError):
        fstore.insert_entry(entry(5, number="KN-26-1001"))


def test_only_status_columns_change(fstore):
    fstore.insert_entry(entry(1))
    fstore.update_entry("e1", {"status": "accepted", "accepted_at": "2026-02-12T10:00:00+07:00"})
    assert fstore.entry("e1")["status"] == "accepted"
    with pytest.raises(ValueError):
        fstore.update_entry("e1", {"identity_cipher": "x"})
    with pytest.raises(sqlite3.IntegrityError):
        fstore.update_entry("e1", {"status": "lost"})


def test_ratings_unique_per_dossier_but_many_anonymous(fstore):
    fstore.insert_rating(rating(1, "dos-1"))
    fstore.insert_rating(rating(2, None))
    fstore.insert_rating(rating(3, None))
    with pytest.raises(sqlite3.IntegrityError):
        fstore.insert_rating(rating(4, "dos-1"))
    assert fstore.last_rating_at("d") == "2026-02-12T09:03:00+07:00"
    assert len(fstore.ratings_between("2026-02-12", "2026-02-13")) == 3


def test_ratings_reads_and_events_are_immutable(fstore):
    fstore.insert_entry(entry(1))
    fstore.insert_event(
        {
            "id": "ev",
            "entry_id": "e1",
            "kind": "received",
            "at": "x",
            "data": "{}",
            "clerk_id": "c",
            "desk_id": "d",
            "created_at": "x",
        }
    )
    fstore.insert_rating(rating(1, "dos-1"))
    fstore.insert_read(
        {
            "id": "rd",
            "entry_id": "e1",
            "action": "read",
            "clerk_id": "c",
            "role": "leader",
            "purpose": "",
            "at": "x",
            "desk_id": "d",
            "created_at": "x",
        }
    )
    conn = fstore.conn
    for sql in (
        "UPDATE ratings SET comment = 'x'",
        "DELETE FROM ratings",
        "UPDATE feedback_events SET data = '1'",
        "DELETE FROM feedback_events",
        "UPDATE confidential_reads SET role = 'clerk'",
        "DELETE FROM confidential_reads",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(sql)
    assert fstore.reads("e1")[0]["role"] == "leader" and len(fstore.reads()) == 1
