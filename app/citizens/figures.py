"""Citizen reception's counts for a period, for the scorecard engine's periodic report (app/scorecard).

One engine makes the report; this module only counts what citizen reception adds to it, as plain
integers under stable keys, so the engine can place them beside its own figures.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.citizens.tally import Rows, tally
from db.citizen_store import CitizenStore
from db.store import Store


def counts(store: Store, start: date, end: date, today: date) -> dict[str, int]:
    """Counts for [start, end] (dates, inclusive); flags are those in force now; ``today`` judges overdue."""
    db = CitizenStore(store)
    return tally(
        Rows(
            entries=db.receptions(start=start.isoformat(), end=(end + timedelta(days=1)).isoformat()),
            sessions=db.sessions(start.isoformat(), end.isoformat()),
            dialogues=db.dialogues(start.isoformat(), (end + timedelta(days=1)).isoformat()),
            follow_ups=db.follow_ups(),
            flags=db.flag_counts(),
            disclosures=db.disclosures(),
        ),
        start,
        end,
        today,
    )
