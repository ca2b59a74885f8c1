"""The rating screen driven by pytest-qt: faces, follow-up, one rating per dossier, cooldown, reset."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

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


def test_accepts_the_service_and_opens_full_screen(qtbot, desk):
    screen = RatingScreen(desk.ratings)
    qtbot.addWidget(screen)
    screen.show_for_citizen()
    qtbot.waitExposed(screen)
    assert screen.isFullScreen() or screen.windowState() & Qt.WindowState.WindowFullScreen
