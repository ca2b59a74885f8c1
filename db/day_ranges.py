"""Days first..last as whole months and the odd days at either end, for counters kept by day and by
month (the desk's db/scorecard_store.py and the hub's db/hub/scorecard_store.py). Holds no store."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

Piece = tuple[Literal["day", "month"], str, str]


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def pieces(first_day: date, last_day: date) -> list[Piece]:
    """("day", first, last) ranges of ISO days and ("month", first, last) ranges of "YYYY-MM" months."""
    whole_from = first_day if first_day.day == 1 else _next_month(first_day)
    whole_to = _next_month(last_day) - timedelta(days=1)
    whole_to = whole_to if whole_to == last_day else last_day.replace(day=1) - timedelta(days=1)
    if whole_from > whole_to:
        return [("day", first_day.isoformat(), last_day.isoformat())]
    found: list[Piece] = []
    if first_day < whole_from:
        found.append(("day", first_day.isoformat(), (whole_from - timedelta(days=1)).isoformat()))
    found.append(("month", whole_from.isoformat()[:7], whole_to.isoformat()[:7]))
    if whole_to < last_day:
        found.append(("day", (whole_to + timedelta(days=1)).isoformat(), last_day.isoformat()))
    return found
