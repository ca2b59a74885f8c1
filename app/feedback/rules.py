"""Feedback registers' rules: kinds, statuses, transitions and the dated legal deadlines.

Each entry carries the deadlines of its kind, taken from resources/feedback_rules.json by its receipt
date, so a law that moves a limit changes new entries only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from app.core import paths
from app.core.errors import ValidationError
from app.core.history import Transitions
from app.core.records import label
from app.core.worktime import WorkCalendar

RULES_FILE = "feedback_rules.json"

KINDS: dict[str, tuple[str, str]] = {
    "feedback": ("Phản ánh, kiến nghị", "Feedback and recommendations"),
    "complaint": ("Khiếu nại", "Complaint"),
    "denunciation": ("Tố cáo", "Denunciation"),
    "reception": ("Tiếp công dân", "Citizen reception"),
}
# Register number prefixes: digits and capitals only, stable across languages.
KIND_PREFIX = {"feedback": "PA", "complaint": "KN", "denunciation": "TC", "reception": "TD"}
FEEDBACK_CHANNELS: dict[str, tuple[str, str]] = {
    "in_person": ("Trực tiếp", "In person"),
    "phone": ("Điện thoại, đường dây nóng", "Phone / hotline"),
    "mailbox": ("Hòm thư góp ý", "Mailbox"),
    "written": ("Văn bản, đơn thư", "Written"),
    "online": ("Trực tuyến", "Online"),
    "dialogue": ("Hội nghị đối thoại", "Dialogue meeting"),
}
FEEDBACK_STATUSES: dict[str, tuple[str, str]] = {
    "received": ("Mới tiếp nhận", "Received"),
    "accepted": ("Đã thụ lý", "Accepted"),
    "processing": ("Đang xử lý", "Processing"),
    "answered": ("Đã trả lời", "Answered"),
    "forwarded": ("Đã chuyển", "Forwarded"),
    "closed": ("Đã kết thúc", "Closed"),
}
FEEDBACK_EVENT_KINDS: dict[str, tuple[str, str]] = {
    "received": ("Tiếp nhận", "Received"),
    "accepted": ("Thụ lý", "Accepted"),
    "processing": ("Bắt đầu xử lý", "Processing started"),
    "answered": ("Trả lời", "Answered"),
    "forwarded": ("Chuyển cơ quan khác", "Forwarded elsewhere"),
    "closed": ("Kết thúc", "Closed"),
    "assigned": ("Phân công", "Assigned"),
}
OPEN_STATUSES = frozenset({"received", "accepted", "processing"})
# An action named like a status moves the entry there; "assigned" leaves the status as it is.
TRANSITIONS = Transitions(
    allowed_from={
        "accepted": frozenset({"received"}),
        "processing": frozenset({"received", "accepted"}),
        "answered": frozenset({"received", "accepted", "processing"}),
        "forwarded": frozenset({"received", "accepted", "processing"}),
        "closed": frozenset({"received", "accepted", "processing", "answered", "forwarded"}),
        "assigned": frozenset({"received", "accepted", "processing"}),
    },
    status_after={k: k for k in FEEDBACK_EVENT_KINDS if k in FEEDBACK_STATUSES},
    statuses=FEEDBACK_STATUSES,
    actions=FEEDBACK_EVENT_KINDS,
    subject=("Mục", "The entry"),
)
DUE_SOON_WORKING_DAYS = 2

Unit = Literal["working", "calendar"]
Urgency = Literal["overdue", "due_soon", "open", "done"]


# Deadline rules


@dataclass(frozen=True)
class DeadlineRule:
    kind: str
    effective_from: date
    accept_days: int | None
    accept_unit: Unit
    forward_days: int
    forward_unit: Unit
    resolve_days: int
    resolve_unit: Unit
    resolve_from: Literal["received", "accepted"]
    resolve_days_complex: int
    source: str = ""
    check: bool = False
    note: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DeadlineRule:
        def unit(key: str) -> Unit:
            value = data.get(key, "working")
            if value not in ("working", "calendar"):
                raise _rules_error(f"{key}={value}")
            return value

        try:
            resolve_from = data.get("resolve_from", "received")
            if data["kind"] not in KINDS or resolve_from not in ("received", "accepted"):
                raise _rules_error(str(data.get("kind")))
            accept = data.get("accept_days")
            return cls(
                kind=data["kind"],
                effective_from=date.fromisoformat(data["effective_from"]),
                accept_days=None if accept is None else int(accept),
                accept_unit=unit("accept_unit"),
                forward_days=int(data["forward_days"]),
                forward_unit=unit("forward_unit"),
                resolve_days=int(data["resolve_days"]),
                resolve_unit=unit("resolve_unit"),
                resolve_from=resolve_from,
                resolve_days_complex=int(data.get("resolve_days_complex") or data["resolve_days"]),
                source=str(data.get("source", "")),
                check=bool(data.get("check", False)),
                note=str(data.get("note", "")),
            )
        except (KeyError, TypeError, ValueError):
            raise _rules_error(json.dumps(data, ensure_ascii=False)[:80]) from None


def _rules_error(what: str) -> ValidationError:
    return ValidationError(
        f"Quy tắc thời hạn phản ánh, khiếu nại không hợp lệ: {what}.",
        f"Invalid feedback deadline rule: {what}.",
        field="feedback_rules",
    )


def load_rules(source: Path | Sequence[Mapping[str, Any]] | None = None) -> list[DeadlineRule]:
    """Rules from the shipped file, another file, or a list of dicts (the province's pushed version)."""
    if source is None or isinstance(source, Path):
        data = json.loads((source or paths.resource(RULES_FILE)).read_text(encoding="utf-8"))
        items = data["rules"] if isinstance(data, Mapping) else data
    else:
        items = source
    return sorted((DeadlineRule.from_dict(r) for r in items), key=lambda r: (r.kind, r.effective_from))


def rule_for(rules: Iterable[DeadlineRule], kind: str, on: date) -> DeadlineRule:
    """The rule of ``kind`` in force on ``on``: the latest one that took effect by then."""
    found = [r for r in rules if r.kind == kind and r.effective_from <= on]
    if not found:
        raise ValidationError(
            f"Không có quy tắc thời hạn cho loại «{label(KINDS, kind)}» vào ngày {on:%d/%m/%Y}.",
            f"No deadline rule for '{label(KINDS, kind, 'en')}' on {on:%Y-%m-%d}.",
            field="kind",
        )
    return max(found, key=lambda r: r.effective_from)


def deadline(calendar: WorkCalendar, start: date, days: int, unit: Unit) -> date:
    """The start day is not counted; a calendar-day deadline on a day off moves to the next working day."""
    if unit == "working":
        return calendar.working_deadline(start, days)
    return calendar.calendar_deadline(start, days)


@dataclass(frozen=True)
class Deadlines:
    accept: date | None
    forward: date
    resolve: date | None  # None until acceptance when the rule counts from acceptance


def deadlines(
    rule: DeadlineRule, calendar: WorkCalendar, received: date, accepted: date | None = None, complex_case: bool = False
) -> Deadlines:
    accept = None if rule.accept_days is None else deadline(calendar, received, rule.accept_days, rule.accept_unit)
    days = rule.resolve_days_complex if complex_case else rule.resolve_days
    start = received if rule.resolve_from == "received" else accepted
    resolve = None if start is None else deadline(calendar, start, days, rule.resolve_unit)
    return Deadlines(accept, deadline(calendar, received, rule.forward_days, rule.forward_unit), resolve)
