"""``init``, ``receive``, ``search``, ``due``, ``demo`` and ``catalogue``."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime

from app.cli.common import db_path, open_desk, read_json
from app.core import text, validation
from app.core.accounts import InitRequest
from app.core.clock import iso
from app.core.errors import ValidationError
from app.core.records import label
from app.core.worktime import LegalTime, WorkCalendar
from app.desk import Desk
from app.reception import catalogue
from app.reception.records import STATUSES
from app.sync import rebuild
from db.calendar_store import CalendarStore
from db.catalogue_store import CatalogueStore
from db.dossier_store import DossierStore
from db.outbox_store import OutboxStore
from db.sync_store import SyncStore


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[parent], help="create the store, desk identity, keys and first admin")
    p.add_argument("--commune", required=True, help="5-digit commune code")
    p.add_argument("--commune-name", required=True)
    p.add_argument("--province", required=True)
    p.add_argument("--desk", required=True, type=int)
    p.add_argument("--admin", required=True)
    p.add_argument("--admin-name", help="the admin's full name (default: the user name)")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--password")
    group.add_argument("--password-stdin", action="store_true")
    p.add_argument("--agency-code")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("receive", parents=[parent], help="receive one dossier from JSON")
    p.add_argument("--json", required=True, dest="json_file", metavar="FILE|-")
    p.add_argument("--clerk")
    p.set_defaults(handler=cmd_receive)

    p = sub.add_parser("search", parents=[parent], help="accent-insensitive dossier search")
    p.add_argument("query")
    p.add_argument("--json", action="store_true", dest="as_json")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("due", parents=[parent], help="the due time of a dossier received at a given time")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--procedure")
    group.add_argument("--days", type=int)
    p.add_argument("--half-day", action="store_true")
    p.add_argument("--received", required=True, help='"YYYY-MM-DD HH:MM"')
    p.set_defaults(handler=cmd_due)

    p = sub.add_parser("demo", parents=[parent], help="add realistic demo dossiers")
    p.add_argument("--dossiers", type=int, required=True)
    p.add_argument("--seed", type=int, default=None)
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("catalogue", parents=[parent], help="the procedure catalogue")
    csub = p.add_subparsers(dest="catalogue_command", required=True, parser_class=type(p))
    c = csub.add_parser("import", parents=[parent], help="replace the catalogue from CSV or XLSX")
    c.add_argument("file")
    c.set_defaults(handler=cmd_catalogue_import)
    c = csub.add_parser("list", parents=[parent], help="list the catalogue")
    c.add_argument("--json", action="store_true", dest="as_json")
    c.add_argument("--csv", action="store_true", dest="as_csv")
    c.set_defaults(handler=cmd_catalogue_list)
    register_admin(sub, parent)


def register_admin(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("calendar", parents=[parent], help="local calendar overrides (extra days off, worked days)")
    csub = p.add_subparsers(dest="calendar_command", required=True, parser_class=type(p))
    c = csub.add_parser("list", parents=[parent], help="overrides and the year's days off")
    c.add_argument("--year", type=int)
    c.set_defaults(handler=cmd_calendar_list)
    for kind, helptext in (("off", "an extra day off"), ("work", "a swapped working day (e.g. a Saturday)")):
        c = csub.add_parser(kind, parents=[parent], help=helptext)
        c.add_argument("day", help="YYYY-MM-DD")
        c.add_argument("--note", default="")
        c.set_defaults(handler=cmd_calendar_set, kind=kind)
    c = csub.add_parser("remove", parents=[parent], help="remove a local override")
    c.add_argument("day")
    c.set_defaults(handler=cmd_calendar_remove)

    p = sub.add_parser(
        "maintain",
        parents=[parent],
        help="merge the search index, prune what the hub acknowledged, give the room back, check the file",
    )
    p.add_argument(
        "--rebuild-counters", action="store_true", help="rebuild the scorecard's counters (built when missing)"
    )
    p.add_argument("--stats", action="store_true", help="print the room each table and index takes (dbstat)")
    p.set_defaults(handler=cmd_maintain)


def cmd_init(args: argparse.Namespace) -> int:
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else args.password
    with open_desk(args) as desk:
        identity = desk.initialise(
            InitRequest(
                commune_code=args.commune,
                commune_name=args.commune_name,
                province=args.province,
                desk_no=args.desk,
                admin_username=args.admin,
                admin_password=password,
                agency_code=args.agency_code,
                admin_full_name=args.admin_name,
            )
        )
    print(identity.desk_id)
    return 0


def cmd_receive(args: argparse.Namespace) -> int:
    data = read_json(args.json_file)
    with open_desk(args) as desk:
        dossier = desk.dossiers.receive(data, desk.clerk(args.clerk))  # type: ignore[arg-type]
        notice = desk.dossiers.notice
    if notice is not None:  # the code is still the last line of standard output
        sys.stderr.write((notice[1] if args.lang == "en" else notice[0]) + "\n")
    print(dossier.code)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        found = desk.dossiers.search(args.query, limit=max(1, args.limit))
    lang = args.lang
    if args.as_json:
        print(
            json.dumps(
                [
                    {
                        "code": d.code,
                        "applicant": d.applicant_name,
                        "procedure": d.procedure_name,
                        "procedure_code": d.procedure_code,
                        "status": d.status,
                        "due": d.due_at,
                        "received": d.received_at,
                    }
                    for d in found
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        for d in found:
            print("\t".join((d.code, d.applicant_name, d.procedure_name, label(STATUSES, d.status, lang), d.due_at)))
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    received = _parse_received(args.received)
    if args.procedure:
        with open_desk(args) as desk:
            legal = LegalTime.parse(catalogue.get(CatalogueStore(desk.store), args.procedure).legal_time)
            calendar = desk.calendar
    else:
        if args.days < 0:
            raise ValidationError("Số ngày không được âm.", "The number of days cannot be negative.", field="days")
        if args.half_day:
            legal = LegalTime("half_day")
        else:
            legal = LegalTime("working_days", args.days) if args.days else LegalTime("same_day")
        calendar = _calendar_for(args)
    print(iso(calendar.due(received, legal)))
    return 0


def _calendar_for(args: argparse.Namespace) -> WorkCalendar:
    """The store's calendar (with its overrides) when a store exists, else the default one."""
    path = db_path(args)
    if path.exists():
        with Desk.open(path) as desk:
            return desk.calendar
    return WorkCalendar.default()


def _parse_received(value: str) -> datetime:
    return validation.iso_datetime(
        value.replace(" ", "T", 1), field="received", label_vi="thời điểm tiếp nhận", label_en="the time of receipt"
    )


def cmd_demo(args: argparse.Namespace) -> int:
    from app.reception import demo

    if args.dossiers < 0:
        raise ValidationError("Số hồ sơ không được âm.", "The number of dossiers cannot be negative.", field="dossiers")
    with open_desk(args) as desk:
        count = demo.populate(desk, args.dossiers, seed=args.seed)
    print(count)
    return 0


def cmd_catalogue_import(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        count = catalogue.import_file(CatalogueStore(desk.store), args.file, desk.clock)
    print(count)
    return 0


def cmd_catalogue_list(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        items = catalogue.procedures(CatalogueStore(desk.store))
    if args.as_json:
        print(json.dumps(catalogue.to_json(items), ensure_ascii=False, indent=1))
    elif args.as_csv:
        sys.stdout.write(catalogue.to_csv(items))
    else:
        for p in items:
            print("\t".join((p.code, p.name, LegalTime.parse(p.legal_time).label(args.lang), p.fee)))
    return 0


def cmd_calendar_list(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        year = args.year or desk.clock.now().year
        for row in CalendarStore(desk.store).calendar_overrides():
            print("\t".join((row["day"], row["kind"], row["source"], row["note"])))
        for day, name in desk.calendar.holidays_between(date(year, 1, 1), date(year, 12, 31), lang=args.lang):
            print("\t".join((day.isoformat(), "holiday", "holidays.VN", name)))
    return 0


def cmd_calendar_set(args: argparse.Namespace) -> int:
    day = validation.iso_date(args.day, field="day")
    with open_desk(args) as desk:
        desk.set_calendar_override(day, args.kind, text.nfc(args.note))
    print(day.isoformat())
    return 0


def cmd_calendar_remove(args: argparse.Namespace) -> int:
    day = validation.iso_date(args.day, field="day")
    with open_desk(args) as desk:
        desk.remove_calendar_override(day)
    print(day.isoformat())
    return 0


def cmd_maintain(args: argparse.Namespace) -> int:
    from app.scorecard import desk_source

    with open_desk(args) as desk:
        # A store from before the scorecard's counters gets them here, once (minutes at a million).
        if args.rebuild_counters or not desk_source.counters_built(desk):
            with desk.store.transaction():
                desk_source.rebuild_counters(desk)
        DossierStore(desk.store).optimize()
        # Acknowledged payloads the desk can rebuild go (in small transactions), then the room they took.
        pruned = rebuild.prune(desk.store, SyncStore(desk.store).histories(), again=True)
        room = OutboxStore(desk.store)
        room.vacuum()
        integrity = desk.store.conn.execute("PRAGMA quick_check").fetchone()[0]
        if args.stats:
            print(f"outbox: {pruned.pruned} pruned now, {pruned.kept} kept (not rebuildable)")
            for line in room_lines(room):
                print(line)
    print(integrity)
    return 0 if integrity == "ok" else 1


def room_lines(room: OutboxStore) -> list[str]:
    """The store's size and each table's and index's share of it (``motcua maintain --stats``, the benchmark)."""
    sizes = room.table_sizes()
    total = sum(t.bytes for t in sizes) or 1
    lines = [f"file: {room.file_bytes() / 1e6:.1f} MB, free pages: {room.free_pages()}"]
    lines += [f"{t.bytes / 1e6:10.1f} MB {100 * t.bytes / total:5.1f} % {t.rows:>10} {t.name}" for t in sizes[:25]]
    return lines
