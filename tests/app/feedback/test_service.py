"""Feedback registers: dated deadline rules on real 2025–2026 dates, transitions, forwarding, figures."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date, datetime

import pytest

from app.core.errors import InvalidTransition, NotFound, ValidationError
from app.core.worktime import VN_TZ, WorkCalendar
from app.feedback.rules import deadlines, load_rules, rule_for
from app.feedback.service import FeedbackService


def at(y: int, m: int, d: int, hh: int = 9, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=VN_TZ)


@pytest.fixture
def cal() -> WorkCalendar:
    return WorkCalendar.default()


@pytest.fixture
def rules():
    return load_rules()


def add(desk, admin, kind: str, received: datetime, **extra):
    data = {
        "kind": kind,
        "channel": "in_person",
        "person": {"name": "Phạm Thị Khiếu", "address": "Ấp 2", "contact": "0912345678"},
        "content": "Nội dung thử",
        "received_at": received.isoformat(),
        **extra,
    }
    return desk.feedback.add(data, admin)


# Deadlines of each kind, real dates


def test_complaint_calendar_days_example_from_domain(cal, rules):
    rule = rule_for(rules, "complaint", date(2026, 1, 29))
    d = deadlines(rule, cal, date(2026, 1, 29), accepted=date(2026, 1, 29))
    assert d.accept == date(2026, 2, 9)  # 10 calendar days: Sun 8 Feb moves to Mon 9 Feb
    assert d.resolve == date(2026, 3, 2)  # 30 calendar days: Sat 28 Feb moves to Mon 2 Mar
    assert d.forward == date(2026, 2, 5)  # 5 working days


def test_complaint_acceptance_landing_in_tet_2026_moves_after_tet(cal, rules):
    rule = rule_for(rules, "complaint", date(2026, 2, 6))
    d = deadlines(rule, cal, date(2026, 2, 6))
    assert d.accept == date(2026, 2, 23)  # Mon 16 Feb is Tết; Tết runs to Fri 20, then the weekend
    assert d.resolve is None  # counts from acceptance
    assert d.forward == date(2026, 2, 13)  # 9, 10, 11, 12, 13 Feb


def test_complex_complaint_45_days(cal, rules):
    rule = rule_for(rules, "complaint", date(2026, 1, 29))
    assert deadlines(rule, cal, date(2026, 1, 29), date(2026, 1, 29), complex_case=True).resolve == date(2026, 3, 16)


def test_denunciation_working_days_around_tet_2026(cal, rules):
    rule = rule_for(rules, "denunciation", date(2026, 2, 12))
    d = deadlines(rule, cal, date(2026, 2, 12))
    # 13 Feb, then Tết (16–20) and two weekends: 23, 24, 25, 26, 27 Feb, 2 Mar.
    assert d.accept == date(2026, 3, 2)
    assert d.forward == date(2026, 2, 26)


def test_denunciation_around_national_day_2025(cal, rules):
    rule = rule_for(rules, "denunciation", date(2025, 8, 28))
    d = deadlines(rule, cal, date(2025, 8, 28), accepted=date(2025, 9, 3))
    assert d.accept == date(2025, 9, 10)  # 29 Aug, then 1–2 Sep off: 3, 4, 5, 8, 9, 10
    assert d.resolve == date(2025, 10, 3)


def test_feedback_counts_the_worked_saturday_of_april_2025(cal, rules):
    rule = rule_for(rules, "feedback", date(2025, 4, 24))
    d = deadlines(rule, cal, date(2025, 4, 24))
    assert d.forward == date(2025, 5, 5)  # 25, Sat 26 (worked), 28, 29, then 30/4–4/5 off, Mon 5 May
    assert d.resolve == date(2025, 5, 12)  # … 5, 6, 7, 8, 9, 12 May
    assert d.accept is None


def test_reception_reply_across_new_year_2026(cal, rules):
    rule = rule_for(rules, "reception", date(2025, 12, 30))
    assert deadlines(rule, cal, date(2025, 12, 30)).resolve == date(2026, 1, 14)


def test_a_new_dated_rule_applies_from_its_date_only(desk, admin):
    base = json.loads(desk_rules_path().read_text(encoding="utf-8"))["rules"]
    shorter = dict(
        next(r for r in base if r["kind"] == "complaint"),
        effective_from="2025-07-01",
        accept_days=5,
        accept_unit="working",
    )
    desk.feedback.rules = load_rules([*base, shorter])
    before = add(desk, admin, "complaint", at(2025, 6, 30))
    after = add(desk, admin, "complaint", at(2025, 7, 1))
    assert (before.rule_from, before.accept_due) == ("2012-07-01", date(2025, 7, 10))
    assert (after.rule_from, after.accept_due) == ("2025-07-01", date(2025, 7, 8))


def desk_rules_path():
    from app.core import paths

    return paths.resource("feedback_rules.json")


def test_shipped_rules_cover_every_kind_and_flag_unchecked_values(rules):
    assert {r.kind for r in rules} == {"feedback", "complaint", "denunciation", "reception"}
    assert all(r.check and r.source for r in rules)


def test_bad_rule_is_refused():
    with pytest.raises(ValidationError):
        load_rules(
            [
                {
                    "kind": "complaint",
                    "effective_from": "2012-07-01",
                    "forward_days": 5,
                    "resolve_days": 30,
                    "resolve_unit": "fortnights",
                }
            ]
        )


# Entries


def test_add_gives_numbers_deadlines_and_outbox_records(desk, admin):
    first = add(desk, admin, "complaint", at(2026, 1, 29), category="Đất đai")
    second = add(desk, admin, "complaint", at(2026, 2, 2))
    other = add(desk, admin, "feedback", at(2026, 2, 2))
    assert (first.number, second.number, other.number) == ("KN-26-1001", "KN-26-1002", "PA-26-1001")
    assert first.accept_due == date(2026, 2, 9) and first.due == date(2026, 2, 9)
    assert first.person_name == "Phạm Thị Khiếu" and first.status == "received"
    entities = [(o["entity"], o["op"]) for o in desk.store.outbox()]
    assert entities.count(("feedback", "create")) == 3 and entities.count(("feedback_event", "create")) == 3
    payload = json.loads(next(o for o in desk.store.outbox() if o["entity"] == "feedback")["payload"])
    assert payload["number"] == "KN-26-1001" and "search_text" not in payload


def test_add_validates(desk, admin):
    with pytest.raises(ValidationError) as e:
        desk.feedback.add({"kind": "complaint", "content": "x"}, admin)
    assert e.value.field == "name"
    with pytest.raises(ValidationError):
        desk.feedback.add({"kind": "rumour", "content": "x"}, admin)
    with pytest.raises(ValidationError):
        desk.feedback.add({"kind": "feedback", "content": "x", "colour": "red"}, admin)
    with pytest.raises(ValidationError):
        desk.feedback.add({"kind": "feedback", "content": "  "}, admin)
    with pytest.raises(ValidationError):
        desk.feedback.add({"kind": "feedback", "content": "x", "received_at": "2026-03-01T09:00"}, admin)
    with pytest.raises(NotFound):
        desk.feedback.add({"kind": "feedback", "content": "x", "dossier": "87001-260212-9999"}, admin)


def test_anonymous_feedback_and_linked_dossier(desk, admin, sample_input):
    dossier = desk.dossiers.receive(sample_input, admin)
    entry = desk.feedback.add(
        {
            "kind": "feedback",
            "channel": "mailbox",
            "content": "Chờ lâu quá",
            "dossier": dossier.code,
            "assigned_to": "admin",
        },
        admin,
    )
    assert entry.person_name == "" and entry.dossier_code == dossier.code and entry.assigned_to == admin.id
    assert [e.number for e in desk.feedback.list(query="cho lau")] == [entry.number]


def test_transitions_and_events(desk, admin, clock):
    entry = add(desk, admin, "complaint", at(2026, 1, 29))
    entry = desk.feedback.accept(entry.id, admin, at=at(2026, 2, 2))
    assert entry.status == "accepted" and entry.resolve_due == date(2026, 3, 4)
    entry = desk.feedback.start_processing(entry.id, admin)
    entry = desk.feedback.answer(entry.id, admin, "Đã giải quyết theo quy định.")
    assert entry.status == "answered" and entry.answered_at == clock.now()
    with pytest.raises(InvalidTransition):
        desk.feedback.accept(entry.id, admin)
    entry = desk.feedback.close(entry.id, admin, reason="Công dân đồng ý")
    with pytest.raises(InvalidTransition):
        desk.feedback.answer(entry.id, admin, "lần nữa")
    kinds = [e.kind for e in desk.feedback.events(entry.id)]
    assert kinds == ["received", "accepted", "processing", "answered", "closed"]
    with pytest.raises(sqlite3.IntegrityError):
        desk.store.conn.execute("UPDATE feedback_events SET kind = 'closed'")
    with pytest.raises(sqlite3.IntegrityError):
        desk.store.conn.execute("DELETE FROM feedback_events")


def test_action_time_must_lie_between_receipt_and_now(desk, admin):
    entry = add(desk, admin, "complaint", at(2026, 2, 2))
    with pytest.raises(ValidationError):
        desk.feedback.accept(entry.id, admin, at=at(2026, 1, 30))
    with pytest.raises(ValidationError):
        desk.feedback.accept(entry.id, admin, at=at(2026, 2, 20))


def test_forwarding_within_five_working_days(desk, admin):
    on_time = add(desk, admin, "feedback", at(2026, 2, 5))  # forward limit: 6, 9, 10, 11, 12 Feb
    late = add(desk, admin, "feedback", at(2026, 2, 4))  # limit 11 Feb
    assert on_time.forward_due == date(2026, 2, 12)
    on_time = desk.feedback.forward(on_time.id, admin, "UBND tỉnh Đồng Tháp")
    late = desk.feedback.forward(late.id, admin, "Công an xã")
    assert on_time.status == "forwarded" and on_time.forwarded_to == "UBND tỉnh Đồng Tháp"
    assert on_time.handled_on_time is True and late.handled_on_time is False


def test_urgency_overdue_and_due_soon(desk, admin, clock):
    overdue = add(desk, admin, "denunciation", at(2026, 1, 20))  # accept due 29 Jan
    soon = add(desk, admin, "complaint", at(2026, 2, 4))  # accept due 14 Feb (Sat) -> 23 Feb
    fresh = add(desk, admin, "feedback", at(2026, 2, 12))
    assert overdue.accept_due == date(2026, 1, 29)
    assert [desk.feedback.urgency(e) for e in (overdue, soon, fresh)] == ["overdue", "due_soon", "open"]
    answered = desk.feedback.answer(overdue.id, admin, "Trả lời")
    assert desk.feedback.urgency(answered) == "done"
    assert {e.number for e in desk.feedback.list(urgent_only=True)} == {soon.number}


def test_share_answered_on_time(desk, admin, clock):
    a = add(desk, admin, "feedback", at(2026, 1, 5))  # resolve due 19 Jan
    b = add(desk, admin, "feedback", at(2026, 1, 6))
    c = add(desk, admin, "feedback", at(2026, 1, 7))  # left open, overdue by 12 Feb
    add(desk, admin, "feedback", at(2026, 2, 11))  # open, not yet due: not judged
    desk.feedback.answer(a.id, admin, "Đúng hạn", at=at(2026, 1, 16))
    desk.feedback.answer(b.id, admin, "Trễ hạn", at=at(2026, 2, 3))
    fig = desk.feedback.handling_figures(date(2026, 1, 1), date(2026, 2, 28))
    assert (fig.total, fig.on_time, fig.late, fig.open_overdue, fig.open_not_due) == (4, 1, 1, 1, 1)
    assert fig.share_on_time == pytest.approx(1 / 3)
    assert c.resolve_due == date(2026, 1, 21)
    assert desk.feedback.handling_figures(date(2026, 3, 1), date(2026, 3, 31)).share_on_time is None


def test_assign_records_an_event(desk, admin):
    entry = add(desk, admin, "complaint", at(2026, 2, 10))
    entry = desk.feedback.assign(entry.id, admin, "admin")
    assert entry.assigned_to == admin.id and entry.status == "received"
    assert [e.kind for e in desk.feedback.events(entry.id)] == ["received", "assigned"]
    with pytest.raises(NotFound):
        desk.feedback.assign(entry.id, admin, "nobody")


def test_service_follows_a_changed_calendar(desk, admin):
    desk.set_calendar_override(date(2026, 2, 13), "off", "Nghỉ bù địa phương")
    entry = add(desk, admin, "feedback", at(2026, 2, 12))
    assert entry.forward_due == date(2026, 2, 27)  # 13 Feb off too: 23, 24, 25, 26, 27


def test_service_accepts_a_fixed_calendar(desk, admin, cal):
    service = FeedbackService(desk.store, desk.clock, lambda: cal, desk.identity)
    assert service.calendar is cal


def test_cli_add_list_act_figures(desk, tmp_path, capsys, monkeypatch):
    import io

    from app.cli import main

    db = str(desk.store.path)
    monkeypatch.setattr(
        "sys.stdin",
        io.TextIOWrapper(
            io.BytesIO(
                json.dumps(
                    {"kind": "denunciation", "person": {"name": "Lê Văn Tố"}, "content": "Tố cáo thu tiền"}
                ).encode()
            )
        ),
    )
    assert main(["--db", db, "feedback", "add", "--json", "-"]) == 0  # the CLI runs on the real clock
    number = capsys.readouterr().out.split("\t")[0]
    assert re.fullmatch(r"TC-[0-9]{2}-1001", number)
    assert main(["--db", db, "feedback", "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["person"], row["urgency"]) == ("***", "open")
    assert main(["--db", db, "feedback", "act", number, "accept"]) == 0
    assert capsys.readouterr().out == f"{number}\taccepted\n"
    assert main(["--db", db, "feedback", "act", number, "accept"]) == 1
    assert main(["--db", db, "feedback", "figures", "--from", "2000-01-01", "--to", "2099-12-31", "--json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["total"] == 1
