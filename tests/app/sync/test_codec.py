"""The batch encoding: exact round trips, compact on real dossiers, refusing damaged input."""

from __future__ import annotations

import json
import lzma

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.desk import Desk
from app.reception.demo import populate
from app.sync import codec, rebuild


def _changes(desk: Desk) -> list[dict]:
    return rebuild.changes(desk.store, desk.store.outbox(limit=10**6))


def test_round_trip_of_demo_dossiers_and_their_size(desk: Desk) -> None:
    populate(desk, 400, seed=11)
    changes = _changes(desk)
    body = codec.encode({"db_id": desk.store.db_id, "first_seq": 1}, changes)
    assert codec.decode(body) == ({"db_id": desk.store.db_id, "first_seq": 1}, changes)
    naive = lzma.compress(json.dumps(changes, ensure_ascii=False).encode())
    assert len(body) < 0.75 * len(naive)


def test_pulled_changes_keep_their_desk(desk: Desk) -> None:
    populate(desk, 20, seed=2)
    changes = [dict(c, desk_id=f"desk-{i % 3}") for i, c in enumerate(_changes(desk))]
    assert codec.decode(codec.encode({"next": 9}, changes))[1] == changes


_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.text(max_size=8)
    | st.sampled_from(
        ["2026-02-12T09:00:00+07:00", "2026-02-12T09:03:00+07:00", "0b1d2c3e-4f50-4617-8293-a4b5c6d7e8f9"]
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
_ids = st.sampled_from(["0b1d2c3e-4f50-4617-8293-a4b5c6d7e8f9", "1c2d3e4f-5061-4728-93a4-b5c6d7e8f90a", "x", "7"])
_change = st.fixed_dictionaries(
    {
        "entity": st.sampled_from(["dossier", "event", "rating", "ghi-chú"]),
        "entity_id": _ids,
        "op": st.sampled_from(["create", "update"]),
        "payload": _json
        | st.dictionaries(
            st.sampled_from(["id", "dossier_id", "at", "created_at", "n", "\x00id"]), _json | _ids, max_size=5
        ),
        "created_at": st.sampled_from(
            [
                "2026-02-12T09:00:00+07:00",
                "2026-02-12T09:00:00Z",
                "hôm qua",
                # Issue 11: times whose seconds overflow a year 1..9999 datetime still round-trip.
                "0001-01-01T00:00:00+07:00",
                "9999-12-31T23:59:59-07:00",
            ]
        ),
    }
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_change, max_size=12))
def test_any_batch_round_trips(changes: list[dict]) -> None:
    assert codec.decode(codec.encode({"h": 1}, changes)) == ({"h": 1}, changes)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_garbage_is_refused_cleanly(data: bytes) -> None:
    try:
        codec.decode(data)
    except codec.CodecError:
        pass


@pytest.mark.parametrize(
    "doc",
    [
        {"v": 1, "h": {}, "o": [0, 1], "g": [["e", "create", ["\x00id", "\x00at"], [["r", [5]], ["c", "t"]]]]},
        {"v": 1, "h": {}, "o": [3, 1], "g": []},
        {"v": 1, "h": {}, "o": [0, 10**9], "g": [["e", "create", [], []]]},
        {"v": 1, "h": {}, "o": [0, 2], "g": [["e", "create", ["\x00id"], [["u", "abc"]]]]},
        {"v": 2, "h": {}, "o": [], "g": []},
    ],
)
def test_malformed_documents_are_refused(doc: dict) -> None:
    raw = lzma.compress(json.dumps(doc).encode(), format=lzma.FORMAT_RAW, filters=codec._FILTERS)
    with pytest.raises(codec.CodecError):
        codec.decode(raw)


def test_a_bomb_is_refused_before_it_expands() -> None:
    """Issue 11, finding 4: 66 MB of one letter in 10 KB is refused after at most a megabyte of output."""
    raw = b'{"v":1,"h":{},"o":[0,1],"g":[["x","create",["id"],[["c","' + b"A" * (66 << 20) + b'"]]]]}'
    body = lzma.compress(raw, format=lzma.FORMAT_RAW, filters=codec._FILTERS)
    del raw
    assert len(body) < 16 * 1024
    with pytest.raises(codec.TooLarge):
        codec.decode(body)
    assert codec.decoded_limit(len(body)) == codec.RATIO_FLOOR
