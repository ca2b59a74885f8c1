"""Every translated string stretched (MOTCUA_STRETCH=1, Vorta's and Picard's switch): the main screens
take it without clipping, in Vietnamese and in English, at the desk's usual 1280×800."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar, QWidget

from tests.conftest import ADMIN_PASSWORD, dossier_input
from ui import i18n

WIDTH, HEIGHT = 1280, 800


@pytest.fixture
def stretched(request, monkeypatch, qapp):
    monkeypatch.setenv(i18n.STRETCH_ENV, "1")
    lang = request.param
    i18n.install(lang)
    yield lang
    monkeypatch.delenv(i18n.STRETCH_ENV)
    i18n.install("vi")


def clipped(root: QWidget) -> list[str]:
    """Labels and buttons on screen smaller than the least their text needs."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or not isinstance(widget, QLabel | QAbstractButton) or not widget.text():
            continue
        need = widget.minimumSizeHint()
        if isinstance(widget, QLabel) and not widget.wordWrap():
            need = need.expandedTo(widget.sizeHint())  # a one-line label shows all of its text or clips it
        if widget.width() < need.width() or widget.height() < need.height():
            found.append(
                f"{type(widget).__name__} {widget.text()[:40]!r}: {widget.size().toTuple()} < {need.toTuple()}"
            )
    for bar in root.findChildren(QTabBar):
        if bar.isVisible() and bar.sizeHint().width() > bar.width():
            found.append(f"tab bar needs {bar.sizeHint().width()} px, has {bar.width()}")
    return found


def settle(qtbot, window) -> None:
    window.resize(WIDTH, HEIGHT)
    qtbot.wait(30)
    QApplication.processEvents()


@pytest.mark.parametrize("stretched", ["vi", "en"], indirect=True)
def test_main_screens_take_stretched_strings(stretched, qtbot, desk, printer, monkeypatch):
    from ui.main_window import MainWindow

    assert i18n.stretch("Tệp") != "Tệp"
    window = MainWindow(desk, printer=printer, rating_after_return=False, sync=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    problems = {"sign-in": clipped(window)}
    assert window.lock_page.button.text().startswith("Ẫ")  # the switch is on
    window.lock_page.username.setText("admin")
    window.lock_page.password.setText(ADMIN_PASSWORD)
    window.lock_page.submit()
    dossier = desk.dossiers.receive(dossier_input(), window.clerk)
    for key in ("receive", "dossiers", "return", "feedback", "reports"):
        window.show_section(key)
        if key == "reports":  # the scorecard on screen, its lost list and the charts page too
            qtbot.waitUntil(lambda: window.sections["reports"].report is not None, timeout=10_000)
            settle(qtbot, window)
            window.sections["reports"].pages.setCurrentIndex(1)
            settle(qtbot, window)
            problems["reports charts"] = clipped(window)
            window.sections["reports"].pages.setCurrentIndex(0)
        if key == "receive":
            window.receive.select_procedure("HT04")
        if key == "return":
            window.returns.open_code(dossier.code)
        settle(qtbot, window)
        problems[key] = clipped(window)
    from app.citizens import demo

    demo.populate(desk, window.clerk)  # the reception pages with rows, a conclusion and a late follow-up
    section = window.show_section("reception")
    for page in ("register", "sessions", "dialogues", "follow_ups", "disclosure"):
        section.show_page(page)
        settle(qtbot, window)
        problems[f"reception {page}"] = clipped(window)
    dialog = window.dossiers.open_code(dossier.code)
    dialog.resize(1000, 560)
    qtbot.waitExposed(dialog)
    qtbot.wait(30)
    problems["dossier dialog"] = clipped(dialog)
    dialog.close()
    problems["sync problems"] = clipped(window.show_sync_problems())
    assert window.width() <= WIDTH and window.height() <= HEIGHT, window.size()
    assert {k: v for k, v in problems.items() if v} == {}
