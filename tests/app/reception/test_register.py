from __future__ import annotations

from datetime import date, datetime

from app.core.worktime import VN_TZ
from app.reception.register import Filters, Register, store_filters, urgency
from tests.conftest import dossier_input


def _receive(desk, admin, name: str, procedure: str = "HT04", at: str | None = None) -> str:
    data = dossier_input(procedure=procedure)
    data["applicant"] = dict(data["applicant"], full_name=name)
    if at:
        data["received_at"] = at
    return desk.dossiers.receive(data, admin).code


def test_urgency_by_due_time_and_status() -> None:
    now = datetime(2026, 2, 12, 9, 0, tzinfo=VN_TZ)  # Thursday
    assert urgency("processing", datetime(2026, 2, 12, 8, 0, tzinfo=VN_TZ), now) == "overdue"
    assert urgency("received", datetime(2026, 2, 12, 17, 0, tzinfo=VN_TZ), now) == "today"
    assert urgency("received", datetime(2026, 2, 15, 17, 0, tzinfo=VN_TZ), now) == "week"
    assert urgency("received", datetime(2026, 2, 16, 7, 30, tzinfo=VN_TZ), now) is None
    assert urgency("done", datetime(2026, 2, 1, 8, 0, tzinfo=VN_TZ), now) is None
    assert urgency("waiting_supplement", datetime(2026, 2, 1, 8, 0, tzinfo=VN_TZ), now) is None


def test_store_filters_for_deadlines() -> None:
    now = datetime(2026, 2, 12, 9, 0, tzinfo=VN_TZ)
    assert store_filters(Filters(deadline="overdue"), now) == {
        "due_before": "2026-02-12T09:00:00+07:00",
        "statuses": ("received", "processing"),
    }
    assert store_filters(Filters(deadline="due_this_week", statuses=("processing", "done")), now) == {
        "due_from": "2026-02-12T09:00:00+07:00",
        "due_before": "2026-02-16T00:00:00+07:00",
        "statuses": ("processing",),
    }
    assert store_filters(Filters(text="!!"), now) is None
    assert store_filters(Filters(received_from=date(2026, 2, 1), received_to=date(2026, 2, 12)), now) == {
        "received_from": "2026-02-01T00:00:00+07:00",
        "received_to": "2026-02-13T00:00:00+07:00",
    }


def test_pages_counts_and_accent_insensitive_search(desk, admin) -> None:
    codes = [_receive(desk, admin, name) for name in ("Nguyễn Thị Đào", "Trần Văn Bình", "Lê Thị Hoa")]
    _receive(desk, admin, "Phạm Đức Anh", procedure="HT01")
    register = Register(desk.store, desk.clock)
    assert register.count(Filters()).value == 4
    first = register.page(Filters(), None, 2)
    assert [r.code for r in first] == ["87001-260212-1004", "87001-260212-1003"]
    rest = register.page(Filters(), first[-1], 2)
    assert [r.code for r in rest] == codes[1::-1]
    found = register.page(Filters(text="dao nguyen"))
    assert [r.applicant_name for r in found] == ["Nguyễn Thị Đào"]
    assert register.count(Filters(text="duc")).value == 1
    assert register.count(Filters(procedure_code="HT04")).value == 3
    assert register.count(Filters(procedure_code="HT04"), cap=2).exact is False
    assert register.page(Filters(text="hoa"))[0].urgency is None  # HT04: due in 3 working days, next week
    assert register.row(codes[0]).applicant_name == "Nguyễn Thị Đào"


def test_deadline_filters(desk, admin, clock) -> None:
    _receive(desk, admin, "Nguyễn Văn An", procedure="HT04", at="2026-02-09T08:00:00+07:00")  # due Thu 12 08:00
    same_day = _receive(desk, admin, "Trần Thị Chi", procedure="HT01")
    register = Register(desk.store, desk.clock)
    overdue = register.page(Filters(deadline="overdue"))
    assert [r.applicant_name for r in overdue] == ["Nguyễn Văn An"]
    assert overdue[0].urgency == "overdue"
    today = register.page(Filters(deadline="due_today"))  # HT01 is same-day: due 17:00 today
    assert [r.code for r in today] == [same_day]
    assert today[0].urgency == "today"
    assert register.count(Filters(deadline="due_this_week")).value == 1


def test_search_pages_newest_first_without_gaps_or_repeats(desk, admin, clock) -> None:
    """Keyset paging through a text search: every match once, newest first, page after page."""
    from app.reception import demo

    demo.populate(desk, 1500, seed=5, years=1)
    register = Register(desk.store, desk.clock)
    filters = Filters(text="nguyen")
    expected = [s.code for s in desk.dossiers.search("nguyen", limit=10_000)]
    assert len(expected) > 60
    seen, after = [], None
    while page := register.page(filters, after, limit=25):
        seen.extend(r.code for r in page)
        after = page[-1]
    assert seen == expected
    received = [r.received_at for r in register.page(filters, None, limit=50)]
    assert received == sorted(received, reverse=True)


def test_the_unfiltered_count_follows_saves_here_and_elsewhere(desk, admin, clock) -> None:
    """The total is kept between keystrokes (a COUNT(*) of a million is slow) and read again after a
    save on this connection or a commit by another one (a second window or the sync on the same file)."""
    from app.desk import Desk

    register = Register(desk.store, desk.clock)
    _receive(desk, admin, "Nguyễn Văn Đào")
    assert register.count(Filters()).value == 1
    assert register.count(Filters(text="n")).value == 1  # one letter: the whole register
    _receive(desk, admin, "Trần Thị Hoa")
    assert register.count(Filters()).value == 2
    other = Desk.open(desk.store.path, clock)
    try:
        other.dossiers.receive(dossier_input(), other.clerk())
    finally:
        other.close()
    assert register.count(Filters()).value == 3
