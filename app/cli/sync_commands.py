"""``enroll`` and ``sync``: register the desk with the province hub and sync with it."""

from __future__ import annotations

import argparse
import json
import sys

from app.cli.common import authenticated, open_desk, stdin_lines
from app.cli.parsing import Parser
from app.core.errors import ValidationError
from app.core.records import label
from app.reception.records import EVENT_KINDS, FINAL_STATUSES
from app.reception.rules import finals
from app.sync import clashes
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

    p = sub.add_parser("clashes", parents=[parent], help="dossiers whose desks recorded different final outcomes")
    p.add_argument("--json", action="store_true", dest="as_json")
    p.set_defaults(handler=cmd_clashes)
    actions = p.add_subparsers(dest="clash_action", parser_class=Parser)
    settle = actions.add_parser("settle", parents=[parent], help="a leader decides which outcome holds")
    settle.add_argument("code", help="the dossier's code")
    settle.add_argument("--keep", required=True, choices=sorted(FINAL_STATUSES), help="the outcome that holds")
    settle.add_argument("--clerk", required=True, help="a leader or admin; the password is the first line of stdin")
    settle.add_argument("--note", default="")
    settle.set_defaults(handler=cmd_settle)


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
        status = service.status()
        errors = status.errors
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
                    "clashes_open": status.clashes,
                    "relayed": report.relayed,
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
    if report.relayed and not args.as_json:
        # Another desk's records that a restored hub had lost, handed back from this desk's copies.
        print(
            f"relayed {report.relayed} changes of other desks that the hub had lost"
            if lang == "en"
            else f"đã chuyển lại {report.relayed} thay đổi của quầy khác mà máy chủ tỉnh bị mất"
        )
    if status.clashes and not args.as_json:
        # Issue 11: a clash is never silent; a leader settles it (motcua clashes, or the window).
        print(
            f"{status.clashes} dossiers have clashing outcomes to settle (motcua clashes)"
            if lang == "en"
            else f"{status.clashes} hồ sơ có kết quả mâu thuẫn cần lãnh đạo xử lý (motcua clashes)"
        )
    if report.error:
        sys.stderr.write((report.error_en if lang == "en" else report.error) + "\n")
    return 0 if report.complete and errors == 0 else 1


def cmd_clashes(args: argparse.Namespace) -> int:
    """One open clash a line: code, then each outcome with its desk and time."""
    with open_desk(args) as desk:
        found = clashes.open_clashes(desk)
    if args.as_json:
        print(json.dumps([c.to_dict() for c in found], ensure_ascii=False))
        return 0
    lang = getattr(args, "lang", "vi") or "vi"
    for c in found:
        parts = [
            f"{label(EVENT_KINDS, o['kind'], lang)} ({'desk' if lang == 'en' else 'quầy'} "
            f"{o['desk_no'] or '?'}, {o['at']})"
            for o in c.outcomes
        ]
        print(f"{c.code}\t" + " / ".join(parts))
    return 0


def cmd_settle(args: argparse.Namespace) -> int:
    lines = stdin_lines(1)
    with open_desk(args) as desk:
        by = authenticated(desk, args, lines)  # a leader or admin, password on standard input (shared/CLI.md)
        dossier = desk.dossiers.get(args.code)
        keep = [e for e in finals(dossier.events) if e.kind == args.keep]
        if not keep:
            raise ValidationError(
                f"Hồ sơ {dossier.code} không có kết quả «{args.keep}».",
                f"Dossier {dossier.code} has no outcome '{args.keep}'.",
                field="keep",
            )
        print(clashes.settle(desk, dossier.id, keep[0].id, by, args.note))
    return 0
