"""Citizen reception's counts for a period, for the scorecard engine's periodic report (app/scorecard).

One engine makes the report; this module only counts what citizen reception adds to it, as plain
integers under stable keys, so the engine can place them beside its own figures.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.citizens.disclosure import posting_from_row
from app.citizens.records import follow_up_from_row
from app.citizens.rules import FLAGS, KINDS
from db.citizen_store import CitizenStore
from db.store import Store


def counts(store: Store, start: date, end: date, today: date) -> dict[str, int]:
    """Counts for [start, end] (dates, inclusive); flags are those in force now; ``today`` judges overdue."""
    db = CitizenStore(store)
    entries = db.receptions(start=start.isoformat(), end=(end + timedelta(days=1)).isoformat())
    matters = {e["matter_id"] or e["id"] for e in entries}
    out: dict[str, int] = {
        "reception_entries": len(entries),
        "reception_matters": len(matters),
        "reception_people": sum(
            max(e["people_count"] for e in entries if (e["matter_id"] or e["id"]) == m) for m in matters
        ),
        "reception_online": sum(e["channel"] == "online" for e in entries),
        "reception_refused": sum(e["outcome"] == "refused" for e in entries),
        "reception_documents": sum(e["documents"] != "[]" for e in entries),
        "reception_opened": sum(e["register_id"] is not None for e in entries),
        "reception_guided": sum(e["outcome"] == "guided" for e in entries),
        "reception_forwarded": sum(e["outcome"] == "forwarded" for e in entries),
    }
    for kind in KINDS:
        out[f"reception_{kind}"] = sum(e["kind"] == kind for e in entries)
    sessions = [s for s in db.sessions(start.isoformat(), end.isoformat()) if s["status"] != "cancelled"]
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
    dialogues = db.dialogues(start.isoformat(), (end + timedelta(days=1)).isoformat())
    out["dialogues"] = len(dialogues)
    out["dialogue_residents"] = sum(d["residents"] for d in dialogues)
    follow = [follow_up_from_row(r) for r in db.follow_ups() if start <= date.fromisoformat(r["assigned_on"]) <= end]
    out["follow_ups"] = len(follow)
    out["follow_ups_done"] = sum(f.done for f in follow)
    out["follow_ups_done_late"] = sum(f.done and f.overdue(today) for f in follow)
    out["follow_ups_overdue"] = sum(not f.done and f.overdue(today) for f in follow)
    flags = db.flag_counts()
    for flag in FLAGS:
        out[f"flag_{flag}"] = flags.get(flag, 0)
    posted = [posting_from_row(r) for r in db.disclosures()]
    out["disclosures_posted"] = sum(start <= p.posted_on <= end for p in posted)
    out["disclosures_up"] = sum(p.up_on(today) for p in posted)
    return out
