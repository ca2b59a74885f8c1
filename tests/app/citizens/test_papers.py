"""The papers read back with pdftotext: 03/TCD's 13 columns in order, 01/TCD, 02/TCD, the conclusion, the minutes."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from app.core.errors import ValidationError
from app.core.worktime import VN_TZ
from tests.app.citizens.test_reception import session_with_three

pytestmark = pytest.mark.skipif(
    subprocess.run(["which", "pdftotext"], capture_output=True).returncode, reason="poppler"
)


def text_of(path: Path, *, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return re.sub(r"\s+", " ", subprocess.run(args, capture_output=True, check=True, text=True).stdout)


@pytest.fixture
def session(desk, admin):
    session, entries = session_with_three(desk, admin)
    reg = desk.citizens.register
    reg.refuse(entries[0].id, admin, "disruptive", "Lớn tiếng, xúc phạm cán bộ tiếp dân")
    reg.hand_in(entries[1].id, admin, [{"name": "Đơn khiếu nại", "kind": "original", "pages": 2}])
    reg.open_entry(entries[2].id, admin)
    denounced = reg.receive(
        {
            "kind": "denunciation",
            "content": "Tố cáo cán bộ địa chính nhận tiền",
            "person": {"name": "Võ Thị Kín", "address": "Ấp Bí Mật", "cccd": "087186009999"},
            "session_id": session["id"],
        },
        admin,
    )
    return session, [*entries, denounced]


def test_the_register_has_its_13_columns_in_order_and_hides_the_denouncer(desk, session, tmp_path):
    path = desk.citizens.print_register(tmp_path / "03tcd.pdf", date(2026, 2, 1), date(2026, 2, 28))
    assert os.stat(path).st_mode & 0o077 == 0
    text = text_of(path)
    assert "SỔ TIẾP CÔNG DÂN" in text and "Mẫu số 03/TCD" in text
    positions = [text.index(f"({i})") for i in range(1, 14)]
    assert positions == sorted(positions)
    for word in ("Ngày tiếp", "Họ tên, địa chỉ", "Số CCCD", "Phân loại", "Số người", "Thuộc", "Ghi chú"):
        assert word in text
    assert "Nguyễn Văn An" in text and "087086001234" in text and "KN-26-1001" in text
    assert "Võ Thị Kín" not in text and "087186009999" not in text and "Ấp Bí Mật" not in text and "***" in text


def test_01_tcd_refusal(desk, admin, session, tmp_path):
    _, entries = session
    text = text_of(desk.citizens.print_refusal(entries[0].id, tmp_path / "01.pdf", signer="Đỗ Văn Lãnh"))
    for expected in ("Mẫu số 01/TCD", "THÔNG BÁO", "từ chối tiếp công dân", "Nguyễn Văn An", "xúc phạm", "Đỗ Văn Lãnh"):
        assert expected in text, expected
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "ngày 12 tháng 02 năm 2026" in text


def test_02_tcd_documents_receipt(desk, session, tmp_path):
    _, entries = session
    text = text_of(desk.citizens.print_documents_receipt(entries[1].id, tmp_path / "02.pdf", receiver="Phạm Thị Thư"))
    for expected in ("Mẫu số 02/TCD", "GIẤY BIÊN NHẬN", "Lê Thị Bình", "Đơn khiếu nại", "Bản chính", "Phạm Thị Thư"):
        assert expected in text, expected


def test_the_conclusion_notice_is_numbered_and_masks_the_denouncer(desk, admin, session, tmp_path):
    s, _ = session
    desk.citizens.sessions.conclude(
        s["id"],
        admin,
        conclusion="Giao công chức địa chính kiểm đếm lại cây trồng.",
        signer="Đỗ Văn Lãnh",
        follow_ups=[
            {"task": "Kiểm đếm lại cây trồng", "owner": "Công chức địa chính", "days": 2},
            {"task": "Trả lời công dân", "owner": "Văn phòng UBND xã", "days": 10},
        ],
    )
    text = text_of(desk.citizens.print_conclusion(s["id"], tmp_path / "tb.pdf"))
    for expected in (
        "Số: 01/TB-UBND-Q1",
        "THÔNG BÁO",
        "Kết luận của Chủ tịch UBND xã Đỗ Văn Lãnh",
        "4 người, 2 vụ việc",
    ):
        assert expected in text, expected
    assert "Kiểm đếm lại cây trồng" in text and "23/02/2026" in text and "05/03/2026" in text
    assert "Võ Thị Kín" not in text and "***" in text


def test_the_minutes_of_a_dialogue(desk, admin, tmp_path):
    d = desk.citizens.dialogues.hold(
        admin,
        kind="annual",
        subject="Hội nghị đối thoại năm 2026",
        held_at=datetime(2026, 2, 10, 8, 0, tzinfo=VN_TZ),
        place="Hội trường UBND xã",
        chair="Đỗ Văn Lãnh",
        secretary="Phạm Thị Thư",
        attendees=["Ủy ban MTTQ xã"],
        residents=60,
        issues=[{"raised_by": "Ông Hai", "issue": "Đèn đường ấp 3 hỏng", "answer": "Sửa trong tháng 3"}],
        follow_ups=[{"task": "Sửa đèn đường ấp 3", "owner": "Công chức xây dựng", "days": 15}],
    )
    text = text_of(desk.citizens.print_minutes(d["id"], tmp_path / "bb.pdf"))
    for expected in (
        "BIÊN BẢN",
        "Số: 01/BB-UBND-Q1",
        "Đèn đường ấp 3 hỏng",
        "Sửa trong tháng 3",
        "60 người dân",
        "CHỦ TRÌ",
    ):
        assert expected in text, expected


def test_the_board_and_the_quarterly_list(desk, admin, tmp_path):
    d = desk.citizens.disclosure
    assert d.post_procedures(admin) >= 10 and d.post_procedures(admin) == 0  # once each
    ended = d.post(admin, title="Danh sách hộ nghèo năm 2026", posted_on=date(2026, 1, 5))
    with pytest.raises(ValidationError):
        d.post(admin, title="Quá ngắn", days=10)
    with pytest.raises(ValidationError):
        d.take_down(d.post(admin, title="Mới dán").id, admin)  # its 30 days have not run
    assert [p.id for p in d.may_come_down()] == [ended.id]
    board = text_of(desk.citizens.print_board(tmp_path / "board.pdf"))
    assert "BẢNG NIÊM YẾT CÔNG KHAI" in board and "Đăng ký khai sinh" in board and "Thường xuyên" in board
    assert "Danh sách hộ nghèo năm 2026" in board and "04/02/2026 (đã đủ thời hạn)" in board
    d.take_down(ended.id, admin)
    assert "Danh sách hộ nghèo" not in text_of(desk.citizens.print_board(tmp_path / "board2.pdf"))
    quarter = text_of(desk.citizens.print_quarterly(tmp_path / "q1.pdf", 2026, 1))
    assert "DANH MỤC THÔNG TIN ĐÃ CÔNG KHAI QUÝ 1/2026" in quarter and "Danh sách hộ nghèo" in quarter
