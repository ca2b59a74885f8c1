"""The Reports section's table models: the scorecard's indicators, the records that cost an indicator
its points, and the per-procedure and per-clerk tables. Rows come from app.scorecard; nothing here
computes a figure, it only words and colours them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.scorecard.desk_reports import LostItem
from app.scorecard.records import Breakdown, IndicatorResult
from ui import i18n

Index = QModelIndex | QPersistentModelIndex
LOST_COLOUR = "#fbe3e0"  # a row that costs points
GREY = "#6b7280"
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
    """Rows of one kind; headers set by the subclass (translated there)."""

    headers: tuple[str, ...] = ()
    SortRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def load(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default argument)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def valid(self, index: Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self.rows) and 0 <= index.column() < len(self.headers)


class IndicatorModel(_Table):
    """One row per indicator: value, points, most, points lost, how many records cost them, status."""

    COL_ID, COL_NAME, COL_VALUE, COL_POINTS, COL_MAX, COL_LOST_POINTS, COL_LOST, COL_STATUS = range(8)
    IdRole = Qt.ItemDataRole.UserRole + 2

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

    def _text(self, i: IndicatorResult, col: int) -> str:
        if col == self.COL_ID:
            return i.id
        if col == self.COL_NAME:
            return i.name(i18n.lang())
        if col == self.COL_VALUE:
            return percent(i.value)
        if col == self.COL_POINTS:
            return "—" if i.points is None else decimal(i.points)
        if col == self.COL_MAX:
            return decimal(i.max_points) + (" *" if i.assumption else "")
        if col == self.COL_LOST_POINTS:
            return "—" if i.points_lost is None else decimal(i.points_lost)
        if col == self.COL_LOST:
            return i18n.number(i.lost_count) if i.status == "ok" else "—"
        return self.statuses[self.state(i)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        i: IndicatorResult = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(i, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = [i.name(i18n.lang()), i.note, self.assumed if i.assumption else ""]
            return "\n".join(t for t in tips if t)
        if role == Qt.ItemDataRole.TextAlignmentRole and col not in (self.COL_ID, self.COL_NAME, self.COL_STATUS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.state(i) == "lost":
            return QBrush(QColor(LOST_COLOUR))
        if role == Qt.ItemDataRole.ForegroundRole and i.status != "ok":
            return QBrush(QColor(GREY))
        if role == self.IdRole:
            return i.id
        return None


class LostModel(_Table):
    """The records that cost one indicator its points: open one to see it."""

    COL_CODE, COL_NAME, COL_SUBJECT, COL_DUE, COL_STATUS = range(5)
    CodeRole = Qt.ItemDataRole.UserRole + 2

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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        item: LostItem = self.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.COL_CODE:
                return item.code
            if not item.found:
                return self.missing if col == self.COL_NAME else ""
            if col == self.COL_NAME:
                return item.name
            if col == self.COL_SUBJECT:
                return item.subject
            if col == self.COL_DUE:
                return "" if item.due is None else f"{item.due:%d/%m/%Y}"
            return item.status(i18n.lang())
        if role == Qt.ItemDataRole.ForegroundRole and item.open:  # still open: something can be done
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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        b: Breakdown = self.rows[index.row()]
        col = index.column()
        value = self._value(b, col)
        if role == Qt.ItemDataRole.DisplayRole:
            if col in (self.COL_KEY, self.COL_LABEL):
                return value
            if col >= self.COL_ON_TIME_SHARE:
                return percent(value)
            return i18n.number(value)
        if role == self.SortRole:
            return -1.0 if value is None else value
        if role == Qt.ItemDataRole.TextAlignmentRole and col > self.COL_LABEL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col in self.RED and value:
            return QBrush(QColor(OPEN_COLOUR))
        return None
