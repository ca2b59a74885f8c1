"""The ``motcua`` entry point: a subcommand runs the CLI; no subcommand opens the window.

Opening the window does not build the CLI parser: that imports every command group (printing,
sync, feedback …) and would double the time to the sign-in page.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

WINDOW_OPTIONS = {"--db", "--lang", "--demo"}


def window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The window's options when ``argv`` names no subcommand (and asks for no help); else None."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db")
    parser.add_argument("--lang", choices=["vi", "en"])
    parser.add_argument("--demo", action="store_true")
    try:
        args, rest = parser.parse_known_args(argv)
    except SystemExit:
        return None
    return None if rest else args


def _ensure_streams() -> None:
    """A windowed Windows build has no console: printing or an error message would crash it."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    _ensure_streams()
    from app.core.paths import restrict_umask

    restrict_umask()  # every file the desk writes from here on (store, backups, PDFs, CSV) is 0600
    argv = list(sys.argv[1:] if argv is None else argv)
    args = window_args(argv)
    if args is None:
        from app import cli

        parsed = cli.build_parser(argv).parse_args(argv)
        if parsed.command is not None:
            return cli.run(parsed)
        args = parsed
    from ui.application import run_window  # Qt is imported only when a window is wanted

    # --lang given on the command line wins; otherwise the window uses the remembered choice.
    explicit = any(a == "--lang" or a.startswith("--lang=") for a in argv)
    return run_window(db=args.db, demo=args.demo, lang=args.lang if explicit else None)


if __name__ == "__main__":
    raise SystemExit(main())
