"""Automatic backups on real store files: due at the end of the working day, checked, encrypted (no
CCCD in clear), rotated over a year of days, restored with a new history."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.backup import crypto, rotation
from app.backup.service import BackupProblem
from app.core.errors import PermissionDenied
from app.core.worktime import VN_TZ
from app.desk import Desk
from tests.conftest import dossier_input

PASSPHRASE = "cau-mat-khau-sao-luu"
CCCD = b"087186001234"


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


@pytest.fixture
def configured(desk: Desk, admin, stick: Path) -> Desk:
    desk.dossiers.receive(dossier_input(), admin)
    desk.backups.set_passphrase(admin, PASSPHRASE)
    desk.backups.set_folder(admin, stick)
    return desk


def test_due_at_the_end_of_the_working_day_and_not_again(configured: Desk, clock) -> None:
    service = configured.backups
    assert service.due()  # never backed up: the previous working day's close is missed
    clock.at = datetime(2026, 2, 12, 16, 59, tzinfo=VN_TZ)
    service.run()
    assert not service.due()
    clock.at = datetime(2026, 2, 12, 17, 0, tzinfo=VN_TZ)  # Thursday's office hours end
    assert service.due()
    result = service.run_if_due()
    assert result is not None and result.path.parent == service.folder
    assert service.run_if_due() is None
    clock.at = datetime(2026, 2, 13, 9, 0, tzinfo=VN_TZ)  # Friday morning: still Thursday's close
    assert not service.due()
    assert service.status().state == "ok"


def test_backup_is_encrypted_verified_and_holds_no_cccd_in_clear(configured: Desk, stick: Path) -> None:
    result = configured.backups.run()
    assert result.encrypted and result.path.suffix == ".mcbak"
    assert result.counts["dossiers"] == 1 and result.counts["outbox"] >= 1
    raw = result.path.read_bytes()
    assert CCCD not in raw and "Nguyễn Thị Đào".encode() not in raw
    assert result.path.stat().st_mode & 0o077 == 0
    # The passphrase, and only it, opens it: decrypted, it is a whole store with the dossier.
    out = stick / "clear.sqlite3"
    with open(out, "wb") as handle:
        crypto.decrypt_file(result.path, PASSPHRASE, handle)
    conn = sqlite3.connect(out)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM dossiers").fetchone()[0] == 1
    conn.close()
    with pytest.raises(crypto.WrongPassphrase):
        crypto.decrypt_file(result.path, "not-the-passphrase", None)


def test_a_tampered_or_cut_backup_is_refused(configured: Desk, stick: Path) -> None:
    path = configured.backups.run().path
    data = bytearray(path.read_bytes())
    cut = stick / "cut.mcbak"
    cut.write_bytes(bytes(data[: len(data) // 2]))
    with pytest.raises(crypto.NotABackup):
        crypto.decrypt_file(cut, PASSPHRASE, None)
    data[-40] ^= 1
    flipped = stick / "flipped.mcbak"
    flipped.write_bytes(bytes(data))
    with pytest.raises(crypto.NotABackup):
        crypto.decrypt_file(flipped, PASSPHRASE, None)


def test_a_stick_without_a_passphrase_is_refused_and_the_status_says_so(desk: Desk, admin, tmp_path: Path) -> None:
    desk.backups.set_folder(admin, tmp_path)
    desk.backups.run()  # the same disk as the store: a plain copy is allowed there
    assert desk.backups.status().state == "ok"
    gone = tmp_path / "usb"
    gone.mkdir()
    desk.backups.set_folder(admin, gone)
    gone.rmdir()
    assert desk.backups.status().state == "missing"
    with pytest.raises(BackupProblem):
        desk.backups.run()


def test_only_an_admin_sets_up_backups(desk: Desk, clerk, stick: Path) -> None:
    with pytest.raises(PermissionDenied):
        desk.backups.set_folder(clerk, stick)
    with pytest.raises(PermissionDenied):
        desk.backups.set_passphrase(clerk, PASSPHRASE)


def test_old_after_one_missed_working_day(configured: Desk, clock) -> None:
    configured.backups.run()  # Thursday 12/02 09:00
    clock.at = datetime(2026, 2, 13, 16, 0, tzinfo=VN_TZ)  # Friday: one working day later
    assert configured.backups.status().state == "ok"
    clock.at = datetime(2026, 2, 13, 17, 5, tzinfo=VN_TZ)
    configured.backups.run()
    # Tết 2026: the next working day after Friday 13 is Monday 23, so the backup is not old then.
    clock.at = datetime(2026, 2, 23, 10, 0, tzinfo=VN_TZ)
    assert configured.backups.status().state == "ok"
    clock.at = datetime(2026, 2, 24, 10, 0, tzinfo=VN_TZ)
    assert configured.backups.status().state == "old"


def test_rotation_over_a_year_of_working_days(configured: Desk, admin, clock, stick: Path) -> None:
    service = configured.backups
    configured.store.set_synchronous("OFF")  # 280 backups: the test checks rotation, not durability
    start = datetime(2026, 3, 2, 17, 5, tzinfo=VN_TZ)
    taken = []
    for day in range(400):
        clock.at = start + timedelta(days=day)
        if day % 50 == 0:
            configured.dossiers.receive(dossier_input(), admin)
        result = service.run_if_due()
        if result is not None:
            taken.append(result.taken_at)
    assert len(taken) > 250  # the working days of 400 calendar days
    kept = service.backups()
    stamps = [f.taken_at for f in kept]
    assert len(kept) <= rotation.DAILY + rotation.WEEKLY + rotation.MONTHLY
    assert stamps[:7] == sorted(taken, reverse=True)[:7]  # the last seven days
    assert len({(t.year, t.month) for t in stamps}) == 12  # one for each of the last 12 months
    assert len({t.isocalendar()[:2] for t in stamps}) >= 4
    assert not list(stick.glob("*.part"))
    newest = kept[0].path
    assert crypto.decrypt_file(newest, PASSPHRASE, None)


def test_rotation_rules_alone() -> None:
    base = datetime(2026, 1, 1, 17, 0, tzinfo=VN_TZ)
    files = [
        rotation.BackupFile(Path(f"f{i}"), base + timedelta(days=i, minutes=m), True)
        for i in range(100)
        for m in (0, 30)
    ]
    keep = rotation.to_keep(files)
    newest_days = {Path(f"f{i}") for i in range(93, 100)}
    assert newest_days <= keep
    assert len(keep) <= 23


def test_restore_stages_a_checked_copy_and_starts_a_new_history(configured: Desk, admin, tmp_path: Path) -> None:
    result = configured.backups.run()
    old_db_id = configured.store.db_id
    configured.dossiers.receive(dossier_input(), admin)  # after the backup: the restore goes back before it
    with pytest.raises(crypto.WrongPassphrase):
        configured.backups.stage_restore(admin, result.path, "wrong-passphrase!")
    pending = configured.backups.stage_restore(admin, result.path, PASSPHRASE)
    assert pending.exists()
    path = configured.path
    configured.close()
    with Desk.open(path) as restored:
        assert restored.store.one("SELECT COUNT(*) AS n FROM dossiers")["n"] == 1
        assert restored.store.db_id != old_db_id
        assert restored.store.database_ids()[-1]["reason"] == "copied or restored"
    assert not pending.exists()
    assert list(path.parent.glob(path.name + ".before-restore-*"))


def test_cli_sets_up_takes_and_restores_a_backup(desk: Desk, admin, stick: Path, monkeypatch, capsys) -> None:
    import io
    import sys

    from tests.conftest import ADMIN_PASSWORD
    from ui.main import main

    def run(*argv: str, stdin: str = "") -> tuple[int, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--db", str(desk.path), *argv])
        return code, capsys.readouterr().out.strip()

    desk.dossiers.receive(dossier_input(), admin)
    path = desk.path
    desk.close()
    assert run("backup", "--set-folder", str(stick), stdin="wrong\n")[0] == 1
    assert run("backup", "--set-folder", str(stick), "--set-passphrase", stdin=f"{ADMIN_PASSWORD}\n{PASSPHRASE}\n") == (
        0,
        str(stick.resolve()),
    )
    code, out = run("backup", "--auto")
    assert code == 0 and out.endswith(".mcbak") and Path(out).exists()
    assert run("backup", "--status")[1].startswith("ok\t")
    assert run("restore", out, stdin=f"{ADMIN_PASSWORD}\nwrong-passphrase\n")[0] == 1
    code, new_db_id = run("restore", out, stdin=f"{ADMIN_PASSWORD}\n{PASSPHRASE}\n")
    assert code == 0
    with Desk.open(path) as restored:
        assert restored.store.db_id == new_db_id
        assert restored.store.database_ids()[-1]["reason"] == "copied or restored"
