"""``print`` (forms as PDF files) and ``verify`` (a scanned receipt payload)."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import open_desk
from app.core import validation
from app.printing.service import FORMS

VERIFY_EXIT = {"valid": 0, "forged": 1, "unknown": 3}


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("print", parents=[parent], help="print a form as a PDF file")
    p.add_argument("form", choices=[*FORMS, "logbook"])
    p.add_argument("code", nargs="?", help="dossier code (not for logbook)")
    p.add_argument("--out", required=True, help="PDF file to write")
    p.add_argument("--a4", action="store_true", help="A4 instead of A5")
    p.add_argument("--clerk", help="who prints (default: the first admin)")
    p.add_argument("--reason", help="reason printed on a supplement, refusal or stop notice")
    p.add_argument("--from", dest="date_from", help="logbook: first day received (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", help="logbook: last day received (YYYY-MM-DD)")
    p.set_defaults(handler=cmd_print)

    p = sub.add_parser("verify", parents=[parent], help="check a scanned receipt payload")
    p.add_argument("payload")
    p.set_defaults(handler=cmd_verify)


def _misuse(args: argparse.Namespace, vi: str, en: str) -> int:
    sys.stderr.write((en if getattr(args, "lang", "vi") == "en" else vi) + "\n")
    return 2


def cmd_print(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        if args.form == "logbook":
            if not args.date_from or not args.date_to:
                return _misuse(
                    args,
                    "Lệnh dùng sai: sổ theo dõi cần --from và --to.",
                    "Wrong use of the command: the logbook needs --from and --to.",
                )
            start = validation.iso_date(args.date_from, field="from")
            end = validation.iso_date(args.date_to, field="to")
            path = desk.printing.logbook_to_file(start, end, args.out)
        else:
            if not args.code:
                return _misuse(
                    args, "Lệnh dùng sai: cần mã hồ sơ.", "Wrong use of the command: a dossier code is needed."
                )
            clerk = desk.clerk(args.clerk)
            path = desk.printing.to_file(args.form, args.code, args.out, clerk=clerk, a4=args.a4, reason=args.reason)
    print(path)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        verdict = desk.printing.verify(args.payload)
    print(verdict)
    return VERIFY_EXIT[verdict]
