"""Scanned pages to attach in tests and the benchmark: A4 at 200 dpi, text-like lines on paper grey."""

from __future__ import annotations

import io
import random


def a4_page(n: int, *, fmt: str = "JPEG", colour: bool = False, dpi: int = 200) -> bytes:
    from PIL import Image, ImageDraw

    width, height = round(8.27 * dpi), round(11.69 * dpi)
    rnd = random.Random(n)
    image = Image.new("RGB" if colour else "L", (width, height), (246, 244, 238) if colour else 246)
    draw = ImageDraw.Draw(image)
    y = dpi // 2
    while y < height - dpi // 2:
        x = dpi // 2
        while x < width - dpi // 2:
            word = rnd.randint(dpi // 10, dpi // 3)
            ink = (30, 30, 90) if colour else 30
            draw.rectangle([x, y, min(x + word, width - dpi // 2), y + dpi // 14], fill=ink)
            x += word + dpi // 12
        y += dpi // 5
    if colour:
        draw.ellipse([width - 3 * dpi, height - 3 * dpi, width - dpi, height - dpi], outline=(200, 20, 20), width=8)
    out = io.BytesIO()
    image.save(out, fmt, quality=80, dpi=(dpi, dpi)) if fmt == "JPEG" else image.save(out, fmt, dpi=(dpi, dpi))
    return out.getvalue()


def three_pages() -> list[tuple[bytes, str]]:
    return [(a4_page(i), f"scan-{i}.jpg") for i in range(1, 4)]
