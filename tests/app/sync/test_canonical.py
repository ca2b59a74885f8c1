"""The canonical text a change is hashed by is exactly what ``json.dumps`` writes with the protocol's options,
whatever the payload holds: the encoder built once (not at every call) must never change a hash."""

from __future__ import annotations

import json
import random
from typing import Any

from app.sync import protocol
from tests.app.core.json_values import text, value


def reference(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def test_the_canonical_text_is_json_dumps_own_on_random_payloads() -> None:
    rng = random.Random(2026)
    shapes = [[text(rng) for _ in range(rng.randint(0, 9))] for _ in range(40)]  # key sets seen again and again
    for _ in range(20_000):
        keys = rng.choice(shapes)
        payload = {k: value(rng) for k in keys}
        if rng.random() < 0.2:
            payload = dict(reversed(payload.items()))  # the same keys in another order
        assert protocol.canonical(payload) == reference(payload), payload
        assert protocol.canonical([payload]) == reference([payload])


def test_other_values_and_keys_take_the_encoders_path_unchanged() -> None:
    class Name(str):
        pass

    for payload in (
        {"b": Name("x"), "a": 1},
        {1: "one", 2: "two"},  # keys the encoder turns into text
        {"a": {"z": [1, {"y": 2, "x": None}]}, "": ""},
        "just text",
        [3, 2, 1],
        None,
    ):
        assert protocol.canonical(payload) == reference(payload)


def test_a_change_of_the_demo_hashes_as_before() -> None:
    event = {
        "id": "019ad4f0-0000-7000-8000-000000000001",
        "dossier_id": "019ad4f0-0000-7000-8000-000000000000",
        "kind": "apology_issued",
        "at": "2026-01-05T09:00:00+07:00",
        "data": {"reason": "Cần xác minh thêm thông tin.", "new_due": "2026-01-09T09:00:00+07:00"},
        "clerk_id": "c",
        "desk_id": "d",
        "created_at": "2026-01-05T09:00:00+07:00",
    }
    import hashlib

    expected = hashlib.sha256(f"event\n{event['id']}\ncreate\n{reference(event)}".encode()).hexdigest()
    assert protocol.payload_hash("event", event["id"], "create", event) == expected
