from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from app.core.errors import ValidationError
from app.core.worktime import VN_TZ, LegalTime, Override, WorkCalendar, default_overrides, read_overrides

CAL = WorkCalendar()


def vn(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=VN_TZ)


def lt(text: str) -> LegalTime:
    return LegalTime.parse(text)


# --- DOMAIN.md worked examples ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "legal", "expected"),
    [
        (datetime(2025, 4, 22, 10, 0), "3", vn(2025, 4, 25, 10, 0)),
        (datetime(2025, 6, 2, 15, 20), "2", vn(2025, 6, 5, 7, 30)),
        (datetime(2025, 6, 4, 14, 59), "0", vn(2025, 6, 4, 17, 0)),
        (datetime(2025, 6, 4, 15, 0), "0", vn(2025, 6, 5, 17, 0)),
        (datetime(2025, 6, 4, 9, 0), "half", vn(2025, 6, 4, 17, 0)),
        (datetime(2025, 6, 4, 13, 45), "half", vn(2025, 6, 5, 11, 30)),
    ],
)
def test_domain_table(received: datetime, legal: str, expected: datetime) -> None:
    due = CAL.due(received, lt(legal))
    assert due == expected
    assert due.tzinfo is VN_TZ


def test_domain_table_rollover_counts_from_next_day() -> None:
    assert CAL.effective_receipt(datetime(2025, 6, 2, 15, 20)) == vn(2025, 6, 3, 7, 30)


def test_domain_table_calendar_days() -> None:
    assert date(2026, 2, 28).weekday() == 5
    assert CAL.calendar_deadline(date(2026, 1, 29), 30) == date(2026, 3, 2)


# --- office hours and cut-off -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "legal", "expected"),
    [
        (datetime(2025, 6, 4, 6, 45), "1", vn(2025, 6, 5, 7, 30)),  # before opening → 07:30
        (datetime(2025, 6, 4, 12, 0), "1", vn(2025, 6, 5, 13, 30)),  # lunch → afternoon start
        (datetime(2025, 6, 4, 11, 30), "1", vn(2025, 6, 5, 11, 30)),  # end of session is in hours
        (datetime(2025, 6, 4, 14, 59, 59), "1", vn(2025, 6, 5, 14, 59)),  # seconds dropped
        (datetime(2025, 6, 4, 12, 0), "half", vn(2025, 6, 4, 17, 0)),  # lunch counts as morning
        (datetime(2025, 6, 6, 13, 45), "half", vn(2025, 6, 9, 11, 30)),  # Friday afternoon → Monday
        (datetime(2025, 6, 4, 15, 30), "half", vn(2025, 6, 5, 17, 0)),  # rolled over → morning
        (datetime(2025, 6, 8, 10, 0), "1", vn(2025, 6, 10, 7, 30)),  # Sunday → Mon 07:30, +1
        (datetime(2025, 6, 6, 16, 10), "0", vn(2025, 6, 9, 17, 0)),  # Friday after cut-off
    ],
)
def test_office_hours(received: datetime, legal: str, expected: datetime) -> None:
    assert CAL.due(received, lt(legal)) == expected


def test_effective_receipt_keeps_time_within_hours() -> None:
    assert CAL.effective_receipt(datetime(2025, 6, 4, 12, 5)) == vn(2025, 6, 4, 12, 5)
    assert CAL.effective_receipt(datetime(2025, 6, 4, 7, 0)) == vn(2025, 6, 4, 7, 30)
    assert CAL.effective_receipt(datetime(2025, 6, 7, 9, 0)) == vn(2025, 6, 9, 7, 30)


def test_custom_hours_are_parameters() -> None:
    cal = WorkCalendar(cutoff=time(16, 0), afternoon=(time(13, 0), time(16, 30)))
    assert cal.due(datetime(2025, 6, 4, 15, 30), lt("0")) == vn(2025, 6, 4, 16, 30)
    assert cal.due(datetime(2025, 6, 4, 12, 0), lt("1")) == vn(2025, 6, 5, 13, 0)


def test_bad_office_hours() -> None:
    with pytest.raises(ValidationError) as err:
        WorkCalendar(morning=(time(11, 30), time(7, 30)))
    assert err.value.field == "office_hours"


# --- national calendar --------------------------------------------------------------------------


def test_tet_2026() -> None:
    tet = [date(2026, 2, d) for d in range(16, 21)]  # Mon 16 – Fri 20 Feb (29 Tết – mùng 4)
    assert [d for d, _ in CAL.holidays_between(date(2026, 2, 1), date(2026, 2, 28))] == tet
    assert not any(CAL.is_working_day(date(2026, 2, d)) for d in range(14, 23))
    assert CAL.is_working_day(date(2026, 2, 13))
    assert CAL.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
    # Received the Friday before Tết: counting resumes on Mon 23 Feb.
    assert CAL.due(datetime(2026, 2, 13, 10, 0), lt("3")) == vn(2026, 2, 25, 10, 0)
    assert CAL.due(datetime(2026, 2, 13, 15, 30), lt("3")) == vn(2026, 2, 26, 7, 30)
    assert CAL.due(datetime(2026, 2, 13, 14, 0), lt("half")) == vn(2026, 2, 23, 11, 30)


def test_reunification_and_labour_day_2025_with_swap() -> None:
    assert CAL.is_working_day(date(2025, 4, 26))  # Saturday, worked in exchange for Fri 2 May
    assert not CAL.is_working_day(date(2025, 4, 27))
    for d in (date(2025, 4, 30), date(2025, 5, 1), date(2025, 5, 2)):
        assert not CAL.is_working_day(d)
    names = CAL.holidays_between(date(2025, 4, 25), date(2025, 5, 5))
    assert [d for d, _ in names] == [date(2025, 4, 30), date(2025, 5, 1), date(2025, 5, 2)]
    assert names[2][1] == "Ngày nghỉ (thay cho ngày 26/04/2025)"
    assert CAL.holidays_between(date(2025, 5, 1), date(2025, 5, 1), lang="en") == [
        (date(2025, 5, 1), "International Labor Day")
    ]
    assert CAL.due(datetime(2025, 4, 25, 9, 0), lt("1")) == vn(2025, 4, 26, 9, 0)
    assert CAL.due(datetime(2025, 4, 26, 10, 0), lt("0")) == vn(2025, 4, 26, 17, 0)
    assert CAL.due(datetime(2025, 4, 29, 10, 0), lt("1")) == vn(2025, 5, 5, 10, 0)
    assert CAL.add_working_days(date(2025, 4, 25), 2) == date(2025, 4, 28)  # Sat 26, Mon 28


def test_national_day_2025() -> None:
    assert not CAL.is_working_day(date(2025, 9, 1))
    assert not CAL.is_working_day(date(2025, 9, 2))
    assert CAL.due(datetime(2025, 8, 29, 10, 0), lt("1")) == vn(2025, 9, 3, 10, 0)


def test_national_day_2026() -> None:
    # holidays.VN: Mon 31 Aug off in exchange for Sat 22 Aug; 1 and 2 Sept off.
    for d in (date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 2)):
        assert not CAL.is_working_day(d)
    assert CAL.is_working_day(date(2026, 8, 22))
    assert CAL.due(datetime(2026, 8, 28, 14, 0), lt("2")) == vn(2026, 9, 4, 14, 0)
    assert CAL.due(datetime(2026, 8, 21, 10, 0), lt("1")) == vn(2026, 8, 22, 10, 0)


def test_calendar_deadline_lands_on_holiday() -> None:
    # 30 days from 31 Mar 2025 is Wed 30 Apr; 30/4, 1/5 and 2/5 are off, then a weekend.
    assert CAL.calendar_deadline(date(2025, 3, 31), 30) == date(2025, 5, 5)
    assert CAL.calendar_deadline(date(2025, 6, 2), 0) == date(2025, 6, 2)


def test_working_deadline() -> None:
    assert CAL.working_deadline(date(2025, 4, 28), 5) == date(2025, 5, 8)
    assert CAL.working_deadline(date(2025, 6, 7), 1) == date(2025, 6, 9)  # from a Saturday
    assert CAL.add_working_days(date(2025, 6, 4), 0) == date(2025, 6, 4)


@pytest.mark.parametrize("call", ["add_working_days", "working_deadline", "calendar_deadline"])
def test_negative_days_rejected(call: str) -> None:
    with pytest.raises(ValidationError) as err:
        getattr(CAL, call)(date(2025, 6, 4), -1)
    assert err.value.field == "days"
    assert err.value.message("en") != err.value.message("vi")


# --- local overrides ----------------------------------------------------------------------------


def test_extra_day_off_pushes_due_date() -> None:
    cal = WorkCalendar([Override(date(2025, 6, 5), "off", "Nghỉ lễ địa phương")])
    assert cal.due(datetime(2025, 6, 2, 15, 20), lt("2")) == vn(2025, 6, 6, 7, 30)
    assert cal.holidays_between(date(2025, 6, 1), date(2025, 6, 30)) == [(date(2025, 6, 5), "Nghỉ lễ địa phương")]
    assert CAL.due(datetime(2025, 6, 2, 15, 20), lt("2")) == vn(2025, 6, 5, 7, 30)  # others unaffected


def test_working_saturday_counts() -> None:
    cal = WorkCalendar([Override(date(2025, 6, 7), "work")])
    assert cal.is_working_day(date(2025, 6, 7))
    assert cal.due(datetime(2025, 6, 6, 10, 0), lt("1")) == vn(2025, 6, 7, 10, 0)
    assert cal.due(datetime(2025, 6, 7, 9, 0), lt("0")) == vn(2025, 6, 7, 17, 0)


def test_override_beats_library() -> None:
    cal = WorkCalendar([Override(date(2025, 4, 26), "off"), Override(date(2025, 5, 2), "work")])
    assert not cal.is_working_day(date(2025, 4, 26))
    assert cal.is_working_day(date(2025, 5, 2))


def test_conflicting_overrides_rejected() -> None:
    with pytest.raises(ValidationError):
        WorkCalendar([Override(date(2025, 6, 7), "work"), Override(date(2025, 6, 7), "off")])


def test_override_kind_checked() -> None:
    with pytest.raises(ValidationError):
        Override(date(2025, 6, 7), "holiday")  # type: ignore[arg-type]


def test_read_overrides(tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text("\ufeffday,kind,note\n2025-06-07,work,Làm bù\n\n2025-06-05, OFF ,\n", encoding="utf-8")
    assert read_overrides(path) == [
        Override(date(2025, 6, 7), "work", "Làm bù"),
        Override(date(2025, 6, 5), "off", ""),
    ]
    assert read_overrides(tmp_path / "missing.csv") == []


@pytest.mark.parametrize("row", ["07/06/2025,work,", "2025-06-07,holiday,", "2025-06-07,,"])
def test_read_overrides_bad_rows(tmp_path: Path, row: str) -> None:
    path = tmp_path / "o.csv"
    path.write_text(f"day,kind,note\n{row}\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        read_overrides(path)
    assert err.value.field == "calendar_overrides"
    assert "line 2" in err.value.message("en")


def test_default_overrides_load() -> None:
    items = default_overrides()
    assert all(isinstance(o, Override) for o in items)
    assert isinstance(WorkCalendar.default(), WorkCalendar)


# --- naive vs aware -----------------------------------------------------------------------------


def test_aware_input_is_converted() -> None:
    utc_10am_vn = datetime(2025, 4, 22, 3, 0, tzinfo=UTC)
    assert CAL.due(utc_10am_vn, lt("3")) == vn(2025, 4, 25, 10, 0)
    # 08:00 UTC is 15:00 in Hà Nội: past the cut-off even though it is morning in UTC.
    assert CAL.due(datetime(2025, 6, 4, 8, 0, tzinfo=UTC), lt("0")) == vn(2025, 6, 5, 17, 0)
    # 18:00 UTC on Tuesday is 01:00 Wednesday in Hà Nội.
    late = datetime(2025, 6, 3, 18, 0, tzinfo=UTC)
    assert CAL.effective_receipt(late) == vn(2025, 6, 4, 7, 30)


def test_results_are_aware_in_vn() -> None:
    due = CAL.due(datetime(2025, 4, 22, 10, 0), lt("3"))
    assert due.tzinfo is VN_TZ
    assert due.utcoffset() == timedelta(hours=7)
    assert due.astimezone(UTC) == datetime(2025, 4, 25, 3, 0, tzinfo=UTC)
    assert CAL.effective_receipt(datetime(2025, 6, 4, 9, 0)).tzinfo is VN_TZ


# --- LegalTime ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "canonical"),
    [
        ("3", LegalTime("working_days", 3), "3"),
        (" 1 ", LegalTime("working_days", 1), "1"),
        ("0", LegalTime("same_day"), "0"),
        ("same_day", LegalTime("same_day"), "0"),
        ("half", LegalTime("half_day"), "half"),
        ("half_day", LegalTime("half_day"), "half"),
        ("0.5", LegalTime("half_day"), "half"),
        ("HALF", LegalTime("half_day"), "half"),
    ],
)
def test_legal_time_parse(text: str, expected: LegalTime, canonical: str) -> None:
    parsed = LegalTime.parse(text)
    assert parsed == expected
    assert str(parsed) == canonical
    assert LegalTime.parse(str(parsed)) == parsed


@pytest.mark.parametrize("text", ["", "-1", "abc", "1.5", "3 days", "366", "ngày", "00x"])
def test_legal_time_bad_values(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        LegalTime.parse(text)
    assert err.value.field == "legal_time"
    assert "không hợp lệ" in str(err.value)
    assert "Invalid legal time" in err.value.message("en")


def test_legal_time_constructor_checks() -> None:
    for bad in (("working_days", 0), ("same_day", 2), ("weeks", 1)):
        with pytest.raises(ValidationError):
            LegalTime(*bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        ("3", "3 ngày làm việc", "3 working days"),
        ("1", "1 ngày làm việc", "1 working day"),
        ("0", "Trong ngày", "Same day"),
        ("half", "Nửa ngày", "Half a day"),
    ],
)
def test_legal_time_label(text: str, vi: str, en: str) -> None:
    assert LegalTime.parse(text).label() == vi
    assert LegalTime.parse(text).label("en") == en
