"""The VietQR encoder against the EMVCo specification's example, the CRC's check value and published
VietQR payloads made by an independent implementation from the same inputs."""

from __future__ import annotations

import pytest

from app.core.errors import ValidationError
from app.fees import vietqr

# EMVCo QR Code Specification for Payment Systems, Merchant-Presented Mode, v1.1, Appendix A: the
# example payload (with its Chinese merchant name in UTF-8) ends in the CRC "A13A".
EMVCO_EXAMPLE = (
    "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN"
    "5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***"
    "0708A60086670902ME91320016A0112233449988770708123456786304A13A"
)


def test_crc_is_ccitt_false() -> None:
    assert vietqr.crc16(b"123456789") == 0x29B1  # the catalogue check value of CRC-16/CCITT-FALSE
    assert vietqr.with_crc(EMVCO_EXAMPLE[:-8]) == EMVCO_EXAMPLE


@pytest.mark.parametrize(
    ("amount", "purpose", "expected"),
    [
        # Published VietQR examples (ACB, BIN 970416, account 257678859): static, and with an amount.
        (None, "", "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F"),
        (
            10000,
            "Chuyen tien",
            "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN"
            "62150811Chuyen tien630453E6",
        ),
    ],
)
def test_payload_matches_published_vietqr_examples(amount: int | None, purpose: str, expected: str) -> None:
    assert vietqr.encode("970416", "257678859", amount, purpose) == expected


def test_a_dossier_payload_reads_back() -> None:
    payload = vietqr.encode("970415", "113366668888", 5000, "H15.50.05.13-261008-1003")
    assert payload.startswith(vietqr.PREFIX) and vietqr.looks_like(payload)
    top = vietqr.fields(payload)
    assert top["00"] == "01" and top["01"] == "12" and top["53"] == "704" and top["54"] == "5000" and top["58"] == "VN"
    assert vietqr.fields(top["62"]) == {"08": "H15.50.05.13-261008-1003"}
    merchant = vietqr.fields(top["38"])
    assert merchant["00"] == "A000000727" and merchant["02"] == "QRIBFTTA"
    assert vietqr.fields(merchant["01"]) == {"00": "970415", "01": "113366668888"}
    transfer = vietqr.decode(payload)
    assert (transfer.bank_bin, transfer.account, transfer.amount, transfer.purpose) == (
        "970415",
        "113366668888",
        5000,
        "H15.50.05.13-261008-1003",
    )
    broken = payload[:-1] + ("0" if payload[-1] != "0" else "1")
    with pytest.raises(vietqr.NotVietQR):
        vietqr.decode(broken)


def test_a_signed_receipt_payload_is_not_taken_for_a_vietqr() -> None:
    assert not vietqr.looks_like("9-87001-260212-1001-87001-1-202602171700-" + "1" * 155)
    assert not vietqr.looks_like("https://tra-cuu.example/#9-87001-260212-1001")


@pytest.mark.parametrize(("bank_bin", "account"), [("97041", "123456"), ("970415", "12 34"), ("970415", "1" * 20)])
def test_bad_accounts_are_refused_in_one_sentence(bank_bin: str, account: str) -> None:
    with pytest.raises(ValidationError):
        vietqr.encode(bank_bin, account, 1000, "87001-260212-1001")
