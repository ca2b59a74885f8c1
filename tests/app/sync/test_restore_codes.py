"""Finding 7: a restored store never reissues a code, and ``sync`` counts only what was new."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.core.clock import FixedClock
from app.desk import Desk
from app.reception.service import LOST_MARKS_MARGIN
from tests.app.sync.helpers import enrolled_desk, hub_counts, receive
from tests.app.sync.hub import Hub


def _codes_on_hub(hub: Hub) -> dict[str, int]:
    store = hub.store()
    try:
        rows = store.backend.all("SELECT code, COUNT(*) AS n FROM dossiers GROUP BY code")
        return {r["code"]: r["n"] for r in rows}
    finally:
        store.close()


def _lose_the_disk(desk: Desk, backup: Path) -> Path:
    """The store comes back from yesterday's backup, copied over the live file."""
    path = desk.store.path
    desk.close()
    shutil.copy(backup, path)
    return path


def test_a_backup_restored_on_the_same_pc_receiving_before_any_sync_never_reissues_a_code(
    hub: Hub, tmp_path: Path, clock: FixedClock
) -> None:
    desk = enrolled_desk(tmp_path, clock, hub)
    first = receive(desk, 3)
    backup = tmp_path / "backup.sqlite3"
    desk.store.backup_to(backup)  # taken before any sync: its acknowledgements lag behind the hub
    later = receive(desk, 3)
    assert desk.sync.run_once().complete
    path = _lose_the_disk(desk, backup)
    restored = Desk.open(path, FixedClock(clock.at))
    again = receive(restored, 3)  # before any sync
    assert restored.dossiers.notice is None  # the marks were here: no margin, nothing to say
    assert again == ["87001-260212-1007", "87001-260212-1008", "87001-260212-1009"]
    assert not set(again) & set(first + later)
    report = restored.sync.run_once()
    # Only the three new dossiers and their reception events were new to the hub.
    assert (report.complete, report.sent, report.received) == (True, 6, 6)
    codes = _codes_on_hub(hub)
    assert len(codes) == 9 and set(codes.values()) == {1}
    counts = hub_counts(hub)
    assert counts["changes"] == counts["distinct"] == 18
    restored.close()


def test_sync_counts_only_what_the_hub_did_not_have(hub: Hub, tmp_path: Path, clock: FixedClock, capsys) -> None:
    from ui.main import main

    desk = enrolled_desk(tmp_path, clock, hub)
    receive(desk, 20)
    backup = tmp_path / "backup.sqlite3"
    desk.store.backup_to(backup)
    assert desk.sync.run_once().sent == 40
    path = _lose_the_disk(desk, backup)
    with Desk.open(path, FixedClock(clock.at)) as restored:
        receive(restored, 3)
    # The restored store resends its 40 (its acknowledgements lag behind): the hub already had them.
    assert main(["--db", str(path), "sync"]) == 0
    assert capsys.readouterr().out == "đã gửi 6, đã nhận 0, bị từ chối 0, còn chờ 0\n"


def _restored_on_a_new_pc(hub: Hub, tmp_path: Path, clock: FixedClock, monkeypatch) -> tuple[Path, list[str]]:
    desk = enrolled_desk(tmp_path, clock, hub)
    receive(desk, 3)
    backup = tmp_path / "backup.sqlite3"
    desk.store.backup_to(backup)
    later = receive(desk, 3)
    assert desk.sync.run_once().complete
    desk.close()
    monkeypatch.setenv("MOTCUA_CONFIG_DIR", str(tmp_path / "other-pc"))
    target = tmp_path / "new-pc" / "motcua.sqlite3"
    target.parent.mkdir()
    shutil.copy(backup, target)
    return target, later


def test_a_new_pc_online_learns_the_floor_from_the_hub(
    hub: Hub, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, later = _restored_on_a_new_pc(hub, tmp_path, clock, monkeypatch)
    with Desk.open(path, FixedClock(clock.at)) as restored:
        assert restored.sync.run_once().complete
        [code] = receive(restored, 1)
        assert (code, restored.dossiers.notice) == ("87001-260212-1007", None)
        assert code not in later


def test_a_new_pc_offline_jumps_past_a_margin_and_says_so(
    hub: Hub, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = _restored_on_a_new_pc(hub, tmp_path, clock, monkeypatch)
    hub.stop()
    with Desk.open(path, FixedClock(clock.at)) as restored:
        assert not restored.sync.run_once().complete
        [code] = receive(restored, 1)
        assert code == f"87001-260212-{1003 + LOST_MARKS_MARGIN + 1:04d}"
        vi, en = restored.dossiers.notice
        assert en.startswith("This PC has lost its record of issued numbers") and en.count(". ") == 0
        assert vi.endswith("để không trùng số đã cấp.")
        [following] = receive(restored, 1)
        assert following == f"87001-260212-{1003 + LOST_MARKS_MARGIN + 2:04d}"
        assert restored.dossiers.notice is None
        # Another day, after the loss was found: nothing was issued then, no margin.
        restored.clock.advance(days=1)
        [tomorrow] = receive(restored, 1)
        assert tomorrow == "87001-260213-1001"


def test_the_command_line_says_why_the_number_jumped(
    hub: Hub, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import json

    from tests.conftest import dossier_input
    from ui.main import main

    path, _ = _restored_on_a_new_pc(hub, tmp_path, clock, monkeypatch)
    hub.stop()
    data = tmp_path / "d.json"
    data.write_text(json.dumps(dossier_input(received_at="2026-02-12T10:00:00+07:00")), encoding="utf-8")
    assert main(["--db", str(path), "receive", "--json", str(data), "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == f"87001-260212-{1003 + LOST_MARKS_MARGIN + 1:04d}"
    assert err == (
        "This PC has lost its record of issued numbers and has not synced with the province yet, so numbering"
        " for 2026-02-12 jumps to 1204 to avoid reusing a code.\n"
    )


def test_the_mark_is_written_before_the_code_is_issued(desk: Desk, admin) -> None:
    from tests.conftest import dossier_input

    code = desk.dossiers.receive(dossier_input(), admin).code
    assert desk.marks.high(desk.identity.desk_id, "87001-260212-1") == int(code[-4:])


def test_a_desk_upgraded_from_before_the_marks_numbers_on_without_a_jump(
    tmp_path: Path, clock: FixedClock, desk: Desk, admin
) -> None:
    from tests.conftest import dossier_input

    desk.dossiers.receive(dossier_input(), admin)
    path = desk.store.path
    desk.close()
    (path.parent / "home" / "config" / "codes.sqlite3").unlink()  # as before this version
    with Desk.open(path, FixedClock(clock.at)) as upgraded:
        code = upgraded.dossiers.receive(dossier_input(), upgraded.clerk()).code
        assert (code, upgraded.dossiers.notice) == ("87001-260212-1002", None)
