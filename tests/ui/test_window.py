from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from app.printing import qr
from db.dossier_store import DossierStore
from tests.conftest import ADMIN_PASSWORD, dossier_input
from tests.ui.keyboard import focused, press, type_text
from ui import i18n
from ui.main_window import MainWindow
from ui.scanner import read_scan


def sign_in(window) -> None:
    window.lock_page.username.setText("admin")
    window.lock_page.password.setText(ADMIN_PASSWORD)
    assert window.lock_page.submit() is not None


def test_wrong_password_says_so_and_stays_locked(window) -> None:
    window.lock_page.username.setText("admin")
    window.lock_page.password.setText("sai-mat-khau")
    assert window.lock_page.submit() is None
    assert window.locked
    assert window.lock_page.message.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert window.stack.currentWidget() is window.lock_page


def test_idle_lock_keeps_the_form(qtbot, desk, printer) -> None:
    win = MainWindow(desk, printer=printer, idle_minutes=0.002)  # 120 ms
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    sign_in(win)
    win.receive.select_procedure("HT04")
    win.receive.full_name.setFocus()
    type_text("Lê Thị Hoa")
    qtbot.waitUntil(lambda: win.locked, timeout=3000)
    assert win.stack.currentWidget() is win.lock_page
    assert win.lock_page.subtitle.text() == "Màn hình đã khoá; đăng nhập để tiếp tục"
    assert win.clerk_label.text() == "Chưa đăng nhập"
    sign_in(win)
    assert win.receive.full_name.text() == "Lê Thị Hoa"
    assert win.receive.procedure.code == "HT04"
    assert focused() is win.receive.full_name
    win.shutdown()


def test_sections_and_a_place_for_more(signed_in) -> None:
    from PySide6.QtWidgets import QLabel

    signed_in.add_section("extra", "&9 Thêm", QLabel("…"))
    assert [signed_in.tabs.tabText(i) for i in range(signed_in.tabs.count())] == [
        "&1 Tiếp nhận",
        "&2 Hồ sơ",
        "&3 Trả kết quả",
        "&4 Phản ánh, kiến nghị",
        "&5 Tiếp công dân",
        "&6 Báo cáo",  # the admin is signed in: the Reports section is theirs
        "&9 Thêm",
    ]
    assert signed_in.desk_label.text() == "Quầy 1 — Xã Tân Thành"
    assert signed_in.sync_label.objectName() == "syncState"


def test_receive_without_procedure_marks_the_picker(signed_in, desk) -> None:
    form = signed_in.receive
    form.full_name.setText("Lê Văn Tám")
    assert form.save() is None
    assert form.message.text() == "Chưa chọn thủ tục hành chính."
    assert form.procedure_filter.property("invalid") is True
    assert form.full_name.text() == "Lê Văn Tám"
    assert DossierStore(desk.store).count_dossiers() == 0


def test_receive_reports_the_field_named_by_the_error(signed_in, desk) -> None:
    form = signed_in.receive
    form.select_procedure("HT04")
    form.cccd.setText("087186001234")
    assert form.save() is None
    assert form.message.text() == "Họ và tên không được để trống."
    assert form.full_name.property("invalid") is True
    assert form.full_name.toolTip() == "Họ và tên không được để trống."
    assert form.cccd.text() == "087186001234"


def test_unchecked_documents_are_not_recorded(signed_in, desk) -> None:
    form = signed_in.receive
    form.select_procedure("HT05")
    assert form.documents.rowCount() >= 2
    form.documents.item(1, 0).setCheckState(Qt.CheckState.Unchecked)
    form.documents.cellWidget(0, 2).setValue(2)
    form.cccd.setText("087186001234")
    form.full_name.setText("Lê Văn Tám")
    rows = form.documents.rowCount()
    names = [form.documents.item(r, 0).text() for r in range(rows)]
    dossier = form.save()
    assert dossier is not None
    kept = desk.dossiers.get(dossier.code).documents
    assert [d.name for d in kept] == [names[0], *names[2:]]
    assert kept[0].count == 2


def test_receive_records_identity_check_and_the_deciding_agency(signed_in, desk) -> None:
    form = signed_in.receive
    form.select_procedure("TP01")
    assert form.deciding.text().startswith("Cơ quan giải quyết: Sở Tư pháp tỉnh")
    assert not form.for_commune.isEnabled()
    form.cccd.setText("087186001234")
    form.full_name.setText("Lê Văn Tám")
    form.identity.setCurrentIndex(form.identity.findData("vneid"))
    dossier = form.save()
    assert dossier is not None
    assert (dossier.identity_check, dossier.deciding_agency) == ("vneid", "Sở Tư pháp tỉnh")
    assert form.identity.currentData() == "" and form.deciding.text() == ""
    desk.sync.sync_store.set_settings(
        {"communes": '[{"code": "87001", "name": "Xã Tân Thành"}, {"code": "87002", "name": "Xã Mỹ Hiệp"}]'}
    )
    form.select_procedure("HT04")
    assert form.for_commune.isEnabled()
    assert form.commune_choices.stringList() == ["87002 Xã Mỹ Hiệp"]  # the hub's list, this commune left out
    form.cccd.setText("087186001234")
    form.full_name.setText("Lê Văn Tám")
    form.for_commune.setText("8700 Xã Mỹ Hiệp")
    assert form.save() is None and form.for_commune.property("invalid") is True
    form.for_commune.setText("87002 Xã Mỹ Hiệp")
    other = form.save()
    assert other is not None and (other.for_commune, other.deciding_agency) == ("87002", "UBND xã Mỹ Hiệp")


def test_procedure_picker_filters_without_accents(signed_in) -> None:
    form = signed_in.receive
    form.procedure_filter.setFocus()
    type_text("khai tu")
    items = [form.procedure_list.item(i).text() for i in range(form.procedure_list.count())]
    assert items == ["HT03 — Đăng ký khai tử (Trong ngày)"]
    press(Qt.Key.Key_Tab)
    assert form.procedure.code == "HT03"
    assert focused() is form.cccd
    assert form.due_label.text() == "Hẹn trả: 12/02/2026 17:00 (Trong ngày)"


def test_scan_that_is_forged_opens_nothing(signed_in, desk, admin, qtbot) -> None:
    code = desk.dossiers.receive(dossier_input(), admin).code
    payload = desk.printing.receipt_payload(desk.dossiers.get(code))
    forged = payload[:-3] + ("000" if not payload.endswith("000") else "111")
    assert read_scan(desk, forged).verdict == "forged"
    signed_in.dossiers.search.setFocus()
    type_text(forged)
    press(Qt.Key.Key_Return)
    assert signed_in.tabs.currentWidget() is signed_in.returns
    assert signed_in.returns.panel.dossier is None
    assert signed_in.returns.scan_note.text() == ("Mã QR không hợp lệ: chữ ký không khớp, biên nhận có thể bị làm giả.")
    assert qr.decode(forged).claim.code == code


def test_slow_typing_is_not_a_scan(signed_in, desk, admin) -> None:
    code = desk.dossiers.receive(dossier_input(), admin).code
    ticks = iter(float(i) for i in range(1000))  # one key a second: a person, not a scanner
    signed_in.scanner.clock = lambda: next(ticks)
    signed_in.show_section("dossiers")
    signed_in.dossiers.search.setFocus()
    type_text(code)
    press(Qt.Key.Key_Return)
    assert signed_in.tabs.currentWidget() is signed_in.dossiers
    assert signed_in.returns.panel.dossier is None
    assert signed_in.dossiers.search.text() == code
    assert signed_in.dossiers.dialog.panel.dossier.code == code  # Enter on one result opens it


def test_language_choice_is_remembered(window, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    window.language_actions["en"].trigger()
    assert QSettings().value(i18n.SETTINGS_KEY) == "en"
    assert i18n.saved_language() == "en"


def test_english_translation_is_installed(qtbot, desk, printer) -> None:
    assert i18n.install("en") == "en"
    try:
        win = MainWindow(desk, printer=printer)
        qtbot.addWidget(win)
        assert win.lock_page.button.text() == "Sign &in"
        sign_in(win)
        assert [win.tabs.tabText(i) for i in range(3)] == ["&1 Receive", "&2 Dossiers", "&3 Return results"]
        model = win.dossiers.model
        assert model.headerData(0, Qt.Orientation.Horizontal) == "Dossier code"
        win.shutdown()
    finally:
        i18n.install("vi")


def test_qt_standard_buttons_speak_vietnamese(qapp) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    i18n.install("vi")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    texts = sorted(b.text() for b in box.buttons())
    assert texts == ["&Huỷ", "Đồng ý"] or texts == ["Huỷ", "Đồng ý"]


def test_feedback_section_joins_after_sign_in(signed_in) -> None:
    assert "feedback" in signed_in.sections
    assert signed_in.tabs.tabText(3) == "&4 Phản ánh, kiến nghị"


def test_rating_screen_opens_after_a_return(signed_in, desk, admin, qtbot, monkeypatch) -> None:
    from ui.prompts import ConfirmDialog

    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda *a, **k: True))
    code = desk.dossiers.receive(dossier_input(), admin).code
    signed_in.rating_after_return = True
    signed_in.show_section("return")
    signed_in.returns.open_code(code)
    assert signed_in.returns.panel.perform("returned")
    screen = signed_in.rating_screen
    assert screen.dossier_code == code
    assert screen.isVisible()
    screen.close()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is not screen)


def test_sync_state_in_the_status_bar(signed_in, qtbot) -> None:
    qtbot.waitUntil(lambda: signed_in.sync_label.text() == "Đồng bộ: chưa đăng ký với tỉnh", timeout=5000)
