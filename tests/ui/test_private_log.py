"""Finding 9: the window's error log (a traceback may quote citizen data) is the desk's user's only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def test_the_error_log_is_private(isolated_folders: Path) -> None:
    from ui.errors import log_path, write_log

    old = os.umask(0o022)
    try:
        try:
            raise RuntimeError("Nguyễn Thị Đào 087186001234")
        except RuntimeError as exc:
            write_log(type(exc), exc, exc.__traceback__)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(log_path()).st_mode) == 0o600
