"""The dashboard, a measure's page with its SPC chart, rebasing, and the DfE comparators."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from csc_measures import REGISTRY
from sightline.core.access import require, user_of
from sightline.core.permissions import (
    can_set_targets,
    can_view_child_level,
    can_view_workers,
    disclosure_policy_for,
)
from sightline.core.sections import page_sections
from sightline.kernel.forms import form_add_service_errors
from sightline.organisation.models import Authority, Team
from sightline.performance import children, dashboard, figures, overview, selectors, services
from sightline.performance.cache import cached, figures_version
from sightline.performance.charts import benchmark_svg, spc_svg
from sightline.performance.forms import RebaseForm
from sightline.performance.models import SpcRebase

from .access import _authority_for_figures


@require_GET
def benchmarks(request: HttpRequest) -> HttpResponse:
    """Published DfE figures beside which the authority's own measures will be read."""
    authority = _authority_for_figures(request)
    return render(
        request,
        "performance/benchmarks.html",
        {
            "rows": selectors.benchmark_table(authority=authority),
            "last_load": selectors.benchmark_last_load(),
            "reference": authority.benchmark_as,
        },
    )


def reader_unit(request: HttpRequest, choices: list[tuple[str, str]]) -> str:
    """The unit asked for (``?unit=``), else the reader's own: a team manager's team, a head
    of service's locality, everyone else the authority."""
    valid = dict(choices)
    asked = request.GET.get("unit")
    if asked is not None:
        return asked if asked in valid else "la"
    user = user_of(request)
    own = []
    if user.team_id is not None and user.team is not None:
        own.append(f"team:{user.team.name}")
    if user.locality_id is not None:
        own.append(f"locality:{user.locality_id}")
    return next((unit for unit in own if unit in valid), "la")


@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    """The overview first (the Making Data Count matrix and what changed since the last
    month), then the monthly report in the child's journey order, for the authority, a
    locality or a team (by default the reader's own)."""
    authority = _authority_for_figures(request)
    user = user_of(request)
    version = figures_version(authority=authority)
    choices = cached(
        version, ("choices", authority.pk), partial(dashboard.unit_choices, authority=authority)
    )
    unit = reader_unit(request, choices)
    rule = disclosure_policy_for(user)
    suppress = rule.suppress

    def sections_html() -> tuple[str, str | None]:
        every = dashboard.disclose_sections(
            dashboard.dashboard(authority=authority, unit=unit),
            rule,
            dashboard.unit_withheld(authority=authority, unit=unit, policy=rule),
        )
        rows = [row for s in every for row in s.rows]
        latest = max((row.latest.period for row in rows if row.latest), default=None)
        folded = None
        sections = every
        if unit != "la" and latest is not None:
            missing = overview.never_recorded(every)
            if missing:
                folded = overview.Folded(
                    measure_ids=tuple(missing),
                    reason=overview.fold_reason(
                        measure_ids=missing,
                        recorded_by=figures.teams_recording(authority=authority),
                    ),
                )
                sections = overview.recorded_sections(every)
        shown = [row for s in sections for row in s.rows]
        html = render_to_string(
            "performance/dashboard_sections.html",
            {
                "sections": sections,
                "matrix": overview.spc_matrix(shown),
                "changes": overview.changes_since_last_month(shown),
                "folded": folded,
                "unit": unit,
                "unit_kind": "team" if unit.startswith("team:") else "locality",
                "suppress": suppress,
            },
        )
        return html, latest

    html, latest = cached(
        version, ("dashboard", authority.pk, unit, suppress, rule.threshold), sections_html
    )
    return render(
        request,
        "performance/dashboard.html",
        {
            "sections_html": mark_safe(html),  # noqa: S308 - our own template's output
            "choices": choices,
            "unit": unit,
            "unit_label": dict(choices)[unit],
            "latest_period": latest,
            "suppress": suppress,
            "reference": authority.benchmark_as,
            "can_see_workers": can_view_workers(
                user, children.org_unit(authority=authority, unit=unit)
            ),
            "added_sections": page_sections(
                "performance.dashboard", request=request, obj=authority
            ),
        },
    )


def _measure_figures(
    *, authority: Authority, measure_id: str, unit: str
) -> tuple[dashboard.MeasureRow, str, str]:
    """A measure's row with its SPC chart and its comparators chart (cached together)."""
    row = dashboard.measure_row(authority=authority, measure_id=measure_id, unit=unit)
    chart = spc_svg(row.chart, target=row.target.target) if row.chart else ""
    bench = (
        benchmark_svg(
            row.benchmark.years,
            own_name=row.benchmark.benchmark_as,
            region_name=row.benchmark.region_name,
        )
        if row.benchmark
        else ""
    )
    return row, chart, bench


@require_GET
def measure_page(request: HttpRequest, measure_id: str) -> HttpResponse:
    """One measure: SPC chart with its data table, definition, history, teams, comparators."""
    authority = _authority_for_figures(request)
    spec = REGISTRY.get(measure_id)
    if spec is None:
        raise Http404("No such measure.")
    user = user_of(request)
    version = figures_version(authority=authority)
    choices = cached(
        version, ("choices", authority.pk), partial(dashboard.unit_choices, authority=authority)
    )
    unit = reader_unit(request, choices)
    row, chart_svg, bench_svg = cached(
        version,
        ("measure", authority.pk, measure_id, unit),
        partial(_measure_figures, authority=authority, measure_id=measure_id, unit=unit),
    )
    rule = disclosure_policy_for(user)
    shown = dashboard.disclose(
        row,
        rule,
        dashboard.unit_withheld(authority=authority, unit=unit, policy=rule, measure_id=measure_id),
    )
    if shown is not row and shown.chart is not row.chart:  # limits from the shown months only
        chart_svg = spc_svg(shown.chart, target=row.target.target) if shown.chart else ""
    row = shown
    teams = (
        cached(
            version,
            ("teams", authority.pk, measure_id, row.latest.period, rule),
            partial(
                dashboard.team_breakdown,
                authority=authority,
                measure_id=measure_id,
                period=row.latest.period,
                policy=rule,
            ),
        )
        if row.latest and unit == "la"
        else []
    )
    sources = cached(
        version,
        ("sources", authority.pk, measure_id, unit),
        partial(
            figures.extract_dates,
            authority=authority,
            measure_id=measure_id,
            units=figures.units_for(authority=authority, unit=unit),
        ),
    )
    can_rebase = can_set_targets(user)
    periods = [p.period for p in row.series[1:]]
    rebase_form = RebaseForm(periods=periods) if can_rebase and periods else None
    drill = can_view_child_level(user, children.org_unit(authority=authority, unit=unit))
    team_units = {t.name: t for t in Team.objects.filter(authority=authority)}
    drill_teams = {
        t.unit for t in teams if can_view_child_level(user, team_units.get(t.unit, authority))
    }
    suppress = rule.suppress

    def tables_html() -> str:
        """The monthly, team and comparator tables: the same for everyone with the same
        drill-down rights and suppression, so rendered once per version of the figures."""
        return render_to_string(
            "performance/measure_tables.html",
            {
                "benchmark_svg": bench_svg,
                "drill": drill,
                "drill_teams": drill_teams,
                "row": row,
                "unit": unit,
                "suppress": suppress,
                "teams": teams,
                "chart_points": [
                    (point, spc, sources.get(point.period))
                    for point, spc in zip(row.series, row.chart.points, strict=False)
                ]
                if row.chart
                else [],
            },
        )

    tables = cached(
        version,
        (
            "measure_tables",
            authority.pk,
            measure_id,
            unit,
            rule,
            drill,
            sorted(drill_teams),
        ),
        tables_html,
    )
    return render(
        request,
        "performance/measure.html",
        {
            "tables_html": mark_safe(tables),  # noqa: S308 - our own template's output
            "rebases": selectors.rebase_list(authority=authority, measure_id=measure_id),
            "rebase_form": rebase_form,
            "can_rebase": can_rebase,
            "row": row,
            "spec": spec,
            "chart_svg": chart_svg,
            "choices": choices,
            "unit": unit,
            "unit_label": dict(choices)[unit],
            "suppress": rule.suppress,
            "rules": sorted({*row.rules, *(t.withheld.reason for t in teams if t.withheld)}),
            "target_history": selectors.target_history(authority=authority, measure_id=measure_id),
        },
    )


@require(can_set_targets)
@require_POST
def rebase_add(request: HttpRequest, measure_id: str) -> HttpResponse:
    """Start a new SPC baseline from a month (the form is on the measure page)."""
    authority = _authority_for_figures(request)
    if measure_id not in REGISTRY:
        raise Http404("No such measure.")
    row = dashboard.measure_row(authority=authority, measure_id=measure_id)
    form = RebaseForm(request.POST, periods=[p.period for p in row.series[1:]])
    if form.is_valid():
        try:
            services.spc_rebase_add(
                by=user_of(request),
                authority=authority,
                measure_id=measure_id,
                period=form.cleaned_data["period"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(
                request, f"The chart starts a new baseline from {form.cleaned_data['period']}."
            )
            return redirect("performance:measure", measure_id=measure_id)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, f"Not rebased: {error}")
    return redirect("performance:measure", measure_id=measure_id)


@require(can_set_targets)
@require_POST
def rebase_remove(request: HttpRequest, measure_id: str, pk: int) -> HttpResponse:
    authority = _authority_for_figures(request)
    rebase = get_object_or_404(SpcRebase, pk=pk, authority=authority, measure_id=measure_id)
    services.spc_rebase_remove(by=user_of(request), rebase=rebase)
    messages.success(request, f"The chart no longer starts again from {rebase.period}.")
    return redirect("performance:measure", measure_id=measure_id)
