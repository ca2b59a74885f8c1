"""Reporting periods as a commune names them: a month, a quarter (Quý I–IV), six months, nine months,
a year, or any two days. No Qt: the Reports section, the CLI and the periodic reports share it.

Six and nine months are counted from 1 January, as the periodic reports sent up ("báo cáo 6 tháng",
"9 tháng") are; the second half of a year is offered as well. Periods are calendar days here: the
report-closing dates some regimes use (the 15th to the 14th) are a custom period.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from app.core.errors import ValidationError
from app.scorecard.records import Period

Kind = Literal["month", "quarter", "half", "nine_months", "year", "custom"]
KINDS: tuple[Kind, ...] = ("month", "quarter", "half", "nine_months", "year", "custom")
KIND_NAMES: dict[Kind, tuple[str, str]] = {
    "month": ("Tháng", "Month"),
    "quarter": ("Quý", "Quarter"),
    "half": ("6 tháng", "Six months"),
    "nine_months": ("9 tháng", "Nine months"),
    "year": ("Năm", "Year"),
    "custom": ("Tùy chọn", "Custom"),
}
ROMAN = ("I", "II", "III", "IV")
MAX_DAYS = 3 * 366  # a custom period longer than three years is a typing mistake
MONTHS_EN = ("January February March April May June July August September October November December").split()


@dataclass(frozen=True)
class Choice:
    """What the picker holds: a kind, a year and which one in it (month 1–12, quarter 1–4, half 1–2;
    1 for nine months and a year). A custom choice carries its own days."""

    kind: Kind
    year: int
    number: int = 1
    start: date | None = None
    end: date | None = None

    @property
    def period(self) -> Period:
        return period(self)


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


def numbers(kind: Kind) -> range:
    """Which ones a year holds of this kind (months 1–12, quarters 1–4, halves 1–2)."""
    return {"month": range(1, 13), "quarter": range(1, 5), "half": range(1, 3)}.get(kind, range(1, 2))


def period(choice: Choice) -> Period:
    """The days a choice covers, both included."""
    kind, year, n = choice.kind, choice.year, choice.number
    if kind == "custom":
        if choice.start is None or choice.end is None:
            raise ValidationError("Hãy chọn ngày bắt đầu và ngày kết thúc.", "Choose a start and an end day.")
        if choice.end < choice.start:
            raise ValidationError(
                "Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.", "The period must end after it starts.", field="to"
            )
        return Period(choice.start, choice.end)
    if n not in numbers(kind):
        raise ValidationError(f"Kỳ báo cáo không hợp lệ: {kind} {n}.", f"Not a period: {kind} {n}.", field="period")
    return named(kind, year, n)


def pick(kind: str, year: int, number: int = 1, start: date | None = None, end: date | None = None) -> Period:
    """A period from untrusted input (the hub's query string, the command line): every part checked,
    a ValidationError in one sentence otherwise."""
    if kind not in KINDS:
        raise ValidationError("Loại kỳ báo cáo không hợp lệ.", "The kind of period is not valid.", field="period")
    if not 2000 <= year <= 2100:
        raise ValidationError("Năm báo cáo không hợp lệ.", "The year is not valid.", field="year")
    if kind == "custom" and start is not None and end is not None and (end - start).days > MAX_DAYS:
        raise ValidationError("Kỳ báo cáo dài quá ba năm.", "The period is longer than three years.", field="to")
    if kind in ("nine_months", "year"):
        number = 1  # one of them a year: whatever number came with it does not matter
    return period(Choice(kind, year, number, start, end))  # type: ignore[arg-type]


def containing(kind: Kind, day: date) -> Choice:
    """The choice of this kind that holds ``day`` (nine months: that year's; custom: the month so far)."""
    if kind == "custom":
        return Choice("custom", day.year, start=day.replace(day=1), end=day)
    number = {"month": day.month, "quarter": (day.month + 2) // 3, "half": (day.month + 5) // 6}.get(kind, 1)
    return Choice(kind, day.year, number)


def item_name(kind: Kind, number: int, lang: str = "vi") -> str:
    """One entry of the picker's second list: "Tháng 3", "Quý I", "6 tháng đầu năm"."""
    en = lang == "en"
    if kind == "month":
        return MONTHS_EN[number - 1] if en else f"Tháng {number}"
    if kind == "quarter":
        return f"Q{number}" if en else f"Quý {ROMAN[number - 1]}"
    if kind == "half":
        return ("First half", "Second half")[number - 1] if en else ("6 tháng đầu năm", "6 tháng cuối năm")[number - 1]
    if kind == "nine_months":
        return "First nine months" if en else "9 tháng đầu năm"
    return "Whole year" if en else "Cả năm"


def title(choice: Choice, lang: str = "vi") -> str:
    """The period as a report's title names it: "Quý I/2026", "6 tháng đầu năm 2026", "Năm 2026"."""
    en = lang == "en"
    p = choice.period
    if choice.kind == "custom":
        return f"{p.start:%d/%m/%Y} – {p.end:%d/%m/%Y}"
    if choice.kind in ("month", "quarter"):
        name = item_name(choice.kind, choice.number, lang)
        return f"{name} {choice.year}" if en else f"{name}/{choice.year}"
    if choice.kind == "year":
        return f"Year {choice.year}" if en else f"Năm {choice.year}"
    name = item_name(choice.kind, choice.number, lang)
    return f"{name} of {choice.year}" if en else f"{name} {choice.year}"


def months(p: Period) -> Iterator[str]:
    """The months a period touches, as the engine's monthly rows key them ("2026-03")."""
    year, month = p.start.year, p.start.month
    while (year, month) <= (p.end.year, p.end.month):
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


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
