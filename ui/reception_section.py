"""The citizen reception section for leaders and the office: the 03/TCD register with its flags, the
leaders' sessions, dialogue conferences, every follow-up, and the public disclosure board.

Rows come masked from app.citizens; a leader or admin gets a button that asks for one denouncer's
identity (ui.prompts.RevealDialog: the entry named, a reason required), which app.citizens records in
the read log. Follow-ups past their day are red until done.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QMenu, QTabWidget, QVBoxLayout, QWidget

from app.citizens.rules import FLAGS, RECEPTION
from app.core.records import Clerk, label
from app.feedback.confidential import Identity, can_read
from ui.disclosure_page import DisclosurePage
from ui.feedback_dialogs import TextDialog
from ui.reception_common import CitizenPage, FollowUpBox, button_row, selected_row, table
from ui.reception_dialogs import DocumentsDialog, RefusalDialog
from ui.reception_dialogues import DialoguesPage
from ui.reception_model import ReceptionTableModel
from ui.reception_sessions import SessionsPage
from ui.widgets import EmptyHint

REGISTER_WIDTHS = (44, 84, 170, 116, 260, 90, 80, 120, 90, 130, 130, 130, 120)


class ReceptionSection(CitizenPage):
    def __init__(
        self, desk: Any, clerk: Clerk, *, lang: str = "vi", printing: Any = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(desk, clerk, printing, parent)
        today = self.today()
        first = today - timedelta(days=30)  # the last month, whatever day of the month it is
        self.start = QDateEdit(QDate(first.year, first.month, first.day))
        self.end = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.dateChanged.connect(lambda *_: self.refresh())
        self.flag_filter = QComboBox()
        self.flag_filter.addItem(self.tr("Mọi vụ việc"), None)
        for key in FLAGS:
            self.flag_filter.addItem(self.tr("Chỉ: %1").replace("%1", label(FLAGS, key, self.lang)), key)
        self.flag_filter.currentIndexChanged.connect(lambda *_: self.refresh())
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)

        self.model = ReceptionTableModel(self.citizens.register, lang=self.lang, parent=self)
        self.table = table(self.model)
        header = self.table.horizontalHeader()
        # The form's 13 headings are long: they wrap on up to four lines over columns sized for what they hold.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(header.fontMetrics().lineSpacing() * 4 + 8)
        for column, width in enumerate(REGISTER_WIDTHS):
            self.table.setColumnWidth(column, width)
        EmptyHint(self.table, self.tr("Không có lượt tiếp nào trong thời gian và bộ lọc đã chọn."))
        # What a reception turns into (columns 10-12 and the two papers), then watching and printing.
        outcomes = button_row(
            self,
            self.buttons,
            (
                ("refuse", self.tr("Từ &chối tiếp (01/TCD)…"), self.refuse_selected),
                ("documents", self.tr("Nhận &tài liệu (02/TCD)…"), self.documents_selected),
                ("open", self.tr("&Vào sổ thụ lý"), self.open_selected),
                ("guide", self.tr("&Hướng dẫn…"), self.guide_selected),
                ("forward", self.tr("Chuyển đơ&n…"), self.forward_selected),
            ),
        )
        bar = button_row(
            self,
            self.buttons,
            (
                ("flag", self.tr("Gắn &dấu hiệu"), lambda: None),
                ("print", self.tr("&In…"), lambda: None),
                ("reveal", self.tr("&Xem người tố cáo…"), self.reveal_selected),
            ),
        )
        self._menu("flag", [(label(FLAGS, k, self.lang), lambda k=k: self.flag_selected(k)) for k in FLAGS])
        self._menu(
            "print",
            [
                (self.tr("Sổ tiếp công dân (03/TCD) của thời gian đã chọn"), self.print_register),
                (self.tr("Thông báo từ chối tiếp (01/TCD)…"), self.print_refusal),
                (self.tr("Giấy biên nhận tài liệu (02/TCD)"), self.print_documents),
            ],
        )
        filters = QHBoxLayout()
        for widget in (QLabel(self.tr("Từ ngày")), self.start, QLabel(self.tr("đến")), self.end, self.flag_filter):
            filters.addWidget(widget)
        filters.addStretch(1)
        register_page = QWidget()
        rl = QVBoxLayout(register_page)
        rl.addLayout(filters)
        rl.addWidget(self.table, 1)
        rl.addLayout(outcomes)
        rl.addLayout(bar)
        rl.addWidget(self.message)

        self.follow = FollowUpBox(self)
        self.follow_model, self.follow_table = self.follow.model, self.follow.table
        follow_page = QWidget()
        QVBoxLayout(follow_page).addWidget(self.follow)
        self.sessions = SessionsPage(desk, clerk, printing)
        self.dialogues = DialoguesPage(desk, clerk, printing)
        self.disclosure = DisclosurePage(desk, clerk, printing)
        self.pages = QTabWidget()
        self.pages.addTab(register_page, self.tr("Sổ tiếp công dân (03/TCD)"))
        self.pages.addTab(self.sessions, self.tr("Lịch và buổi tiếp"))
        self.pages.addTab(self.dialogues, self.tr("Đối thoại"))
        self.pages.addTab(follow_page, self.tr("Việc theo dõi"))
        self.pages.addTab(self.disclosure, self.tr("Công khai"))
        self.pages.currentChanged.connect(lambda *_: self.refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.pages, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        # Only once every button sits in a laid-out parent: a parentless button shown becomes a window.
        self.set_clerk(clerk)
        self.refresh()

    def _update_buttons(self) -> None:
        """Only what the selected reception may still become (a refused one is finished)."""
        entry = self._entry()
        for key in ("refuse", "documents", "open", "guide", "forward"):
            self.buttons[key].setEnabled(entry is not None and entry.outcome in RECEPTION.allowed_from[key])
        for key in ("flag", "print"):
            self.buttons[key].setEnabled(entry is not None or key == "print")
        self.buttons["reveal"].setEnabled(entry is not None and entry.confidential)

    def showEvent(self, event: Any) -> None:
        """Each time the tab comes up: what other desks (sync) or the command line changed meanwhile."""
        super().showEvent(event)
        self.refresh()

    def show_page(self, key: str) -> QWidget:
        """ "register", "sessions", "dialogues", "follow_ups" or "disclosure"."""
        index = ("register", "sessions", "dialogues", "follow_ups", "disclosure").index(key)
        self.pages.setCurrentIndex(index)
        return self.pages.widget(index)

    def set_clerk(self, clerk: Clerk) -> None:
        """Whoever signs in next; only a leader or admin sees the button that reveals a denouncer."""
        self.clerk = clerk
        self.buttons["reveal"].setVisible(can_read(clerk))
        for page in (self.sessions, self.dialogues, self.disclosure):
            page.clerk = clerk
        self.sessions.set_clerk(clerk)

    def refresh(self) -> None:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        self.model.load(start, end, self.flag_filter.currentData())
        self.follow.load()
        today = self.today()
        flags = self.citizens.flags.counts()
        overdue = len(self.citizens.follow_ups.overdue(today))
        shown = ", ".join(f"{label(FLAGS, k, self.lang)}: {n}" for k, n in flags.items())
        self.counts.setText(
            self.tr("Lượt tiếp: %1 · Việc quá hạn: %2 · %3")
            .replace("%1", str(self.model.rowCount()))
            .replace("%2", str(overdue))
            .replace("%3", shown)
        )
        current = self.pages.currentWidget() if hasattr(self, "pages") else None
        if isinstance(current, CitizenPage):
            current.refresh()

    def select(self, row: int, view: Any = None) -> None:
        (view or self.table).selectRow(row)

    def _entry(self) -> Any:
        row = selected_row(self.table)
        return self.model.entry(row) if row is not None else None

    def refuse_selected(self, ground: str = "other", detail: str | None = None) -> Any:
        entry = self._entry()
        if entry is None:
            return None
        if detail is None:
            answer = RefusalDialog.ask(self, entry.number)
            if answer is None:
                return None
            ground, detail = answer
        return self.run(lambda: self.citizens.register.refuse(entry.id, self.clerk, ground, detail))

    def _menu(self, key: str, items: list[tuple[str, Any]]) -> None:
        menu = QMenu(self.buttons[key])
        for text, slot in items:
            action = QAction(text, menu)
            action.triggered.connect(lambda _=False, s=slot: s())
            menu.addAction(action)
        self.buttons[key].setMenu(menu)

    def documents_selected(self, documents: list[dict[str, Any]] | None = None) -> Any:
        """Form 02/TCD: what the citizen handed in, each with its kind and pages."""
        entry = self._entry()
        if entry is None:
            return None
        if documents is None:
            documents = DocumentsDialog.ask(self, entry.number)
            if documents is None:
                return None
        return self.run(lambda: self.citizens.register.hand_in(entry.id, self.clerk, documents))

    def guide_selected(self, guidance: str | None = None) -> Any:
        """Column 10: the citizen told where the matter belongs."""
        entry = self._entry()
        if entry is None:
            return None
        if guidance is None:
            prompt = self.tr("Đã hướng dẫn công dân (%1) những gì, đến cơ quan nào:").replace("%1", entry.number)
            guidance = TextDialog.ask(self, self.tr("Hướng dẫn"), prompt, multiline=True)
            if guidance is None:
                return None
        return self.run(lambda: self.citizens.register.guide(entry.id, self.clerk, guidance))

    def forward_selected(self, agency: str | None = None) -> Any:
        """Column 11: the petition sent to the agency competent for it."""
        entry = self._entry()
        if entry is None:
            return None
        if agency is None:
            prompt = self.tr("Chuyển đơn của lượt tiếp %1 đến cơ quan:").replace("%1", entry.number)
            agency = TextDialog.ask(self, self.tr("Chuyển đơn"), prompt)
            if agency is None:
                return None
        return self.run(lambda: self.citizens.register.forward(entry.id, self.clerk, agency))

    def print_register(self) -> str | None:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        return self.print_paper(
            f"so-tiep-cong-dan-{start:%Y%m%d}-{end:%Y%m%d}",
            lambda path: self.citizens.print_register(path, start, end),
            self.tr("Đã in sổ tiếp công dân (03/TCD)."),
        )

    def print_refusal(self, signer: str | None = None) -> str | None:
        """01/TCD, numbered at its first printing; signed by the leader who refused."""
        entry = self._entry()
        if entry is None:
            return None
        if signer is None:
            signer = TextDialog.ask(self, self.tr("Thông báo từ chối tiếp"), self.tr("Họ tên người ký thông báo:"))
            if signer is None:
                return None
        return self.print_paper(
            f"tu-choi-tiep-{entry.number}",
            lambda path: self.citizens.print_refusal(entry.id, path, signer=signer),
            self.tr("Đã in thông báo từ chối tiếp %1.").replace("%1", entry.number),
        )

    def print_documents(self) -> str | None:
        entry = self._entry()
        if entry is None:
            return None
        return self.print_paper(
            f"bien-nhan-tai-lieu-{entry.number}",
            lambda path: self.citizens.print_documents_receipt(entry.id, path, receiver=self.clerk.full_name),
            self.tr("Đã in giấy biên nhận tài liệu %1.").replace("%1", entry.number),
        )

    def open_selected(self) -> Any:
        entry = self._entry()
        return self.run(lambda: self.citizens.register.open_entry(entry.id, self.clerk)) if entry else None

    def flag_selected(self, flag: str) -> Any:
        """Mark the matter for leaders to watch (mass, across levels, long-running, land)."""
        entry = self._entry()
        return self.run(lambda: self.citizens.flags.set("reception", entry.id, flag, self.clerk)) if entry else None

    def reveal_selected(self, purpose: str | None = None) -> Identity | None:
        entry = self._entry()
        return self.reveal(entry, purpose) if entry is not None else None

    def finish_selected(self, result: str | None = None) -> Any:
        return self.follow.finish_selected(result)
