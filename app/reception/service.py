"""Dossiers: reception, the code scheme, lifecycle events, search."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from app.core import history, jsontext, validation
from app.core.clock import Clock, iso
from app.core.errors import CapacityExceeded, NotFound, ValidationError
from app.core.records import Clerk, DeskIdentity
from app.core.textcheck import excerpt
from app.core.worktime import CalendarSource, LegalTime, WorkCalendar
from app.reception import apology, catalogue
from app.reception.intake import ReceiveInput, parse_receive
from app.reception.records import (
    EVENT_KINDS,
    Applicant,
    Dossier,
    DossierEvent,
    DossierSummary,
    Procedure,
)
from app.reception.rows import (
    dossier_payload,
    event_payload,
    event_row,
    from_row,
    match_expression,
    row_search_text,
)
from app.reception.rules import NEEDS_REASON, TRANSITIONS, counted, derive
from app.reception.timeliness import Timeliness, judge
from app.scorecard import desk_counters
from db.catalogue_store import CatalogueStore
from db.code_marks import CodeMarks
from db.dossier_store import DossierStore
from db.ids import new_id
from db.store import Store
from db.sync_store import settlement_keep

MAX_PER_DESK_PER_DAY = 999
_DOCUMENTS_TEXT = jsontext.encoder()  # json.dumps(documents, ensure_ascii=False), its encoder built once
# Where this PC's marks are gone and the hub has not been asked yet, a day's numbering starts this far
# above what the store knows: more than a commune desk receives in a day, well inside the 999.
LOST_MARKS_MARGIN = 200


# the service


class DossierService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        calendar: CalendarSource,
        desk: DeskIdentity,
        marks: CodeMarks | None = None,
    ) -> None:
        self.store = store
        self.db = DossierStore(store)
        self.clock = clock
        self._calendar = calendar
        self.desk = desk
        self.marks = marks  # None only for a store opened without a config folder (tests of the store)
        self.notice: tuple[str, str] | None = None  # what the clerk must be told about the last code
        # Called inside the reception's transaction with (dossier row, the input's "fee" part, clerk):
        # the fee is assessed with the dossier (app.fees), or neither is written.
        self.on_receive: Callable[[dict[str, Any], Any, Clerk], None] | None = None

    # Reception

    @property
    def calendar(self) -> WorkCalendar:
        return self._calendar()

    def next_code(self, received_at: datetime, issued: dict[str, int] | None = None) -> str:
        """The next code of the day, above the store's codes, the floors learned from the hub and this
        PC's high-water mark (which a restored backup does not roll back); the mark is raised, durably,
        before the code is returned.

        ``issued``: a bulk load's codes issued in its open transaction, per day prefix: the store and
        the marks are asked once a day, not once a dossier, and the load raises the marks for the
        whole batch (``raise_marks``) before its transaction commits."""
        local = received_at.astimezone(self.clock.now().tzinfo)
        prefix = f"{self.desk.agency_code}-{local:%y%m%d}-{self.desk.desk_no}"
        base = self.desk.desk_no * 1000
        self.notice = None
        last = issued.get(prefix) if issued is not None else None
        if last is not None:
            number = last
        else:
            number = max(self.db.max_code_number(prefix), base)
            if self.marks is not None:
                high = self.marks.high(self.desk.desk_id, prefix)
                lost = self.marks.lost_since(self.desk.desk_id)
                if high is None and lost is not None and f"{local:%Y-%m-%d}" <= lost:
                    number = min(number + LOST_MARKS_MARGIN, base + MAX_PER_DESK_PER_DAY)
                    self.notice = (
                        f"Máy này không còn sổ theo dõi số hồ sơ và chưa đồng bộ được với tỉnh, nên số hồ sơ "
                        f"ngày {local:%d/%m/%Y} được nhảy lên từ {number + 1:04d} để không trùng số đã cấp.",
                        f"This PC has lost its record of issued numbers and has not synced with the province yet, "
                        f"so numbering for {local:%Y-%m-%d} jumps to {number + 1:04d} to avoid reusing a code.",
                    )
                number = max(number, high or 0)
        number += 1
        if number > base + MAX_PER_DESK_PER_DAY:
            raise CapacityExceeded(
                f"Quầy {self.desk.desk_no} đã cấp đủ {MAX_PER_DESK_PER_DAY} mã hồ sơ trong ngày.",
                f"Desk {self.desk.desk_no} has issued all {MAX_PER_DESK_PER_DAY} dossier codes for the day.",
            )
        if issued is not None:
            issued[prefix] = number
        elif self.marks is not None:
            self.marks.raise_to(self.desk.desk_id, prefix, number)
        return f"{self.desk.agency_code}-{local:%y%m%d}-{number:04d}"

    def raise_marks(self, issued: dict[str, int]) -> None:
        """A bulk load's marks, raised before its transaction commits (see ``next_code``)."""
        if self.marks is not None and issued:
            self.marks.raise_many(self.desk.desk_id, issued)

    def next_codes(self, received: list[datetime], issued: dict[str, int]) -> list[str | None]:
        """A bulk load's codes for these moments, in order (``next_code`` with ``issued``); None where
        the day is full."""
        codes: list[str | None] = []
        for at in received:
            try:
                codes.append(self.next_code(at, issued))
            except CapacityExceeded:
                codes.append(None)
        return codes

    def learn_codes(self, codes: list[str]) -> None:
        """Codes of this desk seen elsewhere (pulled from the hub) are never issued again here, even
        when the store does not hold their dossier (a code clash keeps it in the inbox)."""
        highs: dict[str, int] = {}
        head = f"{self.desk.agency_code}-"
        for code in codes:
            if not isinstance(code, str) or not code.startswith(head):
                continue
            day, _, tail = code[len(head) :].partition("-")
            if len(day) != 6 or not day.isdigit() or len(tail) != 4 or not tail.isdigit():
                continue
            number = int(tail)
            if number // 1000 != self.desk.desk_no:
                continue
            prefix = f"{head}{day}-{self.desk.desk_no}"
            highs[prefix] = max(highs.get(prefix, 0), number)
        for prefix, number in highs.items():
            self.db.raise_code_floor(prefix, number)
        if self.marks is not None and highs:
            self.marks.raise_many(self.desk.desk_id, highs)

    def build_reception(
        self,
        req: ReceiveInput,
        clerk_id: str,
        code: str,
        now: datetime,
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The dossier row and its reception event row, as both the normal path and bulk loads write them."""
        return reception_rows(req, clerk_id, code, now, self.calendar, self.desk)

    def deciding_agency(self, req: ReceiveInput) -> str:
        """The agency that decides, when it is not the receiving commune (printed on the receipt)."""
        return deciding_agency(req, self.desk)

    def write_reception(self, row: dict[str, Any], event: dict[str, Any], *, follow: bool = True) -> None:
        """Dossier, search entry, event and their outbox entries; call inside a transaction. ``follow``
        False: the caller counts the dossier for the scorecard (a bulk load's ``desk_counters.Batch``)."""
        search = row_search_text(row)
        history.record(
            self.store, history.DOSSIER, dossier_payload(row), write=lambda: self.db.insert_dossier(row, search)
        )
        history.record(self.store, history.EVENT, event_payload(event), write=lambda: self.db.insert_event(event))
        # The scorecard's counters, in the same transaction as the history just written.
        if follow:
            desk_counters.follow_reception(self.store.conn, row["id"], row["received_at"][:10], self.calendar)

    def follow_counters(self, dossier_id: str) -> None:
        """The scorecard's counters follow the dossier's events; call inside the change's transaction."""
        desk_counters.follow(self.store.conn, dossier_id, self.calendar)

    def receive(self, data: Mapping[str, Any], clerk: Clerk) -> Dossier:
        now = self.clock.now()
        data = dict(data)
        fee = data.pop("fee", None)
        req = parse_receive(data, self.store, now)
        with self.store.transaction():
            code = self.next_code(req.received_at or now)
            row, event = self.build_reception(req, clerk.id, code, now)
            self.write_reception(row, event)
            if self.on_receive is not None:
                self.on_receive(row, fee, clerk)
        return self.get(code)

    # Reading

    def count(self) -> int:
        return self.db.count_dossiers()

    def procedures(self) -> list[Procedure]:
        """The catalogue the clerk picks from."""
        return catalogue.procedures(CatalogueStore(self.store))

    def procedure(self, code: str) -> Procedure:
        return catalogue.get(CatalogueStore(self.store), code)

    def get(self, code: str) -> Dossier:
        row = self.db.dossier_by_code(code.strip())
        if row is None:
            raise NotFound(
                f"Không tìm thấy hồ sơ mã {excerpt(code)}.", f"No dossier with code {excerpt(code)}.", field="code"
            )
        return from_row(row, self.db.events(row["id"]))

    def get_by_id(self, dossier_id: str) -> Dossier:
        row = self.db.dossier_by_id(dossier_id)
        if row is None:
            raise NotFound("Không tìm thấy hồ sơ.", "Dossier not found.", field="id")
        return from_row(row, self.db.events(row["id"]))

    def search(self, query: str, limit: int = 50) -> list[DossierSummary]:
        """Accent-insensitive, every word a prefix, newest first: fast enough for every keystroke."""
        match = match_expression(query)
        if match is None:
            return []
        return list(map(DossierSummary._make, self.db.search_summaries(match, limit)))

    def applicant_for_cccd(self, cccd: str) -> Applicant | None:
        row = self.db.latest_applicant_by_cccd(cccd)
        if row is None:
            return None
        return Applicant(
            row["applicant_name"],
            row["applicant_cccd"],
            row["applicant_phone"],
            row["applicant_address"],
            row["applicant_email"],
        )

    # Lifecycle

    def allowed_actions(self, dossier: Dossier) -> list[str]:
        """What the dossier's status allows; an apology only while the rule allows another move."""
        actions = TRANSITIONS.allowed(dossier.status)
        moves = sum(e.kind == "apology_issued" for e in dossier.events)
        if moves >= apology.rule_for(self.clock.now().date()).max_moves:
            actions = [a for a in actions if a != "apology_issued"]
        return actions

    def default_new_due(self, dossier: Dossier) -> datetime:
        """The new date an apology proposes: working days after the due date, in office hours."""
        return apology.default_new_due(dossier.due_at, self.calendar, self.clock.now())

    def timeliness(self, dossier: Dossier, as_of: datetime | None = None) -> Timeliness:
        """Early / on time / late as indicator 2.1 counts it (judged now while the dossier runs), by the
        clash rule the hub applies: an open clash runs on, a settled one counts by the outcome kept."""
        return judge(
            counted(dossier.events, settlement_keep(self.store.conn, dossier.id)),
            dossier.received_at,
            LegalTime.parse(dossier.legal_time),
            self.calendar,
            as_of or self.clock.now(),
        )

    def act(
        self,
        code: str,
        kind: str,
        clerk: Clerk,
        *,
        reason: str = "",
        new_due: datetime | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> Dossier:
        """Record one lifecycle event; status and due time follow from the events."""
        if kind not in EVENT_KINDS or kind == "received":
            raise ValidationError(
                f"Thao tác «{excerpt(kind)}» không hợp lệ.", f"Action '{excerpt(kind)}' is not valid.", field="kind"
            )
        now = self.clock.now()
        reason = validation.optional_text(reason, field="reason", label_vi="lý do", label_en="the reason", max_len=2000)
        if kind in NEEDS_REASON and not reason:
            raise ValidationError("Cần ghi rõ lý do.", "A reason is required.", field="reason")
        with self.store.transaction():
            dossier = self.get(code)
            # The apology's own conditions (once only, in time) are checked below, with their sentence.
            TRANSITIONS.check(dossier.status, kind)
            payload: dict[str, Any] = dict(data or {})
            if kind == "forwarded" and dossier.deciding_agency:
                # The hand-over to the agency that decides, for the tracking sheet (form 06).
                payload.setdefault("to", dossier.deciding_agency)
            if reason:
                payload["reason"] = reason
            if kind == "apology_issued":
                new_due = new_due if new_due is None or new_due.tzinfo else new_due.replace(tzinfo=now.tzinfo)
                new_due = apology.check(
                    due=dossier.due_at,
                    new_due=new_due,
                    issued=now,
                    earlier_moves=sum(e.kind == "apology_issued" for e in dossier.events),
                    calendar=self.calendar,
                )
                payload["new_due"] = iso(new_due)
                payload["old_due"] = iso(dossier.due_at)
            event = DossierEvent(
                id=new_id(),
                dossier_id=dossier.id,
                kind=kind,
                at=now,
                clerk_id=clerk.id,
                desk_id=self.desk.desk_id,
                data=payload,
                created_at=iso(now),
            )
            self._write_event(dossier, event)
        return self.get(code)

    def write_event(self, event: DossierEvent) -> None:
        """The event and its outbox entry; call inside a transaction, then refresh the derived columns."""
        row = event_row(event)
        history.record(self.store, history.EVENT, event_payload(row), write=lambda: self.db.insert_event(row))

    def _write_event(self, dossier: Dossier, event: DossierEvent) -> None:
        self.write_event(event)
        self.refresh_derived(replace(dossier, events=(*dossier.events, event)))

    def refresh_derived(self, dossier: Dossier, keep: str | None = None) -> None:
        """Status and due time from the events, and the scorecard's counters; ``keep``: the final event a
        clash settlement kept (None: the store's, if any)."""
        keep = keep or settlement_keep(self.store.conn, dossier.id)
        derived = derive(dossier.events, dossier.received_at, LegalTime.parse(dossier.legal_time), self.calendar, keep)
        self.db.update_dossier_derived(
            dossier.id, status=derived.status, due_at=iso(derived.due_at), updated_at=iso(self.clock.now())
        )
        self.follow_counters(dossier.id)


def reception_rows(
    req: ReceiveInput, clerk_id: str, code: str, now: datetime, calendar: WorkCalendar, desk: DeskIdentity
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The dossier row and its reception event row (``DossierService.build_reception``), from plain
    values only: a bulk load builds them in a second process."""
    received_at = req.received_at or now
    stamp = iso(now)
    dossier_id = new_id()
    due = calendar.due(received_at, LegalTime.parse(req.procedure.legal_time))
    row = {
        "id": dossier_id,
        "code": code,
        "procedure_code": req.procedure.code,
        "procedure_name": req.procedure.name,
        "legal_time": req.procedure.legal_time,
        "applicant_name": req.applicant.full_name,
        "applicant_cccd": req.applicant.cccd,
        "applicant_phone": req.applicant.phone,
        "applicant_address": req.applicant.address,
        "applicant_email": req.applicant.email,
        "documents": _DOCUMENTS_TEXT([d.to_dict() for d in req.documents]),
        "sets": req.sets,
        "channel": req.channel,
        "notes": req.notes,
        "received_at": iso(received_at),
        "due_at": iso(due),
        "status": "received",
        "created_at": stamp,
        "updated_at": stamp,
        "clerk_id": clerk_id,
        "desk_id": desk.desk_id,
        "identity_check": req.identity_check,
        "procedure_level": req.procedure.level,
        "deciding_agency": deciding_agency(req, desk),
        "for_commune": req.for_commune,
    }
    event = {
        "id": new_id(),
        "dossier_id": dossier_id,
        "kind": "received",
        "at": iso(received_at),
        "data": "{}",
        "clerk_id": clerk_id,
        "desk_id": desk.desk_id,
        "created_at": stamp,
    }
    return row, event


def deciding_agency(req: ReceiveInput, desk: DeskIdentity) -> str:
    """The agency that decides, when it is not the receiving commune (printed on the receipt)."""
    if req.procedure.level != "commune":
        return req.procedure.deciding_agency
    if req.for_commune and req.for_commune != desk.commune_code:
        name = req.for_commune_name
        if name.split(" ", 1)[0] in ("Xã", "Phường", "Đặc"):  # "UBND xã Mỹ Hiệp", as written in a title
            name = name[0].lower() + name[1:]
        return f"UBND {name}" if name else f"UBND xã (mã {req.for_commune})"
    return ""
