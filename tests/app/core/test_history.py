"""One way to write history: a record and its outbox entry in one transaction; the entity registry that
the outbox writers, the desk's apply and the hub's ingest share; the one transition-table type."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app.core import history
from app.core.errors import InvalidTransition
from app.core.history import ENTITIES, Entity, Transitions
from app.desk import Desk
from app.feedback.rules import TRANSITIONS as FEEDBACK_TRANSITIONS
from app.province import hub_rows
from app.reception.rules import TRANSITIONS as DOSSIER_TRANSITIONS
from app.sync import apply, clashes

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def dossier_id(desk: Desk, admin, sample_input) -> str:
    return desk.dossiers.receive(sample_input, admin).id


def _print_row(desk: Desk, row_id: str, dossier_id: str = "") -> dict:
    return {
        "id": row_id,
        "dossier_id": dossier_id,
        "form": "receipt",
        "copy_no": 1,
        "is_reprint": 0,
        "clerk_id": "c",
        "desk_id": desk.identity.desk_id,
        "printed_at": "2026-02-12T09:00:00+07:00",
        "created_at": "2026-02-12T09:00:00+07:00",
    }


def _prints(desk: Desk) -> int:
    return desk.store.conn.execute("SELECT COUNT(*) FROM print_log").fetchone()[0]


def test_a_record_and_its_outbox_entry_land_together(desk: Desk, dossier_id: str) -> None:
    row = _print_row(desk, "p-1", dossier_id)
    seq = history.record(desk.store, history.PRINT, row, write=lambda: desk.printing.log.insert(row))
    [entry] = desk.store.outbox(after_seq=seq - 1)
    assert (entry["entity"], entry["entity_id"], entry["op"], entry["created_at"]) == (
        "print",
        "p-1",
        "create",
        row["created_at"],
    )
    assert json.loads(entry["payload"]) == row
    assert _prints(desk) == 1


def test_a_failure_mid_transaction_leaves_neither(desk: Desk, dossier_id: str) -> None:
    outbox_before = desk.store.outbox_count()
    row = _print_row(desk, "p-2", dossier_id)
    with pytest.raises(RuntimeError), desk.store.transaction():
        history.record(desk.store, history.PRINT, row, write=lambda: desk.printing.log.insert(row))
        assert desk.store.outbox_count() == outbox_before + 1 and _prints(desk) == 1
        raise RuntimeError("power cut")
    assert desk.store.outbox_count() == outbox_before and _prints(desk) == 0


def test_a_record_that_fails_half_written_leaves_neither(desk: Desk, dossier_id: str) -> None:
    row = _print_row(desk, "p-3", dossier_id)

    def half_written() -> None:
        desk.printing.log.insert(row)
        raise sqlite3.IntegrityError("disk full")

    with pytest.raises(sqlite3.IntegrityError):
        history.record(desk.store, history.PRINT, row, write=half_written)
    assert desk.store.outbox_count() == 2 and _prints(desk) == 0  # the dossier and its reception event


def test_only_registered_entities_are_written(desk: Desk) -> None:
    stranger = Entity("print", "a look-alike that is not the registered one")
    with pytest.raises(ValueError, match="registered"):
        history.record(desk.store, stranger, _print_row(desk, "p-4"))
    assert desk.store.outbox_count() == 0


def test_every_kind_of_record_a_desk_writes_is_registered(desk: Desk, admin, leader, sample_input) -> None:
    """Drive every writer; what lands in the outbox is exactly the registry, nothing more or less."""
    dossier = desk.dossiers.receive(sample_input, admin)
    desk.printing.pdf("receipt", dossier.code, clerk=admin)
    returned = desk.dossiers.act(dossier.code, "returned", admin).events[-1]
    clashes.settle(desk, dossier.id, returned.id, admin, "Đã trả thật")  # a leader confirms an outcome
    desk.ratings.rate(2, dossier=dossier.code)
    other = desk.dossiers.receive(sample_input, admin)
    desk.dossiers.act(other.code, "returned", admin)
    desk.ratings.decline(other.code, how="timeout")
    entry = desk.feedback.add({"kind": "denunciation", "content": "x", "person": {"name": "Lê Văn C"}}, admin)
    desk.feedback.accept(entry.id, admin)
    desk.feedback.reveal_identity(entry.id, leader, purpose="Xác minh")
    c = desk.citizens
    session = c.sessions.schedule(admin, leader_role="chair", leader_name="Đỗ Văn Lãnh", day=date(2026, 2, 12))
    seen = c.register.receive({"kind": "complaint", "content": "x", "person": {"name": "Lê Văn D"}}, admin)
    c.flags.set("reception", seen.id, "land", admin)
    c.sessions.hold(session["id"], admin, received_by=["Đỗ Văn Lãnh"], raised="x")
    c.sessions.conclude(
        session["id"], admin, conclusion="x", signer="Đỗ Văn Lãnh", follow_ups=[{"task": "x", "owner": "y", "days": 1}]
    )
    c.dialogues.hold(
        admin,
        kind="annual",
        subject="x",
        held_at=desk.clock.now(),
        place="x",
        chair="Đỗ Văn Lãnh",
        issues=[{"issue": "x"}],
    )
    c.disclosure.post(admin, title="x")
    paid = desk.dossiers.receive(dict(sample_input, procedure="CT02", documents=[]), admin)  # fee assessed
    desk.fees.pay(paid.code, admin, amount=10000, channel="transfer")
    desk.files.exempt(paid.code, 1, "shown_only", admin)
    desk.set_calendar_override(date(2026, 2, 16), "off", "Bão: trụ sở đóng cửa")  # the commune's own day off
    written = {o["entity"] for o in desk.store.outbox(limit=10_000)}
    assert written == set(ENTITIES)


def test_no_module_appends_to_the_outbox_but_the_history_helper() -> None:
    callers = [
        p.relative_to(ROOT).as_posix()
        for folder in ("app", "ui")
        for p in (ROOT / folder).rglob("*.py")
        if "append_outbox(" in p.read_text(encoding="utf-8")
    ]
    assert callers == ["app/core/history.py"]


def test_the_registry_names_each_entity_once_and_apply_and_ingest_know_each() -> None:
    assert all(name == e.name for name, e in ENTITIES.items())
    assert len({e.name for e in ENTITIES.values()}) == len(ENTITIES)
    assert set(apply.APPLIERS) == {e for e in ENTITIES.values() if e.desk_applies}
    assert set(hub_rows.KEEPERS) == {e for e in ENTITIES.values() if e.hub_keeps}


def test_transitions_raise_the_one_sentence() -> None:
    with pytest.raises(InvalidTransition) as raised:
        DOSSIER_TRANSITIONS.check("returned", "done")
    assert raised.value.vi == "Hồ sơ đang ở trạng thái «Đã trả kết quả», không thể «Có kết quả»."
    assert raised.value.en == "The dossier is 'Returned'; it cannot be 'Result ready'."
    with pytest.raises(InvalidTransition) as raised:
        FEEDBACK_TRANSITIONS.check("closed", "answered")
    assert raised.value.en == "The entry is 'Closed'; it cannot be 'Answered'."
    FEEDBACK_TRANSITIONS.check("received", "accepted")


def test_transitions_allowed_and_after() -> None:
    table = Transitions(
        allowed_from={"open": frozenset({"new"}), "note": frozenset({"new", "opened"})},
        status_after={"open": "opened"},
        statuses={"new": ("Mới", "New"), "opened": ("Đã mở", "Opened")},
        actions={"open": ("Mở", "Open"), "note": ("Ghi chú", "Note")},
        subject=("Việc", "The task"),
    )
    assert table.allowed("new") == ["open", "note"] and table.allowed("opened") == ["note"]
    assert table.after("new", "open") == "opened" and table.after("opened", "note") == "opened"
    assert not table.may("opened", "open") and not table.may("new", "unknown")
    with pytest.raises(InvalidTransition) as raised:
        table.check("opened", "open")
    assert (raised.value.vi, raised.value.en) == (
        "Việc đang ở trạng thái «Đã mở», không thể «Mở».",
        "The task is 'Opened'; it cannot be 'Open'.",
    )
