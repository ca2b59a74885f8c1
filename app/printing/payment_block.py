"""The receipt's second QR: the VietQR for paying the fee by bank transfer, in a small block of its own.

Kept apart from the signed receipt QR (top right) and labelled in words, so neither the citizen nor a
clerk scanning the receipt at return takes one for the other; ``motcua verify`` and the window's
scan-to-return recognise a VietQR (it starts with "000201") and say what it is.
"""

from __future__ import annotations

from dataclasses import dataclass

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.units import mm

from app.fees.rules import money
from app.printing import typeset
from app.printing.typeset import Sheet, block
from app.printing.wording import esc

SIDE = 24 * mm  # smaller than the signed QR; about 0.5 mm a module, which phone cameras read


@dataclass(frozen=True)
class PaymentQR:
    payload: str
    amount: int
    code: str
    holder: str = ""
    account: str = ""


def modules(payload: str) -> list[list[bool]]:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    qr.add_data(payload)
    qr.make(fit=True)
    return qr.modules


def draw(sheet: Sheet, data: PaymentQR) -> None:
    """The QR on the left, what it is for on the right, kept together on one page."""
    size = sheet.size - 1
    text_w = sheet.width - SIDE - 3 * mm
    account = f" {esc(data.holder)} – {esc(data.account)}." if data.account else ""
    words = block(
        f"<b>Mã VietQR nộp lệ phí bằng chuyển khoản: {esc(money(data.amount))}</b><br/>"
        f"Nội dung chuyển khoản: {esc(data.code)}.{account}<br/>"
        "<i>Mã này chỉ dùng để thanh toán, không dùng để tra cứu hay nhận kết quả.</i>",
        text_w,
        size,
    )
    height = max(SIDE, words.height)
    sheet.room(height + size * 0.5)
    top = sheet.y
    typeset.draw_qr(sheet.canv, modules(data.payload), sheet.left, top - SIDE, SIDE)
    words.draw(sheet.canv, sheet.left + SIDE + 3 * mm, top)
    sheet.space(height + size * 0.5)
