"""Citizen reception's records as the desk shows them: a denouncer's identity is masked in every one."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.citizens.rules import KINDS
from app.core.clock import parse_iso
from app.core.records import label
from app.core.text import fold
from app.feedback.confidential import MASK

# The 13 columns of form 03/TCD, in the order of the form (Decree 154/2026).
REGISTER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("STT", "No."),
    ("Ngày tiếp", "Date"),
    ("Họ tên, địa chỉ", "Name and address"),
    ("Số CCCD/Hộ chiếu", "ID card or passport"),
    ("Nội dung vụ việc", "Content summary"),
    ("Phân loại (KN, TC, KNg, PA)", "Kind"),
    ("Số người cùng nội dung", "People with the same content"),
    ("Cơ quan đã giải quyết", "Agency that already resolved it"),
    ("Thuộc thẩm quyền (x)", "Within our competence (x)"),
    ("Hướng dẫn, số văn bản", "Guidance given and document no."),
    ("Cơ quan tiếp nhận, số văn bản chuyển", "Agency that accepted it and forwarding no."),
    ("Theo dõi kết quả", "Follow-up of the result"),
    ("Ghi chú", "Notes"),
)


@dataclass(frozen=True)
class ReceptionEntry:
    id: str
    number: str
    received_at: datetime
    person_name: str
    person_address: str
    person_cccd: str
    confidential: bool
    content: str
    kind: str
    people_count: int
    matter_id: str | None
    resolved_by: str
    in_competence: bool
    guidance: str
    guidance_doc: str
    accepted_by: str
    forward_doc: str
    follow_up: str
    notes: str
    channel: str
    session_id: str | None
    outcome: str
    refusal_reason: str
    refused_at: datetime | None
    refuse_due: date
    documents: list[dict[str, Any]]
    documents_at: datetime | None
    register_kind: str | None
    register_id: str | None
    register_number: str | None
    clerk_id: str
    desk_id: str

    def columns(self, seq: int, lang: str = "vi") -> list[str]:
        """The entry as the 13 cells of its 03/TCD row (the identity masked on a denunciation)."""
        # A denouncer's name and address are one mask, not "***, ***".
        who = MASK if self.confidential else ", ".join(p for p in (self.person_name, self.person_address) if p)
        guidance = " — ".join(p for p in (self.guidance, self.guidance_doc) if p)
        forwarded = " — ".join(p for p in (self.accepted_by, self.forward_doc) if p)
        follow = self.follow_up
        if self.register_number:
            follow = "; ".join(p for p in (f"Vào sổ {self.register_number}", follow) if p)
        notes = self.notes
        if self.outcome == "refused":
            notes = "; ".join(p for p in ("Từ chối tiếp (01/TCD)" if lang == "vi" else "Refused (01/TCD)", notes) if p)
        elif self.documents:
            notes = "; ".join(
                p for p in ("Nhận tài liệu (02/TCD)" if lang == "vi" else "Documents (02/TCD)", notes) if p
            )
        return [
            str(seq),
            f"{self.received_at:%d/%m/%Y}",
            who,
            self.person_cccd,
            self.content,
            label(KINDS, self.kind, lang),
            str(self.people_count),
            self.resolved_by,
            "x" if self.in_competence else "",
            guidance,
            forwarded,
            follow,
            notes,
        ]


def _opt(value: str | None) -> datetime | None:
    return parse_iso(value) if value else None


def reception_from_row(row: Mapping[str, Any]) -> ReceptionEntry:
    confidential = row["identity_cipher"] is not None
    if confidential:
        name = address = cccd = MASK
    else:
        name, address, cccd = row["person_name"] or "", row["person_address"] or "", row["person_cccd"] or ""
    return ReceptionEntry(
        id=row["id"],
        number=row["number"],
        received_at=parse_iso(row["received_at"]),
        person_name=name,
        person_address=address,
        person_cccd=cccd,
        confidential=confidential,
        content=row["content"],
        kind=row["kind"],
        people_count=row["people_count"],
        matter_id=row["matter_id"],
        resolved_by=row["resolved_by"],
        in_competence=bool(row["in_competence"]),
        guidance=row["guidance"],
        guidance_doc=row["guidance_doc"],
        accepted_by=row["accepted_by"],
        forward_doc=row["forward_doc"],
        follow_up=row["follow_up"],
        notes=row["notes"],
        channel=row["channel"],
        session_id=row["session_id"],
        outcome=row["outcome"],
        refusal_reason=row["refusal_reason"] or "",
        refused_at=_opt(row["refused_at"]),
        refuse_due=date.fromisoformat(row["refuse_due"]),
        documents=json.loads(row["documents"]),
        documents_at=_opt(row["documents_at"]),
        register_kind=row["register_kind"],
        register_id=row["register_id"],
        register_number=row["register_number"],
        clerk_id=row["clerk_id"],
        desk_id=row["desk_id"],
    )


def search_text(row: Mapping[str, Any]) -> str:
    """The folded words a reception is found by; never a denouncer's identity (held only as ciphertext)."""
    words = [row.get("content"), row.get("resolved_by"), row.get("notes")]
    if row.get("identity_cipher") is None and row.get("kind") != "denunciation":
        words += [row.get("person_name"), row.get("person_cccd")]
    return fold(" ".join(str(w) for w in words if w))


def payload(row: Mapping[str, Any]) -> dict[str, Any]:
    """What syncs of a row: the identity only as ciphertext; the local search text stays here."""
    return {k: v for k, v in row.items() if k not in ("rowid", "search_text")}


@dataclass(frozen=True)
class FollowUp:
    id: str
    source: str
    source_id: str
    task: str
    owner: str
    days: int
    assigned_on: date
    due: date
    done_at: datetime | None
    result: str

    def overdue(self, today: date) -> bool:
        """Open past its day, or done after it."""
        if self.done_at is not None:
            return self.done_at.date() > self.due
        return today > self.due

    @property
    def done(self) -> bool:
        return self.done_at is not None


def follow_up_from_row(row: Mapping[str, Any]) -> FollowUp:
    return FollowUp(
        id=row["id"],
        source=row["source"],
        source_id=row["source_id"],
        task=row["task"],
        owner=row["owner"],
        days=row["days"],
        assigned_on=date.fromisoformat(row["assigned_on"]),
        due=date.fromisoformat(row["due"]),
        done_at=_opt(row["done_at"]),
        result=row["result"],
    )
