"""Why the hub refused something, in words a clerk can read, and the errors sync raises."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.core.errors import MotcuaError

# Codes the hub sends; the desk shows the sentence, never the code.
REASONS: dict[str, tuple[str, str]] = {
    "conflict": (
        "Máy chủ tỉnh đã nhận thay đổi này với nội dung khác; cần người kiểm tra.",
        "The hub already holds this change with different content; a person must check it.",
    ),
    "entity_exists": (
        "Máy chủ tỉnh đã có một bản ghi cùng mã định danh nhưng nội dung khác.",
        "The hub already holds a record with the same identifier but different content.",
    ),
    "wrong_desk": (
        "Bản ghi ghi tên một quầy khác với quầy đang gửi.",
        "The record names a desk other than the one sending it.",
    ),
    "foreign_commune": (
        "Bản ghi thuộc hồ sơ của xã khác; quầy chỉ được gửi dữ liệu của xã mình.",
        "The record belongs to another commune's dossier; a desk sends only its own commune's data.",
    ),
    "unknown_dossier": (
        "Máy chủ tỉnh chưa có hồ sơ mà bản ghi này nói tới (hồ sơ bị từ chối hoặc chưa được gửi).",
        "The hub does not hold the dossier this record is about (it was refused or not sent yet).",
    ),
    "unknown_record": (
        "Máy chủ tỉnh chưa có bản ghi mà bản ghi này nói tới (bị từ chối hoặc chưa được gửi).",
        "The hub does not hold the record this one is about (it was refused or not sent yet).",
    ),
    "bad_payload": (
        "Nội dung bản ghi không hợp lệ nên máy chủ tỉnh không nhận.",
        "The record's content is not valid, so the hub did not accept it.",
    ),
    "cannot_apply": (
        "Quầy không áp dụng được bản ghi nhận từ máy chủ tỉnh; bản ghi được để riêng để kiểm tra.",
        "The desk could not apply a record received from the hub; it was set aside for checking.",
    ),
    "bad_seal": (
        "Bản ghi của quầy khác gửi lại không đúng chữ ký của quầy đã lập nó (đã bị sửa); máy chủ tỉnh không nhận.",
        "A record relayed for another desk does not match that desk's signature (it was changed); the hub refused it.",
    ),
    "seal_incomplete": (
        "Chưa đủ bản ghi để máy chủ tỉnh kiểm tra chữ ký của quầy đã lập chúng.",
        "Not all the records needed to check the originating desk's signature were sent.",
    ),
    "unknown_origin": (
        "Máy chủ tỉnh không biết quầy đã lập các bản ghi gửi lại này.",
        "The hub does not know the desk that wrote these relayed records.",
    ),
    "learning": (
        "Máy chủ tỉnh vừa được khôi phục và đang hỏi các quầy số hồ sơ đã cấp; sẽ thử lại ở lần đồng bộ sau.",
        "The hub was just restored and is asking the desks which codes they issued; sync will ask again.",
    ),
    "unauthenticated": ("Yêu cầu không có chữ ký của quầy.", "The request is not signed by a desk."),
    "unknown_desk": (
        "Máy chủ tỉnh không biết quầy này; hãy đăng ký lại bằng «motcua enroll».",
        "The hub does not know this desk; enrol it again with 'motcua enroll'.",
    ),
    "bad_signature": ("Chữ ký của quầy không đúng.", "The desk's signature is not valid."),
    "clock": (
        "Đồng hồ của máy quầy lệch quá ba ngày; hãy chỉnh lại ngày giờ.",
        "The desk's clock is more than three days off; correct the date and time.",
    ),
    "replay": ("Yêu cầu này đã được gửi trước đó.", "This request was sent before."),
    "revoked": ("Quầy này đã bị tỉnh thu hồi quyền đồng bộ.", "The province has revoked this desk."),
    "forbidden": ("Quầy chỉ được đọc và ghi dữ liệu của xã mình.", "A desk reads and writes only its own commune."),
    "login_required": (
        "Cần đăng nhập bằng tài khoản của tỉnh (mật khẩu hoặc mã truy cập).",
        "A province login is needed (a password or an access token).",
    ),
    "bad_batch": ("Gói dữ liệu gửi lên bị hỏng.", "The batch sent was damaged."),
    "bad_request": ("Yêu cầu gửi lên máy chủ tỉnh không hợp lệ.", "The request to the hub is not valid."),
    "too_large": ("Gói dữ liệu gửi lên quá lớn.", "The batch sent is too large."),
    "token_invalid": ("Mã đăng ký không đúng.", "The enrolment token is not valid."),
    "token_used": ("Mã đăng ký đã được dùng.", "The enrolment token was already used."),
    "token_expired": ("Mã đăng ký đã hết hạn.", "The enrolment token has expired."),
    "token_mismatch": (
        "Mã đăng ký được cấp cho xã hoặc quầy khác.",
        "The enrolment token was issued for another commune or desk.",
    ),
    "desk_number_taken": (
        "Xã này đã có một quầy khác mang cùng số quầy.",
        "This commune already has another desk with the same number.",
    ),
    "unknown_commune": ("Máy chủ tỉnh chưa đăng ký xã này.", "The hub has not registered this commune."),
    "not_found": ("Không có địa chỉ này trên máy chủ tỉnh.", "There is no such address on the hub."),
    "unavailable": (
        "Máy chủ tỉnh đang bận hoặc gặp sự cố; sẽ thử lại sau.",
        "The hub is busy or failing; sync will try again later.",
    ),
}


def _short(value: Any, limit: int) -> str | None:
    return value[:limit] if isinstance(value, str) and value else None


def refusals(answer: Mapping[str, Any], by_seq: Mapping[int, Mapping[str, Any]], db_id: str, now: str) -> list[dict]:
    """The records a push answer refused, as the desk keeps them: the code, and the hub's sentence naming
    the field (issue 11), bounded, shown on the record as it came."""
    return [
        {
            "db_id": db_id,
            "seq": x["seq"],
            "entity": by_seq[x["seq"]]["entity"],
            "entity_id": by_seq[x["seq"]]["entity_id"],
            "code": str(x["code"])[:40],
            "at": now,
            "field": _short(x.get("field"), 64),
            "message": _short(x.get("message"), 500),
            "message_en": _short(x.get("message_en"), 500),
        }
        for x in answer.get("refused", [])
        if isinstance(x, Mapping) and isinstance(x.get("seq"), int) and x["seq"] in by_seq
    ]


def reason(code: str, lang: str = "vi") -> str:
    vi, en = REASONS.get(code, (f"Máy chủ tỉnh từ chối ({code}).", f"The hub refused ({code})."))
    return en if lang == "en" else vi


class SyncError(MotcuaError):
    """Sync could not finish."""


class HubUnreachable(SyncError):
    """The hub cannot be reached now; sync retries later by itself."""


class LinkCut(HubUnreachable):
    """The link dropped in the middle of a request (a 2G cell): sync retries at once.

    ``fresh``: the request was the first on its connection, so the batch itself did not fit the link."""

    def __init__(self, vi: str, en: str | None = None, *, fresh: bool = True) -> None:
        super().__init__(vi, en)
        self.fresh = fresh


class HubRefused(SyncError):
    """The hub answered with a refusal; ``code`` names the reason."""

    def __init__(self, code: str, status: int = 400) -> None:
        super().__init__(reason(code), reason(code, "en"))
        self.code = code
        self.status = status


class NotEnrolled(SyncError):
    """The desk has not been enrolled with a hub."""


class InsecureHub(SyncError):
    """Plain HTTP to a hub that is not on this machine."""
