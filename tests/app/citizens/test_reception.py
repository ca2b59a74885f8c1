"""The 03/TCD register, a leader's session with three citizens on one matter, conclusions, dialogues, flags."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.citizens import figures
from app.citizens.records import REGISTER_COLUMNS
from app.core.errors import InvalidTransition, PermissionDenied, ValidationError
from app.core.worktime import VN_TZ
from app.feedback.confidential import MASK

MATTER = {
    "kind": "complaint",
    "content": "Khiếu nại việc thu hồi đất làm đường liên ấp, chưa được bồi thường phần cây trồng",
    "resolved_by": "",
}
CITIZENS = [
    {"name": "Nguyễn Văn An", "address": "Ấp Tân Hòa, xã Tân Thành", "cccd": "087086001234"},
    {"name": "Lê Thị Bình", "address": "Ấp Tân Hòa, xã Tân Thành", "cccd": "087186004321"},
    {"name": "Trần Văn Cường", "address": "Ấp Tân Phú, xã Tân Thành", "cccd": "087090007777"},
]


def session_with_three(desk, admin):
    c = desk.citizens
    session = c.sessions.schedule(
        admin, leader_role="chair", leader_name="Đỗ Văn Lãnh", day=date(2026, 2, 12), place="Phòng tiếp công dân"
    )
    entries = c.register.receive_group(CITIZENS, dict(MATTER, session_id=session["id"]), admin)
    session = c.sessions.hold(
        session["id"], admin, received_by=["Đỗ Văn Lãnh", "Phạm Thị Thư (công chức)"], raised=MATTER["content"]
    )
    return session, entries


def test_three_citizens_on_one_matter_refused_documents_and_a_complaint(desk, admin):
    session, (a, b, c) = session_with_three(desk, admin)
    reg = desk.citizens.register
    assert [e.people_count for e in (a, b, c)] == [3, 3, 3] and len({a.matter_id, b.matter_id, c.matter_id}) == 1
    assert a.refuse_due == date(2026, 2, 24)  # 3 working days from Thu 12 Feb 2026: Fri 13, then Tết, Mon 23, Tue 24

    refused = reg.refuse(a.id, admin, "disruptive", "Lớn tiếng, xúc phạm cán bộ tiếp dân")
    assert refused.outcome == "refused" and "xúc phạm" in refused.refusal_reason
    assert not reg.refusal_late(refused)
    with pytest.raises(InvalidTransition):
        reg.open_entry(a.id, admin)

    handed = reg.hand_in(
        b.id, admin, [{"name": "Đơn khiếu nại", "kind": "original", "pages": 2}, {"name": "Sổ đỏ", "kind": "copy"}]
    )
    assert handed.outcome == "documents" and [d["pages"] for d in handed.documents] == [2, 1]

    opened = reg.open_entry(c.id, admin)
    assert opened.outcome == "opened" and opened.in_competence and opened.register_kind == "complaint"
    complaint = desk.feedback.get(opened.register_id)
    assert complaint.kind == "complaint" and complaint.number == opened.register_number
    assert complaint.accept_due == date(2026, 2, 23)  # its own deadline: 10 days, past Tết
    assert complaint.person_name == "Trần Văn Cường"

    rows = reg.register_rows(reg.entries(session_id=session["id"]))
    assert [len(r) for r in rows] == [13, 13, 13] and len(REGISTER_COLUMNS) == 13
    assert rows[2][8] == "x" and opened.register_number in rows[2][11] and rows[0][6] == "3"
    got = figures.counts(desk.store, date(2026, 2, 1), date(2026, 2, 28), date(2026, 2, 12))
    assert (got["reception_entries"], got["reception_matters"], got["reception_people"]) == (3, 1, 3)
    assert (got["reception_refused"], got["reception_documents"], got["reception_opened"]) == (1, 1, 1)
    assert got["sessions_held"] == got["sessions_chair"] == 1


def test_a_conclusion_with_two_follow_ups_one_overdue(desk, admin):
    session, _ = session_with_three(desk, admin)
    c = desk.citizens
    concluded = c.sessions.conclude(
        session["id"],
        admin,
        conclusion="Giao Văn phòng phối hợp địa chính kiểm đếm lại cây trồng; trả lời công dân bằng văn bản.",
        signer="Đỗ Văn Lãnh",
        follow_ups=[
            {"task": "Kiểm đếm lại cây trồng trên phần đất thu hồi", "owner": "Công chức địa chính", "days": 2},
            {"task": "Trả lời công dân bằng văn bản", "owner": "Văn phòng UBND xã", "days": 10},
        ],
    )
    assert concluded["status"] == "concluded" and concluded["conclusion_number"] == "01/TB-UBND-Q1"
    first, second = c.follow_ups.of("session", session["id"])
    assert first.due == date(2026, 2, 23)  # 2 working days from Thu 12 Feb: Fri 13, (Tết 16-20), Mon 23
    assert second.due == date(2026, 3, 5)  # 10 working days: 13 Feb, 23-27 Feb, 2-5 Mar
    desk.clock.advance(days=12)  # Tue 24 Feb 2026
    assert [f.id for f in c.follow_ups.overdue()] == [first.id]
    done = c.follow_ups.done(second.id, admin, "Đã gửi văn bản trả lời số 15/UBND")
    assert done.done and not done.overdue(date(2026, 2, 24))
    got = figures.counts(desk.store, date(2026, 2, 1), date(2026, 2, 28), date(2026, 2, 24))
    assert (got["follow_ups"], got["follow_ups_done"], got["follow_ups_overdue"], got["conclusion_notices"]) == (
        2,
        1,
        1,
        1,
    )
    with pytest.raises(InvalidTransition):
        c.sessions.conclude(session["id"], admin, conclusion="Lần nữa", signer="Đỗ Văn Lãnh")


def test_a_dialogue_with_issues_and_follow_ups(desk, admin):
    dialogue = desk.citizens.dialogues.hold(
        admin,
        kind="where_arises",
        subject="Bồi thường, hỗ trợ khi mở rộng đường liên ấp Tân Hòa - Tân Phú",
        held_at=datetime(2026, 2, 11, 14, 0, tzinfo=VN_TZ),
        place="Nhà văn hóa ấp Tân Hòa",
        chair="Đỗ Văn Lãnh",
        secretary="Phạm Thị Thư",
        attendees=["Ủy ban MTTQ xã: Ông Võ Văn Mặt", "Trưởng ấp Tân Hòa"],
        residents=42,
        issues=[
            {
                "raised_by": "Hộ ông Nguyễn Văn An",
                "issue": "Đơn giá cây trồng thấp",
                "answer": "Xã kiến nghị huyện xem xét",
            },
            {"raised_by": "Bà Lê Thị Bình", "issue": "Thời gian chi trả", "answer": "Chi trả trước 30/3/2026"},
        ],
        follow_ups=[{"task": "Gửi kiến nghị đơn giá lên tỉnh", "owner": "Văn phòng UBND xã", "days": 5}],
    )
    assert dialogue["number"] == "01/BB-UBND-Q1"
    assert len(desk.citizens.follow_ups.of("dialogue", dialogue["id"])) == 1
    got = figures.counts(desk.store, date(2026, 2, 1), date(2026, 2, 28), date(2026, 2, 12))
    assert (got["dialogues"], got["dialogue_residents"]) == (1, 42)
    with pytest.raises(ValidationError):
        desk.citizens.dialogues.hold(
            admin,
            kind="annual",
            subject="x",
            held_at=datetime(2026, 2, 11, tzinfo=VN_TZ),
            place="x",
            chair="Đỗ Văn Lãnh",
        )


def test_a_denouncers_identity_is_masked_and_revealed_only_with_a_reason(desk, admin, clerk, leader):
    reg = desk.citizens.register
    entry = reg.receive(
        {
            "kind": "denunciation",
            "content": "Tố cáo cán bộ địa chính nhận tiền khi đo đạc",
            "person": {"name": "Võ Thị Kín", "address": "Ấp 3", "cccd": "087186009999"},
        },
        clerk,
    )
    assert (entry.person_name, entry.person_address, entry.person_cccd) == (MASK, MASK, MASK)
    row = reg.register_rows([entry])[0]
    assert row[2] == MASK and row[3] == MASK and "Võ Thị Kín" not in " ".join(row)
    stored = desk.store.one("SELECT * FROM reception_entries WHERE id = ?", (entry.id,))
    assert "Võ Thị Kín" not in str(stored) and "087186009999" not in str(stored)
    outbox = " ".join(str(o["payload"]) for o in desk.store.outbox(limit=1000))
    assert "Võ Thị Kín" not in outbox and "087186009999" not in outbox
    with pytest.raises(PermissionDenied):
        reg.reveal_identity(entry.id, clerk, purpose="xem")
    with pytest.raises(ValidationError):
        reg.reveal_identity(entry.id, leader, purpose=" ")
    who = reg.reveal_identity(entry.id, leader, purpose="Xác minh theo chỉ đạo của Chủ tịch")
    assert who.name == "Võ Thị Kín" and who.contact == "087186009999"
    assert [(r["entry_id"], r["clerk_id"]) for r in desk.feedback.reads(entry.id)] == [(entry.id, leader.id)]
    opened = reg.open_entry(entry.id, clerk)
    denunciation = desk.feedback.get(opened.register_id)
    assert denunciation.confidential and denunciation.person_name == MASK


def test_flags_filter_and_count(desk, admin):
    _, (a, b, _) = session_with_three(desk, admin)
    flags = desk.citizens.flags
    flags.set("reception", a.id, "land", admin)
    flags.set("reception", a.id, "land", admin)  # once only
    flags.set("reception", b.id, "multi_level", admin)
    complaint = desk.feedback.add(
        {"kind": "complaint", "content": "Khiếu nại kéo dài từ 2019", "person": {"name": "Ngô Văn Dài"}}, admin
    )
    flags.set("feedback", complaint.id, "long_running", admin)
    big = desk.citizens.register.receive(dict(MATTER, person=CITIZENS[0], people_count=12), admin)
    assert flags.of(big.id) == ["mass"]
    assert flags.counts() == {"mass": 1, "multi_level": 1, "long_running": 1, "land": 1}
    assert [e.id for e in desk.citizens.register.entries(flag="land")] == [a.id]
    flags.clear(a.id, "land", admin)
    assert desk.citizens.register.entries(flag="land") == []
    got = figures.counts(desk.store, date(2026, 2, 1), date(2026, 2, 28), date(2026, 2, 12))
    assert (got["flag_land"], got["flag_mass"], got["flag_long_running"]) == (0, 1, 1)


def test_the_feedback_register_sends_receptions_to_the_new_register(desk, admin):
    with pytest.raises(ValidationError, match="03/TCD"):
        desk.feedback.add({"kind": "reception", "content": "x", "person": {"name": "A"}}, admin)
