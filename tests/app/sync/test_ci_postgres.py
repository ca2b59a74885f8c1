"""Under CI=true a missing PostgreSQL fails the PostgreSQL tests instead of skipping them (issue 11)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.app.sync.hub import ROOT, free_port


def test_the_postgres_fixture_gives_a_schema_of_its_own(postgres_url: str) -> None:
    assert postgres_url.startswith("postgresql://") and "search_path" in postgres_url


def _run(ci: bool) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MOTCUA_TEST_PG=f"postgresql://127.0.0.1:{free_port()}/test")
    env.pop("CI", None)
    if ci:
        env["CI"] = "true"
    target = "tests/app/sync/test_ci_postgres.py::test_the_postgres_fixture_gives_a_schema_of_its_own"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", target],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_missing_server_fails_under_ci_and_skips_elsewhere() -> None:
    under_ci = _run(ci=True)
    assert under_ci.returncode == 1, under_ci.stdout[-2000:]
    assert "CI must provide it" in under_ci.stdout
    elsewhere = _run(ci=False)
    assert elsewhere.returncode == 0, elsewhere.stdout[-2000:]
    assert "1 skipped" in elsewhere.stdout
