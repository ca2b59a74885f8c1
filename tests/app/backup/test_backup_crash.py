"""kill -9 in the middle of a backup (while dossiers are being received) leaves the store whole, and no
half-written file passes for a backup."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from app.backup import crypto
from app.desk import Desk
from tests.app.backup.test_backup import PASSPHRASE
from tests.conftest import dossier_input

ROOT = Path(__file__).resolve().parents[3]

# Backups one after another (a day apart) in one thread, receptions in another, until killed.
WORKER = """
import sys, threading, time
from datetime import timedelta
from app.core.clock import FixedClock, parse_iso
from app.desk import Desk
from tests.conftest import dossier_input

path = sys.argv[1]
clock = FixedClock(parse_iso("2026-03-02T17:05:00+07:00"))

def receive():
    with Desk.open(path, clock) as desk:
        admin = desk.clerk()
        while True:
            desk.dossiers.receive(dossier_input(), admin)
            # A breath between receptions, as at a real counter: a loop that takes the write lock back
            # at once starves the backup's own writes past the busy timeout on a loaded machine.
            time.sleep(0.02)

# The backing-up desk opens first: opening takes the write lock, which the receiving loop, once
# going, would hold nearly all the time (a starved open fails as "database is locked" under load).
with Desk.open(path, clock) as desk:
    threading.Thread(target=receive, daemon=True).start()
    while True:
        desk.backups.run()
        clock.advance(days=1)
        print("backup", flush=True)
"""


def test_kill_9_during_a_backup_leaves_the_store_whole(desk: Desk, admin, tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    for _ in range(300):  # enough pages that a backup takes a while
        desk.dossiers.receive(dossier_input(), admin)
    desk.backups.set_passphrase(admin, PASSPHRASE)
    desk.backups.set_folder(admin, stick)
    path = desk.path
    desk.close()
    proc = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, env={**os.environ}
    )
    try:
        for _ in range(3):  # a few finished, so the next one is under way
            assert proc.stdout.readline().startswith(b"backup")
        deadline = time.monotonic() + 60
        while not (list(stick.glob("*.part")) or list(path.parent.glob("*.backup-*.tmp"))):
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.002)  # a spinning loop would take the CPU the worker needs to get there
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    received = conn.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0]
    conn.close()
    assert received >= 300
    with Desk.open(path) as reopened:
        finished = reopened.backups.backups(stick)
        assert len(finished) >= 3
        for backup in finished:  # what carries a backup's name is a whole backup
            assert crypto.decrypt_file(backup.path, PASSPHRASE, None)
        reopened.backups.run()  # the next one clears what the killed one left
    assert not list(stick.glob("*.part")) and not list(path.parent.glob("*.backup-*.tmp"))
