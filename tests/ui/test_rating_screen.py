"""The rating screen driven by pytest-qt: faces, follow-up, one rating per dossier, cooldown, reset."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from ui.rating_screen import ASK, FOLLOW_UP, NOTICE, THANKS, RatingScreen


@pytest.fixture
def returned(desk, admin, sample_input):
    dossier = desk.dossiers.receive(sample_input, admin)
    return desk.dossiers.act(dossier.code, "returned", admin)


def make(qtbot, desk, **kwargs) -> RatingScreen:
    screen = RatingScreen(desk, **kwargs)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    return screen


def test_face_press_follow_up_and_send(qtbot, desk, admin, returned):
    screen = make(qtbot, desk, dossier=returned, clerk=admin, thanks_ms=50)
    assert [b.level.vi for b in screen.face_buttons] == ["Rất hài lòng", "Hài lòng", "Chưa hài lòng", "Không hài lòng"]
    assert returned.code in screen.context_label.text()
    qtbot.mouseClick(screen.face_buttons[1], Qt.MouseButton.LeftButton)
    assert screen.pages.currentIndex() == FOLLOW_UP
    qtbot.mouseClick(screen.element_groups["officials"].button(1), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.element_groups["result"].button(3), Qt.MouseButton.LeftButton)
    screen.comment.setText("Cán bộ hướng dẫn tận tình")  # keyClicks cannot type Vietnamese
    with qtbot.waitSignal(screen.rated, timeout=2000) as signal:
        qtbot.mouseClick(screen.send_button, Qt.MouseButton.LeftButton)
    rating = desk.ratings.get(signal.args[0])
    assert (rating.level_key, rating.dossier_id, rating.clerk_id) == ("satisfied", returned.id, admin.id)
    assert rating.elements == {"officials": 1, "result": 3} and rating.comment == "Cán bộ hướng dẫn tận tình"
    assert screen.pages.currentIndex() == THANKS
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=2000)  # tied to a dossier: closes


def test_digit_keys_and_skip(qtbot, desk):
    screen = make(qtbot, desk)
    qtbot.keyClick(screen, Qt.Key.Key_4)
    assert screen.pages.currentIndex() == FOLLOW_UP and screen.level.key == "dissatisfied"
    with qtbot.waitSignal(screen.rated, timeout=2000):
        qtbot.mouseClick(screen.skip_button, Qt.MouseButton.LeftButton)
    rating = desk.ratings.get(screen.last_rating_id)
    assert (rating.level, rating.dossier_id, rating.elements, rating.comment) == (4, None, {}, "")


def test_standalone_resets_and_cooldown_holds_presses(qtbot, desk, clock):
    screen = make(qtbot, desk, thanks_ms=50)
    qtbot.keyClick(screen, Qt.Key.Key_1)
    with qtbot.waitSignal(screen.rated, timeout=2000):
        qtbot.keyClick(screen, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.pages.currentIndex() == ASK, timeout=2000)
    # The fixed clock has not moved: the cooldown is still on, the faces do not respond.
    assert not any(b.isEnabled() for b in screen.face_buttons)
    qtbot.keyClick(screen, Qt.Key.Key_1)
    qtbot.mouseClick(screen.face_buttons[0], Qt.MouseButton.LeftButton)
    assert screen.pages.currentIndex() == ASK
    clock.advance(seconds=5)
    qtbot.waitUntil(lambda: all(b.isEnabled() for b in screen.face_buttons), timeout=2000)
    qtbot.keyClick(screen, Qt.Key.Key_2)
    with qtbot.waitSignal(screen.rated, timeout=2000):
        screen.submit()
    assert len(desk.ratings.between(clock.now().date(), clock.now().date())) == 2


def test_a_rated_dossier_cannot_be_rated_again(qtbot, desk, returned, clock):
    desk.ratings.rate(1, dossier=returned.code)
    clock.advance(minutes=1)
    screen = make(qtbot, desk, dossier=returned, thanks_ms=50)
    assert screen.pages.currentIndex() == NOTICE and "đã được đánh giá" in screen.notice_label.text()
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=2000)


def test_second_window_for_the_same_dossier_is_refused_at_send(qtbot, desk, returned, clock):
    first = make(qtbot, desk, dossier=returned)
    second = make(qtbot, desk, dossier=returned)
    qtbot.keyClick(first, Qt.Key.Key_1)
    qtbot.keyClick(second, Qt.Key.Key_3)
    with qtbot.waitSignal(first.rated, timeout=2000):
        first.submit()
    clock.advance(minutes=1)
    with qtbot.assertNotEmitted(second.rated):
        second.submit()
    assert second.pages.currentIndex() == NOTICE
    assert desk.ratings.for_dossier(returned.id).level == 1


def test_unattended_follow_up_records_the_pressed_level(qtbot, desk):
    screen = make(qtbot, desk, follow_up_ms=50)
    qtbot.keyClick(screen, Qt.Key.Key_2)
    with qtbot.waitSignal(screen.rated, timeout=2000):
        pass
    assert desk.ratings.get(screen.last_rating_id).level_key == "satisfied"


def test_three_level_scale(qtbot, desk, admin):
    desk.ratings.set_scale("3", admin)
    screen = make(qtbot, desk)
    assert [b.level.vi for b in screen.face_buttons] == ["Rất hài lòng", "Hài lòng", "Không hài lòng"]
    qtbot.keyClick(screen, Qt.Key.Key_4)  # no fourth face
    assert screen.pages.currentIndex() == ASK


def test_one_monitor_a_closable_window_in_front(qtbot, desk):
    screen = RatingScreen(desk.ratings)
    qtbot.addWidget(screen)
    screen.show_for_citizen()
    qtbot.waitExposed(screen)
    assert not screen.own_screen and not screen.isFullScreen()
    assert screen.close_button.isVisible() and "Esc" in screen.close_button.text()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)


def test_escape_records_a_declined_rating_and_closes(qtbot, desk, returned, clock):
    screen = RatingScreen(desk, returned)
    qtbot.addWidget(screen)
    screen.show_for_citizen()
    qtbot.waitExposed(screen)
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert not screen.isVisible()
    decline = desk.ratings.db.decline_for_dossier(returned.id)
    assert (decline["how"], decline["dossier_code"]) == ("closed", returned.code)
    assert desk.ratings.for_dossier(returned.id) is None
    day = clock.now().date()
    assert (desk.ratings.response(day, day).rated, desk.ratings.response(day, day).declined) == (0, 1)
    # The decline travels to the hub like a rating does.
    outbox = [r for r in desk.store.outbox(limit=10_000) if r["entity"] == "rating_declined"]
    assert len(outbox) == 1


def test_close_button_declines_too(qtbot, desk, returned):
    screen = make(qtbot, desk, dossier=returned)
    qtbot.mouseClick(screen.close_button, Qt.MouseButton.LeftButton)
    assert not screen.isVisible() and desk.ratings.db.decline_for_dossier(returned.id)["how"] == "closed"


def test_timeout_records_a_declined_rating(qtbot, desk, returned, clock):
    screen = make(qtbot, desk, dossier=returned, timeout_ms=100)
    qtbot.waitUntil(lambda: not screen.isVisible(), timeout=3000)
    assert desk.ratings.db.decline_for_dossier(returned.id)["how"] == "timeout"
    # The citizen comes back and rates after all: counted as a response, not a decline.
    clock.advance(minutes=1)
    desk.ratings.rate(2, dossier=returned.code)
    day = clock.now().date()
    response = desk.ratings.response(day, day)
    assert (response.rated, response.declined, response.rate) == (1, 0, 1.0)


def test_escape_after_a_face_keeps_the_rating(qtbot, desk, returned):
    screen = make(qtbot, desk, dossier=returned)
    qtbot.keyClick(screen, Qt.Key.Key_2)
    assert screen.pages.currentIndex() == FOLLOW_UP
    with qtbot.waitSignal(screen.rated, timeout=2000):
        qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert desk.ratings.for_dossier(returned.id).level == 2
    assert desk.ratings.db.decline_for_dossier(returned.id) is None


def test_two_monitors_never_take_the_clerks_typing(qtbot, desk, returned, request):
    """On its own monitor the screen is not activated; the keypad answers it, the clerk keeps the keyboard.

    Qt's offscreen platform activates every window it shows, whatever its flags, so this test runs
    itself again on a real X server (Xvfb, the xcb platform), where activation follows the flags.
    """
    if QGuiApplication.platformName() == "offscreen":
        if shutil.which("xvfb-run") is None:
            pytest.skip("needs xvfb-run (apt install xvfb) to show windows on a real X server")
        env = dict(os.environ, QT_QPA_PLATFORM="xcb")
        run = subprocess.run(
            ["xvfb-run", "-a", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", request.node.nodeid],
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
            cwd=request.config.rootpath,
        )
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
        return
    clerk_window = QLineEdit()
    qtbot.addWidget(clerk_window)
    clerk_window.show()
    clerk_window.activateWindow()
    clerk_window.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is clerk_window)
    screen = RatingScreen(desk, returned)
    qtbot.addWidget(screen)
    # The offscreen platform has one screen: hand it over as the citizen's.
    screen.show_for_citizen(QGuiApplication.primaryScreen())
    qtbot.waitExposed(screen)
    assert screen.own_screen and screen.isFullScreen()
    assert screen.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert screen.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    qtbot.wait(100)
    assert QApplication.focusWidget() is clerk_window and QApplication.activeWindow() is clerk_window
    qtbot.keyClicks(clerk_window, "12")  # the main keyboard's digits stay with the clerk
    assert clerk_window.text() == "12" and screen.pages.currentIndex() == ASK
    qtbot.keyClick(clerk_window, Qt.Key.Key_3, Qt.KeyboardModifier.KeypadModifier)  # the keypad answers the citizen
    assert clerk_window.text() == "12" and screen.pages.currentIndex() == FOLLOW_UP and screen.level.number == 3
    with qtbot.waitSignal(screen.rated, timeout=2000):
        qtbot.keyClick(clerk_window, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert desk.ratings.for_dossier(returned.id).level == 3
    assert QApplication.focusWidget() is clerk_window
    screen.close()
    qtbot.keyClick(clerk_window, Qt.Key.Key_4, Qt.KeyboardModifier.KeypadModifier)  # closed: keypad is the clerk's
    assert clerk_window.text() == "124"
