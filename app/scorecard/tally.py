"""What the indicators are computed from: additive tallies of a period's dossiers and ratings.

The engine builds them from plain records; the desk's counters (app.scorecard.counters) build the same
tallies from sums kept in the store, so both paths end in the same scoring code (engine.finish).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

CHANNELS = ("direct", "online", "post")
# The dossiers that cost points are listed up to this many, first codes first (the count is whole).
LOST_LIST = 1000
ROW_FIELDS = (
    "received",
    "ended",
    "early",
    "on_time",
    "late",
    "in_progress",
    "overdue_now",
    "ratings",
    "satisfied",
)


@dataclass
class DossierTally:
    """2.1's population of one period: ended in it (by verdict and end kind) and running at its end."""

    received: Counter[str] = field(default_factory=Counter)  # channel -> dossiers received in the period
    ended: Counter[tuple[str, str]] = field(default_factory=Counter)  # (verdict, end kind) -> n
    running: int = 0
    running_late: int = 0
    waiting_supplement: int = 0
    synced: int | None = 0  # of the dossiers received in the period; None: not known
    identity_checked: int | None = 0  # received with VNeID or population data; None: not recorded
    online_counted: int | None = 0  # 3.3's numerator before the sync rate; None: cannot be told
    complained: int = 0  # of the population, dossiers with feedback or a complaint about them
    lost_late: list[str] = field(default_factory=list)  # codes, when the source lists them
    lost_complained: list[str] = field(default_factory=list)
    by_procedure: dict[str, Counter[str]] = field(default_factory=dict)
    by_clerk: dict[str, Counter[str]] = field(default_factory=dict)
    by_month: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def received_total(self) -> int:
        return sum(self.received.values())

    @property
    def ended_total(self) -> int:
        return sum(self.ended.values())

    @property
    def population(self) -> int:
        return self.ended_total + self.running

    @property
    def late(self) -> int:
        """Ended late and running late: what indicator 2.1 counts against the unit."""
        return sum(n for (verdict, _), n in self.ended.items() if verdict == "late") + self.running_late

    def verdicts(self) -> Counter[str]:
        found: Counter[str] = Counter()
        for (verdict, _), n in self.ended.items():
            found[verdict] += n
        return found

    def kinds(self) -> Counter[str]:
        found: Counter[str] = Counter()
        for (_, kind), n in self.ended.items():
            found[kind] += n
        return found

    def add(self, other: DossierTally) -> None:
        self.received.update(other.received)
        self.ended.update(other.ended)
        self.running += other.running
        self.running_late += other.running_late
        self.waiting_supplement += other.waiting_supplement
        self.synced = None if self.synced is None or other.synced is None else self.synced + other.synced
        self.identity_checked = (
            None
            if self.identity_checked is None or other.identity_checked is None
            else self.identity_checked + other.identity_checked
        )
        self.online_counted = (
            None
            if self.online_counted is None or other.online_counted is None
            else self.online_counted + other.online_counted
        )
        self.complained += other.complained
        for mine, theirs in (
            (self.lost_late, other.lost_late),
            (self.lost_complained, other.lost_complained),
        ):
            mine.extend(theirs)
        for mine_rows, their_rows in (
            (self.by_procedure, other.by_procedure),
            (self.by_clerk, other.by_clerk),
            (self.by_month, other.by_month),
        ):
            for key, row in their_rows.items():
                mine_rows.setdefault(key, Counter()).update(row)


@dataclass
class RatingTally:
    levels: Counter[str] = field(default_factory=Counter)
    satisfied: int = 0
    elements: dict[str, tuple[int, int]] = field(default_factory=dict)  # element -> (answered, satisfied)
    declined: int = 0
    offered: int = 0  # rated dossiers + declined dossiers

    @property
    def total(self) -> int:
        return sum(self.levels.values())
