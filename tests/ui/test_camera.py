"""Camera capture: hidden behind a disabled button with its reason where Qt Multimedia finds no camera
(this machine), and captured pages stored as the same PDF a scan of them gives."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.app.files.scanpages import a4_page
from tests.conftest import dossier_input
from ui import camera


@pytest.fixture
def box(qtbot, desk, admin):
    from ui.files_box import DossierFilesBox

    widget = DossierFilesBox(desk, lambda: admin)
    qtbot.addWidget(widget)
    widget.show()
    widget.show_dossier(desk.dossiers.receive(dossier_input(documents=[{"name": "A"}, {"name": "B"}]), admin))
    widget.table.selectRow(0)
    return widget


def photographed(n: int) -> QImage:
    """A frame as the camera gives it: an A4 page of text (decoded from a scanner's JPEG)."""
    image = QImage()
    assert image.loadFromData(a4_page(n, dpi=100))
    return image


def test_without_a_camera_the_button_is_disabled_and_says_why(qtbot, box, desk) -> None:
    camera.available.cache_clear()
    qtbot.waitUntil(lambda: box.has_camera is not None)  # looked for once the window is up
    assert camera.available() is False  # Qt Multimedia finds no video input here
    button = box.buttons["camera"]
    assert not button.isEnabled() and button.toolTip() == "Không tìm thấy máy ảnh trên máy tính này."
    assert box.capture() is False
    assert desk.files.documents(box.dossier)[0].current is None


def test_without_qt_multimedia_libraries_there_is_no_camera(monkeypatch) -> None:
    # A PC missing Qt Multimedia's system libraries (libpulse on Linux): no camera, no exception in the window.
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # makes the import raise ImportError
    camera.available.cache_clear()
    try:
        assert camera.available() is False
    finally:
        camera.available.cache_clear()


def test_captured_pages_are_stored_as_the_same_pdf_as_a_scan_of_them(
    qtbot, box, desk, monkeypatch, tmp_path: Path
) -> None:
    qtbot.waitUntil(lambda: box.has_camera is not None)
    taken = camera.CapturedPages()
    for n in (1, 2):
        taken.add(n, photographed(n))
    taken.add(3, QImage())  # a failed frame is not a page
    assert [name for _, name in taken.pages] == ["camera-1.jpg", "camera-2.jpg"]
    assert all(data[:3] == b"\xff\xd8\xff" for data, _ in taken.pages)  # JPEG, as a scanner saves
    box.has_camera = True  # as if Qt Multimedia had found one
    monkeypatch.setattr(camera.CameraDialog, "ask", classmethod(lambda cls, parent: taken.pages))
    assert box.capture()
    assert box.message.text() == "Đã đính kèm 2 trang chụp vào giấy tờ số 1."
    shot = desk.files.documents(box.dossier)[0].current
    assert shot is not None and shot.pages == 2 and shot.media_type == "application/pdf"
    # The same pages saved as files and attached through the picker: the same PDF, byte for byte.
    files = []
    for data, name in taken.pages:
        files.append(tmp_path / name)
        files[-1].write_bytes(data)
    assert box.attach_paths(1, files)
    scanned = desk.files.documents(box.dossier)[1].current
    assert scanned is not None and scanned.sha256 == shot.sha256
    assert desk.files.read(shot)[:5] == b"%PDF-"
