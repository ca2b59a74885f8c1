"""``reception`` subcommands: the 03/TCD register, leaders' sessions, dialogues, flags, disclosure, figures.

Input that has many fields comes as JSON (a file or ``-``), as for ``receive``; output is one line
per record, or JSON with ``--json``. No command prints a denouncer's identity: the register comes
masked from app.citizens, and revealing it is a leader's act at the window, recorded in the read log.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from app.citizens import figures
from app.citizens.rules import FLAGS, LEADER_ROLES, REFUSAL_GROUNDS
from app.cli.common import open_desk, read_json
from app.core.errors import ValidationError
from app.core.validation import iso_date, iso_datetime, no_unknown_keys

ACTIONS = ("refuse", "documents", "open", "guide", "forward", "result")
DIALOGUE_KEYS = (
    "kind",
    "subject",
    "held_at",
    "place",
    "chair",
    "secretary",
    "attendees",
    "residents",
    "issues",
    "follow_ups",
)
PAPERS = ("register", "refusal", "documents", "conclusion", "minutes", "board", "quarterly")


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "reception", parents=[parent], help="citizen reception (03/TCD), sessions, dialogues, disclosure"
    )
    rsub = p.add_subparsers(dest="reception_command", required=True, parser_class=type(p))

    def cmd(name: str, helptext: str, handler: Any) -> argparse.ArgumentParser:
        c = rsub.add_parser(name, parents=[parent], help=helptext)
        c.set_defaults(handler=handler)
        return c

    c = cmd("add", "receive a citizen, or several on one matter ({'people': [...], ...})", cmd_add)
    c.add_argument("--json", required=True, dest="json_file", metavar="FILE|-")
    c.add_argument("--clerk")
    c = cmd("list", "the register's 13 columns (denouncers masked)", cmd_list)
    c.add_argument("--from", dest="start", required=True)
    c.add_argument("--to", dest="end", required=True)
    c.add_argument("--flag", choices=list(FLAGS))
    c.add_argument("--json", action="store_true", dest="as_json")
    c = cmd("act", "refuse (01/TCD), take documents (02/TCD), open its register entry, guide, forward", cmd_act)
    c.add_argument("number")
    c.add_argument("action", choices=ACTIONS)
    c.add_argument("--ground", choices=list(REFUSAL_GROUNDS), help="refuse: the ground")
    c.add_argument("--text", default="", help="refuse: detail; guide: guidance; forward: agency; result: the result")
    c.add_argument("--doc", default="", help="guide/forward: the document number")
    c.add_argument("--json", dest="json_file", metavar="FILE|-", help="documents: [{name, kind, pages}]")
    c.add_argument("--clerk")
    c = cmd("flag", "flag an entry (mass, multi_level, long_running, land)", cmd_flag)
    c.add_argument("number", help="a reception number (TD-…) or a feedback register number")
    c.add_argument("flag", choices=list(FLAGS))
    c.add_argument("--clear", action="store_true")
    c.add_argument("--clerk")
    c = cmd("schedule", "put a leader's reception day on the schedule", cmd_schedule)
    c.add_argument("--role", choices=list(LEADER_ROLES), required=True)
    c.add_argument("--leader", required=True)
    c.add_argument("--day", required=True)
    c.add_argument("--start", default="07:30")
    c.add_argument("--place", default="")
    c.add_argument("--unscheduled", action="store_true")
    c.add_argument("--online", action="store_true")
    c.add_argument("--clerk")
    c = cmd("sessions", "the schedule and its sessions between two dates", cmd_sessions)
    c.add_argument("--from", dest="start", required=True)
    c.add_argument("--to", dest="end", required=True)
    c.add_argument("--json", action="store_true", dest="as_json")
    c = cmd("session", "record a session (hold) or its conclusion notice (conclude) from JSON", cmd_session)
    c.add_argument("session_id")
    c.add_argument("step", choices=("hold", "conclude", "cancel"))
    c.add_argument("--json", dest="json_file", metavar="FILE|-")
    c.add_argument("--clerk")
    c = cmd("follow-up", "mark a follow-up done, or list the overdue ones", cmd_follow_up)
    c.add_argument("follow_up_id", nargs="?")
    c.add_argument("--done", default="", metavar="RESULT")
    c.add_argument("--overdue", action="store_true")
    c.add_argument("--clerk")
    c = cmd("dialogue", "record a dialogue conference from JSON (issues, answers, follow-ups)", cmd_dialogue)
    c.add_argument("--json", required=True, dest="json_file", metavar="FILE|-")
    c.add_argument("--clerk")
    c = cmd("disclose", "post an item, the catalogue's procedures or the schedule; take one down", cmd_disclose)
    c.add_argument("what", choices=("post", "procedures", "schedule", "take-down", "list"))
    c.add_argument("--title", default="")
    c.add_argument("--body", default="")
    c.add_argument("--days", type=int, default=30)
    c.add_argument("--item", default="", help="take-down: the item's id")
    c.add_argument("--from", dest="start")
    c.add_argument("--to", dest="end")
    c.add_argument("--clerk")
    c = cmd("print", "print a paper: " + ", ".join(PAPERS), cmd_print)
    c.add_argument("paper", choices=PAPERS)
    c.add_argument("ref", nargs="?", default="", help="reception number, session id or dialogue id")
    c.add_argument("--from", dest="start")
    c.add_argument("--to", dest="end")
    c.add_argument("--quarter", default="", metavar="YYYY-Q")
    c.add_argument("--signer", default="")
    c.add_argument("--receiver", default="")
    c.add_argument("--out", required=True)
    c = cmd(
        "figures", "citizen reception's counts for a period (the scorecard engine adds them to its report)", cmd_figures
    )
    c.add_argument("--from", dest="start", required=True)
    c.add_argument("--to", dest="end", required=True)


def _day(value: str | None, field: str) -> date:
    if not value:
        raise ValidationError(f"Thiếu --{field}.", f"--{field} is missing.", field=field)
    return iso_date(value, field=field)


def _object(value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError("Dữ liệu phải là một đối tượng JSON.", "The input must be a JSON object.", field="json")
    return value


def cmd_add(args: argparse.Namespace) -> int:
    data = _object(read_json(args.json_file))
    with open_desk(args) as desk:
        clerk = desk.clerk(args.clerk)
        reg = desk.citizens.register
        if "people" in data:
            people = data["people"]
            if not isinstance(people, list):
                raise ValidationError("«people» phải là một danh sách.", "'people' must be a list.", field="people")
            entries = reg.receive_group(people, {k: v for k, v in data.items() if k != "people"}, clerk)
        else:
            entries = [reg.receive(data, clerk)]
        for e in entries:
            print(f"{e.number}\t{e.refuse_due}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        reg = desk.citizens.register
        entries = reg.entries(_day(args.start, "from"), _day(args.end, "to"), flag=args.flag)
        rows = reg.register_rows(entries, args.lang)
        if args.as_json:
            out = [
                dict(zip(("no", "number"), (r[0], e.number), strict=True), columns=r)
                for r, e in zip(rows, entries, strict=True)
            ]
            print(json.dumps(out, ensure_ascii=False, indent=1))
        else:
            for r, e in zip(rows, entries, strict=True):
                print("\t".join([e.number, *r[1:]]))
    return 0


def cmd_act(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        clerk = desk.clerk(args.clerk)
        reg = desk.citizens.register
        entry = reg.by_number(args.number)
        if args.action == "refuse":
            entry = reg.refuse(entry.id, clerk, args.ground or "other", args.text)
        elif args.action == "documents":
            docs = read_json(args.json_file or "-")
            if not isinstance(docs, list):
                raise ValidationError("Danh sách tài liệu phải là một mảng JSON.", "Documents must be a JSON array.")
            entry = reg.hand_in(entry.id, clerk, docs)
        elif args.action == "open":
            entry = reg.open_entry(entry.id, clerk)
        elif args.action == "guide":
            entry = reg.guide(entry.id, clerk, args.text, args.doc)
        elif args.action == "forward":
            entry = reg.forward(entry.id, clerk, args.text, args.doc)
        else:
            entry = reg.note_result(entry.id, clerk, args.text)
        print("\t".join(filter(None, [entry.number, entry.outcome, entry.register_number or ""])))
    return 0


def cmd_flag(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        clerk = desk.clerk(args.clerk)
        flags = desk.citizens.flags
        if args.number.upper().startswith("TD-"):
            register, entry_id = "reception", desk.citizens.register.by_number(args.number).id
        else:
            register, entry_id = "feedback", desk.feedback.by_number(args.number).id
        if args.clear:
            flags.clear(entry_id, args.flag, clerk)
        else:
            flags.set(register, entry_id, args.flag, clerk)
        print(" ".join(flags.of(entry_id)) or "-")
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        row = desk.citizens.sessions.schedule(
            desk.clerk(args.clerk),
            leader_role=args.role,
            leader_name=args.leader,
            day=_day(args.day, "day"),
            starts=args.start,
            place=args.place,
            regular=not args.unscheduled,
            mode="online" if args.online else "in_person",
        )
        print(row["id"])
    return 0


def cmd_sessions(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        rows = desk.citizens.sessions.schedule_between(_day(args.start, "from"), _day(args.end, "to"))
    if args.as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        print(
            "\t".join(
                [
                    r["id"],
                    r["day"],
                    r["starts"],
                    r["leader_role"],
                    r["leader_name"],
                    r["status"],
                    r["conclusion_number"] or "-",
                ]
            )
        )
    return 0


def cmd_session(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        clerk = desk.clerk(args.clerk)
        sessions = desk.citizens.sessions
        if args.step == "cancel":
            row = sessions.cancel(args.session_id, clerk)
        else:
            data = _object(read_json(args.json_file or "-"))
            no_unknown_keys(
                data, ("received_by", "raised") if args.step == "hold" else ("conclusion", "signer", "follow_ups")
            )
            if args.step == "hold":
                row = sessions.hold(
                    args.session_id, clerk, received_by=data.get("received_by") or [], raised=data.get("raised", "")
                )
            else:
                row = sessions.conclude(
                    args.session_id,
                    clerk,
                    conclusion=data.get("conclusion", ""),
                    signer=data.get("signer", ""),
                    follow_ups=data.get("follow_ups") or [],
                )
        print("\t".join([row["id"], row["status"], row["conclusion_number"] or "-"]))
    return 0


def cmd_follow_up(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        follow = desk.citizens.follow_ups
        if args.follow_up_id:
            f = follow.done(args.follow_up_id, desk.clerk(args.clerk), args.done)
            print(f"{f.id}\tdone")
            return 0
        items = follow.overdue() if args.overdue else follow.all()
        today = desk.clock.now().date()
        for f in items:
            state = "done" if f.done else "overdue" if f.overdue(today) else "open"
            print("\t".join([f.id, f.due.isoformat(), state, f.owner, f.task[:60]]))
    return 0


def cmd_dialogue(args: argparse.Namespace) -> int:
    data = dict(_object(read_json(args.json_file)))
    no_unknown_keys(data, DIALOGUE_KEYS)
    held = iso_datetime(str(data.pop("held_at", "")), field="held_at", label_vi="Thời gian", label_en="The time")
    with open_desk(args) as desk:
        row = desk.citizens.dialogues.hold(desk.clerk(args.clerk), held_at=held, **data)
        print(f"{row['id']}\t{row['number']}")
    return 0


def cmd_disclose(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        clerk = desk.clerk(args.clerk)
        d = desk.citizens.disclosure
        if args.what == "post":
            print(d.post(clerk, title=args.title, body=args.body, days=args.days).id)
        elif args.what == "procedures":
            print(d.post_procedures(clerk))
        elif args.what == "schedule":
            sessions = desk.citizens.sessions.schedule_between(_day(args.start, "from"), _day(args.end, "to"))
            print(d.publish_schedule(clerk, sessions).id)
        elif args.what == "take-down":
            print(d.take_down(args.item, clerk).id)
        else:
            today = desk.clock.now().date()
            for p in d.board(today):
                until = p.until.isoformat() if p.until else "permanent"
                print(
                    "\t".join(
                        [
                            p.id,
                            p.kind,
                            p.posted_on.isoformat(),
                            until,
                            "ended" if p.period_ended(today) else "up",
                            p.title,
                        ]
                    )
                )
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    out = Path(args.out)
    with open_desk(args) as desk:
        c = desk.citizens
        if args.paper == "register":
            path = c.print_register(out, _day(args.start, "from"), _day(args.end, "to"))
        elif args.paper == "refusal":
            path = c.print_refusal(c.register.by_number(args.ref).id, out, signer=args.signer)
        elif args.paper == "documents":
            path = c.print_documents_receipt(c.register.by_number(args.ref).id, out, receiver=args.receiver)
        elif args.paper == "conclusion":
            path = c.print_conclusion(args.ref, out)
        elif args.paper == "minutes":
            path = c.print_minutes(args.ref, out)
        elif args.paper == "board":
            path = c.print_board(out)
        else:
            year, _, quarter = args.quarter.partition("-")
            if not (year.isdigit() and quarter.isdigit()):
                raise ValidationError("--quarter phải có dạng YYYY-Q.", "--quarter must be YYYY-Q.", field="quarter")
            path = c.print_quarterly(out, int(year), int(quarter))
        print(path)
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        today = desk.clock.now().date()
        counts = figures.counts(desk.store, _day(args.start, "from"), _day(args.end, "to"), today)
    print(json.dumps(counts, ensure_ascii=False, indent=1))
    return 0
