"""The sign-in page when the store will not open: the reason in one sentence, and the ways out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.core.errors import MotcuaError
from ui.widgets import MessageLine


class StoreFailure(QWidget):
    """Shown under the sign-in form: choose another file, how to restore a backup, or quit."""

    chosen = Signal(str)  # another store file to open
    quit = Signal()

    def __init__(self, error: MotcuaError, path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storeFailure")
        self.error = error
        self.path = path
        self.message = MessageLine()
        self.message.show_error(error)
        self.choose_button = QPushButton(self.tr("&Chọn tệp khác…"))
        self.choose_button.clicked.connect(self.choose)
        self.restore_button = QPushButton(self.tr("&Khôi phục bản sao lưu…"))
        self.restore_button.clicked.connect(self.explain_restore)
        self.quit_button = QPushButton(self.tr("T&hoát"))
        self.quit_button.clicked.connect(self.quit)
        buttons = QHBoxLayout()
        for button in (self.choose_button, self.restore_button, self.quit_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    @staticmethod
    def ask_path(parent: QWidget, start: str) -> str:
        """The file the clerk picks; a test replaces this instead of clicking through the dialog."""
        title = QCoreApplication.translate("StoreFailure", "Chọn kho dữ liệu")
        return QFileDialog.getOpenFileName(parent, title, start, "SQLite (*.sqlite3 *.db);;* (*)")[0]

    def choose(self) -> str:
        picked = self.ask_path(self, str(self.path.parent) if self.path else "")
        if picked:
            self.chosen.emit(picked)
        return picked

    def restore_text(self) -> str:
        where = str(self.path) if self.path else ""
        return self.tr(
            "Bản sao lưu là tệp được tạo bằng lệnh «motcua backup TỆP». Để khôi phục: thoát chương trình, "
            "chép tệp sao lưu đè lên %1 rồi mở lại; hoặc bấm «Chọn tệp khác…» và chọn thẳng tệp sao lưu."
        ).replace("%1", where)

    def explain_restore(self) -> None:
        QMessageBox.information(self, self.tr("Khôi phục bản sao lưu"), self.restore_text())
