"""The Reports section (Báo cáo), for the commune's leaders and admins: a period, the Decision 766
scorecard with the points each indicator lost and the records that lost them (open one from there),
month-by-month charts, the per-procedure and per-clerk tables, and the Excel export.

The figures come from app.scorecard (the same engine as ``motcua report`` and the hub), computed in a
worker thread on a connection of its own: a year at a million dossiers takes about 200 ms.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.scorecard import desk_reports, periods
from app.scorecard.desk_reports import DeskReport
from app.scorecard.periods import Choice
from app.scorecard.service import ReportService, default_name
from ui import i18n
from ui.errors import CATCHABLE, user_error
from ui.report_charts import DossierChart, SatisfactionChart
from ui.report_models import BreakdownModel, IndicatorModel, LostModel, decimal
from ui.report_period import PeriodPicker
from ui.widgets import EmptyHint, MessageLine

if TYPE_CHECKING:
    from app.core.clock import Clock
    from app.desk import Desk
    from app.scorecard.records import Period

log = logging.getLogger(__name__)
READERS = ("leader", "admin")  # who may open the section (app.core.records.Clerk.can)


class ReportRun(QThread):
    """One scorecard on a connection of its own; ``number`` tells a late answer from the latest."""

    reported = Signal(int, object, object)  # number, DeskReport | None, error | None

    def __init__(self, number: int, path: Path, clock: Clock, period: Period, level: str, parent=None) -> None:
        super().__init__(parent)
        self.number, self.path, self.clock, self.period, self.level = number, path, clock, period, level

    def run(self) -> None:
        report = error = None
        try:
            report = desk_reports.build_at(self.path, self.clock, self.period, self.level)
        except CATCHABLE as caught:
            error = user_error(caught)
        except Exception as exc:  # shown in the section's line; the window carries on
            log.exception("the scorecard could not be computed")
            error = exc
        self.reported.emit(self.number, report, error)


def _table(model, sortable: bool = False) -> QTableView:
    view = QTableView()
    if sortable:
        proxy = QSortFilterProxyModel(view)
        proxy.setSourceModel(model)
        proxy.setSortRole(BreakdownModel.SortRole)
        view.setModel(proxy)
        view.setSortingEnabled(True)
    else:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    return view


def fit(view: QTableView, model, columns) -> None:
    """Columns as wide as their widest text, measured from the model's worded cells (a view's own
    resize-to-contents asks every cell for every role and held the window ~150 ms per answer)."""
    cells, header = view.fontMetrics(), view.horizontalHeader().fontMetrics()
    pad = 3 * view.style().pixelMetric(view.style().PixelMetric.PM_HeaderMargin) + 8
    for col in columns:
        view.setColumnWidth(col, max(model.widest(col, cells), header.horizontalAdvance(model.headers[col])) + pad)


class ReportsSection(QWidget):
    """The period picker, the scorecard, the lost records, the charts and tables, the export."""

    computed = Signal(object)  # DeskReport, once on screen

    def __init__(
        self,
        desk: Desk,
        *,
        open_dossier: Callable[[str], object],
        open_feedback: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.open_dossier, self.open_feedback = open_dossier, open_feedback
        self.report: DeskReport | None = None
        self.charted: DeskReport | None = None  # the report the charts show
        self.runs: dict[int, ReportRun] = {}
        self.number = 0
        self.tab_title = self.tr("&6 Báo cáo")
        self.go_caption = self.tr("Báo cáo")
        today = desk.clock.now().date()

        self.picker = PeriodPicker(today)
        self.refresh_button = QPushButton(self.tr("Tính &lại"))
        self.refresh_button.clicked.connect(self.recompute)

        self.heading = QLabel()
        self.heading.setObjectName("reportHeading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.score = QLabel()
        self.score.setObjectName("reportScore")
        self.score.setStyleSheet("font-size: 15pt; font-weight: bold; color: #1f4e79;")
        self.score_note = QLabel()
        self.score_note.setWordWrap(True)
        self.score_note.setStyleSheet("color: #4b5563;")
        self.message = MessageLine()

        self.indicators = IndicatorModel(self)
        self.indicator_view = _table(self.indicators)
        # Widths are set once per answer (fit), not by the header at every change.
        self.indicator_view.horizontalHeader().setSectionResizeMode(
            IndicatorModel.COL_NAME, QHeaderView.ResizeMode.Stretch
        )
        self.indicator_view.selectionModel().currentRowChanged.connect(lambda *_: self.show_lost())
        self.lost = LostModel(self)
        self.lost_view = _table(self.lost)
        lost_header = self.lost_view.horizontalHeader()
        for col in (LostModel.COL_NAME, LostModel.COL_SUBJECT):
            lost_header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.lost_view.setWordWrap(False)  # one line per record: a long list reads down, not across
        self.lost_view.activated.connect(lambda index: self.open_lost(index.row()))
        self.lost_title = QLabel()
        self.lost_title.setWordWrap(True)
        self.lost_title.setStyleSheet("font-weight: bold;")
        self.lost_hint = EmptyHint(self.lost_view, "")
        self.open_button = QPushButton(self.tr("&Mở hồ sơ"))
        self.open_button.clicked.connect(lambda: self.open_lost())
        self.open_button.setEnabled(False)
        self.lost_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.open_button.setEnabled(current.isValid())
        )

        self.dossier_chart = DossierChart()
        self.satisfaction_chart = SatisfactionChart()
        self.by_procedure = BreakdownModel(self.tr("Mã thủ tục"), self)
        self.by_clerk = BreakdownModel(self.tr("Cán bộ"), self)
        self.export_button = QPushButton(self.tr("Xuất &Excel…"))
        self.export_button.clicked.connect(lambda: self.export_xlsx())
        self.pdf_button = QPushButton(self.tr("Xuất &PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self._lay_out()
        self.picker.changed.connect(self.recompute)
        self.recompute()

    def _lay_out(self) -> None:
        picker = QHBoxLayout()
        picker.addWidget(self.picker)
        picker.addWidget(self.refresh_button)
        picker.addStretch(1)
        picker.addWidget(self.export_button)
        picker.addWidget(self.pdf_button)

        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.score)

        lost_page = QWidget()
        lost_layout = QVBoxLayout(lost_page)
        lost_layout.setContentsMargins(0, 0, 0, 0)
        lost_layout.addWidget(self.lost_title)
        lost_layout.addWidget(self.lost_view, 1)
        lost_layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        indicator_page = QWidget()
        indicator_layout = QVBoxLayout(indicator_page)
        indicator_layout.setContentsMargins(0, 0, 0, 0)
        indicator_layout.addWidget(self.indicator_view, 1)
        assumed = QLabel("* " + self.indicators.assumed)
        assumed.setWordWrap(True)
        assumed.setStyleSheet("color: #4b5563;")
        indicator_layout.addWidget(assumed)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(indicator_page)
        split.addWidget(lost_page)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 3)
        self.charts = charts = QWidget()
        chart_layout = QVBoxLayout(charts)
        chart_layout.addWidget(self.dossier_chart, 1)
        chart_layout.addWidget(self.satisfaction_chart, 1)
        self.pages = QTabWidget()
        self.pages.addTab(split, self.tr("Bộ chỉ số 766"))
        self.pages.addTab(charts, self.tr("Biểu đồ theo tháng"))
        self.pages.currentChanged.connect(lambda _i: self.draw_charts())
        self.procedure_view = _table(self.by_procedure, sortable=True)
        self.clerk_view = _table(self.by_clerk, sortable=True)
        self.clerk_view.setColumnHidden(BreakdownModel.COL_KEY, True)  # an account's id: the name says it
        for view in (self.procedure_view, self.clerk_view):
            view.horizontalHeader().setSectionResizeMode(BreakdownModel.COL_LABEL, QHeaderView.ResizeMode.Stretch)
        self.pages.addTab(self.procedure_view, self.tr("Theo thủ tục"))
        self.pages.addTab(self.clerk_view, self.tr("Theo cán bộ"))

        layout = QVBoxLayout(self)
        layout.addLayout(picker)
        layout.addLayout(head)
        layout.addWidget(self.score_note)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)

    def choice(self) -> Choice:
        return self.picker.choice()

    def set_choice(self, choice: Choice) -> None:
        """Show a period in the picker (and compute it)."""
        self.picker.set_choice(choice)

    # Computing

    def recompute(self) -> None:
        """The scorecard for the chosen period: in a worker thread on a store file, here in memory."""
        try:
            period = self.choice().period
        except CATCHABLE as caught:
            self.message.show_error(caught)
            return
        self.message.info(self.tr("Đang tính…"))
        self.number += 1
        level = self.picker.level()
        if self.desk.store.path is None:  # an in-memory store has one connection: compute here
            try:
                report, error = desk_reports.build(self.desk, period, level), None
            except CATCHABLE as caught:
                report, error = None, user_error(caught)
            self._reported(self.number, report, error)
            return
        run = ReportRun(self.number, self.desk.store.path, self.desk.clock, period, level, self)
        run.reported.connect(self._reported)
        run.finished.connect(lambda n=self.number: self._forget(n))
        self.runs[self.number] = run
        run.start()

    def _forget(self, number: int) -> None:
        run = self.runs.pop(number, None)
        if run is not None:
            run.deleteLater()

    def _reported(self, number: int, report: DeskReport | None, error: BaseException | None) -> None:
        if number != self.number:
            return  # the leader chose another period meanwhile: that one's answer is coming
        if error is not None or report is None:
            self.message.show_error(error or RuntimeError())
            return
        self.message.clear()
        self.show_report(report)

    def wait(self) -> None:
        """Until every worker has finished (closing the window, tests)."""
        for run in list(self.runs.values()):
            run.wait()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.wait()
        return False

    # Showing

    def show_report(self, report: DeskReport) -> None:
        self.report = report
        card = report.card
        self.heading.setText(f"{periods.title(self.choice(), i18n.lang())} — {card.unit.name}")
        self.score.setText(
            self.tr("Điểm: %1 / %2").replace("%1", decimal(card.score)).replace("%2", decimal(card.reachable))
        )
        period = f"{card.period.start:%d/%m/%Y} – {card.period.end:%d/%m/%Y}"
        self.score_note.setText(
            self.tr(
                "Từ %1. Điểm trên số điểm mà dữ liệu của quầy quyết định (bộ chỉ số tổng 100 điểm); "
                "các chỉ số chưa có dữ liệu không được tính. Số liệu tính đến %2."
            )
            .replace("%1", period)
            .replace("%2", i18n.when(card.as_of))
        )
        row = self.indicator_view.currentIndex().row()
        self.indicators.load(card.indicators)
        first_lost = next((n for n, i in enumerate(card.indicators) if (i.points_lost or 0) > 0), 0)
        self.indicator_view.selectRow(row if 0 <= row < len(card.indicators) else first_lost)
        self.show_lost()
        self.charted = None
        self.draw_charts()
        self.by_procedure.load(card.by_procedure)
        self.by_clerk.load(card.by_clerk)
        fit(self.indicator_view, self.indicators, [c for c in range(8) if c != IndicatorModel.COL_NAME])
        for view, model in ((self.procedure_view, self.by_procedure), (self.clerk_view, self.by_clerk)):
            fit(view, model, [c for c in range(model.columnCount()) if c != BreakdownModel.COL_LABEL])
        self.computed.emit(report)

    def draw_charts(self) -> None:
        """The charts, when their page is on screen: a chart rebuilt while hidden still costs its scene
        ~100 ms of the window's time, so a period the leader only reads in the table never pays it."""
        if self.report is None or self.charted is self.report or self.pages.currentWidget() is not self.charts:
            return
        card = self.report.card
        months = list(periods.months(card.period))
        self.dossier_chart.show_months(months, card.by_month)
        self.satisfaction_chart.show_months(months, card.by_month)
        self.charted = self.report

    def show_lost(self) -> None:
        """The records that cost the selected indicator its points."""
        row = self.indicator_view.currentIndex().row()
        if self.report is None or row < 0:
            self.lost.load([])
            self.lost_title.setText("")
            return
        indicator = self.indicators.indicator(row)
        items = self.report.lost_items(indicator.id)
        self.lost.set_kind(feedback=indicator.id in desk_reports.FEEDBACK_INDICATORS)
        self.lost.load(items)
        self.lost_title.setText(
            self.tr("Chỉ số %1: %2 hồ sơ làm mất điểm")
            .replace("%1", indicator.id)
            .replace("%2", i18n.number(indicator.lost_count if indicator.status == "ok" else 0))
        )
        still_open = sum(1 for i in items if i.open)
        if still_open:
            self.lost_title.setText(
                self.lost_title.text()
                + self.tr(" — %1 hồ sơ chưa xong (chữ đỏ, ở đầu danh sách)").replace("%1", i18n.number(still_open))
            )
        if indicator.status != "ok":
            hint = self.indicators.statuses[indicator.status]
        elif indicator.lost_count and not items:
            hint = self.tr("Chỉ số này chỉ cho biết số lượng, không lập danh sách hồ sơ.")
        elif indicator.lost_count > len(items):
            hint = ""
            self.lost_title.setText(
                self.lost_title.text() + self.tr(" (hiện %1 hồ sơ đầu)").replace("%1", i18n.number(len(items)))
            )
        else:
            hint = self.tr("Không có hồ sơ nào làm mất điểm ở chỉ số này.")
        fit(self.lost_view, self.lost, (LostModel.COL_CODE, LostModel.COL_DUE, LostModel.COL_STATUS))
        self.lost_hint.setText(hint)
        self.lost_hint.update_visibility()
        self.open_button.setEnabled(False)
        self.open_button.setText(self.tr("&Mở phản ánh") if self.lost.feedback else self.tr("&Mở hồ sơ"))

    def open_lost(self, row: int | None = None) -> object:
        """Open the chosen record: a dossier in its dialog, feedback in its register."""
        if row is None:
            row = self.lost_view.currentIndex().row()
        if not 0 <= row < self.lost.rowCount():
            return None
        item = self.lost.item(row)
        if not item.found:
            self.message.error(self.tr("Hồ sơ %1 không có trên quầy này.").replace("%1", item.code))
            return None
        return (self.open_feedback if item.kind == "feedback" else self.open_dossier)(item.code)

    def clear(self) -> None:
        """Nothing of the figures stays on screen for a clerk who signs in after a leader."""
        self.report = None
        for model in (self.indicators, self.lost, self.by_procedure, self.by_clerk):
            model.load([])
        for label in (self.heading, self.score, self.score_note, self.lost_title):
            label.setText("")

    # Exports

    def export_xlsx(self, path: Path | None = None) -> Path | None:
        return self._export("xlsx", self.tr("Xuất báo cáo Excel"), "Excel (*.xlsx)", path)

    def export_pdf(self, path: Path | None = None) -> Path | None:
        """The report on paper (A4, Decree 30), as the commune sends it up."""
        return self._export("pdf", self.tr("Xuất báo cáo PDF"), "PDF (*.pdf)", path)

    def _export(self, suffix: str, caption: str, filters: str, path: Path | None) -> Path | None:
        if self.report is None:
            return None
        card = self.report.card
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, caption, default_name("scorecard", card, suffix), filters)
            if not chosen:
                return None
            path = Path(chosen)
        service = ReportService(self.desk)
        try:
            written = service.write_pdf(card, path) if suffix == "pdf" else service.write_xlsx(card, path)
        except CATCHABLE as caught:
            self.message.show_error(caught)
            return None
        self.message.info(self.tr("Đã xuất %1.").replace("%1", str(written)))
        return written
