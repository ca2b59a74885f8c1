"""The hub's stored changes as scorecard records: what the desks sent (dossiers, events, ratings,
declined ratings, feedback, attachments, fees and payments), read as the desk reads its own tables.

The reference path (app.province.scorecard_source) reads every change through ``records``; the
counters (app.province.scorecard_counters) read one dossier's own through ``flags`` when its files or
fee change, so the two cannot disagree on what "digitised" or "paid online" means.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from app.core.clock import parse_iso
from app.reception.records import DossierEvent
from app.reception.rules import counted
from app.scorecard import digital
from app.scorecard.records import Attachment, DossierFacts, FeedbackFact, Payment, RatingFact, Records
from app.scorecard.scales import elements_satisfied


def _payload(row: Mapping[str, Any]) -> dict[str, Any]:
    value = row["payload"]
    return value if isinstance(value, dict) else json.loads(value)


def _opt_time(value: Any) -> datetime | None:
    return parse_iso(value) if value else None


def _opt_date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def records(rows: Iterable[Mapping[str, Any]], keeps: Mapping[str, str] | None = None) -> Records:
    """Scorecard records from stored changes (the latest payload of an updated entry wins); ``keeps``:
    settled clashes, for the clash rule every desk applies (``rules.counted``)."""
    keeps = keeps or {}
    dossiers: dict[str, dict[str, Any]] = {}
    events: dict[str, list[DossierEvent]] = {}
    ratings: list[RatingFact] = []
    entries: dict[str, tuple[str, dict[str, Any]]] = {}
    files: list[dict[str, Any]] = []
    fees: list[dict[str, Any]] = []
    payments = []
    for row in rows:
        p, commune = _payload(row), row["commune_code"]
        try:
            if row["entity"] == "dossier":
                dossiers[p["id"]] = {**p, "_commune": commune}
            elif row["entity"] == "event":
                data = p.get("data") or {}
                events.setdefault(p["dossier_id"], []).append(
                    DossierEvent(
                        id=p["id"],
                        dossier_id=p["dossier_id"],
                        kind=p["kind"],
                        at=parse_iso(p["at"]),
                        clerk_id=p.get("clerk_id", ""),
                        desk_id=p.get("desk_id", ""),
                        data=data if isinstance(data, dict) else json.loads(data),
                    )
                )
            elif row["entity"] in ("rating", "rating_declined"):
                ratings.append(_rating(p, commune, declined=row["entity"] == "rating_declined"))
            elif row["entity"] == "feedback":
                entries[p["id"]] = (commune, p)
            elif row["entity"] == "attachment":
                digital.attachment(p)  # raises on a payload that does not read (not counted)
                files.append({**p, "at": str(p["at"])})
            elif row["entity"] == "fee":
                fees.append({"dossier_id": str(p["dossier_id"]), **p})
            elif row["entity"] == "payment":
                payments.append(digital.payment(p))
        except (KeyError, TypeError, ValueError):
            continue  # checked at the door; a record that still fails is kept, only not counted
    # The fee in force is the latest assessed, as at the desk (db/digitised_store.fees_of).
    fee_of = {f["dossier_id"]: f.get("amount") for f in sorted(fees, key=_order)}
    facts = []
    for d in dossiers.values():
        try:
            facts.append(
                DossierFacts(
                    id=d["id"],
                    code=d["code"],
                    procedure_code=d["procedure_code"],
                    procedure_name=d.get("procedure_name", ""),
                    legal_time=d["legal_time"],
                    channel=d.get("channel", "direct"),
                    received_at=parse_iso(d["received_at"]),
                    events=tuple(counted(events.get(d["id"], ()), keeps.get(d["id"]))),
                    clerk_id=d.get("clerk_id", ""),
                    desk_id=d.get("desk_id", ""),
                    commune=d["_commune"],
                    synced=True,
                    identity_check=d.get("identity_check"),
                    documents=len(d.get("documents") or ()),
                    fee_due=digital.fee_due(fee_of.get(d["id"]), d["id"] in fee_of),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    feedback = [_entry(p, commune) for commune, p in entries.values()]
    attachments = [digital.attachment(a) for a in digital.in_force(files)]
    return Records(dossiers=facts, ratings=ratings, feedback=feedback, attachments=attachments, payments=payments)


def _order(p: Mapping[str, Any]) -> tuple[str, str, str]:
    return (str(p.get("at", "")), str(p.get("created_at", "")), str(p.get("id", "")))


def _rating(p: Mapping[str, Any], commune: str, *, declined: bool) -> RatingFact:
    given = p.get("elements")
    elements = elements_satisfied(str(p.get("scale", "")), given) if isinstance(given, dict) else {}
    return RatingFact(
        id=p["id"],
        at=parse_iso(p["declined_at"] if declined else p["rated_at"]),
        dossier_id=p.get("dossier_id"),
        desk_id=p.get("desk_id", ""),
        commune=commune,
        clerk_id=p.get("clerk_id") or "",
        procedure_code=p.get("procedure_code") or "",
        declined=declined,
        level_key=p.get("level_key", ""),
        satisfied=bool(p.get("satisfied")),
        elements=elements,
    )


def _entry(p: Mapping[str, Any], commune: str) -> FeedbackFact:
    return FeedbackFact(
        id=p["id"],
        number=p.get("number", ""),
        kind=p.get("kind", ""),
        channel=p.get("channel", ""),
        received_at=parse_iso(p["received_at"]),
        dossier_id=p.get("dossier_id"),
        desk_id=p.get("desk_id", ""),
        commune=commune,
        accept_due=_opt_date(p.get("accept_due")),
        forward_due=_opt_date(p.get("forward_due")),
        resolve_due=_opt_date(p.get("resolve_due")),
        answered_at=_opt_time(p.get("answered_at")),
        forwarded_at=_opt_time(p.get("forwarded_at")),
        closed_at=_opt_time(p.get("closed_at")),
        accepted_at=_opt_time(p.get("accepted_at")),
    )


def flags(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Each dossier's scans, results and fee as flags (app.scorecard.digital), from its own stored
    changes: its dossier payload, then its attachments, fees and payments in the order stored."""
    data = records(rows)
    files: dict[str, list[Attachment]] = {}
    for a in data.attachments or ():
        files.setdefault(a.dossier_id, []).append(a)
    paid: dict[str, list[Payment]] = {}
    for p in data.payments or ():
        paid.setdefault(p.dossier_id, []).append(p)
    return {d.id: digital.flags(d, files.get(d.id, ()), paid.get(d.id, ())) for d in data.dossiers}
