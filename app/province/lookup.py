"""The public status page a citizen's phone opens from the receipt's QR: ``/tra-cuu/<payload>``.

The signature is checked against the desk's enrolled key before anything is shown, and the page
shows only what the receipt already says in public: the code, the procedure, the status and the due
date. No name, no CCCD, no login (Personal Data Protection Law 91/2025: the least data needed).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape

from app.core import keys
from app.core.clock import parse_iso
from app.core.errors import MotcuaError
from app.core.records import label
from app.core.worktime import VN_TZ, LegalTime, WorkCalendar
from app.printing import qr
from app.reception.apology import weekday_words
from app.reception.records import STATUSES, DossierEvent
from app.reception.rules import derive
from db.hub.store import HubStore

MAX_PAYLOAD = 400


@dataclass(frozen=True)
class Lookup:
    status_code: int  # HTTP status of the page
    title: str
    lines: tuple[tuple[str, str], ...] = ()
    note: str = ""


def look_up(hub: HubStore, payload: str, calendar_of: Callable[[str], WorkCalendar]) -> Lookup:
    """``calendar_of``: a commune's calendar (its own days off count, as at its desks)."""
    if len(payload) > MAX_PAYLOAD:
        return Lookup(404, "Không đọc được mã trên giấy tiếp nhận.")
    try:
        decoded = qr.decode(payload)
    except qr.MalformedPayload:
        return Lookup(404, "Không đọc được mã trên giấy tiếp nhận.")
    claim = decoded.claim
    desk = next((d for d in hub.desks(claim.commune_code) if d["desk_no"] == claim.desk_no), None)
    if desk is None:
        return Lookup(404, "Không tìm thấy quầy đã cấp giấy tiếp nhận này.")
    if not keys.verify(desk["public_key"], claim.message(), decoded.signature):
        return Lookup(400, "Giấy tiếp nhận không hợp lệ: chữ ký không khớp.")
    found = hub.dossier_for_lookup(claim.commune_code, claim.code)
    if found is None:
        return Lookup(
            200,
            "Hồ sơ chưa được đồng bộ lên tỉnh.",
            (("Mã hồ sơ", claim.code), ("Hẹn trả", weekday_words(claim.due))),
            "Giấy tiếp nhận hợp lệ. Vui lòng xem lại sau hoặc liên hệ nơi nộp hồ sơ.",
        )
    row, event_rows = found
    procedure = row["procedure_code"]
    try:
        procedure = json.loads(row["payload"] or "{}").get("procedure_name") or procedure
        events = tuple(
            DossierEvent(e["id"], row["id"], e["kind"], parse_iso(e["at"]), "", e["desk_id"], json.loads(e["data"]))
            for e in event_rows
        )
        keep = hub.settlement_keeps([row["id"]]).get(row["id"])
        calendar = calendar_of(claim.commune_code)
        derived = derive(events, parse_iso(row["received_at"]), LegalTime.parse(row["legal_time"]), calendar, keep)
        status, due = derived.status, derived.due_at
    except (KeyError, TypeError, ValueError, MotcuaError):
        status, due = row["status"], claim.due
    return Lookup(
        200,
        "Tình trạng hồ sơ",
        (
            ("Mã hồ sơ", row["code"]),
            ("Thủ tục", str(procedure)),
            ("Tình trạng", label(STATUSES, status)),
            ("Hẹn trả", weekday_words(due)),
        ),
        "Giấy tiếp nhận hợp lệ (đã kiểm tra chữ ký).",
    )


def page(result: Lookup, now: datetime | None = None) -> str:
    """A small page that reads well on a phone: one column, large type, no script."""
    now = now or datetime.now(VN_TZ)
    rows = "\n".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in result.lines)
    note = f'<p class="note">{escape(result.note)}</p>' if result.note else ""
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{escape(result.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<style>
body {{ font-family: "Liberation Serif", "Times New Roman", serif; margin: 0; color: #1d2733; background: #f5f7fa; }}
main {{ max-width: 32rem; margin: 0 auto; padding: 1.25rem; }}
h1 {{ font-size: 1.5rem; margin: .5rem 0 1rem; }}
dl {{ background: #fff; border: 1px solid #c9d1da; border-radius: .5rem; padding: .75rem 1rem; margin: 0; }}
dt {{ font-size: .95rem; color: #566372; margin-top: .6rem; }}
dd {{ font-size: 1.25rem; margin: .1rem 0 0; overflow-wrap: anywhere; }}
.note {{ color: #1e7b34; font-size: 1rem; }}
footer {{ color: #566372; font-size: .85rem; margin-top: 1.5rem; }}
</style></head><body><main>
<h1>{escape(result.title)}</h1>
{f"<dl>{rows}</dl>" if rows else ""}
{note}
<footer>Bộ phận Một cửa — tra cứu lúc {now.astimezone(VN_TZ):%H:%M %d/%m/%Y}</footer>
</main></body></html>
"""
