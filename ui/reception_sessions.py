"""Leaders' reception sessions: the schedule (the chair's and the Party Secretary's days, regular or
unscheduled, in person or online), printed and posted; a session's citizens (several on one matter
counted together), what was raised, its numbered conclusion notice and the follow-ups it gives.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from app.citizens import rules
from app.citizens.records import ReceptionEntry
from app.core.records import Clerk, label
from app.feedback.confidential import can_read
from ui.prompts import ConfirmDialog
from ui.reception_common import CitizenPage, FollowUpBox, RowsModel, button_row, selected_row, table
from ui.reception_dialogs import CitizensDialog, ConclusionDialog, HoldDialog, ScheduleDialog
from ui.widgets import EmptyHint

CITIZEN_COLUMNS = (0, 2, 3, 5, 6, 4)  # of 03/TCD: no., name and address, ID, kind, people, content (wraps)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class SessionsPage(CitizenPage):
    def __init__(self, desk: Any, clerk: Clerk, printing: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(desk, clerk, printing, parent)
        today = self.today()
        self.start = QDateEdit(_qdate(today - timedelta(days=30)))
        self.end = QDateEdit(_qdate(today + timedelta(days=30)))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(lambda *_: self.refresh())
        self.model = RowsModel(
            [
                self.tr("Ngày"),
                self.tr("Giờ"),
                self.tr("Người tiếp"),
                self.tr("Loại"),
                self.tr("Hình thức"),
                self.tr("Địa điểm"),
                self.tr("Tình trạng"),
                self.tr("Thông báo kết luận"),
            ],
            self,
        )
        self.table = table(self.model, stretch=2)
        EmptyHint(self.table, self.tr("Chưa có buổi tiếp nào trong thời gian này. Bấm «Lên lịch…» để thêm."))
        self.people_model = RowsModel(
            [
                self.tr("STT"),
                self.tr("Họ tên, địa chỉ"),
                self.tr("Số CCCD"),
                self.tr("Phân loại"),
                self.tr("Số người"),
                self.tr("Nội dung vụ việc"),
            ],
            self,
        )
        self.people = table(self.people_model, stretch=(1, 5))  # names and the matter share what is left
        EmptyHint(self.people, self.tr("Chọn một buổi tiếp; bấm «Công dân đến…» để ghi người đến trình bày."))
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.follow = FollowUpBox(self, source="session")

        top = QHBoxLayout()
        for widget in (QLabel(self.tr("Từ ngày"), self), self.start, QLabel(self.tr("đến"), self), self.end):
            top.addWidget(widget)
        top.addSpacing(12)
        schedule_bar = button_row(
            self,
            self.buttons,
            (
                ("schedule", self.tr("&Lên lịch…"), self.add_day),
                ("print_schedule", self.tr("In lịc&h"), self.print_schedule),
                ("publish", self.tr("Công kh&ai lịch"), self.publish_schedule),
            ),
        )
        top.addLayout(schedule_bar, 1)
        actions = button_row(
            self,
            self.buttons,
            (
                ("citizens", self.tr("&Công dân đến…"), self.add_citizens),
                ("hold", self.tr("&Ghi kết quả…"), self.hold_selected),
                ("conclude", self.tr("&Kết luận…"), self.conclude_selected),
                ("print_conclusion", self.tr("In thông &báo kết luận"), self.print_conclusion),
                ("cancel", self.tr("Hủ&y lịch"), self.cancel_selected),
            ),
        )
        reveal_bar = button_row(self, self.buttons, (("reveal", self.tr("&Xem người tố cáo…"), self.reveal_selected),))
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(self.tr("Công dân đến trình bày"), left))
        ll.addWidget(self.people, 1)
        ll.addLayout(reveal_bar)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(QLabel(self.tr("Việc theo dõi sau kết luận"), right))
        rl.addWidget(self.follow, 1)
        below = QSplitter(Qt.Orientation.Horizontal, self)
        below.addWidget(left)
        below.addWidget(right)
        below.setChildrenCollapsible(False)
        below.setSizes([3000, 2000])  # in proportion: the citizens' six columns need more room than the follow-ups
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 2)
        layout.addLayout(actions)
        layout.addWidget(self.detail)
        layout.addWidget(below, 3)
        layout.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        self.set_clerk(clerk)
        self.refresh()

    def set_clerk(self, clerk: Clerk) -> None:
        self.clerk = clerk
        self.buttons["reveal"].setVisible(can_read(clerk))

    # Loading

    def refresh(self) -> None:
        chosen = self.selected()
        rows = self.citizens.sessions.schedule_between(self.start.date().toPython(), self.end.date().toPython())
        lang = self.lang
        cells = []
        for s in rows:
            kind = self.tr("Định kỳ") if s["regular"] else self.tr("Đột xuất")
            who = f"{label(rules.LEADER_ROLES, s['leader_role'], lang)}: {s['leader_name']}"
            place = s["place"] or self.tr("Trụ sở UBND xã")
            state = label(rules.SESSION_STATUSES, s["status"], lang)
            cells.append(
                [
                    f"{date.fromisoformat(s['day']):%d/%m/%Y}",
                    s["starts"],
                    who,
                    kind,
                    label(rules.MODES, s["mode"], lang),
                    place,
                    state,
                    s["conclusion_number"] or "",
                ]
            )
        self.model.set_rows(rows, cells)
        for row, s in enumerate(rows):
            if chosen is not None and s["id"] == chosen["id"]:
                self.table.selectRow(row)
        self.show_selected()

    def selected(self) -> dict[str, Any] | None:
        row = selected_row(self.table)
        return self.model.item(row) if row is not None else None

    def select_day(self, day: date) -> None:
        for row in range(self.model.rowCount()):
            if self.model.item(row)["day"] == day.isoformat():
                self.table.selectRow(row)
                return

    def show_selected(self) -> None:
        session = self.selected()
        status = session["status"] if session else None
        for key, action in (("hold", "hold"), ("conclude", "conclude"), ("cancel", "cancel")):
            self.buttons[key].setEnabled(status is not None and status in rules.SESSION.allowed_from[action])
        self.buttons["citizens"].setEnabled(status in ("scheduled", "held"))
        self.buttons["print_conclusion"].setEnabled(status == "concluded")
        entries: list[ReceptionEntry] = []
        if session is None:
            self.detail.setText(self.tr("Chọn một buổi tiếp trong lịch để xem và ghi kết quả."))
        else:
            entries = self.citizens.register.entries(session_id=session["id"])
            self.detail.setText(self.describe(session, entries))
        cells = [[e.columns(i, self.lang)[c] for c in CITIZEN_COLUMNS] for i, e in enumerate(entries, 1)]
        self.people_model.set_rows(entries, cells)
        self.buttons["reveal"].setEnabled(any(e.confidential for e in entries))
        self.follow.load(session["id"] if session else None)

    def describe(self, session: dict[str, Any], entries: list[ReceptionEntry]) -> str:
        matters = len({e.matter_id or e.id for e in entries})
        lines = [
            self.tr("Người tiếp: %1").replace("%1", "; ".join(json.loads(session["received_by"])) or "—"),
            self.tr("Công dân: %1 người, %2 vụ việc").replace("%1", str(len(entries))).replace("%2", str(matters)),
        ]
        if session["raised"]:
            lines.append(self.tr("Nội dung nêu: %1").replace("%1", session["raised"]))
        if session["conclusion_number"]:
            lines.append(
                self.tr("Kết luận số %1 (%2 ký): %3")
                .replace("%1", session["conclusion_number"])
                .replace("%2", session["signer"])
                .replace("%3", session["conclusion"])
            )
        return "\n".join(lines)

    # The schedule

    def add_day(self, answer: dict[str, Any] | None = None) -> dict[str, Any] | None:
        if answer is None:
            answer = ScheduleDialog.ask(self, self.today())
            if answer is None:
                return None
        row = self.run(lambda: self.citizens.sessions.schedule(self.clerk, **answer))
        if row is not None:
            self.select_day(date.fromisoformat(row["day"]))
        return row

    def _period(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()

    def print_schedule(self) -> str | None:
        start, end = self._period()
        return self.print_paper(
            f"lich-tiep-{start:%Y%m%d}",
            lambda path: self.citizens.print_schedule(path, start, end),
            self.tr("Đã in lịch tiếp công dân."),
        )

    def publish_schedule(self) -> Any:
        """The days from today on, posted on the disclosure board (30 days at least)."""
        start, end = max(self._period()[0], self.today()), self._period()[1]
        sessions = self.citizens.sessions.schedule_between(start, end)
        posted = self.run(lambda: self.citizens.disclosure.publish_schedule(self.clerk, sessions))
        if posted is not None:
            self.message.info(self.tr("Đã niêm yết lịch tiếp công dân trên bảng công khai."))
        return posted

    # A session

    def add_citizens(self, answer: tuple[list[dict[str, str]], dict[str, Any]] | None = None) -> Any:
        session = self.selected()
        if session is None:
            return None
        if answer is None:
            answer = CitizensDialog.ask(self)
            if answer is None:
                return None
        people, matter = answer
        matter = dict(matter, session_id=session["id"])
        register = self.citizens.register
        if len(people) == 1:
            return self.run(lambda: [register.receive(dict(matter, person=people[0]), self.clerk)])
        return self.run(lambda: register.receive_group(people, matter, self.clerk))

    def hold_selected(self, answer: dict[str, Any] | None = None) -> Any:
        session = self.selected()
        if session is None:
            return None
        if answer is None:
            answer = HoldDialog.ask(self, session["leader_name"], session["raised"])
            if answer is None:
                return None
        return self.run(lambda: self.citizens.sessions.hold(session["id"], self.clerk, **answer))

    def conclude_selected(self, answer: dict[str, Any] | None = None) -> Any:
        session = self.selected()
        if session is None:
            return None
        if answer is None:
            answer = ConclusionDialog.ask(self, session["leader_name"])
            if answer is None:
                return None
        row = self.run(lambda: self.citizens.sessions.conclude(session["id"], self.clerk, **answer))
        if row is not None:
            self.message.info(self.tr("Đã ra thông báo kết luận số %1.").replace("%1", row["conclusion_number"]))
        return row

    def print_conclusion(self) -> str | None:
        session = self.selected()
        if session is None:
            return None
        return self.print_paper(
            f"ket-luan-{session['conclusion_seq'] or 0:03d}",
            lambda path: self.citizens.print_conclusion(session["id"], path),
            self.tr("Đã in thông báo kết luận số %1.").replace("%1", session["conclusion_number"] or ""),
        )

    def cancel_selected(self, confirmed: bool | None = None) -> Any:
        """A day taken off the schedule cannot be put back: asked once, naming the day and the leader."""
        session = self.selected()
        if session is None:
            return None
        if confirmed is None:
            day = f"{date.fromisoformat(session['day']):%d/%m/%Y}"
            confirmed = ConfirmDialog.ask(
                self,
                self.tr("Hủy lịch"),
                self.tr("Hủy buổi tiếp ngày %1 của %2?").replace("%1", day).replace("%2", session["leader_name"]),
                self.tr("Hủy lịch"),
            )
        if not confirmed:
            return None
        return self.run(lambda: self.citizens.sessions.cancel(session["id"], self.clerk))

    def reveal_selected(self, reason: str | None = None) -> Any:
        row = selected_row(self.people)
        entries = [self.people_model.item(r) for r in range(self.people_model.rowCount())]
        entry = entries[row] if row is not None else next((e for e in entries if e.confidential), None)
        return self.reveal(entry, reason) if entry is not None else None
