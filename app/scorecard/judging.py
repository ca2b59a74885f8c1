"""The on-time function the desk's reports, its counters and the hub's reports share: issue 12's
judgement of Decision 766 indicator 2.1 (app.reception.timeliness), the one the register and the
tracking sheet show."""

from __future__ import annotations

from app.reception.timeliness import judge
from app.scorecard.engine import Judge

JUDGE: Judge = judge
