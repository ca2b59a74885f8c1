"""Citizen reception's counts for a period (``motcua reception figures``): the scorecard engine's own
count (app.scorecard.periodic), over the desk's records (app.scorecard.desk_citizens); the periodic
report (``motcua report``) places the same figures beside the complaints and feedback registers'.
"""

from __future__ import annotations

from datetime import date

from app.scorecard import desk_citizens, periodic
from db.store import Store


def counts(store: Store, start: date, end: date, today: date) -> dict[str, int]:
    """Counts for [start, end] (dates, inclusive); flags are those in force now; ``today`` judges overdue."""
    return periodic.reception_counts(desk_citizens.records(store, start, end), start, end, today)
