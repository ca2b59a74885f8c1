"""kill -9 while attaching: no record ever names a missing or partial file, and every file's bytes
hash to its name. A child process attaches unique 1.3 MB scans in a loop; it is killed at random
moments (inside the write, the fsync, the rename or the record's transaction), then the store is read."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.desk import Desk
from app.files import scans
from db.blobs import folder_for, sha256_hex
from tests.app.files.scanpages import three_pages
from tests.conftest import dossier_input

CHILD = r"""
import sys, itertools
from app.desk import Desk
desk = Desk.open(sys.argv[1])
clerk = desk.clerk()
base = open(sys.argv[3], "rb").read()
for n in itertools.count(int(sys.argv[4])):
    unique = base + b"%" + str(n).encode() + b"\n%%EOF\n"  # a new file each time: a real write every time
    desk.files.attach(sys.argv[2], [(unique, f"scan-{n}.pdf")], clerk, document_no=1 + n % 3)
    print(n, flush=True)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_kill_9_during_attach_leaves_no_record_without_its_whole_file(desk: Desk, admin, tmp_path: Path) -> None:
    code = desk.dossiers.receive(
        dossier_input(documents=[{"name": f"Giấy {i}", "kind": "original", "count": 1} for i in range(3)]), admin
    ).code
    base = tmp_path / "base.pdf"
    base.write_bytes(scans.images_to_pdf(three_pages()).data)
    path = str(desk.store.path)
    desk.close()
    rnd = random.Random(14)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[3]))
    started = 0
    for _ in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, path, code, str(base), str(started * 1000)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        # Killed at a random moment once the loop runs (its first file attached), however slow the
        # machine is to start Python: a fixed wait could kill it before it got going.
        assert child.stdout is not None and child.stdout.readline(), child.stderr and child.stderr.read().decode()
        time.sleep(rnd.uniform(0.0, 0.5))
        child.send_signal(signal.SIGKILL)
        _out, err = child.communicate()
        assert child.returncode == -signal.SIGKILL, err.decode()
        started += 1
    reopened = Desk.open(path)
    try:
        dossier = reopened.dossiers.get(code)
        records = reopened.files.records(dossier)
        assert len(records) >= 6  # the loop got going each time
        root = folder_for(path)
        for record in records:
            data = (root / record.sha256[:2] / record.sha256[2:]).read_bytes()
            assert sha256_hex(data) == record.sha256 and len(data) == record.size
            assert reopened.files.read(record) == data
        # Files no record names (killed between the rename and the commit) are whole too.
        for sha in reopened.files.blobs.names():
            assert reopened.files.blobs.check(sha)
    finally:
        reopened.close()
