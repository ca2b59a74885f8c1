"""Random JSON-able values for the tests that hold an encoder built once to ``json.dumps``: nasty text
(quotes, controls, lone surrogates, astral and Vietnamese letters), big and odd numbers, nesting."""

from __future__ import annotations

import random
from typing import Any

ALPHABET = 'aZ09 "\\/\b\f\n\r\t\x00\x1f\x7f\u00e9\u1ea1\u0110\u2028\u2029\ud800\U0001f600{}[]:,'
SCALARS = (float("inf"), float("nan"), 1e-300, None, True, False, 0, -0.0)


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
    return rng.choice([text(rng), rng.randint(-(10**20), 10**20), rng.uniform(-1e6, 1e6), rng.choice(SCALARS)])
