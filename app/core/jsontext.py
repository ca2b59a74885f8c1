"""JSON text by encoders built once: ``json.dumps`` with any option builds a new encoder at every call,
which costs more than writing a small object (a demo load writes a few million).

``encoder(...)(obj)`` is ``json.dumps(obj, ensure_ascii=False, ...)`` with the same options, to the
character (tests/app/core/test_jsontext.py); only the circular check is left out: what the desk writes
(rows, events, changes) is never circular.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json import encoder as _json
from typing import Any


def encoder(*, sort_keys: bool = False, separators: tuple[str, str] = (", ", ": ")) -> Callable[[Any], str]:
    """``lambda obj: json.dumps(obj, ensure_ascii=False, sort_keys=sort_keys, separators=separators)``."""
    plain = json.JSONEncoder(ensure_ascii=False, sort_keys=sort_keys, separators=separators)
    if _json.c_make_encoder is None:
        return plain.encode
    item_separator, key_separator = separators
    # What ``plain.encode`` builds at each call for a dict or a list (JSONEncoder.iterencode, one shot).
    built = _json.c_make_encoder(
        None, plain.default, _json.encode_basestring, None, key_separator, item_separator, sort_keys, False, True
    )

    def encode(obj: Any) -> str:
        if type(obj) is dict or type(obj) is list:
            return "".join(built(obj, 0))
        return plain.encode(obj)

    return encode
