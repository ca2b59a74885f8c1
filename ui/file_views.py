"""Seeing a scan: a thumbnail of its first page, and a viewer for all its pages (Qt PDF).

The bytes come from app.files, checked against their hash; a PDF is drawn from memory, never from a
temporary copy on disk (the scans are personal data).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, QThread, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

if TYPE_CHECKING:  # the domain is imported by the worker itself, in its thread
    from pathlib import Path

    from app.core.clock import Clock
    from app.files.service import Attachment

log = logging.getLogger(__name__)
THUMB = QSize(96, 136)


class FileFetch(QThread):
    """One scan brought from the hub on its own Desk (one SQLite connection per thread), so the window
    keeps working while a slow link carries it; the bytes are checked against their hash there."""

    reported = Signal(object, object)  # bytes | None, the error to show | None

    def __init__(self, path: Path, clock: Clock, attachment: Attachment, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.clock = clock
        self.attachment = attachment

    def run(self) -> None:
        from app.core.errors import MotcuaError
        from app.desk import Desk

        data, error = None, None
        try:
            with Desk.open(self.path, self.clock) as desk:
                data = desk.files.read(self.attachment)
        except MotcuaError as exc:
            error = exc
        except Exception as exc:  # shown on the error line; the window goes on
            log.exception("fetching a file failed")
            error = exc
        self.reported.emit(data, error)


class PdfBytes:
    """A QPdfDocument over bytes in memory; keeps the buffer alive as long as the document."""

    def __init__(self, data: bytes, parent: QWidget | None = None) -> None:
        self.buffer = QBuffer(parent)
        self.buffer.setData(QByteArray(data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(parent)
        self.document.load(self.buffer)

    @property
    def ready(self) -> bool:
        return self.document.status() == QPdfDocument.Status.Ready

    def close(self) -> None:
        self.document.close()
        self.buffer.close()


def thumbnail(data: bytes, size: QSize = THUMB) -> QIcon:
    """The first page, scaled to fit ``size``; an empty icon if the PDF cannot be drawn."""
    pdf = PdfBytes(data)
    try:
        if not pdf.ready or pdf.document.pageCount() == 0:
            return QIcon()
        page = pdf.document.pagePointSize(0)
        scale = min(size.width() / max(page.width(), 1), size.height() / max(page.height(), 1))
        image = pdf.document.render(0, QSize(max(1, round(page.width() * scale)), max(1, round(page.height() * scale))))
        return QIcon(QPixmap.fromImage(image))
    finally:
        pdf.close()


class FileViewer(QDialog):
    """Every page of one scan, scrolled, zoomed to the window's width."""

    def __init__(self, title: str, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.pdf = PdfBytes(data, self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf.document)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(720, 900)

    @property
    def pages(self) -> int:
        return self.pdf.document.pageCount()

    @classmethod
    def show_file(cls, parent: QWidget | None, title: str, data: bytes) -> FileViewer:
        viewer = cls(title, data, parent)
        viewer.setModal(False)
        viewer.show()
        return viewer
