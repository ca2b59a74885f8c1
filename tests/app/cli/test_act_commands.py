"""``motcua act`` and the print guard through the real command line (the real clock: dates are derived)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from app.core.clock import parse_iso
from app.desk import Desk
from tests.conftest import dossier_input


def motcua(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=Path(__file__).resolve().parents[3],
    )


def test_every_action_from_the_command_line(desk: Desk, admin, tmp_path: Path) -> None:
    db = str(desk.store.path)
    code = desk.dossiers.receive(dossier_input(), admin).code
    steps = [
        ("forward", [], "processing"),
        ("supplement", ["--reason", "Thiếu bản sao CCCD."], "waiting_supplement"),
        ("supplement-received", [], "processing"),
        ("done", [], "done"),
        ("return", [], "returned"),
    ]
    for action, extra, status in steps:
        done = motcua("act", code, action, *extra, "--db", db)
        assert (done.returncode, done.stdout.strip(), done.stderr) == (0, status, "")
    # Refused when the status does not allow it: one sentence, exit 1.
    late = motcua("act", code, "refuse", "--reason", "Quá muộn.", "--db", db)
    assert late.returncode == 1 and late.stderr.count("\n") == 1 and "không thể «Từ chối»" in late.stderr
    # The print guard: no refusal on record, no refusal notice.
    out = tmp_path / "03.pdf"
    refused = motcua("print", "refusal", code, "--out", str(out), "--db", db, "--reason", "x")
    assert refused.returncode == 1 and not out.exists()
    assert refused.stderr == f"Hồ sơ {code} chưa bị từ chối nên không in được phiếu từ chối.\n"
    english = motcua("--lang", "en", "print", "stop", code, "--out", str(out), "--db", db)
    assert (
        english.stderr == f"Dossier {code} has no stop or withdrawal on record, so a stop notice cannot be printed.\n"
    )
    assert motcua("print", "tracking", code, "--out", str(out), "--db", db).returncode == 0

    for action, status in (("withdraw", "withdrawn"), ("stop", "stopped"), ("refuse", "refused")):
        other = desk.dossiers.receive(dossier_input(), admin).code
        assert motcua("act", other, action, "--db", db).returncode == 1  # a reason is required
        done = motcua("act", other, action, "--reason", "Lý do.", "--db", db)
        assert (done.returncode, done.stdout.strip()) == (0, status)
        form = {"withdraw": "stop", "stop": "stop", "refuse": "refusal"}[action]
        printed = motcua("print", form, other, "--out", str(tmp_path / f"{action}.pdf"), "--db", db)
        assert printed.returncode == 0, printed.stderr


def test_apology_from_the_command_line_proposes_a_working_day_and_moves_once(desk: Desk, tmp_path: Path) -> None:
    db = str(desk.store.path)
    # Received now (the real clock), so the apology is in time.
    code = motcua("receive", "--json", "-", "--db", db, stdin=json.dumps(dossier_input())).stdout.strip()
    saturday = motcua("act", code, "apology", "--reason", "Cần xác minh.", "--new-due", "2099-01-03 09:00", "--db", db)
    assert saturday.returncode == 1
    assert "Thứ Bảy, 09:00 ngày 03/01/2099 không phải giờ làm việc" in saturday.stderr
    done = motcua("act", code, "apology", "--reason", "Cần xác minh.", "--db", db)
    assert done.returncode == 0, done.stderr
    first, status = done.stdout.strip().splitlines()
    assert status == desk.dossiers.get(code).status and first.startswith("Hẹn trả mới: Thứ ")
    moved = desk.dossiers.get(code)
    assert desk.calendar.is_office_time(moved.due_at)
    assert moved.due_at == desk.calendar.working_days_after(parse_iso(moved.events[-1].data["old_due"]), 3)
    again = motcua("act", code, "apology", "--reason", "Lần nữa.", "--db", db)
    assert again.returncode == 1
    assert again.stderr == "Hồ sơ này đã được hẹn lại một lần; theo quy định chỉ được hẹn lại một lần.\n"
