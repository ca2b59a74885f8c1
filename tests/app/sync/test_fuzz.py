"""The sync API fed bad input, operation by operation from its OpenAPI description: never a 5xx.

Against the real hub on loopback (uvicorn in its own process), over real HTTP, on SQLite and on
PostgreSQL. Requests are signed as an enrolled desk, so the bad input reaches the checks behind the
signature: real dossiers and events with one field spoilt (lone surrogates, NUL, control characters,
years 1 and 9999, huge numbers, deep nesting, wrong types), bombs and garbage. After the run the
hub's peak memory stays under 300 MB and the desk's own sync still goes through (issue 11).
"""

from __future__ import annotations

import base64
import functools
import json
import lzma
import secrets
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core import keys
from app.core.clock import FixedClock
from app.province import openapi
from app.sync import codec, protocol
from tests.app.sync.helpers import enrolled_desk, receive
from tests.app.sync.hub import Hub

OPERATIONS = [(path, method.upper()) for path, item in openapi.SCHEMA["paths"].items() for method in item]
NASTY = [
    "\x00",
    "87001\x00",
    "\ud800",
    "a\udfffb",
    "\u202eevil",
    "\u200b",
    "\ufeff",
    "\x1b[2J",
    "e\u0301",
    "0001-01-01T00:00:00+07:00",
    "9999-12-31T23:59:59+07:00",
    "1900-01-01T00:00:00+07:00",
    "2026-02-30T09:00:00+07:00",
    "2026-02-12T09:00:00",
    "x" * 5000,
    "",
    " ",
    "-1",
]
_text = st.text(st.characters(categories=["Cs", "Cc", "Cf"]) | st.characters(), max_size=30) | st.sampled_from(NASTY)
_numbers = st.integers(-(2**70), 2**70) | st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([10**400])
_json = st.recursive(
    st.none() | st.booleans() | _numbers | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=10,
)
_deep = st.integers(30, 3000).map(lambda n: json.loads("[" * min(n, 900) + "]" * min(n, 900)))
# What a receipt's QR carries (the public status page): real-looking, broken, and hostile.
_payloads = st.sampled_from(["9-87001-260212-1001-AAAA", "%00", "%ED%A0%80", "1" * 5000, "9-%00-1"]) | st.text(
    st.characters(codec="ascii", categories=["Nd", "Lu"]) | st.just("-"), max_size=60
)
_query = st.dictionaries(
    st.sampled_from(["after", "limit", "db_id", "commune", "version", "have", "x"]),
    _text | st.integers(-5, 2**70).map(str) | st.sampled_from(["x:1,y:2", "\x00:1", "a:" + "9" * 30]),
    max_size=4,
)
_enrol_body = st.fixed_dictionaries(
    {},
    optional={
        "token": _text,
        "desk_id": _text,
        "commune_code": st.sampled_from(["87001", "1", "87001\x00", "٨٧٠٠١"]),
        "desk_no": st.integers(-3, 12) | _text | _numbers,
        "public_key": st.just("ab" * 32) | _text,
        "signature": _text,
        "agency_code": _text | st.integers(),
    },
)


def _spoil(change: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    change = json.loads(json.dumps(change))
    target = data.draw(st.sampled_from(["payload", "payload", "payload", "top"]))
    if target == "top":
        key = data.draw(st.sampled_from(["entity", "entity_id", "op", "created_at", "payload"]))
        change[key] = data.draw(_json | _deep)
        return change
    payload = change["payload"]
    key = data.draw(st.sampled_from([*payload, "unknown", "data"]))
    action = data.draw(st.sampled_from(["set", "set", "set", "delete", "deep"]))
    if action == "delete":
        payload.pop(key, None)
    elif action == "deep":
        payload[key] = data.draw(_deep)
    else:
        payload[key] = data.draw(_json)
    return change


_MARK = "\ue000"


def encode_any(header: Any, changes: list[Any]) -> bytes:
    """codec.encode, with what it cannot carry (lone surrogates, non-finite floats, huge ints) sent as a
    forger would: the JSON escapes in the compressed text."""
    text = json.dumps({"h": header, "c": changes})  # ASCII; surrogates as \\udxxx, NaN as NaN
    swapped = text.replace("\\ud", _MARK + "ud")  # keep the escapes out of codec's sight
    doc = json.loads(swapped)
    try:
        body = codec.encode(doc["h"], doc["c"])
    except (TypeError, KeyError, AttributeError, ValueError):
        raw = json.dumps({"v": 1, "h": doc["h"], "o": [], "g": []})
        body = lzma.compress(raw.encode(), format=lzma.FORMAT_RAW, filters=codec._FILTERS)
    raw = lzma.decompress(body, format=lzma.FORMAT_RAW, filters=codec._FILTERS)
    raw = raw.replace((_MARK + "ud").encode(), b"\\ud")
    return lzma.compress(raw, format=lzma.FORMAT_RAW, filters=codec._FILTERS)


def _with_query(path: str, query: dict[str, str]) -> str:
    """Percent-encoded by hand: httpx cannot encode a lone surrogate, a forger's client can."""
    if not query:
        return path
    parts = [f"{quote(k)}={quote(v.encode('utf-8', 'surrogatepass'), safe='')}" for k, v in query.items()]
    return path + "?" + "&".join(parts)


def _signed(desk_id: str, method: str, target: str, body: bytes) -> dict[str, str]:
    stamp, nonce = str(int(time.time())), secrets.token_hex(8)
    sig = keys.sign(desk_id, protocol.request_message(method, target, stamp, nonce, body))
    return {
        protocol.HEADER_DESK: desk_id,
        protocol.HEADER_TIME: stamp,
        protocol.HEADER_NONCE: nonce,
        protocol.HEADER_SIGNATURE: base64.b64encode(sig).decode(),
    }


def _peak_rss_mb(hub: Hub) -> float:
    assert hub.proc is not None
    for line in Path(f"/proc/{hub.proc.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


# Decoded sizes either side of the decoder's limits (codec.RATIO_FLOOR, codec.MAX_DECODED) and far
# beyond: what the hub does depends only on where the size falls, and each bomb is compressed once
# (40 MB takes seconds; drawn afresh, the bombs were a third of the fuzzer's time).
BOMB_SIZES = [
    codec.RATIO_FLOOR - 4096,
    codec.RATIO_FLOOR + 1,
    codec.MAX_DECODED - 4096,
    codec.MAX_DECODED + 1,
    40 << 20,
]


@functools.cache
def _bomb(size: int) -> bytes:
    head = b'{"v":1,"h":{},"o":[],"g":[],"x":"'
    return lzma.compress(head + b"A" * (size - len(head)), format=lzma.FORMAT_RAW, filters=codec._FILTERS)


def _body(data: st.DataObject, base: list[dict[str, Any]]) -> bytes:
    kind = data.draw(st.sampled_from(["json", "bytes", "enrol", "deep", "bomb", *["batch"] * 6]))
    if kind == "json":
        return json.dumps(data.draw(_json)).encode()
    if kind == "enrol":
        return json.dumps(data.draw(_enrol_body)).encode()
    if kind == "deep":
        return b"[" * data.draw(st.integers(1000, 200_000))
    if kind == "bomb":
        return _bomb(data.draw(st.sampled_from(BOMB_SIZES)))
    if kind == "bytes":
        return data.draw(st.binary(max_size=300))
    valid = st.fixed_dictionaries({"db_id": st.just("fuzz-" + secrets.token_hex(4)), "first_seq": st.integers(1, 20)})
    header = data.draw(
        valid | st.fixed_dictionaries({}, optional={"db_id": _text, "first_seq": st.integers(-2, 2**63) | _text})
    )
    picks = data.draw(st.lists(st.sampled_from(base), min_size=1, max_size=6))
    changes = [_spoil(c, data) if data.draw(st.booleans()) else c for c in picks]
    return encode_any(header, changes)


def _probe(hub: Hub, desk, examples: int) -> None:
    desk_id = desk.identity.desk_id
    base = [
        {
            "entity": r["entity"],
            "entity_id": r["entity_id"],
            "op": r["op"],
            "payload": json.loads(r["payload"]),
            "created_at": r["created_at"],
        }
        for r in desk.store.outbox(limit=100)
    ]
    with httpx.Client(base_url=hub.url, timeout=60) as client:

        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(
            op=st.sampled_from(OPERATIONS),
            query=_query,
            sign=st.sampled_from([True, True, True, False]),
            data=st.data(),
        )
        def probe(op: tuple[str, str], query: dict[str, str], sign: bool, data: st.DataObject) -> None:
            path, method = op
            if path == "/v1/push" and data.draw(st.booleans()):
                method, query = "POST", {}  # the client re-encodes queries, which breaks signatures
            code = data.draw(st.sampled_from(["87001", "99999", "%00", "x" * 40, "%ED%A0%80", "8700%01"]))
            path = path.replace("{code}", code).replace("{payload}", data.draw(_payloads))
            body = _body(data, base) if method == "POST" else b""
            request = client.build_request(method, _with_query(path, query), content=body or None)
            headers = _signed(desk_id, method, request.url.raw_path.decode("latin-1"), body) if sign else {}
            if sign and data.draw(st.integers(0, 9)) == 0:
                headers[protocol.HEADER_TIME] = data.draw(st.sampled_from(["0", "99999999999", "-1", "1e9", ""]))
            request.headers.update(headers)
            response = client.send(request)
            assert response.status_code < 500, (method, path, query, body[:80], response.text[:300])

        probe()


@pytest.mark.parametrize(
    "examples", [pytest.param(150, id="quick"), pytest.param(3000, id="long", marks=pytest.mark.slow)]
)
def test_the_api_never_answers_5xx(any_hub: Hub, tmp_path: Path, clock: FixedClock, examples: int) -> None:
    desk = enrolled_desk(tmp_path, clock, any_hub)
    receive(desk, 3)
    desk.clerk()
    _probe(any_hub, desk, examples)
    peak = _peak_rss_mb(any_hub)
    print(f"hub peak RSS after {examples} requests: {peak:.0f} MB")
    assert peak < 300
    report = desk.sync.run_once()  # nothing the fuzzer left on the hub breaks this desk's sync
    assert report.complete, report.error
    desk.close()
