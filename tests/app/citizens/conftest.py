"""The real hub fixtures of the sync tests (SQLite always, PostgreSQL when it answers)."""

from tests.app.sync.conftest import any_hub, hub, hub_db, hub_target, postgres_url  # noqa: F401
