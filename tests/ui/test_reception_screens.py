"""The citizen reception screens on the real window: a leader's session with three citizens on one matter,
its conclusion notice with two follow-ups (one overdue, red until done), a dialogue with its minutes, the
disclosure board with an item whose period ended, flags; the denouncer masked throughout."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from app.feedback.confidential import MASK
from tests.app.citizens.test_reception import CITIZENS, MATTER
from ui.prompts import ConfirmDialog, RevealDialog
from ui.reception_common import ENDED
from ui.reception_dialogs import RefusalDialog, ScheduleDialog
from ui.reception_model import OVERDUE

SECRET, SECRET_ID = "Võ Thị Kín", "087186009999"
CHAIR = "Đỗ Văn Lãnh"


def pdf_text(path: str) -> str:
    """The paper's words, one space between them (table cells wrap)."""
    out = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def everything_shown(model) -> str:
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    return " ".join(
        repr(model.index(r, c).data(role))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        for role in roles
    )


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    """Message boxes (the identity read) captured instead of waiting for a click."""
    texts: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: texts.append(text))
    return texts


@pytest.fixture
def section(signed_in):
    return signed_in.show_section("reception")


def day(page, when: date, **kw):
    answer = {"leader_role": "chair", "leader_name": CHAIR, "day": when, "starts": "07:30", "place": "Phòng tiếp"}
    return page.add_day(dict(answer, regular=True, mode="in_person") | kw)


def test_a_session_three_citizens_a_conclusion_two_follow_ups_one_overdue(
    section, desk, printer, monkeypatch, shown, qtbot
):
    page = section.show_page("sessions")
    secretary = {"leader_role": "party_secretary", "leader_name": "Huỳnh Thị Bích"}
    day(page, date(2026, 2, 19), **secretary, regular=False, mode="online")
    day(page, date(2026, 2, 12))
    assert page.selected()["day"] == "2026-02-12"
    cells = [page.model.index(r, c).data() for r in range(page.model.rowCount()) for c in range(8)]
    assert "Đột xuất" in cells and "Trực tuyến" in cells and "Định kỳ" in cells

    page.add_citizens((CITIZENS, dict(MATTER)))
    page.add_citizens(([{"name": SECRET, "cccd": SECRET_ID}], {"kind": "denunciation", "content": "Tố cáo cán bộ"}))
    people = page.people_model
    assert people.rowCount() == 4
    assert [people.index(r, 4).data() for r in range(4)] == ["3", "3", "3", "1"]  # several on one matter, counted
    assert "4 người, 2 vụ việc" in page.detail.text()
    assert people.index(3, 1).data() == MASK and people.index(3, 2).data() == MASK
    for model in (people, section.model, page.model):
        assert SECRET not in everything_shown(model) and SECRET_ID not in everything_shown(model)

    page.hold_selected({"received_by": [CHAIR, "Phạm Thị Thư (công chức)"], "raised": MATTER["content"]})
    follow_ups = [
        {"task": "Kiểm đếm lại cây trồng", "owner": "Công chức Địa chính", "days": "2"},
        {"task": "Trả lời bằng văn bản", "owner": "Văn phòng UBND", "days": "10"},
    ]
    page.conclude_selected({"conclusion": "Giao kiểm đếm lại.", "signer": CHAIR, "follow_ups": follow_ups})
    number = page.selected()["conclusion_number"]
    assert number.startswith("01/TB-") and number in page.message.text()
    assert page.buttons["print_conclusion"].isEnabled() and not page.buttons["conclude"].isEnabled()

    page.print_conclusion()
    text = pdf_text(str(printer.jobs[-1]))
    assert "THÔNG BÁO" in text and number.split("/")[0] in text and "Kiểm đếm lại cây trồng" in text
    assert SECRET not in text and SECRET_ID not in text

    follow = page.follow.model
    assert follow.rowCount() == 2 and follow.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    desk.clock.advance(days=12)  # Tue 24 Feb: the 2-working-day task (due 23 Feb, after Tết) is late
    page.refresh()
    assert follow.index(0, 3).data() == "Quá hạn"
    assert follow.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color() == OVERDUE
    assert follow.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    section.refresh()
    assert "Việc quá hạn: 1" in section.counts.text()
    page.follow.table.selectRow(0)
    page.follow.finish_selected("Đã kiểm đếm xong")
    assert follow.index(0, 3).data() == "Đã xong (trễ hạn)"
    assert follow.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None

    asked: list[str] = []
    answer = classmethod(lambda cls, parent, number: asked.append(number) or "Xác minh")
    monkeypatch.setattr(RevealDialog, "ask", answer)
    page.people.selectRow(3)
    found = page.reveal_selected()
    assert found.name == SECRET and asked == [people.item(3).number] and any(SECRET in t for t in shown)
    assert [r["purpose"] for r in desk.feedback.reads(people.item(3).id)] == ["Xác minh"]
    assert SECRET not in everything_shown(people)  # the table stays masked after a reading

    page.start.setDate(page.start.date().addDays(-30))
    page.print_schedule()
    schedule = pdf_text(str(printer.jobs[-1]))
    assert "LỊCH TIẾP CÔNG DÂN" in schedule and "Đột xuất" in schedule and "Huỳnh Thị Bích" in schedule

    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: False))
    page.select_day(date(2026, 2, 19))
    page.cancel_selected()  # answered no: the day stays
    assert page.selected()["status"] == "scheduled"


def test_keyboard_reaches_the_schedule(section, monkeypatch, qtbot):
    page = section.show_page("sessions")
    called: list[date] = []
    monkeypatch.setattr(ScheduleDialog, "ask", classmethod(lambda cls, parent, today: called.append(today)))
    QTest.keyClick(page, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: called == [date(2026, 2, 12)])


def test_a_dialogue_with_its_minutes_printed(section, desk, printer):
    page = section.show_page("dialogues")
    assert page.model.rowCount() == 0 and not page.buttons["print"].isEnabled()
    page.add_dialogue(
        {
            "kind": "where_arises",
            "subject": "Bồi thường làm đường liên ấp",
            "held_at": desk.clock.now() - timedelta(hours=2),
            "place": "Nhà văn hóa ấp Tân Hòa",
            "chair": CHAIR,
            "secretary": "Phạm Thị Thư",
            "attendees": ["Đại diện Mặt trận"],
            "residents": 27,
            "issues": [
                {"raised_by": "Ông An", "issue": "Giá bồi thường thấp", "answer": "Áp lại đơn giá"},
                {"raised_by": "Bà Bình", "issue": "Thời gian chi trả", "answer": ""},
            ],
            "follow_ups": [{"task": "Áp lại đơn giá cây trồng", "owner": "Địa chính", "days": "7"}],
        }
    )
    number = page.selected()["number"]
    assert number in page.message.text()
    assert page.issues_model.rowCount() == 2 and page.issues_model.index(1, 2).data() == "(chưa trả lời tại hội nghị)"
    assert page.follow.model.rowCount() == 1
    page.print_minutes()
    text = pdf_text(str(printer.jobs[-1]))
    for words in ("BIÊN BẢN", "Bồi thường làm đường liên ấp", "Giá bồi thường thấp", "Áp lại đơn giá", "Phạm Thị Thư"):
        assert words in text, words
    assert "27 người dân" in text and "Áp lại đơn giá cây trồng" in text

    page.add_dialogue({"kind": "annual", "subject": "x", "held_at": desk.clock.now(), "place": "x", "chair": CHAIR})
    assert page.message.kind == "error" and "vấn đề" in page.message.text()  # one sentence, no traceback


def test_the_disclosure_board_with_an_item_whose_period_ended(section, desk, printer, monkeypatch):
    page = section.show_page("disclosure")
    assert page.model.rowCount() == 0
    assert page.post_procedures() > 0
    page.post_item({"title": "Kế hoạch sử dụng đất năm 2026", "body": "Bản đồ tại trụ sở.", "days": 30})
    page.post_item({"title": "Quá ngắn", "body": "", "days": 10})
    assert page.message.kind == "error" and "30 ngày" in page.message.text()

    desk.clock.advance(days=31)
    page.refresh()
    rows = {page.model.item(r).title: r for r in range(page.model.rowCount())}
    row = rows["Kế hoạch sử dụng đất năm 2026"]
    assert page.model.index(row, 4).data() == "Đã đủ thời hạn — có thể gỡ"
    assert page.model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color() == ENDED
    assert page.model.index(0, 3).data() == "Thường xuyên"  # a procedure stays up
    assert "Có thể gỡ: 1" in page.counts.text()

    page.print_board()
    board = pdf_text(str(printer.jobs[-1]))
    assert "BẢNG NIÊM YẾT CÔNG KHAI" in board and "Kế hoạch sử dụng đất năm 2026" in board
    assert "(đã đủ" in board and "Thường xuyên" in board
    page.print_quarterly()
    assert "QUÝ 1/2026" in pdf_text(str(printer.jobs[-1]))

    page.table.selectRow(row)
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda cls, *a, **k: True))
    page.take_down_selected()
    assert "Kế hoạch sử dụng đất năm 2026" not in everything_shown(page.model)
    page.show_all.setChecked(True)
    assert "Đã gỡ ngày" in everything_shown(page.model)


def test_the_register_refuses_takes_documents_guides_forwards_and_prints(section, desk, admin, printer, monkeypatch):
    reg = desk.citizens.register
    reg.receive_group(CITIZENS, dict(MATTER), admin)
    reg.receive({"kind": "denunciation", "content": "Tố cáo", "person": {"name": SECRET, "cccd": SECRET_ID}}, admin)
    section.refresh()
    section.show_page("register")
    monkeypatch.setattr(RefusalDialog, "ask", classmethod(lambda cls, parent, number: ("disruptive", "Lớn tiếng")))
    section.table.selectRow(0)
    section.refuse_selected()
    assert section.model.entry(0).outcome == "refused" and "xúc phạm" in section.model.entry(0).refusal_reason
    section.table.selectRow(0)
    section.print_refusal("Đỗ Văn Lãnh")
    refusal = pdf_text(str(printer.jobs[-1]))
    assert "Lớn tiếng" in refusal and "Đỗ Văn Lãnh" in refusal

    section.table.selectRow(1)
    section.documents_selected([{"name": "Đơn khiếu nại", "kind": "original", "pages": 2}])
    section.table.selectRow(1)
    section.print_documents()
    assert "Đơn khiếu nại" in pdf_text(str(printer.jobs[-1]))
    section.table.selectRow(2)
    section.guide_selected("Hướng dẫn gửi đơn đến UBND tỉnh")
    section.table.selectRow(3)
    section.forward_selected("Thanh tra tỉnh")
    assert section.model.index(2, 9).data().startswith("Hướng dẫn gửi đơn")
    assert section.model.index(3, 10).data() == "Thanh tra tỉnh"  # the denunciation, still masked
    assert section.model.index(3, 2).data() == MASK

    section.print_register()
    register = pdf_text(str(printer.jobs[-1]))
    assert "SỔ TIẾP CÔNG DÂN" in register and "Thanh tra tỉnh" in register
    assert SECRET not in register and SECRET_ID not in register


def test_flags_set_and_filtered_on_the_register(section, desk, admin):
    desk.citizens.register.receive_group(CITIZENS[:2], dict(MATTER), admin)
    section.refresh()
    section.show_page("register")
    section.table.selectRow(0)
    section.flag_selected("land")
    section.flag_filter.setCurrentIndex(section.flag_filter.findData("land"))
    assert section.model.rowCount() == 1
    assert "Đất đai, bồi thường, tái định cư: 1" in section.counts.text()
    section.flag_filter.setCurrentIndex(section.flag_filter.findData("mass"))
    assert section.model.rowCount() == 0
