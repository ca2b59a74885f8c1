"""The ``motcua`` command line (contract: shared/CLI.md).

Each module in this package registers its subcommands; ``ui.main`` is the console entry point so
that opening the window (no subcommand) never makes ``app`` import Qt.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from app.cli.parsing import Parser, common_options, run

__all__ = ["build_parser", "main"]


def build_parser(argv: Sequence[str] = ()) -> Parser:
    # Imported here, not above: the hub's command line shares app.cli.parsing and must not pay for
    # the desk's commands (printing, sync, reportlab) each time it starts.
    from app.cli import (
        act_commands,
        backup_commands,
        desk_commands,
        fee_commands,
        feedback_commands,
        file_commands,
        print_commands,
        reception_commands,
        report_commands,
        sync_commands,
    )

    Parser.argv = argv
    parser = Parser(prog="motcua", description="MotCua Desk — Bộ phận Một cửa", parents=[common_options(top=True)])
    parser.add_argument("--demo", action="store_true", help="open the window on a demo store")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    parent = common_options(top=False)
    for module in (
        desk_commands,
        backup_commands,
        print_commands,
        act_commands,
        sync_commands,
        feedback_commands,
        reception_commands,
        report_commands,
        fee_commands,
        file_commands,
    ):
        module.register(sub, parent)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv).parse_args(argv)
    if args.command is None:
        sys.stderr.write("Cần một lệnh con; cửa sổ được mở bằng «motcua» không kèm lệnh.\n")
        return 2
    return run(args)
