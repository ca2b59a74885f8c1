"""Dossier and event records as they travel between desks and the hub, checked with the desk's rules.

The hub runs these on every change a desk pushes, and a desk on every record it pulls, so a record
that the receiving desk could not read is refused at the door (hub) or set aside (desk), never stored
where it would break the next sync. The checks are the reception input's own (``fields``,
``app.core.validation``); a record must also already be in the form a desk writes (normalised).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from app.core import textcheck, validation
from app.core.errors import MotcuaError, ValidationError
from app.core.worktime import LegalTime
from app.reception import fields
from app.reception.records import CHANNELS, EVENT_KINDS, FINAL_STATUSES

# What syncs of a dossier: its stored columns but the derived status and due time (rows.dossier_payload).
DOSSIER_KEYS = frozenset(
    {
        "id",
        "code",
        "procedure_code",
        "procedure_name",
        "legal_time",
        "applicant_name",
        "applicant_cccd",
        "applicant_phone",
        "applicant_address",
        "applicant_email",
        "documents",
        "sets",
        "channel",
        "notes",
        "received_at",
        "created_at",
        "updated_at",
        "clerk_id",
        "desk_id",
    }
)
# Columns added later (db.dossier_store.DOSSIER_DEFAULTS): a desk of an older version does not send them.
DOSSIER_OPTIONAL = frozenset({"identity_check", "procedure_level", "deciding_agency", "for_commune"})
EVENT_KEYS = frozenset({"id", "dossier_id", "kind", "at", "data", "clerk_id", "desk_id", "created_at"})
# shared/CLI.md: codes are [A-Z0-9.]+-[0-9]{6}-[0-9]{4}; an agency code is at most 20 characters.
CODE = re.compile(r"[A-Z0-9.]{1,20}-[0-9]{6}-[0-9]{4}")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
REASON_MAX = 2000


def _bad(field: str, vi: str, en: str) -> ValidationError:
    return ValidationError(vi, en, field=field)


def _keys(p: Any, allowed: frozenset[str], where: str, optional: frozenset[str] = frozenset()) -> Mapping[str, Any]:
    if not isinstance(p, Mapping):
        raise _bad(where, "Bản ghi phải là một đối tượng JSON.", "The record must be a JSON object.")
    validation.no_unknown_keys(p, allowed | optional, where=where)
    missing = sorted(allowed - set(p))
    if missing:
        raise _bad(missing[0], f"Bản ghi thiếu trường “{missing[0]}”.", f"The record lacks the field “{missing[0]}”.")
    return p


def _uuid(value: Any, field: str) -> str:
    if not isinstance(value, str) or not UUID.fullmatch(value):
        raise _bad(field, f"Mã định danh “{field}” không hợp lệ.", f"The identifier “{field}” is not valid.")
    return value


def _same(field: str, given: Any, normalised: Any) -> None:
    """The record must hold what the desk's own check would store, not merely something it would accept."""
    if given != normalised:
        raise _bad(field, f"Trường “{field}” chưa được chuẩn hóa.", f"The field “{field}” is not normalised.")


def _optional(p: Mapping[str, Any], key: str, check: Any) -> None:
    value = p[key]
    if value is not None:
        textcheck.plain_text(value, field=key, max_len=300)
        _same(key, value, check(value, field=key))


def check_dossier(p: Any) -> None:
    """Raises ValidationError (one sentence, Vietnamese and English, naming the field) for a bad dossier."""
    p = _keys(p, DOSSIER_KEYS, "dossier", DOSSIER_OPTIONAL)
    for key in DOSSIER_OPTIONAL & set(p):
        textcheck.plain_text(p[key], field=key, max_len=200)
    _uuid(p["id"], "id")
    code = textcheck.plain_text(p["code"], field="code", max_len=40)
    if not CODE.fullmatch(code):
        raise _bad("code", "Mã hồ sơ không đúng dạng.", "The dossier code is not in the expected form.")
    textcheck.plain_text(p["procedure_code"], field="procedure_code", max_len=40)
    validation.required_text(
        p["procedure_name"], field="procedure_name", label_vi="Tên thủ tục", label_en="The procedure name", max_len=500
    )
    textcheck.plain_text(p["procedure_name"], field="procedure_name", max_len=500)
    legal = textcheck.plain_text(p["legal_time"], field="legal_time", max_len=10)
    try:
        LegalTime.parse(legal)
    except MotcuaError as exc:
        raise _bad("legal_time", exc.message("vi"), exc.message("en")) from None
    name = textcheck.plain_text(p["applicant_name"], field="applicant_name", max_len=200)
    _same("applicant_name", name, validation.full_name(name, field="applicant_name"))
    _optional(p, "applicant_cccd", validation.cccd)
    _optional(p, "applicant_phone", validation.phone)
    _optional(p, "applicant_email", validation.email)
    textcheck.plain_text(p["applicant_address"], field="applicant_address", max_len=fields.ADDRESS_MAX)
    fields.documents(p["documents"])
    if not isinstance(p["sets"], int):
        raise _bad("sets", "Số bộ hồ sơ phải là số nguyên.", "The number of sets must be a whole number.")
    validation.positive_int(p["sets"], field="sets", label_vi="Số bộ hồ sơ", label_en="Number of sets", maximum=50)
    validation.choice(p["channel"], CHANNELS, field="channel", label_vi="Hình thức nộp", label_en="Channel")
    textcheck.plain_text(p["notes"], field="notes", max_len=fields.NOTES_MAX)
    for key in ("received_at", "created_at", "updated_at"):
        validation.sane_moment(p[key], field=key)
    for key in ("clerk_id", "desk_id"):
        textcheck.plain_text(p[key], field=key, max_len=64)


def check_event(p: Any) -> None:
    p = _keys(p, EVENT_KEYS, "event")
    _uuid(p["id"], "id")
    _uuid(p["dossier_id"], "dossier_id")
    validation.choice(p["kind"], EVENT_KINDS, field="kind", label_vi="Loại sự kiện", label_en="Event kind")
    validation.sane_moment(p["at"], field="at")
    validation.sane_moment(p["created_at"], field="created_at")
    for key in ("clerk_id", "desk_id"):
        textcheck.plain_text(p[key], field=key, max_len=64)
    data = p["data"]
    if not isinstance(data, Mapping):
        raise _bad("data", "Dữ liệu của sự kiện phải là một đối tượng JSON.", "An event's data must be a JSON object.")
    if p["kind"] == "apology_issued" or "new_due" in data:
        validation.sane_moment(data.get("new_due"), field="new_due")
    if "old_due" in data:
        validation.sane_moment(data["old_due"], field="old_due")
    if "reason" in data:
        textcheck.plain_text(data["reason"], field="reason", max_len=REASON_MAX)


SETTLEMENT_KEYS = frozenset(
    {"id", "dossier_id", "keep_event_id", "keep_kind", "note", "clerk_id", "desk_id", "at", "created_at"}
)


def check_settlement(p: Any) -> None:
    """A leader's settlement of a clash: which final event of the dossier holds."""
    p = _keys(p, SETTLEMENT_KEYS, "settlement")
    for key in ("id", "dossier_id", "keep_event_id"):
        _uuid(p[key], key)
    validation.choice(
        p["keep_kind"], sorted(FINAL_STATUSES), field="keep_kind", label_vi="Kết quả giữ lại", label_en="Kept outcome"
    )
    textcheck.plain_text(p["note"], field="note", max_len=REASON_MAX)
    for key in ("clerk_id", "desk_id"):
        textcheck.plain_text(p[key], field=key, max_len=64)
    for key in ("at", "created_at"):
        validation.sane_moment(p[key], field=key)
