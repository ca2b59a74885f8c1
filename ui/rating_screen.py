"""The citizen-facing rating screen ("Chính quyền thân thiện"): large face buttons.

Two monitors (or a touch screen beside the clerk's): full screen on the citizen's screen, answered
by touch, mouse or a numeric keypad, and never active: it does not take the clerk's typing (the
keypad's keys are routed to it, the rest of the keyboard stays with the clerk). One monitor: a
window the citizen uses and the clerk can close (Escape, the close button) and that closes itself
after ``timeout_ms`` without a face. A citizen who leaves without a face is recorded as declined
(app.feedback.ratings), so the response rate can be reported.

One press picks the level; an optional follow-up asks about the five SIPAS elements and a comment;
the rating is recorded once (app.feedback.ratings refuses a second one for a dossier and presses
within its cooldown), then a thank-you, then the screen resets (standalone) or closes (after a
returned dossier).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QHideEvent, QKeyEvent, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.feedback.ratings import AlreadyRated, Level, RatingService, RatingTooSoon, elements
from ui.errors import CATCHABLE, user_error
from ui.rating_faces import FaceButton

log = logging.getLogger(__name__)
ASK, FOLLOW_UP, THANKS, NOTICE = range(4)
# The citizen reads both languages at once on this screen.
ALREADY_RATED = "Hồ sơ này đã được đánh giá. Xin cảm ơn!\nThis dossier has already been rated. Thank you!"
TIMEOUT_MS = 60_000  # a face not chosen within a minute: the citizen has gone, the clerk's desk is free


def citizen_screen() -> QScreen | None:
    """The screen that faces the citizen: any screen but the clerk's (primary) one, else None."""
    primary = QGuiApplication.primaryScreen()
    return next((s for s in QGuiApplication.screens() if s is not primary), None)


class KeypadRouter(QObject):
    """While the screen faces the citizen on its own monitor, the numeric keypad's digits and Enter go
    to it wherever the clerk's focus is; every other key stays with the clerk."""

    def __init__(self, screen: RatingScreen) -> None:
        super().__init__(screen)
        self.screen = screen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.modifiers() & Qt.KeyboardModifier.KeypadModifier
            and self.screen.isVisible()
            and self.screen.handle_key(event.key())
        ):
            return True
        return False


def _label(text: str, size: int, *, bold: bool = False, colour: str = "#102a43") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    font = label.font()
    font.setPixelSize(size)
    font.setBold(bold)
    label.setFont(font)
    label.setStyleSheet(f"color: {colour};")
    return label


class RatingScreen(QWidget):
    """``RatingScreen(desk_or_service, dossier=None, clerk=None)``; emits ``rated(rating_id)``."""

    rated = Signal(str)

    def __init__(
        self,
        desk_or_service: Any,
        dossier: Any = None,
        clerk: Any = None,
        *,
        thanks_ms: int = 6000,
        follow_up_ms: int = 45000,
        timeout_ms: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.own_screen = False  # True: full screen on the citizen's monitor, never active
        self.declined = False
        self.router: KeypadRouter | None = None
        self.service: RatingService = getattr(desk_or_service, "ratings", desk_or_service)
        self.dossier_code: str | None = getattr(dossier, "code", dossier)
        self.dossier_id: str | None = getattr(dossier, "id", None)
        self.procedure_name: str = getattr(dossier, "procedure_name", "") or ""
        self.clerk_id: str | None = getattr(clerk, "id", clerk)
        self.scale = self.service.scale
        self.level: Level | None = None
        self.last_rating_id: str | None = None
        self.setWindowTitle("Đánh giá mức độ hài lòng — Satisfaction rating")
        self.setObjectName("ratingScreen")
        self.setStyleSheet("#ratingScreen { background: #f4f7fb; }")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.thanks_timer = QTimer(self, singleShot=True, interval=thanks_ms)
        self.thanks_timer.timeout.connect(self._after_thanks)
        # An unattended follow-up still records the level the citizen pressed.
        self.follow_up_timer = QTimer(self, singleShot=True, interval=follow_up_ms)
        self.follow_up_timer.timeout.connect(self.submit)
        self.cooldown_timer = QTimer(self, singleShot=True)
        self.cooldown_timer.timeout.connect(self._refresh_enabled)
        # No face within the timeout: the citizen has left; the screen closes and says so in the figures.
        self.timeout_timer = QTimer(self, singleShot=True, interval=TIMEOUT_MS if timeout_ms is None else timeout_ms)
        self.timeout_timer.timeout.connect(self._timed_out)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._ask_page())
        self.pages.addWidget(self._follow_up_page())
        self.pages.addWidget(self._thanks_page())
        self.pages.addWidget(self._notice_page())
        self.close_button = QPushButton("Đóng · Close (Esc)")
        self.close_button.setObjectName("ratingClose")
        self.close_button.setMinimumHeight(48)
        self.close_button.setStyleSheet("QPushButton { font-size: 18px; padding: 6px 22px; }")
        self.close_button.clicked.connect(lambda: self.leave("closed"))
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.close_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 16, 40, 30)
        outer.addLayout(top)
        outer.addWidget(self.pages)
        self.reset()

    # Pages

    def _ask_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_label("Ông/Bà có hài lòng với sự phục vụ của chúng tôi?", 40, bold=True))
        layout.addWidget(_label("How satisfied are you with our service?", 24, colour="#486581"))
        context = "Chính quyền thân thiện, vì nhân dân phục vụ"
        if self.dossier_code:
            context = f"Hồ sơ {self.dossier_code}" + (f" — {self.procedure_name}" if self.procedure_name else "")
        self.context_label = _label(context, 22, colour="#334e68")
        layout.addWidget(self.context_label)
        layout.addSpacing(20)
        row = QHBoxLayout()
        row.setSpacing(24)
        self.face_buttons: list[FaceButton] = []
        for level in self.scale.levels:
            button = FaceButton(level)
            button.clicked.connect(lambda _=False, lv=level: self.choose(lv.number))
            row.addWidget(button)
            self.face_buttons.append(button)
        layout.addLayout(row, 1)
        self.ask_message = _label("", 22, colour="#b00020")
        layout.addWidget(self.ask_message)
        layout.addWidget(
            _label("Chạm vào một khuôn mặt hoặc bấm phím số · Touch a face or press its number", 18, colour="#627d98")
        )
        return page

    def _follow_up_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.chosen_label = _label("", 30, bold=True)
        layout.addWidget(self.chosen_label)
        layout.addWidget(
            _label("Ông/Bà có thể cho biết thêm (không bắt buộc) · Tell us more (optional)", 22, colour="#486581")
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        self.element_groups: dict[str, QButtonGroup] = {}
        for row, element in enumerate(elements()):
            name = _label(f"{element.vi}\n{element.en}", 20)
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(name, row, 0)
            group = QButtonGroup(page)
            group.setExclusive(True)
            for col, level in enumerate(self.scale.levels, start=1):
                button = FaceButton(level, compact=True)
                button.setCheckable(True)
                button.setMinimumSize(72, 72)
                group.addButton(button, level.number)
                grid.addWidget(button, row, col)
            group.buttonClicked.connect(lambda _b: self.follow_up_timer.start())
            self.element_groups[element.key] = group
        layout.addLayout(grid, 1)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText("Góp ý của Ông/Bà · Your comment")
        self.comment.setMaxLength(1000)
        font = self.comment.font()
        font.setPixelSize(24)
        self.comment.setFont(font)
        self.comment.setMinimumHeight(56)
        self.comment.textEdited.connect(lambda _t: self.follow_up_timer.start())
        layout.addWidget(self.comment)
        buttons = QHBoxLayout()
        self.skip_button = QPushButton("Bỏ qua · Skip")
        self.send_button = QPushButton("Gửi đánh giá · Send")
        for button, colour in ((self.skip_button, "#829ab1"), (self.send_button, "#1565c0")):
            button.setMinimumHeight(72)
            button.setStyleSheet(
                f"QPushButton {{ font-size: 26px; font-weight: bold; color: white;"
                f" background: {colour}; border-radius: 14px; padding: 8px 30px; }}"
            )
            buttons.addWidget(button)
        self.skip_button.clicked.connect(self.skip)
        self.send_button.clicked.connect(self.submit)
        layout.addLayout(buttons)
        return page

    def _thanks_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(_label("Xin chân thành cảm ơn Ông/Bà!", 48, bold=True, colour="#2e7d32"))
        layout.addWidget(_label("Thank you for your feedback!", 28, colour="#486581"))
        layout.addStretch(1)
        return page

    def _notice_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.notice_label = _label("", 36, bold=True)
        layout.addWidget(self.notice_label)
        layout.addStretch(1)
        return page

    # Flow

    def reset(self) -> None:
        """Back to the question, nothing chosen."""
        self.level = None
        self.follow_up_timer.stop()
        self.comment.clear()
        for group in self.element_groups.values():
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
        self.ask_message.setText("")
        self.pages.setCurrentIndex(ASK)
        self.timeout_timer.start()
        if self.dossier_id and not self.service.can_rate(self.dossier_id):
            self._notice(ALREADY_RATED)
            return
        self._refresh_enabled()

    def _refresh_enabled(self) -> None:
        remaining = self.service.cooldown_remaining()
        for button in self.face_buttons:
            button.setEnabled(remaining <= 0)
        if remaining > 0:
            # Polled, not slept through: the desk's clock decides, and it may be moved (tests, NTP).
            self.cooldown_timer.start(min(int(remaining * 1000) + 50, 500))

    def choose(self, number: int) -> None:
        """The citizen pressed a face (or its digit): ask the optional follow-up."""
        if self.pages.currentIndex() != ASK or not self.face_buttons[number - 1].isEnabled():
            return
        if self.service.cooldown_remaining() > 0:
            self._refresh_enabled()
            return
        self.timeout_timer.stop()
        self.level = self.scale.level(number)
        self.chosen_label.setText(f"{self.level.vi} · {self.level.en}")
        self.pages.setCurrentIndex(FOLLOW_UP)
        self.follow_up_timer.start()

    def skip(self) -> None:
        """Record the level without the follow-up."""
        self.comment.clear()
        for group in self.element_groups.values():
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
        self.submit()

    def submit(self) -> None:
        if self.level is None or self.pages.currentIndex() != FOLLOW_UP:
            return
        self.follow_up_timer.stop()
        given = {key: group.checkedId() for key, group in self.element_groups.items() if group.checkedId() > 0}
        try:
            rating = self.service.rate(
                self.level.number,
                dossier=self.dossier_id or self.dossier_code,
                clerk_id=self.clerk_id,
                elements_given=given,
                comment=self.comment.text(),
            )
        except AlreadyRated:
            self._notice(ALREADY_RATED)
            return
        except RatingTooSoon as exc:
            self.pages.setCurrentIndex(ASK)
            self.ask_message.setText(f"{exc.message('vi')} · {exc.message('en')}")
            self._refresh_enabled()
            return
        except CATCHABLE as caught:
            exc = user_error(caught)
            self._notice(f"{exc.message('vi')}\n{exc.message('en')}")
            return
        self.last_rating_id = rating.id
        self.timeout_timer.stop()
        self.pages.setCurrentIndex(THANKS)
        self.thanks_timer.start()
        self.rated.emit(rating.id)

    def _notice(self, text: str) -> None:
        self.timeout_timer.stop()
        self.notice_label.setText(text)
        self.pages.setCurrentIndex(NOTICE)
        self.thanks_timer.start()

    def _after_thanks(self) -> None:
        if self.dossier_code:
            self.close()  # tied to one dossier: the clerk's window takes over again
        else:
            self.reset()

    def _timed_out(self) -> None:
        if self.own_screen and not self.dossier_id:
            self.timeout_timer.start()  # a standalone screen on its own monitor waits for the next citizen
            return
        self.leave("timeout")

    def leave(self, how: str = "closed") -> None:
        """Escape, the close button or the timeout: what the citizen chose is kept, then the screen closes."""
        self._record_leaving(how)
        self.close()

    def _record_leaving(self, how: str) -> None:
        """A face already chosen is recorded; none chosen, for a dossier, is recorded as declined (once)."""
        page = self.pages.currentIndex()
        if page == FOLLOW_UP and self.level is not None:
            self.submit()  # the citizen did answer: keep the level, skip the thanks
        elif page == ASK and self.dossier_id and not self.declined:
            try:
                self.declined = self.service.decline(self.dossier_id, clerk_id=self.clerk_id, how=how)
            except CATCHABLE as caught:
                user_error(caught)  # a bug is raised again; the store's refusal only costs the decline
                log.warning("the declined rating of %s was not recorded", self.dossier_code)

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window's own close button (one monitor) is the clerk leaving it, as Escape is.
        if event.spontaneous() and self.pages.currentIndex() in (ASK, FOLLOW_UP):
            self._record_leaving("closed")
        super().closeEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        # A closed screen must not wake up later and query a store that may be closed by then.
        for timer in (self.thanks_timer, self.follow_up_timer, self.cooldown_timer, self.timeout_timer):
            timer.stop()
        if self.router is not None:
            QApplication.instance().removeEventFilter(self.router)
            self.router = None
        super().hideEvent(event)

    # Keys and screens

    def handle_key(self, key: int) -> bool:
        """A digit picks a face; Enter sends the follow-up; True if the key was used."""
        digit = key - Qt.Key.Key_0
        if self.pages.currentIndex() == ASK and 1 <= digit <= len(self.face_buttons):
            self.choose(digit)
            return True
        if self.pages.currentIndex() == FOLLOW_UP and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.leave("closed")
            return
        if self.handle_key(event.key()):
            return
        super().keyPressEvent(event)

    def show_for_citizen(self, screen: QScreen | None = None) -> None:
        """On the citizen's own monitor: full screen there, not activated, keypad routed to it.
        On the clerk's only monitor: a large window in front, active, closable."""
        target = screen if screen is not None else citizen_screen()
        if target is not None:
            self.own_screen = True
            self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus, True)
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            for button in self.findChildren(QPushButton) + self.face_buttons:
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            for group in self.element_groups.values():
                for button in group.buttons():
                    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            # Typing a comment would need the keyboard the clerk is using: the faces say enough here.
            self.comment.hide()
            self.router = KeypadRouter(self)
            QApplication.instance().installEventFilter(self.router)
            self.setScreen(target)
            self.setGeometry(target.geometry())
            # Not showFullScreen(): it also activates the window, which would take the clerk's keyboard.
            self.setWindowState(self.windowState() | Qt.WindowState.WindowFullScreen)
            self.show()
            return
        self.own_screen = False
        primary = QGuiApplication.primaryScreen()
        if primary is not None:
            area = primary.availableGeometry()
            width, height = int(area.width() * 0.9), int(area.height() * 0.9)
            self.setGeometry(
                area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2, width, height
            )
        self.show()
        self.raise_()
        self.activateWindow()
        self.setFocus()
