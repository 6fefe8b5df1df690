"""The positive share of feedback by quarter as a server-rendered SVG (no JavaScript).

Like every chart here it is hidden from assistive technology: the table beside it holds the
same figures and is the text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .selectors import Share

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 36


def positive_share_svg(shares: Sequence[Share]) -> SafeString:
    """Each quarter's positive share as a point with its 95% interval as a bar, on a 0-100%
    scale. Quarters whose share is withheld (small numbers) or has no comments are left out;
    with fewer than two quarters to show there is no chart (the sentence and table say it)."""
    shown = [
        (i, s)
        for i, s in enumerate(shares)
        if s.percent is not None and s.low is not None and s.high is not None
    ]
    if len(shown) < 2:
        return SafeString("")
    slots = len(shares)

    def x(index: int) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (index + 0.5) / slots, 1)

    def y(percent: float) -> float:
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (100 - percent) / 100, 1)

    grid = format_html_join(
        "",
        '<line class="sl-spc__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
        '<text class="sl-spc__axis" x="{}" y="{}" text-anchor="end">{}%</text>',
        [(LEFT, WIDTH - RIGHT, y(t), y(t), LEFT - 6, y(t) + 4, t) for t in (0, 25, 50, 75, 100)],
    )
    labels = format_html_join(
        "",
        '<text class="sl-spc__axis" x="{}" y="{}" text-anchor="middle">{}</text>',
        [(x(i), HEIGHT - BOTTOM + 18, s.label) for i, s in enumerate(shares)],
    )
    points = format_html_join(
        "",
        '<line class="sl-spc__limit sl-voice__interval" x1="{0}" x2="{0}" y1="{1}" y2="{2}"/>'
        '<circle class="sl-spc__point" cx="{0}" cy="{3}" r="4"/>',
        [
            (x(i), y(s.low), y(s.high), y(s.percent))  # type: ignore[arg-type]
            for i, s in shown
        ],
    )
    line = format_html(
        '<polyline class="sl-spc__values" points="{}"/>',
        " ".join(f"{x(i)},{y(s.percent)}" for i, s in shown),  # type: ignore[arg-type]
    )
    return format_html(
        '<svg class="sl-spc" data-testid="share-chart" viewBox="0 0 {} {}" width="100%" '
        'aria-hidden="true" focusable="false" preserveAspectRatio="xMidYMid meet">{}</svg>',
        WIDTH,
        HEIGHT,
        SafeString("".join([grid, labels, line, points])),
    )
