"""``backup`` (a copy to a named file, or the automatic backup into the chosen folder), its settings,
and ``restore``.

Setting up backups and restoring authenticate an admin: ``--clerk USER`` and the password as the first
line of standard input; a passphrase, where one is needed, is the second line (shared/CLI.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import db_path, open_desk
from app.core.errors import ValidationError
from app.core.records import Clerk
from app.desk import Desk


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", parents=[parent], help="a consistent copy of the store (safe while it is in use)")
    p.add_argument("file", nargs="?", help="copy to this new file (plain SQLite)")
    p.add_argument("--auto", action="store_true", help="the automatic backup now: chosen folder, checked, rotated")
    p.add_argument("--if-due", action="store_true", help="with --auto: only when the end-of-day backup is due")
    p.add_argument("--set-folder", metavar="DIR", help="choose the backup folder (admin)")
    p.add_argument("--set-passphrase", action="store_true", help="encrypt backups with a passphrase (admin)")
    p.add_argument("--status", action="store_true", help="when the last backup was made")
    p.add_argument("--clerk", help="the admin's user name (password on standard input)")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", parents=[parent], help="replace the store by a backup (admin); a new history")
    p.add_argument("file")
    p.add_argument("--clerk", help="the admin's user name (password, then passphrase, on standard input)")
    p.set_defaults(handler=cmd_restore)


def _line() -> str:
    return sys.stdin.readline().rstrip("\r\n")


def _admin(desk: Desk, args: argparse.Namespace) -> Clerk:
    username = args.clerk or desk.clerk().username
    return desk.authenticate(username, _line())


def cmd_backup(args: argparse.Namespace) -> int:
    if args.file:
        return _copy_to(args)
    with open_desk(args) as desk:
        service = desk.backups
        if args.set_folder or args.set_passphrase:
            admin = _admin(desk, args)
            if args.set_passphrase:
                service.set_passphrase(admin, _line())
            if args.set_folder:
                print(service.set_folder(admin, args.set_folder))
            return 0
        if args.auto:
            result = service.run_if_due() if args.if_due else service.run()
            print(result.path if result is not None else "not due")
            return 0
        status = service.status()
        print(f"{status.state}\t{status.last_at.isoformat() if status.last_at else '-'}\t{status.folder or '-'}")
        return 0 if status.state == "ok" else 1


def _copy_to(args: argparse.Namespace) -> int:
    target = Path(args.file)
    if target.exists():
        raise ValidationError(
            f"Tệp {target} đã có; hãy chọn tên khác.", f"{target} exists; choose another name.", field="file"
        )
    with open_desk(args) as desk:
        desk.store.backup_to(target)
    print(target)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Checked and staged with the store closed, swapped in when it is opened again right after."""
    with open_desk(args) as desk:
        admin = _admin(desk, args)
        passphrase = _line() or None
        desk.backups.stage_restore(admin, Path(args.file), passphrase)
    with Desk.open(db_path(args)) as restored:
        print(restored.store.db_id)
    return 0
