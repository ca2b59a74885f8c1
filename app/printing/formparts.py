"""The parts every form shares: letterhead, title, signatures, marks, canvases."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.core.text import nfc
from app.printing.fonts import FONT, prime_fonts, register_fonts
from app.printing.typeset import MARGIN, MARK_RED, PAGE_SIZES, Cell, Sheet, block, fitted
from app.printing.wording import date_words, esc, fields, fill, template

# the parts every form shares


@dataclass(frozen=True)
class Letterhead:
    """Who issues the form; the same on every form of the desk."""

    agency_name: str
    place: str
    collect_place: str


def letterhead_values(head: Letterhead) -> dict[str, object]:
    return {
        "agency_name": head.agency_name,
        "agency_name_upper": head.agency_name.upper(),
        "collect_place": head.collect_place,
        "place": head.place,
    }


def header(sheet: Sheet, head: Letterhead, *, number: str, dated: datetime) -> None:
    """Agency on the left, the national motto on the right, number and place/date under them."""
    common = template("common")
    values = fields(letterhead_values(head))
    small = sheet.size - 1.5
    lw, rw = sheet.width * 0.42, sheet.width * 0.58
    agency = "<br/>".join(fill(line, values) for line in common["agency_lines"])
    left: Cell = [
        block(agency, lw - 4, small, align="center", bold=True),
        block("—————", lw - 4, small, align="center"),
    ]
    motto = f"{esc(common['motto'])}<br/><u>{esc(common['motto_sub'])}</u>"
    right: Cell = [block(motto, rw - 4, small, align="center", bold=True)]
    sheet.row([left, right], [lw, rw], pad=1.0)
    place_date = fill(common["place_date"], {"place": head.place, "date": date_words(dated)})
    sheet.row(
        [
            [block(fill(common["number"], {"number": number}), lw - 4, sheet.size, align="center")],
            [block(place_date, rw - 4, sheet.size, align="center", italic=True)],
        ],
        [lw, rw],
        pad=1.0,
    )


def title(sheet: Sheet, text: str) -> None:
    sheet.space(sheet.size * 0.5)
    sheet.put(fitted(esc(text), sheet.width, sheet.size + 2.5, minimum=sheet.size + 0.5))
    sheet.space(sheet.size * 0.3)


def lines(sheet: Sheet, templates: Sequence[str], values: Mapping[str, object]) -> None:
    values = fields(values)
    for line in templates:
        sheet.text(fill(line, values))


def signatures(sheet: Sheet, blocks: Sequence[Mapping[str, str]], values: Mapping[str, object]) -> None:
    """Side-by-side signature blocks: a title, a hint, room to sign, the printed name."""
    w = sheet.width / len(blocks)
    values = fields(values)
    cells: list[Cell] = []
    for b in blocks:
        name = fill(b.get("name", ""), values)
        cells.append(
            [
                block(fill(b["title"], values), w - 4, sheet.size, align="center", bold=True),
                block(fill(b.get("hint", ""), values), w - 4, sheet.size - 1.5, align="center", italic=True),
                14 * mm,
                block(name, w - 4, sheet.size, align="center", bold=True),
            ]
        )
    sheet.space(sheet.size * 0.4)
    sheet.row(cells, [w] * len(blocks))


def reprint_mark(canv: Canvas, page: str, n: int) -> None:
    """ "BẢN SAO (in lại lần n)" in red across the top margin of the page."""
    w, h = PAGE_SIZES[page]
    b = block(
        fill(template("common")["reprint"], {"n": n}), w - 2 * MARGIN, 10, align="center", bold=True, color=MARK_RED
    )
    b.draw(canv, MARGIN, h - 2.5 * mm)


def page_number(canv: Canvas, page: str, label: str, number: int) -> None:
    w, _ = PAGE_SIZES[page]
    canv.setFont(FONT, 6.5)
    canv.drawRightString(w - MARGIN, MARGIN * 0.45, f"{nfc(label)} · {number}")


def new_canvas(page: str, title_text: str) -> tuple[Canvas, io.BytesIO]:
    register_fonts()
    out = io.BytesIO()
    canv = Canvas(out, pagesize=PAGE_SIZES[page])
    prime_fonts(canv)
    canv.setTitle(nfc(title_text))
    canv.setAuthor("MotCua Desk")
    canv.setCreator("MotCua Desk")
    return canv, out


def emit(
    canv: Canvas,
    out: io.BytesIO,
    forms: Sequence[str],
    page: str,
    label: str,
    *,
    reprint: int = 0,
    on_page: Callable[[int], None] | None = None,
    start: int = 1,
) -> None:
    """Place the laid-out pages (one copy); ``on_page(i)`` draws that copy's marks on page i."""
    for i, form in enumerate(forms):
        canv.doForm(form)
        if reprint:
            reprint_mark(canv, page, reprint)
        if on_page:
            on_page(i)
        page_number(canv, page, label, start + i)
        canv.showPage()


def finish(canv: Canvas, out: io.BytesIO) -> bytes:
    canv.save()
    return out.getvalue()


def single(
    page: str, name: str, label: str, title_text: str, size: float, layout: Callable[[Sheet], None], *, reprint: int = 0
) -> bytes:
    """A one-copy form: lay it out with ``layout(sheet)`` and return the PDF."""
    canv, out = new_canvas(page, title_text)
    sheet = Sheet(canv, page, size, name)
    layout(sheet)
    emit(canv, out, sheet.finish(), page, label, reprint=reprint)
    return finish(canv, out)


def base_size(page: str) -> float:
    return 9.0 if page == "A5" else 11.0
