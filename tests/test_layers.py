"""The promises the tree makes about itself (sqlite-utils' meta-tests habit).

Imports are read from the source, those inside functions and ``TYPE_CHECKING`` blocks included, so a
lazy import cannot hide a layer crossed or a cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "db", "ui")
MAX_LINES = 450
# What may import what, by top-level package: ui → app → db, and nothing upward.
MAY_IMPORT = {"ui": {"ui", "app", "db"}, "app": {"app", "db"}, "db": {"db"}}
QT = {"PySide6", "shiboken6"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {_module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}


def _resolve(name: str) -> str | None:
    """The project module an imported name loads (a module, or the package holding the name)."""
    found = modules()
    while name:
        if name in found:
            return name
        name = name.rpartition(".")[0]
    return None


@cache
def imports(module: str) -> frozenset[str]:
    """Every dotted name the module imports, anywhere in its body."""
    path = modules()[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(names)


@cache
def project_imports(module: str) -> frozenset[str]:
    resolved = {_resolve(name) for name in imports(module)}
    return frozenset(m for m in resolved if m and m != module)


def _reachable(start: str) -> Iterator[str]:
    seen, stack = {start}, [start]
    while stack:
        for nxt in project_imports(stack.pop()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
                yield nxt


def test_layers_point_one_way() -> None:
    offenders = {
        module: sorted(m for m in project_imports(module) if m.split(".")[0] not in MAY_IMPORT[module.split(".")[0]])
        for module in modules()
    }
    assert {m: bad for m, bad in offenders.items() if bad} == {}


def test_only_ui_imports_qt() -> None:
    offenders = [m for m in modules() if not m.startswith("ui") and any(n.split(".")[0] in QT for n in imports(m))]
    assert offenders == []


def test_ui_runs_no_sql() -> None:
    offenders = [m for m in modules() if m.startswith("ui") and {"sqlite3", "sqlite_utils"} & set(imports(m))]
    assert offenders == []


def test_the_hub_never_loads_the_desks_store() -> None:
    """The province hub imports pure rules and the sync protocol, not the desk's SQLite store."""
    # Shared by both, holding no store: ids, the failures of both databases (db.errors), the
    # transaction helper, the migration runner, making files private (db.files, which app.core.paths
    # re-exports), the content-addressed files (db.blobs) and the day/month ranges of counters.
    shared = {"db", "db.ids", "db.errors", "db.transaction", "db.migrate", "db.files", "db.blobs", "db.day_ranges"}
    desk_store = {m for m in modules() if m.startswith("db.") and not m.startswith("db.hub")} - shared
    hub = [m for m in modules() if m.startswith(("app.province", "db.hub"))]
    offenders = {m: sorted(set(_reachable(m)) & desk_store) for m in hub}
    assert {m: bad for m, bad in offenders.items() if bad} == {}


def test_no_import_cycles() -> None:
    """Tarjan's strongly connected components over the module graph: every one must be a single module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(project_imports(v)):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(modules()):
        if module not in index:
            visit(module)
    assert cycles == []


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_outgrows_its_name(package: str) -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / package).rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_every_cli_command_is_documented_in_the_readme() -> None:
    from app.cli import build_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    missing = [name for name in sub.choices if f"motcua {name}" not in readme]
    assert missing == []


def test_the_graph_reader_sees_lazy_imports() -> None:
    """The checks above can fail: a function-level import is an edge like any other."""
    assert "app.sync.service" in project_imports("app.desk") or any(
        m.startswith("app.sync") for m in project_imports("app.desk")
    )
