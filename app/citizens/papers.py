"""The papers of citizen reception, laid out with app.printing's engine (typeset, formparts).

03/TCD the reception register (A4 landscape, 13 columns in the form's order), 01/TCD the notice
refusing a reception, 02/TCD the receipt for documents handed in, the conclusion notice of a
leader's session (Thông báo kết luận), the minutes of a dialogue (biên bản), and the disclosure
board. Every paper is built from masked records: a denouncer's identity never reaches a PDF.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm

from app.citizens import rules
from app.citizens.disclosure import Posting
from app.citizens.records import REGISTER_COLUMNS, FollowUp, ReceptionEntry
from app.core.clock import parse_iso
from app.core.records import DeskIdentity, label
from app.core.text import nfc
from app.printing.formparts import signatures, single, title
from app.printing.typeset import Sheet, block
from app.printing.wording import date_words, esc, time_words

_PLACE_PREFIX = re.compile(r"^(xã|phường|thị trấn|đặc khu)\s+", re.IGNORECASE)
MOTTO, MOTTO_SUB = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Issuer:
    """Who issues the paper: the commune People's Committee (Decree 30/2020 letterhead)."""

    committee: str  # "ỦY BAN NHÂN DÂN"
    commune: str  # "XÃ TÂN THÀNH"
    place: str  # "Tân Thành"
    in_text: str  # "Ủy ban nhân dân xã Tân Thành", as a sentence names it

    @classmethod
    def of(cls, desk: DeskIdentity) -> Issuer:
        name = nfc(desk.commune_name)
        return cls(
            "ỦY BAN NHÂN DÂN",
            name.upper(),
            _PLACE_PREFIX.sub("", name) or name,
            f"Ủy ban nhân dân {name[:1].lower()}{name[1:]}",
        )


def _head(sheet: Sheet, issuer: Issuer, number: str, dated: datetime) -> None:
    small = sheet.size - 1
    lw, rw = sheet.width * 0.40, sheet.width * 0.60
    left = [
        block(esc(issuer.committee), lw - 4, small, align="center"),
        block(esc(issuer.commune), lw - 4, small, align="center", bold=True),
        block("———", lw - 4, small, align="center"),
        block(esc(f"Số: {number}") if number else "", lw - 4, sheet.size, align="center"),
    ]
    right = [
        block(esc(MOTTO), rw - 4, small, align="center", bold=True),
        block(esc(MOTTO_SUB), rw - 4, sheet.size, align="center", bold=True),
        block("—————————", rw - 4, small, align="center"),
        block(esc(f"{issuer.place}, {date_words(dated)}"), rw - 4, sheet.size, align="center", italic=True),
    ]
    sheet.row([left, right], [lw, rw], pad=1.0)


def _para(sheet: Sheet, text: str, **kw: Any) -> None:
    for line in nfc(text).splitlines() or [""]:
        sheet.text(esc(line), **kw)


# 03/TCD


def register(issuer: Issuer, entries: Sequence[ReceptionEntry], start: date, end: date) -> bytes:
    """Form 03/TCD: the 13 columns in the order of Decree 154/2026, one row a citizen."""

    def layout(sheet: Sheet) -> None:
        sheet.text(f"<b>{esc(issuer.committee)}<br/>{esc(issuer.commune)}</b>", size=sheet.size)
        sheet.text("Mẫu số 03/TCD", align="right", italic=True)
        title(sheet, "SỔ TIẾP CÔNG DÂN")
        sheet.text(esc(f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"), align="center", italic=True)
        head = [f"({i}) {vi}" for i, (vi, _) in enumerate(REGISTER_COLUMNS, 1)]
        widths_mm = [10, 17, 34, 22, 40, 16, 13, 20, 13, 24, 25, 22, 19]  # 275 mm
        rows = [head] + [[esc(c) for c in e.columns(i)] for i, e in enumerate(entries, 1)]
        sheet.table([[esc(h) for h in rows[0]], *rows[1:]], [w * mm for w in widths_mm], size=7.5)
        sheet.space(4 * mm)
        sheet.text(
            esc(f"Tổng số lượt tiếp: {len(entries)}. Thông tin người tố cáo được giữ bí mật (***)."), italic=True
        )

    return single("A4-landscape", "tcd03", "03/TCD", "Sổ tiếp công dân", 9.0, layout)


# 01/TCD


def refusal(issuer: Issuer, entry: ReceptionEntry, number: str, signer: str, signer_title: str) -> bytes:
    """Form 01/TCD: the notice refusing a reception, with the ground, given within 3 working days."""
    assert entry.refused_at is not None

    def layout(sheet: Sheet) -> None:
        _head(sheet, issuer, number, entry.refused_at)
        sheet.text("Mẫu số 01/TCD", align="right", italic=True, size=sheet.size - 2)
        title(sheet, "THÔNG BÁO")
        sheet.text("<b>Về việc từ chối tiếp công dân</b>", align="center")
        sheet.space(3 * mm)
        who = entry.person_name or "***"
        _para(sheet, f"Kính gửi: Ông/Bà {who}")
        _para(sheet, f"Địa chỉ: {entry.person_address or '***'}")
        _para(sheet, f"Số CCCD/Hộ chiếu: {entry.person_cccd or ''}")
        _para(
            sheet,
            f"Ngày {entry.received_at:%d/%m/%Y}, Ông/Bà đến nơi tiếp công dân của {issuer.in_text} "
            f"để trình bày nội dung: {entry.content}",
        )
        _para(
            sheet,
            f"Căn cứ quy định của pháp luật về tiếp công dân, {issuer.in_text} từ chối tiếp Ông/Bà "
            f"vì lý do: {entry.refusal_reason}.",
        )
        _para(sheet, f"Số vào sổ tiếp công dân: {entry.number}. Hạn thông báo: {entry.refuse_due:%d/%m/%Y}.")
        _para(sheet, "Thông báo để Ông/Bà biết.")
        signatures(
            sheet,
            [
                {"title": "Nơi nhận", "hint": "- Như trên; - Lưu: VT, hồ sơ."},
                {"title": signer_title, "hint": "(Ký, ghi rõ họ tên, đóng dấu)", "name": signer},
            ],
            {},
        )

    return single("A4", "tcd01", "01/TCD", "Thông báo từ chối tiếp công dân", 12.0, layout)


# 02/TCD


def documents_receipt(issuer: Issuer, entry: ReceptionEntry, receiver: str) -> bytes:
    """Form 02/TCD: what the citizen handed in, each paper with its kind and pages; two signatures."""
    dated = entry.documents_at or entry.received_at

    def layout(sheet: Sheet) -> None:
        _head(sheet, issuer, "", dated)
        sheet.text("Mẫu số 02/TCD", align="right", italic=True, size=sheet.size - 2)
        title(sheet, "GIẤY BIÊN NHẬN")
        sheet.text("<b>Thông tin, tài liệu, bằng chứng</b>", align="center")
        sheet.space(3 * mm)
        _para(
            sheet,
            f"Vào lúc {time_words(dated)}, tại nơi tiếp công dân của {issuer.in_text},",
        )
        _para(sheet, f"Người nhận: {receiver}")
        _para(
            sheet,
            f"Người cung cấp: {entry.person_name}; địa chỉ: {entry.person_address}; "
            f"số CCCD/Hộ chiếu: {entry.person_cccd}",
        )
        _para(sheet, f"Về nội dung: {entry.content} (sổ tiếp công dân số {entry.number})")
        _para(sheet, "Đã giao, nhận các thông tin, tài liệu, bằng chứng sau:")
        rows = [["STT", "Tên tài liệu", "Loại bản", "Số trang"]]
        rows += [
            [str(i), esc(d["name"]), esc(label(rules.DOCUMENT_KINDS, d["kind"])), str(d["pages"])]
            for i, d in enumerate(entry.documents, 1)
        ]
        w = sheet.width
        sheet.table(rows, [0.08 * w, 0.57 * w, 0.2 * w, 0.15 * w], size=sheet.size - 1)
        _para(sheet, "Giấy biên nhận lập thành 02 bản, mỗi bên giữ 01 bản.", italic=True)
        signatures(
            sheet,
            [
                {
                    "title": "NGƯỜI CUNG CẤP",
                    "hint": "(Ký, ghi rõ họ tên)",
                    "name": "" if entry.confidential else entry.person_name,
                },
                {"title": "NGƯỜI NHẬN", "hint": "(Ký, ghi rõ họ tên)", "name": receiver},
            ],
            {},
        )

    return single("A4", "tcd02", "02/TCD", "Giấy biên nhận thông tin, tài liệu", 12.0, layout)


# The conclusion notice of a leader's session


def conclusion(
    issuer: Issuer, session: Mapping[str, Any], entries: Sequence[ReceptionEntry], follow_ups: Sequence[FollowUp]
) -> bytes:
    dated = parse_iso(session["concluded_at"])
    role = label(rules.LEADER_ROLES, session["leader_role"])

    def layout(sheet: Sheet) -> None:
        _head(sheet, issuer, session["conclusion_number"], dated)
        title(sheet, "THÔNG BÁO")
        day = date.fromisoformat(session["day"])
        sheet.text(
            esc(f"Kết luận của {role} {session['leader_name']} tại buổi tiếp công dân ngày {day:%d/%m/%Y}"),
            align="center",
            bold=True,
        )
        sheet.space(3 * mm)
        how = label(rules.MODES, session["mode"]).lower()
        kind = "định kỳ" if session["regular"] else "đột xuất"
        _para(
            sheet,
            f"Ngày {day:%d/%m/%Y}, {role} {session['leader_name']} chủ trì tiếp công dân {kind} ({how}) "
            f"tại {session['place'] or 'trụ sở Ủy ban nhân dân xã'}.",
        )
        received_by = json.loads(session["received_by"])
        if received_by:
            _para(sheet, "Cùng tiếp: " + "; ".join(received_by) + ".")
        matters: dict[str, list[ReceptionEntry]] = {}
        for e in entries:
            matters.setdefault(e.matter_id or e.id, []).append(e)
        _para(sheet, f"Công dân đến: {len(entries)} người, {len(matters)} vụ việc:")
        for i, group in enumerate(matters.values(), 1):
            names = ", ".join(e.person_name for e in group)
            _para(
                sheet,
                f"{i}. {names} ({group[0].people_count} người cùng nội dung) — "
                f"{label(rules.KINDS, group[0].kind)}: {group[0].content}",
            )
        _para(sheet, f"Nội dung công dân trình bày: {session['raised']}")
        sheet.text("<b>Kết luận:</b>")
        _para(sheet, session["conclusion"])
        if follow_ups:
            sheet.text("<b>Giao thực hiện:</b>")
            rows = [["STT", "Nội dung", "Người thực hiện", "Thời hạn"]]
            rows += [
                [str(i), esc(f.task), esc(f.owner), f"{f.due:%d/%m/%Y} ({f.days} ngày làm việc)"]
                for i, f in enumerate(follow_ups, 1)
            ]
            w = sheet.width
            sheet.table(rows, [0.07 * w, 0.5 * w, 0.23 * w, 0.2 * w], size=sheet.size - 1)
        signatures(
            sheet,
            [
                {"title": "Nơi nhận:", "hint": "- Công dân có liên quan; - Cơ quan, đơn vị được giao; - Lưu: VT."},
                {
                    "title": f"TM. ỦY BAN NHÂN DÂN<br/>{role.upper()}",
                    "hint": "(Ký, đóng dấu)",
                    "name": session["signer"],
                },
            ],
            {},
        )

    return single("A4", "tbkl", "Thông báo kết luận", "Thông báo kết luận tiếp công dân", 12.0, layout)


# The minutes of a dialogue


def minutes(issuer: Issuer, dialogue: Mapping[str, Any], follow_ups: Sequence[FollowUp]) -> bytes:
    held = parse_iso(dialogue["held_at"])

    def layout(sheet: Sheet) -> None:
        _head(sheet, issuer, dialogue["number"], held)
        title(sheet, "BIÊN BẢN")
        sheet.text(
            esc(f"{label(rules.DIALOGUE_KINDS, dialogue['kind'])}: {dialogue['subject']}"), align="center", bold=True
        )
        sheet.space(3 * mm)
        _para(sheet, f"Thời gian: {time_words(held)}.")
        _para(sheet, f"Địa điểm: {dialogue['place']}.")
        _para(sheet, f"Chủ trì: {dialogue['chair']}. Thư ký: {dialogue['secretary']}.")
        attendees = json.loads(dialogue["attendees"])
        _para(sheet, "Thành phần tham dự: " + "; ".join([*attendees, f"{dialogue['residents']} người dân"]) + ".")
        sheet.text("<b>Nội dung đối thoại:</b>")
        for i, item in enumerate(json.loads(dialogue["issues"]), 1):
            _para(sheet, f"{i}. Ý kiến ({item['raised_by'] or 'người dân'}): {item['issue']}")
            _para(sheet, f"   Trả lời: {item['answer'] or 'Ghi nhận, sẽ trả lời bằng văn bản.'}")
        if follow_ups:
            sheet.text("<b>Việc giao sau đối thoại:</b>")
            rows = [["STT", "Nội dung", "Người thực hiện", "Thời hạn"]]
            rows += [[str(i), esc(f.task), esc(f.owner), f"{f.due:%d/%m/%Y}"] for i, f in enumerate(follow_ups, 1)]
            w = sheet.width
            sheet.table(rows, [0.07 * w, 0.53 * w, 0.25 * w, 0.15 * w], size=sheet.size - 1)
        _para(sheet, "Biên bản được đọc lại cho những người tham dự cùng nghe và thống nhất ký tên.", italic=True)
        signatures(
            sheet,
            [
                {"title": "THƯ KÝ", "hint": "(Ký, ghi rõ họ tên)", "name": dialogue["secretary"]},
                {"title": "CHỦ TRÌ", "hint": "(Ký, ghi rõ họ tên)", "name": dialogue["chair"]},
            ],
            {},
        )

    return single("A4", "bbdt", "Biên bản đối thoại", "Biên bản hội nghị đối thoại", 12.0, layout)


# The disclosure board and the quarterly list


def board(issuer: Issuer, items: Sequence[Posting], day: date, heading: str = "BẢNG NIÊM YẾT CÔNG KHAI") -> bytes:
    def layout(sheet: Sheet) -> None:
        sheet.text(f"<b>{esc(issuer.committee)}<br/>{esc(issuer.commune)}</b>")
        title(sheet, heading)
        sheet.text(esc(f"Cập nhật ngày {day:%d/%m/%Y}"), align="center", italic=True)
        rows = [["STT", "Nội dung", "Loại", "Ngày niêm yết", "Niêm yết đến"]]
        for i, p in enumerate(items, 1):
            until = "Thường xuyên" if p.until is None else f"{p.until:%d/%m/%Y}"
            rows.append(
                [
                    str(i),
                    f"<b>{esc(p.title)}</b><br/>{esc(p.body).replace(chr(10), '<br/>')}",
                    esc(label(rules.DISCLOSURE_KINDS, p.kind)),
                    f"{p.posted_on:%d/%m/%Y}",
                    until,
                ]
            )
        w = sheet.width
        sheet.table(rows, [0.06 * w, 0.52 * w, 0.16 * w, 0.13 * w, 0.13 * w], size=sheet.size - 1.5)

    return single("A4", "board", "Niêm yết", heading.title(), 11.0, layout)
