"""Indicator 2.1 (Decision 766) on worked examples: the one judgement every part of the product uses."""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path

import pytest

from app.core.worktime import VN_TZ, LegalTime, WorkCalendar
from app.reception.records import DossierEvent
from app.reception.rules import derive
from app.reception.timeliness import judge, load_rules, verdict_of

CAL = WorkCalendar.default()
FIVE = LegalTime.parse("5")
THREE = LegalTime.parse("3")


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=VN_TZ)


def history(*steps: tuple[str, datetime] | tuple[str, datetime, dict]) -> tuple[DossierEvent, ...]:
    return tuple(
        DossierEvent(f"e{i:02d}", "d", step[0], step[1], "c", "k", step[2] if len(step) > 2 else {})
        for i, step in enumerate(steps)
    )


RECEIVED = at(3, 2)  # Mon 2 March 2026 09:00; five working days: due Mon 9 March 09:00
PERIOD_END = at(3, 31, 23, 59)


def test_one_supplement_subtracts_the_citizens_time_and_compares_with_the_receipts_date():
    events = history(
        ("received", RECEIVED),
        ("forwarded", at(3, 2, 10)),
        ("supplement_requested", at(3, 3, 10)),
        ("supplement_received", at(3, 6, 10)),  # the citizen took 72 hours
        ("done", at(3, 12, 14)),
        ("returned", at(3, 13, 9)),
    )
    # The law restarts the clock when the supplement arrives: the printed date is Fri 13 March 10:00 …
    assert derive(events, RECEIVED, FIVE, CAL).due_at == at(3, 13, 10)
    result = judge(events, RECEIVED, FIVE, CAL, PERIOD_END)
    # … but the portal takes 72 hours off the end (12 March 14:00 → 9 March 14:00) and compares it
    # with the date first promised, 9 March 09:00: late.
    assert result.promised == at(3, 9)
    assert result.end == at(3, 9, 14) and result.end_event == "done" and result.ended
    assert (result.verdict, result.supplement_requests, result.supplement_time_seconds) == ("late", 1, 72 * 3600)
    # Ready on Tuesday 10 March 09:00 instead: 7 March counted, early.
    early = judge(events[:4] + history(("done", at(3, 10))), RECEIVED, FIVE, CAL, PERIOD_END)
    assert (early.end, early.verdict) == (at(3, 7), "early")


def test_a_dossier_waiting_on_its_one_supplement_ends_at_the_request():
    events = history(("received", RECEIVED), ("supplement_requested", at(3, 3, 10)))
    result = judge(events, RECEIVED, FIVE, CAL, PERIOD_END)
    assert (result.ended, result.end, result.end_event, result.verdict) == (
        True,
        at(3, 3, 10),
        "supplement_requested",
        "early",
    )
    # Refused later because the citizen never came back: still judged at the request.
    refused = events + history(("refused", at(3, 25), {"reason": "Không bổ sung."}))
    assert judge(refused, RECEIVED, FIVE, CAL, PERIOD_END).end == at(3, 3, 10)


def test_a_second_supplement_request_makes_it_late_however_early_the_result():
    events = history(
        ("received", RECEIVED),
        ("supplement_requested", at(3, 2, 10)),
        ("supplement_received", at(3, 2, 14)),
        ("supplement_requested", at(3, 3, 9)),
        ("supplement_received", at(3, 3, 10)),
        ("done", at(3, 4)),
    )
    result = judge(events, RECEIVED, FIVE, CAL, PERIOD_END)
    assert (result.supplement_requests, result.verdict) == (2, "late")
    assert verdict_of(events, RECEIVED, "5", CAL) == "late"


def test_a_supplement_spanning_tet_is_counted_in_calendar_time():
    received = at(2, 12)  # Thu 12 Feb 2026; three working days: Fri 13, (Tết 16–20), Mon 23, Tue 24
    events = history(
        ("received", received),
        ("supplement_requested", at(2, 13, 10)),
        ("supplement_received", at(2, 23, 10)),  # ten calendar days, Tết inside
        ("done", at(2, 25, 15)),
    )
    # The printed date restarts from the supplement: three working days from Mon 23 → Thu 26 Feb 10:00.
    assert derive(events, received, THREE, CAL).due_at == at(2, 26, 10)
    result = judge(events, received, THREE, CAL, PERIOD_END)
    assert result.promised == at(2, 24)
    # 25 Feb 15:00 minus ten days is 15 Feb 15:00: before the promised Tuesday, so early.
    assert (result.end, result.verdict) == (at(2, 15, 15), "early")


def test_a_dossier_not_ended_is_judged_at_the_end_of_the_period():
    events = history(("received", RECEIVED), ("forwarded", at(3, 2, 10)))
    within = judge(events, RECEIVED, FIVE, CAL, at(3, 6, 17))
    assert (within.ended, within.end, within.verdict, within.on_time) == (False, at(3, 6, 17), "on_time", True)
    past = judge(events, RECEIVED, FIVE, CAL, PERIOD_END)
    assert (past.ended, past.verdict) == (False, "late")
    assert verdict_of(events, RECEIVED, "5", CAL) is None
    # A report for an earlier period does not see what happened after it.
    done_later = events + history(("done", at(3, 20)))
    assert judge(done_later, RECEIVED, FIVE, CAL, at(3, 6, 17)).ended is False


def test_an_apology_is_reported_beside_the_verdict_and_does_not_make_it_on_time():
    events = history(
        ("received", RECEIVED),
        ("apology_issued", at(3, 5, 10), {"reason": "Cần xác minh.", "new_due": "2026-03-12T09:00:00+07:00"}),
        ("done", at(3, 11, 15)),
    )
    result = judge(events, RECEIVED, FIVE, CAL, PERIOD_END)
    assert (result.verdict, result.promised, result.apology_due) == ("late", at(3, 9), at(3, 12))
    # The choice is dated configuration: a later rule that reads the new date would count it early.
    reads_new_date = {
        "effective_from": "2026-03-01",
        "end_events": ["done", "returned", "stopped", "refused", "withdrawn"],
        "max_supplement_requests": 1,
        "subtract_supplement_time": True,
        "apology_moves_promise": True,
        "source": "test",
    }
    custom = [*load_rules(), *load_rules([reads_new_date])]
    assert judge(events, RECEIVED, FIVE, CAL, PERIOD_END, rules=custom).verdict == "early"
    # Dossiers received before it keep the shipped rule.
    assert judge(events, at(2, 27), FIVE, CAL, PERIOD_END, rules=custom).verdict == "late"


@pytest.mark.parametrize("kind", ["refused", "withdrawn", "stopped", "returned"])
def test_every_end_event_ends_the_dossier(kind):
    events = history(("received", RECEIVED), (kind, at(3, 4), {"reason": "x"}))
    result = judge(events, RECEIVED, FIVE, CAL, PERIOD_END)
    assert (result.ended, result.end_event, result.verdict) == (True, kind, "early")


def test_result_ready_on_the_due_day_is_on_time_and_a_minute_after_is_late():
    on_day = history(("received", RECEIVED), ("done", at(3, 9, 8, 30)), ("returned", at(3, 20)))
    assert verdict_of(on_day, RECEIVED, "5", CAL) == "on_time"  # a late pick-up is not the office's
    after = history(("received", RECEIVED), ("done", at(3, 9, 9, 1)))
    assert verdict_of(after, RECEIVED, "5", CAL) == "late"


def test_one_function_decides_on_time_everywhere():
    """No other module compares a result with a due date: the printing, the hub and the register call this one."""
    root = Path(__file__).resolve().parents[3]
    users, clash_rule = [], []
    for path in (root / "app").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in ("outcome", "_timeliness"):
                pytest.fail(f"{path} still defines its own {node.name}")
            if isinstance(node, ast.ImportFrom) and node.module == "app.reception.timeliness":
                users.append(path.relative_to(root).as_posix())
            if isinstance(node, ast.ImportFrom) and node.module == "app.reception.rules":
                if any(alias.name == "counted" for alias in node.names):
                    clash_rule.append(path.relative_to(root).as_posix())
    assert {"app/province/ingest.py", "app/reception/service.py"} <= set(users)
    # The tracking sheet asks the dossier service, which applies the clash rule the hub applies.
    assert "self.dossiers.timeliness(dossier)" in (root / "app/printing/service.py").read_text(encoding="utf-8")
    assert set(clash_rule) == {
        "app/province/ingest.py",
        "app/province/scorecard_counters.py",
        "app/province/scorecard_fast.py",
        "app/province/scorecard_records.py",
        "app/reception/service.py",
        "app/scorecard/desk_counters.py",
        "app/scorecard/desk_source.py",
    }
