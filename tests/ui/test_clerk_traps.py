"""A clerk's day without traps (issue 15), on the real window: questions before what cannot be undone,
the rating screen at a one-monitor desk, printing without a printer, reprints, honest sync states."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from tests.conftest import dossier_input
from tests.ui.keyboard import shortcut
from ui.prompts import ConfirmDialog, ReasonDialog


@pytest.fixture
def at_return(signed_in, desk, qtbot):
    """The Return section on a dossier just received, ready for F9."""
    window = signed_in
    dossier = desk.dossiers.receive(dossier_input(), window.clerk)
    window.show_section("return")
    window.returns.open_code(dossier.code)
    qtbot.waitUntil(lambda: window.returns.panel.buttons["returned"].hasFocus())
    return window, dossier


def test_f9_answered_no_leaves_the_dossier_as_it_was(at_return, desk, qtbot, monkeypatch):
    window, dossier = at_return
    asked = []

    def answer(cls, parent, title, text, confirm, safe=False):
        asked.append((title, text, safe))
        return False

    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(answer))
    shortcut("F9")
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=2000)
    assert asked == [("Trả kết quả", f"Trả kết quả hồ sơ {dossier.code} của Nguyễn Thị Đào?", True)]
    after = desk.dossiers.get(dossier.code)
    assert (after.status, len(after.events)) == ("received", 1)
    assert window.returns.panel.buttons["returned"].isVisible()
    assert window.returns.panel.message.text() == ""


def test_f11_and_f12_ask_once_naming_dossier_and_citizen(at_return, desk, qtbot, monkeypatch):
    _window, dossier = at_return
    asked = []
    monkeypatch.setattr(
        ReasonDialog, "ask", classmethod(lambda cls, parent, title, prompt: asked.append((title, prompt)) or None)
    )
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda *a, **k: pytest.fail("asked twice")))
    for key in ("F11", "F12"):
        shortcut(key)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=2000)
    assert asked[0] == (
        f"Từ chối — {dossier.code}",
        f"Từ chối: hồ sơ {dossier.code} của Nguyễn Thị Đào. Việc này không hoàn tác được.\nLý do (in trên phiếu):",
    )
    assert asked[1][0] == f"Rút hồ sơ — {dossier.code}" and "Nguyễn Thị Đào" in asked[1][1]
    assert desk.dossiers.get(dossier.code).status == "received"


def test_enter_confirms_only_where_safe(qtbot):
    safe = ConfirmDialog("Trả kết quả", "Trả kết quả hồ sơ X?", "Trả kết quả", safe=True)
    risky = ConfirmDialog("Từ chối", "Từ chối hồ sơ X?", "Từ chối", safe=False)
    for dialog in (safe, risky):
        qtbot.addWidget(dialog)
    assert safe.defaultButton() is safe.yes and risky.defaultButton() is risky.no
    assert risky.escapeButton() is risky.no
    # The reason dialog: Enter in the text adds a line; the default button is Cancel, never OK.
    reason = ReasonDialog("Từ chối — X", "Lý do:")
    qtbot.addWidget(reason)
    reason.show()
    qtbot.waitExposed(reason)
    reason.reason.setFocus()
    qtbot.keyClicks(reason.reason, "abc")
    qtbot.keyClick(reason.reason, Qt.Key.Key_Return)
    assert reason.isVisible() and reason.reason.toPlainText() == "abc\n"
    buttons = reason.findChild(QDialogButtonBox)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).isDefault()
    assert not buttons.button(QDialogButtonBox.StandardButton.Ok).isDefault()
    assert isinstance(safe, QMessageBox)


def test_rating_screen_after_a_return_closes_by_escape_and_records_a_decline(at_return, desk, qtbot, monkeypatch):
    window, dossier = at_return
    window.rating_after_return = True
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda *a, **k: True))
    shortcut("F9")
    qtbot.waitUntil(lambda: window.rating_screen is not None and window.rating_screen.isVisible(), timeout=2000)
    screen = window.rating_screen
    assert not screen.own_screen and not screen.isFullScreen()  # one monitor: a window, not the whole screen
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.rating_screen is None or not window.rating_screen.isVisible(), timeout=2000)
    decline = desk.ratings.db.decline_for_dossier(dossier.id)
    assert (decline["how"], decline["clerk_id"]) == ("closed", window.clerk.id)


def test_rating_screen_after_a_return_times_out_and_records_a_decline(at_return, desk, qtbot, monkeypatch):
    import ui.rating_screen

    window, dossier = at_return
    window.rating_after_return = True
    monkeypatch.setattr(ui.rating_screen, "TIMEOUT_MS", 200)
    monkeypatch.setattr(ConfirmDialog, "ask", classmethod(lambda *a, **k: True))
    shortcut("F9")
    qtbot.waitUntil(lambda: desk.ratings.db.decline_for_dossier(dossier.id) is not None, timeout=5000)
    assert desk.ratings.db.decline_for_dossier(dossier.id)["how"] == "timeout"
    qtbot.waitUntil(lambda: window.rating_screen is None or not window.rating_screen.isVisible(), timeout=2000)


class Opened(QObject):
    """Stands in for the desktop's file opener: QDesktopServices hands it the URL."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def fill_and_save(window) -> None:
    form = window.receive
    window.show_section("receive")
    form.select_procedure("HT04")
    form.cccd.setText("087186001234")
    form.full_name.setText("Nguyễn Thị Đào")
    form.phone.setText("0912345678")
    form.address.setText("Ấp Tân Hòa, xã Tân Thành")
    return form.save()


def test_no_printer_keeps_the_pdf_and_offers_to_open_it(signed_in, desk, qtbot, isolated_folders, monkeypatch):
    from ui.printer import QtPrinter

    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: []))  # as on a desk without one
    window = signed_in
    window.printing.printer = QtPrinter(window, ask=False)
    form = window.receive
    save_y = form.save_button.mapTo(window, form.save_button.rect().topLeft()).y()
    dossier = fill_and_save(window)
    assert dossier is not None
    line = form.message
    kept = line.kept
    assert kept is not None and kept.read_bytes().startswith(b"%PDF")
    assert kept.parent == isolated_folders / "data" / "printed"
    # A short message, no path glued to it; the path is in the tooltip; two links.
    assert str(kept) not in line.text() and line.toolTip() == str(kept)
    assert f"Đã tiếp nhận hồ sơ {dossier.code}" in line.text()
    assert "Máy này chưa cài máy in; phiếu đã được lưu thành tệp PDF." in line.text()
    assert "href='open'" in line.text() and "href='folder'" in line.text()
    qtbot.wait(20)
    assert form.save_button.mapTo(window, form.save_button.rect().topLeft()).y() == save_y  # no layout jump
    opened = Opened()
    QDesktopServices.setUrlHandler("file", opened, "open")
    try:
        line.linkActivated.emit("open")
        line.linkActivated.emit("folder")
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in opened.urls] == [str(kept), str(kept.parent)]
    # The next citizen's form clears the message.
    form.procedure_filter.setFocus()
    qtbot.keyClicks(form.procedure_filter, "giam")
    assert line.text() == "" and line.kept is None


@pytest.mark.tools("pdftotext")
def test_any_form_reprinted_from_the_dossier_panel(signed_in, desk, printer, qtbot, tmp_path, monkeypatch):
    window = signed_in
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, parent, title, prompt: "Thiếu tờ khai."))
    dossier = fill_and_save(window)
    window.show_section("dossiers")
    dialog = window.dossiers.open_code(dossier.code)
    panel = dialog.panel
    assert panel.reprint_button.isVisible()
    assert [a.objectName() for a in panel.reprint_menu.actions()] == ["reprint_receipt", "reprint_tracking"]
    panel.perform("supplement_requested")
    assert [a.objectName() for a in panel.reprint_menu.actions()] == [
        "reprint_receipt",
        "reprint_tracking",
        "reprint_supplement",
    ]
    before = len(printer.jobs)
    panel.reprint_menu.actions()[0].trigger()
    assert len(printer.jobs) == before + 1
    job = printer.jobs[-1]
    assert job.name.endswith(f"receipt-{dossier.code}.pdf")
    text = subprocess.run(["pdftotext", str(job), "-"], capture_output=True, text=True, check=True).stdout
    assert "BẢN SAO (in lại lần 1)" in text
    assert panel.message.text() == "Đã in lại: Giấy tiếp nhận và hẹn trả kết quả."
    panel.reprint_menu.actions()[2].trigger()
    assert printer.jobs[-1].name.endswith(f"supplement-{dossier.code}.pdf")
    assert [p["form"] for p in desk.printing.prints(dossier.code)].count("receipt") == 2


def test_no_hub_no_false_promises(signed_in, desk, qtbot):
    """Not enrolled: the problems dialog says so and counts what waits; register rows are neutral."""
    from ui.register_model import RegisterModel

    window = signed_in
    for _ in range(3):
        desk.dossiers.receive(dossier_input(), window.clerk)
    assert not desk.sync.enrolled
    dialog = window.show_sync_problems()
    qtbot.addWidget(dialog)
    summary = dialog.summary.text()
    assert "chưa kết nối với máy chủ tỉnh" in summary and "motcua enroll" in summary
    assert f"{desk.sync.status().pending} bản ghi đang chờ" in summary and "đều được" not in summary
    window.show_section("dossiers")
    model = window.dossiers.model
    window.dossiers.refresh()
    cell = model.index(0, RegisterModel.COL_SYNC)
    qtbot.waitUntil(lambda: model.data(cell) is not None, timeout=2000)
    assert {model.data(model.index(r, RegisterModel.COL_SYNC)) for r in range(model.rowCount())} == {"chưa kết nối"}
    assert model.data(cell, Qt.ItemDataRole.ForegroundRole).color().name() == "#6b7280"


def test_smaller_traps(signed_in, desk, qtbot, monkeypatch):
    window = signed_in
    # The title names the commune once; Qt adds the product's name itself.
    assert window.windowTitle() == "Bộ phận Một cửa — Xã Tân Thành"
    assert "MotCua" not in window.windowTitle()
    # The procedure list shows whole rows: its last visible row is not clipped.
    form = window.receive
    window.show_section("receive")
    lst = form.procedure_list
    assert lst.count() >= 5
    qtbot.waitUntil(lambda: lst.isVisible())
    assert lst.visualItemRect(lst.item(4)).bottom() < lst.viewport().height()
    assert lst.visualItemRect(lst.item(4)).height() == lst.sizeHintForRow(0)
    # An empty document table says what goes there; it goes once a procedure is picked.
    assert form.documents_hint.isVisible() and "Chọn thủ tục" in form.documents_hint.text()
    form.select_procedure("HT04")
    assert not form.documents_hint.isVisible()
    # One date-time format: day first.
    assert form.due_label.text().startswith("Hẹn trả: 24/02/2026 09:00")
    # An empty register says why and what to do.
    window.show_section("dossiers")
    window.dossiers.search.setText("khong co ai ten nay")
    window.dossiers.apply_filters()
    assert window.dossiers.model.rowCount() == 0 and window.dossiers.empty_hint.isVisible()
    # A long history note wraps (and has a tooltip) instead of ending in "…".
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, parent, title, prompt: "Thiếu giấy tờ. " * 30))
    dossier = desk.dossiers.receive(dossier_input(), window.clerk)
    window.show_section("return")
    window.returns.open_code(dossier.code)
    panel = window.returns.panel
    assert panel.perform("supplement_requested")
    assert panel.fields["received"].text() == "12/02/2026 09:00"
    note = panel.history.item(1, 3)
    assert note.toolTip() == note.text() and panel.history.wordWrap()
    assert panel.history.textElideMode() == Qt.TextElideMode.ElideNone
    assert panel.history.rowHeight(1) > panel.history.rowHeight(0)


def test_first_run_fields_fit_vietnamese_names(qtbot, tmp_path, clock):
    from app.desk import Desk
    from ui.first_run import FirstRunDialog

    with Desk.open(tmp_path / "new.sqlite3", clock) as desk:
        dialog = FirstRunDialog(desk)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for widget, text in (
            (dialog.commune_name, "Phường Nguyễn Thái Bình"),
            (dialog.province, "Thành phố Hồ Chí Minh"),
            (dialog.full_name, "Nguyễn Thị Phương Thảo"),
        ):
            widget.setText(text)
            assert widget.fontMetrics().horizontalAdvance(text) + 16 < widget.width()
