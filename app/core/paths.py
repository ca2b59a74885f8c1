"""The one place that knows where resources, data, configuration and keys live.

Environment variables override the platform folders so tests and scripts can isolate themselves:
``MOTCUA_DATA_DIR``, ``MOTCUA_CONFIG_DIR``, ``MOTCUA_KEY_DIR`` and ``MOTCUA_DB``.
"""

from __future__ import annotations

import os
import sys
from importlib import resources as _resources
from pathlib import Path

from db.files import private_dir, private_file, restrict_umask, write_private

__all__ = [
    "config_dir",
    "data_dir",
    "default_db_path",
    "demo_db_path",
    "key_dir",
    "private_dir",
    "private_file",
    "resource",
    "resources_dir",
    "restrict_umask",
    "write_private",
]

APP_NAME = "motcua"


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None


def _platform():  # imported when a folder is first asked for: the window's sign-in page needs none
    import platformdirs

    return platformdirs


def data_dir() -> Path:
    return _env_path("MOTCUA_DATA_DIR") or _platform().user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    return _env_path("MOTCUA_CONFIG_DIR") or _platform().user_config_path(APP_NAME, appauthor=False)


def key_dir() -> Path:
    """Private keys live beside the user's configuration, never in the database."""
    return _env_path("MOTCUA_KEY_DIR") or config_dir() / "keys"


def default_db_path() -> Path:
    return _env_path("MOTCUA_DB") or data_dir() / "motcua.sqlite3"


def demo_db_path() -> Path:
    return data_dir() / "motcua-demo.sqlite3"


def resources_dir() -> Path:
    """The shipped ``resources`` folder, in a source tree, an installed wheel or a frozen build."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(str(_resources.files("resources")))


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
