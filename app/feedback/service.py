"""Citizen feedback registers: feedback and recommendations, complaints, denunciations, citizen reception.

Each entry carries the legal deadlines of its kind, taken from dated rules (resources/feedback_rules.json)
by its receipt date, so a law that moves a limit changes new entries only. Entries and their
immutable status events sync through the outbox. A denouncer's identity is stored only as ciphertext
under the commune key (app.feedback.confidential): every entry this module hands out has it masked, and the
one way to read it is ``reveal_identity``, for leaders and admins, recorded in the read log.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from app.core import accounts, history, text, validation
from app.core.clock import Clock, iso, parse_iso
from app.core.errors import CapacityExceeded, NoSuchClerk, NotFound, ValidationError
from app.core.records import Clerk, DeskIdentity
from app.core.worktime import CalendarSource, WorkCalendar
from app.feedback import export, intake
from app.feedback.confidential import MASK, CommuneKey, Identity, record_access, require_permitted, require_reason
from app.feedback.records import (
    FeedbackEntry,
    FeedbackEvent,
    HandlingFigures,
    entry_from_row,
    entry_payload,
    search_text,
    urgency,
)
from app.feedback.rules import (
    DUE_SOON_WORKING_DAYS,
    FEEDBACK_CHANNELS,
    KIND_PREFIX,
    KINDS,
    TRANSITIONS,
    DeadlineRule,
    Urgency,
    deadlines,
    load_rules,
    rule_for,
)
from db.account_store import AccountStore
from db.dossier_store import DossierStore
from db.feedback_store import FeedbackStore
from db.ids import new_id
from db.store import Store


class EntryNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("Không tìm thấy mục trong sổ.", "The register entry was not found.", field="entry")


log = logging.getLogger(__name__)
MAX_PER_DESK_PER_YEAR = 999_999


# The service


class FeedbackService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        calendar: CalendarSource,
        desk: DeskIdentity,
        rules: Sequence[DeadlineRule] | None = None,
        *,
        key: CommuneKey | None = None,
        due_soon_days: int = DUE_SOON_WORKING_DAYS,
    ) -> None:
        self.store = store
        self.db = FeedbackStore(store)
        self.clock = clock
        self._calendar = calendar
        self.desk = desk
        self.rules = list(rules) if rules is not None else load_rules()
        self.key = key or CommuneKey(desk.commune_code)
        self.due_soon_days = due_soon_days

    @property
    def calendar(self) -> WorkCalendar:
        return self._calendar()

    def officers(self) -> list[Clerk]:
        """Who an entry can be assigned to: the desk's clerks."""
        return accounts.clerks(self.store)

    # Receiving

    def add(self, data: Mapping[str, Any], clerk: Clerk) -> FeedbackEntry:
        """Enter a new register entry (a dict as the form or ``motcua feedback add`` gives it)."""
        if not isinstance(data, Mapping):
            raise ValidationError(
                "Dữ liệu phản ánh phải là một đối tượng JSON.", "The entry must be a JSON object.", field="entry"
            )
        validation.json_shape(data, field="entry")
        validation.no_unknown_keys(data, intake.ADD_KEYS)
        now = self.clock.now()
        kind = validation.choice(data.get("kind") or "", KINDS, field="kind", label_vi="Loại sổ", label_en="Register")
        channel = validation.choice(
            data.get("channel") or "in_person",
            FEEDBACK_CHANNELS,
            field="channel",
            label_vi="Hình thức tiếp nhận",
            label_en="Channel",
        )
        if kind == "reception":
            # Decree 154/2026: receptions go in the 03/TCD register (app.citizens), which opens the
            # matching entry here; old reception entries were moved there by migration 0009.
            raise ValidationError(
                "Lượt tiếp công dân được ghi vào Sổ tiếp công dân (mẫu 03/TCD).",
                "A citizen reception is entered in the reception register (form 03/TCD).",
                field="kind",
            )
        person = intake.person(data.get("person"), kind)
        content = intake.text_field(
            data.get("content"), "content", "Nội dung", "Content", intake.MAX_CONTENT, required=True
        )
        category = intake.text_field(data.get("category"), "category", "Phân loại", "Category", 200)
        received_at = now
        if data.get("received_at"):
            labels = {"label_vi": "Ngày tiếp nhận", "label_en": "The date received"}
            received_at = validation.not_in_future(
                validation.iso_datetime(str(data["received_at"]), field="received_at", **labels),
                now,
                field="received_at",
                **labels,
            )
        dossier = None
        if data.get("dossier"):
            code = data["dossier"]
            ok = isinstance(code, str) and len(code) < 100
            dossier = DossierStore(self.store).dossier_by_code(code.strip()) if ok else None
            if dossier is None:
                shown = validation.excerpt(code)
                raise NotFound(f"Không có hồ sơ mã {shown}.", f"There is no dossier {shown}.", field="dossier")
        assigned = self._officer(data.get("assigned_to"))
        local_day = received_at.astimezone(now.tzinfo).date()
        rule = rule_for(self.rules, kind, local_day)
        due = deadlines(rule, self.calendar, local_day)
        entry_id = new_id()
        stamp = iso(now)
        row: dict[str, Any] = {
            "id": entry_id,
            "kind": kind,
            "channel": channel,
            "person_name": None,
            "person_address": None,
            "person_contact": None,
            "identity_cipher": None,
            "identity_key_id": None,
            "content": content,
            "category": category,
            "dossier_id": dossier["id"] if dossier else None,
            "dossier_code": dossier["code"] if dossier else None,
            "received_at": iso(received_at),
            "rule_from": rule.effective_from.isoformat(),
            "accept_due": due.accept.isoformat() if due.accept else None,
            "forward_due": due.forward.isoformat(),
            "resolve_due": due.resolve.isoformat() if due.resolve else None,
            "complex": 0,
            "assigned_to": assigned,
            "status": "received",
            "accepted_at": None,
            "answer": None,
            "answered_at": None,
            "forwarded_to": None,
            "forwarded_at": None,
            "closed_at": None,
            "created_at": stamp,
            "updated_at": stamp,
            "clerk_id": clerk.id,
            "desk_id": self.desk.desk_id,
        }
        if kind == "denunciation":
            if dossier is not None:  # the link is as secret as the name: sealed with it, masked here
                person = replace(person or Identity(), dossier_id=dossier["id"], dossier_code=dossier["code"])
                row["dossier_id"], row["dossier_code"] = None, MASK
            if person is not None:
                cipher, key_id = self.key.encrypt(person, entry_id, self.db.key_ids_in_use())
                row["identity_cipher"], row["identity_key_id"] = cipher, key_id
        elif person is not None:
            row["person_name"], row["person_address"], row["person_contact"] = (
                person.name,
                person.address,
                person.contact,
            )
        row["search_text"] = search_text(row)
        with self.store.transaction():
            row["number"] = self._next_number(kind, local_day)
            self.db.insert_entry(row)
            self._event(row, "received", clerk, received_at, {}, stamp)
            history.record(self.store, history.FEEDBACK, entry_payload(row), at=stamp)
        log.info("register entry %s received (%s)", row["number"], kind)
        return self.get(entry_id)

    def _officer(self, value: Any) -> str | None:
        if not value:
            return None
        clerks = AccountStore(self.store)
        row = clerks.clerk_by_id(str(value)) or clerks.clerk_by_username(str(value))
        if row is None:
            raise NoSuchClerk(value, field="assigned_to")
        return row["id"]

    def _next_number(self, kind: str, day: date) -> str:
        prefix = f"{KIND_PREFIX[kind]}-{day:%y}-{self.desk.desk_no}"
        counter = self.db.max_number(prefix) + 1
        if counter > MAX_PER_DESK_PER_YEAR:
            raise CapacityExceeded("Sổ đã đủ số thứ tự của năm.", "The register is full for this year.")
        return f"{prefix}{counter:03d}"

    def _event(
        self, row: Mapping[str, Any], kind: str, clerk: Clerk, at: datetime, data: Mapping[str, Any], stamp: str
    ) -> None:
        event = {
            "id": new_id(),
            "entry_id": row["id"],
            "kind": kind,
            "at": iso(at),
            "data": json.dumps(dict(data), ensure_ascii=False, separators=(",", ":")),
            "clerk_id": clerk.id,
            "desk_id": self.desk.desk_id,
            "created_at": stamp,
        }
        history.record(
            self.store, history.FEEDBACK_EVENT, dict(event, data=dict(data)), write=lambda: self.db.insert_event(event)
        )

    # Reading

    def get(self, entry_id: str) -> FeedbackEntry:
        row = self.db.entry(entry_id)
        if row is None:
            raise EntryNotFound()
        return entry_from_row(row)

    def by_number(self, number: str) -> FeedbackEntry:
        row = self.db.entry_by_number(number.strip())
        if row is None:
            raise NotFound(
                f"Không có mục số {number} trong sổ.", f"There is no register entry {number}.", field="number"
            )
        return entry_from_row(row)

    def list(
        self,
        *,
        kinds: Iterable[str] = (),
        statuses: Iterable[str] = (),
        query: str = "",
        received_from: date | None = None,
        received_to: date | None = None,
        urgent_only: bool = False,
        limit: int = 10_000,
    ) -> list[FeedbackEntry]:
        filters: dict[str, Any] = {
            "kinds": list(kinds),
            "statuses": list(statuses),
            "tokens": text.search_tokens(query),
        }
        if received_from:
            filters["received_from"] = received_from.isoformat()
        if received_to:
            filters["received_to"] = (received_to + timedelta(days=1)).isoformat()
        entries = [entry_from_row(r) for r in self.db.entries(filters, limit=limit)]
        if urgent_only:
            entries = [e for e in entries if self.urgency(e) in ("overdue", "due_soon")]
        return entries

    def events(self, entry_id: str) -> list[FeedbackEvent]:
        return [
            FeedbackEvent(
                id=r["id"],
                entry_id=r["entry_id"],
                kind=r["kind"],
                at=parse_iso(r["at"]),
                clerk_id=r["clerk_id"],
                desk_id=r["desk_id"],
                data=json.loads(r["data"]),
                created_at=r["created_at"],
            )
            for r in self.db.events(entry_id)
        ]

    def urgency(self, entry: FeedbackEntry, today: date | None = None) -> Urgency:
        return urgency(entry, today or self.clock.now().date(), self.calendar, self.due_soon_days)

    def rule(self, entry: FeedbackEntry) -> DeadlineRule:
        return rule_for(self.rules, entry.kind, date.fromisoformat(entry.rule_from))

    # Status changes

    def _act(
        self,
        entry_id: str,
        kind: str,
        clerk: Clerk,
        at: datetime | None,
        data: Mapping[str, Any],
        values: Mapping[str, Any],
    ) -> FeedbackEntry:
        now = self.clock.now()
        at = at or now
        with self.store.transaction():
            entry = self.get(entry_id)
            TRANSITIONS.check(entry.status, kind)
            if at < entry.received_at or validation.is_future(at, now):
                raise ValidationError(
                    "Thời điểm phải nằm giữa ngày tiếp nhận và hiện tại.",
                    "The time must lie between the date received and now.",
                    field="at",
                )
            stamp = iso(now)
            changes = dict(values, updated_at=stamp, status=TRANSITIONS.after(entry.status, kind))
            self.db.update_entry(entry_id, changes)
            row = self.db.entry(entry_id)
            assert row is not None
            self._event(row, kind, clerk, at, data, stamp)
            history.record(self.store, history.FEEDBACK, entry_payload(row), op=history.UPDATE, at=stamp)
        log.info("register entry %s: %s", entry.number, kind)
        return self.get(entry_id)

    def accept(
        self, entry_id: str, clerk: Clerk, *, complex_case: bool = False, at: datetime | None = None
    ) -> FeedbackEntry:
        """Thụ lý: fixes the resolution deadline when the rule counts from acceptance."""
        entry = self.get(entry_id)
        moment = at or self.clock.now()
        rule = self.rule(entry)
        due = deadlines(
            rule,
            self.calendar,
            entry.received_at.date(),
            moment.astimezone(entry.received_at.tzinfo).date(),
            complex_case,
        )
        return self._act(
            entry_id,
            "accepted",
            clerk,
            at,
            {"complex": complex_case},
            {
                "accepted_at": iso(moment),
                "complex": int(complex_case),
                "resolve_due": due.resolve.isoformat() if due.resolve else None,
            },
        )

    def start_processing(self, entry_id: str, clerk: Clerk, *, at: datetime | None = None) -> FeedbackEntry:
        return self._act(entry_id, "processing", clerk, at, {}, {})

    def answer(self, entry_id: str, clerk: Clerk, answer: str, *, at: datetime | None = None) -> FeedbackEntry:
        body = intake.text_field(answer, "answer", "Nội dung trả lời", "The answer", intake.MAX_CONTENT, required=True)
        moment = at or self.clock.now()
        return self._act(
            entry_id, "answered", clerk, at, {"answer": body}, {"answer": body, "answered_at": iso(moment)}
        )

    def forward(
        self, entry_id: str, clerk: Clerk, to: str, *, note: str = "", at: datetime | None = None
    ) -> FeedbackEntry:
        """Hand the matter to the agency it belongs to (within the forwarding limit of its rule)."""
        target = intake.text_field(to, "forwarded_to", "Cơ quan nhận", "Receiving agency", 300, required=True)
        moment = at or self.clock.now()
        entry = self._act(
            entry_id,
            "forwarded",
            clerk,
            at,
            {"to": target, "note": intake.action_text("note", note)},
            {"forwarded_to": target, "forwarded_at": iso(moment)},
        )
        if moment.date() > entry.forward_due:
            log.warning("register entry %s forwarded after its limit %s", entry.number, entry.forward_due)
        return entry

    def close(self, entry_id: str, clerk: Clerk, *, reason: str = "", at: datetime | None = None) -> FeedbackEntry:
        moment, reason = at or self.clock.now(), intake.action_text("reason", reason)
        return self._act(entry_id, "closed", clerk, at, {"reason": reason}, {"closed_at": iso(moment)})

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
            raise EntryNotFound()
        if row["identity_cipher"] is None:
            return Identity(row["person_name"] or "", row["person_address"] or "", row["person_contact"] or "")
        purpose = require_reason(purpose)
        identity = self.key.decrypt(row["identity_cipher"], entry_id)
        record_access(self.store, self.clock, self.desk, clerk, "read", entry_id=entry_id, purpose=purpose)
        log.info("denouncer identity of %s read by %s", row["number"], clerk.username)
        return identity

    def reads(self, entry_id: str | None = None) -> list[dict[str, Any]]:
        return self.db.reads(entry_id)

    # Export and figures

    def export_rows(self, entries: Iterable[FeedbackEntry], lang: str = "vi") -> list[dict[str, str]]:
        """Rows for a spreadsheet or printout; entries come masked, so identities never leave."""
        names = {c["id"]: c["full_name"] for c in AccountStore(self.store).clerks()}
        return export.export_rows(entries, names, lang)

    def export_csv(self, path: Path, entries: Iterable[FeedbackEntry], lang: str = "vi") -> Path:
        return export.write_csv(path, self.export_rows(entries, lang))

    def print_register(
        self, path: Path, entries: Sequence[FeedbackEntry], *, title_kind: str | None = None, lang: str = "vi"
    ) -> Path:
        """The register as an A4 landscape PDF; built from masked entries like every other output."""
        rows = self.export_rows(entries, lang)
        return export.print_register(path, rows, self.desk.commune_name, title_kind=title_kind, lang=lang)

    def handling_figures(
        self, start: date, end: date, *, kinds: Iterable[str] = (), today: date | None = None
    ) -> HandlingFigures:
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
