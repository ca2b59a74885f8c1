"""Forms 02–06 and the stop-processing notice, drawn with the receipt's helpers (app.printing.typeset, formparts).

Wording lives in resources/forms/<form>.json; this module only places it. The caller (app.printing.service)
gathers the values, already as display text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from reportlab.lib.units import mm

from app.printing import formparts
from app.printing.formparts import Letterhead, letterhead_values
from app.printing.typeset import Sheet
from app.printing.wording import esc, fill, template

LETTER_FORMS = ("supplement", "refusal", "apology", "stop")


def render_letter(
    form: str,
    head: Letterhead,
    values: Mapping[str, object],
    *,
    dated: datetime,
    items: Sequence[str] = (),
    page: str = "A5",
) -> bytes:
    """Forms 02, 03, 04 and the stop notice: header, title, the template's lines, optional items, signature."""
    tpl = template(form)
    vals = {**letterhead_values(head), **values}

    def layout(sheet: Sheet) -> None:
        formparts.header(sheet, head, number="……", dated=dated)
        formparts.title(sheet, tpl["title"])
        if "addressee" in tpl:
            sheet.text(fill(tpl["addressee"], vals), align="center", after=sheet.size * 0.6)
        formparts.lines(sheet, tpl["lines"], vals)
        if items and "items_head" in tpl:
            rows = [[esc(h) for h in tpl["items_head"]], *([str(i), esc(item)] for i, item in enumerate(items, 1))]
            sheet.table(rows, [8 * mm, sheet.width - 8 * mm])
            sheet.space(sheet.size * 0.3)
        formparts.lines(sheet, tpl.get("after_items", ()), vals)
        formparts.signatures(sheet, tpl["signatures"], vals)

    return formparts.single(
        page, form, tpl["form_no"], f"{tpl['title']} {values.get('code', '')}", formparts.base_size(page), layout
    )


def render_tracking(
    head: Letterhead, values: Mapping[str, object], steps: Sequence[Sequence[str]], *, dated: datetime, page: str = "A5"
) -> bytes:
    """Form 05: one row per hand-over; ``steps`` rows are (who gave / received, when, result, note) markup."""
    tpl = template("tracking")
    vals = {**letterhead_values(head), **values}

    def layout(sheet: Sheet) -> None:
        formparts.header(sheet, head, number="……", dated=dated)
        formparts.title(sheet, tpl["title"])
        formparts.lines(sheet, tpl["lines"], vals)
        w = sheet.width
        sheet.table([[esc(h) for h in tpl["head"]], *steps], [w * 0.34, w * 0.2, w * 0.2, w * 0.26])

    return formparts.single(
        page, "tracking", tpl["form_no"], f"{tpl['title']} {values.get('code', '')}", formparts.base_size(page), layout
    )


def render_logbook(
    head: Letterhead, period: Mapping[str, object], rows: Sequence[Sequence[str]], *, dated: datetime
) -> bytes:
    """Form 06 on A4 landscape; the header row repeats on every page."""
    tpl = template("logbook")
    page = "A4-landscape"

    def layout(sheet: Sheet) -> None:
        formparts.header(sheet, head, number="……", dated=dated)
        formparts.title(sheet, tpl["title"])
        sheet.text(fill(tpl["period"], period), align="center", after=sheet.size * 0.6)
        total = sum(tpl["widths"])
        sheet.table(
            [[esc(h) for h in tpl["head"]], *rows],
            [sheet.width * w / total for w in tpl["widths"]],
            size=sheet.size - 1.5,
        )

    return formparts.single(page, "logbook", tpl["form_no"], tpl["title"], 9.0, layout)
