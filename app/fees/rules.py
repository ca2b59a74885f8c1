"""Fee rules: what a procedure costs, as data (resources/fee_rules.json, importable), computed here.

Four kinds (DOMAIN.md, "Common commune procedures"):
- ``none``: no fee (marriage, guardianship);
- ``fixed``: one amount per case, contract or copy (signature certification 10,000 đ); ``amount`` null
  means the province sets it and the clerk enters it;
- ``per_page``: tiers by page number and a cap per copy (certified copies: 2,000 đ a page for the first
  two, 1,000 đ from page 3, at most 200,000 đ a copy), times the number of copies;
- ``waived_in_time``: free when the event (a birth, a death) is registered within ``period_days`` of
  it; after that ``late_amount`` (null: the province's rate, entered by the clerk).

Rules are dated (``valid_from`` inclusive, ``valid_to`` exclusive) and carry their legal source, so a
dossier keeps the rule of the day it was received. Pure: no store, no Qt.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from app.core import paths
from app.core.errors import ValidationError

KINDS = ("none", "fixed", "per_page", "waived_in_time")
UNITS: dict[str, tuple[str, str]] = {
    "case": ("trường hợp", "case"),
    "contract": ("hợp đồng", "contract"),
    "copy": ("bản", "copy"),
}
MAX_AMOUNT = 100_000_000  # a commune fee far above this is a typing slip


def money(amount: int | None, lang: str = "vi") -> str:
    """``5.000 đ`` (Vietnamese groups thousands with dots); None: the province's rate."""
    if amount is None:
        return "theo mức của tỉnh" if lang == "vi" else "the province's rate"
    if lang == "vi":
        return f"{amount:,} đ".replace(",", ".")
    return f"{amount:,} VND"


class BadFeeRule(ValidationError):
    def __init__(self, procedure: str, what: str) -> None:
        super().__init__(
            f"Quy tắc lệ phí của thủ tục {procedure} không hợp lệ ({what}).",
            f"The fee rule of procedure {procedure} is not valid ({what}).",
            field="fee_rule",
        )


@dataclass(frozen=True)
class Tier:
    from_page: int
    amount: int


@dataclass(frozen=True)
class FeeRule:
    procedure: str
    valid_from: date
    valid_to: date | None
    kind: str
    source: str = ""
    amount: int | None = None  # fixed
    unit: str = "case"
    tiers: tuple[Tier, ...] = ()  # per_page, ascending from page 1
    cap: int | None = None  # per_page: most a copy can cost
    period_days: int = 0  # waived_in_time
    event: str = ""  # waived_in_time: birth, death
    late_amount: int | None = None

    def applies_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    def to_json(self) -> dict[str, Any]:
        """The rule as stored in ``fee_rules.rule`` and snapshotted in each dossier's fee."""
        body: dict[str, Any] = {"kind": self.kind}
        if self.kind == "fixed":
            body.update(amount=self.amount, unit=self.unit)
        elif self.kind == "per_page":
            body.update(
                unit=self.unit, tiers=[{"from_page": t.from_page, "amount": t.amount} for t in self.tiers], cap=self.cap
            )
        elif self.kind == "waived_in_time":
            body.update(period_days=self.period_days, event=self.event, late_amount=self.late_amount)
        return body

    def describe(self, lang: str = "vi") -> str:
        """The rule in words, as the reception form shows it beside the amount."""
        vi = lang == "vi"
        unit = UNITS.get(self.unit, (self.unit, self.unit))[0 if vi else 1]
        if self.kind == "none":
            return "Miễn phí" if vi else "Free"
        if self.kind == "fixed":
            return f"{money(self.amount, lang)}/{unit}"
        if self.kind == "per_page":
            parts = []
            for i, tier in enumerate(self.tiers):
                if i == 0:
                    parts.append(f"{money(tier.amount, lang)}/{'trang' if vi else 'page'}")
                else:
                    parts.append(
                        f"từ trang {tier.from_page}: {money(tier.amount, lang)}/trang"
                        if vi
                        else f"from page {tier.from_page}: {money(tier.amount, lang)}/page"
                    )
            if self.cap is not None:
                parts.append(
                    f"tối đa {money(self.cap, lang)}/{unit}" if vi else f"at most {money(self.cap, lang)}/{unit}"
                )
            return ", ".join(parts)
        late = money(self.late_amount, lang)
        if vi:
            event = _EVENTS_VI.get(self.event, "sự kiện")
            return f"Miễn phí nếu đăng ký trong {self.period_days} ngày kể từ ngày {event}; quá hạn: {late}"
        return f"Free if registered within {self.period_days} days of the {self.event or 'event'}; late: {late}"


_EVENTS_VI = {"birth": "sinh", "death": "chết"}


@dataclass(frozen=True)
class FeeInputs:
    """What some rules need to know beyond the procedure: pages and copies, the date of the event."""

    pages: int = 1
    copies: int = 1
    event_date: date | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"pages": self.pages, "copies": self.copies}
        if self.event_date is not None:
            out["event_date"] = self.event_date.isoformat()
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FeeInputs:
        event = data.get("event_date")
        return cls(
            pages=int(data.get("pages") or 1),
            copies=int(data.get("copies") or 1),
            event_date=date.fromisoformat(event) if event else None,
        )


@dataclass(frozen=True)
class FeeQuote:
    """The fee a rule gives: ``amount`` None when the rule leaves it to the province's rate."""

    amount: int | None
    rule: FeeRule | None
    inputs: FeeInputs = field(default_factory=FeeInputs)
    why_vi: str = ""
    why_en: str = ""

    def why(self, lang: str = "vi") -> str:
        return self.why_en if lang == "en" else self.why_vi


def _int(value: Any, procedure: str, what: str, *, allow_none: bool = False) -> int | None:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_AMOUNT:
        raise BadFeeRule(procedure, what)
    return value


def parse_rule(procedure: str, valid_from: str, valid_to: str | None, body: Mapping[str, Any], source: str) -> FeeRule:
    """One rule from data (the resource file, a province import, a stored row); refuses what it cannot use."""
    try:
        start = date.fromisoformat(valid_from)
        end = date.fromisoformat(valid_to) if valid_to else None
    except (TypeError, ValueError):
        raise BadFeeRule(procedure, "valid_from/valid_to") from None
    if end is not None and end <= start:
        raise BadFeeRule(procedure, "valid_to")
    kind = body.get("kind")
    if kind not in KINDS:
        raise BadFeeRule(procedure, f"kind {kind!r}")
    unit = str(body.get("unit") or "case")
    if unit not in UNITS:
        raise BadFeeRule(procedure, f"unit {unit!r}")
    common = {
        "procedure": procedure,
        "valid_from": start,
        "valid_to": end,
        "kind": kind,
        "source": source,
        "unit": unit,
    }
    if kind == "none":
        return FeeRule(**common)
    if kind == "fixed":
        return FeeRule(**common, amount=_int(body.get("amount"), procedure, "amount", allow_none=True))
    if kind == "per_page":
        raw = body.get("tiers") or []
        tiers = tuple(
            Tier(
                int(_int(t.get("from_page"), procedure, "from_page") or 0),
                int(_int(t.get("amount"), procedure, "tier")),
            )
            for t in raw
        )
        if not tiers or tiers[0].from_page != 1 or any(a.from_page >= b.from_page for a, b in pairwise(tiers)):
            raise BadFeeRule(procedure, "tiers")
        return FeeRule(**common, tiers=tiers, cap=_int(body.get("cap"), procedure, "cap", allow_none=True))
    period = _int(body.get("period_days"), procedure, "period_days")
    if not period:
        raise BadFeeRule(procedure, "period_days")
    return FeeRule(
        **common,
        period_days=period,
        event=str(body.get("event") or ""),
        late_amount=_int(body.get("late_amount"), procedure, "late_amount", allow_none=True),
    )


def load(data: Mapping[str, Any]) -> list[FeeRule]:
    rules = []
    for item in data.get("rules") or []:
        rules.append(
            parse_rule(
                str(item.get("procedure") or ""),
                str(item.get("valid_from") or ""),
                item.get("valid_to"),
                item.get("rule") or {},
                str(item.get("source") or ""),
            )
        )
    return rules


def starter() -> list[FeeRule]:
    return load(json.loads(paths.resource("fee_rules.json").read_text(encoding="utf-8")))


def rule_on(rules: Iterable[FeeRule], procedure: str, day: date) -> FeeRule | None:
    """The procedure's rule in force that day (the latest start wins if a province left an overlap)."""
    found = [r for r in rules if r.procedure == procedure and r.applies_on(day)]
    return max(found, key=lambda r: r.valid_from) if found else None


def per_page_amount(tiers: Sequence[Tier], pages: int, cap: int | None) -> int:
    """One copy of ``pages`` pages: each page at the tier it falls in, then the cap."""
    total = 0
    for i, tier in enumerate(tiers):
        last = tiers[i + 1].from_page - 1 if i + 1 < len(tiers) else pages
        counted = max(0, min(pages, last) - tier.from_page + 1)
        total += counted * tier.amount
    return min(total, cap) if cap is not None else total


def compute(rule: FeeRule | None, inputs: FeeInputs, received: date) -> FeeQuote:
    """The fee by the rule; the explanation is what the clerk sees beside the amount."""
    if rule is None:
        return FeeQuote(
            None,
            None,
            inputs,
            "Danh mục chưa có quy tắc lệ phí cho thủ tục này.",
            "The catalogue has no fee rule for this procedure.",
        )
    if inputs.pages < 1 or inputs.copies < 1:
        raise ValidationError(
            "Số trang và số bản phải từ 1 trở lên.", "Pages and copies must be 1 or more.", field="pages"
        )
    if rule.kind == "none":
        return FeeQuote(0, rule, inputs, "Miễn phí.", "Free.")
    if rule.kind == "fixed":
        count = inputs.copies if rule.unit == "copy" else 1
        amount = None if rule.amount is None else rule.amount * count
        return FeeQuote(amount, rule, inputs, rule.describe("vi"), rule.describe("en"))
    if rule.kind == "per_page":
        one = per_page_amount(rule.tiers, inputs.pages, rule.cap)
        amount = one * inputs.copies
        capped = rule.cap is not None and one == rule.cap
        vi = f"{inputs.pages} trang × {inputs.copies} bản: {money(amount)}" + (
            " (đã tính mức tối đa)" if capped else ""
        )
        en = f"{inputs.pages} pages × {inputs.copies} copies: {money(amount, 'en')}" + (" (capped)" if capped else "")
        return FeeQuote(amount, rule, inputs, vi, en)
    # waived_in_time
    if inputs.event_date is None:
        return FeeQuote(
            0,
            rule,
            inputs,
            "Miễn phí nếu đúng hạn (chưa nhập ngày sự kiện: coi là đúng hạn).",
            "Free if in time (no event date entered: taken as in time).",
        )
    if inputs.event_date > received:
        raise ValidationError(
            "Ngày sự kiện không thể sau ngày tiếp nhận.",
            "The event date cannot be after the day received.",
            field="event_date",
        )
    days = (received - inputs.event_date).days
    if days <= rule.period_days:
        return FeeQuote(
            0,
            rule,
            inputs,
            f"Đúng hạn ({days}/{rule.period_days} ngày): miễn phí.",
            f"In time ({days}/{rule.period_days} days): free.",
        )
    return FeeQuote(
        rule.late_amount,
        rule,
        inputs,
        f"Quá hạn ({days} ngày, hạn {rule.period_days} ngày): {money(rule.late_amount)}.",
        f"Late ({days} days, limit {rule.period_days}): {money(rule.late_amount, 'en')}.",
    )
