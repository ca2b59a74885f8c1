"""Citizen reception's counts from rows: the one tally a desk (app.citizens.figures) and the hub
(app.province.registers) both make, so the province counts what the commune counts. No database here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.citizens.rules import FLAGS, KINDS
from app.core.clock import parse_iso


@dataclass(frozen=True)
class Rows:
    """What the counts are made from, at a desk (its store) or at the hub (its register tables).

    ``entries``: receptions received in the period; ``sessions``: on days in the period;
    ``dialogues``: held in the period; ``follow_ups``: all; ``flags``: flag -> entries carrying it
    now; ``disclosures``: all. A reception's ``documents`` is its JSON list or how many there are.
    """

    entries: Sequence[Mapping[str, Any]]
    sessions: Sequence[Mapping[str, Any]]
    dialogues: Sequence[Mapping[str, Any]]
    follow_ups: Sequence[Mapping[str, Any]]
    flags: Mapping[str, int]
    disclosures: Sequence[Mapping[str, Any]]


def _has_documents(value: Any) -> bool:
    return bool(value) if isinstance(value, int) else value != "[]"


def _overdue(row: Mapping[str, Any], today: date) -> bool:
    """Open past its day, or done after it (app.citizens.records.FollowUp.overdue)."""
    due = date.fromisoformat(row["due"])
    if row["done_at"]:
        return parse_iso(row["done_at"]).date() > due
    return today > due


def tally(rows: Rows, start: date, end: date, today: date) -> dict[str, int]:
    """The counts, under the keys the scorecard engine reads."""
    entries = rows.entries
    matters = {e["matter_id"] or e["id"] for e in entries}
    out: dict[str, int] = {
        "reception_entries": len(entries),
        "reception_matters": len(matters),
        "reception_people": sum(
            max(e["people_count"] for e in entries if (e["matter_id"] or e["id"]) == m) for m in matters
        ),
        "reception_online": sum(e["channel"] == "online" for e in entries),
        "reception_refused": sum(e["outcome"] == "refused" for e in entries),
        "reception_documents": sum(_has_documents(e["documents"]) for e in entries),
        "reception_opened": sum(e["register_id"] is not None for e in entries),
        "reception_guided": sum(e["outcome"] == "guided" for e in entries),
        "reception_forwarded": sum(e["outcome"] == "forwarded" for e in entries),
    }
    for kind in KINDS:
        out[f"reception_{kind}"] = sum(e["kind"] == kind for e in entries)
    sessions = [s for s in rows.sessions if s["status"] != "cancelled"]
    held = [s for s in sessions if s["status"] in ("held", "concluded")]
    out.update(
        {
            "sessions_scheduled": len(sessions),
            "sessions_held": len(held),
            "sessions_chair": sum(s["leader_role"] == "chair" for s in held),
            "sessions_party_secretary": sum(s["leader_role"] == "party_secretary" for s in held),
            "sessions_unscheduled": sum(not s["regular"] for s in held),
            "sessions_online": sum(s["mode"] == "online" for s in held),
            "conclusion_notices": sum(s["status"] == "concluded" for s in held),
        }
    )
    out["dialogues"] = len(rows.dialogues)
    out["dialogue_residents"] = sum(d["residents"] for d in rows.dialogues)
    follow = [r for r in rows.follow_ups if start <= date.fromisoformat(r["assigned_on"]) <= end]
    out["follow_ups"] = len(follow)
    out["follow_ups_done"] = sum(bool(f["done_at"]) for f in follow)
    out["follow_ups_done_late"] = sum(bool(f["done_at"]) and _overdue(f, today) for f in follow)
    out["follow_ups_overdue"] = sum(not f["done_at"] and _overdue(f, today) for f in follow)
    for flag in FLAGS:
        out[f"flag_{flag}"] = rows.flags.get(flag, 0)
    posted = [(r["posted_on"], r["taken_down_on"]) for r in rows.disclosures]
    out["disclosures_posted"] = sum(start.isoformat() <= on <= end.isoformat() for on, _ in posted)
    # On the board that day: posted, and not taken down (app.citizens.disclosure.Posting.up_on).
    out["disclosures_up"] = sum(
        on <= today.isoformat() and (down is None or today.isoformat() < down) for on, down in posted
    )
    return out
