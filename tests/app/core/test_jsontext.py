"""Encoders built once write exactly what ``json.dumps`` writes with the same options, whatever they are given."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from app.core import jsontext
from tests.app.core.json_values import text, value

OPTIONS = [
    {},  # a dossier's documents
    {"separators": (",", ":")},  # an event's data, an outbox payload
    {"sort_keys": True, "separators": (",", ":")},  # the canonical text a change is hashed by
]


@pytest.mark.parametrize("options", OPTIONS)
def test_an_encoder_built_once_writes_what_json_dumps_writes(options: dict[str, Any]) -> None:
    encode = jsontext.encoder(**options)
    rng = random.Random(repr(options))
    for _ in range(5000):
        payload = {text(rng): value(rng) for _ in range(rng.randint(0, 9))}
        for obj in (payload, [payload, 1], value(rng)):
            assert encode(obj) == json.dumps(obj, ensure_ascii=False, **options), obj
    for odd in ({1: "a", 2.5: "b", None: "c", False: "d"}, "x", 3, None, True, [], {}, (1, 2), 1e300):
        assert outcome(encode, odd) == outcome(lambda o: json.dumps(o, ensure_ascii=False, **options), odd)


def outcome(encode: Any, obj: Any) -> Any:
    """The text, or the kind of error (keys of several types cannot be sorted)."""
    try:
        return encode(obj)
    except TypeError as error:
        return type(error)


def test_what_the_encoder_refuses_it_still_refuses() -> None:
    encode = jsontext.encoder(sort_keys=True)
    for bad in ({"a": object()}, [{1, 2}], {"a": b"bytes"}):
        with pytest.raises(TypeError):
            encode(bad)
    with pytest.raises(TypeError):
        encode({"b": 1, 2: 3})  # keys that cannot be sorted together
