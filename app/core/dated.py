"""Dated rules: the law moves by decree, so each rule says from when it applies.

Shared by the on-time rule, the apology rule and the portal feedback deadlines: read a list of rules
from a resource file (or take one given), order it by ``effective_from``, pick the one in force.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TypeVar

from app.core import paths


class Dated(Protocol):
    effective_from: date


R = TypeVar("R", bound=Dated)


def read_rules(
    source: Path | Sequence[Mapping[str, Any]] | None,
    resource: str,
    key: str,
    build: Callable[[Mapping[str, Any]], R],
) -> tuple[R, ...]:
    """The rules under ``key`` of ``source`` (a file, or the shipped ``resource``), or the given list."""
    if source is None or isinstance(source, Path):
        items = json.loads((source or paths.resource(resource)).read_text(encoding="utf-8"))[key]
    else:
        items = source
    return tuple(sorted((build(r) for r in items), key=lambda r: r.effective_from))


def in_force(on: date, ordered: Iterable[R]) -> R:
    """The rule in force on ``on``; a day older than every rule takes the first one."""
    ordered = tuple(ordered)
    chosen = ordered[0]
    for rule in ordered:
        if rule.effective_from <= on:
            chosen = rule
    return chosen
