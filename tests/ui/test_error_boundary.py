"""The window's error boundary, on the real window: a store that will not open says why and offers a
way out (never "Đang mở kho dữ liệu…" for ever); a failed save shows its sentence; anything
unexpected, in a slot or a worker thread, reaches a dialog and the log file."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from app.core import storage_errors
from app.core.errors import MotcuaError
from tests.conftest import dossier_input, make_desk

SENTENCES = {
    "newer": "mới hơn tạo",
    "read_only": storage_errors.StoreNotWritable().message("vi"),
    "corrupt": storage_errors.StoreDamaged().message("vi"),
    "disk_full": storage_errors.StoreDiskFull().message("vi"),
}


@pytest.fixture
def started(qtbot) -> Iterator:
    """``started(path)``: the whole window as ``motcua --db path`` starts it; closed afterwards."""
    from ui import i18n
    from ui.application import start_window

    windows = []

    def start(path, lang: str = "vi", demo: bool = False):
        i18n.install(lang)
        _app, window = start_window(None if demo else str(path), demo=demo, lang=lang, sync=False)
        windows.append(window)
        return window

    yield start
    for window in windows:
        window.loader.wait()
        window.shutdown()
        window.close()
        if window.desk is not None:
            window.desk.close()


def failure_shown(window) -> bool:
    failure = getattr(window.lock_page, "failure", None)
    return failure is not None and failure.isVisible()


@pytest.mark.parametrize("cause", SENTENCES)
def test_a_store_that_will_not_open_says_why_with_ways_out(started, broken_store, qtbot, cause: str) -> None:
    window = started(broken_store(cause))
    qtbot.waitUntil(lambda: failure_shown(window), timeout=10_000)
    failure = window.lock_page.failure
    assert SENTENCES[cause] in failure.message.text()
    assert "Đang mở kho dữ liệu" not in window.lock_page.message.text()
    assert window.desk is None and not window.lock_page.button.isEnabled()
    assert failure.choose_button.isVisible() and failure.restore_button.isVisible() and failure.quit_button.isVisible()
    assert "motcua backup" in failure.restore_text() and str(failure.path) in failure.restore_text()


def test_the_sentence_speaks_english_in_english(started, broken_store, qtbot) -> None:
    window = started(broken_store("corrupt"), lang="en")
    qtbot.waitUntil(lambda: failure_shown(window), timeout=10_000)
    assert window.lock_page.failure.message.text() == storage_errors.StoreDamaged().message("en")
    assert window.lock_page.failure.choose_button.text() == "&Choose another file…"


def test_choosing_another_file_opens_it(started, broken_store, qtbot, tmp_path, clock, monkeypatch) -> None:
    from ui.store_failure import StoreFailure

    good = tmp_path / "good.sqlite3"
    make_desk(good, clock).close()
    window = started(broken_store("corrupt"))
    qtbot.waitUntil(lambda: failure_shown(window), timeout=10_000)
    monkeypatch.setattr(StoreFailure, "ask_path", staticmethod(lambda _parent, _start: str(good)))
    with qtbot.waitSignal(window.desk_ready, timeout=10_000):
        qtbot.mouseClick(window.lock_page.failure.choose_button, Qt.MouseButton.LeftButton)
    assert window.desk.path == good
    assert not failure_shown(window) and window.lock_page.button.isEnabled()


def test_quit_closes_the_window(started, broken_store, qtbot) -> None:
    window = started(broken_store("newer"))
    qtbot.waitUntil(lambda: failure_shown(window), timeout=10_000)
    qtbot.mouseClick(window.lock_page.failure.quit_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()


def test_a_full_disk_while_receiving_shows_its_sentence(signed_in, desk) -> None:
    conn = desk.store.conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0] + 2}")
    with pytest.raises(sqlite3.OperationalError, match="full"):  # fill the little room left
        for n in range(1000):
            desk.dossiers.receive(dossier_input(notes=f"{n}"), desk.clerk())
    form = signed_in.receive
    form.select_procedure("HT04")
    form.cccd.setText("087186001234")
    form.full_name.setText("Nguyễn Thị Đào")
    before = desk.dossiers.count()
    assert form.save() is None
    assert form.message.text() == storage_errors.StoreDiskFull().message("vi")
    assert desk.dossiers.count() == before
    assert form.full_name.text() == "Nguyễn Thị Đào"  # nothing typed is lost


@pytest.fixture
def reporter(qapp) -> Iterator:
    from ui.errors import install_hooks, uninstall_hooks

    found = install_hooks(qapp)
    found.shown.clear()
    yield found
    uninstall_hooks()
    if found.dialog is not None:
        found.dialog.close()


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_exception_in_a_slot_reaches_the_dialog_and_the_log(reporter, qtbot) -> None:
    from ui.errors import log_path

    button = QPushButton("x")
    qtbot.addWidget(button)

    def broken() -> None:
        raise RuntimeError("a slot that was never meant to fail")

    button.clicked.connect(broken)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert "RuntimeError: a slot that was never meant to fail" in reporter.dialog.detailedText()
    assert str(log_path()) in reporter.dialog.text()
    assert "RuntimeError: a slot that was never meant to fail" in log_path().read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_a_worker_threads_exception_reaches_the_dialog(reporter, qtbot) -> None:
    worker = threading.Thread(target=lambda: {}["missing"], name="worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert isinstance(reporter.shown[-1], KeyError)
    assert reporter.dialog.parent() is None or reporter.dialog.thread() is QApplication.instance().thread()


@pytest.mark.qt_no_exception_capture
def test_a_store_failure_nobody_caught_shows_its_sentence_not_a_traceback(reporter, qtbot) -> None:
    button = QPushButton("x")
    qtbot.addWidget(button)

    def full() -> None:
        raise sqlite3.OperationalError("database or disk is full")

    button.clicked.connect(full)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    assert reporter.dialog.text() == storage_errors.StoreDiskFull().message("vi")
    assert reporter.dialog.detailedText() == ""


def test_an_unexpected_failure_while_opening_is_shown_too(started, qtbot, tmp_path, monkeypatch) -> None:
    import ui.application

    def broken(_db, _demo, _progress=None):
        raise ZeroDivisionError("while opening")

    monkeypatch.setattr(ui.application, "open_desk", broken)
    window = started(tmp_path / "x.sqlite3")
    qtbot.waitUntil(lambda: failure_shown(window), timeout=10_000)
    assert window.lock_page.failure.message.text() == storage_errors.StoreUnexpected().message("vi")
    assert isinstance(window.lock_page.failure.error, MotcuaError)


def test_the_first_demo_start_shows_its_progress(started, qtbot, monkeypatch, isolated_folders) -> None:
    """Building the demo data takes seconds: a progress dialog counts the dossiers, then the sign-in."""
    import ui.application

    monkeypatch.setattr(ui.application, "DEMO_DOSSIERS", 300)
    seen: list[tuple[int, int, bool]] = []
    filling = ui.application._filling

    def watch(window, done: int, total: int) -> None:
        filling(window, done, total)
        seen.append((done, total, window.demo_progress.isVisible()))

    monkeypatch.setattr(ui.application, "_filling", watch)
    window = started(None, demo=True)
    qtbot.waitUntil(lambda: window.desk is not None, timeout=60_000)
    assert seen[0] == (0, 300, True) and seen[-1][:2] == (300, 300)
    assert [done for done, _, _ in seen] == sorted(done for done, _, _ in seen) and len(seen) >= 3
    assert window.demo_progress is None  # closed once the store is ready
    assert window.desk.dossiers.count() == 300


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_store_of_an_older_version_is_said_to_be_upgrading_then_opens(
    started, qtbot, tmp_path, monkeypatch, lang
) -> None:
    from db.connection import LATEST_VERSION, upgrades_pending
    from db.store import Store
    from ui.first_run import FirstRunDialog

    path = tmp_path / "older.sqlite3"
    Store(path, migrate_to=LATEST_VERSION - 2).close()  # as the previous version left it (no commune yet)
    assert upgrades_pending(path) == 2
    asked: list[bool] = []
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: asked.append(True) or 0)  # the store opened
    window = started(path, lang=lang)
    said: list[str] = []
    window.loader.upgrading.connect(lambda: said.append(window.lock_page.message.text()))
    qtbot.waitUntil(lambda: bool(asked) or failure_shown(window), timeout=20_000)
    expected = "Upgrading the store" if lang == "en" else "Đang nâng cấp kho dữ liệu"
    assert len(said) == 1 and expected in said[0]
    assert asked and upgrades_pending(path) == 0


def test_a_current_store_opens_without_an_upgrade_message(started, qtbot, tmp_path, clock) -> None:
    from db.connection import upgrades_pending

    path = tmp_path / "current.sqlite3"
    make_desk(path, clock).close()
    assert upgrades_pending(path) == 0
    window = started(path)
    said: list[bool] = []
    window.loader.upgrading.connect(lambda: said.append(True))
    qtbot.waitUntil(lambda: window.desk is not None, timeout=20_000)
    assert said == []
