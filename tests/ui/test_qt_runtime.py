"""The Qt binding the desk runs on must not leak references: a desk stays open all day."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication


def test_void_calls_keep_none_alive(qapp: QApplication) -> None:
    before = sys.getrefcount(None)
    for _ in range(500):
        qapp.processEvents()
    assert sys.getrefcount(None) - before > -50  # PySide6 6.12.0 loses exactly one per call


def test_signal_emits_keep_booleans_alive(qapp: QApplication) -> None:
    class Source(QObject):
        changed = Signal(bool)

    source = Source()
    received: list[bool] = []
    source.changed.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(300):
        source.changed.emit(True)
    assert len(received) == 300
    assert sys.getrefcount(True) - before > -30
