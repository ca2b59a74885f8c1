"""The desk's store: the one connection and transaction, meta, the database's identity, backup, the outbox.

One ``Store`` per thread (SQLite connections are not shared across threads here). The SQL of each
kind of record sits in its own module on top of it (db.dossier_store, db.account_store,
db.catalogue_store, db.calendar_store, db.feedback_store, db.print_store, db.register_store,
db.sync_store). Writes that belong together go through ``transaction()``; every change that syncs is
appended to the outbox inside that same transaction (``app.core.history.record``), so a crash leaves
both or neither.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from db.bulk import restore_indexes
from db.connection import connect, migrate
from db.errors import StoreBusy, StoreError, from_sqlite
from db.files import create_private, private_dir, private_file
from db.ids import new_id
from db.transaction import Nesting, nested


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _fingerprint(path: Path) -> str:
    """Which file on which disk: changes when the file is copied, moved or restored from a backup."""
    st = path.stat()
    return f"{st.st_dev}:{st.st_ino}:{path.resolve()}"


def _read_registry(path: Path) -> dict[str, str]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return {}  # a damaged registry only costs a fresh database id, never data


def _write_registry(path: Path, key: str, nonce: str) -> None:
    entries = _read_registry(path)
    entries[key] = nonce
    private_dir(path.parent)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(entries, handle, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def outbox_text(payload: Mapping[str, Any]) -> str:
    """An outbox payload as stored."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


# Tries of the one write a backup makes after its copy, each waiting one busy timeout.
NONCE_ATTEMPTS = 6


class Store:
    """``registry``: a JSON file outside the data folder (the desk's config) that remembers, per store
    path, the nonce this store was last opened with; a restored backup carries an older nonce."""

    def __init__(self, path: str | Path, *, migrate_to: int | None = None, registry: Path | None = None) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        self.registry = registry
        # True when the registry vouches that this is the very file this PC last opened (not a copy, not
        # a restored backup); False when that cannot be told or it is a copy.
        self.continuous = False
        self._db_id: str | None = None
        if self.path is not None:
            private_dir(self.path.parent)
        self._nesting = Nesting()
        # (transaction number, db_id, next seq): in a write transaction only this connection adds to
        # the outbox, so the next sequence number is known without asking again.
        self._transaction_no = 0
        self._next_seq: tuple[int, str, int] | None = None
        # Outbox histories and kinds by name (db/migrations/0021); forgotten on rollback, which may undo one.
        self._hists: dict[str, int] = {}
        self._kinds: dict[tuple[str, str], int] = {}
        try:
            self.conn = connect(path)
        except sqlite3.Error as exc:
            raise from_sqlite(exc) or StoreError(str(exc)) from exc
        if self.path is not None:  # citizen data: this user's only (a store made by an older version too)
            for suffix in ("", "-wal", "-shm"):
                private_file(f"{self.path}{suffix}")
        try:
            migrate(self.conn, target=migrate_to)
            self._check_copy()
            if migrate_to is None:
                restore_indexes(self)  # a bulk load killed before it rebuilt them (db.bulk)
        except sqlite3.Error as exc:
            self.conn.close()
            raise from_sqlite(exc) or StoreError(str(exc)) from exc
        except StoreError:
            self.conn.close()
            raise

    # Plumbing

    @cached_property
    def db(self):  # -> sqlite_utils.Database
        """sqlite-utils over the same connection, for upserts; imported on first use (it is slow to load)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; nested calls join the outer transaction."""
        with nested(self._nesting, self._begin, self._commit, self._rollback):
            yield self.conn

    def _begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        self._transaction_no += 1

    def _commit(self) -> None:
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        self._db_id = None  # it may have been read from the rolled-back transaction
        self.forget_outbox_cache()
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        """The first row of a query as a dict, or None (the shape every ``*_store`` module returns)."""
        row = self.conn.execute(sql, params).fetchone()
        return dict(row) if row else None

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, params)]

    def set_synchronous(self, mode: str) -> None:
        """Bulk loads (demo data) may trade durability for speed; normal work stays FULL."""
        if mode.upper() not in {"OFF", "NORMAL", "FULL"}:
            raise ValueError(mode)
        self.conn.execute(f"PRAGMA synchronous = {mode.upper()}")

    @contextmanager
    def bulk_load(self, cache_mib: int = 128) -> Iterator[None]:
        """A bulk load (demo data): no fsync per transaction and a larger page cache, so the indexes
        being filled stay in memory; both are put back afterwards."""
        before = self.conn.execute("PRAGMA cache_size").fetchone()[0]
        self.set_synchronous("OFF")
        self.conn.execute(f"PRAGMA cache_size = {-1024 * int(cache_mib)}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA cache_size = {int(before)}")
            self.set_synchronous("FULL")

    def backup_to(self, target: str | Path) -> None:
        dest = sqlite3.connect(str(create_private(target)))
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        self.rotate_open_nonce()  # so the backup, if restored, is seen as a restore

    # Meta and database identity

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def all_meta(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self.conn.execute("SELECT key, value FROM meta")}

    def set_meta(self, values: Mapping[str, str]) -> None:
        self._db_id = None
        with self.transaction():
            self.conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                list(values.items()),
            )

    @property
    def db_id(self) -> str | None:
        # Cached: it is read for every outbox entry and changes only through set_meta.
        if self._db_id is None:
            self._db_id = self.get_meta("db_id")
        return self._db_id

    def new_db_id(self, reason: str) -> str:
        """Start a new history: the outbox sequence restarts under a fresh database id."""
        db_id = new_id()
        with self.transaction():
            self.conn.execute(
                "INSERT INTO database_ids (db_id, started_at, reason) VALUES (?, ?, ?)",
                (db_id, _utc_now(), reason),
            )
            values = {"db_id": db_id}
            if self.path is not None:
                values["fingerprint"] = _fingerprint(self.path)
            self.set_meta(values)
        return db_id

    def database_ids(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM database_ids ORDER BY started_at")]

    def _check_copy(self) -> None:
        """A copied or restored file must not continue another file's history (Morango's lesson)."""
        if self.path is None or self.get_meta("db_id") is None:
            return
        copied = self.get_meta("fingerprint") != _fingerprint(self.path)
        if copied:
            self.new_db_id("copied or restored")
        if self.registry is not None:
            with self.transaction():  # the write lock serialises concurrent opens of one file
                key = str(self.path.resolve())
                known = _read_registry(self.registry).get(key)
                if known is not None and known != self.get_meta("open_nonce"):
                    copied = True
                    self.new_db_id("copied or restored")
                elif known is not None and not copied:
                    self.continuous = True
                self.rotate_open_nonce()

    def rotate_open_nonce(self) -> None:
        """Mark this moment: a copy taken before it carries the old nonce and is recognised later."""
        if self.registry is None or self.path is None:
            return
        nonce = new_id()
        for attempt in range(NONCE_ATTEMPTS):
            try:
                with self.transaction():
                    self.set_meta({"open_nonce": nonce})
                    _write_registry(self.registry, str(self.path.resolve()), nonce)
                return
            except sqlite3.OperationalError as exc:
                # Receipts saved back to back can hold the write lock past one busy timeout (SQLite does not
                # queue waiters); the copy is already made, so wait again rather than fail the backup.
                if (
                    attempt + 1 == NONCE_ATTEMPTS
                    or self.conn.in_transaction
                    or not isinstance(from_sqlite(exc), StoreBusy)
                ):
                    raise

    # Outbox (db/migrations/0021: a history and an entity/op pair are small numbers in each entry)

    def forget_outbox_cache(self) -> None:
        """After a rollback, also to a savepoint: a history, kind or sequence cached may have been undone."""
        self._hists.clear()
        self._kinds.clear()
        self._next_seq = None

    def _hist(self, db_id: str, *, create: bool) -> int | None:
        """The number of a history in the outbox (added on its first entry when ``create``)."""
        hist = self._hists.get(db_id)
        if hist is None:
            row = self.conn.execute("SELECT hist FROM outbox_histories WHERE db_id = ?", (db_id,)).fetchone()
            if row is None and create:
                row = self.conn.execute(
                    "INSERT INTO outbox_histories (db_id) VALUES (?) RETURNING hist", (db_id,)
                ).fetchone()
            if row is None:
                return None
            hist = self._hists[db_id] = row[0]
        return hist

    def _kind(self, entity: str, op: str) -> int:
        kind = self._kinds.get((entity, op))
        if kind is None:
            row = self.conn.execute(
                "SELECT kind FROM outbox_kinds WHERE entity = ? AND op = ?", (entity, op)
            ).fetchone()
            if row is None:
                row = self.conn.execute(
                    "INSERT INTO outbox_kinds (entity, op) VALUES (?, ?) RETURNING kind", (entity, op)
                ).fetchone()
            kind = self._kinds[(entity, op)] = row[0]
        return kind

    def _first_seq(self, db_id: str) -> tuple[int, int]:
        """(hist, next seq) of the current history; the store's own writes are counted within a transaction."""
        hist = self._hist(db_id, create=True)
        assert hist is not None
        known = self._next_seq
        if known is not None and known[:2] == (self._transaction_no, db_id):
            return hist, known[2]
        seq = self.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM outbox WHERE hist = ?", (hist,)).fetchone()[0]
        return hist, seq

    def _current_history(self) -> str:
        if not self.conn.in_transaction:
            raise StoreError("the outbox is written only inside the transaction of its change")
        db_id = self.db_id
        if db_id is None:
            raise StoreError("the store has no database id")
        return db_id

    def append_outbox(self, entity: str, entity_id: str, op: str, payload: Mapping[str, Any], created_at: str) -> int:
        """Must run inside ``transaction()`` with the change it records; returns the sequence number."""
        db_id = self._current_history()
        hist, seq = self._first_seq(db_id)
        own = created_at == payload.get("created_at")  # the payload gives it back: not stored twice
        self.conn.execute(
            "INSERT INTO outbox (hist, seq, kind, entity_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (hist, seq, self._kind(entity, op), entity_id, outbox_text(payload), None if own else created_at),
        )
        self._next_seq = (self._transaction_no, db_id, seq + 1)
        return seq

    def append_outbox_many(self, entries: Sequence[tuple[str, str, str, str | None, bytes | None, str]]) -> None:
        """A bulk load's ``append_outbox``: (entity, entity_id, op, payload text, digest, created_at), in
        order. A payload may come already in the lean form of app.sync.rebuild (None, with its digest): such
        an entry is a record's creation stamped with the record's own time, which its rebuild gives back,
        so its time is not stored."""
        db_id = self._current_history()
        hist, first = self._first_seq(db_id)
        rows = []
        for i, (entity, entity_id, op, text, digest, created_at) in enumerate(entries):
            own = text is None or _text_created_at(text) == created_at
            rows.append((hist, first + i, self._kind(entity, op), entity_id, text, digest, None if own else created_at))
        self.conn.executemany(
            "INSERT INTO outbox (hist, seq, kind, entity_id, payload, digest, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self._next_seq = (self._transaction_no, db_id, first + len(entries))

    # Every reader above db/ sees the entries as they were shaped before 0021: db_id, entity and op by name;
    # ``created_at`` is None only where a pruned payload's own (app.sync.rebuild.changes fills it in).
    ENTRY_COLUMNS = (
        "h.db_id, o.seq, k.entity, o.entity_id, k.op, o.payload, o.digest, o.patch, o.created_at "
        "FROM outbox o JOIN outbox_histories h ON h.hist = o.hist JOIN outbox_kinds k ON k.kind = o.kind"
    )

    def outbox(self, *, db_id: str | None = None, after_seq: int = 0, limit: int = 500) -> list[dict[str, Any]]:
        hist = self._hist(db_id or self.db_id or "", create=False)
        if hist is None:
            return []
        rows = self.conn.execute(
            f"SELECT {self.ENTRY_COLUMNS} WHERE o.hist = ? AND o.seq > ? ORDER BY o.seq LIMIT ?",
            (hist, after_seq, limit),
        )
        out = [dict(r) for r in rows]
        for r in out:
            if r["created_at"] is None and r["payload"] is not None:
                r["created_at"] = _text_created_at(r["payload"])
        return out

    def outbox_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]


def _text_created_at(text: str) -> Any:
    try:
        payload = json.loads(text)
    except ValueError:
        return None
    return payload.get("created_at") if isinstance(payload, dict) else None
