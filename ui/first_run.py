"""First start on a new store: who this desk is, and its first administrator (Desk.initialise)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget

from app.core.accounts import InitRequest
from app.desk import Desk
from ui.errors import CATCHABLE, user_error
from ui.widgets import MessageLine, mark, unmark


class FirstRunDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(self.tr("Khởi tạo quầy Một cửa"))
        self.commune = QLineEdit()
        self.commune.setMaxLength(5)
        self.commune_name = QLineEdit()
        self.province = QLineEdit()
        # QCVN 102 electronic ID of the agency (e.g. H15.50.05.13); empty: the commune code.
        self.agency_code = QLineEdit()
        self.agency_code.setMaxLength(20)
        self.agency_code.setPlaceholderText(self.tr("ví dụ H15.50.05.13; để trống: dùng mã xã"))
        self.desk_no = QSpinBox()
        self.desk_no.setRange(1, 9)
        self.username = QLineEdit("admin")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.full_name = QLineEdit()
        self.message = MessageLine()
        self.fields = {
            "commune": self.commune,
            "commune_name": self.commune_name,
            "province": self.province,
            "agency_code": self.agency_code,
            "desk": self.desk_no,
            "username": self.username,
            "password": self.password,
            "full_name": self.full_name,
        }
        for widget in (self.commune_name, self.province, self.username, self.password, self.full_name):
            widget.setMinimumWidth(320)  # "Phường Nguyễn Thái Bình", "Bà Rịa – Vũng Tàu" fit in full
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        intro = QLabel(self.tr("Kho dữ liệu mới: nhập thông tin xã, số quầy và tài khoản quản trị đầu tiên."))
        intro.setWordWrap(True)
        form.addRow(intro)
        for caption, widget in (
            (self.tr("&Mã xã (5 chữ số):"), self.commune),
            (self.tr("&Tên xã:"), self.commune_name),
            (self.tr("T&ỉnh:"), self.province),
            (self.tr("Mã định danh &cơ quan:"), self.agency_code),
            (self.tr("Số &quầy:"), self.desk_no),
            (self.tr("Tên đăng nhập &quản trị:"), self.username),
            (self.tr("Mật &khẩu:"), self.password),
            (self.tr("&Họ tên quản trị:"), self.full_name),
        ):
            caption_label = QLabel(caption)
            caption_label.setBuddy(widget)
            form.addRow(caption_label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(self.message)
        form.addRow(buttons)

    def request(self) -> InitRequest:
        return InitRequest(
            commune_code=self.commune.text().strip(),
            commune_name=self.commune_name.text(),
            province=self.province.text(),
            desk_no=self.desk_no.value(),
            admin_username=self.username.text().strip(),
            admin_password=self.password.text(),
            admin_full_name=self.full_name.text().strip() or None,
            agency_code=self.agency_code.text().strip() or None,
        )

    def submit(self) -> bool:
        for widget in self.fields.values():
            unmark(widget)
        try:
            self.desk.initialise(self.request())
        except CATCHABLE as caught:
            exc = user_error(caught)
            self.message.show_error(exc)
            widget = self.fields.get(exc.field or "")
            if widget is not None:
                mark(widget, str(exc))
                widget.setFocus()
            return False
        self.accept()
        return True
