"""The one transaction helper: nested calls join the outer transaction, which alone commits or rolls back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from db.hub.connection import SQLiteBackend
from db.store import Store
from db.transaction import Nesting, nested


def _count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM t").fetchone()[0]


def test_nested_calls_join_the_outer_transaction() -> None:
    calls: list[str] = []
    nesting = Nesting()
    with nested(
        nesting, lambda: calls.append("begin"), lambda: calls.append("commit"), lambda: calls.append("rollback")
    ):
        with nested(nesting, lambda: calls.append("begin"), lambda: calls.append("commit"), lambda: calls.append("x")):
            assert nesting.depth == 2
        assert nesting.depth == 1
    assert calls == ["begin", "commit"] and nesting.depth == 0


def test_an_error_inside_a_joined_body_rolls_back_the_whole(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    store.conn.execute("CREATE TABLE t (x)")
    with pytest.raises(RuntimeError), store.transaction():
        store.conn.execute("INSERT INTO t VALUES (1)")
        with store.transaction():
            store.conn.execute("INSERT INTO t VALUES (2)")
        raise RuntimeError("after the inner body")
    assert _count(store.conn) == 0
    with store.transaction(), store.transaction():
        store.conn.execute("INSERT INTO t VALUES (3)")
    assert _count(store.conn) == 1 and not store.conn.in_transaction
    store.close()


def test_the_hub_backend_uses_the_same_rules(tmp_path: Path) -> None:
    backend = SQLiteBackend(str(tmp_path / "hub.sqlite3"))
    backend.execute("CREATE TABLE t (x)")
    with pytest.raises(RuntimeError), backend.transaction():
        with backend.transaction():
            backend.execute("INSERT INTO t VALUES (1)")
        raise RuntimeError("power cut")
    assert backend.scalar("SELECT COUNT(*) AS n FROM t") == 0
    with backend.transaction():  # the writer lock was released by the rollback
        backend.execute("INSERT INTO t VALUES (2)")
    assert backend.scalar("SELECT COUNT(*) AS n FROM t") == 1
    backend.close()
