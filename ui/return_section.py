"""Handing back results: type or scan the code, see the dossier, return it (F9)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.core.records import Clerk
from app.desk import Desk
from app.reception.records import Dossier
from ui.dossier_panel import DossierPanel
from ui.errors import CATCHABLE, user_error
from ui.printer import Printing
from ui.scanner import CODE, Scan
from ui.widgets import MessageLine, Section


class ReturnSection(Section):
    def __init__(
        self, desk: Desk, clerk: Callable[[], Clerk | None], printing: Printing, parent: QWidget | None = None
    ) -> None:
        super().__init__(desk, clerk, printing, parent)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("Nhập mã hồ sơ hoặc quét mã QR trên biên nhận"))
        self.code.returnPressed.connect(self.open_typed)
        caption = QLabel(self.tr("&Mã hồ sơ:"))
        caption.setBuddy(self.code)
        self.scan_note = MessageLine()
        self.panel = DossierPanel(desk, clerk, printing)
        top = QHBoxLayout()
        top.addWidget(caption)
        top.addWidget(self.code, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scan_note)
        layout.addWidget(self.panel, 1)

    def open_typed(self) -> Dossier | None:
        text = self.code.text().strip()
        found = CODE.search(text)
        return self.open_code(found.group(1) if found else text)

    def open_code(self, code: str) -> Dossier | None:
        try:
            dossier = self.panel.open_code(code)
        except CATCHABLE as caught:
            exc = user_error(caught)
            self.scan_note.show_error(exc)
            return None
        self.code.setText(dossier.code)
        self.scan_note.clear()
        self._ready()
        return dossier

    def open_scan(self, scan: Scan) -> Dossier | None:
        if scan.verdict == "forged":
            self.scan_note.error(self.tr("Mã QR không hợp lệ: chữ ký không khớp, biên nhận có thể bị làm giả."))
            return None
        dossier = self.open_code(scan.code)
        if dossier is not None and scan.verdict == "valid":
            self.scan_note.info(self.tr("Biên nhận hợp lệ (đã kiểm tra chữ ký)."))
        elif dossier is not None and scan.verdict == "unknown":
            self.scan_note.error(self.tr("Không kiểm tra được chữ ký: quầy cấp biên nhận chưa có trong danh sách."))
        return dossier

    def _ready(self) -> None:
        """Focus the hand-back button when the dossier can be returned now."""
        button = self.panel.buttons["returned"]
        if button.isVisible():
            button.setFocus()
