"""The command line's parser: misuse in one sentence, errors in one sentence, exit codes per CLI.md.

Shared by ``motcua`` and ``motcua-province``; it knows nothing of the desk or the hub.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from app.core.storage_errors import CATCHABLE, project_error

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


def run(args: argparse.Namespace) -> int:
    """Run a parsed subcommand; errors become one sentence on stderr and exit status 1."""
    lang = getattr(args, "lang", "vi") or "vi"
    try:
        result = args.handler(args)
    except CATCHABLE as caught:
        exc = project_error(caught)  # a store failure in its words; anything else is a bug, raised
        if exc is None:
            raise
        sys.stderr.write(exc.message(lang) + "\n")
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    return int(result or 0)
