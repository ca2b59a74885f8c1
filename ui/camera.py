"""Papers photographed with a camera, where Qt Multimedia finds one: each page captured as a JPEG, as a
scanner would save it, so app.files makes the same PDF of them as of a scan.

Most commune PCs have no camera: ``available()`` says so once, and the dossier panel's button is then
disabled with a tooltip saying why.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

JPEG_QUALITY = 85  # as a scanner's "text and photo" setting
log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether Qt Multimedia sees a camera on this computer (asked once: loading its backend is slow).

    A PC without Qt Multimedia's system libraries (PulseAudio's libpulse on Linux) has no camera for the
    desk either: the button is disabled with its reason, the window goes on.
    """
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError as error:
        log.warning("Qt Multimedia cannot load (%s): no camera", error)
        return False
    return bool(QMediaDevices.videoInputs())


def jpeg(image: QImage) -> bytes:
    """A captured frame as the JPEG a scanner would save (app.files.scans takes it from there)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPG", JPEG_QUALITY)
    buffer.close()
    return bytes(data.data())


class CapturedPages:
    """The pages taken so far, in order, named as files (what ``AttachmentService.attach`` takes)."""

    def __init__(self) -> None:
        self.pages: list[tuple[bytes, str]] = []

    def add(self, _request_id: int, image: QImage) -> None:
        if not image.isNull():
            self.pages.append((jpeg(image), f"camera-{len(self.pages) + 1}.jpg"))


class CameraDialog(QDialog):
    """A live view of the default camera; "Chụp trang" takes a page, "Xong" attaches them all."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession, QMediaDevices
        from PySide6.QtMultimediaWidgets import QVideoWidget

        super().__init__(parent)
        self.setWindowTitle(self.tr("Chụp giấy tờ bằng máy ảnh"))
        self.taken = CapturedPages()
        self.camera = QCamera(QMediaDevices.defaultVideoInput(), self)
        self.capture = QImageCapture(self)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setImageCapture(self.capture)
        preview = QVideoWidget(self)
        self.session.setVideoOutput(preview)
        self.count = QLabel(self.tr("Chưa chụp trang nào."))
        self.shoot = QPushButton(self.tr("Chụp trang"))
        self.shoot.clicked.connect(lambda: self.capture.capture())
        self.capture.imageCaptured.connect(self._captured)
        self.capture.errorOccurred.connect(lambda _id, _error, text: self.count.setText(text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Xong"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(preview, 1)
        layout.addWidget(self.count, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.shoot)
        layout.addWidget(buttons)
        self.resize(640, 560)
        self.camera.start()

    def _captured(self, request_id: int, image: QImage) -> None:
        self.taken.add(request_id, image)
        self.count.setText(self.tr("Đã chụp %1 trang.").replace("%1", str(len(self.taken.pages))))

    def done(self, result: int) -> None:
        self.camera.stop()
        super().done(result)

    @classmethod
    def ask(cls, parent: QWidget | None) -> list[tuple[bytes, str]]:
        """The pages taken, or none if the clerk cancelled (tests replace this)."""
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return []
        return dialog.taken.pages
