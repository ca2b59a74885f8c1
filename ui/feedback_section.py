"""The feedback registers screen: the table (ui.feedback_model), filters, and the actions that add,
accept, answer, forward and close entries (their dialogs in ui.feedback_dialogs).

Entries reach this screen already masked (a denouncer's identity is never in a FeedbackEntry), so
the table, its tooltips and the CSV export cannot show it. A leader or admin gets one extra button
that asks app.feedback for the identity of one entry, which records the reading.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.records import Clerk, label
from app.feedback.confidential import Identity, can_read
from app.feedback.records import FeedbackEntry
from app.feedback.rules import FEEDBACK_STATUSES, KINDS, OPEN_STATUSES
from app.feedback.service import FeedbackService
from ui import i18n
from ui.errors import CATCHABLE, user_error
from ui.feedback_dialogs import FeedbackFormDialog, TextDialog, show_identity
from ui.feedback_model import URGENCY_COLOURS, FeedbackTableModel
from ui.prompts import RevealDialog
from ui.widgets import EmptyHint

Index = QModelIndex | QPersistentModelIndex


class FeedbackRegister(QWidget):
    """The registers section: filters, the table, and the actions the signed-in clerk may take."""

    def __init__(self, desk: Any, clerk: Clerk, *, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.service: FeedbackService = desk.feedback
        self.clerk = clerk
        self.lang = lang
        self.model = FeedbackTableModel(self.service, lang=lang, parent=self)

        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("Tất cả các sổ"), None)
        for key in KINDS:
            if key != "reception":  # receptions are in the 03/TCD register (the reception section)
                self.kind_filter.addItem(label(KINDS, key, lang), key)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("Mọi trạng thái"), None)
        self.status_filter.addItem(self.tr("Đang mở"), "open")
        for key in FEEDBACK_STATUSES:
            self.status_filter.addItem(label(FEEDBACK_STATUSES, key, lang), key)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm theo số hiệu, nội dung, phân loại…"))
        self.urgent_only = QCheckBox(self.tr("Chỉ quá hạn / sắp đến hạn"))
        for signal in (
            self.kind_filter.currentIndexChanged,
            self.status_filter.currentIndexChanged,
            self.search.textChanged,
            self.urgent_only.toggled,
        ):
            signal.connect(self.apply_filters)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FeedbackTableModel.COL_CONTENT, QHeaderView.ResizeMode.Stretch)
        self.empty_hint = EmptyHint(
            self.table,
            self.tr("Sổ chưa có mục nào khớp. Bấm «Thêm» để ghi một phản ánh, kiến nghị, khiếu nại hay tố cáo."),
        )

        self.buttons: dict[str, QPushButton] = {}
        actions = (
            ("add", self.tr("Thêm"), self.add_entry),
            ("accept", self.tr("Thụ lý"), self.accept_selected),
            ("answer", self.tr("Trả lời"), self.answer_selected),
            ("forward", self.tr("Chuyển"), self.forward_selected),
            ("close", self.tr("Kết thúc"), self.close_selected),
            ("reveal", self.tr("Xem người tố cáo"), self.reveal_selected),
            ("export", self.tr("Xuất CSV"), self.export_csv),
        )
        bar = QHBoxLayout()
        for key, text, slot in actions:
            button = QPushButton(text, self)  # parented now: shown before the layout is set, it would be a window
            button.clicked.connect(lambda _=False, s=slot: s())
            bar.addWidget(button)
            self.buttons[key] = button
        bar.addStretch(1)
        # Only the roles allowed by law see the button at all.
        self.buttons["reveal"].setVisible(can_read(clerk))

        filters = QHBoxLayout()
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.urgent_only)
        overdue, due_soon = self.tr("Quá hạn"), self.tr("Sắp đến hạn")
        secret = self.tr("Người tố cáo: *** (bảo mật)")
        legend = QLabel(
            f"<span style='background:{URGENCY_COLOURS['overdue']}'>&nbsp;{escape(overdue)}&nbsp;</span> "
            f"<span style='background:{URGENCY_COLOURS['due_soon']}'>&nbsp;{escape(due_soon)}&nbsp;</span> "
            f"· {escape(secret)}"
        )
        self.status_line = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(legend)
        bottom.addStretch(1)
        bottom.addWidget(self.status_line)
        layout.addLayout(bottom)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._after_reset)
        self._after_reset()

    # Filters and state

    def apply_filters(self) -> None:
        status = self.status_filter.currentData()
        statuses = sorted(OPEN_STATUSES) if status == "open" else [status] if status else []
        kind = self.kind_filter.currentData()
        self.model.set_filters(
            kinds=[kind] if kind else [],
            statuses=statuses,
            query=self.search.text(),
            urgent_only=self.urgent_only.isChecked(),
        )

    def _after_reset(self) -> None:
        urgencies = [self.model.index(r, 0).data(FeedbackTableModel.UrgencyRole) for r in range(self.model.rowCount())]
        self.status_line.setText(
            self.tr("%1 mục · %2 quá hạn · %3 sắp đến hạn")
            .replace("%1", i18n.number(len(urgencies)))
            .replace("%2", i18n.number(urgencies.count("overdue")))
            .replace("%3", i18n.number(urgencies.count("due_soon")))
        )
        self._update_buttons()

    def selected(self) -> FeedbackEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    def select_number(self, number: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.entry(row).number == number:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        entry = self.selected()
        is_open = entry is not None and entry.is_open
        self.buttons["accept"].setEnabled(entry is not None and entry.status == "received")
        for key in ("answer", "forward"):
            self.buttons[key].setEnabled(is_open)
        self.buttons["close"].setEnabled(entry is not None and entry.status != "closed")
        self.buttons["reveal"].setEnabled(entry is not None and entry.confidential)

    # Actions

    def _run(self, action: Any) -> Any:
        try:
            result = action()
        except CATCHABLE as caught:
            exc = user_error(caught)
            QMessageBox.warning(self, self.tr("Không thực hiện được"), exc.message(self.lang))
            return None
        selected = self.selected()
        self.model.refresh()
        if isinstance(result, FeedbackEntry):
            self.select_number(result.number)
        elif selected is not None:
            self.select_number(selected.number)
        return result

    def add_entry(self, data: dict[str, Any] | None = None) -> FeedbackEntry | None:
        if data is None:
            data = FeedbackFormDialog.ask(
                self, self.service.officers(), self.kind_filter.currentData(), now=self.desk.clock.now()
            )
            if data is None:
                return None
        return self._run(lambda: self.service.add(data, self.clerk))

    def accept_selected(self) -> FeedbackEntry | None:
        entry = self.selected()
        return self._run(lambda: self.service.accept(entry.id, self.clerk)) if entry else None

    def answer_selected(self, answer: str | None = None) -> FeedbackEntry | None:
        entry = self.selected()
        if entry is None:
            return None
        if answer is None:
            answer = TextDialog.ask(
                self,
                self.tr("Trả lời"),
                self.tr("Nội dung trả lời cho mục %1:").replace("%1", entry.number),
                multiline=True,
            )
            if answer is None:
                return None
        return self._run(lambda: self.service.answer(entry.id, self.clerk, answer))

    def forward_selected(self, to: str | None = None) -> FeedbackEntry | None:
        entry = self.selected()
        if entry is None:
            return None
        if to is None:
            due = f"{entry.forward_due:%d/%m/%Y}" if entry.forward_due else "—"
            to = TextDialog.ask(
                self,
                self.tr("Chuyển đơn"),
                self.tr("Chuyển mục %1 đến cơ quan (hạn chuyển %2):").replace("%1", entry.number).replace("%2", due),
            )
            if to is None:
                return None
        return self._run(lambda: self.service.forward(entry.id, self.clerk, to))

    def close_selected(self, reason: str | None = None) -> FeedbackEntry | None:
        entry = self.selected()
        if entry is None:
            return None
        if reason is None:
            reason = TextDialog.ask(
                self, self.tr("Kết thúc"), self.tr("Lý do kết thúc mục %1:").replace("%1", entry.number)
            )
            if reason is None:
                return None
        return self._run(lambda: self.service.close(entry.id, self.clerk, reason=reason))

    def reveal_selected(self) -> Identity | None:
        """Asks first (the entry named, what is recorded) and for a reason, recorded with the reading."""
        entry = self.selected()
        if entry is None:
            return None
        reason = ""  # a clerk is refused by the domain before any reason matters
        if can_read(self.clerk):
            reason = RevealDialog.ask(self, entry.number)
            if reason is None:
                return None
        found = self._run(lambda: self.service.reveal_identity(entry.id, self.clerk, purpose=reason))
        if found is not None:
            show_identity(self, entry, found)
        return found

    def export_csv(self, path: Path | None = None) -> Path | None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Xuất sổ"), "so-phan-anh.csv", "CSV (*.csv)")
            if not chosen:
                return None
            path = Path(chosen)
        entries = [self.model.entry(r) for r in range(self.model.rowCount())]
        return self._run(lambda: self.service.export_csv(path, entries, self.lang))
