"""Checks on what a clerk types or a file imports.

Each function returns the normalised value or raises ``ValidationError`` with one Vietnamese sentence,
its English translation and the field name, so the UI can point at the field without formatting.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.core import paths
from app.core.errors import BadCommuneCode, BadDeskNumber
from app.core.text import nfc
from app.core.textcheck import (
    _error,
    _labels,
    _sentence_start,
    bad_char,
    clean_text,
    excerpt,
    has_surrogate,
    json_shape,
    optional_text,
)

__all__ = [
    "EARLIEST",
    "LATEST",
    "cccd",
    "choice",
    "clean_text",
    "commune_code",
    "desk_number",
    "email",
    "excerpt",
    "full_name",
    "iso_date",
    "iso_datetime",
    "json_shape",
    "no_unknown_keys",
    "optional_text",
    "phone",
    "positive_int",
    "province_name",
    "required_text",
    "sane_moment",
]


def _local_tz() -> tzinfo:
    try:
        return ZoneInfo("Asia/Ho_Chi_Minh")
    except ZoneInfoNotFoundError:
        # Windows without the tzdata package; Vietnam has kept UTC+7 without DST since 1975.
        return timezone(timedelta(hours=7), "ICT")


LOCAL_TZ = _local_tz()


def commune_code(value: object) -> str:
    """A commune's code: exactly five digits (the province-wide administrative code)."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{5}", value):
        raise BadCommuneCode()
    return value


def desk_number(value: object) -> int:
    """A desk's number in its commune, 1 to 9 (one digit of the dossier code)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9:
        raise BadDeskNumber()
    return value


# --- Citizen ID (CCCD) -----------------------------------------------------------------------------


@cache
def _provinces() -> dict[str, str]:
    # utf-8-sig: the province may re-save the file from Excel, which adds a BOM.
    with paths.resource("cccd_provinces.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {row["code"].strip(): nfc(row["name"]) for row in csv.DictReader(handle)}


def province_name(code: str) -> str | None:
    """Name of the province of a 3-digit CCCD code ("001" -> "Hà Nội"), or None if unknown."""
    return _provinces().get(code.strip())


_TWELVE_DIGITS = re.compile(r"[0-9]{12}")


def cccd(value: str, *, field: str = "cccd", today: date | None = None) -> str:
    """12 digits: province code (3), century and sex (1), birth year within the century (2), serial (6)."""
    if value is not None and not isinstance(value, str):
        raise _error("Số CCCD phải là văn bản gồm 12 chữ số.", "The CCCD number must be text of 12 digits.", field)
    digits = "".join((value or "")[:100].split())
    if not digits:
        raise _error("Số CCCD không được để trống.", "The CCCD number must not be empty.", field)
    if not _TWELVE_DIGITS.fullmatch(digits):
        raise _error("Số CCCD phải gồm đúng 12 chữ số.", "The CCCD number must consist of exactly 12 digits.", field)
    code = digits[:3]
    if province_name(code) is None:
        raise _error(
            f"Ba chữ số đầu của số CCCD ({code}) không phải là mã tỉnh hợp lệ.",
            f"The first three digits of the CCCD number ({code}) are not a valid province code.",
            field,
        )
    # 0/1 -> 1900s, 2/3 -> 2000s, ... 8/9 -> 2300s; the parity is the sex, which we do not need.
    birth_year = 1900 + int(digits[3]) // 2 * 100 + int(digits[4:6])
    current_year = (today or date.today()).year
    if birth_year > current_year:
        raise _error(
            f"Năm sinh trong số CCCD ({birth_year}) không được sau năm hiện tại.",
            f"The birth year in the CCCD number ({birth_year}) cannot be later than the current year.",
            field,
        )
    return digits


# --- Phone and email --------------------------------------------------------------------------------

_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
_MOBILE_PREFIXES = ("03", "05", "07", "08", "09")


def _local_phone_digits(value: str) -> str:
    """Separators removed and +84 / 84 turned into the leading 0 that numbers are dialled with."""
    compact = _PHONE_SEPARATORS.sub("", value)
    for prefix in ("+84", "84"):
        if compact.startswith(prefix):
            rest = compact[len(prefix) :]
            # "+84 (0) 912..." is a common way to write it; the 0 must not be doubled.
            return rest if rest.startswith("0") else "0" + rest
    return compact


def phone(value: str, *, field: str = "phone") -> str:
    """A mobile (10 digits, 03/05/07/08/09) or landline (11 digits, 02) number, as digits with a leading 0."""
    if value is not None and not isinstance(value, str):
        raise _error("Số điện thoại phải là văn bản.", "The phone number must be text.", field)
    text = (value or "")[:100].strip()
    if not text:
        raise _error("Số điện thoại không được để trống.", "The phone number must not be empty.", field)
    digits = _local_phone_digits(text)
    if not digits.isascii() or not digits.isdigit():
        raise _error(
            "Số điện thoại chỉ được chứa chữ số, dấu cách, dấu chấm, dấu gạch ngang và mã quốc gia +84.",
            "The phone number may contain only digits, spaces, dots, hyphens and the +84 country code.",
            field,
        )
    if len(digits) == 10 and digits.startswith(_MOBILE_PREFIXES):
        return digits
    if len(digits) == 11 and digits.startswith("02"):
        return digits
    if len(digits) == 11 and digits.startswith("01"):
        # 11-digit 01x mobile numbers were renumbered in 2018 (e.g. 0168 -> 038).
        raise _error(
            "Số điện thoại dùng đầu số cũ 01x, hãy nhập số di động mới gồm 10 chữ số.",
            "The phone number uses an old 01x prefix; enter the new 10-digit mobile number.",
            field,
        )
    raise _error(
        "Số điện thoại phải là số di động 10 chữ số (đầu 03, 05, 07, 08, 09) hoặc số cố định 11 chữ số (đầu 02).",
        "The phone number must be a 10-digit mobile number (starting 03, 05, 07, 08 or 09)"
        " or an 11-digit landline number (starting 02).",
        field,
    )


# Deliberately simple: one @, no spaces, a dot inside the domain; the mail server has the final word.
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")
_EMAIL_MAX_LEN = 254


def email(value: str | None, *, field: str = "email") -> str | None:
    """None for an empty value (email is optional); otherwise a plausible address, trimmed."""
    if value is not None and not isinstance(value, str):
        raise _error("Địa chỉ email phải là văn bản.", "The email address must be text.", field)
    if value and len(value) > 4 * _EMAIL_MAX_LEN:
        value = value[: _EMAIL_MAX_LEN + 1]  # too long either way; not worth normalising a megabyte
    text = nfc(value) if value and not has_surrogate(value) else ("\ufffd" if value else "")
    if not text:
        return None
    if len(text) > _EMAIL_MAX_LEN or not _EMAIL.fullmatch(text) or bad_char(text):
        raise _error(
            "Địa chỉ email không hợp lệ, ví dụ đúng: ten@example.com.",
            "The email address is not valid; a valid example is name@example.com.",
            field,
        )
    return text


# --- Text -------------------------------------------------------------------------------------------


def required_text(value: object, *, field: str, label_vi: str, label_en: str, max_len: int = 200) -> str:
    """NFC text, trimmed and with single spaces, neither empty nor longer than ``max_len``, without
    hidden or control characters."""
    return clean_text(value, field=field, label_vi=label_vi, label_en=label_en, max_len=max_len)


def full_name(value: object, *, field: str = "full_name") -> str:
    """A person's name: required text with at least one letter and no digits."""
    name = required_text(value, field=field, label_vi="Họ và tên", label_en="The full name")
    if any(ch.isdigit() for ch in name):
        raise _error("Họ và tên không được chứa chữ số.", "The full name must not contain digits.", field)
    if not any(ch.isalpha() for ch in name):
        raise _error("Họ và tên phải có ít nhất một chữ cái.", "The full name must contain at least one letter.", field)
    return name


# --- Dates ------------------------------------------------------------------------------------------

_YMD = re.compile(r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _check_real_date(text: str, field: str, vi: str, en: str) -> None:
    """Name a well-formed but impossible date (2026-02-30) rather than calling it badly formatted."""
    match = _YMD.match(text)
    if not match:
        return
    try:
        date(*(int(part) for part in match.groups()))
    except ValueError:
        ymd = "-".join(match.groups())
        raise _error(
            f"{vi} chứa ngày {ymd} không có thật.",
            f"{en} contains the date {ymd}, which does not exist.",
            field,
        ) from None


# Dates a desk handles: codes carry two year digits (2000 and 2100 would collide), and the calendar
# of holidays and Tết is known only for these years.
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)


def iso_datetime(value: str, *, field: str, label_vi: str | None = None, label_en: str | None = None) -> datetime:
    """ISO 8601 date and time; a naive value is local time (Asia/Ho_Chi_Minh). Always returns aware."""
    vi, en = _labels(field, label_vi, label_en)
    text = value.strip() if isinstance(value, str) and len(value) < 100 else ""
    _check_real_date(text, field, vi, en)
    try:
        date.fromisoformat(text)
    except ValueError:
        pass
    else:
        # fromisoformat would read a bare date as midnight, which is rarely what was meant.
        raise _error(
            f"{vi} phải có cả ngày và giờ, ví dụ 2026-02-12T09:30.",
            f"{en} must include both a date and a time, e.g. 2026-02-12T09:30.",
            field,
        )
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise _error(
            f"{vi} phải là ngày giờ theo định dạng ISO 8601, ví dụ 2026-02-12T09:30.",
            f"{en} must be a date and time in ISO 8601 format, e.g. 2026-02-12T09:30.",
            field,
        ) from None
    if not EARLIEST.year <= parsed.year <= LATEST.year:
        raise _error(
            f"{vi} phải trong khoảng năm {EARLIEST.year} đến {LATEST.year}.",
            f"{en} must be between the years {EARLIEST.year} and {LATEST.year}.",
            field,
        )
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=LOCAL_TZ)


# Desks' clocks drift; a moment a little ahead of this desk's clock is still "now".
FUTURE_TOLERANCE = timedelta(minutes=5)


# Dates a one-stop shop can mean: years outside these are typing slips or forgeries, and years near
# 1 or 9999 overflow the calendar's arithmetic (a due date 30 working days after 9999-12-31).
MIN_YEAR, MAX_YEAR = EARLIEST.year, LATEST.year  # the desk's own bounds
_WRITTEN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?[+-][0-9]{2}:[0-9]{2}")


def sane_moment(value: object, *, field: str, label_vi: str | None = None, label_en: str | None = None) -> datetime:
    """An ISO 8601 date and time WITH its UTC offset, as the desk writes them, in years 2000–2099."""
    if isinstance(value, str) and _WRITTEN.fullmatch(value):  # the form desks write: one C-level parse
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is not None and MIN_YEAR <= parsed.year <= MAX_YEAR:
            return parsed
    vi, en = _labels(field, label_vi, label_en)
    if not isinstance(value, str) or len(value) > 40:
        raise _error(
            f"{vi} phải là ngày giờ ISO 8601 có múi giờ.",
            f"{en} must be an ISO 8601 date and time with its offset.",
            field,
        )
    parsed = iso_datetime(value, field=field, label_vi=label_vi, label_en=label_en)
    if datetime.fromisoformat(value.strip()).tzinfo is None:
        raise _error(
            f"{vi} phải ghi rõ múi giờ, ví dụ 2026-02-12T09:30:00+07:00.",
            f"{en} must include its UTC offset, e.g. 2026-02-12T09:30:00+07:00.",
            field,
        )
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise _error(
            f"{vi} phải trong các năm {MIN_YEAR}–{MAX_YEAR}.",
            f"{en} must fall in the years {MIN_YEAR}–{MAX_YEAR}.",
            field,
        )
    return parsed


def is_future(moment: datetime, now: datetime) -> bool:
    """The one "at most five minutes in the future" rule for times a clerk enters."""
    return moment > now + FUTURE_TOLERANCE


def not_in_future(moment: datetime, now: datetime, *, field: str, label_vi: str, label_en: str) -> datetime:
    if is_future(moment, now):
        raise _error(
            f"{_sentence_start(label_vi)} không được ở tương lai.",
            f"{_sentence_start(label_en)} cannot be in the future.",
            field,
        )
    return moment


def iso_date(value: str, *, field: str, label_vi: str | None = None, label_en: str | None = None) -> date:
    """ISO 8601 calendar date (2026-02-12)."""
    vi, en = _labels(field, label_vi, label_en)
    text = value.strip() if isinstance(value, str) and len(value) < 100 else ""
    _check_real_date(text, field, vi, en)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _error(
            f"{vi} phải là ngày theo định dạng YYYY-MM-DD, ví dụ 2026-02-12.",
            f"{en} must be a date in YYYY-MM-DD format, e.g. 2026-02-12.",
            field,
        ) from None


# --- Numbers, choices, keys -------------------------------------------------------------------------

_DIGITS = re.compile(r"[0-9]{1,18}")  # the cap keeps int() away from absurdly long strings


def positive_int(value: object, *, field: str, label_vi: str, label_en: str, maximum: int = 1000) -> int:
    """An int or a string of digits, from 1 to ``maximum``; bool is refused although it is an int."""
    vi, en = _sentence_start(label_vi), _sentence_start(label_en)
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        number = int(value.strip())
    if number is None or number < 1:
        raise _error(f"{vi} phải là số nguyên dương.", f"{en} must be a positive whole number.", field)
    if number > maximum:
        raise _error(f"{vi} không được lớn hơn {maximum}.", f"{en} must not be greater than {maximum}.", field)
    return number


_CHOICES_SHOWN = 10


def choice(
    value: str,
    allowed: Mapping[str, str] | Sequence[str],
    *,
    field: str,
    label_vi: str,
    label_en: str,
) -> str:
    """``value`` (trimmed) if it is one of ``allowed`` (a mapping's keys, or a sequence of codes)."""
    if isinstance(allowed, str):
        raise TypeError("allowed must be a collection of values, not a single string")
    options = list(allowed.keys() if isinstance(allowed, Mapping) else allowed)
    text = value.strip() if isinstance(value, str) else None
    if text in options:
        return text
    listed = ", ".join(options[:_CHOICES_SHOWN]) + (", …" if len(options) > _CHOICES_SHOWN else "")
    vi, en = _sentence_start(label_vi), _sentence_start(label_en)
    raise _error(f"{vi} phải là một trong các giá trị: {listed}.", f"{en} must be one of: {listed}.", field)


def no_unknown_keys(data: Mapping, allowed: Iterable[str], *, where: str = "") -> None:
    """Refuse a key that is not in ``allowed``, so a misspelt key in an import is not silently dropped."""
    known = set(allowed)
    for key in data:
        if key not in known:
            name = excerpt(key)
            place_vi = f" trong {where}" if where else ""
            place_en = f" in {where}" if where else ""
            raise _error(
                f"Không nhận ra trường dữ liệu “{name}”{place_vi}.",
                f"Unknown field “{name}”{place_en}.",
                name,
            )
