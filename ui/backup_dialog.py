"""The admin's backup dialog: the folder (a USB stick or a second disk), the passphrase that encrypts
backups, "back up now", and restoring a backup (checked, then swapped in when the program reopens)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from ui.errors import CATCHABLE, user_error
from ui.widgets import MessageLine

if TYPE_CHECKING:
    from app.core.records import Clerk
    from app.desk import Desk


class RestorePrompts:
    """The questions a restore asks; tests replace them instead of clicking through modals."""

    @classmethod
    def backup_file(cls, parent: QWidget, folder: str) -> str | None:
        title, kinds = (
            QCoreApplication.translate("RestorePrompts", "Chọn bản sao lưu"),
            QCoreApplication.translate("RestorePrompts", "Bản sao lưu (*.mcbak *.sqlite3)"),
        )
        name, _ = QFileDialog.getOpenFileName(parent, title, folder, kinds)
        return name or None

    @classmethod
    def passphrase(cls, parent: QWidget) -> str | None:
        title, prompt = (
            QCoreApplication.translate("RestorePrompts", "Mật khẩu sao lưu"),
            QCoreApplication.translate("RestorePrompts", "Mật khẩu sao lưu:"),
        )
        text, ok = QInputDialog.getText(parent, title, prompt, QLineEdit.EchoMode.Password)
        return text if ok else None

    @classmethod
    def confirm(cls, parent: QWidget, name: str) -> bool:
        question = QCoreApplication.translate(
            "RestorePrompts", "Thay toàn bộ dữ liệu của quầy bằng bản sao lưu %1?"
        ).replace("%1", name)
        detail = QCoreApplication.translate(
            "RestorePrompts", "Những gì nhập sau bản sao lưu sẽ mất; tệp hiện tại được giữ lại. Chương trình sẽ đóng."
        )
        answer = QMessageBox.question(
            parent, QCoreApplication.translate("RestorePrompts", "Khôi phục bản sao lưu"), f"{question} {detail}"
        )
        return answer == QMessageBox.StandardButton.Yes


class BackupDialog(QDialog):
    def __init__(self, desk: Desk, clerk: Clerk, indicator: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.clerk, self.indicator = desk, clerk, indicator
        self.setWindowTitle(self.tr("Sao lưu và khôi phục"))
        self.folder = QLineEdit(str(desk.backups.folder or ""))
        self.folder.setObjectName("backupFolder")
        browse = QPushButton(self.tr("&Chọn…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("backupPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(
            self.tr("đã đặt; để trống nếu không đổi") if desk.backups.has_key else self.tr("ít nhất 10 ký tự")
        )
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.save_button = QPushButton(self.tr("&Lưu"))
        self.save_button.clicked.connect(self.save)
        self.now_button = QPushButton(self.tr("Sao lưu &ngay"))
        self.now_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("&Khôi phục…"))
        self.restore_button.clicked.connect(self.restore)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.now_button, self.restore_button):
            buttons.addWidget(button)
        self.message = MessageLine()
        form = QFormLayout(self)
        form.addRow(self.tr("&Thư mục sao lưu:"), row)
        form.addRow(self.tr("&Mật khẩu sao lưu:"), self.passphrase)
        form.addRow(self.tr("Nhập &lại mật khẩu:"), self.repeat)
        form.addRow(buttons)
        form.addRow(self.message)
        indicator.finished.connect(self._finished)

    def browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Thư mục sao lưu"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def save(self) -> bool:
        if self.passphrase.text() != self.repeat.text():
            self.message.error(self.tr("Hai lần nhập mật khẩu không giống nhau."))
            return False
        try:
            if self.passphrase.text():
                self.desk.backups.set_passphrase(self.clerk, self.passphrase.text())
            self.desk.backups.set_folder(self.clerk, self.folder.text().strip())
        except CATCHABLE as caught:
            self.message.show_error(user_error(caught))
            return False
        self.passphrase.clear()
        self.repeat.clear()
        self.message.info(self.tr("Đã lưu cài đặt sao lưu."))
        self.indicator.show_status()
        return True

    def back_up_now(self) -> bool:
        if self.indicator.start():
            self.message.info(self.tr("Đang sao lưu; vẫn làm việc bình thường được."))
            return True
        return False

    def _finished(self, result: object, error: object) -> None:
        if error:
            self.message.error(str(error))
        elif result is not None:
            self.message.info(self.tr("Đã sao lưu vào %1.").replace("%1", str(result.path)))  # type: ignore[attr-defined]

    def restore(self) -> bool:
        """Pick a backup, give its passphrase, confirm: checked and staged, then the window closes."""
        folder = str(self.desk.backups.folder or "")
        chosen = RestorePrompts.backup_file(self, folder)
        if not chosen:
            return False
        from app.backup import crypto

        passphrase = RestorePrompts.passphrase(self) if crypto.is_encrypted(Path(chosen)) else None
        if passphrase is None and crypto.is_encrypted(Path(chosen)):
            return False
        if not RestorePrompts.confirm(self, Path(chosen).name):
            return False
        try:
            self.desk.backups.stage_restore(self.clerk, Path(chosen), passphrase)
        except CATCHABLE as caught:
            self.message.show_error(user_error(caught))
            return False
        self.indicator.timer.stop()  # no exit backup: it would save what the restore replaces
        self.close()
        window = self.parent()
        if window is not None:
            window.close()
        return True
