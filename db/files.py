"""Files the desk writes hold citizen data and keys: readable by the desk's user only (POSIX).

``restrict_umask`` runs at start-up so that everything created afterwards (store, WAL and SHM files,
backups, exports, PDFs, keys, logs) is born 0600 / 0700; ``private_file`` and ``private_dir`` tighten
what already exists (a store created by an older version, a folder made by another program).
On Windows the user's profile folders are already private and these are no-ops.
"""

from __future__ import annotations

import os
from pathlib import Path

POSIX = os.name == "posix"
FILE_MODE = 0o600
DIR_MODE = 0o700


def restrict_umask() -> None:
    if POSIX:
        os.umask(0o077)


def private_dir(path: str | Path) -> Path:
    """Create the folder (and missing parents) as 0700; a folder that exists is not ours to change
    (``--db /tmp/x.sqlite3`` must never chmod /tmp)."""
    folder = Path(path)
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    folder.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if POSIX:
        for created in missing:
            os.chmod(created, DIR_MODE)
    return folder


def private_file(path: str | Path) -> Path:
    """Tighten a file the desk wrote; a file that is not there (yet) is left alone."""
    target = Path(path)
    if POSIX:
        try:
            os.chmod(target, FILE_MODE)
        except OSError:
            pass  # not there (yet), or not ours to change: opening it says what is wrong, if anything
    return target


def write_private(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to a file readable by this user only, from its first byte."""
    target = Path(path)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        if POSIX:
            os.fchmod(handle.fileno(), FILE_MODE)  # it may have existed with wider rights
        handle.write(data)
    return target


def create_private(path: str | Path) -> Path:
    """An empty file, readable by this user only, that another writer (SQLite's backup, a CSV
    writer) then fills; refused if it exists."""
    target = Path(path)
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    return target
