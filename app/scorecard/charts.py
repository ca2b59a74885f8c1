"""Month-by-month charts of a scorecard as vector drawings (reportlab.graphics), for the PDF report:
drawn into the page as paths and text, never as pictures, so they print sharp at any size."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from app.printing.fonts import FONT, register_fonts
from app.printing.typeset import Sheet
from app.scorecard.records import Breakdown

RECEIVED = colors.HexColor("#4f6d8f")
ON_TIME = colors.HexColor("#5b8c5a")
LATE = colors.HexColor("#b03a2e")
SATISFIED = colors.HexColor("#c98b2b")
LABEL_SIZE = 8


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")  # Vietnamese decimal comma, as the tables print it


def _month(key: str) -> str:
    year, month = key.split("-")
    return f"{month}/{year}"


def _chart(width: float, height: float, series: Sequence[Sequence[float]], months: Sequence[str]) -> VerticalBarChart:
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 34
    chart.width, chart.height = width - 48, height - 58
    chart.data = [list(s) for s in series]
    chart.categoryAxis.categoryNames = list(months)
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.angle = 0 if len(months) <= 12 else 45
    chart.categoryAxis.labels.dy = -3
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#d0d0d0")
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = LABEL_SIZE - 1
    chart.barLabels.nudge = 6
    chart.barSpacing = 1
    chart.groupSpacing = 8
    return chart


def _legend(width: float, height: float, items: Sequence[tuple[colors.Color, str]]) -> Legend:
    legend = Legend()
    legend.x, legend.y = 34, height - 6
    legend.alignment = "right"
    legend.fontName = FONT
    legend.fontSize = LABEL_SIZE + 1
    legend.columnMaximum = 1
    legend.deltax = min(160, (width - 60) / max(len(items), 1))
    legend.dx, legend.dy = 8, 8
    legend.colorNamePairs = list(items)
    return legend


def every_month(rows: Sequence[Breakdown], first: date, last: date) -> list[Breakdown]:
    """The months from ``first`` to ``last``, those without a figure as zeros (a chart skips none)."""
    have = {b.key: b for b in rows}
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        key = f"{year:04d}-{month:02d}"
        out.append(have.get(key, Breakdown(key=key, label="")))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def progress(rows: Sequence[Breakdown], width: float, height: float) -> Drawing:
    """Received, ended on time (early included) and ended late, per month, as grouped bars."""
    register_fonts()
    d = Drawing(width, height, initialFontName=FONT, initialFontSize=LABEL_SIZE)
    chart = _chart(
        width,
        height,
        [[b.received for b in rows], [b.early + b.on_time for b in rows], [b.late for b in rows]],
        [_month(b.key) for b in rows],
    )
    for i, colour in enumerate((RECEIVED, ON_TIME, LATE)):
        chart.bars[i].fillColor = colour
        chart.bars[i].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.valueAxis.labelTextFormat = "%d"
    peak = max((max(b.received, b.early + b.on_time, b.late) for b in rows), default=0)
    chart.valueAxis.valueMax = max(4, int(peak * 1.15) + 1)
    d.add(chart)
    d.add(_legend(width, height, [(RECEIVED, "Tiếp nhận"), (ON_TIME, "Giải quyết đúng hạn"), (LATE, "Quá hạn")]))
    return d


def satisfaction(rows: Sequence[Breakdown], width: float, height: float) -> Drawing:
    """The share of counter ratings that were satisfied, per month with ratings (0-100 %)."""
    register_fonts()
    rated = [b for b in rows if b.ratings]
    d = Drawing(width, height, initialFontName=FONT, initialFontSize=LABEL_SIZE)
    shares = [round(100 * b.satisfied / b.ratings, 1) for b in rated]
    chart = _chart(width, height, [shares], [_month(b.key) for b in rated])
    chart.bars[0].fillColor = SATISFIED
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMax = 110
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labelTextFormat = "%d"
    chart.barLabelFormat = _decimal
    d.add(chart)
    counts = ", ".join(f"{_month(b.key)}: {b.satisfied}/{b.ratings}" for b in rated)
    d.add(String(34, 4, f"Lượt hài lòng / lượt đánh giá — {counts}"[:150], fontName=FONT, fontSize=LABEL_SIZE))
    return d


def place(sheet: Sheet, drawing: Drawing) -> None:
    """The drawing centred on the sheet at its place, moved whole to a new page if it does not fit."""
    sheet.room(drawing.height)
    sheet.pen.flush()
    renderPDF.draw(drawing, sheet.canv, sheet.left + (sheet.width - drawing.width) / 2, sheet.y - drawing.height)
    sheet.y -= drawing.height
