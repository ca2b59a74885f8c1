"""The papers of citizen reception, in the Decree 30/2020 presentation of app.printing (formparts, typeset).

03/TCD the reception register (A4 landscape, 13 columns in the form's order), 01/TCD the notice
refusing a reception, 02/TCD the receipt for documents handed in, the conclusion notice of a
leader's session (Thông báo kết luận), the leaders' reception schedule, the minutes of a dialogue
(biên bản), and the disclosure board. Wording lives in resources/forms/<paper>.json; this module only
places it. Every paper is built from masked records: a denouncer's identity never reaches a PDF.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from reportlab.lib.units import mm

from app.citizens import rules
from app.citizens.disclosure import Posting
from app.citizens.records import REGISTER_COLUMNS, FollowUp, ReceptionEntry
from app.core.clock import parse_iso
from app.core.records import DeskIdentity, label
from app.core.text import nfc
from app.printing import formparts
from app.printing.formparts import Letterhead, Paper, letterhead_values
from app.printing.typeset import Sheet
from app.printing.wording import esc, fill, template, time_words
from app.reception.apology import WEEKDAYS_VI

_PLACE_PREFIX = re.compile(r"^(xã|phường|thị trấn|đặc khu)\s+", re.IGNORECASE)
SIZE = 13.0  # Decree 30: 13-14 pt on A4


def letterhead(desk: DeskIdentity) -> Letterhead:
    """The People's Committee of the commune issues these papers (not the one-stop centre)."""
    name = nfc(desk.commune_name)
    return Letterhead(agency_name=name[:1].lower() + name[1:], place=_PLACE_PREFIX.sub("", name) or name)


def _values(head: Letterhead, paper: Paper, values: Mapping[str, object]) -> dict[str, object]:
    return {**letterhead_values(head, paper.common), **values}


def _opening(sheet: Sheet, head: Letterhead, paper: Paper, vals: Mapping[str, object]) -> None:
    formparts.header(sheet, head, paper)
    formparts.title(sheet, paper.form["title"])
    if paper.form.get("subtitle"):
        sheet.text(f"<b>{fill(paper.form['subtitle'], vals)}</b>", align="center", after=sheet.size * 0.6)


def _follow_table(sheet: Sheet, head: Sequence[str], follow_ups: Sequence[FollowUp], with_days: bool) -> None:
    rows = [[esc(h) for h in head]]
    for i, f in enumerate(follow_ups, 1):
        due = f"{f.due:%d/%m/%Y}" + (f" ({f.days} ngày làm việc)" if with_days else "")
        rows.append([str(i), esc(f.task), esc(f.owner), due])
    w = sheet.width
    sheet.table(rows, [0.08 * w, 0.47 * w, 0.23 * w, 0.22 * w])
    sheet.space(sheet.size * 0.3)


# 03/TCD


def register(head: Letterhead, entries: Sequence[ReceptionEntry], start: date, end: date) -> bytes:
    """Form 03/TCD: the 13 columns in the order of Decree 154/2026, one row a citizen."""
    tpl = template("tcd03")
    paper = Paper(tpl, datetime.combine(end, datetime.min.time()), numbered=False)
    vals = _values(head, paper, {})

    def layout(sheet: Sheet) -> None:
        sheet.text(f"<b>{esc(tpl['form_no'])}</b>", align="right", size=sheet.size - 1)
        sheet.text(fill(paper.common["agency_parent"], vals), size=sheet.size - 1)
        sheet.text(f"<b>{fill(paper.common['agency_unit'], vals)}</b>", size=sheet.size - 1)
        formparts.title(sheet, tpl["title"])
        period = {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"}
        sheet.text(f"<i>{fill(tpl['period'], period)}</i>", align="center")
        columns = [esc(f"({i}) {vi}") for i, (vi, _) in enumerate(REGISTER_COLUMNS, 1)]
        widths_mm = [10, 18, 34, 23, 40, 17, 14, 20, 14, 23, 25, 21, 16]  # 275 mm
        rows = [columns] + [[esc(c) for c in e.columns(i)] for i, e in enumerate(entries, 1)]
        sheet.table(rows, [w * mm for w in widths_mm], size=8.5)
        sheet.space(3 * mm)
        sheet.text(f"<i>{fill(tpl['footer'], {'count': len(entries)})}</i>")

    return formparts.single("A4-landscape", "tcd03", tpl["title"], 11.0, layout)


# 01/TCD


def refusal(head: Letterhead, entry: ReceptionEntry, seq: int, desk_no: int, signer: str, signer_title: str) -> bytes:
    """Form 01/TCD: the notice refusing a reception, with the ground, given within 3 working days."""
    assert entry.refused_at is not None
    paper = Paper(template("tcd01"), entry.refused_at, seq, desk_no)
    vals = _values(
        head,
        paper,
        {
            "name": entry.person_name,
            "address": entry.person_address,
            "cccd": entry.person_cccd,
            "received": f"{entry.received_at:%d/%m/%Y}",
            "content": entry.content,
            "reason": entry.refusal_reason,
            "number": entry.number,
            "signer": signer,
            "signer_title": signer_title,
        },
    )

    def layout(sheet: Sheet) -> None:
        _opening(sheet, head, paper, vals)
        sheet.text(fill(paper.form["addressee"], vals), align="center", after=sheet.size * 0.5)
        formparts.lines(sheet, paper.form["lines"], vals)
        formparts.signatures(sheet, paper.form["signatures"], vals, paper.form["recipients"])

    return formparts.single("A4", "tcd01", paper.form["subtitle"], SIZE, layout)


# 02/TCD


def documents_receipt(head: Letterhead, entry: ReceptionEntry, receiver: str) -> bytes:
    """Form 02/TCD: what the citizen handed in, each paper with its kind and pages; two signatures."""
    dated = entry.documents_at or entry.received_at
    paper = Paper(template("tcd02"), dated, numbered=False)
    vals = _values(
        head,
        paper,
        {
            "time": time_words(dated),
            "receiver": receiver,
            "name": entry.person_name,
            "address": entry.person_address,
            "cccd": entry.person_cccd,
            "content": entry.content,
            "number": entry.number,
            "provider": "" if entry.confidential else entry.person_name,
        },
    )

    def layout(sheet: Sheet) -> None:
        _opening(sheet, head, paper, vals)
        formparts.lines(sheet, paper.form["lines"], vals)
        rows = [[esc(h) for h in paper.form["items_head"]]]
        rows += [
            [str(i), esc(d["name"]), esc(label(rules.DOCUMENT_KINDS, d["kind"])), str(d["pages"])]
            for i, d in enumerate(entry.documents, 1)
        ]
        w = sheet.width
        sheet.table(rows, [0.09 * w, 0.56 * w, 0.2 * w, 0.15 * w])
        sheet.space(sheet.size * 0.3)
        formparts.lines(sheet, paper.form["after_items"], vals)
        formparts.signatures(sheet, paper.form["signatures"], vals)

    return formparts.single("A4", "tcd02", paper.form["title"], SIZE, layout)


# The conclusion notice of a leader's session


def conclusion(
    head: Letterhead,
    session: Mapping[str, Any],
    entries: Sequence[ReceptionEntry],
    follow_ups: Sequence[FollowUp],
    desk_no: int,
) -> bytes:
    tpl = template("conclusion")
    paper = Paper(tpl, parse_iso(session["concluded_at"]), session["conclusion_seq"], desk_no)
    role = label(rules.LEADER_ROLES, session["leader_role"])
    matters: dict[str, list[ReceptionEntry]] = {}
    for e in entries:
        matters.setdefault(e.matter_id or e.id, []).append(e)
    vals = _values(
        head,
        paper,
        {
            "role": role,
            "role_upper": role.upper(),
            "leader": session["leader_name"],
            "day": f"{date.fromisoformat(session['day']):%d/%m/%Y}",
            "regular": "định kỳ" if session["regular"] else "đột xuất",
            "mode": label(rules.MODES, session["mode"]).lower(),
            "place": session["place"] or "trụ sở Ủy ban nhân dân xã",
            "received_by": "; ".join(json.loads(session["received_by"])) or session["leader_name"],
            "people": sum(max(e.people_count for e in g) for g in matters.values()),
            "matters": len(matters),
            "raised": session["raised"],
            "signer": session["signer"],
        },
    )

    def layout(sheet: Sheet) -> None:
        _opening(sheet, head, paper, vals)
        formparts.lines(sheet, tpl["lines"], vals)
        for i, group in enumerate(matters.values(), 1):
            names = ", ".join(e.person_name for e in group)
            first = group[0]
            kind = label(rules.KINDS, first.kind)
            said = f"{i}. {names} ({first.people_count} người cùng nội dung) — {kind}: {first.content}"
            sheet.text(esc(said), align="justify")
        formparts.lines(sheet, [tpl["raised"], tpl["conclusion_head"]], vals)
        for line in nfc(session["conclusion"]).splitlines():
            sheet.text(esc(line), align="justify")
        if follow_ups:
            sheet.text(tpl["follow_head"])
            _follow_table(sheet, tpl["items_head"], follow_ups, True)
        formparts.signatures(sheet, tpl["signatures"], vals, tpl["recipients"])

    return formparts.single("A4", "tbkl", "Thông báo kết luận tiếp công dân", SIZE, layout)


# The minutes of a dialogue


def minutes(head: Letterhead, dialogue: Mapping[str, Any], follow_ups: Sequence[FollowUp], desk_no: int) -> bytes:
    tpl = template("minutes")
    held = parse_iso(dialogue["held_at"])
    paper = Paper(tpl, held, dialogue["seq"], desk_no)
    attendees = [*json.loads(dialogue["attendees"]), f"{dialogue['residents']} người dân"]
    vals = _values(
        head,
        paper,
        {
            "kind": label(rules.DIALOGUE_KINDS, dialogue["kind"]),
            "subject": dialogue["subject"],
            "time": time_words(held),
            "place": dialogue["place"],
            "chair": dialogue["chair"],
            "secretary": dialogue["secretary"],
            "attendees": "; ".join(attendees),
        },
    )

    def layout(sheet: Sheet) -> None:
        _opening(sheet, head, paper, vals)
        formparts.lines(sheet, tpl["lines"], vals)
        for i, item in enumerate(json.loads(dialogue["issues"]), 1):
            said = {"n": i, "raised_by": item["raised_by"] or "người dân", "issue": item["issue"]}
            formparts.lines(sheet, [tpl["issue"]], said)
            formparts.lines(sheet, [tpl["answer"]], {"answer": item["answer"] or tpl["no_answer"]})
        if follow_ups:
            sheet.text(tpl["follow_head"])
            _follow_table(sheet, tpl["items_head"], follow_ups, False)
        formparts.lines(sheet, tpl["after_items"], vals)
        formparts.signatures(sheet, tpl["signatures"], vals)

    return formparts.single("A4", "bbdt", "Biên bản hội nghị đối thoại", SIZE, layout)


# The leaders' reception schedule


def schedule(head: Letterhead, sessions: Sequence[Mapping[str, Any]], start: date, end: date) -> bytes:
    """The chair's and the Party Secretary's days in a period, as posted and handed out."""
    tpl = template("schedule")
    paper = Paper(tpl, datetime.combine(start, datetime.min.time()), numbered=False)
    vals = _values(head, paper, {})

    def layout(sheet: Sheet) -> None:
        sheet.text(fill(paper.common["agency_parent"], vals), size=sheet.size - 1)
        sheet.text(f"<b>{fill(paper.common['agency_unit'], vals)}</b>", size=sheet.size - 1)
        formparts.title(sheet, tpl["title"])
        period = fill(tpl["period"], {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"})
        sheet.text(f"<i>{esc(period)}</i>", align="center")
        if not sessions:
            sheet.text(esc(tpl["none"]), align="center")
            return
        rows = [[esc(h) for h in tpl["items_head"]]]
        for i, s in enumerate(sessions, 1):
            day = date.fromisoformat(s["day"])
            where = s["place"] or tpl["default_place"]
            rows.append(
                [
                    str(i),
                    f"{WEEKDAYS_VI[day.weekday()]}<br/>{day:%d/%m/%Y}, {esc(s['starts'])}",
                    f"{esc(label(rules.LEADER_ROLES, s['leader_role']))}<br/><b>{esc(s['leader_name'])}</b>",
                    f"{esc(label(rules.MODES, s['mode']))}<br/>{esc(where)}",
                    esc(tpl["regular"] if s["regular"] else tpl["unscheduled"]),
                ]
            )
        w = sheet.width
        sheet.table(rows, [0.07 * w, 0.2 * w, 0.3 * w, 0.28 * w, 0.15 * w], size=sheet.size - 1.5)
        sheet.space(sheet.size * 0.5)
        sheet.text(tpl["note"])

    return formparts.single("A4", "lich", tpl["title"], 11.5, layout)


# The disclosure board and the quarterly list


def board(head: Letterhead, items: Sequence[Posting], day: date, *, quarter: tuple[int, int] | None = None) -> bytes:
    tpl = template("board")
    paper = Paper(tpl, datetime.combine(day, datetime.min.time()), numbered=False)
    vals = _values(head, paper, {})
    heading = (
        tpl["title"] if quarter is None else fill(tpl["quarterly_title"], {"year": quarter[0], "quarter": quarter[1]})
    )

    def layout(sheet: Sheet) -> None:
        sheet.text(fill(paper.common["agency_parent"], vals), size=sheet.size - 1)
        sheet.text(f"<b>{fill(paper.common['agency_unit'], vals)}</b>", size=sheet.size - 1)
        formparts.title(sheet, heading)
        sheet.text(f"<i>{fill(tpl['updated'], {'date': f'{day:%d/%m/%Y}'})}</i>", align="center")
        rows = [[esc(h) for h in tpl["items_head"]]]
        for i, p in enumerate(items, 1):
            until = tpl["permanent"] if p.until is None else f"{p.until:%d/%m/%Y}"
            if p.period_ended(day):
                until += f" {tpl['ended']}"
            body = "<br/>".join(esc(line) for line in p.body.splitlines())
            rows.append(
                [
                    str(i),
                    f"<b>{esc(p.title)}</b><br/>{body}",
                    esc(label(rules.DISCLOSURE_KINDS, p.kind)),
                    f"{p.posted_on:%d/%m/%Y}",
                    until,
                ]
            )
        w = sheet.width
        sheet.table(rows, [0.07 * w, 0.5 * w, 0.15 * w, 0.13 * w, 0.15 * w], size=sheet.size - 1.5)

    return formparts.single("A4", "board", heading, 11.0, layout)
