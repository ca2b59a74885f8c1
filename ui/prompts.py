"""The questions an action asks: a confirmation, a reason, a new return date. ``ask`` returns the
answer (None or False when the clerk says no).

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
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.text import nfc
from app.core.worktime import VN_TZ
from app.reception.apology import weekday_words
from ui import i18n


class ConfirmDialog(QMessageBox):
    """One question before an action that cannot be undone: what, on which dossier, for whom.

    ``safe`` says whether Enter may confirm (the default button is then the action, else "No")."""

    def __init__(self, title: str, text: str, confirm: str, *, safe: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(title)
        self.setText(text)
        self.setInformativeText(self.tr("Việc này không hoàn tác được."))
        self.yes = self.addButton(confirm, QMessageBox.ButtonRole.AcceptRole)
        self.no = self.addButton(self.tr("Không"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.yes if safe else self.no)
        self.setEscapeButton(self.no)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, confirm: str, *, safe: bool = False) -> bool:
        dialog = cls(title, text, confirm, safe=safe, parent=parent)
        dialog.exec()
        return dialog.clickedButton() is dialog.yes


class ReasonDialog(QDialog):
    """A reason to record (and print); OK is never the default, so Enter cannot confirm by accident."""

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
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setAutoDefault(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
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


class RevealDialog(ReasonDialog):
    """Before a denouncer's identity is shown: the entry named, what is recorded, and why (required)."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Xem danh tính người tố cáo — %1").replace("%1", number),
            self.tr(
                "Danh tính người tố cáo ở mục %1 được giữ bí mật. Lần xem này được ghi lại: ai, lúc nào và lý do."
                "\nLý do xem (bắt buộc):"
            ).replace("%1", number),
            parent,
        )
        self.ok.setText(self.tr("Xem danh tính"))
        self.ok.setEnabled(False)  # no reason, no reading
        self.reason.textChanged.connect(lambda: self.ok.setEnabled(bool(self.reason.toPlainText().strip())))

    @classmethod
    def ask(cls, parent: QWidget | None, number: str) -> str | None:  # type: ignore[override]
        dialog = cls(number, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return nfc(dialog.reason.toPlainText()).strip() or None


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
