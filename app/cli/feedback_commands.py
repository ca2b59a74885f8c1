"""``feedback`` (registers), ``ratings`` (figures) and ``key`` (the commune key) subcommands.

No command prints a denouncer's identity: entries come masked from app.feedback, and reading an
identity is a leader's act at the window, recorded in the read log.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.cli.common import authenticated, open_desk, read_json, stdin_lines
from app.core.errors import ValidationError
from app.core.records import label
from app.core.validation import iso_date
from app.feedback import portal
from app.feedback.rules import FEEDBACK_STATUSES, KINDS, OPEN_STATUSES

ACTIONS = ("accept", "processing", "answer", "forward", "close")


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("feedback", parents=[parent], help="feedback, complaint, denunciation and reception registers")
    fsub = p.add_subparsers(dest="feedback_command", required=True, parser_class=type(p))
    c = fsub.add_parser("add", parents=[parent], help="enter one register entry from JSON")
    c.add_argument("--json", required=True, dest="json_file", metavar="FILE|-")
    c.add_argument("--clerk")
    c.set_defaults(handler=cmd_add)
    c = fsub.add_parser("list", parents=[parent], help="list entries (denouncers masked)")
    c.add_argument("--kind", choices=list(KINDS))
    c.add_argument("--status", choices=[*FEEDBACK_STATUSES, "open"])
    c.add_argument("--urgent", action="store_true", help="only overdue and due-soon entries")
    c.add_argument("--query", default="")
    c.add_argument("--json", action="store_true", dest="as_json")
    c.set_defaults(handler=cmd_list)
    c = fsub.add_parser("act", parents=[parent], help="accept, start processing, answer, forward or close an entry")
    c.add_argument("number")
    c.add_argument("action", choices=ACTIONS)
    c.add_argument("--text", default="", help="the answer, the receiving agency, or the reason to close")
    c.add_argument("--complex", action="store_true", help="accept as a complex case (longer limit)")
    c.add_argument("--clerk")
    c.set_defaults(handler=cmd_act)
    c = fsub.add_parser("reveal", parents=[parent], help="a denouncer's identity and linked dossier (logged)")
    c.add_argument("number")
    c.add_argument("--clerk", help="a leader or admin; the password is the first line of standard input")
    c.add_argument("--purpose", default="", help="why it is read (required; kept in the read log)")
    c.set_defaults(handler=cmd_reveal)
    c = fsub.add_parser("figures", parents=[parent], help="share of entries handled on time")
    c.add_argument("--from", dest="start", required=True)
    c.add_argument("--to", dest="end", required=True)
    c.add_argument("--kind", choices=list(KINDS))
    c.add_argument("--json", action="store_true", dest="as_json")
    c.set_defaults(handler=cmd_figures)

    p = sub.add_parser("ratings", parents=[parent], help="citizen satisfaction ratings")
    rsub = p.add_subparsers(dest="ratings_command", required=True, parser_class=type(p))
    c = rsub.add_parser("figures", parents=[parent], help="satisfaction per period, procedure or clerk")
    c.add_argument("--from", dest="start", required=True)
    c.add_argument("--to", dest="end", required=True)
    c.add_argument("--by", choices=["month", "quarter", "year", "procedure", "clerk"], default="month")
    c.add_argument("--json", action="store_true", dest="as_json")
    c.add_argument(
        "--response", action="store_true", help="only the response rate: dossiers rated of those offered the screen"
    )
    c.set_defaults(handler=cmd_rating_figures)

    p = sub.add_parser("key", parents=[parent], help="the commune key that protects denouncers' identities")
    ksub = p.add_subparsers(dest="key_command", required=True, parser_class=type(p))
    c = ksub.add_parser("status", parents=[parent], help="whether this desk holds the commune key")
    c.set_defaults(handler=cmd_key_status)
    for name, helptext in (
        ("export", "write the key, sealed with a passphrase, to FILE"),
        ("import", "install the key from FILE (made by key export on another desk)"),
    ):
        c = ksub.add_parser(name, parents=[parent], help=helptext)
        c.add_argument("file")
        c.add_argument(
            "--passphrase-stdin",
            action="store_true",
            help="(the default) standard input: the clerk's password, then the passphrase",
        )
        c.add_argument("--clerk", help="a leader or admin; the password is the first line of standard input")
        c.set_defaults(handler=cmd_key_export if name == "export" else cmd_key_import)


def cmd_add(args: argparse.Namespace) -> int:
    data = read_json(args.json_file)
    with open_desk(args) as desk:
        entry = desk.feedback.add(data, desk.clerk(args.clerk))  # type: ignore[arg-type]
        print(f"{entry.number}\t{entry.due or ''}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    statuses = sorted(OPEN_STATUSES) if args.status == "open" else [args.status] if args.status else []
    with open_desk(args) as desk:
        fb = desk.feedback
        entries = fb.list(
            kinds=[args.kind] if args.kind else [], statuses=statuses, query=args.query, urgent_only=args.urgent
        )
        rows = [
            {
                "number": e.number,
                "kind": e.kind,
                "received": e.received_at.isoformat(),
                "person": e.person_name,
                "channel": e.channel,
                "category": e.category,
                "content": e.content,
                "due": e.due.isoformat() if e.due else None,
                "status": e.status,
                "urgency": fb.urgency(e),
            }
            for e in entries
        ]
    if args.as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        print(
            "\t".join(
                (
                    r["number"],
                    label(KINDS, r["kind"], args.lang),
                    r["person"] or "-",
                    r["due"] or "-",
                    label(FEEDBACK_STATUSES, r["status"], args.lang),
                    r["urgency"],
                    r["content"][:60],
                )
            )
        )
    return 0


def cmd_act(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        fb = desk.feedback
        clerk = desk.clerk(args.clerk)
        entry = fb.by_number(args.number)
        if args.action == "accept":
            entry = fb.accept(entry.id, clerk, complex_case=args.complex)
        elif args.action == "processing":
            entry = fb.start_processing(entry.id, clerk)
        elif args.action == "answer":
            entry = fb.answer(entry.id, clerk, args.text)
        elif args.action == "forward":
            entry = fb.forward(entry.id, clerk, args.text)
        else:
            entry = fb.close(entry.id, clerk, reason=args.text)
        print(f"{entry.number}\t{entry.status}")
    return 0


def _period(args: argparse.Namespace) -> tuple:
    return (
        iso_date(args.start, field="from", label_vi="Ngày bắt đầu", label_en="Start date"),
        iso_date(args.end, field="to", label_vi="Ngày kết thúc", label_en="End date"),
    )


def cmd_figures(args: argparse.Namespace) -> int:
    start, end = _period(args)
    with open_desk(args) as desk:
        fig = desk.feedback.handling_figures(start, end, kinds=[args.kind] if args.kind else [])
        # Decision 766 indicator 5.2: the portal's own deadlines for the feedback it received.
        pakn = portal.figures(
            desk.feedback.list(kinds=["feedback"], received_from=start, received_to=end),
            desk.calendar,
            desk.clock.now().date(),
        )
    data = {
        "total": fig.total,
        "on_time": fig.on_time,
        "late": fig.late,
        "open_overdue": fig.open_overdue,
        "open_not_due": fig.open_not_due,
        "share_on_time": fig.share_on_time,
        "portal": {"total": pakn.total, "on_time": pakn.on_time, "share_on_time": pakn.share_on_time},
    }
    if args.as_json:
        print(json.dumps(data))
    else:
        share = "-" if fig.share_on_time is None else f"{fig.share_on_time:.1%}"
        print(f"{fig.total}\t{fig.on_time}\t{fig.late}\t{fig.open_overdue}\t{share}")
    return 0


def cmd_rating_figures(args: argparse.Namespace) -> int:
    start, end = _period(args)
    with open_desk(args) as desk:
        figures = desk.ratings.figures(start, end, by=args.by, lang=args.lang)
        response = desk.ratings.response(start, end)
    answered = {
        "rated": response.rated,
        "declined": response.declined,
        "offered": response.rated + response.declined,
        "response_rate": response.rate,
    }
    if args.response:
        if args.as_json:
            print(json.dumps(answered))
        else:
            rate = "-" if response.rate is None else f"{response.rate:.1%}"
            print(f"{answered['rated']}\t{answered['offered']}\t{rate}")
        return 0
    rows = [
        {
            "key": f.key,
            "label": f.label,
            "total": f.total,
            "satisfied": f.satisfied,
            "counts": f.counts,
            "share_satisfied": f.share_satisfied,
        }
        for f in figures
    ]
    if args.as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        print(f"{r['label'] or '-'}\t{r['total']}\t{r['satisfied']}\t{r['share_satisfied']:.1%}")
    rate = "-" if response.rate is None else f"{response.rate:.1%}"
    word = "response" if args.lang == "en" else "phản hồi"
    print(f"{word}\t{answered['offered']}\t{answered['rated']}\t{rate}")
    return 0


def cmd_key_status(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        status = desk.confidential.status()
    print(json.dumps(status, ensure_ascii=False))
    return 0 if status["usable"] or not status["in_use"] else 3


def cmd_key_export(args: argparse.Namespace) -> int:
    lines = stdin_lines(2)
    with open_desk(args) as desk:
        clerk = authenticated(desk, args, lines)
        path = desk.confidential.export_key(clerk, lines[1], Path(args.file))
    print(path)
    return 0


def cmd_key_import(args: argparse.Namespace) -> int:
    lines = stdin_lines(2)
    try:
        blob = Path(args.file).read_bytes()
    except OSError as exc:
        raise ValidationError(
            f"Không đọc được tệp {args.file}.", f"Cannot read the file {args.file}.", field="file"
        ) from exc
    with open_desk(args) as desk:
        clerk = authenticated(desk, args, lines)
        key_id = desk.confidential.import_key(clerk, blob, lines[1])
    print(key_id)
    return 0


def cmd_reveal(args: argparse.Namespace) -> int:
    lines = stdin_lines(1)
    with open_desk(args) as desk:
        clerk = authenticated(desk, args, lines)
        entry = desk.feedback.by_number(args.number)
        identity = desk.feedback.reveal_identity(entry.id, clerk, purpose=args.purpose)
    print(json.dumps(dict(identity.to_dict(), number=entry.number), ensure_ascii=False))
    return 0
