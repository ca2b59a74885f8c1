"""The citizen reception section: models (qtmodeltester), masking, overdue in red, leader-only reveal, actions."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.feedback.confidential import MASK
from tests.app.citizens.test_reception import session_with_three
from ui.reception_model import OVERDUE, FollowUpModel, ReceptionTableModel
from ui.reception_section import ReceptionSection

SECRET = "Võ Thị Kín"


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: shown.append(text))
    return shown


@pytest.fixture
def week(desk, admin):
    session, entries = session_with_three(desk, admin)
    c = desk.citizens
    secret = c.register.receive(
        {"kind": "denunciation", "content": "Tố cáo", "person": {"name": SECRET, "cccd": "087186009999"}}, admin
    )
    c.sessions.conclude(
        session["id"],
        admin,
        conclusion="Kiểm đếm lại",
        signer="Đỗ Văn Lãnh",
        follow_ups=[
            {"task": "Kiểm đếm", "owner": "Địa chính", "days": 2},
            {"task": "Trả lời", "owner": "Văn phòng", "days": 10},
        ],
    )
    return [*entries, secret]


def test_models_pass_the_model_tester_and_never_show_the_denouncer(qtmodeltester, desk, week):
    model = ReceptionTableModel(desk.citizens.register)
    model.load(date(2026, 2, 1), date(2026, 2, 28))
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (4, 13)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "(1) STT"
    assert model.headerData(12, Qt.Orientation.Horizontal) == "(13) Ghi chú"
    everything = " ".join(
        repr(model.index(r, c).data(role))
        for r in range(4)
        for c in range(13)
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ReceptionTableModel.EntryRole)
    )
    assert SECRET not in everything and "087186009999" not in everything and MASK in everything
    follow = FollowUpModel(desk.citizens.follow_ups)
    follow.load(date(2026, 2, 12))
    qtmodeltester.check(follow)


def test_an_overdue_follow_up_is_red_until_done(qtbot, desk, admin, week):
    desk.clock.advance(days=12)  # Tue 24 Feb 2026: the 2-day follow-up (due 23 Feb) is late
    section = ReceptionSection(desk, admin)
    qtbot.addWidget(section)
    model = section.follow_model
    colours = [model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) for r in range(model.rowCount())]
    assert [c.color() if c else None for c in colours] == [OVERDUE, None]
    assert "Việc quá hạn: 1" in section.counts.text()
    section.follow_table.selectRow(0)
    section.finish_selected("Đã kiểm đếm xong")
    assert model.index(0, 3).data() == "Đã xong (trễ hạn)"
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "Việc quá hạn: 0" in section.counts.text()


def test_only_a_leader_reveals_with_a_reason_and_it_is_logged(qtbot, desk, clerk, leader, week, no_modal_boxes):
    section = ReceptionSection(desk, clerk)
    qtbot.addWidget(section)
    section.show()
    assert not section.buttons["reveal"].isVisible()
    section.set_clerk(leader)
    assert section.buttons["reveal"].isVisible()
    section.start.setDate(section.start.date().addMonths(-1))
    row = next(r for r in range(section.model.rowCount()) if section.model.entry(r).confidential)
    section.table.selectRow(row)
    found = section.reveal_selected("Xác minh theo chỉ đạo")
    assert found is not None and found.name == SECRET
    assert any(SECRET in text for text in no_modal_boxes)
    assert [r["clerk_id"] for r in desk.feedback.reads(week[3].id)] == [leader.id]


def test_refuse_and_open_from_the_section(qtbot, desk, admin, week, no_modal_boxes):
    section = ReceptionSection(desk, admin)
    qtbot.addWidget(section)
    section.table.selectRow(0)
    section.refuse_selected("disruptive", "Lớn tiếng")
    assert section.model.entry(0).outcome == "refused"
    section.table.selectRow(0)
    section.open_selected()  # refused: refused again with one sentence on the message line, no traceback
    assert "không thể" in section.message.text() and section.message.kind == "error"
    section.table.selectRow(1)
    section.open_selected()
    assert section.model.entry(1).register_number.startswith("KN-")
    section.flag_filter.setCurrentIndex(section.flag_filter.findData("land"))
    assert section.model.rowCount() == 0
