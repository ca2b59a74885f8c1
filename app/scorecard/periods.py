"""The reporting periods a leader picks: a month, a quarter, six or nine months, a year, or custom days.

Six and nine months run from 1 January, as the periodic reports that communes send up count them.
Pure: a choice in, a ``Period`` out (or a ValidationError in one sentence).
"""

from __future__ import annotations

import calendar
from datetime import date

from app.core.errors import ValidationError
from app.scorecard.records import Period

KINDS = ("month", "quarter", "half", "nine", "year", "custom")
LABELS = {
    "month": ("Tháng", "Month"),
    "quarter": ("Quý", "Quarter"),
    "half": ("6 tháng", "Six months"),
    "nine": ("9 tháng", "Nine months"),
    "year": ("Năm", "Year"),
    "custom": ("Tùy chọn", "Custom"),
}
MAX_DAYS = 3 * 366


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def pick(kind: str, year: int, number: int = 1, start: date | None = None, end: date | None = None) -> Period:
    """The period: ``number`` is the month (1–12) or the quarter (1–4); custom uses ``start``..``end``."""
    if kind not in KINDS:
        raise ValidationError("Loại kỳ báo cáo không hợp lệ.", "The kind of period is not valid.", field="period")
    if not 2000 <= year <= 2100:
        raise ValidationError("Năm báo cáo không hợp lệ.", "The year is not valid.", field="year")
    if kind == "month":
        if not 1 <= number <= 12:
            raise ValidationError("Tháng phải từ 1 đến 12.", "The month must be 1 to 12.", field="n")
        return Period(date(year, number, 1), _month_end(year, number))
    if kind == "quarter":
        if not 1 <= number <= 4:
            raise ValidationError("Quý phải từ 1 đến 4.", "The quarter must be 1 to 4.", field="n")
        return Period(date(year, 3 * number - 2, 1), _month_end(year, 3 * number))
    if kind in ("half", "nine", "year"):
        last = {"half": 6, "nine": 9, "year": 12}[kind]
        return Period(date(year, 1, 1), _month_end(year, last))
    if start is None or end is None:
        raise ValidationError("Cần ngày bắt đầu và ngày kết thúc.", "A first and a last day are needed.", field="from")
    if end < start:
        raise ValidationError(
            "Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.", "The period must end after it starts.", field="to"
        )
    if (end - start).days > MAX_DAYS:
        raise ValidationError("Kỳ báo cáo dài quá ba năm.", "The period is longer than three years.", field="to")
    return Period(start, end)
