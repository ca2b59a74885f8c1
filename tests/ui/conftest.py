"""Window fixtures: Qt application names (QSettings are per test via XDG_CONFIG_HOME), a signed-in window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from tests.conftest import ADMIN_PASSWORD


@pytest.fixture(autouse=True)
def qt_names(qapp) -> None:
    QCoreApplication.setOrganizationName("MotCuaTest")
    QCoreApplication.setApplicationName("motcua-test")


@pytest.fixture(autouse=True)
def no_unanswered_questions(monkeypatch) -> None:
    """A question a test did not answer (pytest-qt: replace ``ask``) fails the test instead of waiting
    for a click that never comes."""
    from ui.prompts import ConfirmDialog, ReasonDialog, RevealDialog

    def unanswered(cls, *args, **kwargs):
        raise AssertionError(f"{cls.__name__}.ask was not answered by the test")

    for dialog in (ConfirmDialog, ReasonDialog, RevealDialog):
        monkeypatch.setattr(dialog, "ask", classmethod(unanswered))


@pytest.fixture
def printer(tmp_path: Path):
    from ui.printer import FolderPrinter

    return FolderPrinter(tmp_path / "printed")


@pytest.fixture
def window(qtbot, desk, printer) -> Iterator:
    """The main window on the ``desk`` fixture, not yet signed in."""
    from ui import i18n
    from ui.main_window import MainWindow

    i18n.install("vi")
    win = MainWindow(desk, printer=printer, rating_after_return=False)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    yield win
    win.shutdown()


@pytest.fixture
def signed_in(window, qtbot):
    window.lock_page.username.setText("admin")
    window.lock_page.password.setText(ADMIN_PASSWORD)
    window.lock_page.submit()
    assert window.clerk is not None
    return window


@pytest.fixture(autouse=True)
def no_window_hooks() -> Iterator[None]:
    """A test that starts the whole window (which installs the exception hooks) leaves them behind it."""
    yield
    from ui.errors import uninstall_hooks

    uninstall_hooks()
