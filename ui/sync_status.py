"""Sync in the window: rounds in a thread on a schedule, a progress bar, and the line in the status bar.

Each round opens its own Desk on the same file (one SQLite connection per thread), so the window never
waits for the hub. After a round that could not reach the hub (or was refused) the next one waits as
``Backoff`` says (15 s doubling to 15 min); after a good round, the normal interval. "Sync now" starts
a round at once; there is never more than one.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressBar, QWidget

from app.core.clock import Clock, parse_iso
from app.desk import Desk
from app.sync.service import Backoff

log = logging.getLogger(__name__)
ROUND_MS = 120_000


class SyncRound(QThread):
    progressed = Signal(int, int)
    began = Signal(object)  # app.sync.service.SyncStatus before the round: last sync, pending
    reported = Signal(object, object)  # SyncReport | None, SyncStatus | None

    def __init__(self, path: Path, clock: Clock, push: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.clock = clock
        self.push = push

    def run(self) -> None:
        report = status = None
        try:
            with Desk.open(self.path, self.clock) as desk:
                if self.push and desk.sync.enrolled:
                    self.began.emit(desk.sync.status())
                    report = desk.sync.run_once(lambda done, total: self.progressed.emit(done, total))
                status = desk.sync.status()
        except Exception:  # a failed round is shown and retried later, never by crashing the window
            log.exception("sync round failed")
        self.reported.emit(report, status)


class SyncProgress(QProgressBar):
    """Shown only while a round sends or receives records."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncProgress")
        self.setMaximumWidth(180)
        self.setFormat("%v/%m")
        self.hide()

    def show_progress(self, done: int, total: int) -> None:
        self.setMaximum(max(total, 1))
        self.setValue(min(done, max(total, 1)))
        self.show()

    def idle(self) -> None:
        self.hide()
        self.reset()


class SyncIndicator(QObject):
    text_changed = Signal(str)
    progressed = Signal(int, int)
    round_done = Signal(object, object)  # SyncReport | None, SyncStatus | None

    def __init__(
        self, desk: Desk, parent: QObject | None = None, interval_ms: int = ROUND_MS, backoff: Backoff | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.interval_ms = interval_ms
        self.backoff = backoff or Backoff()
        self.round: SyncRound | None = None
        self.scheduled = False  # rounds follow one another by themselves (schedule() … stop())
        self.status: Any = None  # the last app.sync.service.SyncStatus
        self.report: Any = None  # the last SyncReport (None when nothing was pushed)
        self.next_ms: int | None = None
        self._result: tuple[Any, Any] = (None, None)
        self.bar = SyncProgress()
        self.progressed.connect(self.bar.show_progress)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.start(push=True))

    @property
    def running(self) -> bool:
        return self.round is not None

    def schedule(self) -> None:
        """A round now, then rounds one after another: the interval, or the backoff while failing."""
        self.scheduled = True
        self.start(push=True)

    def start(self, push: bool = True) -> bool:
        """Start a round now ("sync now") unless one is running; False if it was not started."""
        if self.round is not None or self.desk.path is None:
            return False
        self.timer.stop()  # the wait restarts from the end of this round
        self.next_ms = None
        self._result = (None, None)
        self.round = SyncRound(self.desk.path, self.desk.clock, push, self)
        self.round.progressed.connect(self.progressed)
        self.round.began.connect(self._began)
        self.round.reported.connect(lambda report, status: setattr(self, "_result", (report, status)))
        self.round.finished.connect(self._finished)
        self.round.start()
        return True

    def _began(self, status: Any) -> None:
        self.status = status
        self.text_changed.emit(self.text(status))

    def _finished(self) -> None:
        # QThread.finished arrives after the round's ``reported``: both are queued from the same thread.
        if self.round is not None:
            self.round.deleteLater()
        self.round = None
        report, status = self._result
        failed = status is None or (report is not None and report.error is not None)
        if failed:
            self.next_ms = int(self.backoff.failure() * 1000)
        else:
            self.backoff.success()
            self.next_ms = self.interval_ms
        self.report = report
        if status is not None:
            self.status = status
        self.bar.idle()
        if self.status is not None:
            self.text_changed.emit(self.text(self.status, self.next_ms if failed else None))
        if self.scheduled:
            self.timer.start(self.next_ms)
        self.round_done.emit(report, status)

    def text(self, status: Any, retry_ms: int | None = None) -> str:  # app.sync.service.SyncStatus
        pending = str(status.pending)
        last = self._when(status.last_sync) if status.last_sync else self.tr("chưa lần nào")
        if status.state == "not_enrolled":
            return self.tr("Đồng bộ: chưa đăng ký với tỉnh")
        if status.state == "never":
            return self.tr("Đồng bộ: chưa lần nào, %1 bản ghi chờ gửi").replace("%1", pending)
        if status.state == "ok":
            return self.tr("Đồng bộ: đã xong lúc %1").replace("%1", last)
        if status.state == "pending":
            return self.tr("Đồng bộ: lần cuối lúc %1, %2 bản ghi chờ gửi").replace("%1", last).replace("%2", pending)
        if status.state == "offline":
            text = (
                self.tr("Đồng bộ: mất kết nối với tỉnh, %1 bản ghi chờ gửi (lần cuối: %2)")
                .replace("%1", pending)
                .replace("%2", last)
            )
            if retry_ms is not None:
                text += self.tr("; thử lại sau %1").replace("%1", self._duration(retry_ms))
            return text
        if status.last_error:
            return self.tr("Đồng bộ: có lỗi — %1").replace("%1", status.last_error)
        return (
            self.tr("Đồng bộ: lần cuối lúc %1, %2 bản ghi chờ gửi, %3 lỗi (Tệp → Lỗi đồng bộ…)")
            .replace("%1", last)
            .replace("%2", pending)
            .replace("%3", str(status.errors + status.clashes))
        )

    def _when(self, stamp: str) -> str:
        at = parse_iso(stamp).astimezone(self.desk.clock.now().tzinfo)
        return f"{at:%H:%M}" if at.date() == self.desk.clock.now().date() else f"{at:%d/%m %H:%M}"

    def _duration(self, ms: int) -> str:
        seconds = round(ms / 1000)
        if seconds < 90:
            return self.tr("%1 giây").replace("%1", str(seconds))
        return self.tr("%1 phút").replace("%1", str(round(seconds / 60)))

    def stop(self) -> None:
        self.scheduled = False
        self.timer.stop()
        if self.round is not None:
            self.round.wait(10_000)
