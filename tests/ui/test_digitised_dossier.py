"""Scans and fees in the window, on the real widgets: the reception form computes the fee by its rule,
asks a reason for a changed amount and attaches the picked scans on saving; the dossier panel shows
thumbnails, opens the viewer, records exemptions, reuse and payments, and shows the VietQR."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.core import settings
from app.fees import vietqr
from tests.app.files.scanpages import a4_page, three_pages
from tests.conftest import dossier_input


@pytest.fixture
def scan_files(tmp_path: Path) -> list[Path]:
    paths = []
    for data, name in three_pages():
        paths.append(tmp_path / name)
        paths[-1].write_bytes(data)
    return paths


@pytest.fixture
def bank(desk) -> None:
    settings.put(desk.store, "bank.bin", "970415")
    settings.put(desk.store, "bank.account", "113366668888")
    settings.put(desk.store, "bank.holder", "UBND XA TAN THANH")


def fill_applicant(form) -> None:
    form.full_name.setText("Nguyễn Thị Đào")
    form.address.setText("Ấp Tân Hòa")
    form.cccd.setText("087186001234")


def test_reception_computes_the_fee_needs_a_reason_to_change_it_and_attaches_scans(signed_in, desk, scan_files) -> None:
    form = signed_in.receive
    form.select_procedure("CT01")
    editor = form.extras.fee_editor
    assert "2.000 đ/trang" in editor.rule_label.text() and "tối đa 200.000 đ/bản" in editor.rule_label.text()
    assert editor.pages.isVisibleTo(form) and not editor.event_date.isVisibleTo(form)
    editor.pages.setValue(5)
    assert editor.amount.value() == 7000 and editor.why.text() == "5 trang × 1 bản: 7.000 đ"
    fill_applicant(form)
    form.documents.selectRow(1)
    form.extras.scans.add(1, scan_files)
    editor.amount.setValue(3000)
    assert form.save() is None
    assert "cần ghi lý do" in form.message.text() and editor.reason.property("invalid")
    editor.reason.setText("Giấy tờ của người khuyết tật")
    dossier = form.save()
    assert dossier is not None and "Đã đính kèm 1 bản quét" in form.message.text()
    fee = desk.fees.state(dossier).fee
    assert (fee.amount, fee.computed, fee.reason) == (3000, 7000, "Giấy tờ của người khuyết tật")
    docs = desk.files.documents(dossier)
    assert docs[0].current is None and docs[1].current.pages == 3
    assert editor.rule_label.text() == "Chọn thủ tục để tính lệ phí." and form.extras.scans.list.count() == 0


def test_birth_registration_shows_the_event_date_and_waives_in_time(signed_in, desk) -> None:
    from PySide6.QtCore import QDate

    form = signed_in.receive
    form.select_procedure("HT01")
    editor = form.extras.fee_editor
    assert editor.event_date.isVisibleTo(form) and not editor.pages.isVisibleTo(form)
    editor.event_date.setDate(QDate(2026, 1, 20))
    assert editor.amount.value() == 0 and editor.why.text().startswith("Đúng hạn (23/60 ngày)")
    editor.event_date.setDate(QDate(2025, 10, 1))
    assert editor.why.text().startswith("Quá hạn (134 ngày")


def test_reuse_is_offered_when_the_cccd_is_known(signed_in, desk, admin, monkeypatch) -> None:
    from ui.files_box import ChoiceDialog

    earlier = desk.dossiers.receive(dossier_input(), admin)
    desk.files.attach(earlier.code, three_pages(), admin, document_no=1)
    form = signed_in.receive
    form.select_procedure("CT02")
    fill_applicant(form)
    assert form.extras.scans.reuse_button.isVisibleTo(form)
    assert "1 giấy tờ đã số hóa" in form.extras.scans.reuse_line.text()
    monkeypatch.setattr(ChoiceDialog, "ask", classmethod(lambda cls, *a: 0))
    form.documents.selectRow(1)
    form.extras.scans.choose_reuse()
    dossier = form.save()
    reused = desk.files.documents(dossier)[1].current
    assert reused is not None and reused.reused_from == earlier.id


def test_a_file_dropped_on_a_document_row_is_attached(qtbot, desk, admin, scan_files) -> None:
    from ui.files_box import DossierFilesBox

    box = DossierFilesBox(desk, lambda: admin)
    qtbot.addWidget(box)
    box.resize(700, 400)
    box.show()
    dossier = desk.dossiers.receive(dossier_input(documents=[{"name": "A"}, {"name": "B"}, {"name": "C"}]), admin)
    box.show_dossier(dossier)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in scan_files])
    table = box.table
    y = table.rowViewportPosition(2) + 3
    drop = QDropEvent(
        QPointF(QPoint(40, y)), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    table.dropEvent(drop)
    current = desk.files.documents(dossier)[2].current
    assert current is not None and current.pages == 3
    assert table.item(2, 2).text() == "3 trang" and not table.item(2, 0).icon().isNull()
    viewer = box.view(2)
    assert viewer is not None and viewer.pages == 3
    viewer.close()


def test_dossier_panel_exemption_result_payment_and_vietqr(qtbot, desk, admin, bank, monkeypatch, tmp_path) -> None:
    from ui.dossier_panel import DossierPanel
    from ui.fee_widgets import PaymentDialog
    from ui.files_box import ChoiceDialog
    from ui.printer import FolderPrinter, Printing

    panel = DossierPanel(desk, lambda: admin, Printing(lambda: desk.printing, FolderPrinter(tmp_path / "printed")))
    qtbot.addWidget(panel)
    panel.show()
    dossier = desk.dossiers.receive(dossier_input(procedure="CT03", documents=[]), admin)
    panel.open_code(dossier.code)
    fee = panel.fee_box
    assert "Lệ phí: 50.000 đ" in fee.summary.text() and "Còn phải nộp: 50.000 đ" in fee.summary.text()
    assert fee.qr.pixmap() is not None and not fee.qr.pixmap().isNull()
    assert "Quét VietQR để chuyển khoản 50.000 đ" in fee.qr_caption.text()
    assert vietqr.decode(desk.fees.vietqr(dossier)).amount == 50000
    panel.files_box.table.selectRow(1)
    monkeypatch.setattr(ChoiceDialog, "ask", classmethod(lambda cls, *a: 2))  # verified by another agency
    assert panel.files_box.exempt()
    assert panel.files_box.table.item(1, 2).text() == "Kết quả xác minh của cơ quan khác"
    assert not panel.files_box.buttons["result"].isEnabled()
    monkeypatch.setattr(
        PaymentDialog,
        "ask",
        classmethod(lambda cls, *a: {"amount": 50000, "channel": "cash", "receipt_no": "", "reason": ""}),
    )
    assert not fee.record_payment()
    assert fee.message.text() == "Thu tiền mặt cần số biên lai."
    monkeypatch.setattr(
        PaymentDialog,
        "ask",
        classmethod(lambda cls, *a: {"amount": 50000, "channel": "cash", "receipt_no": "BL 07", "reason": ""}),
    )
    assert fee.record_payment()
    assert "Đã nộp đủ." in fee.summary.text() and fee.qr.pixmap().isNull() and not fee.pay_button.isEnabled()


def test_a_new_file_in_the_scanner_inbox_is_offered_for_the_dossier_on_screen(qtbot, desk, admin, tmp_path) -> None:
    from ui.files_box import DossierFilesBox
    from ui.scanner_inbox import ScannerInbox

    inbox_dir = tmp_path / "inbox"
    inbox_dir.mkdir()
    (inbox_dir / "old.jpg").write_bytes(a4_page(1))  # there before: not offered
    settings.put(desk.store, "scanner.inbox", str(inbox_dir))
    inbox = ScannerInbox.for_desk(desk)
    inbox.timer.setInterval(50)
    box = DossierFilesBox(desk, lambda: admin)
    qtbot.addWidget(box)
    box.show()
    dossier = desk.dossiers.receive(dossier_input(), admin)
    box.show_dossier(dossier)
    inbox.arrived.connect(box.offer)
    with qtbot.waitSignal(inbox.arrived, timeout=5000) as caught:
        (inbox_dir / "scan0001.jpg").write_bytes(a4_page(2))
    assert caught.args[0].name == "scan0001.jpg"
    assert box.inbox.isVisible() and "scan0001.jpg" in box.inbox.text.text()
    box.inbox.take.click()
    assert desk.files.documents(dossier)[0].current.name == "scan0001.jpg"
    assert not box.inbox.isVisible()


def test_the_window_offers_a_new_scan_to_the_reception_form_on_screen(signed_in, qtbot, tmp_path) -> None:
    from ui import scanner_inbox

    inbox_dir = tmp_path / "scanner"
    inbox_dir.mkdir()
    scanner_inbox.install(signed_in)  # ui.application does this when the desk is ready
    menu = next(a.menu() for a in signed_in.menuBar().actions() if a.menu())
    assert menu.actions()[0].text() == "Thư mục &máy quét…"
    signed_in.inbox.timer.setInterval(50)
    signed_in.inbox.watch(inbox_dir)
    signed_in.show_section("receive")
    form = signed_in.receive
    form.select_procedure("CT01")
    with qtbot.waitSignal(signed_in.inbox.arrived, timeout=5000):
        (inbox_dir / "scan0002.jpg").write_bytes(a4_page(3))
    offer = form.extras.scans.inbox
    assert offer.isVisible() and "scan0002.jpg" in offer.text.text()
    offer.take.click()
    assert [p.name for p in form.extras.scans.pending[0]] == ["scan0002.jpg"]
