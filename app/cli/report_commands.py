"""``motcua report``: the scorecard and figures for a period (shared/CLI.md)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.cli.common import open_desk
from app.core.errors import ValidationError
from app.core.validation import iso_date


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("report", parents=[parent], help="the Decision 766 scorecard and figures for a period")
    p.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    p.add_argument("--format", choices=["json", "text", "xlsx", "pdf"], default="json")
    p.add_argument("--out", help="the file to write (xlsx, pdf)")
    p.add_argument("--unit", choices=["commune", "desk"], default="commune", help="the commune, or this desk only")
    p.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from app.scorecard import desk_source, report
    from app.scorecard.records import Period

    start = iso_date(args.start, field="from")
    end = iso_date(args.end, field="to")
    if end < start:
        raise ValidationError(
            "Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.", "The period must end after it starts.", field="to"
        )
    if args.format == "pdf":
        raise ValidationError(
            "Chưa xuất được báo cáo dạng pdf; hãy dùng --format json, text hoặc xlsx.",
            "The pdf report is not available yet; use --format json, text or xlsx.",
            field="format",
        )
    with open_desk(args) as desk:
        card = desk_source.scorecard(desk, Period(start, end), args.unit)
    if args.format == "xlsx":
        from app.scorecard import xlsx

        out = Path(args.out or f"bao-cao-766-{start.isoformat()}-{end.isoformat()}.xlsx")
        print(xlsx.write(card, out))
    elif args.format == "text":
        print(report.to_text(card, args.lang), end="")
    else:
        print(json.dumps(report.to_json(card, args.lang), ensure_ascii=False, indent=1))
    return 0
