"""``fee`` (a fee paid, or the fee assessed again), ``fee-rules`` (the catalogue's fee rules) and
``config`` (desk settings such as the commune's bank account for VietQR)."""

from __future__ import annotations

import argparse
import json
import sys

from app.cli.common import open_desk, read_json
from app.core import settings, validation
from app.fees import rules as fee_rules
from app.fees.rules import FeeInputs, money
from app.fees.service import CHANNELS


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("fee", parents=[parent], help="record a fee paid (or, with --assess, assess the fee again)")
    p.add_argument("code", help="dossier code")
    p.add_argument("--amount", help="amount in đồng (VND)")
    p.add_argument("--channel", choices=list(CHANNELS), help="cash at the counter, bank transfer, or the portal")
    p.add_argument("--receipt-no", dest="receipt_no", default="", help="the counter's receipt number (cash)")
    p.add_argument("--reason", default="", help="required when the amount differs from the rule's fee")
    p.add_argument("--pages", type=int, help="pages of each copy (fees by page)")
    p.add_argument("--copies", type=int, help="number of copies")
    p.add_argument("--event-date", dest="event_date", help="date of the birth or death (YYYY-MM-DD)")
    p.add_argument("--assess", action="store_true", help="assess the fee again instead of recording a payment")
    p.add_argument("--show", action="store_true", help="print the fee, what was paid and what is due, as JSON")
    p.add_argument("--clerk", help="who records it (default: the first admin)")
    p.set_defaults(handler=cmd_fee)

    p = sub.add_parser("fee-rules", parents=[parent], help="the catalogue's fee rules")
    rsub = p.add_subparsers(dest="fee_rules_command", required=True)
    r = rsub.add_parser("list", parents=[parent], help="the rules in force, with their source")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=cmd_rules_list)
    r = rsub.add_parser("import", parents=[parent], help="replace the province's fee rules from a JSON file")
    r.add_argument("file")
    r.set_defaults(handler=cmd_rules_import)

    p = sub.add_parser("config", parents=[parent], help="desk settings (bank.bin, bank.account, bank.holder, …)")
    csub = p.add_subparsers(dest="config_command", required=True)
    c = csub.add_parser("set", parents=[parent], help="set a setting ('' clears it)")
    c.add_argument("key", choices=list(settings.KEYS))
    c.add_argument("value")
    c.set_defaults(handler=cmd_config_set)
    c = csub.add_parser("get", parents=[parent], help="print a setting")
    c.add_argument("key", choices=list(settings.KEYS))
    c.set_defaults(handler=cmd_config_get)


def _misuse(args: argparse.Namespace, vi: str, en: str) -> int:
    sys.stderr.write((en if getattr(args, "lang", "vi") == "en" else vi) + "\n")
    return 2


def _inputs(args: argparse.Namespace) -> FeeInputs | None:
    if args.pages is None and args.copies is None and not args.event_date:
        return None
    event = validation.iso_date(args.event_date, field="event_date") if args.event_date else None
    return FeeInputs(args.pages or 1, args.copies or 1, event)


def _state_json(desk, code: str, lang: str) -> dict:
    dossier = desk.dossiers.get(code)
    state = desk.fees.state(dossier)
    fee = state.fee
    return {
        "code": dossier.code,
        "fee": None if fee is None else fee.amount,
        "computed": None if fee is None else fee.computed,
        "reason": "" if fee is None else fee.reason,
        "rule": None if fee is None else fee.rule,
        "paid": state.paid,
        "due": state.due,
        "payments": [
            {"amount": p.amount, "channel": p.channel, "receipt_no": p.receipt_no, "paid_at": p.paid_at.isoformat()}
            for p in state.payments
        ],
    }


def cmd_fee(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", "vi")
    with open_desk(args) as desk:
        if args.show:
            print(json.dumps(_state_json(desk, args.code, lang), ensure_ascii=False))
            return 0
        clerk = desk.clerk(args.clerk)
        if args.assess:
            amount = None if args.amount is None else args.amount
            from app.fees.service import check_amount

            fee = desk.fees.assess(
                args.code,
                clerk,
                _inputs(args),
                amount=None if amount is None else check_amount(amount),
                reason=args.reason,
            )
            print(money(fee.amount, lang))
            return 0
        if args.amount is None or args.channel is None:
            return _misuse(
                args,
                "Lệnh dùng sai: cần --amount và --channel (hoặc --assess, --show).",
                "Wrong use of the command: --amount and --channel are needed (or --assess, --show).",
            )
        if _inputs(args) is not None:
            desk.fees.assess(args.code, clerk, _inputs(args))
        state = desk.fees.pay(
            args.code, clerk, amount=args.amount, channel=args.channel, receipt_no=args.receipt_no, reason=args.reason
        )
    due = state.due
    print(
        f"{money(state.paid, lang)} / {money(state.fee.amount if state.fee else None, lang)}"
        + ("" if due is None else (f"; còn {money(due)}" if lang == "vi" else f"; due {money(due, 'en')}"))
    )
    return 0


def cmd_rules_list(args: argparse.Namespace) -> int:
    lang = getattr(args, "lang", "vi")
    with open_desk(args) as desk:
        items = desk.fees.rules()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "procedure": r.procedure,
                        "valid_from": r.valid_from.isoformat(),
                        "valid_to": r.valid_to.isoformat() if r.valid_to else None,
                        "rule": r.to_json(),
                        "source": r.source,
                    }
                    for r in items
                ],
                ensure_ascii=False,
            )
        )
        return 0
    for r in items:
        print(f"{r.procedure}\t{r.valid_from}\t{r.describe(lang)}\t{r.source}")
    return 0


def cmd_rules_import(args: argparse.Namespace) -> int:
    data = read_json(args.file)
    if not isinstance(data, dict):
        data = {"rules": data}
    loaded = fee_rules.load(data)
    with open_desk(args) as desk:
        count = desk.fees.load_rules(loaded, origin="province")
    print(count)
    return 0


def cmd_config_set(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        print(settings.put(desk.store, args.key, args.value))
    return 0


def cmd_config_get(args: argparse.Namespace) -> int:
    with open_desk(args) as desk:
        print(settings.get(desk.store, args.key))
    return 0
