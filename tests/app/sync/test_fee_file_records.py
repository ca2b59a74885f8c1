"""Fees, payments and attachment records travel desk to desk through the real hub like the others."""

from __future__ import annotations

from pathlib import Path

from app.core.clock import FixedClock
from tests.app.files.scanpages import three_pages
from tests.app.sync.helpers import enrolled_desk
from tests.app.sync.hub import Hub
from tests.conftest import dossier_input


def test_fee_payment_and_attachment_records_reach_the_other_desk(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    a1 = enrolled_desk(tmp_path, clock, hub, "87001", 1)
    a2 = enrolled_desk(tmp_path, clock, hub, "87001", 2)
    clerk = a1.clerk()
    dossier = a1.dossiers.receive(dossier_input(procedure="CT01", documents=[], fee={"pages": 4}), clerk)
    a1.fees.pay(dossier.code, clerk, amount=6000, channel="cash", receipt_no="BL-1")
    scan = a1.files.attach(dossier.code, three_pages(), clerk, document_no=1)
    a1.files.exempt(dossier.code, 2, "shown_only", clerk)
    sent = a1.sync.run_once()
    assert sent.complete and sent.sent == 6  # dossier, event, fee, payment, two attachment records
    pulled = a2.sync.run_once()
    assert pulled.complete and pulled.received == 6
    there = a2.dossiers.get(dossier.code)
    state = a2.fees.state(there)
    assert state.fee.amount == 6000 and state.settled and state.payments[0].receipt_no == "BL-1"
    docs = a2.files.documents(there)
    assert docs[0].current.sha256 == scan.sha256 and docs[1].current.exemption == "shown_only"
    assert not a2.files.blobs.has(scan.sha256)  # the record came; the file itself syncs separately (not yet)
    assert a2.sync.run_once().received == 0  # kept once
