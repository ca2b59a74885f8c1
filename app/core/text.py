"""Text normalisation for storing, printing, comparing and searching Vietnamese text.

Keyboard tools send Vietnamese either composed (NFC) or decomposed (NFD); everything stored is NFC.
Search folds accents *and* đ/Đ, which SQLite's ``unicode61 remove_diacritics`` leaves alone.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["EXCERPT_LEN", "excerpt", "fold", "nfc", "search_tokens"]


def nfc(value: str) -> str:
    """NFC, trimmed, with every run of whitespace (NBSP and tabs included) turned into one space."""
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return " ".join(value.split())


def _fold_slow(value: str) -> str:
    # casefold first: it can itself produce combining marks ("İ" -> "i" + U+0307).
    decomposed = unicodedata.normalize("NFD", value.casefold())
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    # đ has no decomposition, so NFD leaves it alone; Vietnamese readers expect it to match d.
    return unicodedata.normalize("NFC", bare.replace("đ", "d"))


# After NFD and đ -> d, Vietnamese is ASCII plus combining diacritics; anything else takes the slow path.
_NOT_ASCII_OR_MARK = re.compile(r"[^\x00-\x7f\u0300-\u036f]")


def fold(value: str) -> str:
    """Accent- and case-insensitive search key: "Nguyễn Văn Đào" (NFC or NFD) -> "nguyen van dao"."""
    if value.isascii():
        return value.lower()
    # All C-level calls: about twice as fast as a str.translate table (measured on 1M names).
    decomposed = unicodedata.normalize("NFD", value).replace("đ", "d").replace("Đ", "d")
    if _NOT_ASCII_OR_MARK.search(decomposed) is None:
        return decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return _fold_slow(value)


# Letters and digits only: [^\W_] is \w without the underscore.
_TOKEN = re.compile(r"[^\W_]+")


def search_tokens(query: str) -> list[str]:
    """Folded words of a query, split on anything that is not a letter or digit."""
    return _TOKEN.findall(fold(query))


EXCERPT_LEN = 40


def excerpt(value: object, limit: int = EXCERPT_LEN) -> str:
    """At most ``limit`` characters of what was typed, on one line, safe to put in an error sentence:
    control and format characters (CR, LF, escapes, bidi overrides) and lone surrogates become "?"."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool | int | float) or value is None:
        text = repr(value) if not isinstance(value, int) or abs(value) < 10**30 else "<số rất lớn>"
    else:
        text = f"<{type(value).__name__}>"
    cut = text[: limit + 1]
    shown = "".join("?" if unicodedata.category(ch)[0] == "C" else ch for ch in cut[:limit])
    return shown + ("…" if len(cut) > limit else "")
