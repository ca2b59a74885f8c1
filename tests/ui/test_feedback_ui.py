"""The registers screen: the model (qtmodeltester), masking for clerks, colouring, filters and actions."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from app.core.worktime import VN_TZ
from app.feedback.confidential import MASK
from ui import feedback_section as feedback_ui
from ui.feedback_dialogs import FeedbackFormDialog
from ui.feedback_model import URGENCY_COLOURS, FeedbackTableModel
from ui.feedback_section import FeedbackRegister
from ui.prompts import RevealDialog

NAME = "Hoàng Thị Tố Giác"
PHONE = "0987654321"


@pytest.fixture
def filled(desk, clerk):
    fb = desk.feedback
    return {
        "overdue": fb.add(
            {
                "kind": "denunciation",
                "person": {"name": NAME, "contact": PHONE},
                "content": "Tố cáo thu tiền sai",
                "received_at": "2026-01-20T08:40",
            },
            clerk,
        ),
        "soon": fb.add(
            {
                "kind": "complaint",
                "person": {"name": "Phạm Văn Khiếu"},
                "content": "Khiếu nại hộ tịch",
                "received_at": "2026-02-04T10:15",
            },
            clerk,
        ),
        "fresh": fb.add({"kind": "feedback", "content": "Đề nghị thêm ghế chờ", "channel": "mailbox"}, clerk),
    }


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    return shown


def all_text(model: FeedbackTableModel) -> str:
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, FeedbackTableModel.EntryRole)
    return " ".join(
        repr(model.index(r, c).data(role))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        for role in roles
    )


def test_model_passes_the_model_tester(qtmodeltester, desk, filled):
    model = FeedbackTableModel(desk.feedback)
    qtmodeltester.check(model)
    model.set_filters(kinds=["complaint"])
    qtmodeltester.check(model)
    assert model.rowCount() == 1


def test_model_masks_the_denouncer_and_colours_by_urgency(desk, filled):
    model = FeedbackTableModel(desk.feedback)
    rows = {model.entry(r).number: r for r in range(model.rowCount())}
    row = rows[filled["overdue"].number]
    assert model.index(row, model.COL_PERSON).data() == MASK
    assert "bảo mật" in model.index(row, model.COL_PERSON).data(Qt.ItemDataRole.ToolTipRole)
    assert NAME not in all_text(model) and PHONE not in all_text(model)
    colour = model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color().name()
    assert colour == URGENCY_COLOURS["overdue"]
    soon = model.index(rows[filled["soon"].number], 0)
    assert soon.data(Qt.ItemDataRole.BackgroundRole).color().name() == URGENCY_COLOURS["due_soon"]
    assert model.index(rows[filled["fresh"].number], 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(rows[filled["fresh"].number], model.COL_PERSON).data() == "(ẩn danh)"
    # The entry's number and its register are never "Số" beside "Sổ".
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in (0, 1)] == ["Số hiệu", "Loại sổ"]


def test_clerk_has_no_reveal_and_leader_reveal_is_recorded(qtbot, desk, clerk, leader, filled, monkeypatch):
    as_clerk = FeedbackRegister(desk, clerk)
    qtbot.addWidget(as_clerk)
    assert as_clerk.buttons["reveal"].isHidden()
    as_clerk.select_number(filled["overdue"].number)
    assert as_clerk.reveal_selected() is None  # refused by the domain, shown as a warning
    assert desk.feedback.reads() == []

    seen = []
    monkeypatch.setattr(feedback_ui, "show_identity", lambda _p, entry, found: seen.append((entry.number, found)))
    as_leader = FeedbackRegister(desk, leader)
    qtbot.addWidget(as_leader)
    as_leader.show()
    assert as_leader.buttons["reveal"].isVisible()
    as_leader.select_number(filled["overdue"].number)
    assert as_leader.buttons["reveal"].isEnabled()
    asked = []
    monkeypatch.setattr(RevealDialog, "ask", classmethod(lambda cls, parent, number: asked.append(number)))
    assert as_leader.reveal_selected() is None and desk.feedback.reads() == []  # not confirmed: nothing read
    monkeypatch.setattr(
        RevealDialog, "ask", classmethod(lambda cls, parent, number: asked.append(number) or "Xác minh theo đơn")
    )
    found = as_leader.reveal_selected()
    assert asked == [filled["overdue"].number] * 2
    assert found.name == NAME and seen[0][0] == filled["overdue"].number
    assert [(r["clerk_id"], r["action"], r["purpose"]) for r in desk.feedback.reads()] == [
        (leader.id, "read", "Xác minh theo đơn")
    ]
    # The table still shows the mask after the reading.
    assert NAME not in all_text(as_leader.model)


def test_export_from_the_screen_is_masked(qtbot, desk, clerk, filled, tmp_path):
    screen = FeedbackRegister(desk, clerk)
    qtbot.addWidget(screen)
    path = screen.export_csv(tmp_path / "so.csv")
    text = path.read_text(encoding="utf-8-sig")
    assert "TC-26-1001" in text and NAME not in text and PHONE not in text


def test_filters(qtbot, desk, clerk, filled):
    screen = FeedbackRegister(desk, clerk)
    qtbot.addWidget(screen)
    assert screen.model.rowCount() == 3 and "1 quá hạn" in screen.status_line.text()
    screen.urgent_only.setChecked(True)
    shown = {screen.model.entry(r).number for r in range(screen.model.rowCount())}
    assert shown == {filled["soon"].number, filled["overdue"].number}
    screen.urgent_only.setChecked(False)
    screen.kind_filter.setCurrentIndex(screen.kind_filter.findData("feedback"))
    assert screen.model.rowCount() == 1
    screen.kind_filter.setCurrentIndex(0)
    screen.search.setText("ghe cho")  # accent-insensitive
    assert [screen.model.entry(r).number for r in range(screen.model.rowCount())] == [filled["fresh"].number]


def test_add_accept_answer_forward_close_through_the_screen(qtbot, desk, clerk, monkeypatch, no_modal_boxes):
    screen = FeedbackRegister(desk, clerk)
    qtbot.addWidget(screen)
    monkeypatch.setattr(
        FeedbackFormDialog,
        "ask",
        classmethod(
            lambda cls, *a, **k: {
                "kind": "complaint",
                "channel": "in_person",
                "person": {"name": "Trần Thị Khiếu", "address": "", "contact": ""},
                "content": "Khiếu nại",
                "category": "",
                "received_at": "2026-02-12T08:00",
            }
        ),
    )
    entry = screen.add_entry()
    assert entry.number == "KN-26-1001" and screen.selected().number == entry.number
    assert screen.buttons["accept"].isEnabled()
    assert screen.accept_selected().status == "accepted"
    assert not screen.buttons["accept"].isEnabled()
    assert screen.answer_selected("Đã giải quyết").status == "answered"
    assert screen.forward_selected("UBND tỉnh") is None  # answered: refused, a warning is shown
    assert no_modal_boxes and "không thể" in no_modal_boxes[-1]
    assert screen.close_selected("Xong").status == "closed"
    assert not screen.buttons["close"].isEnabled()


def test_form_dialog_dates_in_vietnam_time(qtbot, clock, admin, monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")  # the PC's own zone must not matter
    dialog = FeedbackFormDialog([admin], now=clock.now())
    qtbot.addWidget(dialog)
    assert dialog.received.dateTime().toPython() == clock.now().replace(tzinfo=None)
    assert dialog.windowTitle() == "Thêm vào sổ"


def test_reveal_dialog_needs_a_reason(qtbot):
    dialog = RevealDialog("TC-26-1001")
    qtbot.addWidget(dialog)
    assert "TC-26-1001" in dialog.windowTitle() and "được ghi lại" in dialog.findChild(QLabel).text()
    assert not dialog.ok.isEnabled()
    dialog.reason.setPlainText("   ")
    assert not dialog.ok.isEnabled()
    dialog.reason.setPlainText("Xác minh theo đơn")
    assert dialog.ok.isEnabled()


def test_form_dialog_builds_the_input(qtbot, desk, admin):
    dialog = FeedbackFormDialog([admin], "denunciation")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.secret_note.isVisible()
    dialog.name.setText(NAME)
    dialog.content.setPlainText("Nội dung tố cáo")
    dialog.received.setDateTime(datetime(2026, 2, 12, 8, 30, tzinfo=VN_TZ))
    dialog.officer.setCurrentIndex(1)
    value = dialog.value()
    assert value["kind"] == "denunciation" and value["person"]["name"] == NAME
    assert value["received_at"] == "2026-02-12T08:30" and value["assigned_to"] == admin.id
    entry = desk.feedback.add(value, admin)
    assert entry.person_name == MASK
    dialog.kind.setCurrentIndex(dialog.kind.findData("feedback"))
    assert not dialog.secret_note.isVisible()


def test_building_the_register_opens_no_stray_window(qtbot, desk, admin) -> None:
    """A parentless widget shown during construction flashes up as a window and steals the focus."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    from ui.feedback_section import FeedbackRegister

    shown: list[str] = []

    class WindowShows(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
                shown.append(type(obj).__name__)
            return False

    watcher = WindowShows()
    QApplication.instance().installEventFilter(watcher)
    try:
        register = FeedbackRegister(desk, admin)
        qtbot.addWidget(register)
    finally:
        QApplication.instance().removeEventFilter(watcher)
    assert shown == []
