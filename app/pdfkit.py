"""Shared drawing for every printed form: fonts, templates, and a small layout engine.

A receipt is printed while the citizen waits, so this draws straight on a reportlab canvas instead
of going through platypus (three times slower here): text is measured with ``stringWidth`` and
wrapped at word boundaries (a word wider than its box is split), tables wrap inside their cells and
repeat their header after a page break, so nothing overflows whatever the length of a name.
Each laid-out page is a PDF form XObject, so a form printed in two copies is laid out once.
Fonts and parsed templates are loaded once per process. Every value drawn is NFC and escaped, so
a name can never be taken for markup; templates may use <b>, <i>, <u> and <br/>.
"""

from __future__ import annotations

import copy
import io
import json
import math
import re
import string
import unicodedata
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, lru_cache
from html import unescape
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont, makeToUnicodeCMap
from reportlab.pdfgen.canvas import Canvas

from app import paths
from app.calendar import VN_TZ
from app.errors import MotcuaError
from app.text import nfc

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
_FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
ITALIC_SKEW = 12  # degrees: italics are slanted regular type, one font file fewer to embed per PDF
_ITALIC_TAN = fp_str(math.tan(math.radians(ITALIC_SKEW)))

# Every Vietnamese letter and the punctuation the forms use, assigned first and in this order in every
# document, so the embedded font subset is the same each time and is built and compressed only once.
_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_LOWER = "".join(unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES) + "đ"
PRIME = "".join(dict.fromkeys(ch for ch in _LOWER + _LOWER.upper() + "–—…·«»“”‘’°№" if ord(ch) > 127))

PAGE_SIZES = {"A5": A5, "A4": A4, "A4-landscape": landscape(A4)}
MARGIN = 11 * mm
MARK_RED = colors.HexColor("#b00000")


class TemplateError(MotcuaError):
    """A form template in resources/forms is missing or names a field the program does not know."""


class _Preformatted(pdfdoc.PDFObject):
    """A PDF value formatted once and reused by later documents."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


def _flate_stream(data: bytes) -> pdfdoc.PDFStream:
    stream = pdfdoc.PDFStream(content=data)
    stream.dictionary["Filter"] = pdfdoc.PDFName("FlateDecode")  # already compressed: not again
    return stream


class CachedTTFont(TTFont):
    """A TrueType font whose per-document objects (subset font file, widths, ToUnicode map) are built and
    compressed once per distinct subset, and whose subsets start from the same primed assignment in every
    document (``PRIME``), so a receipt reuses what the previous one built. Mirrors TTFont.addObjects."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._built: dict[tuple[int, tuple[int, ...]], tuple[bytes, int, bytes, bytes]] = {}
        self._splits: dict[str, list[tuple[int, bytes]]] = {}
        self.splitString(PRIME, self)  # the primed state, kept under this object as its "document"
        self._primed = self.state.pop(self)
        self._primed_codes = frozenset(self._primed.assignments)

    def prime(self, doc: Any) -> None:
        state = copy.copy(self._primed)
        state.assignments = dict(self._primed.assignments)
        state.subsets = [list(s) for s in self._primed.subsets]
        state.primed = True
        self.state[doc] = state

    def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        """TTFont.splitString, remembered for text whose every character the primed state already assigns:
        in a primed document such text always splits the same way (assignments are only ever added)."""
        state = self.state.get(doc)
        if state is None or not getattr(state, "primed", False):
            return super().splitString(text, doc, encoding)
        found = self._splits.get(text)
        if found is None:
            found = super().splitString(text, doc, encoding)
            if self._primed_codes.issuperset(map(ord, text)):
                if len(self._splits) > 4096:
                    self._splits.clear()
                self._splits[text] = found
        return found

    def _parts(self, n: int, subset: list[int], base_name: str) -> tuple[bytes, int, bytes, bytes]:
        key = (n, tuple(subset))
        if key not in self._built:
            if len(self._built) > 64:
                self._built.clear()
            raw = self.face.makeSubset(subset)
            cmap = makeToUnicodeCMap(base_name, subset).encode("latin-1")
            widths = pdfdoc.PDFArray([self.face.getCharWidth(c) for c in subset]).format(None)
            self._built[key] = (zlib.compress(raw), len(raw), zlib.compress(cmap), widths)
        return self._built[key]

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc) or TTFont.State(self._asciiReadable)
        self.state[doc] = state
        state.frozen = 1
        face = self.face
        for n, subset in enumerate(state.subsets):
            internal = self.getSubsetInternalName(n, doc)[1:]
            base = b"".join((SUBSETN(n), b"+", face.name, face.subfontNameX)).decode("pdfdoc")
            font_data, length, cmap, widths = self._parts(n, subset, base)
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.Name = internal
            pdf_font.BaseFont = base
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = _Preformatted(widths)
            pdf_font.ToUnicode = doc.Reference(_flate_stream(cmap), "toUnicodeCMap:" + base)
            font_file = _flate_stream(font_data)
            font_file.dictionary["Length1"] = length
            descriptor = pdfdoc.PDFDictionary({
                "Type": "/FontDescriptor", "Ascent": face.ascent, "CapHeight": face.capHeight,
                "Descent": face.descent, "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(face.bbox), "FontName": pdfdoc.PDFName(base),
                "ItalicAngle": face.italicAngle, "StemV": face.stemV,
                "FontFile2": doc.Reference(font_file, f"fontFile:{face.filename}({base})"),
                "MissingWidth": face.defaultWidth,
            })
            pdf_font.FontDescriptor = doc.Reference(descriptor, "fontDescriptor:" + base)
            doc.Reference(pdf_font, internal)
            doc.idToObject["BasicFonts"].dict[internal] = pdf_font
        del self.state[doc]


@cache
def register_fonts() -> None:
    for name, filename in _FONT_FILES.items():
        pdfmetrics.registerFont(CachedTTFont(name, str(paths.resource("fonts", filename))))


def prime_fonts(canv: Canvas) -> None:
    for name in _FONT_FILES:
        pdfmetrics.getFont(name).prime(canv._doc)


@cache
def template(name: str) -> dict[str, Any]:
    """resources/forms/<name>.json, parsed once; texts NFC."""
    path = paths.resource("forms", f"{name}.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError) as exc:
        raise TemplateError(f"Không đọc được mẫu in {path.name}.", f"Cannot read the form template {path.name}.",
                            field="template") from exc
    return _nfc_tree(data)


def _nfc_tree(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc_tree(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc_tree(v) for k, v in value.items()}
    return value


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        raise TemplateError(f"Mẫu in dùng trường không có: {{{key}}}.",
                            f"A form template uses an unknown field: {{{key}}}.", field="template")


_formatter = string.Formatter()


def fields(values: Mapping[str, object]) -> Mapping[str, str]:
    """``values`` escaped (NFC) once, for a form that fills many template lines from the same values."""
    return values if isinstance(values, _Fields) else _Fields({k: esc(v) for k, v in values.items()})


def fill(text: str, values: Mapping[str, object]) -> str:
    """Template markup with {placeholders} replaced by escaped NFC values (escaped once: see ``fields``)."""
    return _formatter.vformat(text, (), fields(values))


def esc(value: object) -> str:
    return escape(nfc(str(value)))


# dates in the words the forms use

def local(moment: datetime) -> datetime:
    return moment.astimezone(VN_TZ) if moment.tzinfo else moment


def date_words(moment: datetime) -> str:
    m = local(moment)
    return fill(template("common")["date"], {"d": f"{m.day:02d}", "m": f"{m.month:02d}", "y": m.year})


def time_words(moment: datetime) -> str:
    """"09 giờ 00 phút, Thứ Năm, ngày 12 tháng 02 năm 2026" (per the common template)."""
    m = local(moment)
    common = template("common")
    return _formatter.vformat(common["time"], (), _Fields({
        "hh": f"{m.hour:02d}", "mm": f"{m.minute:02d}", "weekday": common["weekdays"][m.weekday()],
        "date": date_words(m)}))


def short_time(moment: datetime) -> str:
    return f"{local(moment):%H:%M %d/%m/%Y}"


# rich text: markup -> measured lines

@dataclass(frozen=True)
class Piece:
    text: str
    font: str
    underline: bool = False
    italic: bool = False


_TAG = re.compile(r"<(/?)([biu])>|<br\s*/?>")
_TOKEN = re.compile(r"\s+|\S+")


def _font(bold: bool) -> str:
    return FONT_BOLD if bold else FONT


def parse(markup: str, *, bold: bool = False, italic: bool = False) -> list[list[Piece]]:
    """Markup to hard lines of pieces; text between tags is unescaped here."""
    lines: list[list[Piece]] = [[]]
    state = {"b": bold, "i": italic, "u": False}
    pos = 0

    def add(text: str) -> None:
        if text:
            lines[-1].append(Piece(unescape(text), _font(state["b"]), state["u"], state["i"]))

    for m in _TAG.finditer(markup):
        add(markup[pos:m.start()])
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
                        out.append(line)
                        line, pending = Line(), 0.0
                    x = line.width + pending
                    last = line.pieces[-1][1] if line.pieces else None
                    if last and (last.font, last.underline, last.italic) == (piece.font, piece.underline,
                                                                             piece.italic):
                        # One drawString per run of the same style: the space keeps its measured width.
                        line.pieces[-1] = (line.pieces[-1][0], Piece(last.text + (" " if pending else "") + chunk,
                                                                     last.font, last.underline, last.italic))
                    else:
                        line.pieces.append((x, Piece(chunk, piece.font, piece.underline, piece.italic)))
                    line.width = x + cw
                    pending = 0.0
        out.append(line)
    return out


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

    def draw_line(self, canv: Canvas, line: Line, x: float, baseline: float) -> None:
        """The line as one text object, written directly: what ``drawString`` writes per piece (italics are
        the same skew, set in the text matrix), without a text object, font switch and state per piece."""
        shift = {"left": 0.0, "center": (self.width - line.width) / 2, "right": self.width - line.width}[self.align]
        if self.color is not None:
            canv.setFillColor(self.color)
        doc = canv._doc
        size = fp_str(self.size)
        y = fp_str(baseline)
        ops = ["BT"]
        spans: list[list[float]] = []  # [start, end] of underlined runs
        under: list[float] = []
        for dx, piece in line.pieces:
            px = x + shift + dx
            ops.append(f"1 0 {_ITALIC_TAN if piece.italic else '0'} 1 {fp_str(px)} {y} Tm")
            font = pdfmetrics.getFont(piece.font)
            for subset, chunk in font.splitString(piece.text, doc):
                ops.append(f"{font.getSubsetInternalName(subset, doc)} {size} Tf ({canv._escape(chunk)}) Tj")
            if piece.underline:
                under = [under[0] if under else px, px + pdfmetrics.stringWidth(piece.text, piece.font, self.size)]
            elif under:
                spans.append(under)
                under = []
        if under:
            spans.append(under)
        ops.append("ET")
        canv._code.append(" ".join(ops))
        for span in spans:
            self._underline(canv, span, baseline)
        if self.color is not None:
            canv.setFillColor(colors.black)

    @staticmethod
    def _underline(canv: Canvas, span: list[float], baseline: float) -> None:
        canv.setLineWidth(0.5)
        canv.line(span[0], baseline - 1.5, span[1], baseline - 1.5)

    def draw(self, canv: Canvas, x: float, top: float) -> None:
        for i, line in enumerate(self.lines):
            self.draw_line(canv, line, x, top - i * self.leading - self.size * 0.95)


def block(markup: str, width: float, size: float, *, align: str = "left", bold: bool = False,
          italic: bool = False, color: Any = None) -> Block:
    return Block(wrap(markup, width, size, bold=bold, italic=italic), size, width, align, color)


def fitted(markup: str, width: float, size: float, *, minimum: float, align: str = "center",
           bold: bool = True) -> Block:
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
        self.y = self.top

    def page_break(self) -> None:
        self.canv.endForm()
        self._begin()
        if self.on_new_page:
            self.on_new_page()

    def finish(self) -> list[str]:
        self.canv.endForm()
        return self.forms

    def room(self, height: float) -> None:
        if self.y - height < self.bottom and self.y < self.top:
            self.page_break()

    def space(self, height: float) -> None:
        self.y -= height

    def text(self, markup: str, *, size: float | None = None, align: str = "left", bold: bool = False,
             italic: bool = False, after: float | None = None, color: Any = None) -> None:
        """A paragraph over the full width; it breaks across pages line by line."""
        b = block(markup, self.width, size or self.size, align=align, bold=bold, italic=italic, color=color)
        self.put(b)
        self.y -= self.size * 0.25 if after is None else after

    def put(self, b: Block) -> None:
        for line in b.lines:
            self.room(b.leading)
            b.draw_line(self.canv, line, self.left, self.y - b.size * 0.95)
            self.y -= b.leading

    def row(self, cells: Sequence[Cell], widths: Sequence[float], *, grid: bool = False, pad: float = 2.0,
            valign: str = "top") -> None:
        """Cells side by side; the row moves whole to the next page if it does not fit."""
        height = max(cell_height(c) for c in cells) + 2 * pad
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
                    item.draw(self.canv, x + pad, top)
                    top -= item.height
            if grid:
                self.canv.setLineWidth(0.4)
                self.canv.rect(x, self.y - height, w, height)
            x += w
        self.y -= height

    def table(self, rows: Sequence[Sequence[str]], widths: Sequence[float], *, size: float | None = None,
              head_rows: int = 1, pad: float = 2.0) -> None:
        """A ruled table of wrapped cells; the header rows repeat at the top of each new page."""
        size = size or self.size - 1
        measured = [[[block(text, w - 2 * pad, size, bold=i < head_rows, align="center" if i < head_rows else "left")]
                     for text, w in zip(row, widths, strict=True)] for i, row in enumerate(rows)]
        head = measured[:head_rows]
        for r in head:
            self.row(r, widths, grid=True, pad=pad)
        for r in measured[head_rows:]:
            height = max(cell_height(c) for c in r) + 2 * pad
            if self.y - height < self.bottom:
                self.page_break()
                for h in head:
                    self.row(h, widths, grid=True, pad=pad)
            self.row(r, widths, grid=True, pad=pad)

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


def draw_qr(canv: Canvas, modules: Sequence[Sequence[bool]], x: float, y: float, side: float,
            quiet: int = 4) -> None:
    """The QR with its quiet zone in the square (x, y, side), y at the bottom."""
    unit = side / (len(modules) + 2 * quiet)
    canv.saveState()
    canv.translate(x + unit * quiet, y + unit * quiet)
    canv.scale(unit, unit)
    canv.addLiteral(qr_operators(modules))
    canv.restoreState()


# the parts every form shares

@dataclass(frozen=True)
class Letterhead:
    """Who issues the form; the same on every form of the desk."""

    agency_name: str
    place: str
    collect_place: str


def letterhead_values(head: Letterhead) -> dict[str, object]:
    return {"agency_name": head.agency_name, "agency_name_upper": head.agency_name.upper(),
            "collect_place": head.collect_place, "place": head.place}


def header(sheet: Sheet, head: Letterhead, *, number: str, dated: datetime) -> None:
    """Agency on the left, the national motto on the right, number and place/date under them."""
    common = template("common")
    values = fields(letterhead_values(head))
    small = sheet.size - 1.5
    lw, rw = sheet.width * 0.42, sheet.width * 0.58
    agency = "<br/>".join(fill(line, values) for line in common["agency_lines"])
    left: Cell = [block(agency, lw - 4, small, align="center", bold=True), block("—————", lw - 4, small,
                                                                                    align="center")]
    motto = f"{esc(common['motto'])}<br/><u>{esc(common['motto_sub'])}</u>"
    right: Cell = [block(motto, rw - 4, small, align="center", bold=True)]
    sheet.row([left, right], [lw, rw], pad=1.0)
    place_date = fill(common["place_date"], {"place": head.place, "date": date_words(dated)})
    sheet.row([[block(fill(common["number"], {"number": number}), lw - 4, sheet.size, align="center")],
               [block(place_date, rw - 4, sheet.size, align="center", italic=True)]], [lw, rw], pad=1.0)


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
        cells.append([block(fill(b["title"], values), w - 4, sheet.size, align="center", bold=True),
                      block(fill(b.get("hint", ""), values), w - 4, sheet.size - 1.5, align="center", italic=True),
                      14 * mm, block(name, w - 4, sheet.size, align="center", bold=True)])
    sheet.space(sheet.size * 0.4)
    sheet.row(cells, [w] * len(blocks))


def reprint_mark(canv: Canvas, page: str, n: int) -> None:
    """"BẢN SAO (in lại lần n)" in red across the top margin of the page."""
    w, h = PAGE_SIZES[page]
    b = block(fill(template("common")["reprint"], {"n": n}), w - 2 * MARGIN, 10, align="center", bold=True,
              color=MARK_RED)
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


def emit(canv: Canvas, out: io.BytesIO, forms: Sequence[str], page: str, label: str, *, reprint: int = 0,
         on_page: Callable[[int], None] | None = None, start: int = 1) -> None:
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


def single(page: str, name: str, label: str, title_text: str, size: float, layout: Callable[[Sheet], None],
           *, reprint: int = 0) -> bytes:
    """A one-copy form: lay it out with ``layout(sheet)`` and return the PDF."""
    canv, out = new_canvas(page, title_text)
    sheet = Sheet(canv, page, size, name)
    layout(sheet)
    emit(canv, out, sheet.finish(), page, label, reprint=reprint)
    return finish(canv, out)


def base_size(page: str) -> float:
    return 9.0 if page == "A5" else 11.0
