"""End to end with the real hub on loopback: two desks of one commune, one of another."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.clock import FixedClock
from app.core.errors import InvalidTransition
from db.account_store import AccountStore
from db.dossier_store import DossierStore
from tests.app.sync.helpers import enrolled_desk, hub_counts, receive
from tests.app.sync.hub import Hub


def test_receive_offline_sync_and_return_at_the_other_desk(any_hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    a1 = enrolled_desk(tmp_path, clock, any_hub, "87001", 1)
    a2 = enrolled_desk(tmp_path, clock, any_hub, "87001", 2)
    b1 = enrolled_desk(tmp_path, clock, any_hub, "87002", 1)
    any_hub.stop()

    codes = receive(a1, 3)
    offline = a1.sync.run_once()
    assert (offline.complete, offline.sent, offline.pending) == (False, 0, 6)
    assert offline.error.startswith("Không kết nối được máy chủ tỉnh")
    assert a1.sync.status().state == "offline"
    state = a1.sync.dossier_states([a1.dossiers.get(codes[0]).id])
    assert [s.state for s in state.values()] == ["pending"]

    any_hub.start()
    first = a1.sync.run_once()
    assert (first.complete, first.sent, first.received, first.pending) == (True, 6, 0, 0)
    assert a1.sync.status().state == "ok"
    assert a1.sync.status().last_sync == "2026-02-12T09:09:00+07:00"
    assert [s.state for s in a1.sync.dossier_states([a1.dossiers.get(codes[0]).id]).values()] == ["sent"]

    pulled = a2.sync.run_once()
    assert (pulled.complete, pulled.sent, pulled.received) == (True, 0, 6)
    at_a2 = a2.dossiers.get(codes[1])
    assert (at_a2.status, at_a2.desk_id, len(at_a2.events)) == ("received", a1.identity.desk_id, 1)
    assert a2.store.outbox_count() == 0  # pulled records are not sent back
    a2.clock.advance(hours=2)
    returned = a2.dossiers.act(codes[1], "returned", a2.clerk())
    assert returned.status == "returned"
    assert a2.sync.run_once().sent == 1

    back = a1.sync.run_once()
    assert (back.received, back.sent) == (1, 0)
    assert a1.dossiers.get(codes[1]).status == "returned"
    with pytest.raises(InvalidTransition):
        a1.dossiers.act(codes[1], "refused", a1.clerk(), reason="Thiếu giấy tờ")

    other = b1.sync.run_once()
    assert (other.complete, other.received) == (True, 0)
    assert DossierStore(b1.store).count_dossiers() == 0

    assert hub_counts(any_hub) == {"changes": 7, "distinct": 7, "dossiers": 3, "events": 4}
    store = any_hub.store()
    try:
        stats = {c["code"]: c for c in store.commune_stats()}
    finally:
        store.close()
    assert (stats["87001"]["desks"], stats["87001"]["dossiers"], stats["87001"]["events"]) == (2, 3, 4)
    assert (stats["87001"]["early"] + stats["87001"]["on_time"], stats["87001"]["late"]) == (1, 0)
    assert (stats["87002"]["desks"], stats["87002"]["dossiers"]) == (1, 0)
    # Receipts verify anywhere: each desk now knows the other desks' public keys.
    assert AccountStore(a1.store).desk_key(a2.identity.desk_id)["public_key"] == a2.identity.public_key
    for d in (a1, a2, b1):
        d.close()


def test_offline_actions_on_one_dossier_converge_and_a_clash_is_flagged(
    hub: Hub, tmp_path: Path, clock: FixedClock
) -> None:
    a1 = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    a2 = enrolled_desk(tmp_path, clock, hub, "87001", 2)
    [same, clash] = receive(a1, 2)
    a1.sync.run_once()
    a2.sync.run_once()
    # Both offline: on one dossier they add compatible events, on the other two different outcomes.
    a1.clock.advance(hours=1)
    a2.clock.advance(hours=2)
    a1.dossiers.act(same, "forwarded", a1.clerk())
    a2.dossiers.act(same, "supplement_requested", a2.clerk(), reason="Thiếu bản sao CCCD")
    a1.dossiers.act(clash, "returned", a1.clerk())
    a2.dossiers.act(clash, "refused", a2.clerk(), reason="Hồ sơ không thuộc thẩm quyền")
    for _ in range(2):
        a1.sync.run_once()
        a2.sync.run_once()
    for code in (same, clash):
        x, y = a1.dossiers.get(code), a2.dossiers.get(code)
        assert (x.status, x.due_at) == (y.status, y.due_at)
        assert sorted(e.id for e in x.events) == sorted(e.id for e in y.events)
    assert a1.dossiers.get(same).status == "waiting_supplement"
    assert a1.dossiers.get(clash).status == "returned"  # the earlier outcome stands until a person decides
    for d in (a1, a2):
        clashes = d.sync.clashes()
        assert [(c["dossier_id"], c["kind"]) for c in clashes] == [(d.dossiers.get(clash).id, "outcome")]
        assert sorted(e["kind"] for e in clashes[0]["detail"]["events"]) == ["refused", "returned"]
        assert d.sync.status().clashes == 1
        d.close()


def test_ratings_reach_the_province_figures(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    with desk.store.transaction():  # as app.feedback.ratings writes them
        for i, (key, satisfied) in enumerate([("very_satisfied", 1), ("satisfied", 1), ("dissatisfied", 0)]):
            row = {
                "id": f"00000000-0000-4000-8000-00000000000{i}",
                "level_key": key,
                "level": i + 1,
                "satisfied": satisfied,
                "desk_id": desk.identity.desk_id,
                "created_at": "2026-02-12T09:00:00+07:00",
            }
            desk.store.append_outbox("rating", row["id"], "create", row, row["created_at"])
        desk.store.append_outbox("print", "p-1", "create", {"form": "receipt"}, "2026-02-12T09:00:00+07:00")
    assert desk.sync.run_once().complete
    store = hub.store()
    try:
        [row] = [c for c in store.commune_stats() if c["code"] == "87001"]
        assert (row["ratings"], row["satisfied"]) == (3, 2)
        assert store.count_changes() == 4  # an entity the hub does not know is stored all the same
    finally:
        store.close()
    desk.close()


def test_a_declined_rating_reaches_the_hub_and_is_not_counted_as_a_rating(
    hub: Hub, tmp_path: Path, clock: FixedClock
) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    [code] = receive(desk, 1)
    desk.dossiers.act(code, "returned", desk.clerk())
    assert desk.ratings.decline(code, how="timeout")
    report = desk.sync.run_once()
    assert (report.complete, report.refused, report.sent) == (True, 0, 4)  # dossier, 2 steps, the decline
    store = hub.store()
    try:
        [row] = [c for c in store.commune_stats() if c["code"] == "87001"]
        assert row["ratings"] == 0  # declined is not a rating; the change itself is kept
        assert store.count_changes() == 4
    finally:
        store.close()
    desk.close()
