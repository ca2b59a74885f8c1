"""The questions an action asks: a reason, a new return date. ``ask`` returns the answer or None.

Tests replace ``ask`` (pytest-qt's advice) instead of clicking through a modal dialog.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.text import nfc
from app.core.worktime import VN_TZ
from app.reception.apology import weekday_words
from ui import i18n


class ReasonDialog(QDialog):
    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        caption = QLabel(prompt)
        caption.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        caption.setBuddy(self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(caption)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.resize(460, 220)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, prompt: str) -> str | None:
        dialog = cls(title, prompt, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return nfc(dialog.reason.toPlainText()) or None


class NewDateDialog(QDialog):
    """The apology letter's new return date and its reason; the date moves once only.

    The date proposed is the desk's (working days after the due date, in office hours); the weekday is
    shown beside the date so the clerk reads "Thứ Bảy" before promising a Saturday.
    """

    def __init__(self, current_due: datetime, proposed: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Xin lỗi và hẹn lại ngày trả"))
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Hẹn trả hiện tại: %1").replace("%1", weekday_words(current_due))))
        self.new_due = QDateTimeEdit(QDateTime(proposed.astimezone(VN_TZ).replace(tzinfo=None)))
        self.new_due.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.new_due.setCalendarPopup(True)
        self.weekday = QLabel()
        self.weekday.setObjectName("newDueWeekday")
        self.new_due.dateTimeChanged.connect(self._show_weekday)
        self._show_weekday()
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        form.addRow(self.tr("&Ngày hẹn mới:"), self.new_due)
        form.addRow("", self.weekday)
        form.addRow(self.tr("&Lý do:"), self.reason)
        note = QLabel(
            self.tr("Chỉ được hẹn lại một lần, chậm nhất một ngày trước ngày hẹn trả; ngày mới phải là ngày làm việc.")
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #7f6000;")
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)

    def chosen(self) -> datetime:
        return self.new_due.dateTime().toPython().replace(tzinfo=VN_TZ, second=0, microsecond=0)

    def _show_weekday(self) -> None:
        self.weekday.setText(weekday_words(self.chosen(), i18n.lang()))

    @classmethod
    def ask(cls, parent: QWidget | None, current_due: datetime, proposed: datetime) -> tuple[datetime, str] | None:
        dialog = cls(current_due, proposed, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen(), nfc(dialog.reason.toPlainText())
