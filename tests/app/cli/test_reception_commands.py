"""``motcua reception``: a group of citizens, a refusal, a complaint opened, a session concluded, papers, figures."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.app.cli.test_desk_commands import db, run  # noqa: F401  (the initialised store fixture)

PEOPLE = {
    "kind": "complaint",
    "content": "Khiếu nại thu hồi đất làm đường",
    "people": [
        {"name": "Nguyễn Văn An", "address": "Ấp 1", "cccd": "087086001234"},
        {"name": "Lê Thị Bình", "address": "Ấp 1"},
    ],
}


def test_the_week_from_the_command_line(db: str, tmp_path: Path, capsys, monkeypatch) -> None:  # noqa: F811
    code, out, _ = run(
        capsys, "--db", db, "reception", "add", "--json", "-", stdin=json.dumps(PEOPLE), monkeypatch=monkeypatch
    )
    first, second = (line.split("\t")[0] for line in out.splitlines())
    assert code == 0 and first.startswith("TD-") and second != first

    code, out, _ = run(capsys, "--db", db, "reception", "act", first, "refuse", "--ground", "disruptive")
    assert code == 0 and out.split("\t")[1].strip() == "refused"
    code, out, _ = run(capsys, "--db", db, "reception", "act", second, "open")
    assert code == 0 and "KN-" in out
    code, _, err = run(capsys, "--db", db, "reception", "act", first, "open")
    assert code == 1 and "không thể" in err  # a refused reception opens nothing

    secret = {"kind": "denunciation", "content": "Tố cáo", "person": {"name": "Võ Thị Kín", "cccd": "087186009999"}}
    run(capsys, "--db", db, "reception", "add", "--json", "-", stdin=json.dumps(secret), monkeypatch=monkeypatch)
    code, out, _ = run(capsys, "--db", db, "reception", "list", "--from", "2026-01-01", "--to", "2027-12-31", "--json")
    rows = json.loads(out)
    assert [len(r["columns"]) for r in rows] == [13, 13, 13]
    assert "Võ Thị Kín" not in out and "087186009999" not in out and rows[2]["columns"][3] == "***"
    code, out, _ = run(capsys, "--db", db, "reception", "flag", second, "land")
    assert code == 0 and out.strip() == "land"

    code, out, _ = run(
        capsys, "--db", db, "reception", "schedule", "--role", "chair", "--leader", "Đỗ Văn Lãnh", "--day", "2026-12-03"
    )
    session = out.strip()
    hold = {"received_by": ["Đỗ Văn Lãnh"], "raised": "Bồi thường đất"}
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "reception",
        "session",
        session,
        "hold",
        "--json",
        "-",
        stdin=json.dumps(hold),
        monkeypatch=monkeypatch,
    )
    assert code == 0 and "\theld\t" in out
    conclude = {
        "conclusion": "Kiểm đếm lại",
        "signer": "Đỗ Văn Lãnh",
        "follow_ups": [{"task": "Kiểm đếm", "owner": "Địa chính", "days": 3}],
    }
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "reception",
        "session",
        session,
        "conclude",
        "--json",
        "-",
        stdin=json.dumps(conclude),
        monkeypatch=monkeypatch,
    )
    assert code == 0 and out.strip().endswith("01/TB-UBND-Q1")
    code, _, err = run(
        capsys,
        "--db",
        db,
        "reception",
        "session",
        session,
        "hold",
        "--json",
        "-",
        stdin='{"oops": 1}',
        monkeypatch=monkeypatch,
    )
    assert code == 1 and "oops" in err

    for paper, ref, extra in (
        ("register", "", ["--from", "2026-01-01", "--to", "2027-12-31"]),
        ("refusal", first, ["--signer", "Đỗ Văn Lãnh"]),
        ("conclusion", session, []),
    ):
        out_file = tmp_path / f"{paper}.pdf"
        code, out, err = run(
            capsys, "--db", db, "reception", "print", paper, *([ref] if ref else []), *extra, "--out", str(out_file)
        )
        assert code == 0, err
        text = subprocess.run(["pdftotext", str(out_file), "-"], capture_output=True, text=True, check=True).stdout
        assert "Võ Thị Kín" not in text

    code, out, _ = run(capsys, "--db", db, "reception", "disclose", "procedures")
    assert code == 0 and int(out) >= 10
    code, out, _ = run(capsys, "--db", db, "reception", "figures", "--from", "2026-01-01", "--to", "2027-12-31")
    counts = json.loads(out)
    assert (counts["reception_entries"], counts["reception_refused"], counts["reception_opened"]) == (3, 1, 1)
    assert (
        counts["conclusion_notices"] == 1
        and counts["flag_land"] == 1
        and all(isinstance(v, int) for v in counts.values())
    )
