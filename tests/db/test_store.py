from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.desk import Desk
from db.dossier_store import DossierStore
from db.store import Store, StoreError
from db.sync_store import SyncStore


def test_pragmas(tmp_path: Path) -> None:
    store = Store(tmp_path / "p.sqlite3")
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    store.close()


def test_outbox_only_inside_a_transaction(desk: Desk) -> None:
    with pytest.raises(StoreError):
        desk.store.append_outbox("x", "1", "create", {}, "2026-01-01T00:00:00+07:00")


def test_outbox_sequence_is_per_database_id(desk: Desk) -> None:
    store = desk.store
    with store.transaction():
        assert store.append_outbox("x", "1", "create", {"a": 1}, "t") == 1
        assert store.append_outbox("x", "2", "create", {"a": 2}, "t") == 2
    old = store.db_id
    store.new_db_id("test")
    with store.transaction():
        assert store.append_outbox("x", "3", "create", {"a": 3}, "t") == 1
    assert [r["seq"] for r in store.outbox(db_id=old)] == [1, 2]


def test_outbox_sequence_survives_rollbacks_other_connections_and_a_new_history(desk: Desk) -> None:
    """The next sequence number is remembered inside one write transaction only: a rolled-back
    transaction, another connection's entries and a new database id are all seen."""
    store = desk.store
    start = store.outbox_count()
    with store.transaction():
        first = store.append_outbox("x", "1", "create", {"a": 1}, "t")
    with pytest.raises(RuntimeError), store.transaction():
        assert store.append_outbox("x", "2", "create", {}, "t") == first + 1
        raise RuntimeError("rolled back")
    other = Store(store.path)
    with other.transaction():
        assert other.append_outbox("x", "3", "create", {}, "t") == first + 1
    other.close()
    with store.transaction():
        assert store.append_outbox("x", "4", "create", {}, "t") == first + 2
        store.new_db_id("test")  # joins this transaction: the sequence restarts for the new id
        assert store.append_outbox("x", "5", "create", {}, "t") == 1
    assert store.outbox_count() == start + 4


def test_bulk_load_puts_the_pragmas_back(desk: Desk) -> None:
    conn = desk.store.conn
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    with pytest.raises(RuntimeError), desk.store.bulk_load():
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 0
        assert conn.execute("PRAGMA cache_size").fetchone()[0] == -128 * 1024
        raise RuntimeError("interrupted")
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == cache


def test_events_and_outbox_are_append_only(desk: Desk, admin, sample_input) -> None:
    dossier = desk.dossiers.receive(sample_input, admin)
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        desk.store.conn.execute("UPDATE dossier_events SET kind = 'done' WHERE dossier_id = ?", (dossier.id,))
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        desk.store.conn.execute("DELETE FROM dossier_events WHERE dossier_id = ?", (dossier.id,))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        desk.store.conn.execute("UPDATE outbox SET payload = '{}'")
    for change in ("UPDATE outbox SET hist = hist + 1", "UPDATE outbox SET created_at = 'x'"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            desk.store.conn.execute(change)
    for table in ("outbox_histories", "outbox_kinds"):  # an entry's history and kind are numbers into them
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            desk.store.conn.execute(f"UPDATE {table} SET rowid = rowid + 100")


def test_a_failure_mid_transaction_leaves_neither_event_nor_outbox(desk: Desk, admin, sample_input) -> None:
    dossier = desk.dossiers.receive(sample_input, admin)
    events_before = len(DossierStore(desk.store).events(dossier.id))
    outbox_before = desk.store.outbox_count()

    original = desk.store.append_outbox

    def fail_after_event(*args, **kwargs):
        original(*args, **kwargs)
        raise RuntimeError("power cut")

    desk.store.append_outbox = fail_after_event  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        desk.dossiers.act(dossier.code, "forwarded", admin)
    desk.store.append_outbox = original  # type: ignore[method-assign]
    assert len(DossierStore(desk.store).events(dossier.id)) == events_before
    assert desk.store.outbox_count() == outbox_before
    assert desk.dossiers.get(dossier.code).status == "received"


def test_a_copied_store_gets_a_new_database_id(desk: Desk, tmp_path: Path, admin, sample_input) -> None:
    desk.dossiers.receive(sample_input, admin)
    original_id = desk.store.db_id
    desk.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "copy.sqlite3"
    shutil.copy(desk.store.path, copy)
    with Store(copy) as copied:
        assert copied.db_id != original_id
        assert [r["reason"] for r in copied.database_ids()] == ["initialised", "copied or restored"]
    # Reopening the original keeps its id: nothing was copied there.
    path = desk.store.path
    desk.close()
    for _ in range(2):
        with Desk.open(path) as again:
            assert again.store.db_id == original_id


def test_a_restored_backup_gets_a_new_database_id(desk: Desk, tmp_path: Path) -> None:
    backup = tmp_path / "backup.sqlite3"
    desk.store.backup_to(backup)
    original_id = desk.store.db_id
    path = desk.store.path
    desk.close()
    path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy(backup, path)
    with Desk.open(path) as restored:
        assert restored.store.db_id != original_id
        assert restored.store.database_ids()[-1]["reason"] == "copied or restored"


def test_reopening_keeps_data_after_an_abrupt_close(tmp_path: Path, clock, sample_input) -> None:
    """A process that dies without closing (WAL not checkpointed) loses nothing committed."""
    import subprocess
    import sys
    import textwrap

    path = tmp_path / "crash.sqlite3"
    script = textwrap.dedent(f"""
        import os, json
        from tests.conftest import make_desk, dossier_input
        from app.core.clock import FixedClock
        from datetime import datetime
        from app.core.worktime import VN_TZ
        desk = make_desk(__import__('pathlib').Path({str(path)!r}),
                         FixedClock(datetime(2026, 2, 12, 9, 0, tzinfo=VN_TZ)))
        d = desk.dossiers.receive(dossier_input(), desk.clerk())
        print(d.code, flush=True)
        os._exit(0)  # no close, no checkpoint
    """)
    env = dict(__import__("os").environ)
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        check=True,
    )
    code = out.stdout.strip()
    with Store(path) as store:
        assert DossierStore(store).dossier_by_code(code) is not None
        assert store.outbox_count() == 2
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_backups_nonce_waits_out_a_busy_writer(tmp_path: Path) -> None:
    """Receipts saved back to back can hold the write lock longer than one busy timeout: the nonce a
    backup writes after its copy is tried again rather than failing the backup."""
    import threading
    import time

    store = Store(tmp_path / "n.sqlite3", registry=tmp_path / "registry.json")
    store.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(tmp_path / "n.sqlite3", isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.2, lambda: other.execute("COMMIT"))  # four busy timeouts later
    release.start()
    started = time.monotonic()
    store.rotate_open_nonce()
    assert time.monotonic() - started >= 0.15
    release.join()
    other.close()
    store.close()


def test_an_outbox_history_undone_with_a_savepoint_is_written_again(desk: Desk, admin, sample_input) -> None:
    """The store's numbers for histories, kinds and the next sequence are forgotten with what they named."""
    desk.store.new_db_id("test: a fresh history")
    sync = SyncStore(desk.store)
    with desk.store.transaction():
        with pytest.raises(RuntimeError), sync.savepoint():
            desk.store.append_outbox("x", "1", "shout", {"a": 1}, "t")
            raise RuntimeError("the record could not be applied")
        assert desk.store.append_outbox("x", "2", "shout", {"a": 2}, "t") == 1
    [entry] = desk.store.outbox()
    assert (entry["entity"], entry["entity_id"], entry["op"], entry["seq"]) == ("x", "2", "shout", 1)
