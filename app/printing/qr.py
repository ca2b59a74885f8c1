"""The receipt's QR payload: what it says, how the desk signs it, and how anyone checks it offline.

The part the desk reads back is digits and hyphens only, starting after a non-letter, because USB
scanners type through Unikey, which rewrites letters (Telex) and digits that follow a vowel (VNI):

    [<lookup URL prefix>]9-<dossier code>-<commune>-<signing desk>-<due YYYYMMDDHHMM>-<signature>
    [<lookup URL prefix>]8-<agency, 2 digits a character>-<YYMMDD>-<NNNN>-<commune>-<desk>-<due>-<signature>

``9`` marks a code whose agency part is digits (a commune code); ``8`` one whose agency part is a
QCVN 102 electronic ID such as ``H15.50.05.13``, each character written as two digits (00–09 the
digits, 10 the dot, 11–36 the letters A–Z), so the part read back stays digits and hyphens. The
signature is Ed25519 over the part before it, written as 155 decimal digits (QR numeric mode packs
those densely, so the code stays at version 10 or below). The signing desk is named separately
from the code's desk digit so a desk may reprint another desk's receipt.
Anything around the payload (a URL whose letters Unikey mangled, a trailing Enter) is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from app.core.errors import ValidationError
from app.core.worktime import VN_TZ

MARKER = "9"
MARKER_ENCODED = "8"
SIG_BYTES = 64
SIG_DIGITS = 155  # len(str(2**512 - 1))
DOMAIN_TAG = b"motcua-receipt-v1\n"
MAX_PREFIX = 120
AGENCY_ALPHABET = "0123456789.ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# A dossier code as issued: the agency part (digits, or a QCVN 102 ID of capitals, digits and dots).
CODE = r"[A-Z0-9][A-Z0-9.]{1,19}-[0-9]{6}-[1-9][0-9]{3}"

Verdict = Literal["valid", "forged", "unknown"]

# Not after a letter or digit: after a letter Unikey could have merged the digits into a tone mark.
_PAYLOAD = re.compile(
    r"(?<![^\W_])([89])-([0-9]{2,40})-([0-9]{6}-[0-9]{4})-([0-9]{5})-([1-9])-([0-9]{12})-([0-9]{"
    + str(SIG_DIGITS)
    + r"})(?![0-9])"
)


def encode_agency(agency: str) -> str:
    return "".join(f"{AGENCY_ALPHABET.index(c):02d}" for c in agency)


def decode_agency(digits: str) -> str:
    if len(digits) % 2:
        raise MalformedPayload("agency part of odd length")
    values = [int(digits[i : i + 2]) for i in range(0, len(digits), 2)]
    if any(v >= len(AGENCY_ALPHABET) for v in values):
        raise MalformedPayload("agency part out of range")
    return "".join(AGENCY_ALPHABET[v] for v in values)


class MalformedPayload(ValueError):
    """The text holds no well-formed receipt payload."""


@dataclass(frozen=True)
class ReceiptClaim:
    """What a receipt vouches for: this dossier, of this commune, due then, signed by that desk."""

    code: str
    commune_code: str
    desk_no: int
    due: datetime  # local, minute precision

    def readback(self) -> str:
        due = self.due.astimezone(VN_TZ) if self.due.tzinfo else self.due
        agency, rest = self.code.split("-", 1)
        head = f"{MARKER}-{agency}" if agency.isdigit() else f"{MARKER_ENCODED}-{encode_agency(agency)}"
        return f"{head}-{rest}-{self.commune_code}-{self.desk_no}-{due:%Y%m%d%H%M}"

    def message(self) -> bytes:
        return DOMAIN_TAG + self.readback().encode("ascii")


@dataclass(frozen=True)
class Decoded:
    claim: ReceiptClaim
    signature: bytes


def check_claim(claim: ReceiptClaim) -> ReceiptClaim:
    if not re.fullmatch(CODE, claim.code):
        raise ValueError(f"not a dossier code: {claim.code!r}")
    if not re.fullmatch(r"[0-9]{5}", claim.commune_code) or not 1 <= claim.desk_no <= 9:
        raise ValueError("commune code must be 5 digits and desk 1-9")
    return claim


def encode(claim: ReceiptClaim, signature: bytes, url_prefix: str = "") -> str:
    if len(signature) != SIG_BYTES:
        raise ValueError("an Ed25519 signature has 64 bytes")
    check_claim(claim)
    digits = f"{int.from_bytes(signature, 'big'):0{SIG_DIGITS}d}"
    return f"{check_prefix(url_prefix)}{claim.readback()}-{digits}"


def sign(claim: ReceiptClaim, signer: Callable[[bytes], bytes], url_prefix: str = "") -> str:
    """The full payload; ``signer`` signs bytes with the desk's private key (app.core.keys.sign)."""
    return encode(claim, signer(claim.message()), url_prefix)


def decode(text: str) -> Decoded:
    """Find the payload anywhere in ``text``; the last match wins (a URL prefix comes first)."""
    matches = list(_PAYLOAD.finditer(text))
    if not matches:
        raise MalformedPayload("no receipt payload found")
    marker, agency, rest, commune, desk, due_text, sig_text = matches[-1].groups()
    if marker == MARKER_ENCODED:
        agency = decode_agency(agency)
    elif len(agency) > 20:
        raise MalformedPayload("agency code too long")
    code = f"{agency}-{rest}"
    if not re.fullmatch(CODE, code):
        raise MalformedPayload("not a dossier code")
    try:
        date_part = code.split("-")[1]
        datetime.strptime(date_part, "%y%m%d")
        due = datetime.strptime(due_text, "%Y%m%d%H%M").replace(tzinfo=VN_TZ)
    except ValueError as exc:
        raise MalformedPayload(str(exc)) from None
    value = int(sig_text)
    if value >= 1 << (8 * SIG_BYTES) or code.rsplit("-", 1)[1][0] == "0":
        raise MalformedPayload("signature or sequence out of range")
    return Decoded(ReceiptClaim(code, commune, int(desk), due), value.to_bytes(SIG_BYTES, "big"))


def verify(
    text: str, public_key: Callable[[str, int], str | None], check: Callable[[str, bytes, bytes], bool]
) -> Verdict:
    """valid / forged / unknown. ``public_key(commune, desk_no)`` gives hex or None;
    ``check(public_hex, message, signature)`` is app.core.keys.verify."""
    try:
        decoded = decode(text)
    except MalformedPayload:
        return "forged"
    key = public_key(decoded.claim.commune_code, decoded.claim.desk_no)
    if key is None:
        return "unknown"
    return "valid" if check(key, decoded.claim.message(), decoded.signature) else "forged"


def check_prefix(prefix: str | None) -> str:
    """A lookup URL for phones, printed before the payload; it must end in a non-letter, non-digit."""
    prefix = (prefix or "").strip()
    if not prefix:
        return ""
    if len(prefix) > MAX_PREFIX or not prefix.isascii() or not prefix.isprintable() or " " in prefix:
        raise ValidationError(
            f"Tiền tố địa chỉ tra cứu phải là chuỗi ASCII liền, tối đa {MAX_PREFIX} ký tự.",
            f"The lookup URL prefix must be one ASCII word of at most {MAX_PREFIX} characters.",
            field="qr_url_prefix",
        )
    if prefix[-1].isalnum():
        raise ValidationError(
            "Tiền tố địa chỉ tra cứu phải kết thúc bằng một dấu như «=», «/» hoặc «#», không phải chữ hay số.",
            "The lookup URL prefix must end in a sign such as '=', '/' or '#', not a letter or digit.",
            field="qr_url_prefix",
        )
    return prefix
