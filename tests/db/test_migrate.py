"""The one migration runner, used by the desk (PRAGMA user_version) and the hub (its hub_schema table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.hub.connection import open_backend
from db.migrate import Migration, MigrationError, find, run


def _package(root: Path, name: str, files: dict[str, str]) -> str:
    folder = root / name
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    for file, sql in files.items():
        (folder / file).write_text(sql)
    return name


def test_find_reads_numbered_files_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    name = _package(tmp_path, "mig_ok", {"0002_b.sql": "B", "0001_a.sql": "A", "notes.txt": "x"})
    assert find(name) == [Migration(1, "a", "A"), Migration(2, "b", "B")]


def test_a_gap_in_the_numbers_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    name = _package(tmp_path, "mig_gap", {"0001_a.sql": "A", "0003_c.sql": "C"})
    with pytest.raises(MigrationError, match="without gaps"):
        find(name)


def test_run_applies_what_is_above_the_current_version_up_to_the_target() -> None:
    migrations = [Migration(v, f"m{v}", "") for v in (1, 2, 3)]
    applied: list[int] = []
    assert run(migrations, 1, lambda m: applied.append(m.version), target=2) == 2
    assert run(migrations, 2, lambda m: applied.append(m.version)) == 3
    assert applied == [2, 3]
    with pytest.raises(MigrationError, match="newer"):
        run(migrations, 4, lambda m: applied.append(m.version))


def test_the_hub_records_each_version_once(tmp_path: Path) -> None:
    target = str(tmp_path / "hub.sqlite3")
    for _ in range(2):  # reopening applies nothing twice
        backend = open_backend(target)
        versions = [r["version"] for r in backend.all("SELECT version FROM hub_schema ORDER BY version")]
        assert versions == list(range(1, len(find("db.hub.sqlite")) + 1))
        backend.close()
