"""Working days, legal time limits and due dates for the one-stop-shop desk.

Days off come from ``holidays.VN`` (Tết, Hùng Kings, 30/4, 1/5, 2/9 and the government's swaps, which
the library records as substituted holidays plus weekend working days), corrected by local
overrides that the province can push (``resources/calendar_overrides.csv``). All clock times are
local (Asia/Ho_Chi_Minh); every datetime this module returns is aware in ``VN_TZ``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

from app.core import paths
from app.core.errors import ValidationError

if TYPE_CHECKING:
    import holidays

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

OVERRIDES_FILE = "calendar_overrides.csv"
# Guards the day-by-day loops against a mistyped "3000" in the catalogue.
MAX_LEGAL_DAYS = 365
DUE_MEMO = 4096  # due dates remembered by a calendar (then forgotten all at once)

LegalKind = Literal["working_days", "same_day", "half_day"]

_HALF_DAY_SPELLINGS = frozenset({"half", "half_day", "0.5", "0,5"})
_SAME_DAY_SPELLINGS = frozenset({"0", "same_day"})


def _legal_time_error(text: object) -> ValidationError:
    return ValidationError(
        f"Thời hạn giải quyết «{text}» không hợp lệ: nhập số ngày làm việc (1–{MAX_LEGAL_DAYS}), "
        "0 (trong ngày) hoặc half (nửa ngày).",
        f"Invalid legal time «{text}»: enter a number of working days (1–{MAX_LEGAL_DAYS}), "
        "0 (same day) or half (half a day).",
        field="legal_time",
    )


@dataclass(frozen=True)
class LegalTime:
    """A procedure's legal time limit as printed on the receipt (form 01)."""

    kind: LegalKind
    days: int = 0  # only for working_days, >= 1

    def __post_init__(self) -> None:
        if self.kind == "working_days":
            ok = 1 <= self.days <= MAX_LEGAL_DAYS
        else:
            ok = self.kind in ("same_day", "half_day") and self.days == 0
        if not ok:
            raise _legal_time_error(f"{self.kind} {self.days}")

    @classmethod
    def parse(cls, text: str) -> LegalTime:
        # Remembered: a few spellings, parsed again for every dossier judged (a value is immutable).
        found = _PARSED.get(text) if isinstance(text, str) else None
        if found is None:
            found = cls._parse(text)
            if isinstance(text, str) and len(_PARSED) < 1024:
                _PARSED[text] = found
        return found

    @classmethod
    def _parse(cls, text: str) -> LegalTime:
        value = str(text).strip().lower()
        if value in _SAME_DAY_SPELLINGS:
            return cls("same_day")
        if value in _HALF_DAY_SPELLINGS:
            return cls("half_day")
        if re.fullmatch(r"[0-9]{1,4}", value) and 1 <= int(value) <= MAX_LEGAL_DAYS:
            return cls("working_days", int(value))
        raise _legal_time_error(text)

    def __str__(self) -> str:
        if self.kind == "working_days":
            return str(self.days)
        return "0" if self.kind == "same_day" else "half"

    def label(self, lang: str = "vi") -> str:
        if self.kind == "same_day":
            return "Same day" if lang == "en" else "Trong ngày"
        if self.kind == "half_day":
            return "Half a day" if lang == "en" else "Nửa ngày"
        if lang == "en":
            return f"{self.days} working day{'s' if self.days != 1 else ''}"
        return f"{self.days} ngày làm việc"


_PARSED: dict[str, LegalTime] = {}


@dataclass(frozen=True)
class Override:
    """A local correction to the national calendar."""

    day: date
    kind: Literal["off", "work"]  # "off" = extra day off; "work" = swapped working day (e.g. a Saturday)
    note: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ("off", "work"):
            raise ValidationError(
                f"Loại ngày «{self.kind}» không hợp lệ (chỉ nhận off hoặc work).",
                f"Invalid day kind «{self.kind}» (only off or work).",
                field="kind",
            )


def read_overrides(path: Path) -> list[Override]:
    """Read an overrides CSV (columns ``day,kind,note``; day as YYYY-MM-DD). A missing file is empty."""
    if not path.exists():
        return []
    overrides = []
    # utf-8-sig: the province may edit the file in Excel, which writes a BOM.
    with path.open(encoding="utf-8-sig", newline="") as f:
        for line_no, row in enumerate(csv.DictReader(f), start=2):
            day_text = (row.get("day") or "").strip()
            if not day_text:
                continue
            kind = (row.get("kind") or "").strip().lower()
            try:
                day = date.fromisoformat(day_text)
            except ValueError:
                day = None
            if day is None or kind not in ("off", "work"):
                raise ValidationError(
                    f"Tệp lịch {path.name}, dòng {line_no}: cần ngày YYYY-MM-DD và loại off hoặc work.",
                    f"Calendar file {path.name}, line {line_no}: expected a YYYY-MM-DD date and off or work.",
                    field="calendar_overrides",
                )
            overrides.append(Override(day, kind, (row.get("note") or "").strip()))  # type: ignore[arg-type]
    return overrides


def default_overrides() -> list[Override]:
    """The overrides shipped with the app (holidays.VN already carries the national swaps)."""
    return read_overrides(paths.resource(OVERRIDES_FILE))


@cache
def _national(year: int, language: str = "vi") -> holidays.HolidayBase:
    import holidays  # imported on first use: it is slow to load and the window's first paint needs none

    # One instance per year: building it computes lunar dates, too slow for every lookup.
    # expand=False keeps a stray lookup from silently adding another year to a cached instance.
    return holidays.VN(years=year, language=language, expand=False)


def _to_local(value: datetime) -> datetime:
    """Naive means VN local time; aware is converted."""
    if value.tzinfo is None:
        return value.replace(tzinfo=VN_TZ)
    return value.astimezone(VN_TZ)


def _check_days(days: int, field: str = "days") -> None:
    if days < 0:
        raise ValidationError(
            f"Số ngày không được âm (đã nhập {days}).",
            f"The number of days cannot be negative (got {days}).",
            field=field,
        )


class WorkCalendar:
    """Working days and due dates under the desk's rules (DOMAIN.md, rules 1–6).

    Clock-time choices for due dates:

    * A receipt at or after ``cutoff``, or on a day off, counts as received at the start of the
      morning session of the next working day; one before the morning session counts as its start.
    * N working days: due at the effective receipt's clock time (seconds dropped, as the receipt
      prints hh:mm). A time in the lunch break moves to the start of the afternoon session; a
      time after the afternoon session (only possible with a cut-off later than 17:00) moves to
      the start of the next working day. The end of a session (11:30, 17:00) is still in hours.
    * Half a day: received before the afternoon session starts (lunch break included, since the
      afternoon is still left to do the work) → that day at the end of the afternoon; received
      in the afternoon → the next working day at the end of the morning.
    """

    def __init__(
        self,
        overrides: Iterable[Override] = (),
        *,
        cutoff: time = time(15, 0),
        morning: tuple[time, time] = (time(7, 30), time(11, 30)),
        afternoon: tuple[time, time] = (time(13, 30), time(17, 0)),
    ) -> None:
        if not (morning[0] < morning[1] <= afternoon[0] < afternoon[1] and morning[0] < cutoff):
            raise ValidationError(
                "Giờ làm việc hoặc giờ tiếp nhận cuối ngày không hợp lệ.",
                "Invalid office hours or cut-off time.",
                field="office_hours",
            )
        self.cutoff = cutoff
        self.morning = morning
        self.afternoon = afternoon
        self._overrides: dict[date, Override] = {}
        self._working: dict[date, bool] = {}
        self._added: dict[tuple[date, int], date] = {}
        self._due: dict[tuple[datetime, LegalTime], datetime] = {}
        for item in overrides:
            known = self._overrides.get(item.day)
            if known is not None and known.kind != item.kind:
                raise ValidationError(
                    f"Ngày {item.day:%d/%m/%Y} vừa là ngày nghỉ vừa là ngày làm việc trong lịch địa phương.",
                    f"{item.day:%Y-%m-%d} is both a day off and a working day in the local calendar.",
                    field="day",
                )
            self._overrides[item.day] = item

    @classmethod
    def default(cls) -> WorkCalendar:
        """The national calendar plus the shipped local overrides, with default office hours."""
        return cls(default_overrides())

    # --- days -------------------------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        # Remembered per day: due dates and the scorecard ask about the same days again and again, and
        # the holidays library's answer costs tens of microseconds. The overrides never change after
        # construction (a changed calendar is a new WorkCalendar).
        known = self._working.get(d)
        if known is None:
            override = self._overrides.get(d)
            # The library's own test honours its weekend working days (e.g. Sat 2025-04-26).
            known = override.kind == "work" if override is not None else _national(d.year).is_working_day(d)
            self._working[d] = known
        return known

    def overridden_days(self) -> frozenset[date]:
        """The days the local overrides set (what a change of calendar may have moved)."""
        return frozenset(self._overrides)

    def next_working_day(self, d: date) -> date:
        d += timedelta(days=1)
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def add_working_days(self, d: date, n: int) -> date:
        _check_days(n)
        # Remembered, as the working days are: every due date of every dossier asks (a few legal times
        # over the days of a few years: thousands of answers, never millions).
        key = (d, n)
        known = self._added.get(key)
        if known is None:
            known = d
            for _ in range(n):
                known = self.next_working_day(known)
            self._added[key] = known
        return known

    def working_deadline(self, start: date, days: int) -> date:
        return self.add_working_days(start, days)

    def calendar_deadline(self, start: date, days: int) -> date:
        _check_days(days)
        end = start + timedelta(days=days)
        return end if self.is_working_day(end) else self.next_working_day(end)

    def holidays_between(self, start: date, end: date, lang: str = "vi") -> list[tuple[date, str]]:
        """Weekdays off in [start, end], with their names, for display."""
        language = "en_US" if lang == "en" else "vi"
        result = []
        d = start
        while d <= end:
            if d.weekday() < 5 and not self.is_working_day(d):
                override = self._overrides.get(d)
                if override is not None:
                    name = override.note or ("Local day off" if lang == "en" else "Ngày nghỉ (địa phương)")
                else:
                    name = _national(d.year, language).get(d, "")
                result.append((d, name))
            d += timedelta(days=1)
        return result

    # --- times ------------------------------------------------------------------------------

    def _at(self, d: date, t: time) -> datetime:
        return datetime.combine(d, t, tzinfo=VN_TZ)

    def effective_receipt(self, received: datetime) -> datetime:
        local = _to_local(received)
        d, t = local.date(), local.time()  # the local clock time, naive
        if not self.is_working_day(d) or t >= self.cutoff:
            return self._at(self.next_working_day(d), self.morning[0])
        if t < self.morning[0]:
            return self._at(d, self.morning[0])
        return local

    def _in_office_hours(self, d: date, t: time) -> datetime:
        if self.morning[1] < t < self.afternoon[0]:
            return self._at(d, self.afternoon[0])
        if t > self.afternoon[1]:
            return self._at(self.next_working_day(d), self.morning[0])
        return self._at(d, max(t, self.morning[0]))

    def due(self, received: datetime, legal: LegalTime) -> datetime:
        # Remembered for the last few thousand receptions: a dossier's due date is asked for again by its
        # derivation, its judgement and its counters (the same instant in any time zone: the same answer).
        key = (received, legal)
        known = self._due.get(key)
        if known is None:
            if len(self._due) >= DUE_MEMO:
                self._due.clear()
            known = self._due[key] = self._due_from(received, legal)
        return known

    def _due_from(self, received: datetime, legal: LegalTime) -> datetime:
        start = self.effective_receipt(received)
        d = start.date()
        if legal.kind == "same_day":
            return self._at(d, self.afternoon[1])
        if legal.kind == "half_day":
            if start.time() < self.afternoon[0]:
                return self._at(d, self.afternoon[1])
            return self._at(self.next_working_day(d), self.morning[1])
        clock = start.time().replace(second=0, microsecond=0)
        return self._in_office_hours(self.add_working_days(d, legal.days), clock)

    # --- moments a citizen is asked to come ---------------------------------------------------

    def _in_session(self, t: time) -> bool:
        return self.morning[0] <= t <= self.morning[1] or self.afternoon[0] <= t <= self.afternoon[1]

    def is_office_time(self, moment: datetime) -> bool:
        """A working day, inside the morning or the afternoon session (both ends included)."""
        local = _to_local(moment)
        return self._in_session(local.time()) and self.is_working_day(local.date())

    def next_office_time(self, moment: datetime) -> datetime:
        """``moment`` when the office is open then, else the start of the next session."""
        local = _to_local(moment)
        d, t = local.date(), local.time()
        if self.is_working_day(d):
            if self._in_session(t):
                return local
            if t < self.morning[0]:
                return self._at(d, self.morning[0])
            if self.morning[1] < t < self.afternoon[0]:
                return self._at(d, self.afternoon[0])
        return self._at(self.next_working_day(d), self.morning[0])

    def working_days_after(self, moment: datetime, days: int) -> datetime:
        """``days`` working days after ``moment``'s day, at its clock time moved into office hours."""
        local = _to_local(moment)
        clock = local.time().replace(second=0, microsecond=0)
        return self._in_office_hours(self.add_working_days(local.date(), days), clock)


# How every service reaches the calendar: a function called at each use, so an override set on the
# desk or pulled from the province is seen at once, without rebuilding the services that use it.
CalendarSource = Callable[[], WorkCalendar]
