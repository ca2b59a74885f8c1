"""The feedback screen's dialogs: a new entry, one line or paragraph of text, an identity read."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import Clock
from app.core.records import Clerk, label
from app.core.worktime import VN_TZ
from app.feedback.confidential import Identity
from app.feedback.records import FeedbackEntry
from app.feedback.rules import FEEDBACK_CHANNELS, KINDS
from ui import i18n


class FeedbackFormDialog(QDialog):
    """A new register entry. ``ask`` returns the dict app.feedback.add takes, or None."""

    def __init__(
        self,
        officers: list[Clerk],
        kind: str | None = None,
        parent: QWidget | None = None,
        *,
        now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Thêm vào sổ"))
        lang = i18n.lang()
        form = QFormLayout(self)
        self.kind = QComboBox()
        for key in KINDS:
            if key != "reception":  # receptions go in the 03/TCD register (app.citizens)
                self.kind.addItem(label(KINDS, key, lang), key)
        if kind:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.channel = QComboBox()
        for key in FEEDBACK_CHANNELS:
            self.channel.addItem(label(FEEDBACK_CHANNELS, key, lang), key)
        self.name = QLineEdit()
        self.address = QLineEdit()
        self.contact = QLineEdit()
        self.category = QLineEdit()
        self.dossier = QLineEdit()
        self.dossier.setPlaceholderText("87001-260212-1001")
        self.content = QPlainTextEdit()
        self.received = QDateTimeEdit()
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("dd/MM/yyyy HH:mm")
        # Vietnam time (the desk's clock), not the PC's: a desk set to another zone still dates it right.
        moment = (now or Clock().now()).astimezone(VN_TZ).replace(tzinfo=None, second=0, microsecond=0)
        self.received.setDateTime(QDateTime(moment))
        self.officer = QComboBox()
        self.officer.addItem("—", None)
        for clerk in officers:
            self.officer.addItem(clerk.full_name, clerk.id)
        self.secret_note = QLabel(self.tr("Họ tên, địa chỉ, liên hệ của người tố cáo được mã hóa và bảo mật."))
        self.secret_note.setWordWrap(True)
        self.secret_note.setStyleSheet("color: #8a4b00;")
        for text, widget in (
            (self.tr("Loại sổ"), self.kind),
            (self.tr("Hình thức"), self.channel),
            (self.tr("Họ tên"), self.name),
            (self.tr("Địa chỉ"), self.address),
            (self.tr("Liên hệ"), self.contact),
            ("", self.secret_note),
            (self.tr("Phân loại"), self.category),
            (self.tr("Nội dung"), self.content),
            (self.tr("Hồ sơ liên quan"), self.dossier),
            (self.tr("Ngày nhận"), self.received),
            (self.tr("Cán bộ xử lý"), self.officer),
        ):
            form.addRow(text, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        self.secret_note.setVisible(self.kind.currentData() == "denunciation")

    def value(self) -> dict[str, Any]:
        person = {"name": self.name.text(), "address": self.address.text(), "contact": self.contact.text()}
        data: dict[str, Any] = {
            "kind": self.kind.currentData(),
            "channel": self.channel.currentData(),
            "person": person if any(person.values()) else None,
            "content": self.content.toPlainText(),
            "category": self.category.text(),
            "received_at": self.received.dateTime().toString("yyyy-MM-ddTHH:mm"),
        }
        if self.dossier.text().strip():
            data["dossier"] = self.dossier.text().strip()
        if self.officer.currentData():
            data["assigned_to"] = self.officer.currentData()
        return data

    @classmethod
    def ask(
        cls, parent: QWidget | None, officers: list[Clerk], kind: str | None = None, *, now: datetime | None = None
    ) -> dict[str, Any] | None:
        dialog = cls(officers, kind, parent, now=now)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


class TextDialog(QDialog):
    """One text answer (an answer to the citizen, the agency to forward to, a reason to close)."""

    def __init__(self, title: str, prompt: str, multiline: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        self.editor: QPlainTextEdit | QLineEdit = QPlainTextEdit() if multiline else QLineEdit()
        layout.addWidget(self.editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.editor.toPlainText() if isinstance(self.editor, QPlainTextEdit) else self.editor.text()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, prompt: str, multiline: bool = False) -> str | None:
        dialog = cls(title, prompt, multiline, parent)
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


def show_identity(parent: QWidget | None, entry: FeedbackEntry, found: Identity) -> None:
    """Shown to a leader who asked for it; the reading is already recorded."""
    QMessageBox.information(
        parent,
        QCoreApplication.translate("IdentityDialog", "Thông tin người tố cáo (bảo mật)"),
        QCoreApplication.translate(
            "IdentityDialog", "Mục %1\nHọ tên: %2\nĐịa chỉ: %3\nLiên hệ: %4\n\nLần xem này đã được ghi lại."
        )
        .replace("%1", entry.number)
        .replace("%2", found.name)
        .replace("%3", found.address)
        .replace("%4", found.contact),
    )
