"""A hub restored from an older backup: the desk notices by the hub's identity and asks for what it lost.

The hub publishes its database identity with every acknowledgement (app.province.identity). A desk
that meets a new identity asks, for each of its histories, how far the hub holds it now, and lowers
its acknowledgements to that: the push then sends everything after, rebuilt from the desk's tables
where the payload was pruned (app.sync.rebuild); the hub takes each change once (same key, same
hash). The pull resumes from where the restored hub's stream ends, and the scans are offered again
(their memory is kept per hub identity).
"""

from __future__ import annotations

from typing import Any

from app.sync.client import HubClient
from app.sync.errors import HubRefused
from db.store import Store
from db.sync_store import SyncStore


def _int(answer: Any, key: str) -> int:
    value = answer.get(key) if isinstance(answer, dict) else None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise HubRefused("bad_batch")
    return value


def meet(client: HubClient, store: Store, sync: SyncStore, now: str) -> bool:
    """Check the hub's identity before a round; True when it is new to this desk (a restored hub)."""
    current = store.db_id or ""
    answer = client.acks(current)
    hub_id = answer.get("hub_id") if isinstance(answer, dict) else None
    if not isinstance(hub_id, str) or not hub_id:
        return False  # a hub of an older version: it has no identity to compare
    known = sync.setting("hub_id")
    if known == hub_id:
        return False
    if known is None:  # the first meeting (a desk enrolled before identities, or just enrolled)
        sync.set_settings({"hub_id": hub_id})
        return False
    held = {current: _int(answer, "acked_seq")}
    for db_id in sync.histories():
        if db_id not in held and sync.acked(db_id) > 0:
            held[db_id] = _int(client.acks(db_id), "acked_seq")
    end = _int(answer, "end")
    with store.transaction():
        for db_id, seq in held.items():
            if seq < sync.acked(db_id):
                sync.set_acked(db_id, seq, now)
        cursor = int(sync.setting("pull_cursor", "0") or 0)
        sync.set_settings({"hub_id": hub_id, "pull_cursor": str(min(cursor, end))})
    return True
