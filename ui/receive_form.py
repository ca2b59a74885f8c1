"""Receiving a dossier, keyboard first: pick the procedure by typing, fill the applicant, save and print.

A failed validation keeps everything typed, marks the field the error names and says why in one
sentence; Ctrl+Enter (or Ctrl+S) saves and prints the receipt.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import MotcuaError, NoProcedureChosen
from app.core.records import Clerk, label
from app.core.worktime import LegalTime
from app.desk import Desk
from app.reception import catalogue
from app.reception.records import CHANNELS, IDENTITY_CHECKS, Dossier, Procedure
from ui import i18n
from ui.documents_table import DocumentsTable
from ui.errors import CATCHABLE, user_error
from ui.pending_files import ReceptionExtras
from ui.printer import Printing
from ui.widgets import MessageLine, Section, buddy, mark, unmark

CCCD_DIGITS = re.compile(r"\d{12}")
PICKER_ROWS = 5


class ReceiveForm(Section):
    received = Signal(str)  # the new dossier code

    def __init__(
        self, desk: Desk, clerk: Callable[[], Clerk | None], printing: Printing, parent: QWidget | None = None
    ) -> None:
        super().__init__(desk, clerk, printing, parent)
        self.procedures = desk.dossiers.procedures()
        self.procedure: Procedure | None = None
        self.last_dossier: Dossier | None = None

        # Procedure picker: a filter box over a short list; Up/Down move in the list, Enter picks.
        self.procedure_filter = QLineEdit()
        self.procedure_filter.setPlaceholderText(self.tr("Gõ tên hoặc mã thủ tục, không cần dấu…"))
        self.procedure_list = QListWidget()
        self.procedure_list.setUniformItemSizes(True)
        self.procedure_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.procedure_chosen = QLabel()
        self.procedure_chosen.setWordWrap(True)
        self.procedure_chosen.setStyleSheet("font-weight: bold;")
        self.procedure_filter.textEdited.connect(self._filter_procedures)
        self.procedure_filter.returnPressed.connect(self._pick_current)
        self.procedure_filter.installEventFilter(self)
        self.procedure_list.itemClicked.connect(lambda item: self._pick(item.data(Qt.ItemDataRole.UserRole)))

        self.cccd = QLineEdit()
        self.cccd.setMaxLength(12)
        self.cccd.setInputMask("")
        self.cccd.textChanged.connect(self._cccd_changed)
        self.full_name = QLineEdit()
        self.phone = QLineEdit()
        self.address = QLineEdit()
        self.email = QLineEdit()
        self.sets = QSpinBox()
        self.sets.setRange(1, 50)
        self.channel = QComboBox()
        for key in CHANNELS:
            self.channel.addItem(label(CHANNELS, key, i18n.lang()), key)
        self.notes = QLineEdit()
        # Decision 766 indicator 4.5: how the applicant's identity was checked.
        self.identity = QComboBox()
        self.identity.addItem(self.tr("Chưa ghi nhận"), "")
        for key in IDENTITY_CHECKS:
            self.identity.addItem(label(IDENTITY_CHECKS, key, i18n.lang()), key)
        # Reception regardless of boundary: a commune-level procedure of another commune ("87002 Xã Mỹ Hiệp").
        self.for_commune = QLineEdit()
        self.for_commune.setPlaceholderText(self.tr("để trống nếu là xã này; ví dụ 87002 Xã Mỹ Hiệp"))
        self.commune_choices = QStringListModel(self)
        completer = QCompleter(self.commune_choices, self.for_commune)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.for_commune.setCompleter(completer)
        self.deciding = QLabel()
        self.deciding.setObjectName("decidingAgency")
        self.deciding.setWordWrap(True)

        self.documents = DocumentsTable()
        self.documents_hint = self.documents.hint

        self.due_label = QLabel()
        self.due_label.setObjectName("dueLabel")
        self.due_label.setStyleSheet("font-size: 13pt; color: #1a5276; font-weight: bold;")
        self.message = MessageLine()
        self.save_button = QPushButton(self.tr("&Lưu và in biên nhận (Ctrl+Enter)"))
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("Làm &mới"))
        self.clear_button.clicked.connect(self.clear)
        self.reprint_button = QPushButton(self.tr("&In lại biên nhận"))
        self.reprint_button.clicked.connect(self.reprint)
        self.reprint_button.setEnabled(False)

        self.field_widgets: dict[str, QWidget] = {
            "procedure": self.procedure_filter,
            "cccd": self.cccd,
            "full_name": self.full_name,
            "applicant": self.full_name,
            "phone": self.phone,
            "address": self.address,
            "email": self.email,
            "sets": self.sets,
            "channel": self.channel,
            "notes": self.notes,
            "documents": self.documents,
            "identity_check": self.identity,
            "for_commune": self.for_commune,
        }
        for widget in self.field_widgets.values():
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(lambda _t, w=widget: unmark(w))
                # The last citizen's "received" line goes once the next citizen's form is started.
                widget.textEdited.connect(self._next_citizen)

        picker = QGroupBox(self.tr("Thủ tục hành chính"))
        picker_layout = QFormLayout(picker)
        picker_layout.addRow(buddy(self.tr("&Thủ tục:"), self.procedure_filter), self.procedure_filter)
        picker_layout.addRow("", self.procedure_list)
        picker_layout.addRow("", self.procedure_chosen)
        picker_layout.addRow("", self.deciding)
        picker_layout.addRow(buddy(self.tr("&Xã giải quyết:"), self.for_commune), self.for_commune)

        applicant = QGroupBox(self.tr("Người nộp hồ sơ"))
        form = QFormLayout(applicant)
        for caption, widget in (
            (self.tr("Số &CCCD:"), self.cccd),
            (self.tr("&Họ và tên:"), self.full_name),
            (self.tr("Điện thoại (&D):"), self.phone),
            (self.tr("Đị&a chỉ:"), self.address),
            (self.tr("&Email:"), self.email),
            (self.tr("&Kiểm tra danh tính:"), self.identity),
        ):
            form.addRow(buddy(caption, widget), widget)

        docs = QGroupBox(self.tr("Thành phần hồ sơ"))
        docs_layout = QFormLayout(docs)
        docs_layout.addRow(self.documents)
        docs_layout.addRow(buddy(self.tr("Số &bộ:"), self.sets), self.sets)
        docs_layout.addRow(buddy(self.tr("Hình thức &nộp:"), self.channel), self.channel)
        docs_layout.addRow(buddy(self.tr("&Ghi chú:"), self.notes), self.notes)

        buttons = QHBoxLayout()
        buttons.addWidget(self.due_label, 1)
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)

        left = QVBoxLayout()
        left.addWidget(picker)
        left.addWidget(applicant)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        self.extras = ReceptionExtras(desk, self.documents, self.cccd, self.field_widgets)  # fee, scans (#14)
        columns.addLayout(self.extras.column(docs), 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        for sequence in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        for first, second in (
            (self.procedure_filter, self.cccd),
            (self.cccd, self.full_name),
            (self.full_name, self.phone),
            (self.phone, self.address),
            (self.address, self.email),
            (self.email, self.identity),
            (self.identity, self.documents),
            (self.documents, self.sets),
            (self.sets, self.channel),
            (self.channel, self.notes),
            (self.notes, self.save_button),
        ):
            QWidget.setTabOrder(first, second)

        # The due time follows the clock: refresh every half minute while the form is open.
        self.due_timer = QTimer(self)
        self.due_timer.setInterval(30_000)
        self.due_timer.timeout.connect(self.update_due)
        self.due_timer.start()
        self._filter_procedures("")
        self.update_due()

    def _next_citizen(self, _text: str = "") -> None:
        if self.message.kind == "info":
            self.message.clear()

    # Procedure picker

    def _filter_procedures(self, query: str) -> None:
        self.procedure_list.clear()
        for proc in catalogue.filter_procedures(self.procedures, query):
            item = QListWidgetItem(f"{proc.code} — {proc.name} ({LegalTime.parse(proc.legal_time).label(i18n.lang())})")
            item.setData(Qt.ItemDataRole.UserRole, proc)
            self.procedure_list.addItem(item)
        if self.procedure_list.count():
            self.procedure_list.setCurrentRow(0)
            self._fit_list()

    def _fit_list(self) -> None:
        """Exactly PICKER_ROWS whole rows: the last one is never cut, and the form does not move as the list
        shortens while the clerk types."""
        if self.procedure_list.property("fitted"):
            return
        row = self.procedure_list.sizeHintForRow(0)
        frame = 2 * self.procedure_list.frameWidth()
        self.procedure_list.setFixedHeight(PICKER_ROWS * row + frame)
        self.procedure_list.setProperty("fitted", True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.procedure_filter and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.procedure_list.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.procedure_list.count() - 1, self.procedure_list.currentRow() + step))
                self.procedure_list.setCurrentRow(row)
                return True
            if key == Qt.Key.Key_Tab and self.procedure is None and self.procedure_list.count():
                self._pick_current(move_focus=False)  # Tab itself then moves on to the CCCD
        return super().eventFilter(watched, event)

    def _pick_current(self, move_focus: bool = True) -> None:
        item = self.procedure_list.currentItem()
        if item is not None:
            self._pick(item.data(Qt.ItemDataRole.UserRole))
            if move_focus:
                self.cccd.setFocus()

    def _pick(self, proc: Procedure) -> None:
        self.procedure = proc
        unmark(self.procedure_filter)
        self.procedure_filter.setText(f"{proc.code} — {proc.name}")
        self.procedure_chosen.setText(
            f"✔ {proc.code} — {proc.name}; " + self.tr("lệ phí: %1").replace("%1", proc.fee or "—")
        )
        self._fill_documents(proc)
        self.extras.pick(proc)
        above = proc.level != "commune"
        if not above:  # the province's communes, as the hub last sent them
            own = self.desk.identity.commune_code
            self.commune_choices.setStringList(
                [f"{code} {name}" for code, name in self.desk.sync.known_communes() if code != own]
            )
        self.deciding.setText(
            self.tr("Cơ quan giải quyết: %1 (Bộ phận Một cửa tiếp nhận và chuyển hồ sơ)").replace(
                "%1", proc.deciding_agency
            )
            if above
            else ""
        )
        self.for_commune.setEnabled(not above)
        if above:
            self.for_commune.clear()
        self.update_due()

    def select_procedure(self, code: str) -> None:
        self._pick(self.desk.dossiers.procedure(code))

    def _fill_documents(self, proc: Procedure) -> None:
        self.documents.fill(proc)

    def document_rows(self) -> list[dict[str, Any]]:
        return self.documents.rows()

    # Applicant

    def _cccd_changed(self, value: str) -> None:
        if not CCCD_DIGITS.fullmatch(value):
            return
        known = self.desk.dossiers.applicant_for_cccd(value)
        if known is None:
            return
        for widget, found in (
            (self.full_name, known.full_name),
            (self.phone, known.phone),
            (self.address, known.address),
            (self.email, known.email),
        ):
            if not widget.text().strip() and found:
                widget.setText(found)
        self.message.info(self.tr("Đã điền thông tin người nộp từ hồ sơ trước."))

    # Due time

    def update_due(self) -> None:
        if self.procedure is None:
            self.due_label.setText(self.tr("Hẹn trả: chọn thủ tục để tính"))
            return
        legal = LegalTime.parse(self.procedure.legal_time)
        due = self.desk.calendar.due(self.desk.clock.now(), legal)
        self.due_label.setText(self.tr("Hẹn trả: %1").replace("%1", i18n.when(due)) + f" ({legal.label(i18n.lang())})")

    # Saving

    def data(self) -> dict[str, Any]:
        def value(widget: QLineEdit) -> str | None:
            return widget.text().strip() or None

        return {
            "fee": self.extras.fee_input(),
            "applicant": {
                "full_name": self.full_name.text(),
                "cccd": value(self.cccd),
                "phone": value(self.phone),
                "address": self.address.text(),
                "email": value(self.email),
            },
            "procedure": self.procedure.code if self.procedure else "",
            "documents": self.document_rows() or None,
            "sets": self.sets.value(),
            "channel": self.channel.currentData(),
            "notes": self.notes.text(),
            "identity_check": self.identity.currentData() or None,
            "for_commune": self.for_commune.text().strip() or None,  # "87002 Xã Mỹ Hiệp"
        }

    def save(self) -> Dossier | None:
        """Receive the dossier and print its receipt; on a refused input keep everything and say why."""
        clerk = self.current_clerk()
        if clerk is None:
            return None
        for widget in self.field_widgets.values():
            unmark(widget)
        if self.procedure is None:
            self.show_error(NoProcedureChosen())
            return None
        if not self.document_rows():
            text = self.tr("Chưa đánh dấu giấy tờ nào đã nhận.")
            self.message.error(text)
            mark(self.documents, text)
            self.documents.setFocus()
            return None
        try:
            dossier = self.desk.dossiers.receive(self.data(), clerk)
        except CATCHABLE as caught:
            exc = user_error(caught)
            self.show_error(exc)
            return None
        self.last_dossier = dossier
        self.reprint_button.setEnabled(True)
        done = (
            self.tr("Đã tiếp nhận hồ sơ %1, hẹn trả %2.")
            .replace("%1", dossier.code)
            .replace("%2", i18n.when(dossier.due_at))
        )
        done += self.extras.after_save(dossier, clerk)
        notice = self.desk.dossiers.notice  # numbering jumped past a margin: the clerk must know why
        if notice is not None:
            done += " " + (notice[1] if i18n.lang() == "en" else notice[0])
        self.clear()
        words, kept = self.print_words(
            lambda: self.printing.print_form("receipt", dossier.code, clerk), self.tr("Đã in biên nhận.")
        )
        self.message.info(f"{done} {words}", kept)
        self.received.emit(dossier.code)
        return dossier

    def show_error(self, exc: MotcuaError) -> None:
        self.message.show_error(exc)
        widget = self.field_widgets.get(exc.field or "")
        if widget is not None:
            mark(widget, exc.message(i18n.lang()))
            widget.setFocus()

    def reprint(self) -> None:
        if self.last_dossier is None:
            return
        code = self.last_dossier.code
        words, kept = self.print_words(
            lambda: self.printing.print_form("receipt", code, self.current_clerk()),
            self.tr("Đã in lại biên nhận %1.").replace("%1", code),
        )
        self.message.info(words, kept)

    def clear(self) -> None:
        for widget in (
            self.procedure_filter,
            self.cccd,
            self.full_name,
            self.phone,
            self.address,
            self.email,
            self.notes,
            self.for_commune,
        ):
            widget.clear()
            unmark(widget)
        unmark(self.documents)
        self.procedure = None
        self.procedure_chosen.clear()
        self.documents.setRowCount(0)
        self.sets.setValue(1)
        self.channel.setCurrentIndex(0)
        self.identity.setCurrentIndex(0)
        self.for_commune.setEnabled(True)
        self.deciding.clear()
        self.extras.clear()
        self._filter_procedures("")
        self.update_due()
        self.procedure_filter.setFocus()
