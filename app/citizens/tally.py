"""Citizen reception's rows as the scorecard engine's records: the one converter a desk
(app.scorecard.desk_citizens, app.citizens.figures) and the hub (app.province.registers) both use, so
the province counts what the commune counts. The counting itself is the engine's
(app.scorecard.periodic). No database here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.core.clock import parse_iso
from app.scorecard import periodic
from app.scorecard.citizen_facts import (
    CitizenRecords,
    DialogueFact,
    FlagFact,
    FollowUpFact,
    PostingFact,
    ReceptionFact,
    SessionFact,
)


@dataclass(frozen=True)
class Rows:
    """What the records are made from, at a desk (its store) or at the hub (its register tables).

    ``entries``: receptions received in the period; ``sessions``: on days in the period;
    ``dialogues``: held in the period; ``follow_ups``: all; ``flags``: the flags in force (entry_id,
    flag, desk_id); ``disclosures``: all. A reception's ``documents`` is its JSON list or how many.
    """

    entries: Sequence[Mapping[str, Any]]
    sessions: Sequence[Mapping[str, Any]]
    dialogues: Sequence[Mapping[str, Any]]
    follow_ups: Sequence[Mapping[str, Any]]
    flags: Sequence[Mapping[str, Any]]
    disclosures: Sequence[Mapping[str, Any]]


def _has_documents(value: Any) -> bool:
    return bool(value) if isinstance(value, int) else value not in ("[]", "", None)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def facts(rows: Rows, commune: str = "") -> CitizenRecords:
    """The engine's records of these rows (``commune``: the hub names whose they are)."""
    return CitizenRecords(
        receptions=[
            ReceptionFact(
                id=e["id"],
                received_at=parse_iso(e["received_at"]),
                kind=e["kind"],
                people_count=int(e["people_count"]),
                matter_id=e["matter_id"] or "",
                in_competence=bool(e["in_competence"]),
                channel=e["channel"],
                session_id=e["session_id"] or "",
                outcome=e["outcome"],
                documents=_has_documents(e["documents"]),
                opened=e["register_id"] is not None,
                desk_id=e["desk_id"],
                commune=commune,
            )
            for e in rows.entries
        ],
        sessions=[
            SessionFact(
                id=s["id"],
                day=date.fromisoformat(s["day"]),
                leader_role=s["leader_role"],
                regular=bool(s["regular"]),
                mode=s["mode"],
                status=s["status"],
                desk_id=s["desk_id"],
                commune=commune,
            )
            for s in rows.sessions
        ],
        dialogues=[
            DialogueFact(
                id=d["id"],
                held_at=parse_iso(d["held_at"]),
                residents=int(d["residents"]),
                desk_id=d["desk_id"],
                commune=commune,
            )
            for d in rows.dialogues
        ],
        follow_ups=[
            FollowUpFact(
                id=f["id"],
                assigned_on=date.fromisoformat(f["assigned_on"]),
                due=date.fromisoformat(f["due"]),
                done_at=parse_iso(f["done_at"]) if f["done_at"] else None,
                desk_id=f["desk_id"],
                commune=commune,
            )
            for f in rows.follow_ups
        ],
        flags=[FlagFact(f["entry_id"], f["flag"], f["desk_id"], commune) for f in rows.flags],
        postings=[
            PostingFact(date.fromisoformat(p["posted_on"]), _day(p["taken_down_on"]), commune) for p in rows.disclosures
        ],
    )


def tally(rows: Rows, start: date, end: date, today: date) -> dict[str, int]:
    """Citizen reception's counts (the engine's, app.scorecard.periodic.reception_counts)."""
    return periodic.reception_counts(facts(rows), start, end, today)
