"""The sync API fed bad input, operation by operation from its OpenAPI description: never a 5xx.

Against the real hub on loopback (uvicorn in its own process), over real HTTP."""

from __future__ import annotations

import base64
import json
import secrets
import time
import uuid

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core import keys
from app.province import openapi
from app.sync import codec, protocol
from tests.app.sync.test_codec import _change

OPERATIONS = [(path, method.upper()) for path, item in openapi.SCHEMA["paths"].items() for method in item]
_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
_query = st.dictionaries(
    st.sampled_from(["after", "limit", "db_id", "commune", "version", "x"]),
    _text | st.integers(-5, 2**70).map(str),
    max_size=4,
)
_json_body = st.recursive(
    st.none() | st.booleans() | st.integers() | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=6),
    max_leaves=12,
)
_enrol_body = st.fixed_dictionaries(
    {},
    optional={
        "token": _text,
        "desk_id": _text | st.just(str(uuid.uuid4())),
        "commune_code": st.sampled_from(["87001", "1"]),
        "desk_no": st.integers(-3, 12) | _text,
        "public_key": st.just("ab" * 32) | _text,
        "signature": _text,
        "agency_code": _text | st.integers(),
    },
)


def _enrolled(client: httpx.Client, token: str) -> str:
    desk_id = str(uuid.uuid4())
    public = keys.generate(desk_id)
    sig = keys.sign(desk_id, protocol.enrol_message(desk_id, "87001", 1, public, token))
    answer = client.post(
        "/v1/enroll",
        json={
            "token": token,
            "desk_id": desk_id,
            "commune_code": "87001",
            "desk_no": 1,
            "public_key": public,
            "signature": base64.b64encode(sig).decode(),
        },
    )
    assert answer.status_code == 200, answer.text
    return desk_id


def _signed(desk_id: str, method: str, target: str, body: bytes) -> dict[str, str]:
    stamp, nonce = str(int(time.time())), secrets.token_hex(8)
    sig = keys.sign(desk_id, protocol.request_message(method, target, stamp, nonce, body))
    return {
        protocol.HEADER_DESK: desk_id,
        protocol.HEADER_TIME: stamp,
        protocol.HEADER_NONCE: nonce,
        protocol.HEADER_SIGNATURE: base64.b64encode(sig).decode(),
    }


def test_the_api_never_answers_5xx(hub) -> None:
    with httpx.Client(base_url=hub.url, timeout=30) as client:
        desk_id = _enrolled(client, hub.token("87001", 1))

        @settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
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
            path = path.replace("{code}", data.draw(st.sampled_from(["87001", "99999", "%00", "x" * 40])))
            body = b""
            if method == "POST":
                kind = data.draw(st.sampled_from(["json", "bytes", "batch", "batch", "batch", "enrol"]))
                if kind == "json":
                    body = data.draw(_json_body.map(lambda v: json.dumps(v).encode()))
                elif kind == "enrol":
                    body = json.dumps(data.draw(_enrol_body)).encode()
                elif kind == "batch":
                    valid = st.fixed_dictionaries({"db_id": st.just("db-1"), "first_seq": st.integers(1, 20)})
                    header = data.draw(
                        valid
                        | st.fixed_dictionaries(
                            {}, optional={"db_id": _text, "first_seq": st.integers(-2, 2**63) | _text}
                        )
                    )
                    body = codec.encode(header, data.draw(st.lists(_change, max_size=6)))
                else:
                    body = data.draw(st.binary(max_size=200))
            request = client.build_request(method, path, params=query, content=body or None)
            headers = _signed(desk_id, method, request.url.raw_path.decode("latin-1"), body) if sign else {}
            if sign and data.draw(st.integers(0, 9)) == 0:
                headers[protocol.HEADER_TIME] = data.draw(st.sampled_from(["0", "99999999999", "-1", "1e9", ""]))
            request.headers.update(headers)
            response = client.send(request)
            assert response.status_code < 500, (method, path, query, response.text)

        probe()
