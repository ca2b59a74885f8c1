"""Smoke runs of the scripts pytest would never import: the benchmarks in tests/perf/ and the screenshot and
translation scripts in packaging/. Each runs as a subprocess at a tiny size, so a module moved or renamed
breaks a test here instead of the next person who measures or renders the docs.

Every run is isolated: the desk's folders and the temporary folder (``TMPDIR``, where the scripts make
their work folders) lie under the test's tmp_path; outputs that would go to docs/, resources/ or
/tmp/motcua-bench are sent there with the scripts' own options, and the tracked copies are checked untouched.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
QM_MAGIC = b"\x3c\xb8\x64\x18\xca\xef\x9c\x95\xcd\x21\x1c\xbf\x60\xa1\xbd\xdd"  # Qt's .qm header

# Every script and the test that runs it; test_every_script_has_a_smoke_run keeps this list whole.
SCRIPTS = {
    "tests/perf/bench_attach.py": "test_bench_attach",
    "tests/perf/bench_file_sync.py": "test_bench_file_sync",
    "tests/perf/bench_receipt.py": "test_bench_receipt",
    "tests/perf/bench_store.py": "test_bench_store",
    "tests/perf/bench_prune.py": "test_bench_prune",
    "tests/perf/bench_scorecard.py": "test_bench_scorecard",
    "tests/perf/bench_hub_scorecard.py": "test_bench_hub_scorecard",
    "tests/perf/bench_reports_ui.py": "test_bench_reports_ui",
    "tests/perf/bench_sync.py": "test_bench_sync",
    "tests/perf/bench_relay.py": "test_bench_relay",
    "tests/perf/bench_ui.py": "test_bench_ui_and_sync_ui",
    "tests/perf/bench_sync_ui.py": "test_bench_ui_and_sync_ui",
    "packaging/screenshots.py": "test_screenshots",
    "packaging/screenshots_feedback.py": "test_screenshots_feedback",
    "packaging/screenshots_files.py": "test_screenshots_files",
    "packaging/screenshots_sync.py": "test_screenshots_sync",
    "packaging/translations.py": "test_translations",
    "packaging/form_renders.py": "test_form_renders",
}


@pytest.fixture
def script_env(tmp_path: Path, isolated_folders: Path) -> dict[str, str]:
    """The test's isolated folders (tests/conftest.py), offscreen Qt, and a private temporary folder."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp), TZ="Asia/Ho_Chi_Minh")
    env.update(
        MOTCUA_DATA_DIR=str(isolated_folders / "data"),
        MOTCUA_CONFIG_DIR=str(isolated_folders / "config"),
        MOTCUA_KEY_DIR=str(isolated_folders / "config" / "keys"),
        XDG_CONFIG_HOME=str(isolated_folders / "xdg"),
    )
    env.pop("MOTCUA_DB", None)
    return env


def run(env: dict[str, str], script: str, *args: str | Path, timeout: float = 120) -> str:
    """Run ``script`` from the repository root; its stdout, after asserting it exited with 0."""
    proc = subprocess.run(
        [sys.executable, script, *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert proc.returncode == 0, f"{script} exited with {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def assert_printed(output: str, *figures: str) -> None:
    missing = [f for f in figures if f not in output]
    assert not missing, f"not printed: {missing}\n{output}"


def assert_pngs(folder: Path, names: list[str]) -> None:
    """Each file is a PNG with a non-empty image (width and height from its IHDR chunk)."""
    for name in names:
        data = (folder / name).read_bytes()
        assert data[:8] == PNG_MAGIC and data[12:16] == b"IHDR", name
        width, height = struct.unpack(">II", data[16:24])
        assert width > 100 and height > 100, (name, width, height)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_every_script_has_a_smoke_run() -> None:
    found = {
        p.relative_to(ROOT).as_posix()
        for pattern in ("tests/perf/*.py", "packaging/*.py")
        for p in ROOT.glob(pattern)
        if p.name != "__init__.py"
    }
    assert found == set(SCRIPTS), "each script in tests/perf/ and packaging/ needs a smoke run here"
    assert all(name in globals() for name in SCRIPTS.values())


def test_bench_receipt(script_env: dict[str, str]) -> None:
    output = run(script_env, "tests/perf/bench_receipt.py", "3")
    assert_printed(output, "receipt (2 copies, A5, print logged)", "ratio receipt / bare (vector QR)")
    # One kind alone, as --callgrind runs it under valgrind (too slow for a smoke run itself).
    assert_printed(run(script_env, "tests/perf/bench_receipt.py", "--only", "receipt", "2"), "receipt: 2 calls counted")


def test_bench_attach(script_env: dict[str, str]) -> None:
    output = run(script_env, "tests/perf/bench_attach.py", "2")
    assert_printed(output, "3-page A4 scan at 200 dpi", "ratio attach / plain copy", "target attach <= 300 ms")


def test_bench_file_sync(script_env: dict[str, str]) -> None:
    output = run(script_env, "tests/perf/bench_file_sync.py", "--kb", "1", "--rate", "100000000", "--latency", "0")
    assert_printed(output, "bytes on the wire for", "cut every 2-16 KB", "ratio cut / uncut time")


def test_bench_store(script_env: dict[str, str], tmp_path: Path) -> None:
    store = tmp_path / "bench-store.sqlite3"
    args = ("--dossiers", "50", "--store", store, "--people", "2", "--rounds", "1", "--saves", "3")
    output = run(script_env, "tests/perf/bench_store.py", *args)
    assert_printed(
        output,
        "built 50 dossiers",
        "B per dossier",
        "older half acknowledged",
        "desk search         p50",
        "durable save",
    )
    output = run(script_env, "tests/perf/bench_store.py", *args)  # the cached store is reused
    assert_printed(output, "(50 dossiers, cached)", "desk search         p50")


def test_bench_prune(script_env: dict[str, str], tmp_path: Path) -> None:
    output = run(script_env, "tests/perf/bench_prune.py", "--dossiers", "40", "--work", tmp_path / "prune")
    assert_printed(output, "store bytes per dossier, 40 dossiers", "synced (payloads pruned)", "motcua maintain")


def test_bench_scorecard(script_env: dict[str, str], tmp_path: Path) -> None:
    args = ("--dossiers", "60", "--store", tmp_path / "bench-scorecard.sqlite3", "--rounds", "1")
    output = run(script_env, "tests/perf/bench_scorecard.py", *args)
    assert_printed(output, "built 60 dossiers", "plain GROUP BY", "(counters)", "counts equal on both paths: True")


def test_bench_hub_scorecard(script_env: dict[str, str]) -> None:
    """Tiny, in its own schema; says so and passes where PostgreSQL is not running."""
    args = ("--communes", "3", "--dossiers", "60", "--rounds", "1", "--schema", "s16hub_bench_smoke", "--drop")
    output = run(script_env, "tests/perf/bench_hub_scorecard.py", *args)
    assert "hub scorecard benchmark skipped" in output or all(
        line in output for line in ("loaded 60 dossiers", "plain GROUP BY", "province's year", "one commune's year")
    ), output


def test_bench_reports_ui(script_env: dict[str, str], tmp_path: Path) -> None:
    args = ("--dossiers", "60", "--store", tmp_path / "bench-reports.sqlite3", "--rounds", "1")
    output = run(script_env, "tests/perf/bench_reports_ui.py", *args)
    assert_printed(output, "built 60 dossiers", "(baseline: the freeze)", "longest wait of the window's event loop")


def test_bench_sync(script_env: dict[str, str]) -> None:
    """Every part at a tiny size; the PostgreSQL ingest runs when PostgreSQL is there, else says so."""
    args = ("--size-dossiers", "20", "--dossiers", "20", "--desks", "2", "--per-desk", "20")
    output = run(script_env, "tests/perf/bench_sync.py", *args)
    assert_printed(output, "on the wire, full sync", "64 kbit/s, 300 ms", "SQLite hub")
    assert "PostgreSQL hub" in output or "ingest on PostgreSQL skipped" in output, output


def test_bench_relay(script_env: dict[str, str]) -> None:
    output = run(script_env, "tests/perf/bench_relay.py", "--dossiers", "20")
    assert_printed(output, "B pulls them, ledger kept", "B's relay ledger", "B hands them to the restored hub")


def test_bench_ui_and_sync_ui(script_env: dict[str, str], tmp_path: Path) -> None:
    """bench_sync_ui.py reads the store bench_ui.py builds, so they run in that order on one cache."""
    cache = tmp_path / "bench-cache"
    output = run(script_env, "tests/perf/bench_ui.py", "--cache", cache, "--dossiers", "300", "--runs", "1")
    assert_printed(output, "dossiers in the store            300", "MotCua window to interactive", "peak RSS")
    output = run(script_env, "tests/perf/bench_sync_ui.py", "--cache", cache, "--runs", "1")
    assert_printed(output, "dossiers in the store                 300", "sync column, one screen (30 rows)")


def test_screenshots(script_env: dict[str, str], tmp_path: Path) -> None:
    docs = snapshot(ROOT / "docs")
    out = tmp_path / "shots"
    # 800 dossiers over a year: the fewest that leave one "done" for the return screen.
    output = run(script_env, "packaging/screenshots.py", "--out", out, "--dossiers", "800")
    names = ["signin.png", "receive-picker.png", "receive.png", "receive-error.png", "register.png"]
    names += ["register-search.png", "return.png", "register-en.png", "confirm-return.png", "register-empty.png"]
    names += ["return-en.png", "feedback-section-en.png", "sync-problems-unlinked-en.png", "first-run-en.png"]
    names += ["reports.png", "reports-en.png", "reports-charts.png", "reports-charts-en.png"]
    names += ["reception-session.png", "reception-dialogue-en.png", "reception-disclosure.png"]
    assert_printed(output, *(str(out / n) for n in names))
    assert_pngs(out, names)
    assert snapshot(ROOT / "docs") == docs


def test_screenshots_files(script_env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "shots"
    run(script_env, "packaging/screenshots_files.py", "--out", out, "--dossiers", "20")
    assert_pngs(out, ["receive-fee-scans.png", "dossier-scans-fee.png"])


def test_screenshots_feedback(script_env: dict[str, str], tmp_path: Path) -> None:
    docs = snapshot(ROOT / "docs")
    out = tmp_path / "shots"
    output = run(script_env, "packaging/screenshots_feedback.py", out)
    names = ["feedback-register.png", "rating-screen.png", "rating-follow-up.png"]
    assert_printed(output, *(str(out / n) for n in names))
    assert_pngs(out, names)
    assert snapshot(ROOT / "docs") == docs


def test_screenshots_sync(script_env: dict[str, str], tmp_path: Path) -> None:
    docs = snapshot(ROOT / "docs")
    out = tmp_path / "shots"
    output = run(script_env, "packaging/screenshots_sync.py", "--out", out, "--dossiers", "800")
    names = ["sync-progress.png", "sync-error.png", "sync-register.png", "sync-problems.png"]
    assert_printed(output, *(str(out / n) for n in names))
    assert_pngs(out, names)
    assert snapshot(ROOT / "docs") == docs


def test_translations(script_env: dict[str, str], tmp_path: Path) -> None:
    """lupdate + lrelease on copies (``--out``): every .ts compiles to a .qm; the tracked files stay as they are."""
    tracked = snapshot(ROOT / "resources" / "translations")
    out = tmp_path / "translations"
    run(script_env, "packaging/translations.py", "--out", out)
    for ts in (ROOT / "resources" / "translations").glob("*.ts"):
        qm = (out / ts.name).with_suffix(".qm").read_bytes()
        assert qm[:16] == QM_MAGIC and len(qm) > 1000, ts.name
    assert snapshot(ROOT / "resources" / "translations") == tracked


@pytest.mark.tools("pdftoppm")
def test_form_renders(script_env: dict[str, str], tmp_path: Path) -> None:
    """Every form of Circular 03 as PDF and PNG; docs/ is written only with --docs."""
    docs = snapshot(ROOT / "docs")
    out = tmp_path / "forms"
    output = run(script_env, "packaging/form_renders.py", out)
    pdfs = ["01-receipt", "02-supplement", "03-refusal", "04-apology", "05-stop", "06-tracking", "07-logbook"]
    pdfs += ["08-register-03tcd", "09-schedule", "10-conclusion", "11-minutes", "12-board"]
    assert_printed(output, *(str(out / f"{name}.pdf") for name in pdfs))
    assert_pngs(out, ["01-receipt-1.png", "01-receipt-2.png", *(f"{name}-1.png" for name in pdfs[1:])])
    assert snapshot(ROOT / "docs") == docs
