"""A scorecard as the report object of ``motcua report --format json`` (shared/CLI.md) and as text.

``null`` marks what the records cannot decide ("no data": an input not recorded here, or nothing to
measure), never 0: a reader must not take it for a real figure. ``no_data`` lists those keys.
"""

from __future__ import annotations

from typing import Any

from app.core.clock import iso
from app.scorecard import periodic
from app.scorecard.records import Breakdown, IndicatorResult, Scorecard

MAX_CODES = 200  # dossiers listed per indicator in the JSON (the count is always whole)
TOTAL_POINTS = 100


def _indicator(result: IndicatorResult, lang: str) -> dict[str, Any]:
    return {
        "id": result.id,
        "name": result.name(lang),
        "value": result.value,
        "points": result.points,
        "max_points": result.max_points,
        "status": result.status,
        "points_lost": result.points_lost,
        "threshold": result.threshold,
        "numerator": result.numerator,
        "denominator": result.denominator,
        "assumption": result.assumption,
        "note": result.note,
        "lost": {"count": result.lost_count, "codes": list(result.lost[:MAX_CODES])},
    }


def _row(b: Breakdown) -> dict[str, Any]:
    return {
        "key": b.key,
        "label": b.label,
        "received": b.received,
        "ended": b.ended,
        "early": b.early,
        "on_time": b.on_time,
        "late": b.late,
        "in_progress": b.in_progress,
        "overdue_now": b.overdue_now,
        "ratings": b.ratings,
        "satisfied": b.satisfied,
    }


def to_json(card: Scorecard, lang: str = "vi") -> dict[str, Any]:
    counts: dict[str, Any] = {"received": card.counts["received"], "by_channel": dict(card.by_channel)}
    counts.update((k, v) for k, v in card.counts.items() if k != "received")
    offered = card.counts.get("ratings_offered") or 0
    rated_of_offered = offered - (card.counts.get("ratings_declined") or 0)
    unit: dict[str, Any] = {"agency": card.unit.agency, "commune": card.unit.code, "name": card.unit.name}
    if card.unit.level != "commune":
        unit = {**unit, "level": card.unit.level}
    return {
        "unit": unit,
        "period": {"from": card.period.start.isoformat(), "to": card.period.end.isoformat()},
        "as_of": iso(card.as_of),
        "rules_from": card.rules_from.isoformat(),
        "score": {"points": card.score, "reachable": card.reachable, "total": TOTAL_POINTS},
        "counts": counts,
        "ratings": {
            "by_level": dict(card.ratings_by_level),
            "by_element": {k: {"answered": a, "satisfied": s} for k, (a, s) in card.ratings_by_element.items()},
            "response_rate": round(rated_of_offered / offered, 6) if offered else None,
        },
        "indicators": [_indicator(i, lang) for i in card.indicators],
        "no_data": {
            "counts": [k for k, v in card.counts.items() if v is None],
            "indicators": [i.id for i in card.indicators if i.status == "no_data"],
        },
        "by_procedure": [_row(b) for b in card.by_procedure],
        "by_clerk": [_row(b) for b in card.by_clerk],
        "by_month": [_row(b) for b in card.by_month],
        # The periodic report on reception, complaints, denunciations and feedback (Circular 02/2021
        # shape, app.scorecard.periodic); null where the source holds no citizen reception.
        "citizens": None if card.citizens is None else dict(card.citizens),
    }


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.2f} %"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


COUNT_LABELS = (
    ("received", "Tiếp nhận mới", "Received"),
    ("carried_over", "Kỳ trước chuyển sang", "Carried over"),
    ("ended", "Đã giải quyết", "Ended"),
    ("early", "  trước hạn", "  early"),
    ("on_time", "  đúng hạn", "  on time"),
    ("late", "  quá hạn", "  late"),
    ("refused", "  trong đó từ chối", "  of which refused"),
    ("withdrawn", "  trong đó rút hồ sơ", "  of which withdrawn"),
    ("stopped", "  trong đó dừng giải quyết", "  of which stopped"),
    ("in_progress", "Đang giải quyết", "In progress"),
    ("in_progress_on_time", "  trong hạn", "  within the date"),
    ("overdue_now", "  quá hạn", "  overdue"),
    ("ratings", "Lượt đánh giá tại quầy", "Counter ratings"),
    ("satisfied", "  hài lòng", "  satisfied"),
    ("feedback", "Phản ánh, kiến nghị", "Feedback"),
    ("feedback_on_time", "  xử lý đúng hạn", "  handled on time"),
    ("portal_feedback", "PAKN qua Cổng DVCQG (chỉ số 5.2)", "Portal feedback (indicator 5.2)"),
    ("portal_feedback_on_time", "  đúng hạn", "  on time"),
    ("complaints", "Khiếu nại", "Complaints"),
    ("denunciations", "Tố cáo", "Denunciations"),
)


def periodic_text(card: Scorecard, lang: str = "vi") -> str:
    """The periodic report on reception, complaints, denunciations and feedback, one figure a line."""
    en = lang == "en"
    lines = [
        f"{card.unit.name} ({card.unit.agency or card.unit.code})",
        ("Period" if en else "Kỳ") + f": {card.period.start:%d/%m/%Y} – {card.period.end:%d/%m/%Y}",
    ]
    figures = card.citizens or {}
    for key, vi, english, level in periodic.ROWS:
        label = english if en else vi
        if level == 0:
            lines += ["", label]
        else:
            value = figures.get(key)
            lines.append(f"{'  ' * level}{label:<{52 - 2 * level}} {'—' if value is None else value:>8}")
    return "\n".join(lines) + "\n"


def to_text(card: Scorecard, lang: str = "vi") -> str:
    en = lang == "en"
    lines = [
        f"{card.unit.name} ({card.unit.agency or card.unit.code})",
        ("Period" if en else "Kỳ") + f": {card.period.start:%d/%m/%Y} – {card.period.end:%d/%m/%Y}",
        ("Score" if en else "Điểm")
        + f": {card.score:.2f} / {card.reachable:g}"
        + (" (of the points the records decide; 100 in all)" if en else " (trên số điểm dữ liệu quyết định; tổng 100)"),
        "",
    ]
    for indicator in card.indicators:
        status = {"no_data": "no data" if en else "chưa có dữ liệu", "empty": "N/A"}.get(indicator.status, "")
        lines.append(
            f"{indicator.id:<4} {indicator.name(lang)[:58]:<58} {_pct(indicator.value):>9} "
            f"{_num(indicator.points):>7}/{indicator.max_points:g} {status}".rstrip()
        )
    lines.append("")
    for key, vi, english in COUNT_LABELS:
        value = card.counts.get(key)
        lines.append(f"{english if en else vi:<34} {'—' if value is None else value:>8}")
    channels = ", ".join(f"{k}: {v}" for k, v in card.by_channel.items())
    lines.append(("By channel" if en else "Theo kênh") + f": {channels}")
    return "\n".join(lines) + "\n"
