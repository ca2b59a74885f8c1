"""A small layout engine: rich text measured and wrapped, sheets of slots, vector QR codes."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from app.printing.fonts import font_name, register_fonts

PAGE_SIZES = {"A5": A5, "A4": A4, "A4-landscape": landscape(A4)}
MARGIN = 11 * mm
MARK_RED = colors.HexColor("#b00000")


# rich text: markup -> measured lines


@dataclass(frozen=True)
class Piece:
    text: str
    font: str  # the style's own font (bold, italic): see app.printing.fonts.font_name
    underline: bool = False


_TAG = re.compile(r"<(/?)([biu])>|<br\s*/?>")
_TOKEN = re.compile(r"\s+|\S+")


def _font(bold: bool, italic: bool = False) -> str:
    return font_name(bold=bold, italic=italic)


def parse(markup: str, *, bold: bool = False, italic: bool = False) -> list[list[Piece]]:
    """Markup to hard lines of pieces; text between tags is unescaped here."""
    lines: list[list[Piece]] = [[]]
    state = {"b": bold, "i": italic, "u": False}
    pos = 0

    def add(text: str) -> None:
        if text:
            lines[-1].append(Piece(unescape(text), _font(state["b"], state["i"]), state["u"]))

    for m in _TAG.finditer(markup):
        add(markup[pos : m.start()])
        if m.group(2) is None:
            lines.append([])
        else:
            state[m.group(2)] = not m.group(1)
        pos = m.end()
    add(markup[pos:])
    return lines


@dataclass
class Line:
    pieces: list[tuple[float, Piece]] = field(default_factory=list)  # (x offset, piece)
    width: float = 0.0
    broken: bool = False  # ended by wrapping, not by the paragraph's end: set full width when justified


def _split_long(word: str, font: str, size: float, width: float) -> list[str]:
    parts, cur = [], ""
    for ch in word:
        if cur and pdfmetrics.stringWidth(cur + ch, font, size) > width:
            parts.append(cur)
            cur = ch
        else:
            cur += ch
    return [*parts, cur] if cur else parts


@lru_cache(maxsize=2048)
def wrap(markup: str, width: float, size: float, *, bold: bool = False, italic: bool = False) -> list[Line]:
    """Greedy word wrap; spaces at a break vanish; a word wider than ``width`` is split.

    Cached: headers, titles and labels repeat on every form (callers never mutate the result)."""
    out: list[Line] = []
    for hard in parse(markup, bold=bold, italic=italic):
        line, pending = Line(), 0.0
        for piece in hard:
            for tok in _TOKEN.findall(piece.text):
                w = pdfmetrics.stringWidth(tok, piece.font, size)
                if tok.isspace():
                    pending = pdfmetrics.stringWidth(" ", piece.font, size) if line.pieces else 0.0
                    continue
                chunks = [tok] if w <= width else _split_long(tok, piece.font, size, width)
                for chunk in chunks:
                    cw = w if len(chunks) == 1 else pdfmetrics.stringWidth(chunk, piece.font, size)
                    if line.pieces and line.width + pending + cw > width:
                        line.broken = True
                        out.append(line)
                        line, pending = Line(), 0.0
                    x = line.width + pending
                    last = line.pieces[-1][1] if line.pieces else None
                    if last and (last.font, last.underline) == (piece.font, piece.underline):
                        # One drawString per run of the same style: the space keeps its measured width.
                        line.pieces[-1] = (
                            line.pieces[-1][0],
                            Piece(last.text + (" " if pending else "") + chunk, last.font, last.underline),
                        )
                    else:
                        line.pieces.append((x, Piece(chunk, piece.font, piece.underline)))
                    line.width = x + cw
                    pending = 0.0
        out.append(line)
    return out


class Pen:
    """Text for one page (or form XObject) gathered into one text object with reportlab's public text API
    (``beginText``, ``setTextOrigin``, ``setFont``, ``textOut``, ``drawText``), the font set only when it
    changes: one object per page costs less than one per paragraph. ``flush`` writes it to the canvas; text
    and rules never overlap on a form, so writing the text after the rules paints the same page."""

    def __init__(self, canv: Canvas) -> None:
        self.canv = canv
        self._text = canv.beginText()
        self._font: tuple[str, float] | None = None
        self._word_space = 0.0
        self._empty = True

    def run(self, x: float, baseline: float, font: str, size: float, text: str, word_space: float = 0.0) -> None:
        """``text`` at (x, baseline); ``word_space`` widens each of its spaces (PDF's Tw, public as setWordSpace:
        every TrueType subset reportlab makes keeps code 32 for the space, the only byte Tw applies to)."""
        self._text.setTextOrigin(x, baseline)
        if self._font != (font, size):
            self._text.setFont(font, size)
            self._font = (font, size)
        if self._word_space != word_space:
            self._text.setWordSpace(word_space)
            self._word_space = word_space
        self._text.textOut(text)
        self._empty = False

    def flush(self) -> None:
        if not self._empty:
            self.canv.drawText(self._text)
        self._text = self.canv.beginText()
        self._font = None
        self._word_space = 0.0
        self._empty = True


def _canvas(target: Canvas | Pen) -> Canvas:
    return target.canv if isinstance(target, Pen) else target


@dataclass
class Block:
    """Measured text: wrapped lines in a box of ``width``."""

    lines: list[Line]
    size: float
    width: float
    align: str = "left"
    color: Any = None

    @property
    def leading(self) -> float:
        return self.size * 1.28

    @property
    def height(self) -> float:
        return len(self.lines) * self.leading

    def draw_line(self, target: Canvas | Pen, line: Line, x: float, baseline: float) -> None:
        self._draw(target, [(line, baseline)], x)

    def _draw(self, target: Canvas | Pen, lines: Sequence[tuple[Line, float]], x: float) -> None:
        """``lines`` (line, baseline) with ``target``'s pen, or with a pen of their own on a bare canvas or
        in colour (the pen's text is written when it is flushed, so a colour must not wait for it)."""
        pen = target if isinstance(target, Pen) and self.color is None else Pen(_canvas(target))
        for line, baseline in lines:
            if self.align == "justify" and line.broken:
                self._justified(pen, line, x, baseline)
                continue
            shift = {"left": 0.0, "justify": 0.0, "center": (self.width - line.width) / 2}.get(
                self.align, self.width - line.width
            )
            under: list[float] = []
            for dx, piece in line.pieces:
                px = x + shift + dx
                pen.run(px, baseline, piece.font, self.size, piece.text)
                if piece.underline:
                    end = px + pdfmetrics.stringWidth(piece.text, piece.font, self.size)
                    under = [under[0] if under else px, end]
                elif under:
                    self._underline(pen.canv, under[0], under[1], baseline, self.size)
                    under = []
            if under:
                self._underline(pen.canv, under[0], under[1], baseline, self.size)
        if pen is not target:
            if self.color is not None:
                pen.canv.setFillColor(self.color)
            pen.flush()
            if self.color is not None:
                pen.canv.setFillColor(colors.black)

    def _justified(self, pen: Pen, line: Line, x: float, baseline: float) -> None:
        """Decree 30 justifies the body: the line's spaces widen so it ends at the right edge. Each style run is
        one string with its real spaces, widened by the word spacing; a gap between two runs widens as much."""
        ends = [dx + pdfmetrics.stringWidth(p.text, p.font, self.size) for dx, p in line.pieces]
        joins = [i for i in range(1, len(line.pieces)) if line.pieces[i][0] > ends[i - 1] + 0.01]
        gaps = sum(p.text.count(" ") for _, p in line.pieces) + len(joins)
        extra = (self.width - line.width) / gaps if gaps else 0.0
        added = 0.0
        for i, (dx, piece) in enumerate(line.pieces):
            if i in joins:
                added += extra
            start = x + dx + added
            pen.run(start, baseline, piece.font, self.size, piece.text, extra)
            added += extra * piece.text.count(" ")
            if piece.underline:
                self._underline(pen.canv, start, x + ends[i] + added, baseline, self.size)

    @staticmethod
    def _underline(canv: Canvas, start: float, end: float, baseline: float, size: float) -> None:
        """A rule below the descenders (g, p, y, ạ, ậ), not through them, as Decree 30's motto wants."""
        below = 0.3 * size
        canv.setLineWidth(0.5)
        canv.line(start, baseline - below, end, baseline - below)

    def draw(self, canv: Canvas, x: float, top: float) -> None:
        if self.lines:
            self._draw(
                canv, [(line, top - i * self.leading - self.size * 0.95) for i, line in enumerate(self.lines)], x
            )


def block(
    markup: str,
    width: float,
    size: float,
    *,
    align: str = "left",
    bold: bool = False,
    italic: bool = False,
    color: Any = None,
) -> Block:
    return Block(wrap(markup, width, size, bold=bold, italic=italic), size, width, align, color)


def fitted(
    markup: str, width: float, size: float, *, minimum: float, align: str = "center", bold: bool = True
) -> Block:
    """A title on one line if it fits at ``minimum`` size or larger, else wrapped at ``minimum``."""
    text = "".join(p.text for line in parse(markup, bold=bold) for p in line)
    font = _font(bold)
    natural = pdfmetrics.stringWidth(text, font, size)
    if natural > width:
        size = max(minimum, size * width / natural * 0.999)
    return block(markup, width, size, align=align, bold=bold)


Cell = list[Block | float]  # blocks stacked; a float is vertical space in points


def cell_height(cell: Cell) -> float:
    return sum(item if isinstance(item, float | int) else item.height for item in cell)


# pages


@dataclass
class Slot:
    """A place kept free on a laid-out page, filled differently on each copy."""

    page: int
    x: float
    top: float
    width: float


class Sheet:
    """Lays content out top to bottom; each page is captured as a form XObject to replay per copy."""

    def __init__(self, canv: Canvas, page: str, size: float, name: str) -> None:
        register_fonts()
        self.canv = canv
        self.page = page
        w, h = PAGE_SIZES[page]
        self.left, self.width = MARGIN, w - 2 * MARGIN
        self.top, self.bottom = h - MARGIN * 0.8, MARGIN
        self.size = size
        self.name = name
        self.forms: list[str] = []
        self.slots: dict[str, Slot] = {}
        self.on_new_page: Callable[[], None] | None = None
        self._begin()

    def _begin(self) -> None:
        self.forms.append(f"{self.name}-{len(self.forms) + 1}")
        self.canv.beginForm(self.forms[-1])
        self.pen = Pen(self.canv)
        self.y = self.top

    def page_break(self) -> None:
        self.pen.flush()
        self.canv.endForm()
        self._begin()
        if self.on_new_page:
            self.on_new_page()

    def finish(self) -> list[str]:
        self.pen.flush()
        self.canv.endForm()
        return self.forms

    def room(self, height: float) -> None:
        if self.y - height < self.bottom and self.y < self.top:
            self.page_break()

    def space(self, height: float) -> None:
        self.y -= height

    def text(
        self,
        markup: str,
        *,
        size: float | None = None,
        align: str = "left",
        bold: bool = False,
        italic: bool = False,
        after: float | None = None,
        color: Any = None,
    ) -> None:
        """A paragraph over the full width; it breaks across pages line by line."""
        b = block(markup, self.width, size or self.size, align=align, bold=bold, italic=italic, color=color)
        self.put(b)
        self.y -= self.size * 0.25 if after is None else after

    def put(self, b: Block) -> None:
        for line in b.lines:
            self.room(b.leading)
            b.draw_line(self.pen, line, self.left, self.y - b.size * 0.95)
            self.y -= b.leading

    def row(
        self,
        cells: Sequence[Cell],
        widths: Sequence[float],
        *,
        grid: bool = False,
        pad: float = 2.0,
        valign: str = "top",
        height: float = 0.0,
    ) -> None:
        """Cells side by side; the row moves whole to the next page if it does not fit."""
        height = max(max((cell_height(c) for c in cells), default=0.0) + 2 * pad, height)
        self.room(height)
        x = self.left
        for cell, w in zip(cells, widths, strict=True):
            top = self.y - pad
            if valign == "middle":
                top -= (height - 2 * pad - cell_height(cell)) / 2
            for item in cell:
                if isinstance(item, float | int):
                    top -= item
                else:
                    item.draw(self.pen, x + pad, top)
                    top -= item.height
            if grid:
                self.canv.setLineWidth(0.4)
                self.canv.rect(x, self.y - height, w, height)
            x += w
        self.y -= height

    def table(
        self,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        size: float | None = None,
        head_rows: int = 1,
        pad: float = 2.0,
        min_height: float = 0.0,
        aligns: Sequence[str] = (),
    ) -> None:
        """A ruled table of wrapped cells; the header rows repeat at the top of each new page. Body rows are at
        least ``min_height`` tall (room to sign in); ``aligns`` per column (figures right), else left."""
        size = size or self.size - 1
        body = [*aligns, *["left"] * (len(widths) - len(aligns))]
        measured = [
            [
                [block(text, w - 2 * pad, size, bold=i < head_rows, align="center" if i < head_rows else body[j])]
                for j, (text, w) in enumerate(zip(row, widths, strict=True))
            ]
            for i, row in enumerate(rows)
        ]
        head = measured[:head_rows]
        for r in head:
            self.row(r, widths, grid=True, pad=pad)
        for r in measured[head_rows:]:
            height = max(max(cell_height(c) for c in r) + 2 * pad, min_height)
            if self.y - height < self.bottom:
                self.page_break()
                for h in head:
                    self.row(h, widths, grid=True, pad=pad)
            self.row(r, widths, grid=True, pad=pad, height=height)

    def keep(self, name: str, height: float) -> None:
        """Reserve ``height`` points over the full width for per-copy text (see ``Slot``)."""
        self.room(height)
        self.slots[name] = Slot(len(self.forms) - 1, self.left, self.y, self.width)
        self.y -= height


def qr_operators(modules: Sequence[Sequence[bool]]) -> str:
    """PDF fill operators for the dark modules, one rectangle per horizontal run, in module units
    (row 0 at the top). Vectors print sharp at any resolution; a scaled bitmap gets blurred."""
    n = len(modules)
    ops = []
    for r, row in enumerate(modules):
        y = n - 1 - r
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                ops.append(f"{start} {y} {c - start} 1 re")
            else:
                c += 1
    ops.append("f")
    return "\n".join(ops)


def draw_qr(canv: Canvas, modules: Sequence[Sequence[bool]], x: float, y: float, side: float, quiet: int = 4) -> None:
    """The QR with its quiet zone in the square (x, y, side), y at the bottom."""
    unit = side / (len(modules) + 2 * quiet)
    canv.saveState()
    canv.translate(x + unit * quiet, y + unit * quiet)
    canv.scale(unit, unit)
    canv.addLiteral(qr_operators(modules))
    canv.restoreState()
