"""``motcua-province user …`` and ``token …``: the province's accounts (app.province.accounts)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from app.cli.parsing import Parser
from app.core.errors import ValidationError
from app.province import accounts


def register(
    sub: argparse._SubParsersAction, parent: argparse.ArgumentParser, open_hub: Callable[[argparse.Namespace], Any]
) -> None:
    p = sub.add_parser("user", parents=[parent], help="province accounts for the dashboard and the JSON endpoints")
    usub = p.add_subparsers(dest="user_command", required=True, parser_class=Parser)
    c = usub.add_parser("add", parents=[parent], help="a new account, or a new password for one")
    c.add_argument("name")
    c.add_argument("--password-stdin", action="store_true", required=True, help="the password: first line of stdin")
    c.set_defaults(handler=cmd_user_add, open_hub=open_hub)
    c = usub.add_parser("disable", parents=[parent], help="refuse the account from now on (sessions and tokens end)")
    c.add_argument("name")
    c.set_defaults(handler=cmd_user_disable, open_hub=open_hub)
    c = usub.add_parser("list", parents=[parent], help="the accounts")
    c.set_defaults(handler=cmd_user_list, open_hub=open_hub)

    p = sub.add_parser("token", parents=[parent], help="bearer tokens for scripts")
    tsub = p.add_subparsers(dest="token_command", required=True, parser_class=Parser)
    c = tsub.add_parser("add", parents=[parent], help="a token for the account's scripts (printed once)")
    c.add_argument("name")
    c.add_argument("--label", default="", help="what the token is for")
    c.set_defaults(handler=cmd_token_add, open_hub=open_hub)
    c = tsub.add_parser("revoke", parents=[parent], help="revoke the account's tokens (or those of one label)")
    c.add_argument("name")
    c.add_argument("--label")
    c.set_defaults(handler=cmd_token_revoke, open_hub=open_hub)


def _run(args: argparse.Namespace, work: Callable[[Any], Any]) -> Any:
    hub = args.open_hub(args)
    try:
        return work(hub)
    finally:
        hub.close()


def cmd_user_add(args: argparse.Namespace) -> int:
    password = sys.stdin.readline(4096).rstrip("\r\n")
    if not password:
        raise ValidationError(
            "Cần mật khẩu ở dòng đầu của đầu vào chuẩn.",
            "The password is needed on the first line of stdin.",
            field="password",
        )
    _run(args, lambda hub: accounts.add_user(hub, args.name, password))
    print(args.name)
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    _run(args, lambda hub: accounts.disable_user(hub, args.name))
    print(args.name)
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    from db.hub.account_store import AccountStore

    for row in _run(args, lambda hub: AccountStore(hub).users()):
        print(f"{row['name']}\t{row['created_at']}\t{'disabled' if row['disabled_at'] else 'active'}")
    return 0


def cmd_token_add(args: argparse.Namespace) -> int:
    print(_run(args, lambda hub: accounts.add_token(hub, args.name, args.label)))
    return 0


def cmd_token_revoke(args: argparse.Namespace) -> int:
    print(_run(args, lambda hub: accounts.revoke_tokens(hub, args.name, args.label)))
    return 0
