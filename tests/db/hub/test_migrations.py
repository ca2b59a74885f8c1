"""Hub migrations that fill what they add: a hub from before keeps its data readable."""

from __future__ import annotations

import sqlite3
from importlib import resources
from pathlib import Path

from db.hub.store import HubStore


def test_changes_learn_the_dossier_their_attachment_fee_or_payment_is_about(tmp_path: Path) -> None:
    path = tmp_path / "hub.sqlite3"
    conn = sqlite3.connect(path)
    files = sorted(e for e in resources.files("db.hub.sqlite").iterdir() if e.name.endswith(".sql"))
    before = [f for f in files if int(f.name[:4]) <= 7]  # the hub as it was before 0008
    conn.execute("CREATE TABLE hub_schema (version INTEGER NOT NULL)")
    for f in before:
        conn.executescript(f.read_text(encoding="utf-8"))
        conn.execute("INSERT INTO hub_schema (version) VALUES (?)", (int(f.name[:4]),))
    for n, (entity, payload) in enumerate(
        [
            ("attachment", '{"dossier_id":"d1","role":"document"}'),
            ("payment", '{"dossier_id":"d2","amount":5000}'),
            ("event", '{"dossier_id":"d1","kind":"done"}'),
        ]
    ):
        conn.execute(
            "INSERT INTO changes (change_id, commune_code, desk_id, db_id, seq, entity, entity_id, op, payload, "
            "payload_hash, created_at, stored_at) VALUES (?, '87001', 'k', 'db', ?, ?, ?, 'insert', ?, 'h', 't', 't')",
            (f"c{n}", n + 1, entity, f"e{n}", payload),
        )
    conn.commit()
    conn.close()
    hub = HubStore(path)
    try:
        rows = hub.backend.all("SELECT entity, dossier_id FROM changes ORDER BY pos")
        assert [(r["entity"], r["dossier_id"]) for r in rows] == [
            ("attachment", "d1"),
            ("payment", "d2"),
            ("event", None),
        ]
    finally:
        hub.close()
