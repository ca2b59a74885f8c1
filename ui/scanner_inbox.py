"""The scanner inbox: the folder most scanner software saves into (``scanner.inbox`` in the settings).

A QFileSystemWatcher reports that the folder changed; each new scan in it (PDF or image) is offered,
once its size has stopped growing (the scanner may still be writing it), through ``arrived``. Files
that were there when the watch began are not offered; nothing in the folder is moved or deleted.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, QTimer, Signal

from app.core import settings

if TYPE_CHECKING:  # the domain loads in the store's thread, not before the window shows
    from app.desk import Desk

SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp"}
SETTLE_MS = 400


class ScannerInbox(QObject):
    arrived = Signal(Path)

    def __init__(self, parent: QObject | None = None, *, settle_ms: int = SETTLE_MS) -> None:
        super().__init__(parent)
        self.folder: Path | None = None
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._changed)
        self.seen: set[str] = set()
        self.growing: dict[str, int] = {}  # name → size at the last look
        self.timer = QTimer(self)
        self.timer.setInterval(settle_ms)
        self.timer.timeout.connect(self._settle)

    @classmethod
    def for_desk(cls, desk: Desk, parent: QObject | None = None) -> ScannerInbox:
        inbox = cls(parent)
        folder = settings.get(desk.store, "scanner.inbox")
        if folder:
            inbox.watch(Path(folder))
        return inbox

    def watch(self, folder: Path | None) -> None:
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        self.folder = folder
        self.seen = {p.name for p in self._scans()}
        self.growing.clear()
        if folder is not None and folder.is_dir():
            self.watcher.addPath(str(folder))

    def _scans(self) -> list[Path]:
        if self.folder is None or not self.folder.is_dir():
            return []
        return [
            p
            for p in self.folder.iterdir()
            if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
        ]

    def _changed(self, _path: str) -> None:
        for path in self._scans():
            if path.name not in self.seen and path.name not in self.growing:
                self.growing[path.name] = -1
        if self.growing and not self.timer.isActive():
            self.timer.start()

    def _settle(self) -> None:
        """Offer the files whose size did not change since the last look (and is not zero)."""
        assert self.folder is not None
        for name, before in list(self.growing.items()):
            path = self.folder / name
            try:
                size = path.stat().st_size
            except FileNotFoundError:
                del self.growing[name]
                continue
            if size and size == before:
                del self.growing[name]
                self.seen.add(name)
                self.arrived.emit(path)
            else:
                self.growing[name] = size
        if not self.growing:
            self.timer.stop()


def offer_on_screen(window, path: Path) -> bool:
    """Offer a new scan for the dossier on screen: the reception form, the return screen's dossier, or
    an open dossier window. False when no dossier is on screen (the file stays in the folder)."""
    if not getattr(window, "sections", None) or window.current_clerk() is None:
        return False
    current = window.tabs.currentWidget()
    if current is window.receive:
        window.receive.extras.scans.offer(path)
        return True
    dialog = window.dossiers.dialog
    for panel in (dialog.panel if dialog is not None else None, window.returns.panel):
        if panel is not None and panel.dossier is not None and panel.isVisible():
            panel.files_box.offer(path)
            return True
    return False


def install(window) -> ScannerInbox:
    """Watch the desk's scanner folder for the window (once its desk is open: ui.application connects
    this to ``desk_ready``), and add Tệp → Thư mục máy quét… to choose the folder."""
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QFileDialog

    existing = getattr(window, "inbox", None)
    if isinstance(existing, ScannerInbox):  # the desk was opened again (another store chosen)
        folder = settings.get(window.desk.store, "scanner.inbox")
        existing.watch(Path(folder) if folder else None)
        return existing
    inbox = ScannerInbox.for_desk(window.desk, window)
    window.inbox = inbox
    inbox.arrived.connect(lambda path: offer_on_screen(window, path))

    def choose() -> None:
        folder = QFileDialog.getExistingDirectory(
            window, QCoreApplication.translate("ScannerInbox", "Thư mục máy quét lưu tệp vào")
        )
        if folder:
            settings.put(window.desk.store, "scanner.inbox", folder)
            inbox.watch(Path(folder))

    action = QAction(QCoreApplication.translate("ScannerInbox", "Thư mục &máy quét…"), window)
    action.triggered.connect(choose)
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    if menus:
        menus[0].insertAction(menus[0].actions()[0] if menus[0].actions() else None, action)
    return inbox
