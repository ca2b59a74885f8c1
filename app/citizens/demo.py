"""A month of citizen reception for the demo store and the screenshots: the chair's and the Party
Secretary's days, a session with three citizens on one matter and a denunciation, its conclusion
with follow-ups (one already late), a dialogue conference, and the disclosure board."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from app.core.clock import iso
from app.core.records import Clerk

CITIZENS = [
    {"name": "Nguyễn Văn An", "address": "Ấp Tân Hòa", "cccd": "087086001234"},
    {"name": "Lê Thị Bình", "address": "Ấp Tân Hòa", "cccd": "087186004321"},
    {"name": "Trần Văn Cường", "address": "Ấp Tân Phú", "cccd": "087090007777"},
]
MATTER = {"kind": "complaint", "content": "Khiếu nại việc thu hồi đất làm đường liên ấp, chưa bồi thường cây trồng"}
CHAIR, SECRETARY = "Đỗ Văn Lãnh", "Huỳnh Thị Ngọc Bích"


def populate(desk: Any, clerk: Clerk) -> dict[str, Any]:
    """Adds the month; returns the session, the dialogue and the denunciation's entry it made."""
    c = desk.citizens
    today = desk.clock.now().date()
    held_day = today - timedelta(days=20)
    session = c.sessions.schedule(
        clerk, leader_role="chair", leader_name=CHAIR, day=held_day, place="Phòng tiếp công dân"
    )
    for offset, role, name, regular, mode in (
        (2, "chair", CHAIR, True, "in_person"),
        (6, "party_secretary", SECRETARY, True, "in_person"),
        (9, "chair", CHAIR, False, "online"),
    ):
        c.sessions.schedule(
            clerk, leader_role=role, leader_name=name, day=today + timedelta(days=offset), regular=regular, mode=mode
        )
    received = iso(datetime.combine(held_day, time(8, 0), tzinfo=desk.clock.now().tzinfo))
    group = c.register.receive_group(CITIZENS, dict(MATTER, session_id=session["id"], received_at=received), clerk)
    secret = c.register.receive(
        {
            "kind": "denunciation",
            "content": "Tố cáo cán bộ địa chính nhận tiền khi đo đạc",
            "person": {"name": "Võ Thị Kín", "cccd": "087186009999"},
            "session_id": session["id"],
            "received_at": received,
        },
        clerk,
    )
    c.flags.set("reception", group[0].id, "land", clerk)
    c.flags.set("reception", group[0].id, "long_running", clerk)
    c.sessions.hold(session["id"], clerk, received_by=[CHAIR, "Phạm Thị Thư (công chức)"], raised=MATTER["content"])
    c.sessions.conclude(
        session["id"],
        clerk,
        conclusion="Giao Địa chính kiểm đếm lại cây trồng; Văn phòng trả lời bằng văn bản.",
        signer=CHAIR,
        follow_ups=[{"task": "Trả lời bằng văn bản cho các hộ", "owner": "Văn phòng UBND", "days": 10}],
    )
    late = ("Kiểm đếm lại cây trồng", "Công chức Địa chính", 5)  # given at the session: late by now
    c.follow_ups.add("session", session["id"], *late, clerk, start=held_day)
    dialogue = c.dialogues.hold(
        clerk,
        kind="where_arises",
        subject="Bồi thường làm đường liên ấp Tân Hòa",
        held_at=desk.clock.now() - timedelta(days=3),
        place="Nhà văn hóa ấp Tân Hòa",
        chair=CHAIR,
        secretary="Phạm Thị Thư",
        attendees=["Đại diện Mặt trận", "Công chức Địa chính"],
        residents=27,
        issues=[
            {"raised_by": "Ông Nguyễn Văn An", "issue": "Giá bồi thường cây ăn trái thấp", "answer": "Áp lại đơn giá"},
            {"raised_by": "Bà Lê Thị Bình", "issue": "Thời gian chi trả", "answer": ""},
        ],
        follow_ups=[{"task": "Áp lại đơn giá cây trồng", "owner": "Công chức Địa chính", "days": 7}],
    )
    c.disclosure.post_procedures(clerk, posted_on=today - timedelta(days=60))
    c.disclosure.publish_schedule(clerk, c.sessions.schedule_between(today, today + timedelta(days=14)))
    c.disclosure.post(
        clerk, title="Kế hoạch sử dụng đất năm 2026", body="Bản đồ tại trụ sở UBND xã.", posted_on=today - timedelta(45)
    )
    return {"session": session, "dialogue": dialogue, "denunciation": secret}
