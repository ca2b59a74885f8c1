"""Where the hub keeps the scans desks send: a small storage interface, the file system by default.

Complete files are content-addressed (db.blobs, the same layout as a desk's) and kept once however
many desks send them. An upload arrives in chunks appended to a partial file per commune, each one
fsynced before it is acknowledged, so a cut link loses at most the chunk in flight and the next
attempt resumes at the acknowledged offset. A commune may read a file only once one of its desks has
sent the whole of it (the bytes checked against the hash): knowing a hash is not possessing the paper.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Protocol

from db.blobs import DIR_MODE, FILE_MODE, BlobStore

_HEX = re.compile(r"[0-9a-f]{64}")
_COMMUNE = re.compile(r"[0-9]{5}")


class FileStorage(Protocol):
    """What the hub's file routes need; another backend (object storage) can stand in."""

    def complete(self, sha: str) -> int | None: ...
    def allowed(self, sha: str, commune: str) -> bool: ...
    def received(self, sha: str, commune: str) -> int: ...
    def append(self, sha: str, commune: str, offset: int, data: bytes) -> int: ...
    def finish(self, sha: str, commune: str) -> bool: ...
    def read(self, sha: str, offset: int, limit: int) -> bytes: ...


def _check(sha: str, commune: str) -> None:
    if not _HEX.fullmatch(sha) or not _COMMUNE.fullmatch(commune):
        raise ValueError("bad file or commune name")


def _mkdir(path: Path) -> None:
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)


def _fsync_dir(path: Path) -> None:
    if os.name == "posix":
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class FileSystemStorage:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.blobs = BlobStore(self.root)

    def _partial(self, sha: str, commune: str) -> Path:
        return self.root / "partial" / commune / sha

    def _grant(self, sha: str, commune: str) -> Path:
        return self.root / "communes" / commune / sha

    def complete(self, sha: str) -> int | None:
        path = self.blobs.path(sha)
        return path.stat().st_size if path.is_file() else None

    def allowed(self, sha: str, commune: str) -> bool:
        _check(sha, commune)
        return self._grant(sha, commune).is_file() and self.complete(sha) is not None

    def received(self, sha: str, commune: str) -> int:
        _check(sha, commune)
        path = self._partial(sha, commune)
        return path.stat().st_size if path.is_file() else 0

    def append(self, sha: str, commune: str, offset: int, data: bytes) -> int:
        """Add a chunk at ``offset``; a chunk that does not start where the file ends is not written
        (the answer tells the desk where to go on from)."""
        path = self._partial(sha, commune)
        have = self.received(sha, commune)
        if offset != have:
            return have
        _mkdir(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        return have + len(data)

    def finish(self, sha: str, commune: str) -> bool:
        """The whole file is here: check it against its name, keep it once, let the commune read it."""
        path = self._partial(sha, commune)
        data = path.read_bytes()
        path.unlink()
        if hashlib.sha256(data).hexdigest() != sha:
            return False
        self.blobs.put(data)
        grant = self._grant(sha, commune)
        _mkdir(grant.parent)
        fd = os.open(grant, os.O_WRONLY | os.O_CREAT, FILE_MODE)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        _fsync_dir(grant.parent)
        return True

    def read(self, sha: str, offset: int, limit: int) -> bytes:
        with open(self.blobs.path(sha), "rb") as handle:
            handle.seek(offset)
            return handle.read(limit)


def default_root(db: str | Path) -> Path:
    """Beside a SQLite hub (``hub.sqlite3.files``); for PostgreSQL, ``MOTCUA_HUB_FILES`` or the data folder."""
    text = str(db)
    if "://" not in text:
        path = Path(text)
        return path.with_name(path.name + ".files")
    configured = os.environ.get("MOTCUA_HUB_FILES")
    if configured:
        return Path(configured)
    import platformdirs

    return platformdirs.user_data_path("motcua-province", appauthor=False) / "files"
