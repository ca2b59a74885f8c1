"""The wire checks (app.sync.checks) accept every record the desk writes and refuse what it never writes.

The hub refuses, alone, a change these checks refuse; so a check that refused something a desk
legitimately writes would strand that record. Every kind the desk syncs is made here through the
services and then pushed to a real hub: nothing refused.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.core import textcheck, validation
from app.core.clock import FixedClock
from app.core.errors import ValidationError
from app.sync import checks
from tests.app.sync.helpers import enrolled_desk, receive
from tests.app.sync.hub import Hub


def test_the_unsafe_character_class_matches_the_unicode_tables() -> None:
    pattern = textcheck._unsafe()
    wrong = [
        cp
        for cp in range(sys.maxunicode + 1)
        if (unicodedata.category(chr(cp)) in ("Cc", "Cf", "Cs", "Co")) != bool(pattern.search(chr(cp)))
    ]
    assert wrong == []


@pytest.mark.parametrize(
    "value",
    ["a\x00b", "tab\there", "\u202etxet", "zero\u200bwidth", "\ufeffbom", "\ud800", "\x1b[31m", "e\u0301", "\ue000"],
)
def test_plain_text_refuses_what_a_desk_never_stores(value: str) -> None:
    with pytest.raises(ValidationError) as refused:
        textcheck.plain_text(value, field="notes", max_len=100)
    assert refused.value.field == "notes" and refused.value.message("en")


@pytest.mark.parametrize(
    "value",
    ["0001-01-01T00:00:00+07:00", "1999-12-31T23:59:59+07:00", "2101-01-01T00:00:00+07:00", "2026-02-12T09:00:00", ""],
)
def test_sane_moments_are_in_2000_to_2100_with_an_offset(value: str) -> None:
    with pytest.raises(ValidationError):
        validation.sane_moment(value, field="at")
    assert validation.sane_moment("2026-02-12T09:00:00+07:00", field="at").year == 2026


def test_every_record_the_desk_writes_passes_and_reaches_the_hub(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    admin = desk.clerk()
    [code, other] = receive(desk, 2)
    desk.clock.advance(hours=1)
    desk.dossiers.act(code, "apology_issued", admin, reason="Chờ xác minh", new_due=clock.now() + timedelta(days=26))
    desk.dossiers.act(other, "refused", admin, reason="Không thuộc thẩm quyền")
    received = (desk.clock.now() - timedelta(hours=1)).isoformat()
    person = {"name": "Phạm Thị Khiếu", "address": "Ấp 2", "contact": "0912345678"}
    for kind in ("feedback", "denunciation"):
        data = {
            "kind": kind,
            "channel": "in_person",
            "person": person,
            "content": "Nội dung thử",
            "received_at": received,
        }
        entry = desk.feedback.add(data, admin)
    desk.feedback.accept(entry.id, admin)
    desk.feedback.reveal_identity(entry.id, admin, purpose="Xác minh")
    desk.ratings.rate(4, dossier=code)
    desk.printing.to_file("receipt", code, tmp_path / "r.pdf")
    desk.printing.to_file("refusal", other, tmp_path / "t.pdf")
    changes = [
        (r["entity"], r["entity_id"], r["op"], json.loads(r["payload"]), r["created_at"])
        for r in desk.store.outbox(limit=1000)
    ]
    kinds = {c[0] for c in changes}
    assert {"dossier", "event", "feedback", "feedback_event", "confidential_read", "rating", "print", "docno"} <= kinds
    for change in changes:
        checks.check_change(*change)
    report = desk.sync.run_once()
    assert report.complete and report.refused == 0, [(e["entity"], e["code"]) for e in desk.sync.errors()]
    assert report.sent == len(changes)
    desk.close()


def test_the_entity_checks_name_the_field(clock: FixedClock) -> None:
    del clock
    with pytest.raises(ValidationError) as refused:
        checks.check_change("dossier", "x", "create", {"id": "x"}, datetime(2026, 2, 12).isoformat() + "+07:00")
    assert refused.value.field
