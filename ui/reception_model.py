"""Table models of citizen reception: the 03/TCD register (13 columns) and the follow-ups.

The register's rows come from app.citizens already masked: a denouncer's identity is never in a
ReceptionEntry, so no role of this model can show it. Follow-ups past their day unfinished are red.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.citizens.records import REGISTER_COLUMNS, FollowUp, ReceptionEntry
from app.citizens.register import ReceptionRegister
from app.citizens.sessions import FollowUps
from app.core.records import label

Index = QModelIndex | QPersistentModelIndex
OVERDUE = QColor("#f8d7da")
OVERDUE_TEXT = QColor("#a4262c")


class ReceptionTableModel(QAbstractTableModel):
    """Form 03/TCD: one row a citizen received, the 13 columns in the form's order."""

    EntryRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, register: ReceptionRegister, *, lang: str = "vi", parent: Any = None) -> None:
        super().__init__(parent)
        self.register = register
        self.lang = lang
        self._entries: list[ReceptionEntry] = []
        self._rows: list[list[str]] = []

    def load(self, start: date | None, end: date | None, flag: str | None = None) -> None:
        self.beginResetModel()
        self._entries = self.register.entries(start, end, flag=flag)
        self._rows = self.register.register_rows(self._entries, self.lang)
        self.endResetModel()

    def entry(self, row: int) -> ReceptionEntry:
        return self._entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(REGISTER_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if role not in shown or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(REGISTER_COLUMNS):
            return None
        vi, en = REGISTER_COLUMNS[section]
        return f"({section + 1}) {en if self.lang == 'en' else vi}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[row][col]
        if role == self.EntryRole:
            return self._entries[row].id
        return None


FOLLOW_COLUMNS = (("Việc cần làm", "Task"), ("Người thực hiện", "Owner"), ("Thời hạn", "Due"), ("Tình trạng", "State"))
FOLLOW_STATES = {
    "open": ("Đang làm", "In progress"),
    "overdue": ("Quá hạn", "Overdue"),
    "done": ("Đã xong", "Done"),
    "done_late": ("Đã xong (trễ hạn)", "Done (late)"),
}


class FollowUpModel(QAbstractTableModel):
    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, follow_ups: FollowUps, *, lang: str = "vi", parent: Any = None) -> None:
        super().__init__(parent)
        self.follow_ups = follow_ups
        self.lang = lang
        self.today = date.today()
        self._items: list[FollowUp] = []

    def load(self, today: date, items: list[FollowUp] | None = None) -> None:
        """Every follow-up, or the ``items`` given (those of one session or dialogue)."""
        self.beginResetModel()
        self.today = today
        self._items = self.follow_ups.all() if items is None else list(items)
        self.endResetModel()

    def item(self, row: int) -> FollowUp:
        return self._items[row]

    def state(self, f: FollowUp) -> str:
        if f.done:
            key = "done_late" if f.overdue(self.today) else "done"
        else:
            key = "overdue" if f.overdue(self.today) else "open"
        return label(FOLLOW_STATES, key, self.lang)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FOLLOW_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(FOLLOW_COLUMNS):
            return None
        vi, en = FOLLOW_COLUMNS[section]
        return en if self.lang == "en" else vi

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self._items[index.row()]
        late = not f.done and f.overdue(self.today)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            days = f"{f.days} working days" if self.lang == "en" else f"{f.days} ngày làm việc"
            return (f.task, f.owner, f"{f.due:%d/%m/%Y} ({days})", self.state(f))[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and late:
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.ForegroundRole and late:
            return QBrush(OVERDUE_TEXT)
        if role == self.IdRole:
            return f.id
        return None
