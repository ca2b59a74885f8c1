"""Citizen satisfaction ratings ("Chính quyền thân thiện, vì nhân dân phục vụ").

A rating is immutable once given (no update or delete here, and triggers refuse them in the store),
at most one per dossier, and a desk takes no new rating within a short cooldown, against a
finger resting on the touch screen. The scale is configuration (4 levels by default, 3 or 5):
each rating keeps its level's key and whether it counted as satisfied, so changing the scale never
rewrites past figures.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any, Literal

from app.core import history, paths, textcheck
from app.core.clock import Clock, iso, parse_iso
from app.core.errors import MotcuaError, NotFound, PermissionDenied, ValidationError
from app.core.records import Clerk, DeskIdentity
from app.scorecard import desk_counters
from db.account_store import AccountStore
from db.catalogue_store import CatalogueStore
from db.dossier_store import DossierStore
from db.feedback_store import FeedbackStore
from db.ids import new_id
from db.store import Store

SCALE_FILE = "rating_scale.json"
SCALE_META = "rating_scale"
COOLDOWN_META = "rating_cooldown_seconds"
DEFAULT_COOLDOWN = 5.0

Period = Literal["month", "quarter", "year"]
GroupBy = Literal["month", "quarter", "year", "procedure", "clerk"]


class AlreadyRated(MotcuaError):
    """The dossier already has its one rating."""


class RatingTooSoon(MotcuaError):
    """A rating came within the cooldown of the previous one at this desk."""


@dataclass(frozen=True)
class Level:
    number: int  # 1 = best, as the keyboard digit on the screen
    key: str
    vi: str
    en: str
    satisfied: bool
    mood: int  # 2 = broad smile … -2 = frown: how the screen draws the face

    def label(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


@dataclass(frozen=True)
class Scale:
    id: str
    levels: tuple[Level, ...]

    def level(self, number: int) -> Level:
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= len(self.levels):
            raise ValidationError(
                f"Mức đánh giá phải từ 1 đến {len(self.levels)}.",
                f"The rating must be from 1 to {len(self.levels)}.",
                field="level",
            )
        return self.levels[number - 1]


@dataclass(frozen=True)
class Element:
    key: str
    vi: str
    en: str

    def label(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


@cache
def _config() -> dict[str, Any]:
    return json.loads(paths.resource(SCALE_FILE).read_text(encoding="utf-8"))


def scales() -> dict[str, Scale]:
    found = {}
    for scale_id, items in _config()["scales"].items():
        levels = tuple(
            Level(i, d["key"], d["vi"], d["en"], bool(d["satisfied"]), int(d.get("mood", 0)))
            for i, d in enumerate(items, start=1)
        )
        found[scale_id] = Scale(scale_id, levels)
    return found


def default_scale_id() -> str:
    return str(_config()["default"])


def elements() -> tuple[Element, ...]:
    """The five SIPAS elements: access, procedure, officials, result, feedback handling."""
    return tuple(Element(d["key"], d["vi"], d["en"]) for d in _config()["elements"])


@dataclass(frozen=True)
class Rating:
    id: str
    dossier_id: str | None
    dossier_code: str | None
    procedure_code: str | None
    clerk_id: str | None
    scale: str
    level: int
    level_key: str
    satisfied: bool
    rated_at: datetime
    desk_id: str
    elements: dict[str, int] = field(default_factory=dict)
    comment: str = ""
    created_at: str = ""


def rating_from_row(row: Mapping[str, Any]) -> Rating:
    return Rating(
        id=row["id"],
        dossier_id=row["dossier_id"],
        dossier_code=row["dossier_code"],
        procedure_code=row["procedure_code"],
        clerk_id=row["clerk_id"],
        scale=row["scale"],
        level=row["level"],
        level_key=row["level_key"],
        satisfied=bool(row["satisfied"]),
        rated_at=parse_iso(row["rated_at"]),
        desk_id=row["desk_id"],
        elements=json.loads(row["elements"]),
        comment=row["comment"],
        created_at=row["created_at"],
    )


@dataclass(frozen=True)
class RatingFigure:
    key: str
    label: str
    total: int
    satisfied: int
    counts: dict[str, int]  # level key -> count

    @property
    def share_satisfied(self) -> float | None:
        return self.satisfied / self.total if self.total else None


@dataclass(frozen=True)
class Response:
    rated: int  # dossiers rated
    declined: int  # dossiers whose citizen closed the screen (or let it time out) and never rated

    @property
    def rate(self) -> float | None:
        offered = self.rated + self.declined
        return self.rated / offered if offered else None


def period_key(day: date, period: Period) -> str:
    if period == "month":
        return f"{day:%Y-%m}"
    if period == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}"


class RatingService:
    def __init__(self, store: Store, clock: Clock, desk: DeskIdentity, *, cooldown: float | None = None) -> None:
        self.store = store
        self.db = FeedbackStore(store)
        self.clock = clock
        self.desk = desk
        self._cooldown = cooldown

    # Configuration

    @property
    def scale(self) -> Scale:
        return scales().get(self.store.get_meta(SCALE_META) or default_scale_id()) or scales()[default_scale_id()]

    def set_scale(self, scale_id: str, clerk: Clerk) -> Scale:
        if not clerk.can("leader", "admin"):
            raise PermissionDenied(
                "Chỉ lãnh đạo hoặc quản trị viên được đổi thang đánh giá.",
                "Only a leader or an administrator may change the rating scale.",
            )
        if scale_id not in scales():
            raise ValidationError(
                f"Thang đánh giá phải là một trong: {', '.join(scales())}.",
                f"The rating scale must be one of: {', '.join(scales())}.",
                field="scale",
            )
        self.store.set_meta({SCALE_META: scale_id})
        return self.scale

    @property
    def cooldown(self) -> float:
        if self._cooldown is not None:
            return self._cooldown
        value = self.store.get_meta(COOLDOWN_META)
        try:
            return max(0.0, float(value)) if value is not None else DEFAULT_COOLDOWN
        except ValueError:
            return DEFAULT_COOLDOWN

    def cooldown_remaining(self) -> float:
        """Seconds before this desk takes another rating (0 when it may)."""
        last = self.db.last_rating_at(self.desk.desk_id)
        if last is None:
            return 0.0
        waited = (self.clock.now() - parse_iso(last)).total_seconds()
        return max(0.0, self.cooldown - waited)

    # Giving a rating

    def can_rate(self, dossier_id: str) -> bool:
        return self.db.rating_for_dossier(dossier_id) is None

    def rate(
        self,
        level: int,
        *,
        dossier: str | None = None,
        clerk_id: str | None = None,
        elements_given: Mapping[str, int] | None = None,
        comment: str = "",
    ) -> Rating:
        """Record one rating. ``dossier`` is a dossier code or id; without it the rating is anonymous."""
        scale = self.scale
        chosen = scale.level(level)
        given = self._elements(elements_given or {}, scale)
        comment = textcheck.field_text("rating", "comment", comment, label_vi="Góp ý", label_en="The comment")
        now = self.clock.now()
        stamp = iso(now)
        with self.store.transaction():
            remaining = self.cooldown_remaining()
            if remaining > 0:
                raise RatingTooSoon(
                    "Xin vui lòng chờ giây lát trước khi đánh giá tiếp.", "Please wait a moment before the next rating."
                )
            row: dict[str, Any] = {
                "id": new_id(),
                "dossier_id": None,
                "dossier_code": None,
                "procedure_code": None,
                "clerk_id": clerk_id,
                "scale": scale.id,
                "level": chosen.number,
                "level_key": chosen.key,
                "satisfied": int(chosen.satisfied),
                "elements": json.dumps(given, separators=(",", ":")),
                "comment": comment,
                "rated_at": stamp,
                "desk_id": self.desk.desk_id,
                "created_at": stamp,
            }
            if dossier:
                dossiers = DossierStore(self.store)
                found = dossiers.dossier_by_code(dossier) or dossiers.dossier_by_id(dossier)
                if found is None:
                    raise NotFound(f"Không có hồ sơ {dossier}.", f"There is no dossier {dossier}.", field="dossier")
                if not self.can_rate(found["id"]):
                    raise self._already(found["code"])
                row.update(
                    dossier_id=found["id"],
                    dossier_code=found["code"],
                    procedure_code=found["procedure_code"],
                    clerk_id=clerk_id or self._served_by(found),
                )
            try:
                self.db.insert_rating(row)
            except sqlite3.IntegrityError:
                # Another window of this desk rated the same dossier a moment earlier.
                raise self._already(row["dossier_code"]) from None
            history.record(self.store, history.RATING, dict(row, elements=given), at=stamp)
            desk_counters.follow_rating(self.store.conn, row, {k: scale.level(v).satisfied for k, v in given.items()})
        return rating_from_row(row)

    def decline(
        self, dossier: str, *, clerk_id: str | None = None, how: Literal["closed", "timeout"] = "closed"
    ) -> bool:
        """The citizen left the screen without a face: recorded once per dossier (False if it was rated or
        already declined), and synced like a rating so the response rate can be reported."""
        dossiers = DossierStore(self.store)
        found = dossiers.dossier_by_code(dossier) or dossiers.dossier_by_id(dossier)
        if found is None:
            raise NotFound(f"Không có hồ sơ {dossier}.", f"There is no dossier {dossier}.", field="dossier")
        stamp = iso(self.clock.now())
        with self.store.transaction():
            if not self.can_rate(found["id"]) or self.db.decline_for_dossier(found["id"]) is not None:
                return False
            row = {
                "id": new_id(),
                "dossier_id": found["id"],
                "dossier_code": found["code"],
                "procedure_code": found["procedure_code"],
                "clerk_id": clerk_id or self._served_by(found),
                "how": how,
                "declined_at": stamp,
                "desk_id": self.desk.desk_id,
                "created_at": stamp,
            }
            history.record(self.store, history.RATING_DECLINED, dict(row), write=lambda: self.db.insert_decline(row))
        return True

    def response(self, start: date, end: date) -> Response:
        """Of the dossiers whose citizen was offered the screen on days start..end, how many rated."""
        rated, declined = self.db.offers_between(start.isoformat(), (end + timedelta(days=1)).isoformat())
        return Response(rated, declined)

    @staticmethod
    def _already(code: str | None) -> AlreadyRated:
        return AlreadyRated(
            f"Hồ sơ {code} đã được đánh giá; mỗi hồ sơ chỉ được đánh giá một lần.",
            f"Dossier {code} has already been rated; each dossier is rated once.",
        )

    def _served_by(self, dossier: Mapping[str, Any]) -> str:
        """The clerk who returned the result, else the one who received the dossier."""
        returned = [e for e in DossierStore(self.store).events(dossier["id"]) if e["kind"] == "returned"]
        return returned[-1]["clerk_id"] if returned else dossier["clerk_id"]

    @staticmethod
    def _elements(given: Mapping[str, int], scale: Scale) -> dict[str, int]:
        known = {e.key for e in elements()}
        result = {}
        for key, value in given.items():
            if key not in known:
                raise ValidationError(
                    f"Không có tiêu chí đánh giá «{key}».", f"There is no rating element '{key}'.", field="elements"
                )
            result[key] = scale.level(value).number
        return result

    # Reading

    def get(self, rating_id: str) -> Rating:
        row = self.db.rating(rating_id)
        if row is None:
            raise NotFound("Không tìm thấy đánh giá.", "The rating was not found.", field="rating")
        return rating_from_row(row)

    def for_dossier(self, dossier_id: str) -> Rating | None:
        row = self.db.rating_for_dossier(dossier_id)
        return rating_from_row(row) if row else None

    def between(self, start: date, end: date) -> list[Rating]:
        """Ratings given on days start..end (inclusive, local)."""
        return [
            rating_from_row(r)
            for r in self.db.ratings_between(start.isoformat(), (end + timedelta(days=1)).isoformat())
        ]

    # Figures

    def figures(self, start: date, end: date, by: GroupBy = "month", lang: str = "vi") -> list[RatingFigure]:
        """Satisfaction (share of the satisfied levels) per period, per procedure or per clerk."""
        groups: dict[str, list[Rating]] = {}
        for rating in self.between(start, end):
            groups.setdefault(self._group(rating, by), []).append(rating)
        labels = self._labels(by, lang)
        result = []
        for key in sorted(groups):
            items = groups[key]
            result.append(
                RatingFigure(
                    key=key,
                    label=labels.get(key, key),
                    total=len(items),
                    satisfied=sum(r.satisfied for r in items),
                    counts=dict(Counter(r.level_key for r in items)),
                )
            )
        return result

    def overall(self, start: date, end: date) -> RatingFigure:
        items = self.between(start, end)
        return RatingFigure(
            key="all",
            label="",
            total=len(items),
            satisfied=sum(r.satisfied for r in items),
            counts=dict(Counter(r.level_key for r in items)),
        )

    def element_figures(self, start: date, end: date, lang: str = "vi") -> list[RatingFigure]:
        """The SIPAS follow-up: per element, how many answered and how many were satisfied."""
        items = self.between(start, end)
        all_scales = scales()
        result = []
        for element in elements():
            answered = [(r, r.elements[element.key]) for r in items if element.key in r.elements]
            satisfied = sum(all_scales[r.scale].level(v).satisfied for r, v in answered if r.scale in all_scales)
            counts = Counter(all_scales[r.scale].level(v).key for r, v in answered if r.scale in all_scales)
            result.append(RatingFigure(element.key, element.label(lang), len(answered), satisfied, dict(counts)))
        return result

    @staticmethod
    def _group(rating: Rating, by: GroupBy) -> str:
        if by in ("month", "quarter", "year"):
            return period_key(rating.rated_at.date(), by)  # type: ignore[arg-type]
        if by == "procedure":
            return rating.procedure_code or ""
        return rating.clerk_id or ""

    def _labels(self, by: GroupBy, lang: str) -> dict[str, str]:
        none = "(không gắn hồ sơ)" if lang != "en" else "(no dossier)"
        if by == "procedure":
            procedures = CatalogueStore(self.store).procedures(active_only=False)
            return {"": none, **{p["code"]: f"{p['code']} {p['name']}" for p in procedures}}
        if by == "clerk":
            return {"": none, **{c["id"]: c["full_name"] for c in AccountStore(self.store).clerks()}}
        return {}
