"""What citizen reception hands the scorecard engine: plain records, no Qt, no SQL.

The desk (app.scorecard.desk_citizens) and the hub (app.province.registers) each turn their own
tables into these through one converter (app.citizens.tally.facts), so the engine counts the same
thing wherever it runs. Names, addresses and content never come here: only what is counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime


@dataclass(frozen=True)
class ReceptionFact:
    """One row of the 03/TCD register."""

    id: str
    received_at: datetime
    kind: str  # complaint | denunciation | recommendation | feedback (column 6)
    people_count: int = 1  # column 7
    matter_id: str = ""  # rows of one matter (several citizens) share it; "" : its own matter
    in_competence: bool = False  # column 9
    channel: str = "in_person"
    session_id: str = ""  # received at a leader's session ("" : the regular reception)
    outcome: str = "received"
    documents: bool = False  # handed in documents (02/TCD)
    opened: bool = False  # opened a feedback-register entry
    desk_id: str = ""
    commune: str = ""

    @property
    def matter(self) -> str:
        return self.matter_id or self.id


@dataclass(frozen=True)
class SessionFact:
    """A leader's reception day."""

    id: str
    day: date
    leader_role: str  # chair | party_secretary | vice_chair
    regular: bool = True
    mode: str = "in_person"
    status: str = "scheduled"  # scheduled | held | concluded | cancelled
    desk_id: str = ""
    commune: str = ""


@dataclass(frozen=True)
class DialogueFact:
    id: str
    held_at: datetime
    residents: int = 0
    desk_id: str = ""
    commune: str = ""


@dataclass(frozen=True)
class FollowUpFact:
    """What a conclusion or a dialogue left someone to do, by ``due``."""

    id: str
    assigned_on: date
    due: date
    done_at: datetime | None = None
    desk_id: str = ""
    commune: str = ""

    def overdue(self, today: date) -> bool:
        """Open past its day, or done after it (app.citizens.records.FollowUp.overdue)."""
        if self.done_at is not None:
            return self.done_at.date() > self.due
        return today > self.due


@dataclass(frozen=True)
class FlagFact:
    """A flag in force on a register entry (feedback or reception)."""

    entry_id: str
    flag: str  # mass | multi_level | long_running | land
    desk_id: str = ""
    commune: str = ""


@dataclass(frozen=True)
class PostingFact:
    """A public disclosure: the day it went up and the day it came down (None: still up)."""

    posted_on: date
    taken_down_on: date | None = None
    commune: str = ""


@dataclass(frozen=True)
class CitizenRecords:
    """A store's citizen reception, as the engine reads it. Receptions, sessions and dialogues may
    be the period's only; follow-ups, flags and postings are all of them (the engine picks)."""

    receptions: Sequence[ReceptionFact] = ()
    sessions: Sequence[SessionFact] = ()
    dialogues: Sequence[DialogueFact] = ()
    follow_ups: Sequence[FollowUpFact] = ()
    flags: Sequence[FlagFact] = ()
    postings: Sequence[PostingFact] = ()

    @classmethod
    def joined(cls, parts: Sequence[CitizenRecords]) -> CitizenRecords:
        """Several communes' records as one (the province's)."""
        return cls(**{f.name: [x for p in parts for x in getattr(p, f.name)] for f in fields(cls)})
