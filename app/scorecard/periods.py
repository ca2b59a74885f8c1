"""The periods a commune reports on: month, quarter, six and nine months, year, or any days; and how a
report names them ("quý I năm 2026"). Shared by the command line, the window's period picker and the
printed reports."""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from typing import Literal

from app.scorecard.records import Period

Kind = Literal["month", "quarter", "half", "nine_months", "year"]
ROMAN = ("I", "II", "III", "IV")


def _months(year: int, first: int, last: int) -> Period:
    return Period(date(year, first, 1), date(year, last, monthrange(year, last)[1]))


def named(kind: Kind, year: int, n: int = 1) -> Period:
    """``n``: the month (1-12), the quarter (1-4) or the half (1-2); ignored for nine months and the year."""
    if kind == "month":
        return _months(year, n, n)
    if kind == "quarter":
        return _months(year, 3 * n - 2, 3 * n)
    if kind == "half":
        return _months(year, 6 * n - 5, 6 * n)
    if kind == "nine_months":
        return _months(year, 1, 9)
    return _months(year, 1, 12)


def words(period: Period) -> str:
    """The period as a report's title names it, with its days: "quý I năm 2026 (từ ngày 01/01/2026 đến
    ngày 31/03/2026)"; a period of other days by its days alone."""
    start, end = period.start, period.end
    days = f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    whole = start.day == 1 and end.day == monthrange(end.year, end.month)[1] and start.year == end.year
    if not whole:
        return days
    first, last, year = start.month, end.month, start.year
    if first == last:
        name = f"tháng {first} năm {year}"
    elif (first, last) == (1, 12):
        name = f"năm {year}"
    elif (first, last) == (1, 6):
        name = f"6 tháng đầu năm {year}"
    elif (first, last) == (7, 12):
        name = f"6 tháng cuối năm {year}"
    elif (first, last) == (1, 9):
        name = f"9 tháng năm {year}"
    elif last - first == 2 and first % 3 == 1:
        name = f"quý {ROMAN[first // 3]} năm {year}"
    else:
        return days
    return f"{name} ({days})"
