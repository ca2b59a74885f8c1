"""Which levels of each rating scale count as satisfied (resources/rating_scale.json), read without the
desk's rating service, so the hub can read ratings too."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any

from app.core import paths

SCALE_FILE = "rating_scale.json"


@cache
def _satisfied() -> dict[str, tuple[bool, ...]]:
    data = json.loads(paths.resource(SCALE_FILE).read_text(encoding="utf-8"))
    return {scale: tuple(bool(level["satisfied"]) for level in levels) for scale, levels in data["scales"].items()}


def elements_satisfied(scale: str, given: Mapping[str, Any]) -> dict[str, bool]:
    """SIPAS element -> satisfied, from the level numbers (1 = best) a citizen gave on ``scale``."""
    levels = _satisfied().get(str(scale))
    if levels is None:
        return {}
    return {
        key: levels[value - 1]
        for key, value in given.items()
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= len(levels)
    }
