"""The province's own pages and endpoints, behind a province login (app.province.accounts).

    GET  /province/login, POST /province/login   the sign-in form; a session cookie on success
    POST /province/logout                        ends the session
    GET  /province                               the dashboard (HTML; without a login: to the form)
    GET  /province/scorecard.json                the same figures as ``motcua-province report``
    GET  /province/export.xlsx                   the same table as an Excel workbook
    GET  /v1/stats                               what the hub holds (``motcua-province stats --json``)

A script sends ``Authorization: Bearer <token>`` instead of the cookie. Without either, the JSON
endpoints answer 401. Query: ``period`` (month, quarter, half, nine_months, year, custom), ``year``, ``n``
(the month or quarter), ``from`` and ``to`` (custom), ``commune`` (JSON: one commune), ``lang``.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from app.core.errors import AuthenticationFailed, MotcuaError, NotFound
from app.core.worktime import VN_TZ
from app.province import accounts, dashboard, view
from app.province.errors import HubError
from app.scorecard import periods
from db.hub.store import HubStore

Handler = Callable[[Request], Awaitable[Response]]
COOKIE = "motcua_session"
# Seconds a wrong password waits before the answer (guessing is slowed further by counts); an
# asyncio sleep, so it holds no worker and concurrent attempts wait side by side (serve --login-delay).
FAIL_DELAY = 1.0
MAX_FORM = 4096
_COMMUNE_LEN = 5
_NEXT = re.compile(r"/province[A-Za-z0-9/?=&.%_-]{0,300}")  # a page of the dashboard, nothing else


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "vi"


def _refusal(exc: MotcuaError, lang: str, status: int = 400) -> JSONResponse:
    return JSONResponse(
        {"error": "bad_request", "field": exc.field, "message": exc.message("vi"), "message_en": exc.message("en")},
        status_code=status,
    )


def choice(request: Request, today: date) -> dashboard.Choice:
    """The period asked for (by default this year, up to today); a bad one raises ValidationError."""
    q = request.query_params

    def number(name: str, default: int) -> int:
        raw = q.get(name, "")
        return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 4 else default

    def day(name: str) -> date | None:
        try:
            return date.fromisoformat(q.get(name, ""))
        except ValueError:
            return None

    kind = q.get("period", "year")
    year, n = number("year", today.year), number("n", today.month)
    if kind in ("quarter", "half") and "n" not in q:
        n = (today.month + 2) // 3 if kind == "quarter" else (today.month + 5) // 6
    period = periods.pick(kind, year, n, day("from"), day("to"))
    return dashboard.Choice(kind, year, n, period.start, period.end)


def routes(hub: HubStore, guarded: Callable[[Handler], Handler], fail_delay: float = FAIL_DELAY) -> list[Route]:
    async def who(request: Request) -> accounts.Officer | None:
        header = request.headers.get("authorization", "")
        if header[:7].lower() == "bearer ":
            return await run_in_threadpool(accounts.officer, hub, header[7:].strip(), "token")
        return await run_in_threadpool(accounts.officer, hub, request.cookies.get(COOKIE), "session")

    def login_required(handler: Callable[[Request, accounts.Officer], Awaitable[Response]], *, page: bool = False):
        async def run(request: Request) -> Response:
            officer = await who(request)
            if officer is None:
                if page:
                    target = quote(request.url.path + ("?" + request.url.query if request.url.query else ""))
                    return RedirectResponse(f"/province/login?next={target}", status_code=303)
                body = HubError(401, "login_required").body()
                return JSONResponse(body, status_code=401, headers={"www-authenticate": 'Bearer realm="province"'})
            return await handler(request, officer)

        return guarded(run)

    async def login_form(request: Request) -> Response:
        return HTMLResponse(login_page(_lang(request), request.query_params.get("next", "")))

    async def login(request: Request) -> Response:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_FORM:
                raise HubError(413, "too_large")
        try:
            form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), max_num_fields=10).items()}
        except ValueError:  # more fields than a sign-in has
            raise HubError(400, "bad_request") from None
        lang = "en" if form.get("lang") == "en" else "vi"
        target = form.get("next", "")
        address = request.client.host if request.client else ""
        try:
            secret = await run_in_threadpool(
                accounts.sign_in, hub, form.get("name", ""), form.get("password", ""), address
            )
        except AuthenticationFailed as exc:
            await asyncio.sleep(fail_delay)
            status = 429 if isinstance(exc, accounts.TooManyAttempts) else 401
            return HTMLResponse(login_page(lang, target, exc.message(lang)), status_code=status)
        # Only a page of the dashboard, never another site (an open redirect).
        safe = target if _NEXT.fullmatch(target) and "//" not in target else "/province"
        response = RedirectResponse(safe, status_code=303)
        response.set_cookie(
            COOKIE,
            secret,
            max_age=accounts.SESSION_HOURS * 3600,
            path="/",
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    async def logout(request: Request) -> Response:
        await run_in_threadpool(accounts.sign_out, hub, request.cookies.get(COOKIE))
        response = RedirectResponse("/province/login", status_code=303)
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
        return response

    def figures(request: Request, commune: str | None = None) -> tuple[dashboard.Choice, Any, list[Any]]:
        from app.province.scorecard_source import scorecards
        from app.scorecard.records import Period

        now = datetime.now(VN_TZ)
        picked = choice(request, now.date())
        province, cards = scorecards(hub, Period(picked.start, picked.end), now, commune)
        return picked, province, cards

    async def page(request: Request, officer: accounts.Officer) -> Response:
        lang = _lang(request)

        def build() -> str:
            picked, province, cards = figures(request)
            now = datetime.now(VN_TZ)
            return dashboard.page(province, cards, hub.desks(), picked, officer.name, now, lang)

        try:
            return HTMLResponse(await run_in_threadpool(build))
        except MotcuaError as exc:
            return HTMLResponse(
                f"<!doctype html><meta charset=utf-8><p>{escape(exc.message(lang))}</p>"
                f'<p><a href="/province?lang={lang}">/province</a></p>',
                status_code=400,
            )

    async def scorecard_json(request: Request, officer: accounts.Officer) -> Response:
        from app.province.report_commands import as_json

        commune = request.query_params.get("commune")
        if commune is not None and not (commune.isascii() and commune.isdigit() and len(commune) == _COMMUNE_LEN):
            commune = "-"  # never a commune: answered as unknown below

        def build() -> dict[str, Any]:
            _, province, cards = figures(request, commune)
            if commune is not None and not cards:
                raise NotFound(f"Không có xã mã {commune}.", f"There is no commune {commune}.", field="commune")
            return as_json(province, cards, _lang(request))

        try:
            return JSONResponse(await run_in_threadpool(build))
        except NotFound as exc:
            return _refusal(exc, _lang(request), 404)
        except MotcuaError as exc:
            return _refusal(exc, _lang(request))

    async def export(request: Request, officer: accounts.Officer) -> Response:
        from app.scorecard import xlsx

        def build() -> tuple[bytes, str]:
            picked, province, cards = figures(request)
            with tempfile.TemporaryDirectory() as folder:
                path = xlsx.write_province(province, cards, Path(folder) / "tinh.xlsx")
                return path.read_bytes(), f"bao-cao-766-tinh-{picked.start}-{picked.end}.xlsx"

        try:
            data, name = await run_in_threadpool(build)
        except MotcuaError as exc:
            return _refusal(exc, _lang(request))
        return Response(
            data,
            media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            headers={"content-disposition": f'attachment; filename="{name}"'},
        )

    async def stats(request: Request, officer: accounts.Officer) -> Response:
        return JSONResponse(await run_in_threadpool(view.stats, hub))

    return [
        Route("/province/login", guarded(login_form), methods=["GET"]),
        Route("/province/login", guarded(login), methods=["POST"]),
        Route("/province/logout", guarded(logout), methods=["POST"]),
        Route("/province", login_required(page, page=True)),
        Route("/province/scorecard.json", login_required(scorecard_json)),
        Route("/province/export.xlsx", login_required(export)),
        Route("/v1/stats", login_required(stats)),
    ]


LOGIN_WORDS = {
    "title": ("Đăng nhập — Bộ chỉ số phục vụ người dân", "Sign in — Citizen service scorecard"),
    "name": ("Tên đăng nhập", "User name"),
    "password": ("Mật khẩu", "Password"),
    "submit": ("Đăng nhập", "Sign in"),
}


def login_page(lang: str, target: str = "", error: str = "") -> str:
    def w(key: str) -> str:
        return LOGIN_WORDS[key][lang == "en"]

    other = "en" if lang == "vi" else "vi"
    problem = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{w("title")}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font-family: "DejaVu Sans", sans-serif; color: #1d2733; display: flex; justify-content: center;
  margin-top: 12vh; }}
form {{ border: 1px solid #c9d1da; border-top: 4px solid #a4262c; padding: 1.5rem 2rem; width: 22rem; }}
h1 {{ font-size: 1.15rem; }} label {{ display: block; margin: .7rem 0; }} input {{ font: inherit; width: 100%; }}
button {{ font: inherit; padding: .35rem 1rem; background: #1f5fa8; color: #fff; border: 0; }}
.error {{ color: #c62828; }}
</style></head><body>
<form method="post" action="/province/login"><h1>{w("title")}</h1>{problem}
<label>{w("name")}<input name="name" autocomplete="username" required autofocus></label>
<label>{w("password")}<input name="password" type="password" autocomplete="current-password" required></label>
<input type="hidden" name="next" value="{escape(target)}"><input type="hidden" name="lang" value="{lang}">
<button type="submit">{w("submit")}</button>
<p><a href="/province/login?lang={other}">{"English" if other == "en" else "Tiếng Việt"}</a></p></form>
</body></html>
"""
