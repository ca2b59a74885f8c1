"""A lean outbox: acknowledged payloads pruned, every change rebuilt byte for byte, re-sent and accepted."""

from __future__ import annotations

import json
from pathlib import Path

from app.core import history
from app.core.clock import FixedClock
from app.desk import Desk
from app.sync import protocol, rebuild
from db.outbox_store import OutboxStore
from tests.app.files.scanpages import three_pages
from tests.app.sync.helpers import enrolled_desk, hub_counts
from tests.app.sync.hub import Hub
from tests.conftest import dossier_input


def every_kind(desk: Desk) -> None:
    """One or more changes of each kind a desk writes in a day's work."""
    clerk = desk.clerk()
    fee = desk.dossiers.receive(dossier_input(procedure="CT03", documents=[]), clerk)  # dossier, event, fee
    desk.fees.pay(fee.code, clerk, amount=50000, channel="cash", receipt_no="BL-0012")  # payment
    done = desk.dossiers.receive(dossier_input(), clerk)
    desk.clock.advance(minutes=5)
    desk.dossiers.act(done.code, "returned", clerk)  # event
    desk.ratings.rate(2, dossier=done.code, elements_given={"officials": 1}, comment="Nhiệt tình")  # rating
    other = desk.dossiers.act(desk.dossiers.receive(dossier_input(), clerk).code, "returned", clerk)
    desk.ratings.decline(other.code)  # rating_declined
    desk.printing.pdf("receipt", done.code, clerk=clerk)  # print, docno
    desk.files.attach(done.code, three_pages(), clerk, document_no=1)  # attachment
    desk.feedback.add(  # feedback, feedback_event
        {"kind": "feedback", "channel": "in_person", "content": "Đề nghị sửa đường", "person": {"name": "Lê Văn Tư"}},
        clerk,
    )


def kinds(desk: Desk) -> set[str]:
    return {r["entity"] for r in desk.store.outbox(limit=10_000)}


def test_every_entity_has_a_rebuilder_or_keeps_its_payload() -> None:
    assert set(rebuild.REBUILDERS) == set(history.ENTITIES.values())


def test_acknowledged_payloads_are_pruned_and_every_change_rebuilds_to_its_hash(
    tmp_path: Path, clock: FixedClock, hub: Hub
) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    every_kind(desk)
    before = {(r["db_id"], r["seq"]): r for r in desk.store.outbox(limit=10_000)}
    hashes = {
        k: rebuild.digest(r["entity"], r["entity_id"], r["op"], json.loads(r["payload"])) for k, r in before.items()
    }
    assert {"dossier", "event", "fee", "payment", "rating", "rating_declined", "print", "docno", "attachment"} <= kinds(
        desk
    )

    report = desk.sync.run_once()  # pruning follows a successful sync
    assert report.complete, report
    after = {(r["db_id"], r["seq"]): r for r in desk.store.outbox(limit=10_000)}
    assert after.keys() == before.keys()  # every sequence kept
    pruned = {k for k, r in after.items() if r["payload"] is None}
    kept = {before[k]["entity"] for k in after.keys() - pruned}
    assert kept <= {"feedback"}, kept  # a register entry's snapshot stays (its row changes)
    assert {after[k]["entity"] for k in pruned} >= {"dossier", "event", "fee", "payment", "rating", "attachment"}
    for k in pruned:
        assert after[k]["digest"] == hashes[k]  # the hash of what was sent, as the hub computes it
    rows = [after[k] for k in sorted(after)]
    for row, payload in zip(rows, rebuild.payloads(desk.store, rows), strict=True):
        key = (row["db_id"], row["seq"])
        assert protocol.canonical(payload) == protocol.canonical(json.loads(before[key]["payload"]))
    assert rebuild.unrebuildable(desk.store, desk.sync.sync_store.histories()) == []


def test_a_pruned_change_re_sent_is_the_same_change_to_the_hub(tmp_path: Path, clock: FixedClock, hub: Hub) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    every_kind(desk)
    assert desk.sync.run_once().complete
    held = hub_counts(hub)
    assert OutboxStore(desk.store).counts()["pruned"] > 0
    # The desk forgets the hub's acknowledgement (as after a hub restore): everything goes again, rebuilt.
    db_id = desk.store.db_id
    with desk.store.transaction():
        desk.sync.sync_store.set_acked(db_id, 0, "2026-01-01T00:00:00+07:00")
    report = desk.sync.run_once()
    assert report.complete and report.refused == 0 and desk.sync.errors() == []
    assert hub_counts(hub) == held  # accepted as the same changes: nothing doubled


def test_an_older_desks_dossier_payload_is_pruned_with_a_small_patch(desk: Desk, admin) -> None:
    """Before this version a dossier's payload carried its current ``updated_at``: kept beside the hash."""
    d = desk.dossiers.receive(dossier_input(), admin)
    desk.dossiers.act(d.code, "returned", admin)
    row = next(r for r in desk.store.outbox() if r["entity"] == "dossier")
    old = dict(json.loads(row["payload"]), updated_at="2026-05-05T10:00:00+07:00")
    with desk.store.transaction():  # as an older desk wrote it (the migration keeps the text as it was)
        desk.store.conn.execute("DROP TRIGGER outbox_no_update")
        desk.store.conn.execute("DROP TRIGGER outbox_prune_only")
        desk.store.conn.execute(
            "UPDATE outbox SET payload = ? "
            "WHERE hist = (SELECT hist FROM outbox_histories WHERE db_id = ?) AND seq = ?",
            (json.dumps(old, ensure_ascii=False), row["db_id"], row["seq"]),
        )
        desk.sync.sync_store.set_acked(desk.store.db_id, 10, "2026-01-01T00:00:00+07:00")
    assert rebuild.prune(desk.store, [desk.store.db_id]).pruned == 3
    pruned = next(r for r in desk.store.outbox() if r["entity"] == "dossier")
    assert json.loads(pruned["patch"]) == {"set": {"updated_at": "2026-05-05T10:00:00+07:00"}}
    assert rebuild.payloads(desk.store, [pruned]) == [old]
