"""The desk's citizen reception as the engine's records (the citizen part of the desk's source; the
dossiers, scans and payments part is app.scorecard.desk_source)."""

from __future__ import annotations

from datetime import date, timedelta

from app.citizens.tally import Rows, facts
from app.scorecard.citizen_facts import CitizenRecords
from db.citizen_store import CitizenStore
from db.store import Store


def rows(store: Store, start: date, end: date) -> Rows:
    """The rows of local days [start, end]: receptions, sessions and dialogues of the period; follow-ups,
    flags in force and disclosures, all of them."""
    db = CitizenStore(store)
    after = (end + timedelta(days=1)).isoformat()
    return Rows(
        entries=db.receptions(start=start.isoformat(), end=after),
        sessions=db.sessions(start.isoformat(), end.isoformat()),
        dialogues=db.dialogues(start.isoformat(), after),
        follow_ups=db.follow_ups(),
        flags=db.flags(),
        disclosures=db.disclosures(),
    )


def records(store: Store, start: date, end: date) -> CitizenRecords:
    return facts(rows(store, start, end))
