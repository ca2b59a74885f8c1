"""The sync state of records the register shows: sent, waiting for the hub, or refused by it.

The outbox indexes only dossiers' creations by their id (db/migrations/0021), so a dossier whose creation
waits is pending whatever its events, and only the events of the others are looked for among the changes
the hub has not acknowledged: a desk that never synced (every change waiting) answers from the index alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.sync.errors import reason
from db.sync_store import SyncStore

RANK = {"sent": 0, "pending": 1, "error": 2}


@dataclass(frozen=True)
class RecordState:
    state: str  # pending | sent | error; the window shows "unlinked" when no hub is set up
    reason: str | None = None  # the hub's reason in words, for error


def _refused(sync: SyncStore, ids: list[str]) -> dict[str, RecordState]:
    states = {i: RecordState("sent") for i in ids}
    for e in sync.refusals(ids):
        states[e["entity_id"]] = RecordState("error", e["message"] or reason(e["code"]))
    return states


def record_states(sync: SyncStore, entity_ids: list[str]) -> dict[str, RecordState]:
    """pending / sent / error per record; a record that came from the hub counts as sent."""
    states = _refused(sync, entity_ids)
    for i in sync.unacknowledged([i for i in entity_ids if states[i].state != "error"]):
        states[i] = RecordState("pending")
    return states


def dossier_states(sync: SyncStore, dossier_ids: list[str]) -> dict[str, RecordState]:
    """A dossier's state folds in its events: error beats pending beats sent."""
    events = sync.event_ids_by_dossier(dossier_ids)
    states = _refused(sync, list(dossier_ids) + [e for ids in events.values() for e in ids])
    for d, sent in sync.creations(dossier_ids).items():
        if not sent and states[d].state != "error":
            states[d] = RecordState("pending")

    def folded(d: str) -> RecordState:
        return max([states[d]] + [states[e] for e in events.get(d, [])], key=lambda s: RANK[s.state])

    # A dossier's only change is its creation: its events' are looked for where it still reads "sent".
    unsettled = [e for d in dossier_ids if folded(d).state == "sent" for e in events.get(d, [])]
    for i in sync.unacknowledged(unsettled):
        states[i] = RecordState("pending")
    return {d: folded(d) for d in dossier_ids}
