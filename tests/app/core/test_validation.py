from __future__ import annotations

import csv
import unicodedata
from datetime import date, datetime, timedelta, timezone

import pytest

from app.core import paths, validation
from app.core.errors import ValidationError

TODAY = date(2026, 2, 12)
VN = timedelta(hours=7)


def check_error(error: ValidationError, field: str, vi: str, en: str) -> None:
    assert error.field == field
    assert error.vi == vi
    assert error.en == en
    assert str(error) == vi


# --- provinces --------------------------------------------------------------------------------------


def test_province_file_has_the_63_pre_2025_provinces() -> None:
    with paths.resource("cccd_provinces.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["code", "name"]
    codes = [row["code"] for row in rows]
    assert len(codes) == 63 == len(set(codes))
    assert all(len(code) == 3 and code.isdigit() for code in codes)
    assert all(unicodedata.is_normalized("NFC", row["name"]) for row in rows)
    assert codes == sorted(codes)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("001", "Hà Nội"),
        ("017", "Hòa Bình"),
        ("046", "Thừa Thiên Huế"),
        ("048", "Đà Nẵng"),
        ("077", "Bà Rịa - Vũng Tàu"),
        ("079", "Hồ Chí Minh"),
        ("096", "Cà Mau"),
        (" 092 ", "Cần Thơ"),
        ("003", None),
        ("097", None),
        ("", None),
    ],
)
def test_province_name(code: str, name: str | None) -> None:
    assert validation.province_name(code) == name


# --- CCCD -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("001099012345", "001099012345"),
        ("079203001234", "079203001234"),
        (" 001 099 012345 ", "001099012345"),
        ("096126000001", "096126000001"),  # born 2026, today is 2026
    ],
)
def test_cccd_valid(raw: str, expected: str) -> None:
    assert validation.cccd(raw, today=TODAY) == expected


@pytest.mark.parametrize(
    ("raw", "vi", "en"),
    [
        ("", "Số CCCD không được để trống.", "The CCCD number must not be empty."),
        ("   ", "Số CCCD không được để trống.", "The CCCD number must not be empty."),
        (
            "00109901234",
            "Số CCCD phải gồm đúng 12 chữ số.",
            "The CCCD number must consist of exactly 12 digits.",
        ),
        (
            "0010990123456",
            "Số CCCD phải gồm đúng 12 chữ số.",
            "The CCCD number must consist of exactly 12 digits.",
        ),
        (
            "00109901234A",
            "Số CCCD phải gồm đúng 12 chữ số.",
            "The CCCD number must consist of exactly 12 digits.",
        ),
        (
            "001-099-012345",
            "Số CCCD phải gồm đúng 12 chữ số.",
            "The CCCD number must consist of exactly 12 digits.",
        ),
        # Arabic-Indic digits pass str.isdigit() but are not a CCCD.
        (
            "٠٠١٠٩٩٠١٢٣٤٥",
            "Số CCCD phải gồm đúng 12 chữ số.",
            "The CCCD number must consist of exactly 12 digits.",
        ),
        (
            "003099012345",
            "Ba chữ số đầu của số CCCD (003) không phải là mã tỉnh hợp lệ.",
            "The first three digits of the CCCD number (003) are not a valid province code.",
        ),
        (
            "000099012345",
            "Ba chữ số đầu của số CCCD (000) không phải là mã tỉnh hợp lệ.",
            "The first three digits of the CCCD number (000) are not a valid province code.",
        ),
        (
            "001227012345",
            "Năm sinh trong số CCCD (2027) không được sau năm hiện tại.",
            "The birth year in the CCCD number (2027) cannot be later than the current year.",
        ),
        (
            "001400012345",
            "Năm sinh trong số CCCD (2100) không được sau năm hiện tại.",
            "The birth year in the CCCD number (2100) cannot be later than the current year.",
        ),
    ],
)
def test_cccd_invalid(raw: str, vi: str, en: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validation.cccd(raw, today=TODAY)
    check_error(caught.value, "cccd", vi, en)


@pytest.mark.parametrize(
    ("digits_4_to_6", "birth_year"),
    [
        ("099", 1999),  # 0: man, 1900s
        ("150", 1950),  # 1: woman, 1900s
        ("200", 2000),
        ("326", 2026),
        ("401", 2101),
        ("599", 2199),
        ("600", 2200),
        ("712", 2212),
        ("800", 2300),
        ("999", 2399),
    ],
)
def test_cccd_century_digit(digits_4_to_6: str, birth_year: int) -> None:
    number = "001" + digits_4_to_6 + "000123"
    assert validation.cccd(number, today=date(birth_year, 1, 1)) == number
    with pytest.raises(ValidationError) as caught:
        validation.cccd(number, today=date(birth_year - 1, 12, 31))
    assert f"({birth_year})" in caught.value.vi


def test_cccd_custom_field_and_default_today() -> None:
    with pytest.raises(ValidationError) as caught:
        validation.cccd("12", field="applicant_cccd")
    assert caught.value.field == "applicant_cccd"
    next_year = date.today().year + 1
    future = f"001{(next_year - 1900) // 100 * 2}{next_year % 100:02d}000123"
    with pytest.raises(ValidationError):
        validation.cccd(future)


# --- phone ------------------------------------------------------------------------------------------

PHONE_FORMAT_VI = (
    "Số điện thoại phải là số di động 10 chữ số (đầu 03, 05, 07, 08, 09) hoặc số cố định 11 chữ số (đầu 02)."
)
PHONE_FORMAT_EN = (
    "The phone number must be a 10-digit mobile number (starting 03, 05, 07, 08 or 09)"
    " or an 11-digit landline number (starting 02)."
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0912345678", "0912345678"),
        ("0312345678", "0312345678"),
        ("0512345678", "0512345678"),
        ("0712345678", "0712345678"),
        ("0812345678", "0812345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("0912-345-678", "0912345678"),
        (" 091 234 5678 ", "0912345678"),
        ("+84912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("+84 (0) 912 345 678", "0912345678"),
        ("02838234567", "02838234567"),
        ("(028) 3823 4567", "02838234567"),
        ("+84 28 3823 4567", "02838234567"),
        ("0236.3822.123", "02363822123"),
    ],
)
def test_phone_valid(raw: str, expected: str) -> None:
    assert validation.phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "vi", "en"),
    [
        ("", "Số điện thoại không được để trống.", "The phone number must not be empty."),
        ("091234567", PHONE_FORMAT_VI, PHONE_FORMAT_EN),  # too short
        ("09123456789", PHONE_FORMAT_VI, PHONE_FORMAT_EN),  # mobile too long
        ("0112345678", PHONE_FORMAT_VI, PHONE_FORMAT_EN),
        ("0412345678", PHONE_FORMAT_VI, PHONE_FORMAT_EN),
        ("0612345678", PHONE_FORMAT_VI, PHONE_FORMAT_EN),
        ("0212345678", PHONE_FORMAT_VI, PHONE_FORMAT_EN),  # landline needs 11 digits
        ("1912345678", PHONE_FORMAT_VI, PHONE_FORMAT_EN),
        ("+8491234567", PHONE_FORMAT_VI, PHONE_FORMAT_EN),
        (
            "01681234567",
            "Số điện thoại dùng đầu số cũ 01x, hãy nhập số di động mới gồm 10 chữ số.",
            "The phone number uses an old 01x prefix; enter the new 10-digit mobile number.",
        ),
        (
            "+84 168 123 4567",
            "Số điện thoại dùng đầu số cũ 01x, hãy nhập số di động mới gồm 10 chữ số.",
            "The phone number uses an old 01x prefix; enter the new 10-digit mobile number.",
        ),
        (
            "0912/345/678",
            "Số điện thoại chỉ được chứa chữ số, dấu cách, dấu chấm, dấu gạch ngang và mã quốc gia +84.",
            "The phone number may contain only digits, spaces, dots, hyphens and the +84 country code.",
        ),
        (
            "09l2345678",
            "Số điện thoại chỉ được chứa chữ số, dấu cách, dấu chấm, dấu gạch ngang và mã quốc gia +84.",
            "The phone number may contain only digits, spaces, dots, hyphens and the +84 country code.",
        ),
        (
            "+1 912 345 678",
            "Số điện thoại chỉ được chứa chữ số, dấu cách, dấu chấm, dấu gạch ngang và mã quốc gia +84.",
            "The phone number may contain only digits, spaces, dots, hyphens and the +84 country code.",
        ),
    ],
)
def test_phone_invalid(raw: str, vi: str, en: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validation.phone(raw, field="contact_phone")
    check_error(caught.value, "contact_phone", vi, en)


# --- email ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("ten@example.com", "ten@example.com"),
        ("  nguyen.van.a@ubnd.hanoi.gov.vn ", "nguyen.van.a@ubnd.hanoi.gov.vn"),
        ("a+tag@mail.co", "a+tag@mail.co"),
    ],
)
def test_email_valid(raw: str | None, expected: str | None) -> None:
    assert validation.email(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "ten",
        "ten@example",
        "ten@@example.com",
        "ten@exa@mple.com",
        "t en@example.com",
        "ten@example .com",
        "@example.com",
        "ten@.com",
        "ten@example.",
        "ten@example..com",
        "a" * 250 + "@x.vn",
    ],
)
def test_email_invalid(raw: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validation.email(raw)
    check_error(
        caught.value,
        "email",
        "Địa chỉ email không hợp lệ, ví dụ đúng: ten@example.com.",
        "The email address is not valid; a valid example is name@example.com.",
    )


# --- text -------------------------------------------------------------------------------------------


def test_required_text_normalises() -> None:
    raw = unicodedata.normalize("NFD", "  Giấy   khai sinh ")
    result = validation.required_text(raw, field="title", label_vi="Tên giấy tờ", label_en="Document title")
    assert result == "Giấy khai sinh"
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    ("raw", "max_len", "vi", "en"),
    [
        ("", 200, "Tên giấy tờ không được để trống.", "Document title must not be empty."),
        (None, 200, "Tên giấy tờ không được để trống.", "Document title must not be empty."),
        (" \t ", 200, "Tên giấy tờ không được để trống.", "Document title must not be empty."),
        (12, 200, "Tên giấy tờ phải là văn bản.", "Document title must be text."),
        (
            "abcdef",
            5,
            "Tên giấy tờ không được dài quá 5 ký tự.",
            "Document title must not be longer than 5 characters.",
        ),
    ],
)
def test_required_text_invalid(raw: object, max_len: int, vi: str, en: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validation.required_text(raw, field="title", label_vi="tên giấy tờ", label_en="document title", max_len=max_len)
    check_error(caught.value, "title", vi, en)


def test_required_text_counts_nfc_characters() -> None:
    # Six characters but ten code points in NFD: the limit is on what the clerk sees.
    raw = unicodedata.normalize("NFD", "Đặng Ổ")
    assert len(raw) == 10
    assert validation.required_text(raw, field="x", label_vi="X", label_en="X", max_len=6) == "Đặng Ổ"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Nguyễn Văn Đào", "Nguyễn Văn Đào"),
        ("  nguyễn   văn  đào ", "nguyễn văn đào"),
        (unicodedata.normalize("NFD", "Hồ Thị Ý"), "Hồ Thị Ý"),
        ("H'Hen Niê", "H'Hen Niê"),
    ],
)
def test_full_name_valid(raw: str, expected: str) -> None:
    assert validation.full_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "vi", "en"),
    [
        ("", "Họ và tên không được để trống.", "The full name must not be empty."),
        ("Nguyễn Văn 2", "Họ và tên không được chứa chữ số.", "The full name must not contain digits."),
        (
            "--- ...",
            "Họ và tên phải có ít nhất một chữ cái.",
            "The full name must contain at least one letter.",
        ),
        (
            "A" * 201,
            "Họ và tên không được dài quá 200 ký tự.",
            "The full name must not be longer than 200 characters.",
        ),
    ],
)
def test_full_name_invalid(raw: str, vi: str, en: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validation.full_name(raw)
    check_error(caught.value, "full_name", vi, en)


# --- dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-02-12T09:30", datetime(2026, 2, 12, 9, 30, tzinfo=timezone(VN))),
        ("2026-02-12 09:30:15", datetime(2026, 2, 12, 9, 30, 15, tzinfo=timezone(VN))),
        ("2026-02-12T09:30:00+07:00", datetime(2026, 2, 12, 9, 30, tzinfo=timezone(VN))),
        ("2026-02-12T02:30:00Z", datetime(2026, 2, 12, 9, 30, tzinfo=timezone(VN))),
        ("2026-02-12T02:30:00+00:00", datetime(2026, 2, 12, 9, 30, tzinfo=timezone(VN))),
        ("2024-02-29T23:59", datetime(2024, 2, 29, 23, 59, tzinfo=timezone(VN))),
    ],
)
def test_iso_datetime_valid(raw: str, expected: datetime) -> None:
    result = validation.iso_datetime(raw, field="received_at")
    assert result.tzinfo is not None
    assert result == expected


def test_iso_datetime_naive_is_local_and_aware_keeps_its_offset() -> None:
    naive = validation.iso_datetime("2026-02-12T09:30", field="received_at")
    assert naive.utcoffset() == VN
    assert str(naive.tzinfo) == "Asia/Ho_Chi_Minh"
    aware = validation.iso_datetime("2026-02-12T09:30+09:00", field="received_at")
    assert aware.utcoffset() == timedelta(hours=9)


@pytest.mark.parametrize(
    ("raw", "vi", "en"),
    [
        (
            "2026-02-30T09:30",
            "Trường “received_at” chứa ngày 2026-02-30 không có thật.",
            "Field “received_at” contains the date 2026-02-30, which does not exist.",
        ),
        (
            "2025-02-29 08:00",
            "Trường “received_at” chứa ngày 2025-02-29 không có thật.",
            "Field “received_at” contains the date 2025-02-29, which does not exist.",
        ),
        (
            "2026-02-12",
            "Trường “received_at” phải có cả ngày và giờ, ví dụ 2026-02-12T09:30.",
            "Field “received_at” must include both a date and a time, e.g. 2026-02-12T09:30.",
        ),
        (
            "12/02/2026 09:30",
            "Trường “received_at” phải là ngày giờ theo định dạng ISO 8601, ví dụ 2026-02-12T09:30.",
            "Field “received_at” must be a date and time in ISO 8601 format, e.g. 2026-02-12T09:30.",
        ),
        (
            "2026-02-12T25:00",
            "Trường “received_at” phải là ngày giờ theo định dạng ISO 8601, ví dụ 2026-02-12T09:30.",
            "Field “received_at” must be a date and time in ISO 8601 format, e.g. 2026-02-12T09:30.",
        ),
        (
            "",
            "Trường “received_at” phải là ngày giờ theo định dạng ISO 8601, ví dụ 2026-02-12T09:30.",
            "Field “received_at” must be a date and time in ISO 8601 format, e.g. 2026-02-12T09:30.",
        ),
    ],
)
def test_iso_datetime_invalid(raw: str, vi: str, en: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validation.iso_datetime(raw, field="received_at")
    check_error(caught.value, "received_at", vi, en)


def test_iso_datetime_label() -> None:
    with pytest.raises(ValidationError) as caught:
        validation.iso_datetime("2026-02-30T10:00", field="due_at", label_vi="hạn trả", label_en="due time")
    check_error(
        caught.value,
        "due_at",
        "Hạn trả chứa ngày 2026-02-30 không có thật.",
        "Due time contains the date 2026-02-30, which does not exist.",
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-02-12", date(2026, 2, 12)),
        (" 2024-02-29 ", date(2024, 2, 29)),
    ],
)
def test_iso_date_valid(raw: str, expected: date) -> None:
    assert validation.iso_date(raw, field="birth_date") == expected


@pytest.mark.parametrize(
    ("raw", "vi", "en"),
    [
        (
            "2026-02-30",
            "Trường “birth_date” chứa ngày 2026-02-30 không có thật.",
            "Field “birth_date” contains the date 2026-02-30, which does not exist.",
        ),
        (
            "2026-13-01",
            "Trường “birth_date” chứa ngày 2026-13-01 không có thật.",
            "Field “birth_date” contains the date 2026-13-01, which does not exist.",
        ),
        (
            "12/02/2026",
            "Trường “birth_date” phải là ngày theo định dạng YYYY-MM-DD, ví dụ 2026-02-12.",
            "Field “birth_date” must be a date in YYYY-MM-DD format, e.g. 2026-02-12.",
        ),
        (
            "2026-02-12T09:30",
            "Trường “birth_date” phải là ngày theo định dạng YYYY-MM-DD, ví dụ 2026-02-12.",
            "Field “birth_date” must be a date in YYYY-MM-DD format, e.g. 2026-02-12.",
        ),
    ],
)
def test_iso_date_invalid(raw: str, vi: str, en: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validation.iso_date(raw, field="birth_date")
    check_error(caught.value, "birth_date", vi, en)


# --- numbers, choices, keys -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(1, 1), (1000, 1000), ("3", 3), (" 12 ", 12), ("007", 7)],
)
def test_positive_int_valid(raw: object, expected: int) -> None:
    assert validation.positive_int(raw, field="sets", label_vi="Số bộ", label_en="Number of sets") == expected


@pytest.mark.parametrize(
    ("raw", "vi", "en"),
    [
        (0, "Số bộ phải là số nguyên dương.", "Number of sets must be a positive whole number."),
        (-2, "Số bộ phải là số nguyên dương.", "Number of sets must be a positive whole number."),
        (True, "Số bộ phải là số nguyên dương.", "Number of sets must be a positive whole number."),
        (2.0, "Số bộ phải là số nguyên dương.", "Number of sets must be a positive whole number."),
        ("2.5", "Số bộ phải là số nguyên dương.", "Number of sets must be a positive whole number."),
        ("-1", "Số bộ phải là số nguyên dương.", "Number of sets must be a positive whole number."),
        ("", "Số bộ phải là số nguyên dương.", "Number of sets must be a positive whole number."),
        (None, "Số bộ phải là số nguyên dương.", "Number of sets must be a positive whole number."),
        ("9" * 5000, "Số bộ phải là số nguyên dương.", "Number of sets must be a positive whole number."),
        (1001, "Số bộ không được lớn hơn 1000.", "Number of sets must not be greater than 1000."),
        ("1001", "Số bộ không được lớn hơn 1000.", "Number of sets must not be greater than 1000."),
    ],
)
def test_positive_int_invalid(raw: object, vi: str, en: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validation.positive_int(raw, field="sets", label_vi="Số bộ", label_en="Number of sets")
    check_error(caught.value, "sets", vi, en)


def test_positive_int_maximum() -> None:
    kwargs = {"field": "pages", "label_vi": "Số trang", "label_en": "Number of pages", "maximum": 5}
    assert validation.positive_int(5, **kwargs) == 5
    with pytest.raises(ValidationError) as caught:
        validation.positive_int(6, **kwargs)
    check_error(caught.value, "pages", "Số trang không được lớn hơn 5.", "Number of pages must not be greater than 5.")


COPY_KINDS = {"original": "Bản chính", "certified": "Bản sao chứng thực", "copy": "Bản sao"}


@pytest.mark.parametrize(
    ("raw", "allowed", "expected"),
    [
        ("original", COPY_KINDS, "original"),
        (" copy ", COPY_KINDS, "copy"),
        ("4", ("3", "4", "5"), "4"),
    ],
)
def test_choice_valid(raw: str, allowed, expected: str) -> None:
    assert validation.choice(raw, allowed, field="kind", label_vi="Loại bản", label_en="Copy kind") == expected


@pytest.mark.parametrize("raw", ["Bản chính", "ORIGINAL", "", None])
def test_choice_invalid(raw: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validation.choice(raw, COPY_KINDS, field="kind", label_vi="loại bản", label_en="copy kind")
    check_error(
        caught.value,
        "kind",
        "Loại bản phải là một trong các giá trị: original, certified, copy.",
        "Copy kind must be one of: original, certified, copy.",
    )


def test_choice_refuses_a_string_as_the_allowed_values() -> None:
    with pytest.raises(TypeError):
        validation.choice("a", "abc", field="x", label_vi="X", label_en="X")


def test_no_unknown_keys() -> None:
    validation.no_unknown_keys({"code": 1, "name": 2}, ["code", "name", "fee"])
    validation.no_unknown_keys({}, [])


@pytest.mark.parametrize(
    ("where", "vi", "en"),
    [
        ("", "Không nhận ra trường dữ liệu “nmae”.", "Unknown field “nmae”."),
        (
            "procedures.json",
            "Không nhận ra trường dữ liệu “nmae” trong procedures.json.",
            "Unknown field “nmae” in procedures.json.",
        ),
    ],
)
def test_no_unknown_keys_names_the_first_unknown_key(where: str, vi: str, en: str) -> None:
    data = {"code": "1.001", "nmae": "Đăng ký khai sinh", "feee": 0}
    with pytest.raises(ValidationError) as caught:
        validation.no_unknown_keys(data, iter(["code", "name", "fee"]), where=where)
    check_error(caught.value, "nmae", vi, en)
