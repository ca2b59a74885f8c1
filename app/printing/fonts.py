"""The embedded fonts: Liberation Serif (metric-compatible with Times New Roman, as Decree 30/2020 asks),
every Vietnamese letter in all four styles, registered once through reportlab's public font API.

Each PDF embeds only the glyphs it uses (reportlab subsets TrueType fonts per document; ``asciiReadable=False``
keeps the unused ASCII block out of every subset). Building the subsets costs about 0.7 ms of CPU per receipt
for its three styles (97 regular, 94 bold and 41 italic characters on the receipt of
tests/perf/bench_receipt.py), about 1 ms with their PDF objects: far under the 20 ms a receipt that would justify
caching them across documents through reportlab's internals (a TTFont subclass did, until issue 12). The cost is
per glyph used (composite Vietnamese letters parsed in Python), not per font file: copying the whole glyph table
takes 0.01 ms, so a smaller font file cut from Liberation (to be renamed under its licence) would not pay.
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.core import paths

FONT = "LiberationSerif"
FONT_BOLD = "LiberationSerif-Bold"
FONT_ITALIC = "LiberationSerif-Italic"
FONT_BOLD_ITALIC = "LiberationSerif-BoldItalic"
FAMILY = {
    FONT: "LiberationSerif-Regular.ttf",
    FONT_BOLD: "LiberationSerif-Bold.ttf",
    FONT_ITALIC: "LiberationSerif-Italic.ttf",
    FONT_BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}


def font_name(*, bold: bool = False, italic: bool = False) -> str:
    return {(False, False): FONT, (True, False): FONT_BOLD, (False, True): FONT_ITALIC, (True, True): FONT_BOLD_ITALIC}[
        (bold, italic)
    ]


@cache
def register_fonts() -> None:
    """Register the family with reportlab (once per process); platypus maps <b>/<i> through the family."""
    for name, filename in FAMILY.items():
        pdfmetrics.registerFont(TTFont(name, str(paths.resource("fonts", filename)), asciiReadable=False))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
