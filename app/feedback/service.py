"""Citizen feedback registers: feedback and recommendations, complaints, denunciations, citizen reception.

Each entry carries the legal deadlines of its kind, taken from dated rules (resources/feedback_rules.json)
by its receipt date, so a law that moves a limit changes new entries only. Entries and their
immutable status events sync through the outbox. A denouncer's identity is stored only as ciphertext
under the commune key (app.feedback.confidential): every entry this module hands out has it masked, and the
one way to read it is ``reveal_identity``, for leaders and admins, recorded in the read log.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from app.core import accounts, text, validation
from app.core.clock import Clock, iso, parse_iso
from app.core.errors import CapacityExceeded, InvalidTransition, NoSuchClerk, NotFound, ValidationError
from app.core.records import Clerk, DeskIdentity, label
from app.core.worktime import CalendarSource, WorkCalendar
from app.feedback.confidential import CommuneKey, Identity, record_access, require_permitted
from app.feedback.export import export_header
from app.feedback.records import FeedbackEntry, FeedbackEvent, HandlingFigures, entry_from_row, entry_payload, urgency
from app.feedback.rules import (
    ALLOWED_FROM,
    DUE_SOON_WORKING_DAYS,
    FEEDBACK_CHANNELS,
    FEEDBACK_EVENT_KINDS,
    FEEDBACK_STATUSES,
    KIND_PREFIX,
    KINDS,
    DeadlineRule,
    Urgency,
    deadlines,
    load_rules,
    rule_for,
)
from db.feedback_store import FeedbackStore
from db.ids import new_id
from db.store import Store


class EntryNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("Không tìm thấy mục trong sổ.", "The register entry was not found.", field="entry")


log = logging.getLogger(__name__)
ADD_KEYS = ("kind", "channel", "person", "content", "category", "dossier", "received_at", "assigned_to")
PERSON_KEYS = ("name", "address", "contact")
MAX_CONTENT = 5000
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
        validation.no_unknown_keys(data, ADD_KEYS)
        now = self.clock.now()
        kind = validation.choice(data.get("kind") or "", KINDS, field="kind", label_vi="Loại sổ", label_en="Register")
        channel = validation.choice(
            data.get("channel") or "in_person",
            FEEDBACK_CHANNELS,
            field="channel",
            label_vi="Hình thức tiếp nhận",
            label_en="Channel",
        )
        person = self._person(data.get("person"), kind)
        content = self._text(data.get("content"), "content", "Nội dung", "Content", MAX_CONTENT, required=True)
        category = self._text(data.get("category"), "category", "Phân loại", "Category", 200)
        received_at = now
        if data.get("received_at"):
            received_at = validation.iso_datetime(
                str(data["received_at"]), field="received_at", label_vi="Ngày tiếp nhận", label_en="Date received"
            )
            if received_at > now + timedelta(minutes=5):
                raise ValidationError(
                    "Ngày tiếp nhận không được ở tương lai.",
                    "The date received cannot be in the future.",
                    field="received_at",
                )
        dossier = None
        if data.get("dossier"):
            dossier = self.store.dossier_by_code(str(data["dossier"]).strip())
            if dossier is None:
                raise NotFound(
                    f"Không có hồ sơ mã {data['dossier']}.", f"There is no dossier {data['dossier']}.", field="dossier"
                )
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
        searchable = [content, category, row["dossier_code"] or ""]
        if kind == "denunciation":
            if person is not None:
                cipher, key_id = self.key.encrypt(person, entry_id, self.db.key_ids_in_use())
                row["identity_cipher"], row["identity_key_id"] = cipher, key_id
        elif person is not None:
            row["person_name"], row["person_address"], row["person_contact"] = (
                person.name,
                person.address,
                person.contact,
            )
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
                raise ValidationError(
                    "Cần ghi họ tên người khiếu nại hoặc được tiếp.",
                    "The name of the person is required for this register.",
                    field="name",
                )
            return None
        if not isinstance(data, Mapping):
            raise ValidationError(
                "Thông tin người gửi không hợp lệ.", "The person's details are not valid.", field="person"
            )
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
            return validation.required_text(
                value, field=field_name, label_vi=label_vi, label_en=label_en, max_len=limit
            )
        result = text.nfc(str(value or ""))
        if len(result) > limit:
            raise ValidationError(
                f"{label_vi} dài quá {limit} ký tự.", f"{label_en} is longer than {limit} characters.", field=field_name
            )
        return result

    def _officer(self, value: Any) -> str | None:
        if not value:
            return None
        row = self.store.clerk_by_id(str(value)) or self.store.clerk_by_username(str(value))
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
        self.db.insert_event(event)
        self.store.append_outbox("feedback_event", event["id"], "create", dict(event, data=dict(data)), stamp)

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
            if entry.status not in ALLOWED_FROM[kind]:
                raise InvalidTransition(
                    f"Mục đang ở trạng thái «{label(FEEDBACK_STATUSES, entry.status)}», "
                    f"không thể «{label(FEEDBACK_EVENT_KINDS, kind)}».",
                    f"The entry is '{label(FEEDBACK_STATUSES, entry.status, 'en')}'; "
                    f"it cannot be '{label(FEEDBACK_EVENT_KINDS, kind, 'en')}'.",
                )
            if at > now + timedelta(minutes=5) or at < entry.received_at:
                raise ValidationError(
                    "Thời điểm phải nằm giữa ngày tiếp nhận và hiện tại.",
                    "The time must lie between the date received and now.",
                    field="at",
                )
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
        body = self._text(answer, "answer", "Nội dung trả lời", "The answer", MAX_CONTENT, required=True)
        moment = at or self.clock.now()
        return self._act(
            entry_id, "answered", clerk, at, {"answer": body}, {"answer": body, "answered_at": iso(moment)}
        )

    def forward(
        self, entry_id: str, clerk: Clerk, to: str, *, note: str = "", at: datetime | None = None
    ) -> FeedbackEntry:
        """Hand the matter to the agency it belongs to (within the forwarding limit of its rule)."""
        target = self._text(to, "forwarded_to", "Cơ quan nhận", "Receiving agency", 300, required=True)
        moment = at or self.clock.now()
        entry = self._act(
            entry_id,
            "forwarded",
            clerk,
            at,
            {"to": target, "note": text.nfc(note)},
            {"forwarded_to": target, "forwarded_at": iso(moment)},
        )
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
            raise EntryNotFound()
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
                e.number,
                label(KINDS, e.kind, lang),
                f"{e.received_at:%d/%m/%Y}",
                e.person_name,
                e.person_address,
                e.person_contact,
                label(FEEDBACK_CHANNELS, e.channel, lang),
                e.category,
                e.content,
                e.dossier_code or "",
                f"{due:%d/%m/%Y}" if due else "",
                label(FEEDBACK_STATUSES, e.status, lang),
                names.get(e.assigned_to or "", ""),
                e.answer,
                e.forwarded_to,
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

    def print_register(
        self, path: Path, entries: Sequence[FeedbackEntry], *, title_kind: str | None = None, lang: str = "vi"
    ) -> Path:
        """The register as an A4 landscape PDF; built from masked entries like every other output."""
        from reportlab.lib import colors
        from reportlab.lib.pagesizes import A4, landscape
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.lib.units import mm
        from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

        from app.printing import fonts, wording

        fonts.register_fonts()
        cell = ParagraphStyle("fb-cell", fontName=fonts.FONT, fontSize=7.5, leading=9.5)
        head = ParagraphStyle("fb-head", parent=cell, fontName=fonts.FONT_BOLD)
        title = ParagraphStyle(
            "fb-title", parent=cell, fontName=fonts.FONT_BOLD, fontSize=13, leading=17, alignment=1, spaceAfter=4 * mm
        )
        rows = self.export_rows(entries, lang)
        # The address is left out of the printed register: it does not fit, and the spreadsheet has it.
        columns = [c for c in export_header(lang) if c not in ("Địa chỉ", "Address")]
        widths = [18, 17, 17, 20, 20, 15, 15, 40, 21, 17, 15, 17, 28, 17]  # mm, 277 in all
        data = [[Paragraph(wording.esc(c), head) for c in columns]]
        data += [[Paragraph(wording.esc(r[c]), cell) for c in columns] for r in rows]
        if title_kind:
            register = f"{'Register' if lang == 'en' else 'Sổ'}: {label(KINDS, title_kind, lang)}"
        else:
            register = "Feedback registers" if lang == "en" else "Sổ theo dõi phản ánh, kiến nghị, khiếu nại, tố cáo"
        heading = f"{register.upper()} — {self.desk.commune_name}"
        table = Table(data, repeatRows=1, colWidths=[w * mm for w in widths])
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        doc = SimpleDocTemplate(
            str(path),
            pagesize=landscape(A4),
            leftMargin=10 * mm,
            rightMargin=10 * mm,
            topMargin=10 * mm,
            bottomMargin=10 * mm,
            title=register,
        )
        doc.build([Paragraph(wording.esc(heading), title), table])
        return Path(path)

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
