"""Small pieces the sections share: the message line and marking a field that failed validation."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from ui import i18n
from ui.errors import user_error

if TYPE_CHECKING:  # the sign-in page is shown before the domain modules are loaded
    from app.core.records import Clerk
    from app.desk import Desk
    from ui.printer import Printing

ERROR_STYLE = "border: 2px solid #c0392b; border-radius: 3px;"


class MessageLine(QLabel):
    """One sentence under a form: what went wrong (red) or what was done (green)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("messageLine")

    def error(self, text: str) -> None:
        self.setStyleSheet("color: #a93226; font-weight: bold;")
        self.setText(text)

    def info(self, text: str) -> None:
        self.setStyleSheet("color: #1e7b34;")
        self.setText(text)

    def show_error(self, exc: BaseException) -> None:
        """The project's error in the window's language; a store failure in its words (ui.errors)."""
        self.error(user_error(exc).message(i18n.lang()))


def mark(widget: QWidget, message: str) -> None:
    widget.setProperty("invalid", True)
    widget.setStyleSheet(ERROR_STYLE)
    widget.setToolTip(message)


def unmark(widget: QWidget) -> None:
    if widget.property("invalid"):
        widget.setProperty("invalid", False)
        widget.setStyleSheet("")
        widget.setToolTip("")


class Section(QWidget):
    """A part of the window that works on the desk as the signed-in clerk and may print."""

    def __init__(
        self, desk: Desk, clerk: Callable[[], Clerk | None], printing: Printing, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.current_clerk = clerk
        self.printing = printing
