"""Desk settings an admin scripts (``motcua config set KEY VALUE``) or sets in the window.

Kept in the store's meta table under their own names. Each key has a checker that returns the value
to keep or raises the one sentence that says what is wrong; an empty value clears the setting.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

from app.core import text
from app.core.errors import ValidationError


class MetaStore(Protocol):
    def get_meta(self, key: str, default: str | None = None) -> str | None: ...
    def set_meta(self, values: Mapping[str, str]) -> None: ...


def _bin(value: str) -> str:
    from app.fees.vietqr import check_bin

    return check_bin(value)


def _account(value: str) -> str:
    from app.fees.vietqr import check_account

    return check_account(value)


def _holder(value: str) -> str:
    # Banking apps show the account holder in capitals without diacritics.
    folded = text.fold(value).upper().strip()
    if not re.fullmatch(r"[A-Z0-9 .,&()\-]{2,50}", folded):
        raise ValidationError(
            "Tên chủ tài khoản phải từ 2 đến 50 ký tự chữ, số và dấu cách.",
            "The account holder must be 2 to 50 letters, digits and spaces.",
            field="bank.holder",
        )
    return folded


def _folder(value: str) -> str:
    path = Path(value).expanduser()
    if not path.is_dir():
        raise ValidationError(f"Không có thư mục {value}.", f"There is no folder {value}.", field="scanner.inbox")
    return str(path.resolve())


def _megabytes(value: str) -> str:
    if not value.isdigit() or not 1 <= int(value) <= 200:
        raise ValidationError(
            "Dung lượng tối đa phải là số MB từ 1 đến 200.",
            "The size limit must be a number of MB from 1 to 200.",
            field="files.max_mb",
        )
    return str(int(value))


KEYS: dict[str, tuple[Callable[[str], str], str]] = {
    "bank.bin": (_bin, "the bank's NAPAS BIN (6 digits), for VietQR"),
    "bank.account": (_account, "the commune's account number, for VietQR"),
    "bank.holder": (_holder, "the account holder's name, shown beside the VietQR"),
    "scanner.inbox": (_folder, "the folder the scanner saves into; new files there are offered"),
    "files.max_mb": (_megabytes, "the largest file kept for one document, in MB"),
}


def unknown(key: str) -> ValidationError:
    return ValidationError(
        f"Không có thiết lập «{key}»; các thiết lập: {', '.join(KEYS)}.",
        f"There is no setting '{key}'; the settings are: {', '.join(KEYS)}.",
        field="key",
    )


def get(store: MetaStore, key: str) -> str:
    if key not in KEYS:
        raise unknown(key)
    return store.get_meta(key) or ""


def check(key: str, value: str) -> str:
    """The value as it would be kept ("" clears), or the one sentence that says what is wrong: the one
    check for ``motcua config set`` and the window's settings dialog alike."""
    if key not in KEYS:
        raise unknown(key)
    value = text.nfc(value or "").strip()
    return KEYS[key][0](value) if value else ""


def put(store: MetaStore, key: str, value: str) -> str:
    kept = check(key, value)
    store.set_meta({key: kept})
    return kept


def put_all(store: MetaStore, values: Mapping[str, str]) -> dict[str, str]:
    """Several settings, all checked before any is kept (the bank account is three that go together)."""
    kept = {key: check(key, value) for key, value in values.items()}
    store.set_meta(kept)
    return kept
