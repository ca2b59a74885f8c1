"""The window's error boundary: the project's errors shown as their sentence, anything else in a dialog.

An action catches ``CATCHABLE`` and shows ``user_error(exc)``; what is not the project's error (a bug)
is raised again and reaches the exception hook, which writes it to a log file in the data folder and
shows it with its details, from the GUI thread or from a worker thread alike, instead of losing it on
stderr.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.core import paths
from app.core.errors import MotcuaError
from app.core.storage_errors import CATCHABLE, project_error
from ui import i18n

__all__ = ["CATCHABLE", "ErrorReporter", "install_hooks", "log_path", "uninstall_hooks", "user_error"]

LOG_NAME = "motcua-errors.log"
log = logging.getLogger(__name__)


def user_error(exc: BaseException) -> MotcuaError:
    """The project's error for ``exc`` (a store failure in its words); a bug is raised again."""
    found = project_error(exc)
    if found is None:
        raise exc
    return found


def log_path() -> Path:
    return paths.data_dir() / LOG_NAME


def write_log(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    """Append the traceback to the log file; returns the text. A log that cannot be written costs
    only the log: the dialog still shows the details."""
    details = "".join(traceback.format_exception(kind, value, tb))
    try:
        target = log_path()
        paths.private_dir(target.parent)
        # A traceback may quote citizen data: the log is the desk's user's only, like the store.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        paths.private_file(target)
        with os.fdopen(fd, "a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().astimezone().isoformat(timespec='seconds')}\n{details}\n")
    except OSError:
        log.warning("could not write %s", LOG_NAME)
    return details


class ErrorReporter(QObject):
    """Receives every uncaught exception (any thread) and shows it on the GUI thread."""

    reported = Signal(object, str)  # the exception, its traceback text

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog: QMessageBox | None = None
        self.shown: list[BaseException] = []
        # Queued when emitted from a worker thread: the dialog is always built on the GUI thread.
        self.reported.connect(self._show)

    def report(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        details = write_log(kind, value, tb)
        self.reported.emit(value, details)

    def _show(self, value: BaseException, details: str) -> None:
        self.shown.append(value)
        parent = QApplication.activeWindow()
        known = project_error(value)
        box = QMessageBox(parent if isinstance(parent, QWidget) else None)
        box.setObjectName("errorDialog")
        if known is not None:  # a store failure in a place that did not catch it: its sentence is enough
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Không thực hiện được"))
            box.setText(known.message(i18n.lang()))
        else:
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(self.tr("Lỗi ngoài dự kiến"))
            box.setText(
                self.tr(
                    "Đã xảy ra lỗi ngoài dự kiến; việc đang làm có thể chưa được lưu. Chi tiết đã ghi vào %1."
                ).replace("%1", str(log_path()))
            )
            box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.dialog = box
        box.open()  # not exec(): a worker's report must not stop the GUI thread's event loop


_state: dict[str, object] = {}


def install_hooks(app: QApplication) -> ErrorReporter:
    """``sys.excepthook`` and ``threading.excepthook`` go to one reporter (made once per application)."""
    reporter = _state.get("reporter")
    if not isinstance(reporter, ErrorReporter):
        reporter = ErrorReporter(app)
        _state["reporter"] = reporter
    if sys.excepthook != reporter.report:
        _state.update(sys=sys.excepthook, threading=threading.excepthook)

        def on_thread(args: threading.ExceptHookArgs) -> None:
            if args.exc_value is not None:
                reporter.report(args.exc_type, args.exc_value, args.exc_traceback)

        sys.excepthook = reporter.report
        threading.excepthook = on_thread
    return reporter


def uninstall_hooks() -> None:
    """Put back the hooks found by ``install_hooks``, unless someone replaced ours since (tests)."""
    reporter = _state.get("reporter")
    if isinstance(reporter, ErrorReporter) and sys.excepthook == reporter.report and "sys" in _state:
        sys.excepthook = _state.pop("sys")  # type: ignore[assignment]
        threading.excepthook = _state.pop("threading")  # type: ignore[assignment]
