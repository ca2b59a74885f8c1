"""The desk's HTTP client to the hub (httpx): TLS with the system's or a configured CA, signed requests.

Plain HTTP is allowed only to this machine (tests, a hub on the same PC). Transport failures and
5xx answers become ``HubUnreachable`` (try later); 4xx answers ``HubRefused`` with the hub's reason.
"""

from __future__ import annotations

import base64
import json
import secrets
import ssl
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpx

from app.sync import codec, protocol
from app.sync.errors import HubRefused, HubUnreachable, InsecureHub, LinkCut

Signer = Callable[[bytes], bytes]
TIMEOUT = httpx.Timeout(connect=10.0, read=90.0, write=90.0, pool=10.0)


def check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme == "https" and parts.hostname:
        return url.strip().rstrip("/")
    if parts.scheme == "http" and parts.hostname and protocol.is_loopback(parts.hostname):
        return url.strip().rstrip("/")
    raise InsecureHub(
        "Địa chỉ máy chủ tỉnh phải bắt đầu bằng https:// (http:// chỉ dùng cho máy chủ trên chính máy này).",
        "The hub address must start with https:// (http:// only for a hub on this machine).",
        field="url",
    )


def tls_context(ca_file: str | None) -> ssl.SSLContext:
    """The system's trusted CAs, or only the province's own CA when one is configured."""
    return ssl.create_default_context(cafile=ca_file) if ca_file else ssl.create_default_context()


class HubClient:
    def __init__(
        self,
        url: str,
        *,
        desk_id: str | None = None,
        signer: Signer | None = None,
        ca_file: str | None = None,
        now: Callable[[], float] = time.time,
        timeout: httpx.Timeout = TIMEOUT,
    ) -> None:
        self.url = check_url(url)
        self.desk_id = desk_id
        self.signer = signer
        self.now = now
        self.carried = 0  # answers received on the current connection since the last cut
        # Compressed batches are not compressed again; identity keeps gzip off binary bodies.
        self.http = httpx.Client(
            base_url=self.url,
            verify=tls_context(ca_file),
            timeout=timeout,
            headers={"accept-encoding": "identity", "user-agent": "motcua-desk"},
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _send(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        body: bytes = b"",
        content_type: str | None = None,
        signed: bool = True,
    ) -> httpx.Response:
        headers = {"content-type": content_type} if content_type else {}
        request = self.http.build_request(method, path, params=params, content=body or None, headers=headers)
        if signed:
            if self.signer is None or self.desk_id is None:
                raise HubRefused("unauthenticated", 401)
            stamp, nonce = str(int(self.now())), secrets.token_hex(16)
            target = request.url.raw_path.decode("latin-1")
            signature = self.signer(protocol.request_message(method, target, stamp, nonce, body))
            request.headers.update(
                {
                    protocol.HEADER_DESK: self.desk_id,
                    protocol.HEADER_TIME: stamp,
                    protocol.HEADER_NONCE: nonce,
                    protocol.HEADER_SIGNATURE: base64.b64encode(signature).decode(),
                }
            )
        try:
            response = self.http.send(request)
        except (httpx.ConnectError, httpx.TimeoutException, httpx.UnsupportedProtocol) as exc:
            raise HubUnreachable(
                "Không kết nối được máy chủ tỉnh; dữ liệu vẫn an toàn trên máy và sẽ được gửi sau.",
                f"The hub cannot be reached ({type(exc).__name__}); data is safe here and will be sent later.",
            ) from exc
        except httpx.TransportError as exc:
            # Connected, then the link dropped mid-request: worth trying again at once. Whether the
            # connection had carried anything before tells a batch too big for the link (cut on a fresh
            # connection) from a connection that ran out (cut after others got through).
            fresh, self.carried = self.carried == 0, 0
            raise LinkCut(
                "Không kết nối được máy chủ tỉnh; dữ liệu vẫn an toàn trên máy và sẽ được gửi sau.",
                f"The hub cannot be reached ({type(exc).__name__}); data is safe here and will be sent later.",
                fresh=fresh,
            ) from exc
        self.carried += 1
        if response.status_code >= 500:
            raise HubUnreachable(
                "Máy chủ tỉnh đang bận hoặc gặp sự cố; dữ liệu sẽ được gửi lại sau.",
                f"The hub answered {response.status_code}; data will be sent again later.",
            )
        if response.status_code >= 400:
            try:
                code = response.json().get("error", "bad_request")
            except ValueError:
                code = "bad_request"
            raise HubRefused(str(code), response.status_code)
        return response

    def enroll(self, data: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps(data, ensure_ascii=False).encode()
        return self._send("POST", "/v1/enroll", body=body, content_type="application/json", signed=False).json()

    def push(self, body: bytes) -> dict[str, Any]:
        return self._send("POST", "/v1/push", body=body, content_type=codec.CONTENT_TYPE).json()

    def pull(
        self, after: int, db_id: str, limit: int = protocol.PULL_ROWS, have: dict[str, int] | None = None
    ) -> tuple[dict[str, Any], list[dict]]:
        params: dict[str, Any] = {"after": after, "db_id": db_id, "limit": limit}
        if have:
            params["have"] = ",".join(f"{k}:{v}" for k, v in have.items())
        response = self._send("GET", "/v1/pull", params=params)
        try:
            return codec.decode(response.content)
        except codec.CodecError:
            raise LinkCut(
                "Dữ liệu nhận từ máy chủ tỉnh bị hỏng; sẽ thử lại sau.",
                "The data received from the hub was damaged; sync will try again.",
                fresh=False,
            ) from None

    def acks(self, db_id: str, desk: str | None = None) -> dict[str, Any]:
        """How far the hub has taken in this history, its identity and the end of the commune's stream;
        ``desk``: a history of another desk of the commune (to relay its changes)."""
        params = {"db_id": db_id} | ({"desk": desk} if desk else {})
        return self._send("GET", "/v1/acks", params=params).json()

    def relay(self, body: bytes) -> dict[str, Any]:
        """Another desk's changes a restored hub lost, under that desk's seal (app.sync.relay)."""
        return self._send("POST", "/v1/relay", body=body, content_type=codec.CONTENT_TYPE).json()

    def floors(self) -> dict[str, Any]:
        """This desk's highest code of each day the hub knows (HubRefused "learning" after a restore)."""
        return self._send("GET", "/v1/floors").json()

    def floors_report(self, codes: list[str], done: bool = True) -> dict[str, Any]:
        """Part of this desk's report of the highest codes it knows; ``done`` on the last part."""
        body = json.dumps({"codes": codes, "done": done}).encode()
        return self._send("POST", "/v1/floors", body=body, content_type="application/json").json()

    def province_data(self, version: int) -> dict[str, Any]:
        return self._send("GET", "/v1/province-data", params={"version": version}).json()

    def desk_keys(self, commune: str) -> dict[str, Any]:
        return self._send("GET", f"/v1/communes/{commune}/keys", signed=False).json()
