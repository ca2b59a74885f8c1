"""Checks that a value is already in the form the desk stores it, for records that travel between
desks and the hub (app.sync.checks): they check and return the value, never normalise it, and compose
their sentence only when there is something to say (they run for every string the hub takes in).

Built on the desk's input validation (app.core.validation), whose sentences they share.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from functools import cache

from app.core.validation import EARLIEST, LATEST, _error, _labels, iso_datetime

# Control characters, format characters (right-to-left overrides, zero-width joiners, BOMs), lone
# surrogates and private-use code points: none belongs in a name, an address or a note, and each can make
# a record display, print or sort as something it is not. Stored text is also NFC (app.core.text.nfc).
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co"})
# Beyond U+30000 only tags (format) and the two private-use planes are in those categories.
_UNSAFE_HIGH = "\U000e0001\U000e0020-\U000e007f\U000f0000-\U000ffffd\U00100000-\U0010fffd"


@cache
def _unsafe() -> re.Pattern[str]:
    """One character class for them all, built once (26 ms) from this Python's Unicode tables: a C-level
    search instead of a Python loop over every character of every record the hub takes in."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x30000):
        if unicodedata.category(chr(cp)) in _UNSAFE_CATEGORIES:
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    body = "".join(f"\\U{a:08x}-\\U{b:08x}" if a != b else f"\\U{a:08x}" for a, b in ranges)
    return re.compile(f"[{body}{_UNSAFE_HIGH}]")


def is_plain(value: str, max_len: int) -> bool:
    """``plain_text``'s test alone: no sentence, no call beyond C-level string methods."""
    if len(value) > max_len:
        return False
    if value.isascii():
        return value.isprintable()
    return not _unsafe().search(value) and unicodedata.is_normalized("NFC", value)


def plain_text(
    value: object, *, field: str, max_len: int, label_vi: str | None = None, label_en: str | None = None
) -> str:
    """Text as the desk stores it: a string, NFC, no control or invisible characters, at most ``max_len`` long.

    Checks and returns ``value`` unchanged (it does not normalise): records that travel between desks and
    the hub must already be in the form the desk writes. Runs for every string the hub takes in, so the
    sentence is only composed when there is something to say."""
    if isinstance(value, str) and is_plain(value, max_len):
        return value
    vi, en = _labels(field, label_vi, label_en)
    if not isinstance(value, str):
        raise _error(f"{vi} phải là văn bản.", f"{en} must be text.", field)
    if len(value) > max_len:
        raise _error(
            f"{vi} không được dài quá {max_len} ký tự.", f"{en} must not be longer than {max_len} characters.", field
        )
    if _unsafe().search(value):
        raise _error(
            f"{vi} chứa ký tự điều khiển hoặc ký tự ẩn.", f"{en} contains control or invisible characters.", field
        )
    raise _error(f"{vi} chưa được chuẩn hóa Unicode (NFC).", f"{en} is not in Unicode normal form (NFC).", field)


# Dates a one-stop shop can mean: years outside these are typing slips or forgeries, and years near
# 1 or 9999 overflow the calendar's arithmetic (a due date 30 working days after 9999-12-31).
MIN_YEAR, MAX_YEAR = EARLIEST.year, LATEST.year  # the desk's own bounds (app.core.validation)
_WRITTEN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?[+-][0-9]{2}:[0-9]{2}")


def sane_moment(value: object, *, field: str, label_vi: str | None = None, label_en: str | None = None) -> datetime:
    """An ISO 8601 date and time WITH its UTC offset, as the desk writes them, in years 2000–2099."""
    if isinstance(value, str) and _WRITTEN.fullmatch(value):  # the form desks write: one C-level parse
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and MIN_YEAR <= parsed.year <= MAX_YEAR:
            return parsed
    vi, en = _labels(field, label_vi, label_en)
    if not isinstance(value, str) or len(value) > 40:
        raise _error(
            f"{vi} phải là ngày giờ ISO 8601 có múi giờ.",
            f"{en} must be an ISO 8601 date and time with its offset.",
            field,
        )
    parsed = iso_datetime(value, field=field, label_vi=label_vi, label_en=label_en)
    if datetime.fromisoformat(value.strip()).tzinfo is None:
        raise _error(
            f"{vi} phải ghi rõ múi giờ, ví dụ 2026-02-12T09:30:00+07:00.",
            f"{en} must include its UTC offset, e.g. 2026-02-12T09:30:00+07:00.",
            field,
        )
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise _error(
            f"{vi} phải trong các năm {MIN_YEAR}–{MAX_YEAR}.",
            f"{en} must fall in the years {MIN_YEAR}–{MAX_YEAR}.",
            field,
        )
    return parsed
