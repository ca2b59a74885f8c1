"""Form templates (resources/forms/*.json) and the words dates are written in.

Each template is one edition of a form, dated: ``applies_from`` (the first day it is used for a dossier
received that day), ``source`` (the legal text it follows) and, when it superseded an older edition,
``replaces`` (that edition's file name). ``template(name, on=day)`` follows the chain back to the edition in
force on that day, so a reprint of a dossier received under Circular 01/2018 keeps the 2018 form.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from app.core import paths
from app.core.errors import MotcuaError
from app.core.text import nfc
from app.core.worktime import VN_TZ


class TemplateError(MotcuaError):
    """A form template in resources/forms is missing or names a field the program does not know."""


@cache
def _edition(name: str) -> dict[str, Any]:
    """resources/forms/<name>.json, parsed once; texts NFC."""
    path = paths.resource("forms", f"{name}.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError) as exc:
        raise TemplateError(
            f"Không đọc được mẫu in {path.name}.", f"Cannot read the form template {path.name}.", field="template"
        ) from exc
    return _nfc_tree(data)


def template(name: str, on: date | datetime | None = None) -> dict[str, Any]:
    """The edition of form ``name`` in force on ``on`` (the newest edition when None)."""
    found = _edition(name)
    if on is None:
        return found
    day = local(on).date() if isinstance(on, datetime) else on
    while "replaces" in found and date.fromisoformat(found["applies_from"]) > day:
        found = _edition(found["replaces"])
    return found


def common_for(form: Mapping[str, Any]) -> dict[str, Any]:
    """The shared wording (motto, agency unit, dates) of the same edition as ``form``."""
    return _edition(form.get("common", "common"))


def _nfc_tree(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc_tree(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc_tree(v) for k, v in value.items()}
    return value


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        raise TemplateError(
            f"Mẫu in dùng trường không có: {{{key}}}.",
            f"A form template uses an unknown field: {{{key}}}.",
            field="template",
        )


def fields(values: Mapping[str, object]) -> Mapping[str, str]:
    """``values`` escaped (NFC) once, for a form that fills many template lines from the same values."""
    return values if isinstance(values, _Fields) else _Fields({k: esc(v) for k, v in values.items()})


def fill(text: str, values: Mapping[str, object]) -> str:
    """Template markup with {placeholders} replaced by escaped NFC values (escaped once: see ``fields``);
    an unknown placeholder raises TemplateError (``_Fields.__missing__``)."""
    return text.format_map(fields(values))


# The administrative unit words: capitalised in a name's own first word ("Xã Tân Thành"), lower-case when they
# follow another word in running text ("UBND xã Tân Thành", "Sở Tư pháp tỉnh Đồng Tháp"), as Vietnamese
# administrative writing has them; the letterhead writes the whole name in capitals and keeps its own.
_UNIT_WORD = re.compile(r"(?<=\S )(Xã|Phường|Thị trấn|Đặc khu|Tỉnh|Thành phố|Huyện|Quận|Thị xã)(?= )")


def in_running_text(name: str) -> str:
    """An agency's name as it reads mid-sentence: "UBND Xã Tân Thành" → "UBND xã Tân Thành"."""
    return _UNIT_WORD.sub(lambda m: m.group(1).lower(), nfc(name))


def esc(value: object) -> str:
    return escape(nfc(str(value)))


# dates in the words the forms use


def local(moment: datetime) -> datetime:
    return moment.astimezone(VN_TZ) if moment.tzinfo else moment


def date_words(moment: datetime | date, *, capital: bool = False) -> str:
    """ "ngày 05 tháng 8 năm 2026": Decree 30/2020 writes a leading zero for days 1–9 and months 1–2 only."""
    m = local(moment) if isinstance(moment, datetime) else moment
    month = f"{m.month:02d}" if m.month < 3 else str(m.month)
    words = fill(template("common")["date"], {"d": f"{m.day:02d}", "m": month, "y": m.year})
    return words[:1].upper() + words[1:] if capital else words


def time_words(moment: datetime) -> str:
    """ "09 giờ 00 phút, Thứ Năm, ngày 12 tháng 02 năm 2026" (per the common template); see ``date_words``."""
    m = local(moment)
    common = template("common")
    return common["time"].format_map(
        _Fields(
            {
                "hh": f"{m.hour:02d}",
                "mm": f"{m.minute:02d}",
                "weekday": common["weekdays"][m.weekday()],
                "date": date_words(m),
            }
        ),
    )


def short_time(moment: datetime) -> str:
    return f"{local(moment):%H:%M %d/%m/%Y}"
