"""Reporting periods as a commune names them (app.scorecard.periods)."""

from __future__ import annotations

from datetime import date

import pytest

from app.core.errors import ValidationError
from app.scorecard import periods
from app.scorecard.periods import Choice
from app.scorecard.records import Period


@pytest.mark.parametrize(
    ("choice", "start", "end", "vi", "en"),
    [
        (Choice("month", 2024, 2), date(2024, 2, 1), date(2024, 2, 29), "Tháng 2/2024", "February 2024"),
        (Choice("month", 2026, 12), date(2026, 12, 1), date(2026, 12, 31), "Tháng 12/2026", "December 2026"),
        (Choice("quarter", 2026, 1), date(2026, 1, 1), date(2026, 3, 31), "Quý I/2026", "Q1 2026"),
        (Choice("quarter", 2026, 4), date(2026, 10, 1), date(2026, 12, 31), "Quý IV/2026", "Q4 2026"),
        (Choice("half", 2026, 1), date(2026, 1, 1), date(2026, 6, 30), "6 tháng đầu năm 2026", "First half of 2026"),
        (Choice("half", 2026, 2), date(2026, 7, 1), date(2026, 12, 31), "6 tháng cuối năm 2026", "Second half of 2026"),
        (
            Choice("nine_months", 2026),
            date(2026, 1, 1),
            date(2026, 9, 30),
            "9 tháng đầu năm 2026",
            "First nine months of 2026",
        ),
        (Choice("year", 2026), date(2026, 1, 1), date(2026, 12, 31), "Năm 2026", "Year 2026"),
    ],
)
def test_named_periods(choice: Choice, start: date, end: date, vi: str, en: str) -> None:
    assert choice.period == Period(start, end)
    assert (periods.title(choice, "vi"), periods.title(choice, "en")) == (vi, en)


def test_the_period_holding_a_day() -> None:
    day = date(2026, 8, 15)
    assert periods.containing("month", day) == Choice("month", 2026, 8)
    assert periods.containing("quarter", day) == Choice("quarter", 2026, 3)
    assert periods.containing("half", day) == Choice("half", 2026, 2)
    assert periods.containing("year", day) == Choice("year", 2026, 1)
    custom = periods.containing("custom", day)
    assert custom.period == Period(date(2026, 8, 1), day)
    assert periods.title(custom) == "01/08/2026 – 15/08/2026"
    for kind in periods.KINDS:
        assert periods.containing(kind, day).period.start <= day <= periods.containing(kind, day).period.end


def test_a_period_that_is_not_one_is_refused_in_words() -> None:
    with pytest.raises(ValidationError, match="phải sau ngày bắt đầu"):
        periods.period(Choice("custom", 2026, start=date(2026, 3, 2), end=date(2026, 3, 1)))
    with pytest.raises(ValidationError, match="Kỳ báo cáo không hợp lệ"):
        periods.period(Choice("quarter", 2026, 5))


def test_the_months_a_period_touches() -> None:
    assert list(periods.months(Period(date(2025, 11, 20), date(2026, 2, 3)))) == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    assert [periods.item_name("quarter", n) for n in periods.numbers("quarter")] == [
        "Quý I",
        "Quý II",
        "Quý III",
        "Quý IV",
    ]
