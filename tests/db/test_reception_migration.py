"""Migration 0009 moves the old register's reception entries into the 03/TCD register, history and all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.citizens.records import reception_from_row
from db.citizen_store import CitizenStore
from db.connection import connect, migrate
from db.store import Store


def _entry(conn: sqlite3.Connection, entry_id: str, number: str, kind: str, **extra: object) -> None:
    row = {
        "id": entry_id,
        "number": number,
        "kind": kind,
        "channel": "in_person",
        "person_name": "Nguyễn Văn Cũ",
        "person_address": "Ấp 1",
        "person_contact": "0912345678",
        "content": "Hỏi về cấp giấy chứng nhận quyền sử dụng đất",
        "category": "Đất đai",
        "received_at": "2026-01-05T09:00:00+07:00",
        "rule_from": "2014-07-01",
        "forward_due": "2026-01-12",
        "status": "received",
        "search_text": "hoi ve cap giay",
        "created_at": "2026-01-05T09:00:00+07:00",
        "updated_at": "2026-01-05T09:00:00+07:00",
        "clerk_id": "c1",
        "desk_id": "d1",
        **extra,
    }
    conn.execute(
        f"INSERT INTO feedback_entries ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values())
    )
    conn.execute(
        "INSERT INTO feedback_events (id, entry_id, kind, at, data, clerk_id, desk_id, created_at) "
        "VALUES (?, ?, 'received', ?, '{}', 'c1', 'd1', ?)",
        (f"ev-{entry_id}", entry_id, row["received_at"], row["created_at"]),
    )


def test_old_reception_entries_move_to_the_03_tcd_register(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = connect(path)
    migrate(conn, target=8)
    _entry(conn, "r1", "TD-26-1001", "reception", answer="Hướng dẫn nộp hồ sơ tại Bộ phận Một cửa", status="answered")
    _entry(conn, "r2", "TD-26-1002", "reception", forwarded_to="UBND tỉnh", status="forwarded")
    _entry(conn, "k1", "KN-26-1001", "complaint")
    conn.commit()
    conn.close()

    store = Store(path)
    moved = [reception_from_row(r) for r in CitizenStore(store).receptions()]
    assert [(e.id, e.number, e.outcome) for e in moved] == [
        ("r1", "TD-26-1001", "guided"),
        ("r2", "TD-26-1002", "forwarded"),
    ]
    assert moved[0].guidance.startswith("Hướng dẫn") and moved[1].accepted_by == "UBND tỉnh"
    assert moved[0].person_name == "Nguyễn Văn Cũ" and "Chuyển từ sổ tiếp công dân cũ" in moved[0].notes
    assert moved[0].columns(1)[1] == "05/01/2026" and len(moved[0].columns(1)) == 13
    assert [r["kind"] for r in store.all("SELECT kind FROM feedback_entries")] == ["complaint"]
    assert [e["id"] for e in CitizenStore(store).legacy_events("r1")] == ["ev-r1"]
    assert store.one("SELECT COUNT(*) AS n FROM feedback_events")["n"] == 1
    with pytest.raises(sqlite3.DatabaseError, match="immutable"):
        store.conn.execute("DELETE FROM feedback_events")  # the trigger is back
    store.close()
