"""Scan to return: a USB scanner types the payload and Enter, faster than any clerk.

An application-wide event filter watches key presses delivered to the focused widget. A burst
(every key within ``max_gap`` of the previous one) that ends in Enter and holds a receipt payload
or a dossier code is taken away from the widget it was typed into and reported instead. Only
digits and hyphens are read (app.printing.qr), since Unikey may have rewritten the letters around them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from app.desk import Desk
from app.printing import qr

# A bare dossier code: digits, or a QCVN 102 agency ID (capitals, digits, dots) before the date.
CODE = re.compile(r"(?<![0-9A-Za-z.-])([A-Z0-9][A-Z0-9.]{1,19}-[0-9]{6}-[0-9]{4})(?![0-9-])")
MAX_GAP_S = 0.05  # scanners send a key every few ms; people are 5-10 times slower
MIN_LENGTH = 14


@dataclass(frozen=True)
class Scan:
    code: str
    verdict: str  # valid / forged / unknown (signature), or "plain" for a bare dossier code
    text: str


def read_scan(desk: Desk, text: str) -> Scan | None:
    """A receipt payload (signature checked) or a bare dossier code in what the scanner typed."""
    try:
        decoded = qr.decode(text)
    except qr.MalformedPayload:
        found = CODE.findall(text)
        if len(found) == 1 and len(text.strip()) <= len(found[0]) + 2:
            return Scan(found[0], "plain", text)
        return None
    return Scan(decoded.claim.code, desk.printing.verify(text), text)


class ScanFilter(QObject):
    scanned = Signal(object)  # Scan

    def __init__(
        self,
        desk: Desk,
        parent: QObject | None = None,
        *,
        max_gap: float = MAX_GAP_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.max_gap = max_gap
        self.clock = clock
        self.buffer: list[str] = []
        self.last = 0.0
        self.enabled = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.enabled or event.type() != QEvent.Type.KeyPress or not self._first_receiver(watched):
            return False
        now = self.clock()
        if now - self.last > self.max_gap:
            self.buffer.clear()
        self.last = now
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            typed = "".join(self.buffer)
            self.buffer.clear()
            if len(typed) < MIN_LENGTH:
                return False
            scan = read_scan(self.desk, typed)
            if scan is None:
                return False
            self._take_back(watched, typed)
            self.scanned.emit(scan)
            return True
        if key == Qt.Key.Key_Backspace:
            if self.buffer:
                self.buffer.pop()
        elif event.text() and event.text().isprintable():
            self.buffer.append(event.text())
        return False

    @staticmethod
    def _first_receiver(watched: QObject) -> bool:
        """Count each key once: at the focused widget, not again as it propagates to parents."""
        if not isinstance(watched, QWidget):
            return False
        focus = QApplication.focusWidget()
        return watched is focus if focus is not None else watched.isWindow()

    @staticmethod
    def _take_back(widget: QObject, typed: str) -> None:
        """Remove the scanned text from the field it landed in, so the search box is left as it was."""
        if isinstance(widget, QLineEdit) and widget.text().endswith(typed):
            widget.setText(widget.text()[: -len(typed)])
        elif isinstance(widget, QPlainTextEdit) and widget.toPlainText().endswith(typed):
            widget.setPlainText(widget.toPlainText()[: -len(typed)])
