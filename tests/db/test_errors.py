"""What SQLite says, named: each cause a store will not open for is raised as its own db error."""

from __future__ import annotations

import sqlite3

import pytest

from db import errors
from db.store import Store
from tests.conftest import make_desk

EXPECTED = {
    "newer": errors.StoreNewerThanProgram,
    "read_only": errors.StoreReadOnly,
    "corrupt": errors.StoreCorrupt,
    "disk_full": errors.DiskFull,
}


@pytest.mark.parametrize("cause", EXPECTED)
def test_a_store_that_will_not_open_says_why(broken_store, tmp_path, cause: str) -> None:
    path = broken_store(cause)
    # The registry makes an initialised store write as it opens (a read-only file fails there).
    with pytest.raises(EXPECTED[cause]):
        Store(path, registry=tmp_path / "stores.json")


def test_a_full_disk_while_saving_is_named(desk) -> None:
    conn = desk.store.conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(sqlite3.OperationalError) as raised:
        with desk.store.transaction():
            conn.execute("CREATE TABLE filler (x BLOB)")
            conn.executemany("INSERT INTO filler VALUES (?)", [(b"x" * 4000,)] * 50)
    assert isinstance(errors.from_sqlite(raised.value), errors.DiskFull)


def test_the_programs_own_errors_are_not_named_as_the_disks() -> None:
    conn = sqlite3.connect(":memory:")
    with pytest.raises(sqlite3.Error) as raised:
        conn.execute("SELECT nothing FROM nowhere")
    assert errors.from_sqlite(raised.value) is None


def test_the_newer_store_names_both_versions(tmp_path, clock) -> None:
    path = tmp_path / "n.sqlite3"
    make_desk(path, clock).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(errors.StoreNewerThanProgram) as raised:
        Store(path)
    assert raised.value.version == 99 and raised.value.known < 99
