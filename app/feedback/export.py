"""The feedback register as a spreadsheet: columns and headers."""

from __future__ import annotations

EXPORT_COLUMNS = (
    ("Số", "No."),
    ("Sổ", "Register"),
    ("Ngày nhận", "Received"),
    ("Người gửi", "Person"),
    ("Địa chỉ", "Address"),
    ("Liên hệ", "Contact"),
    ("Hình thức", "Channel"),
    ("Phân loại", "Category"),
    ("Nội dung", "Content"),
    ("Hồ sơ", "Dossier"),
    ("Hạn", "Due"),
    ("Trạng thái", "Status"),
    ("Cán bộ", "Officer"),
    ("Trả lời", "Answer"),
    ("Chuyển đến", "Forwarded to"),
)


def export_header(lang: str = "vi") -> list[str]:
    return [en if lang == "en" else vi for vi, en in EXPORT_COLUMNS]
