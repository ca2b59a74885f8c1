"""The receipt QR payload: signed, read back through Unikey, forged when touched."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

import pytest

from app.core import keys
from app.core.errors import ValidationError
from app.core.worktime import VN_TZ
from app.printing import qr
from app.printing.qr import ReceiptClaim

TONES_TELEX = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
SHAPES_TELEX = {"aa": "â", "aw": "ă", "dd": "đ", "ee": "ê", "oo": "ô", "ow": "ơ", "uw": "ư"}
TONES_VNI = {"1": "\u0301", "2": "\u0300", "3": "\u0309", "4": "\u0303", "5": "\u0323"}
SHAPES_VNI = {"6": {"a": "â", "e": "ê", "o": "ô"}, "7": {"o": "ơ", "u": "ư"}, "8": {"a": "ă"}, "9": {"d": "đ"}}
VOWELS = "aeiouyâăêôơư"


def telex(text: str) -> str:
    """What Unikey in Telex mode makes of typed text: shapes and tones inside a word of letters."""
    out = ""
    for ch in text:
        word = re.search(r"[^\W\d_]*$", out).group(0)
        low = ch.lower()
        if word and (word[-1].lower() + low) in SHAPES_TELEX:
            out = out[:-1] + SHAPES_TELEX[word[-1].lower() + low]
        elif word and low in TONES_TELEX and any(v in word.lower() for v in VOWELS):
            i = max(i for i, c in enumerate(word.lower()) if c in VOWELS)
            pos = len(out) - len(word) + i
            out = unicodedata.normalize("NFC", out[: pos + 1] + TONES_TELEX[low]) + out[pos + 1 :]
        else:
            out += ch
    return out


def vni(text: str) -> str:
    """Unikey in VNI mode: a digit typed after a word with a vowel (or d) becomes a mark on it."""
    out = ""
    for ch in text:
        word = re.search(r"[^\W\d_]*$", out).group(0)
        lw = word.lower()
        if word and ch in TONES_VNI and any(v in lw for v in VOWELS):
            i = max(i for i, c in enumerate(lw) if c in VOWELS)
            pos = len(out) - len(word) + i
            out = unicodedata.normalize("NFC", out[: pos + 1] + TONES_VNI[ch]) + out[pos + 1 :]
        elif word and ch in SHAPES_VNI and any(c in SHAPES_VNI[ch] for c in lw):
            i = max(i for i, c in enumerate(lw) if c in SHAPES_VNI[ch])
            pos = len(out) - len(word) + i
            out = out[:pos] + SHAPES_VNI[ch][lw[i]] + out[pos + 1 :]
        else:
            out += ch
    return out


def test_the_unikey_simulators_do_what_unikey_does() -> None:
    assert telex("Vieetj Nam ddeep") == "Việt Nam đêp"
    assert telex("tra-cuu?ma=") == "tra-cuu?ma="
    assert vni("Vie65t Nam") == "Việt Nam"
    assert vni("tinh87/hs") == "tinh87/hs"  # no vowel for the 8 to sit on, no 'a'
    assert vni("ha1") == "há"


@pytest.fixture
def signer(tmp_path):
    desk_id = "desk-test"
    public = keys.generate(desk_id)
    return desk_id, public


CLAIM = ReceiptClaim("87001-260212-1003", "87001", 1, datetime(2026, 2, 24, 10, 0, tzinfo=VN_TZ))


def _lookup(public: str):
    return lambda commune, desk: public if (commune, desk) == ("87001", 1) else None


def test_payload_is_digits_and_hyphens_and_round_trips(signer) -> None:
    desk_id, public = signer
    payload = qr.sign(CLAIM, lambda m: keys.sign(desk_id, m))
    assert re.fullmatch(r"[0-9-]+", payload)
    assert payload.startswith("9-87001-260212-1003-87001-1-202602241000-")
    assert len(payload.rsplit("-", 1)[1]) == qr.SIG_DIGITS
    decoded = qr.decode(payload + "\r\n")
    assert decoded.claim == CLAIM
    assert qr.verify(payload, _lookup(public), keys.verify) == "valid"


def test_one_changed_digit_of_the_code_is_forged(signer) -> None:
    desk_id, public = signer
    payload = qr.sign(CLAIM, lambda m: keys.sign(desk_id, m))
    forged = payload.replace("-1003-", "-1004-", 1)
    assert qr.verify(forged, _lookup(public), keys.verify) == "forged"
    later = payload.replace("-202602241000-", "-202602251000-", 1)
    assert qr.verify(later, _lookup(public), keys.verify) == "forged"
    assert qr.verify("not a payload", _lookup(public), keys.verify) == "forged"
    assert qr.verify(payload[:-1], _lookup(public), keys.verify) == "forged"


def test_unknown_commune_or_desk(signer) -> None:
    desk_id, public = signer
    other = ReceiptClaim("87002-260212-1003", "87002", 1, CLAIM.due)
    payload = qr.sign(other, lambda m: keys.sign(desk_id, m))
    assert qr.verify(payload, _lookup(public), keys.verify) == "unknown"


@pytest.mark.parametrize("rewrite", [telex, vni], ids=["telex", "vni"])
def test_payload_survives_unikey_rewriting_of_the_url(signer, rewrite) -> None:
    desk_id, public = signer
    prefix = "https://dichvucong.dongthap.gov.vn/tracuu/hoso1?mahoso="
    payload = qr.sign(CLAIM, lambda m: keys.sign(desk_id, m), prefix)
    typed = rewrite(payload) + "\n"
    assert typed != payload + "\n"
    assert qr.decode(typed).claim == CLAIM
    assert qr.verify(typed, _lookup(public), keys.verify) == "valid"


def test_unikey_really_mangles_a_lookup_prefix() -> None:
    assert telex("https://x.vn/tracuu/hoso?mahoso=") == "https://x.vn/tracuu/hóo?mahóo="
    assert vni("https://x.vn/ho1so?ma=") == "https://x.vn/hóso?ma="


def test_prefix_must_end_in_a_sign() -> None:
    assert qr.check_prefix(" https://x.vn/hs?ma= ") == "https://x.vn/hs?ma="
    assert qr.check_prefix(None) == ""
    for bad in ("https://x.vn/hs", "https://x.vn/a b=", "https://x.vn/ố="):
        with pytest.raises(ValidationError):
            qr.check_prefix(bad)


def test_payload_fits_qr_version_10_with_a_long_prefix(signer) -> None:
    from app.printing.receipts import qr_modules

    desk_id, _ = signer
    code = ReceiptClaim("12345678901234567890-260212-9999", "87001", 9, CLAIM.due)
    payload = qr.sign(code, lambda m: keys.sign(desk_id, m), "https://" + "x" * 60 + ".gov.vn/tra-cuu?ma=")
    assert len(qr_modules(payload)) <= 17 + 4 * 10


AGENCY_CLAIM = ReceiptClaim("H15.50.05.13-261008-1003", "87001", 1, datetime(2026, 10, 13, 10, 0, tzinfo=VN_TZ))


@pytest.mark.parametrize("rewrite", [str, telex, vni], ids=["plain", "telex", "vni"])
def test_an_electronic_id_agency_code_is_written_as_digits(signer, rewrite) -> None:
    """QCVN 102 codes carry letters and dots; the part read back stays digits and hyphens."""
    desk_id, public = signer
    payload = qr.sign(AGENCY_CLAIM, lambda m: keys.sign(desk_id, m), "https://hub.dongthap.gov.vn/tra-cuu/")
    read_back = payload.removeprefix("https://hub.dongthap.gov.vn/tra-cuu/")
    assert re.fullmatch(r"[0-9-]+", read_back)
    # H=18 1=01 5=05 .=10 …: two digits a character.
    assert read_back.startswith("8-" + "180105100500100005100103" + "-261008-1003-87001-1-202610131000-")
    typed = rewrite(payload) + "\n"
    assert qr.decode(typed).claim == AGENCY_CLAIM
    assert qr.verify(typed, _lookup(public), keys.verify) == "valid"
    # The same dossier under a digits-only code is another claim: not interchangeable.
    swapped = payload.replace("8-180105100500100005100103-", "9-87001-", 1)
    assert qr.verify(swapped, _lookup(public), keys.verify) == "forged"
    assert qr.decode_agency(qr.encode_agency("H15.50.05.13")) == "H15.50.05.13"
    with pytest.raises(qr.MalformedPayload):
        qr.decode_agency("99")
    code = ReceiptClaim("H15.50.05.13.A9-261008-9999", "87001", 9, CLAIM.due)
    from app.printing.receipts import qr_modules

    long_payload = qr.sign(code, lambda m: keys.sign(desk_id, m), "https://" + "x" * 40 + ".gov.vn/tra-cuu/")
    assert len(qr_modules(long_payload)) <= 17 + 4 * 10
