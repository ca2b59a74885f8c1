"""The desk key is parsed once and read again when its file changes."""

from __future__ import annotations

import os
import time

import pytest

from app.core import keys


def test_private_key_is_parsed_once() -> None:
    keys.generate("d1")
    assert keys.load_private("d1") is keys.load_private("d1")


def test_a_replaced_key_file_is_read_again() -> None:
    old_public = keys.generate("d2")
    old = keys.load_private("d2")
    stat = keys.key_path("d2").stat()
    time.sleep(0.03)  # past the file system's coarse timestamp tick
    keys.key_path("d2").unlink()
    new_public = keys.generate("d2")
    # Same size, the old mtime, perhaps the old inode: the change time still tells it changed.
    os.utime(keys.key_path("d2"), ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert keys.load_private("d2") is not old
    signature = keys.sign("d2", b"receipt")
    assert keys.verify(new_public, b"receipt", signature) is True
    assert keys.verify(old_public, b"receipt", signature) is False


def test_a_rewritten_key_file_is_read_again() -> None:
    keys.generate("d3")
    other = keys.generate("d4")
    path = keys.key_path("d3")
    path.write_bytes(keys.key_path("d4").read_bytes())  # same inode, new content and mtime
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert keys.verify(other, b"m", keys.sign("d3", b"m")) is True


def test_a_removed_key_file_is_missing_even_when_cached() -> None:
    keys.generate("d5")
    keys.sign("d5", b"m")
    keys.key_path("d5").unlink()
    with pytest.raises(keys.KeyMissing):
        keys.sign("d5", b"m")
