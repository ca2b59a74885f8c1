"""Automatic backups in the window: a check every minute, the backup in a worker thread (its own
connection on the same file, so the clerk keeps working), the line in the status bar, one more backup
when the window closes, and the admin's dialog (folder, passphrase, back up now, restore).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

if TYPE_CHECKING:  # the window imports this module before the domain is loaded (start-up time)
    from pathlib import Path

    from app.core.clock import Clock
    from app.desk import Desk

log = logging.getLogger(__name__)
CHECK_MS = 60_000
STYLE = {"ok": "", "warn": "color: #7f6000;", "bad": "color: #b00020; font-weight: bold;"}


class BackupRun(QThread):
    """One backup on its own Desk (one SQLite connection per thread)."""

    reported = Signal(object, object)  # BackupResult | None, error text | None

    def __init__(self, path: Path, clock: Clock, only_if_due: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.clock = clock
        self.only_if_due = only_if_due

    def run(self) -> None:
        from app.core.errors import MotcuaError
        from app.desk import Desk

        result = error = None
        try:
            with Desk.open(self.path, self.clock) as desk:
                result = desk.backups.run_if_due() if self.only_if_due else desk.backups.run()
        except MotcuaError as exc:  # remembered in the store too: the status bar shows it
            error = str(exc)
        except Exception as exc:  # a failed backup is shown and retried, never by crashing the window
            log.exception("backup failed")
            error = str(exc)
        self.reported.emit(result, error)


class BackupIndicator(QObject):
    """The status bar's backup line, the timer that starts the end-of-day backup, the exit backup."""

    text_changed = Signal(str)
    finished = Signal(object, object)  # BackupResult | None, error | None

    def __init__(self, desk: Desk, parent: QObject | None = None, check_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self.desk = desk
        self.run: BackupRun | None = None
        self.label = QLabel()
        self.label.setObjectName("backupState")
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check)

    @classmethod
    def install(cls, window: QMainWindow) -> BackupIndicator:
        """On the signed-in window: its status-bar line, the admin's menu entry, the exit backup."""
        from PySide6.QtGui import QAction

        indicator = cls(window.desk, window)
        window.statusBar().addPermanentWidget(indicator.label)
        action = QAction(indicator.action_text(), window)
        action.setObjectName("backupAction")
        action.triggered.connect(lambda: indicator.open_dialog(window))
        file_menu = window.menuBar().actions()[0].menu()
        file_menu.insertAction(file_menu.actions()[-1], action)
        window.installEventFilter(indicator)
        indicator.timer.start()
        indicator.check()
        return indicator

    def action_text(self) -> str:
        return self.tr("&Sao lưu và khôi phục…")

    @property
    def running(self) -> bool:
        return self.run is not None

    def check(self) -> None:
        """Refresh the line; start the end-of-day backup when it is due."""
        self.show_status()
        if self.desk.path is not None and not self.running and self.desk.backups.due():
            self.start(only_if_due=True)

    def start(self, only_if_due: bool = False) -> bool:
        if self.running or self.desk.path is None:
            return False
        self.run = BackupRun(self.desk.path, self.desk.clock, only_if_due, self)
        self.run.reported.connect(self._reported)
        self.run.start()
        self.show_text(self.tr("Sao lưu: đang sao lưu…"), "ok")
        return True

    def _reported(self, result: Any, error: Any) -> None:
        if self.run is not None:
            self.run.wait()
            self.run.deleteLater()
        self.run = None
        self.show_status()
        self.finished.emit(result, error)

    def wait(self, ms: int = 600_000) -> None:
        if self.run is not None:
            self.run.wait(ms)

    def show_status(self) -> None:
        status = self.desk.backups.status()
        last = self._when(status.last_at) if status.last_at else ""
        if status.state == "off":
            self.show_text(self.tr("Sao lưu: chưa chọn thư mục"), "warn")
        elif status.state == "missing":
            self.show_text(self.tr("Sao lưu: không thấy thư mục %1").replace("%1", str(status.folder)), "bad")
        elif status.state == "failed":
            self.show_text(self.tr("Sao lưu: lỗi — %1").replace("%1", status.last_error or ""), "bad")
        elif status.state == "never":
            self.show_text(self.tr("Sao lưu: chưa lần nào"), "warn")
        elif status.state == "old":
            self.show_text(self.tr("Sao lưu: lần cuối %1 — đã cũ").replace("%1", last), "bad")
        else:
            self.show_text(self.tr("Sao lưu: lần cuối %1").replace("%1", last), "ok")

    def show_text(self, text: str, level: str) -> None:
        self.label.setText(text)
        self.label.setProperty("level", level)
        self.label.setStyleSheet(STYLE[level])
        self.text_changed.emit(text)

    def _when(self, at: Any) -> str:
        now = self.desk.clock.now()
        at = at.astimezone(now.tzinfo)
        return f"{at:%H:%M}" if at.date() == now.date() else f"{at:%H:%M %d/%m/%Y}"

    def open_dialog(self, window: QMainWindow) -> QObject | None:
        from ui.backup_dialog import BackupDialog

        clerk = getattr(window, "clerk", None)
        if clerk is None or not clerk.can("admin"):
            return None
        dialog = BackupDialog(self.desk, clerk, self, window)
        dialog.show()
        return dialog

    def stop(self, exit_backup: bool) -> None:
        """The window closes: one more backup when a folder is chosen (waited for), then nothing runs."""
        self.timer.stop()
        self.wait()
        if exit_backup and self.desk.path is not None and self.desk.backups.folder is not None:
            self.start()
            self.wait()
            if self.run is not None:  # its report is queued to a loop that no longer runs
                self.run.deleteLater()
                self.run = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and self.timer.isActive():
            self.stop(exit_backup=True)
        return False
