"""Records every capability shares: clerks, the desk's identity, bilingual labels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ROLES: dict[str, tuple[str, str]] = {
    "clerk": ("Cán bộ tiếp nhận", "Reception clerk"),
    "leader": ("Lãnh đạo", "Leader"),
    "admin": ("Quản trị", "Administrator"),
}


def label(table: dict[str, tuple[str, str]], key: str, lang: str = "vi") -> str:
    vi, en = table.get(key, (key, key))
    return en if lang == "en" else vi


@dataclass(frozen=True)
class Clerk:
    id: str
    username: str
    full_name: str
    role: Literal["clerk", "leader", "admin"]
    active: bool = True

    def can(self, *roles: str) -> bool:
        return self.role in roles


@dataclass(frozen=True)
class DeskIdentity:
    desk_id: str
    db_id: str
    commune_code: str
    commune_name: str
    province: str
    agency_code: str
    desk_no: int
    public_key: str  # hex
    agency_name: str = ""
