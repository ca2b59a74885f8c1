"""The clock is a side effect: services take one so tests can fix time."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.core.worktime import VN_TZ


class Clock:
    def now(self) -> datetime:
        return datetime.now(VN_TZ).replace(microsecond=0)


class FixedClock(Clock):
    """A clock that stands still until moved; for tests and demo data."""

    def __init__(self, at: datetime) -> None:
        self.at = at if at.tzinfo else at.replace(tzinfo=VN_TZ)

    def now(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> datetime:
        self.at = self.at + timedelta(**delta)
        return self.at


def iso(moment: datetime) -> str:
    """Local ISO 8601 with offset, seconds precision: the form every timestamp is stored in."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VN_TZ)
    return moment.astimezone(VN_TZ).isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=VN_TZ)
