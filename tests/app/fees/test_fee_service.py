"""Fees at the desk: assessed with the dossier at reception, changed with a reason, paid; all synced."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.core import settings
from app.core.errors import ValidationError
from app.desk import Desk
from app.fees import vietqr
from app.fees.rules import FeeInputs
from app.fees.service import ReasonNeeded, ReceiptNumberNeeded
from tests.conftest import dossier_input


def outbox(desk: Desk, entity: str) -> list[dict]:
    return [json.loads(r["payload"]) for r in desk.store.outbox(limit=10_000) if r["entity"] == entity]


def test_fee_by_pages_is_assessed_with_the_dossier_and_synced(desk: Desk, admin) -> None:
    dossier = desk.dossiers.receive(
        dossier_input(procedure="CT01", documents=[], fee={"pages": 250, "copies": 2}), admin
    )
    state = desk.fees.state(dossier)
    assert state.fee is not None and state.fee.amount == 400000 and state.fee.computed == 400000  # capped per copy
    assert state.fee.rule["kind"] == "per_page" and "226/2016" in state.fee.rule["source"]
    assert state.due == 400000 and not state.settled
    [synced] = outbox(desk, "fee")
    assert synced["dossier_id"] == dossier.id and synced["amount"] == 400000 and synced["inputs"]["pages"] == 250


def test_birth_in_time_is_waived(desk: Desk, admin) -> None:
    dossier = desk.dossiers.receive(
        dossier_input(procedure="HT01", documents=[], fee={"event_date": "2026-01-20"}), admin
    )
    fee = desk.fees.state(dossier).fee
    assert fee is not None and fee.amount == 0 and desk.fees.state(dossier).settled
    assert desk.fees.vietqr(dossier) is None  # nothing to pay, no VietQR


def test_a_changed_fee_needs_a_reason_and_keeps_both_amounts(desk: Desk, admin) -> None:
    data = dossier_input(procedure="CT02", documents=[], fee={"amount": 0})
    with pytest.raises(ReasonNeeded):
        desk.dossiers.receive(data, admin)
    assert desk.dossiers.count() == 0  # neither the dossier nor its fee
    data["fee"]["reason"] = "Người có công với cách mạng: miễn phí"
    dossier = desk.dossiers.receive(data, admin)
    fee = desk.fees.state(dossier).fee
    assert fee is not None and (fee.amount, fee.computed, fee.changed) == (0, 10000, True)
    assert fee.reason.startswith("Người có công")
    again = desk.fees.assess(dossier.code, admin, amount=10000)
    assert again.amount == 10000 and desk.fees.state(dossier).fee == again  # the latest is in force


def test_payments_cash_needs_a_receipt_number_and_amounts_must_match_or_say_why(desk: Desk, admin) -> None:
    dossier = desk.dossiers.receive(dossier_input(procedure="CT03", documents=[]), admin)
    with pytest.raises(ReceiptNumberNeeded):
        desk.fees.pay(dossier.code, admin, amount=50000, channel="cash")
    with pytest.raises(ReasonNeeded):
        desk.fees.pay(dossier.code, admin, amount=40000, channel="transfer")
    with pytest.raises(ValidationError):
        desk.fees.pay(dossier.code, admin, amount=50000, channel="card")
    state = desk.fees.pay(dossier.code, admin, amount=50000, channel="cash", receipt_no="BL-0012")
    assert state.settled and state.payments[0].receipt_no == "BL-0012"
    [paid] = outbox(desk, "payment")
    assert (paid["amount"], paid["channel"], paid["receipt_no"]) == (50000, "cash", "BL-0012")


def test_a_different_amount_paid_with_a_reason_becomes_the_fee(desk: Desk, admin) -> None:
    dossier = desk.dossiers.receive(dossier_input(procedure="CT02", documents=[]), admin)
    state = desk.fees.pay(dossier.code, admin, amount=20000, channel="portal", reason="Hai chữ ký trên một giấy tờ")
    assert state.fee is not None and (state.fee.amount, state.fee.computed) == (20000, 10000) and state.settled
    assert state.payments[0].channel == "portal"


def test_the_provinces_rate_is_entered_at_payment(desk: Desk, admin) -> None:
    dossier = desk.dossiers.receive(dossier_input(procedure="HT05", documents=[]), admin)
    assert desk.fees.state(dossier).fee.amount is None
    state = desk.fees.pay(dossier.code, admin, amount=15000, channel="transfer")
    assert state.fee.amount == 15000 and state.settled


def test_vietqr_for_what_is_due_with_the_communes_account(desk: Desk, admin) -> None:
    dossier = desk.dossiers.receive(dossier_input(procedure="CT01", documents=[], fee={"pages": 3}), admin)
    assert desk.fees.vietqr(dossier) is None  # no account set
    settings.put(desk.store, "bank.bin", "970415")
    settings.put(desk.store, "bank.account", "113366668888")
    settings.put(desk.store, "bank.holder", "UBND xã Tân Thành")
    assert settings.get(desk.store, "bank.holder") == "UBND XA TAN THANH"
    transfer = vietqr.decode(desk.fees.vietqr(dossier))
    assert (transfer.bank_bin, transfer.account, transfer.amount, transfer.purpose) == (
        "970415",
        "113366668888",
        5000,
        dossier.code,
    )
    desk.fees.pay(dossier.code, admin, amount=5000, channel="transfer")
    assert desk.fees.vietqr(dossier) is None  # paid
    with pytest.raises(ValidationError):
        settings.put(desk.store, "bank.bin", "ABC")


def test_rules_are_kept_in_the_store_and_the_provinces_replace_the_starter_ones(desk: Desk, admin) -> None:
    from app.fees import rules

    new = rules.parse_rule("CT02", "2026-01-01", None, {"kind": "fixed", "amount": 12000}, "Nghị quyết HĐND tỉnh")
    desk.fees.load_rules([new], origin="province")
    assert desk.fees.quote("CT02", date(2026, 2, 12)).amount == 12000
    assert desk.fees.quote("CT03", date(2026, 2, 12)).amount == 50000  # untouched procedures keep theirs
    assert desk.fees.quote("CT01", date(2026, 2, 12), FeeInputs(pages=1)).amount == 2000
