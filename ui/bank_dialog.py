"""The commune's bank account for VietQR (``bank.bin``, ``bank.account``, ``bank.holder``), set by an admin
from the window: Tệp → Tài khoản ngân hàng của xã…. Checked by app.core.settings, the same check as
``motcua config set``; all three are kept together or none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from app.core import settings
from app.core.errors import ValidationError
from app.core.records import Clerk
from ui.widgets import MessageLine

if TYPE_CHECKING:  # the domain loads in the store's thread, not before the window shows
    from app.desk import Desk

FIELDS = ("bank.bin", "bank.account", "bank.holder")


class BankDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(self.tr("Tài khoản ngân hàng của xã"))
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        captions = {
            "bank.bin": self.tr("Mã BIN ngân hàng (NAPAS, 6 chữ số)"),
            "bank.account": self.tr("Số tài khoản"),
            "bank.holder": self.tr("Chủ tài khoản"),
        }
        for key in FIELDS:
            edit = QLineEdit(settings.get(desk.store, key))
            edit.setObjectName(key.replace(".", "_"))
            self.edits[key] = edit
            form.addRow(captions[key], edit)
        self.edits["bank.bin"].setPlaceholderText("970415")
        self.edits["bank.holder"].setPlaceholderText("UBND XA TAN THANH")
        self.message = MessageLine()
        self.message.info(self.tr("Dùng cho mã VietQR trên biên nhận và màn hình thu phí. Để trống để xoá."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> bool:
        for edit in self.edits.values():
            edit.setProperty("invalid", False)
        try:
            kept = settings.put_all(self.desk.store, {key: edit.text() for key, edit in self.edits.items()})
        except ValidationError as exc:
            self.message.show_error(exc)
            if exc.field in self.edits:
                self.edits[exc.field].setProperty("invalid", True)
                self.edits[exc.field].setFocus()
            return False
        for key, value in kept.items():
            self.edits[key].setText(value)  # as kept: the holder in capitals without diacritics
        self.accept()
        return True


def open_dialog(desk: Desk, clerk: Clerk | None, parent: QWidget | None) -> BankDialog | None:
    """An admin's dialog; anyone else is told who may change it."""
    if clerk is None or not clerk.can("admin"):
        if parent is not None and hasattr(parent, "statusBar"):
            parent.statusBar().showMessage(
                QCoreApplication.translate("BankDialog", "Chỉ quản trị viên được đổi tài khoản ngân hàng."), 8000
            )
        return None
    dialog = BankDialog(desk, parent)
    dialog.show()
    return dialog


def install(window) -> None:
    """Tệp → Tài khoản ngân hàng của xã… on the window (once its desk is open)."""
    from PySide6.QtGui import QAction

    if getattr(window, "bank_action", None) is not None:
        return  # the desk was opened again: the action reads ``window.desk`` when triggered
    action = QAction(QCoreApplication.translate("BankDialog", "Tài khoản &ngân hàng của xã…"), window)
    action.setObjectName("bankAction")
    action.triggered.connect(lambda: open_dialog(window.desk, getattr(window, "clerk", None), window))
    window.bank_action = action
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    if menus:
        actions = menus[0].actions()
        menus[0].insertAction(actions[-1] if actions else None, action)
