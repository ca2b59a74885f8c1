"""What the scorecard engine reads and what it gives back: plain records, no Qt, no SQL.

The desk and the hub each turn their own store into these records (the desk through
``app.scorecard.desk_source``), so one engine gives one answer for one commune wherever it runs.
``None`` in an input means "not recorded here" (no data), never zero: an indicator that rests on it
is reported as no data, not as 0 points and not as full points.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal

from app.core.worktime import VN_TZ
from app.reception.records import DossierEvent
from app.scorecard.citizen_facts import CitizenRecords

UnitLevel = Literal["desk", "commune", "province"]
Status = Literal["ok", "no_data", "empty"]


@dataclass(frozen=True)
class Unit:
    """Who is scored: one desk (by desk id), one commune (by code) or the whole province."""

    level: UnitLevel
    code: str = ""  # desk id, commune code; "" for the province
    name: str = ""
    agency: str = ""


@dataclass(frozen=True)
class Period:
    """Local days ``start``..``end``, both included."""

    start: date
    end: date

    @property
    def first_moment(self) -> datetime:
        return datetime.combine(self.start, time.min, VN_TZ)

    @property
    def last_moment(self) -> datetime:
        """The last instant of the last day (what 'judged at the last day of the period' means)."""
        return datetime.combine(self.end + timedelta(days=1), time.min, VN_TZ) - timedelta(microseconds=1)

    def holds(self, moment: datetime) -> bool:
        return self.start <= moment.astimezone(VN_TZ).date() <= self.end


# Inputs


@dataclass(frozen=True)
class DossierFacts:
    """One dossier as the engine needs it: its reception, its procedure and its immutable events."""

    id: str
    code: str
    procedure_code: str
    legal_time: str  # as LegalTime.__str__: "3", "0", "half"
    channel: str  # direct | online | post (portal channels 1, 2, 3)
    received_at: datetime
    events: tuple[DossierEvent, ...] = ()
    procedure_name: str = ""
    clerk_id: str = ""
    desk_id: str = ""
    commune: str = ""
    synced: bool | None = None  # reached the portal (via the hub); None: not known here
    identity_check: str | None = None  # "", "vneid", "population"; None: not recorded here
    paper_result: bool | None = None  # the procedure issues a paper result; None: not known
    fee_due: bool | None = None  # the procedure carries a non-zero fee; None: not known


@dataclass(frozen=True)
class Attachment:
    """A file attached to a dossier (issue 14): to one of its documents, or as its result."""

    dossier_id: str
    result: bool = False
    document_no: int | None = None
    reused: bool = False  # a component marked as reused digitised data (4.3)
    from_citizen_store: bool = False  # taken from the citizen's store on the portal, or linked to it (4.4)


@dataclass(frozen=True)
class Payment:
    """A fee paid (issue 14). ``channel``: cash, transfer (VietQR), portal (portal or province gateway)."""

    dossier_id: str
    amount: int
    channel: str
    paid_at: datetime


@dataclass(frozen=True)
class RatingFact:
    """A counter rating (the Friendly Government screen), or a dossier whose citizen declined it."""

    id: str
    at: datetime
    dossier_id: str | None = None
    desk_id: str = ""
    commune: str = ""
    clerk_id: str = ""
    procedure_code: str = ""
    declined: bool = False
    level_key: str = ""
    satisfied: bool = False
    elements: Mapping[str, bool] = field(default_factory=dict)  # SIPAS element -> satisfied


@dataclass(frozen=True)
class FeedbackFact:
    """One register entry: feedback (PAKN), complaint, denunciation or citizen reception."""

    id: str
    number: str
    kind: str  # feedback | complaint | denunciation | reception
    received_at: datetime
    channel: str = "in_person"  # "online": came through the national portal (PAKN, indicator 5.2)
    dossier_id: str | None = None
    desk_id: str = ""
    commune: str = ""
    accept_due: date | None = None  # the entry's own legal deadlines (dated register rules)
    forward_due: date | None = None
    resolve_due: date | None = None
    answered_at: datetime | None = None
    forwarded_at: datetime | None = None
    closed_at: datetime | None = None
    accepted_at: datetime | None = None  # thụ lý: the matter is within the commune's competence
    disliked: bool | None = None  # the citizen disliked the answer on the portal; None: not known here
    repeated: bool | None = None  # raised again about the result; None: not known here

    @property
    def handled_at(self) -> datetime | None:
        return self.answered_at or self.forwarded_at or self.closed_at


@dataclass(frozen=True)
class Records:
    """Everything a unit's scorecard is computed from. ``None``: that kind of record is not kept here."""

    dossiers: Sequence[DossierFacts] = ()
    ratings: Sequence[RatingFact] = ()
    feedback: Sequence[FeedbackFact] = ()
    attachments: Sequence[Attachment] | None = None
    payments: Sequence[Payment] | None = None
    citizens: CitizenRecords | None = None  # citizen reception (the periodic report); None: not here


# Results


@dataclass(frozen=True)
class IndicatorResult:
    id: str
    name_vi: str
    name_en: str
    status: Status  # ok; no_data (an input is not recorded); empty (nothing to measure: denominator 0)
    value: float | None  # a share between 0 and 1
    points: float | None
    max_points: float
    threshold: float
    numerator: int | None = None
    denominator: int | None = None
    assumption: bool = False
    note: str = ""  # why no data, or what the figure leaves out
    # Codes / numbers of the records that cost points, where a list helps (2.1, 3.6, 4.1-4.4, 5.2-5.4);
    # 1.4 and 4.5 give the number only (nearly every dossier of a commune that has not started).
    lost: tuple[str, ...] = ()

    def name(self, lang: str = "vi") -> str:
        return self.name_en if lang == "en" else self.name_vi

    @property
    def lost_count(self) -> int:
        """How many records cost points: what the share leaves out where the list is capped or not kept
        (1.4, 2.1, 4.5, 5.4: for 5.4 a dossier both late and complained about counts twice, as in the
        formula), else the list's length."""
        if self.id in ("1.4", "2.1", "4.5", "5.4"):
            return (self.denominator or 0) - (self.numerator or 0)
        return len(self.lost)

    @property
    def points_lost(self) -> float | None:
        return None if self.points is None else round(self.max_points - self.points, 4)


@dataclass(frozen=True)
class Breakdown:
    """One row of a per-procedure, per-clerk or per-month table."""

    key: str
    label: str
    received: int = 0
    ended: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    in_progress: int = 0
    overdue_now: int = 0
    ratings: int = 0
    satisfied: int = 0


@dataclass(frozen=True)
class Scorecard:
    unit: Unit
    period: Period
    as_of: datetime
    rules_from: date
    counts: Mapping[str, int | None]
    by_channel: Mapping[str, int]
    ratings_by_level: Mapping[str, int]
    ratings_by_element: Mapping[str, tuple[int, int]]  # element -> (answered, satisfied)
    indicators: tuple[IndicatorResult, ...]
    by_procedure: tuple[Breakdown, ...] = ()
    by_clerk: tuple[Breakdown, ...] = ()
    by_month: tuple[Breakdown, ...] = ()
    # The periodic report on reception, complaints, denunciations and feedback (app.scorecard.periodic);
    # None where the source hands the engine no citizen reception.
    citizens: Mapping[str, int] | None = None

    @property
    def score(self) -> float:
        """The sum of the points the records decide (what a commune is sorted by)."""
        return round(sum(i.points for i in self.indicators if i.points is not None), 4)

    @property
    def reachable(self) -> float:
        """The most those same indicators could give."""
        return round(sum(i.max_points for i in self.indicators if i.status == "ok"), 4)

    def indicator(self, indicator_id: str) -> IndicatorResult:
        return next(i for i in self.indicators if i.id == indicator_id)
