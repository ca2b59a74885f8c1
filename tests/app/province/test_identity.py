"""The hub's database identity: kept across restarts, renewed when the database holds less than it did."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.province.identity import Identity
from db.hub.store import HubStore


def store_one(hub: HubStore, seq: int) -> None:
    with hub.transaction():
        hub.insert_changes(
            [
                {
                    "change_id": f"c{seq}",
                    "commune_code": "87001",
                    "desk_id": "d1",
                    "db_id": "h1",
                    "seq": seq,
                    "entity": "print",
                    "entity_id": f"p{seq}",
                    "op": "create",
                    "payload": "{}",
                    "payload_hash": "x",
                    "created_at": "2026-01-01T00:00:00+07:00",
                    "stored_at": "2026-01-01T00:00:00+07:00",
                }
            ]
        )


def test_identity_survives_restarts_and_is_renewed_by_a_restore_that_lost_changes(tmp_path: Path) -> None:
    db = tmp_path / "hub.sqlite3"
    hub = HubStore(db)
    first = Identity(hub, db).db_id
    store_one(hub, 1)
    hub.close()
    shutil.copy(db, tmp_path / "backup.sqlite3")  # a backup taken now: nothing lost if it comes back at once

    hub = HubStore(db)
    same = Identity(hub, db)
    assert same.db_id == first
    hub.close()
    shutil.copy(tmp_path / "backup.sqlite3", db)
    hub = HubStore(db)
    assert Identity(hub, db).db_id == first  # restored with nothing lost since: no one needs to resend

    identity = Identity(hub, db)
    store_one(hub, 2)
    identity.stored()  # the registry follows what was stored
    hub.close()
    shutil.copy(tmp_path / "backup.sqlite3", db)  # restored: change 2 is lost
    hub = HubStore(db)
    renewed = Identity(hub, db).db_id
    assert renewed != first
    assert Identity(hub, db).db_id == renewed  # and kept from then on
    hub.close()
