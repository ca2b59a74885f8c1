"""The hub's file routes: resumable uploads in chunks, and downloads for the sending commune's desks.

    GET /v1/files/{sha}/upload            → {"complete": bool, "offset": bytes already held}
    PUT /v1/files/{sha}/upload?offset&size  (body: one chunk) → the same, after appending it
    GET /v1/files/{sha}?offset&limit       → the bytes, to a desk of a commune that sent the file

Every request is signed by a desk like a push. A desk of another commune gets 404 whether or not the
hub has the file (a hash reveals nothing). Files are not part of any pull: desks fetch them on demand.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from app.province import auth
from app.province.errors import HubError
from db.hub.files import FileStorage

MAX_FILE = 200 * 1024 * 1024
MAX_CHUNK = 1024 * 1024
_HEX = re.compile(r"[0-9a-f]{64}")

Handler = Callable[[Request], Awaitable[Response]]
Signed = Callable[[Request], Awaitable[tuple[auth.DeskAuth, bytes]]]


def _sha(request: Request) -> str:
    sha = request.path_params["sha"]
    if not _HEX.fullmatch(sha):
        raise HubError(400, "bad_request")
    return sha


def _number(request: Request, name: str, high: int) -> int:
    raw = request.query_params.get(name, "0")
    if not raw.isdigit() or int(raw) > high:
        raise HubError(400, "bad_request")
    return int(raw)


def routes(storage: FileStorage, signed: Signed, guarded: Callable[[Handler], Handler]) -> list[Route]:
    def state(sha: str, commune: str) -> dict[str, Any]:
        if storage.allowed(sha, commune):
            size = storage.complete(sha) or 0
            return {"complete": True, "offset": size}
        return {"complete": False, "offset": storage.received(sha, commune)}

    async def upload_state(request: Request) -> Response:
        desk, _ = await signed(request)
        sha = _sha(request)
        return JSONResponse(await run_in_threadpool(state, sha, desk.commune_code))

    async def upload_chunk(request: Request) -> Response:
        desk, body = await signed(request)
        sha = _sha(request)
        offset = _number(request, "offset", MAX_FILE)
        size = _number(request, "size", MAX_FILE)
        if len(body) > MAX_CHUNK or offset + len(body) > size or not body:
            raise HubError(400, "bad_request")

        def write() -> dict[str, Any]:
            commune = desk.commune_code
            if storage.allowed(sha, commune):
                return state(sha, commune)
            held = storage.append(sha, commune, offset, body)
            if held == size:
                if not storage.finish(sha, commune):
                    raise HubError(422, "bad_payload")  # the bytes do not hash to the name: sent again whole
                return state(sha, commune)
            return {"complete": False, "offset": held}

        return JSONResponse(await run_in_threadpool(write))

    async def download(request: Request) -> Response:
        desk, _ = await signed(request)
        sha = _sha(request)
        offset = _number(request, "offset", MAX_FILE)
        limit = _number(request, "limit", MAX_CHUNK) or MAX_CHUNK

        def read() -> tuple[bytes, int]:
            if not storage.allowed(sha, desk.commune_code):
                raise HubError(404, "not_found")
            return storage.read(sha, offset, limit), storage.complete(sha) or 0

        data, size = await run_in_threadpool(read)
        return Response(data, media_type="application/octet-stream", headers={"x-motcua-size": str(size)})

    return [
        Route("/v1/files/{sha}/upload", guarded(upload_state), methods=["GET"]),
        Route("/v1/files/{sha}/upload", guarded(upload_chunk), methods=["PUT"]),
        Route("/v1/files/{sha}", guarded(download), methods=["GET"]),
    ]
