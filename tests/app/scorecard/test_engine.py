"""Worked examples for every indicator the records decide (Decision 766, the portal's formulas)."""

from __future__ import annotations

import pytest

from app.scorecard.records import Attachment, Payment, Unit
from tests.app.scorecard.helpers import at, card, dossier, feedback, rating

# Received Mon 2 March 2026 09:00, 3 working days: promised Thu 5 March 09:00.
MON = "2026-03-02 09:00"


def verdict(*events: tuple[str, str], received: str = MON) -> str:
    sc = card(dossier(received, *events))
    counts = sc.counts
    assert counts["ended"] == 1 and counts["early"] + counts["on_time"] + counts["late"] == 1
    return next(k for k in ("early", "on_time", "late") if counts[k])


def test_early_on_time_late_against_the_promised_date() -> None:
    assert verdict(("done", "2026-03-04 16:00")) == "early"
    assert verdict(("done", "2026-03-05 09:00")) == "on_time"
    assert verdict(("done", "2026-03-05 09:01")) == "late"
    # Result ready wins over the later return ("ưu tiên lấy thời gian Đã xử lý xong").
    assert verdict(("done", "2026-03-05 08:00"), ("returned", "2026-03-10 10:00")) == "on_time"


def test_one_supplement_its_time_comes_off_the_end() -> None:
    # Asked Tue 3 March 09:00, supplemented Mon 9 March 09:00: six days off the end.
    asked, back = ("supplement_requested", "2026-03-03 09:00"), ("supplement_received", "2026-03-09 09:00")
    assert verdict(asked, back, ("done", "2026-03-11 09:00")) == "on_time"  # 11 March − 6 days = 5 March 09:00
    assert verdict(asked, back, ("done", "2026-03-11 09:30")) == "late"


def test_two_supplements_make_it_late_however_fast() -> None:
    events = (
        ("supplement_requested", "2026-03-02 10:00"),
        ("supplement_received", "2026-03-02 11:00"),
        ("supplement_requested", "2026-03-02 14:00"),
        ("supplement_received", "2026-03-02 15:00"),
        ("done", "2026-03-03 09:00"),
    )
    assert verdict(*events) == "late"


def test_supplement_over_tet_the_whole_wait_comes_off_in_calendar_time() -> None:
    # Received Thu 12 Feb 2026, 3 working days over Tết (16–20 Feb off): promised Tue 24 Feb 09:00.
    # Asked Fri 13 Feb, supplemented Wed 25 Feb: twelve days (Tết included) come off the end.
    asked, back = ("supplement_requested", "2026-02-13 09:00"), ("supplement_received", "2026-02-25 09:00")
    received = "2026-02-12 09:00"
    sc = card(dossier(received, asked, back, ("done", "2026-03-06 09:00")), start="2026-02-01")
    assert sc.counts["early"] == 1  # 6 March − 12 days = 22 Feb < 24 Feb
    sc = card(dossier(received, asked, back, ("done", "2026-03-09 09:00")), start="2026-02-01")
    assert sc.counts["late"] == 1  # 9 March − 12 days = 25 Feb 09:00 > 24 Feb 09:00


def test_waiting_for_a_supplement_requested_once_is_judged_at_the_request() -> None:
    sc = card(dossier(MON, ("supplement_requested", "2026-03-04 09:00")))
    assert sc.counts["in_progress"] == 1 and sc.counts["waiting_supplement"] == 1
    assert sc.counts["overdue_now"] == 0 and sc.indicator("2.1").value == 1.0


def test_refusal_withdrawal_and_stop_end_the_dossier_and_are_counted_among_the_ended() -> None:
    sc = card(
        dossier(MON, ("refused", "2026-03-02 10:00")),
        dossier(MON, ("withdrawn", "2026-03-06 10:00")),
        dossier(MON, ("supplement_requested", "2026-03-03 09:00"), ("stopped", "2026-03-20 09:00")),
        dossier(MON, ("done", "2026-03-04 09:00"), ("returned", "2026-03-04 10:00")),
    )
    c = sc.counts
    assert (c["ended"], c["refused"], c["withdrawn"], c["stopped"], c["resolved"]) == (4, 1, 1, 1, 1)
    assert c["early"] + c["on_time"] + c["late"] == c["ended"]
    # Stopped 20 March after an unanswered request: counted as stopped, judged at the request (early).
    assert (c["early"], c["late"]) == (3, 1)  # the withdrawal on 6 March was after the promise
    assert len(sc.indicator("2.1").lost) == 1 and c["in_progress"] == 0


def test_running_dossiers_are_judged_at_the_end_of_the_period_or_now() -> None:
    running = dossier(MON)
    sc = card(running, now="2026-03-04 12:00")
    assert (sc.counts["in_progress_on_time"], sc.counts["overdue_now"]) == (1, 0)
    sc = card(running, now="2026-04-10 12:00")
    assert (sc.counts["in_progress_on_time"], sc.counts["overdue_now"]) == (0, 1)
    assert sc.indicator("2.1").value == 0.0 and sc.indicator("2.1").lost == (running.code,)
    # A past period is judged at its last day, whatever happened after.
    sc = card(dossier(MON, ("done", "2026-04-02 09:00")), end="2026-03-03", now="2026-05-01 08:00")
    assert sc.counts["in_progress_on_time"] == 1 and sc.counts["ended"] == 0


def test_dossiers_carried_over_belong_to_the_period_they_are_processed_in() -> None:
    before = dossier("2026-02-25 09:00", ("done", "2026-03-03 09:00"))  # promised 2 March: late
    finished_before = dossier("2026-02-20 09:00", ("done", "2026-02-24 09:00"))
    sc = card(before, finished_before)
    assert sc.counts["received"] == 0 and sc.counts["carried_over"] == 1
    assert sc.counts["late"] == 1 and sc.indicator("2.1").denominator == 1


def test_points_follow_the_threshold_and_an_empty_period_scores_nothing() -> None:
    online = [dossier(MON, channel="online", paper_result=False) for _ in range(2)]
    sc = card(*online, *(dossier(MON) for _ in range(2)), attachments=())
    share = sc.indicator("3.3")
    assert share.value == 0.5 and share.points == share.max_points  # full points at 50 %
    sc = card(online[0], *(dossier(MON) for _ in range(3)), attachments=())
    assert sc.indicator("3.3").points == pytest.approx(sc.indicator("3.3").max_points / 2)
    empty = card()
    assert empty.indicator("2.1").status == "empty" and empty.score == 0 and empty.reachable == 0


def test_online_dossier_with_a_paper_result_counts_only_with_an_electronic_result() -> None:
    with_result, without = dossier(MON, channel="online"), dossier(MON, channel="online")
    sc = card(with_result, without, attachments=(Attachment(with_result.id, result=True),))
    assert sc.indicator("3.3").numerator == 1
    # The sync rate multiplies it.
    sc = card(
        with_result, dossier(MON, channel="online", synced=False), attachments=[Attachment(with_result.id, result=True)]
    )
    assert sc.indicator("3.3").value == pytest.approx(0.5 * 0.5) and sc.indicator("1.4").value == 0.5


def test_inputs_not_recorded_are_no_data_not_zero_nor_full_points() -> None:
    sc = card(dossier(MON, channel="online", identity_check=None), dossier(MON))
    for indicator_id in ("3.3", "3.6", "4.1", "4.2", "4.3", "4.4", "4.5"):
        result = sc.indicator(indicator_id)
        assert result.status == "no_data" and result.value is None and result.points is None, indicator_id
        assert result.note
    assert sc.counts["digitised"] is None and sc.counts["paid_online"] is None
    assert sc.reachable == sum(i.max_points for i in sc.indicators if i.status == "ok")
    # No online dossier at all: 3.3 is decided (0) without any attachment data.
    sc = card(dossier(MON))
    assert sc.indicator("3.3").status == "ok" and sc.indicator("3.3").value == 0.0


def test_digitisation_reuse_and_portal_store() -> None:
    paper = dossier(MON, paper_result=True)
    plain = dossier(MON, paper_result=False)
    attachments = (
        Attachment(paper.id, document_no=1, reused=True),
        Attachment(paper.id, result=True, from_citizen_store=True),
        Attachment(plain.id, document_no=1),
    )
    sc = card(paper, plain, dossier(MON, paper_result=False), attachments=attachments)
    assert sc.indicator("4.1").value == 1.0 and sc.indicator("4.1").denominator == 1
    assert sc.indicator("4.2").numerator == 2 and sc.counts["digitised"] == 2
    assert sc.indicator("4.3").numerator == 1 and sc.indicator("4.4").numerator == 1
    assert sc.indicator("4.2").points == pytest.approx(sc.indicator("4.2").max_points * (2 / 3) / 0.8, abs=1e-4)


def test_online_payment_counts_the_portal_and_the_gateway_not_a_bank_transfer() -> None:
    portal, qr, cash, free = (dossier(MON, fee_due=True) for _ in range(4))
    no_fee = dossier(MON, fee_due=False)
    payments = (
        Payment(portal.id, 10_000, "portal", at("2026-03-02 09:05")),
        Payment(qr.id, 10_000, "transfer", at("2026-03-02 09:05")),
        Payment(cash.id, 10_000, "cash", at("2026-03-02 09:05")),
        Payment(free.id, 0, "cash", at("2026-03-02 09:05")),  # every fee zero: out of the denominator
    )
    sc = card(portal, qr, cash, free, no_fee, payments=payments)
    result = sc.indicator("3.6")
    assert (result.numerator, result.denominator) == (1, 3)
    assert (sc.counts["fee_dossiers"], sc.counts["paid_online"], sc.counts["paid_transfer"]) == (3, 1, 1)


def test_population_data_share() -> None:
    sc = card(dossier(MON, identity_check="vneid"), dossier(MON, identity_check="population"), dossier(MON))
    assert sc.indicator("4.5").value == pytest.approx(2 / 3)


def test_feedback_on_time_by_the_portal_limits() -> None:
    arrived = "2026-03-02 09:00"  # 15 working days: Mon 23 March; 2 working days: Wed 4 March
    portal = (
        feedback(arrived, channel="online", answered_at="2026-03-20 10:00"),  # on time
        feedback(arrived, channel="online", answered_at="2026-03-24 10:00"),  # late
        feedback(arrived, channel="online", forwarded_at="2026-03-05 10:00"),  # handled by forwarding: on time
        feedback(arrived, channel="online", closed_at="2026-03-05 10:00"),  # refused after 3 working days: late
        feedback(arrived, channel="online", closed_at="2026-03-04 10:00"),  # refused within 2: on time
        feedback("2026-03-25 09:00", channel="online"),  # running, within 15 at 31 March
    )
    at_desk = (
        feedback(arrived, resolve_due=at("2026-03-10 00:00").date(), answered_at="2026-03-12 10:00"),
        feedback(arrived, kind="complaint", resolve_due=at("2026-04-10 00:00").date()),
    )
    sc = card(feedback=portal + at_desk)
    result = sc.indicator("5.2")
    assert (result.numerator, result.denominator) == (4, 6)
    assert set(result.lost) == {portal[1].number, portal[3].number}
    c = sc.counts
    assert (c["portal_feedback"], c["portal_feedback_on_time"]) == (6, 4)
    # Every feedback entry against its own legal deadline (Decree 20/2008 rule), the portal's too.
    assert (c["feedback"], c["feedback_on_time"]) == (7, 6)
    assert (c["complaints"], c["complaints_on_time"]) == (1, 1)
    assert sc.indicator("5.3").value == pytest.approx(4 / 6) and "Cổng" in sc.indicator("5.3").note


def test_procedure_satisfaction_subtracts_late_and_complained_dossiers() -> None:
    ok = [dossier(MON, ("done", "2026-03-03 09:00")) for _ in range(8)]
    late = dossier(MON, ("done", "2026-03-10 09:00"))
    complained = ok[0]
    sc = card(*ok, late, dossier(MON, ("done", "2026-03-03 09:00")), feedback=[feedback(MON, dossier_id=complained.id)])
    result = sc.indicator("5.4")
    assert result.value == pytest.approx(1 - 1 / 10 - 1 / 10)
    assert result.points == pytest.approx(result.max_points * 0.8 / 0.9, abs=1e-4)
    assert set(result.lost) == {late.code, complained.code}
    sc = card(*ok[1:], dossier(MON), now="2026-03-03 08:00")
    assert sc.indicator("5.4").points == sc.indicator("5.4").max_points  # 100 % ≥ 90 %


def test_counter_ratings_by_level_element_and_response_rate() -> None:
    rated, declined, came_back = dossier(MON), dossier(MON), dossier(MON)
    ratings = (
        rating("2026-03-03 10:00", dossier_id=rated.id, elements={"officials": True, "result": False}),
        rating("2026-03-03 11:00", level="dissatisfied", satisfied=False),  # anonymous
        rating("2026-03-03 12:00", dossier_id=declined.id, declined=True),
        rating("2026-03-03 12:00", dossier_id=came_back.id, declined=True),
        rating("2026-03-04 12:00", dossier_id=came_back.id, level="very_satisfied"),
    )
    sc = card(rated, declined, came_back, ratings=ratings)
    c = sc.counts
    assert (c["ratings"], c["satisfied"], c["ratings_declined"], c["ratings_offered"]) == (3, 2, 1, 3)
    assert sc.ratings_by_level == {"satisfied": 1, "dissatisfied": 1, "very_satisfied": 1}
    assert sc.ratings_by_element == {"officials": (1, 1), "result": (1, 0)}


def test_unit_desk_and_commune() -> None:
    here, there = dossier(MON), dossier(MON, desk_id="k2")
    assert card(here, there, unit=Unit("desk", "k1")).counts["received"] == 1
    assert card(here, there).counts["received"] == 2
    assert card(here, dossier(MON, commune="87002"), unit=Unit("commune", "87001")).counts["received"] == 1


def test_channels_and_breakdowns() -> None:
    sc = card(
        dossier(MON, channel="online", paper_result=False),
        dossier(MON, channel="post", procedure_code="CT01"),
        dossier(MON, ("done", "2026-03-03 09:00")),
        attachments=(),
    )
    assert sc.by_channel == {"direct": 1, "online": 1, "post": 1}
    assert {b.key: b.received for b in sc.by_procedure} == {"CT01": 1, "HT04": 2}
    assert [(b.key, b.received, b.ended, b.early) for b in sc.by_month] == [("2026-03", 3, 1, 1)]
    assert sc.by_clerk[0].in_progress == 2


def test_the_list_of_dossiers_that_cost_points_is_capped_and_the_count_whole() -> None:
    late = [dossier(MON, ("done", "2026-03-20 09:00")) for _ in range(1005)]
    result = card(*late).indicator("2.1")
    assert len(result.lost) == 1000 and result.lost_count == 1005
    assert list(result.lost) == sorted(d.code for d in late)[:1000]
