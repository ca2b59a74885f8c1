"""Pure checks on text, shared by the desk's input validation and the hub's: hidden characters,
broken Unicode, nesting, and quoting input safely in an error sentence. Re-exported by
``app.core.validation``; this module imports nothing from the application but errors and text."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from app.core.errors import ValidationError
from app.core.text import EXCERPT_LEN, excerpt, nfc

__all__ = ["EXCERPT_LEN", "bad_char", "clean_text", "excerpt", "has_surrogate", "json_shape", "optional_text"]


def _error(vi: str, en: str, field: str) -> ValidationError:
    return ValidationError(vi, en, field=field)


def _sentence_start(label: str) -> str:
    return label[:1].upper() + label[1:]


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
