"""Server-rendered SVG charts (no JavaScript, nothing from another origin).

Every chart is decorative for assistive technology (``aria-hidden``): the page shows the same
figures in a table beside it, which is the text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from csc_measures.spc import Point, VariationIcon, XmrChart

from .selectors import BenchmarkYear

WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40

_POINT_CLASS = {
    VariationIcon.IMPROVEMENT_HIGH: "improving",
    VariationIcon.IMPROVEMENT_LOW: "improving",
    VariationIcon.CONCERN_HIGH: "concerning",
    VariationIcon.CONCERN_LOW: "concerning",
    VariationIcon.NEITHER_HIGH: "neutral",
    VariationIcon.NEITHER_LOW: "neutral",
}


def spc_svg(chart: XmrChart, *, target: float | None = None) -> SafeString:
    """The XmR chart: values, mean, process limits (dashed) and target (dotted)."""
    points = [p for p in chart.points if p.value is not None]
    if not points:
        return SafeString("")
    lines = [v for p in chart.points for v in (p.mean, p.upper, p.lower) if v is not None]
    candidates = [p.value for p in points if p.value is not None] + lines
    if target is not None:
        candidates.append(target)
    low, high = min(candidates), max(candidates)
    pad = (high - low) * 0.08 or 1.0
    low, high = low - pad, high + pad
    count = max(len(chart.points) - 1, 1)

    def x(index: int) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * index / count, 1)

    def y(value: float) -> float:
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (high - value) / (high - low), 1)

    def path(attr: str, chosen: Sequence[Point] = chart.points) -> str:
        coords = [(x(p.index), y(getattr(p, attr))) for p in chosen if getattr(p, attr) is not None]
        return " ".join(f"{a},{b}" for a, b in coords)

    def segment_lines(css: str, attr: str) -> SafeString:
        """One line per segment: a rebased chart's lines do not join across the break."""
        return format_html_join(
            "",
            '<polyline class="{}" points="{}"/>',
            [
                (css, path(attr, chart.points[seg.start : seg.stop]))
                for seg in chart.segments
                if path(attr, chart.points[seg.start : seg.stop])
            ],
        )

    ticks = [low + (high - low) * i / 4 for i in range(5)]
    labels_every = max(1, len(chart.points) // 8)
    parts = [
        format_html_join(
            "",
            '<line class="sl-spc__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
            '<text class="sl-spc__axis" x="{}" y="{}" text-anchor="end">{}</text>',
            [(LEFT, WIDTH - RIGHT, y(t), y(t), LEFT - 6, y(t) + 4, f"{t:,.1f}") for t in ticks],
        ),
        format_html_join(
            "",
            '<text class="sl-spc__axis" x="{}" y="{}" text-anchor="middle">{}</text>',
            [
                (x(p.index), HEIGHT - BOTTOM + 18, p.period)
                for p in chart.points
                if p.index % labels_every == 0
            ],
        ),
        segment_lines("sl-spc__mean", "mean"),
        segment_lines("sl-spc__limit", "upper"),
        segment_lines("sl-spc__limit", "lower"),
        format_html_join(
            "",
            '<line class="sl-spc__rebase" x1="{}" x2="{}" y1="{}" y2="{}"/>'
            '<text class="sl-spc__axis" x="{}" y="{}">Rebased</text>',
            [
                (
                    x(seg.start) - 0.5 * (x(1) - x(0)),
                    x(seg.start) - 0.5 * (x(1) - x(0)),
                    TOP,
                    HEIGHT - BOTTOM,
                    x(seg.start) - 0.5 * (x(1) - x(0)) + 3,
                    TOP + 10,
                )
                for seg in chart.segments[1:]
            ],
        ),
    ]
    if target is not None:
        parts.append(
            format_html(
                '<line class="sl-spc__target" x1="{}" x2="{}" y1="{}" y2="{}"/>',
                LEFT,
                WIDTH - RIGHT,
                y(target),
                y(target),
            )
        )
    parts.append(format_html('<polyline class="sl-spc__values" points="{}"/>', path("value")))
    parts.append(
        format_html_join(
            "",
            '<circle class="sl-spc__point sl-spc__point--{}" cx="{}" cy="{}" r="4"/>',
            [
                (
                    _POINT_CLASS.get(p.variation, "common") if p.variation else "common",
                    x(p.index),
                    y(p.value),
                )
                for p in points
                if p.value is not None
            ],
        )
    )
    return format_html(
        '<svg class="sl-spc" viewBox="0 0 {} {}" width="100%" role="img" aria-hidden="true" '
        'focusable="false" preserveAspectRatio="xMidYMid meet">{}</svg>',
        WIDTH,
        HEIGHT,
        SafeString("".join(parts)),
    )


#: (attribute, label, CSS modifier) of each line on the benchmark chart
BENCHMARK_LINES = (
    ("own", "Own", "own"),
    ("england", "England", "england"),
    ("region", "Region", "region"),
    ("sn_mean", "Statistical neighbours", "neighbours"),
)


def benchmark_svg(years: Sequence[BenchmarkYear], *, own_name: str, region_name: str) -> SafeString:
    """The published series by year: the authority, England, its region and its neighbours'
    mean, each a line with its own dash pattern and a label at its end (not colour alone)."""
    values: list[float] = [
        float(getattr(y, attr))
        for y in years
        for attr, _, _ in BENCHMARK_LINES
        if getattr(y, attr) is not None
    ]
    if len(years) < 2 or not values:
        return SafeString("")
    width, height, left, right, top, bottom = 720, 240, 56, 170, 16, 36
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or 1.0
    low, high = low - pad, high + pad
    count = len(years) - 1

    def x(index: int) -> float:
        return round(left + (width - left - right) * index / count, 1)

    def y(value: float) -> float:
        return round(top + (height - top - bottom) * (high - value) / (high - low), 1)

    names = {"own": own_name, "region": region_name}
    parts = [
        format_html_join(
            "",
            '<line class="sl-spc__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
            '<text class="sl-spc__axis" x="{}" y="{}" text-anchor="end">{}</text>',
            [
                (left, width - right, y(t), y(t), left - 6, y(t) + 4, f"{t:,.1f}")
                for t in (low + (high - low) * i / 4 for i in range(5))
            ],
        ),
        format_html_join(
            "",
            '<text class="sl-spc__axis" x="{}" y="{}" text-anchor="middle">{}</text>',
            [(x(i), height - bottom + 18, year.label) for i, year in enumerate(years)],
        ),
    ]
    for attr, label, css in BENCHMARK_LINES:
        coords = [
            (x(i), y(v)) for i, yr in enumerate(years) if (v := getattr(yr, attr)) is not None
        ]
        if not coords:
            continue
        parts.append(
            format_html(
                '<polyline class="sl-bench__line sl-bench__line--{}" points="{}"/>'
                '<text class="sl-spc__axis" x="{}" y="{}">{}</text>',
                css,
                " ".join(f"{a},{b}" for a, b in coords),
                coords[-1][0] + 6,
                coords[-1][1] + 4,
                names.get(attr, label),
            )
        )
    return format_html(
        '<svg class="sl-spc" viewBox="0 0 {} {}" width="100%" aria-hidden="true" '
        'focusable="false" preserveAspectRatio="xMidYMid meet">{}</svg>',
        width,
        height,
        SafeString("".join(parts)),
    )
