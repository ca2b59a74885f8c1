"""``act``: every lifecycle action from the command line (shared/CLI.md)."""

from __future__ import annotations

import argparse

from app.cli.common import open_desk
from app.core import validation
from app.reception.apology import weekday_words

# CLI.md's action names → the event each records.
ACTIONS = {
    "forward": "forwarded",
    "supplement": "supplement_requested",
    "supplement-received": "supplement_received",
    "done": "done",
    "return": "returned",
    "apology": "apology_issued",
    "refuse": "refused",
    "withdraw": "withdrawn",
    "stop": "stopped",
}


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("act", parents=[parent], help="record a lifecycle action on a dossier")
    p.add_argument("code", help="dossier code")
    p.add_argument("action", choices=list(ACTIONS))
    p.add_argument("--reason", default="", help="required for supplement, refuse, apology, withdraw, stop")
    p.add_argument(
        "--new-due",
        dest="new_due",
        help='apology: the new return date "YYYY-MM-DD HH:MM" (default: the desk\'s proposal in working days)',
    )
    p.add_argument("--clerk", help="who acts (default: the first admin)")
    p.set_defaults(handler=cmd_act)


def cmd_act(args: argparse.Namespace) -> int:
    kind = ACTIONS[args.action]
    lang = getattr(args, "lang", "vi") or "vi"
    with open_desk(args) as desk:
        clerk = desk.clerk(args.clerk)
        new_due = None
        if kind == "apology_issued":
            if args.new_due:
                new_due = validation.iso_datetime(args.new_due.replace(" ", "T", 1), field="new_due")
            else:
                new_due = desk.dossiers.default_new_due(desk.dossiers.get(args.code))
        dossier = desk.dossiers.act(args.code, kind, clerk, reason=args.reason or "", new_due=new_due)
    if new_due is not None:
        print(("New return date: " if lang == "en" else "Hẹn trả mới: ") + weekday_words(dossier.due_at, lang))
    print(dossier.status)  # the status code, the same in every language, for scripts
    return 0
