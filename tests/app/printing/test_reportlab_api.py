"""The printing layer stays on reportlab's public API (pyproject pins the range it was tested with).

If a reportlab release drops or renames something the layout engine uses, these fail first and say what;
and no module may reach back into reportlab's internals (``canv._doc``, ``_code``, ``_escape``, pdfdoc objects,
a TTFont subclass): measured, none is worth its cost (app/printing/fonts.py).
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

ROOT = Path(__file__).resolve().parents[3]
PRINTING = [*(ROOT / "app" / "printing").glob("*.py"), ROOT / "app" / "feedback" / "service.py"]


def test_the_public_calls_the_layout_engine_makes_exist() -> None:
    canvas = inspect.signature(Canvas)
    for name in ("pagesize", "pageCompression", "initialFontName", "initialFontSize"):
        assert name in canvas.parameters, f"Canvas() lost its {name!r} argument"
    assert "asciiReadable" in inspect.signature(TTFont).parameters, "TTFont() lost asciiReadable"
    for method in ("beginText", "drawText", "beginForm", "endForm", "doForm", "addLiteral", "setTitle", "line"):
        assert callable(getattr(Canvas, method, None)), f"Canvas.{method} is gone"
    for method in ("setTextOrigin", "setFont", "textOut", "setWordSpace"):
        assert callable(getattr(PDFTextObject, method, None)), f"PDFTextObject.{method} is gone"
    for function in ("registerFont", "registerFontFamily", "stringWidth", "getFont"):
        assert callable(getattr(pdfmetrics, function, None)), f"pdfmetrics.{function} is gone"


def test_no_printing_module_reaches_into_reportlab_internals() -> None:
    forbidden = re.compile(
        r"\bcanv\._|\._doc\b|\._code\b|_escape\(|reportlab\.pdfbase\s+import\s+.*\bpdfdoc\b|"
        r"from reportlab\.pdfbase\.pdfdoc|class \w+\(TTFont\)|rl_accel"
    )
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in PRINTING
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if forbidden.search(line)
    ]
    assert found == []
