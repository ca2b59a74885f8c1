"""The hub's schema is written twice, for SQLite and for PostgreSQL: they must describe the same tables.

Each file is parsed into tables (columns with their type family and constraints), table constraints
and indexes; the only differences allowed are the spellings of the same thing in each dialect
(INTEGER/BIGINT, AUTOINCREMENT/identity). Changing one file alone fails here.
"""

from __future__ import annotations

import re
from importlib import resources

import pytest

# One spelling per dialect for the same meaning.
_SAME = [
    (r"\bINTEGER PRIMARY KEY AUTOINCREMENT\b", "serial primary key"),
    (r"\bBIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY\b", "serial primary key"),
    (r"\bBIGINT\b", "integer"),
    (r"\bINTEGER\b", "integer"),
]
_TABLE_CONSTRAINT = re.compile(r"(PRIMARY KEY|UNIQUE|FOREIGN KEY|CHECK|CONSTRAINT)\b", re.IGNORECASE)


def _statements(sql: str) -> list[str]:
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return [" ".join(s.split()) for s in "\n".join(lines).split(";") if s.strip()]


def _items(body: str) -> list[str]:
    """Split a table body on the commas outside parentheses."""
    items, depth, current = [], 0, ""
    for ch in body:
        if ch == "," and depth == 0:
            items.append(current.strip())
            current = ""
            continue
        depth += (ch == "(") - (ch == ")")
        current += ch
    return [*items, current.strip()] if current.strip() else items


def _normal(text: str) -> str:
    for pattern, replacement in _SAME:
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
    return text.lower()


def schema(sql: str) -> dict[str, object]:
    tables: dict[str, dict[str, object]] = {}
    indexes: dict[str, str] = {}
    for statement in _statements(sql):
        table = re.fullmatch(r"CREATE TABLE (\w+) \((.*)\)", statement, re.IGNORECASE)
        index = re.fullmatch(r"CREATE (UNIQUE )?INDEX (\w+) (ON .*)", statement, re.IGNORECASE)
        added = re.fullmatch(r"ALTER TABLE (\w+) ADD COLUMN (\w+) (.*)", statement, re.IGNORECASE)
        if added:  # a later migration's new column, on a table an earlier one created
            tables[added[1].lower()]["columns"][added[2].lower()] = _normal(added[3])  # type: ignore[index]
        elif table:
            columns: dict[str, str] = {}
            constraints: list[str] = []
            for item in _items(table[2]):
                if _TABLE_CONSTRAINT.match(item):
                    constraints.append(_normal(item))
                else:
                    name, _, spec = item.partition(" ")
                    columns[name.lower()] = _normal(spec)
            tables[table[1].lower()] = {"columns": columns, "constraints": constraints}
        elif index:
            indexes[index[2].lower()] = _normal(f"{index[1] or ''}{index[3]}")
        elif dropped := re.fullmatch(r"DROP INDEX (\w+)", statement, re.IGNORECASE):
            del indexes[dropped[1].lower()]  # made again by a later statement, or gone
        elif re.match(r"UPDATE \w+ SET ", statement, re.IGNORECASE):
            continue  # filling a new column: data, each in its dialect's words (tests/db/hub/test_migrations.py)
        else:
            raise AssertionError(f"a statement this comparison does not understand: {statement[:60]}")
    return {"tables": tables, "indexes": indexes}


def _read(dialect: str) -> str:
    """Every migration of the dialect, in order: the schema a hub ends up with."""
    files = sorted(e for e in resources.files(f"db.hub.{dialect}").iterdir() if e.name.endswith(".sql"))
    return "\n".join(f.read_text(encoding="utf-8") for f in sorted(files, key=lambda e: e.name))


def test_sqlite_and_postgres_schemas_describe_the_same_tables() -> None:
    sqlite, postgres = schema(_read("sqlite")), schema(_read("postgres"))
    assert sqlite["tables"].keys() == postgres["tables"].keys()
    for name in sqlite["tables"]:
        assert sqlite["tables"][name] == postgres["tables"][name], name
    assert sqlite["indexes"] == postgres["indexes"]
    assert len(sqlite["tables"]) >= 10 and len(sqlite["indexes"]) >= 5  # the parser saw the whole file


def test_both_dialects_ship_the_same_migrations() -> None:
    def names(dialect: str) -> list[str]:
        return sorted(e.name for e in resources.files(f"db.hub.{dialect}").iterdir() if e.name.endswith(".sql"))

    assert names("sqlite") == names("postgres")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    outcome        TEXT\n", "    outcome        TEXT,\n    extra TEXT\n"),  # a column added
        ("status         TEXT NOT NULL DEFAULT 'received'", "status TEXT NOT NULL"),  # a default dropped
        ("ON events (dossier_id)", "ON events (dossier_id, at)"),  # an index widened
        ("    seen_at INTEGER NOT NULL,", "    seen_at TEXT NOT NULL,"),  # a type changed
    ],
)
def test_a_change_to_one_dialect_alone_is_seen(old: str, new: str) -> None:
    sqlite = _read("sqlite")
    assert old in sqlite
    assert schema(sqlite.replace(old, new, 1)) != schema(_read("postgres"))
