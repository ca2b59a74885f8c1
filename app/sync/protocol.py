"""What the desk and the hub agree on: request signing, change keys, limits, header names."""

from __future__ import annotations

import hashlib
import ipaddress
import uuid
from typing import Any

from app.core import jsontext

HEADER_DESK = "x-motcua-desk"
HEADER_TIME = "x-motcua-time"
HEADER_NONCE = "x-motcua-nonce"
HEADER_SIGNATURE = "x-motcua-signature"

# A desk's clock may be days wrong after a power cut; replay is stopped by nonces, not by a tight window.
CLOCK_WINDOW = 3 * 24 * 3600
MAX_BODY = 16 * 1024 * 1024
PUSH_ROWS = 1000
PULL_ROWS = 1000
MAX_HISTORIES = 16  # database ids a desk names when it pulls

# Change keys on the wire are derived from (database id, sequence): both identify an outbox entry for
# good, and deriving saves 16 incompressible bytes per record (see shared/SYNC-LESSONS.md, Morango).
_CHANGE_NS = uuid.UUID("6f1c2d1e-3b7a-5e58-9a0e-7d1b0c4f9a11")


def change_key(db_id: str, seq: int) -> str:
    return str(uuid.uuid5(_CHANGE_NS, f"{db_id}:{seq}"))


# Built once (app.core.jsontext): a desk hashes every change it writes, a million at a demo load.
_CANONICAL = jsontext.encoder(sort_keys=True, separators=(",", ":"))


def canonical(payload: Any) -> str:
    """The JSON text a change is hashed by: keys sorted, no spaces, no escaping beyond JSON's own."""
    return _CANONICAL(payload)


def payload_hash(entity: str, entity_id: str, op: str, payload: Any) -> str:
    return canonical_hash(entity, entity_id, op, canonical(payload)).hex()


def canonical_hash(entity: str, entity_id: str, op: str, canonical_payload: str) -> bytes:
    """The SHA-256 of a change whose payload is already in canonical form."""
    return hashlib.sha256(f"{entity}\n{entity_id}\n{op}\n{canonical_payload}".encode()).digest()


def request_message(method: str, target: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    """What a desk signs: method, path with query, its time, a fresh nonce and the body's hash."""
    return "\n".join(
        ("motcua-request-v1", method.upper(), target, timestamp, nonce, hashlib.sha256(body).hexdigest())
    ).encode("utf-8")


def enrol_message(desk_id: str, commune: str, desk_no: int, public_key: str, token: str) -> bytes:
    """Proof that the enrolling desk holds the private key of the public key it registers."""
    token_hash = hashlib.sha256(token.encode("utf-8")).hexdigest()
    return "\n".join(("motcua-enrol-v1", desk_id, commune, str(desk_no), public_key, token_hash)).encode("utf-8")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def is_loopback(host: str) -> bool:
    """Plain HTTP is allowed only to this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# A seal: the desk's signature over a range of its own changes, so that another desk of its commune
# can hand them to a hub that lost them (a restored hub) and the hub can tell they are the originals.
# One signature per pushed batch, not per change: 64 bytes per batch keep the wire's bytes per dossier.


def seal_leaf(payload_hash_hex: str, created_at: str) -> bytes:
    """What a seal holds of one change: its payload hash (entity, id, op, payload) and its time."""
    return hashlib.sha256(f"{payload_hash_hex}\n{created_at}".encode()).digest()


def seal_message(desk_id: str, db_id: str, first: int, last: int, leaves: list[bytes]) -> bytes:
    """What a desk signs over its changes ``first``..``last`` of history ``db_id`` (one leaf each, in order)."""
    root = hashlib.sha256(b"".join(leaves)).hexdigest()
    return "\n".join(("motcua-seal-v1", desk_id, db_id, str(first), str(last), root)).encode("utf-8")
