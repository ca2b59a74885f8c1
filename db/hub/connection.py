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

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Several reads in a row on one connection (PostgreSQL: the pool checks it once, not per statement)."""
        yield

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
    """PostgreSQL through a pool (psycopg_pool) that checks each connection as it is handed out and
    replaces dead ones, so the hub survives a restart, a failover or ``pg_terminate_backend``.

    A statement outside a transaction borrows a connection for itself; a transaction keeps one until it
    ends. While the database cannot be reached, every call raises ``HubBusy`` within ``WAIT`` seconds
    (the server answers 503 with Retry-After), and the pool reconnects in the background.
    """

    dialect = "postgres"
    POOL_MAX = 40  # the request thread pool's size: a request never queues for a connection
    WAIT = 3.0

    def __init__(self, target: str) -> None:
        super().__init__(target)
        import psycopg
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool, PoolTimeout

        self._psycopg = psycopg
        self._lost = (psycopg.OperationalError, psycopg.InterfaceError, PoolTimeout)
        kwargs: dict[str, Any] = {"autocommit": True, "row_factory": dict_row, "connect_timeout": 5}
        if "application_name" not in target:  # a URL may name it (the tests do, to find their own)
            kwargs["application_name"] = "motcua-hub"
        self._pool = ConnectionPool(
            target,
            kwargs=kwargs,
            min_size=2,
            max_size=self.POOL_MAX,
            check=ConnectionPool.check_connection,
            timeout=self.WAIT,
            reconnect_timeout=24 * 3600,  # keep trying through a long outage
            open=False,
        )
        try:
            self._pool.open(wait=True, timeout=10)
        except PoolTimeout as exc:
            self._pool.close()
            raise HubDatabaseError(f"cannot connect to PostgreSQL: {exc}") from exc

    @contextmanager
    def _borrow(self) -> Iterator[Any]:
        held = getattr(self._local, "held", None)
        if held is not None:
            yield held
            return
        try:
            with self._pool.connection() as conn:
                yield conn
        except self._lost as exc:
            raise HubBusy(f"PostgreSQL is unreachable: {exc}") from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """The one transaction helper (db.transaction): the outermost borrows a connection until it ends."""
        nesting = self._local.__dict__.setdefault("nesting", Nesting())
        try:
            with nested(nesting, self._hold, self._commit_held, self._rollback_held):
                yield
        except self._lost as exc:
            raise HubBusy(f"PostgreSQL is unreachable: {exc}") from exc

    @contextmanager
    def reading(self) -> Iterator[None]:
        if getattr(self._local, "held", None) is not None:  # inside a transaction already
            yield
            return
        try:
            with self._pool.connection() as conn:
                self._local.held = conn
                try:
                    yield
                finally:
                    self._local.held = None
        except self._lost as exc:
            raise HubBusy(f"PostgreSQL is unreachable: {exc}") from exc

    def _hold(self) -> None:
        conn = self._pool.getconn()
        try:
            conn.execute("BEGIN")
        except BaseException:
            self._pool.putconn(conn)  # a dead connection is discarded there, not handed out again
            raise
        self._local.held = conn

    def _commit_held(self) -> None:
        conn, self._local.held = self._local.held, None
        try:
            conn.execute("COMMIT")
        finally:
            self._pool.putconn(conn)

    def _rollback_held(self) -> None:
        conn, self._local.held = self._local.held, None
        try:
            conn.execute("ROLLBACK")
        except self._psycopg.Error:
            pass  # the connection died with its transaction; the pool replaces it
        finally:
            self._pool.putconn(conn)

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._borrow() as conn:
            return [dict(r) for r in conn.execute(_pg(sql), tuple(params)).fetchall()]

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        with self._borrow() as conn:
            row = conn.execute(_pg(sql), tuple(params)).fetchone()
        return dict(row) if row is not None else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else next(iter(row.values()))

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        with self._borrow() as conn:
            return conn.execute(_pg(sql), tuple(params)).rowcount

    def _many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._borrow() as conn, conn.cursor() as cur:
            cur.executemany(_pg(sql), [tuple(r) for r in rows])

    def _script(self, sql: str) -> None:
        with self._borrow() as conn:
            for statement in _statements(sql):
                conn.execute(statement)

    def _run(self, sql: str, params: Sequence[Any]) -> Any:
        raise NotImplementedError("statements borrow a pooled connection: all, one, scalar, execute")

    def lock_commune(self, code: str) -> None:
        """Pushes of one commune commit in the order they take positions, so a pull never skips one."""
        self.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (code,))

    def close(self) -> None:
        self._pool.close()


def _pg(sql: str) -> str:
    return sql.replace("?", "%s")


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
