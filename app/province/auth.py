"""Enrolment with a one-time token, and the signature check on every later request."""

from __future__ import annotations

import base64
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from app.core import keys
from app.province.errors import HubError
from app.sync import protocol
from db.hub.store import HubStore

TOKEN_DAYS = 7
_UUIDISH = re.compile(r"[0-9a-fA-F-]{8,64}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
# Tokens were token_urlsafe once and are hex now; either is plain ASCII, so no NUL or lone surrogate
# ever reaches hashing (UTF-8) or the database.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{8,200}")
_AGENCY = re.compile(r"[A-Za-z0-9.]{1,20}")


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class DeskAuth:
    desk_id: str
    commune_code: str
    desk_no: int


def issue_token(hub: HubStore, commune: str, desk_no: int | None) -> str:
    # Hex: a token is pasted into shells and typed on command lines, where one starting with "-"
    # (token_urlsafe gives that one time in 64) reads as an option.
    token = secrets.token_hex(16)
    now = datetime.now(UTC)
    hub.add_token(
        protocol.token_hash(token),
        commune,
        desk_no,
        now.isoformat(timespec="seconds"),
        (now + timedelta(days=TOKEN_DAYS)).isoformat(timespec="seconds"),
    )
    return token


def _field(data: Mapping[str, Any], name: str, kind: type) -> Any:
    value = data.get(name)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise HubError(400, "bad_request")
    return value


def enrol(hub: HubStore, data: Any) -> dict[str, Any]:
    if not isinstance(data, Mapping):
        raise HubError(400, "bad_request")
    token = _field(data, "token", str)
    desk_id = _field(data, "desk_id", str)
    commune = _field(data, "commune_code", str)
    desk_no = _field(data, "desk_no", int)
    public_key = _field(data, "public_key", str)
    signature = _field(data, "signature", str)
    agency = data.get("agency_code") or commune
    if not (
        _UUIDISH.fullmatch(desk_id)
        and _HEX64.fullmatch(public_key)
        and re.fullmatch(r"[0-9]{5}", commune)
        and 1 <= desk_no <= 9
        and isinstance(agency, str)
        and _AGENCY.fullmatch(agency)
        and _TOKEN.fullmatch(token)
    ):
        raise HubError(400, "bad_request")
    try:
        sig = base64.b64decode(signature, validate=True)
    except ValueError:
        raise HubError(400, "bad_signature") from None
    if not keys.verify(public_key, protocol.enrol_message(desk_id, commune, desk_no, public_key, token), sig):
        raise HubError(400, "bad_signature")
    now = utc_now()
    with hub.transaction():
        row = hub.token(protocol.token_hash(token))
        if row is None:
            raise HubError(403, "token_invalid")
        existing = hub.desk(desk_id)
        if existing is not None:
            if existing["revoked_at"]:
                raise HubError(403, "revoked")
            same = (existing["public_key"], existing["commune_code"], existing["desk_no"])
            if same == (public_key, commune, desk_no):
                return _enrolled(existing)  # the reply was lost and the desk asked again
            raise HubError(409, "desk_number_taken")
        if row["used_at"]:
            raise HubError(403, "token_used")
        if row["expires_at"] < now:
            raise HubError(403, "token_expired")
        if row["commune_code"] != commune or (row["desk_no"] is not None and row["desk_no"] != desk_no):
            raise HubError(403, "token_mismatch")
        if hub.active_desk(commune, desk_no) is not None:
            raise HubError(409, "desk_number_taken")
        hub.add_desk(
            {
                "desk_id": desk_id,
                "commune_code": commune,
                "desk_no": desk_no,
                "public_key": public_key,
                "agency_code": agency,
                "enrolled_at": now,
            }
        )
        if not hub.use_token(protocol.token_hash(token), desk_id, now):
            raise HubError(403, "token_used")
        return _enrolled(hub.desk(desk_id))


def _enrolled(row: Mapping[str, Any]) -> dict[str, Any]:
    return {"desk_id": row["desk_id"], "commune_code": row["commune_code"], "desk_no": row["desk_no"]}


def authenticate(
    hub: HubStore, method: str, target: str, headers: Mapping[str, str], body: bytes, now: float | None = None
) -> DeskAuth:
    """The desk that signed this request, or a refusal. Revocation takes effect on the next request."""
    desk_id = headers.get(protocol.HEADER_DESK)
    stamp = headers.get(protocol.HEADER_TIME)
    nonce = headers.get(protocol.HEADER_NONCE)
    signature = headers.get(protocol.HEADER_SIGNATURE)
    if not (desk_id and stamp and nonce and signature):
        raise HubError(401, "unauthenticated")
    if (
        not _UUIDISH.fullmatch(desk_id)
        or not nonce.isascii()
        or len(nonce) > 64
        or len(signature) > 200
        or not (stamp.isascii() and stamp.isdigit())
        or len(stamp) > 12
    ):
        raise HubError(401, "unauthenticated")
    desk = hub.desk(desk_id)
    if desk is None:
        raise HubError(401, "unknown_desk")
    if desk["revoked_at"]:
        raise HubError(403, "revoked")
    try:
        sig = base64.b64decode(signature, validate=True)
    except ValueError:
        raise HubError(401, "bad_signature") from None
    if not keys.verify(desk["public_key"], protocol.request_message(method, target, stamp, nonce, body), sig):
        raise HubError(401, "bad_signature")
    current = int(now if now is not None else time.time())
    if abs(current - int(stamp)) > protocol.CLOCK_WINDOW:
        raise HubError(401, "clock")
    # Old nonces are pruned now and then, not on every request: concurrent deletes would queue.
    prune = secrets.randbelow(100) == 0
    if not hub.add_nonce(desk_id, nonce, current, current - 3 * protocol.CLOCK_WINDOW, prune=prune):
        raise HubError(401, "replay")
    return DeskAuth(desk_id=desk_id, commune_code=desk["commune_code"], desk_no=desk["desk_no"])
