"""Seals at a push: a desk's signature over the range of its own changes in a batch (app.province.relay)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from typing import Any

from app.core import keys
from app.province.auth import DeskAuth
from app.sync import protocol
from db.hub.relay_store import RelayStore
from db.hub.store import HubStore


def seal_signature(value: Any) -> bytes | None:
    if not isinstance(value, str) or len(value) > 200:
        return None
    try:
        sig = base64.b64decode(value, validate=True)
    except (ValueError, binascii.Error):
        return None
    return sig if len(sig) == 64 else None


Sealed = tuple[int, str, str, str]  # a change of the batch: sequence, change key, payload hash, time


def keep_seal(
    hub: HubStore, desk: DeskAuth, header: Mapping[str, Any], db_id: str, batch: Sequence[Sealed], held: set[str]
) -> None:
    """Check the batch's seal against the batch and keep it, with the leaves of what the log does not hold
    (``held``: the keys of the batch the log holds now).
    A seal that does not match is dropped, never the batch: a seal only serves a later relay."""
    sig = seal_signature(header.get("seal"))
    if sig is None or not batch or any(not digest for _, _, digest, _ in batch):
        return
    leaves = [protocol.seal_leaf(digest, created) for _, _, digest, created in batch]
    first, last = batch[0][0], batch[-1][0]
    row = hub.desk(desk.desk_id)
    message = protocol.seal_message(desk.desk_id, db_id, first, last, leaves)
    if row is None or not keys.verify(row["public_key"], message, sig):
        return
    missing = [[seq, leaf.hex()] for (seq, key, _, _), leaf in zip(batch, leaves, strict=True) if key not in held]
    RelayStore(hub).add_seal(
        {
            "db_id": db_id,
            "first_seq": first,
            "last_seq": last,
            "desk_id": desk.desk_id,
            "commune_code": desk.commune_code,
            "signature": base64.b64encode(sig).decode(),
            "missing": json.dumps(missing, separators=(",", ":")),
        }
    )
