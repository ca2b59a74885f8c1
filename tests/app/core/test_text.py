from __future__ import annotations

import unicodedata

import pytest

from app.core.text import fold, nfc, search_tokens


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nguyễn Văn Đào", "Nguyễn Văn Đào"),
        (nfd("Nguyễn Văn Đào"), "Nguyễn Văn Đào"),
        ("  Trần   Thị\tHồng\n Nhung  ", "Trần Thị Hồng Nhung"),
        ("Lê\u00a0Hoàng", "Lê Hoàng"),
        ("   ", ""),
        ("", ""),
    ],
)
def test_nfc(raw: str, expected: str) -> None:
    result = nfc(raw)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


def test_nfc_turns_nfd_into_the_same_code_points() -> None:
    decomposed = nfd("Phạm Minh Đức")
    assert decomposed != "Phạm Minh Đức"
    assert nfc(decomposed) == "Phạm Minh Đức"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nguyễn Văn Đào", "nguyen van dao"),
        (nfd("Nguyễn Văn Đào"), "nguyen van dao"),
        ("đ", "d"),
        ("Đ", "d"),
        ("ĐẶNG QUỐC BẢO", "dang quoc bao"),
        (nfd("ĐẶNG QUỐC BẢO"), "dang quoc bao"),
        ("Võ Thị Ngọc Ánh", "vo thi ngoc anh"),
        ("ưởng ợ ỹ ỵ", "uong o y y"),
        ("87001-260212-1003", "87001-260212-1003"),
        ("ABC def", "abc def"),
        ("", ""),
        # Outside Vietnamese: still accent-free and casefolded, through the slow path.
        ("Straße", "strasse"),
        ("Ørsted Đà", "ørsted da"),
        ("ΣΟΦΊΑ", "σοφια"),
    ],
)
def test_fold(raw: str, expected: str) -> None:
    assert fold(raw) == expected


def test_fold_is_nfc() -> None:
    assert unicodedata.is_normalized("NFC", fold(nfd("Ørsted Ñandú Nguyễn")))


def test_fold_covers_every_vietnamese_letter() -> None:
    letters = "aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
    expected = "a" * 18 + "d" + "e" * 12 + "i" * 6 + "o" * 18 + "u" * 12 + "y" * 6
    for text in (letters, letters.upper(), nfd(letters), nfd(letters.upper())):
        assert fold(text) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("87001-260212-1003", ["87001", "260212", "1003"]),
        ("  Nguyễn  văn đ", ["nguyen", "van", "d"]),
        (nfd("  Nguyễn  văn đ"), ["nguyen", "van", "d"]),
        ("Đào, 0912.345.678", ["dao", "0912", "345", "678"]),
        ("a_b/c", ["a", "b", "c"]),
        ("", []),
        (" - , ", []),
    ],
)
def test_search_tokens(query: str, expected: list[str]) -> None:
    assert search_tokens(query) == expected
