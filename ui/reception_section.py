"""The citizen reception section for leaders and the office: the 03/TCD register and the follow-ups.

Rows come masked from app.citizens; a leader or admin gets a button that asks for one denouncer's
identity with a stated reason, which app.citizens records in the read log. Follow-ups past their day
are red until done.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.citizens.rules import FLAGS, REFUSAL_GROUNDS
from app.core.records import Clerk, label
from app.feedback.confidential import Identity, can_read
from ui.errors import CATCHABLE, user_error
from ui.feedback_dialogs import TextDialog
from ui.reception_model import FollowUpModel, ReceptionTableModel


def _table(model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setWordWrap(True)
    return view


class ReceptionSection(QWidget):
    def __init__(self, desk: Any, clerk: Clerk, *, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.citizens = desk.citizens
        self.clerk = clerk
        self.lang = lang
        today = desk.clock.now().date()
        self.start = QDateEdit(QDate(today.year, today.month, 1))
        self.end = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(self.refresh)
        self.flag_filter = QComboBox()
        self.flag_filter.addItem("Mọi vụ việc", None)
        for key, (vi, _en) in FLAGS.items():
            self.flag_filter.addItem(f"Chỉ: {vi}", key)
        self.flag_filter.currentIndexChanged.connect(self.refresh)
        self.counts = QLabel()

        self.model = ReceptionTableModel(self.citizens.register, lang=lang, parent=self)
        self.table = _table(self.model)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, slot in (
            ("refuse", "Từ chối tiếp (01/TCD)…", self.refuse_selected),
            ("open", "Vào sổ thụ lý", self.open_selected),
            ("reveal", "Xem người tố cáo…", self.reveal_selected),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, s=slot: s())
            self.buttons[key] = button
            bar.addWidget(button)
        bar.addStretch(1)

        self.follow_model = FollowUpModel(self.citizens.follow_ups, lang=lang, parent=self)
        self.follow_table = _table(self.follow_model)
        done = QPushButton("Đã hoàn thành…")
        done.clicked.connect(lambda: self.finish_selected())
        self.buttons["done"] = done

        filters = QHBoxLayout()
        for widget in (QLabel("Từ ngày"), self.start, QLabel("đến"), self.end, self.flag_filter):
            filters.addWidget(widget)
        filters.addStretch(1)
        register_page = QWidget()
        rl = QVBoxLayout(register_page)
        rl.addLayout(filters)
        rl.addWidget(self.table, 1)
        rl.addLayout(bar)
        follow_page = QWidget()
        fl = QVBoxLayout(follow_page)
        fl.addWidget(self.follow_table, 1)
        fl.addWidget(done)
        self.pages = QTabWidget()
        self.pages.addTab(register_page, "Sổ tiếp công dân (03/TCD)")
        self.pages.addTab(follow_page, "Việc theo dõi sau kết luận, đối thoại")
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.pages, 1)
        # Only once every button sits in a laid-out parent: a parentless button shown becomes a window.
        self.set_clerk(clerk)
        self.refresh()

    def set_clerk(self, clerk: Clerk) -> None:
        """Whoever signs in next; only a leader or admin sees the button that reveals a denouncer."""
        self.clerk = clerk
        self.buttons["reveal"].setVisible(can_read(clerk))

    def refresh(self) -> None:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        self.model.load(start, end, self.flag_filter.currentData())
        today = self.desk.clock.now().date()
        self.follow_model.load(today)
        flags = self.citizens.flags.counts()
        overdue = len(self.citizens.follow_ups.overdue(today))
        shown = ", ".join(f"{label(FLAGS, k)}: {n}" for k, n in flags.items())
        self.counts.setText(f"Lượt tiếp: {self.model.rowCount()} · Việc quá hạn: {overdue} · {shown}")

    def selected_row(self, view: QTableView) -> int | None:
        rows = view.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def select(self, row: int, view: QTableView | None = None) -> None:
        (view or self.table).selectRow(row)

    def _run(self, action: Any) -> Any:
        try:
            result = action()
        except CATCHABLE as caught:
            QMessageBox.warning(self, "Không thực hiện được", user_error(caught).message(self.lang))
            return None
        self.refresh()
        return result

    def refuse_selected(self, ground: str = "other", detail: str | None = None) -> Any:
        row = self.selected_row(self.table)
        if row is None:
            return None
        entry = self.model.entry(row)
        if detail is None:
            grounds = "; ".join(label(REFUSAL_GROUNDS, k) for k in REFUSAL_GROUNDS)
            detail = TextDialog.ask(self, "Từ chối tiếp công dân", f"Lý do từ chối tiếp {entry.number} ({grounds}):")
            if detail is None:
                return None
        return self._run(lambda: self.citizens.register.refuse(entry.id, self.clerk, ground, detail))

    def open_selected(self) -> Any:
        row = self.selected_row(self.table)
        if row is None:
            return None
        entry = self.model.entry(row)
        return self._run(lambda: self.citizens.register.open_entry(entry.id, self.clerk))

    def reveal_selected(self, purpose: str | None = None) -> Identity | None:
        row = self.selected_row(self.table)
        if row is None:
            return None
        entry = self.model.entry(row)
        if purpose is None:
            purpose = TextDialog.ask(self, "Xem thông tin người tố cáo", f"Lý do cần xem ({entry.number}):")
            if purpose is None:
                return None
        found = self._run(lambda: self.citizens.register.reveal_identity(entry.id, self.clerk, purpose=purpose))
        if found is not None:
            QMessageBox.information(
                self,
                "Thông tin người tố cáo (bảo mật)",
                f"{entry.number}\nHọ tên: {found.name}\nĐịa chỉ: {found.address}\nCCCD: {found.contact}\n\n"
                "Lần xem này đã được ghi lại.",
            )
        return found

    def finish_selected(self, result: str | None = None) -> Any:
        row = self.selected_row(self.follow_table)
        if row is None:
            return None
        item = self.follow_model.item(row)
        if result is None:
            result = TextDialog.ask(self, "Hoàn thành", f"Kết quả thực hiện: {item.task}")
            if result is None:
                return None
        return self._run(lambda: self.citizens.follow_ups.done(item.id, self.clerk, result))
