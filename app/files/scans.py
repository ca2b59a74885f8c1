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


def _is_grey(image) -> bool:
    """A black-and-white paper: on a copy an eighth of the size, hardly a pixel whose channels differ.
    A red seal or a blue signature keeps the page in colour (a seal must stay red to be read as one)."""
    from PIL import ImageChops

    small = image.reduce(8) if min(image.size) >= 64 else image
    r, g, b = small.split()
    spread = ImageChops.lighter(ImageChops.difference(r, g), ImageChops.difference(g, b))
    coloured = sum(spread.histogram()[40:])
    return coloured <= small.size[0] * small.size[1] * 0.0005


def _page(raw: bytes, name: str) -> tuple[bytes, int, int, str, float, float]:
    """One image → (JPEG, width px, height px, colour space, width pt, height pt), at most 200 dpi on A4."""
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
            size = (max(1, round(width * scale)), max(1, round(height * scale)))
            image = image.resize(size, Image.Resampling.LANCZOS)
            dpi = DPI if dpi * scale >= DPI * 0.95 else dpi * scale
        if image.mode not in ("L", "RGB"):
            image = (
                image.convert("RGBA").convert("RGB")
                if "A" in image.getbands() or image.mode == "P"
                else image.convert("RGB")
            )
        if image.mode == "RGB" and _is_grey(image):
            image = image.convert("L")
        out = io.BytesIO()
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=False)
        jpeg = out.getvalue()
        width, height = image.size
    space = "DeviceGray" if image.mode == "L" else "DeviceRGB"
    return jpeg, width, height, space, width * 72.0 / dpi, height * 72.0 / dpi


def jpeg_pages_to_pdf(pages: Sequence[tuple[bytes, int, int, str, float, float]]) -> bytes:
    """A PDF of full-page JPEG images, written directly: each JPEG embedded byte for byte (DCTDecode),
    so the file is the scans plus about 400 bytes a page. ``(jpeg, width px, height px, colour space,
    width pt, height pt)`` per page."""
    out = io.BytesIO()
    offsets: list[int] = []

    def obj(body: bytes, stream: bytes | None = None) -> None:
        offsets.append(out.tell())
        out.write(f"{len(offsets)} 0 obj\n".encode() + body)
        if stream is not None:
            out.write(b"\nstream\n" + stream + b"\nendstream")
        out.write(b"\nendobj\n")

    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    n = len(pages)
    kids = " ".join(f"{3 + 3 * i} 0 R" for i in range(n))
    obj(b"<< /Type /Catalog /Pages 2 0 R >>")
    obj(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    for i, (jpeg, wpx, hpx, space, wpt, hpt) in enumerate(pages):
        content, image = 4 + 3 * i, 5 + 3 * i  # the page itself is object 3 + 3 i, written first
        draw = f"q {wpt:.2f} 0 0 {hpt:.2f} 0 0 cm /Im{i} Do Q".encode()
        obj(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {wpt:.2f} {hpt:.2f}] /Contents {content} 0 R "
            f"/Resources << /XObject << /Im{i} {image} 0 R >> >> >>".encode()
        )
        obj(f"<< /Length {len(draw)} >>".encode(), draw)
        obj(
            f"<< /Type /XObject /Subtype /Image /Width {wpx} /Height {hpx} /ColorSpace /{space} "
            f"/BitsPerComponent 8 /Filter /DCTDecode /Length {len(jpeg)} >>".encode(),
            jpeg,
        )
    xref = out.tell()
    out.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
    out.write(b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets))
    out.write(f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def images_to_pdf(images: Sequence[tuple[bytes, str]]) -> Scan:
    """Pages in the given order, one PDF. Pages are decoded and encoded on a few threads (Pillow lets
    go of the GIL while it works), so a desk's second core halves a colour scan's wait."""
    if len(images) == 1:
        return Scan(jpeg_pages_to_pdf([_page(*images[0])]), 1)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(4, len(images))) as pool:
        pages = list(pool.map(lambda item: _page(*item), images))
    return Scan(jpeg_pages_to_pdf(pages), len(images))


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
