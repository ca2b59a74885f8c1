"""What the desk's command groups share: where the store is, opening it, reading JSON input."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.core import paths
from app.core.errors import ValidationError

if TYPE_CHECKING:
    from app.desk import Desk


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else paths.default_db_path()


def open_desk(args: argparse.Namespace) -> Desk:
    from app.desk import Desk

    return Desk.open(db_path(args))


def read_json(source: str) -> object:
    """A UTF-8 JSON document from a file, or from standard input for ``-``."""
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except OSError as exc:
        raise ValidationError(f"Không đọc được tệp {source}.", f"Cannot read the file {source}.", field="json") from exc
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            "Dữ liệu không phải JSON UTF-8 hợp lệ.", "The input is not valid UTF-8 JSON.", field="json"
        ) from exc
