"""Backups in the window: the admin sets the folder and passphrase, a backup runs in its thread while a
dossier is received, the end-of-day one starts by itself, the status bar warns, and a restore."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from app.backup import crypto
from app.core.worktime import VN_TZ
from app.desk import Desk
from tests.conftest import dossier_input

PASSPHRASE = "cau-mat-khau-sao-luu"


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def _dialog(window):
    action = window.findChild(type(window.menuBar().actions()[0]), "backupAction")
    assert action is not None and action.text()
    return window.backups.open_dialog(window)


def test_admin_sets_up_backups_and_one_runs_while_the_clerk_works(signed_in, qtbot, stick: Path) -> None:
    window = signed_in
    label = window.backups.label
    assert label.text() == "Sao lưu: chưa chọn thư mục" and label.property("level") == "warn"
    dialog = _dialog(window)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(stick))
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText("something else")
    assert not dialog.save()
    dialog.repeat.setText(PASSPHRASE)
    assert dialog.save()
    assert label.text() == "Sao lưu: chưa lần nào"
    with qtbot.waitSignal(window.backups.finished, timeout=60_000) as finished:
        assert dialog.back_up_now()
        assert label.text() == "Sao lưu: đang sao lưu…"
        code = window.desk.dossiers.receive(dossier_input(), window.clerk).code  # the clerk keeps working
    result, error = finished.args
    assert error is None and result.encrypted and result.path.exists()
    assert crypto.decrypt_file(result.path, PASSPHRASE, None)
    assert b"087186001234" not in result.path.read_bytes()
    assert label.text() == "Sao lưu: lần cuối 09:00" and label.property("level") == "ok"
    assert dialog.message.text().startswith("Đã sao lưu vào") and code


def test_closing_the_window_takes_one_more_backup(signed_in, qtbot, stick: Path) -> None:
    window, desk = signed_in, signed_in.desk
    desk.backups.set_folder(window.clerk, stick)
    assert desk.backups.backups() == []
    window.close()
    assert len(desk.backups.backups()) == 1 and not window.backups.running


def test_end_of_day_backup_starts_by_itself_and_the_bar_warns(signed_in, qtbot, stick: Path, clock) -> None:
    window, desk = signed_in, signed_in.desk
    desk.backups.set_folder(window.clerk, stick)  # the same disk: a plain copy is allowed
    clock.at = datetime(2026, 2, 11, 17, 5, tzinfo=VN_TZ)  # yesterday's close
    with qtbot.waitSignal(window.backups.finished, timeout=60_000):
        window.backups.check()
    clock.at = datetime(2026, 2, 12, 16, 0, tzinfo=VN_TZ)
    window.backups.check()
    assert not window.backups.running  # nothing due before today's close
    assert window.backups.label.text() == "Sao lưu: lần cuối 17:05 11/02/2026"
    clock.at = datetime(2026, 2, 12, 17, 0, tzinfo=VN_TZ)
    with qtbot.waitSignal(window.backups.finished, timeout=60_000) as finished:
        window.backups.check()
    assert finished.args[0] is not None and len(desk.backups.backups()) == 2
    clock.at = datetime(2026, 2, 24, 10, 0, tzinfo=VN_TZ)  # after Tết, Monday 23 missed
    window.backups.timer.stop()
    window.backups.show_status()
    assert "đã cũ" in window.backups.label.text() and window.backups.label.property("level") == "bad"
    stick.rename(stick.with_name("unplugged"))
    window.backups.show_status()
    assert window.backups.label.text() == f"Sao lưu: không thấy thư mục {stick.resolve()}"


def test_a_clerk_has_no_backup_dialog(window, qtbot, clerk) -> None:
    window.lock_page.username.setText("nhanvien")
    window.lock_page.password.setText("mat-khau-123")
    window.lock_page.submit()
    assert window.backups.open_dialog(window) is None


def test_admin_restores_a_backup_from_the_window(signed_in, qtbot, stick: Path, monkeypatch) -> None:
    from ui.backup_dialog import RestorePrompts

    window, desk = signed_in, signed_in.desk
    desk.dossiers.receive(dossier_input(), window.clerk)
    desk.backups.set_passphrase(window.clerk, PASSPHRASE)
    desk.backups.set_folder(window.clerk, stick)
    backup = desk.backups.run().path
    desk.dossiers.receive(dossier_input(), window.clerk)  # after the backup
    old_db_id = desk.store.db_id
    dialog = _dialog(window)
    qtbot.addWidget(dialog)
    asked: list[str] = []
    monkeypatch.setattr(RestorePrompts, "backup_file", classmethod(lambda cls, parent, folder: str(backup)))
    monkeypatch.setattr(RestorePrompts, "passphrase", classmethod(lambda cls, parent: "wrong-passphrase"))
    monkeypatch.setattr(RestorePrompts, "confirm", classmethod(lambda cls, parent, name: asked.append(name) or True))
    assert not dialog.restore()
    assert "Mật khẩu sao lưu không đúng" in dialog.message.text() and window.isVisible()
    monkeypatch.setattr(RestorePrompts, "passphrase", classmethod(lambda cls, parent: PASSPHRASE))
    assert dialog.restore()
    assert asked == [backup.name, backup.name]
    qtbot.waitUntil(lambda: not window.isVisible())
    assert len(desk.backups.backups()) == 1  # no exit backup over what the restore replaces
    path = desk.path
    desk.close()
    with Desk.open(path) as restored:  # the program opened again
        assert restored.store.one("SELECT COUNT(*) AS n FROM dossiers")["n"] == 1
        assert restored.store.db_id != old_db_id
