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
from PySide6.QtCore import QMargins, QPointF, Qt
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
    """A chart whose axes are made once; a new period changes their categories and range (making
    axes and series anew each time cost the window most of the chart's time)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setTitle(title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.x = QBarCategoryAxis()
        self.y = QValueAxis()
        self.y.setLabelFormat("%i")
        self.y.setTickType(QValueAxis.TickType.TicksDynamic)  # ticks from 0 every ``step``, headroom or not
        self.y.setTickAnchor(0)
        chart.addAxis(self.x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y, Qt.AlignmentFlag.AlignLeft)

    def _axes(self, months: Sequence[str], top: float, step: float) -> None:
        self.x.clear()
        self.x.append([month_label(m) for m in months])
        self.y.setRange(0, top)
        self.y.setTickInterval(step)

    def _attach(self, series) -> None:
        self.chart().addSeries(series)
        series.attachAxis(self.x)
        series.attachAxis(self.y)


class DossierChart(_Chart):
    """Per month: dossiers received, ended on time (early included) and ended late."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Hồ sơ theo tháng"), parent)
        names = {
            "received": self.tr("Tiếp nhận"),
            "on_time": self.tr("Giải quyết đúng hạn"),
            "late": self.tr("Giải quyết quá hạn"),
        }
        self.series = QBarSeries()
        self.series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.sets: dict[str, QBarSet] = {}
        for key, name in names.items():
            bars = QBarSet(name)
            bars.setColor(QColor(COLOURS[key]))
            bars.setLabelColor(QColor("#1f2937"))
            self.series.append(bars)
            self.sets[key] = bars
        self._attach(self.series)

    def show_months(self, months: Sequence[str], rows: Sequence[Breakdown]) -> None:
        by_key = {b.key: b for b in rows}
        values = {
            "received": [by_key[m].received if m in by_key else 0 for m in months],
            "on_time": [by_key[m].early + by_key[m].on_time if m in by_key else 0 for m in months],
            "late": [by_key[m].late if m in by_key else 0 for m in months],
        }
        for key, numbers in values.items():
            bars = self.sets[key]
            bars.remove(0, bars.count())
            bars.append([float(n) for n in numbers])
        self.series.setLabelsVisible(len(months) <= 6)  # numbers on the bars while they fit
        top = _nice_top(max((n for numbers in values.values() for n in numbers), default=0) * 1.1)
        self._axes(months, top, top / 5)


class SatisfactionChart(_Chart):
    """Per month: the share of counter ratings that were satisfied; a month with no rating is a gap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Tỷ lệ hài lòng theo tháng (%)"), parent)
        self.series_name = self.tr("Hài lòng trên số lượt đánh giá")
        self.points: list[tuple[int, float]] = []
        self.lines: list[QLineSeries] = []

    def _line(self, n: int) -> QLineSeries:
        """The n-th piece of the line (one per run of rated months), made the first time it is needed."""
        while len(self.lines) <= n:
            line = QLineSeries()
            line.setName(self.series_name)
            line.setColor(QColor(COLOURS["satisfied"]))
            line.setPointsVisible(True)
            line.setPointLabelsVisible(True)
            line.setPointLabelsFormat("@yPoint")
            line.setPointLabelsClipping(False)
            line.setPointLabelsColor(QColor("#1f2937"))
            line.setMarkerSize(6)
            self._attach(line)
            if self.lines:  # one legend entry for every piece of the one line
                self.chart().legend().markers(line)[0].setVisible(False)
            self.lines.append(line)
        return self.lines[n]

    def show_months(self, months: Sequence[str], rows: Sequence[Breakdown]) -> None:
        by_key = {b.key: b for b in rows}
        self.points = [
            (i, 100 * by_key[m].satisfied / by_key[m].ratings)
            for i, m in enumerate(months)
            if m in by_key and by_key[m].ratings
        ]
        runs: list[list[tuple[int, float]]] = []
        for point in self.points:
            if runs and runs[-1][-1][0] == point[0] - 1:
                runs[-1].append(point)
            else:
                runs.append([point])
        self._line(0)  # the legend's entry, even before the first rating
        for n in range(max(len(runs), len(self.lines))):
            run = runs[n] if n < len(runs) else []
            # Whole percents: no decimal mark to localise.
            self._line(n).replace([QPointF(float(i), float(round(value))) for i, value in run])
        self._axes(months, 110, 20)  # room above 100 % for a point's label
