"""The desk hands out services; each reaches the calendar one way, through ``Desk.current_calendar``."""

from __future__ import annotations

from datetime import date, datetime

from app.core.worktime import VN_TZ, LegalTime
from tests.conftest import dossier_input


def test_a_local_day_off_moves_every_services_deadline_at_once(desk, admin) -> None:
    dossiers, printing = desk.dossiers, desk.printing  # built before the override: not rebuilt after it
    received = datetime(2026, 2, 12, 9, 0, tzinfo=VN_TZ)
    before = dossiers.calendar.due(received, LegalTime.parse(dossiers.procedure("HT04").legal_time))
    desk.set_calendar_override(date(2026, 2, 13), "off", "Nghỉ bù địa phương")
    assert desk.dossiers is dossiers
    after = dossiers.calendar.due(received, LegalTime.parse(dossiers.procedure("HT04").legal_time))
    assert after > before
    assert printing.calendar is dossiers.calendar is desk.feedback.calendar is desk.calendar
    assert dossiers.receive(dossier_input(), admin).due_at == after
