"""The feedback registers as a table model: columns, masked identities, overdue/due-soon colouring.

Entries arrive already masked (a denouncer's identity is never in a FeedbackEntry), so neither the
cells nor their tooltips can show it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.core.records import label
from app.feedback.confidential import MASK
from app.feedback.records import FeedbackEntry
from app.feedback.rules import FEEDBACK_CHANNELS, FEEDBACK_STATUSES, KINDS
from app.feedback.service import FeedbackService
from ui import i18n

Index = QModelIndex | QPersistentModelIndex

URGENCY_COLOURS = {"overdue": "#f8d0d0", "due_soon": "#fff0c2"}


class FeedbackTableModel(QAbstractTableModel):
    """Rows are masked FeedbackEntry records; the colour of a row says overdue or due soon."""

    (
        COL_NUMBER,
        COL_KIND,
        COL_RECEIVED,
        COL_PERSON,
        COL_CHANNEL,
        COL_CATEGORY,
        COL_CONTENT,
        COL_DUE,
        COL_STATUS,
        COL_OFFICER,
    ) = range(10)
    EntryRole = Qt.ItemDataRole.UserRole + 1
    UrgencyRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, service: FeedbackService, *, lang: str = "vi", parent: Any = None) -> None:
        super().__init__(parent)
        self.service = service
        self.lang = lang
        self.filters: dict[str, Any] = {}
        # "Số hiệu" (the entry's number) and "Loại sổ" (which register): never "Số" beside "Sổ".
        self.headers = (
            self.tr("Số hiệu"),
            self.tr("Loại sổ"),
            self.tr("Ngày nhận"),
            self.tr("Người gửi"),
            self.tr("Hình thức"),
            self.tr("Phân loại"),
            self.tr("Nội dung"),
            self.tr("Hạn"),
            self.tr("Trạng thái"),
            self.tr("Cán bộ"),
        )
        self.mask_tooltip = self.tr("Thông tin người tố cáo được bảo mật")
        self.urgency_tips = {"overdue": self.tr("Quá hạn"), "due_soon": self.tr("Sắp đến hạn")}
        self.anonymous = self.tr("(ẩn danh)")
        self._entries: list[FeedbackEntry] = []
        self._urgency: list[str] = []
        self._officers: dict[str, str] = {}
        self.refresh()

    def set_filters(self, **filters: Any) -> None:
        self.filters = {k: v for k, v in filters.items() if v}
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._entries = self.service.list(**self.filters)
        self._urgency = [self.service.urgency(e) for e in self._entries]
        self._officers = {c.id: c.full_name for c in self.service.officers()}
        self.endResetModel()

    def entry(self, row: int) -> FeedbackEntry:
        return self._entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default argument)
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_PERSON and entry.confidential:
                return self.mask_tooltip
            if col == self.COL_CONTENT:
                return entry.content
            if col == self.COL_DUE and entry.due:
                return self.urgency_tips.get(self._urgency[index.row()], "")
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = URGENCY_COLOURS.get(self._urgency[index.row()])
            return QBrush(QColor(colour)) if colour else None
        if role == self.EntryRole:
            return entry
        if role == self.UrgencyRole:
            return self._urgency[index.row()]
        return None

    def _text(self, e: FeedbackEntry, col: int) -> str:
        lang = self.lang
        if col == self.COL_NUMBER:
            return e.number
        if col == self.COL_KIND:
            return label(KINDS, e.kind, lang)
        if col == self.COL_RECEIVED:
            return i18n.when(e.received_at)
        if col == self.COL_PERSON:
            if e.confidential:
                return MASK
            return e.person_name or self.anonymous
        if col == self.COL_CHANNEL:
            return label(FEEDBACK_CHANNELS, e.channel, lang)
        if col == self.COL_CATEGORY:
            return e.category
        if col == self.COL_CONTENT:
            return e.content if len(e.content) <= 80 else e.content[:79] + "…"  # the tooltip has it all
        if col == self.COL_DUE:
            return f"{e.due:%d/%m/%Y}" if e.due else ""
        if col == self.COL_STATUS:
            return label(FEEDBACK_STATUSES, e.status, lang)
        return self._officers.get(e.assigned_to or "", "")
