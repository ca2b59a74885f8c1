"""Every change that crosses the wire, checked before it is stored (hub) or applied (desk).

Two layers: the shape any record must have (a JSON object of bounded size and depth; text NFC and free
of control characters; times ISO 8601 with an offset, in sane years), and the rules of the entity
kinds this program knows (``ENTITY_CHECKS``: dossiers and events with the reception input's rules).
A failing check raises ``ValidationError``, whose sentence (Vietnamese and English) names the field;
the hub sends it back to the desk, which shows it on the record.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from app.core import textcheck, validation
from app.core.errors import ValidationError
from app.core.history import (
    CALENDAR_DAY,
    DIALOGUE,
    DISCLOSURE,
    DOSSIER,
    ENTITIES,
    ENTRY_FLAG,
    EVENT,
    FEEDBACK_EVENT,
    FOLLOW_UP,
    RATING,
    RECEPTION_ENTRY,
    RECEPTION_SESSION,
    SETTLEMENT,
    Entity,
)
from app.reception import wire

MAX_DEPTH = 8
MAX_NODES = 5000
MAX_STRING = 20_000
MAX_KEY = 64
MAX_INT = 2**53  # what every JSON reader keeps exactly
ENTITY_ID = re.compile(r"[0-9A-Za-z_.:-]{1,100}")
NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")


def _bad(field: str, vi: str, en: str) -> ValidationError:
    return ValidationError(vi, en, field=field)


def _is_time_key(key: str) -> bool:
    return key == "at" or key.endswith("_at") or key in ("new_due", "old_due")


def check_json(value: Any, field: str = "payload") -> None:
    """Bounded JSON whose text is clean and whose times are sane, walked without recursion."""
    stack: list[tuple[Any, str, int]] = [(value, field, 0)]
    nodes = 0
    while stack:
        item, name, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES or depth > MAX_DEPTH:
            raise _bad(field, "Bản ghi quá lớn hoặc lồng quá sâu.", "The record is too large or nested too deeply.")
        if isinstance(item, str):
            if not textcheck.is_plain(item, MAX_STRING):
                textcheck.plain_text(item, field=name, max_len=MAX_STRING)  # raises, saying why
            if _is_time_key(name):
                validation.sane_moment(item, field=name)
        elif isinstance(item, bool) or item is None:
            continue
        elif isinstance(item, int):
            if abs(item) > MAX_INT:
                raise _bad(name, f"Số trong trường “{name}” quá lớn.", f"The number in “{name}” is too large.")
        elif isinstance(item, float):
            if not math.isfinite(item) or abs(item) > MAX_INT:
                raise _bad(name, f"Số trong trường “{name}” không hợp lệ.", f"The number in “{name}” is not valid.")
        elif isinstance(item, Mapping):
            for key, child in item.items():
                if not isinstance(key, str) or not textcheck.is_plain(key, MAX_KEY):
                    raise _bad(field, "Tên trường không hợp lệ.", "A field name is not valid.")
                stack.append((child, key, depth + 1))
        elif isinstance(item, list):
            stack.extend((child, name, depth + 1) for child in item)
        else:
            raise _bad(name, f"Trường “{name}” có kiểu không hợp lệ.", f"The field “{name}” has an invalid type.")


# Fields the desk stores as a JSON list in one text column (names present, issues, documents handed in):
# the hub reads them as the desk would, so a NUL or an over-long name escaped inside one is refused too.
_JSON_TEXT = frozenset({"received_by", "attendees", "issues", "documents"})


def _texts(kind: str) -> Callable[[Mapping[str, Any]], None]:
    """The text fields of one kind, each within the limit the desk's forms apply (``textcheck.MAX_LEN``)."""
    limits = textcheck.MAX_LEN[kind]

    def check(p: Mapping[str, Any]) -> None:
        stack: list[tuple[str, Any]] = []
        for key, value in p.items():
            if key in _JSON_TEXT and isinstance(value, str):
                try:
                    value = json.loads(value)
                except ValueError:
                    raise _bad(key, f"Trường “{key}” không phải JSON.", f"The field “{key}” is not JSON.") from None
                check_json(value, key)
            stack.append((key, value))
        while stack:
            key, value = stack.pop()
            if isinstance(value, Mapping):
                stack.extend(value.items())
            elif isinstance(value, list):
                stack.extend((key, item) for item in value)
            elif isinstance(value, str) and key in limits:
                textcheck.plain_text(value, field=key, max_len=limits[key])

    return check


def _check_rating(p: Mapping[str, Any]) -> None:
    _texts("rating")(p)
    if "satisfied" in p and p["satisfied"] not in (None, 0, 1, True, False):
        raise _bad("satisfied", "Giá trị hài lòng phải là 0 hoặc 1.", "“satisfied” must be 0 or 1.")
    if not any(isinstance(p.get(k), str) for k in ("created_at", "at")):
        raise _bad("created_at", "Đánh giá thiếu thời điểm.", "The rating has no time.")


_DISCLOSURE_KINDS = ("procedure", "schedule", "other")


def _day(p: Mapping[str, Any], key: str, optional: bool) -> None:
    value = p.get(key)
    if value is None and optional:
        return
    if isinstance(value, str) and len(value) == 10:
        try:
            date.fromisoformat(value)
            return
        except ValueError:
            pass
    raise _bad(key, f"Trường “{key}” phải là một ngày YYYY-MM-DD.", f"“{key}” must be a date, YYYY-MM-DD.")


def _check_disclosure(p: Mapping[str, Any]) -> None:
    """Served to anyone without a login (the public board): only the posted words and dates."""
    validation.choice(p.get("kind"), _DISCLOSURE_KINDS, field="kind", label_vi="Loại tin", label_en="Kind")
    limits = textcheck.MAX_LEN["disclosure"]
    title = textcheck.plain_text(p.get("title"), field="title", max_len=limits["title"])
    if not title:
        raise _bad("title", "Tin công khai phải có tiêu đề.", "A posted item needs a title.")
    textcheck.plain_text(p.get("body", ""), field="body", max_len=limits["body"])
    _day(p, "posted_on", optional=False)
    _day(p, "until", optional=True)
    _day(p, "taken_down_on", optional=True)
    validation.sane_moment(p.get("updated_at"), field="updated_at")


_CALENDAR_KINDS = ("off", "work", "removed")  # app.core.local_calendar.KINDS (that module reads the desk's store)


def _check_calendar_day(p: Mapping[str, Any]) -> None:
    """A commune's own day off or worked day: judged with at the hub, so a day the calendar can hold."""
    validation.choice(p.get("kind"), _CALENDAR_KINDS, field="kind", label_vi="Loại ngày", label_en="Kind of day")
    _day(p, "day", optional=False)
    if not validation.EARLIEST <= date.fromisoformat(p["day"]) <= validation.LATEST:
        raise _bad("day", "Ngày phải trong các năm 2000–2099.", "The day must fall in the years 2000–2099.")
    textcheck.plain_text(p.get("note", ""), field="note", max_len=textcheck.MAX_LEN["calendar_day"]["note"])
    validation.sane_moment(p.get("at"), field="at")
    textcheck.plain_text(p.get("desk_id"), field="desk_id", max_len=64)


# Per kind of the registry (app.core.history): the rules of the kinds with a schema this program
# knows; every other kind, and a kind a newer desk sends, is checked for its shape only.
ENTITY_CHECKS: dict[Entity, Callable[[Any], None]] = {
    DOSSIER: wire.check_dossier,
    EVENT: wire.check_event,
    RATING: _check_rating,
    SETTLEMENT: wire.check_settlement,
    DISCLOSURE: _check_disclosure,
    RECEPTION_ENTRY: _texts("reception_entry"),
    RECEPTION_SESSION: _texts("reception_session"),
    DIALOGUE: _texts("dialogue"),
    FOLLOW_UP: _texts("follow_up"),
    ENTRY_FLAG: _texts("entry_flag"),
    FEEDBACK_EVENT: _texts("feedback_event"),
    CALENDAR_DAY: _check_calendar_day,
}


def check_change(entity: Any, entity_id: Any, op: Any, payload: Any, created_at: Any) -> None:
    """Raises ValidationError naming what is wrong with one change; returns None when it may be stored."""
    if not isinstance(entity, str) or not NAME.fullmatch(entity):
        raise _bad("entity", "Loại bản ghi không hợp lệ.", "The record's kind is not valid.")
    if not isinstance(op, str) or op not in ("create", "update"):
        raise _bad("op", "Thao tác trên bản ghi không hợp lệ.", "The record's operation is not valid.")
    if not isinstance(entity_id, str) or not ENTITY_ID.fullmatch(entity_id):
        raise _bad("entity_id", "Mã định danh bản ghi không hợp lệ.", "The record's identifier is not valid.")
    validation.sane_moment(created_at, field="created_at")
    if not isinstance(payload, Mapping):
        raise _bad("payload", "Bản ghi phải là một đối tượng JSON.", "The record must be a JSON object.")
    if "id" in payload and payload["id"] != entity_id:
        raise _bad("id", "Mã định danh trong bản ghi không khớp.", "The identifier inside the record does not match.")
    check_json(payload)
    known = ENTITIES.get(entity)
    check = ENTITY_CHECKS.get(known) if known is not None else None
    if check is not None:
        check(payload)
