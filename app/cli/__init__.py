"""The ``motcua`` command line (contract: shared/CLI.md).

Each module in this package registers its subcommands; ``ui.main`` is the console entry point so
that opening the window (no subcommand) never makes ``app`` import Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.core import paths
from app.core.errors import MotcuaError, PermissionDenied, ValidationError
from app.core.textcheck import excerpt

if TYPE_CHECKING:
    from app.core.records import Clerk
    from app.desk import Desk

Handler = Callable[[argparse.Namespace], int | None]


def _lang_from_argv(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return "vi"


class Parser(argparse.ArgumentParser):
    """Misuse is reported as one sentence (Vietnamese unless --lang en) and exit status 2."""

    argv: Sequence[str] = ()

    def error(self, message: str) -> None:  # type: ignore[override]
        if _lang_from_argv(self.argv) == "en":
            sys.stderr.write(f"Wrong use of the command: {message}.\n")
        else:
            sys.stderr.write(f"Lệnh dùng sai: {message}.\n")
        raise SystemExit(2)


def common_options(*, top: bool) -> argparse.ArgumentParser:
    """--db and --lang, accepted before or after the subcommand."""
    parent = argparse.ArgumentParser(add_help=False)
    default = None if top else argparse.SUPPRESS
    parent.add_argument("--db", default=default, help="SQLite store (default: $MOTCUA_DB or the data folder)")
    parent.add_argument(
        "--lang", default="vi" if top else argparse.SUPPRESS, choices=["vi", "en"], help="language of messages"
    )
    return parent


def build_parser(argv: Sequence[str] = ()) -> Parser:
    from app.cli import desk_commands

    Parser.argv = argv
    parser = Parser(prog="motcua", description="MotCua Desk — Bộ phận Một cửa", parents=[common_options(top=True)])
    parser.add_argument("--demo", action="store_true", help="open the window on a demo store")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    parent = common_options(top=False)
    for module in (desk_commands, *_optional_modules()):
        module.register(sub, parent)
    return parser


def _optional_modules() -> list:
    """Command groups that later issues add; each has ``register(sub, parent)``."""
    import importlib

    found = []
    for name in ("app.cli.print_commands", "app.cli.sync_commands", "app.cli.feedback_commands"):
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return found


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else paths.default_db_path()


def open_desk(args: argparse.Namespace) -> Desk:
    from app.desk import Desk

    return Desk.open(db_path(args))


MAX_JSON_BYTES = 1024 * 1024  # a dossier or a feedback entry is a few KB


def read_json(source: str) -> object:
    """A UTF-8 JSON document from a file, or from standard input for ``-``, at most 1 MB."""
    try:
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_JSON_BYTES + 1)
        else:
            with Path(source).open("rb") as handle:
                raw = handle.read(MAX_JSON_BYTES + 1)
    except (OSError, ValueError) as exc:
        shown = excerpt(source)
        raise ValidationError(f"Không đọc được tệp {shown}.", f"Cannot read the file {shown}.", field="json") from exc
    if len(raw) > MAX_JSON_BYTES:
        raise ValidationError("Dữ liệu JSON dài quá 1 MB.", "The JSON input is longer than 1 MB.", field="json")
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except RecursionError as exc:
        raise ValidationError(
            "Dữ liệu JSON lồng nhau quá sâu.", "The JSON input is nested too deeply.", field="json"
        ) from exc
    except ValueError as exc:  # bad UTF-8, bad JSON, and numbers of thousands of digits
        raise ValidationError(
            "Dữ liệu không phải JSON UTF-8 hợp lệ.", "The input is not valid UTF-8 JSON.", field="json"
        ) from exc


def stdin_lines(count: int) -> list[str]:
    """The first ``count`` lines of standard input (password, then passphrase), without line ends."""
    lines = [sys.stdin.readline(4096).rstrip("\r\n") for _ in range(count)]
    return lines


def authenticated(desk: Desk, args: argparse.Namespace, lines: list[str]) -> Clerk:
    """The clerk named by ``--clerk`` whose password is the first line of standard input (shared/CLI.md):
    a command that reveals what is confidential or moves keys never runs as "whoever is at the keyboard"."""
    username = getattr(args, "clerk", None)
    if not username:
        raise PermissionDenied(
            "Lệnh này cần --clerk TÊN của lãnh đạo hoặc quản trị viên, và mật khẩu ở dòng đầu của đầu vào chuẩn.",
            "This command needs --clerk NAME of a leader or administrator, and the password as the first line "
            "of standard input.",
        )
    return desk.authenticate(username, lines[0] if lines else "")


def run(args: argparse.Namespace) -> int:
    """Run a parsed subcommand; errors become one sentence on stderr and exit status 1."""
    lang = getattr(args, "lang", "vi") or "vi"
    try:
        result = args.handler(args)
    except MotcuaError as exc:
        sys.stderr.write(exc.message(lang) + "\n")
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    return int(result or 0)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv).parse_args(argv)
    if args.command is None:
        sys.stderr.write("Cần một lệnh con; cửa sổ được mở bằng «motcua» không kèm lệnh.\n")
        return 2
    return run(args)
