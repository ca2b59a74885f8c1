"""Charts for the province's dashboard as inline SVG written by the hub: no script, no CDN, no font files.

Every label is escaped here; the caller passes plain text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = 'font-family="DejaVu Sans, sans-serif"'
GREEN, RED, BLUE, GREY, INK = "#2e7d32", "#c62828", "#1f5fa8", "#d5dbe2", "#1d2733"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    reach: float  # the most the same indicators could give (drawn behind the value)
    note: str = ""  # shown after the bar, e.g. "72,5 / 80"


def score_bars(bars: Sequence[Bar], *, title: str, total: float = 100.0, width: int = 620) -> str:
    """One horizontal bar per commune: its points over the reachable points, on a 0..total scale."""
    row, left, right = 22, 190, 90
    plot = width - left - right
    height = 34 + row * max(len(bars), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(title)}" {FONT} font-size="12">',
        f'<text x="0" y="14" font-weight="bold" fill="{INK}">{escape(title)}</text>',
    ]
    for i, bar in enumerate(bars):
        y = 26 + i * row
        reach = plot * max(0.0, min(bar.reach, total)) / total
        value = plot * max(0.0, min(bar.value, total)) / total
        share = bar.value / bar.reach if bar.reach else 0
        colour = GREEN if share >= 0.9 else BLUE if share >= 0.7 else RED
        parts += [
            f'<text x="{left - 6}" y="{y + 13}" text-anchor="end" fill="{INK}">{escape(bar.label[:28])}</text>',
            f'<rect x="{left}" y="{y + 2}" width="{reach:.1f}" height="14" fill="{GREY}"/>',
            f'<rect x="{left}" y="{y + 2}" width="{value:.1f}" height="14" fill="{colour}"/>',
            f'<text x="{left + reach + 4:.1f}" y="{y + 13}" fill="{INK}">{escape(bar.note)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Month:
    label: str  # "01/2026"
    received: int
    on_time: int  # early or on time
    late: int


def month_bars(months: Sequence[Month], *, title: str, legend: Sequence[str], width: int = 620) -> str:
    """Month by month: received (blue), ended early or on time (green) and late (red), side by side."""
    height, top, bottom, left = 240, 40, 36, 44
    plot_h = height - top - bottom
    plot_w = width - left - 10
    peak = max((max(m.received, m.on_time, m.late) for m in months), default=0) or 1
    slot = plot_w / max(len(months), 1)
    bar = max(2.0, min(18.0, slot / 4))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(title)}" {FONT} font-size="11">',
        f'<text x="0" y="14" font-weight="bold" font-size="12" fill="{INK}">{escape(title)}</text>',
    ]
    for i, (name, colour) in enumerate(zip(legend, (BLUE, GREEN, RED), strict=False)):
        x = left + i * 150
        parts += [
            f'<rect x="{x}" y="22" width="10" height="10" fill="{colour}"/>',
            f'<text x="{x + 14}" y="31" fill="{INK}">{escape(name)}</text>',
        ]
    base = top + plot_h
    for step in range(5):
        value = peak * step / 4
        y = base - plot_h * step / 4
        parts += [
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GREY}" stroke-width="0.6"/>',
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="{INK}">{value:,.0f}</text>',
        ]
    for i, m in enumerate(months):
        x = left + i * slot + (slot - 3 * bar) / 2
        for j, (value, colour) in enumerate(((m.received, BLUE), (m.on_time, GREEN), (m.late, RED))):
            h = plot_h * value / peak
            parts.append(
                f'<rect x="{x + j * bar:.1f}" y="{base - h:.1f}" width="{bar - 1:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{escape(m.label)}: {value}</title></rect>'
            )
        parts.append(
            f'<text x="{left + i * slot + slot / 2:.1f}" y="{base + 14}" text-anchor="middle" '
            f'fill="{INK}">{escape(m.label)}</text>'
        )
    if not months:
        parts.append(f'<text x="{left + 10}" y="{base - 10}" fill="{INK}">—</text>')
    parts.append("</svg>")
    return "".join(parts)
