"""Leaders' citizen reception sessions: the schedule, what happened, the conclusion notice, follow-ups.

The chair (and the Party Secretary) receive citizens on posted days, regular or unscheduled, in person
or online. A session records who received, who came (each citizen a row of the 03/TCD register,
several on one matter counted together), what was raised, and ends with a numbered conclusion
notice (Thông báo kết luận). Each conclusion becomes follow-ups with an owner and a deadline in
working days, tracked to done; one past its day unfinished is overdue.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from app.citizens import rules
from app.citizens.records import FollowUp, follow_up_from_row
from app.core import history, textcheck, validation
from app.core.clock import Clock, iso
from app.core.errors import NotFound, ValidationError
from app.core.records import Clerk, DeskIdentity
from app.core.worktime import CalendarSource
from app.feedback import intake
from app.printing import numbers
from db.citizen_store import CitizenStore
from db.ids import new_id
from db.print_store import PrintStore
from db.store import Store


class SessionNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("Không tìm thấy buổi tiếp công dân.", "The reception session was not found.", field="session")


def _names(values: Sequence[str]) -> list[str]:
    return textcheck.field_texts(
        "reception_session", "received_by", values, label_vi="Người cùng tiếp", label_en="Received by"
    )


def number_text(form: str, seq: int, desk_no: int) -> str:
    """The paper's number as printed without "Số:" (Decree 30), e.g. "01/TB-UBND-Q1"."""
    from app.printing.formparts import Paper
    from app.printing.wording import template

    return Paper(template(form), datetime.min, seq, desk_no).number_text().removeprefix("Số: ")


class FollowUps:
    """Tasks left by a conclusion notice or a dialogue; deadlines in working days (app.core.worktime)."""

    def __init__(self, store: Store, clock: Clock, calendar: CalendarSource, desk: DeskIdentity) -> None:
        self.store = store
        self.db = CitizenStore(store)
        self.clock = clock
        self._calendar = calendar
        self.desk = desk

    def add(
        self, source: str, source_id: str, task: str, owner: str, days: int, clerk: Clerk, *, start: date | None = None
    ) -> FollowUp:
        body = intake.text_field(task, "task", "Việc cần làm", "Task", textcheck.MAX_LEN["follow_up"]["task"], True)
        who = intake.text_field(
            owner, "owner", "Người thực hiện", "Owner", textcheck.MAX_LEN["follow_up"]["owner"], True
        )
        days = validation.positive_int(
            days, field="days", label_vi="Số ngày làm việc", label_en="Working days", maximum=365
        )
        start = start or self.clock.now().date()
        stamp = iso(self.clock.now())
        row = {
            "id": new_id(),
            "source": source,
            "source_id": source_id,
            "task": body,
            "owner": who,
            "days": days,
            "assigned_on": start.isoformat(),
            "due": self._calendar().working_deadline(start, days).isoformat(),
            "done_at": None,
            "result": "",
            "created_at": stamp,
            "updated_at": stamp,
            "clerk_id": clerk.id,
            "desk_id": self.desk.desk_id,
        }
        history.record(self.store, history.FOLLOW_UP, row, write=lambda: self.db.insert("follow_up", row))
        return follow_up_from_row(row)

    def done(self, follow_up_id: str, clerk: Clerk, result: str, *, at: datetime | None = None) -> FollowUp:
        body = intake.text_field(result, "result", "Kết quả", "Result", textcheck.MAX_LEN["follow_up"]["result"], True)
        with self.store.transaction():
            row = self.db.get("follow_up", follow_up_id)
            if row is None:
                raise NotFound("Không tìm thấy việc cần theo dõi.", "The follow-up was not found.", field="follow_up")
            if row["done_at"]:
                raise ValidationError("Việc này đã hoàn thành.", "This follow-up is already done.", field="follow_up")
            stamp = iso(self.clock.now())
            values = {"done_at": iso(at or self.clock.now()), "result": body, "updated_at": stamp}
            self.db.update("follow_up", follow_up_id, values)
            row = dict(row, **values)
            history.record(self.store, history.FOLLOW_UP, row, op=history.UPDATE, at=stamp)
        return follow_up_from_row(row)

    def of(self, source: str, source_id: str) -> list[FollowUp]:
        return [follow_up_from_row(r) for r in self.db.follow_ups(source, source_id)]

    def all(self) -> list[FollowUp]:
        return [follow_up_from_row(r) for r in self.db.follow_ups()]

    def overdue(self, today: date | None = None) -> list[FollowUp]:
        today = today or self.clock.now().date()
        return [f for f in self.all() if not f.done and f.overdue(today)]


class Sessions:
    def __init__(
        self, store: Store, clock: Clock, calendar: CalendarSource, desk: DeskIdentity, follow_ups: FollowUps
    ) -> None:
        self.store = store
        self.db = CitizenStore(store)
        self.clock = clock
        self._calendar = calendar
        self.desk = desk
        self.follow_ups = follow_ups

    def _write(self, row: Mapping[str, Any], op: str = history.CREATE) -> None:
        if op == history.CREATE:
            history.record(
                self.store, history.RECEPTION_SESSION, dict(row), write=lambda: self.db.insert("session", row)
            )
        else:
            history.record(self.store, history.RECEPTION_SESSION, dict(row), op=op, at=row["updated_at"])

    def schedule(
        self,
        clerk: Clerk,
        *,
        leader_role: str,
        leader_name: str,
        day: date,
        starts: str = "07:30",
        place: str = "",
        regular: bool = True,
        mode: str = "in_person",
    ) -> dict[str, Any]:
        """A day on the schedule; an unscheduled one (regular=False) is entered the same way."""
        role = validation.choice(
            leader_role, rules.LEADER_ROLES, field="leader_role", label_vi="Chức vụ", label_en="Role"
        )
        mode = validation.choice(mode, rules.MODES, field="mode", label_vi="Hình thức", label_en="Mode")
        name = validation.full_name(leader_name, field="leader_name")
        if not (len(starts) == 5 and starts[2] == ":" and starts.replace(":", "").isdigit()):
            raise ValidationError("Giờ bắt đầu phải có dạng HH:MM.", "The start time must be HH:MM.", field="starts")
        stamp = iso(self.clock.now())
        row = {
            "id": new_id(),
            "leader_role": role,
            "leader_name": name,
            "day": day.isoformat(),
            "starts": starts,
            "place": intake.text_field(
                place, "place", "Địa điểm", "Place", textcheck.MAX_LEN["reception_session"]["place"]
            ),
            "regular": int(regular),
            "mode": mode,
            "status": "scheduled",
            "received_by": "[]",
            "raised": "",
            "held_at": None,
            "conclusion_number": None,
            "conclusion_year": None,
            "conclusion_seq": None,
            "conclusion": "",
            "concluded_at": None,
            "signer": "",
            "created_at": stamp,
            "updated_at": stamp,
            "clerk_id": clerk.id,
            "desk_id": self.desk.desk_id,
        }
        self._write(row)
        return row

    def get(self, session_id: str) -> dict[str, Any]:
        row = self.db.get("session", session_id)
        if row is None:
            raise SessionNotFound()
        return row

    def schedule_between(self, start: date, end: date) -> list[dict[str, Any]]:
        return [r for r in self.db.sessions(start.isoformat(), end.isoformat()) if r["status"] != "cancelled"]

    def hold(
        self, session_id: str, clerk: Clerk, *, received_by: Sequence[str], raised: str, at: datetime | None = None
    ) -> dict[str, Any]:
        """Record the session: who received with the leader, what was raised (citizens are register rows)."""
        with self.store.transaction():
            row = self.get(session_id)
            rules.SESSION.check(row["status"], "hold")
            stamp = iso(self.clock.now())
            values = {
                "status": rules.SESSION.after(row["status"], "hold"),
                "received_by": json.dumps(_names(received_by), ensure_ascii=False),
                "raised": intake.text_field(
                    raised,
                    "raised",
                    "Nội dung công dân nêu",
                    "What was raised",
                    textcheck.MAX_LEN["reception_session"]["raised"],
                    True,
                ),
                "held_at": iso(at or self.clock.now()),
                "updated_at": stamp,
            }
            self.db.update("session", session_id, values)
            row = dict(row, **values)
            self._write(row, history.UPDATE)
        return row

    def conclude(
        self,
        session_id: str,
        clerk: Clerk,
        *,
        conclusion: str,
        signer: str,
        follow_ups: Sequence[Mapping[str, Any]] = (),
    ) -> dict[str, Any]:
        """The conclusion notice, numbered in the year; each follow-up ({task, owner, days}) starts today."""
        body = intake.text_field(
            conclusion,
            "conclusion",
            "Nội dung kết luận",
            "Conclusion",
            textcheck.MAX_LEN["reception_session"]["conclusion"],
            True,
        )
        who = validation.full_name(signer, field="signer")
        with self.store.transaction():
            row = self.get(session_id)
            rules.SESSION.check(row["status"], "conclude")
            now = self.clock.now()
            log = PrintStore(self.store)
            number = numbers.for_paper(log, self.desk, self.clock, session_id, "conclusion", "", now)
            numbers.issue(self.store, log, number)
            values = {
                "status": rules.SESSION.after(row["status"], "conclude"),
                "conclusion": body,
                "signer": who,
                "concluded_at": iso(now),
                "conclusion_year": number.year,
                "conclusion_seq": number.seq,
                "conclusion_number": number_text("conclusion", number.seq, number.desk_no),
                "updated_at": iso(now),
            }
            self.db.update("session", session_id, values)
            row = dict(row, **values)
            self._write(row, history.UPDATE)
            for f in follow_ups:
                self.follow_ups.add(
                    "session", session_id, f.get("task", ""), f.get("owner", ""), f.get("days", 0), clerk
                )
        return row

    def cancel(self, session_id: str, clerk: Clerk) -> dict[str, Any]:
        with self.store.transaction():
            row = self.get(session_id)
            rules.SESSION.check(row["status"], "cancel")
            values = {"status": "cancelled", "updated_at": iso(self.clock.now())}
            self.db.update("session", session_id, values)
            row = dict(row, **values)
            self._write(row, history.UPDATE)
        return row
