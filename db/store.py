"""The desk's store: every query the application makes, in plain dicts.

One ``Store`` per thread (SQLite connections are not shared across threads here). Writes that
belong together go through ``transaction()``; every change that syncs is appended to the outbox
inside that same transaction by the caller, so a crash leaves both or neither.
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

from db.connection import connect, migrate
from db.errors import StoreError, from_sqlite
from db.ids import new_id

DOSSIER_COLUMNS = (
    "id",
    "code",
    "procedure_code",
    "procedure_name",
    "legal_time",
    "applicant_name",
    "applicant_cccd",
    "applicant_phone",
    "applicant_address",
    "applicant_email",
    "documents",
    "sets",
    "channel",
    "notes",
    "received_at",
    "due_at",
    "status",
    "created_at",
    "updated_at",
    "clerk_id",
    "desk_id",
)
SUMMARY_COLUMNS = (
    "id",
    "code",
    "applicant_name",
    "applicant_cccd",
    "applicant_phone",
    "procedure_code",
    "procedure_name",
    "status",
    "received_at",
    "due_at",
)
EVENT_COLUMNS = ("id", "dossier_id", "kind", "at", "data", "clerk_id", "desk_id", "created_at")


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
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(entries, handle, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class Store:
    """``registry``: a JSON file outside the data folder (the desk's config) that remembers, per store
    path, the nonce this store was last opened with; a restored backup carries an older nonce."""

    def __init__(self, path: str | Path, *, migrate_to: int | None = None, registry: Path | None = None) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        self.registry = registry
        self._db_id: str | None = None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._depth = 0
        try:
            self.conn = connect(path)
        except sqlite3.Error as exc:
            raise from_sqlite(exc) or StoreError(str(exc)) from exc
        try:
            migrate(self.conn, target=migrate_to)
            self._check_copy()
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
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self._depth = 0
            self._db_id = None  # it may have been read from the rolled-back transaction
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self._depth = 0
            self.conn.execute("COMMIT")

    def set_synchronous(self, mode: str) -> None:
        """Bulk loads (demo data) may trade durability for speed; normal work stays FULL."""
        if mode.upper() not in {"OFF", "NORMAL", "FULL"}:
            raise ValueError(mode)
        self.conn.execute(f"PRAGMA synchronous = {mode.upper()}")

    def backup_to(self, target: str | Path) -> None:
        dest = sqlite3.connect(str(target))
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
        if self.get_meta("fingerprint") != _fingerprint(self.path):
            self.new_db_id("copied or restored")
        if self.registry is not None:
            with self.transaction():  # the write lock serialises concurrent opens of one file
                key = str(self.path.resolve())
                known = _read_registry(self.registry).get(key)
                if known is not None and known != self.get_meta("open_nonce"):
                    self.new_db_id("copied or restored")
                self.rotate_open_nonce()

    def rotate_open_nonce(self) -> None:
        """Mark this moment: a copy taken before it carries the old nonce and is recognised later."""
        if self.registry is None or self.path is None:
            return
        nonce = new_id()
        with self.transaction():
            self.set_meta({"open_nonce": nonce})
            _write_registry(self.registry, str(self.path.resolve()), nonce)

    # Outbox

    def append_outbox(self, entity: str, entity_id: str, op: str, payload: Mapping[str, Any], created_at: str) -> int:
        """Must run inside ``transaction()`` with the change it records; returns the sequence number."""
        if not self.conn.in_transaction:
            raise StoreError("the outbox is written only inside the transaction of its change")
        db_id = self.db_id
        if db_id is None:
            raise StoreError("the store has no database id")
        return self.conn.execute(
            "INSERT INTO outbox (db_id, seq, change_id, entity, entity_id, op, payload, created_at) "
            "SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4, ?5, ?6, ?7 FROM outbox WHERE db_id = ?1 "
            "RETURNING seq",
            (
                db_id,
                new_id(),
                entity,
                entity_id,
                op,
                json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                created_at,
            ),
        ).fetchone()[0]

    def outbox(self, *, db_id: str | None = None, after_seq: int = 0, limit: int = 500) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT * FROM outbox WHERE db_id = ? AND seq > ? ORDER BY seq LIMIT ?",
            (db_id or self.db_id, after_seq, limit),
        )
        return [dict(r) for r in rows]

    def outbox_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]

    # Clerks

    def insert_clerk(self, row: Mapping[str, Any]) -> None:
        self.db["clerks"].insert(dict(row))

    def clerk_by_username(self, username: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM clerks WHERE username = ?", (username,)).fetchone()
        return dict(row) if row else None

    def clerk_by_id(self, clerk_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM clerks WHERE id = ?", (clerk_id,)).fetchone()
        return dict(row) if row else None

    def clerks(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM clerks ORDER BY created_at, username")]

    def first_admin(self) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT * FROM clerks WHERE role = 'admin' AND active = 1 ORDER BY created_at, rowid LIMIT 1"
        ).fetchone()
        return dict(row) if row else None

    def update_clerk(self, clerk_id: str, values: Mapping[str, Any]) -> None:
        self.db["clerks"].update(clerk_id, dict(values))

    # Procedures

    def replace_procedures(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """A catalogue import replaces the active list; dossiers keep their own snapshot."""
        with self.transaction():
            self.conn.execute("UPDATE procedures SET active = 0")
            self.db["procedures"].upsert_all([dict(r, active=1) for r in rows], pk="code")

    def upsert_procedures(self, rows: Sequence[Mapping[str, Any]]) -> None:
        with self.transaction():
            self.db["procedures"].upsert_all([dict(r) for r in rows], pk="code")

    def procedures(self, *, active_only: bool = True) -> list[dict[str, Any]]:
        where = "WHERE active = 1" if active_only else ""
        return [dict(r) for r in self.conn.execute(f"SELECT * FROM procedures {where} ORDER BY code")]

    def procedure(self, code: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM procedures WHERE code = ?", (code,)).fetchone()
        return dict(row) if row else None

    # Calendar overrides

    def calendar_overrides(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute("SELECT * FROM calendar_overrides ORDER BY day")]

    def set_calendar_override(self, row: Mapping[str, Any]) -> None:
        with self.transaction():
            self.db["calendar_overrides"].upsert(dict(row), pk="day")

    def delete_calendar_override(self, day: str) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM calendar_overrides WHERE day = ?", (day,))

    # Desk keys

    def upsert_desk_key(self, row: Mapping[str, Any]) -> None:
        with self.transaction():
            self.db["desk_keys"].upsert(dict(row), pk="desk_id")

    def desk_key(self, desk_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM desk_keys WHERE desk_id = ?", (desk_id,)).fetchone()
        return dict(row) if row else None

    def desk_key_by_number(self, commune_code: str, desk_no: int) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT * FROM desk_keys WHERE commune_code = ? AND desk_no = ? AND revoked = 0",
            (commune_code, desk_no),
        ).fetchone()
        return dict(row) if row else None

    # Dossiers

    def insert_dossier(self, row: Mapping[str, Any], search_text: str) -> int:
        """Insert a dossier and its search entry; returns the local rowid."""
        cur = self.conn.execute(
            f"INSERT INTO dossiers ({', '.join(DOSSIER_COLUMNS)}) VALUES ({', '.join('?' * len(DOSSIER_COLUMNS))})",
            [row[c] for c in DOSSIER_COLUMNS],
        )
        rowid = cur.lastrowid
        # Negated: the index's ascending order is then newest first (migration 0006).
        self.conn.execute(
            f"INSERT INTO dossier_search (rowid, text, {', '.join(SUMMARY_COLUMNS)}) "
            f"VALUES (?, ?, {', '.join('?' * len(SUMMARY_COLUMNS))})",
            [-rowid, search_text, *(row[c] for c in SUMMARY_COLUMNS)],
        )
        return rowid

    def update_dossier_derived(self, dossier_id: str, *, status: str, due_at: str, updated_at: str) -> None:
        rowid = self.conn.execute(
            "UPDATE dossiers SET status = ?, due_at = ?, updated_at = ? WHERE id = ? RETURNING rowid",
            (status, due_at, updated_at, dossier_id),
        ).fetchone()
        if rowid is not None:
            self.conn.execute(
                "UPDATE dossier_search SET status = ?, due_at = ? WHERE rowid = ?", (status, due_at, -rowid[0])
            )

    def insert_event(self, row: Mapping[str, Any]) -> None:
        self.conn.execute(
            f"INSERT INTO dossier_events ({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(EVENT_COLUMNS))})",
            [row[c] for c in EVENT_COLUMNS],
        )

    def event_exists(self, event_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM dossier_events WHERE id = ?", (event_id,)).fetchone() is not None

    def events(self, dossier_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT * FROM dossier_events WHERE dossier_id = ? ORDER BY at, created_at, id", (dossier_id,)
        )
        return [dict(r) for r in rows]

    def dossier_by_code(self, code: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM dossiers WHERE code = ?", (code,)).fetchone()
        return dict(row) if row else None

    def dossier_by_id(self, dossier_id: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM dossiers WHERE id = ?", (dossier_id,)).fetchone()
        return dict(row) if row else None

    def dossiers_by_rowids(self, rowids: Sequence[int]) -> list[dict[str, Any]]:
        if not rowids:
            return []
        marks = ",".join("?" * len(rowids))
        rows = self.conn.execute(f"SELECT * FROM dossiers WHERE rowid IN ({marks})", list(rowids))
        by_rowid = {r["rowid"]: dict(r) for r in rows}
        return [by_rowid[i] for i in rowids if i in by_rowid]

    def latest_applicant_by_cccd(self, cccd: str) -> dict[str, Any] | None:
        row = self.conn.execute(
            "SELECT applicant_name, applicant_cccd, applicant_phone, applicant_address, applicant_email "
            "FROM dossiers WHERE applicant_cccd = ? ORDER BY received_at DESC LIMIT 1",
            (cccd,),
        ).fetchone()
        return dict(row) if row else None

    def max_code_number(self, prefix: str) -> int:
        """Highest NNNN issued under ``<agency>-<YYMMDD>-<desk digit>``, counting floors learned elsewhere."""
        row = self.conn.execute(
            "SELECT MAX(CAST(substr(code, ?) AS INTEGER)) FROM dossiers WHERE code >= ? AND code < ?",
            (len(prefix), prefix, prefix + "\uffff"),
        ).fetchone()
        seen = row[0] or 0
        floor = self.conn.execute("SELECT floor FROM code_floors WHERE prefix = ?", (prefix,)).fetchone()
        return max(seen, floor[0] if floor else 0)

    def raise_code_floor(self, prefix: str, floor: int) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO code_floors (prefix, floor) VALUES (?, ?) "
                "ON CONFLICT (prefix) DO UPDATE SET floor = MAX(floor, excluded.floor)",
                (prefix, floor),
            )

    def search_summaries(self, match: str, limit: int = 50) -> list[tuple]:
        """What a result line shows, as tuples in ``SUMMARY_COLUMNS`` order, from the index alone."""
        return self.conn.execute(
            f"SELECT {', '.join(SUMMARY_COLUMNS)} FROM dossier_search WHERE dossier_search MATCH ? LIMIT ?",
            (match, limit),
        ).fetchall()

    def optimize(self) -> None:
        """Merge the search index into one segment and refresh the planner's statistics.

        Rows arrive one at a time, so the index grows in many small segments; merged, each keystroke's
        query reads one b-tree. Seconds at a million dossiers: run after bulk loads and when idle.
        """
        with self.transaction():
            self.conn.execute("INSERT INTO dossier_search (dossier_search) VALUES ('optimize')")
        self.conn.execute("PRAGMA optimize")

    def count_dossiers(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0]

    def dossiers_received_between(self, start: str, end: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT * FROM dossiers WHERE received_at >= ? AND received_at < ? ORDER BY received_at, code",
            (start, end),
        )
        return [dict(r) for r in rows]

    def status_counts(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT status, COUNT(*) FROM dossiers GROUP BY status")}
