"""Finding 7 in the window: when numbering jumps past the margin, the clerk is told in one sentence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import ADMIN_PASSWORD
from tests.ui.keyboard import press, type_text
from tests.ui.test_day import receive_by_keyboard


def test_the_receive_form_says_why_the_number_jumped(window, desk, qtbot, printer) -> None:
    # As on a new PC whose store came from a backup, before any sync: the marks are gone.
    desk.marks.set_state(desk.identity.desk_id, "lost", "2026-02-12")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.lock_page.username)
    type_text("admin")
    press(Qt.Key.Key_Return)
    type_text(ADMIN_PASSWORD)
    press(Qt.Key.Key_Return)
    receive_by_keyboard(window, "giam ho", "087186001234", "Nguyễn Thị Đào", "0912345678", "Ấp Tân Hòa")
    assert window.receive.message.text() == (
        "Đã tiếp nhận hồ sơ 87001-260212-1201, hẹn trả 24/02/2026 09:00. Máy này không còn sổ theo dõi số hồ sơ"
        " và chưa đồng bộ được với tỉnh, nên số hồ sơ ngày 12/02/2026 được nhảy lên từ 1201 để không trùng số"
        " đã cấp. Đã in biên nhận."
    )
