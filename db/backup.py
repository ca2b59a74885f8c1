"""Backups at the file level: a consistent snapshot of a live store, checking a copy, and swapping a
restored copy in before the store is opened.

The snapshot runs on its own connection (a worker thread's) inside one read transaction: under WAL the
clerk's connection keeps writing while the copy is taken, and the row counts read first describe
exactly the snapshot the backup API copies (it reuses the open read transaction).
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from db.errors import StoreError

# Counted in the snapshot and in the copy: the records a commune cannot lose.
COUNTED = ("dossiers", "dossier_events", "outbox", "feedback_entries", "clerks", "meta")
PENDING_SUFFIX = ".restore"


class CopyDamaged(StoreError):
    """A backup copy failed its check (integrity or counts)."""


# Counted in the table under the view (migration 0022): a view's count joins every row. A copy made
# before that migration has the table itself.
COUNTED_IN = {"dossier_events": "dossier_event_rows"}


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    counted = {name: COUNTED_IN.get(name, name) for name in COUNTED}
    sources = {name: table if table in tables else name for name, table in counted.items()}
    return {name: conn.execute(f"SELECT COUNT(*) FROM {source}").fetchone()[0] for name, source in sources.items()}


def private_file(path: Path) -> None:
    """Created empty and readable by the desk's user only, before any data goes in (shared/CLI.md)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def snapshot(conn: sqlite3.Connection, target: Path) -> dict[str, int]:
    """Copy the store as of one moment into ``target`` (a new file); returns that moment's counts."""
    private_file(target)
    dest = sqlite3.connect(str(target))
    try:
        conn.execute("BEGIN")  # deferred: a read transaction, the writers keep going (WAL)
        try:
            counts = _counts(conn)
            conn.backup(dest)  # one step: a stepwise copy would restart on every write
        finally:
            conn.execute("COMMIT")
        # A backup is one self-contained file: no -wal beside it on a stick.
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    return counts


def verify(path: Path, counts: dict[str, int] | None = None) -> dict[str, int]:
    """Open the copy read-only: ``quick_check`` (every page and index readable) and the counts."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise CopyDamaged(f"{path}: {exc}") from exc
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise CopyDamaged(f"{path}: {result}")
        found = _counts(conn)
    except sqlite3.Error as exc:
        raise CopyDamaged(f"{path}: {exc}") from exc
    finally:
        conn.close()
    if counts is not None and found != counts:
        raise CopyDamaged(f"{path}: counts {found} differ from the store's {counts}")
    return found


def pending_restore(path: Path) -> Path:
    """Where a verified copy waits to replace the store at its next opening."""
    return path.with_name(path.name + PENDING_SUFFIX)


def apply_pending_restore(path: Path) -> Path | None:
    """Swap a waiting restored copy in (the store is closed); the replaced file is kept beside it.

    Returns the kept file, or None when nothing was waiting. The old file's WAL is folded into it
    first, so the kept file is whole by itself.
    """
    pending = pending_restore(path)
    if not pending.exists():
        return None
    kept = None
    if path.exists():
        conn = sqlite3.connect(str(path))
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        kept = path.with_name(f"{path.name}.before-restore-{stamp}")
        os.replace(path, kept)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(pending, path)
    return kept
