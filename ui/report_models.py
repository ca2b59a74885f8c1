"""The Reports section's table models: the scorecard's indicators, the records that cost an indicator
its points, and the per-procedure and per-clerk tables. Rows come from app.scorecard; nothing here
computes a figure, it only words and colours them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics

from app.scorecard.desk_reports import LostItem
from app.scorecard.records import Breakdown, IndicatorResult
from ui import i18n

Index = QModelIndex | QPersistentModelIndex
LOST_COLOUR = "#fbe3e0"  # a row that costs points
GREY = "#6b7280"
# Plain ints, computed once: a view calls ``data`` for every role of every cell at every paint, and
# enum arithmetic there showed in the profile.
DISPLAY, TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
ALIGN, BACKGROUND, FOREGROUND = (
    int(Qt.ItemDataRole.TextAlignmentRole),
    int(Qt.ItemDataRole.BackgroundRole),
    int(Qt.ItemDataRole.ForegroundRole),
)
USER = int(Qt.ItemDataRole.UserRole)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
OPEN_COLOUR = "#a93226"  # a record that cost points and is still open; also late counts in the tables


def decimal(value: float, digits: int = 2) -> str:
    """72,50 in Vietnamese, 72.50 in English."""
    text = f"{value:,.{digits}f}"
    return text.translate(str.maketrans(",.", ".,")) if i18n.lang() == "vi" else text


def percent(value: float | None) -> str:
    return "—" if value is None else f"{decimal(value * 100)} %"


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


class _Table(QAbstractTableModel):
    """Rows of one kind, their cells worded once at ``load``: a view asks ``data`` for a dozen roles per
    cell at every paint, so each answer is a lookup. Headers are set by the subclass (translated there)."""

    headers: tuple[str, ...] = ()
    tips_are_texts = False  # a cell's tooltip is its text (for columns too narrow to show all of it)
    SortRole = int(Qt.ItemDataRole.UserRole) + 1
    ROLES = frozenset({DISPLAY, TOOLTIP, ALIGN, BACKGROUND, FOREGROUND})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.cells: list[tuple[str, ...]] = []

    def load(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.cells = [self.texts(row) for row in self.rows]
        self.endResetModel()

    def texts(self, row: Any) -> tuple[str, ...]:
        """A row's cells as shown."""
        raise NotImplementedError

    def other(self, row: Any, col: int, role: int) -> Any:
        """Any role but the text."""
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default argument)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        role = int(role)
        if role not in self.ROLES and role < USER:
            return None
        row, col = index.row(), index.column()
        if not (index.isValid() and 0 <= row < len(self.rows) and 0 <= col < len(self.headers)):
            return None
        if role == DISPLAY or (role == TOOLTIP and self.tips_are_texts):
            return self.cells[row][col]
        return self.other(self.rows[row], col, role)

    def widest(self, col: int, metrics: QFontMetrics) -> int:
        """The column's widest text, header included (to size a column without asking every cell)."""
        return max((metrics.horizontalAdvance(c[col]) for c in self.cells), default=0)


class IndicatorModel(_Table):
    """One row per indicator: value, points, most, points lost, how many records cost them, status."""

    COL_ID, COL_NAME, COL_VALUE, COL_POINTS, COL_MAX, COL_LOST_POINTS, COL_LOST, COL_STATUS = range(8)
    IdRole = int(Qt.ItemDataRole.UserRole) + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = (
            self.tr("Mã"),
            self.tr("Chỉ số"),
            self.tr("Tỷ lệ"),
            self.tr("Điểm"),
            self.tr("Tối đa"),
            self.tr("Điểm bị mất"),
            self.tr("Hồ sơ mất điểm"),
            self.tr("Tình trạng"),
        )
        self.statuses = {
            "full": self.tr("Đủ điểm"),
            "lost": self.tr("Mất điểm"),
            "no_data": self.tr("Chưa có dữ liệu"),
            "empty": self.tr("Không phát sinh"),
        }
        self.assumed = self.tr("Điểm tối đa là giả định: điểm của nhóm chia đều cho các chỉ số (chưa có văn bản).")

    def indicator(self, row: int) -> IndicatorResult:
        return self.rows[row]

    def state(self, i: IndicatorResult) -> str:
        if i.status != "ok":
            return i.status
        return "lost" if (i.points_lost or 0) > 0 else "full"

    def texts(self, i: IndicatorResult) -> tuple[str, ...]:
        return (
            i.id,
            i.name(i18n.lang()),
            percent(i.value),
            "—" if i.points is None else decimal(i.points),
            decimal(i.max_points) + (" *" if i.assumption else ""),
            "—" if i.points_lost is None else decimal(i.points_lost),
            i18n.number(i.lost_count) if i.status == "ok" else "—",
            self.statuses[self.state(i)],
        )

    def other(self, i: IndicatorResult, col: int, role: int) -> Any:
        if role == TOOLTIP:
            tips = [i.name(i18n.lang()), i.note, self.assumed if i.assumption else ""]
            return "\n".join(t for t in tips if t)
        if role == ALIGN and col not in (self.COL_ID, self.COL_NAME, self.COL_STATUS):
            return RIGHT
        if role == BACKGROUND and self.state(i) == "lost":
            return QBrush(QColor(LOST_COLOUR))
        if role == FOREGROUND and i.status != "ok":
            return QBrush(QColor(GREY))
        if role == self.IdRole:
            return i.id
        return None


class LostModel(_Table):
    """The records that cost one indicator its points: open one to see it."""

    COL_CODE, COL_NAME, COL_SUBJECT, COL_DUE, COL_STATUS = range(5)
    tips_are_texts = True
    CodeRole = int(Qt.ItemDataRole.UserRole) + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.feedback = False
        self.set_kind(feedback=False)
        self.missing = self.tr("(không có trên quầy này)")

    def set_kind(self, *, feedback: bool) -> None:
        """Dossiers (code, applicant, procedure) or feedback entries (number, person, content)."""
        self.feedback = feedback
        if feedback:
            self.headers = (self.tr("Số hiệu"), self.tr("Người phản ánh"), self.tr("Nội dung"))
        else:
            self.headers = (self.tr("Mã hồ sơ"), self.tr("Người nộp"), self.tr("Thủ tục"))
        self.headers += (self.tr("Hạn"), self.tr("Tình trạng"))

    def item(self, row: int) -> LostItem:
        return self.rows[row]

    def texts(self, item: LostItem) -> tuple[str, ...]:
        if not item.found:
            return (item.code, self.missing, "", "", "")
        due = "" if item.due is None else f"{item.due:%d/%m/%Y}"
        return (item.code, item.name, item.subject, due, item.status(i18n.lang()))

    def other(self, item: LostItem, col: int, role: int) -> Any:
        if role == FOREGROUND and item.open:  # still open: something can be done
            return QBrush(QColor(OPEN_COLOUR))
        if role == self.CodeRole:
            return item.code
        return None


class BreakdownModel(_Table):
    """The per-procedure or per-clerk table; sortable by any column (SortRole holds the number)."""

    FIELDS = ("received", "ended", "early", "on_time", "late", "in_progress", "overdue_now", "ratings")
    COL_KEY, COL_LABEL = 0, 1
    COL_ON_TIME_SHARE = 2 + len(FIELDS)
    COL_SATISFIED_SHARE = COL_ON_TIME_SHARE + 1
    RED = (2 + FIELDS.index("late"), 2 + FIELDS.index("overdue_now"))

    def __init__(self, first: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = (
            first,
            self.tr("Tên"),
            self.tr("Tiếp nhận"),
            self.tr("Đã giải quyết"),
            self.tr("Trước hạn"),
            self.tr("Đúng hạn"),
            self.tr("Quá hạn"),
            self.tr("Đang giải quyết"),
            self.tr("Đang quá hạn"),
            self.tr("Lượt đánh giá"),
            self.tr("Tỷ lệ đúng hạn"),
            self.tr("Tỷ lệ hài lòng"),
        )

    def _value(self, b: Breakdown, col: int) -> Any:
        if col == self.COL_KEY:
            return b.key
        if col == self.COL_LABEL:
            return b.label
        if col == self.COL_ON_TIME_SHARE:
            return share(b.early + b.on_time, b.ended)
        if col == self.COL_SATISFIED_SHARE:
            return share(b.satisfied, b.ratings)
        return getattr(b, self.FIELDS[col - 2])

    def texts(self, b: Breakdown) -> tuple[str, ...]:
        return (
            b.key,
            b.label,
            *(i18n.number(getattr(b, f)) for f in self.FIELDS),
            percent(share(b.early + b.on_time, b.ended)),
            percent(share(b.satisfied, b.ratings)),
        )

    def other(self, b: Breakdown, col: int, role: int) -> Any:
        if role == self.SortRole:
            value = self._value(b, col)
            return -1.0 if value is None else value
        if role == ALIGN and col > self.COL_LABEL:
            return RIGHT
        if role == FOREGROUND and col in self.RED and self._value(b, col):
            return QBrush(QColor(OPEN_COLOUR))
        return None
