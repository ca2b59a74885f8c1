"""The strict text check guards every field a clerk types or a file imports, and the hub refuses the same.

Citizen reception (the 03/TCD register, sessions, dialogues, flags), feedback action notes, rating
comments, calendar notes and the catalogue import: a lone surrogate, a NUL, a control character or an
over-long text gets one sentence (Vietnamese, English), and nothing is written. At the hub, the checks
of those entities (app.sync.checks) refuse the same text in a change a desk pushes.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.core import textcheck
from app.core.errors import ValidationError
from app.desk import Desk
from app.sync import checks
from tests.app.cli.test_desk_commands import db, run  # noqa: F401  (db is a fixture)

BAD = {
    "lone surrogate": "Lê\ud800Văn",
    "NUL": "Lê\x00Văn",
    "terminal escape": "Lê\x1b[2JVăn",
    "over-long": "x" * 12_000,  # longer than every limit of MAX_LEN
}


def _one_sentence(err: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and 10 < len(lines[0]) < 300 and "Traceback" not in err, err


def _changes(path: str) -> tuple[int, int]:
    """What was written: the outbox, and the catalogue (which does not sync)."""
    with Desk.open(path) as desk:
        catalogue = desk.store.conn.execute("SELECT COUNT(*), MAX(updated_at) FROM procedures").fetchone()
        return desk.store.outbox_count(), hash(tuple(catalogue))


def _json(tmp_path: Path, data: Any) -> str:
    f = tmp_path / "input.json"
    f.write_text(json.dumps(data), encoding="utf-8")  # ASCII escapes: a lone surrogate survives as \\ud800
    return str(f)


def _add_reception(db: str, capsys, monkeypatch, **fields: Any) -> str:  # noqa: F811
    data = {"kind": "complaint", "person": {"name": "Trần Văn Bình"}, "content": "Tranh chấp ranh giới đất", **fields}
    code, out, err = run(
        capsys, "--db", db, "reception", "add", "--json", "-", stdin=json.dumps(data), monkeypatch=monkeypatch
    )
    assert code == 0, err
    return out.split("\t")[0]


def _session(db: str, capsys) -> str:  # noqa: F811
    code, out, err = run(
        capsys,
        "--db",
        db,
        "reception",
        "schedule",
        "--role",
        "chair",
        "--leader",
        "Nguyễn Văn Chủ",
        "--day",
        "2026-02-12",
    )
    assert code == 0, err
    return out.split("\t")[0]


CLI_CASES: dict[str, Callable[..., list[str]]] = {
    "reception register: notes": lambda path, tmp, bad, **_: [
        "reception",
        "add",
        "--json",
        _json(tmp, {"kind": "complaint", "person": {"name": "Trần Văn Bình"}, "content": "Đất", "notes": bad}),
    ],
    "reception register: refusal detail": lambda path, tmp, bad, number, **_: [
        "reception",
        "act",
        number,
        "refuse",
        "--ground",
        "other",
        "--text",
        bad,
    ],
    "leader's session: who received": lambda path, tmp, bad, session, **_: [
        "reception",
        "session",
        session,
        "hold",
        "--json",
        _json(tmp, {"received_by": ["Lê Thị Hoa", bad], "raised": "Đường ngập"}),
    ],
    "dialogue: attendees": lambda path, tmp, bad, **_: [
        "reception",
        "dialogue",
        "--json",
        _json(tmp, _dialogue(attendees=["Lê Thị Hoa", bad])),
    ],
    "dialogue: secretary": lambda path, tmp, bad, **_: [
        "reception",
        "dialogue",
        "--json",
        _json(tmp, _dialogue(secretary=bad)),
    ],
    "disclosure: title": lambda path, tmp, bad, **_: ["reception", "disclose", "post", "--title", bad, "--body", "x"],
    "feedback: reason to close": lambda path, tmp, bad, feedback, **_: [
        "feedback",
        "act",
        feedback,
        "close",
        "--text",
        bad,
    ],
    "calendar: note": lambda path, tmp, bad, **_: ["calendar", "off", "2026-02-16", "--note", bad],
    "catalogue import: CSV": lambda path, tmp, bad, **_: ["catalogue", "import", _catalogue(tmp, bad, "csv")],
    "catalogue import: XLSX": lambda path, tmp, bad, **_: ["catalogue", "import", _catalogue(tmp, bad, "xlsx")],
}


def _dialogue(**fields: Any) -> dict[str, Any]:
    return {
        "kind": "annual",
        "subject": "Đối thoại về giải phóng mặt bằng",
        "held_at": "2026-02-11T14:00:00+07:00",
        "place": "Hội trường UBND xã",
        "chair": "Nguyễn Văn Chủ",
        "issues": [{"raised_by": "Ông Tư", "issue": "Giá đền bù", "answer": "Sẽ trả lời bằng văn bản"}],
        **fields,
    }


def _catalogue(tmp: Path, bad: str, kind: str) -> str:
    rows = [("code", "name", "legal_time", "fee"), ("1.001", "Đăng ký khai sinh", "0", bad)]
    if kind == "csv":
        f = tmp / "catalogue.csv"
        # A lone surrogate cannot be written as UTF-8: the file carries the bytes a broken editor would.
        text = "\n".join(",".join(r) for r in rows)
        f.write_bytes(text.encode("utf-8", "surrogatepass"))
        return str(f)
    import openpyxl
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = openpyxl.Workbook()
    for row in rows[:1]:
        book.active.append(row)
    try:
        book.active.append(rows[1])
    except IllegalCharacterError:  # openpyxl cannot write it: a right-to-left override stands in
        book.active.append((*rows[1][:3], "Lê\u202eVăn"))
    f = tmp / "catalogue.xlsx"
    book.save(f)
    return str(f)


@pytest.fixture
def refs(db: str, capsys, monkeypatch) -> dict[str, str]:  # noqa: F811
    number = _add_reception(db, capsys, monkeypatch)
    session = _session(db, capsys)
    data = {"kind": "feedback", "person": {"name": "Lê Thị Ý"}, "content": "Hỏi về thủ tục"}
    code, out, err = run(
        capsys, "--db", db, "feedback", "add", "--json", "-", stdin=json.dumps(data), monkeypatch=monkeypatch
    )
    assert code == 0, err
    return {"number": number, "session": session, "feedback": out.split("\t")[0]}


@pytest.mark.parametrize("bad", list(BAD), ids=list(BAD))
@pytest.mark.parametrize("case", list(CLI_CASES), ids=list(CLI_CASES))
def test_the_clerks_typing_gets_one_sentence_and_nothing_is_written(
    db: str,  # noqa: F811
    refs: dict[str, str],
    tmp_path: Path,
    capsys,
    case: str,
    bad: str,
) -> None:
    argv = CLI_CASES[case](db, tmp_path, BAD[bad], **refs)
    before = _changes(db)
    for lang in ("vi", "en"):
        code, out, err = run(capsys, "--db", db, "--lang", lang, *argv)
        assert code != 0 and out == "", (case, bad, out)
        _one_sentence(err)
    assert _changes(db) == before


def test_services_refuse_bad_flag_notes_action_notes_and_rating_comments(desk: Desk, clerk) -> None:
    entry = desk.citizens.register.receive(
        {"kind": "complaint", "person": {"name": "Trần Văn Bình"}, "content": "Tranh chấp"}, clerk
    )
    fb = desk.feedback.add({"kind": "feedback", "person": {"name": "Lê Thị Ý"}, "content": "Hỏi"}, clerk)
    attempts = {
        "flag note": lambda bad: desk.citizens.flags.set("reception", entry.id, "land", clerk, note=bad),
        "forwarding note": lambda bad: desk.feedback.forward(fb.id, clerk, "UBND huyện", note=bad),
        "rating comment": lambda bad: desk.ratings.rate(4, comment=bad),
        "calendar note": lambda bad: desk.set_calendar_override(date(2026, 2, 16), "off", bad),
        "leader's session conclusion": lambda bad: desk.citizens.follow_ups.add(
            "session", "x", bad, "Cán bộ địa chính", 5, clerk
        ),
    }
    before = desk.store.outbox_count()
    for name, attempt in attempts.items():
        for bad in BAD.values():
            with pytest.raises(ValidationError) as caught:
                attempt(bad)
            _one_sentence(caught.value.vi)
            _one_sentence(caught.value.en)
            assert caught.value.vi != caught.value.en, name
    assert desk.store.outbox_count() == before


# What a desk would push for each kind, with the field a forged or broken desk fills with bad text.
HUB_FIELDS = {
    "reception_entry": ("notes", None),
    "reception_session": ("received_by", "json"),
    "dialogue": ("attendees", "json"),
    "follow_up": ("task", None),
    "entry_flag": ("note", None),
    "feedback_event": ("data", "note"),
    "rating": ("comment", None),
    "calendar_day": ("note", None),
}


def _pushed(desk: Desk, clerk) -> dict[str, dict[str, Any]]:
    entry = desk.citizens.register.receive(
        {"kind": "complaint", "person": {"name": "Trần Văn Bình"}, "content": "Tranh chấp"}, clerk
    )
    desk.citizens.flags.set("reception", entry.id, "land", clerk, note="Đất ruộng")
    session = desk.citizens.sessions.schedule(
        clerk, leader_role="chair", leader_name="Nguyễn Văn Chủ", day=date(2026, 2, 12)
    )
    desk.citizens.sessions.hold(session["id"], clerk, received_by=["Lê Thị Hoa"], raised="Đường ngập")
    desk.citizens.dialogues.hold(
        clerk, held_at=desk.clock.now().replace(hour=8), **{k: v for k, v in _dialogue().items() if k != "held_at"}
    )
    desk.citizens.follow_ups.add("session", session["id"], "Khảo sát", "Cán bộ địa chính", 5, clerk)
    fb = desk.feedback.add({"kind": "feedback", "person": {"name": "Lê Thị Ý"}, "content": "Hỏi"}, clerk)
    desk.feedback.forward(fb.id, clerk, "UBND huyện", note="Chuyển theo thẩm quyền")
    desk.ratings.rate(4, comment="Cán bộ nhiệt tình")
    desk.set_calendar_override(date(2026, 2, 16), "off", "Bão: trụ sở đóng cửa")
    latest: dict[str, dict[str, Any]] = {}
    for row in desk.store.outbox(limit=10_000):
        latest[row["entity"]] = row
    return latest


def test_the_hub_refuses_the_same_bad_text(desk: Desk, clerk) -> None:
    latest = _pushed(desk, clerk)
    for entity, (field, inner) in HUB_FIELDS.items():
        row = latest[entity]
        payload = row["payload"] if isinstance(row["payload"], dict) else json.loads(row["payload"])
        checks.check_change(entity, row["entity_id"], row["op"], payload, row["created_at"])  # as the desk wrote it
        for name, bad in BAD.items():
            forged = copy.deepcopy(payload)
            if inner == "json":
                forged[field] = json.dumps([bad])  # escaped inside the JSON text: plain on the wire
            elif inner is not None:
                forged[field] = dict(forged[field], **{inner: bad})
            else:
                forged[field] = bad
            if name == "over-long":
                limit = textcheck.MAX_LEN[entity].get(inner if inner and inner != "json" else field)
                assert limit is not None and len(bad) > limit
            with pytest.raises(ValidationError):
                checks.check_change(entity, row["entity_id"], row["op"], forged, row["created_at"])
