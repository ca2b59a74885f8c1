"""What the desk's command groups share: where the store is, opening it, reading JSON input."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.core import paths
from app.core.errors import PermissionDenied, ValidationError
from app.core.textcheck import excerpt

if TYPE_CHECKING:
    from app.core.records import Clerk
    from app.desk import Desk


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
    return [sys.stdin.readline(4096).rstrip("\r\n") for _ in range(count)]


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
