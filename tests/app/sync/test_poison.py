"""Issue 11, findings 1 and 5: one bad record never stops a commune.

The hub checks each change with the desk's own rules and refuses a bad one alone, with a reason the
desk shows on that record; what it stores never breaks a pull; a desk that still meets a record it
cannot apply sets it aside (quarantine) and goes on. Events for a dossier the hub has not seen are
refused, so no commune can plant an outcome on another's dossier.
"""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from app.core import keys
from app.core.clock import FixedClock
from app.sync import codec, rebuild
from app.sync.client import HubClient
from tests.app.sync.helpers import enrolled_desk, hub_counts, receive
from tests.app.sync.hub import Hub


@pytest.fixture
def hub(any_hub: Hub) -> Hub:
    return any_hub


def _client(desk, hub: Hub) -> HubClient:
    ident = desk.identity
    return HubClient(hub.url, desk_id=ident.desk_id, signer=lambda m: keys.sign(ident.desk_id, m), now=time.time)


def _change(entity: str, payload: dict[str, Any], created_at: str | None = None) -> dict[str, Any]:
    return {
        "entity": entity,
        "entity_id": payload["id"],
        "op": "create",
        "payload": payload,
        "created_at": created_at or payload.get("created_at", "2026-02-12T09:00:00+07:00"),
    }


def _outbox_changes(desk) -> list[dict[str, Any]]:
    """As the desk sends them: a payload the hub acknowledged is rebuilt (app.sync.rebuild)."""
    return rebuild.changes(desk.store, desk.store.outbox(limit=10_000))


def _fresh_ids(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same records under new ids and codes, so they can be pushed as another history."""
    out, mapping = [], {}
    for c in changes:
        p = dict(c["payload"])
        mapping.setdefault(p["id"], str(uuid.uuid4()))
        p["id"] = mapping[p["id"]]
        if "dossier_id" in p:
            p["dossier_id"] = mapping.setdefault(p["dossier_id"], str(uuid.uuid4()))
        if c["entity"] == "dossier":
            p["code"] = p["code"][:-4] + str(9000 + len(out))
        out.append(dict(c, entity_id=p["id"], payload=p))
    return out


def test_a_record_from_year_one_is_refused_alone_and_pulls_keep_working(
    hub: Hub, tmp_path: Path, clock: FixedClock
) -> None:
    one = enrolled_desk(tmp_path, clock, hub, desk_no=1)
    two = enrolled_desk(tmp_path, clock, hub, desk_no=2)
    receive(one, 2)
    good = _fresh_ids(_outbox_changes(one))
    bad = json.loads(json.dumps(good[2]))
    bad["created_at"] = "0001-01-01T00:00:00+07:00"
    batch = [good[0], good[1], bad, good[3]]
    with _client(one, hub) as client:
        answer = client.push(codec.encode({"db_id": "forged-history", "first_seq": 1}, batch))
    refused = {r["seq"]: r for r in answer["refused"]}
    assert {s: r["code"] for s, r in refused.items()} == {3: "bad_payload", 4: "unknown_dossier"}
    assert refused[3]["message"] and refused[3]["message_en"] and refused[3]["field"] == "created_at"
    assert "2000" in refused[3]["message_en"]  # says which years are sane
    assert (answer["stored"], answer["acked_seq"]) == (2, 4)
    report = two.sync.run_once()
    assert report.complete and report.error is None
    assert report.received == 2  # the first dossier and its reception event
    one.close()
    two.close()


def test_a_dossier_with_numbers_for_documents_never_reaches_another_desk(
    hub: Hub, tmp_path: Path, clock: FixedClock
) -> None:
    one = enrolled_desk(tmp_path, clock, hub, desk_no=1)
    two = enrolled_desk(tmp_path, clock, hub, desk_no=2)
    receive(one, 1)
    # The desk's own outbox holds a bad payload (an older version, a bug, a hand-edited file).
    dossier, event = _fresh_ids(_outbox_changes(one))
    dossier["payload"]["documents"] = [1, 2]
    with one.store.transaction():
        for c in (dossier, event):
            one.store.append_outbox(c["entity"], c["entity_id"], "create", c["payload"], c["created_at"])
    sent = one.sync.run_once()
    assert sent.complete and (sent.sent, sent.refused) == (2, 2)  # the bad dossier, and its event with it
    state = one.sync.record_states([dossier["entity_id"]])[dossier["entity_id"]]
    assert state.state == "error"
    assert "giấy tờ" in state.reason.lower()  # the desk's own sentence about the field, in Vietnamese
    problems = one.sync.errors()
    assert {p["entity"] for p in problems} == {"dossier", "event"}
    assert all(p["reason"] and p["reason_en"] for p in problems)
    got = two.sync.run_once()
    assert got.complete and got.received == 2
    assert len(two.dossiers.search("nguyen")) == 1
    one.close()
    two.close()


def _plant(
    hub: Hub, commune: str, desk_id: str, entity: str, entity_id: str, payload: Any, created: str, raw: bool = False
) -> None:
    """A record the hub stored before it checked anything (an older hub), written straight to its store."""
    store = hub.store()
    try:
        with store.transaction():
            store.backend.execute(
                "INSERT INTO changes (change_id, commune_code, desk_id, db_id, seq, entity, entity_id, op, payload, "
                "payload_hash, created_at, stored_at) VALUES (?, ?, ?, 'old-hub', ?, ?, ?, 'create', ?, 'x', ?, ?)",
                (
                    str(uuid.uuid4()),
                    commune,
                    desk_id,
                    int(time.time() * 1000) % 10**9,
                    entity,
                    entity_id,
                    payload if raw else json.dumps(payload, ensure_ascii=False),
                    created,
                    "2026-02-12T02:00:00+00:00",
                ),
            )
    finally:
        store.close()


def test_records_an_older_hub_stored_are_set_aside_by_the_desk(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    one = enrolled_desk(tmp_path, clock, hub, desk_no=1)
    two = enrolled_desk(tmp_path, clock, hub, desk_no=2)
    receive(one, 3)
    assert one.sync.run_once().complete
    good = _fresh_ids(_outbox_changes(one)[:2])
    bad_docs = dict(good[0]["payload"], id=str(uuid.uuid4()), code="87001-260212-1777", documents=[1, 2])
    _plant(hub, "87001", one.identity.desk_id, "dossier", bad_docs["id"], bad_docs, good[0]["created_at"])
    year_one = dict(good[0]["payload"], id=str(uuid.uuid4()), code="87001-260212-1778")
    _plant(hub, "87001", one.identity.desk_id, "dossier", year_one["id"], year_one, "0001-01-01T00:00:00+07:00")
    _plant(hub, "87001", one.identity.desk_id, "rating", "r1", [1, 2], "9999-12-31T23:59:59+07:00")
    _plant(hub, "87001", one.identity.desk_id, "rating", "r2", "{not json", "2026-02-12T09:00:00+07:00", raw=True)
    report = two.sync.run_once()
    assert report.complete and report.error is None, report.error
    assert len(two.dossiers.search("nguyen")) == 3
    quarantined = two.sync.quarantined()
    assert {q["entity_id"] for q in quarantined} == {bad_docs["id"], year_one["id"], "r1", "r2"}
    assert all(q["reason"] and q["reason_en"] for q in quarantined)
    assert two.sync.status().state == "error"  # visible: the status bar says there are sync problems
    assert two.sync.run_once().complete  # and the next round does not stumble on them again
    one.close()
    two.close()


def test_an_event_for_a_dossier_the_hub_has_not_seen_is_refused(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    a = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    b = enrolled_desk(tmp_path, clock, hub, "87002", 1)
    [code_b] = receive(b, 1)  # received at 87002, not synced yet
    dossier_b = b.dossiers.get(code_b)
    event = {
        "id": str(uuid.uuid4()),
        "dossier_id": dossier_b.id,
        "kind": "returned",
        "at": "2026-02-12T10:00:00+07:00",
        "data": {},
        "clerk_id": a.clerk().id,
        "desk_id": a.identity.desk_id,
        "created_at": "2026-02-12T10:00:00+07:00",
    }
    with _client(a, hub) as client:
        answer = client.push(codec.encode({"db_id": a.store.db_id, "first_seq": 1}, [_change("event", event)]))
    assert [(r["seq"], r["code"]) for r in answer["refused"]] == [(1, "unknown_dossier")]
    assert b.sync.run_once().complete
    assert hub_counts(hub)["events"] == 1  # only 87002's own reception event
    store = hub.store()
    try:
        row = store.backend.one("SELECT status, outcome FROM dossiers WHERE id = ?", (dossier_b.id,))
    finally:
        store.close()
    assert (row["status"], row["outcome"]) == ("received", None)
    assert b.dossiers.get(code_b).status == "received"
    a.close()
    b.close()


def test_the_hub_checks_with_the_desks_code_and_never_loads_the_desk_store() -> None:
    """Shared rules, not copies: the hub's checks are the reception's; and the hub stays off db/store.py."""
    import subprocess
    import sys

    from app.reception import wire
    from db.dossier_store import DOSSIER_COLUMNS, DOSSIER_DEFAULTS, EVENT_COLUMNS
    from tests.app.sync.hub import ROOT

    assert set(DOSSIER_COLUMNS) - {"status", "due_at"} == wire.DOSSIER_KEYS | wire.DOSSIER_OPTIONAL
    assert set(DOSSIER_DEFAULTS) == wire.DOSSIER_OPTIONAL
    assert set(EVENT_COLUMNS) == wire.EVENT_KEYS
    probe = "import sys, app.province.server; print(sorted(m for m in sys.modules if m.startswith('db.')))"
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "db.store" not in loaded.stdout and "db.hub.store" in loaded.stdout


def test_feedback_records_name_only_their_own_communes_entries(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    a = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    b = enrolled_desk(tmp_path, clock, hub, "87002", 1)
    person = {"name": "Phạm Thị Khiếu", "address": "Ấp 2", "contact": "0912345678"}
    data = {"kind": "feedback", "channel": "in_person", "person": person, "content": "Đường hỏng"}
    entry = b.feedback.add(dict(data, received_at=clock.now().isoformat()), b.clerk())
    assert b.sync.run_once().complete
    [row] = [json.loads(r["payload"]) for r in b.store.outbox() if r["entity"] == "feedback"]
    event = {
        "id": str(uuid.uuid4()),
        "entry_id": entry.id,
        "kind": "closed",
        "at": "2026-02-12T10:00:00+07:00",
        "data": {},
        "clerk_id": a.clerk().id,
        "desk_id": a.identity.desk_id,
        "created_at": "2026-02-12T10:00:00+07:00",
    }
    unknown = dict(event, id=str(uuid.uuid4()), entry_id=str(uuid.uuid4()))
    rewrite = dict(row, desk_id=a.identity.desk_id, content="Đã sửa")
    batch = [_change("feedback_event", event), _change("feedback_event", unknown), _change("feedback", rewrite)]
    batch[2]["op"] = "update"
    with _client(a, hub) as client:
        answer = client.push(codec.encode({"db_id": a.store.db_id, "first_seq": 1}, batch))
    assert [(r["seq"], r["code"]) for r in answer["refused"]] == [
        (1, "foreign_commune"),
        (2, "unknown_record"),
        (3, "foreign_commune"),
    ]
    a.close()
    b.close()
