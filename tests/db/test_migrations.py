from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db.connection import LATEST_VERSION, MigrationError, connect, migrate, migrations, schema_version
from db.store import Store


def test_migrations_are_numbered_without_gaps() -> None:
    assert [m.version for m in migrations()] == list(range(1, LATEST_VERSION + 1))


@pytest.mark.parametrize("start", range(0, LATEST_VERSION))
def test_every_earlier_version_upgrades(tmp_path: Path, start: int) -> None:
    path = tmp_path / "old.sqlite3"
    conn = connect(path)
    assert migrate(conn, target=start) == start
    assert schema_version(conn) == start
    conn.close()
    store = Store(path)  # opening migrates to the latest
    assert schema_version(store.conn) == LATEST_VERSION
    names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    assert {"dossiers", "dossier_events", "outbox", "meta", "dossier_search"} <= names
    store.close()


def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import db.connection as connection

    good = migrations()
    broken = connection.Migration(len(good) + 1, "broken", "CREATE TABLE ok_then (x); SELECT no_such_function();")
    monkeypatch.setattr(connection, "migrations", lambda: [*good, broken])
    monkeypatch.setattr(connection, "LATEST_VERSION", len(good) + 1)
    conn = connect(tmp_path / "m.sqlite3")
    with pytest.raises(MigrationError):
        migrate(conn)
    assert schema_version(conn) == len(good)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "ok_then" not in tables  # the failed migration's first statement was rolled back too


def test_a_newer_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    raw.close()
    with pytest.raises(MigrationError, match="newer"):
        Store(path)
