"""Dates a citizen can keep: the apology's proposal and its conditions (Decree 61, a dated rule)."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.core.errors import InvalidTransition, ValidationError
from app.core.worktime import VN_TZ
from app.desk import Desk
from app.reception.apology import default_rules, weekday_words
from tests.conftest import dossier_input


def test_the_proposed_date_is_working_days_after_the_due_date(desk: Desk, admin, clock) -> None:
    d = desk.dossiers.receive(dossier_input(), admin)  # Thu 12 Feb 09:00, three working days
    assert d.due_at == datetime(2026, 2, 24, 9, 0, tzinfo=VN_TZ)
    proposed = desk.dossiers.default_new_due(d)
    # Three working days after Tue 24 Feb: Fri 27 Feb 09:00, never "due + 3 calendar days".
    assert proposed == datetime(2026, 2, 27, 9, 0, tzinfo=VN_TZ)
    assert weekday_words(proposed) == "Thứ Sáu, 09:00 ngày 27/02/2026"
    assert weekday_words(proposed, "en") == "Friday 2026-02-27 09:00"
    assert desk.calendar.is_office_time(proposed)


@pytest.mark.parametrize(
    ("moment", "words"),
    [
        (datetime(2026, 3, 1, 22, 0, tzinfo=VN_TZ), "Chủ nhật, 22:00 ngày 01/03/2026"),  # a Sunday night
        (datetime(2026, 3, 2, 12, 0, tzinfo=VN_TZ), "Thứ Hai, 12:00 ngày 02/03/2026"),  # the lunch break
        (datetime(2026, 3, 2, 17, 30, tzinfo=VN_TZ), "Thứ Hai, 17:30 ngày 02/03/2026"),  # after hours
        (datetime(2026, 4, 30, 9, 0, tzinfo=VN_TZ), "Thứ Năm, 09:00 ngày 30/04/2026"),  # a holiday
    ],
)
def test_a_new_date_outside_office_hours_is_refused_with_a_proposal(desk: Desk, admin, moment, words) -> None:
    d = desk.dossiers.receive(dossier_input(), admin)
    with pytest.raises(ValidationError) as info:
        desk.dossiers.act(d.code, "apology_issued", admin, reason="Cần xác minh.", new_due=moment)
    assert info.value.field == "new_due"
    assert str(info.value).startswith(f"Ngày hẹn mới {words} không phải giờ làm việc")
    proposal = desk.calendar.next_office_time(moment)
    assert desk.calendar.is_office_time(proposal) and weekday_words(proposal) in str(info.value)
    assert desk.dossiers.get(d.code).events[-1].kind == "received"  # nothing recorded


def test_the_apology_must_come_at_least_a_day_before_the_due_date(desk: Desk, admin, clock) -> None:
    d = desk.dossiers.receive(dossier_input(), admin)  # due Tue 24 Feb 09:00
    clock.at = datetime(2026, 2, 23, 16, 0, tzinfo=VN_TZ)  # Monday: the last day allowed
    ok = desk.dossiers.act(
        d.code, "apology_issued", admin, reason="Cần xác minh.", new_due=desk.dossiers.default_new_due(d)
    )
    assert ok.due_at == datetime(2026, 2, 27, 9, 0, tzinfo=VN_TZ)
    other = desk.dossiers.receive(dossier_input(received_at="2026-02-12T09:00:00+07:00"), admin)
    clock.at = datetime(2026, 2, 24, 8, 0, tzinfo=VN_TZ)  # the due day itself: too late
    with pytest.raises(InvalidTransition) as info:
        desk.dossiers.act(
            other.code, "apology_issued", admin, reason="Muộn.", new_due=datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ)
        )
    assert str(info.value) == (
        "Phiếu xin lỗi và hẹn lại phải gửi chậm nhất 1 ngày trước ngày hẹn trả (hạn gửi: ngày 23/02/2026); "
        "nay đã quá thời hạn đó."
    )


def test_the_rule_is_dated_and_sourced() -> None:
    (rule,) = default_rules()
    assert (rule.days_before_due, rule.max_moves, rule.default_working_days) == (1, 1, 3)
    assert "Decree 61/2018" in rule.source
