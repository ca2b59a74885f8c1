"""Issue 13: a restored hub gets a silent desk's records back from another desk of its commune, under the
silent desk's own seal, once; and it learns code floors from its desks before it hands any out.

Against the real hub on loopback (SQLite and PostgreSQL), desks on real SQLite files.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.cli import main as motcua
from app.core.clock import FixedClock
from app.desk import Desk
from app.sync import codec, rebuild
from app.sync.errors import HubRefused
from db.relay_store import RelayStore
from tests.app.sync.helpers import enrolled_desk, receive
from tests.app.sync.hub import Hub
from tests.app.sync.test_hub_restore import Backups, hub_id


@pytest.fixture
def hub(any_hub: Hub) -> Hub:
    """A running hub with communes 87001 and 87002, once on SQLite and once on PostgreSQL."""
    return any_hub


def changes_of(hub: Hub, desk_id: str) -> list[dict[str, object]]:
    store = hub.store()
    try:
        return store.backend.all(
            "SELECT change_id, db_id, seq, payload_hash, created_at FROM changes WHERE desk_id = ? ORDER BY seq",
            (desk_id,),
        )
    finally:
        store.close()


def codes_on_hub(hub: Hub) -> list[str]:
    store = hub.store()
    try:
        return [r["code"] for r in store.backend.all("SELECT code FROM dossiers")]
    finally:
        store.close()


def restore(hub: Hub, backups: Backups) -> None:
    hub.stop()
    backups.restore()
    hub.start()


def test_a_silent_desks_records_come_back_from_another_desk_once_under_its_own_name(
    hub: Hub, hub_target: str, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    a: Desk = enrolled_desk(tmp_path, clock, hub, desk_no=1)
    b: Desk = enrolled_desk(tmp_path, clock, hub, desk_no=2)
    backups = Backups(hub_target, tmp_path)
    receive(a, 3)
    receive(b, 2)
    assert a.sync.run_once().complete and b.sync.run_once().complete
    hub.stop()
    backups.take()  # the backup the hub will be restored from: before A's last records
    hub.start()
    lost = receive(a, 4)
    a.dossiers.act(lost[0], "returned", a.clerk())
    assert a.sync.run_once().complete
    assert b.sync.run_once().received == 9  # B pulled A's four dossiers, their events and the return
    before = changes_of(hub, a.identity.desk_id)
    # B keeps A's changes and their seals; what B's tables rebuild is kept as a hash only.
    kept = b.store.all("SELECT payload IS NULL AS lean FROM relay_changes")
    assert len(kept) == len(before) and all(r["lean"] for r in kept)
    assert b.store.one("SELECT COUNT(*) AS n FROM relay_seals")["n"] >= 1
    a.close()  # A's PC dies: it never syncs again (until the end of this test)

    first_id = hub_id(hub)
    restore(hub, backups)
    assert hub_id(hub) != first_id
    assert len(changes_of(hub, a.identity.desk_id)) == len(before) - 9
    # Through the command line, as a commune runs it: the relay is counted and said.
    assert motcua(["--db", str(b.store.path), "sync", "--lang", "en"]) == 0
    assert "relayed 9 changes of other desks" in capsys.readouterr().out
    after = changes_of(hub, a.identity.desk_id)
    # Exactly A's records, once, under A's own history, sequence and content (never under B).
    assert [(r["change_id"], r["db_id"], r["seq"], r["payload_hash"], r["created_at"]) for r in after] == [
        (r["change_id"], r["db_id"], r["seq"], r["payload_hash"], r["created_at"]) for r in before
    ]
    codes = codes_on_hub(hub)
    assert len(codes) == len(set(codes)) == 9 and set(lost) <= set(codes)
    # A relay moves neither A's acknowledgement nor its last sync: they are A's own word.
    store = hub.store()
    try:
        desk_row = store.desk(a.identity.desk_id)
        assert store.acked(a.identity.desk_id, before[-1]["db_id"]) == 6
    finally:
        store.close()
    assert b.sync.run_once().relayed == 0  # done once; nothing offered again

    # A comes back: it meets the restored hub, sends again what the hub lacks of it: all duplicates.
    a = Desk.open(a.store.path, FixedClock(clock.at))
    try:
        report = a.sync.run_once()
        assert report.complete and report.refused == 0 and report.sent == 0, report
        assert changes_of(hub, a.identity.desk_id) == after
        assert len(codes_on_hub(hub)) == 9
        store = hub.store()
        try:
            assert store.desk(a.identity.desk_id)["last_sync"] != desk_row["last_sync"]
        finally:
            store.close()
    finally:
        a.close()
        b.close()


def _sealed(desk: Desk) -> tuple[dict[str, object], list[dict[str, object]]]:
    """The relay body a desk would send for the first seal it holds: header and changes."""
    ledger = RelayStore(desk.store)
    (origin, db_id), *_ = ledger.histories()
    seal = ledger.seals_after(db_id, 0)[0]
    rows = ledger.changes(db_id, seal["first_seq"], seal["last_seq"])
    payloads = rebuild.held(desk.store, [dict(r, patch=None) for r in rows])
    header = {
        "desk_id": origin,
        "db_id": db_id,
        "first_seq": seal["first_seq"],
        "last_seq": seal["last_seq"],
        "seal": seal["signature"],
        "missing": json.loads(seal["missing"]),
        "seqs": [[r["seq"], 1] for r in rows],
    }
    changes = [
        {k: r[k] for k in ("entity", "entity_id", "op", "created_at")} | {"payload": p}
        for r, p in zip(rows, payloads, strict=True)
    ]
    return header, changes


def test_a_tampered_or_foreign_relay_is_refused_with_a_clear_code(
    hub: Hub, hub_target: str, tmp_path: Path, clock: FixedClock
) -> None:
    a = enrolled_desk(tmp_path, clock, hub, desk_no=1)
    b = enrolled_desk(tmp_path, clock, hub, desk_no=2)
    other = enrolled_desk(tmp_path, clock, hub, commune="87002", desk_no=1)
    receive(a, 2)
    assert a.sync.run_once().complete and b.sync.run_once().complete
    header, changes = _sealed(b)
    before = changes_of(hub, a.identity.desk_id)
    with b.sync._client() as client:
        assert client.relay(codec.encode(header, changes)) == {"stored": 0, "duplicates": 4, "refused": 0}
        spoilt = [dict(c) for c in changes]
        spoilt[0] = dict(spoilt[0], payload=dict(spoilt[0]["payload"], applicant_name="Nguyễn Văn Giả"))
        with pytest.raises(HubRefused) as refused:
            client.relay(codec.encode(header, spoilt))
        assert (refused.value.status, refused.value.code) == (422, "bad_seal")
        later = dict(spoilt[1], created_at="2026-02-13T09:00:00+07:00")
        with pytest.raises(HubRefused) as refused:
            client.relay(codec.encode(header, [changes[0], later, *changes[2:]]))
        assert (refused.value.status, refused.value.code) == (422, "bad_seal")
        with pytest.raises(HubRefused) as refused:  # a range longer than what anyone holds: cannot be checked
            client.relay(codec.encode(dict(header, last_seq=header["last_seq"] + 1), changes))
        assert (refused.value.status, refused.value.code) == (409, "seal_incomplete")
        with pytest.raises(HubRefused) as refused:
            client.relay(codec.encode(dict(header, seal="QUJD"), changes))
        assert (refused.value.status, refused.value.code) == (422, "bad_seal")
    with other.sync._client() as client:  # a desk of another commune never relays this one's records
        with pytest.raises(HubRefused) as refused:
            client.relay(codec.encode(header, changes))
        assert (refused.value.status, refused.value.code) == (403, "foreign_commune")
        with pytest.raises(HubRefused) as refused:
            client.acks(str(header["db_id"]), desk=str(header["desk_id"]))
        assert refused.value.status == 403
    assert changes_of(hub, a.identity.desk_id) == before
    for desk in (a, b, other):
        desk.close()


def test_a_desk_without_seals_still_syncs_and_its_batches_carry_no_seal(hub: Hub, tmp_path: Path, clock) -> None:
    """Backward compatible: a push without a seal (an older desk) is stored; pulls carry no seal for it."""
    a = enrolled_desk(tmp_path, clock, hub, desk_no=1)
    b = enrolled_desk(tmp_path, clock, hub, desk_no=2)
    receive(a, 2)
    with a.sync._client() as client:
        rows = a.store.outbox(db_id=a.store.db_id, after_seq=0, limit=100)
        answer = client.push(codec.encode({"db_id": a.store.db_id, "first_seq": 1}, rebuild.changes(a.store, rows)))
    assert answer["stored"] == 4
    assert b.sync.run_once().received == 4
    assert b.store.one("SELECT COUNT(*) AS n FROM relay_seals")["n"] == 0
    assert b.store.one("SELECT COUNT(*) AS n FROM relay_changes")["n"] == 0  # without a seal, never relayed: not kept
    a.close(), b.close()


def test_after_a_restore_no_code_is_issued_twice(
    hub: Hub, hub_target: str, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A's PC is replaced (its store from a backup, its marks gone) and the hub is restored from a backup
    older than A's last codes: only B holds them. A must not number as if the restored hub knew them all."""
    a = enrolled_desk(tmp_path, clock, hub, desk_no=1)
    b = enrolled_desk(tmp_path, clock, hub, desk_no=2)
    backups = Backups(hub_target, tmp_path)
    first = receive(a, 2)
    assert a.sync.run_once().complete and b.sync.run_once().complete
    a_backup = tmp_path / "a-backup.sqlite3"
    a.store.backup_to(a_backup)
    hub.stop()
    backups.take()
    hub.start()
    lost = receive(a, 3)
    assert a.sync.run_once().complete and b.sync.run_once().complete
    a.close()
    restore(hub, backups)
    assert hub.admin("floors", "status") == 0

    monkeypatch.setenv("MOTCUA_CONFIG_DIR", str(tmp_path / "new-pc-config"))  # the marks are gone
    path = tmp_path / "new-pc" / "motcua.sqlite3"
    path.parent.mkdir()
    shutil.copy(a_backup, path)
    a = Desk.open(path, FixedClock(clock.at))
    try:
        assert a.sync.run_once().complete  # the hub is still learning: B has not reported
        [jumped] = receive(a, 1)
        assert a.dossiers.notice is not None and jumped not in first + lost
        assert b.sync.run_once().complete  # B reports the codes it knows and hands back A's records
        assert a.sync.run_once().complete  # now the hub hands A its floors
        [after] = receive(a, 1)
        assert a.dossiers.notice is None and after not in first + lost + [jumped]
        assert a.sync.run_once().complete and b.sync.run_once().complete
        codes = codes_on_hub(hub)
        assert len(codes) == len(set(codes)) == len(first + lost) + 2
    finally:
        a.close()
        b.close()


def test_a_restored_hub_learns_floors_before_it_hands_any_out(
    hub: Hub, hub_target: str, tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    a = enrolled_desk(tmp_path, clock, hub, desk_no=1)
    b = enrolled_desk(tmp_path, clock, hub, desk_no=2)
    backups = Backups(hub_target, tmp_path)
    receive(a, 1)
    assert a.sync.run_once().complete
    with a.sync._client() as client:
        assert client.floors()["codes"] == ["87001-260212-1001"]  # a hub never restored hands them out
    hub.stop()
    backups.take()
    hub.start()
    codes = receive(a, 2)
    assert a.sync.run_once().complete and b.sync.run_once().complete
    restore(hub, backups)
    capsys.readouterr()
    with a.sync._client() as client:
        with pytest.raises(HubRefused) as refused:
            client.floors()
        assert (refused.value.status, refused.value.code) == (409, "learning")
    assert hub.admin("floors", "status") == 0
    assert capsys.readouterr().out.splitlines()[0] == "87001 learning 0/2"
    assert b.sync.run_once().complete  # B reports (and hands back A's two dossiers)
    with a.sync._client() as client:
        with pytest.raises(HubRefused):
            client.floors()  # A has not reported yet
        assert hub.admin("floors", "proceed", "--commune", "87001") == 0  # A's PC is dead, says the admin
        assert client.floors()["codes"] == [codes[-1]]
    a.close(), b.close()
