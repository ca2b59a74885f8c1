"""What sync could not finish, in words: records the hub refused (with its reason), dossiers that clash
(a leader settles one here), and records pulled from the hub that this desk set aside."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import history
from app.core.clock import parse_iso
from app.core.errors import MotcuaError
from app.core.records import Clerk, label
from app.desk import Desk
from app.reception.records import EVENT_KINDS
from app.sync import clashes as clash_rules
from ui import i18n


class SettleDialog(QDialog):
    """Which of a clash's outcomes holds, and why: a leader's decision, recorded and synced."""

    def __init__(self, clash: clash_rules.Clash, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Xử lý hồ sơ mâu thuẫn"))
        layout = QVBoxLayout(self)
        caption = QLabel(self.tr("Hồ sơ %1 có hai kết quả khác nhau. Chọn kết quả đúng:").replace("%1", clash.code))
        caption.setWordWrap(True)
        layout.addWidget(caption)
        self.choices = QButtonGroup(self)
        self.ids: list[str] = []
        for i, o in enumerate(clash.outcomes):
            text = f"{label(EVENT_KINDS, o['kind'], i18n.lang())} — {parse_iso(o['at']):%H:%M %d/%m/%Y}"
            button = QRadioButton(text)
            button.setChecked(i == 0)
            self.choices.addButton(button, i)
            self.ids.append(o["id"])
            layout.addWidget(button)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Ghi chú (lý do chọn)"))
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, clash: clash_rules.Clash) -> tuple[str, str] | None:
        """(the kept final event's id, the note), or None when cancelled."""
        dialog = cls(clash, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.ids[dialog.choices.checkedId()], dialog.note.text()


class SyncProblemsDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None, clerk: Clerk | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.clerk = clerk
        self.open: list[clash_rules.Clash] = []
        self.setWindowTitle(self.tr("Lỗi đồng bộ"))
        self.summary = QLabel()
        self.summary.setObjectName("syncProblemsSummary")
        self.summary.setWordWrap(True)
        self.errors = self._table([self.tr("Bản ghi"), self.tr("Lúc"), self.tr("Lý do máy chủ tỉnh không nhận")])
        self.clashes = self._table([self.tr("Hồ sơ"), self.tr("Lúc"), self.tr("Cần kiểm tra")])
        self.quarantine = self._table([self.tr("Bản ghi"), self.tr("Lúc"), self.tr("Lý do quầy không áp dụng")])
        quarantine_box = QGroupBox(self.tr("Bản ghi nhận từ máy chủ tỉnh nhưng không áp dụng được (để riêng)"))
        QVBoxLayout(quarantine_box).addWidget(self.quarantine)
        errors_box = QGroupBox(self.tr("Bản ghi máy chủ tỉnh không nhận (không tự gửi lại)"))
        QVBoxLayout(errors_box).addWidget(self.errors)
        clashes_box = QGroupBox(self.tr("Hồ sơ có dữ liệu mâu thuẫn giữa các quầy"))
        clashes_layout = QVBoxLayout(clashes_box)
        clashes_layout.addWidget(self.clashes)
        self.settle_button = QPushButton(self.tr("&Xử lý mâu thuẫn…"))
        self.settle_button.setToolTip(self.tr("Lãnh đạo chọn kết quả đúng; quyết định được đồng bộ tới mọi quầy."))
        self.settle_button.setVisible(clerk is not None and clerk.role in clash_rules.SETTLERS)
        self.settle_button.clicked.connect(self.settle_selected)
        self.clashes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        clashes_layout.addWidget(self.settle_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(errors_box, 1)
        layout.addWidget(clashes_box, 1)
        layout.addWidget(quarantine_box, 1)
        layout.addWidget(buttons)
        self.resize(900, 520)
        self.load()

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def settle_selected(self) -> None:
        """The selected clash, settled by the signed-in leader (app.sync.clashes.settle)."""
        rows = self.clashes.selectionModel().selectedRows() if self.clashes.selectionModel() else []
        row = rows[0].row() if rows else self.clashes.currentRow()
        code = self.clashes.item(row, 0).text() if row >= 0 and self.clashes.item(row, 0) else None
        clash = next((c for c in self.open if c.code == code), None)
        if clash is None or self.clerk is None:
            return
        answer = SettleDialog.ask(self, clash)
        if answer is None:
            return
        try:
            clash_rules.settle(self.desk, clash.dossier_id, answer[0], self.clerk, answer[1])
        except MotcuaError as exc:
            self.summary.setText(exc.message(i18n.lang()))
            return
        self.load()

    def load(self) -> None:
        errors = self.desk.sync.errors()
        self.open = clash_rules.open_clashes(self.desk)
        still_open = {c.dossier_id for c in self.open}
        clashes = [c for c in self.desk.sync.clashes() if c["kind"] != "outcome" or c["dossier_id"] in still_open]
        self._fill(self.errors, [(self._record(e), self._at(e["at"]), self._reason(e)) for e in errors])
        self._fill(self.clashes, [self._clash(c) for c in clashes])
        # A pulled record this desk could not apply is set aside, never a stuck sync.
        quarantined = self.desk.sync.quarantined()
        self._fill(
            self.quarantine, [(self._record(q), self._at(q["received_at"]), self._reason(q)) for q in quarantined]
        )
        errors = errors + quarantined
        if not self.desk.sync.enrolled:
            # Nothing was sent, so nothing was received: say what is true, and what to do.
            self.summary.setText(
                self.tr(
                    "Quầy này chưa kết nối với máy chủ tỉnh, nên chưa gửi bản ghi nào; %1 bản ghi đang chờ. "
                    "Quản trị viên đăng ký quầy bằng lệnh «motcua enroll»."
                ).replace("%1", i18n.number(self.desk.sync.status().pending))
            )
        elif not errors and not clashes:
            self.summary.setText(self.tr("Không có lỗi đồng bộ: mọi bản ghi đã gửi đều được máy chủ tỉnh nhận."))
        else:
            self.summary.setText(
                self.tr(
                    "%1 bản ghi bị từ chối, %2 hồ sơ cần kiểm tra. Hãy báo cho quản trị "
                    "hệ thống của tỉnh; các bản ghi này không được gửi lại tự động."
                )
                .replace("%1", str(len(errors)))
                .replace("%2", str(len(clashes)))
            )

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[str, str, str]]) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        table.resizeRowsToContents()

    def _kind(self, entity: str) -> str:
        kinds = {
            history.DOSSIER.name: self.tr("Hồ sơ"),
            history.EVENT.name: self.tr("Bước xử lý hồ sơ"),
            history.FEEDBACK.name: self.tr("Phản ánh, kiến nghị"),
            history.FEEDBACK_EVENT.name: self.tr("Xử lý phản ánh"),
            history.RATING.name: self.tr("Đánh giá"),
            history.RATING_DECLINED.name: self.tr("Lượt không đánh giá"),
            history.PRINT.name: self.tr("Lần in phiếu"),
            history.CONFIDENTIAL_READ.name: self.tr("Lần xem thông tin mật"),
        }
        return kinds.get(entity, entity)

    def _code(self, dossier_id: str) -> str | None:
        try:
            return self.desk.dossiers.get_by_id(dossier_id).code
        except MotcuaError:
            return None

    def _record(self, error: dict[str, Any]) -> str:
        code = self._code(error["entity_id"]) if error["entity"] == history.DOSSIER.name else None
        return f"{self._kind(error['entity'])} {code or error['entity_id'][:8]}"

    def _reason(self, error: dict[str, Any]) -> str:
        return error["reason_en"] if i18n.lang() == "en" else error["reason"]

    @staticmethod
    def _at(stamp: str) -> str:
        return i18n.when(parse_iso(stamp))

    def _clash(self, clash: dict[str, Any]) -> tuple[str, str, str]:
        detail = clash["detail"]
        if clash["kind"] == "code":
            code = str(detail.get("code", ""))
            text = self.tr("Mã hồ sơ này được cấp hai lần (ở một quầy khác); hồ sơ của quầy này giữ nguyên.")
        else:
            code = self._code(clash["dossier_id"]) or clash["dossier_id"][:8]
            kinds = ", ".join(label(EVENT_KINDS, e["kind"], i18n.lang()) for e in detail.get("events", []))
            text = self.tr("Hồ sơ có hai kết quả khác nhau ở hai quầy: %1.").replace("%1", kinds)
        return code, self._at(clash["detected_at"]), text
