"""The fee on screen: at reception (the rule's amount, its inputs, a change with its reason) and in the
dossier panel (fee, paid, due, recording a payment, the VietQR for a transfer).

The amounts come from app.fees; nothing here computes a fee. Dialogs have an ``ask`` class method
that returns the answer or None, so tests replace it instead of clicking through a modal.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import qrcode
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.records import Clerk, label
from app.desk import Desk
from app.fees.rules import FeeInputs, FeeRule, money
from app.fees.service import CHANNELS
from app.reception.records import Dossier, Procedure
from ui import i18n
from ui.errors import CATCHABLE, user_error
from ui.widgets import MessageLine, mark, unmark


def qr_pixmap(payload: str, module_px: int = 4) -> QPixmap:
    """A QR as a crisp pixmap: one square of ``module_px`` pixels a module, quiet zone of four."""
    qr = qrcode.QRCode(border=4)
    qr.add_data(payload)
    qr.make(fit=True)
    rows = qr.get_matrix()
    side = len(rows)
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    black = QColor("black").rgb()
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                image.setPixel(x, y, black)
    return QPixmap.fromImage(image.scaled(side * module_px, side * module_px))


class AmountEdit(QSpinBox):
    """Đồng, grouped by dots as Vietnamese writes them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 100_000_000)
        self.setSingleStep(1000)
        self.setGroupSeparatorShown(True)
        self.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))  # 28.000 đ, as on paper
        self.setSuffix(" đ")


class FeeEditor(QGroupBox):
    """At reception: the rule in words, what it needs (pages, copies, event date) and the amount it
    gives; the clerk may type another amount, which then needs a reason."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Lệ phí"), parent)
        self.desk = desk
        self.rule: FeeRule | None = None
        self.computed: int | None = None
        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        self.rule_label.setObjectName("feeRule")
        self.pages = QSpinBox()
        self.pages.setRange(1, 10_000)
        self.copies = QSpinBox()
        self.copies.setRange(1, 10_000)
        self.event_date = QDateEdit()
        self.event_date.setCalendarPopup(True)
        self.event_date.setDisplayFormat("dd/MM/yyyy")
        self.event_known = False
        self.amount = AmountEdit()
        self.amount.setObjectName("feeAmount")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Bắt buộc khi sửa số tiền khác quy tắc"))
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setStyleSheet("color: #1a5276;")
        form = QFormLayout(self)
        form.addRow(self.rule_label)
        self.rows: dict[str, tuple[QLabel, QWidget]] = {}
        for key, caption, widget in (
            ("pages", self.tr("Số trang mỗi bản:"), self.pages),
            ("copies", self.tr("Số bản:"), self.copies),
            ("event_date", self.tr("Ngày sinh / ngày chết:"), self.event_date),
        ):
            caption_label = QLabel(caption)
            form.addRow(caption_label, widget)
            self.rows[key] = (caption_label, widget)
        form.addRow(self.tr("Số tiền:"), self.amount)
        form.addRow(self.tr("Lý do sửa:"), self.reason)
        form.addRow(self.why)
        for spin in (self.pages, self.copies):
            spin.valueChanged.connect(self.recompute)
        self.event_date.dateChanged.connect(self._event_changed)
        self.amount.valueChanged.connect(self._amount_changed)
        self.set_procedure(None)

    def _show_rows(self, keys: set[str]) -> None:
        for key, (caption, widget) in self.rows.items():
            caption.setVisible(key in keys)
            widget.setVisible(key in keys)

    def set_procedure(self, proc: Procedure | None) -> None:
        today = self.desk.clock.now().date()
        self.rule = self.desk.fees.rule_for(proc.code, today) if proc else None
        self.event_known = False
        self.event_date.blockSignals(True)
        self.event_date.setDate(QDate(today.year, today.month, today.day))
        self.event_date.blockSignals(False)
        for spin in (self.pages, self.copies):
            spin.blockSignals(True)
            spin.setValue(1)
            spin.blockSignals(False)
        self.reason.clear()
        unmark(self.reason)
        lang = i18n.lang()
        if proc is None:
            self.rule_label.setText(self.tr("Chọn thủ tục để tính lệ phí."))
        elif self.rule is None:
            self.rule_label.setText(self.tr("Danh mục chưa có quy tắc lệ phí: %1").replace("%1", proc.fee or "—"))
        else:
            self.rule_label.setText(self.rule.describe(lang))
            self.rule_label.setToolTip(self.rule.source)
        kind = self.rule.kind if self.rule else ""
        self._show_rows(
            {"pages", "copies"}
            if kind == "per_page"
            else {"copies"}
            if kind == "fixed" and self.rule and self.rule.unit == "copy"
            else {"event_date"}
            if kind == "waived_in_time"
            else set()
        )
        self.recompute()

    def _event_changed(self, _date: QDate) -> None:
        self.event_known = True
        self.recompute()

    def inputs(self) -> FeeInputs:
        qd = self.event_date.date()
        event = date(qd.year(), qd.month(), qd.day()) if self.event_known else None
        return FeeInputs(self.pages.value(), self.copies.value(), event)

    def recompute(self) -> None:
        """The rule's amount for what is entered; the amount box follows it until the clerk changes it."""
        if self.rule is None:
            self.computed = None
            self.why.setText("")
            return
        lang = i18n.lang()
        try:
            quote = self.desk.fees.quote(self.rule.procedure, self.desk.clock.now().date(), self.inputs())
        except CATCHABLE as caught:  # an event date after today
            self.why.setText(user_error(caught).message(lang))
            return
        self.computed = quote.amount
        self.amount.blockSignals(True)
        self.amount.setValue(quote.amount or 0)
        self.amount.blockSignals(False)
        self.why.setText(quote.why(lang))

    def _amount_changed(self, value: int) -> None:
        unmark(self.reason)
        if self.computed is not None and value != self.computed:
            self.why.setText(self.tr("Đã sửa: theo quy tắc là %1; cần ghi lý do.").replace("%1", money(self.computed)))

    @property
    def changed(self) -> bool:
        return self.rule is not None and self.computed is not None and self.amount.value() != self.computed

    def fee_input(self) -> dict[str, Any] | None:
        """The ``fee`` part of the ``receive`` input (app.fees.service.parse_fee_input)."""
        if self.rule is None:
            return None
        given: dict[str, Any] = {"pages": self.pages.value(), "copies": self.copies.value()}
        inputs = self.inputs()
        if inputs.event_date is not None:
            given["event_date"] = inputs.event_date.isoformat()
        if self.changed or (self.computed is None and self.amount.value()):
            given["amount"] = self.amount.value()
            given["reason"] = self.reason.text()
        return given

    def show_error(self, message: str) -> None:
        mark(self.reason, message)
        self.reason.setFocus()


class PaymentDialog(QDialog):
    """A payment: the amount (the fee due unless changed, with a reason), how, and the receipt number."""

    def __init__(self, due: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ghi nhận nộp lệ phí"))
        self.amount = AmountEdit()
        self.amount.setValue(due or 0)
        self.channel = QComboBox()
        for key in CHANNELS:
            self.channel.addItem(label(CHANNELS, key, i18n.lang()), key)
        self.receipt_no = QLineEdit()
        self.reason = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("Số tiền:"), self.amount)
        form.addRow(self.tr("Hình thức:"), self.channel)
        form.addRow(self.tr("Số biên lai (tiền mặt):"), self.receipt_no)
        form.addRow(self.tr("Lý do (khi khác mức phải nộp):"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, due: int | None) -> dict[str, Any] | None:
        dialog = cls(due, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return {
            "amount": dialog.amount.value(),
            "channel": dialog.channel.currentData(),
            "receipt_no": dialog.receipt_no.text(),
            "reason": dialog.reason.text(),
        }


class FeeBox(QGroupBox):
    """In the dossier panel: the fee with its rule, what was paid, what is due; record a payment; the
    VietQR for a transfer when the commune's account is set."""

    def __init__(self, desk: Desk, clerk, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Lệ phí"), parent)
        self.desk = desk
        self.current_clerk = clerk
        self.dossier: Dossier | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("feeSummary")
        self.pay_button = QPushButton(self.tr("Ghi nhận nộp tiền…"))
        self.pay_button.clicked.connect(self.record_payment)
        self.qr = QLabel()
        self.qr.setObjectName("vietqr")
        self.qr_caption = QLabel()
        self.qr_caption.setWordWrap(True)
        self.message = MessageLine()
        text = QVBoxLayout()
        text.addWidget(self.summary)
        text.addWidget(self.pay_button, 0, Qt.AlignmentFlag.AlignLeft)
        text.addWidget(self.qr_caption)
        text.addWidget(self.message)
        text.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(text, 1)
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)

    def show_dossier(self, dossier: Dossier | None) -> None:
        self.dossier = dossier
        self.message.clear()
        self.qr.clear()
        self.qr_caption.clear()
        if dossier is None:
            self.summary.clear()
            self.pay_button.setEnabled(False)
            return
        lang = i18n.lang()
        state = self.desk.fees.state(dossier)
        fee = state.fee
        lines = []
        if fee is None:
            quote = self.desk.fees.quote(dossier.procedure_code, dossier.received_at.date())
            lines.append(self.tr("Lệ phí: %1").replace("%1", quote.why(lang) or money(quote.amount, lang)))
        else:
            lines.append(self.tr("Lệ phí: %1").replace("%1", money(fee.amount, lang)))
            if fee.changed and fee.computed is not None:
                lines.append(
                    self.tr("(sửa từ %1: %2)").replace("%1", money(fee.computed, lang)).replace("%2", fee.reason)
                )
            rule = fee.rule.get("source", "")
            if rule:
                self.summary.setToolTip(rule)
        for p in state.payments:
            lines.append(
                f"✔ {money(p.amount, lang)} — {label(CHANNELS, p.channel, lang)}"
                + (f", {p.receipt_no}" if p.receipt_no else "")
                + f", {p.paid_at:%d/%m/%Y %H:%M}"
            )
        if state.due:
            lines.append(self.tr("Còn phải nộp: %1").replace("%1", money(state.due, lang)))
        elif state.settled:
            lines.append(self.tr("Đã nộp đủ."))
        self.summary.setText("\n".join(lines))
        self.pay_button.setEnabled(not state.settled)
        payload = self.desk.fees.vietqr(dossier)
        if payload is not None:
            self.qr.setPixmap(qr_pixmap(payload, 3))
            self.qr_caption.setText(
                self.tr("Quét VietQR để chuyển khoản %1, nội dung %2.")
                .replace("%1", money(state.due, lang))
                .replace("%2", dossier.code)
            )

    def record_payment(self) -> bool:
        clerk: Clerk | None = self.current_clerk()
        if self.dossier is None or clerk is None:
            return False
        answer = PaymentDialog.ask(self, self.desk.fees.state(self.dossier).due)
        if answer is None:
            return False
        try:
            self.desk.fees.pay(self.dossier.code, clerk, **answer)
        except CATCHABLE as caught:
            self.message.show_error(caught)
            return False
        self.show_dossier(self.dossier)
        self.message.info(self.tr("Đã ghi nhận nộp lệ phí."))
        return True
