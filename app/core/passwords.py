"""Passwords: argon2 hashes, shared by the desk's clerks and the province's accounts (no store here)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from app.core.errors import ValidationError

if TYPE_CHECKING:
    from argon2 import PasswordHasher

_hasher: PasswordHasher | None = None
MIN_PASSWORD = 8


def _passwords() -> PasswordHasher:
    """argon2, loaded when a password is first hashed or checked."""
    global _hasher
    if _hasher is None:
        from argon2 import PasswordHasher

        _hasher = PasswordHasher()
    return _hasher


def hash_password(password: str) -> str:
    return _passwords().hash(password)


def verify(stored_hash: str, password: str) -> bool:
    """Whether ``password`` matches; a damaged hash matches nothing."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return bool(_passwords().verify(stored_hash, password or ""))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _passwords().check_needs_rehash(stored_hash)


def check_username(username: str) -> None:
    if not re.fullmatch(r"[a-z0-9_.-]{2,32}", username or ""):
        raise ValidationError(
            "Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch (2–32 ký tự).",
            "A user name holds only lower-case letters, digits, dots, dashes (2–32 characters).",
            field="username",
        )


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError(
            f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.",
            f"The password must have at least {MIN_PASSWORD} characters.",
            field="password",
        )
