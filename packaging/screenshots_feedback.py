"""Screenshots of the feedback registers and the rating screen, for the README.

    xvfb-run -a python packaging/screenshots_feedback.py [OUT_DIR]

Builds a throwaway desk in a temporary folder (its own key folder too), fills it with a few entries
and ratings through the normal services, and saves PNGs (QWidget.grab) into docs/ by default.
``render(out_dir)`` is what the lead's screenshot script can call.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _demo_desk(folder: Path):
    from app.core.accounts import add_clerk
    from app.core.clock import FixedClock
    from app.core.worktime import VN_TZ
    from app.desk import Desk
    from app.reception.demo import demo_commune

    os.environ["MOTCUA_KEY_DIR"] = str(folder / "keys")
    clock = FixedClock(datetime(2026, 2, 12, 9, 0, tzinfo=VN_TZ))
    desk = Desk.open(folder / "screens.sqlite3", clock)
    desk.initialise(demo_commune("mat-khau-123", "Trần Văn Quản"))
    admin = desk.clerk()
    clerk = add_clerk(
        desk.store,
        admin,
        username="nhanvien",
        full_name="Lý Thị Nhận",
        role="clerk",
        password="mat-khau-123",
        clock=clock,
    )
    fb = desk.feedback
    entries = [
        {
            "kind": "denunciation",
            "channel": "written",
            "category": "Đất đai",
            "person": {"name": "Hoàng Thị Tố Giác", "address": "Ấp Bình Hòa", "contact": "0987654321"},
            "content": "Tố cáo cán bộ địa chính thu tiền ngoài quy định khi đo đạc",
            "received_at": "2026-01-20T08:40",
        },
        {
            "kind": "complaint",
            "channel": "in_person",
            "category": "Hộ tịch",
            "person": {"name": "Phạm Văn Khiếu", "address": "Ấp Tân Hòa", "contact": "0912000111"},
            "content": "Khiếu nại việc từ chối đăng ký khai sinh quá hạn",
            "received_at": "2026-02-04T10:15",
        },
        {
            "kind": "feedback",
            "channel": "mailbox",
            "category": "Thái độ phục vụ",
            "content": "Đề nghị bố trí thêm ghế chờ tại bộ phận một cửa",
            "received_at": "2026-02-11T14:00",
        },
        {
            "kind": "feedback",
            "channel": "phone",
            "category": "Thủ tục",
            "person": {"name": "Nguyễn Thị Đào", "contact": "0912345678"},
            "content": "Phản ánh thời gian chờ chứng thực bản sao lâu",
            "received_at": "2026-01-05T09:30",
        },
        {
            "kind": "feedback",
            "channel": "dialogue",
            "category": "Môi trường",
            "person": {"name": "Lê Văn Dân", "address": "Ấp Mỹ Lợi"},
            "content": "Kiến nghị nạo vét kênh thủy lợi ấp Mỹ Lợi",
            "received_at": "2026-02-10T08:00",
        },
    ]
    made = [fb.add(e, clerk) for e in entries]
    fb.answer(
        made[3].id,
        admin,
        "Đã bổ sung thêm một cán bộ chứng thực vào buổi sáng.",
        at=datetime(2026, 1, 15, 10, 0, tzinfo=VN_TZ),
    )
    fb.assign(made[1].id, admin, "nhanvien")
    for level in (1, 1, 2, 2, 2, 3, 1, 4, 2, 1):
        desk.ratings.rate(level)
        clock.advance(seconds=30)
    return desk, admin, clerk


def render(out_dir: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from ui.feedback_section import FeedbackRegister
    from ui.rating_screen import RatingScreen

    app = QApplication.instance() or QApplication(sys.argv)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        desk, _admin, clerk = _demo_desk(Path(tmp))
        register = FeedbackRegister(desk, clerk)
        register.resize(1400, 560)
        register.show()
        app.processEvents()
        written.append(_save(register, out_dir / "feedback-register.png"))
        register.close()

        screen = RatingScreen(desk)
        screen.resize(1280, 720)
        screen.show()
        app.processEvents()
        written.append(_save(screen, out_dir / "rating-screen.png"))
        screen.choose(2)
        screen.element_groups["officials"].button(1).setChecked(True)
        screen.element_groups["result"].button(2).setChecked(True)
        screen.comment.setText("Cán bộ hướng dẫn tận tình, dễ hiểu")
        app.processEvents()
        written.append(_save(screen, out_dir / "rating-follow-up.png"))
        screen.close()
        desk.close()
    return written


def _save(widget, path: Path) -> Path:
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    for p in render(target):
        print(p)
