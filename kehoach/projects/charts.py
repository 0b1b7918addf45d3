"""The chart of the projects page: cumulative disbursement by month for each funding source
against that source's capital plan for the year (inline SVG, no script, prints as drawn)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from kehoach.core.templatetags.kh import format_number

COLOURS = {"nsnn_tw": "#1f5fa8", "nsnn_dp": "#2e8b57", "oda": "#b8860b", "ppp": "#8b3a8b",
           "ngoai_ns": "#c0392b"}
W, H, LEFT, TOP, BOTTOM, RIGHT = 720, 300, 64, 16, 40, 150


def _y(value: Decimal, top: Decimal) -> float:
    return TOP + (H - TOP - BOTTOM) * (1 - float(value / top if top else 0))


def _x(month: int) -> float:
    return LEFT + (W - LEFT - RIGHT) * (month - 0.5) / 12


def disbursement_chart(data: dict[str, Any]) -> SafeString:
    series = data["series"]
    if not series:
        return mark_safe("")
    top = max([s["plan"] for s in series] + [max(s["cumulative"]) for s in series]) or Decimal(1)
    parts = [format_html('<svg viewBox="0 0 {} {}" role="img" aria-labelledby="chart-title">', W, H),
             format_html('<title id="chart-title">{}</title>', data["title"])]
    for i in range(5):
        value = top * i / 4
        y = _y(value, top)
        parts.append(format_html('<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#ddd"/>'
                                 '<text x="{}" y="{}" text-anchor="end">{}</text>',
                                 LEFT, W - RIGHT, y, y, LEFT - 4, y + 4, format_number(value, 0)))
    for month in range(1, 13):
        parts.append(format_html('<text x="{}" y="{}" text-anchor="middle">T{}</text>',
                                 _x(month), H - BOTTOM + 16, month))
    for index, s in enumerate(series):
        colour = COLOURS.get(s["source"], "#333")
        y = _y(s["plan"], top)
        points = " ".join(f"{_x(m + 1):.1f},{_y(v, top):.1f}" for m, v in enumerate(s["cumulative"]))
        parts.append(format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-dasharray="5 4"/>'
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>'
            '<rect x="{}" y="{}" width="12" height="4" fill="{}"/><text x="{}" y="{}">{}</text>',
            LEFT, W - RIGHT, y, y, colour, points, colour, W - RIGHT + 8, TOP + 18 * index, colour,
            W - RIGHT + 24, TOP + 18 * index + 5, s["label"]))
    parts.append(format_html('<text x="{}" y="{}">{}</text>', W - RIGHT + 8, TOP + 18 * len(series) + 10,
                             escape(data["legend"])))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))
