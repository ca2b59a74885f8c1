from __future__ import annotations

from datetime import datetime

import pytest

from app.core.worktime import VN_TZ
from app.desk import Desk
from tests.conftest import dossier_input
from ui.first_run import FirstRunDialog
from ui.printer import FolderPrinter, Printing
from ui.prompts import ReasonDialog


@pytest.fixture
def panel(qtbot, desk, admin, tmp_path):
    from ui.dossier_panel import DossierPanel

    printer = FolderPrinter(tmp_path / "out")
    widget = DossierPanel(desk, lambda: admin, Printing(lambda: desk.printing, printer))
    qtbot.addWidget(widget)
    widget.printer = printer
    return widget


def visible_actions(panel) -> list[str]:
    return [k for k, b in panel.buttons.items() if not b.isHidden()]


def test_every_action_records_an_event_and_prints_its_form(panel, desk, admin, clock, monkeypatch) -> None:
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, parent, title, prompt: "Thiếu giấy khai sinh."))
    code = desk.dossiers.receive(dossier_input(), admin).code
    panel.open_code(code)
    assert visible_actions(panel) == [
        "forwarded",
        "supplement_requested",
        "done",
        "returned",
        "apology_issued",
        "refused",
        "withdrawn",
        "stopped",
    ]
    clock.advance(minutes=30)
    assert panel.perform("forwarded")
    clock.advance(hours=2)
    assert panel.perform("supplement_requested")
    assert panel.dossier.status == "waiting_supplement"
    assert visible_actions(panel) == ["supplement_received", "apology_issued", "refused", "withdrawn", "stopped"]
    assert panel.fields["timeliness"].text() == "Trước hạn (so với hẹn trên giấy tiếp nhận 24/02/2026 09:00)"
    clock.advance(days=1)  # Friday 13 Feb 11:30: the clock restarts from here
    assert panel.perform("supplement_received")
    assert panel.dossier.due_at == datetime(2026, 2, 25, 11, 30, tzinfo=VN_TZ)  # 3 working days, Tết skipped
    assert panel.perform("done")
    assert panel.fields["status"].text() == "Có kết quả, chờ trả"
    # Indicator 2.1: the citizen's day is taken off, the receipt's first date compared: early.
    assert panel.fields["timeliness"].text().startswith("Trước hạn")
    kinds = [panel.history.item(r, 1).text() for r in range(panel.history.rowCount())]
    assert kinds == ["Tiếp nhận", "Chuyển xử lý", "Yêu cầu bổ sung", "Đã nhận bổ sung", "Có kết quả"]
    assert panel.history.item(2, 2).text() == "Trần Văn Quản"
    assert panel.history.item(2, 3).text() == "Thiếu giấy khai sinh."
    assert [p.name.split("-")[1] for p in panel.printer.jobs] == ["tracking", "supplement", "receipt", "tracking"]


def test_withdraw_and_cancelled_prompt(panel, desk, admin, monkeypatch) -> None:
    code = desk.dossiers.receive(dossier_input(), admin).code
    panel.open_code(code)
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, parent, title, prompt: None))
    assert panel.perform("withdrawn") is False
    assert desk.dossiers.get(code).status == "received"
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, parent, title, prompt: "Công dân xin rút."))
    assert panel.perform("withdrawn")
    assert desk.dossiers.get(code).status == "withdrawn"
    assert visible_actions(panel) == []
    assert panel.message.text() == "Đã ghi: Rút hồ sơ. Đã in phiếu."


def test_first_run_initialises_the_desk(qtbot, tmp_path, clock) -> None:
    desk = Desk.open(tmp_path / "new.sqlite3", clock)
    try:
        dialog = FirstRunDialog(desk)
        qtbot.addWidget(dialog)
        dialog.commune.setText("8700")
        dialog.commune_name.setText("Xã Mỹ An")
        dialog.province.setText("Đồng Tháp")
        dialog.password.setText("mat-khau-123")
        assert dialog.submit() is False
        assert dialog.message.text() == "Mã xã phải gồm đúng 5 chữ số."
        assert dialog.commune.property("invalid") is True
        dialog.commune.setText("87002")
        dialog.agency_code.setText("H15..50")
        assert dialog.submit() is False and dialog.agency_code.property("invalid") is True
        dialog.agency_code.setText("h15.50.05.13")
        assert dialog.submit() is True
        assert (desk.identity.commune_code, desk.identity.agency_code) == ("87002", "H15.50.05.13")
        assert desk.authenticate("admin", "mat-khau-123").role == "admin"
    finally:
        desk.close()


def test_the_apology_dialog_proposes_a_working_day_and_shows_its_weekday(qtbot, desk, admin) -> None:
    from PySide6.QtCore import QDateTime

    from ui.prompts import NewDateDialog

    dossier = desk.dossiers.receive(dossier_input(), admin)  # due Tue 24 Feb 2026 09:00
    proposed = desk.dossiers.default_new_due(dossier)
    dialog = NewDateDialog(dossier.due_at, proposed)
    qtbot.addWidget(dialog)
    assert dialog.chosen() == datetime(2026, 2, 27, 9, 0, tzinfo=VN_TZ)
    assert dialog.weekday.text() == "Thứ Sáu, 09:00 ngày 27/02/2026"
    dialog.new_due.setDateTime(QDateTime(datetime(2026, 2, 28, 22, 0)))
    assert dialog.weekday.text() == "Thứ Bảy, 22:00 ngày 28/02/2026"  # the clerk sees the Saturday night
