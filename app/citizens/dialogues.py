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
from app.core import history, textcheck, validation
from app.core.clock import Clock, iso
from app.core.errors import NotFound, ValidationError
from app.core.records import Clerk, DeskIdentity
from app.printing import numbers
from db.citizen_store import CitizenStore
from db.ids import new_id
from db.print_store import PrintStore
from db.store import Store


def _text(field: str, value: object, label_vi: str, label_en: str, *, required: bool = False) -> str:
    return textcheck.field_text("dialogue", field, value, label_vi=label_vi, label_en=label_en, required=required)


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
        if not isinstance(issues, list | tuple) or not all(isinstance(i, Mapping) for i in issues):
            raise ValidationError(
                "Mỗi vấn đề phải có người nêu, vấn đề và trả lời.",
                "Each issue needs who raised it, the issue and the answer.",
                field="issues",
            )
        residents = (
            validation.positive_int(
                residents or 0, field="residents", label_vi="Số người dân", label_en="Residents", maximum=100_000
            )
            if residents
            else 0
        )
        items = []
        for i in issues:
            items.append(
                {
                    "raised_by": _text("raised_by", i.get("raised_by"), "Người nêu", "Raised by"),
                    "issue": _text("issue", i.get("issue"), "Vấn đề", "Issue", required=True),
                    "answer": _text("answer", i.get("answer"), "Trả lời", "Answer"),
                }
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
                "subject": _text("subject", subject, "Chủ đề", "Subject", required=True),
                "held_at": iso(held),
                "place": _text("place", place, "Địa điểm", "Place", required=True),
                "chair": validation.full_name(chair, field="chair"),
                "secretary": _text("secretary", secretary, "Thư ký", "Secretary"),
                "attendees": json.dumps(
                    textcheck.field_texts(
                        "dialogue", "attendees", attendees, label_vi="Thành phần", label_en="Attendees"
                    ),
                    ensure_ascii=False,
                ),
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
