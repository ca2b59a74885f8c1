"""``motcua-province``: run the hub and administer it (contract: shared/CLI.md)."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from app.cli.parsing import Parser
from app.core import paths, validation
from app.core.errors import MotcuaError, ValidationError
from app.core.worktime import read_overrides
from app.province import account_commands, auth, report_commands, view
from app.reception import catalogue
from app.sync.protocol import is_loopback
from db.hub.store import HubStore

_MAX_LOGIN_DELAY = 30  # longer only holds connections open, it slows no guesser more than the counts do


def default_db() -> str:
    return os.environ.get("MOTCUA_PROVINCE_DB") or str(paths.data_dir() / "province.sqlite3")


def _common(top: bool) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    default = None if top else argparse.SUPPRESS
    parent.add_argument("--db", default=default, help="SQLite file or postgresql:// URL")
    parent.add_argument("--lang", default="vi" if top else argparse.SUPPRESS, choices=["vi", "en"])
    return parent


def build_parser(argv: Sequence[str]) -> Parser:
    Parser.argv = argv
    parser = Parser(prog="motcua-province", description="Máy chủ tỉnh của MotCua", parents=[_common(True)])
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    parent = _common(False)

    p = sub.add_parser("serve", parents=[parent], help="run the hub")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8787)
    p.add_argument("--tls-cert", help="certificate (PEM) for HTTPS")
    p.add_argument("--tls-key", help="private key (PEM) for HTTPS")
    p.add_argument(
        "--behind-proxy",
        action="store_true",
        help="plain HTTP on a non-loopback address, for a TLS-terminating proxy in front",
    )
    p.add_argument(
        "--login-delay",
        type=float,
        default=None,
        metavar="SECONDS",
        help="how long a wrong province password waits before the answer (default 1)",
    )
    p.set_defaults(handler=cmd_serve)

    p = sub.add_parser("commune", parents=[parent], help="communes")
    csub = p.add_subparsers(dest="commune_command", required=True, parser_class=Parser)
    c = csub.add_parser("add", parents=[parent], help="register a commune")
    c.add_argument("code")
    c.add_argument("name")
    c.add_argument("--province", default="")
    c.set_defaults(handler=cmd_commune_add)

    p = sub.add_parser("issue-token", parents=[parent], help="a one-time enrolment token")
    p.add_argument("--commune", required=True)
    p.add_argument("--desk", type=int)
    p.set_defaults(handler=cmd_issue_token)

    p = sub.add_parser("revoke", parents=[parent], help="refuse a desk from now on")
    p.add_argument("--commune", required=True)
    p.add_argument("--desk", type=int, required=True)
    p.set_defaults(handler=cmd_revoke)

    p = sub.add_parser("floors", parents=[parent], help="codes' floors a restored hub learns from its desks")
    fsub = p.add_subparsers(dest="floors_command", required=True, parser_class=Parser)
    c = fsub.add_parser("status", parents=[parent], help="which communes are still learning")
    c.set_defaults(handler=cmd_floors_status)
    c = fsub.add_parser("proceed", parents=[parent], help="hand out floors without the desks that have not reported")
    c.add_argument("--commune", required=True)
    c.set_defaults(handler=cmd_floors_proceed)

    report_commands.register(sub, parent, lambda args: _hub(args))
    account_commands.register(sub, parent, lambda args: _hub(args))

    p = sub.add_parser("rebuild-counters", parents=[parent], help="the scorecard's counters from every change held")
    p.set_defaults(handler=cmd_rebuild_counters)

    p = sub.add_parser("stats", parents=[parent], help="what the hub holds")
    p.add_argument("--json", action="store_true", dest="as_json")
    p.set_defaults(handler=cmd_stats)

    p = sub.add_parser("catalogue", parents=[parent], help="publish the province catalogue (CSV or XLSX)")
    csub = p.add_subparsers(dest="catalogue_command", required=True, parser_class=Parser)
    c = csub.add_parser("import", parents=[parent])
    c.add_argument("file")
    c.set_defaults(handler=cmd_catalogue_import)

    p = sub.add_parser("calendar", parents=[parent], help="publish calendar overrides (CSV: day,kind,note)")
    csub = p.add_subparsers(dest="calendar_command", required=True, parser_class=Parser)
    c = csub.add_parser("import", parents=[parent])
    c.add_argument("file")
    c.set_defaults(handler=cmd_calendar_import)

    p = sub.add_parser("template", parents=[parent], help="publish a form template")
    csub = p.add_subparsers(dest="template_command", required=True, parser_class=Parser)
    c = csub.add_parser("set", parents=[parent])
    c.add_argument("name")
    c.add_argument("file")
    c.set_defaults(handler=cmd_template_set)
    return parser


def _hub(args: argparse.Namespace) -> HubStore:
    return HubStore(args.db or default_db())


def _commune_code(code: str) -> str:
    return validation.commune_code(code)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.province.server import create_app

    if not (args.tls_cert or is_loopback(args.host) or args.behind_proxy):
        raise ValidationError(
            "Chỉ phục vụ HTTP không mã hóa trên máy này; hãy dùng --tls-cert và --tls-key.",
            "Plain HTTP is served only on this machine; use --tls-cert and --tls-key.",
            field="host",
        )
    if args.login_delay is not None and not 0 <= args.login_delay <= _MAX_LOGIN_DELAY:
        raise ValidationError(
            f"--login-delay phải từ 0 đến {_MAX_LOGIN_DELAY} giây.",
            f"--login-delay must be between 0 and {_MAX_LOGIN_DELAY} seconds.",
            field="login_delay",
        )
    delay = {} if args.login_delay is None else {"login_delay": args.login_delay}
    app = create_app(args.db or default_db(), **delay)
    config = uvicorn.Config(
        app,
        host=args.host,
        port=args.port,
        log_level="warning",
        ssl_certfile=args.tls_cert,
        ssl_keyfile=args.tls_key,
        timeout_graceful_shutdown=5,
    )
    scheme = "https" if args.tls_cert else "http"

    class Server(uvicorn.Server):
        async def startup(self, sockets: list | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started:  # one line once the port is open, for the administrator and for scripts
                port = next((s.getsockname()[1] for srv in self.servers for s in srv.sockets), args.port)
                host = f"[{args.host}]" if ":" in args.host else args.host
                print(f"listening on {scheme}://{host}:{port}", flush=True)

    Server(config).run()
    return 0


def cmd_commune_add(args: argparse.Namespace) -> int:
    from app.core.text import nfc

    hub = _hub(args)
    try:
        hub.add_commune(_commune_code(args.code), nfc(args.name).strip(), nfc(args.province).strip(), auth.utc_now())
    finally:
        hub.close()
    print(args.code)
    return 0


def cmd_issue_token(args: argparse.Namespace) -> int:
    hub = _hub(args)
    try:
        if hub.commune(_commune_code(args.commune)) is None:
            raise ValidationError(
                f"Máy chủ tỉnh chưa đăng ký xã {args.commune}.",
                f"The hub has not registered commune {args.commune}.",
                field="commune",
            )
        if args.desk is not None:
            validation.desk_number(args.desk)
        print(auth.issue_token(hub, args.commune, args.desk))
    finally:
        hub.close()
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    hub = _hub(args)
    try:
        if hub.revoke_desk(_commune_code(args.commune), args.desk, auth.utc_now()) == 0:
            raise ValidationError(
                f"Xã {args.commune} không có quầy {args.desk} đang hoạt động.",
                f"Commune {args.commune} has no active desk {args.desk}.",
                field="desk",
            )
    finally:
        hub.close()
    print(f"{args.commune} {args.desk}")
    return 0


def cmd_floors_status(args: argparse.Namespace) -> int:
    """One line a commune: learning (desks reported / active desks) or ok."""
    from app.province import relay

    hub = _hub(args)
    try:
        for commune, state, reported, desks in relay.states(hub):
            print(f"{commune} {state} {reported}/{desks}")
    finally:
        hub.close()
    return 0


def cmd_floors_proceed(args: argparse.Namespace) -> int:
    """A desk that will never report (a dead PC): the commune's desks get their floors from what is known."""
    from app.province import relay

    hub = _hub(args)
    try:
        code = _commune_code(args.commune)
        if hub.commune(code) is None:
            raise ValidationError(f"Không có xã {code}.", f"There is no commune {code}.", field="commune")
        relay.proceed(hub, code)
    finally:
        hub.close()
    print(f"{args.commune} ok")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    hub = _hub(args)
    try:
        data = view.stats(hub)
    finally:
        hub.close()
    if args.as_json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    for c in data["communes"]:
        print(
            f"{c['code']}\t{c['name']}\tquầy {c['desks']}\thồ sơ {c['dossiers']}\tsự kiện {c['events']}\t"
            f"đúng hạn {c['early'] + c['on_time']}\ttrễ {c['late']}\tđánh giá {c['ratings']}\t"
            f"đồng bộ {c['last_sync'] or '—'}"
        )
    return 0


def cmd_rebuild_counters(args: argparse.Namespace) -> int:
    from app.province.calendars import Calendars
    from app.province.scorecard_counters import rebuild

    hub = _hub(args)
    calendars = Calendars()
    try:
        print(rebuild(hub, lambda commune: calendars.get(hub, commune)))
    finally:
        hub.close()
    return 0


def _publish(args: argparse.Namespace, kind: str, items: list[dict[str, object]]) -> int:
    """Province-owned data that desks pull: stored as a new version, its count and version printed."""
    hub = _hub(args)
    try:
        version = hub.set_province_data(kind, json.dumps(items, ensure_ascii=False), auth.utc_now())
    finally:
        hub.close()
    print(f"{len(items)} (version {version})")
    return 0


def cmd_catalogue_import(args: argparse.Namespace) -> int:
    return _publish(args, "catalogue", catalogue.to_json(catalogue.read_file(args.file)))


def cmd_calendar_import(args: argparse.Namespace) -> int:
    from app.province.calendars import Calendars
    from app.province.scorecard_counters import calendar_changed

    overrides = read_overrides(Path(args.file))
    hub = _hub(args)
    try:
        before = hub.province_data().get("calendar")
        old = Calendars().get(hub)
        code = _publish(
            args, "calendar", [{"day": o.day.isoformat(), "kind": o.kind, "note": o.note} for o in overrides]
        )
        # Promised dates move with the calendar: the scorecard's counters follow them.
        days = {o.day for o in overrides}
        for item in json.loads(before["content"]) if before else []:
            with contextlib.suppress(KeyError, TypeError, ValueError):
                days.add(date.fromisoformat(item["day"]))
        calendars = Calendars()
        calendar_changed(hub, old, calendars.get(hub), days, lambda commune: calendars.get(hub, commune))
    finally:
        hub.close()
    return code


def cmd_template_set(args: argparse.Namespace) -> int:
    content = Path(args.file).read_text(encoding="utf-8")
    hub = _hub(args)
    try:
        current = hub.province_data().get("templates")
        templates = json.loads(current["content"]) if current else {}
        templates[args.name] = content
        version = hub.set_province_data("templates", json.dumps(templates, ensure_ascii=False), auth.utc_now())
    finally:
        hub.close()
    print(f"{args.name} (version {version})")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv).parse_args(argv)
    if args.command is None:
        sys.stderr.write("Cần một lệnh con, ví dụ «motcua-province serve».\n")
        return 2
    lang = getattr(args, "lang", "vi") or "vi"
    try:
        return int(args.handler(args) or 0)
    except MotcuaError as exc:
        sys.stderr.write(exc.message(lang) + "\n")
        return exc.exit_code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
