"""Template helpers for performance pages: sparklines and figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join

from sightline.kernel import disclosure

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


@register.filter
def latest_text(row: Any, suppress: bool) -> str:
    """The latest figure, or the words of the rule that withheld it (``dashboard.disclose``
    decides; ``suppress`` is kept for old callers and adds the primary rule)."""
    latest = row.latest
    if latest is None:
        return "No data yet"
    withheld = getattr(row, "latest_withheld", None)
    if withheld is not None:
        return str(withheld.text)
    if disclosure.policy(suppress=suppress).hides(latest.numerator, latest.denominator):
        return disclosure.TEXT
    return figure(latest.value, row.unit)


@register.filter
def withheld_at(row: Any, period: str) -> Any:
    """Why ``row``'s figure for ``period`` is withheld (None: shown)."""
    return row.withheld_by_period.get(period)


# Making Data Count's icon conventions, drawn here: a circle coloured by meaning (blue
# improvement, red for concern — MDC's orange lacks contrast for the letter —, grey common
# cause, purple neither) with a letter for the side (H higher, L lower) or, for assurance,
# P pass / F fail / ? hit or miss. The pages print the label beside the icons, so the icons
# are hidden from assistive technology (no double reading) and colour never carries meaning
# alone; the <title> gives sighted mouse users the label on hover.
_VARIATION_STYLE = {
    "common_cause": ("#505a5f", "~"),
    "improvement_high": ("#1d70b8", "H"),
    "improvement_low": ("#1d70b8", "L"),
    "concern_high": ("#d4351c", "H"),
    "concern_low": ("#d4351c", "L"),
    "neutral_high": ("#6f4e9c", "H"),
    "neutral_low": ("#6f4e9c", "L"),
}
_ASSURANCE_STYLE = {
    "consistent_pass": ("#1d70b8", "P"),
    "consistent_fail": ("#d4351c", "F"),
    "hit_or_miss": ("#505a5f", "?"),
}


def _icon(colour: str, letter: str, label: str, kind: str) -> str:
    return format_html(
        '<svg class="sl-spc-icon sl-spc-icon--{}" width="28" height="28" viewBox="0 0 28 28" '
        'aria-hidden="true" data-label="{}" focusable="false"><title>{}</title>'
        '<circle cx="14" cy="14" r="12" fill="#fff" stroke="{}" stroke-width="3"/>'
        '<text x="14" y="19" text-anchor="middle" font-family="Arial, sans-serif" '
        'font-size="14" font-weight="700" fill="{}">{}</text></svg>',
        kind,
        label,
        label,
        colour,
        colour,
        letter,
    )


@register.simple_tag
def spc_icons(chart: Any) -> str:
    """The variation and (when there is a target) assurance icons of a chart's latest point."""
    if chart is None or chart.summary.variation is None:
        return ""
    summary = chart.summary
    colour, letter = _VARIATION_STYLE[str(summary.variation)]
    icons = [_icon(colour, letter, summary.variation_label, "variation")]
    if summary.assurance is not None and summary.assurance_label:
        colour, letter = _ASSURANCE_STYLE[str(summary.assurance)]
        icons.append(_icon(colour, letter, summary.assurance_label, "assurance"))
    return format_html(
        '<span class="sl-spc-icons">{}</span>', format_html_join("", "{}", ((i,) for i in icons))
    )
