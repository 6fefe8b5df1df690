"""SVG charts drawn from a report snapshot: the XmR (SPC) chart and the Making Data Count matrix.

Pure functions of the snapshot's plain data (no Django models, no database). Each chart is an
image with a text alternative: ``role="img"`` with a ``<title>`` (the chart's title) and a
``<desc>`` (the snapshot's ``alt_text``); the same figures are also given in a table beside it.
Special-cause points are told apart by shape as well as colour, lines by dash pattern.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from typing import TypedDict

from sightline.reports.snapshot import ChartPoint, MatrixData, MeasureChart

WIDTH, HEIGHT = 600, 400
LEFT, RIGHT, TOP, BOTTOM = 84, 34, 14, 124
FONT = 15
FONTS = "Arial, 'Liberation Sans', 'DejaVu Sans', Helvetica, sans-serif"

#: Plain words for a special-cause signal, used in the figures table and the legend.
SIGNAL_LABELS = {
    "improving": "Special cause: improving",
    "concerning": "Special cause: concerning",
    "neutral": "Special cause: neither improving nor concerning",
}

#: The same, short, for a narrow table beside the chart.
SHORT_SIGNALS = {"improving": "Improving", "concerning": "Concerning", "neutral": "Neither"}

_COLOURS = {
    "values": "#0b0c0c",
    "mean": "#505a5f",
    "limit": "#505a5f",
    "target": "#d4351c",
    "improving": "#1d70b8",
    "concerning": "#f47738",
    "neutral": "#6f72af",
    "grid": "#dddddd",
}


def nice_number(value: float, *, round_: bool) -> float:
    """Heckbert's "nice number": 1, 2, 5 or 10 times a power of ten near ``value``."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    fraction = value / 10**exponent
    if round_:
        nice = 1 if fraction < 1.5 else 2 if fraction < 3 else 5 if fraction < 7 else 10
    else:
        nice = 1 if fraction <= 1 else 2 if fraction <= 2 else 5 if fraction <= 5 else 10
    return float(nice * 10**exponent)


def nice_ticks(low: float, high: float, *, count: int = 5) -> list[float]:
    """Round tick values covering ``low``..``high`` (about ``count`` of them), e.g.
    ``nice_ticks(13.2, 31.7)`` gives ``[10, 15, 20, 25, 30, 35]``."""
    if math.isclose(low, high):
        low, high = low - 1, high + 1
    if low > high:
        low, high = high, low
    span = nice_number(high - low, round_=False)
    step = nice_number(span / max(count - 1, 1), round_=True)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    n = round((last - first) / step)
    return [round(first + i * step, 10) for i in range(n + 1)]


def tick_label(value: float, step: float) -> str:
    """A tick's label with just enough decimals for its step: "10", "2.5", "0.25"."""
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    if decimals == 0 and not float(step).is_integer():
        decimals = 1
    return f"{value:,.{decimals}f}"


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


#: The legend: each line by its dash pattern, each special-cause point by its shape.
_KEY = (
    ("values", "Monthly value"),
    ("mean", "Mean"),
    ("limit", "Process limits"),
    ("target", "Target"),
    ("improving", "Improving"),
    ("concerning", "Concerning"),
    ("neutral", "Neither"),
)
_LINE_STYLE = {
    "values": 'stroke-width="2"',
    "mean": 'stroke-width="1.5"',
    "limit": 'stroke-width="1.5" stroke-dasharray="6 4"',
    "target": 'stroke-width="2" stroke-dasharray="1 4" stroke-linecap="round"',
}


def _key(signals: set[str]) -> str:
    """The legend under the plot, wrapped onto as many rows as it needs."""
    x, y = LEFT, HEIGHT - 44
    parts = []
    for kind, label in _KEY:
        if kind in SIGNAL_LABELS and kind not in signals:
            continue
        width = 34 + round(len(label) * FONT * 0.55) + 18
        if x + width > WIDTH - RIGHT:
            x, y = LEFT, y + FONT + 10
        if kind in _LINE_STYLE:
            parts.append(
                f'<line x1="{x}" x2="{x + 26}" y1="{y}" y2="{y}" stroke="{_COLOURS[kind]}" '
                f"{_LINE_STYLE[kind]}/>"
            )
        else:
            parts.append(_marker(kind, x + 13, y))
        parts.append(f'<text x="{x + 34}" y="{y + FONT * 0.35:.0f}">{label}</text>')
        x += width
    return "".join(parts)


def _marker(signal: str, x: float, y: float) -> str:
    c = _COLOURS
    if signal == "improving":
        return f'<rect x="{x - 5}" y="{y - 5}" width="10" height="10" fill="{c["improving"]}"/>'
    if signal == "concerning":
        return (
            f'<path d="M{x} {y - 6.5} L{x + 6} {y + 5} L{x - 6} {y + 5} Z" '
            f'fill="{c["concerning"]}"/>'
        )
    if signal == "neutral":
        return (
            f'<path d="M{x} {y - 6} L{x + 6} {y} L{x} {y + 6} L{x - 6} {y} Z" '
            f'fill="{c["neutral"]}"/>'
        )
    return f'<circle cx="{x}" cy="{y}" r="3.5" fill="{c["values"]}"/>'


def xmr_svg(chart: MeasureChart, *, chart_id: str) -> str:
    """The XmR chart of one measure as an inline SVG image (``""`` when no point has a value).

    Values joined by a solid line (a withheld point breaks it), the mean solid, the process
    limits dashed, the target dotted; special-cause points as squares (improving), triangles
    (concerning) or diamonds (neither). Both axes have titles; the y ticks are round numbers."""
    points = chart["points"]
    values = [p["value"] for p in points if p["value"] is not None]
    if not values:
        return ""
    lines = [
        v for v in (chart["mean"], chart["upper"], chart["lower"], chart["target"]) if v is not None
    ]
    low, high = min(values + lines), max(values + lines)
    headroom = (high - low) * 0.04  # no point sits on the frame
    # ... and an axis of counts, rates or percentages never goes below nought
    ticks = nice_ticks(max(low - headroom, 0.0) if low >= 0 else low - headroom, high + headroom)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    low, high = ticks[0], ticks[-1]
    plot_bottom = HEIGHT - BOTTOM
    count = max(len(points) - 1, 1)

    def x(index: int) -> float:
        return round(LEFT + 10 + (WIDTH - LEFT - RIGHT - 20) * index / count, 1)

    def y(value: float) -> float:
        return round(TOP + (plot_bottom - TOP) * (high - value) / (high - low), 1)

    c = _COLOURS
    parts: list[str] = [
        f'<title id="{_attr(chart_id)}-title">{escape(chart["title"])}</title>',
        f'<desc id="{_attr(chart_id)}-desc">{escape(chart["alt_text"])}</desc>',
        f'<g font-family="{FONTS}" font-size="{FONT}" fill="#0b0c0c">',
    ]
    parts.extend(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(t)}" y2="{y(t)}" '
        f'stroke="{c["grid"]}" stroke-width="1"/>'
        f'<text x="{LEFT - 6}" y="{y(t) + 5}" text-anchor="end">{tick_label(t, step)}</text>'
        for t in ticks
    )
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{plot_bottom}" stroke="#0b0c0c"/>'
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{plot_bottom}" y2="{plot_bottom}" '
        'stroke="#0b0c0c"/>'
    )
    every = max(1, math.ceil(len(points) / 6))
    for i, p in enumerate(points):
        if i % every == 0 or (i == len(points) - 1 and (len(points) - 1) % every >= every / 2):
            parts.append(
                f'<line x1="{x(i)}" x2="{x(i)}" y1="{plot_bottom}" y2="{plot_bottom + 5}" '
                'stroke="#0b0c0c"/>'
                f'<text x="{x(i)}" y="{plot_bottom + 22}" text-anchor="middle">'
                f"{escape(p['label'])}</text>"
            )
    # axis titles
    middle_y = round((TOP + plot_bottom) / 2, 1)
    parts.append(
        f'<text x="20" y="{middle_y}" text-anchor="middle" font-weight="bold" '
        f'transform="rotate(-90 20 {middle_y})">{escape(chart["y_axis_title"])}</text>'
        f'<text x="{round((LEFT + WIDTH - RIGHT) / 2, 1)}" y="{plot_bottom + 46}" '
        'text-anchor="middle" font-weight="bold">Month</text>'
    )
    first, last = x(0), x(len(points) - 1)
    if chart["mean"] is not None:
        parts.append(
            f'<line x1="{first}" x2="{last}" y1="{y(chart["mean"])}" y2="{y(chart["mean"])}" '
            f'stroke="{c["mean"]}" stroke-width="1.5"/>'
        )
    parts.extend(
        f'<line x1="{first}" x2="{last}" y1="{y(limit)}" y2="{y(limit)}" '
        f'stroke="{c["limit"]}" stroke-width="1.5" stroke-dasharray="6 4"/>'
        for limit in (chart["upper"], chart["lower"])
        if limit is not None
    )
    if chart["target"] is not None:
        parts.append(
            f'<line x1="{first}" x2="{last}" y1="{y(chart["target"])}" '
            f'y2="{y(chart["target"])}" stroke="{c["target"]}" stroke-width="2" '
            'stroke-dasharray="1 4" stroke-linecap="round"/>'
        )
    for run in _runs(points):
        coords = " ".join(f"{x(i)},{y(v)}" for i, v in run)
        parts.append(
            f'<polyline points="{coords}" fill="none" stroke="{c["values"]}" stroke-width="2"/>'
        )
    for i, p in enumerate(points):
        if p["value"] is not None:
            parts.append(_marker(p["signal"], x(i), y(p["value"])))
    parts.append(_key({p["signal"] for p in points}))
    parts.append("</g>")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sl-report-chart" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{_attr(chart_id)}-title {_attr(chart_id)}-desc" '
        f'preserveAspectRatio="xMidYMid meet">{"".join(parts)}</svg>'
    )


def _runs(points: Sequence[ChartPoint]) -> list[list[tuple[int, float]]]:
    """Consecutive points with values (a withheld or missing point breaks the line)."""
    runs: list[list[tuple[int, float]]] = [[]]
    for i, p in enumerate(points):
        value = p["value"]
        if value is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((i, float(value)))
    return [r for r in runs if r]


class MatrixRow(TypedDict):
    variation: str
    variation_label: str
    cells: list[dict[str, object]]


VARIATION_ORDER = ("concerning", "common_cause", "neutral", "improving")
ASSURANCE_ORDER = ("consistent_fail", "hit_or_miss", "consistent_pass", "none")
VARIATION_LABELS = {
    "concerning": "Special cause: concerning",
    "common_cause": "Common cause (usual variation)",
    "neutral": "Special cause: neither improving nor concerning",
    "improving": "Special cause: improving",
}
ASSURANCE_LABELS = {
    "consistent_fail": "Consistently misses the target",
    "hit_or_miss": "Hits and misses the target",
    "consistent_pass": "Consistently meets the target",
    "none": "No target",
}
#: The cells that most need a board's attention come first and are shaded.
ATTENTION: dict[tuple[str, str], str] = {
    ("concerning", "consistent_fail"): "urgent",
    ("concerning", "hit_or_miss"): "attention",
    ("common_cause", "consistent_fail"): "attention",
    ("concerning", "consistent_pass"): "watch",
    ("concerning", "none"): "attention",
}


def matrix_rows(data: MatrixData) -> list[MatrixRow]:
    """The matrix as rows (variation) by columns (assurance), each cell with its measures and
    an attention level ("urgent", "attention", "watch" or "") for shading."""
    found: dict[tuple[str, str], list[dict[str, str]]] = {
        (c["variation"], c["assurance"]): c["measures"] for c in data["cells"]
    }
    return [
        MatrixRow(
            variation=v,
            variation_label=VARIATION_LABELS[v],
            cells=[
                {
                    "assurance": a,
                    "measures": found.get((v, a), []),
                    "attention": ATTENTION.get((v, a), ""),
                }
                for a in ASSURANCE_ORDER
            ],
        )
        for v in VARIATION_ORDER
    ]


def matrix_columns() -> list[tuple[str, str]]:
    return [(a, ASSURANCE_LABELS[a]) for a in ASSURANCE_ORDER]
