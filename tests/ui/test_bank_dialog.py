"""The commune's bank account, set by an admin from the window with the same check as
``motcua config set``; then the VietQR shows; a clerk is told who may change it."""

from __future__ import annotations

import pytest

from app.core import settings
from app.fees import vietqr
from tests.conftest import dossier_input
from ui import bank_dialog
from ui.main import main


def test_an_admin_sets_the_account_checked_as_the_command_line_checks_it(
    signed_in, desk, admin, capsys: pytest.CaptureFixture[str]
) -> None:
    bank_dialog.install(signed_in)
    assert signed_in.bank_action in signed_in.menuBar().actions()[0].menu().actions()
    signed_in.bank_action.trigger()
    dialog = signed_in.findChild(bank_dialog.BankDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.edits["bank.bin"].setText("97041")  # five digits
    dialog.edits["bank.account"].setText("113366668888")
    dialog.edits["bank.holder"].setText("UBND xã Tân Thành")
    assert not dialog.save()
    assert dialog.message.text() == "Mã BIN ngân hàng (NAPAS) phải gồm đúng 6 chữ số, ví dụ 970415."
    assert dialog.edits["bank.bin"].property("invalid")
    assert settings.get(desk.store, "bank.account") == ""  # none of the three kept
    # The command line says the same sentence for the same value: one check.
    assert main(["config", "set", "bank.bin", "97041", "--db", str(desk.store.path)]) == 1
    assert capsys.readouterr().err.strip() == dialog.message.text()
    dialog.edits["bank.bin"].setText(" 970415 ")
    assert dialog.save() and not dialog.isVisible()
    assert [settings.get(desk.store, k) for k in bank_dialog.FIELDS] == ["970415", "113366668888", "UBND XA TAN THANH"]
    dossier = desk.dossiers.receive(dossier_input(procedure="CT03", documents=[]), admin)
    assert vietqr.decode(desk.fees.vietqr(dossier)).account == "113366668888"


def test_a_clerk_cannot_change_it(qtbot, window, desk, clerk) -> None:
    window.lock_page.username.setText("nhanvien")
    from tests.conftest import ADMIN_PASSWORD

    window.lock_page.password.setText(ADMIN_PASSWORD)
    window.lock_page.submit()
    assert window.clerk is not None and window.clerk.role == "clerk"
    assert bank_dialog.open_dialog(desk, window.clerk, window) is None
    assert window.statusBar().currentMessage() == "Chỉ quản trị viên được đổi tài khoản ngân hàng."
