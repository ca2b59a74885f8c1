"""``motcua-province report``: the desks' scorecard from the hub's data (shared/CLI.md)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from app.core.errors import NotFound, ValidationError
from app.core.validation import iso_date
from app.core.worktime import VN_TZ
from app.scorecard.records import Scorecard


def register(
    sub: argparse._SubParsersAction, parent: argparse.ArgumentParser, open_hub: Callable[[argparse.Namespace], Any]
) -> None:
    p = sub.add_parser("report", parents=[parent], help="the Decision 766 scorecard from the hub's data")
    p.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    p.add_argument("--commune", help="one commune: the same object as the desk's motcua report")
    p.add_argument("--format", choices=["json", "xlsx"], default="json")
    p.add_argument("--out", help="the xlsx file to write")
    p.add_argument(
        "--kind",
        choices=["scorecard", "periodic"],
        default="scorecard",
        help="the workbook: the Decision 766 scorecard, or the periodic report on citizen reception and complaints",
    )
    p.set_defaults(handler=cmd_report, open_hub=open_hub)


def cmd_report(args: argparse.Namespace) -> int:
    from app.province.scorecard_source import scorecards
    from app.scorecard.records import Period

    start, end = iso_date(args.start, field="from"), iso_date(args.end, field="to")
    if end < start:
        raise ValidationError(
            "Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.", "The period must end after it starts.", field="to"
        )
    hub = args.open_hub(args)
    try:
        province, communes = scorecards(hub, Period(start, end), datetime.now(VN_TZ), args.commune)
    finally:
        hub.close()
    if args.commune and not communes:
        raise NotFound(f"Không có xã mã {args.commune}.", f"There is no commune {args.commune}.", field="commune")
    if args.format == "xlsx":
        from app.scorecard import xlsx

        out = Path(args.out or f"bao-cao-766-{args.commune or 'tinh'}-{start}-{end}.xlsx")
        if args.commune:
            print(xlsx.write(communes[0], out, args.kind))
        else:
            assert province is not None
            print(xlsx.write(province, out, args.kind, communes=None if args.kind == "periodic" else communes))
        return 0
    print(json.dumps(as_json(province, communes, args.lang), ensure_ascii=False, indent=1))
    return 0


def as_json(province: Scorecard | None, communes: list[Scorecard], lang: str = "vi") -> dict[str, Any]:
    """One commune's report object, or the province's totals with every commune's (shared/CLI.md)."""
    from app.scorecard import report

    if province is None:
        return report.to_json(communes[0], lang)
    return {"province": report.to_json(province, lang), "communes": [report.to_json(c, lang) for c in communes]}
