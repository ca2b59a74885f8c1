"""The citizen-facing rating screen ("Chính quyền thân thiện"): full screen, large face buttons.

Shown on a second monitor or touch screen when there is one, else on the clerk's screen turned to
the citizen. One press picks the level; an optional follow-up asks about the five SIPAS elements
and a comment; the rating is recorded once (app.feedback.ratings refuses a second one for a dossier and
presses within its cooldown), then a thank-you, then the screen resets (standalone) or closes
(after a returned dossier). Faces are drawn with QPainter: no emoji font is needed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QHideEvent,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.feedback.ratings import AlreadyRated, Level, RatingService, RatingTooSoon, elements
from ui.errors import CATCHABLE, user_error

ASK, FOLLOW_UP, THANKS, NOTICE = range(4)
# The citizen reads both languages at once on this screen.
ALREADY_RATED = "Hồ sơ này đã được đánh giá. Xin cảm ơn!\nThis dossier has already been rated. Thank you!"
# Face colours by mood (2 = broad smile … -2 = frown): green to red, readable by colour-blind
# citizens too because the mouth shape carries the meaning.
_MOOD_COLOURS = {2: "#2e9d4f", 1: "#7cbf3a", 0: "#f2b705", -1: "#f07f22", -2: "#d8342c"}


def _face_colour(mood: int) -> QColor:
    return QColor(_MOOD_COLOURS.get(max(-2, min(2, mood)), "#999999"))


def paint_face(p: QPainter, rect: QRectF, mood: int, *, dimmed: bool = False) -> None:
    """A round face whose mouth curves with the mood."""
    side = min(rect.width(), rect.height())
    face = QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side)
    colour = _face_colour(mood)
    if dimmed:
        colour.setAlpha(90)
    p.setPen(QPen(colour.darker(130), max(2.0, side * 0.03)))
    p.setBrush(colour)
    p.drawEllipse(face)
    ink = QColor("#1f1f1f")
    ink.setAlpha(90 if dimmed else 255)
    p.setBrush(ink)
    p.setPen(Qt.PenStyle.NoPen)
    eye = side * 0.09
    for dx in (-0.18, 0.18):
        p.drawEllipse(QPointF(face.center().x() + dx * side, face.center().y() - 0.12 * side), eye / 2, eye * 0.65)
    pen = QPen(ink, max(3.0, side * 0.06))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    left = QPointF(face.center().x() - 0.24 * side, face.center().y() + 0.2 * side)
    right = QPointF(face.center().x() + 0.24 * side, face.center().y() + 0.2 * side)
    bend = 0.09 * side * mood  # positive: the middle goes down (a smile)
    path = QPainterPath(left)
    path.quadTo(QPointF(face.center().x(), left.y() + 2 * bend), right)
    p.drawPath(path)


class FaceButton(QAbstractButton):
    """A big touch target: a face, the level in Vietnamese, its English name and the key to press."""

    def __init__(self, level: Level, *, compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = level
        self.compact = compact
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(f"{level.vi} / {level.en}")
        self.setToolTip(f"{level.vi} — {level.en} ({level.number})")

    def sizeHint(self) -> QSize:
        return QSize(64, 64) if self.compact else QSize(220, 280)

    def minimumSizeHint(self) -> QSize:
        return QSize(48, 48) if self.compact else QSize(150, 200)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(3, 3, -3, -3)
        selected = self.isChecked() or self.isDown()
        background = QColor("#e7f3ff") if selected else QColor("#ffffff")
        p.setPen(QPen(QColor("#1565c0") if selected or self.hasFocus() else QColor("#c9d3dd"), 4 if selected else 2))
        p.setBrush(background)
        p.drawRoundedRect(r, 18, 18)
        dimmed = not self.isEnabled()
        if self.compact:
            paint_face(p, r.adjusted(6, 6, -6, -6), self.level.mood, dimmed=dimmed)
            p.end()
            return
        face_box = QRectF(r.left() + 12, r.top() + 12, r.width() - 24, r.height() * 0.5)
        paint_face(p, face_box, self.level.mood, dimmed=dimmed)
        # Vietnamese labels often wrap to two lines ("Không hài lòng"): the box holds two.
        name_box = QRectF(r.left() + 6, face_box.bottom() + 8, r.width() - 12, r.height() * 0.25)
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(16, min(int(r.height() * 0.085), int(r.width() * 0.13))))
        p.setFont(font)
        p.setPen(QColor("#888888") if dimmed else QColor("#102a43"))
        p.drawText(name_box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.level.vi)
        small = QFont(self.font())
        small.setPixelSize(max(12, min(int(r.height() * 0.05), int(r.width() * 0.075))))
        p.setFont(small)
        p.setPen(QColor("#888888") if dimmed else QColor("#486581"))
        p.drawText(
            QRectF(r.left() + 4, name_box.bottom(), r.width() - 8, r.bottom() - name_box.bottom() - 6),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            f"{self.level.en}  ·  [{self.level.number}]",
        )
        p.end()


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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
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

        self.pages = QStackedWidget()
        self.pages.addWidget(self._ask_page())
        self.pages.addWidget(self._follow_up_page())
        self.pages.addWidget(self._thanks_page())
        self.pages.addWidget(self._notice_page())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 30, 40, 30)
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
        self.pages.setCurrentIndex(THANKS)
        self.thanks_timer.start()
        self.rated.emit(rating.id)

    def _notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.pages.setCurrentIndex(NOTICE)
        self.thanks_timer.start()

    def _after_thanks(self) -> None:
        if self.dossier_code:
            self.close()  # tied to one dossier: the clerk's window takes over again
        else:
            self.reset()

    def hideEvent(self, event: QHideEvent) -> None:
        # A closed screen must not wake up later and query a store that may be closed by then.
        for timer in (self.thanks_timer, self.follow_up_timer, self.cooldown_timer):
            timer.stop()
        super().hideEvent(event)

    # Keys and screens

    def keyPressEvent(self, event: QKeyEvent) -> None:
        digit = event.key() - Qt.Key.Key_0
        if self.pages.currentIndex() == ASK and 1 <= digit <= len(self.face_buttons):
            self.choose(digit)
            return
        if self.pages.currentIndex() == FOLLOW_UP and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return
        super().keyPressEvent(event)

    def show_for_citizen(self) -> None:
        """Full screen on the second monitor if there is one, else on this one."""
        screens = QGuiApplication.screens()
        primary = QGuiApplication.primaryScreen()
        target = next((s for s in screens if s is not primary), primary)
        if target is not None:
            self.setScreen(target)
            self.setGeometry(target.geometry())
        self.showFullScreen()
        self.activateWindow()
        self.setFocus()
