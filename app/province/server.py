"""The hub's HTTP service (Starlette). Every refusal is a 4xx with a reason code; never a 5xx for bad input."""

from __future__ import annotations

import contextlib
import json
import logging
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from app.province import auth, board, file_routes, lookup, openapi, province_routes, relay
from app.province.calendars import Calendars
from app.province.errors import HubError
from app.province.identity import Identity
from app.province.ingest import ingest
from app.sync import codec, protocol
from db.errors import HubDatabaseError
from db.hub.files import FileSystemStorage, default_root
from db.hub.store import HubStore

log = logging.getLogger("motcua.province")
RETRY_AFTER = "5"  # seconds


def _target(request: Request) -> str:
    path = request.scope.get("raw_path") or request.url.path.encode()
    query = request.scope.get("query_string") or b""
    return (path + (b"?" + query if query else b"")).decode("latin-1")


async def _body(request: Request) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > protocol.MAX_BODY:
            raise HubError(413, "too_large")
        chunks.append(chunk)
    return b"".join(chunks)


def _batch(body: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A desk's batch (a push or a relay) decoded, or the 4xx that says why not."""
    try:
        return codec.decode(body)
    except codec.TooLarge:
        raise HubError(413, "too_large") from None
    except codec.CodecError:
        raise HubError(400, "bad_batch") from None


def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19 or not low <= int(raw) <= high:
        raise HubError(400, "bad_request")
    return int(raw)


_DB_ID = re.compile(r"[\w.:-]{1,64}", re.ASCII)
_COMMUNE = re.compile(r"[0-9]{5}")


def _db_id_param(request: Request, name: str = "db_id") -> str:
    """A database id: ASCII letters, digits and ``.:-_`` only (no NUL for PostgreSQL, no surrogates)."""
    raw = request.query_params.get(name, "")
    if not _DB_ID.fullmatch(raw):
        raise HubError(400, "bad_request")
    return raw


def _stored(payload: str) -> Any:
    """A stored payload as JSON; one an older hub stored unreadable goes as null, which the desk sets aside
    (quarantine) instead of the whole pull failing."""
    try:
        return json.loads(payload)
    except (ValueError, RecursionError):
        return None


_HISTORY = re.compile(r"([\w.-]{1,64}):([0-9]{1,18})", re.ASCII)


def _have(raw: str) -> list[tuple[str, int]]:
    """``db_id:seq,…``: the desk's other histories and how far it holds each; those are not sent back."""
    if not raw:
        return []
    parts = raw.split(",")
    matches = [_HISTORY.fullmatch(p) for p in parts]
    if len(parts) > protocol.MAX_HISTORIES or not all(matches):
        raise HubError(400, "bad_request")
    return [(m[1], int(m[2])) for m in matches if m]


def create_app(db: str | Path, *, login_delay: float = province_routes.FAIL_DELAY) -> Starlette:
    hub = HubStore(db)
    calendars = Calendars()
    identity = Identity(hub, db)

    def guarded(handler: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        async def run(request: Request) -> Response:
            try:
                return await handler(request)
            except HubError as exc:
                return JSONResponse(exc.body(), status_code=exc.status)
            except HubDatabaseError as exc:
                log.warning("database unavailable: %s", exc)
                # The pool reconnects by itself within seconds of the database coming back.
                return JSONResponse(
                    HubError(503, "unavailable").body(), status_code=503, headers={"retry-after": RETRY_AFTER}
                )

        return run

    async def signed(request: Request) -> tuple[auth.DeskAuth, bytes]:
        body = await _body(request)
        headers = {k.lower(): v for k, v in request.headers.items()}
        desk = await run_in_threadpool(auth.authenticate, hub, request.method, _target(request), headers, body)
        return desk, body

    async def health(request: Request) -> Response:
        """Ready, and whether the database answers (a load balancer or a person reads this)."""
        try:
            ok = await run_in_threadpool(hub.ping)
        except HubDatabaseError:
            ok = False
        body = {"status": "ok" if ok else "down", "database": "ok" if ok else "unreachable", "hub_id": identity.db_id}
        return JSONResponse(body, status_code=200 if ok else 503, headers={} if ok else {"retry-after": RETRY_AFTER})

    async def enroll(request: Request) -> Response:
        body = await _body(request)
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: 100,000 nested "["
            raise HubError(400, "bad_request") from None
        return JSONResponse(await run_in_threadpool(auth.enrol, hub, data))

    async def push(request: Request) -> Response:
        desk, body = await signed(request)
        header, changes = _batch(body)
        started = time.perf_counter()
        result = await run_in_threadpool(ingest, hub, desk, header, changes, calendars)
        if result.stored:
            await run_in_threadpool(identity.stored)
        log.info(
            "push desk=%s rows=%d stored=%d in %.3fs",
            desk.desk_id,
            len(changes),
            result.stored,
            time.perf_counter() - started,
        )
        return JSONResponse(result.to_dict())

    async def pull(request: Request) -> Response:
        desk, _ = await signed(request)
        after = _int_param(request, "after", 0, 0, 2**62)
        limit = _int_param(request, "limit", protocol.PULL_ROWS, 1, protocol.PULL_ROWS)
        have = [(_db_id_param(request), 2**62), *_have(request.query_params.get("have", ""))]
        commune = request.query_params.get("commune", desk.commune_code)
        if commune != desk.commune_code:
            raise HubError(403, "forbidden")

        def read() -> bytes:
            rows = hub.changes_after(desk.commune_code, after, have, limit)
            changes = [
                {
                    "entity": r["entity"],
                    "entity_id": r["entity_id"],
                    "op": r["op"],
                    "payload": _stored(r["payload"]),
                    "created_at": r["created_at"],
                    "desk_id": r["desk_id"],
                }
                for r in rows
            ]
            last = rows[-1]["pos"] if rows else after
            end = hub.last_position(desk.commune_code)
            header: dict[str, Any] = {"next": last, "more": len(rows) == limit, "end": end}
            if rows:
                # Each change's history and sequence, and the seals over them: a desk keeps both, to hand
                # a restored hub another desk's changes it lost (app.province.relay). Older desks ignore them.
                header["origins"] = relay.origins(rows)
                header["seals"] = relay.seals_for(hub, desk.commune_code, rows)
            return codec.encode(header, changes)

        return Response(await run_in_threadpool(read), media_type=codec.CONTENT_TYPE)

    async def acks(request: Request) -> Response:
        desk, _ = await signed(request)
        db_id = _db_id_param(request)
        of = request.query_params.get("desk", desk.desk_id)

        def read() -> dict[str, Any]:
            # With the hub's identity and the end of the commune's stream: a desk that meets a restored hub
            # sends again what it lost and pulls from where the hub now ends. ``desk``: another desk of the
            # same commune, whose changes the asking desk may relay.
            if of != desk.desk_id:
                other = hub.desk(of) if _DB_ID.fullmatch(of) else None
                if other is None or other["commune_code"] != desk.commune_code:
                    raise HubError(403, "foreign_commune")
            acked = hub.acked(of, db_id)
            return {
                "db_id": db_id,
                "acked_seq": acked,
                "hub_id": identity.db_id,
                "end": hub.last_position(desk.commune_code),
            }

        return JSONResponse(await run_in_threadpool(read))

    async def relay_in(request: Request) -> Response:
        """Another desk's changes this hub lost, offered by a desk of the same commune that pulled them."""
        desk, body = await signed(request)
        header, changes = _batch(body)
        result = await run_in_threadpool(relay.relay, hub, desk, header, changes, calendars)
        if result.stored:
            await run_in_threadpool(identity.stored)
        log.info("relay desk=%s rows=%d stored=%d", desk.desk_id, len(changes), result.stored)
        return JSONResponse(result.to_dict())

    async def floors(request: Request) -> Response:
        """GET: the asking desk's highest code of each day (409 while a restored hub learns them);
        POST: a desk's report of the highest codes it knows, on its first contact with this identity."""
        desk, body = await signed(request)
        if request.method == "GET":
            codes = await run_in_threadpool(relay.floors, hub, desk, identity.db_id)
            return JSONResponse({"codes": codes, "hub_id": identity.db_id})
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise HubError(400, "bad_request") from None
        await run_in_threadpool(relay.report, hub, desk, identity.db_id, data)
        return JSONResponse({"hub_id": identity.db_id})

    async def province_data(request: Request) -> Response:
        await signed(request)
        since = _int_param(request, "version", 0, 0, 2**62)

        def read() -> dict[str, Any]:
            data = hub.province_data()
            version = max((r["version"] for r in data.values()), default=0)
            # The province's communes, always: a desk receives for any of them (Decree 118/2025).
            communes = [{"code": c["code"], "name": c["name"]} for c in hub.communes()]
            if version <= since:
                return {"version": version, "changed": False, "communes": communes}
            return {
                "version": version,
                "changed": True,
                "communes": communes,
                **{kind: json.loads(r["content"]) for kind, r in data.items()},
            }

        return JSONResponse(await run_in_threadpool(read))

    async def desk_keys(request: Request) -> Response:
        code = request.path_params["code"]
        if not _COMMUNE.fullmatch(code):
            raise HubError(404, "unknown_commune")

        def read() -> dict[str, Any]:
            if hub.commune(code) is None:
                raise HubError(404, "unknown_commune")
            return {
                "commune": code,
                "desks": [
                    {
                        "desk_id": d["desk_id"],
                        "desk_no": d["desk_no"],
                        "public_key": d["public_key"],
                        "revoked": d["revoked_at"] is not None,
                    }
                    for d in hub.desks(code)
                ],
            }

        return JSONResponse(await run_in_threadpool(read))

    async def lookup_page(request: Request) -> Response:
        """The receipt QR's public status page (no login): signature checked, no personal data."""
        payload = request.path_params["payload"]

        def read() -> lookup.Lookup:
            return lookup.look_up(hub, payload, lambda commune: calendars.get(hub, commune))

        result = await run_in_threadpool(read)
        return HTMLResponse(lookup.page(result), status_code=result.status_code)

    async def public_board(request: Request) -> Response:
        """A commune's disclosure board: public, no login, no personal data."""
        code = request.path_params["code"]
        # Only a commune code reaches the database (never a NUL or a lone surrogate); any other is unknown.
        return HTMLResponse(await run_in_threadpool(board.page, hub, code if _COMMUNE.fullmatch(code) else ""))

    async def schema(request: Request) -> Response:
        return JSONResponse(openapi.SCHEMA)

    async def root(request: Request) -> Response:
        return RedirectResponse("/province")

    async def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 400)
        code = {404: "not_found", 405: "bad_request"}.get(status, "bad_request")
        return JSONResponse(HubError(status, code).body(), status_code=status)

    routes = [
        Route("/", guarded(root)),
        Route("/health", guarded(health)),
        Route("/openapi.json", guarded(schema)),
        Route("/tra-cuu/{payload:path}", guarded(lookup_page)),
        Route("/public/{code}", guarded(public_board)),
        Route("/v1/enroll", guarded(enroll), methods=["POST"]),
        Route("/v1/push", guarded(push), methods=["POST"]),
        Route("/v1/pull", guarded(pull)),
        Route("/v1/acks", guarded(acks)),
        Route("/v1/relay", guarded(relay_in), methods=["POST"]),
        Route("/v1/floors", guarded(floors), methods=["GET", "POST"]),
        Route("/v1/province-data", guarded(province_data)),
        Route("/v1/communes/{code}/keys", guarded(desk_keys)),
        *province_routes.routes(hub, guarded, login_delay),  # behind a province login
        *file_routes.routes(FileSystemStorage(default_root(db)), signed, guarded),  # scans (issue 14)
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        hub.close()

    app = Starlette(
        routes=routes,
        middleware=[Middleware(GZipMiddleware, minimum_size=1024)],
        exception_handlers={HTTPException: http_error},
        lifespan=lifespan,
    )
    app.state.hub = hub
    return app
