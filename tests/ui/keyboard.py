"""Typing as a clerk does: ASCII as key presses, Vietnamese as input-method commits (as Unikey sends it).

qtbot.keyClicks aborts the process on a non-ASCII character, hence the commit strings.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_text(text: str, widget: QWidget | None = None) -> None:
    """Type into the focused widget: runs of ASCII as keys, the rest as commit strings."""
    target = widget or focused()
    run = ""
    for ch in text + "\0":
        if ch != "\0" and ch.isascii():
            run += ch
            continue
        if run:
            QTest.keyClicks(target, run)
            run = ""
        if ch != "\0":
            event = QInputMethodEvent("", [])
            event.setCommitString(ch)
            QApplication.sendEvent(target, event)


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifier)


def shortcut(sequence: str) -> None:
    """A window shortcut (Ctrl+Enter, F9 …) pressed while the focus is where it is."""
    QTest.keySequence(focused(), sequence)
