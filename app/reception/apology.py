"""Moving a citizen's return date (form 04): the dated conditions and the date the desk proposes.

Pure: the calendar decides working days and office hours; no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from app.core.dated import in_force, read_rules
from app.core.errors import InvalidTransition, ValidationError
from app.core.worktime import VN_TZ, WorkCalendar

RULES_FILE = "apology_rules.json"
WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class ApologyRule:
    effective_from: date
    days_before_due: int
    max_moves: int
    default_working_days: int
    source: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ApologyRule:
        try:
            return cls(
                effective_from=date.fromisoformat(data["effective_from"]),
                days_before_due=int(data["days_before_due"]),
                max_moves=int(data["max_moves"]),
                default_working_days=int(data["default_working_days"]),
                source=str(data["source"]),
            )
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                "Tệp quy tắc hẹn lại không hợp lệ.", "The apology rules file is not valid.", field="rules"
            ) from None


def load_rules(source: Path | Sequence[Mapping[str, Any]] | None = None) -> tuple[ApologyRule, ...]:
    return read_rules(source, RULES_FILE, "rules", ApologyRule.from_dict)


@cache
def default_rules() -> tuple[ApologyRule, ...]:
    return load_rules()


def rule_for(on: date, rules: Iterable[ApologyRule] | None = None) -> ApologyRule:
    return in_force(on, rules if rules is not None else default_rules())


def weekday_words(moment: datetime, lang: str = "vi") -> str:
    """ "Thứ Năm, 09:30 ngày 19/02/2026": what the dialog and the CLI show for a proposed date."""
    local = moment.astimezone(VN_TZ)
    if lang == "en":
        return f"{WEEKDAYS_EN[local.weekday()]} {local:%Y-%m-%d %H:%M}"
    return f"{WEEKDAYS_VI[local.weekday()]}, {local:%H:%M} ngày {local:%d/%m/%Y}"


def default_new_due(due: datetime, calendar: WorkCalendar, issued: datetime) -> datetime:
    """The date proposed: the rule's working days after the old due date, in office hours."""
    rule = rule_for(issued.astimezone(VN_TZ).date())
    return calendar.working_days_after(due, rule.default_working_days)


def check(
    *,
    due: datetime,
    new_due: datetime | None,
    issued: datetime,
    earlier_moves: int,
    calendar: WorkCalendar,
) -> datetime:
    """The new date, or a refusal in one sentence of an apology the rule in force does not allow."""
    rule = rule_for(issued.astimezone(VN_TZ).date())
    if earlier_moves >= rule.max_moves:
        raise InvalidTransition(
            "Hồ sơ này đã được hẹn lại một lần; theo quy định chỉ được hẹn lại một lần.",
            "This dossier's date was already moved once; the rule allows it only once.",
        )
    last_day = due.astimezone(VN_TZ).date().toordinal() - rule.days_before_due
    if issued.astimezone(VN_TZ).date().toordinal() > last_day:
        when = date.fromordinal(last_day)
        raise InvalidTransition(
            f"Phiếu xin lỗi và hẹn lại phải gửi chậm nhất {rule.days_before_due} ngày trước ngày hẹn trả "
            f"(hạn gửi: ngày {when:%d/%m/%Y}); nay đã quá thời hạn đó.",
            f"The apology with a new date must be issued at least {rule.days_before_due} day(s) before the "
            f"due date (by {when:%Y-%m-%d}); that time has passed.",
        )
    if new_due is None:
        raise ValidationError("Cần chọn ngày hẹn trả mới.", "A new return date is required.", field="new_due")
    if new_due <= due:
        raise ValidationError(
            "Ngày hẹn mới phải sau ngày hẹn cũ.", "The new date must be after the old one.", field="new_due"
        )
    if not calendar.is_office_time(new_due):
        proposal = calendar.next_office_time(new_due)
        raise ValidationError(
            f"Ngày hẹn mới {weekday_words(new_due)} không phải giờ làm việc; "
            f"chọn ngày làm việc trong giờ hành chính, ví dụ {weekday_words(proposal)}.",
            f"The new date {weekday_words(new_due, 'en')} is outside office hours; choose a working day in "
            f"office hours, e.g. {weekday_words(proposal, 'en')}.",
            field="new_due",
        )
    return new_due
