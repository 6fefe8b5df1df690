"""Workforce figures for everyone who may see them: the measures, one measure with its SPC
chart, targets, team stability and the Academy."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.permissions import (
    can_set_targets,
    can_view_workforce,
    withholds_small_numbers,
)
from sightline.kernel.forms import handle_form
from sightline.organisation.units import Unit, unit_choices, unit_default, unit_resolve
from sightline.performance.charts import spc_svg
from sightline.workforce import selectors, services
from sightline.workforce.forms import WorkforceTargetForm
from sightline.workforce.measures import Figures

from .common import hr, page_context, posted


def _monthly(
    request: HttpRequest, unit_key: str
) -> tuple[Unit, list[date], list[Figures], list[selectors.MeasureLine]]:
    """The unit, the month ends shown, its figures at each and the measure lines (404 for a
    unit not in the authority)."""
    authority = authority_of(request)
    unit = unit_resolve(authority=authority, key=unit_key)
    if unit is None or (not unit.team_ids and unit.kind == "team"):
        # workforce counts the organisation's own teams, not names found only in extracts
        raise Http404("No such team or locality.")
    days = selectors.month_ends(day=timezone.localdate())
    series = selectors.figures_series(
        unit=unit,
        days=days,
        spells=selectors.spells_for(authority=authority),
        vacancies=selectors.vacancies_for(authority=authority),
    )
    lines = selectors.measure_lines(
        user=user_of(request), authority=authority, unit=unit, series=series
    )
    return unit, days, series, lines


@require_GET
@require(can_view_workforce)
def overview(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    user = user_of(request)
    unit, days, series, lines = _monthly(
        request, request.GET.get("unit") or unit_default(user=user)
    )
    return render(
        request,
        "workforce/overview.html",
        page_context(
            request,
            unit=unit,
            units=unit_choices(authority=authority),
            days=days,
            lines=lines,
            trend=[(d, [line.values[i] for line in lines]) for i, d in enumerate(days)],
            caseload=selectors.caseloads_for(authority=authority, unit=unit),
            distribution=selectors.caseload_distribution(user=user, authority=authority, unit=unit),
            many_workers=selectors.many_workers(
                user=user, authority=authority, unit=unit, day=days[-1]
            ),
            leavers=selectors.leavers_by_reason(
                authority=authority,
                unit=unit,
                day=days[-1],
                hide=withholds_small_numbers(user),
            ),
            suppressed=withholds_small_numbers(user),
            has_data=any(f.headcount for f in series),
        ),
    )


@require_GET
@require(can_view_workforce)
def measure(request: HttpRequest, key: str) -> HttpResponse:
    """One measure for one unit: the SPC chart with its data table, target and comparators."""
    if key not in selectors.MEASURE_KEYS:
        raise Http404("No such workforce measure.")
    user = user_of(request)
    unit, _days, _series, lines = _monthly(request, request.GET.get("unit", "la"))
    line = next(item for item in lines if item.key == key)
    return render(
        request,
        "workforce/measure.html",
        page_context(
            request,
            unit=unit,
            line=line,
            chart_svg=spc_svg(line.chart, target=line.target) if line.chart else "",
            rows=list(
                zip(
                    line.periods,
                    line.values,
                    line.chart.points if line.chart else [None] * len(line.values),
                    strict=True,
                )
            ),
            suppressed=withholds_small_numbers(user),
        ),
    )


@require_http_methods(["GET", "POST"])
@require(can_view_workforce)
def targets(request: HttpRequest) -> HttpResponse:
    """Targets in force for the rates, their history, and (for the analyst) a new target."""
    authority = authority_of(request)
    user = user_of(request)
    can_edit = can_set_targets(user)
    if request.method == "POST":
        ensure(can_edit)
    form = WorkforceTargetForm(posted(request), initial={"effective_from": timezone.localdate()})
    done = handle_form(
        request,
        form,
        save=lambda data: services.workforce_target_set(by=user, authority=authority, **data),
        success="Target saved.",
        redirect_to="workforce:targets",
    )
    if done is not None:
        return done
    today = timezone.localdate()
    return render(
        request,
        "workforce/targets.html",
        page_context(
            request,
            rows=[
                selectors.target_in_force(authority=authority, measure=key, day=today)
                for key in selectors.DEFAULT_TARGETS
            ],
            history=selectors.target_history(authority=authority),
            form=form if can_edit else None,
        ),
    )


@require_GET
@require(can_view_workforce)
def teams(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    day = timezone.localdate()
    rows = selectors.team_stability(user=user_of(request), authority=authority, day=day)
    return render(
        request,
        "workforce/teams.html",
        page_context(
            request,
            rows=rows,
            day=day,
            suppressed=withholds_small_numbers(user_of(request)),
        ),
    )


@require_GET
@require(can_view_workforce)
def academy(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    user = user_of(request)
    summary = selectors.academy_summary(authority=authority, day=timezone.localdate())
    return render(
        request,
        "workforce/academy.html",
        page_context(
            request,
            summary=summary,
            cohort=selectors.asye_cohort(user=user) if hr(user) else None,
            suppressed=withholds_small_numbers(user),
        ),
    )
