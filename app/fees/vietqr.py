"""VietQR: NAPAS's EMVCo merchant-presented QR payload for a transfer to the commune's account.

Written here rather than taken from PyPI: the Python packages that do it (vietnam-qr-pay,
vietqr-emvco, vietqr-generator, vnqr, napas-qr-python) are single-author releases with a handful of
versions each, and the encoder is forty lines. It is tested against the EMVCo specification's
example string (CRC ``A13A``), the CRC's check value and published VietQR payloads.

The payload is a list of ID (2 digits) + length (2 digits) + value objects:

    00 02 "01"                          payload format indicator
    01 02 "11" static / "12" with an amount
    38 ..                               merchant account information (NAPAS)
        00 10 "A000000727"              NAPAS's globally unique identifier
        01 ..                           beneficiary organisation
            00 06 <bank BIN>            the bank's NAPAS BIN (970415 …)
            01 .. <account number>
        02 08 "QRIBFTTA"                service: transfer to an account
    53 03 "704"                         currency VND
    54 .. <amount>                      integer đồng
    58 02 "VN"
    62 ..                               additional data
        08 .. <purpose>                 the transfer's message: the dossier code
    63 04 <CRC>                         CRC-16/CCITT-FALSE over everything before it, "6304" included
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.errors import ValidationError

PREFIX = "000201"  # every EMVCo payload starts with its format indicator: how a scan is told apart
NAPAS_GUID = "A000000727"
SERVICE_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
MAX_PURPOSE = 25
_PURPOSE_OK = re.compile(r"[A-Za-z0-9 .\-_/]+")


def crc16(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def tlv(tag: str, value: str) -> str:
    if len(value) > 99 or not value:
        raise ValueError(f"EMVCo field {tag} must hold 1-99 characters")
    return f"{tag}{len(value):02d}{value}"


def with_crc(body: str) -> str:
    """Append field 63: its ID and length are part of what the CRC covers."""
    head = body + "6304"
    return head + f"{crc16(head.encode('utf-8')):04X}"


class BadBankAccount(ValidationError):
    def __init__(self, vi: str, en: str, field: str) -> None:
        super().__init__(vi, en, field=field)


def check_bin(value: str) -> str:
    value = (value or "").strip()
    if not re.fullmatch(r"[0-9]{6}", value):
        raise BadBankAccount(
            "Mã BIN ngân hàng (NAPAS) phải gồm đúng 6 chữ số, ví dụ 970415.",
            "The bank's NAPAS BIN must be exactly 6 digits, e.g. 970415.",
            "bank.bin",
        )
    return value


def check_account(value: str) -> str:
    value = (value or "").strip()
    if not re.fullmatch(r"[0-9A-Za-z]{4,19}", value):
        raise BadBankAccount(
            "Số tài khoản phải gồm 4 đến 19 chữ số hoặc chữ cái, không dấu cách.",
            "The account number must be 4 to 19 digits or letters, without spaces.",
            "bank.account",
        )
    return value


def purpose_for(code: str) -> str:
    """The transfer's message: the dossier code, which fits the 25 characters NAPAS allows."""
    text = code.strip()
    if len(text) > MAX_PURPOSE or not _PURPOSE_OK.fullmatch(text):
        raise ValueError(f"not a transfer message: {code!r}")
    return text


def encode(bank_bin: str, account: str, amount: int | None = None, purpose: str = "") -> str:
    """The payload a banking app reads: pay ``amount`` đồng to ``account`` at the bank ``bank_bin``."""
    bank_bin, account = check_bin(bank_bin), check_account(account)
    beneficiary = tlv("00", bank_bin) + tlv("01", account)
    merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", SERVICE_ACCOUNT)
    parts = [tlv("00", "01"), tlv("01", "12" if amount else "11"), tlv("38", merchant), tlv("53", CURRENCY_VND)]
    if amount:
        if amount < 0:
            raise ValueError("a negative amount")
        parts.append(tlv("54", str(int(amount))))
    parts.append(tlv("58", "VN"))
    if purpose:
        parts.append(tlv("62", tlv("08", purpose_for(purpose))))
    return with_crc("".join(parts))


class NotVietQR(ValueError):
    """The text is not a well-formed EMVCo payload with a right CRC."""


def fields(payload: str) -> dict[str, str]:
    """Top-level ID → value; raises NotVietQR on a broken structure."""
    out: dict[str, str] = {}
    i = 0
    while i < len(payload):
        if i + 4 > len(payload) or not payload[i : i + 4].isdigit():
            raise NotVietQR(f"broken field at {i}")
        tag, size = payload[i : i + 2], int(payload[i + 2 : i + 4])
        value = payload[i + 4 : i + 4 + size]
        if len(value) != size or size == 0:
            raise NotVietQR(f"field {tag} is short")
        out[tag] = value
        i += 4 + size
    return out


@dataclass(frozen=True)
class Transfer:
    """What a decoded VietQR asks for."""

    bank_bin: str
    account: str
    amount: int | None
    purpose: str
    dynamic: bool


def decode(payload: str) -> Transfer:
    """Check the CRC and read the transfer back (the tests use it on what zbarimg reads)."""
    payload = payload.strip()
    if not payload.startswith(PREFIX) or len(payload) < 12 or payload[-8:-4] != "6304":
        raise NotVietQR("not an EMVCo payload")
    if f"{crc16(payload[:-4].encode('utf-8')):04X}" != payload[-4:].upper():
        raise NotVietQR("CRC does not match")
    top = fields(payload)
    merchant = fields(top.get("38", ""))
    if merchant.get("00") != NAPAS_GUID:
        raise NotVietQR("not a NAPAS VietQR")
    beneficiary = fields(merchant.get("01", ""))
    extra = fields(top["62"]) if "62" in top else {}
    return Transfer(
        bank_bin=beneficiary.get("00", ""),
        account=beneficiary.get("01", ""),
        amount=int(top["54"]) if "54" in top else None,
        purpose=extra.get("08", ""),
        dynamic=top.get("01") == "12",
    )


def looks_like(text: str) -> bool:
    """A scan that is a payment code (EMVCo), not a receipt: it starts with the format indicator."""
    return text.strip().startswith(PREFIX)
