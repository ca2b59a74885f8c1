"""What the citizen reception pages share: a plain row model, a table, the page base (acting, printing,
the message line), the follow-ups box (overdue in red) and the one way to reveal a denouncer.

Rows reach these pages already masked by app.citizens; revealing goes through ui.prompts.RevealDialog
(the entry named, a reason required) and app.citizens, which records the reading.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.citizens.records import ReceptionEntry
from app.core.records import Clerk
from app.feedback.confidential import Identity
from ui import i18n
from ui.errors import CATCHABLE
from ui.feedback_dialogs import TextDialog, show_identity
from ui.prompts import RevealDialog
from ui.reception_model import OVERDUE, OVERDUE_TEXT, FollowUpModel
from ui.widgets import EmptyHint, MessageLine

Index = QModelIndex | QPersistentModelIndex
ENDED = QColor("#fff4ce")  # a posting whose period ended: it may come down


class RowsModel(QAbstractTableModel):
    """Rows of text the page formats; a row may be marked late (red) or ended (amber)."""

    ItemRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self._items: list[Any] = []
        self._cells: list[list[str]] = []
        self._marks: list[str] = []

    def set_rows(self, items: Sequence[Any], cells: Sequence[Sequence[str]], marks: Sequence[str] = ()) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._cells = [list(c) for c in cells]
        self._marks = list(marks) or [""] * len(self._items)
        self.endResetModel()

    def item(self, row: int) -> Any:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self.headers[section] if 0 <= section < len(self.headers) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, mark = index.row(), self._marks[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells[row][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and mark:
            return QBrush(OVERDUE if mark == "late" else ENDED)
        if role == Qt.ItemDataRole.ForegroundRole and mark == "late":
            return QBrush(OVERDUE_TEXT)
        if role == self.ItemRole:
            return self._items[row]
        return None


def table(model: Any, stretch: int | tuple[int, ...] | None = None) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(True)
    header = view.horizontalHeader()
    if stretch is None:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    else:  # short columns as wide as their words, the long one takes the rest and wraps
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (stretch,) if isinstance(stretch, int) else stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    model.modelReset.connect(view.resizeRowsToContents)
    view.setTabKeyNavigation(False)  # Tab leaves the table for the buttons below
    return view


def selected_row(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows()
    return rows[0].row() if rows else None


Specs = Sequence[tuple[str, str, Callable[[], Any]]]


def button_row(owner: QWidget, buttons: dict[str, QPushButton], specs: Specs) -> QHBoxLayout:
    """Buttons parented at once (a parentless button shown becomes a window), in a row, stretch after."""
    bar = QHBoxLayout()
    for key, text, slot in specs:
        button = QPushButton(text, owner)
        button.clicked.connect(lambda _=False, s=slot: s())
        buttons[key] = button
        bar.addWidget(button)
    bar.addStretch(1)
    return bar


class CitizenPage(QWidget):
    """One page of the citizen reception section: acts as the signed-in clerk, prints through the window."""

    def __init__(self, desk: Any, clerk: Clerk, printing: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.citizens = desk.citizens
        self.clerk = clerk
        self.printing = printing
        self.message = MessageLine(self)
        self.buttons: dict[str, QPushButton] = {}

    @property
    def lang(self) -> str:
        return i18n.lang()

    def today(self):  # -> date
        return self.desk.clock.now().date()

    def refresh(self) -> None:  # each page reloads its tables
        pass

    def run(self, action: Callable[[], Any]) -> Any:
        """The action, its failure in one sentence (no traceback), then the page reloaded."""
        try:
            result = action()
        except CATCHABLE as caught:
            self.message.show_error(caught)
            return None
        self.message.clear()
        self.refresh()
        return result

    def print_paper(self, name: str, write: Callable[[Path], Path], printed: str) -> str | None:
        """The paper written by app.citizens, sent to the window's printer; kept as a PDF without one."""
        from ui.printer import FolderPrinter, NoPrinter

        printer = self.printing.printer if self.printing is not None else FolderPrinter(self.desk_printed())
        try:
            with tempfile.TemporaryDirectory(prefix="motcua-paper-") as folder:
                pdf = write(Path(folder) / f"{name}.pdf").read_bytes()
            sent = printer.print_pdf(pdf, name)
        except NoPrinter as exc:
            self.message.info(exc.message(self.lang), exc.path)
            return str(exc.path)
        except CATCHABLE as caught:
            self.message.show_error(caught)
            return None
        if sent:
            self.message.info(printed)
        return sent

    def desk_printed(self) -> Path:
        from app.core import paths

        return paths.data_dir() / "printed"

    def reveal(self, entry: ReceptionEntry, reason: str | None = None) -> Identity | None:
        """A leader asks for one denouncer's identity: named entry, a reason, the reading recorded."""
        if not entry.confidential:
            return None
        if reason is None:
            reason = RevealDialog.ask(self, entry.number)
            if reason is None:
                return None
        found = self.run(lambda: self.citizens.register.reveal_identity(entry.id, self.clerk, purpose=reason))
        if found is not None:
            show_identity(self, entry, found)  # type: ignore[arg-type] - only its number is read
        return found


class FollowUpBox(QWidget):
    """The follow-ups of one session or dialogue (or all of them): overdue in red until marked done."""

    def __init__(self, page: CitizenPage, *, source: str | None = None) -> None:
        super().__init__(page)
        self.page = page
        self.source = source
        self.source_id: str | None = None
        self.model = FollowUpModel(page.citizens.follow_ups, lang=page.lang, parent=self)
        self.table = table(self.model, stretch=0)
        self.hint = EmptyHint(self.table, self.tr("Chưa có việc nào phải theo dõi. Việc được giao khi ra kết luận."))
        self.done = QPushButton(self.tr("Đánh &dấu đã xong…"), self)
        self.done.clicked.connect(lambda: self.finish_selected())
        legend = QLabel(self.tr("Dòng đỏ: quá hạn chưa xong"), self)
        legend.setStyleSheet(f"color: {OVERDUE_TEXT.name()};")
        bottom = QHBoxLayout()
        bottom.addWidget(self.done)
        bottom.addWidget(legend)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def load(self, source_id: str | None = None) -> None:
        self.source_id = source_id
        if self.source is not None and source_id is None:
            self.model.load(self.page.today(), items=[])
        elif self.source is not None:
            self.model.load(self.page.today(), items=self.page.citizens.follow_ups.of(self.source, source_id))
        else:
            self.model.load(self.page.today())

    def finish_selected(self, result: str | None = None) -> Any:
        row = selected_row(self.table)
        if row is None:
            return None
        item = self.model.item(row)
        if result is None:
            result = TextDialog.ask(
                self, self.tr("Hoàn thành việc"), self.tr("Kết quả thực hiện «%1»:").replace("%1", item.task)
            )
            if result is None:
                return None
        done = self.page.run(lambda: self.page.citizens.follow_ups.done(item.id, self.page.clerk, result))
        self.load(self.source_id)
        return done
