"""The dossier register: search as you type (accent-insensitive), filters, urgency colours; Enter opens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.records import Clerk, label
from app.desk import Desk
from app.reception.records import STATUSES
from app.reception.register import DEADLINES, Filters
from app.sync.service import RecordState
from ui import i18n
from ui.dossier_panel import DossierPanel
from ui.printer import Printing
from ui.register_model import RegisterModel
from ui.widgets import EmptyHint, Section

SEARCH_DELAY_MS = 150
UNLINKED = RecordState("unlinked")


class DossierDialog(QDialog):
    def __init__(self, panel: DossierPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self.setWindowTitle(self.tr("Hồ sơ %1").replace("%1", panel.dossier.code if panel.dossier else ""))
        QVBoxLayout(self).addWidget(panel)
        self.resize(1000, 560)


class DossiersSection(Section):
    opened = Signal(str)

    def __init__(
        self, desk: Desk, clerk: Callable[[], Clerk | None], printing: Printing, parent: QWidget | None = None
    ) -> None:
        super().__init__(desk, clerk, printing, parent)
        self.register = desk.open_register()
        # Read nothing until the clerk first needs the register (start-up shows the sign-in page).
        self.model = RegisterModel(self.register, self, load=False, sync_states=self._sync_states)
        self.loaded = False
        self.dialog: DossierDialog | None = None
        lang = i18n.lang()

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm theo mã, tên, CCCD, điện thoại — không cần dấu"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.search_timer.start())
        self.search.returnPressed.connect(self._search_enter)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)

        self.status = QComboBox()
        self.status.addItem(self.tr("Mọi trạng thái"), None)
        for key in STATUSES:
            self.status.addItem(label(STATUSES, key, lang), key)
        self.procedure = QComboBox()
        self.procedure.addItem(self.tr("Mọi thủ tục"), None)
        for proc in desk.dossiers.procedures():
            self.procedure.addItem(f"{proc.code} — {proc.name}", proc.code)
        self.procedure.setMaximumWidth(260)
        self.deadline = QComboBox()
        self.deadline.addItem(self.tr("Mọi hạn"), None)
        for key in DEADLINES:
            self.deadline.addItem(label(DEADLINES, key, lang), key)
        self.date_from = self._date_edit()
        self.date_to = self._date_edit()
        for combo in (self.status, self.procedure, self.deadline):
            combo.currentIndexChanged.connect(self.apply_filters)
            # Sized for the choice shown, not the longest one: the filter row fits 1280 px in any language.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.apply_filters)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(RegisterModel.COL_PROCEDURE, QHeaderView.ResizeMode.Stretch)
        for col, width in (
            (RegisterModel.COL_CODE, 150),
            (RegisterModel.COL_APPLICANT, 190),
            (RegisterModel.COL_RECEIVED, 125),
            (RegisterModel.COL_DUE, 125),
            (RegisterModel.COL_STATUS, 150),
            (RegisterModel.COL_SYNC, 115),  # "chưa kết nối" in full
        ):
            self.table.setColumnWidth(col, width)
        self.table.activated.connect(self.open_index)
        self.empty_hint = EmptyHint(
            self.table,
            self.tr("Không có hồ sơ nào khớp. Xoá bớt chữ tìm kiếm hoặc bộ lọc; hồ sơ mới nhận ở mục Tiếp nhận (F2)."),
        )
        self.count_label = QLabel()
        self.count_label.setObjectName("registerCount")
        legend = QLabel(
            self.tr(
                "<span style='background:#f8c9c4'>&nbsp;quá hạn&nbsp;</span> "
                "<span style='background:#fbd9a6'>&nbsp;hạn hôm nay&nbsp;</span> "
                "<span style='background:#fbf0b2'>&nbsp;hạn trong tuần&nbsp;</span>"
            )
        )

        search_label = QLabel(self.tr("&Tìm:"))
        search_label.setBuddy(self.search)
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 2)
        filters = QHBoxLayout()
        for caption, widget in (
            (self.tr("T&rạng thái:"), self.status),
            (self.tr("Th&ủ tục:"), self.procedure),
            (self.tr("&Hạn:"), self.deadline),
            (self.tr("Nhận từ:"), self.date_from),
            (self.tr("đến:"), self.date_to),
        ):
            caption_label = QLabel(caption)
            caption_label.setBuddy(widget)
            filters.addWidget(caption_label)
            filters.addWidget(widget)
        filters.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(legend)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.search.installEventFilter(self)

    def _sync_states(self, rowids: list[int]) -> dict[int, RecordState]:
        """No hub set up: every row is "not connected" (grey), never "waiting" (amber)."""
        if not self.desk.sync.enrolled:
            return dict.fromkeys(rowids, UNLINKED)
        return self.desk.sync.dossier_states_by_rowid(rowids)

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.loaded = True
            self.refresh()

    def showEvent(self, event) -> None:
        self.ensure_loaded()
        super().showEvent(event)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setMinimumDate(QDate(2000, 1, 1))
        edit.setSpecialValueText("—")  # the minimum date means "no limit"
        edit.setDate(edit.minimumDate())
        return edit

    def _date(self, edit: QDateEdit):
        return None if edit.date() == edit.minimumDate() else edit.date().toPython()

    def filters(self) -> Filters:
        return Filters(
            text=self.search.text(),
            statuses=(self.status.currentData(),) if self.status.currentData() else (),
            procedure_code=self.procedure.currentData(),
            received_from=self._date(self.date_from),
            received_to=self._date(self.date_to),
            deadline=self.deadline.currentData(),
        )

    def apply_filters(self) -> None:
        self.search_timer.stop()
        self.loaded = True
        self.model.set_filters(self.filters())
        if self.model.rowCount():
            self.table.selectRow(0)
        self._show_count()

    def refresh(self) -> None:
        self.model.reload()
        # The rows show at once; the unfiltered total (COUNT(*) over the whole store) follows.
        self.count_label.setText("…")
        QTimer.singleShot(0, self._show_count)

    def _show_count(self) -> None:
        count = self.model.count()
        number = i18n.number(count.value)
        text = self.tr("%1 hồ sơ") if count.exact else self.tr("hơn %1 hồ sơ")
        self.count_label.setText(text.replace("%1", number))

    def eventFilter(self, watched, event) -> bool:
        # Down from the search box goes to the results, so the clerk never needs the mouse.
        if watched is self.search and event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self.table.setFocus()
            if not self.table.currentIndex().isValid() and self.model.rowCount():
                self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def _search_enter(self) -> None:
        self.apply_filters()
        if self.model.rowCount() == 1:
            self.open_index(self.model.index(0, 0))
        elif self.model.rowCount():
            self.table.setFocus()

    def open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_code(self.model.data(index, RegisterModel.CodeRole))

    def open_code(self, code: str) -> DossierDialog:
        panel = DossierPanel(self.desk, self.current_clerk, self.printing)
        panel.open_code(code)
        panel.acted.connect(lambda _c, _k: self.refresh())
        self.dialog = DossierDialog(panel, self.window())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog.show()
        self.opened.emit(code)
        return self.dialog
