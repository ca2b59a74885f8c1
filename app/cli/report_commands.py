"""``motcua report``: the scorecard and figures for a period (shared/CLI.md)."""

from __future__ import annotations

import argparse
import json

from app.cli.common import open_desk
from app.core.validation import iso_date


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("report", parents=[parent], help="the Decision 766 scorecard and figures for a period")
    p.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    p.add_argument("--format", choices=["json", "text", "xlsx", "pdf"], default="json")
    p.add_argument("--out", help="the file to write (xlsx, pdf)")
    p.add_argument("--unit", choices=["commune", "desk"], default="commune", help="the commune, or this desk only")
    p.add_argument(
        "--kind",
        choices=["scorecard", "periodic"],
        default="scorecard",
        help="scorecard: Decision 766; periodic: citizen reception, complaints, denunciations, feedback "
        "(Circular 02/2021 shape) for text, xlsx and pdf; the JSON holds both",
    )
    p.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from app.scorecard import report
    from app.scorecard.service import ReportService

    start = iso_date(args.start, field="from")
    end = iso_date(args.end, field="to")
    with open_desk(args) as desk:
        service = ReportService(desk)
        card = service.scorecard(start, end, args.unit)
        if args.format == "pdf":
            print(service.write_pdf(card, args.out, args.kind))
        elif args.format == "xlsx":
            print(service.write_xlsx(card, args.out, args.kind))
        elif args.format == "text":
            text = report.periodic_text if args.kind == "periodic" else report.to_text
            print(text(card, args.lang), end="")
        else:
            print(json.dumps(service.to_json(card, args.lang), ensure_ascii=False, indent=1))
    return 0
