"""One object a window, the command line and the figures reach citizen reception through."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from app.citizens import papers
from app.citizens.dialogues import Dialogues
from app.citizens.disclosure import Disclosure
from app.citizens.flags import FlagService
from app.citizens.register import ReceptionRegister
from app.citizens.sessions import FollowUps, Sessions
from app.core.clock import Clock
from app.core.errors import ValidationError
from app.core.records import DeskIdentity
from app.core.worktime import CalendarSource
from app.feedback.service import FeedbackService
from app.printing import numbers
from app.printing.formparts import Letterhead
from db.print_store import PrintStore
from db.store import Store


class CitizenReception:
    def __init__(
        self, store: Store, clock: Clock, calendar: CalendarSource, desk: DeskIdentity, feedback: FeedbackService
    ) -> None:
        self.store = store
        self.clock = clock
        self.desk = desk
        self.calendar = calendar
        self.register = ReceptionRegister(store, clock, calendar, desk, feedback)
        self.follow_ups = FollowUps(store, clock, calendar, desk)
        self.sessions = Sessions(store, clock, calendar, desk, self.follow_ups)
        self.dialogues = Dialogues(store, clock, desk, self.follow_ups)
        self.flags = FlagService(store, clock, desk)
        self.disclosure = Disclosure(store, clock, desk)

    # Papers (app.citizens.papers); each written readable by the desk's user only

    @property
    def letterhead(self) -> Letterhead:
        return papers.letterhead(self.desk)

    def print_register(self, path: Path, start: date, end: date) -> Path:
        return _write(path, papers.register(self.letterhead, self.register.entries(start, end), start, end))

    def print_schedule(self, path: Path, start: date, end: date) -> Path:
        sessions = self.sessions.schedule_between(start, end)
        return _write(path, papers.schedule(self.letterhead, sessions, start, end))

    def print_refusal(self, entry_id: str, path: Path, *, signer: str, signer_title: str = "CHỦ TỊCH") -> Path:
        """01/TCD, numbered once (Decree 30: per kind, year and desk); a reprint keeps its number."""
        entry = self.register.get(entry_id)
        if entry.outcome != "refused" or entry.refused_at is None:
            raise ValidationError(
                "Lượt tiếp này chưa được ghi là từ chối tiếp.", "This reception was not refused.", field="entry"
            )
        with self.store.transaction():
            number = numbers.for_paper(
                PrintStore(self.store), self.desk, self.clock, entry_id, "tcd01", "", entry.refused_at
            )
            numbers.issue(self.store, PrintStore(self.store), number)
        pdf = papers.refusal(self.letterhead, entry, number.seq, number.desk_no, signer, signer_title)
        return _write(path, pdf)

    def print_documents_receipt(self, entry_id: str, path: Path, *, receiver: str) -> Path:
        entry = self.register.get(entry_id)
        if not entry.documents:
            raise ValidationError("Lượt tiếp này chưa nhận tài liệu nào.", "No document was received.", field="entry")
        return _write(path, papers.documents_receipt(self.letterhead, entry, receiver))

    def print_conclusion(self, session_id: str, path: Path) -> Path:
        session = self.sessions.get(session_id)
        if session["status"] != "concluded":
            raise ValidationError(
                "Buổi tiếp chưa có thông báo kết luận.", "The session has no conclusion notice yet.", field="session"
            )
        entries = self.register.entries(session_id=session_id)
        follow = self.follow_ups.of("session", session_id)
        return _write(path, papers.conclusion(self.letterhead, session, entries, follow, self.desk.desk_no))

    def print_minutes(self, dialogue_id: str, path: Path) -> Path:
        dialogue = self.dialogues.get(dialogue_id)
        follow = self.follow_ups.of("dialogue", dialogue_id)
        return _write(path, papers.minutes(self.letterhead, dialogue, follow, self.desk.desk_no))

    def print_board(self, path: Path, day: date | None = None) -> Path:
        day = day or self.clock.now().date()
        return _write(path, papers.board(self.letterhead, self.disclosure.board(day), day))

    def print_quarterly(self, path: Path, year: int, quarter: int) -> Path:
        items = self.disclosure.quarterly(year, quarter)
        return _write(path, papers.board(self.letterhead, items, self.clock.now().date(), quarter=(year, quarter)))


def _write(path: Path, data: bytes) -> Path:
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return path
