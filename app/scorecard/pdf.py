"""The scorecard and the periodic report as PDF papers (A4, Decree 30/2020 presentation) through the
printing parts every paper uses (app.printing: fonts, letterhead and motto, typeset tables, signatures,
page numbers). The charts are vector drawings (app.scorecard.charts). Wording lives in
resources/forms/report766.json and periodic.json; the figures are the report object's
(app.scorecard.report), so what is printed is what ``motcua report --format json`` says.

No document number is issued: the office's clerk numbers a report when it is signed and sent
("Số: ……"), as it numbers every outgoing report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from reportlab.lib.units import mm

from app.printing import formparts
from app.printing.formparts import Letterhead, Paper, letterhead_values
from app.printing.typeset import Sheet
from app.printing.wording import esc, fields, fill, template
from app.scorecard import charts, periodic, periods
from app.scorecard.records import Breakdown, IndicatorResult, Scorecard
from app.scorecard.report import COUNT_LABELS

SIZE = 13.0  # Decree 30: 13-14 pt on A4
TABLE = 10.5
CHANNELS = {"direct": "trực tiếp", "online": "trực tuyến", "post": "qua bưu chính"}
LOST_SHOWN = 40  # codes printed per indicator; the workbook lists them all
CHART_HEIGHT = 62 * mm
SIGNATURE = 50 * mm  # the signature block with the recipients (app.printing.formparts.signatures)
EXTRA_COUNTS = (
    ("digitised", "Hồ sơ số hóa"),
    ("electronic_result", "Hồ sơ có kết quả điện tử"),
    ("fee_dossiers", "Hồ sơ có phí, lệ phí"),
    ("paid_online", "  thanh toán trực tuyến"),
    ("ratings_declined", "Lượt từ chối đánh giá"),
)


def number(value: int | float | None, words: str = "—") -> str:
    """A figure as printed: thousands with dots, decimals with a comma (Vietnamese usage)."""
    if value is None:
        return words
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def percent(value: float | None, words: str = "—") -> str:
    return words if value is None else number(round(value * 100, 2)) + " %"


def _opening(sheet: Sheet, head: Letterhead, paper: Paper, period_words: str) -> dict[str, object]:
    vals = {**letterhead_values(head, paper.common), "period": period_words}
    formparts.header(sheet, head, paper)
    formparts.title(sheet, paper.form["title"])
    sheet.text(f"<b>{fill(paper.form['subtitle'], fields(vals))}</b>", align="center", after=sheet.size * 0.6)
    return vals


def _section(sheet: Sheet, text: str) -> None:
    sheet.room(sheet.size * 4)  # a heading never ends a page alone
    sheet.space(sheet.size * 0.3)
    sheet.text(f"<b>{esc(text)}</b>", after=sheet.size * 0.3)


def _indicator_row(i: IndicatorResult, tpl: Mapping[str, Any]) -> list[str]:
    words = {"no_data": tpl["no_data"], "empty": tpl["empty"]}.get(i.status, "—")
    name = esc(i.name_vi) + (" (*)" if i.assumption else "")
    return [
        esc(i.id),
        name,
        percent(i.value, words),
        number(i.points, "—"),
        number(i.max_points),
        number(i.points_lost, "—"),
        number(i.lost_count) if i.status == "ok" else "—",
    ]


def _indicators(sheet: Sheet, card: Scorecard, tpl: Mapping[str, Any]) -> None:
    w = sheet.width
    rows = [[esc(h) for h in tpl["indicator_head"]], *(_indicator_row(i, tpl) for i in card.indicators)]
    rows.append(["", f"<b>{esc(tpl['total'])}</b>", "", f"<b>{number(card.score)}</b>", number(card.reachable), "", ""])
    widths = [0.07 * w, 0.40 * w, 0.12 * w, 0.09 * w, 0.09 * w, 0.11 * w, 0.12 * w]
    sheet.table(rows, widths, size=TABLE, aligns=("left", "left", "right", "right", "right", "right", "right"))
    if any(i.assumption for i in card.indicators):
        sheet.text(f"<i>{esc(tpl['assumption'])}</i>", size=TABLE - 1)


def count_rows(card: Scorecard) -> list[tuple[str, str, int | None]]:
    """(key, label, value) of the counts the paper prints, in its order."""
    rows: list[tuple[str, str, int | None]] = [(k, vi, card.counts.get(k)) for k, vi, _ in COUNT_LABELS]
    rows[1:1] = [(f"by_channel.{ch}", f"  {CHANNELS.get(ch, ch)}", n) for ch, n in card.by_channel.items()]
    rows += [(k, vi, card.counts.get(k)) for k, vi in EXTRA_COUNTS]
    return rows


def _counts(sheet: Sheet, card: Scorecard, tpl: Mapping[str, Any]) -> None:
    w = sheet.width
    rows = [[esc(h) for h in tpl["count_head"]]]
    n = 0
    for _, label, value in count_rows(card):
        sub = label.startswith("  ")
        n += 0 if sub else 1
        text = ("– " if sub else "") + esc(label.strip())
        rows.append(["" if sub else str(n), f"<i>{text}</i>" if sub else text, number(value, tpl["no_data"])])
    sheet.table(rows, [0.08 * w, 0.70 * w, 0.22 * w], size=TABLE, aligns=("center", "left", "right"))


def _breakdown(sheet: Sheet, items: Sequence[Breakdown], tpl: Mapping[str, Any]) -> None:
    w = sheet.width
    keys = ("received", "ended", "early", "on_time", "late", "in_progress", "overdue_now", "ratings", "satisfied")
    rows = [[esc(h) for h in tpl["breakdown_head"]]]
    for n, b in enumerate(items, 1):
        rows.append([str(n), esc(b.label or b.key), *(number(getattr(b, k)) for k in keys)])
    totals = (f"<b>{number(sum(getattr(b, k) for b in items))}</b>" for k in keys)
    rows.append(["", f"<b>{esc(tpl['total'])}</b>", *totals])
    widths = [0.05 * w, 0.275 * w, *[0.075 * w] * len(keys)]
    sheet.table(rows, widths, size=TABLE - 1.5, aligns=("center", "left", *["right"] * len(keys)))


def _lost(sheet: Sheet, card: Scorecard, tpl: Mapping[str, Any]) -> None:
    w = sheet.width
    rows = [[esc(h) for h in tpl["lost_head"]]]
    for i in card.indicators:
        if not i.lost:
            continue
        codes = ", ".join(i.lost[:LOST_SHOWN])
        more = i.lost_count - min(len(i.lost), LOST_SHOWN)
        if more > 0:
            codes += " " + fill(tpl["lost_more"], {"more": number(more)})
        rows.append([f"{esc(i.id)} {esc(i.name_vi)}", esc(codes)])
    if len(rows) == 1:
        rows.append(["", esc(tpl["empty"])])
    sheet.table(rows, [0.35 * w, 0.65 * w], size=TABLE - 1)


def _charts(sheet: Sheet, card: Scorecard, tpl: Mapping[str, Any]) -> None:
    if not card.by_month:
        sheet.text(f"<i>{esc(tpl['no_months'])}</i>")
        return
    months = charts.every_month(card.by_month, card.period.start, min(card.period.end, card.as_of.date()))
    for caption, draw in ((tpl["chart_progress"], charts.progress), (tpl["chart_satisfaction"], charts.satisfaction)):
        if draw is charts.satisfaction and not any(b.ratings for b in months):
            continue
        sheet.room(CHART_HEIGHT + sheet.size * 2)
        charts.place(sheet, draw(months, sheet.width, CHART_HEIGHT))
        sheet.text(f"<i>{esc(caption)}</i>", size=TABLE, align="center", after=sheet.size * 0.6)


def _closing(sheet: Sheet, tpl: Mapping[str, Any], vals: Mapping[str, object]) -> None:
    formparts.signatures(sheet, tpl["signatures"], vals, tpl["recipients"])


def scorecard_pdf(card: Scorecard, head: Letterhead, dated: datetime) -> bytes:
    """The Decision 766 scorecard: score, indicators with the points lost, counts, monthly charts, per
    procedure and per clerk tables, and the dossiers that cost points."""
    tpl = template("report766")
    paper = Paper(tpl, dated)
    sections = tpl["sections"]

    def layout(sheet: Sheet) -> None:
        vals = _opening(sheet, head, paper, periods.words(card.period))
        score = {
            "score": number(card.score),
            "reachable": number(card.reachable),
            "as_of": f"{card.as_of:%H:%M %d/%m/%Y}",
            "rules_from": f"{card.rules_from:%d/%m/%Y}",
        }
        sheet.text(fill(tpl["score"], score), align="justify", after=sheet.size * 0.4)
        _section(sheet, sections["indicators"])
        _indicators(sheet, card, tpl)
        _section(sheet, sections["counts"])
        _counts(sheet, card, tpl)
        _section(sheet, sections["charts"])
        _charts(sheet, card, tpl)
        _section(sheet, sections["procedures"])
        _breakdown(sheet, card.by_procedure, tpl)
        _section(sheet, sections["clerks"])
        _breakdown(sheet, card.by_clerk, tpl)
        _section(sheet, sections["lost"])
        _lost(sheet, card, tpl)
        _closing(sheet, tpl, vals)

    return formparts.single("A4", "bc766", f"Báo cáo Bộ chỉ số 766 — {card.unit.name}", SIZE, layout)


def periodic_pdf(card: Scorecard, head: Letterhead, dated: datetime) -> bytes:
    """The periodic report on citizen reception, complaints, denunciations and feedback
    (app.scorecard.periodic.ROWS, the Circular 02/2021/TT-TTCP shape)."""
    tpl = template("periodic")
    paper = Paper(tpl, dated)
    figures = card.citizens or {}

    def layout(sheet: Sheet) -> None:
        words = periods.words(card.period)
        vals = _opening(sheet, head, paper, words)
        opening = {**vals, "as_of": f"{card.as_of:%H:%M ngày %d/%m/%Y}"}
        sheet.text(fill(tpl["opening"], fields(opening)), align="justify", after=sheet.size * 0.5)
        w = sheet.width
        sections: list[list[list[str]]] = []
        n = 0
        for key, vi, _, level in periodic.ROWS:
            if level == 0:  # each part its own table, its heading kept with its first rows
                sections.append([[esc(h) for h in tpl["head"]], ["", f"<b>{esc(vi)}</b>", ""]])
                n = 0
                continue
            n += level == 1
            label = esc(vi) if level == 1 else f"<i>– {esc(vi)}</i>"
            sections[-1].append([str(n) if level == 1 else "", label, number(figures.get(key))])
        for rows in sections:
            # A part's heading stays with its first rows; the last part stays with the signature.
            sheet.room(len(rows) * 9 * mm + SIGNATURE if rows is sections[-1] else sheet.size * 8)
            sheet.table(rows, [0.08 * w, 0.72 * w, 0.20 * w], size=TABLE + 0.5, aligns=("center", "left", "right"))
            sheet.space(sheet.size * 0.4)
        _closing(sheet, tpl, vals)

    return formparts.single("A4", "bcdk", f"Báo cáo tiếp công dân, khiếu nại, tố cáo — {card.unit.name}", SIZE, layout)
