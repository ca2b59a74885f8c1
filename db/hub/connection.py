"""One connection per thread to SQLite (default) or PostgreSQL (a ``postgresql://`` URL), and migrations.

Queries are written once with ``?`` placeholders; the PostgreSQL backend turns them into ``%s``.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from db.errors import HubBusy, HubDatabaseError
from db.migrate import Migration, find, run
from db.transaction import Nesting, nested

BUSY_TIMEOUT_MS = 15000


class Backend:
    dialect = ""

    def __init__(self, target: str) -> None:
        self.target = target
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()

    # Subclasses: _connect, _begin, _commit, _rollback, _run

    @property
    def conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            self._local.nesting = Nesting()
            with self._lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def transaction(self) -> Iterator[None]:
        conn = self.conn
        with nested(
            self._local.nesting,
            lambda: self._start(conn),
            lambda: self._end(conn, self._commit),
            lambda: self._end(conn, self._rollback),
        ):
            yield

    def _start(self, conn: Any) -> None:
        self._enter_write()
        try:
            self._begin(conn)
        except BaseException:
            self._exit_write()
            raise

    def _end(self, conn: Any, finish: Callable[[Any], None]) -> None:
        try:
            finish(conn)
        finally:
            self._exit_write()

    def _enter_write(self) -> None:
        """Backends that need it serialise write transactions here."""

    def _exit_write(self) -> None:
        pass

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self._run(sql, params).fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        row = self._run(sql, params).fetchone()
        return dict(row) if row is not None else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self._run(sql, params).fetchone()
        return None if row is None else next(iter(dict(row).values()))

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._run(sql, params).rowcount

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._many(sql, rows)

    def migrate(self) -> int:
        with self.transaction():
            self._script("CREATE TABLE IF NOT EXISTS hub_schema (version INTEGER NOT NULL)")
            current = self.scalar("SELECT MAX(version) AS v FROM hub_schema") or 0

        def apply(migration: Migration) -> None:
            with self.transaction():
                self._script(migration.sql)
                self.execute("INSERT INTO hub_schema (version) VALUES (?)", (migration.version,))

        return run(find(f"db.hub.{self.dialect}"), current, apply)

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                try:
                    conn.close()
                except Exception:  # closing at shutdown; nothing to report
                    pass
            self._all.clear()
        self._local = threading.local()


class SQLiteBackend(Backend):
    dialect = "sqlite"
    WRITE_WAIT = 120.0

    def __init__(self, target: str) -> None:
        super().__init__(target)
        # One writer at a time inside this process, in arrival order: SQLite's busy handler sleeps and
        # retries, which under a hundred desks pushing at once starves some of them past any timeout.
        self._writer = threading.Lock()

    def _enter_write(self) -> None:
        if not self._writer.acquire(timeout=self.WRITE_WAIT):
            raise HubBusy("the hub database is busy")

    def _exit_write(self) -> None:
        self._writer.release()

    def _connect(self) -> sqlite3.Connection:
        Path(self.target).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.target, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL survives a killed process (the hub's failure mode); the server has a UPS.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    def _begin(self, conn: sqlite3.Connection) -> None:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:  # another process (an admin command) holds it too long
            raise HubBusy(str(exc)) from exc

    def _commit(self, conn: sqlite3.Connection) -> None:
        conn.execute("COMMIT")

    def _rollback(self, conn: sqlite3.Connection) -> None:
        if conn.in_transaction:
            conn.execute("ROLLBACK")

    def _run(self, sql: str, params: Sequence[Any]) -> Any:
        return self.conn.execute(sql, tuple(params))

    def _many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def _script(self, sql: str) -> None:
        for statement in _statements(sql):
            self.conn.execute(statement)

    def lock_commune(self, code: str) -> None:
        """Writers are serialised by BEGIN IMMEDIATE already."""


class PostgresBackend(Backend):
    dialect = "postgres"

    def __init__(self, target: str) -> None:
        super().__init__(target)
        import psycopg

        self._psycopg = psycopg

    def _connect(self) -> Any:
        from psycopg.rows import dict_row

        try:
            return self._psycopg.connect(self.target, autocommit=True, row_factory=dict_row)
        except self._psycopg.OperationalError as exc:
            raise HubDatabaseError(f"cannot connect to PostgreSQL: {exc}") from exc

    def _begin(self, conn: Any) -> None:
        try:
            conn.execute("BEGIN")
        except self._psycopg.OperationalError as exc:
            self._local.conn = None  # reconnect on the next request
            raise HubBusy(str(exc)) from exc

    def _commit(self, conn: Any) -> None:
        conn.execute("COMMIT")

    def _rollback(self, conn: Any) -> None:
        try:
            conn.execute("ROLLBACK")
        except self._psycopg.Error:
            pass

    def _run(self, sql: str, params: Sequence[Any]) -> Any:
        return self.conn.execute(sql.replace("?", "%s"), tuple(params))

    def _many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(sql.replace("?", "%s"), [tuple(r) for r in rows])

    def _script(self, sql: str) -> None:
        for statement in _statements(sql):
            self.conn.execute(statement)

    def lock_commune(self, code: str) -> None:
        """Pushes of one commune commit in the order they take positions, so a pull never skips one."""
        self._run("SELECT pg_advisory_xact_lock(hashtext(?))", (code,))


def _statements(script: str) -> list[str]:
    lines = [line for line in script.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def open_backend(target: str | Path) -> Backend:
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        backend: Backend = PostgresBackend(text)
    else:
        backend = SQLiteBackend(text)
    backend.migrate()
    return backend
