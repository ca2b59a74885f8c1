"""Dossier records: plain dataclasses and the code tables they use. No Qt, no SQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, NamedTuple

DocumentKind = Literal["original", "certified_copy", "copy"]
DOCUMENT_KINDS: dict[str, tuple[str, str]] = {
    "original": ("Bản chính", "Original"),
    "certified_copy": ("Bản sao chứng thực", "Certified copy"),
    "copy": ("Bản sao", "Copy"),
}
CHANNELS: dict[str, tuple[str, str]] = {
    "direct": ("Trực tiếp", "In person"),
    "post": ("Bưu chính", "By post"),
    "online": ("Trực tuyến", "Online"),
}
EVENT_KINDS: dict[str, tuple[str, str]] = {
    "received": ("Tiếp nhận", "Received"),
    "forwarded": ("Chuyển xử lý", "Forwarded for processing"),
    "supplement_requested": ("Yêu cầu bổ sung", "Supplement requested"),
    "supplement_received": ("Đã nhận bổ sung", "Supplement received"),
    "refused": ("Từ chối", "Refused"),
    "apology_issued": ("Xin lỗi, hẹn lại", "Apology, new date"),
    "done": ("Có kết quả", "Result ready"),
    "returned": ("Đã trả kết quả", "Returned"),
    "withdrawn": ("Rút hồ sơ", "Withdrawn"),
    "stopped": ("Dừng giải quyết", "Processing stopped"),
}
# How the applicant's identity was checked (Decision 766 indicator 4.5); "" = not recorded.
IDENTITY_CHECKS: dict[str, tuple[str, str]] = {
    "vneid": ("Tài khoản định danh điện tử VNeID", "VNeID electronic identity account"),
    "population": ("Cơ sở dữ liệu quốc gia về dân cư", "National population database"),
}
# Where a procedure is decided (reception regardless of administrative boundary, Decree 118/2025).
LEVELS: dict[str, tuple[str, str]] = {
    "commune": ("Cấp xã", "Commune"),
    "province": ("Sở, ngành cấp tỉnh", "Province department"),
    "vertical": ("Cơ quan ngành dọc (công an, thuế…)", "Vertical agency (police, tax…)"),
}
STATUSES: dict[str, tuple[str, str]] = {
    "received": ("Mới tiếp nhận", "Received"),
    "processing": ("Đang xử lý", "Processing"),
    "waiting_supplement": ("Chờ bổ sung", "Waiting for supplement"),
    "done": ("Có kết quả, chờ trả", "Result ready"),
    "returned": ("Đã trả kết quả", "Returned"),
    "refused": ("Đã từ chối", "Refused"),
    "withdrawn": ("Đã rút", "Withdrawn"),
    "stopped": ("Đã dừng giải quyết", "Stopped"),
}
FINAL_STATUSES = frozenset({"returned", "refused", "withdrawn", "stopped"})


@dataclass(frozen=True)
class Document:
    name: str
    kind: DocumentKind = "original"
    count: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "count": self.count}


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    legal_time: str  # as LegalTime.__str__: "3", "0", "half"
    field: str = ""
    fee: str = ""
    documents: tuple[Document, ...] = ()
    example: bool = False
    level: str = "commune"  # LEVELS
    deciding_agency: str = ""  # above the commune: the agency that decides


@dataclass(frozen=True)
class Applicant:
    full_name: str
    cccd: str | None = None
    phone: str | None = None
    address: str = ""
    email: str | None = None


@dataclass(frozen=True)
class DossierEvent:
    id: str
    dossier_id: str
    kind: str
    at: datetime
    clerk_id: str
    desk_id: str
    data: dict[str, Any] = field(default_factory=dict)
    created_at: str = ""


@dataclass(frozen=True)
class Dossier:
    id: str
    code: str
    procedure_code: str
    procedure_name: str
    legal_time: str
    applicant: Applicant
    documents: tuple[Document, ...]
    sets: int
    channel: str
    notes: str
    received_at: datetime
    due_at: datetime
    status: str
    clerk_id: str
    desk_id: str
    created_at: str = ""
    updated_at: str = ""
    events: tuple[DossierEvent, ...] = ()
    identity_check: str = ""  # IDENTITY_CHECKS, "" when not recorded
    procedure_level: str = "commune"
    deciding_agency: str = ""  # printed on the receipt when another agency decides
    for_commune: str = ""  # a commune-level procedure of another commune: that commune's code

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES


class DossierSummary(NamedTuple):
    """What a search result shows; a tuple, so building fifty per keystroke costs next to nothing. Only
    what a result line shows: each column is read from the dossier's row at every keystroke."""

    code: str
    applicant_name: str
    procedure_code: str
    procedure_name: str
    status: str
    received_at: str
    due_at: str
