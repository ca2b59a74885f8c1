"""The embedded fonts: DejaVu with every Vietnamese letter, subset once and cached."""

from __future__ import annotations

import copy
import math
import unicodedata
import zlib
from functools import cache
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, SUBSETN, TTFont, makeToUnicodeCMap
from reportlab.pdfgen.canvas import Canvas

from app.core import paths

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
            descriptor = pdfdoc.PDFDictionary(
                {
                    "Type": "/FontDescriptor",
                    "Ascent": face.ascent,
                    "CapHeight": face.capHeight,
                    "Descent": face.descent,
                    "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                    "FontBBox": pdfdoc.PDFArray(face.bbox),
                    "FontName": pdfdoc.PDFName(base),
                    "ItalicAngle": face.italicAngle,
                    "StemV": face.stemV,
                    "FontFile2": doc.Reference(font_file, f"fontFile:{face.filename}({base})"),
                    "MissingWidth": face.defaultWidth,
                }
            )
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
