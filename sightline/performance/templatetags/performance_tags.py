"""Template helpers for performance pages: sparklines and figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

_WIDTH, _HEIGHT, _PAD = 120, 28, 3


@register.simple_tag
def sparkline(points: Sequence[Any]) -> str:
    """A small line of the series' values as inline SVG (decorative: the table row carries the
    figures, so the SVG is hidden from assistive technology)."""
    values = [(i, p.value) for i, p in enumerate(points) if p.value is not None]
    if len(values) < 2:
        return ""
    low = min(v for _, v in values)
    high = max(v for _, v in values)
    span = (high - low) or 1.0
    last = max(len(points) - 1, 1)
    coords = [
        (
            round(_PAD + (_WIDTH - 2 * _PAD) * i / last, 1),
            round(_HEIGHT - _PAD - (_HEIGHT - 2 * _PAD) * (v - low) / span, 1),
        )
        for i, v in values
    ]
    polyline = " ".join(f"{x},{y}" for x, y in coords)
    end_x, end_y = coords[-1]
    return format_html(
        '<svg class="sl-sparkline" width="{}" height="{}" viewBox="0 0 {} {}" aria-hidden="true" '
        'focusable="false"><polyline points="{}" fill="none" stroke="currentColor" '
        'stroke-width="1.5"/>{}</svg>',
        _WIDTH,
        _HEIGHT,
        _WIDTH,
        _HEIGHT,
        polyline,
        format_html_join(
            "", '<circle cx="{}" cy="{}" r="2.5" fill="currentColor"/>', [(end_x, end_y)]
        ),
    )


@register.filter
def figure(value: float | None, unit: str) -> str:
    """A measure's value as people read it: 85.2%, 1,024, 17.3."""
    if value is None:
        return "No value"
    if unit == "%":
        return f"{value:.1f}%"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def _small(n: int | None) -> bool:
    return n is not None and 1 <= n <= 4


@register.filter
def latest_text(row: Any, suppress: bool) -> str:
    """The latest figure, with counts of 1-4 hidden from those who must not see them."""
    latest = row.latest
    if latest is None:
        return "No data yet"
    if suppress and (_small(latest.numerator) or _small(latest.denominator)):
        return "Fewer than 5 (suppressed)"
    return figure(latest.value, row.unit)
