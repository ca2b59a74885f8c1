"""One dossier: its details, its history (who did what, when) and the actions its status allows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.records import Clerk, label
from app.desk import Desk
from app.reception.records import CHANNELS, DOCUMENT_KINDS, EVENT_KINDS, STATUSES, Dossier
from app.reception.timeliness import VERDICTS
from ui import i18n
from ui.errors import CATCHABLE, user_error
from ui.printer import Printing
from ui.prompts import NewDateDialog, ReasonDialog
from ui.widgets import MessageLine, Section

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
        QVBoxLayout(history_box).addWidget(self.history)

        self.actions_row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for kind, key in ACTION_KEYS.items():
            button = QPushButton(f"{label(EVENT_KINDS, kind, i18n.lang())} ({key})")
            button.setShortcut(key)
            button.setObjectName(f"action_{kind}")
            button.clicked.connect(lambda _=False, k=kind: self.perform(k))
            button.setVisible(False)
            self.buttons[kind] = button
            self.actions_row.addWidget(button)
        self.actions_row.addStretch(1)
        self.message = MessageLine()

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        top = QHBoxLayout()
        top.addWidget(details, 1)
        top.addWidget(history_box, 1)
        layout.addLayout(top, 1)
        layout.addLayout(self.actions_row)
        layout.addWidget(self.message)
        self.show_dossier(None)

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
            "received": f"{dossier.received_at:%H:%M %d/%m/%Y}",
            "due": f"{dossier.due_at:%H:%M %d/%m/%Y}",
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
                note = f"{note} → {event.data.get('new_due', '')[:16].replace('T', ' ')}"
            for col, text in enumerate(
                (
                    f"{event.at:%H:%M %d/%m/%Y}",
                    label(EVENT_KINDS, event.kind, lang),
                    self._clerk_name(event.clerk_id),
                    note,
                )
            ):
                self.history.setItem(row, col, QTableWidgetItem(text))
        for col in range(3):  # the last column (notes) stretches
            self.history.resizeColumnToContents(col)
        self.allowed = set(self.desk.dossiers.allowed_actions(dossier))
        for kind, button in self.buttons.items():
            button.setVisible(kind in self.allowed)

    def _timeliness_text(self, dossier: Dossier) -> str:
        """The verdict every report counts (app.reception.timeliness), with the receipt's date it uses."""
        judged = self.desk.dossiers.timeliness(dossier)
        lang = i18n.lang()
        verdict = label(VERDICTS, judged.verdict, lang)
        if not judged.ended:
            verdict = self.tr("đang giải quyết, %1 đến nay").replace("%1", verdict.lower())
        text = self.tr("%1 (so với hẹn trên giấy tiếp nhận %2)").replace("%1", verdict)
        text = text.replace("%2", f"{judged.promised:%H:%M %d/%m/%Y}")
        if judged.apology_due is not None:
            text += self.tr("; đã hẹn lại %1").replace("%1", f"{judged.apology_due:%H:%M %d/%m/%Y}")
        return text

    def show_sync_state(self) -> None:
        """Whether the hub has this dossier and all its steps: waiting, sent, or refused with its reason."""
        line = self.fields["sync"]
        if self.dossier is None:
            line.clear()
            return
        state = self.desk.sync.dossier_states([self.dossier.id])[self.dossier.id]
        texts = {
            "pending": (self.tr("chờ gửi"), "#7f6000"),
            "sent": (self.tr("đã gửi"), "#1e7b34"),
            "error": (self.tr("lỗi — %1").replace("%1", state.reason or ""), "#a93226"),
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
        if kind == "apology_issued":
            answer = NewDateDialog.ask(self, self.dossier.due_at, self.desk.dossiers.default_new_due(self.dossier))
            if answer is None:
                return False
            new_due, reason = answer
        elif kind in ("supplement_requested", "refused", "withdrawn", "stopped"):
            answered = ReasonDialog.ask(self, label(EVENT_KINDS, kind, lang), self.tr("Lý do (in trên phiếu):"))
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
        try:
            if self.printing.print_for_action(kind, dossier.code, clerk):
                done += " " + self.tr("Đã in phiếu.")
        except CATCHABLE as caught:
            exc = user_error(caught)
            done += " " + exc.message(lang)
        self.message.info(done)
        self.acted.emit(dossier.code, kind)
        return True
