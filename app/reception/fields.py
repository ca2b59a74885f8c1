"""Checks on a dossier's fields that need no store: shared by the reception input (``intake``), the hub
that takes in desks' records, and the desk that applies records pulled from the hub (``wire``).

Nothing here imports ``db``: the province hub imports this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.core import validation
from app.core.errors import ValidationError
from app.reception.records import DOCUMENT_KINDS, Document

DOCUMENT_KEYS = ("name", "kind", "count")
ADDRESS_MAX = 300
NOTES_MAX = 2000
DOCUMENTS_MAX = 50  # the longest required list in the catalogue has about 20


def address(value: Any) -> str:
    return validation.optional_text(
        value, field="address", label_vi="địa chỉ", label_en="the address", max_len=ADDRESS_MAX
    )


def documents(data: Any) -> tuple[Document, ...]:
    """A list of ``{"name", "kind", "count"}``: what the citizen handed in."""
    if not isinstance(data, list):
        raise ValidationError(
            "Danh sách giấy tờ phải là một danh sách.", "Documents must be a list.", field="documents"
        )
    if len(data) > DOCUMENTS_MAX:
        raise ValidationError(
            f"Một hồ sơ có tối đa {DOCUMENTS_MAX} loại giấy tờ.",
            f"A dossier lists at most {DOCUMENTS_MAX} documents.",
            field="documents",
        )
    docs = []
    for item in data:
        if not isinstance(item, Mapping):
            raise ValidationError(
                "Mỗi giấy tờ phải có tên, loại và số lượng.",
                "Each document needs a name, kind and count.",
                field="documents",
            )
        validation.no_unknown_keys(item, DOCUMENT_KEYS, where="documents")
        name = validation.required_text(
            item.get("name"), field="documents", label_vi="Tên giấy tờ", label_en="Document name", max_len=200
        )
        kind = validation.choice(
            item.get("kind") or "original",
            DOCUMENT_KINDS,
            field="documents",
            label_vi="Loại giấy tờ",
            label_en="Document kind",
        )
        count = validation.positive_int(
            item.get("count", 1), field="documents", label_vi="Số lượng giấy tờ", label_en="Document count", maximum=99
        )
        docs.append(Document(name, kind, count))  # type: ignore[arg-type]
    return tuple(docs)
