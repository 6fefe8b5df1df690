"""Localities compared: one measure's monthly series for every locality, on one scale.

A locality's figure is the sum of its teams' (the figure store's ``units_for``), except for the
front-door measures (``FD``), which the front door records: those are attributed to a locality
by the engine (:mod:`csc_measures.localities`), by the child's home area when the extract has
one, else by the team that took the referral on, from the newest extract that kept its lists.
The page says which rule was used (ADR 0025).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from csc_measures import REGISTRY
from csc_measures.localities import attribute_front_door
from sightline.kernel import disclosure
from sightline.kernel.storage import private_path
from sightline.organisation.models import Authority, Locality, Team
from sightline.organisation.units import locality_key

from . import figures
from .figures import Point
from .workers import newest_with_lists

RULE_TEXT = {
    "teams": (
        "Each locality's figure is the sum of its teams' figures (the team the extract names "
        "in Allocated Team)."
    ),
    "next_team": (
        "Front-door figures are recorded by the front door, so each child is counted in the "
        "locality of the team that took their referral on: the team of the first assessment, "
        "section 47 enquiry or episode of care that started on or after the referral. Children "
        "whose referral led to no further work are counted under “Not taken on”."
    ),
    "home_area": (
        "Front-door figures are recorded by the front door, so each child is counted in the "
        "locality of their home area, as the referral list records it (column “{column}”)."
    ),
}


@dataclass(frozen=True)
class Panel:
    name: str
    points: tuple[Point, ...]

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None


@dataclass(frozen=True)
class LocalityComparison:
    measure_id: str
    rule: str
    rule_text: str
    panels: tuple[Panel, ...]
    periods: tuple[str, ...]
    extract_date: object | None = None


def _value(measure_id: str, numerator: int, denominator: int | None) -> float | None:
    spec = REGISTRY.get(measure_id)
    if spec is not None and spec.kind == "ratio":
        return round(100 * numerator / denominator, 4) if denominator else None
    if denominator and spec is not None and spec.kind == "average":
        return round(numerator / denominator, 4)
    return float(numerator)


def _front_door(*, authority: Authority, measure_id: str) -> LocalityComparison | None:
    imp = newest_with_lists(authority=authority)
    if imp is None:
        return None
    children_file = imp.children_file or figures.children_file_for(imp.pk)
    localities = list(
        Locality.objects.filter(authority=authority).order_by("name").values_list("name", flat=True)
    )
    team_locality = dict(
        Team.objects.filter(authority=authority, locality__isnull=False).values_list(
            "name", "locality__name"
        )
    )
    found = attribute_front_door(
        private_path(children_file),
        figures.lists_path(children_file),
        measure_id=measure_id,
        locality_of_team=team_locality,
        localities=localities,
    )
    by_area: dict[str, list[Point]] = {}
    for row in found.figures.iter_rows(named=True):
        by_area.setdefault(row["area"], []).append(
            Point(
                row["period"],
                row["numerator"],
                row["denominator"],
                _value(measure_id, row["numerator"], row["denominator"]),
            )
        )
    names = [n for n in localities if n in by_area] + sorted(set(by_area) - set(localities))
    text = RULE_TEXT[found.rule].format(column=found.column or "")
    return LocalityComparison(
        measure_id=measure_id,
        rule=found.rule,
        rule_text=text,
        panels=tuple(Panel(name, tuple(by_area[name])) for name in names),
        periods=tuple(sorted({p.period for pts in by_area.values() for p in pts})),
        extract_date=imp.extract_date,
    )


def locality_comparison(*, authority: Authority, measure_id: str) -> LocalityComparison:
    """Every locality's series of ``measure_id`` (front-door measures attributed, above)."""
    if measure_id.startswith("FD"):
        attributed = _front_door(authority=authority, measure_id=measure_id)
        if attributed is not None:
            return attributed
    panels = []
    for locality in Locality.objects.filter(authority=authority).order_by("name"):
        found = figures.series(
            authority=authority,
            units=figures.units_for(authority=authority, unit=locality_key(locality)),
            measure_id=measure_id,
        )
        panels.append(Panel(locality.name, found.get(measure_id, ())))
    return LocalityComparison(
        measure_id=measure_id,
        rule="teams",
        rule_text=RULE_TEXT["teams"],
        panels=tuple(panels),
        periods=tuple(sorted({p.period for panel in panels for p in panel.points})),
    )


def comparison_disclosed(found: LocalityComparison, *, suppress: bool) -> LocalityComparison:
    """For readers who must not see counts of 1-4: a month where any locality's count is
    small is withheld for every locality (so no withheld count can be worked out from the
    others and the authority's total)."""
    if not suppress:
        return found
    rule = disclosure.policy(suppress=True)
    hidden = {
        p.period
        for panel in found.panels
        for p in panel.points
        if rule.hides(p.numerator, p.denominator)
    }
    return LocalityComparison(
        measure_id=found.measure_id,
        rule=found.rule,
        rule_text=found.rule_text,
        panels=tuple(
            Panel(
                panel.name,
                tuple(
                    Point(p.period, 0, None, None) if p.period in hidden else p
                    for p in panel.points
                ),
            )
            for panel in found.panels
        ),
        periods=found.periods,
        extract_date=found.extract_date,
    )


_W, _H, _L, _R, _T, _B = 300, 150, 44, 10, 12, 30


def small_multiples_svg(found: LocalityComparison, *, unit: str) -> list[tuple[str, SafeString]]:
    """One small line chart per locality, all on the same scale (the lowest and highest value
    of any locality), decorative: the table on the page gives the figures."""
    values = [p.value for panel in found.panels for p in panel.points if p.value is not None]
    if not values or not found.periods:
        return []
    low = min(0.0, *values)
    high = max(values) or 1.0
    span = (high - low) or 1.0
    periods = list(found.periods)
    last = max(len(periods) - 1, 1)

    def x(period: str) -> float:
        return round(_L + (_W - _L - _R) * periods.index(period) / last, 1)

    def y(value: float) -> float:
        return round(_T + (_H - _T - _B) * (high - value) / span, 1)

    suffix = "%" if unit == "%" else ""
    out = []
    for panel in found.panels:
        coords = [(x(p.period), y(p.value)) for p in panel.points if p.value is not None]
        line = " ".join(f"{a},{b}" for a, b in coords)
        out.append(
            (
                panel.name,
                format_html(
                    '<svg class="sl-multiple" viewBox="0 0 {w} {h}" width="100%" '
                    'preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false">'
                    '<line class="sl-spc__grid" x1="{l}" x2="{xr}" y1="{yt}" y2="{yt}"/>'
                    '<line class="sl-spc__grid" x1="{l}" x2="{xr}" y1="{yb}" y2="{yb}"/>'
                    '<text class="sl-spc__axis" x="{lx}" y="{yt4}" text-anchor="end">{hi}</text>'
                    '<text class="sl-spc__axis" x="{lx}" y="{yb4}" text-anchor="end">{lo}</text>'
                    '<text class="sl-spc__axis" x="{l}" y="{xb}" text-anchor="start">{p0}</text>'
                    '<text class="sl-spc__axis" x="{xr}" y="{xb}" text-anchor="end">{p1}</text>'
                    '<polyline class="sl-multiple__line" points="{line}" fill="none"/>{dots}'
                    "</svg>",
                    w=_W,
                    h=_H,
                    l=_L,
                    xr=_W - _R,
                    yt=y(high),
                    yb=y(low),
                    lx=_L - 4,
                    yt4=y(high) + 4,
                    yb4=y(low) + 4,
                    hi=f"{high:,.0f}{suffix}",
                    lo=f"{low:,.0f}{suffix}",
                    xb=_H - 8,
                    p0=periods[0],
                    p1=periods[-1],
                    line=line,
                    dots=format_html_join(
                        "",
                        '<circle class="sl-multiple__dot" cx="{}" cy="{}" r="3"/>',
                        coords[-1:],
                    ),
                ),
            )
        )
    return out
