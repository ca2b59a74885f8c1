"""Checks on text, the one module for them, shared by the desk's input validation and the hub's.

Two jobs, one name each: ``clean_text`` / ``optional_text`` take what a clerk types or a file imports and
return it normalised (NFC, single spaces) or refuse it; ``plain_text`` / ``is_plain`` check that text that
travels between desks and the hub is already in the form the desk stores, and return it unchanged (they
run for every string the hub takes in, so they compose a sentence only when there is something to say).
Also: broken Unicode, nesting, and quoting input safely in an error sentence. Re-exported by
``app.core.validation``; this module imports nothing from the application but errors and text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache

from app.core.errors import ValidationError
from app.core.text import EXCERPT_LEN, excerpt, nfc

__all__ = [
    "EXCERPT_LEN",
    "bad_char",
    "clean_text",
    "excerpt",
    "field_text",
    "field_texts",
    "has_surrogate",
    "is_plain",
    "json_shape",
    "optional_text",
    "plain_text",
]


def _error(vi: str, en: str, field: str) -> ValidationError:
    return ValidationError(vi, en, field=field)


def _sentence_start(label: str) -> str:
    return label[:1].upper() + label[1:]


def _labels(field: str, label_vi: str | None, label_en: str | None) -> tuple[str, str]:
    # Without a label the field's own name is the only thing that tells the reader which one is wrong.
    return (
        _sentence_start(label_vi) if label_vi else f"Trường “{field}”",
        _sentence_start(label_en) if label_en else f"Field “{field}”",
    )


# --- Quoting input and refusing what text must not carry --------------------------------------------


def has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def bad_char(text: str) -> str | None:
    """The first character a stored name or note must not hold: controls (terminal escapes), format
    characters (zero-width, right-to-left overrides), private-use and unassigned code points.
    Whitespace of any kind (tabs, line breaks) is allowed: storing folds it into single spaces."""
    for ch in text:
        if ch.isascii() and ch.isprintable():
            continue
        if unicodedata.category(ch)[0] == "C" and not ch.isspace():
            return ch
    return None


def clean_text(
    value: object,
    *,
    field: str,
    label_vi: str,
    label_en: str,
    max_len: int,
    required: bool = True,
) -> str:
    """Text (a JSON string, never another type), free of hidden characters, NFC with single spaces,
    not longer than ``max_len``; "" for an optional field left empty (None or "")."""
    vi, en = _sentence_start(label_vi), _sentence_start(label_en)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _error(f"{vi} phải là văn bản.", f"{en} must be text.", field)
    if has_surrogate(value):
        raise _error(
            f"{vi} chứa ký tự Unicode hỏng (nửa cặp thay thế); hãy gõ lại.",
            f"{en} contains a broken Unicode character (a lone surrogate); type it again.",
            field,
        )
    if len(value) > 4 * max_len + 100:  # refused before normalising a megabyte
        raise _error(
            f"{vi} không được dài quá {max_len} ký tự.", f"{en} must not be longer than {max_len} characters.", field
        )
    bad = bad_char(value)
    if bad is not None:
        raise _error(
            f"{vi} chứa ký tự ẩn hoặc ký tự điều khiển (U+{ord(bad):04X}); hãy xoá và gõ lại.",
            f"{en} contains a hidden or control character (U+{ord(bad):04X}); delete it and type again.",
            field,
        )
    text = nfc(value)
    if required and not text:
        raise _error(f"{vi} không được để trống.", f"{en} must not be empty.", field)
    if len(text) > max_len:
        raise _error(
            f"{vi} không được dài quá {max_len} ký tự.", f"{en} must not be longer than {max_len} characters.", field
        )
    return text


def optional_text(value: object, *, field: str, label_vi: str, label_en: str, max_len: int) -> str:
    """An optional free-text field (address, notes): a string or nothing; "" when left empty."""
    return clean_text(value, field=field, label_vi=label_vi, label_en=label_en, max_len=max_len, required=False)


MAX_DEPTH = 8
MAX_NODES = 2000


def json_shape(data: object, *, field: str = "json", max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES) -> None:
    """Refuse, before any field is read, input nested deeper or larger than a form can be, and any
    string (key or value) holding a lone surrogate, which no file or database can store."""
    stack: list[tuple[object, int]] = [(data, 1)]
    nodes = 0
    while stack:
        item, depth = stack.pop()
        nodes += 1
        if depth > max_depth or nodes > max_nodes:
            raise _error(
                "Dữ liệu gửi vào lồng nhau quá sâu hoặc quá nhiều mục.",
                "The input is nested too deeply or has too many items.",
                field,
            )
        if isinstance(item, str):
            if has_surrogate(item):
                raise _error(
                    "Dữ liệu gửi vào chứa ký tự Unicode hỏng (nửa cặp thay thế).",
                    "The input contains a broken Unicode character (a lone surrogate).",
                    field,
                )
        elif isinstance(item, Mapping):
            for key, child in item.items():
                stack.append((key, depth + 1))
                stack.append((child, depth + 1))
        elif isinstance(item, list | tuple):
            stack.extend((child, depth + 1) for child in item)


# --- Text as the desk stores it (records between desks and the hub) ---------------------------------

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


# --- The longest text each field may hold ------------------------------------------------------------

# By record kind (the sync entity's name) and field: the desk's forms refuse longer input
# (``clean_text``) and the hub refuses a longer record (app.sync.checks), from this one table. A field
# holding a JSON list of names or of {raised_by, issue, answer} gives the limit of each string in it.
MAX_LEN: dict[str, dict[str, int]] = {
    "reception_entry": {
        "person_name": 200,
        "person_address": 300,
        "content": 5000,
        "resolved_by": 300,
        "notes": 1000,
        "guidance": 2000,
        "guidance_doc": 100,
        "accepted_by": 300,
        "forward_doc": 100,
        "follow_up": 2000,
        "refusal_detail": 2000,
        "refusal_reason": 2200,  # the ground's words, then the detail
        "name": 300,  # of each document handed in (02/TCD)
    },
    "reception_session": {"place": 300, "received_by": 200, "raised": 5000, "conclusion": 10_000},
    "dialogue": {
        "subject": 500,
        "place": 300,
        "secretary": 200,
        "attendees": 200,
        "raised_by": 200,
        "issue": 3000,
        "answer": 5000,
    },
    "follow_up": {"task": 2000, "owner": 200, "result": 2000},
    "entry_flag": {"note": 1000},
    "feedback_event": {"to": 300, "note": 2000, "reason": 2000, "answer": 5000},
    "rating": {"comment": 1000},
    "calendar_day": {"note": 200},
    "disclosure": {"title": 300, "body": 10_000},
    "procedure": {"code": 40, "name": 500, "field": 200, "fee": 200, "deciding_agency": 300, "document": 200},
}


def field_text(kind: str, field: str, value: object, *, label_vi: str, label_en: str, required: bool = False) -> str:
    """``clean_text`` with the field's limit from ``MAX_LEN``."""
    return clean_text(
        value, field=field, label_vi=label_vi, label_en=label_en, max_len=MAX_LEN[kind][field], required=required
    )


def field_texts(kind: str, field: str, values: object, *, label_vi: str, label_en: str, most: int = 50) -> list[str]:
    """A list of short texts (names of people present): each by ``field_text``, empty ones dropped."""
    vi, en = _sentence_start(label_vi), _sentence_start(label_en)
    if values is None:
        return []
    if not isinstance(values, list | tuple) or len(values) > most:
        raise _error(
            f"{vi} phải là một danh sách tối đa {most} mục.", f"{en} must be a list of at most {most} items.", field
        )
    texts = (field_text(kind, field, v, label_vi=label_vi, label_en=label_en) for v in values)
    return [t for t in texts if t]
