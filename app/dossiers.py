"""Dossiers: reception, the code scheme, lifecycle events, status derived from events, search."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from app import catalogue, text, validation
from app.calendar import LegalTime, WorkCalendar
from app.clock import Clock, iso, parse_iso
from app.errors import CapacityExceeded, InvalidTransition, NotFound, ValidationError
from app.models import (
    CHANNELS,
    DOCUMENT_KINDS,
    EVENT_KINDS,
    FINAL_STATUSES,
    STATUSES,
    Applicant,
    Clerk,
    DeskIdentity,
    Document,
    Dossier,
    DossierEvent,
    DossierSummary,
    Procedure,
    label,
)
from db.ids import new_id
from db.store import Store

RECEIVE_KEYS = ("applicant", "procedure", "documents", "sets", "channel", "notes", "received_at")
APPLICANT_KEYS = ("full_name", "cccd", "phone", "address", "email")
DOCUMENT_KEYS = ("name", "kind", "count")
MAX_PER_DESK_PER_DAY = 999
FUTURE_TOLERANCE = timedelta(minutes=5)

# Which statuses each action may start from. Receipt-time outcomes (refusal of an incomplete
# dossier) and immediate procedures returning at once are both allowed.
ALLOWED_FROM: dict[str, frozenset[str]] = {
    "forwarded": frozenset({"received"}),
    "supplement_requested": frozenset({"received", "processing"}),
    "supplement_received": frozenset({"waiting_supplement"}),
    "refused": frozenset({"received", "processing", "waiting_supplement"}),
    "apology_issued": frozenset({"received", "processing", "waiting_supplement"}),
    "done": frozenset({"received", "processing"}),
    "returned": frozenset({"received", "processing", "done"}),
    "withdrawn": frozenset({"received", "processing", "waiting_supplement"}),
}
STATUS_AFTER = {
    "received": "received",
    "forwarded": "processing",
    "supplement_requested": "waiting_supplement",
    "supplement_received": "processing",
    "refused": "refused",
    "done": "done",
    "returned": "returned",
    "withdrawn": "withdrawn",
}
NEEDS_REASON = frozenset({"supplement_requested", "refused", "apology_issued", "withdrawn"})
# Events stamped in the same second (a clerk clicking "done" then "returned") keep lifecycle order.
_LIFECYCLE_RANK = {kind: rank for rank, kind in enumerate(EVENT_KINDS)}


def event_order(event: DossierEvent) -> tuple[datetime, int, str]:
    """The one order of a dossier's events, the same on every desk."""
    return (event.at, _LIFECYCLE_RANK.get(event.kind, len(_LIFECYCLE_RANK)), event.id)


@dataclass(frozen=True)
class Derived:
    status: str
    due_at: datetime
    original_due_at: datetime
    apologised: bool


def derive(events: Sequence[DossierEvent], received_at: datetime, legal: LegalTime,
           calendar: WorkCalendar) -> Derived:
    """Status and due time from the events alone, in (time, id) order so every desk agrees.

    A final status is kept once reached; later events from another desk do not reopen it
    (a true clash is for sync to flag, not for this function to resolve).
    """
    status = "received"
    due = original = calendar.due(received_at, legal)
    apologised = False
    for event in sorted(events, key=event_order):
        if status in FINAL_STATUSES:
            break
        if event.kind == "apology_issued" and not apologised:
            due = parse_iso(event.data["new_due"])
            apologised = True
        elif event.kind == "supplement_received":
            due = calendar.due(event.at, legal)
            original = due
        if event.kind in STATUS_AFTER:
            status = STATUS_AFTER[event.kind]
    return Derived(status=status, due_at=due, original_due_at=original, apologised=apologised)


def outcome(dossier: Dossier, calendar: WorkCalendar) -> str | None:
    """early / on_time / late for a dossier with a result, judged against the legal due time."""
    derived = derive(dossier.events, dossier.received_at, LegalTime.parse(dossier.legal_time), calendar)
    finished = next((e.at for e in dossier.events if e.kind in ("done", "returned")), None)
    if finished is None:
        return None
    if derived.apologised or finished > derived.original_due_at:
        return "late"
    return "early" if finished.date() < derived.original_due_at.date() else "on_time"


# conversions

def _event_from_row(row: Mapping[str, Any]) -> DossierEvent:
    return DossierEvent(id=row["id"], dossier_id=row["dossier_id"], kind=row["kind"], at=parse_iso(row["at"]),
                        clerk_id=row["clerk_id"], desk_id=row["desk_id"], data=json.loads(row["data"]),
                        created_at=row["created_at"])


def event_row(event: DossierEvent) -> dict[str, Any]:
    return {"id": event.id, "dossier_id": event.dossier_id, "kind": event.kind, "at": iso(event.at),
            "data": json.dumps(event.data, ensure_ascii=False, separators=(",", ":")),
            "clerk_id": event.clerk_id, "desk_id": event.desk_id, "created_at": event.created_at}


def from_row(row: Mapping[str, Any], events: Iterable[Mapping[str, Any]] = ()) -> Dossier:
    docs = tuple(Document(d["name"], d["kind"], int(d["count"])) for d in json.loads(row["documents"]))
    return Dossier(
        id=row["id"], code=row["code"], procedure_code=row["procedure_code"],
        procedure_name=row["procedure_name"], legal_time=row["legal_time"],
        applicant=Applicant(full_name=row["applicant_name"], cccd=row["applicant_cccd"],
                            phone=row["applicant_phone"], address=row["applicant_address"],
                            email=row["applicant_email"]),
        documents=docs, sets=row["sets"], channel=row["channel"], notes=row["notes"],
        received_at=parse_iso(row["received_at"]), due_at=parse_iso(row["due_at"]), status=row["status"],
        clerk_id=row["clerk_id"], desk_id=row["desk_id"], created_at=row["created_at"],
        updated_at=row["updated_at"], events=tuple(sorted((_event_from_row(e) for e in events), key=event_order)),
    )


def dossier_payload(row: Mapping[str, Any]) -> dict[str, Any]:
    """What syncs of a dossier: everything but the local rowid and the derived columns."""
    payload = {k: row[k] for k in row if k not in ("rowid", "status", "due_at")}
    payload["documents"] = json.loads(row["documents"])
    return payload


def event_payload(row: Mapping[str, Any]) -> dict[str, Any]:
    return dict(row, data=json.loads(row["data"]))


def search_text(code: str, applicant: Applicant) -> str:
    return text.fold(" ".join(filter(None, (code, applicant.full_name, applicant.cccd, applicant.phone))))


def match_expression(query: str) -> str | None:
    """An FTS5 query where each typed word must prefix a word of the dossier; None if nothing to find."""
    tokens = text.search_tokens(query)
    if not tokens:
        return None
    return " AND ".join(f'"{t}"*' for t in tokens)


# validation of the reception input

@dataclass(frozen=True)
class ReceiveInput:
    applicant: Applicant
    procedure: Procedure
    documents: tuple[Document, ...]
    sets: int
    channel: str
    notes: str
    received_at: datetime | None


def _applicant(data: Any, today: datetime) -> Applicant:
    if not isinstance(data, Mapping):
        raise ValidationError("Thiếu thông tin người nộp hồ sơ.", "The applicant is missing.", field="applicant")
    validation.no_unknown_keys(data, APPLICANT_KEYS, where="applicant")
    name = validation.full_name(data.get("full_name"), field="full_name")
    cccd_value = data.get("cccd")
    if cccd_value in (None, ""):
        raise ValidationError("Chưa nhập số CCCD của người nộp hồ sơ.", "The applicant's CCCD number is missing.",
                              field="cccd")
    cccd = validation.cccd(str(cccd_value), field="cccd", today=today.date())
    phone_value = data.get("phone")
    phone = validation.phone(str(phone_value), field="phone") if phone_value not in (None, "") else None
    address = text.nfc(str(data.get("address") or ""))
    if len(address) > 300:
        raise ValidationError("Địa chỉ dài quá 300 ký tự.", "The address is longer than 300 characters.",
                              field="address")
    email = validation.email(data.get("email"), field="email")
    return Applicant(full_name=name, cccd=cccd, phone=phone, address=address, email=email)


def _documents(data: Any, procedure: Procedure) -> tuple[Document, ...]:
    if data in (None, []):
        return procedure.documents
    if not isinstance(data, list):
        raise ValidationError("Danh sách giấy tờ phải là một danh sách.", "Documents must be a list.",
                              field="documents")
    docs = []
    for item in data:
        if not isinstance(item, Mapping):
            raise ValidationError("Mỗi giấy tờ phải có tên, loại và số lượng.",
                                  "Each document needs a name, kind and count.", field="documents")
        validation.no_unknown_keys(item, DOCUMENT_KEYS, where="documents")
        name = validation.required_text(item.get("name"), field="documents", label_vi="Tên giấy tờ",
                                        label_en="Document name")
        kind = validation.choice(item.get("kind") or "original", DOCUMENT_KINDS, field="documents",
                                 label_vi="Loại giấy tờ", label_en="Document kind")
        count = validation.positive_int(item.get("count", 1), field="documents", label_vi="Số lượng giấy tờ",
                                        label_en="Document count", maximum=99)
        docs.append(Document(name, kind, count))  # type: ignore[arg-type]
    return tuple(docs)


def parse_receive(data: Any, store: Store, now: datetime) -> ReceiveInput:
    """Validate the reception input (the CLI's JSON, the form's fields) at the edge."""
    if not isinstance(data, Mapping):
        raise ValidationError("Dữ liệu hồ sơ phải là một đối tượng JSON.", "The dossier must be a JSON object.",
                              field="dossier")
    validation.no_unknown_keys(data, RECEIVE_KEYS)
    applicant = _applicant(data.get("applicant"), now)
    code = data.get("procedure")
    if not isinstance(code, str) or not code.strip():
        raise ValidationError("Chưa chọn thủ tục hành chính.", "No procedure was chosen.", field="procedure")
    procedure = catalogue.get(store, code.strip())
    documents = _documents(data.get("documents"), procedure)
    sets = validation.positive_int(data.get("sets", 1), field="sets", label_vi="Số bộ hồ sơ",
                                   label_en="Number of sets", maximum=50)
    channel = validation.choice(data.get("channel") or "direct", CHANNELS, field="channel",
                                label_vi="Hình thức nộp", label_en="Channel")
    notes = text.nfc(str(data.get("notes") or ""))
    received_at = None
    if data.get("received_at"):
        received_at = validation.iso_datetime(str(data["received_at"]), field="received_at")
        if received_at > now + FUTURE_TOLERANCE:
            raise ValidationError("Thời điểm tiếp nhận không được ở tương lai.",
                                  "The time of receipt cannot be in the future.", field="received_at")
    return ReceiveInput(applicant, procedure, documents, sets, channel, notes, received_at)


# the service

class DossierService:
    def __init__(self, store: Store, clock: Clock, calendar: WorkCalendar, desk: DeskIdentity) -> None:
        self.store = store
        self.clock = clock
        self.calendar = calendar
        self.desk = desk

    # Reception

    def next_code(self, received_at: datetime) -> str:
        local = received_at.astimezone(self.clock.now().tzinfo)
        prefix = f"{self.desk.agency_code}-{local:%y%m%d}-{self.desk.desk_no}"
        base = self.desk.desk_no * 1000
        number = max(self.store.max_code_number(prefix), base) + 1
        if number > base + MAX_PER_DESK_PER_DAY:
            raise CapacityExceeded(
                f"Quầy {self.desk.desk_no} đã cấp đủ {MAX_PER_DESK_PER_DAY} mã hồ sơ trong ngày.",
                f"Desk {self.desk.desk_no} has issued all {MAX_PER_DESK_PER_DAY} dossier codes for the day.",
            )
        return f"{self.desk.agency_code}-{local:%y%m%d}-{number:04d}"

    def build_reception(self, req: ReceiveInput, clerk_id: str, code: str, now: datetime,
                        ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The dossier row and its reception event row, as both the normal path and bulk loads write them."""
        received_at = req.received_at or now
        stamp = iso(now)
        dossier_id = new_id()
        due = self.calendar.due(received_at, LegalTime.parse(req.procedure.legal_time))
        row = {
            "id": dossier_id, "code": code, "procedure_code": req.procedure.code,
            "procedure_name": req.procedure.name, "legal_time": req.procedure.legal_time,
            "applicant_name": req.applicant.full_name, "applicant_cccd": req.applicant.cccd,
            "applicant_phone": req.applicant.phone, "applicant_address": req.applicant.address,
            "applicant_email": req.applicant.email,
            "documents": json.dumps([d.to_dict() for d in req.documents], ensure_ascii=False),
            "sets": req.sets, "channel": req.channel, "notes": req.notes, "received_at": iso(received_at),
            "due_at": iso(due), "status": "received", "created_at": stamp, "updated_at": stamp,
            "clerk_id": clerk_id, "desk_id": self.desk.desk_id,
        }
        event = {"id": new_id(), "dossier_id": dossier_id, "kind": "received", "at": iso(received_at),
                 "data": "{}", "clerk_id": clerk_id, "desk_id": self.desk.desk_id, "created_at": stamp}
        return row, event

    def write_reception(self, row: dict[str, Any], event: dict[str, Any]) -> None:
        """Dossier, search entry, event and their outbox entries; call inside a transaction."""
        self.store.insert_dossier(row, search_text(row["code"], Applicant(
            row["applicant_name"], row["applicant_cccd"], row["applicant_phone"])))
        self.store.insert_event(event)
        self.store.append_outbox("dossier", row["id"], "create", dossier_payload(row), row["created_at"])
        self.store.append_outbox("event", event["id"], "create", event_payload(event), event["created_at"])

    def receive(self, data: Mapping[str, Any], clerk: Clerk) -> Dossier:
        now = self.clock.now()
        req = parse_receive(data, self.store, now)
        with self.store.transaction():
            code = self.next_code(req.received_at or now)
            row, event = self.build_reception(req, clerk.id, code, now)
            self.write_reception(row, event)
        return self.get(code)

    # Reading

    def get(self, code: str) -> Dossier:
        row = self.store.dossier_by_code(code.strip())
        if row is None:
            raise NotFound(f"Không tìm thấy hồ sơ mã {code}.", f"No dossier with code {code}.", field="code")
        return from_row(row, self.store.events(row["id"]))

    def get_by_id(self, dossier_id: str) -> Dossier:
        row = self.store.dossier_by_id(dossier_id)
        if row is None:
            raise NotFound("Không tìm thấy hồ sơ.", "Dossier not found.", field="id")
        return from_row(row, self.store.events(row["id"]))

    def search(self, query: str, limit: int = 50) -> list[DossierSummary]:
        """Accent-insensitive, every word a prefix, newest first: fast enough for every keystroke."""
        match = match_expression(query)
        if match is None:
            return []
        return list(map(DossierSummary._make, self.store.search_summaries(match, limit)))

    def applicant_for_cccd(self, cccd: str) -> Applicant | None:
        row = self.store.latest_applicant_by_cccd(cccd)
        if row is None:
            return None
        return Applicant(row["applicant_name"], row["applicant_cccd"], row["applicant_phone"],
                         row["applicant_address"], row["applicant_email"])

    # Lifecycle

    def allowed_actions(self, dossier: Dossier) -> list[str]:
        actions = [k for k, starts in ALLOWED_FROM.items() if dossier.status in starts]
        if any(e.kind == "apology_issued" for e in dossier.events):
            actions = [a for a in actions if a != "apology_issued"]
        return actions

    def act(self, code: str, kind: str, clerk: Clerk, *, reason: str = "", new_due: datetime | None = None,
            data: Mapping[str, Any] | None = None) -> Dossier:
        """Record one lifecycle event; status and due time follow from the events."""
        if kind not in EVENT_KINDS or kind == "received":
            raise ValidationError(f"Thao tác «{kind}» không hợp lệ.", f"Action '{kind}' is not valid.", field="kind")
        now = self.clock.now()
        reason = text.nfc(reason)
        if kind in NEEDS_REASON and not reason:
            raise ValidationError("Cần ghi rõ lý do.", "A reason is required.", field="reason")
        with self.store.transaction():
            dossier = self.get(code)
            if kind not in self.allowed_actions(dossier):
                if kind == "apology_issued" and dossier.status in ALLOWED_FROM[kind]:
                    raise InvalidTransition("Hồ sơ này đã được hẹn lại một lần; không được hẹn lại lần nữa.",
                                            "This dossier's date was already moved once; it cannot move again.")
                raise InvalidTransition(
                    f"Hồ sơ đang ở trạng thái «{label(STATUSES, dossier.status)}», "
                    f"không thể «{label(EVENT_KINDS, kind)}».",
                    f"The dossier is '{label(STATUSES, dossier.status, 'en')}'; "
                    f"it cannot be '{label(EVENT_KINDS, kind, 'en')}'.",
                )
            payload: dict[str, Any] = dict(data or {})
            if reason:
                payload["reason"] = reason
            if kind == "apology_issued":
                if new_due is None:
                    raise ValidationError("Cần chọn ngày hẹn trả mới.", "A new return date is required.",
                                          field="new_due")
                new_due = new_due if new_due.tzinfo else new_due.replace(tzinfo=now.tzinfo)
                if new_due <= dossier.due_at:
                    raise ValidationError("Ngày hẹn mới phải sau ngày hẹn cũ.",
                                          "The new date must be after the old one.", field="new_due")
                payload["new_due"] = iso(new_due)
                payload["old_due"] = iso(dossier.due_at)
            event = DossierEvent(id=new_id(), dossier_id=dossier.id, kind=kind, at=now,
                                 clerk_id=clerk.id, desk_id=self.desk.desk_id, data=payload, created_at=iso(now))
            self._write_event(dossier, event)
        return self.get(code)

    def write_event(self, event: DossierEvent) -> None:
        """The event and its outbox entry; call inside a transaction, then refresh the derived columns."""
        row = event_row(event)
        self.store.insert_event(row)
        self.store.append_outbox("event", event.id, "create", event_payload(row), row["created_at"])

    def _write_event(self, dossier: Dossier, event: DossierEvent) -> None:
        self.write_event(event)
        self.refresh_derived(replace(dossier, events=(*dossier.events, event)))

    def refresh_derived(self, dossier: Dossier) -> None:
        derived = derive(dossier.events, dossier.received_at, LegalTime.parse(dossier.legal_time), self.calendar)
        self.store.update_dossier_derived(dossier.id, status=derived.status, due_at=iso(derived.due_at),
                                          updated_at=iso(self.clock.now()))

