"""PROVISIONAL — to be deleted when app/reception/timeliness.py (issue 12, THE on-time function) is on main.

The engine takes the on-time decision as a parameter (``engine.compute(..., judge=...)``); until the
shared function lands, this stand-in follows the same signature and the same reading of Decision 766
indicator 2.1 ('Mô tả công thức tính chỉ số 766'): the end is the first of result ready, returned,
stopped, refused, withdrawn; a dossier waiting for a supplement requested once ends at the request;
more than one request makes it late; the citizen's supplement time is subtracted from the end; the
end is compared with the date promised on the receipt; no end yet: judged at ``as_of``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.core.worktime import VN_TZ, LegalTime, WorkCalendar
from app.reception.records import DossierEvent

END_EVENTS = ("done", "returned", "stopped", "refused", "withdrawn")
MAX_SUPPLEMENT_REQUESTS = 1


@dataclass(frozen=True)
class ProvisionalTimeliness:
    verdict: str  # early | on_time | late
    promised: datetime
    end: datetime
    ended: bool
    end_event: str | None
    end_event_id: str | None


def judge(
    events: Sequence[DossierEvent], received_at: datetime, legal: LegalTime, calendar: WorkCalendar, as_of: datetime
) -> ProvisionalTimeliness:
    promised = calendar.due(received_at, legal)
    requests = 0
    pending: DossierEvent | None = None
    supplement = timedelta()
    end: DossierEvent | None = None
    for event in sorted((e for e in events if e.at <= as_of), key=lambda e: (e.at, e.id)):
        if event.kind == "supplement_requested":
            requests += 1
            pending = pending or event
        elif event.kind == "supplement_received" and pending is not None:
            supplement += event.at - pending.at
            pending = None
        elif event.kind in END_EVENTS:
            end = event
            break
    if pending is not None:
        end = pending
    moment = (end.at if end else as_of) - supplement
    if requests > MAX_SUPPLEMENT_REQUESTS or moment > promised:
        verdict = "late"
    elif end is not None and moment.astimezone(VN_TZ).date() < promised.astimezone(VN_TZ).date():
        verdict = "early"
    else:
        verdict = "on_time"
    return ProvisionalTimeliness(
        verdict, promised, moment, end is not None, end.kind if end else None, end.id if end else None
    )
