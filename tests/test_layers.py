"""The promises the tree makes about itself (sqlite-utils' meta-tests habit)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("app", {"PySide6", "ui", "shiboken6"}),
        ("db", {"PySide6", "ui", "app", "shiboken6"}),
    ],
)
def test_lower_layers_never_import_upper_ones(package: str, forbidden: set[str]) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & forbidden)
        for path in (ROOT / package).rglob("*.py")
        if _imports(path) & forbidden
    }
    assert offenders == {}


def test_ui_runs_no_sql() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "ui").rglob("*.py")
        if "sqlite3" in _imports(p) or "sqlite_utils" in _imports(p)
    ]
    assert offenders == []


def test_every_cli_command_is_documented_in_the_readme() -> None:
    from app.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    missing = [name for name in sub.choices if f"motcua {name}" not in readme]
    assert missing == []
