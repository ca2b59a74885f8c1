"""The questions of the citizen reception pages: a day on the schedule, the citizens who came, a session's
record, its conclusion with follow-ups, a dialogue conference, an item to post.

Each ``ask`` returns what app.citizens takes (or None when cancelled); the checks are app.citizens'
(a wrong value comes back as one sentence on the page), so these dialogs only collect. Tests replace
``ask`` (pytest-qt's advice).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.citizens import rules
from app.core.records import label
from app.core.text import nfc
from app.core.worktime import VN_TZ
from ui import i18n


def _combo(table: dict[str, tuple[str, str]], keys: Sequence[str] | None = None) -> QComboBox:
    box = QComboBox()
    for key in keys or table:
        box.addItem(label(table, key, i18n.lang()), key)
    return box


def _text(lines: int = 3) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [nfc(line).strip() for line in edit.toPlainText().splitlines() if line.strip()]


class GridEditor(QWidget):
    """Rows typed into a small table (citizens, issues, follow-ups); empty rows are left out."""

    def __init__(self, headers: Sequence[str], keys: Sequence[str], rows: int = 3, parent: QWidget | None = None):
        super().__init__(parent)
        self.keys = list(keys)
        self.grid = QTableWidget(rows, len(headers))
        self.grid.setHorizontalHeaderLabels(list(headers))
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        if "days" in self.keys:  # a number: as wide as its heading
            header.setSectionResizeMode(self.keys.index("days"), QHeaderView.ResizeMode.ResizeToContents)
        self.grid.verticalHeader().setVisible(False)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.grid.setTabKeyNavigation(True)  # Tab walks the cells while typing rows
        self.add = QPushButton(self.tr("Thêm &dòng"), self)
        self.add.clicked.connect(lambda: self.grid.insertRow(self.grid.rowCount()))
        below = QHBoxLayout()
        below.addWidget(self.add)
        below.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid)
        layout.addLayout(below)

    def fill(self, rows: Sequence[Sequence[str]]) -> None:
        self.grid.setRowCount(max(len(rows), self.grid.rowCount()))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.grid.setItem(r, c, QTableWidgetItem(str(value)))

    def rows(self) -> list[dict[str, str]]:
        out = []
        for r in range(self.grid.rowCount()):
            cells = [self.grid.item(r, c) for c in range(len(self.keys))]
            values = [nfc(cell.text()).strip() if cell else "" for cell in cells]
            if any(values):
                out.append(dict(zip(self.keys, values, strict=True)))
        return out


class _Dialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

    def finish(self, width: int = 620) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)
        self.resize(width, self.sizeHint().height())

    def answer(self) -> Any:  # each dialog's own
        raise NotImplementedError

    @classmethod
    def ask(cls, parent: QWidget | None, *args: Any) -> Any:
        dialog = cls(*args, parent=parent)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ScheduleDialog(_Dialog):
    """A day on the schedule: who receives, when, where, regular or unscheduled, in person or online."""

    def __init__(self, day: date, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Lên lịch tiếp công dân"), parent)
        self.role = _combo(rules.LEADER_ROLES)
        self.name = QLineEdit()
        self.day = QDateEdit(QDate(day.year, day.month, day.day))
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        self.starts = QTimeEdit(QTime(7, 30))
        self.starts.setDisplayFormat("HH:mm")
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("Trụ sở UBND xã"))
        self.regular = QComboBox()
        self.regular.addItem(self.tr("Định kỳ"), True)
        self.regular.addItem(self.tr("Đột xuất"), False)
        self.mode = _combo(rules.MODES)
        for caption, field in (
            (self.tr("&Người tiếp (chức vụ):"), self.role),
            (self.tr("&Họ tên:"), self.name),
            (self.tr("N&gày:"), self.day),
            (self.tr("Giờ &bắt đầu:"), self.starts),
            (self.tr("Địa đ&iểm:"), self.place),
            (self.tr("&Loại buổi tiếp:"), self.regular),
            (self.tr("Hình &thức:"), self.mode),
        ):
            self.form.addRow(caption, field)
        self.finish(520)

    def answer(self) -> dict[str, Any]:
        return {
            "leader_role": self.role.currentData(),
            "leader_name": self.name.text(),
            "day": self.day.date().toPython(),
            "starts": self.starts.time().toString("HH:mm"),
            "place": self.place.text(),
            "regular": bool(self.regular.currentData()),
            "mode": self.mode.currentData(),
        }


class CitizensDialog(_Dialog):
    """Citizens who came on one matter: one row each, the matter once (column 7 counts them)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Công dân đến trình bày"), parent)
        self.people = GridEditor(
            [self.tr("Họ tên"), self.tr("Địa chỉ"), self.tr("Số CCCD")], ["name", "address", "cccd"], rows=3
        )
        self.kind = _combo(rules.KINDS)
        self.content = _text()
        self.resolved_by = QLineEdit()
        self.form.addRow(self.tr("&Công dân (mỗi người một dòng):"), self.people)
        self.form.addRow(self.tr("&Phân loại:"), self.kind)
        self.form.addRow(self.tr("&Nội dung vụ việc:"), self.content)
        self.form.addRow(self.tr("Cơ quan đã &giải quyết:"), self.resolved_by)
        self.finish(720)

    def answer(self) -> tuple[list[dict[str, str]], dict[str, Any]]:
        matter = {"kind": self.kind.currentData(), "content": self.content.toPlainText()}
        matter["resolved_by"] = self.resolved_by.text()
        return self.people.rows(), matter


class HoldDialog(_Dialog):
    """What happened at the session: who received with the leader, what the citizens raised."""

    def __init__(self, leader: str, raised: str = "", parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Ghi kết quả buổi tiếp"), parent)
        self.received_by = _text(2)
        self.received_by.setPlainText(leader)
        self.raised = _text(4)
        self.raised.setPlainText(raised)
        self.form.addRow(self.tr("&Người tiếp (mỗi người một dòng):"), self.received_by)
        self.form.addRow(self.tr("Nội &dung công dân nêu:"), self.raised)
        self.finish()

    def answer(self) -> dict[str, Any]:
        return {"received_by": _lines(self.received_by), "raised": self.raised.toPlainText()}


def _follow_editor() -> GridEditor:
    heads = [
        QCoreApplication.translate("FollowEditor", "Việc cần làm"),
        QCoreApplication.translate("FollowEditor", "Người thực hiện"),
        QCoreApplication.translate("FollowEditor", "Số ngày làm việc"),
    ]
    return GridEditor(heads, ["task", "owner", "days"], rows=2)


class ConclusionDialog(_Dialog):
    """The conclusion notice: what the leader concluded, who signs, and the follow-ups it gives."""

    def __init__(self, leader: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Thông báo kết luận"), parent)
        self.conclusion = _text(4)
        self.signer = QLineEdit(leader)
        self.follow_ups = _follow_editor()
        self.form.addRow(self.tr("Nội dung &kết luận:"), self.conclusion)
        self.form.addRow(self.tr("&Người ký:"), self.signer)
        self.form.addRow(self.tr("&Việc giao (thời hạn tính theo ngày làm việc):"), self.follow_ups)
        self.finish(720)

    def answer(self) -> dict[str, Any]:
        return {
            "conclusion": self.conclusion.toPlainText(),
            "signer": self.signer.text(),
            "follow_ups": self.follow_ups.rows(),
        }


class DialogueDialog(_Dialog):
    """A dialogue conference held: when, where, who chaired, who came, each issue and its answer."""

    def __init__(self, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Hội nghị đối thoại"), parent)
        self.kind = _combo(rules.DIALOGUE_KINDS)
        self.subject = QLineEdit()
        local = now.astimezone(VN_TZ).replace(tzinfo=None, second=0, microsecond=0)
        self.held_at = QDateTimeEdit(QDateTime(local))
        self.held_at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.held_at.setCalendarPopup(True)
        self.place = QLineEdit()
        self.chair = QLineEdit()
        self.secretary = QLineEdit()
        self.attendees = _text(2)
        self.residents = QSpinBox()
        self.residents.setRange(0, 100_000)
        self.issues = GridEditor(
            [self.tr("Người nêu"), self.tr("Vấn đề"), self.tr("Trả lời")], ["raised_by", "issue", "answer"], rows=2
        )
        self.follow_ups = _follow_editor()
        for caption, field in (
            (self.tr("&Loại:"), self.kind),
            (self.tr("C&hủ đề:"), self.subject),
            (self.tr("&Thời gian:"), self.held_at),
            (self.tr("Địa đ&iểm:"), self.place),
            (self.tr("&Chủ trì:"), self.chair),
            (self.tr("Thư &ký:"), self.secretary),
            (self.tr("Thành &phần (mỗi dòng một người):"), self.attendees),
            (self.tr("Số &người dân dự:"), self.residents),
            (self.tr("Các ý kiến và t&rả lời:"), self.issues),
            (self.tr("&Việc giao:"), self.follow_ups),
        ):
            self.form.addRow(caption, field)
        self.finish(760)

    def answer(self) -> dict[str, Any]:
        return {
            "kind": self.kind.currentData(),
            "subject": self.subject.text(),
            "held_at": self.held_at.dateTime().toPython().replace(tzinfo=VN_TZ),
            "place": self.place.text(),
            "chair": self.chair.text(),
            "secretary": self.secretary.text(),
            "attendees": _lines(self.attendees),
            "residents": self.residents.value(),
            "issues": self.issues.rows(),
            "follow_ups": self.follow_ups.rows(),
        }


class RefusalDialog(_Dialog):
    """Form 01/TCD: on which ground of the law a reception is refused, and what happened."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Từ chối tiếp — %1").replace("%1", number), parent)
        self.ground = _combo(rules.REFUSAL_GROUNDS)
        self.detail = _text(3)
        self.form.addRow(self.tr("&Căn cứ:"), self.ground)
        self.form.addRow(self.tr("&Sự việc cụ thể:"), self.detail)
        self.finish(720)

    def answer(self) -> tuple[str, str]:
        return self.ground.currentData(), self.detail.toPlainText()


class DocumentsDialog(_Dialog):
    """Form 02/TCD: each document a citizen hands in, with its kind and number of pages."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Nhận tài liệu — %1").replace("%1", number), parent)
        self.grid = QTableWidget(0, 3)
        self.grid.setHorizontalHeaderLabels([self.tr("Tên tài liệu"), self.tr("Loại bản"), self.tr("Số trang")])
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setVisible(False)
        self.add = QPushButton(self.tr("Thêm &dòng"), self)
        self.add.clicked.connect(self.add_row)
        for _ in range(2):
            self.add_row()
        self.form.addRow(self.tr("&Tài liệu:"), self.grid)
        self.form.addRow("", self.add)
        self.finish(640)

    def add_row(self) -> None:
        row = self.grid.rowCount()
        self.grid.insertRow(row)
        self.grid.setItem(row, 0, QTableWidgetItem(""))
        self.grid.setCellWidget(row, 1, _combo(rules.DOCUMENT_KINDS))
        pages = QSpinBox()
        pages.setRange(1, 10_000)
        self.grid.setCellWidget(row, 2, pages)

    def answer(self) -> list[dict[str, Any]]:
        out = []
        for row in range(self.grid.rowCount()):
            item = self.grid.item(row, 0)
            name = nfc(item.text()).strip() if item else ""
            if name:
                kind, pages = self.grid.cellWidget(row, 1), self.grid.cellWidget(row, 2)
                out.append({"name": name, "kind": kind.currentData(), "pages": pages.value()})
        return out


class PostDialog(_Dialog):
    """An item to post on the board, for at least the days the law asks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Niêm yết thông tin"), parent)
        self.title = QLineEdit()
        self.body = _text(4)
        self.days = QSpinBox()
        self.days.setRange(rules.DISCLOSURE_MIN_DAYS, 3650)
        self.days.setSuffix(self.tr(" ngày"))
        self.form.addRow(self.tr("&Tiêu đề:"), self.title)
        self.form.addRow(self.tr("&Nội dung:"), self.body)
        self.form.addRow(self.tr("Niêm yết tr&ong:"), self.days)
        self.finish()

    def answer(self) -> dict[str, Any]:
        return {"title": self.title.text(), "body": self.body.toPlainText(), "days": self.days.value()}
