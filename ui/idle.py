"""The idle lock's watcher: any key or mouse use anywhere in the application restarts its timer."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer


class ActivityFilter(QObject):
    """Any key or mouse use anywhere restarts the idle timer."""

    KINDS = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.InputMethod,
        }
    )

    def __init__(self, timer: QTimer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = timer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.KINDS and self.timer.isActive():
            self.timer.start()
        return False
