"""The engine's counts of citizen reception, complaints, denunciations and feedback for a period:
the periodic report communes send up each quarter, six and nine months and year, in the shape of the
inspectorate's Circular 02/2021/TT-TTCP (reception: sessions, people, matters, regular and by leaders,
mass delegations; complaints and denunciations: received, within competence, resolved, on time;
feedback handled). Pure: plain records in (app.scorecard.citizen_facts), integers out.

The Circular's own forms are not available here: the rows below are its headings as the commune
office fills them, kept in ``ROWS`` so the JSON, the workbook and the PDF say the same (check).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime

from app.citizens.rules import FLAGS, KINDS, MASS_FROM_PEOPLE
from app.core.worktime import VN_TZ
from app.scorecard.citizen_facts import CitizenRecords, ReceptionFact
from app.scorecard.indicators import FeedbackJudged

SOURCE = "Thông tư 02/2021/TT-TTCP (chế độ báo cáo công tác thanh tra, tiếp công dân, khiếu nại, tố cáo) (check)"
# Register kinds and the key prefix each is counted under.
REGISTERS = (("complaint", "complaints"), ("denunciation", "denunciations"), ("feedback", "feedback"))


def for_unit(records: CitizenRecords, keep: Callable[[str, str], bool]) -> CitizenRecords:
    """The records of one unit; ``keep(desk_id, commune)`` as the engine decides for dossiers.
    Postings are the commune's board, whichever desk put them up."""
    return replace(
        records,
        receptions=[r for r in records.receptions if keep(r.desk_id, r.commune)],
        sessions=[s for s in records.sessions if keep(s.desk_id, s.commune)],
        dialogues=[d for d in records.dialogues if keep(d.desk_id, d.commune)],
        follow_ups=[f for f in records.follow_ups if keep(f.desk_id, f.commune)],
        flags=[f for f in records.flags if keep(f.desk_id, f.commune)],
        postings=[p for p in records.postings if keep("", p.commune)],
    )


def _within(moment: datetime | date, start: date, end: date) -> bool:
    day = moment.astimezone(VN_TZ).date() if isinstance(moment, datetime) else moment
    return start <= day <= end


def _people(entries: Sequence[ReceptionFact]) -> tuple[int, int, int]:
    """(rows, people, matters): several citizens on one matter count once as a matter and as the
    largest number of people any of its rows gives."""
    most: dict[str, int] = {}
    for e in entries:
        most[e.matter] = max(most.get(e.matter, 0), e.people_count)
    return len(entries), sum(most.values()), len(most)


def reception_counts(records: CitizenRecords, start: date, end: date, today: date) -> dict[str, int]:
    """Reception, sessions, dialogues, follow-ups, flags and disclosures over local days [start, end];
    ``today`` judges what is overdue; flags are those in force."""
    entries = [e for e in records.receptions if _within(e.received_at, start, end)]
    total, people, matters = _people(entries)
    regular = _people([e for e in entries if not e.session_id])
    leaders = _people([e for e in entries if e.session_id])
    flagged_mass = {f.entry_id for f in records.flags if f.flag == "mass"}
    by_matter: dict[str, list[ReceptionFact]] = {}
    for e in entries:
        by_matter.setdefault(e.matter, []).append(e)
    mass = [
        g
        for g in by_matter.values()
        if max(e.people_count for e in g) >= MASS_FROM_PEOPLE or any(e.id in flagged_mass for e in g)
    ]
    out: dict[str, int] = {
        "reception_entries": total,
        "reception_matters": matters,
        "reception_people": people,
        "regular_entries": regular[0],
        "regular_people": regular[1],
        "regular_matters": regular[2],
        "leader_entries": leaders[0],
        "leader_people": leaders[1],
        "leader_matters": leaders[2],
        "mass_delegations": len(mass),
        "mass_people": sum(max(e.people_count for e in g) for g in mass),
        "reception_in_competence": len({e.matter for e in entries if e.in_competence}),
        "reception_online": sum(e.channel == "online" for e in entries),
        "reception_refused": sum(e.outcome == "refused" for e in entries),
        "reception_documents": sum(e.documents for e in entries),
        "reception_opened": sum(e.opened for e in entries),
        "reception_guided": sum(e.outcome == "guided" for e in entries),
        "reception_forwarded": sum(e.outcome == "forwarded" for e in entries),
    }
    for kind in KINDS:
        out[f"reception_{kind}"] = sum(e.kind == kind for e in entries)
    sessions = [s for s in records.sessions if _within(s.day, start, end) and s.status != "cancelled"]
    held = [s for s in sessions if s.status in ("held", "concluded")]
    out.update(
        {
            "sessions_scheduled": len(sessions),
            "sessions_held": len(held),
            "sessions_regular": sum(s.regular for s in held),
            "sessions_unscheduled": sum(not s.regular for s in held),
            "sessions_chair": sum(s.leader_role == "chair" for s in held),
            "sessions_party_secretary": sum(s.leader_role == "party_secretary" for s in held),
            "sessions_online": sum(s.mode == "online" for s in held),
            "conclusion_notices": sum(s.status == "concluded" for s in held),
        }
    )
    dialogues = [d for d in records.dialogues if _within(d.held_at, start, end)]
    out["dialogues"] = len(dialogues)
    out["dialogue_residents"] = sum(d.residents for d in dialogues)
    follow = [f for f in records.follow_ups if _within(f.assigned_on, start, end)]
    done = [f for f in follow if f.done_at is not None]
    out["follow_ups"] = len(follow)
    out["follow_ups_done"] = len(done)
    out["follow_ups_done_late"] = sum(f.overdue(today) for f in done)
    out["follow_ups_on_time"] = out["follow_ups_done"] - out["follow_ups_done_late"]
    out["follow_ups_overdue"] = sum(f.done_at is None and f.overdue(today) for f in follow)
    for flag in FLAGS:
        out[f"flag_{flag}"] = sum(f.flag == flag for f in records.flags)
    out["disclosures_posted"] = sum(_within(p.posted_on, start, end) for p in records.postings)
    # On the board that day: posted, and not taken down (app.citizens.disclosure.Posting.up_on).
    out["disclosures_up"] = sum(
        p.posted_on <= today and (p.taken_down_on is None or today < p.taken_down_on) for p in records.postings
    )
    return out


def register_counts(judged: Sequence[FeedbackJudged], as_of: datetime) -> dict[str, int]:
    """Complaints, denunciations and feedback of the period's population (received by its end and not
    handled before its start; app.scorecard.engine.judge_feedback), each against its own legal deadlines:
    received in the period or carried over; accepted (thụ lý: within competence) or forwarded (not);
    resolved (answered or closed, not forwarded) and of those on time; still open and of those overdue."""
    out: dict[str, int] = {}
    for kind, name in REGISTERS:
        items = [j for j in judged if j.entry.kind == kind]

        def by(moment: datetime | None) -> bool:
            return moment is not None and moment <= as_of

        forwarded = [j for j in items if j.handled and by(j.entry.forwarded_at) and not by(j.entry.answered_at)]
        resolved = [j for j in items if j.handled and j not in forwarded]
        still = [j for j in items if not j.handled]
        out[f"{name}_received"] = sum(j.received_in_period for j in items)
        out[f"{name}_carried_over"] = sum(not j.received_in_period for j in items)
        out[f"{name}_in_competence"] = sum(by(j.entry.accepted_at) for j in items)
        out[f"{name}_forwarded"] = len(forwarded)
        out[f"{name}_resolved"] = len(resolved)
        out[f"{name}_resolved_on_time"] = sum(j.on_time for j in resolved)
        out[f"{name}_open"] = len(still)
        out[f"{name}_overdue"] = sum(not j.on_time for j in still)
    return out


def counts(
    records: CitizenRecords, judged: Sequence[FeedbackJudged], start: date, end: date, as_of: datetime
) -> dict[str, int]:
    """The periodic report's figures: every one an integer."""
    today = as_of.astimezone(VN_TZ).date()
    return {**reception_counts(records, start, end, today), **register_counts(judged, as_of)}


# The report's rows: (key, Vietnamese, English, level); level 0 a heading line, 1 a figure, 2 "of which".
ROWS: tuple[tuple[str, str, str, int], ...] = (
    ("", "I. TIẾP CÔNG DÂN", "I. CITIZEN RECEPTION", 0),
    ("reception_entries", "Số lượt tiếp", "Receptions", 1),
    ("reception_people", "Số người được tiếp", "People received", 1),
    ("reception_matters", "Số vụ việc", "Matters", 1),
    ("regular_entries", "Tiếp thường xuyên: số lượt", "Regular reception: receptions", 2),
    ("regular_people", "Tiếp thường xuyên: số người", "Regular reception: people", 2),
    ("regular_matters", "Tiếp thường xuyên: số vụ việc", "Regular reception: matters", 2),
    ("sessions_held", "Số buổi lãnh đạo tiếp công dân", "Leaders' reception sessions held", 1),
    ("sessions_regular", "Tiếp định kỳ", "Regular sessions", 2),
    ("sessions_unscheduled", "Tiếp đột xuất", "Unscheduled sessions", 2),
    ("sessions_chair", "Chủ tịch UBND xã tiếp", "Held by the chair", 2),
    ("sessions_party_secretary", "Bí thư Đảng ủy xã tiếp", "Held by the Party Secretary", 2),
    ("leader_entries", "Lãnh đạo tiếp: số lượt", "Leaders' reception: receptions", 2),
    ("leader_people", "Lãnh đạo tiếp: số người", "Leaders' reception: people", 2),
    ("leader_matters", "Lãnh đạo tiếp: số vụ việc", "Leaders' reception: matters", 2),
    ("conclusion_notices", "Thông báo kết luận đã ban hành", "Conclusion notices issued", 2),
    ("mass_delegations", "Số đoàn đông người", "Mass delegations", 1),
    ("mass_people", "Số người trong các đoàn đông người", "People in mass delegations", 2),
    ("reception_complaint", "Nội dung khiếu nại", "About complaints", 1),
    ("reception_denunciation", "Nội dung tố cáo", "About denunciations", 1),
    ("reception_recommendation", "Nội dung kiến nghị", "About recommendations", 1),
    ("reception_feedback", "Nội dung phản ánh", "About feedback", 1),
    ("reception_in_competence", "Vụ việc thuộc thẩm quyền", "Matters within competence", 1),
    ("reception_refused", "Từ chối tiếp (01/TCD)", "Refused (01/TCD)", 1),
    ("reception_documents", "Nhận tài liệu (02/TCD)", "Documents received (02/TCD)", 1),
    ("follow_ups", "Việc giao sau kết luận, đối thoại", "Follow-ups assigned", 1),
    ("follow_ups_on_time", "Hoàn thành đúng hạn", "Done on time", 2),
    ("follow_ups_done_late", "Hoàn thành quá hạn", "Done late", 2),
    ("follow_ups_overdue", "Chưa hoàn thành, đã quá hạn", "Open and overdue", 2),
    ("dialogues", "Hội nghị đối thoại", "Dialogue conferences", 1),
    ("dialogue_residents", "Người dân dự đối thoại", "Residents attending", 2),
    ("", "II. KHIẾU NẠI", "II. COMPLAINTS", 0),
    ("complaints_received", "Đơn khiếu nại tiếp nhận trong kỳ", "Received in the period", 1),
    ("complaints_carried_over", "Kỳ trước chuyển sang", "Carried over", 1),
    ("complaints_in_competence", "Thuộc thẩm quyền (đã thụ lý)", "Within competence (accepted)", 1),
    ("complaints_forwarded", "Chuyển cơ quan có thẩm quyền", "Forwarded", 1),
    ("complaints_resolved", "Đã giải quyết", "Resolved", 1),
    ("complaints_resolved_on_time", "Giải quyết đúng hạn", "Resolved on time", 2),
    ("complaints_open", "Đang giải quyết", "In progress", 1),
    ("complaints_overdue", "Quá hạn", "Overdue", 2),
    ("", "III. TỐ CÁO", "III. DENUNCIATIONS", 0),
    ("denunciations_received", "Đơn tố cáo tiếp nhận trong kỳ", "Received in the period", 1),
    ("denunciations_carried_over", "Kỳ trước chuyển sang", "Carried over", 1),
    ("denunciations_in_competence", "Thuộc thẩm quyền (đã thụ lý)", "Within competence (accepted)", 1),
    ("denunciations_forwarded", "Chuyển cơ quan có thẩm quyền", "Forwarded", 1),
    ("denunciations_resolved", "Đã giải quyết", "Resolved", 1),
    ("denunciations_resolved_on_time", "Giải quyết đúng hạn", "Resolved on time", 2),
    ("denunciations_open", "Đang giải quyết", "In progress", 1),
    ("denunciations_overdue", "Quá hạn", "Overdue", 2),
    ("", "IV. PHẢN ÁNH, KIẾN NGHỊ", "IV. FEEDBACK AND RECOMMENDATIONS", 0),
    ("feedback_received", "Tiếp nhận trong kỳ", "Received in the period", 1),
    ("feedback_carried_over", "Kỳ trước chuyển sang", "Carried over", 1),
    ("feedback_resolved", "Đã xử lý, trả lời", "Handled, answered", 1),
    ("feedback_resolved_on_time", "Đúng hạn", "On time", 2),
    ("feedback_forwarded", "Chuyển cơ quan có thẩm quyền", "Forwarded", 1),
    ("feedback_open", "Đang xử lý", "In progress", 1),
    ("feedback_overdue", "Quá hạn", "Overdue", 2),
    ("", "V. VỤ VIỆC CẦN THEO DÕI (đang gắn cờ)", "V. MATTERS WATCHED (flagged now)", 0),
    ("flag_mass", "Khiếu nại, tố cáo đông người", "Mass complaints", 1),
    ("flag_multi_level", "Vượt cấp", "Across levels", 1),
    ("flag_long_running", "Kéo dài", "Long-running", 1),
    ("flag_land", "Đất đai, bồi thường, tái định cư", "Land, compensation, resettlement", 1),
)
