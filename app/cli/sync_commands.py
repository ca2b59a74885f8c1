"""``enroll`` and ``sync``: register the desk with the province hub and sync with it."""

from __future__ import annotations

import argparse
import json
import sys

from app.cli.common import open_desk
from app.sync.service import SyncService


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("enroll", parents=[parent], help="register the desk with the province hub")
    p.add_argument("url", help="the hub's address, https://…")
    p.add_argument("token", help="the one-time token from the province")
    p.add_argument("--ca", help="the province's CA certificate (PEM), instead of the system's")
    p.set_defaults(handler=cmd_enroll)

    p = sub.add_parser("sync", parents=[parent], help="sync until the outbox is empty or the hub cannot be reached")
    p.add_argument("--json", action="store_true", dest="as_json")
    p.add_argument("--progress", action="store_true", help="show progress on standard error")
    p.set_defaults(handler=cmd_sync)


def cmd_enroll(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        print(SyncService(desk).enroll(args.url, args.token, ca_file=args.ca))
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", "vi") or "vi"

    def progress(done: int, total: int) -> None:
        sys.stderr.write(f"\r{done}/{total}")
        sys.stderr.flush()

    with open_desk(args) as desk:
        service = SyncService(desk)
        report = service.run_once(progress if args.progress else None)
        errors = service.status().errors
    if args.progress:
        sys.stderr.write("\n")
    if args.as_json:
        print(
            json.dumps(
                {
                    "sent": report.sent,
                    "received": report.received,
                    "refused": report.refused,
                    "clashes": report.clashes,
                    "pending": report.pending,
                    "errors": errors,
                    "complete": report.complete and errors == 0,
                },
                ensure_ascii=False,
            )
        )
    elif lang == "en":
        print(f"sent {report.sent}, received {report.received}, refused {report.refused}, pending {report.pending}")
    else:
        print(f"đã gửi {report.sent}, đã nhận {report.received}, bị từ chối {report.refused}, còn chờ {report.pending}")
    if report.error:
        sys.stderr.write((report.error_en if lang == "en" else report.error) + "\n")
    return 0 if report.complete and errors == 0 else 1
