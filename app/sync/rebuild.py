"""A lean outbox: acknowledged payloads pruned, every change rebuilt from the desk's own tables.

A change is what happened (an event, a record as first written), so the row it wrote rebuilds it byte
for byte (as the hub hashes it, ``protocol.payload_hash``): the hub refuses a different payload under the
same key. ``REBUILDERS`` holds, for each kind of ``history.ENTITIES``, the table and the function that
turns its row into the payload; a kind whose rows change after they are written (a register entry's
current state) has none, and its payloads stay. A payload is pruned only when its rebuild hashes the
same; what an older desk's payload had that the rebuild lacks is kept beside the hash (``patch``).
Pruning runs in small transactions, after each successful sync and in ``motcua maintain``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.core import history
from app.core.errors import MotcuaError
from app.fees.service import fee_payload
from app.reception.rows import dossier_payload, event_payload
from app.sync import protocol
from db.outbox_store import OutboxStore
from db.store import Store

Row = Mapping[str, Any]
BATCH = 500  # outbox entries per pruning transaction: a clerk saving a receipt never waits long
PATCH_SHARE = 4  # a patch larger than a quarter of its payload is not worth keeping instead of it


@dataclass(frozen=True)
class Rebuilder:
    """How one kind of change is built again: the table its record sits in (by id) and the payload of a row."""

    table: str
    payload: Callable[[Row], dict[str, Any]]


def _json_column(*keys: str) -> Callable[[Row], dict[str, Any]]:
    def payload(row: Row) -> dict[str, Any]:
        return dict(row, **{k: json.loads(row[k]) for k in keys})

    return payload


REBUILDERS: dict[history.Entity, Rebuilder | None] = {
    history.DOSSIER: Rebuilder("dossiers", dossier_payload),
    history.EVENT: Rebuilder("dossier_events", event_payload),
    history.FEEDBACK_EVENT: Rebuilder("feedback_events", _json_column("data")),
    history.RATING: Rebuilder("ratings", _json_column("elements")),
    history.RATING_DECLINED: Rebuilder("rating_declines", dict),
    history.CONFIDENTIAL_READ: Rebuilder("confidential_reads", dict),
    history.PRINT: Rebuilder("print_log", dict),
    history.DOCNO: Rebuilder("document_numbers", dict),
    history.SETTLEMENT: Rebuilder("clash_settlements", dict),
    history.FEE: Rebuilder("dossier_fees", fee_payload),
    history.PAYMENT: Rebuilder("fee_payments", dict),
    history.ATTACHMENT: Rebuilder("attachments", dict),
    # Register records are snapshots of a row that changes (outcome, answer, done, taken down): an
    # earlier version cannot be read back from the row, so their payloads are kept. They are few.
    history.FEEDBACK: None,
    history.RECEPTION_ENTRY: None,
    history.RECEPTION_SESSION: None,
    history.DIALOGUE: None,
    history.FOLLOW_UP: None,
    history.ENTRY_FLAG: None,
    history.DISCLOSURE: None,
    history.CALENDAR_DAY: None,  # a day declared, then perhaps removed: state, kept whole (a few a year)
}


class CannotRebuild(MotcuaError):
    """A pruned change whose record no longer rebuilds it (the table was changed by hand)."""

    def __init__(self, entity: str, entity_id: str) -> None:
        super().__init__(
            f"Không dựng lại được thay đổi «{entity}» {entity_id[:40]} đã gửi; hãy khôi phục bản sao lưu gần nhất.",
            f"The sent change '{entity}' {entity_id[:40]} cannot be rebuilt; restore the latest backup.",
        )


def digest(entity: str, entity_id: str, op: str, payload: Any) -> bytes:
    return bytes.fromhex(protocol.payload_hash(entity, entity_id, op, payload))


def _rebuilt(outbox: OutboxStore, rows: Sequence[Row]) -> dict[tuple[str, int], dict[str, Any]]:
    """The payload each entry's record rebuilds, by (db_id, seq); entries of a kind with no rebuilder,
    or whose record is gone, are left out."""
    out: dict[tuple[str, int], dict[str, Any]] = {}
    by_entity: dict[str, list[Row]] = {}
    for r in rows:
        by_entity.setdefault(r["entity"], []).append(r)
    for name, entries in by_entity.items():
        entity = history.ENTITIES.get(name)
        rebuilder = REBUILDERS.get(entity) if entity is not None else None
        if rebuilder is None:
            continue
        records = outbox.rows(rebuilder.table, [r["entity_id"] for r in entries])
        for r in entries:
            record = records.get(r["entity_id"])
            if record is not None:
                out[(r["db_id"], r["seq"])] = rebuilder.payload(record)
    return out


def _patch(original: Mapping[str, Any], rebuilt: Mapping[str, Any]) -> dict[str, Any]:
    """What turns ``rebuilt`` into ``original`` (keys set, keys dropped)."""
    patch: dict[str, Any] = {}
    changed = {k: v for k, v in original.items() if k not in rebuilt or canon(rebuilt[k]) != canon(v)}
    if changed:
        patch["set"] = changed
    dropped = sorted(k for k in rebuilt if k not in original)
    if dropped:
        patch["drop"] = dropped
    return patch


def _apply_patch(payload: dict[str, Any], patch_text: str | None) -> dict[str, Any]:
    if not patch_text:
        return payload
    patch = json.loads(patch_text)
    out = {k: v for k, v in payload.items() if k not in set(patch.get("drop", ()))}
    out.update(patch.get("set", {}))
    return out


def canon(value: Any) -> str:
    return protocol.canonical(value)


def _payloads(store: Store, rows: Sequence[Row]) -> list[Any]:
    """The payload of each outbox entry: as stored, or rebuilt if pruned; ``_MISSING`` where a pruned
    entry no longer rebuilds to its hash."""
    pruned = [r for r in rows if r["payload"] is None]
    rebuilt = _rebuilt(OutboxStore(store), pruned) if pruned else {}
    out: list[Any] = []
    for r in rows:
        if r["payload"] is not None:
            out.append(json.loads(r["payload"]))
            continue
        payload = rebuilt.get((r["db_id"], r["seq"]))
        if payload is not None:
            payload = _apply_patch(payload, r["patch"])
        if payload is None or digest(r["entity"], r["entity_id"], r["op"], payload) != r["digest"]:
            payload = _MISSING
        out.append(payload)
    return out


_MISSING = object()


def rebuilt(store: Store, rows: Sequence[Row]) -> dict[tuple[str, int], dict[str, Any]]:
    """What each change's record in this desk's tables rebuilds, by (db_id, seq) (rows: db_id, seq,
    entity, entity_id); kinds that cannot be rebuilt, and records not here, are left out."""
    return _rebuilt(OutboxStore(store), rows)


def held(store: Store, rows: Sequence[Row]) -> list[Any]:
    """Like ``payloads`` for rows shaped as the outbox's (payload, digest, patch), with None where a
    payload was not kept and its record no longer rebuilds it."""
    return [None if p is _MISSING else p for p in _payloads(store, rows)]


def payloads(store: Store, rows: Sequence[Row]) -> list[Any]:
    """The payload of each outbox entry, byte for byte what was first written (checked against its hash)."""
    out = _payloads(store, rows)
    for r, p in zip(rows, out, strict=True):
        if p is _MISSING:
            raise CannotRebuild(r["entity"], r["entity_id"])
    return out


def changes(store: Store, rows: Sequence[Row]) -> list[dict[str, Any]]:
    """Outbox entries as the wire carries them; an entry's time is its payload's own unless it has one."""
    return [
        {
            "entity": r["entity"],
            "entity_id": r["entity_id"],
            "op": r["op"],
            "payload": p,
            "created_at": p["created_at"] if r["created_at"] is None else r["created_at"],
        }
        for r, p in zip(rows, payloads(store, rows), strict=True)
    ]


@dataclass
class PruneReport:
    pruned: int = 0
    kept: int = 0  # acknowledged, but not rebuildable: the payload stays


def _prunable(r: Row, payload: dict[str, Any] | None) -> tuple[bytes, str | None, str, int] | None:
    """(digest, patch, db_id, seq) when the entry's payload can go, else None: its rebuild, patched if
    need be, is the same text the hub hashed."""
    original = json.loads(r["payload"])
    if payload is None or not isinstance(original, dict):
        return None
    want = canon(original)
    text = None
    if canon(payload) != want:
        patch = _patch(original, payload)
        text = json.dumps(patch, ensure_ascii=False, separators=(",", ":"))
        if len(text) * PATCH_SHARE > len(r["payload"]) or canon(_apply_patch(payload, text)) != want:
            return None
    return protocol.canonical_hash(r["entity"], r["entity_id"], r["op"], want), text, r["db_id"], r["seq"]


MARK = "outbox_pruned_to:"  # meta: the last sequence of a history pruning looked at


def prune(store: Store, histories: Iterable[str], *, batch: int = BATCH, again: bool = False) -> PruneReport:
    """Drop the payloads the hub has acknowledged and the desk can rebuild, a small transaction at a time.

    Each history resumes where the last pruning stopped (a mark in meta); ``again`` looks at every
    acknowledged entry once more (``motcua maintain``)."""
    outbox, report = OutboxStore(store), PruneReport()
    for db_id in histories:
        after = 0 if again else int(store.get_meta(MARK + db_id, "0") or 0)
        while True:
            with store.transaction():
                rows = outbox.prunable(db_id, after, batch)
                if not rows:
                    break
                rebuilt = _rebuilt(outbox, rows)
                done = []
                for r in rows:
                    entry = _prunable(r, rebuilt.get((r["db_id"], r["seq"])))
                    if entry is None:
                        report.kept += 1
                    else:
                        done.append(entry)
                report.pruned += outbox.prune(done)
                after = rows[-1]["seq"]
                store.set_meta({MARK + db_id: str(after)})
    return report


def unrebuildable(store: Store, histories: Iterable[str], *, batch: int = BATCH) -> list[tuple[str, int]]:
    """Pruned entries that no longer rebuild to their hash (none, unless a table was changed by hand)."""
    outbox, bad = OutboxStore(store), []
    for db_id in histories:
        after = 0
        while rows := outbox.pruned(db_id, after, batch):
            rows = [dict(r, payload=None) for r in rows]
            bad += [(r["db_id"], r["seq"]) for r, p in zip(rows, _payloads(store, rows), strict=True) if p is _MISSING]
            after = rows[-1]["seq"]
    return bad
