"""The scorecard's dated configuration (resources/scorecard/decision_766.json): points and thresholds.

A period is scored by the version in force on its last day; a version never changes once shipped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from app.core import paths
from app.core.errors import ValidationError

CONFIG_FILE = ("scorecard", "decision_766.json")


@dataclass(frozen=True)
class IndicatorConfig:
    id: str
    vi: str
    en: str
    max_points: float
    threshold: float  # the share that earns full points
    assumption: bool


@dataclass(frozen=True)
class ScorecardConfig:
    effective_from: date
    source: str
    indicators: Mapping[str, IndicatorConfig]
    group_points: Mapping[str, float]

    def points(self, indicator_id: str, value: float) -> float:
        """Full points from the threshold up; below it, proportional (value x max / threshold)."""
        conf = self.indicators[indicator_id]
        share = min(1.0, max(0.0, value) / conf.threshold) if conf.threshold > 0 else 1.0
        return round(share * conf.max_points, 4)


def _invalid() -> ValidationError:
    return ValidationError(
        "Tệp cấu hình bộ chỉ số 766 không hợp lệ.",
        "The Decision 766 scorecard configuration is not valid.",
        field="rules",
    )


def _version(data: Mapping[str, Any]) -> ScorecardConfig:
    try:
        indicators = {
            key: IndicatorConfig(
                key, str(v["vi"]), str(v["en"]), float(v["max_points"]), float(v["threshold"]), bool(v["assumption"])
            )
            for key, v in data["indicators"].items()
        }
        return ScorecardConfig(
            effective_from=date.fromisoformat(data["effective_from"]),
            source=str(data["source"]),
            indicators=indicators,
            group_points={k: float(g["points"]) for k, g in data["groups"].items()},
        )
    except (KeyError, TypeError, ValueError):
        raise _invalid() from None


def load(source: Path | None = None) -> tuple[ScorecardConfig, ...]:
    path = source or paths.resource(*CONFIG_FILE)
    data = json.loads(path.read_text(encoding="utf-8"))
    versions = tuple(sorted((_version(v) for v in data["versions"]), key=lambda c: c.effective_from))
    if not versions:
        raise _invalid()
    return versions


@cache
def default_versions() -> tuple[ScorecardConfig, ...]:
    return load()


def for_day(day: date, versions: tuple[ScorecardConfig, ...] | None = None) -> ScorecardConfig:
    """The version in force on ``day`` (the first one for a day before them all)."""
    ordered = versions or default_versions()
    chosen = ordered[0]
    for version in ordered:
        if version.effective_from <= day:
            chosen = version
    return chosen
