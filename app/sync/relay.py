"""The desk's side of relaying (app.province.relay has the hub's): seal what it pushes, keep what it pulls
with its seals, and hand a restored hub the other desks' changes it lost; report and learn code floors.

A seal is one Ed25519 signature of the desk's own key over a pushed batch's range (``protocol.seal_message``).
Pulled changes are kept with their origin history and sequence (``relay_changes``); where the record this
desk applied rebuilds the payload byte for byte (app.sync.rebuild), only its hash is kept.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from app.core import keys
from app.reception.service import DossierService
from app.sync import codec, protocol, rebuild
from app.sync.client import HubClient
from app.sync.errors import HubRefused, LinkCut
from app.sync.pace import Pace
from db.dossier_store import DossierStore
from db.relay_store import RelayStore
from db.store import Store
from db.sync_store import SyncStore

MAX_FLOORS = 20000  # as the hub takes (app.province.relay)
FLOORS_PER_REQUEST = 500  # about 10 KB of codes; fewer after a cut


def leaf(change: Mapping[str, Any]) -> bytes:
    digest = protocol.payload_hash(change["entity"], change["entity_id"], change["op"], change["payload"])
    return protocol.seal_leaf(digest, change["created_at"])


def seal(desk_id: str, db_id: str, first: int, changes: Sequence[Mapping[str, Any]]) -> str:
    """The seal of a batch of this desk's changes ``first``.. (base64, its own key), sent in the push's header."""
    message = protocol.seal_message(desk_id, db_id, first, first + len(changes) - 1, [leaf(c) for c in changes])
    return base64.b64encode(keys.sign(desk_id, message)).decode()


def _runs(header: Mapping[str, Any], count: int) -> list[tuple[str, int]] | None:
    """(history, sequence) of each pulled change, from the header's runs; None if the hub sent none (an
    older hub) or they do not fit the page."""
    runs = header.get("origins")
    if not isinstance(runs, list):
        return None
    out: list[tuple[str, int]] = []
    for run in runs:
        if not (isinstance(run, list) and len(run) == 3 and isinstance(run[0], str)):
            return None
        first, n = run[1], run[2]
        if not (isinstance(first, int) and isinstance(n, int) and first >= 1 and 0 < n <= count - len(out)):
            return None
        out += [(run[0], first + i) for i in range(n)]
    return out if len(out) == count else None


def _seals(header: Mapping[str, Any], own_desk: str) -> list[dict[str, Any]]:
    seals = []
    for s in header.get("seals") or []:
        if not isinstance(s, Mapping) or s.get("desk_id") == own_desk:
            continue
        try:
            seals.append(
                {
                    "db_id": str(s["db_id"]),
                    "first_seq": int(s["first"]),
                    "last_seq": int(s["last"]),
                    "desk_id": str(s["desk_id"]),
                    "signature": str(s["seal"]),
                    "missing": json.dumps(s.get("missing") or [], separators=(",", ":")),
                }
            )
        except (KeyError, TypeError, ValueError):
            continue
    return seals


def keep(store: Store, own_desk: str, header: Mapping[str, Any], changes: Sequence[Mapping[str, Any]]) -> None:
    """Keep other desks' pulled changes that a seal covers, with their seals (inside the pull's transaction).
    The hub serves a seal with the changes it covers, so a change no seal covers here (an older desk's)
    could never be handed back: it is not kept."""
    origins = _runs(header, len(changes))
    seals = _seals(header, own_desk)
    if origins is None or not seals:
        return
    spans: dict[str, list[tuple[int, int]]] = {}
    for s in seals:
        spans.setdefault(s["db_id"], []).append((s["first_seq"], s["last_seq"]))
    rows = []
    for (db_id, seq), ch in zip(origins, changes, strict=True):
        if ch.get("desk_id") in (None, own_desk) or not any(a <= seq <= z for a, z in spans.get(db_id, ())):
            continue
        try:
            text = protocol.canonical(ch["payload"])
        except (TypeError, ValueError):
            continue
        rows.append(
            {
                "db_id": db_id,
                "seq": seq,
                "entity": ch["entity"],
                "entity_id": ch["entity_id"],
                "op": ch["op"],
                "payload": text,
                "digest": None,
                "created_at": ch["created_at"],
            }
        )
    # Only what the tables cannot give back is kept twice: a record applied as it came keeps its hash.
    again = rebuild.rebuilt(store, rows)
    for r in rows:
        payload = again.get((r["db_id"], r["seq"]))
        if payload is not None and protocol.canonical(payload) == r["payload"]:
            r["payload"], r["digest"] = None, rebuild.digest(r["entity"], r["entity_id"], r["op"], payload)
    ledger = RelayStore(store)
    ledger.add_changes(rows)
    ledger.add_seals(seals)


def offer(client: HubClient, store: Store, sleep: Callable[[float], None]) -> tuple[int, bool]:
    """After meeting a restored hub: each other desk's sealed changes beyond what the hub acknowledged of
    it, one seal's range at a time. Returns how many the hub stored, and whether every seal was offered
    (a link that keeps cutting leaves the rest for the next round). A seal the hub refuses (409, 422) is
    skipped: the origin desk, if it ever comes back, sends its own."""
    relay, stored, pace = RelayStore(store), 0, Pace(1, high=1, sleep=sleep)
    for desk_id, db_id in relay.histories():
        try:
            answer = pace.call(lambda d=desk_id, h=db_id: client.acks(h, desk=d))
        except LinkCut:
            return stored, False
        except HubRefused:
            continue  # a desk no longer of this commune: not this desk's to hand back
        held = answer.get("acked_seq") if isinstance(answer, dict) else None
        if not isinstance(held, int):
            continue
        for s in relay.seals_after(db_id, held):
            rows = [dict(r, patch=None) for r in relay.changes(db_id, s["first_seq"], s["last_seq"])]
            payloads = rebuild.held(store, rows)
            kept = [(r, p) for r, p in zip(rows, payloads, strict=True) if p is not None]
            if not any(r["seq"] > held for r, _ in kept):
                continue
            header = {
                "desk_id": desk_id,
                "db_id": db_id,
                "first_seq": s["first_seq"],
                "last_seq": s["last_seq"],
                "seal": s["signature"],
                "missing": json.loads(s["missing"]),
                "seqs": _seq_runs([r["seq"] for r, _ in kept]),
            }
            changes = [
                {
                    "entity": r["entity"],
                    "entity_id": r["entity_id"],
                    "op": r["op"],
                    "payload": p,
                    "created_at": r["created_at"],
                }
                for r, p in kept
            ]
            body = codec.encode(header, changes)
            try:
                answer = pace.call(lambda b=body: client.relay(b))
            except LinkCut:
                return stored, False  # a whole seal's range is one signed body: tried again next round
            except HubRefused as exc:
                if exc.status in (403, 404):
                    break  # not this commune's desk any more, or unknown: none of its seals will do
                continue
            stored += int(answer.get("stored", 0))
    return stored, True


def first_contact(
    client: HubClient, sync: SyncStore, service: DossierService, met: bool, sleep: Callable[[float], None]
) -> None:
    """Before a round's push. ``met``: the hub is a restored one (app.sync.restored): other desks' changes
    it lost are offered after the push, and a setting (not memory) lets a round cut short do it at the next.
    On first contact with any hub identity (enrolment, an upgrade, a restored hub), the floors report."""
    if met:
        sync.set_settings({"relay_due": "1"})
    hub_id = sync.setting("hub_id")
    if hub_id and sync.setting("floors_reported") != hub_id:
        report_floors(client, service, sleep)
        sync.set_settings({"floors_reported": hub_id})


def if_due(client: HubClient, sync: SyncStore, sleep: Callable[[float], None]) -> int:
    """After the push: offer what a restored hub lost of other desks, when due; how many it stored."""
    if not sync.setting("relay_due"):
        return 0
    stored, finished = offer(client, sync.store, sleep)
    if finished:
        sync.set_settings({"relay_due": None})
    return stored


def _seq_runs(seqs: Sequence[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for s in seqs:
        if runs and runs[-1][0] + runs[-1][1] == s:
            runs[-1][1] += 1
        else:
            runs.append([s, 1])
    return runs


# Floors


def report_floors(client: HubClient, service: DossierService, sleep: Callable[[float], None]) -> None:
    """On first contact with a new hub identity: the highest code of each day and desk this desk knows,
    newest days first, in requests that shrink on a link that cuts; the last one says it is done."""
    codes = DossierStore(service.store).highest_codes()
    if service.marks is not None:
        codes += [f"{prefix[:-1]}{high:04d}" for prefix, high in service.marks.highs(service.desk.desk_id).items()]
    codes = sorted(set(codes), key=lambda c: (c[-11:-5], c), reverse=True)[:MAX_FLOORS]
    pace, sent = Pace(FLOORS_PER_REQUEST, high=FLOORS_PER_REQUEST, sleep=sleep), 0
    while True:
        part = codes[sent : sent + pace.rows]
        try:
            client.floors_report(part, done=sent + len(part) >= len(codes))
        except LinkCut as exc:
            pace.cut(exc)
            continue
        except HubRefused as exc:
            if exc.status in (404, 405):
                return  # a hub of an older version: it hands out no floors, so it need not learn them
            raise
        pace.success()
        sent += len(part)
        if sent >= len(codes):
            return


def learn_floors(client: HubClient, service: DossierService, sleep: Callable[[float], None]) -> bool | None:
    """This desk's floors from the hub: True when learned, False while a restored hub is still learning
    them from the commune's desks (409), None when the hub is older and has no floors to give."""
    try:
        answer = Pace(1, high=1, sleep=sleep).call(client.floors)
    except HubRefused as exc:
        if exc.code == "learning":
            return False
        if exc.status == 404:
            return None
        raise
    codes = answer.get("codes") if isinstance(answer, dict) else None
    service.learn_codes([c for c in codes if isinstance(c, str)] if isinstance(codes, list) else [])
    return True
