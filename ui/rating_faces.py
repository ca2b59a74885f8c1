"""The faces of the rating screen, drawn with QPainter (no emoji font needed): big touch targets."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from app.feedback.ratings import Level

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
