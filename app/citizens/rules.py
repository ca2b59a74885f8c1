"""Citizen reception's words and limits (Law 136/2025, Decree 154/2026, Law 10/2022 Art. 32).

Labels are (Vietnamese, English) pairs, as elsewhere (app.core.records.label). Limits that the
texts give are named constants here so the figures and the forms agree on them.
"""

from __future__ import annotations

from app.core.history import Transitions

# Column (6) of 03/TCD: what the citizen brought.
KINDS: dict[str, tuple[str, str]] = {
    "complaint": ("Khiếu nại", "Complaint"),
    "denunciation": ("Tố cáo", "Denunciation"),
    "recommendation": ("Kiến nghị", "Recommendation"),
    "feedback": ("Phản ánh", "Feedback"),
}
# The feedback register each kind opens (app.feedback: "feedback" covers recommendations too).
OPENS = {"complaint": "complaint", "denunciation": "denunciation", "recommendation": "feedback", "feedback": "feedback"}
CHANNELS: dict[str, tuple[str, str]] = {"in_person": ("Trực tiếp", "In person"), "online": ("Trực tuyến", "Online")}
OUTCOMES: dict[str, tuple[str, str]] = {
    "received": ("Đã tiếp", "Received"),
    "refused": ("Từ chối tiếp (01/TCD)", "Refused (01/TCD)"),
    "documents": ("Nhận tài liệu (02/TCD)", "Documents received (02/TCD)"),
    "opened": ("Đã vào sổ thụ lý", "Entered in its register"),
    "guided": ("Đã hướng dẫn", "Guided"),
    "forwarded": ("Đã chuyển", "Forwarded"),
}
ACTIONS: dict[str, tuple[str, str]] = {
    "refuse": ("Từ chối tiếp", "Refuse"),
    "documents": ("Nhận tài liệu", "Receive documents"),
    "open": ("Vào sổ thụ lý", "Enter in its register"),
    "guide": ("Hướng dẫn", "Guide"),
    "forward": ("Chuyển đơn", "Forward"),
}
# A citizen handing in documents may still be guided, forwarded or entered; a refusal ends it.
RECEPTION = Transitions(
    allowed_from={
        "refuse": frozenset({"received"}),
        "documents": frozenset({"received", "documents"}),
        "open": frozenset({"received", "documents"}),
        "guide": frozenset({"received", "documents"}),
        "forward": frozenset({"received", "documents"}),
    },
    status_after={
        "refuse": "refused",
        "documents": "documents",
        "open": "opened",
        "guide": "guided",
        "forward": "forwarded",
    },
    statuses=OUTCOMES,
    actions=ACTIONS,
    subject=("Lượt tiếp", "The reception"),
)
# Form 01/TCD: the notice refusing a reception is given within 3 working days (Decree 154/2026).
REFUSE_WITHIN_WORKING_DAYS = 3
# Grounds on which a reception may be refused (Law on Citizen Reception 2013 Art. 9, kept by Law 136/2025).
REFUSAL_GROUNDS: dict[str, tuple[str, str]] = {
    "impaired": (
        "Người trong tình trạng say do dùng chất kích thích, người mắc bệnh tâm thần hoặc bệnh khác làm mất khả năng "
        "nhận thức, làm chủ hành vi",
        "Intoxicated, or unable to understand or control their actions",
    ),
    "disruptive": (
        "Người có hành vi đe dọa, xúc phạm cơ quan, người tiếp công dân hoặc vi phạm nội quy nơi tiếp công dân",
        "Threatening or insulting conduct, or breach of the reception room's rules",
    ),
    "already_resolved": (
        "Vụ việc đã được giải quyết đúng chính sách, pháp luật, đã được kiểm tra, rà soát, thông báo bằng văn bản",
        "The matter was resolved lawfully, reviewed and answered in writing",
    ),
    "other": ("Trường hợp khác theo quy định của pháp luật", "Other grounds the law gives"),
}
DOCUMENT_KINDS: dict[str, tuple[str, str]] = {
    "original": ("Bản chính", "Original"),
    "copy": ("Bản sao", "Copy"),
    "certified_copy": ("Bản sao chứng thực", "Certified copy"),
}

# Leaders' sessions
LEADER_ROLES: dict[str, tuple[str, str]] = {
    "chair": ("Chủ tịch UBND xã", "Chair of the People's Committee"),
    "party_secretary": ("Bí thư Đảng ủy xã", "Party Secretary"),
    "vice_chair": ("Phó Chủ tịch UBND xã", "Vice-chair (delegated)"),
}
SESSION_STATUSES: dict[str, tuple[str, str]] = {
    "scheduled": ("Đã lên lịch", "Scheduled"),
    "held": ("Đã tiếp", "Held"),
    "concluded": ("Đã có thông báo kết luận", "Concluded"),
    "cancelled": ("Đã hủy", "Cancelled"),
}
SESSION_ACTIONS: dict[str, tuple[str, str]] = {
    "hold": ("Ghi kết quả buổi tiếp", "Record the session"),
    "conclude": ("Ra thông báo kết luận", "Issue the conclusion notice"),
    "cancel": ("Hủy lịch", "Cancel"),
}
SESSION = Transitions(
    allowed_from={
        "hold": frozenset({"scheduled", "held"}),
        "conclude": frozenset({"held"}),
        "cancel": frozenset({"scheduled"}),
    },
    status_after={"hold": "held", "conclude": "concluded", "cancel": "cancelled"},
    statuses=SESSION_STATUSES,
    actions=SESSION_ACTIONS,
    subject=("Buổi tiếp", "The session"),
)
MODES: dict[str, tuple[str, str]] = {"in_person": ("Trực tiếp", "In person"), "online": ("Trực tuyến", "Online")}
DIALOGUE_KINDS: dict[str, tuple[str, str]] = {
    "annual": ("Hội nghị đối thoại định kỳ hằng năm", "Yearly dialogue conference"),
    "where_arises": ("Đối thoại nơi phát sinh vụ việc", "Dialogue where the matter arises"),
}

# Flags the directives ask leaders to watch
FLAGS: dict[str, tuple[str, str]] = {
    "mass": ("Đông người", "Mass complaint"),
    "multi_level": ("Vượt cấp", "Across levels"),
    "long_running": ("Kéo dài", "Long-running"),
    "land": ("Đất đai, bồi thường, tái định cư", "Land, compensation, resettlement"),
}
# A matter brought by this many people or more is flagged "mass" on its own (Decree 154 speaks of
# a delegation of five or more; kept as a default the commune may change).
MASS_FROM_PEOPLE = 5

# Disclosure (Law 10/2022): posted at least 30 days; procedures stay up for as long as they apply.
DISCLOSURE_KINDS: dict[str, tuple[str, str]] = {
    "procedure": ("Thủ tục hành chính", "Administrative procedure"),
    "schedule": ("Lịch tiếp công dân", "Citizen reception schedule"),
    "other": ("Thông tin công khai khác", "Other disclosure"),
}
DISCLOSURE_MIN_DAYS = 30
