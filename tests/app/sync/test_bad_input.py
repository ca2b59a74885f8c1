"""Issue 11, findings 3 and 4: bad input is a 4xx, never a 5xx, and costs the hub little.

Against the real hub on loopback, SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import json
import lzma
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.core import keys
from app.core.clock import FixedClock
from app.sync import codec
from app.sync.client import HubClient
from tests.app.sync.helpers import enrolled_desk, receive
from tests.app.sync.hub import Hub


@pytest.fixture
def hub(any_hub: Hub) -> Hub:
    return any_hub


def _client(desk, hub: Hub) -> HubClient:
    ident = desk.identity
    return HubClient(hub.url, desk_id=ident.desk_id, signer=lambda m: keys.sign(ident.desk_id, m), now=time.time)


def _peak_rss_mb(hub: Hub) -> float:
    """The hub process's peak resident memory so far (VmHWM), in MB."""
    assert hub.proc is not None
    for line in Path(f"/proc/{hub.proc.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def _reception(desk) -> list[dict[str, Any]]:
    return [
        {
            "entity": r["entity"],
            "entity_id": r["entity_id"],
            "op": r["op"],
            "payload": json.loads(r["payload"]),
            "created_at": r["created_at"],
        }
        for r in desk.store.outbox(limit=2)
    ]


def test_enrolment_with_a_lone_surrogate_or_deep_nesting(hub: Hub) -> None:
    bodies = [
        b'{"token": "\\ud800", "desk_id": "x"}',
        json.dumps(
            {
                "token": "\ud800abc",
                "desk_id": str(uuid.uuid4()),
                "commune_code": "87001",
                "desk_no": 1,
                "public_key": "ab" * 32,
                "signature": "AAAA",
            }
        ).encode(),
        b"[" * 100_000,
        b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
        b"\xff\xfe",
        b'{"token": "\x00", "desk_id": "\x00", "commune_code": "8700\x00", "desk_no": 1}',
    ]
    with httpx.Client(base_url=hub.url, timeout=30) as client:
        for body in bodies:
            answer = client.post("/v1/enroll", content=body, headers={"content-type": "application/json"})
            assert 400 <= answer.status_code < 500, (body[:40], answer.status_code, answer.text[:200])
            assert answer.json()["error"]


def test_nul_and_surrogates_in_paths_and_queries(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    with httpx.Client(base_url=hub.url, timeout=30) as plain:
        for path in ("/v1/communes/%00/keys", "/v1/communes/87%0001/keys", "/v1/communes/%ED%A0%80/keys"):
            answer = plain.get(path)
            assert answer.status_code == 404, (path, answer.status_code, answer.text[:200])
    with _client(desk, hub) as client:
        for path, params in [
            ("/v1/acks", {"db_id": "\x00"}),
            ("/v1/pull", {"db_id": "\x00", "after": 0}),
            ("/v1/pull", {"db_id": "x", "have": "\x00:1"}),
            ("/v1/pull", {"db_id": "x", "commune": "\x00"}),
            ("/v1/province-data", {"version": "\x00"}),
        ]:
            answer = client.http.send(_signed_request(client, "GET", path, params))
            assert 400 <= answer.status_code < 500, (path, params, answer.status_code, answer.text[:200])
    desk.close()


def _signed_request(client: HubClient, method: str, path: str, params: dict[str, Any], body: bytes = b""):
    import base64
    import secrets

    from app.sync import protocol

    request = client.http.build_request(method, path, params=params, content=body or None)
    stamp, nonce = str(int(time.time())), secrets.token_hex(16)
    target = request.url.raw_path.decode("latin-1")
    assert client.signer is not None and client.desk_id is not None
    signature = client.signer(protocol.request_message(method, target, stamp, nonce, body))
    request.headers.update(
        {
            protocol.HEADER_DESK: client.desk_id,
            protocol.HEADER_TIME: stamp,
            protocol.HEADER_NONCE: nonce,
            protocol.HEADER_SIGNATURE: base64.b64encode(signature).decode(),
        }
    )
    return request


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda d, e: d.update(entity_id="\ud800"), id="lone-surrogate-entity-id"),
        pytest.param(lambda d, e: d["payload"].update(id="\ud800", code="x\ud800"), id="lone-surrogate-payload"),
        pytest.param(lambda d, e: d["payload"].update(code="87001-260212-1\x00"), id="nul-in-code"),
        pytest.param(lambda d, e: d["payload"].update(received_at="9999-12-31T23:00:00+07:00"), id="year-9999"),
        pytest.param(lambda d, e: e["payload"].update(at="9999-12-31T23:00:00+07:00", kind="done"), id="event-9999"),
        pytest.param(
            lambda d, e: e["payload"].update(kind="apology_issued", data={"new_due": "9999-12-31T23:00:00+07:00"}),
            id="apology-9999",
        ),
        pytest.param(lambda d, e: d["payload"].update(sets=10**400), id="huge-number"),
        pytest.param(lambda d, e: d["payload"].update(notes=json.loads("[" * 40 + "]" * 40)), id="deep"),
        pytest.param(lambda d, e: d["payload"].update(notes="x" * 200_000), id="long-text"),
        pytest.param(lambda d, e: d.update(entity="x" * 10_000), id="long-entity"),
        pytest.param(lambda d, e: d.update(op="delete"), id="unknown-op"),
        pytest.param(lambda d, e: d.update(payload=None), id="payload-none"),
    ],
)
def test_signed_pushes_of_bad_changes_are_refused_one_by_one(
    hub: Hub, tmp_path: Path, clock: FixedClock, spoil
) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    receive(desk, 2)
    changes = [json.loads(json.dumps(c)) for c in _reception(desk)]
    dossier = json.loads(json.dumps(changes[0]))
    event = json.loads(json.dumps(changes[1]))
    dossier["payload"]["id"] = dossier["entity_id"] = str(uuid.uuid4())
    dossier["payload"]["code"] = "87001-260212-1999"
    event["payload"]["id"] = event["entity_id"] = str(uuid.uuid4())
    event["payload"]["dossier_id"] = changes[0]["entity_id"]
    spoil(dossier, event)
    batch = [changes[0], changes[1], dossier, event]
    with _client(desk, hub) as client:
        answer = client.http.send(_signed_request(client, "POST", "/v1/push", {}, _encode(batch)))
        assert answer.status_code == 200, answer.text[:300]
        result = answer.json()
        # The good ones land (the spoilt event is about the first dossier), the bad one alone is refused.
        [refused] = result["refused"]
        assert result["stored"] == 3 and refused["seq"] in (3, 4) and refused["code"] == "bad_payload", result
        assert refused["message"] and refused["message_en"] and refused["field"]
        report = desk.sync.run_once()
        assert report.complete, report.error  # and the desk's own sync, pulls included, goes on
    desk.close()


_SURROGATE = "\ue000lone-surrogate\ue000"


def _encode(batch: list[dict[str, Any]]) -> bytes:
    """codec.encode, but a lone surrogate goes on the wire as the JSON escape a forger would send."""
    text = json.dumps(batch)
    plain = json.loads(text.replace("\\ud800", json.dumps(_SURROGATE)[1:-1]))
    body = codec.encode({"db_id": "h", "first_seq": 1}, plain)
    raw = lzma.decompress(body, format=lzma.FORMAT_RAW, filters=codec._FILTERS)
    raw = raw.replace(_SURROGATE.encode(), b"\\ud800")
    return lzma.compress(raw, format=lzma.FORMAT_RAW, filters=codec._FILTERS)


def test_a_small_push_that_inflates_to_66_mb_is_refused_cheaply(hub: Hub, tmp_path: Path, clock: FixedClock) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    text = "A" * (66 * 1024 * 1024)
    raw = '{"v":1,"h":{"db_id":"b","first_seq":1},"o":[0,1],"g":[["x","create",["id","n"],[["c","i"],["c","' + text
    raw += '"]]]]}'
    body = lzma.compress(raw.encode(), format=lzma.FORMAT_RAW, filters=codec._FILTERS)
    del raw, text
    assert len(body) < 16 * 1024
    before = _peak_rss_mb(hub)
    started = time.perf_counter()
    with _client(desk, hub) as client:
        answer = client.http.send(_signed_request(client, "POST", "/v1/push", {}, body))
    elapsed = time.perf_counter() - started
    assert answer.status_code == 413, answer.text[:300]
    assert answer.json()["error"] == "too_large"
    peak = _peak_rss_mb(hub)
    print(f"bomb {len(body)} B: {elapsed:.2f} s, hub peak RSS {before:.0f} -> {peak:.0f} MB")
    assert peak - before < 40 and peak < 200
    assert elapsed < 5
    desk.close()
