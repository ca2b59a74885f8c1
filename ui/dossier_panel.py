"""One dossier: its details, its history (who did what, when) and the actions its status allows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import parse_iso
from app.core.records import Clerk, label
from app.desk import Desk
from app.printing import form_rules
from app.reception.records import CHANNELS, DOCUMENT_KINDS, EVENT_KINDS, STATUSES, Dossier
from app.reception.timeliness import VERDICTS
from app.sync.service import RecordState
from ui import i18n
from ui.errors import CATCHABLE, user_error
from ui.fee_widgets import FeeBox
from ui.files_box import DossierFilesBox
from ui.printer import FORM_FOR_ACTION, Printing
from ui.prompts import ConfirmDialog, NewDateDialog, ReasonDialog
from ui.widgets import MessageLine, Section

ACTIONS_PER_ROW = 4
# Keyboard: each action has a function key, the same wherever the panel is shown.
ACTION_KEYS = {
    "forwarded": "F5",
    "supplement_requested": "F6",
    "supplement_received": "F7",
    "done": "F8",
    "returned": "F9",
    "apology_issued": "F10",
    "refused": "F11",
    "withdrawn": "F12",
    "stopped": "Shift+F12",
}


class DossierPanel(Section):
    acted = Signal(str, str)  # code, event kind

    def __init__(
        self, desk: Desk, clerk: Callable[[], Clerk | None], printing: Printing, parent: QWidget | None = None
    ) -> None:
        super().__init__(desk, clerk, printing, parent)
        self.dossier: Dossier | None = None
        self._clerk_names: dict[str, str] = {}

        self.title = QLabel()
        self.title.setObjectName("dossierTitle")
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details = QGroupBox(self.tr("Thông tin hồ sơ"))
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout(details)
        for key, caption in (
            ("status", self.tr("Trạng thái:")),
            ("applicant", self.tr("Người nộp:")),
            ("cccd", self.tr("Số CCCD:")),
            ("phone", self.tr("Điện thoại:")),
            ("address", self.tr("Địa chỉ:")),
            ("procedure", self.tr("Thủ tục:")),
            ("received", self.tr("Ngày nhận:")),
            ("due", self.tr("Hẹn trả:")),
            ("timeliness", self.tr("Tiến độ (chỉ số 2.1):")),
            ("documents", self.tr("Giấy tờ:")),
            ("channel", self.tr("Hình thức nộp:")),
            ("sync", self.tr("Đồng bộ:")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(caption, value)
        self.fields["sync"].setObjectName("syncLine")

        history_box = QGroupBox(self.tr("Quá trình xử lý"))
        self.history = QTableWidget(0, 4)
        self.history.setHorizontalHeaderLabels(
            [self.tr("Thời điểm"), self.tr("Bước"), self.tr("Cán bộ"), self.tr("Ghi chú")]
        )
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setWordWrap(True)
        self.history.setTextElideMode(Qt.TextElideMode.ElideNone)
        # Rows grow with their note when the column is resized, too.
        self.history.horizontalHeader().sectionResized.connect(lambda *_: self.history.resizeRowsToContents())
        QVBoxLayout(history_box).addWidget(self.history)

        # Two rows when many actions are allowed, so the panel fits 1280 px in any language.
        self.actions_row = QHBoxLayout()
        self.actions_more = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for kind, key in ACTION_KEYS.items():
            button = QPushButton(f"{self.verbs()[kind]} ({key})")
            button.setShortcut(key)
            button.setObjectName(f"action_{kind}")
            button.clicked.connect(lambda _=False, k=kind: self.perform(k))
            button.setVisible(False)
            self.buttons[kind] = button
            self.actions_row.addWidget(button)
        self.actions_row.addStretch(1)
        self.actions_more.addStretch(1)
        # Any form of this dossier, again: the receipt says on the paper that it is a reprint.
        self.reprint_button = QPushButton(self.tr("&In lại…"))
        self.reprint_button.setObjectName("reprint")
        self.reprint_button.setShortcut(QKeySequence("Ctrl+P"))
        self.reprint_menu = QMenu(self.reprint_button)
        self.reprint_button.setMenu(self.reprint_menu)
        self.actions_row.addWidget(self.reprint_button)
        self.message = MessageLine()

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        # Details, history, scans and fee scroll together: on a small screen or with long (Vietnamese,
        # stretched) text they keep their height instead of being squeezed; the actions stay in view.
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(details, 1)
        top.addWidget(history_box, 1)
        body_layout.addLayout(top, 1)
        self.files_box = DossierFilesBox(desk, clerk)
        self.fee_box = FeeBox(desk, clerk)
        extras = QHBoxLayout()
        extras.addWidget(self.files_box, 2)
        extras.addWidget(self.fee_box, 1)
        body_layout.addLayout(extras, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        layout.addLayout(self.actions_row)
        layout.addLayout(self.actions_more)
        layout.addWidget(self.message)
        self.show_dossier(None)

    def verbs(self) -> dict[str, str]:
        """What each action button says: the step to take, not the event it records ("Đã trả kết quả")."""
        return {
            "forwarded": self.tr("Chuyển xử lý"),
            "supplement_requested": self.tr("Yêu cầu bổ sung"),
            "supplement_received": self.tr("Nhận bổ sung"),
            "done": self.tr("Có kết quả"),
            "returned": self.tr("Trả kết quả"),
            "apology_issued": self.tr("Xin lỗi, hẹn lại"),
            "refused": self.tr("Từ chối"),
            "withdrawn": self.tr("Rút hồ sơ"),
            "stopped": self.tr("Dừng giải quyết"),
        }

    def _clerk_name(self, clerk_id: str) -> str:
        if clerk_id not in self._clerk_names:
            found = self.desk.clerk_by_id(clerk_id)
            self._clerk_names[clerk_id] = found.full_name if found else clerk_id[:8]
        return self._clerk_names[clerk_id]

    def open_code(self, code: str) -> Dossier:
        dossier = self.desk.dossiers.get(code)
        self.show_dossier(dossier)
        return dossier

    def show_dossier(self, dossier: Dossier | None) -> None:
        self.dossier = dossier
        self.files_box.show_dossier(dossier)
        self.fee_box.show_dossier(dossier)
        self.allowed: set[str] = set()
        self.message.clear()
        lang = i18n.lang()
        if dossier is None:
            self.title.setText(self.tr("Chưa chọn hồ sơ"))
            for value in self.fields.values():
                value.clear()
            self.history.setRowCount(0)
            for button in self.buttons.values():
                button.setVisible(False)
            self.reprint_button.setVisible(False)
            return
        self.title.setText(dossier.code)
        a = dossier.applicant
        docs = "; ".join(f"{d.name} ({label(DOCUMENT_KINDS, d.kind, lang)} × {d.count})" for d in dossier.documents)
        values = {
            "status": label(STATUSES, dossier.status, lang),
            "applicant": a.full_name,
            "cccd": a.cccd or "",
            "phone": a.phone or "",
            "address": a.address,
            "procedure": f"{dossier.procedure_code} — {dossier.procedure_name}",
            "received": i18n.when(dossier.received_at),
            "due": i18n.when(dossier.due_at),
            "timeliness": self._timeliness_text(dossier),
            "documents": docs,
            "channel": label(CHANNELS, dossier.channel, lang),
        }
        for key, value in values.items():
            self.fields[key].setText(value)
        self.show_sync_state()
        self.history.setRowCount(len(dossier.events))
        for row, event in enumerate(sorted(dossier.events, key=lambda e: (e.at, e.kind != "received"))):
            note = event.data.get("reason", "")
            if event.kind == "apology_issued":
                new_due = event.data.get("new_due")
                note = f"{note} → {i18n.when(parse_iso(new_due))}" if new_due else note
            for col, text in enumerate(
                (
                    i18n.when(event.at),
                    label(EVENT_KINDS, event.kind, lang),
                    self._clerk_name(event.clerk_id),
                    note,
                )
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.history.setItem(row, col, item)
        for col in range(3):  # the last column (notes) stretches
            self.history.resizeColumnToContents(col)
        self.history.resizeRowsToContents()  # a long note wraps onto more lines, never cut with "…"
        self.allowed = set(self.desk.dossiers.allowed_actions(dossier))
        shown = [kind for kind in self.buttons if kind in self.allowed]
        first_row = shown if len(shown) <= ACTIONS_PER_ROW else shown[: (len(shown) + 1) // 2]
        for button in self.buttons.values():
            self.actions_row.removeWidget(button)
            self.actions_more.removeWidget(button)
        for kind, button in self.buttons.items():
            if kind in first_row or kind not in shown:
                self.actions_row.insertWidget(self.actions_row.count() - 2, button)  # before stretch, reprint
            else:
                self.actions_more.insertWidget(self.actions_more.count() - 1, button)  # before the stretch
            button.setVisible(kind in self.allowed)
        self._fill_reprint_menu(dossier)

    def form_names(self) -> dict[str, str]:
        return {
            "receipt": self.tr("Giấy tiếp nhận và hẹn trả kết quả"),
            "supplement": self.tr("Phiếu yêu cầu bổ sung hồ sơ"),
            "refusal": self.tr("Phiếu từ chối tiếp nhận"),
            "apology": self.tr("Văn bản xin lỗi và hẹn lại"),
            "tracking": self.tr("Phiếu theo dõi quá trình xử lý"),
            "stop": self.tr("Thông báo dừng giải quyết hồ sơ"),
        }

    def reprintable(self, dossier: Dossier) -> list[str]:
        """The forms this dossier has: the receipt and tracking sheet always, a notice once its step is on
        record (the same rule the printing service applies, app.printing.form_rules)."""
        letters = [form for form in form_rules.LETTER_EVENTS if form_rules.letter_event(form, dossier) is not None]
        return ["receipt", "tracking", *letters]

    def _fill_reprint_menu(self, dossier: Dossier) -> None:
        self.reprint_menu.clear()
        names = self.form_names()
        for form in self.reprintable(dossier):
            action = self.reprint_menu.addAction(names[form])
            action.setObjectName(f"reprint_{form}")
            action.triggered.connect(lambda _=False, f=form: self.reprint(f))
        self.reprint_button.setVisible(True)

    def reprint(self, form: str) -> None:
        """Print ``form`` of the open dossier again (recorded; a receipt is marked as a reprint)."""
        if self.dossier is None:
            return
        code = self.dossier.code
        words, kept = self.print_words(
            lambda: self.printing.print_form(form, code, self.current_clerk()),
            self.tr("Đã in lại: %1.").replace("%1", self.form_names()[form]),
        )
        self.message.info(words, kept)

    def _timeliness_text(self, dossier: Dossier) -> str:
        """The verdict every report counts (app.reception.timeliness), with the receipt's date it uses."""
        judged = self.desk.dossiers.timeliness(dossier)
        lang = i18n.lang()
        verdict = label(VERDICTS, judged.verdict, lang)
        if not judged.ended:
            verdict = self.tr("đang giải quyết, %1 đến nay").replace("%1", verdict.lower())
        text = self.tr("%1 (so với hẹn trên giấy tiếp nhận %2)").replace("%1", verdict)
        text = text.replace("%2", i18n.when(judged.promised))
        if judged.apology_due is not None:
            text += self.tr("; đã hẹn lại %1").replace("%1", i18n.when(judged.apology_due))
        return text

    def show_sync_state(self) -> None:
        """Whether the hub has this dossier and all its steps: waiting, sent, or refused with its reason."""
        line = self.fields["sync"]
        if self.dossier is None:
            line.clear()
            return
        state = (
            self.desk.sync.dossier_states([self.dossier.id])[self.dossier.id]
            if self.desk.sync.enrolled
            else RecordState("unlinked")  # no hub set up: nothing is waiting to be sent anywhere
        )
        texts = {
            "pending": (self.tr("chờ gửi"), "#7f6000"),
            "sent": (self.tr("đã gửi"), "#1e7b34"),
            "error": (self.tr("lỗi — %1").replace("%1", state.reason or ""), "#a93226"),
            "unlinked": (self.tr("chưa kết nối với máy chủ tỉnh"), "#6b7280"),
        }
        text, colour = texts[state.state]
        line.setText(text)
        line.setStyleSheet(f"color: {colour};")

    def perform(self, kind: str) -> bool:
        """Ask what the action needs, record it, print its form; False if cancelled or refused."""
        if self.dossier is None or kind not in self.allowed:
            return False
        clerk = self.current_clerk()
        if clerk is None:
            return False
        lang = i18n.lang()
        reason, new_due = "", None
        action = self.verbs()[kind]
        who = (
            self.tr("hồ sơ %1 của %2").replace("%1", self.dossier.code).replace("%2", self.dossier.applicant.full_name)
        )
        if kind == "returned":
            # Handing back ends the dossier; Enter may confirm: it is what the clerk came to do.
            question = self.tr("Trả kết quả %1?").replace("%1", who)
            if not ConfirmDialog.ask(self, action, question, action, safe=True):
                return False
        elif kind in ("refused", "withdrawn", "stopped"):
            # One question: the reason is asked with the dossier named; OK is not the default button.
            prompt = (
                self.tr("%1: %2. Việc này không hoàn tác được.").replace("%1", action).replace("%2", who)
                + "\n"
                + self.tr("Lý do (in trên phiếu):")
            )
            answered = ReasonDialog.ask(self, f"{action} — {self.dossier.code}", prompt)
            if answered is None:
                return False
            reason = answered
        elif kind == "apology_issued":
            answer = NewDateDialog.ask(self, self.dossier.due_at, self.desk.dossiers.default_new_due(self.dossier))
            if answer is None:
                return False
            new_due, reason = answer
        elif kind == "supplement_requested":
            prompt = self.tr("Yêu cầu bổ sung %1.").replace("%1", who) + "\n" + self.tr("Lý do (in trên phiếu):")
            answered = ReasonDialog.ask(self, f"{action} — {self.dossier.code}", prompt)
            if answered is None:
                return False
            reason = answered
        try:
            dossier = self.desk.dossiers.act(self.dossier.code, kind, clerk, reason=reason, new_due=new_due)
        except CATCHABLE as caught:
            exc = user_error(caught)
            self.message.show_error(exc)
            return False
        self.show_dossier(dossier)
        done = self.tr("Đã ghi: %1.").replace("%1", label(EVENT_KINDS, kind, lang))
        if FORM_FOR_ACTION.get(kind):
            words, kept = self.print_words(
                lambda: self.printing.print_for_action(kind, dossier.code, clerk), self.tr("Đã in phiếu.")
            )
            self.message.info(f"{done} {words}", kept)
        else:
            self.message.info(done)
        self.acted.emit(dossier.code, kind)
        return True
