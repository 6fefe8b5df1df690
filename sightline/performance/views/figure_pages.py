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
    can_view_imports,
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
from sightline.performance.home_panels import own_unit
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
    asked = request.GET.get("unit")
    if asked is not None:
        return asked if asked in dict(choices) else "la"
    return own_unit(user_of(request), choices)


def _unit_asked(
    request: HttpRequest, *, authority: Authority, version: str
) -> tuple[str, list[tuple[str, str]]]:
    """The unit a figures page is drawn for (``reader_unit``) and the authority's units to
    choose from."""
    choices: list[tuple[str, str]] = cached(
        version, ("choices", authority.pk), partial(dashboard.unit_choices, authority=authority)
    )
    return reader_unit(request, choices), choices


@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    """The overview first (the Making Data Count matrix and what changed since the last
    month), then the monthly report in the child's journey order, for the authority, a
    locality or a team (by default the reader's own).

    The page's body is cached whole per version of the figures, unit, disclosure policy and
    the reader's switches (workers link, imports link): a cached request renders only the
    header around it and the sections other modules add (ADR 0008)."""
    authority = _authority_for_figures(request)
    user = user_of(request)
    version = figures_version(authority=authority)
    unit, choices = _unit_asked(request, authority=authority, version=version)
    rule = disclosure_policy_for(user)
    can_see_workers = unit != "la" and can_view_workers(
        user, children.org_unit(authority=authority, unit=unit)
    )
    show_imports = can_view_imports(user)

    def body_html() -> tuple[str, str]:
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
        head = render_to_string(
            "performance/dashboard_head.html",
            {
                "choices": choices,
                "unit": unit,
                "unit_label": dict(choices)[unit],
                "latest_period": latest,
                "suppress": rule.suppress,
                "reference": authority.benchmark_as,
                "can_see_workers": can_see_workers,
                "show_imports": show_imports,
                "request": request,  # for the sub-navigation's current page only
            },
        )
        sections_html = render_to_string(
            "performance/dashboard_sections.html",
            {
                "sections": sections,
                "matrix": overview.spc_matrix(shown),
                "changes": overview.changes_since_last_month(shown),
                "folded": folded,
                "unit": unit,
                "unit_kind": "team" if unit.startswith("team:") else "locality",
                "suppress": rule.suppress,
            },
        )
        return head, sections_html

    head, sections_html = cached(
        version,
        ("dashboard_page", authority.pk, unit, rule, can_see_workers, show_imports),
        body_html,
    )
    return render(
        request,
        "performance/dashboard.html",
        {
            "head_html": mark_safe(head),  # noqa: S308 - our own template's output
            "sections_html": mark_safe(sections_html),  # noqa: S308 - our own template's output
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


def _team_units(*, authority: Authority) -> dict[str, Team]:
    return {t.name: t for t in Team.objects.filter(authority=authority)}


@require_GET
def measure_page(request: HttpRequest, measure_id: str) -> HttpResponse:
    """One measure: SPC chart with its data table, definition, history, teams, comparators.

    The body is cached whole per version of the figures, unit, disclosure policy and the
    reader's drill-down and rebasing rights; the rebasing forms (which carry the reader's
    CSRF token) are rendered per request, for those who may rebase."""
    authority = _authority_for_figures(request)
    spec = REGISTRY.get(measure_id)
    if spec is None:
        raise Http404("No such measure.")
    user = user_of(request)
    version = figures_version(authority=authority)
    unit, choices = _unit_asked(request, authority=authority, version=version)
    rule = disclosure_policy_for(user)
    can_rebase = can_set_targets(user)
    drill = can_view_child_level(user, children.org_unit(authority=authority, unit=unit))
    drill_la = can_view_child_level(user, authority)
    team_units = cached(
        version, ("team_units", authority.pk), partial(_team_units, authority=authority)
    )
    drillable = tuple(
        sorted(name for name, team in team_units.items() if can_view_child_level(user, team))
    )

    def body_html() -> tuple[str, str, str, list[str], str]:
        row, chart_svg, bench_svg = cached(
            version,
            ("measure", authority.pk, measure_id, unit),
            partial(_measure_figures, authority=authority, measure_id=measure_id, unit=unit),
        )
        shown = dashboard.disclose(
            row,
            rule,
            dashboard.unit_withheld(
                authority=authority, unit=unit, policy=rule, measure_id=measure_id
            ),
        )
        if shown is not row and shown.chart is not row.chart:  # limits from the shown months
            chart_svg = spc_svg(shown.chart, target=row.target.target) if shown.chart else ""
        row = shown
        teams = (
            dashboard.team_breakdown(
                authority=authority, measure_id=measure_id, period=row.latest.period, policy=rule
            )
            if row.latest and unit == "la"
            else []
        )
        sources = figures.extract_dates(
            authority=authority,
            measure_id=measure_id,
            units=figures.units_for(authority=authority, unit=unit),
        )
        drill_teams = {
            t.unit for t in teams if (t.unit in drillable if t.unit in team_units else drill_la)
        }
        rebases = selectors.rebase_list(authority=authority, measure_id=measure_id)
        common = {"row": row, "unit": unit, "suppress": rule.suppress}
        top = render_to_string(
            "performance/measure_top.html",
            {
                **common,
                "chart_svg": chart_svg,
                "choices": choices,
                "unit_label": dict(choices)[unit],
                "rules": sorted({*row.rules, *(t.withheld.reason for t in teams if t.withheld)}),
            },
        )
        rebase_part = (
            ""
            if can_rebase
            else render_to_string(
                "performance/measure_rebases.html", {**common, "rebases": rebases}
            )
        )
        tables = render_to_string(
            "performance/measure_tables.html",
            {
                **common,
                "benchmark_svg": bench_svg,
                "drill": drill,
                "drill_teams": drill_teams,
                "teams": teams,
                "chart_points": [
                    (point, spc, sources.get(point.period))
                    for point, spc in zip(row.series, row.chart.points, strict=False)
                ]
                if row.chart
                else [],
            },
        )
        bottom = tables + render_to_string("performance/measure_definition.html", {"spec": spec})
        periods = [p.period for p in row.series[1:]]
        return top, rebase_part, bottom, periods, f"{row.measure_id} {row.title}"

    top, rebase_part, bottom, periods, title = cached(
        version,
        (
            "measure_page",
            authority.pk,
            measure_id,
            unit,
            rule,
            can_rebase,
            drill,
            drill_la,
            drillable,
        ),
        body_html,
    )
    if can_rebase:
        rebase_part = render_to_string(
            "performance/measure_rebases.html",
            {
                "row": {"measure_id": measure_id},
                "rebases": selectors.rebase_list(authority=authority, measure_id=measure_id),
                "rebase_form": RebaseForm(periods=periods) if periods else None,
                "can_rebase": True,
            },
            request=request,
        )
    return render(
        request,
        "performance/measure.html",
        {
            "page_title": title,
            "unit": unit,
            "top_html": mark_safe(top),  # noqa: S308 - our own templates' output
            "rebase_html": mark_safe(rebase_part),  # noqa: S308
            "bottom_html": mark_safe(bottom),  # noqa: S308
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
