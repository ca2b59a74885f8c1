"""Printing service: a form for a dossier as PDF bytes or a file, with every print recorded.

The CLI writes files; the window sends the bytes to the desk's printer through Qt's print dialog.
The first print of a receipt is the original; every later one is marked as a copy and synced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from app.core import accounts, history, keys
from app.core.clock import Clock, iso, parse_iso
from app.core.errors import ValidationError
from app.core.records import Clerk, DeskIdentity, label
from app.core.text import nfc
from app.core.worktime import VN_TZ, LegalTime, WorkCalendar
from app.fees import vietqr
from app.printing import form_rules, forms, numbers, qr, receipts
from app.printing.formparts import Letterhead, Paper
from app.printing.payment_block import PaymentQR
from app.printing.qr import ReceiptClaim, Verdict
from app.printing.wording import date_words, esc, fill, in_running_text, local, short_time, template, time_words
from app.reception.records import EVENT_KINDS, Dossier, DossierEvent
from app.reception.rules import derive
from app.reception.service import DossierService
from db.account_store import AccountStore
from db.files import private_dir, write_private
from db.ids import new_id
from db.print_store import PrintStore
from db.store import Store
from db.sync_store import SyncStore

if TYPE_CHECKING:
    from app.fees.service import FeeService

FORMS = ("receipt", "supplement", "refusal", "apology", "tracking", "stop")
META_QR_PREFIX = "qr_url_prefix"
LOOKUP_PATH = "/tra-cuu/"  # the hub's public status page (app.province.lookup)
META_COLLECT_PLACE = "collect_place"
_PLACE_PREFIX = re.compile(r"^(xã|phường|thị trấn|đặc khu)\s+", re.IGNORECASE)
MAX_LOGBOOK_DAYS = 366


@dataclass(frozen=True)
class Printed:
    form: str
    code: str
    pdf: bytes
    copy_no: int  # 1 for the first print of this form for this dossier
    reprint: int  # receipts: 0 for the original, n for the n-th reprint (printed on the page)


class Services(Protocol):
    """What printing needs of the Desk; read at each use, since the Desk rebuilds its calendar."""

    store: Store
    clock: Clock

    @property
    def identity(self) -> DeskIdentity: ...
    def current_calendar(self) -> WorkCalendar: ...
    @property
    def dossiers(self) -> DossierService: ...
    @property
    def fees(self) -> FeeService: ...


class PrintService:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.store = services.store
        self.clock = services.clock
        self.log = PrintStore(services.store)

    @property
    def desk(self) -> DeskIdentity:
        return self.services.identity

    @property
    def calendar(self) -> WorkCalendar:
        return self.services.current_calendar()

    @property
    def dossiers(self) -> DossierService:
        return self.services.dossiers

    # settings kept in the store's meta

    @property
    def qr_url_prefix(self) -> str:
        """The prefix set by the admin, else the province hub's public lookup page once enrolled."""
        return self.store.get_meta(META_QR_PREFIX) or lookup_prefix(SyncStore(self.store).setting("url"))

    def set_qr_url_prefix(self, prefix: str | None) -> None:
        """The province's lookup URL printed before the payload (for phones); empty for none."""
        self.store.set_meta({META_QR_PREFIX: qr.check_prefix(prefix)})

    @property
    def collect_place(self) -> str:
        place = self.store.get_meta(META_COLLECT_PLACE)
        return place or fill(
            template("common")["collect_place"], {"agency_name": in_running_text(self.desk.agency_name)}
        )

    def set_collect_place(self, text: str | None) -> None:
        self.store.set_meta({META_COLLECT_PLACE: nfc(text or "")})

    def letterhead(self) -> Letterhead:
        place = _PLACE_PREFIX.sub("", nfc(self.desk.commune_name)) or self.desk.commune_name
        return Letterhead(
            agency_name=nfc(self.desk.agency_name or self.desk.commune_name),
            place=place,
            collect_place=nfc(self.store.get_meta(META_COLLECT_PLACE) or ""),  # empty: the form edition's wording
        )

    # the QR

    def receipt_claim(self, dossier: Dossier, due: datetime | None = None) -> ReceiptClaim:
        """``due``: the receipt's appointment when the caller has it already (see ``_receipt_due``)."""
        due = due or self._receipt_due(dossier)
        return ReceiptClaim(
            dossier.code, self.desk.commune_code, self.desk.desk_no, due.replace(second=0, microsecond=0)
        )

    def receipt_payload(self, dossier: Dossier, due: datetime | None = None) -> str:
        desk_id = self.desk.desk_id
        return qr.sign(self.receipt_claim(dossier, due), lambda m: keys.sign(desk_id, m), self.qr_url_prefix)

    def verify(self, payload: str) -> Verdict:
        """valid / forged / unknown; a payment code (VietQR) is not a receipt: ask ``is_payment_code`` first."""

        def public_key(commune: str, desk_no: int) -> str | None:
            row = AccountStore(self.store).desk_key_by_number(commune, desk_no)
            return row["public_key"] if row else None

        return qr.verify(payload, public_key, keys.verify)

    @staticmethod
    def is_payment_code(payload: str) -> bool:
        """The receipt's other QR: a VietQR for the fee (EMVCo, starts with "000201"), not the signed one."""
        return vietqr.looks_like(payload)

    # forms for one dossier

    def pdf(
        self,
        form: str,
        code: str,
        *,
        clerk: Clerk | None = None,
        a4: bool = False,
        reason: str | None = None,
        record: bool = True,
    ) -> Printed:
        """Render ``form`` for the dossier; ``record=False`` is a preview: the same page, not logged."""
        if form not in FORMS:
            raise ValidationError(f"Không có mẫu in «{form}».", f"There is no form '{form}'.", field="form")
        dossier = self.dossiers.get(code)
        form_rules.check_supported(form, dossier)
        copy_no = self.log.count(dossier.id, form) + 1
        reprint = 0
        if form == "receipt":
            # A dossier issued at another desk already had its original printed there.
            reprint = copy_no - 1 if dossier.desk_id == self.desk.desk_id else max(copy_no - 1, 1)
        page = "A4" if a4 else "A5"
        event = self._letter_event(form, dossier) if form in forms.LETTER_FORMS else None
        number = self._number(dossier, form, event)
        shown = number if record or number.issued else None  # a preview does not take a number
        data = self._render(form, dossier, page=page, reason=reason, reprint=reprint, event=event, number=shown)
        if record:
            self._record(dossier, form, copy_no, reprint > 0 or copy_no > 1, clerk, number)
        return Printed(form, dossier.code, data, copy_no, reprint)

    def to_file(self, form: str, code: str, out: str | Path, **options: Any) -> Path:
        printed = self.pdf(form, code, **options)
        return write_out(out, printed.pdf)

    def prints(self, code: str) -> list[dict[str, Any]]:
        return self.log.prints(self.dossiers.get(code).id)

    def _number(self, dossier: Dossier, form: str, event: DossierEvent | None) -> numbers.DocumentNumber:
        dated = self._paper_date(form, dossier, event)
        event_id = event.id if event else ""
        return numbers.for_paper(self.log, self.desk, self.clock, dossier.id, form, event_id, dated)

    def _paper_date(self, form: str, dossier: Dossier, event: DossierEvent | None) -> datetime:
        """The date a paper bears: the receipt the day of reception, a letter the day of its event."""
        if form == "receipt":
            return dossier.received_at
        return event.at if event else self.clock.now()

    def _record(
        self,
        dossier: Dossier,
        form: str,
        copy_no: int,
        is_reprint: bool,
        clerk: Clerk | None,
        number: numbers.DocumentNumber | None = None,
    ) -> None:
        by = clerk or accounts.first_admin(self.store)
        now = iso(self.clock.now())
        row = {
            "id": new_id(),
            "dossier_id": dossier.id,
            "form": form,
            "copy_no": copy_no,
            "is_reprint": int(is_reprint),
            "clerk_id": by.id,
            "desk_id": self.desk.desk_id,
            "printed_at": now,
            "created_at": now,
        }
        with self.store.transaction():
            history.record(self.store, history.PRINT, row, write=lambda: self.log.insert(row))
            if number is not None:
                numbers.issue(self.store, self.log, number)

    def _receipt_due(self, dossier: Dossier) -> datetime:
        """The appointment the receipt gave: before any apology moved it."""
        derived = derive(dossier.events, dossier.received_at, LegalTime.parse(dossier.legal_time), self.calendar)
        return derived.original_due_at

    def _clerk_name(self, clerk_id: str) -> str:
        found = accounts.clerk_by_id(self.store, clerk_id)
        return found.full_name if found else ""

    def _common_values(self, dossier: Dossier) -> dict[str, object]:
        a = dossier.applicant
        return {
            "code": dossier.code,
            "applicant": a.full_name,
            "address": a.address or "—",
            "phone": a.phone or "—",
            "email": a.email or "—",
            "procedure": dossier.procedure_name,
            "received_at": time_words(dossier.received_at),
            "received_date": f"{dossier.received_at:%d/%m/%Y}",
            "received_date_cap": date_words(dossier.received_at, capital=True),
            "clerk": self._clerk_name(dossier.clerk_id),
        }

    def _render(
        self,
        form: str,
        dossier: Dossier,
        *,
        page: str,
        reason: str | None,
        reprint: int,
        event: DossierEvent | None,
        number: numbers.DocumentNumber | None,
    ) -> bytes:
        head = self.letterhead()
        seq, desk_no = (number.seq, number.desk_no) if number else (None, 0)
        if form == "receipt":
            return receipts.render(self._receipt_data(dossier, head, reprint, seq, desk_no), page)
        # The edition of the form in force the day the dossier was received (older dossiers keep theirs).
        paper = Paper(template(form, on=dossier.received_at), self._paper_date(form, dossier, event), seq, desk_no)
        if form == "tracking":
            return forms.render_tracking(
                head, self._tracking_values(dossier), self._tracking_rows(dossier, paper), paper, page=page
            )
        values = self._common_values(dossier)
        items: list[str] = []
        if event is not None:
            values["clerk"] = self._clerk_name(event.clerk_id) or values["clerk"]
        given = nfc(reason or "")
        values["reason"] = given or (nfc(str(event.data.get("reason", ""))) if event else "")
        if not values["reason"] and form != "apology":
            raise ValidationError(
                "Cần ghi rõ lý do để in phiếu này.", "A reason is needed to print this form.", field="reason"
            )
        if form == "apology":
            if event is None:
                raise ValidationError(
                    f"Hồ sơ {dossier.code} chưa có phiếu xin lỗi, hẹn lại.",
                    f"Dossier {dossier.code} has no apology with a new date.",
                    field="form",
                )
            values["old_due"] = time_words(parse_iso(event.data["old_due"]))
            values["new_due"] = time_words(parse_iso(event.data["new_due"]))
        if form == "supplement" and event is not None:
            items = [
                nfc(str(d.get("name", "") if isinstance(d, dict) else d)) for d in event.data.get("documents", ()) or ()
            ]
        return forms.render_letter(head, values, paper, items=items, page=page)

    def _letter_event(self, form: str, dossier: Dossier) -> DossierEvent | None:
        return form_rules.letter_event(form, dossier)

    def _receipt_data(
        self, dossier: Dossier, head: Letterhead, reprint: int, number: int | None = None, desk_no: int = 0
    ) -> receipts.ReceiptData:
        a = dossier.applicant
        year = f"{dossier.received_at.astimezone(VN_TZ):%Y}"
        due = self._receipt_due(dossier)  # derived once: for the page and for the signed QR
        return receipts.ReceiptData(
            head=head,
            code=dossier.code,
            applicant=a.full_name,
            address=a.address or "—",
            phone=a.phone or "—",
            email=a.email or "—",
            procedure=dossier.procedure_name,
            documents=dossier.documents,
            sets=dossier.sets,
            legal_time=LegalTime.parse(dossier.legal_time).label("vi"),
            received_at=dossier.received_at,
            due_at=due,
            volume=volume(dossier.code, year),
            entry=self.log.entry_number(dossier.code, year),
            clerk=self._clerk_name(dossier.clerk_id),
            qr_payload=self.receipt_payload(dossier, due),
            reprint=reprint,
            number=number,
            desk_no=desk_no,
            deciding_agency=dossier.deciding_agency,
            vietqr=self._payment_qr(dossier),
        )

    def _payment_qr(self, dossier: Dossier) -> PaymentQR | None:
        """The VietQR block when a fee is due, not paid in cash, and the commune's account is set."""
        fees = self.services.fees
        payload = fees.receipt_vietqr(dossier)
        if payload is None:
            return None
        bank = fees.bank() or ("", "", "")
        transfer = vietqr.decode(payload)
        return PaymentQR(payload, transfer.amount or 0, dossier.code, bank[2], bank[1])

    def _tracking_values(self, dossier: Dossier) -> dict[str, object]:
        values = self._common_values(dossier)
        values["due_at"] = short_time(dossier.due_at)
        values["received_at"] = short_time(dossier.received_at)
        return values

    def _tracking_rows(self, dossier: Dossier, paper: Paper) -> list[list[str]]:
        """One row per hand-over; the giver and the receiver sign in their own columns. The verdict belongs
        to the step that ended the dossier (indicator 2.1, app.reception.timeliness): a result ready on time
        stays on time however late the citizen collects it."""
        tpl, outcomes = paper.form, paper.common["outcomes"]
        judged = self.dossiers.timeliness(dossier)  # the clash rule the register and the hub apply
        applicant = {"applicant": dossier.applicant.full_name}
        rows = []
        for event in sorted(dossier.events, key=lambda e: (e.at, e.kind != "received", e.id)):
            handed_to = str(event.data.get("to") or "") if event.kind == "forwarded" else ""
            key = "forwarded_to" if handed_to and "forwarded_to" in tpl["steps"] else event.kind
            step = fill(tpl["steps"].get(key, esc(label(EVENT_KINDS, event.kind))), {**applicant, "to": handed_to})
            result = ""
            if event.id == judged.end_event_id:
                result = esc(outcomes[judged.verdict])
            notes = [esc(event.data["reason"])] if event.data.get("reason") else []
            if handed_to and key != "forwarded_to":  # an older edition names no receiver: say it here
                notes.insert(0, esc(f"Chuyển đến: {handed_to}"))
            notes.append(fill(tpl["by"], {"clerk": self._clerk_name(event.clerk_id)}))
            when = local(event.at)
            rows.append([step, f"{when:%H:%M}<br/>{when:%d/%m/%Y}", "", "", result, "<br/>".join(notes)])
        return rows

    # the logbook

    def logbook(self, start: date, end: date) -> bytes:
        """Form 07 (the logbook) for dossiers received from ``start`` to ``end`` (both included, local dates)."""
        if end < start:
            raise ValidationError(
                "Ngày kết thúc phải không sớm hơn ngày bắt đầu.",
                "The end date must not be before the start date.",
                field="to",
            )
        if (end - start).days >= MAX_LOGBOOK_DAYS:
            raise ValidationError(
                "Sổ theo dõi in tối đa một năm mỗi lần.", "The logbook prints at most a year at once.", field="to"
            )
        lo = iso(datetime.combine(start, time(0), VN_TZ))
        hi = iso(datetime.combine(end + timedelta(days=1), time(0), VN_TZ))
        found = self.log.logbook(lo, hi)
        first = self.log.first_event_times(lo, hi)
        rows = []
        for r in found:

            def at(kind: str, _id: str = r["id"]) -> str:
                value = first.get((_id, kind))
                return esc(short_time(parse_iso(value))) if value else ""

            contact = ", ".join(filter(None, (r["applicant_address"], r["applicant_phone"])))
            notes = esc(label(EVENT_KINDS, "refused")) if first.get((r["id"], "refused")) else ""
            rows.append(
                [
                    esc(f"{volume(r['code'], r['received_at'][:4])} · {r['entry']}"),
                    esc(r["code"]),
                    esc(r["procedure_name"]),
                    esc(r["applicant_name"]),
                    esc(contact),
                    esc(short_time(parse_iso(r["received_at"]))),
                    esc(short_time(parse_iso(r["due_at"]))),
                    at("forwarded"),
                    at("done"),
                    at("returned"),
                    "",
                    notes,
                ]
            )
        period = {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}", "count": len(found)}
        paper = Paper(template("logbook", on=start), self.clock.now(), numbered=False)
        return forms.render_logbook(self.letterhead(), period, rows, paper)

    def logbook_to_file(self, start: date, end: date, out: str | Path) -> Path:
        return write_out(out, self.logbook(start, end))


def lookup_prefix(hub_url: str | None) -> str:
    """The hub's status page for a receipt (app.province.lookup): ``<hub>/tra-cuu/<payload>``."""
    if not hub_url:
        return ""
    prefix = hub_url.rstrip("/") + LOOKUP_PATH
    return prefix if len(prefix) <= qr.MAX_PREFIX and prefix.isascii() else ""


def volume(code: str, year: str) -> str:
    """The logbook volume: one book per desk (the code's desk digit) and year, e.g. "01/2026"."""
    return f"{int(code[-4]):02d}/{year}"


def write_out(out: str | Path, data: bytes) -> Path:
    """A paper (PDF) or an export written whole, readable by the desk's user only; a clear error if not."""
    path = Path(out)
    try:
        private_dir(path.parent)
        tmp = path.with_name(path.name + ".part")
        write_private(tmp, data)
        tmp.replace(path)
    except OSError as exc:
        raise ValidationError(f"Không ghi được tệp {path}.", f"Cannot write the file {path}.", field="out") from exc
    return path


__all__ = ["FORMS", "PrintService", "Printed", "volume"]
