"""The reception input, validated at the edge (the CLI's JSON, the form's fields)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.core import validation
from app.core.errors import NoProcedureChosen, ValidationError
from app.reception import catalogue, fields
from app.reception.records import (
    CHANNELS,
    IDENTITY_CHECKS,
    Applicant,
    Document,
    Procedure,
)
from db.catalogue_store import CatalogueStore
from db.store import Store

RECEIVE_KEYS = (
    "applicant",
    "procedure",
    "documents",
    "sets",
    "channel",
    "notes",
    "received_at",
    "identity_check",
    "for_commune",
)
APPLICANT_KEYS = ("full_name", "cccd", "phone", "address", "email")
DOCUMENT_KEYS = fields.DOCUMENT_KEYS
# Limits a clerk would not meet in real work (README, "Limits"); the name's is validation.full_name's.
# Shared with the hub's checks of synced dossiers (app.reception.fields, app.reception.wire).
MAX_ADDRESS = fields.ADDRESS_MAX
MAX_NOTES = fields.NOTES_MAX
MAX_DOCUMENTS = fields.DOCUMENTS_MAX


# validation of the reception input


@dataclass(frozen=True)
class ReceiveInput:
    applicant: Applicant
    procedure: Procedure
    documents: tuple[Document, ...]
    sets: int
    channel: str
    notes: str
    received_at: datetime | None
    identity_check: str = ""
    for_commune: str = ""
    for_commune_name: str = ""


def _applicant(data: Any, today: datetime) -> Applicant:
    if not isinstance(data, Mapping):
        raise ValidationError("Thiếu thông tin người nộp hồ sơ.", "The applicant is missing.", field="applicant")
    validation.no_unknown_keys(data, APPLICANT_KEYS, where="applicant")
    name = validation.full_name(data.get("full_name"), field="full_name")
    cccd_value = data.get("cccd")
    if cccd_value in (None, ""):
        raise ValidationError(
            "Chưa nhập số CCCD của người nộp hồ sơ.", "The applicant's CCCD number is missing.", field="cccd"
        )
    cccd = validation.cccd(cccd_value, field="cccd", today=today.date())
    phone_value = data.get("phone")
    phone = validation.phone(phone_value, field="phone") if phone_value not in (None, "") else None
    address = fields.address(data.get("address"))
    email = validation.email(data.get("email"), field="email")
    return Applicant(full_name=name, cccd=cccd, phone=phone, address=address, email=email)


def _documents(data: Any, procedure: Procedure) -> tuple[Document, ...]:
    if data in (None, []):
        return procedure.documents
    return fields.documents(data)


def parse_receive(data: Any, store: Store, now: datetime) -> ReceiveInput:
    """Validate the reception input (the CLI's JSON, the form's fields) at the edge."""
    if not isinstance(data, Mapping):
        raise ValidationError(
            "Dữ liệu hồ sơ phải là một đối tượng JSON.", "The dossier must be a JSON object.", field="dossier"
        )
    validation.json_shape(data, field="dossier")
    validation.no_unknown_keys(data, RECEIVE_KEYS)
    applicant = _applicant(data.get("applicant"), now)
    code = data.get("procedure")
    if not isinstance(code, str) or not code.strip():
        raise NoProcedureChosen()
    if len(code) > 100:  # no catalogue code is this long: do not look it up
        raise ValidationError(
            f"Không có thủ tục mã «{validation.excerpt(code)}» trong danh mục.",
            f"There is no procedure with code '{validation.excerpt(code)}' in the catalogue.",
            field="procedure",
        )
    procedure = catalogue.get(CatalogueStore(store), code.strip())
    documents = _documents(data.get("documents"), procedure)
    sets = validation.positive_int(
        data.get("sets", 1), field="sets", label_vi="Số bộ hồ sơ", label_en="Number of sets", maximum=50
    )
    channel = validation.choice(
        data.get("channel") or "direct", CHANNELS, field="channel", label_vi="Hình thức nộp", label_en="Channel"
    )
    notes = validation.optional_text(
        data.get("notes"), field="notes", label_vi="ghi chú", label_en="the notes", max_len=MAX_NOTES
    )
    received_at = None
    if data.get("received_at") is not None and data.get("received_at") != "":
        # Not before 2000: a code carries two year digits, and 1900's would collide with 2000's.
        received_at = validation.not_in_future(
            validation.iso_datetime(
                data["received_at"], field="received_at", label_vi="thời điểm tiếp nhận", label_en="the time of receipt"
            ),
            now,
            field="received_at",
            label_vi="thời điểm tiếp nhận",
            label_en="the time of receipt",
        )
    identity = data.get("identity_check") or ""
    if identity:
        identity = validation.choice(
            identity,
            IDENTITY_CHECKS,
            field="identity_check",
            label_vi="Cách kiểm tra danh tính",
            label_en="Identity check",
        )
    for_commune, for_name = _for_commune(data.get("for_commune"), procedure)
    return ReceiveInput(
        applicant, procedure, documents, sets, channel, notes, received_at, identity, for_commune, for_name
    )


def _for_commune(value: Any, procedure: Procedure) -> tuple[str, str]:
    """A commune-level procedure of another commune: ``{"code": "87002", "name": "Xã Mỹ Hiệp"}``, the same
    as one string ``"87002 Xã Mỹ Hiệp"`` (what the clerk picks in the form), or the code alone."""
    if value in (None, "", {}):
        return "", ""
    if isinstance(value, Mapping):
        code, name = value.get("code"), value.get("name")
    else:
        found = re.fullmatch(r"\s*([0-9]+)\s*[-—,:]?\s*(.*)", str(value), re.DOTALL)
        code, name = (found.group(1), found.group(2)) if found else (value, "")
    code = code.strip() if isinstance(code, str) else str(code or "") if isinstance(code, int) else "?"
    if len(code) != 5 or not code.isdigit():
        raise ValidationError(
            "Mã xã nơi giải quyết phải gồm đúng 5 chữ số.",
            "The code of the commune that decides must be exactly 5 digits.",
            field="for_commune",
        )
    if procedure.level != "commune":
        raise ValidationError(
            "Chỉ chọn xã nơi giải quyết cho thủ tục cấp xã; thủ tục này do cơ quan khác giải quyết.",
            "A deciding commune is chosen only for a commune-level procedure; another agency decides this one.",
            field="for_commune",
        )
    name = validation.optional_text(
        name, field="for_commune", label_vi="tên xã nơi giải quyết", label_en="the deciding commune's name", max_len=200
    )
    return code, name
