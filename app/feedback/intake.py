"""A register entry's input, validated at the edge (the form's fields, ``motcua feedback add``'s JSON)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.core import textcheck, validation
from app.core.errors import ValidationError
from app.feedback.confidential import Identity

ADD_KEYS = ("kind", "channel", "person", "content", "category", "dossier", "received_at", "assigned_to")
PERSON_KEYS = ("name", "address", "contact")
MAX_CONTENT = 5000


def person(data: Any, kind: str) -> Identity | None:
    if data in (None, {}, ""):
        if kind in ("complaint", "reception"):
            # A complaint or a reception is by a named person; feedback and denunciations may be anonymous.
            raise ValidationError(
                "Cần ghi họ tên người khiếu nại hoặc được tiếp.",
                "The name of the person is required for this register.",
                field="name",
            )
        return None
    if not isinstance(data, Mapping):
        raise ValidationError(
            "Thông tin người gửi không hợp lệ.", "The person's details are not valid.", field="person"
        )
    validation.no_unknown_keys(data, PERSON_KEYS, where="person")
    name = text_field(data.get("name"), "name", "Họ tên", "Name", 200)
    address = text_field(data.get("address"), "address", "Địa chỉ", "Address", 300)
    contact = text_field(data.get("contact"), "contact", "Liên hệ", "Contact", 200)
    if not (name or address or contact):
        return person(None, kind)
    if not name and kind in ("complaint", "reception"):
        return person(None, kind)
    return Identity(name, address, contact)


def text_field(value: Any, field_name: str, label_vi: str, label_en: str, limit: int, required: bool = False) -> str:
    if required:
        return validation.required_text(value, field=field_name, label_vi=label_vi, label_en=label_en, max_len=limit)
    return validation.optional_text(value, field=field_name, label_vi=label_vi, label_en=label_en, max_len=limit)


ACTION_LABELS = {"note": ("Ghi chú", "The note"), "reason": ("Lý do", "The reason")}


def action_text(key: str, value: Any) -> str:
    """A note or reason given with a step of an entry's handling (forwarding, closing), within its limit."""
    vi, en = ACTION_LABELS[key]
    return textcheck.field_text("feedback_event", key, value, label_vi=vi, label_en=en)
