"""The feedback screen's dialogs: a new entry, one line or paragraph of text, an identity read."""

from __future__ import annotations

from typing import Any

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

from app.core.records import Clerk
from app.feedback.confidential import Identity
from app.feedback.records import FeedbackEntry
from app.feedback.rules import FEEDBACK_CHANNELS, KINDS


class FeedbackFormDialog(QDialog):
    """A new register entry. ``ask`` returns the dict app.feedback.add takes, or None."""

    def __init__(self, officers: list[Clerk], kind: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thêm vào sổ · New register entry")
        form = QFormLayout(self)
        self.kind = QComboBox()
        for key, (vi, _en) in KINDS.items():
            if key != "reception":  # receptions go in the 03/TCD register (app.citizens)
                self.kind.addItem(vi, key)
        if kind:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.channel = QComboBox()
        for key, (vi, _en) in FEEDBACK_CHANNELS.items():
            self.channel.addItem(vi, key)
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
        self.received.setDateTime(self.received.dateTime().currentDateTime())
        self.officer = QComboBox()
        self.officer.addItem("—", None)
        for clerk in officers:
            self.officer.addItem(clerk.full_name, clerk.id)
        self.secret_note = QLabel("Họ tên, địa chỉ, liên hệ của người tố cáo được mã hóa và bảo mật.")
        self.secret_note.setWordWrap(True)
        self.secret_note.setStyleSheet("color: #8a4b00;")
        for text, widget in (
            ("Sổ", self.kind),
            ("Hình thức", self.channel),
            ("Họ tên", self.name),
            ("Địa chỉ", self.address),
            ("Liên hệ", self.contact),
            ("", self.secret_note),
            ("Phân loại", self.category),
            ("Nội dung", self.content),
            ("Hồ sơ liên quan", self.dossier),
            ("Ngày nhận", self.received),
            ("Cán bộ xử lý", self.officer),
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
    def ask(cls, parent: QWidget | None, officers: list[Clerk], kind: str | None = None) -> dict[str, Any] | None:
        dialog = cls(officers, kind, parent)
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
        "Thông tin người tố cáo (bảo mật)",
        f"Mục {entry.number}\nHọ tên: {found.name}\nĐịa chỉ: {found.address}\n"
        f"Liên hệ: {found.contact}\n\nLần xem này đã được ghi lại.",
    )
