"""The wire format of a batch of changes: columnar JSON, compressed with LZMA.

Records of one shape (entity, op, set of keys) become columns, and each column is stored in the
cheapest of a few generic forms: one constant, a small dictionary, ISO times as second deltas,
UUIDs as bare hex, or references back to an earlier record of the batch (an event's dossier). Nothing
here knows a dossier from a rating: an entity another engineer adds is packed just as well.

A change is ``{"entity", "entity_id", "op", "payload", "created_at"}`` plus, in pulls, ``"desk_id"``.
``decode(encode(h, rows)) == (h, rows)`` exactly; the tests hold that for random JSON payloads.
"""

from __future__ import annotations

import itertools
import json
import lzma
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

CONTENT_TYPE = "application/x-motcua-changes"
VERSION = 1
# A batch of 1,000 dossiers with their events is about 90 KB decoded, 4-5 times its compressed size. A
# batch never expands beyond MAX_DECODED, nor beyond MAX_RATIO times its size (with a floor for small
# ones): a compressed bomb (66 MB of one letter in 10 KB) is refused after at most a megabyte of work.
MAX_DECODED = 8 * 1024 * 1024
MAX_RATIO = 50
RATIO_FLOOR = 1024 * 1024
MAX_RECORDS = 20000

_FILTERS = [{"id": lzma.FILTER_LZMA2, "preset": 9 | lzma.PRESET_EXTREME, "dict_size": 1 << 22}]
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")
# Special keys of a flattened record; a payload key never starts with NUL.
_ENTITY_ID, _CREATED, _DESK = "\x00id", "\x00at", "\x00desk"


class CodecError(ValueError):
    """The bytes are not a batch this program can read."""


class TooLarge(CodecError):
    """The batch would expand beyond what any honest batch does."""


def _flatten(change: dict[str, Any]) -> tuple[tuple[str, str], dict[str, Any]]:
    payload = change["payload"]
    if not isinstance(payload, dict) or any(k.startswith("\x00") for k in payload):
        payload = {"\x00raw": payload}
    record = dict(payload)
    if payload.get("id") != change["entity_id"]:
        record[_ENTITY_ID] = change["entity_id"]
    if payload.get("created_at") != change["created_at"]:
        record[_CREATED] = change["created_at"]
    if "desk_id" in change:
        record[_DESK] = change["desk_id"]
    return (change["entity"], change["op"]), record


def _unflatten(entity: str, op: str, record: dict[str, Any]) -> dict[str, Any]:
    missing = object()
    desk = record.pop(_DESK, missing)
    entity_id = record.pop(_ENTITY_ID, None)
    created = record.pop(_CREATED, None)
    payload: Any = record.pop("\x00raw") if "\x00raw" in record else record
    change = {
        "entity": entity,
        "entity_id": entity_id if entity_id is not None else payload["id"],
        "op": op,
        "payload": payload,
        "created_at": created if created is not None else payload["created_at"],
    }
    if desk is not missing:
        change["desk_id"] = desk
    return change


def _time_column(values: list[Any]) -> list[Any] | None:
    """Seconds since the previous value, when every value is an ISO time with one offset."""
    if not values or not all(isinstance(v, str) and _TIME.fullmatch(v) for v in values):
        return None
    offset = values[0][19:]
    if any(v[19:] != offset for v in values):
        return None
    try:
        stamps = [int(datetime.fromisoformat(v).timestamp()) for v in values]
    except (ValueError, OverflowError, OSError):
        return None
    deltas = [stamps[0]] + [b - a for a, b in itertools.pairwise(stamps)]
    return ["t", offset, deltas]


def _from_time(offset: str, deltas: list[int]) -> list[str]:
    from datetime import timedelta, timezone

    sign = -1 if offset[0] == "-" else 1
    tz = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
    out, stamp = [], 0
    for i, d in enumerate(deltas):
        stamp = d if i == 0 else stamp + d
        out.append(datetime.fromtimestamp(stamp, tz).isoformat(timespec="seconds"))
    return out


def _round_trips(timed: list[Any], values: list[Any]) -> bool:
    """Times near year 1 or 9999 do not survive the trip through seconds: they go as plain values."""
    try:
        return _from_time(timed[1], timed[2]) == values
    except (ValueError, OverflowError, OSError):
        return False


def _encode_column(values: list[Any], ids_before: dict[str, int], rows: list[int]) -> list[Any]:
    keys = [json.dumps(v, ensure_ascii=False, sort_keys=True) for v in values]
    if all(k == keys[0] for k in keys):
        return ["c", values[0]]
    timed = _time_column(values)
    if timed is not None and _round_trips(timed, values):
        return timed
    if all(isinstance(v, str) and _UUID.fullmatch(v) for v in values):
        # An id seen earlier in the batch (an event's dossier) is the distance back to that record.
        refs = [
            rows[i] - ids_before[v] if v in ids_before and ids_before[v] < rows[i] else v.replace("-", "")
            for i, v in enumerate(values)
        ]
        if any(isinstance(r, int) for r in refs):
            return ["r", refs]
        return ["u", "".join(refs)]
    distinct = list(dict.fromkeys(keys))
    if len(distinct) * 3 <= len(values):
        index = {k: i for i, k in enumerate(distinct)}
        return ["d", [json.loads(k) for k in distinct], [index[k] for k in keys]]
    return ["v", values]


def _dashed(h: Any) -> str:
    if not isinstance(h, str) or len(h) != 32:
        raise CodecError("bad id")
    return f"{h[0:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def _decode_column(col: list[Any], n: int) -> list[Any]:
    kind = col[0]
    if kind == "c":
        return [col[1]] * n
    if kind == "t":
        return _from_time(col[1], col[2])
    if kind == "u":
        text = col[1]
        if not isinstance(text, str) or len(text) != 32 * n:
            raise CodecError("bad id column")
        return [_dashed(text[i * 32 : (i + 1) * 32]) for i in range(n)]
    if kind == "d":
        table = col[1]
        return [table[i] for i in col[2]]
    if kind == "v":
        return list(col[1])
    raise CodecError(f"unknown column kind {kind!r}")


def encode(header: dict[str, Any], changes: Sequence[dict[str, Any]]) -> bytes:
    shapes: dict[tuple, int] = {}
    groups: list[tuple[tuple, list[tuple[int, dict[str, Any]]]]] = []
    order: list[int] = []
    for i, change in enumerate(changes):
        (entity, op), record = _flatten(change)
        shape = (entity, op, tuple(record))
        if shape not in shapes:
            shapes[shape] = len(groups)
            groups.append((shape, []))
        order.append(shapes[shape])
        groups[shapes[shape]][1].append((i, record))
    ids_before: dict[str, int] = {}
    for i, change in enumerate(changes):
        ids_before.setdefault(change["entity_id"], i)
    packed = []
    for (entity, op, keys), members in groups:
        rows = [i for i, _ in members]
        cols = [_encode_column([rec[k] for _, rec in members], ids_before, rows) for k in keys]
        packed.append([entity, op, list(keys), cols])
    doc = {"v": VERSION, "h": header, "o": _runs(order), "g": packed}
    raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return lzma.compress(raw, format=lzma.FORMAT_RAW, filters=_FILTERS)


def _runs(order: list[int]) -> list[int]:
    """Group index per record as (group, run length) pairs: dossier, event, dossier, event … stays short."""
    out: list[int] = []
    for g in order:
        if out and out[-2] == g:
            out[-1] += 1
        else:
            out += [g, 1]
    return out


def decoded_limit(size: int) -> int:
    return min(MAX_DECODED, max(RATIO_FLOOR, size * MAX_RATIO))


def decode(data: bytes) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The header and changes of a batch; CodecError (TooLarge for a bomb) for anything else."""
    limit = decoded_limit(len(data))
    try:
        dec = lzma.LZMADecompressor(format=lzma.FORMAT_RAW, filters=_FILTERS)
        # One call with an output cap: the decompressor stops there, so memory never exceeds the cap.
        raw = dec.decompress(data, max_length=limit + 1)
        if len(raw) > limit or (not dec.needs_input and not dec.eof):
            raise TooLarge("the batch is too large once decompressed")
        doc = json.loads(raw.decode("utf-8"))
        del raw
        return _decode_doc(doc)
    except CodecError:
        raise
    except (
        lzma.LZMAError,
        UnicodeDecodeError,
        json.JSONDecodeError,
        KeyError,
        IndexError,
        TypeError,
        ValueError,
        AttributeError,
        OverflowError,
        OSError,
        RecursionError,
    ) as exc:
        raise CodecError(f"unreadable batch: {type(exc).__name__}") from None


def _decode_doc(doc: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    if not isinstance(doc, dict) or doc.get("v") != VERSION or not isinstance(doc.get("h"), dict):
        raise CodecError("not a batch of this version")
    runs, groups = doc["o"], doc["g"]
    order: list[int] = []
    for g, n in zip(runs[0::2], runs[1::2], strict=True):
        if (
            not isinstance(g, int)
            or not 0 <= g < len(groups)
            or not isinstance(n, int)
            or n < 0
            or len(order) + n > MAX_RECORDS
        ):
            raise CodecError("bad record order")
        order.extend([g] * n)
    positions: list[list[int]] = [[] for _ in groups]
    for i, g in enumerate(order):
        positions[g].append(i)
    # References point back to earlier records of any group, so columns are decoded first and the
    # references resolved record by record, in batch order.
    decoded = []
    for (entity, op, keys, cols), rows in zip(groups, positions, strict=True):
        if (
            not isinstance(entity, str)
            or not isinstance(op, str)
            or len(keys) != len(cols)
            or not all(isinstance(k, str) for k in keys)
        ):
            raise CodecError("bad group")
        columns = [c[1] if c[0] == "r" else _decode_column(c, len(rows)) for c in cols]
        for values in columns:
            if not isinstance(values, list) or len(values) != len(rows):
                raise CodecError("column length differs from its group")
        decoded.append((entity, op, keys, [c[0] == "r" for c in cols], columns))
    row_in_group = [0] * len(groups)
    ids: list[str] = []
    out: list[dict[str, Any]] = []
    for i, g in enumerate(order):
        entity, op, keys, is_ref, columns = decoded[g]
        j = row_in_group[g]
        row_in_group[g] += 1
        record = {}
        for k, ref, col in zip(keys, is_ref, columns, strict=True):
            value = col[j]
            if ref:
                if isinstance(value, int):
                    if not 0 < value <= i:
                        raise CodecError("bad reference")
                    value = ids[i - value]
                else:
                    value = _dashed(value)
            record[k] = value
        change = _unflatten(entity, op, record)
        if not isinstance(change["entity_id"], str) or not isinstance(change["created_at"], str):
            raise CodecError("a change without its id or time")
        ids.append(change["entity_id"])
        out.append(change)
    return doc["h"], out
