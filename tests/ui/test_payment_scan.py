"""Scanning the receipt's VietQR at the return screen: a sentence that says what it is, nothing forged."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core import settings
from tests.conftest import dossier_input
from tests.ui.keyboard import press, type_text
from ui.scanner import read_scan


def test_scanning_the_vietqr_says_it_is_the_payment_code(signed_in, desk, admin) -> None:
    settings.put(desk.store, "bank.bin", "970415")
    settings.put(desk.store, "bank.account", "113366668888")
    dossier = desk.dossiers.receive(dossier_input(procedure="CT02", documents=[]), admin)
    payload = desk.fees.vietqr(dossier)
    assert payload is not None and read_scan(desk, payload).verdict == "payment"
    signed_in.dossiers.search.setFocus()
    type_text(payload)
    press(Qt.Key.Key_Return)
    assert signed_in.tabs.currentWidget() is signed_in.returns
    assert signed_in.returns.panel.dossier is None
    note = signed_in.returns.scan_note.text()
    assert note.startswith("Đây là mã VietQR để nộp lệ phí") and "giả" not in note
    assert signed_in.dossiers.search.text() == ""  # the burst was taken back out of the search box
