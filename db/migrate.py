"""The one migration runner of the desk's store and the hub: numbered SQL files applied in order.

Each migration and the record of its version commit together (the caller's ``apply`` does both in
one transaction), so a crash leaves the database at a clean version. Shipped files are never edited;
a change is a new number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources

from db.errors import MigrationError, StoreNewerThanProgram


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def find(package: str) -> list[Migration]:
    """The ``NNNN_name.sql`` files shipped in ``package``, in order, numbered 1..n without gaps."""
    found: list[Migration] = []
    for entry in resources.files(package).iterdir():
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise MigrationError(f"migrations in {package} must be numbered 1..n without gaps, found {versions}")
    return found


def run(
    migrations: Sequence[Migration], current: int, apply: Callable[[Migration], None], *, target: int | None = None
) -> int:
    """Apply, in order, every migration above ``current`` up to ``target`` (all by default).

    Returns the version reached. A database newer than every migration shipped is refused: this
    program would misread it.
    """
    latest = len(migrations)
    if current > latest:
        raise StoreNewerThanProgram(current, latest)
    target = latest if target is None else target
    for migration in migrations:
        if current < migration.version <= target:
            apply(migration)
            current = migration.version
    return current
