"""Dossier rows as stored and as synced, and the search text they are found by."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from app.core import jsontext, text
from app.core.clock import iso, parse_iso
from app.reception.records import (
    Applicant,
    Document,
    Dossier,
    DossierEvent,
)
from app.reception.rules import event_order

_DATA_TEXT = jsontext.encoder(separators=(",", ":"))  # json.dumps(data, ensure_ascii=False, separators=...)

# conversions


def _event_from_row(row: Mapping[str, Any]) -> DossierEvent:
    return DossierEvent(
        id=row["id"],
        dossier_id=row["dossier_id"],
        kind=row["kind"],
        at=parse_iso(row["at"]),
        clerk_id=row["clerk_id"],
        desk_id=row["desk_id"],
        data=json.loads(row["data"]),
        created_at=row["created_at"],
    )


def event_row(event: DossierEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "dossier_id": event.dossier_id,
        "kind": event.kind,
        "at": iso(event.at),
        "data": _DATA_TEXT(event.data),
        "clerk_id": event.clerk_id,
        "desk_id": event.desk_id,
        "created_at": event.created_at,
    }


def from_row(row: Mapping[str, Any], events: Iterable[Mapping[str, Any]] = ()) -> Dossier:
    docs = tuple(Document(d["name"], d["kind"], int(d["count"])) for d in json.loads(row["documents"]))
    return Dossier(
        id=row["id"],
        code=row["code"],
        procedure_code=row["procedure_code"],
        procedure_name=row["procedure_name"],
        legal_time=row["legal_time"],
        applicant=Applicant(
            full_name=row["applicant_name"],
            cccd=row["applicant_cccd"],
            phone=row["applicant_phone"],
            address=row["applicant_address"],
            email=row["applicant_email"],
        ),
        documents=docs,
        sets=row["sets"],
        channel=row["channel"],
        notes=row["notes"],
        received_at=parse_iso(row["received_at"]),
        due_at=parse_iso(row["due_at"]),
        status=row["status"],
        clerk_id=row["clerk_id"],
        desk_id=row["desk_id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        events=tuple(sorted((_event_from_row(e) for e in events), key=event_order)),
        identity_check=row["identity_check"],
        procedure_level=row["procedure_level"],
        deciding_agency=row["deciding_agency"],
        for_commune=row["for_commune"],
    )


def dossier_payload(row: Mapping[str, Any]) -> dict[str, Any]:
    """What syncs of a dossier: the dossier as first written, never its current state, so the same change
    is built again from the row at any time (app.sync.rebuild): everything but the local rowid and the
    derived columns, and ``updated_at`` as it was when received."""
    payload = {k: row[k] for k in row if k not in ("rowid", "status", "due_at")}
    payload["documents"] = json.loads(row["documents"])
    payload["updated_at"] = row["created_at"]
    return payload


def event_payload(row: Mapping[str, Any]) -> dict[str, Any]:
    return dict(row, data=json.loads(row["data"]))


def search_text(code: str, applicant: Applicant) -> str:
    return text.fold(" ".join(filter(None, (code, applicant.full_name, applicant.cccd, applicant.phone))))


def row_search_text(row: Mapping[str, Any]) -> str:
    """The search text of a stored (or pulled) dossier row."""
    return search_text(row["code"], Applicant(row["applicant_name"], row["applicant_cccd"], row["applicant_phone"]))


def match_expression(query: str) -> str | None:
    """An FTS5 query where each typed word must prefix a word of the dossier; None if nothing to find."""
    tokens = text.search_tokens(query)
    if not tokens:
        return None
    return " AND ".join(f'"{t}"*' for t in tokens)
