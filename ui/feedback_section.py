"""The feedback registers screen: a table over app.feedback, filters, overdue/due-soon colouring, and
dialogs to add, accept, answer, forward and close entries.

Entries reach this screen already masked (a denouncer's identity is never in a FeedbackEntry), so
the table, its tooltips and the CSV export cannot show it. A leader or admin gets one extra button
that asks app.feedback for the identity of one entry, which records the reading.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core import accounts
from app.core.errors import MotcuaError
from app.core.records import Clerk, label
from app.feedback.confidential import MASK, Identity, can_read
from app.feedback.records import FeedbackEntry
from app.feedback.rules import FEEDBACK_CHANNELS, FEEDBACK_STATUSES, KINDS, OPEN_STATUSES
from app.feedback.service import FeedbackService

Index = QModelIndex | QPersistentModelIndex

URGENCY_COLOURS = {"overdue": "#f8d0d0", "due_soon": "#fff0c2"}
MASK_TOOLTIP = "Thông tin người tố cáo được bảo mật · The denouncer's identity is confidential"


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
    HEADERS = (
        ("Số", "No."),
        ("Sổ", "Register"),
        ("Ngày nhận", "Received"),
        ("Người gửi", "Person"),
        ("Hình thức", "Channel"),
        ("Phân loại", "Category"),
        ("Nội dung", "Content"),
        ("Hạn", "Due"),
        ("Trạng thái", "Status"),
        ("Cán bộ", "Officer"),
    )
    EntryRole = Qt.ItemDataRole.UserRole + 1
    UrgencyRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, service: FeedbackService, *, lang: str = "vi", parent: Any = None) -> None:
        super().__init__(parent)
        self.service = service
        self.lang = lang
        self.filters: dict[str, Any] = {}
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
        self._officers = {c.id: c.full_name for c in accounts.clerks(self.service.store)}
        self.endResetModel()

    def entry(self, row: int) -> FeedbackEntry:
        return self._entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default argument)
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            vi, en = self.HEADERS[section]
            return en if self.lang == "en" else vi
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
                return MASK_TOOLTIP
            if col == self.COL_CONTENT:
                return entry.content
            if col == self.COL_DUE and entry.due:
                return {"overdue": "Quá hạn · Overdue", "due_soon": "Sắp đến hạn · Due soon"}.get(
                    self._urgency[index.row()], ""
                )
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
            return f"{e.received_at:%d/%m/%Y %H:%M}"
        if col == self.COL_PERSON:
            if e.confidential:
                return MASK
            return e.person_name or ("(ẩn danh)" if lang != "en" else "(anonymous)")
        if col == self.COL_CHANNEL:
            return label(FEEDBACK_CHANNELS, e.channel, lang)
        if col == self.COL_CATEGORY:
            return e.category
        if col == self.COL_CONTENT:
            return e.content if len(e.content) <= 80 else e.content[:79] + "…"
        if col == self.COL_DUE:
            return f"{e.due:%d/%m/%Y}" if e.due else ""
        if col == self.COL_STATUS:
            return label(FEEDBACK_STATUSES, e.status, lang)
        return self._officers.get(e.assigned_to or "", "")


class FeedbackFormDialog(QDialog):
    """A new register entry. ``ask`` returns the dict app.feedback.add takes, or None."""

    def __init__(self, officers: list[Clerk], kind: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Thêm vào sổ · New register entry")
        form = QFormLayout(self)
        self.kind = QComboBox()
        for key, (vi, _en) in KINDS.items():
            self.kind.addItem(vi, key)
        if kind:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.channel = QComboBox()
        for key, (vi, _en) in FEEDBACK_CHANNELS.items():
            self.channel.addItem(vi, key)
        self.name = QLineEdit()
        self.address = QLineEdit()
        self.contact = QLineEdit()
        self.category = QLineEdit()
        self.dossier = QLineEdit()
        self.dossier.setPlaceholderText("87001-260212-1001")
        self.content = QPlainTextEdit()
        self.received = QDateTimeEdit()
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.received.setDateTime(self.received.dateTime().currentDateTime())
        self.officer = QComboBox()
        self.officer.addItem("—", None)
        for clerk in officers:
            self.officer.addItem(clerk.full_name, clerk.id)
        self.secret_note = QLabel("Họ tên, địa chỉ, liên hệ của người tố cáo được mã hóa và bảo mật.")
        self.secret_note.setWordWrap(True)
        self.secret_note.setStyleSheet("color: #8a4b00;")
        for text, widget in (
            ("Sổ", self.kind),
            ("Hình thức", self.channel),
            ("Họ tên", self.name),
            ("Địa chỉ", self.address),
            ("Liên hệ", self.contact),
            ("", self.secret_note),
            ("Phân loại", self.category),
            ("Nội dung", self.content),
            ("Hồ sơ liên quan", self.dossier),
            ("Ngày nhận", self.received),
            ("Cán bộ xử lý", self.officer),
        ):
            form.addRow(text, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        self.secret_note.setVisible(self.kind.currentData() == "denunciation")

    def value(self) -> dict[str, Any]:
        person = {"name": self.name.text(), "address": self.address.text(), "contact": self.contact.text()}
        data: dict[str, Any] = {
            "kind": self.kind.currentData(),
            "channel": self.channel.currentData(),
            "person": person if any(person.values()) else None,
            "content": self.content.toPlainText(),
            "category": self.category.text(),
            "received_at": self.received.dateTime().toString("yyyy-MM-ddTHH:mm"),
        }
        if self.dossier.text().strip():
            data["dossier"] = self.dossier.text().strip()
        if self.officer.currentData():
            data["assigned_to"] = self.officer.currentData()
        return data

    @classmethod
    def ask(cls, parent: QWidget | None, officers: list[Clerk], kind: str | None = None) -> dict[str, Any] | None:
        dialog = cls(officers, kind, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


class TextDialog(QDialog):
    """One text answer (an answer to the citizen, the agency to forward to, a reason to close)."""

    def __init__(self, title: str, prompt: str, multiline: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        self.editor: QPlainTextEdit | QLineEdit = QPlainTextEdit() if multiline else QLineEdit()
        layout.addWidget(self.editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.editor.toPlainText() if isinstance(self.editor, QPlainTextEdit) else self.editor.text()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, prompt: str, multiline: bool = False) -> str | None:
        dialog = cls(title, prompt, multiline, parent)
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


def show_identity(parent: QWidget | None, entry: FeedbackEntry, found: Identity) -> None:
    """Shown to a leader who asked for it; the reading is already recorded."""
    QMessageBox.information(
        parent,
        "Thông tin người tố cáo (bảo mật)",
        f"Mục {entry.number}\nHọ tên: {found.name}\nĐịa chỉ: {found.address}\n"
        f"Liên hệ: {found.contact}\n\nLần xem này đã được ghi lại.",
    )


class FeedbackRegister(QWidget):
    """The registers section: filters, the table, and the actions the signed-in clerk may take."""

    def __init__(self, desk: Any, clerk: Clerk, *, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.service: FeedbackService = desk.feedback
        self.clerk = clerk
        self.lang = lang
        self.model = FeedbackTableModel(self.service, lang=lang, parent=self)

        self.kind_filter = QComboBox()
        self.kind_filter.addItem("Tất cả các sổ", None)
        for key, (vi, _en) in KINDS.items():
            self.kind_filter.addItem(vi, key)
        self.status_filter = QComboBox()
        self.status_filter.addItem("Mọi trạng thái", None)
        self.status_filter.addItem("Đang mở", "open")
        for key, (vi, _en) in FEEDBACK_STATUSES.items():
            self.status_filter.addItem(vi, key)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm theo số, nội dung, phân loại…")
        self.urgent_only = QCheckBox("Chỉ quá hạn / sắp đến hạn")
        for signal in (
            self.kind_filter.currentIndexChanged,
            self.status_filter.currentIndexChanged,
            self.search.textChanged,
            self.urgent_only.toggled,
        ):
            signal.connect(self.apply_filters)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FeedbackTableModel.COL_CONTENT, QHeaderView.ResizeMode.Stretch)

        self.buttons: dict[str, QPushButton] = {}
        actions = (
            ("add", "Thêm", self.add_entry),
            ("accept", "Thụ lý", self.accept_selected),
            ("answer", "Trả lời", self.answer_selected),
            ("forward", "Chuyển", self.forward_selected),
            ("close", "Kết thúc", self.close_selected),
            ("reveal", "Xem người tố cáo", self.reveal_selected),
            ("export", "Xuất CSV", self.export_csv),
        )
        bar = QHBoxLayout()
        for key, text, slot in actions:
            button = QPushButton(text, self)  # parented now: shown before the layout is set, it would be a window
            button.clicked.connect(lambda _=False, s=slot: s())
            bar.addWidget(button)
            self.buttons[key] = button
        bar.addStretch(1)
        # Only the roles allowed by law see the button at all.
        self.buttons["reveal"].setVisible(can_read(clerk))

        filters = QHBoxLayout()
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.urgent_only)
        legend = QLabel(
            f"<span style='background:{URGENCY_COLOURS['overdue']}'>&nbsp;Quá hạn&nbsp;</span> "
            f"<span style='background:{URGENCY_COLOURS['due_soon']}'>&nbsp;Sắp đến hạn&nbsp;</span> "
            "· Người tố cáo: *** (bảo mật)"
        )
        self.status_line = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(legend)
        bottom.addStretch(1)
        bottom.addWidget(self.status_line)
        layout.addLayout(bottom)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._after_reset)
        self._after_reset()

    # Filters and state

    def apply_filters(self) -> None:
        status = self.status_filter.currentData()
        statuses = sorted(OPEN_STATUSES) if status == "open" else [status] if status else []
        kind = self.kind_filter.currentData()
        self.model.set_filters(
            kinds=[kind] if kind else [],
            statuses=statuses,
            query=self.search.text(),
            urgent_only=self.urgent_only.isChecked(),
        )

    def _after_reset(self) -> None:
        urgencies = [self.model.index(r, 0).data(FeedbackTableModel.UrgencyRole) for r in range(self.model.rowCount())]
        self.status_line.setText(
            f"{len(urgencies)} mục · {urgencies.count('overdue')} quá hạn · {urgencies.count('due_soon')} sắp đến hạn"
        )
        self._update_buttons()

    def selected(self) -> FeedbackEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    def select_number(self, number: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.entry(row).number == number:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        entry = self.selected()
        is_open = entry is not None and entry.is_open
        self.buttons["accept"].setEnabled(entry is not None and entry.status == "received")
        for key in ("answer", "forward"):
            self.buttons[key].setEnabled(is_open)
        self.buttons["close"].setEnabled(entry is not None and entry.status != "closed")
        self.buttons["reveal"].setEnabled(entry is not None and entry.confidential)

    # Actions

    def _run(self, action: Any) -> Any:
        try:
            result = action()
        except MotcuaError as exc:
            QMessageBox.warning(self, "Không thực hiện được", exc.message(self.lang))
            return None
        selected = self.selected()
        self.model.refresh()
        if isinstance(result, FeedbackEntry):
            self.select_number(result.number)
        elif selected is not None:
            self.select_number(selected.number)
        return result

    def add_entry(self, data: dict[str, Any] | None = None) -> FeedbackEntry | None:
        if data is None:
            data = FeedbackFormDialog.ask(self, accounts.clerks(self.service.store), self.kind_filter.currentData())
            if data is None:
                return None
        return self._run(lambda: self.service.add(data, self.clerk))

    def accept_selected(self) -> FeedbackEntry | None:
        entry = self.selected()
        return self._run(lambda: self.service.accept(entry.id, self.clerk)) if entry else None

    def answer_selected(self, answer: str | None = None) -> FeedbackEntry | None:
        entry = self.selected()
        if entry is None:
            return None
        if answer is None:
            answer = TextDialog.ask(self, "Trả lời", f"Nội dung trả lời cho mục {entry.number}:", multiline=True)
            if answer is None:
                return None
        return self._run(lambda: self.service.answer(entry.id, self.clerk, answer))

    def forward_selected(self, to: str | None = None) -> FeedbackEntry | None:
        entry = self.selected()
        if entry is None:
            return None
        if to is None:
            to = TextDialog.ask(
                self, "Chuyển đơn", f"Chuyển mục {entry.number} đến cơ quan (hạn chuyển {entry.forward_due:%d/%m/%Y}):"
            )
            if to is None:
                return None
        return self._run(lambda: self.service.forward(entry.id, self.clerk, to))

    def close_selected(self, reason: str | None = None) -> FeedbackEntry | None:
        entry = self.selected()
        if entry is None:
            return None
        if reason is None:
            reason = TextDialog.ask(self, "Kết thúc", f"Lý do kết thúc mục {entry.number}:")
            if reason is None:
                return None
        return self._run(lambda: self.service.close(entry.id, self.clerk, reason=reason))

    def reveal_selected(self) -> Identity | None:
        entry = self.selected()
        if entry is None:
            return None
        found = self._run(lambda: self.service.reveal_identity(entry.id, self.clerk, purpose="Xem tại sổ"))
        if found is not None:
            show_identity(self, entry, found)
        return found

    def export_csv(self, path: Path | None = None) -> Path | None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, "Xuất sổ", "so-phan-anh.csv", "CSV (*.csv)")
            if not chosen:
                return None
            path = Path(chosen)
        entries = [self.model.entry(r) for r in range(self.model.rowCount())]
        return self._run(lambda: self.service.export_csv(path, entries, self.lang))
