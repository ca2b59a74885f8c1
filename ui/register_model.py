"""The dossier register as a Qt table: a thin adapter over app.reception.register, loaded a page at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor

from app.core.records import label
from app.reception.records import STATUSES
from app.reception.register import PAGE_SIZE, Count, Filters, Register, RegisterRow
from ui import i18n

Index = QModelIndex | QPersistentModelIndex

URGENCY_COLOURS = {"overdue": QColor("#f8c9c4"), "today": QColor("#fbd9a6"), "week": QColor("#fbf0b2")}
URGENCY_TEXT = {"overdue": QColor("#8a1c10")}
SYNC_TEXT = {
    "pending": QColor("#7f6000"),
    "sent": QColor("#1e7b34"),
    "error": QColor("#a93226"),
    "unlinked": QColor("#6b7280"),  # no hub set up: neutral, nothing is late
}
# rowids -> {rowid: app.sync.service.RecordState}; asked only for the rows the view shows
SyncStates = Callable[[list[int]], dict[int, Any]]


class RegisterModel(QAbstractTableModel):
    COL_CODE, COL_APPLICANT, COL_PROCEDURE, COL_RECEIVED, COL_DUE, COL_STATUS, COL_SYNC = range(7)
    COLUMN_COUNT = 7

    CodeRole = Qt.ItemDataRole.UserRole + 1
    UrgencyRole = Qt.ItemDataRole.UserRole + 2
    StatusRole = Qt.ItemDataRole.UserRole + 3
    RowRole = Qt.ItemDataRole.UserRole + 4
    SyncRole = Qt.ItemDataRole.UserRole + 5

    def __init__(
        self,
        register: Register,
        parent: Any = None,
        page_size: int = PAGE_SIZE,
        *,
        load: bool = True,
        sync_states: SyncStates | None = None,
    ) -> None:
        super().__init__(parent)
        self.register = register
        self.sync_states = sync_states
        self._sync: dict[int, Any] = {}  # rowid -> RecordState, for rows the view has shown
        self._sync_wanted: dict[int, int] = {}  # rowid -> row, asked for since the last lookup
        self._sync_timer = QTimer(self)
        self._sync_timer.setSingleShot(True)
        self._sync_timer.timeout.connect(self._look_up_sync)
        self.page_size = page_size
        self.filters = Filters()
        self._rows: list[RegisterRow] = []
        self._exhausted = False
        self._count: Count | None = None
        self._headers = (
            self.tr("Mã hồ sơ"),
            self.tr("Người nộp"),
            self.tr("Thủ tục"),
            self.tr("Ngày nhận"),
            self.tr("Hẹn trả"),
            self.tr("Trạng thái"),
            self.tr("Đồng bộ"),
        )
        self._sync_labels = {
            "pending": self.tr("chờ gửi"),
            "sent": self.tr("đã gửi"),
            "error": self.tr("lỗi"),
            "unlinked": self.tr("chưa kết nối"),
        }
        if load:
            self._load_page()
        else:
            self._exhausted = True  # nothing until the first reload()

    # Filters and refresh

    def set_filters(self, filters: Filters) -> None:
        if filters == self.filters:
            return
        self.filters = filters
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self._count = None
        self._sync.clear()
        self._sync_wanted.clear()
        self._load_page()
        self.endResetModel()

    def refresh_sync(self) -> None:
        """After a sync round: the sync column is read again, for the rows on screen only."""
        self._sync.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0, self.COL_SYNC), self.index(len(self._rows) - 1, self.COL_SYNC))

    def sync_state(self, row: int) -> Any:
        """The row's RecordState if known; otherwise it is looked up at the next turn of the event loop."""
        rowid = self._rows[row].rowid
        state = self._sync.get(rowid)
        if state is None and self.sync_states is not None:
            self._sync_wanted[rowid] = row
            if not self._sync_timer.isActive():
                self._sync_timer.start(0)
        return state

    def _look_up_sync(self) -> None:
        wanted, self._sync_wanted = self._sync_wanted, {}
        wanted = {
            rowid: row for rowid, row in wanted.items() if row < len(self._rows) and self._rows[row].rowid == rowid
        }
        if not wanted or self.sync_states is None:
            return
        self._sync.update(self.sync_states(list(wanted)))
        rows = [row for rowid, row in wanted.items() if rowid in self._sync]
        if rows:
            self.dataChanged.emit(self.index(min(rows), self.COL_SYNC), self.index(max(rows), self.COL_SYNC))

    def count(self) -> Count:
        """How many dossiers match (capped for broad filters); computed when first asked."""
        if self._count is None:
            self._count = Count(len(self._rows)) if self._exhausted else self.register.count(self.filters)
        return self._count

    def _load_page(self) -> list[RegisterRow]:
        page = self.register.page(self.filters, self._rows[-1] if self._rows else None, self.page_size)
        if len(page) < self.page_size:
            self._exhausted = True
        self._rows.extend(page)
        return page

    # Lazy loading

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        page = self.register.page(self.filters, self._rows[-1] if self._rows else None, self.page_size)
        if len(page) < self.page_size:
            self._exhausted = True
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    # Table

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def row_at(self, row: int) -> RegisterRow:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_CODE:
                return item.code
            if col == self.COL_APPLICANT:
                return item.applicant_name
            if col == self.COL_PROCEDURE:
                return f"{item.procedure_code} — {item.procedure_name}"
            if col == self.COL_RECEIVED:
                return i18n.when(item.received_at)
            if col == self.COL_DUE:
                return i18n.when(item.due_at)
            if col == self.COL_STATUS:
                return label(STATUSES, item.status, i18n.lang())
            if col == self.COL_SYNC:
                state = self.sync_state(index.row())
                return self._sync_labels[state.state] if state is not None else None
            return None
        if col == self.COL_SYNC and role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.ToolTipRole,
            self.SyncRole,
        ):
            state = self.sync_state(index.row())
            if state is None:
                return None
            if role == self.SyncRole:
                return state.state
            if role == Qt.ItemDataRole.ToolTipRole:
                return state.reason
            return QBrush(SYNC_TEXT[state.state])
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_PROCEDURE:
            return item.procedure_name
        if role == Qt.ItemDataRole.BackgroundRole and item.urgency:
            return QBrush(URGENCY_COLOURS[item.urgency])
        if role == Qt.ItemDataRole.ForegroundRole and item.urgency in URGENCY_TEXT:
            return QBrush(URGENCY_TEXT[item.urgency])
        if role == self.CodeRole:
            return item.code
        if role == self.UrgencyRole:
            return item.urgency or ""
        if role == self.StatusRole:
            return item.status
        if role == self.RowRole:
            return item
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < self.COLUMN_COUNT else None
        return section + 1

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(
            {
                self.CodeRole: b"code",
                self.UrgencyRole: b"urgency",
                self.StatusRole: b"status",
                self.RowRole: b"row",
                self.SyncRole: b"sync",
            }
        )
        return names
