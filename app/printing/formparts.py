"""The parts every form shares: letterhead, title, signatures, marks, canvases."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.core.text import nfc
from app.printing.fonts import FONT, register_fonts
from app.printing.typeset import MARGIN, MARK_RED, PAGE_SIZES, Block, Cell, Sheet, block, fitted
from app.printing.wording import common_for, date_words, esc, fields, fill, in_running_text, template

# the parts every form shares

SIGN_SPACE = 25 * mm  # room to sign (and stamp) between the hint and the printed name


@dataclass(frozen=True)
class Letterhead:
    """Who issues the form; the same on every form of the desk."""

    agency_name: str
    place: str
    collect_place: str = ""  # the desk's own wording; empty: the form edition's default


@dataclass(frozen=True)
class Paper:
    """One document: the template edition it is printed on, its number and the date it bears."""

    form: Mapping[str, Any]  # the edition of the form's template (app.printing.wording.template)
    dated: datetime
    seq: int | None = None  # the document number (per form kind, year and desk); None: left blank
    desk_no: int = 0
    numbered: bool = True  # False: no "Số:" line at all (the logbook)

    @cached_property
    def common(self) -> Mapping[str, Any]:
        return common_for(self.form)

    def number_text(self) -> str:
        if self.seq is None:
            return self.common["unnumbered"]
        return fill(
            self.common["number"],
            {"seq": f"{self.seq:02d}", "symbol": self.form.get("symbol", ""), "desk": self.desk_no},
        )


def letterhead_values(head: Letterhead, common: Mapping[str, Any]) -> dict[str, object]:
    running = in_running_text(head.agency_name)
    return {
        "agency_name": running,
        "agency_name_upper": head.agency_name.upper(),
        "unit_name": common["unit_name"],
        "collect_place": head.collect_place or fill(common["collect_place"], {"agency_name": running}),
        "place": head.place,
    }


def _rule(sheet: Sheet, b: Block, x: float, top: float, *, fraction: float, gap: float) -> float:
    """A solid rule under ``b``'s last line, ``fraction`` of that line's length, centred; returns its y.
    ``gap`` below the baseline keeps it clear of descenders (g, p, y, ạ) as Decree 30 lays the motto out."""
    last = b.lines[-1]
    baseline = top - (len(b.lines) - 1) * b.leading - b.size * 0.95
    y = baseline - gap
    length = last.width * fraction
    cx = x + b.width / 2
    sheet.canv.setLineWidth(0.6)
    sheet.canv.line(cx - length / 2, y, cx + length / 2, y)
    return y


def header(sheet: Sheet, head: Letterhead, paper: Paper) -> None:
    """Decree 30/2020's first lines: the form number top right; the agency (its parent above, the issuing unit
    in bold, a short rule) on the left, the national motto (a rule as long as its second line) on the right;
    then the document number under the agency and the place and date, in italics, under the motto."""
    common = paper.common
    values = fields(letterhead_values(head, common))
    small = sheet.size - 0.5
    if paper.form.get("form_no"):
        sheet.text(f"<b>{esc(paper.form['form_no'])}</b>", size=small, align="right", after=small * 0.2)
    lw, rw = sheet.width * 0.43, sheet.width * 0.57
    top = sheet.y
    left_x, right_x = sheet.left, sheet.left + lw
    parent = block(fill(common["agency_parent"], values), lw - 2, small, align="center")
    unit = block(fill(common["agency_unit"], values), lw - 2, small, align="center", bold=True)
    parent.draw(sheet.pen, left_x + 1, top)
    unit.draw(sheet.pen, left_x + 1, top - parent.height)
    left_rule = _rule(sheet, unit, left_x + 1, top - parent.height, fraction=0.4, gap=small * 0.55)
    motto = fitted(esc(common["motto"]), rw - 2, small, minimum=small - 1.5)
    motto.draw(sheet.pen, right_x + 1, top)
    sub = block(f"<b>{esc(common['motto_sub'])}</b>", rw - 2, small + 0.5, align="center")
    sub.draw(sheet.pen, right_x + 1, top - motto.height)
    right_rule = _rule(sheet, sub, right_x + 1, top - motto.height, fraction=1.0, gap=(small + 0.5) * 0.36)
    sheet.y = min(left_rule, right_rule) - sheet.size * 0.35
    place_date = fill(common["place_date"], {"place": head.place, "date": date_words(paper.dated)})
    cells: list[Cell] = [
        [block(esc(paper.number_text()), lw - 2, sheet.size, align="center")] if paper.numbered else [],
        [block(place_date, rw - 2, sheet.size, align="center", italic=True)],
    ]
    sheet.row(cells, [lw, rw], pad=1.0)


def title(sheet: Sheet, text: str) -> None:
    sheet.space(sheet.size * 0.5)
    sheet.put(fitted(esc(text), sheet.width, sheet.size + 2.5, minimum=sheet.size + 0.5))
    sheet.space(sheet.size * 0.3)


def lines(sheet: Sheet, templates: Sequence[str], values: Mapping[str, object]) -> None:
    """The template's paragraphs, justified as Decree 30 sets a document's body."""
    values = fields(values)
    for line in templates:
        sheet.text(fill(line, values), align="justify")


def signatures(
    sheet: Sheet,
    blocks: Sequence[Mapping[str, str]],
    values: Mapping[str, object],
    recipients: Sequence[str] = (),
) -> None:
    """Side-by-side signature blocks: a title, a hint, room to sign (``SIGN_SPACE``), the printed name. A lone
    signer signs on the right half, as Decree 30 places the signature, with the recipients ("Nơi nhận") left."""
    values = fields(values)
    w = sheet.width / max(len(blocks), 2)
    cells: list[Cell] = []
    for b in blocks:
        name = fill(b.get("name", ""), values)
        cells.append(
            [
                block(fill(b["title"], values), w - 4, sheet.size, align="center", bold=True),
                block(fill(b.get("hint", ""), values), w - 4, sheet.size - 1.5, align="center", italic=True),
                SIGN_SPACE,
                block(name, w - 4, sheet.size, align="center", bold=True),
            ]
        )
    if len(blocks) == 1:
        left: Cell = []
        if recipients:
            items = "<br/>".join(f"- {fill(r, values)}" for r in recipients)
            left = [
                block(f"<b><i>{esc(template('common')['recipients'])}</i></b>", w - 4, sheet.size - 0.5),
                block(items, w - 4, sheet.size - 1.5),
            ]
        cells.insert(0, left)
    sheet.space(sheet.size * 0.4)
    sheet.row(cells, [w] * len(cells))


def reprint_mark(canv: Canvas, page: str, n: int) -> None:
    """ "BẢN SAO (in lại lần n)" in red across the top margin of the page."""
    w, h = PAGE_SIZES[page]
    b = block(
        fill(template("common")["reprint"], {"n": n}), w - 2 * MARGIN, 9, align="center", bold=True, color=MARK_RED
    )
    b.draw(canv, MARGIN, h - 2.5 * mm)


def page_number(canv: Canvas, page: str, number: int) -> None:
    """Decree 30 numbers the pages of a document longer than one page, centred in the top margin."""
    w, h = PAGE_SIZES[page]
    canv.setFont(FONT, 9)
    canv.drawCentredString(w / 2, h - MARGIN * 0.55, str(number))


def new_canvas(page: str, title_text: str) -> tuple[Canvas, io.BytesIO]:
    register_fonts()
    out = io.BytesIO()
    # initialFontName: the page preamble's font, else reportlab names Helvetica (never embedded) in every PDF.
    canv = Canvas(out, pagesize=PAGE_SIZES[page], pageCompression=0, initialFontName=FONT, initialFontSize=9)
    canv.setTitle(nfc(title_text))
    canv.setAuthor("MotCua Desk")
    canv.setCreator("MotCua Desk")
    return canv, out


def emit(
    canv: Canvas,
    out: io.BytesIO,
    forms: Sequence[str],
    page: str,
    *,
    reprint: int = 0,
    on_page: Callable[[int], None] | None = None,
) -> None:
    """Place the laid-out pages (one copy); ``on_page(i)`` draws that copy's marks on page i."""
    for i, form in enumerate(forms):
        canv.doForm(form)
        if reprint:
            reprint_mark(canv, page, reprint)
        if on_page:
            on_page(i)
        if i > 0:
            page_number(canv, page, i + 1)
        canv.showPage()


def finish(canv: Canvas, out: io.BytesIO) -> bytes:
    canv.save()
    return out.getvalue()


def single(
    page: str, name: str, title_text: str, size: float, layout: Callable[[Sheet], None], *, reprint: int = 0
) -> bytes:
    """A one-copy form: lay it out with ``layout(sheet)`` and return the PDF."""
    canv, out = new_canvas(page, title_text)
    sheet = Sheet(canv, page, size, name)
    layout(sheet)
    emit(canv, out, sheet.finish(), page, reprint=reprint)
    return finish(canv, out)


def base_size(page: str) -> float:
    """Decree 30 sets text in 13–14 pt on A4; A5 is A4 scaled by 1/√2."""
    return 9.5 if page == "A5" else 13.0
