"""Bulk loads build the big tables' secondary indexes after the rows; a killed load's indexes come back."""

from __future__ import annotations

from pathlib import Path

from app.desk import Desk
from db import bulk
from db.store import Store

SCHEMA = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"


def _indexes(store: Store) -> set[str]:
    rows = store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    return {r[0] for r in rows}


def test_indexes_dropped_for_the_load_and_rebuilt_with_the_same_sql(desk: Desk) -> None:
    before = desk.store.conn.execute(SCHEMA).fetchall()
    assert {"dossiers_cccd", "outbox_dossier", "dossier_events_dossier"} <= _indexes(desk.store)
    with bulk.deferred_indexes(desk.store):
        assert not {"dossiers_cccd", "outbox_dossier", "dossier_events_dossier"} & _indexes(desk.store)
        assert "feedback_entries_kind" in _indexes(desk.store)  # other tables keep theirs
    assert desk.store.conn.execute(SCHEMA).fetchall() == before
    assert desk.store.get_meta(bulk.DEFERRED_META) is None


def test_a_killed_load_gets_its_indexes_back_at_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite3"
    store = Store(path)
    before = store.conn.execute(SCHEMA).fetchall()
    loading = bulk.deferred_indexes(store)
    loading.__enter__()  # the load starts and the process dies: the context never exits
    assert "dossiers_cccd" not in _indexes(store)
    store.conn.close()
    again = Store(path)
    assert again.conn.execute(SCHEMA).fetchall() == before
    assert again.get_meta(bulk.DEFERRED_META) is None
    again.close()
