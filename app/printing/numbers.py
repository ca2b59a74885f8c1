"""Document numbers (Decree 30/2020 "Số: 05/PYCBS-Q1"): one per paper, numbered from 01 each year per form kind
and per desk. The desk number is printed in the number, so desks of a commune number offline and never collide,
as with dossier codes; a reprint keeps the paper's number, whichever desk issued it (synced as
``history.DOCNO``, db/migrations/0007_document_numbers.sql).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from app.core import history
from app.core.clock import Clock, iso
from app.core.records import DeskIdentity
from app.core.worktime import VN_TZ
from db.ids import new_id
from db.print_store import PrintStore
from db.store import Store


@dataclass(frozen=True)
class DocumentNumber:
    id: str
    dossier_id: str
    form: str
    event_id: str  # the event the paper records; "" for the receipt and the tracking sheet
    year: int
    desk_no: int
    seq: int
    desk_id: str
    issued_at: str
    issued: bool = True  # False: the number this paper would take; not stored yet


def for_paper(
    log: PrintStore, desk: DeskIdentity, clock: Clock, dossier_id: str, form: str, event_id: str, dated: datetime
) -> DocumentNumber:
    """The number already issued for this dossier, form and event, else the next of this desk for the form
    and the year of the date the paper bears (not stored: see ``issue``)."""
    found = log.document_number(dossier_id, form, event_id)
    if found:
        return DocumentNumber(**found)
    year = dated.astimezone(VN_TZ).year
    return DocumentNumber(
        id=new_id(),
        dossier_id=dossier_id,
        form=form,
        event_id=event_id,
        year=year,
        desk_no=desk.desk_no,
        seq=log.next_document_seq(form, year, desk.desk_no),
        desk_id=desk.desk_id,
        issued_at=iso(clock.now()),
        issued=False,
    )


def issue(store: Store, log: PrintStore, number: DocumentNumber) -> None:
    """Store a new number with its outbox entry; call inside the transaction that records the print."""
    if number.issued:
        return
    row = {k: v for k, v in asdict(number).items() if k != "issued"}
    history.record(store, history.DOCNO, row, write=lambda: log.insert_document_number(row), at=number.issued_at)
