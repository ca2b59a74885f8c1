"""Scans as the clerk would keep them: one PDF per document, pages at a readable 200 dpi.

Images (JPEG, PNG, TIFF, BMP) become the pages of one PDF: a page larger than A4 at 200 dpi is scaled
down to it, a page without colour is kept grey, and each page is a JPEG inside the PDF (a JPEG that is
already right is embedded as it is, without decoding it again). A PDF is kept as it came. The result
must stay under the size cap, with a sentence that says what to do when it does not.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.errors import ValidationError

DPI = 200
A4_PX = (1654, 2339)  # 210 × 297 mm at 200 dpi
JPEG_QUALITY = 80
DEFAULT_MAX_MB = 10
PDF_MAGIC = b"%PDF-"
MEDIA_PDF = "application/pdf"
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


class NotAScan(ValidationError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"Tệp «{name}» không phải PDF hay ảnh (JPEG, PNG) đọc được.",
            f"The file '{name}' is not a readable PDF or image (JPEG, PNG).",
            field="file",
        )


class TooLarge(ValidationError):
    def __init__(self, size: int, limit_mb: int) -> None:
        mb = size / 1_000_000
        super().__init__(
            f"Tệp của giấy tờ này nặng {mb:.1f} MB, quá mức {limit_mb} MB cho một giấy tờ; "
            "hãy quét lại ở 200 dpi, thang xám, hoặc bớt trang.",
            f"This document's file is {mb:.1f} MB, over the {limit_mb} MB allowed for one document; "
            "scan it again at 200 dpi in greyscale, or with fewer pages.",
            field="file",
        )


class MixedInput(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            "Một giấy tờ chỉ nhận một tệp PDF, hoặc một hay nhiều ảnh.",
            "A document takes one PDF, or one or more images.",
            field="file",
        )


@dataclass(frozen=True)
class Scan:
    """What is kept for one document: a PDF and its page count."""

    data: bytes
    pages: int
    media_type: str = MEDIA_PDF


def pdf_pages(data: bytes) -> int:
    """Page objects in a PDF (a count for the record and the viewer, not a parser)."""
    return max(1, len(_PAGE.findall(data)))


def _is_grey(image) -> bool:  # noqa: ANN001 - PIL.Image.Image
    """No channel differs from the others by more than a little on a small copy: a black-and-white paper."""
    small = image.convert("RGB").resize((48, 48))
    return all(max(px) - min(px) <= 24 for px in small.getdata())


def _page(raw: bytes, name: str) -> tuple[bytes, float, float]:
    """One image → (JPEG bytes, width pt, height pt) at no more than 200 dpi on an A4 sheet."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(raw))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise NotAScan(name) from None
    width, height = image.size
    limit = A4_PX if height >= width else A4_PX[::-1]
    scale = min(1.0, limit[0] / width, limit[1] / height)
    dpi = (image.info.get("dpi") or (DPI, DPI))[0] or DPI
    dpi = max(72.0, min(float(dpi), 1200.0))
    mode_ok = image.mode in ("L", "RGB")
    if image.format == "JPEG" and scale == 1.0 and mode_ok:
        jpeg = raw  # already what we keep: embedded as it is
    else:
        if scale < 1.0:
            image = image.resize((max(1, round(width * scale)), max(1, round(height * scale))), Image.LANCZOS)
            dpi = DPI if dpi * scale >= DPI * 0.95 else dpi * scale
        if image.mode not in ("L", "RGB"):
            image = image.convert("RGBA").convert("RGB") if "A" in image.getbands() or image.mode == "P" else image.convert("RGB")
        if image.mode == "RGB" and _is_grey(image):
            image = image.convert("L")
        out = io.BytesIO()
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=False)
        jpeg = out.getvalue()
        width, height = image.size
    return jpeg, width * 72.0 / dpi, height * 72.0 / dpi


def images_to_pdf(images: Sequence[tuple[bytes, str]]) -> Scan:
    """Pages in the given order, one PDF."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canv = Canvas(out, pageCompression=0, invariant=1)
    for raw, name in images:
        jpeg, w, h = _page(raw, name)
        canv.setPageSize((w, h))
        canv.drawImage(ImageReader(io.BytesIO(jpeg)), 0, 0, w, h)
        canv.showPage()
    canv.save()
    return Scan(out.getvalue(), len(images))


def prepare(files: Sequence[tuple[bytes, str]], max_mb: int = DEFAULT_MAX_MB) -> Scan:
    """What the clerk picked for one document (``(bytes, file name)`` each) → the PDF to keep."""
    if not files:
        raise NotAScan("")
    pdfs = [f for f in files if f[0].startswith(PDF_MAGIC)]
    if pdfs and len(files) > 1:
        raise MixedInput()
    if pdfs:
        data, name = pdfs[0]
        if b"%%EOF" not in data[-2048:]:
            raise NotAScan(name)  # cut short: a scanner still writing, or a damaged copy
        scan = Scan(data, pdf_pages(data))
    else:
        scan = images_to_pdf(files)
    if len(scan.data) > max_mb * 1_000_000:
        raise TooLarge(len(scan.data), max_mb)
    return scan
