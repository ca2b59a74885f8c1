"""What went wrong with a database, named for its cause (as SQLite says it), not yet in a clerk's words.

``app.core.storage_errors`` maps each of these once to a sentence in Vietnamese and English; nothing in
``db/`` writes a user-facing sentence. ``from_sqlite`` names the cause of a raw ``sqlite3.Error``.
"""

from __future__ import annotations

import sqlite3

# SQLite's primary result codes (the low byte of an extended code); see sqlite.org/rescode.html.
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


class StoreError(Exception):
    """The store could not do what was asked (constraint, corrupt file, busy beyond the timeout)."""


class StoreReadOnly(StoreError):
    """SQLite may not write the file (its permissions, a read-only disk or folder)."""


class StoreCorrupt(StoreError):
    """The file is not an SQLite database, or its pages are damaged."""


class DiskFull(StoreError):
    """SQLITE_FULL: the disk (or the database's page limit) has no room for the write."""


class StoreBusy(StoreError):
    """Another program held the write lock past the busy timeout."""


class StoreCannotOpen(StoreError):
    """The file or its folder cannot be opened at all (missing folder, no permission, I/O error)."""


class MigrationError(StoreError):
    """A migration failed; the store is left at the last version that applied cleanly."""


class StoreNewerThanProgram(MigrationError):
    """The file's schema version is above every migration this program ships."""

    def __init__(self, version: int, known: int) -> None:
        super().__init__(f"the store is at version {version}, newer than this program knows ({known})")
        self.version = version
        self.known = known


class HubDatabaseError(Exception):
    """The hub database could not be opened or migrated."""


class HubBusy(HubDatabaseError):
    """The database is locked or unreachable for now; the request may be tried again."""


# (primary result code, words SQLite uses for it) -> the named cause. The words are a fallback for
# errors raised without a code (Python's own "could not switch to WAL", older SQLite builds).
_CAUSES: tuple[tuple[int, tuple[str, ...], type[StoreError]], ...] = (
    (SQLITE_FULL, ("database or disk is full",), DiskFull),
    (SQLITE_READONLY, ("readonly database", "read-only"), StoreReadOnly),
    (SQLITE_NOTADB, ("file is not a database",), StoreCorrupt),
    (SQLITE_CORRUPT, ("malformed", "corrupt"), StoreCorrupt),
    (SQLITE_BUSY, ("database is locked",), StoreBusy),
    (SQLITE_LOCKED, ("table is locked",), StoreBusy),
    (SQLITE_CANTOPEN, ("unable to open database file",), StoreCannotOpen),
    (SQLITE_IOERR, ("disk i/o error",), StoreCannotOpen),
)


def from_sqlite(exc: sqlite3.Error) -> StoreError | None:
    """The named cause of ``exc``, or None for an error that is the program's own (SQL, constraint)."""
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    for primary, words, kind in _CAUSES:
        if (code is not None and code & 0xFF == primary) or any(w in text for w in words):
            named = kind(str(exc))
            named.__cause__ = exc
            return named
    return None
