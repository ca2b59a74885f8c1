"""Which backups to keep (pure rules): the newest of each of the last 7 days, 4 weeks and 12 months
that have a backup, and always the newest one. Names carry the moment, so the folder is the list."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.core.worktime import VN_TZ

DAILY, WEEKLY, MONTHLY = 7, 4, 12
ENCRYPTED_SUFFIX, PLAIN_SUFFIX = ".mcbak", ".sqlite3"
_NAME = re.compile(
    r"^motcua-(?P<commune>[A-Za-z0-9.]+)-(?P<desk>\d+)-(?P<stamp>\d{8}-\d{6})(?P<suffix>\.mcbak|\.sqlite3)$"
)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    encrypted: bool


def file_name(commune: str, desk_no: int, taken_at: datetime, encrypted: bool) -> str:
    stamp = taken_at.astimezone(VN_TZ).strftime("%Y%m%d-%H%M%S")
    return f"motcua-{commune}-{desk_no:02d}-{stamp}{ENCRYPTED_SUFFIX if encrypted else PLAIN_SUFFIX}"


def parse(path: Path, commune: str, desk_no: int) -> BackupFile | None:
    """This desk's backup named by ``file_name``; anything else in the folder is not ours to touch."""
    found = _NAME.match(path.name)
    if not found or found["commune"] != commune or int(found["desk"]) != desk_no:
        return None
    taken_at = datetime.strptime(found["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=VN_TZ)
    return BackupFile(path, taken_at, found["suffix"] == ENCRYPTED_SUFFIX)


def _newest_per(files: list[BackupFile], period: Callable[[datetime], object], count: int) -> set[Path]:
    kept: dict[object, BackupFile] = {}
    for item in files:  # newest first: the first of each period is its newest
        key = period(item.taken_at)
        if key not in kept:
            if len(kept) == count:
                break
            kept[key] = item
    return {item.path for item in kept.values()}


def to_keep(files: Iterable[BackupFile]) -> set[Path]:
    ordered = sorted(files, key=lambda f: f.taken_at, reverse=True)
    if not ordered:
        return set()
    keep = {ordered[0].path}
    keep |= _newest_per(ordered, lambda t: t.date(), DAILY)
    keep |= _newest_per(ordered, lambda t: t.isocalendar()[:2], WEEKLY)
    keep |= _newest_per(ordered, lambda t: (t.year, t.month), MONTHLY)
    return keep
