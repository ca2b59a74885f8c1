"""The public disclosure board: what the commune posts, when it went up and when it may come down
(30 days at least; procedures for as long as they apply); the A4 board and the quarterly list printed.
An item whose period has ended is amber: the clerk may take it down.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from app.citizens import rules
from app.citizens.disclosure import Posting
from app.core.records import Clerk, label
from ui.prompts import ConfirmDialog
from ui.reception_common import ENDED, CitizenPage, RowsModel, button_row, selected_row, table
from ui.reception_dialogs import PostDialog
from ui.widgets import EmptyHint


class DisclosurePage(CitizenPage):
    def __init__(self, desk: Any, clerk: Clerk, printing: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(desk, clerk, printing, parent)
        self.model = RowsModel(
            [
                self.tr("Tiêu đề, nội dung"),
                self.tr("Loại"),
                self.tr("Ngày niêm yết"),
                self.tr("Niêm yết đến"),
                self.tr("Tình trạng"),
            ],
            self,
        )
        self.table = table(self.model, stretch=0)
        EmptyHint(
            self.table,
            self.tr("Bảng công khai còn trống. Bấm «Niêm yết các thủ tục» để đưa thủ tục, thời hạn và phí lên."),
        )
        self.show_all = QCheckBox(self.tr("Hiện cả tin đã gỡ"), self)
        self.show_all.toggled.connect(lambda *_: self.refresh())
        today = self.today()
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.quarter = QSpinBox(self)
        self.quarter.setRange(1, 4)
        self.quarter.setValue((today.month - 1) // 3 + 1)
        self.quarter.setPrefix(self.tr("Quý "))
        self.counts = QLabel(self)
        legend = QLabel(self.tr("Dòng vàng: đã đủ thời gian niêm yết, có thể gỡ xuống"), self)
        legend.setStyleSheet(f"background: {ENDED.name()}; padding: 2px 6px;")

        posting = button_row(
            self,
            self.buttons,
            (
                ("post", self.tr("Niêm &yết tin…"), self.post_item),
                ("procedures", self.tr("Niêm yết các thủ tụ&c"), self.post_procedures),
                ("take_down", self.tr("&Gỡ xuống"), self.take_down_selected),
            ),
        )
        posting.insertWidget(posting.count() - 1, self.show_all)
        printing_bar = button_row(self, self.buttons, (("board", self.tr("In &bảng niêm yết (A4)"), self.print_board),))
        printing_bar.insertWidget(printing_bar.count() - 1, QLabel(self.tr("Danh mục đã công khai:"), self))
        printing_bar.insertWidget(printing_bar.count() - 1, self.quarter)
        printing_bar.insertWidget(printing_bar.count() - 1, self.year)
        quarterly = button_row(self, self.buttons, (("quarterly", self.tr("In &danh mục quý"), self.print_quarterly),))
        printing_bar.insertLayout(printing_bar.count() - 1, quarterly)
        bottom = QHBoxLayout()
        bottom.addWidget(legend)
        bottom.addStretch(1)
        bottom.addWidget(self.counts)
        layout = QVBoxLayout(self)
        layout.addLayout(posting)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addLayout(printing_bar)
        layout.addWidget(self.message)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    def state(self, p: Posting) -> tuple[str, str]:
        """The words of column 5 and the row's mark ("ended": it may come down)."""
        today = self.today()
        if p.taken_down_on is not None and p.taken_down_on <= today:
            return self.tr("Đã gỡ ngày %1").replace("%1", f"{p.taken_down_on:%d/%m/%Y}"), ""
        if p.period_ended(today):
            return self.tr("Đã đủ thời hạn — có thể gỡ"), "ended"
        if p.posted_on > today:
            return self.tr("Chưa đến ngày niêm yết"), ""
        return self.tr("Đang niêm yết"), ""

    def refresh(self) -> None:
        today = self.today()
        service = self.citizens.disclosure
        items = service.items() if self.show_all.isChecked() else service.board(today)
        cells, marks = [], []
        for p in items:
            words, mark = self.state(p)
            until = self.tr("Thường xuyên") if p.until is None else f"{p.until:%d/%m/%Y}"
            title = f"{p.title}\n{p.body}" if p.body else p.title
            kind = label(rules.DISCLOSURE_KINDS, p.kind, self.lang)
            cells.append([title, kind, f"{p.posted_on:%d/%m/%Y}", until, words])
            marks.append(mark)
        self.model.set_rows(items, cells, marks)
        self.table.resizeRowsToContents()
        self.counts.setText(
            self.tr("Đang niêm yết: %1 · Có thể gỡ: %2")
            .replace("%1", str(len(service.board(today))))
            .replace("%2", str(len(service.may_come_down(today))))
        )
        self._update_buttons()

    def selected(self) -> Posting | None:
        row = selected_row(self.table)
        return self.model.item(row) if row is not None else None

    def _update_buttons(self) -> None:
        item = self.selected()
        self.buttons["take_down"].setEnabled(item is not None and item.taken_down_on is None)

    def post_item(self, answer: dict[str, Any] | None = None) -> Posting | None:
        if answer is None:
            answer = PostDialog.ask(self)
            if answer is None:
                return None
        return self.run(lambda: self.citizens.disclosure.post(self.clerk, **answer))

    def post_procedures(self) -> int | None:
        count = self.run(lambda: self.citizens.disclosure.post_procedures(self.clerk))
        if count is not None:
            self.message.info(self.tr("Đã niêm yết %1 thủ tục mới.").replace("%1", str(count)))
        return count

    def take_down_selected(self, confirmed: bool | None = None) -> Posting | None:
        item = self.selected()
        if item is None:
            return None
        if confirmed is None:
            confirmed = ConfirmDialog.ask(
                self,
                self.tr("Gỡ xuống"),
                self.tr("Gỡ «%1» khỏi bảng công khai?").replace("%1", item.title),
                self.tr("Gỡ xuống"),
            )
        if not confirmed:
            return None
        return self.run(lambda: self.citizens.disclosure.take_down(item.id, self.clerk))

    def print_board(self) -> str | None:
        today = self.today()
        return self.print_paper(
            f"bang-niem-yet-{today:%Y%m%d}",
            lambda path: self.citizens.print_board(path, today),
            self.tr("Đã in bảng niêm yết."),
        )

    def print_quarterly(self) -> str | None:
        year, quarter = self.year.value(), self.quarter.value()
        return self.print_paper(
            f"danh-muc-cong-khai-{year}-q{quarter}",
            lambda path: self.citizens.print_quarterly(path, year, quarter),
            self.tr("Đã in danh mục công khai quý %1/%2.").replace("%1", str(quarter)).replace("%2", str(year)),
        )
