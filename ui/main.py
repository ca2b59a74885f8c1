"""The ``motcua`` entry point: a subcommand runs the CLI; no subcommand opens the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from app import cli


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = cli.build_parser(argv).parse_args(argv)
    if args.command is not None:
        return cli.run(args)
    from ui.app import run_window  # Qt is imported only when a window is wanted

    return run_window(db=args.db, demo=args.demo, lang=args.lang)


if __name__ == "__main__":
    raise SystemExit(main())
