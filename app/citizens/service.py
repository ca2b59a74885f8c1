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
    def issuer(self) -> papers.Issuer:
        return papers.Issuer.of(self.desk)

    def print_register(self, path: Path, start: date, end: date) -> Path:
        return _write(path, papers.register(self.issuer, self.register.entries(start, end), start, end))

    def print_refusal(self, entry_id: str, path: Path, *, signer: str, signer_title: str = "CHỦ TỊCH") -> Path:
        entry = self.register.get(entry_id)
        if entry.outcome != "refused":
            raise ValidationError(
                "Lượt tiếp này chưa được ghi là từ chối tiếp.", "This reception was not refused.", field="entry"
            )
        # Numbered in the year among this register's refusals, in the order they were given.
        assert entry.refused_at is not None
        year = entry.refused_at.year
        refused = sorted(
            (e.refused_at, e.number)
            for e in self.register.entries(date(year, 1, 1), date(year, 12, 31))
            if e.refused_at is not None and e.refused_at.year == year
        )
        number = f"{refused.index((entry.refused_at, entry.number)) + 1}/TB-TCD"
        return _write(path, papers.refusal(self.issuer, entry, number, signer, signer_title))

    def print_documents_receipt(self, entry_id: str, path: Path, *, receiver: str) -> Path:
        entry = self.register.get(entry_id)
        if not entry.documents:
            raise ValidationError("Lượt tiếp này chưa nhận tài liệu nào.", "No document was received.", field="entry")
        return _write(path, papers.documents_receipt(self.issuer, entry, receiver))

    def print_conclusion(self, session_id: str, path: Path) -> Path:
        session = self.sessions.get(session_id)
        if session["status"] != "concluded":
            raise ValidationError(
                "Buổi tiếp chưa có thông báo kết luận.", "The session has no conclusion notice yet.", field="session"
            )
        entries = self.register.entries(session_id=session_id)
        return _write(path, papers.conclusion(self.issuer, session, entries, self.follow_ups.of("session", session_id)))

    def print_minutes(self, dialogue_id: str, path: Path) -> Path:
        dialogue = self.dialogues.get(dialogue_id)
        return _write(path, papers.minutes(self.issuer, dialogue, self.follow_ups.of("dialogue", dialogue_id)))

    def print_board(self, path: Path, day: date | None = None) -> Path:
        day = day or self.clock.now().date()
        return _write(path, papers.board(self.issuer, self.disclosure.board(day), day))

    def print_quarterly(self, path: Path, year: int, quarter: int) -> Path:
        items = self.disclosure.quarterly(year, quarter)
        heading = f"DANH MỤC THÔNG TIN ĐÃ CÔNG KHAI QUÝ {quarter}/{year}"
        return _write(path, papers.board(self.issuer, items, self.clock.now().date(), heading))


def _write(path: Path, data: bytes) -> Path:
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return path
