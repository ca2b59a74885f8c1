"""Forms 02–07 (Circular 03/2025; the 2018 editions for older dossiers), drawn with the receipt's helpers
(app.printing.typeset, formparts).

Wording lives in resources/forms/<form>.json (one file per edition); this module only places it. The caller
(app.printing.service) picks the edition, gathers the values, already as display text, and the number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.lib.units import mm

from app.printing import formparts
from app.printing.formparts import Letterhead, Paper, letterhead_values
from app.printing.typeset import Sheet
from app.printing.wording import esc, fill

LETTER_FORMS = ("supplement", "refusal", "apology", "stop")
SIGNED_ROW = 15 * mm  # a tracking-sheet row the giver and the receiver sign in
LOGBOOK_ROW = 11 * mm  # a logbook row, signed by the citizen collecting the result
LOGBOOK_SIGN_COLUMN = 25 * mm  # the logbook's "Ký nhận" column, at least


def render_letter(
    head: Letterhead,
    values: Mapping[str, object],
    paper: Paper,
    *,
    items: Sequence[str] = (),
    page: str = "A5",
) -> bytes:
    """Forms 02–05: header, title, the template's lines, optional items, signature."""
    tpl = paper.form
    vals = {**letterhead_values(head, paper.common), **values}

    def layout(sheet: Sheet) -> None:
        formparts.header(sheet, head, paper)
        formparts.title(sheet, tpl["title"])
        if "addressee" in tpl:
            sheet.text(fill(tpl["addressee"], vals), align="center", after=sheet.size * 0.6)
        formparts.lines(sheet, tpl["lines"], vals)
        if items and "items_head" in tpl:
            rows = [[esc(h) for h in tpl["items_head"]], *([str(i), esc(item)] for i, item in enumerate(items, 1))]
            sheet.table(rows, [8 * mm, sheet.width - 8 * mm])
            sheet.space(sheet.size * 0.3)
        formparts.lines(sheet, tpl.get("after_items", ()), vals)
        formparts.signatures(sheet, tpl["signatures"], vals, tpl.get("recipients", ()))

    name = str(tpl.get("symbol", "letter"))
    return formparts.single(page, name, f"{tpl['title']} {values.get('code', '')}", formparts.base_size(page), layout)


def render_tracking(
    head: Letterhead, values: Mapping[str, object], steps: Sequence[Sequence[str]], paper: Paper, *, page: str = "A5"
) -> bytes:
    """Form 06: one row per hand-over, with room for the giver's and the receiver's signatures; ``steps`` rows
    are (hand-over, when, giver, receiver, result, note) markup."""
    tpl = paper.form
    vals = {**letterhead_values(head, paper.common), **values}

    def layout(sheet: Sheet) -> None:
        formparts.header(sheet, head, paper)
        formparts.title(sheet, tpl["title"])
        formparts.lines(sheet, tpl["lines"], vals)
        total = sum(tpl["widths"])
        sheet.table(
            [[esc(h) for h in tpl["head"]], *steps],
            [sheet.width * w / total for w in tpl["widths"]],
            size=sheet.size - 1.5,
            min_height=SIGNED_ROW,
        )

    return formparts.single(
        page, "tracking", f"{tpl['title']} {values.get('code', '')}", formparts.base_size(page) - 0.5, layout
    )


def logbook_widths(widths: Sequence[float], total_width: float, sign_column: int) -> list[float]:
    """The template's relative widths over ``total_width``, the signature column no narrower than 2.5 cm."""
    sign = max(LOGBOOK_SIGN_COLUMN, total_width * widths[sign_column] / sum(widths))
    rest = sum(w for i, w in enumerate(widths) if i != sign_column)
    return [sign if i == sign_column else (total_width - sign) * w / rest for i, w in enumerate(widths)]


def render_logbook(
    head: Letterhead, period: Mapping[str, object], rows: Sequence[Sequence[str]], paper: Paper
) -> bytes:
    """Form 07 on A4 landscape; the header row repeats on every page. A book, not a document: no number."""
    tpl = paper.form
    page = "A4-landscape"

    def layout(sheet: Sheet) -> None:
        formparts.header(sheet, head, paper)
        formparts.title(sheet, tpl["title"])
        sheet.text(fill(tpl["period"], period), align="center", after=sheet.size * 0.6)
        sheet.table(
            [[esc(h) for h in tpl["head"]], *rows],
            logbook_widths(tpl["widths"], sheet.width, tpl["sign_column"]),
            size=sheet.size - 2.5,
            min_height=LOGBOOK_ROW,
        )

    return formparts.single(page, "logbook", tpl["title"], 12.0, layout)
