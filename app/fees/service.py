"""Fees of dossiers: assessed at reception by the catalogue's rule, changed with a reason, paid.

Every fee and payment is an immutable record that syncs (entities ``fee`` and ``payment``); the
latest fee of a dossier is the one in force, so a change made at desk 2 reaches desk 1 as one more
record, never as an edit. Payment channels: ``cash`` at the counter (with the counter's receipt
number), ``transfer`` to the commune's account (the VietQR on the receipt), ``portal`` (paid on the
national or provincial portal: Decision 766's indicator 3.6 counts these as online).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.core import history, settings, text
from app.core.clock import Clock, iso, parse_iso
from app.core.errors import MotcuaError, ValidationError
from app.core.records import Clerk, DeskIdentity
from app.fees import rules as fee_rules
from app.fees import vietqr
from app.fees.rules import FeeInputs, FeeQuote, FeeRule, money
from app.reception.records import Dossier
from db.fee_store import FeeStore
from db.ids import new_id
from db.store import Store

CHANNELS: dict[str, tuple[str, str]] = {
    "cash": ("Tiền mặt tại quầy", "Cash at the counter"),
    "transfer": ("Chuyển khoản (VietQR)", "Bank transfer (VietQR)"),
    "portal": ("Thanh toán trực tuyến trên Cổng", "Paid on the portal"),
}
MAX_REASON = 500
MAX_RECEIPT_NO = 40


class ReasonNeeded(ValidationError):
    def __init__(self, amount: int, expected: int | None) -> None:
        super().__init__(
            f"Số tiền {money(amount)} khác mức lệ phí theo quy tắc ({money(expected)}): cần ghi lý do.",
            f"The amount {money(amount, 'en')} differs from the rule's fee ({money(expected, 'en')}): "
            "a reason is required.",
            field="reason",
        )


class ReceiptNumberNeeded(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            "Thu tiền mặt cần số biên lai.", "A cash payment needs the counter's receipt number.", field="receipt_no"
        )


class NoBankAccount(MotcuaError):
    def __init__(self) -> None:
        super().__init__(
            "Chưa cài đặt tài khoản ngân hàng của xã (bank.bin, bank.account) nên chưa tạo được mã VietQR.",
            "The commune's bank account (bank.bin, bank.account) is not set, so there is no VietQR.",
        )


@dataclass(frozen=True)
class Fee:
    """The fee in force for a dossier: ``amount`` None while the province's rate is not entered."""

    id: str
    dossier_id: str
    amount: int | None
    computed: int | None
    rule: dict[str, Any]
    inputs: FeeInputs
    reason: str
    clerk_id: str
    at: datetime

    @property
    def changed(self) -> bool:
        return self.amount != self.computed


@dataclass(frozen=True)
class Payment:
    id: str
    dossier_id: str
    amount: int
    channel: str
    receipt_no: str
    reason: str
    clerk_id: str
    paid_at: datetime


@dataclass(frozen=True)
class FeeState:
    """What the dossier panel and the receipt need: the fee, what was paid, what is left."""

    fee: Fee | None
    payments: tuple[Payment, ...]

    @property
    def paid(self) -> int:
        return sum(p.amount for p in self.payments)

    @property
    def due(self) -> int | None:
        if self.fee is None or self.fee.amount is None:
            return None
        return max(0, self.fee.amount - self.paid)

    @property
    def settled(self) -> bool:
        return self.due == 0


def _fee(row: Mapping[str, Any]) -> Fee:
    return Fee(
        id=row["id"],
        dossier_id=row["dossier_id"],
        amount=row["amount"],
        computed=row["computed"],
        rule=json.loads(row["rule"] or "{}"),
        inputs=FeeInputs.from_json(json.loads(row["inputs"] or "{}")),
        reason=row["reason"],
        clerk_id=row["clerk_id"],
        at=parse_iso(row["at"]),
    )


def _payment(row: Mapping[str, Any]) -> Payment:
    return Payment(
        id=row["id"],
        dossier_id=row["dossier_id"],
        amount=row["amount"],
        channel=row["channel"],
        receipt_no=row["receipt_no"],
        reason=row["reason"],
        clerk_id=row["clerk_id"],
        paid_at=parse_iso(row["paid_at"]),
    )


def check_amount(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).replace(".", "").replace(",", "").replace(" ", ""))
        except ValueError:
            value = -1
    if not 0 <= value <= fee_rules.MAX_AMOUNT:  # type: ignore[operator]
        raise ValidationError(
            "Số tiền phải là số đồng, từ 0 đến 100.000.000.",
            "The amount must be a whole number of đồng, from 0 to 100,000,000.",
            field="amount",
        )
    return value  # type: ignore[return-value]


def _reason(reason: str) -> str:
    reason = text.nfc(reason or "").strip()
    if len(reason) > MAX_REASON:
        raise ValidationError(
            f"Lý do dài quá {MAX_REASON} ký tự.", f"The reason is longer than {MAX_REASON} characters.", field="reason"
        )
    return reason


class FeeService:
    def __init__(self, store: Store, clock: Clock, desk: DeskIdentity, dossier: Callable[[str], Dossier]) -> None:
        self.store = store
        self.fees = FeeStore(store)
        self.clock = clock
        self.desk = desk
        self._dossier = dossier  # code → Dossier (DossierService.get)

    # Rules

    def rules(self) -> list[FeeRule]:
        """The rules kept in the store (the starter list is loaded at init; the province may replace it);
        a store made before fee rules existed uses the starter list until one is loaded."""
        rows = self.fees.rules()
        if not rows:
            return fee_rules.starter()
        # A procedure the province publishes rules for leaves the starter rules of that procedure behind.
        published = {r["procedure_code"] for r in rows if r["origin"] != "default"}
        rows = [r for r in rows if r["origin"] != "default" or r["procedure_code"] not in published]
        return [
            fee_rules.parse_rule(
                r["procedure_code"], r["valid_from"], r["valid_to"], json.loads(r["rule"]), r["source"]
            )
            for r in rows
        ]

    def load_rules(self, items: list[FeeRule], origin: str = "default") -> int:
        now = iso(self.clock.now())
        rows = [
            {
                "procedure_code": r.procedure,
                "valid_from": r.valid_from.isoformat(),
                "valid_to": r.valid_to.isoformat() if r.valid_to else None,
                "rule": json.dumps(r.to_json(), ensure_ascii=False),
                "source": r.source,
                "origin": origin,
                "updated_at": now,
            }
            for r in items
        ]
        self.fees.replace_rules(rows, origin)
        return len(rows)

    def rule_for(self, procedure: str, day: date) -> FeeRule | None:
        return fee_rules.rule_on(self.rules(), procedure, day)

    def quote(self, procedure: str, received: date, inputs: FeeInputs | None = None) -> FeeQuote:
        return fee_rules.compute(self.rule_for(procedure, received), inputs or FeeInputs(), received)

    # Assessing

    def fee_row(
        self, dossier_id: str, quote: FeeQuote, clerk_id: str, *, amount: int | None = None, reason: str = ""
    ) -> dict[str, Any]:
        """The record of a fee: the rule's amount unless the clerk gives another, with a reason."""
        reason = _reason(reason)
        final = quote.amount if amount is None else check_amount(amount)
        if final != quote.amount and quote.amount is not None and not reason:
            raise ReasonNeeded(final, quote.amount)  # type: ignore[arg-type]
        now = self.clock.now()
        rule = (
            dict(quote.rule.to_json(), source=quote.rule.source, valid_from=quote.rule.valid_from.isoformat())
            if quote.rule
            else {}
        )
        return {
            "id": new_id(),
            "dossier_id": dossier_id,
            "amount": final,
            "computed": quote.amount,
            "rule": json.dumps(rule, ensure_ascii=False),
            "inputs": json.dumps(quote.inputs.to_json()),
            "reason": reason,
            "clerk_id": clerk_id,
            "desk_id": self.desk.desk_id,
            "at": iso(now),
            "created_at": iso(now),
        }

    def write_fee(self, row: Mapping[str, Any]) -> None:
        """The fee and its outbox entry; joins the caller's transaction (reception writes it with the dossier)."""
        history.record(self.store, history.FEE, fee_payload(row), write=lambda: self.fees.insert_fee(row))

    def assess(
        self,
        code: str,
        clerk: Clerk,
        inputs: FeeInputs | None = None,
        *,
        amount: int | None = None,
        reason: str = "",
    ) -> Fee:
        """Assess (or assess again) a dossier's fee; a changed amount needs a reason."""
        dossier = self._dossier(code)
        quote = self.quote(dossier.procedure_code, dossier.received_at.date(), inputs)
        row = self.fee_row(dossier.id, quote, clerk.id, amount=amount, reason=reason)
        self.write_fee(row)
        return _fee(row)

    def on_received(self, row: Mapping[str, Any], given: object, clerk: Clerk) -> None:
        """Reception's hook (DossierService.on_receive): the fee assessed with the dossier, in its
        transaction. ``given``: the input's optional ``fee`` object (pages, copies, event_date, and an
        amount with a reason when the clerk changes what the rule gives)."""
        inputs, amount, reason = parse_fee_input(given)
        received = parse_iso(row["received_at"]).date()
        quote = self.quote(row["procedure_code"], received, inputs)
        if amount is None and (quote.rule is None or quote.rule.kind == "none"):
            return  # nothing to record for a procedure without a fee: no record, nothing to sync
        self.write_fee(self.fee_row(row["id"], quote, clerk.id, amount=amount, reason=reason))

    def state(self, dossier: Dossier) -> FeeState:
        fees = self.fees.fees(dossier.id)
        return FeeState(_fee(fees[-1]) if fees else None, tuple(_payment(p) for p in self.fees.payments(dossier.id)))

    def expected(self, dossier: Dossier) -> int | None:
        """The fee in force: the latest assessed, else what the rule gives with default inputs."""
        current = self.state(dossier).fee
        if current is not None:
            return current.amount
        return self.quote(dossier.procedure_code, dossier.received_at.date()).amount

    # Paying

    def pay(
        self,
        code: str,
        clerk: Clerk,
        *,
        amount: object,
        channel: str,
        receipt_no: str = "",
        reason: str = "",
        paid_at: datetime | None = None,
    ) -> FeeState:
        """Record a fee paid. An amount other than the fee in force needs a reason, and then becomes
        the fee (recorded as a change with that reason) before the payment is recorded."""
        if channel not in CHANNELS:
            raise ValidationError(
                "Hình thức nộp phải là cash, transfer hoặc portal.",
                "The channel must be cash, transfer or portal.",
                field="channel",
            )
        paid = check_amount(amount)
        receipt_no = text.nfc(receipt_no or "").strip()
        if channel == "cash" and not receipt_no:
            raise ReceiptNumberNeeded()
        if len(receipt_no) > MAX_RECEIPT_NO:
            raise ValidationError("Số biên lai quá dài.", "The receipt number is too long.", field="receipt_no")
        reason = _reason(reason)
        dossier = self._dossier(code)
        now = paid_at or self.clock.now()
        with self.store.transaction():
            state = self.state(dossier)
            expected = state.due if state.fee is not None else self.expected(dossier)
            if expected is not None and paid != expected:
                if not reason:
                    raise ReasonNeeded(paid, expected)
            if state.fee is None or (expected is not None and paid != expected) or state.fee.amount is None:
                quote = self.quote(
                    dossier.procedure_code, dossier.received_at.date(), state.fee.inputs if state.fee else None
                )
                self.write_fee(self.fee_row(dossier.id, quote, clerk.id, amount=state.paid + paid, reason=reason))
            row = {
                "id": new_id(),
                "dossier_id": dossier.id,
                "amount": paid,
                "channel": channel,
                "receipt_no": receipt_no,
                "reason": reason,
                "clerk_id": clerk.id,
                "desk_id": self.desk.desk_id,
                "paid_at": iso(now),
                "created_at": iso(self.clock.now()),
            }
            history.record(self.store, history.PAYMENT, row, write=lambda: self.fees.insert_payment(row))
        return self.state(dossier)

    # VietQR

    def bank(self) -> tuple[str, str, str] | None:
        """(BIN, account, holder) from the desk's settings, or None when not set."""
        bank_bin, account = settings.get(self.store, "bank.bin"), settings.get(self.store, "bank.account")
        if not bank_bin or not account:
            return None
        return bank_bin, account, settings.get(self.store, "bank.holder")

    def vietqr(self, dossier: Dossier, amount: int | None = None) -> str | None:
        """The VietQR payload for what is still due, or None (nothing due, paid, or no account set)."""
        bank = self.bank()
        due = self.state(dossier).due if amount is None else amount
        if bank is None or not due:
            return None
        return vietqr.encode(bank[0], bank[1], due, dossier.code)

    def receipt_vietqr(self, dossier: Dossier) -> str | None:
        """The receipt carries a VietQR when a fee is due and was not paid in cash (CLI.md)."""
        state = self.state(dossier)
        if any(p.channel == "cash" for p in state.payments):
            return None
        return self.vietqr(dossier)


FEE_INPUT_KEYS = {"pages", "copies", "event_date", "amount", "reason"}


def parse_fee_input(given: object) -> tuple[FeeInputs, int | None, str]:
    """The ``fee`` part of a ``receive`` input: ``{"pages": 3, "copies": 1, "event_date": "2026-01-20",
    "amount": 5000, "reason": "…"}``, every key optional; unknown keys are refused like the rest."""
    if given is None:
        return FeeInputs(), None, ""
    if not isinstance(given, Mapping):
        raise ValidationError("Mục «fee» phải là một đối tượng JSON.", "'fee' must be a JSON object.", field="fee")
    extra = sorted(set(given) - FEE_INPUT_KEYS)
    if extra:
        raise ValidationError(
            f"Khóa không hợp lệ trong «fee»: {extra[0]}.", f"Unknown key in 'fee': {extra[0]}.", field="fee"
        )

    def count(key: str) -> int:
        value = given.get(key, 1)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10_000:
            raise ValidationError(
                "Số trang và số bản phải là số nguyên từ 1 đến 10.000.",
                "Pages and copies must be whole numbers from 1 to 10,000.",
                field=f"fee.{key}",
            )
        return value

    event = given.get("event_date")
    try:
        event_date = date.fromisoformat(event) if event else None
    except (TypeError, ValueError):
        raise ValidationError(
            "Ngày sự kiện phải có dạng YYYY-MM-DD.", "The event date must be YYYY-MM-DD.", field="fee.event_date"
        ) from None
    amount = given.get("amount")
    return (
        FeeInputs(count("pages"), count("copies"), event_date),
        None if amount is None else check_amount(amount),
        str(given.get("reason") or ""),
    )


def fee_payload(row: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for key in ("rule", "inputs"):
        if key in out and isinstance(out[key], str):
            out[key] = json.loads(out[key])
    return out
