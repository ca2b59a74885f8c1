"""Content-addressed files beside the store: ``<store>.files/ab/cdef…`` named by their SHA-256.

Why beside the store and not inside it (README, "Scans and files"): a dossier's scans run to
megabytes, and inside SQLite every one would pass through the WAL twice, swell the file the desk
backs up and checks, and slow every page of the register that shares its cache. Files named by their
hash are written once, never changed, shared by every record that names them (a document reused from
an earlier dossier costs nothing), and copied by a backup as they are.

Durability order: the bytes go to a temporary file in the same folder tree, are flushed and fsynced,
renamed to their hash name, and the folder is fsynced; only then does the caller write the record that
names the hash. A crash at any point leaves at worst an unnamed temporary (swept at the next write)
or a file no record names yet, never a record that names a missing or partial file. Every read
checks the hash. Files are 0600 and folders 0700 (citizens' papers: personal data).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
_HEX = re.compile(r"[0-9a-f]{64}")
TMP = "tmp"
STALE_TMP_SECONDS = 3600


class BlobMissing(Exception):
    """No file under that hash."""


class BlobDamaged(Exception):
    """The file's bytes no longer hash to its name."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def folder_for(store_path: str | Path) -> Path:
    """The files of ``desk.sqlite3`` live in ``desk.sqlite3.files``."""
    path = Path(store_path)
    return path.with_name(path.name + ".files")


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _private_dir(path: Path) -> None:
    created = not path.exists()
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if created and os.name == "posix":
        os.chmod(path, DIR_MODE)


class BlobStore:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def path(self, sha: str) -> Path:
        if not _HEX.fullmatch(sha):
            raise ValueError(f"not a SHA-256: {sha!r}")
        return self.root / sha[:2] / sha[2:]

    def has(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def put(self, data: bytes) -> str:
        """Store ``data`` durably and return its SHA-256; the same bytes twice are kept once."""
        sha = sha256_hex(data)
        final = self.path(sha)
        if final.is_file() and final.stat().st_size == len(data):
            return sha  # named by its hash: a complete file of that name holds these bytes
        _private_dir(self.root)
        tmp_dir = self.root / TMP
        _private_dir(tmp_dir)
        self._sweep(tmp_dir)
        tmp = tmp_dir / f"{sha}.{os.getpid()}.{time.monotonic_ns()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            bucket = final.parent
            new_bucket = not bucket.exists()
            _private_dir(bucket)
            if new_bucket:
                _fsync_dir(self.root)
            os.replace(tmp, final)
            _fsync_dir(bucket)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return sha

    def get(self, sha: str) -> bytes:
        """The bytes, checked against their name."""
        try:
            data = self.path(sha).read_bytes()
        except FileNotFoundError:
            raise BlobMissing(sha) from None
        if sha256_hex(data) != sha:
            raise BlobDamaged(sha)
        return data

    def check(self, sha: str) -> bool:
        try:
            self.get(sha)
        except (BlobMissing, BlobDamaged):
            return False
        return True

    def names(self) -> Iterator[str]:
        """Every hash held (for backups and checks)."""
        if not self.root.is_dir():
            return
        for bucket in sorted(self.root.iterdir()):
            if len(bucket.name) != 2 or not bucket.is_dir():
                continue
            for item in sorted(bucket.iterdir()):
                if _HEX.fullmatch(bucket.name + item.name):
                    yield bucket.name + item.name

    def copy_to(self, target_root: str | Path, shas: Iterable[str]) -> int:
        """Copy these files into another store's folder (a backup), each written durably there."""
        target = BlobStore(target_root)
        count = 0
        for sha in shas:
            target.put(self.get(sha))
            count += 1
        return count

    def _sweep(self, tmp_dir: Path) -> None:
        """Temporaries left by a crash: removed once old enough not to be another writer's."""
        cutoff = time.time() - STALE_TMP_SECONDS
        for item in tmp_dir.iterdir():
            try:
                if item.stat().st_mtime < cutoff:
                    item.unlink()
            except FileNotFoundError:
                pass

    def remove_tree(self) -> None:  # tests and demo resets only
        shutil.rmtree(self.root, ignore_errors=True)
