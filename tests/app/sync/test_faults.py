"""Faults, counting records on the hub: nothing lost, nothing doubled."""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from app.core import keys
from app.core.clock import FixedClock
from app.reception.demo import populate
from app.sync import codec, protocol
from app.sync.client import HubClient
from app.sync.errors import HubRefused
from tests.app.sync.helpers import enrolled_desk, hub_counts, receive
from tests.app.sync.hub import ROOT, Hub
from tests.app.sync.proxy import Proxy
from tests.conftest import dossier_input


@pytest.fixture
def hub(any_hub: Hub) -> Hub:
    """Every fault, on SQLite and on PostgreSQL."""
    return any_hub


def _client(desk, hub: Hub, now=time.time) -> HubClient:
    ident = desk.identity
    return HubClient(hub.url, desk_id=ident.desk_id, signer=lambda m: keys.sign(ident.desk_id, m), now=now)


def test_connection_cut_mid_batch(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    populate(desk, 600, seed=3)
    total = desk.store.outbox_count()
    with Proxy(hub.port) as proxy:
        desk.sync.sync_store.set_settings({"url": proxy.url})
        proxy.cut_after = 20_000  # inside the first batch
        cut = desk.sync.run_once()  # the round shrinks the batch and goes on from the acknowledgement
        assert (cut.complete, cut.pending, cut.sent, proxy.cuts) == (True, 0, total, 1)
        proxy.refuse = True  # a link that is down altogether ends the round with a reason
        desk.dossiers.receive(dossier_input(), desk.clerk())
        down = desk.sync.run_once()
        assert (down.complete, down.pending) == (False, 2)
        assert down.error.startswith("Không kết nối được máy chủ tỉnh")
    assert hub_counts(hub)["changes"] == total == hub_counts(hub)["distinct"]
    desk.close()


@pytest.mark.slow
def test_hub_killed_and_restarted_during_a_push(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    populate(desk, 2000, seed=4)
    total = desk.store.outbox_count()
    seen: list[int] = []
    killer = threading.Thread(target=lambda: (_wait(lambda: len(seen) >= 2), hub.kill()))
    killer.start()
    first = desk.sync.run_once(lambda done, all_: seen.append(done))
    killer.join(30)
    assert first.complete is False and 0 < first.sent < total
    hub.start()
    second = desk.sync.run_once()
    assert second.complete and second.sent + first.sent == total
    counts = hub_counts(hub)
    assert counts["changes"] == counts["distinct"] == total
    assert counts["dossiers"] == 2000
    desk.close()


def _wait(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_the_same_batch_twice_and_a_different_payload_under_one_change(
    hub: Hub, tmp_path: Path, clock: FixedClock
) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    receive(desk, 2)
    rows = desk.store.outbox()
    import json

    changes = [
        {
            "entity": r["entity"],
            "entity_id": r["entity_id"],
            "op": r["op"],
            "payload": json.loads(r["payload"]),
            "created_at": r["created_at"],
        }
        for r in rows
    ]
    body = codec.encode({"db_id": desk.store.db_id, "first_seq": 1}, changes)
    with _client(desk, hub) as client:
        once = client.push(body)
        twice = client.push(body)
        assert (once["stored"], once["duplicates"], once["acked_seq"]) == (4, 0, 4)
        assert (twice["stored"], twice["duplicates"], twice["acked_seq"], twice["refused"]) == (0, 4, 4, [])
        changed = [dict(c) for c in changes]
        changed[0] = dict(changed[0], payload=dict(changed[0]["payload"], notes="sửa khác"))
        third = client.push(codec.encode({"db_id": desk.store.db_id, "first_seq": 1}, changed))
        assert third["refused"] == [{"seq": 1, "code": "conflict"}]
    assert hub_counts(hub)["changes"] == 4
    # The desk itself, resending from scratch, is told the same: duplicates are success, not new.
    report = desk.sync.run_once()
    assert (report.complete, report.sent, report.refused) == (True, 0, 0)
    assert hub_counts(hub)["changes"] == 4
    desk.close()


def test_a_refused_record_shows_its_reason_and_is_not_resent(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    [code] = receive(desk, 1)
    import json

    row = desk.store.outbox()[0]
    forged = {
        "entity": row["entity"],
        "entity_id": row["entity_id"],
        "op": "create",
        "payload": dict(json.loads(row["payload"]), notes="nội dung khác"),
        "created_at": row["created_at"],
    }
    with _client(desk, hub) as client:  # someone pushed other content under this desk's first change
        client.push(codec.encode({"db_id": desk.store.db_id, "first_seq": 1}, [forged]))
    report = desk.sync.run_once()
    assert (report.sent, report.refused, report.pending) == (1, 1, 0)
    dossier = desk.dossiers.get(code)
    state = desk.sync.dossier_states([dossier.id])[dossier.id]
    assert state.state == "error"
    assert state.reason == "Máy chủ tỉnh đã nhận thay đổi này với nội dung khác; cần người kiểm tra."
    assert desk.sync.status().state == "error"
    again = desk.sync.run_once()
    assert (again.sent, again.refused) == (0, 0)
    desk.close()


@pytest.mark.slow
def test_desk_killed_mid_sync(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    populate(desk, 1500, seed=5)
    total = desk.store.outbox_count()
    path = desk.store.path
    with Proxy(hub.port, rate_bps=2_000_000) as proxy:
        desk.sync.sync_store.set_settings({"url": proxy.url})
        desk.close()
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        proc = subprocess.Popen(
            [sys.executable, "-m", "ui.main", "--db", str(path), "sync"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        _wait(lambda: hub_counts(hub)["changes"] > 0, 60)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        assert 0 < hub_counts(hub)["changes"] < total
        done = subprocess.run(
            [sys.executable, "-m", "ui.main", "--db", str(path), "sync"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("đã gửi ")
    counts = hub_counts(hub)
    assert counts["changes"] == counts["distinct"] == total


def test_a_desk_clock_a_day_wrong(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    receive(desk, 2)
    desk.sync.now = lambda: time.time() + 86400
    ahead = desk.sync.run_once()
    assert (ahead.complete, ahead.sent) == (True, 4)
    desk.sync.now = lambda: time.time() - 86400
    receive(desk, 1)
    behind = desk.sync.run_once()
    assert (behind.complete, behind.sent) == (True, 2)
    desk.sync.now = lambda: time.time() + 5 * 86400
    receive(desk, 1)
    far = desk.sync.run_once()
    assert far.complete is False
    assert far.error == "Đồng hồ của máy quầy lệch quá ba ngày; hãy chỉnh lại ngày giờ."
    assert hub_counts(hub)["changes"] == 6
    desk.close()


def test_a_revoked_desk_is_refused_at_once(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    desk = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    receive(desk, 1)
    assert desk.sync.run_once().complete
    assert hub.admin("revoke", "--commune", "87001", "--desk", "1") == 0
    receive(desk, 1)
    report = desk.sync.run_once()
    assert (report.complete, report.sent, report.pending) == (False, 0, 2)
    assert report.error == "Quầy này đã bị tỉnh thu hồi quyền đồng bộ."
    assert desk.sync.status().state == "error"
    assert hub_counts(hub)["changes"] == 2
    # The number is free again for a replacement desk.
    replacement = enrolled_desk(tmp_path / "new", clock, hub, "87001", 1)
    assert replacement.sync.run_once().received == 2
    keys_doc = httpx.get(hub.url + "/v1/communes/87001/keys").json()
    assert sorted(d["revoked"] for d in keys_doc["desks"]) == [False, True]
    desk.close()
    replacement.close()


def test_a_desk_asking_for_or_writing_another_communes_data(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    a = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    b = enrolled_desk(tmp_path, clock, hub, "87002", 1)
    [code_b] = receive(b, 1)
    b.sync.run_once()
    with _client(a, hub) as client, pytest.raises(HubRefused) as refused:
        client._send("GET", "/v1/pull", params={"after": 0, "db_id": "x", "commune": "87002"})
    assert (refused.value.status, refused.value.code) == (403, "forbidden")
    # An event on commune 87002's dossier, pushed by a desk of 87001, is refused.
    dossier_b = b.dossiers.get(code_b)
    event = {
        "id": "5d0c8a52-4f8e-4a57-9c56-3a1b2c3d4e5f",
        "dossier_id": dossier_b.id,
        "kind": "returned",
        "at": "2026-02-12T10:00:00+07:00",
        "data": {},
        "clerk_id": a.clerk().id,
        "desk_id": a.identity.desk_id,
        "created_at": "2026-02-12T10:00:00+07:00",
    }
    with _client(a, hub) as client:
        answer = client.push(
            codec.encode(
                {"db_id": a.store.db_id, "first_seq": 1},
                [
                    {
                        "entity": "event",
                        "entity_id": event["id"],
                        "op": "create",
                        "payload": event,
                        "created_at": event["created_at"],
                    }
                ],
            )
        )
        assert answer["refused"] == [{"seq": 1, "code": "foreign_commune"}]
        header, changes = client.pull(0, a.store.db_id)
        assert (changes, header["more"]) == ([], False)
    assert a.sync.run_once().received == 0
    assert hub_counts(hub)["events"] == 1
    a.close()
    b.close()


def test_replayed_and_forged_requests_are_refused(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    ident = desk.identity
    target = f"/v1/acks?db_id={desk.store.db_id}"
    stamp, nonce = str(int(time.time())), "n" * 32
    sig = base64.b64encode(keys.sign(ident.desk_id, protocol.request_message("GET", target, stamp, nonce, b"")))
    headers = {
        protocol.HEADER_DESK: ident.desk_id,
        protocol.HEADER_TIME: stamp,
        protocol.HEADER_NONCE: nonce,
        protocol.HEADER_SIGNATURE: sig.decode(),
    }
    assert httpx.get(hub.url + target, headers=headers).status_code == 200
    replay = httpx.get(hub.url + target, headers=headers)
    assert (replay.status_code, replay.json()["error"]) == (401, "replay")
    forged = httpx.get(
        hub.url + target.replace("db_id=", "db_id=x"), headers=dict(headers, **{protocol.HEADER_NONCE: "m" * 32})
    )
    assert (forged.status_code, forged.json()["error"]) == (401, "bad_signature")
    desk.close()


def test_enrolment_rules(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    from app.sync.errors import HubRefused as Refused
    from tests.conftest import make_desk

    first = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    twin = make_desk(tmp_path / "twin.sqlite3", FixedClock(clock.at), commune="87001", desk_no=1)
    with pytest.raises(Refused) as taken:
        twin.sync.enroll(hub.url, hub.token("87001"))
    assert taken.value.code == "desk_number_taken"
    assert str(taken.value) == "Xã này đã có một quầy khác mang cùng số quầy."
    token = hub.token("87001", 2)
    second = make_desk(tmp_path / "second.sqlite3", FixedClock(clock.at), commune="87001", desk_no=2)
    assert second.sync.enroll(hub.url, token) == second.identity.desk_id
    assert second.sync.enroll(hub.url, token) == second.identity.desk_id  # a lost reply, asked again
    third = make_desk(tmp_path / "third.sqlite3", FixedClock(clock.at), commune="87001", desk_no=3)
    with pytest.raises(Refused) as used:
        third.sync.enroll(hub.url, token)
    assert used.value.code == "token_used"
    with pytest.raises(Refused) as mismatch:
        third.sync.enroll(hub.url, hub.token("87002"))
    assert mismatch.value.code == "token_mismatch"
    with pytest.raises(Refused) as wrong:
        third.sync.enroll(hub.url, "not-a-token")
    assert wrong.value.code == "token_invalid"
    for d in (first, twin, second, third):
        d.close()
