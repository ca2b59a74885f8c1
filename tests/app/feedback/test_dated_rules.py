"""Dated rules for what moved: complaint acceptance (Decree 155/2026) and portal feedback (Decision 766, 5.2)."""

from __future__ import annotations

from datetime import date

from app.core.worktime import WorkCalendar
from app.feedback import portal
from app.feedback.rules import deadlines, load_rules, rule_for

CAL = WorkCalendar.default()


def test_complaint_acceptance_is_7_working_days_from_1_july_2026() -> None:
    rules = load_rules()
    before = rule_for(rules, "complaint", date(2026, 6, 30))
    after = rule_for(rules, "complaint", date(2026, 7, 1))
    assert (before.accept_days, before.accept_unit) == (10, "calendar")
    assert (after.accept_days, after.accept_unit) == (7, "working")
    assert "Decree 155/2026" in after.source
    # Tue 30 June 2026: 10 days → Fri 10 July. Wed 1 July: 7 working days → Fri 10 July too;
    # Thu 2 July: 7 working days (3, 6, 7, 8, 9, 10, 13) → Mon 13 July, where 10 days give Sun 12 → Mon 13.
    assert deadlines(before, CAL, date(2026, 6, 30)).accept == date(2026, 7, 10)
    assert deadlines(after, CAL, date(2026, 7, 1)).accept == date(2026, 7, 10)
    assert deadlines(after, CAL, date(2026, 7, 2)).accept == date(2026, 7, 13)
    # Over a weekend and 2 September the two rules differ: Mon 31 Aug 2026.
    assert deadlines(after, CAL, date(2026, 8, 31)).accept > date(2026, 9, 10)


def test_portal_feedback_deadlines_beside_decree_20() -> None:
    (rule,) = portal.default_rules()
    assert (rule.refuse_days, rule.request_more_days, rule.handle_days, rule.publish_days) == (2, 5, 15, 2)
    assert "indicator 5.2" in rule.source
    assert rule_for(load_rules(), "feedback", date(2026, 3, 2)).source.startswith("Decree 20/2008")
    due = portal.deadlines(CAL, date(2026, 3, 2))  # Monday
    assert (due.refuse, due.request_more, due.handle) == (date(2026, 3, 4), date(2026, 3, 9), date(2026, 3, 23))


def test_portal_feedback_on_time_per_step() -> None:
    monday = date(2026, 3, 2)
    assert portal.on_time(CAL, monday, date(2026, 3, 31), refused=date(2026, 3, 4))
    assert not portal.on_time(CAL, monday, date(2026, 3, 31), refused=date(2026, 3, 5))
    assert not portal.on_time(
        CAL, monday, date(2026, 3, 31), first_request=date(2026, 3, 10), handled=date(2026, 3, 12)
    )
    handled = date(2026, 3, 20)
    assert portal.on_time(CAL, monday, date(2026, 3, 31), handled=handled, published=date(2026, 3, 24))
    assert not portal.on_time(CAL, monday, date(2026, 3, 31), handled=handled, published=date(2026, 3, 25))
    assert portal.on_time(CAL, monday, date(2026, 3, 23))  # running, within 15 working days
    assert not portal.on_time(CAL, monday, date(2026, 3, 24))


def test_portal_figures_from_the_register(desk, admin, clock) -> None:
    """Online feedback judged by the portal's 15 working days, beside Decree 20/2008's own limit."""
    from datetime import datetime

    from app.core.worktime import VN_TZ

    def add(received: datetime, channel: str = "online"):
        return desk.feedback.add(
            {
                "kind": "feedback",
                "channel": channel,
                "person": {"name": "Phạm Thị Khiếu", "address": "Ấp 2", "contact": "0912345678"},
                "content": "Phản ánh qua Cổng",
                "received_at": received.isoformat(),
            },
            admin,
        )

    early = add(datetime(2026, 1, 5, 9, 0, tzinfo=VN_TZ))  # portal limit: 15 working days → 26 Jan
    slow = add(datetime(2026, 1, 6, 9, 0, tzinfo=VN_TZ))
    add(datetime(2026, 2, 10, 9, 0, tzinfo=VN_TZ))  # running, within 15 working days on 12 Feb
    add(datetime(2026, 1, 7, 9, 0, tzinfo=VN_TZ), channel="in_person")  # not from the portal
    desk.feedback.answer(early.id, admin, "Đã trả lời", at=datetime(2026, 1, 16, 9, 0, tzinfo=VN_TZ))
    # 10 working days (Decree 20/2008 default) missed, but within the portal's 15.
    desk.feedback.answer(slow.id, admin, "Đã trả lời", at=datetime(2026, 1, 26, 9, 0, tzinfo=VN_TZ))
    entries = desk.feedback.list(kinds=["feedback"])
    fig = portal.figures(entries, CAL, date(2026, 2, 12))
    assert (fig.total, fig.on_time) == (3, 3)
    assert desk.feedback.handling_figures(date(2026, 1, 1), date(2026, 1, 31)).late == 1
