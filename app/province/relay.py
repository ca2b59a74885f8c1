"""Records of a desk that no longer syncs, handed back by another desk of its commune; code floors after a restore.

Seals. With each batch a desk may send a seal: its Ed25519 signature over the range of its own changes
in the batch (``protocol.seal_message``: one leaf per change, its payload hash and time). The hub checks
it against the batch, keeps it, and serves it with pulled changes (with each pulled change's history and
sequence), so desks of the commune keep both. A hub restored from an older backup has lost changes of
a desk that may never sync again (a dead PC): any desk of its commune that pulled them offers them again
(``POST /v1/relay``, one seal's range at a time), and the hub stores them under the ORIGIN desk's id,
history and sequence, never the relayer's, only when the origin desk's registered key signed exactly
those changes. When the origin desk comes back it resends them: same key, same hash, a duplicate. Old
desks that send no seal still sync; their changes simply cannot be relayed.

Floors. Codes are issued by desks, not by the hub (``desk × 1000 + n`` per day), but a desk that lost
its high-water marks (a new PC) learns its floors from the hub, and a restored hub may have lost that
desk's latest codes. So a restored hub is *learning*: each desk reports on its first contact with the new
identity the highest code of each day it knows (its own and those it pulled); until every active desk of
the commune has reported, or an administrator says go on (``motcua-province floors proceed``), the hub
answers ``GET /v1/floors`` with 409 ``learning`` and the desk keeps numbering past its margin.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.core import keys
from app.province.auth import DeskAuth, utc_now
from app.province.calendars import Calendars
from app.province.errors import HubError
from app.province.identity import RESTORED
from app.province.ingest import ingest
from app.province.seals import seal_signature
from app.reception import wire
from app.sync import protocol
from db.hub.identity_store import HubIdentityStore
from db.hub.relay_store import RelayStore
from db.hub.store import HubStore

_SAFE = re.compile(r"[\w.:-]{1,100}", re.ASCII)
_LEAF = re.compile(r"[0-9a-f]{64}")
MAX_SPAN = protocol.PUSH_ROWS * 5  # the most changes one seal covers (a batch)
MAX_FLOORS = 20000  # codes one desk reports: a desk's days of several years, and its commune's desks
PROCEED = "floors_proceed:"  # hub_meta + commune: an administrator said to hand out floors


# At a pull: each change's history and sequence, and the seals over them


def origins(rows: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
    """Runs of (history, first sequence, count) over the pulled rows, in order: a few per page."""
    runs: list[list[Any]] = []
    for r in rows:
        if runs and runs[-1][0] == r["db_id"] and runs[-1][1] + runs[-1][2] == r["seq"]:
            runs[-1][2] += 1
        else:
            runs.append([r["db_id"], int(r["seq"]), 1])
    return runs


def seals_for(hub: HubStore, commune: str, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    spans: dict[str, tuple[int, int]] = {}
    for r in rows:
        low, high = spans.get(r["db_id"], (r["seq"], r["seq"]))
        spans[r["db_id"]] = (min(low, r["seq"]), max(high, r["seq"]))
    return [
        {
            "desk_id": s["desk_id"],
            "db_id": s["db_id"],
            "first": int(s["first_seq"]),
            "last": int(s["last_seq"]),
            "seal": s["signature"],
            "missing": json.loads(s["missing"]),
        }
        for s in RelayStore(hub).seals_over(commune, spans)
    ]


# A relay


@dataclass
class RelayResult:
    stored: int = 0
    duplicates: int = 0
    refused: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"stored": self.stored, "duplicates": self.duplicates, "refused": self.refused}


def _int(value: Any, low: int = 1, high: int = 2**62) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise HubError(400, "bad_batch")
    return value


def _seqs(runs: Any, count: int, first: int, last: int) -> list[int]:
    """The sequence of each relayed change, from runs of (first sequence, count)."""
    if not isinstance(runs, list) or len(runs) > MAX_SPAN:
        raise HubError(400, "bad_batch")
    seqs: list[int] = []
    for run in runs:
        if not isinstance(run, list) or len(run) != 2:
            raise HubError(400, "bad_batch")
        start, n = _int(run[0]), _int(run[1], 1, MAX_SPAN)
        seqs += range(start, start + n)
        if len(seqs) > MAX_SPAN:
            raise HubError(400, "bad_batch")
    if len(seqs) != count or len(set(seqs)) != count or any(not first <= s <= last for s in seqs):
        raise HubError(400, "bad_batch")
    return seqs


def relay(
    hub: HubStore, relayer: DeskAuth, header: Any, changes: Sequence[Mapping[str, Any]], calendars: Calendars
) -> RelayResult:
    """Store another desk's changes that this hub lacks, when its seal proves them its originals."""
    if not isinstance(header, Mapping):
        raise HubError(400, "bad_batch")
    origin_id, db_id = header.get("desk_id"), header.get("db_id")
    if not isinstance(origin_id, str) or not _SAFE.fullmatch(origin_id):
        raise HubError(400, "bad_batch")
    if not isinstance(db_id, str) or not _SAFE.fullmatch(db_id):
        raise HubError(400, "bad_batch")
    first, last = _int(header.get("first_seq")), _int(header.get("last_seq"))
    if last < first or last - first >= MAX_SPAN:
        raise HubError(400, "bad_batch")
    seqs = _seqs(header.get("seqs"), len(changes), first, last)
    sig = seal_signature(header.get("seal"))
    if sig is None:
        raise HubError(422, "bad_seal")
    origin = hub.desk(origin_id)
    if origin is None:
        raise HubError(404, "unknown_origin")
    if origin["commune_code"] != relayer.commune_code:
        raise HubError(403, "foreign_commune")  # a desk relays only its own commune's records
    if origin_id == relayer.desk_id:
        raise HubError(400, "bad_batch")  # its own changes go by /v1/push
    if origin["revoked_at"]:
        raise HubError(403, "revoked")  # a revoked key may be in other hands: nothing signed by it is taken
    leaves: dict[int, bytes] = {}
    missing, lost = header.get("missing", []), set()
    if not isinstance(missing, list) or len(missing) > MAX_SPAN:
        raise HubError(400, "bad_batch")
    for entry in missing:
        leaf = entry[1] if isinstance(entry, list) and len(entry) == 2 else None
        if not (isinstance(leaf, str) and _LEAF.fullmatch(leaf)):
            raise HubError(400, "bad_batch")
        seq = _int(entry[0])
        if first <= seq <= last:
            leaves[seq] = bytes.fromhex(entry[1])
            lost.add(seq)
    # What the log still holds of the range (a seal may span more than what was lost).
    keys_of = {protocol.change_key(db_id, s): s for s in range(first, last + 1)}
    for key, row in RelayStore(hub).held(list(keys_of)).items():
        if row["desk_id"] == origin_id:
            leaves[keys_of[key]] = protocol.seal_leaf(row["payload_hash"], row["created_at"])
    for seq, ch in zip(seqs, changes, strict=True):
        try:
            digest = protocol.payload_hash(ch["entity"], ch["entity_id"], ch["op"], ch["payload"])
        except (KeyError, TypeError, ValueError, UnicodeEncodeError, RecursionError):
            raise HubError(422, "bad_seal") from None
        leaves[seq] = protocol.seal_leaf(digest, str(ch["created_at"]))
    if len(leaves) != last - first + 1:
        raise HubError(409, "seal_incomplete")
    message = protocol.seal_message(origin_id, db_id, first, last, [leaves[s] for s in range(first, last + 1)])
    if not keys.verify(origin["public_key"], message, sig):
        raise HubError(422, "bad_seal")  # changed on the way, or never written by that desk
    as_origin = DeskAuth(desk_id=origin_id, commune_code=origin["commune_code"], desk_no=origin["desk_no"])
    result = RelayResult()
    for start, part in _contiguous(seqs, changes):
        # Stored as the origin desk's own push would be, but its acknowledgement and last sync stay its own.
        pushed = ingest(hub, as_origin, {"db_id": db_id, "first_seq": start}, part, calendars, acknowledge=False)
        result.stored += pushed.stored
        result.duplicates += pushed.duplicates
        result.refused += len(pushed.refused)
    with hub.transaction():
        RelayStore(hub).add_seal(
            {
                "db_id": db_id,
                "first_seq": first,
                "last_seq": last,
                "desk_id": origin_id,
                "commune_code": origin["commune_code"],
                "signature": base64.b64encode(sig).decode(),
                "missing": json.dumps([[s, leaves[s].hex()] for s in sorted(lost)], separators=(",", ":")),
            }
        )
    return result


def _contiguous(seqs: Sequence[int], changes: Sequence[Mapping[str, Any]]) -> list[tuple[int, list[Mapping[str, Any]]]]:
    parts: list[tuple[int, list[Mapping[str, Any]]]] = []
    ordered = sorted(zip(seqs, changes, strict=True), key=lambda p: p[0])
    for seq, ch in ordered:
        if parts and parts[-1][0] + len(parts[-1][1]) == seq:
            parts[-1][1].append(ch)
        else:
            parts.append((seq, [ch]))
    return parts


# Floors


def learning(hub: HubStore, hub_id: str, commune: str) -> bool:
    meta = HubIdentityStore(hub)
    if meta.get(RESTORED) != hub_id or meta.get(PROCEED + commune) == hub_id:
        return False
    desks, reported = RelayStore(hub).reported(commune, hub_id)
    return reported < desks


def states(hub: HubStore) -> list[tuple[str, str, int, int]]:
    """(commune, learning | ok, desks reported, active desks) for every commune."""
    hub_id = HubIdentityStore(hub).get("db_id") or ""
    out = []
    for c in hub.communes():
        desks, reported = RelayStore(hub).reported(c["code"], hub_id)
        out.append((c["code"], "learning" if learning(hub, hub_id, c["code"]) else "ok", reported, desks))
    return out


def proceed(hub: HubStore, commune: str) -> None:
    meta = HubIdentityStore(hub)
    meta.set(PROCEED + commune, meta.get("db_id") or "")


def _prefix(code: str) -> str:
    """``<agency>-<YYMMDD>-<desk digit>``: the codes of one desk's day."""
    return code[:-3]


def report(hub: HubStore, desk: DeskAuth, hub_id: str, data: Any) -> None:
    """A desk's first contact with this identity: the highest code of each day it knows."""
    codes = data.get("codes") if isinstance(data, Mapping) else None
    if not isinstance(codes, list) or len(codes) > MAX_FLOORS:
        raise HubError(400, "bad_request")
    highs: dict[str, str] = {}
    for code in codes:
        if not isinstance(code, str) or not wire.CODE.fullmatch(code):
            raise HubError(400, "bad_request")
        prefix = _prefix(code)
        highs[prefix] = max(highs.get(prefix, ""), code)
    with hub.transaction():
        store = RelayStore(hub)
        store.raise_floors(desk.commune_code, highs)
        if data.get("done", True) is not False:  # a report in parts counts once its last part is in
            store.add_report(desk.desk_id, hub_id, utc_now())


def floors(hub: HubStore, desk: DeskAuth, hub_id: str) -> list[str]:
    """The highest code of each of the desk's days the hub knows; 409 while a restored hub is learning."""
    if learning(hub, hub_id, desk.commune_code):
        raise HubError(409, "learning")
    highs: dict[str, str] = {}
    for code in RelayStore(hub).floors(desk.commune_code, desk.desk_id, f"%-{desk.desk_no}"):
        if _prefix(code).endswith(f"-{desk.desk_no}"):
            highs[_prefix(code)] = max(highs.get(_prefix(code), ""), code)
    return sorted(highs.values())
