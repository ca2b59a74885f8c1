"""Migration 0010: register records an older desk kept in its inbox are pulled again, to be applied."""

from __future__ import annotations

import json
from pathlib import Path

from db.connection import connect, migrate
from db.store import Store
from db.sync_store import SyncStore


def test_an_older_desk_pulls_its_commune_again_and_keeps_what_it_still_needs(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = connect(path)
    migrate(conn, target=9)
    inbox = [
        ("feedback", "f1", "create", "stored"),
        ("follow_up", "u1", "update", "stored"),
        ("event", "e1", "create", "parked"),  # a dossier's step waiting for its dossier: still waits
        ("something_newer", "x1", "create", "stored"),  # an entity this version does not know: kept
    ]
    conn.executemany(
        "INSERT INTO sync_inbox (entity, entity_id, op, desk_id, payload, created_at, state, received_at) "
        "VALUES (?, ?, ?, 'd1', ?, '2026-02-12T09:00:00+07:00', ?, '2026-02-12T09:00:00+07:00')",
        [(e, i, op, json.dumps({"id": i}), state) for e, i, op, state in inbox],
    )
    conn.execute("INSERT INTO meta (key, value) VALUES ('sync_pull_cursor', '4711'), ('sync_url', 'http://hub')")
    conn.commit()
    conn.close()

    store = Store(path)
    sync = SyncStore(store)
    assert sync.setting("pull_cursor") is None and sync.setting("url") == "http://hub"
    left = store.all("SELECT entity, entity_id FROM sync_inbox ORDER BY entity")
    assert left == [{"entity": "event", "entity_id": "e1"}, {"entity": "something_newer", "entity_id": "x1"}]
    assert store.all("SELECT * FROM sync_versions") == []
    store.close()
