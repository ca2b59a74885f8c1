"""packaging/motcua.spec ships every resource and migration (a static check; the build itself is not run)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "motcua.spec"
# Files under resources/ that the running app never reads: package marker and Qt Linguist sources.
SOURCE_ONLY_NAMES = {"__init__.py"}
SOURCE_ONLY_SUFFIXES = {".ts", ".pyc"}


def spec_data() -> list[tuple[str, str]]:
    """The spec's ``DATA`` list of (glob relative to the repository, folder in the bundle)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "DATA" for t in node.targets):
            return [tuple(entry) for entry in ast.literal_eval(node.value)]
    raise AssertionError("packaging/motcua.spec has no DATA list")


def shipped() -> dict[str, str]:
    """Each file the spec ships (relative path) -> the bundle folder it lands in."""
    result = {}
    for pattern, dest in spec_data():
        for path in ROOT.glob(pattern):
            if path.is_file():
                result[path.relative_to(ROOT).as_posix()] = dest
    return result


def needed(folder: str) -> set[str]:
    return {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / folder).rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and p.name not in SOURCE_ONLY_NAMES
        and p.suffix not in SOURCE_ONLY_SUFFIXES
    }


def test_every_data_pattern_matches_a_file():
    empty = [pattern for pattern, _ in spec_data() if not any(p.is_file() for p in ROOT.glob(pattern))]
    assert empty == []


def test_every_resource_file_is_shipped_where_app_paths_looks_for_it():
    files = shipped()
    wanted = needed("resources")
    assert "resources/catalogue.csv" in wanted and "resources/fonts/LiberationSerif-Regular.ttf" in wanted
    assert sorted(wanted - files.keys()) == []
    # resources_dir() is sys._MEIPASS/resources, so each file must keep its place under resources/.
    misplaced = {f: files[f] for f in wanted if files[f] != str(Path(f).parent.as_posix())}
    assert misplaced == {}


def test_every_resource_subfolder_is_listed():
    folders = {p.name for p in (ROOT / "resources").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert {"fonts", "forms", "translations"} <= folders
    dests = {dest for _, dest in spec_data()}
    assert sorted(f"resources/{name}" for name in folders if f"resources/{name}" not in dests) == []


def test_every_migration_is_shipped_beside_the_frozen_db_migrations_package():
    files = shipped()
    migrations = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "db" / "migrations").glob("*.sql"))
    assert "db/migrations/0001_core.sql" in migrations
    # importlib.resources.files("db.migrations") is sys._MEIPASS/db/migrations in a frozen build.
    assert {m: files.get(m) for m in migrations} == {m: "db/migrations" for m in migrations}


def test_no_source_only_files_are_shipped():
    extra = [f for f in shipped() if Path(f).suffix in SOURCE_ONLY_SUFFIXES or Path(f).name in SOURCE_ONLY_NAMES]
    assert extra == []


def test_fonts_and_form_templates_go_into_the_python_package_data():
    """pip installs (pyproject.toml) ship the embedded fonts, their licence and every form edition too."""
    import fnmatch
    import tomllib

    from setuptools import find_namespace_packages

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages = set(find_namespace_packages(str(ROOT), include=config["packages"]["find"]["include"]))
    patterns = config["package-data"]["*"]
    files = [*(ROOT / "resources" / "fonts").iterdir(), *(ROOT / "resources" / "forms").glob("*.json")]
    assert any(p.name == "LiberationSerif-Regular.ttf" for p in files)
    assert any(p.name.startswith("LICENSE-LiberationSerif") for p in files)
    missing = [
        p.relative_to(ROOT).as_posix()
        for p in files
        if p.is_file()
        and (
            ".".join(p.parent.relative_to(ROOT).parts) not in packages
            or not any(fnmatch.fnmatch(p.name, pat) for pat in patterns)
        )
    ]
    assert missing == []
