"""The sync state in the status bar, and sync rounds in a thread so the window never waits for the hub.

Each round opens its own Desk on the same file (one SQLite connection per thread), runs
``desk.sync.run_once`` when the desk is enrolled, reads ``status()`` and reports one line of text.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from app.clock import Clock
from app.desk import Desk

log = logging.getLogger(__name__)
ROUND_MS = 120_000


class SyncRound(QThread):
    progressed = Signal(int, int)
    reported = Signal(object)  # app.sync.service.SyncStatus

    def __init__(self, path: Path, clock: Clock, push: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.clock = clock
        self.push = push

    def run(self) -> None:
        try:
            with Desk.open(self.path, self.clock) as desk:
                if self.push and desk.sync.enrolled:
                    desk.sync.run_once(lambda done, total: self.progressed.emit(done, total))
                self.reported.emit(desk.sync.status())
        except Exception:  # a failed round is reported by the next status, never by crashing the window
            log.exception("sync round failed")


class SyncIndicator(QObject):
    text_changed = Signal(str)

    def __init__(self, desk: Desk, parent: QObject | None = None, interval_ms: int = ROUND_MS) -> None:
        super().__init__(parent)
        self.desk = desk
        self.round: SyncRound | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(lambda: self.start(push=True))

    def start(self, push: bool = True) -> bool:
        """Start a round unless one is running; False if it was not started."""
        if self.round is not None or self.desk.store.path is None:
            return False
        self.round = SyncRound(self.desk.store.path, self.desk.clock, push, self)
        self.round.reported.connect(self._show)
        self.round.progressed.connect(
            lambda done, total: self.text_changed.emit(self.tr("Đồng bộ: đang gửi %1/%2…")
                                                       .replace("%1", str(done)).replace("%2", str(total))))
        self.round.finished.connect(self._finished)
        self.round.start()
        return True

    def _finished(self) -> None:
        if self.round is not None:
            self.round.deleteLater()
        self.round = None

    def _show(self, status: Any) -> None:  # app.sync.service.SyncStatus
        pending = str(status.pending)
        texts = {
            "not_enrolled": self.tr("Đồng bộ: chưa đăng ký với tỉnh"),
            "never": self.tr("Đồng bộ: chưa lần nào, %1 bản ghi chờ gửi").replace("%1", pending),
            "ok": self.tr("Đồng bộ: đã xong lúc %1").replace("%1", (status.last_sync or "")[11:16]),
            "pending": self.tr("Đồng bộ: %1 bản ghi chờ gửi").replace("%1", pending),
            "offline": self.tr("Đồng bộ: mất kết nối với tỉnh, %1 bản ghi chờ gửi").replace("%1", pending),
        }
        text = texts.get(status.state, self.tr("Đồng bộ: có lỗi — %1").replace("%1", status.last_error or ""))
        self.text_changed.emit(text)

    def stop(self) -> None:
        self.timer.stop()
        if self.round is not None:
            self.round.wait(10_000)
