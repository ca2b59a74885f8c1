"""Citizen feedback registers: feedback and recommendations, complaints, denunciations, citizen reception.

Each entry carries the legal deadlines of its kind, taken from dated rules (resources/feedback_rules.json)
by its receipt date, so a law that moves a limit changes new entries only. Entries and their
immutable status events sync through the outbox. A denouncer's identity is stored only as ciphertext
under the commune key (app.confidential): every entry this module hands out has it masked, and the
one way to read it is ``reveal_identity``, for leaders and admins, recorded in the read log.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from app import paths, text, validation
from app.calendar import WorkCalendar
from app.clock import Clock, iso, parse_iso
from app.confidential import MASK, CommuneKey, Identity, record_access, require_permitted
from app.errors import CapacityExceeded, InvalidTransition, NotFound, ValidationError
from app.models import Clerk, DeskIdentity, label
from db.feedback_store import FeedbackStore
from db.ids import new_id
from db.store import Store

log = logging.getLogger(__name__)

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
ALLOWED_FROM: dict[str, frozenset[str]] = {
    "accepted": frozenset({"received"}),
    "processing": frozenset({"received", "accepted"}),
    "answered": frozenset({"received", "accepted", "processing"}),
    "forwarded": frozenset({"received", "accepted", "processing"}),
    "closed": frozenset({"received", "accepted", "processing", "answered", "forwarded"}),
    "assigned": frozenset({"received", "accepted", "processing"}),
}
ADD_KEYS = ("kind", "channel", "person", "content", "category", "dossier", "received_at", "assigned_to")
PERSON_KEYS = ("name", "address", "contact")
MAX_CONTENT = 5000
MAX_PER_DESK_PER_YEAR = 999_999
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
                kind=data["kind"], effective_from=date.fromisoformat(data["effective_from"]),
                accept_days=None if accept is None else int(accept), accept_unit=unit("accept_unit"),
                forward_days=int(data["forward_days"]), forward_unit=unit("forward_unit"),
                resolve_days=int(data["resolve_days"]), resolve_unit=unit("resolve_unit"),
                resolve_from=resolve_from,
                resolve_days_complex=int(data.get("resolve_days_complex") or data["resolve_days"]),
                source=str(data.get("source", "")), check=bool(data.get("check", False)),
                note=str(data.get("note", "")),
            )
        except (KeyError, TypeError, ValueError):
            raise _rules_error(json.dumps(data, ensure_ascii=False)[:80]) from None


def _rules_error(what: str) -> ValidationError:
    return ValidationError(f"Quy tắc thời hạn phản ánh, khiếu nại không hợp lệ: {what}.",
                           f"Invalid feedback deadline rule: {what}.", field="feedback_rules")


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
        raise ValidationError(f"Không có quy tắc thời hạn cho loại «{label(KINDS, kind)}» vào ngày {on:%d/%m/%Y}.",
                              f"No deadline rule for '{label(KINDS, kind, 'en')}' on {on:%Y-%m-%d}.",
                              field="kind")
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


def deadlines(rule: DeadlineRule, calendar: WorkCalendar, received: date, accepted: date | None = None,
              complex_case: bool = False) -> Deadlines:
    accept = None if rule.accept_days is None else deadline(calendar, received, rule.accept_days, rule.accept_unit)
    days = rule.resolve_days_complex if complex_case else rule.resolve_days
    start = received if rule.resolve_from == "received" else accepted
    resolve = None if start is None else deadline(calendar, start, days, rule.resolve_unit)
    return Deadlines(accept, deadline(calendar, received, rule.forward_days, rule.forward_unit), resolve)


# Records

@dataclass(frozen=True)
class FeedbackEvent:
    id: str
    entry_id: str
    kind: str
    at: datetime
    clerk_id: str
    desk_id: str
    data: dict[str, Any] = field(default_factory=dict)
    created_at: str = ""


@dataclass(frozen=True)
class FeedbackEntry:
    """One register entry as the desk shows it: a denouncer's identity is always masked here."""

    id: str
    number: str
    kind: str
    channel: str
    person_name: str
    person_address: str
    person_contact: str
    confidential: bool  # a denouncer's identity is held encrypted (masked in every field above)
    content: str
    category: str
    dossier_id: str | None
    dossier_code: str | None
    received_at: datetime
    rule_from: str
    accept_due: date | None
    forward_due: date
    resolve_due: date | None
    complex: bool
    assigned_to: str | None
    status: str
    accepted_at: datetime | None
    answer: str
    answered_at: datetime | None
    forwarded_to: str
    forwarded_at: datetime | None
    closed_at: datetime | None
    clerk_id: str
    desk_id: str
    created_at: str = ""
    updated_at: str = ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def due(self) -> date | None:
        """The deadline the entry is working towards now (acceptance first, when the rule has one)."""
        if self.status == "received" and self.accept_due is not None and self.resolve_due is None:
            return self.accept_due
        return self.resolve_due or self.accept_due

    @property
    def handled_at(self) -> datetime | None:
        return self.answered_at or self.forwarded_at or self.closed_at

    @property
    def handled_on_time(self) -> bool | None:
        """None while open; a forwarding is judged against the forwarding limit."""
        handled = self.handled_at
        if handled is None:
            return None
        if self.forwarded_at is not None and self.answered_at is None:
            return self.forwarded_at.date() <= self.forward_due
        due = self.resolve_due or self.accept_due or self.forward_due
        return handled.date() <= due


def urgency(entry: FeedbackEntry, today: date, calendar: WorkCalendar,
            soon_days: int = DUE_SOON_WORKING_DAYS) -> Urgency:
    if not entry.is_open:
        return "done"
    due = entry.due
    if due is None:
        return "open"
    if today > due:
        return "overdue"
    if due <= calendar.add_working_days(today, soon_days):
        return "due_soon"
    return "open"


def _opt_time(value: str | None) -> datetime | None:
    return parse_iso(value) if value else None


def _opt_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def entry_from_row(row: Mapping[str, Any]) -> FeedbackEntry:
    confidential = row["identity_cipher"] is not None
    if confidential:
        name = address = contact = MASK
    else:
        name, address, contact = row["person_name"] or "", row["person_address"] or "", row["person_contact"] or ""
    return FeedbackEntry(
        id=row["id"], number=row["number"], kind=row["kind"], channel=row["channel"], person_name=name,
        person_address=address, person_contact=contact, confidential=confidential, content=row["content"],
        category=row["category"], dossier_id=row["dossier_id"], dossier_code=row["dossier_code"],
        received_at=parse_iso(row["received_at"]), rule_from=row["rule_from"],
        accept_due=_opt_date(row["accept_due"]), forward_due=date.fromisoformat(row["forward_due"]),
        resolve_due=_opt_date(row["resolve_due"]), complex=bool(row["complex"]), assigned_to=row["assigned_to"],
        status=row["status"], accepted_at=_opt_time(row["accepted_at"]), answer=row["answer"] or "",
        answered_at=_opt_time(row["answered_at"]), forwarded_to=row["forwarded_to"] or "",
        forwarded_at=_opt_time(row["forwarded_at"]), closed_at=_opt_time(row["closed_at"]),
        clerk_id=row["clerk_id"], desk_id=row["desk_id"], created_at=row["created_at"], updated_at=row["updated_at"],
    )


def entry_payload(row: Mapping[str, Any]) -> dict[str, Any]:
    """What syncs of an entry: the identity only as ciphertext; the local search text stays here."""
    return {k: v for k, v in row.items() if k not in ("rowid", "search_text")}


@dataclass(frozen=True)
class HandlingFigures:
    """Share of entries handled on time, over those whose deadline has passed or that were handled."""

    total: int
    open_not_due: int
    on_time: int
    late: int
    open_overdue: int

    @property
    def judged(self) -> int:
        return self.on_time + self.late + self.open_overdue

    @property
    def share_on_time(self) -> float | None:
        return self.on_time / self.judged if self.judged else None


EXPORT_COLUMNS = (
    ("Số", "No."), ("Sổ", "Register"), ("Ngày nhận", "Received"), ("Người gửi", "Person"), ("Địa chỉ", "Address"),
    ("Liên hệ", "Contact"), ("Hình thức", "Channel"), ("Phân loại", "Category"), ("Nội dung", "Content"),
    ("Hồ sơ", "Dossier"), ("Hạn", "Due"), ("Trạng thái", "Status"), ("Cán bộ", "Officer"), ("Trả lời", "Answer"),
    ("Chuyển đến", "Forwarded to"),
)


def export_header(lang: str = "vi") -> list[str]:
    return [en if lang == "en" else vi for vi, en in EXPORT_COLUMNS]


# The service

class FeedbackService:
    def __init__(self, store: Store, clock: Clock, calendar: WorkCalendar | Callable[[], WorkCalendar],
                 desk: DeskIdentity,
                 rules: Sequence[DeadlineRule] | None = None, *, key: CommuneKey | None = None,
                 due_soon_days: int = DUE_SOON_WORKING_DAYS) -> None:
        self.store = store
        self.db = FeedbackStore(store)
        self.clock = clock
        # A callable follows the desk's calendar when a local override replaces it.
        self._calendar = calendar
        self.desk = desk
        self.rules = list(rules) if rules is not None else load_rules()
        self.key = key or CommuneKey(desk.commune_code)
        self.due_soon_days = due_soon_days

    @property
    def calendar(self) -> WorkCalendar:
        return self._calendar if isinstance(self._calendar, WorkCalendar) else self._calendar()

    # Receiving

    def add(self, data: Mapping[str, Any], clerk: Clerk) -> FeedbackEntry:
        """Enter a new register entry (a dict as the form or ``motcua feedback add`` gives it)."""
        if not isinstance(data, Mapping):
            raise ValidationError("Dữ liệu phản ánh phải là một đối tượng JSON.",
                                  "The entry must be a JSON object.", field="entry")
        validation.no_unknown_keys(data, ADD_KEYS)
        now = self.clock.now()
        kind = validation.choice(data.get("kind") or "", KINDS, field="kind", label_vi="Loại sổ",
                                 label_en="Register")
        channel = validation.choice(data.get("channel") or "in_person", FEEDBACK_CHANNELS, field="channel",
                                    label_vi="Hình thức tiếp nhận", label_en="Channel")
        person = self._person(data.get("person"), kind)
        content = self._text(data.get("content"), "content", "Nội dung", "Content", MAX_CONTENT, required=True)
        category = self._text(data.get("category"), "category", "Phân loại", "Category", 200)
        received_at = now
        if data.get("received_at"):
            received_at = validation.iso_datetime(str(data["received_at"]), field="received_at",
                                                  label_vi="Ngày tiếp nhận", label_en="Date received")
            if received_at > now + timedelta(minutes=5):
                raise ValidationError("Ngày tiếp nhận không được ở tương lai.",
                                      "The date received cannot be in the future.", field="received_at")
        dossier = None
        if data.get("dossier"):
            dossier = self.store.dossier_by_code(str(data["dossier"]).strip())
            if dossier is None:
                raise NotFound(f"Không có hồ sơ mã {data['dossier']}.", f"There is no dossier {data['dossier']}.",
                               field="dossier")
        assigned = self._officer(data.get("assigned_to"))
        local_day = received_at.astimezone(now.tzinfo).date()
        rule = rule_for(self.rules, kind, local_day)
        due = deadlines(rule, self.calendar, local_day)
        entry_id = new_id()
        stamp = iso(now)
        row: dict[str, Any] = {
            "id": entry_id, "kind": kind, "channel": channel, "person_name": None, "person_address": None,
            "person_contact": None, "identity_cipher": None, "identity_key_id": None, "content": content,
            "category": category, "dossier_id": dossier["id"] if dossier else None,
            "dossier_code": dossier["code"] if dossier else None, "received_at": iso(received_at),
            "rule_from": rule.effective_from.isoformat(),
            "accept_due": due.accept.isoformat() if due.accept else None, "forward_due": due.forward.isoformat(),
            "resolve_due": due.resolve.isoformat() if due.resolve else None, "complex": 0, "assigned_to": assigned,
            "status": "received", "accepted_at": None, "answer": None, "answered_at": None, "forwarded_to": None,
            "forwarded_at": None, "closed_at": None, "created_at": stamp, "updated_at": stamp,
            "clerk_id": clerk.id, "desk_id": self.desk.desk_id,
        }
        searchable = [content, category, row["dossier_code"] or ""]
        if kind == "denunciation":
            if person is not None:
                cipher, key_id = self.key.encrypt(person, entry_id, self.db.key_ids_in_use())
                row["identity_cipher"], row["identity_key_id"] = cipher, key_id
        elif person is not None:
            row["person_name"], row["person_address"], row["person_contact"] = person.name, person.address, \
                person.contact
            searchable += [person.name, person.contact]
        row["search_text"] = text.fold(" ".join(filter(None, searchable)))
        with self.store.transaction():
            row["number"] = self._next_number(kind, local_day)
            self.db.insert_entry(row)
            self._event(row, "received", clerk, received_at, {}, stamp)
            self.store.append_outbox("feedback", entry_id, "create", entry_payload(row), stamp)
        log.info("register entry %s received (%s)", row["number"], kind)
        return self.get(entry_id)

    def _person(self, data: Any, kind: str) -> Identity | None:
        if data in (None, {}, ""):
            if kind in ("complaint", "reception"):
                # A complaint or a reception is by a named person; feedback and denunciations may be anonymous.
                raise ValidationError("Cần ghi họ tên người khiếu nại hoặc được tiếp.",
                                      "The name of the person is required for this register.", field="name")
            return None
        if not isinstance(data, Mapping):
            raise ValidationError("Thông tin người gửi không hợp lệ.", "The person's details are not valid.",
                                  field="person")
        validation.no_unknown_keys(data, PERSON_KEYS, where="person")
        name = self._text(data.get("name"), "name", "Họ tên", "Name", 200)
        address = self._text(data.get("address"), "address", "Địa chỉ", "Address", 300)
        contact = self._text(data.get("contact"), "contact", "Liên hệ", "Contact", 200)
        if not (name or address or contact):
            return self._person(None, kind)
        if not name and kind in ("complaint", "reception"):
            return self._person(None, kind)
        return Identity(name, address, contact)

    @staticmethod
    def _text(value: Any, field_name: str, label_vi: str, label_en: str, limit: int, required: bool = False) -> str:
        if required:
            return validation.required_text(value, field=field_name, label_vi=label_vi, label_en=label_en,
                                            max_len=limit)
        result = text.nfc(str(value or ""))
        if len(result) > limit:
            raise ValidationError(f"{label_vi} dài quá {limit} ký tự.",
                                  f"{label_en} is longer than {limit} characters.", field=field_name)
        return result

    def _officer(self, value: Any) -> str | None:
        if not value:
            return None
        row = self.store.clerk_by_id(str(value)) or self.store.clerk_by_username(str(value))
        if row is None:
            raise NotFound(f"Không có cán bộ «{value}».", f"There is no clerk '{value}'.", field="assigned_to")
        return row["id"]

    def _next_number(self, kind: str, day: date) -> str:
        prefix = f"{KIND_PREFIX[kind]}-{day:%y}-{self.desk.desk_no}"
        counter = self.db.max_number(prefix) + 1
        if counter > MAX_PER_DESK_PER_YEAR:
            raise CapacityExceeded("Sổ đã đủ số thứ tự của năm.", "The register is full for this year.")
        return f"{prefix}{counter:03d}"

    def _event(self, row: Mapping[str, Any], kind: str, clerk: Clerk, at: datetime, data: Mapping[str, Any],
               stamp: str) -> None:
        event = {"id": new_id(), "entry_id": row["id"], "kind": kind, "at": iso(at),
                 "data": json.dumps(dict(data), ensure_ascii=False, separators=(",", ":")),
                 "clerk_id": clerk.id, "desk_id": self.desk.desk_id, "created_at": stamp}
        self.db.insert_event(event)
        self.store.append_outbox("feedback_event", event["id"], "create", dict(event, data=dict(data)), stamp)

    # Reading

    def get(self, entry_id: str) -> FeedbackEntry:
        row = self.db.entry(entry_id)
        if row is None:
            raise NotFound("Không tìm thấy mục trong sổ.", "The register entry was not found.", field="entry")
        return entry_from_row(row)

    def by_number(self, number: str) -> FeedbackEntry:
        row = self.db.entry_by_number(number.strip())
        if row is None:
            raise NotFound(f"Không có mục số {number} trong sổ.", f"There is no register entry {number}.",
                           field="number")
        return entry_from_row(row)

    def list(self, *, kinds: Iterable[str] = (), statuses: Iterable[str] = (), query: str = "",
             received_from: date | None = None, received_to: date | None = None,
             urgent_only: bool = False, limit: int = 10_000) -> list[FeedbackEntry]:
        filters: dict[str, Any] = {"kinds": list(kinds), "statuses": list(statuses),
                                   "tokens": text.search_tokens(query)}
        if received_from:
            filters["received_from"] = received_from.isoformat()
        if received_to:
            filters["received_to"] = (received_to + timedelta(days=1)).isoformat()
        entries = [entry_from_row(r) for r in self.db.entries(filters, limit=limit)]
        if urgent_only:
            entries = [e for e in entries if self.urgency(e) in ("overdue", "due_soon")]
        return entries

    def events(self, entry_id: str) -> list[FeedbackEvent]:
        return [FeedbackEvent(id=r["id"], entry_id=r["entry_id"], kind=r["kind"], at=parse_iso(r["at"]),
                              clerk_id=r["clerk_id"], desk_id=r["desk_id"], data=json.loads(r["data"]),
                              created_at=r["created_at"]) for r in self.db.events(entry_id)]

    def urgency(self, entry: FeedbackEntry, today: date | None = None) -> Urgency:
        return urgency(entry, today or self.clock.now().date(), self.calendar, self.due_soon_days)

    def rule(self, entry: FeedbackEntry) -> DeadlineRule:
        return rule_for(self.rules, entry.kind, date.fromisoformat(entry.rule_from))

    # Status changes

    def _act(self, entry_id: str, kind: str, clerk: Clerk, at: datetime | None, data: Mapping[str, Any],
             values: Mapping[str, Any]) -> FeedbackEntry:
        now = self.clock.now()
        at = at or now
        with self.store.transaction():
            entry = self.get(entry_id)
            if entry.status not in ALLOWED_FROM[kind]:
                raise InvalidTransition(
                    f"Mục đang ở trạng thái «{label(FEEDBACK_STATUSES, entry.status)}», "
                    f"không thể «{label(FEEDBACK_EVENT_KINDS, kind)}».",
                    f"The entry is '{label(FEEDBACK_STATUSES, entry.status, 'en')}'; "
                    f"it cannot be '{label(FEEDBACK_EVENT_KINDS, kind, 'en')}'.",
                )
            if at > now + timedelta(minutes=5) or at < entry.received_at:
                raise ValidationError("Thời điểm phải nằm giữa ngày tiếp nhận và hiện tại.",
                                      "The time must lie between the date received and now.", field="at")
            stamp = iso(now)
            changes = dict(values, updated_at=stamp)
            if kind in FEEDBACK_STATUSES:
                changes["status"] = kind
            self.db.update_entry(entry_id, changes)
            row = self.db.entry(entry_id)
            assert row is not None
            self._event(row, kind, clerk, at, data, stamp)
            self.store.append_outbox("feedback", entry_id, "update", entry_payload(row), stamp)
        log.info("register entry %s: %s", entry.number, kind)
        return self.get(entry_id)

    def accept(self, entry_id: str, clerk: Clerk, *, complex_case: bool = False,
               at: datetime | None = None) -> FeedbackEntry:
        """Thụ lý: fixes the resolution deadline when the rule counts from acceptance."""
        entry = self.get(entry_id)
        moment = at or self.clock.now()
        rule = self.rule(entry)
        due = deadlines(rule, self.calendar, entry.received_at.date(), moment.astimezone(entry.received_at.tzinfo)
                        .date(), complex_case)
        return self._act(entry_id, "accepted", clerk, at, {"complex": complex_case},
                         {"accepted_at": iso(moment), "complex": int(complex_case),
                          "resolve_due": due.resolve.isoformat() if due.resolve else None})

    def start_processing(self, entry_id: str, clerk: Clerk, *, at: datetime | None = None) -> FeedbackEntry:
        return self._act(entry_id, "processing", clerk, at, {}, {})

    def answer(self, entry_id: str, clerk: Clerk, answer: str, *, at: datetime | None = None) -> FeedbackEntry:
        body = self._text(answer, "answer", "Nội dung trả lời", "The answer", MAX_CONTENT, required=True)
        moment = at or self.clock.now()
        return self._act(entry_id, "answered", clerk, at, {"answer": body},
                         {"answer": body, "answered_at": iso(moment)})

    def forward(self, entry_id: str, clerk: Clerk, to: str, *, note: str = "",
                at: datetime | None = None) -> FeedbackEntry:
        """Hand the matter to the agency it belongs to (within the forwarding limit of its rule)."""
        target = self._text(to, "forwarded_to", "Cơ quan nhận", "Receiving agency", 300, required=True)
        moment = at or self.clock.now()
        entry = self._act(entry_id, "forwarded", clerk, at, {"to": target, "note": text.nfc(note)},
                          {"forwarded_to": target, "forwarded_at": iso(moment)})
        if moment.date() > entry.forward_due:
            log.warning("register entry %s forwarded after its limit %s", entry.number, entry.forward_due)
        return entry

    def close(self, entry_id: str, clerk: Clerk, *, reason: str = "", at: datetime | None = None) -> FeedbackEntry:
        moment = at or self.clock.now()
        return self._act(entry_id, "closed", clerk, at, {"reason": text.nfc(reason)}, {"closed_at": iso(moment)})

    def assign(self, entry_id: str, clerk: Clerk, officer: str) -> FeedbackEntry:
        officer_id = self._officer(officer)
        if officer_id is None:
            raise ValidationError("Chưa chọn cán bộ được phân công.", "No officer was chosen.", field="assigned_to")
        return self._act(entry_id, "assigned", clerk, None, {"officer": officer_id}, {"assigned_to": officer_id})

    # The denouncer's identity

    def reveal_identity(self, entry_id: str, clerk: Clerk, *, purpose: str = "") -> Identity:
        """The identity in clear, for a leader or admin only; the reading is recorded (who, when, which)."""
        require_permitted(clerk)
        row = self.db.entry(entry_id)
        if row is None:
            raise NotFound("Không tìm thấy mục trong sổ.", "The register entry was not found.", field="entry")
        if row["identity_cipher"] is None:
            return Identity(row["person_name"] or "", row["person_address"] or "", row["person_contact"] or "")
        identity = self.key.decrypt(row["identity_cipher"], entry_id)
        record_access(self.store, self.clock, self.desk, clerk, "read", entry_id=entry_id, purpose=purpose)
        log.info("denouncer identity of %s read by %s", row["number"], clerk.username)
        return identity

    def reads(self, entry_id: str | None = None) -> list[dict[str, Any]]:
        return self.db.reads(entry_id)

    # Export and figures

    def export_rows(self, entries: Iterable[FeedbackEntry], lang: str = "vi") -> list[dict[str, str]]:
        """Rows for a spreadsheet or printout; entries come masked, so identities never leave."""
        names = {c["id"]: c["full_name"] for c in self.store.clerks()}
        header = export_header(lang)
        rows = []
        for e in entries:
            due = e.due
            values = [
                e.number, label(KINDS, e.kind, lang), f"{e.received_at:%d/%m/%Y}", e.person_name, e.person_address,
                e.person_contact, label(FEEDBACK_CHANNELS, e.channel, lang), e.category, e.content,
                e.dossier_code or "", f"{due:%d/%m/%Y}" if due else "", label(FEEDBACK_STATUSES, e.status, lang),
                names.get(e.assigned_to or "", ""), e.answer, e.forwarded_to,
            ]
            rows.append(dict(zip(header, values, strict=True)))
        return rows

    def export_csv(self, path: Path, entries: Iterable[FeedbackEntry], lang: str = "vi") -> Path:
        rows = self.export_rows(entries, lang)
        # utf-8-sig: Excel on Vietnamese PCs opens it with the accents intact.
        with Path(path).open("w", encoding="utf-8-sig", newline="") as handle:
            if rows:
                writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows)
        return Path(path)

    def print_register(self, path: Path, entries: Sequence[FeedbackEntry], *, title_kind: str | None = None,
                       lang: str = "vi") -> Path:
        """The register as an A4 landscape PDF; built from masked entries like every other output."""
        from reportlab.lib import colors
        from reportlab.lib.pagesizes import A4, landscape
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.lib.units import mm
        from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

        from app import pdfkit

        pdfkit.register_fonts()
        cell = ParagraphStyle("fb-cell", fontName=pdfkit.FONT, fontSize=7.5, leading=9.5)
        head = ParagraphStyle("fb-head", parent=cell, fontName=pdfkit.FONT_BOLD)
        title = ParagraphStyle("fb-title", parent=cell, fontName=pdfkit.FONT_BOLD, fontSize=13, leading=17,
                               alignment=1, spaceAfter=4 * mm)
        rows = self.export_rows(entries, lang)
        # The address is left out of the printed register: it does not fit, and the spreadsheet has it.
        columns = [c for c in export_header(lang) if c not in ("Địa chỉ", "Address")]
        widths = [18, 17, 17, 20, 20, 15, 15, 40, 21, 17, 15, 17, 28, 17]  # mm, 277 in all
        data = [[Paragraph(pdfkit.esc(c), head) for c in columns]]
        data += [[Paragraph(pdfkit.esc(r[c]), cell) for c in columns] for r in rows]
        if title_kind:
            register = f"{'Register' if lang == 'en' else 'Sổ'}: {label(KINDS, title_kind, lang)}"
        else:
            register = "Feedback registers" if lang == "en" else "Sổ theo dõi phản ánh, kiến nghị, khiếu nại, tố cáo"
        heading = f"{register.upper()} — {self.desk.commune_name}"
        table = Table(data, repeatRows=1, colWidths=[w * mm for w in widths])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
        doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=10 * mm, rightMargin=10 * mm,
                                topMargin=10 * mm, bottomMargin=10 * mm, title=register)
        doc.build([Paragraph(pdfkit.esc(heading), title), table])
        return Path(path)

    def handling_figures(self, start: date, end: date, *, kinds: Iterable[str] = (),
                         today: date | None = None) -> HandlingFigures:
        """Entries received in [start, end]: handled on time, late, open and overdue, open not yet due."""
        today = today or self.clock.now().date()
        on_time = late = overdue = not_due = total = 0
        for entry in self.list(kinds=kinds, received_from=start, received_to=end):
            total += 1
            judged = entry.handled_on_time
            if judged is True:
                on_time += 1
            elif judged is False:
                late += 1
            elif entry.due is not None and today > entry.due:
                overdue += 1
            else:
                not_due += 1
        return HandlingFigures(total, not_due, on_time, late, overdue)

