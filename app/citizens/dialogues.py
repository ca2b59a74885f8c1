"""Dialogue conferences (Law 10/2022 Art. 32; Decree 59/2023): the yearly one and "where the matter arises".

A conference has a date, a place, who chaired, who attended, each issue raised with the answer
given, and follow-ups with owners and deadlines; its minutes (biên bản) are numbered in the year and
printed for signature.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from app.citizens import rules
from app.citizens.sessions import FollowUps, number_text
from app.core import history, validation
from app.core.clock import Clock, iso
from app.core.errors import NotFound, ValidationError
from app.core.records import Clerk, DeskIdentity
from app.core.text import nfc
from app.feedback import intake
from app.printing import numbers
from db.citizen_store import CitizenStore
from db.ids import new_id
from db.print_store import PrintStore
from db.store import Store


class Dialogues:
    def __init__(self, store: Store, clock: Clock, desk: DeskIdentity, follow_ups: FollowUps) -> None:
        self.store = store
        self.db = CitizenStore(store)
        self.clock = clock
        self.desk = desk
        self.follow_ups = follow_ups

    def hold(
        self,
        clerk: Clerk,
        *,
        kind: str,
        subject: str,
        held_at: datetime,
        place: str,
        chair: str,
        secretary: str = "",
        attendees: Sequence[str] = (),
        residents: int = 0,
        issues: Sequence[Mapping[str, str]] = (),
        follow_ups: Sequence[Mapping[str, Any]] = (),
    ) -> dict[str, Any]:
        """Record a conference held, its issues ({raised_by, issue, answer}) and its follow-ups."""
        kind = validation.choice(kind, rules.DIALOGUE_KINDS, field="kind", label_vi="Loại đối thoại", label_en="Kind")
        now = self.clock.now()
        held = validation.not_in_future(held_at, now, field="held_at", label_vi="Thời gian", label_en="The time")
        if not issues:
            raise ValidationError(
                "Biên bản cần ít nhất một vấn đề được nêu.", "Record at least one issue raised.", field="issues"
            )
        items = []
        for i in issues:
            items.append(
                {
                    "raised_by": intake.text_field(i.get("raised_by"), "issues", "Người nêu", "Raised by", 200),
                    "issue": intake.text_field(i.get("issue"), "issues", "Vấn đề", "Issue", 3000, True),
                    "answer": intake.text_field(i.get("answer"), "issues", "Trả lời", "Answer", 5000),
                }
            )
        if residents < 0:
            raise ValidationError(
                "Số người dân không hợp lệ.", "The number of residents is not valid.", field="residents"
            )
        stamp = iso(now)
        with self.store.transaction():
            dialogue_id = new_id()
            log = PrintStore(self.store)
            number = numbers.for_paper(log, self.desk, self.clock, dialogue_id, "minutes", "", held)
            numbers.issue(self.store, log, number)
            row = {
                "id": dialogue_id,
                "number": number_text("minutes", number.seq, number.desk_no),
                "year": number.year,
                "seq": number.seq,
                "kind": kind,
                "subject": intake.text_field(subject, "subject", "Chủ đề", "Subject", 500, True),
                "held_at": iso(held),
                "place": intake.text_field(place, "place", "Địa điểm", "Place", 300, True),
                "chair": validation.full_name(chair, field="chair"),
                "secretary": nfc(secretary).strip(),
                "attendees": json.dumps([nfc(a).strip() for a in attendees if a.strip()], ensure_ascii=False),
                "residents": int(residents),
                "issues": json.dumps(items, ensure_ascii=False),
                "created_at": stamp,
                "updated_at": stamp,
                "clerk_id": clerk.id,
                "desk_id": self.desk.desk_id,
            }
            history.record(self.store, history.DIALOGUE, row, write=lambda: self.db.insert("dialogue", row))
            for f in follow_ups:
                self.follow_ups.add(
                    "dialogue",
                    row["id"],
                    f.get("task", ""),
                    f.get("owner", ""),
                    f.get("days", 0),
                    clerk,
                    start=held.date(),
                )
        return row

    def between(self, start: date, end: date) -> list[dict[str, Any]]:
        """Conferences held on days in [start, end], in order."""
        return self.db.dialogues(start.isoformat(), (end + timedelta(days=1)).isoformat())

    def get(self, dialogue_id: str) -> dict[str, Any]:
        row = self.db.get("dialogue", dialogue_id)
        if row is None:
            raise NotFound("Không tìm thấy hội nghị đối thoại.", "The dialogue was not found.", field="dialogue")
        return row
