"""Small pieces the sections share: the message line and marking a field that failed validation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QWidget

from ui import i18n
from ui.errors import CATCHABLE, user_error

if TYPE_CHECKING:  # the sign-in page is shown before the domain modules are loaded
    from PySide6.QtWidgets import QAbstractItemView

    from app.core.records import Clerk
    from app.desk import Desk
    from ui.printer import Printing

ERROR_STYLE = "border: 2px solid #c0392b; border-radius: 3px;"


def set_enum(widget: QObject, name: str, keys: str) -> None:
    """Set an enum property by its keys' names (``"AlignCenter"``) through Qt's meta-object.

    What the sign-in page shows does not touch PySide6's ``Qt`` namespace: its ~90 Python enums are all
    built at its first use, 15-20 ms of CPU before the window could take keys (issue 15)."""
    if not widget.setProperty(name, keys):
        raise ValueError(f"{type(widget).__name__} has no {name} {keys!r}")


class MessageLine(QLabel):
    """One sentence under a form: what went wrong (red) or what was done (green).

    A form kept as a PDF (no printer) adds two links: open the PDF, show its folder. The line keeps
    the height of one line when empty, so the form above does not jump when a message comes and goes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("messageLine")
        set_enum(self, "textFormat", "PlainText")  # names typed by clerks are never read as HTML
        self.setMinimumHeight(self.fontMetrics().lineSpacing() + 4)
        self.kept: Path | None = None
        self.kind = ""  # "error", "info" or "" (empty)
        self.linkActivated.connect(self._open)

    def error(self, text: str) -> None:
        self._plain(text, "color: #a93226; font-weight: bold;")
        self.kind = "error"

    def info(self, text: str, kept: Path | None = None) -> None:
        self.kind = "info"
        if kept is None:
            self._plain(text, "color: #1e7b34;")
            return
        from html import escape

        self.kept = kept
        self.setStyleSheet("color: #1e7b34;")
        set_enum(self, "textFormat", "RichText")
        set_enum(self, "textInteractionFlags", "TextBrowserInteraction")
        self.setToolTip(str(kept))
        open_file = escape(self.tr("Mở tệp PDF"))
        open_folder = escape(self.tr("Mở thư mục"))
        self.setText(f"{escape(text)} <a href='open'>{open_file}</a> · <a href='folder'>{open_folder}</a>")

    def _plain(self, text: str, style: str) -> None:
        self.kept = None
        self.setToolTip("")
        set_enum(self, "textFormat", "PlainText")
        set_enum(self, "textInteractionFlags", "NoTextInteraction")
        self.setStyleSheet(style)
        self.setText(text)

    def clear(self) -> None:
        self.kept = None
        self.kind = ""
        self.setToolTip("")
        super().clear()

    def _open(self, which: str) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        if self.kept is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.kept if which == "open" else self.kept.parent)))

    def show_error(self, exc: BaseException) -> None:
        """The project's error in the window's language; a store failure in its words (ui.errors)."""
        self.error(user_error(exc).message(i18n.lang()))


def buddy(caption: str, widget: QWidget) -> QLabel:
    """A field's caption whose Alt+letter jumps to the field."""
    caption_label = QLabel(caption)
    caption_label.setBuddy(widget)
    return caption_label


class EmptyHint(QLabel):
    """A grey sentence in the middle of an empty table, saying what goes there or how to fill it."""

    def __init__(self, view: QAbstractItemView, text: str) -> None:
        from PySide6.QtCore import Qt  # not at the top: the sign-in page's MessageLine does without it

        super().__init__(text, view.viewport())
        self.view = view
        self.setObjectName("emptyHint")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("color: #6b7280; padding: 12px;")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        view.viewport().installEventFilter(self)
        self.watch()
        self.update_visibility()

    def watch(self) -> None:
        """Follow the view's model (call again when the view gets a new model)."""
        model = self.view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged):
            signal.connect(self.update_visibility)

    def update_visibility(self, *_args: object) -> None:
        self.setVisible(self.view.model().rowCount() == 0)
        self.setGeometry(self.view.viewport().rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.view.viewport().rect())
        return False


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

    def print_words(self, run: Callable[[], object], printed: str) -> tuple[str, Path | None]:
        """Print; the words for the message line and, with no printer, the PDF that was kept instead."""
        from ui.printer import NoPrinter

        try:
            sent = run()
        except NoPrinter as exc:
            return exc.message(i18n.lang()), exc.path
        except CATCHABLE as caught:
            return user_error(caught).message(i18n.lang()), None
        return (printed if sent else ""), None  # "": the clerk cancelled Qt's print dialog
