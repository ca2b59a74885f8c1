from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from db.dossier_store import DossierStore
from tests.conftest import dossier_input
from ui.main import main

ROOT = Path(__file__).resolve().parents[3]
INIT = [
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
    "--password",
    "mat-khau-123",
]


def run(
    capsys: pytest.CaptureFixture[str],
    *argv: str,
    stdin: str | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> tuple[int, str, str]:
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(tmp_path: Path, capsys) -> str:
    path = str(tmp_path / "cli.sqlite3")
    code, out, _ = run(capsys, "--db", path, *INIT)
    assert code == 0 and len(out.strip()) == 36  # the desk id, a UUID
    return path


def test_receive_from_file_and_stdin_then_search(db: str, tmp_path: Path, capsys, monkeypatch) -> None:
    data = dossier_input(received_at="2026-02-12T10:00:00+07:00")
    f = tmp_path / "d.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "receive", "--json", str(f), "--db", db)
    assert code == 0 and out.strip().splitlines()[-1] == "87001-260212-1001"
    code, out, _ = run(capsys, "--db", db, "receive", "--json", "-", stdin=json.dumps(data), monkeypatch=monkeypatch)
    assert out.strip().splitlines()[-1] == "87001-260212-1002"
    code, out, _ = run(capsys, "--db", db, "search", "nguyen thi dao")
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].split("\t") == [
        "87001-260212-1002",
        "Nguyễn Thị Đào",
        "Đăng ký giám hộ",
        "Mới tiếp nhận",
        "2026-02-24T10:00:00+07:00",
    ]
    code, out, _ = run(capsys, "--db", db, "search", "dao", "--json", "--limit", "1")
    assert [d["code"] for d in json.loads(out)] == ["87001-260212-1002"]


def test_refused_input_exits_1_with_one_vietnamese_sentence(db: str, tmp_path: Path, capsys) -> None:
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(dossier_input(applicant={"full_name": "Lê A", "cccd": "123"})), encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "receive", "--json", str(f))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "CCCD" in err and "12" in err
    code, _, err = run(capsys, "--db", db, "--lang", "en", "receive", "--json", str(f))
    assert code == 1 and "CCCD" in err and "digits" in err


def test_misuse_exits_2(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["receive"])
    assert info.value.code == 2
    assert "Lệnh dùng sai" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--days", "3", "--received", "2025-04-22 10:00"], "2025-04-25T10:00:00+07:00"),
        (["--days", "2", "--received", "2025-06-02 15:20"], "2025-06-05T07:30:00+07:00"),
        (["--days", "0", "--received", "2025-06-04 14:59"], "2025-06-04T17:00:00+07:00"),
        (["--days", "0", "--received", "2025-06-04 15:00"], "2025-06-05T17:00:00+07:00"),
        (["--days", "0", "--half-day", "--received", "2025-06-04 09:00"], "2025-06-04T17:00:00+07:00"),
        (["--days", "0", "--half-day", "--received", "2025-06-04 13:45"], "2025-06-05T11:30:00+07:00"),
        (["--days", "3", "--received", "2026-02-12 09:00"], "2026-02-24T09:00:00+07:00"),
    ],
)
def test_due(capsys, argv, expected) -> None:
    code, out, _ = run(capsys, "due", *argv)
    assert (code, out.strip()) == (0, expected)


def test_due_by_procedure_uses_the_store(db: str, capsys) -> None:
    code, out, _ = run(capsys, "--db", db, "due", "--procedure", "CT03", "--received", "2025-04-25 10:00")
    # Fri 25/4 + 2 working days: Sat 26/4 is the swapped working Saturday, then Mon 28/4.
    assert (code, out.strip()) == (0, "2025-04-28T10:00:00+07:00")


def test_catalogue_list_and_import(db: str, tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "--db", db, "catalogue", "list", "--json")
    assert code == 0 and {"HT01", "CT03"} <= {p["code"] for p in json.loads(out)}
    f = tmp_path / "c.csv"
    f.write_text("code,name,legal_time\nA1,Thủ tục thử,3\n", encoding="utf-8")
    code, out, _ = run(capsys, "--db", db, "catalogue", "import", str(f))
    assert (code, out.strip()) == (0, "1")
    code, out, _ = run(capsys, "catalogue", "list", "--db", db)
    assert out == "A1\tThủ tục thử\t3 ngày làm việc\t\n"


def test_demo_initialises_a_new_store_and_loads(tmp_path: Path, capsys) -> None:
    path = str(tmp_path / "demo.sqlite3")
    code, out, _ = run(capsys, "--db", path, "demo", "--dossiers", "300", "--seed", "7")
    assert (code, out.strip()) == (0, "300")
    from app.desk import Desk

    with Desk.open(path) as desk:
        statuses = DossierStore(desk.store).status_counts()
        assert sum(statuses.values()) == 300
        assert statuses.get("returned", 0) > 200
        assert desk.store.outbox_count() >= 600  # every dossier and event went through the outbox
        names = [d.applicant_name for d in desk.dossiers.search("nguyen", limit=5)]
        assert names and all(n.startswith("Nguyễn") for n in names)


def test_the_installed_entry_point_runs(tmp_path: Path) -> None:
    env = {**__import__("os").environ, "MOTCUA_DB": str(tmp_path / "e.sqlite3")}
    out = subprocess.run(
        [sys.executable, "-m", "ui.main", *INIT], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "e.sqlite3").exists()


def test_calendar_overrides_are_kept_in_the_store_and_move_due_dates(db: str, capsys) -> None:
    received = ["due", "--procedure", "CT03", "--received", "2026-03-02 10:00", "--db", db]
    assert run(capsys, *received)[1].strip() == "2026-03-04T10:00:00+07:00"
    assert run(capsys, "--db", db, "calendar", "off", "2026-03-03", "--note", "Bầu cử")[0] == 0
    assert run(capsys, *received)[1].strip() == "2026-03-05T10:00:00+07:00"
    assert run(capsys, "--db", db, "calendar", "work", "2026-03-07")[0] == 0  # a Saturday worked
    assert run(capsys, *received)[1].strip() == "2026-03-05T10:00:00+07:00"
    assert (
        run(capsys, "--db", db, "due", "--procedure", "CT03", "--received", "2026-03-05 10:00")[1].strip()
        == "2026-03-07T10:00:00+07:00"
    )  # Fri 6, then Sat 7, which is worked
    code, out, _ = run(capsys, "--db", db, "calendar", "list", "--year", "2026")
    assert "2026-03-03\toff\tlocal\tBầu cử" in out and "2026-02-17\tholiday" in out
    run(capsys, "--db", db, "calendar", "remove", "2026-03-03")
    assert run(capsys, *received)[1].strip() == "2026-03-04T10:00:00+07:00"
    code, _, err = run(capsys, "--db", db, "calendar", "off", "2026-02-30")
    assert code == 1 and err.strip()


def test_backup_is_a_consistent_copy_and_restores_as_a_new_history(db: str, tmp_path: Path, capsys) -> None:
    from app.desk import Desk

    target = tmp_path / "backup.sqlite3"
    code, out, _ = run(capsys, "--db", db, "backup", str(target))
    assert (code, out.strip()) == (0, str(target))
    with Desk.open(db) as live, Desk.open(target) as copy:
        assert DossierStore(copy.store).count_dossiers() == DossierStore(live.store).count_dossiers()
        assert copy.store.db_id != live.store.db_id
    assert run(capsys, "--db", db, "backup", str(target))[0] == 1  # never overwrites


def test_maintain_merges_the_index_and_checks_the_file(db: str, capsys) -> None:
    assert run(capsys, "--db", db, "maintain") == (0, "ok\n", "")
