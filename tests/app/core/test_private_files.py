"""Finding 9: every file the desk writes is its user's only (0600; folders it creates 0700)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.desk import Desk
from tests.conftest import ADMIN_PASSWORD, dossier_input

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_command_line_writes_nothing_others_can_read(tmp_path: Path, isolated_folders: Path) -> None:
    home = isolated_folders
    db = home / "data" / "motcua.sqlite3"
    env = dict(os.environ, PYTHONPATH=str(ROOT))

    def motcua(*args: str, stdin: str = "") -> str:
        done = subprocess.run(
            [sys.executable, "-m", "ui.main", "--db", str(db), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
            preexec_fn=lambda: os.umask(0o022),  # the usual umask: files 0644 unless the desk says otherwise
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().splitlines()[-1]

    motcua(
        "init",
        "--commune",
        "87001",
        "--commune-name",
        "Xã Tân Thành",
        "--province",
        "Đồng Tháp",
        "--desk",
        "1",
        "--admin",
        "admin",
        "--password-stdin",
        stdin=ADMIN_PASSWORD + "\n",
    )
    import json

    code = motcua("receive", "--json", "-", stdin=json.dumps(dossier_input(received_at="2026-02-12T10:00:00+07:00")))
    motcua("print", "receipt", code, "--out", str(tmp_path / "out" / "bien-nhan.pdf"))
    motcua("backup", str(tmp_path / "backup.sqlite3"))
    motcua("feedback", "add", "--json", "-", stdin='{"kind": "denunciation", "person": {"name": "A"}, "content": "x"}')
    files = [
        db,
        Path(f"{db}-wal"),
        Path(f"{db}-shm"),
        tmp_path / "backup.sqlite3",
        tmp_path / "out" / "bien-nhan.pdf",
        *[p for p in (home / "config").rglob("*") if p.is_file()],
    ]
    existing = [p for p in files if p.exists()]  # WAL and SHM go when the last connection closes
    assert len(existing) >= 7  # store, backup, PDF, the restore registry, code marks, desk and commune keys
    assert {str(p): oct(_mode(p)) for p in existing} == {str(p): "0o600" for p in existing}
    for folder in (home / "data", home / "config", home / "config" / "keys", tmp_path / "out"):
        assert _mode(folder) == 0o700, folder


def test_files_written_through_the_library_are_private_whatever_the_umask(tmp_path: Path, desk: Desk, admin) -> None:
    old = os.umask(0o022)
    try:
        backup = tmp_path / "b.sqlite3"
        desk.store.backup_to(backup)
        csv = tmp_path / "feedback.csv"
        desk.feedback.add({"kind": "feedback", "person": {"name": "B"}, "content": "y"}, admin)
        desk.feedback.export_csv(csv, desk.feedback.list())
        os.chmod(desk.store.path, 0o644)  # a store created by an older version
        desk.close()
        with Desk.open(desk.store.path):
            pass
        pdf = tmp_path / "r.pdf"
        with Desk.open(desk.store.path) as again:
            code = again.dossiers.receive(dossier_input(), again.clerk()).code
            again.printing.to_file("receipt", code, pdf)
            for suffix in ("-wal", "-shm"):  # while the store is open
                assert _mode(Path(f"{again.store.path}{suffix}")) == 0o600
    finally:
        os.umask(old)
    for path in (backup, csv, pdf, desk.store.path):
        assert _mode(path) == 0o600, path
