"""The Reports section's month-by-month charts (QtCharts): dossiers received, ended on time and late,
and the share of satisfied ratings. Every month of the period has its place, an empty one too, so a
quiet month shows as a gap rather than vanishing."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from app.scorecard.records import Breakdown

COLOURS = {"received": "#4f7cac", "on_time": "#3a9d5d", "late": "#c0392b", "satisfied": "#d68910"}


def month_label(key: str) -> str:
    """ "2026-03" as the axis shows it: "3/2026"."""
    year, month = key.split("-")
    return f"{int(month)}/{year}"


def _nice_top(value: float) -> float:
    """A round top for the value axis, so its ticks read as whole numbers."""
    if value <= 5:
        return 5
    step = 10 ** (len(str(int(value))) - 1)
    return float(((int(value) // step) + 1) * step)


class _Chart(QChartView):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setTitle(title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)

    def _reset(self) -> QChart:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        return chart

    def _axes(self, months: Sequence[str], top: float, step: float, series: list) -> None:
        chart = self.chart()
        x = QBarCategoryAxis()
        x.append([month_label(m) for m in months])
        y = QValueAxis()
        y.setRange(0, top)
        y.setLabelFormat("%i")
        y.setTickType(QValueAxis.TickType.TicksDynamic)  # ticks from 0 every ``step``, headroom or not
        y.setTickAnchor(0)
        y.setTickInterval(step)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for s in series:
            s.attachAxis(x)
            s.attachAxis(y)


class DossierChart(_Chart):
    """Per month: dossiers received, ended on time (early included) and ended late."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Hồ sơ theo tháng"), parent)
        self.names = {
            "received": self.tr("Tiếp nhận"),
            "on_time": self.tr("Giải quyết đúng hạn"),
            "late": self.tr("Giải quyết quá hạn"),
        }
        self.sets: dict[str, QBarSet] = {}

    def show_months(self, months: Sequence[str], rows: Sequence[Breakdown]) -> None:
        chart = self._reset()
        by_key = {b.key: b for b in rows}
        series = QBarSeries()
        self.sets = {}
        values = {
            "received": [by_key[m].received if m in by_key else 0 for m in months],
            "on_time": [by_key[m].early + by_key[m].on_time if m in by_key else 0 for m in months],
            "late": [by_key[m].late if m in by_key else 0 for m in months],
        }
        for key, numbers in values.items():
            bars = QBarSet(self.names[key])
            bars.append([float(n) for n in numbers])
            bars.setColor(QColor(COLOURS[key]))
            bars.setLabelColor(QColor("#1f2937"))
            series.append(bars)
            self.sets[key] = bars
        series.setLabelsVisible(len(months) <= 6)  # numbers on the bars while they fit
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        top = _nice_top(max((n for numbers in values.values() for n in numbers), default=0) * 1.1)
        self._axes(months, top, top / 5, [series])


class SatisfactionChart(_Chart):
    """Per month: the share of counter ratings that were satisfied; a month with no rating is a gap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Tỷ lệ hài lòng theo tháng (%)"), parent)
        self.series_name = self.tr("Hài lòng trên số lượt đánh giá")
        self.points: list[tuple[int, float]] = []

    def show_months(self, months: Sequence[str], rows: Sequence[Breakdown]) -> None:
        chart = self._reset()
        by_key = {b.key: b for b in rows}
        self.points = [
            (i, 100 * by_key[m].satisfied / by_key[m].ratings)
            for i, m in enumerate(months)
            if m in by_key and by_key[m].ratings
        ]
        # One line per run of rated months, so a month without ratings breaks the line.
        runs: list[list[tuple[int, float]]] = []
        for point in self.points:
            if runs and runs[-1][-1][0] == point[0] - 1:
                runs[-1].append(point)
            else:
                runs.append([point])
        series = []
        for n, run in enumerate(runs):
            line = QLineSeries()
            line.setName(self.series_name)
            line.setColor(QColor(COLOURS["satisfied"]))
            line.setPointsVisible(True)
            line.setPointLabelsVisible(True)
            line.setPointLabelsFormat("@yPoint")
            line.setPointLabelsClipping(False)
            line.setPointLabelsColor(QColor("#1f2937"))
            line.setMarkerSize(6)
            for i, value in run:
                line.append(float(i), float(round(value)))  # whole percents: no decimal mark to localise
            chart.addSeries(line)
            if n:  # one legend entry for every piece of the one line
                chart.legend().markers(line)[0].setVisible(False)
            series.append(line)
        self._axes(months, 110, 20, series)  # room above 100 % for a point's label
        self.chart().axes(Qt.Orientation.Horizontal)[0].setRange(month_label(months[0]), month_label(months[-1]))
