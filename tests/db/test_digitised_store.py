"""The scorecard's digitisation and payment rows: the record in force per document, every payment."""

from __future__ import annotations

from app.desk import Desk
from db.digitised_store import attachments_of, fees_of, payments_of
from tests.app.files.scanpages import three_pages
from tests.conftest import dossier_input


def test_rows_for_the_scorecard(desk: Desk, admin) -> None:
    paid = desk.dossiers.receive(dossier_input(procedure="CT02", documents=[]), admin)
    free = desk.dossiers.receive(dossier_input(), admin)
    desk.fees.pay(paid.code, admin, amount=10000, channel="portal")
    desk.files.exempt(free.code, 1, "shown_only", admin)
    desk.clock.advance(minutes=1)
    desk.files.attach(free.code, three_pages(), admin, document_no=1)  # replaces the exemption
    desk.files.reuse(paid.code, 1, desk.files.records(free)[-1].id, admin)
    rows = attachments_of(desk.store.conn, [paid.id, free.id])
    by = {(r["dossier_id"], r["document_no"]): r for r in rows}
    assert len(rows) == 2
    assert by[(free.id, 1)]["has_file"] == 1 and by[(free.id, 1)]["exemption"] == ""
    assert by[(paid.id, 1)]["reused"] == 1
    assert payments_of(desk.store.conn, [paid.id, free.id]) == [
        {"dossier_id": paid.id, "amount": 10000, "channel": "portal", "paid_at": "2026-02-12T09:00:00+07:00"}
    ]
    assert fees_of(desk.store.conn, [paid.id, free.id]) == {paid.id: 10000}
