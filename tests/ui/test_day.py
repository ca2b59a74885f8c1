"""A whole day at the desk, by keyboard: sign in, receive three dossiers, search, scan, return, refuse, apologise."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core.worktime import VN_TZ
from app.printing import qr
from db.dossier_store import DossierStore
from tests.conftest import ADMIN_PASSWORD
from tests.ui.keyboard import focused, press, shortcut, type_text
from ui.prompts import ConfirmDialog, NewDateDialog, ReasonDialog
from ui.register_model import RegisterModel

Key = Qt.Key


def receive_by_keyboard(
    window, procedure_query: str, cccd: str, name: str = "", phone: str = "", address: str = ""
) -> None:
    shortcut("F2")
    assert focused() is window.receive.procedure_filter
    type_text(procedure_query)
    press(Key.Key_Return)  # picks the first match, moves to the CCCD
    assert focused() is window.receive.cccd
    type_text(cccd)
    for value in (name, phone, address):
        press(Key.Key_Tab)
        if value:
            type_text(value)
    shortcut("Ctrl+Return")


def scan(payload: str) -> None:
    """What a USB scanner does: the payload as fast keys, then Enter, into whatever has the focus."""
    QApplication.processEvents()
    type_text(payload)
    press(Key.Key_Return)


def test_a_day_at_the_desk(window, desk, qtbot, printer, monkeypatch) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.lock_page.username)
    assert window.locked

    # Sign in.
    type_text("admin")
    press(Key.Key_Return)
    type_text(ADMIN_PASSWORD)
    press(Key.Key_Return)
    assert window.clerk is not None and window.clerk.username == "admin"
    assert window.clerk_label.text() == "Cán bộ: Trần Văn Quản (Quản trị)"
    assert focused() is window.receive.procedure_filter

    # 1. Guardianship (3 working days): new citizen, Vietnamese typed through the input method.
    window.receive.procedure_filter.setFocus()
    type_text("giam ho")
    assert window.receive.procedure_list.count() == 1
    assert window.receive.due_label.text() == "Hẹn trả: chọn thủ tục để tính"
    receive_by_keyboard(window, "", "087186001234", "Nguyễn Thị Đào", "0912345678", "Ấp Tân Hòa, xã Tân Thành")
    first = DossierStore(desk.store).dossier_by_code("87001-260212-1001")
    assert first["applicant_name"] == "Nguyễn Thị Đào"
    assert first["procedure_code"] == "HT04"
    assert first["due_at"] == "2026-02-24T09:00:00+07:00"  # Tết (14-22 February) is not counted
    assert window.receive.message.text() == (
        "Đã tiếp nhận hồ sơ 87001-260212-1001, hẹn trả 24/02/2026 09:00. Đã in biên nhận."
    )
    assert [p.name for p in printer.jobs] == ["001-receipt-87001-260212-1001.pdf"]
    assert printer.jobs[0].read_bytes().startswith(b"%PDF")

    # 2. The same citizen again: the CCCD fills in the applicant.
    receive_by_keyboard(window, "khai sinh", "087186001234")
    second = DossierStore(desk.store).dossier_by_code("87001-260212-1002")
    assert (second["applicant_name"], second["applicant_phone"], second["procedure_code"]) == (
        "Nguyễn Thị Đào",
        "0912345678",
        "HT01",
    )

    # 3. A wrong phone number: nothing is lost, the field is marked, one sentence says why.
    receive_by_keyboard(window, "xac nhan hon nhan", "001090004321", "Trần Văn Bình", "0123", "Thôn Đông")
    form = window.receive
    assert DossierStore(desk.store).count_dossiers() == 2
    assert form.message.text() == (
        "Số điện thoại phải là số di động 10 chữ số (đầu 03, 05, 07, 08, 09) hoặc số cố định 11 chữ số (đầu 02)."
    )
    assert form.phone.property("invalid") is True
    assert focused() is form.phone
    assert (form.full_name.text(), form.address.text(), form.procedure.code) == ("Trần Văn Bình", "Thôn Đông", "HT08")
    form.phone.selectAll()
    type_text("0987654321")
    shortcut("Ctrl+Return")
    assert DossierStore(desk.store).dossier_by_code("87001-260212-1003")["applicant_phone"] == "0987654321"
    assert form.phone.property("invalid") is False

    # Search without diacritics.
    shortcut("F3")
    assert focused() is window.dossiers.search
    type_text("tran binh")
    model = window.dossiers.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
    assert model.data(model.index(0, RegisterModel.COL_APPLICANT)) == "Trần Văn Bình"
    assert window.dossiers.count_label.text() == "1 hồ sơ"

    # Scan the first receipt while the focus is still in the search box: the dossier opens, ready to return.
    desk.printing.set_qr_url_prefix("https://tracuu.example.vn/hs#")
    payload = desk.printing.receipt_payload(desk.dossiers.get("87001-260212-1001"))
    assert qr.decode(payload).claim.code == "87001-260212-1001"
    scan(payload)
    assert window.tabs.currentWidget() is window.returns
    assert window.returns.panel.dossier.code == "87001-260212-1001"
    assert window.returns.scan_note.text() == "Biên nhận hợp lệ (đã kiểm tra chữ ký)."
    assert window.dossiers.search.text() == "tran binh"  # the scan did not land in the search box
    assert window.returns.panel.buttons["returned"].hasFocus()

    # Hand it back (F9: returned straight from received, as for a ready result), after one question.
    asked = []
    monkeypatch.setattr(
        ConfirmDialog,
        "ask",
        classmethod(lambda cls, parent, title, text, confirm, safe=False: asked.append(text) or True),
    )
    shortcut("F9")  # a button's shortcut clicks it visibly: the click lands ~100 ms later
    qtbot.waitUntil(lambda: desk.dossiers.get("87001-260212-1001").status == "returned", timeout=2000)
    assert not window.returns.panel.buttons["returned"].isVisible()
    assert asked == ["Trả kết quả hồ sơ 87001-260212-1001 của Nguyễn Thị Đào?"]

    # Refuse the second, apologise for the third, from the Return section by typing the code.
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, parent, title, prompt: "Không thuộc thẩm quyền."))
    monkeypatch.setattr(
        NewDateDialog,
        "ask",
        classmethod(lambda cls, parent, due, proposed: (datetime(2026, 2, 27, 9, 0, tzinfo=VN_TZ), "Xác minh.")),
    )
    shortcut("F4")
    window.returns.code.selectAll()
    type_text("87001-260212-1002")
    press(Key.Key_Return)
    assert window.returns.panel.dossier.code == "87001-260212-1002"
    shortcut("F11")
    qtbot.waitUntil(lambda: desk.dossiers.get("87001-260212-1002").status == "refused", timeout=2000)
    window.returns.code.setFocus()
    window.returns.code.selectAll()
    type_text("87001-260212-1003")
    press(Key.Key_Return)
    shortcut("F10")
    qtbot.waitUntil(lambda: len(desk.dossiers.get("87001-260212-1003").events) == 2, timeout=2000)
    third = desk.dossiers.get("87001-260212-1003")
    assert third.due_at == datetime(2026, 2, 27, 9, 0, tzinfo=VN_TZ)
    assert not window.returns.panel.buttons["apology_issued"].isVisible()  # once only

    # The store: every event with who and when.
    events = {
        (e.kind, e.data.get("reason"))
        for code in ("87001-260212-1001", "87001-260212-1002", "87001-260212-1003")
        for e in desk.dossiers.get(code).events
    }
    assert events == {
        ("received", None),
        ("returned", None),
        ("refused", "Không thuộc thẩm quyền."),
        ("apology_issued", "Xác minh."),
    }
    admin_id = window.clerk.id
    assert {e.clerk_id for e in third.events} == {admin_id}
    assert [str(e.at) for e in third.events] == ["2026-02-12 09:00:00+07:00", "2026-02-12 09:00:00+07:00"]
    assert DossierStore(desk.store).status_counts() == {"returned": 1, "refused": 1, "received": 1}
    assert [p.name.split("-", 1)[1] for p in printer.jobs] == [
        "receipt-87001-260212-1001.pdf",
        "receipt-87001-260212-1002.pdf",
        "receipt-87001-260212-1003.pdf",
        "tracking-87001-260212-1001.pdf",
        "refusal-87001-260212-1002.pdf",
        "apology-87001-260212-1003.pdf",
    ]
    assert window.returns.panel.message.text() == "Đã ghi: Xin lỗi, hẹn lại. Đã in phiếu."
