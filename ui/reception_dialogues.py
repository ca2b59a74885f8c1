"""Dialogue conferences (the yearly one and "where the matter arises"): each issue raised with the
answer given, the follow-ups with owners and deadlines, the minutes (biên bản) printed for signature.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from app.citizens import rules
from app.core.clock import parse_iso
from app.core.records import Clerk, label
from ui import i18n
from ui.reception_common import CitizenPage, FollowUpBox, RowsModel, button_row, selected_row, table
from ui.reception_dialogs import DialogueDialog
from ui.widgets import EmptyHint


class DialoguesPage(CitizenPage):
    def __init__(self, desk: Any, clerk: Clerk, printing: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(desk, clerk, printing, parent)
        today = self.today()
        first = today - timedelta(days=365)
        self.start = QDateEdit(QDate(first.year, first.month, first.day))
        self.end = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(lambda *_: self.refresh())
        self.model = RowsModel(
            [
                self.tr("Số biên bản"),
                self.tr("Thời gian"),
                self.tr("Loại"),
                self.tr("Chủ đề"),
                self.tr("Địa điểm"),
                self.tr("Chủ trì"),
                self.tr("Người dân dự"),
            ],
            self,
        )
        self.table = table(self.model, stretch=3)
        EmptyHint(self.table, self.tr("Chưa có hội nghị đối thoại nào. Bấm «Ghi hội nghị đối thoại…» sau buổi họp."))
        self.issues_model = RowsModel([self.tr("Người nêu"), self.tr("Vấn đề"), self.tr("Trả lời")], self)
        self.issues = table(self.issues_model, stretch=1)
        EmptyHint(self.issues, self.tr("Chọn một hội nghị để xem các ý kiến và câu trả lời."))
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.follow = FollowUpBox(self, source="dialogue")

        top = QHBoxLayout()
        for widget in (QLabel(self.tr("Từ ngày"), self), self.start, QLabel(self.tr("đến"), self), self.end):
            top.addWidget(widget)
        top.addSpacing(12)
        top.addLayout(
            button_row(
                self,
                self.buttons,
                (
                    ("add", self.tr("&Ghi hội nghị đối thoại…"), self.add_dialogue),
                    ("print", self.tr("In &biên bản"), self.print_minutes),
                ),
            ),
            1,
        )
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel(self.tr("Ý kiến của người dân và trả lời"), left))
        ll.addWidget(self.issues, 1)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(QLabel(self.tr("Việc giao sau đối thoại"), right))
        rl.addWidget(self.follow, 1)
        below = QSplitter(Qt.Orientation.Horizontal, self)
        below.addWidget(left)
        below.addWidget(right)
        below.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.detail)
        layout.addWidget(below, 3)
        layout.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        self.refresh()

    def refresh(self) -> None:
        chosen = self.selected()
        rows = self.citizens.dialogues.between(self.start.date().toPython(), self.end.date().toPython())
        cells = [
            [
                d["number"],
                i18n.when(parse_iso(d["held_at"])),
                label(rules.DIALOGUE_KINDS, d["kind"], self.lang),
                d["subject"],
                d["place"],
                d["chair"],
                i18n.number(d["residents"]),
            ]
            for d in rows
        ]
        self.model.set_rows(rows, cells)
        for row, d in enumerate(rows):
            if chosen is not None and d["id"] == chosen["id"]:
                self.table.selectRow(row)
        self.show_selected()

    def selected(self) -> dict[str, Any] | None:
        row = selected_row(self.table)
        return self.model.item(row) if row is not None else None

    def select_id(self, dialogue_id: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.item(row)["id"] == dialogue_id:
                self.table.selectRow(row)

    def show_selected(self) -> None:
        dialogue = self.selected()
        self.buttons["print"].setEnabled(dialogue is not None)
        issues = json.loads(dialogue["issues"]) if dialogue else []
        no_answer = self.tr("(chưa trả lời tại hội nghị)")
        cells = [[i["raised_by"], i["issue"], i["answer"] or no_answer] for i in issues]
        self.issues_model.set_rows(issues, cells)
        if dialogue is None:
            self.detail.setText(self.tr("Chọn một hội nghị trong danh sách."))
        else:
            people = "; ".join(json.loads(dialogue["attendees"])) or "—"
            self.detail.setText(
                self.tr("Thư ký: %1 · Thành phần: %2").replace("%1", dialogue["secretary"] or "—").replace("%2", people)
            )
        self.follow.load(dialogue["id"] if dialogue else None)

    def add_dialogue(self, answer: dict[str, Any] | None = None) -> dict[str, Any] | None:
        if answer is None:
            answer = DialogueDialog.ask(self, self.desk.clock.now())
            if answer is None:
                return None
        row = self.run(lambda: self.citizens.dialogues.hold(self.clerk, **answer))
        if row is not None:
            self.select_id(row["id"])
            self.message.info(self.tr("Đã ghi biên bản số %1.").replace("%1", row["number"]))
        return row

    def print_minutes(self) -> str | None:
        dialogue = self.selected()
        if dialogue is None:
            return None
        return self.print_paper(
            f"bien-ban-{dialogue['seq']:03d}",
            lambda path: self.citizens.print_minutes(dialogue["id"], path),
            self.tr("Đã in biên bản số %1 để ký.").replace("%1", dialogue["number"]),
        )
