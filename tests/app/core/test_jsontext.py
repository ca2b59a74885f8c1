"""Encoders built once write exactly what ``json.dumps`` writes with the same options, whatever they are given."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from app.core import jsontext

ALPHABET = 'aZ09 "\\/\b\f\n\r\t\x00\x1f\x7f\u00e9\u1ea1\u0110\u2028\u2029\ud800\U0001f600{}[]:,'
OPTIONS = [
    {},  # a dossier's documents
    {"separators": (",", ":")},  # an event's data, an outbox payload
    {"sort_keys": True, "separators": (",", ":")},  # the canonical text a change is hashed by
]


def text(rng: random.Random) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12)))


def value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth < 3 and roll < 0.15:
        return {text(rng): value(rng, depth + 1) for _ in range(rng.randint(0, 6))}
    if depth < 3 and roll < 0.25:
        return [value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    if depth < 3 and roll < 0.28:
        return tuple(value(rng, depth + 1) for _ in range(rng.randint(0, 3)))
    return rng.choice([text(rng), rng.randint(-(10**20), 10**20), rng.uniform(-1e6, 1e6), float("inf"), float("nan")])


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
