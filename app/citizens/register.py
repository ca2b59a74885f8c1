"""The citizen reception register (form 03/TCD, Decree 154/2026) and what a reception turns into.

Each citizen received is one row of the register. A reception may be refused (form 01/TCD, notified
within 3 working days), may take documents the citizen hands in (form 02/TCD), and may open an entry
in the matching feedback register (complaint, denunciation, feedback), linked both ways, with that
register's own deadline. A denouncer's name, address and ID are kept only as ciphertext under the
commune key; every entry this module hands out has them masked (``***``), and the one way to read
them is ``reveal_identity``: a leader, a stated reason, a line in the read log.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from app.citizens import rules
from app.citizens.records import ReceptionEntry, payload, reception_from_row, search_text
from app.core import history, text, textcheck, validation
from app.core.clock import Clock, iso
from app.core.errors import CapacityExceeded, NotFound, ValidationError
from app.core.records import Clerk, DeskIdentity
from app.core.worktime import CalendarSource
from app.feedback import intake
from app.feedback.confidential import CommuneKey, Identity, record_access, require_permitted
from app.feedback.service import FeedbackService
from db.citizen_store import CitizenStore
from db.feedback_store import FeedbackStore
from db.ids import new_id
from db.store import Store

RECEIVE_KEYS = (
    "person",
    "content",
    "kind",
    "people_count",
    "matter_id",
    "resolved_by",
    "notes",
    "channel",
    "session_id",
    "received_at",
)
PERSON_KEYS = ("name", "address", "cccd")
PREFIX = "TD"


def _text(
    key: str, value: object, label_vi: str, label_en: str, *, field: str | None = None, required: bool = False
) -> str:
    """A field of the register, within the limit the hub checks too (``textcheck.MAX_LEN``)."""
    limit = textcheck.MAX_LEN["reception_entry"][key]
    return intake.text_field(value, field or key, label_vi, label_en, limit, required)


class ReceptionNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("Không tìm thấy lượt tiếp trong sổ.", "The reception was not found.", field="entry")


def _id_number(value: Any, today: date) -> str:
    raw = "".join(str(value or "").split())
    if not raw:
        return ""
    if raw.isdigit():
        return validation.cccd(raw, field="cccd", today=today)
    if len(raw) > 20 or not raw.isalnum():
        raise ValidationError(
            "Số CCCD hoặc hộ chiếu không hợp lệ.", "The ID card or passport number is not valid.", field="cccd"
        )
    return raw.upper()


class ReceptionRegister:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        calendar: CalendarSource,
        desk: DeskIdentity,
        feedback: FeedbackService,
        *,
        key: CommuneKey | None = None,
    ) -> None:
        self.store = store
        self.db = CitizenStore(store)
        self.clock = clock
        self._calendar = calendar
        self.desk = desk
        self.feedback = feedback
        self.key = key or feedback.key

    @property
    def calendar(self):  # -> WorkCalendar
        return self._calendar()

    # Receiving

    def receive(self, data: Mapping[str, Any], clerk: Clerk) -> ReceptionEntry:
        """One citizen received (a dict as the form or the command line gives it)."""
        if not isinstance(data, Mapping):
            raise ValidationError("Dữ liệu lượt tiếp phải là một đối tượng.", "The reception must be an object.")
        validation.no_unknown_keys(data, RECEIVE_KEYS)
        now = self.clock.now()
        kind = validation.choice(
            data.get("kind") or "", rules.KINDS, field="kind", label_vi="Phân loại", label_en="Kind"
        )
        channel = validation.choice(
            data.get("channel") or "in_person",
            rules.CHANNELS,
            field="channel",
            label_vi="Hình thức",
            label_en="Channel",
        )
        person = data.get("person") or {}
        if not isinstance(person, Mapping):
            raise ValidationError(
                "Thông tin công dân không hợp lệ.", "The citizen's details are not valid.", field="person"
            )
        validation.no_unknown_keys(person, PERSON_KEYS, where="person")
        name = _text("person_name", person.get("name"), "Họ tên", "Name", field="name")
        if not name and kind != "denunciation":
            raise ValidationError("Cần ghi họ tên công dân.", "The citizen's name is required.", field="name")
        address = _text("person_address", person.get("address"), "Địa chỉ", "Address", field="address")
        id_no = _id_number(person.get("cccd"), now.date())
        content = _text("content", data.get("content"), "Nội dung", "Content", required=True)
        received_at = now
        if data.get("received_at"):
            labels = {"label_vi": "Ngày tiếp", "label_en": "The date received"}
            received_at = validation.not_in_future(
                validation.iso_datetime(str(data["received_at"]), field="received_at", **labels),
                now,
                field="received_at",
                **labels,
            )
        people = validation.positive_int(
            data.get("people_count") or 1, field="people_count", label_vi="Số người", label_en="People", maximum=10_000
        )
        entry_id = new_id()
        stamp = iso(now)
        day = received_at.astimezone(now.tzinfo).date()
        row: dict[str, Any] = {
            "id": entry_id,
            "received_at": iso(received_at),
            "person_name": None,
            "person_address": None,
            "person_cccd": None,
            "identity_cipher": None,
            "identity_key_id": None,
            "content": content,
            "kind": kind,
            "people_count": people,
            "matter_id": data.get("matter_id") or None,
            "resolved_by": _text("resolved_by", data.get("resolved_by"), "Cơ quan đã giải quyết", "Agency"),
            "in_competence": 0,
            "guidance": "",
            "guidance_doc": "",
            "accepted_by": "",
            "forward_doc": "",
            "follow_up": "",
            "notes": _text("notes", data.get("notes"), "Ghi chú", "Notes"),
            "channel": channel,
            "session_id": data.get("session_id") or None,
            "outcome": "received",
            "refuse_due": self.calendar.working_deadline(day, rules.REFUSE_WITHIN_WORKING_DAYS).isoformat(),
            "documents": "[]",
            "created_at": stamp,
            "updated_at": stamp,
            "clerk_id": clerk.id,
            "desk_id": self.desk.desk_id,
        }
        if kind == "denunciation":
            if name or address or id_no:
                ids = FeedbackStore(self.store).key_ids_in_use()
                cipher, key_id = self.key.encrypt(Identity(name, address, id_no), entry_id, ids)
                row["identity_cipher"], row["identity_key_id"] = cipher, key_id
        else:
            row["person_name"], row["person_address"], row["person_cccd"] = name, address, id_no or None
        row["search_text"] = search_text(row)
        with self.store.transaction():
            row["number"] = self._next_number(day)
            history.record(
                self.store, history.RECEPTION_ENTRY, payload(row), write=lambda: self.db.insert("reception", row)
            )
        if people >= rules.MASS_FROM_PEOPLE:
            from app.citizens.flags import FlagService

            FlagService(self.store, self.clock, self.desk).set("reception", entry_id, "mass", clerk, note=str(people))
        return self.get(entry_id)

    def receive_group(
        self, people: Sequence[Mapping[str, Any]], matter: Mapping[str, Any], clerk: Clerk
    ) -> list[ReceptionEntry]:
        """Several citizens on one matter: one row each, sharing the matter and counting them (column 7)."""
        if not people:
            raise ValidationError("Chưa ghi công dân nào.", "No citizen was entered.", field="person")
        matter_id = new_id()
        with self.store.transaction():
            return [
                self.receive(dict(matter, person=p, people_count=len(people), matter_id=matter_id), clerk)
                for p in people
            ]

    def _next_number(self, day: date) -> str:
        prefix = f"{PREFIX}-{day:%y}-{self.desk.desk_no}"
        counter = self.db.max_reception_number(prefix) + 1
        if counter > 999_999:
            raise CapacityExceeded("Sổ đã đủ số thứ tự của năm.", "The register is full for this year.")
        return f"{prefix}{counter:03d}"

    # Reading

    def get(self, entry_id: str) -> ReceptionEntry:
        row = self.db.get("reception", entry_id)
        if row is None:
            raise ReceptionNotFound()
        return reception_from_row(row)

    def by_number(self, number: str) -> ReceptionEntry:
        row = self.db.reception_by_number(number.strip())
        if row is None:
            raise ReceptionNotFound()
        return reception_from_row(row)

    def entries(
        self,
        start: date | None = None,
        end: date | None = None,
        *,
        session_id: str | None = None,
        query: str = "",
        flag: str | None = None,
    ) -> list[ReceptionEntry]:
        """In register order; ``flag`` keeps only entries carrying that flag."""
        ids = None
        if flag:
            from app.citizens.flags import FlagService

            ids = FlagService(self.store, self.clock, self.desk).flagged("reception", flag)
        rows = self.db.receptions(
            start=start.isoformat() if start else None,
            end=(end + timedelta(days=1)).isoformat() if end else None,
            session_id=session_id,
            ids=ids,
            tokens=text.search_tokens(query),
        )
        return [reception_from_row(r) for r in rows]

    def register_rows(self, entries: Iterable[ReceptionEntry], lang: str = "vi") -> list[list[str]]:
        """The 13 columns of 03/TCD for each entry, numbered in order."""
        return [e.columns(i, lang) for i, e in enumerate(entries, 1)]

    # What a reception turns into

    def _change(self, entry_id: str, action: str, values: Mapping[str, Any]) -> ReceptionEntry:
        with self.store.transaction():
            entry = self.get(entry_id)
            rules.RECEPTION.check(entry.outcome, action)
            changes = dict(
                values, outcome=rules.RECEPTION.after(entry.outcome, action), updated_at=iso(self.clock.now())
            )
            self.db.update("reception", entry_id, changes)
            row = self.db.get("reception", entry_id)
            assert row is not None
            history.record(
                self.store, history.RECEPTION_ENTRY, payload(row), op=history.UPDATE, at=changes["updated_at"]
            )
        return self.get(entry_id)

    def refuse(
        self, entry_id: str, clerk: Clerk, ground: str, detail: str = "", *, at: datetime | None = None
    ) -> ReceptionEntry:
        """Form 01/TCD. A notice given after its 3 working days is still recorded, and flagged late."""
        ground = validation.choice(ground, rules.REFUSAL_GROUNDS, field="ground", label_vi="Lý do", label_en="Ground")
        moment = at or self.clock.now()
        reason = rules.REFUSAL_GROUNDS[ground][0]
        detail = textcheck.field_text(
            "reception_entry", "refusal_detail", detail, label_vi="Chi tiết lý do", label_en="The detail"
        )
        if detail:
            reason = f"{reason}: {detail}"
        return self._change(entry_id, "refuse", {"refusal_reason": reason, "refused_at": iso(moment)})

    def refusal_late(self, entry: ReceptionEntry) -> bool:
        return entry.refused_at is not None and entry.refused_at.date() > entry.refuse_due

    def hand_in(self, entry_id: str, clerk: Clerk, documents: Sequence[Mapping[str, Any]]) -> ReceptionEntry:
        """Form 02/TCD: what the citizen handed in, each with its kind and pages."""
        if not documents:
            raise ValidationError("Chưa ghi tài liệu nào.", "No document was entered.", field="documents")
        items = []
        for d in documents:
            name = _text("name", d.get("name"), "Tên tài liệu", "Document name", field="documents", required=True)
            kind = validation.choice(
                d.get("kind") or "copy", rules.DOCUMENT_KINDS, field="documents", label_vi="Loại bản", label_en="Kind"
            )
            pages = validation.positive_int(
                d.get("pages") or 1, field="documents", label_vi="Số trang", label_en="Pages", maximum=10_000
            )
            items.append({"name": name, "kind": kind, "pages": pages})
        old = self.get(entry_id).documents
        return self._change(
            entry_id,
            "documents",
            {"documents": json.dumps(old + items, ensure_ascii=False), "documents_at": iso(self.clock.now())},
        )

    def open_entry(self, entry_id: str, clerk: Clerk, *, category: str = "") -> ReceptionEntry:
        """Enter the matter in its own register (complaint, denunciation, feedback), with that register's
        deadline; the reception is marked within competence and points at the new entry."""
        with self.store.transaction():
            entry = self.get(entry_id)
            rules.RECEPTION.check(entry.outcome, "open")
            register = rules.OPENS[entry.kind]
            person = None
            row = self.db.get("reception", entry_id)
            assert row is not None
            if row["identity_cipher"]:
                ident = self.key.decrypt(row["identity_cipher"], entry_id)  # stays encrypted in the new entry
                person = {"name": ident.name, "address": ident.address, "contact": ident.contact}
            elif row["person_name"]:
                person = {"name": row["person_name"], "address": row["person_address"] or "", "contact": ""}
            opened = self.feedback.add(
                {
                    "kind": register,
                    "channel": "online" if entry.channel == "online" else "in_person",
                    "person": person,
                    "content": entry.content,
                    "category": category or rules.KINDS[entry.kind][0],
                    "received_at": iso(entry.received_at),
                },
                clerk,
            )
            return self._change(
                entry_id,
                "open",
                {
                    "in_competence": 1,
                    "register_kind": register,
                    "register_id": opened.id,
                    "register_number": opened.number,
                },
            )

    def guide(self, entry_id: str, clerk: Clerk, guidance: str, document_no: str = "") -> ReceptionEntry:
        """Column 10: the citizen is told where the matter belongs (not ours to resolve)."""
        body = _text("guidance", guidance, "Nội dung hướng dẫn", "Guidance", required=True)
        doc = _text("guidance_doc", document_no, "Số văn bản", "Document no.")
        return self._change(entry_id, "guide", {"guidance": body, "guidance_doc": doc})

    def forward(self, entry_id: str, clerk: Clerk, agency: str, document_no: str = "") -> ReceptionEntry:
        """Column 11: the petition is sent to the agency competent for it."""
        to = _text("accepted_by", agency, "Cơ quan tiếp nhận", "Receiving agency", required=True)
        doc = _text("forward_doc", document_no, "Số văn bản chuyển", "Forwarding no.")
        return self._change(entry_id, "forward", {"accepted_by": to, "forward_doc": doc})

    def note_result(self, entry_id: str, clerk: Clerk, result: str) -> ReceptionEntry:
        """Column 12: what became of it, whatever the outcome."""
        body = _text("follow_up", result, "Theo dõi kết quả", "Follow-up", required=True)
        with self.store.transaction():
            self.get(entry_id)
            stamp = iso(self.clock.now())
            self.db.update("reception", entry_id, {"follow_up": body, "updated_at": stamp})
            row = self.db.get("reception", entry_id)
            assert row is not None
            history.record(self.store, history.RECEPTION_ENTRY, payload(row), op=history.UPDATE, at=stamp)
        return self.get(entry_id)

    # The denouncer's identity

    def reveal_identity(self, entry_id: str, clerk: Clerk, *, purpose: str) -> Identity:
        """Name, address and ID in clear: a leader or admin, a stated reason, logged (who, when, which)."""
        require_permitted(clerk)
        purpose = validation.optional_text(
            purpose, field="purpose", label_vi="Lý do xem", label_en="The reason", max_len=500
        )
        if not purpose:
            raise ValidationError(
                "Cần ghi lý do xem thông tin người tố cáo.",
                "State why the denouncer's identity is needed.",
                field="purpose",
            )
        row = self.db.get("reception", entry_id)
        if row is None:
            raise ReceptionNotFound()
        if row["identity_cipher"] is None:
            return Identity(row["person_name"] or "", row["person_address"] or "", row["person_cccd"] or "")
        identity = self.key.decrypt(row["identity_cipher"], entry_id)
        record_access(self.store, self.clock, self.desk, clerk, "read", entry_id=entry_id, purpose=purpose)
        return identity
