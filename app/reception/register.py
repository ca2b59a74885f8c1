"""The dossier register as the window shows it: filters -> a count and pages of light rows.

Qt-free, so the table model stays a thin adapter and the filters are tested without a widget.
Pages are read by keyset (rowid below the last one seen), so the millionth row costs what the
first does; the count of a broad filter is capped, since an exact COUNT(*) over a million rows
is paid on every keystroke of the search box.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from app.core.clock import Clock, iso, parse_iso
from app.core.text import search_tokens
from app.core.worktime import VN_TZ
from app.reception.rows import match_expression
from db.dossier_store import DossierStore
from db.register_store import RegisterStore
from db.store import Store

Deadline = Literal["overdue", "due_today", "due_this_week"]
Urgency = Literal["overdue", "today", "week"]
DEADLINES: dict[str, tuple[str, str]] = {
    "overdue": ("Quá hạn", "Overdue"),
    "due_today": ("Đến hạn hôm nay", "Due today"),
    "due_this_week": ("Đến hạn trong tuần", "Due this week"),
}
# The clock runs only while the office holds the dossier; waiting for the citizen or for the
# citizen to collect a ready result is not the office being late.
RUNNING_STATUSES = ("received", "processing")
PAGE_SIZE = 200
COUNT_CAP = 10_000
# Above this many matches a filter keeps rows everywhere in the table: walking the table newest
# first finds a page at once, where an index would make SQLite sort every match first.
DENSE = 5_000
MIN_TOKEN = 2  # a one-letter prefix matches most of a million dossiers and narrows nothing


@dataclass(frozen=True)
class Filters:
    text: str = ""
    statuses: tuple[str, ...] = ()
    procedure_code: str | None = None
    received_from: date | None = None
    received_to: date | None = None  # inclusive
    deadline: Deadline | None = None

    def is_empty(self) -> bool:
        return self == Filters()


@dataclass(frozen=True)
class RegisterRow:
    rowid: int
    code: str
    applicant_name: str
    procedure_code: str
    procedure_name: str
    received_at: datetime
    due_at: datetime
    status: str
    urgency: Urgency | None = None
    received_key: str = ""  # received_at as stored: with the rowid, where the next page starts

    @property
    def after(self) -> tuple[str, int]:
        return (self.received_key, self.rowid)


@dataclass(frozen=True)
class Count:
    value: int
    exact: bool = True


def _start_of(d: date) -> datetime:
    return datetime.combine(d, time(0, 0), VN_TZ)


def urgency(status: str, due_at: datetime, now: datetime) -> Urgency | None:
    """How close the office is to being late with this dossier; None when the clock is not running."""
    if status not in RUNNING_STATUSES:
        return None
    if due_at < now:
        return "overdue"
    today = now.astimezone(VN_TZ).date()
    if due_at < _start_of(today + timedelta(days=1)):
        return "today"
    if due_at < _start_of(today + timedelta(days=7 - today.weekday())):
        return "week"
    return None


def store_filters(filters: Filters, now: datetime) -> dict[str, Any] | None:
    """The store's filter dict; None when the search text can match nothing (only punctuation)."""
    out: dict[str, Any] = {}
    if filters.text.strip():
        tokens = search_tokens(filters.text)
        if not tokens:
            return None
        useful = [t for t in tokens if len(t) >= MIN_TOKEN]
        if useful:  # while the last word is one letter, search by the others
            out["match"] = match_expression(" ".join(useful))
    if filters.procedure_code:
        out["procedure_code"] = filters.procedure_code
    if filters.received_from:
        out["received_from"] = iso(_start_of(filters.received_from))
    if filters.received_to:
        out["received_to"] = iso(_start_of(filters.received_to + timedelta(days=1)))
    statuses = tuple(filters.statuses)
    if filters.deadline:
        running = [s for s in (statuses or RUNNING_STATUSES) if s in RUNNING_STATUSES]
        statuses = tuple(running) or ("-",)  # a status filter outside the running ones: nothing is due
        today = now.astimezone(VN_TZ).date()
        if filters.deadline == "overdue":
            out["due_before"] = iso(now)
        elif filters.deadline == "due_today":
            out["due_from"] = iso(now)
            out["due_before"] = iso(_start_of(today + timedelta(days=1)))
        else:
            out["due_from"] = iso(now)
            out["due_before"] = iso(_start_of(today + timedelta(days=7 - today.weekday())))
    if statuses:
        out["statuses"] = statuses
    return out


class Register:
    """What the register table reads; one per window, over the desk's store."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self.queries = RegisterStore(store.conn)
        self._dense: dict[Filters, bool] = {}

    def count(self, filters: Filters, cap: int = COUNT_CAP) -> Count:
        """Exact below ``cap``; above it, the unfiltered total is exact (cheap) and a filtered one is '≥ cap'."""
        where = store_filters(filters, self.clock.now())
        if where is None:
            return Count(0)
        if not where:  # every keystroke of a one-letter search asks this
            return Count(self.queries.total())
        found = self.queries.count_upto(where, cap + 1)
        return Count(min(found, cap), exact=found <= cap)

    def page(self, filters: Filters, after: RegisterRow | None = None, limit: int = PAGE_SIZE) -> list[RegisterRow]:
        """Newest first, the rows after ``after`` (None: from the top)."""
        now = self.clock.now()
        where = store_filters(filters, now)
        if where is None:
            return []
        if filters not in self._dense:
            if len(self._dense) > 64:
                self._dense.clear()
            indexed = "statuses" in where or "procedure_code" in where
            self._dense[filters] = indexed and self.queries.count_upto(where, DENSE) >= DENSE
        rows = self.queries.page_after(where, after.after if after else None, limit, scan=self._dense[filters])
        return [self._row(r, now) for r in rows]

    def row(self, code: str) -> RegisterRow | None:
        found = self.queries.page_after({"code": code}, None, 1)
        return self._row(found[0], self.clock.now()) if found else None

    @staticmethod
    def _row(r: Any, now: datetime) -> RegisterRow:
        due = parse_iso(r["due_at"])
        return RegisterRow(
            rowid=r["rowid"],
            code=r["code"],
            applicant_name=r["applicant_name"],
            procedure_code=r["procedure_code"],
            procedure_name=r["procedure_name"],
            received_at=parse_iso(r["received_at"]),
            due_at=due,
            status=r["status"],
            urgency=urgency(r["status"], due, now),
            received_key=r["received_at"],
        )


@dataclass
class Summary:
    """Counts for the status bar: open dossiers and how many are late or due today."""

    overdue: int = 0
    due_today: int = 0
    by_status: dict[str, int] = field(default_factory=dict)


def summary(register: Register) -> Summary:
    now = register.clock.now()
    out = Summary(by_status=DossierStore(register.store).status_counts())
    for deadline in ("overdue", "due_today"):
        where = store_filters(Filters(deadline=deadline), now) or {}
        setattr(out, deadline, register.queries.count_upto(where, COUNT_CAP))
    return out
