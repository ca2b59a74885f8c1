"""What the window spares before its sign-in page is interactive (issue 15: ≤ 2× a bare Qt window)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.conftest import ADMIN_PASSWORD
from ui.widgets import set_enum

ROOT = Path(__file__).resolve().parents[2]

# The console entry point's path (ui.main -> ui.application), up to the first turn of the event loop.
FIRST_TURN = r"""
import json, sys
import PySide6.QtCore as QtCore
from PySide6.QtCore import QTimer
from ui.application import start_window

qt, window = start_window(sys.argv[1], sync=False)
# Before the event loop runs, that is before the loader thread starts importing the domain in parallel.
seen = {"domain": sorted(m for m in ("app.desk", "app.core.records", "ui.bank_dialog") if m in sys.modules)}

def first_turn():
    seen["qt_namespace"] = "Qt" in QtCore.__dict__  # PySide6 fills the module's dict as names are first used
    seen["shown"] = window.isVisible()
    qt.quit()

QTimer.singleShot(0, first_turn)
qt.exec()
window.loader.wait()
print(json.dumps(seen))
"""


def test_the_sign_in_page_shows_without_building_the_qt_namespace(desk, tmp_path: Path) -> None:
    """Touching PySide6's ``Qt`` builds its ~90 Python enums at once, a third of the start-up: the sign-in
    page does without it until the first turn of the event loop."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=str(tmp_path / "xdg"))
    for name in ("DATA", "CONFIG", "KEY"):
        env[f"MOTCUA_{name}_DIR"] = str(tmp_path / name.lower())
    done = subprocess.run(
        [sys.executable, "-c", FIRST_TURN, str(desk.store.path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen == {"qt_namespace": False, "domain": [], "shown": True}


def test_activity_is_watched_only_while_a_clerk_is_signed_in(window, qtbot) -> None:
    """The application-wide activity filter (a Python call per event) is installed at sign-in, removed at
    the lock: the sign-in page does not pay for it, and signing in again watches again."""

    def restarted_by_a_key(widget) -> bool:
        full = window.idle_timer.interval()
        time.sleep(0.3)  # time passes with no event handled (qtbot.wait would deliver synthetic mouse moves)
        assert window.idle_timer.remainingTime() < full - 200
        qtbot.keyClick(widget, Qt.Key.Key_A)
        return window.idle_timer.remainingTime() > full - 200

    window.idle_timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer's remaining time wanders by 5 %
    window.idle_timer.setInterval(5_000)
    window.idle_timer.start()  # as if running, on the sign-in page: nothing restarts it
    assert not restarted_by_a_key(window.lock_page.username)
    window.lock()
    for _ in range(2):  # signed in, locked, signed in again
        window.lock_page.username.setText("admin")
        window.lock_page.password.setText(ADMIN_PASSWORD)
        assert window.lock_page.submit() is not None
        assert restarted_by_a_key(window.receive.full_name)
        window.lock()
        assert not window.idle_timer.isActive()


def test_an_enum_property_is_set_by_its_name_and_a_wrong_name_fails(qapp) -> None:
    label = QLabel()
    set_enum(label, "alignment", "AlignCenter")
    assert label.alignment() == Qt.AlignmentFlag.AlignCenter
    set_enum(label, "textFormat", "PlainText")
    assert label.textFormat() == Qt.TextFormat.PlainText
    with pytest.raises(ValueError):
        set_enum(label, "alignment", "AlignCentre")


def test_the_store_loads_once_the_sign_in_page_is_painted(desk, qapp, qtbot) -> None:
    """The loader thread's imports would hold the GIL the first paint needs: it starts after that paint."""
    from PySide6.QtCore import QEvent, QObject

    from ui.application import start_window

    order: list[str] = []

    class PaintSpy(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and "painted" not in order:
                order.append("painted")
            return False

    _app, window = start_window(str(desk.store.path), sync=False)
    spy = PaintSpy()
    window.installEventFilter(spy)
    window.loader.started.connect(lambda: order.append("loading"), Qt.ConnectionType.DirectConnection)
    try:
        assert not window.loader.isRunning() and not window.loader.isFinished()
        qtbot.waitUntil(lambda: window.desk is not None, timeout=10_000)
        assert order == ["painted", "loading"]
        assert window.lock_page.button.isEnabled()
    finally:
        window.removeEventFilter(spy)
        window.loader.wait()
        window.shutdown()
        window.close()
        if window.desk is not None:
            window.desk.close()


def test_a_window_never_painted_loads_its_store_all_the_same(qapp, qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    from ui.application import FirstPaint

    hidden = QWidget()  # never shown, so never painted (as a window started minimised)
    ran: list[str] = []
    waiting = FirstPaint(hidden)
    waiting.then(lambda: ran.append("loaded"))
    assert ran == []
    qtbot.waitUntil(lambda: ran == ["loaded"], timeout=FirstPaint.FALLBACK_MS * 4)
    waiting.then(lambda: ran.append("again"))  # a store chosen again later: at once
    qtbot.waitUntil(lambda: ran == ["loaded", "again"], timeout=1000)
