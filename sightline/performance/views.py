"""Performance pages. So far: the DfE comparators for the authority's benchmark identity."""

from __future__ import annotations

import csv
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from csc_measures import REGISTRY
from sightline.auditlog.services import access_record
from sightline.core.access import ensure, require, user_of
from sightline.core.permissions import (
    can_import_data,
    can_set_targets,
    can_view_aggregates,
    can_view_child_level,
    can_view_imports,
    must_suppress_small_numbers,
)
from sightline.kernel.exports import neutralise
from sightline.kernel.forms import form_add_service_errors
from sightline.organisation.models import Authority, Team

from . import children, dashboard, figures, selectors, services
from .cache import cached, figures_version
from .charts import benchmark_svg, spc_svg
from .forms import AnnexAUploadForm, RebaseForm, TargetForm
from .imports import annex_a_abandon, annex_a_accept, annex_a_upload
from .models import AnnexAImport, SpcRebase


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


def _authority_for_figures(request: HttpRequest) -> Authority:
    user = user_of(request)
    authority = user.authority
    ensure(authority is not None and can_view_aggregates(user, authority))
    assert authority is not None  # noqa: S101 - ensured above
    return authority


@require_GET
def targets(request: HttpRequest) -> HttpResponse:
    authority = _authority_for_figures(request)
    rows = selectors.target_table(authority=authority, day=timezone.localdate())
    return render(
        request,
        "performance/targets.html",
        {"rows": rows, "can_edit": can_set_targets(user_of(request))},
    )


@require_http_methods(["GET", "POST"])
def target_detail(request: HttpRequest, measure_id: str) -> HttpResponse:
    authority = _authority_for_figures(request)
    if measure_id not in REGISTRY:
        raise Http404("No such measure.")
    user = user_of(request)
    can_edit = can_set_targets(user)
    if request.method == "POST":
        ensure(can_edit)
    current = selectors.target_on(
        authority=authority, measure_id=measure_id, day=timezone.localdate()
    )
    initial = {
        "target": current.target,
        "tolerance": current.tolerance,
        "polarity": current.polarity,
    }
    form = TargetForm(request.POST or None, initial=initial) if can_edit else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.target_set(
                by=user,
                authority=authority,
                measure_id=measure_id,
                target=data["target"],
                tolerance=data["tolerance"],
                polarity=data["polarity"],
                effective_from=data["effective_from"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, f"The target for {measure_id} was saved.")
            return redirect("performance:target_detail", measure_id=measure_id)
    return render(
        request,
        "performance/target_detail.html",
        {
            "current": current,
            "history": selectors.target_history(authority=authority, measure_id=measure_id),
            "form": form,
        },
    )


@require(can_view_imports)
@require_http_methods(["GET", "POST"])
def imports(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    assert user.authority is not None  # noqa: S101 - can_view_imports implies an authority
    can_upload = can_import_data(user)
    form = AnnexAUploadForm(request.POST or None, request.FILES or None) if can_upload else None
    if request.method == "POST":
        ensure(can_upload)
        assert form is not None  # noqa: S101
        if form.is_valid():
            try:
                imp = annex_a_upload(
                    by=user,
                    authority=user.authority,
                    upload=form.cleaned_data["file"],
                    extract_date=form.cleaned_data["extract_date"],
                    period_start=form.cleaned_data["period_start"],
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                return redirect("performance:import_detail", pk=imp.pk)
    page = Paginator(
        AnnexAImport.objects.filter(authority=user.authority).select_related("uploaded_by"), 25
    ).get_page(request.GET.get("page"))
    return render(request, "performance/imports.html", {"form": form, "page": page})


@require(can_view_imports)
@require_http_methods(["GET", "POST"])
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    imp = get_object_or_404(AnnexAImport, pk=pk, authority=user.authority)
    if request.method == "POST":
        ensure(can_import_data(user))
        decision = request.POST.get("decision")
        try:
            if decision == "accept":
                annex_a_accept(by=user, annex_import=imp)
                messages.success(request, "Importing: the figures will replace this extract's.")
            elif decision == "abandon":
                annex_a_abandon(by=user, annex_import=imp)
                messages.success(request, "Abandoned: the figures are as they were.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("performance:import_detail", pk=imp.pk)
    issues = Paginator(imp.issues, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "performance/import_detail.html",
        {"imp": imp, "page": issues, "can_decide": can_import_data(user)},
    )


@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    """The monthly report in the child's journey order, for the authority, a locality or a team."""
    authority = _authority_for_figures(request)
    user = user_of(request)
    version = figures_version(authority)
    choices = cached(
        version, ("choices", authority.pk), partial(dashboard.unit_choices, authority=authority)
    )
    unit = request.GET.get("unit", "la")
    if unit not in dict(choices):
        unit = "la"
    suppress = must_suppress_small_numbers(user)

    def sections_html() -> tuple[str, str | None]:
        sections = dashboard.dashboard(authority=authority, unit=unit)
        latest = max(
            (row.latest.period for s in sections for row in s.rows if row.latest), default=None
        )
        html = render_to_string(
            "performance/dashboard_sections.html",
            {"sections": sections, "unit": unit, "suppress": suppress},
        )
        return html, latest

    html, latest = cached(version, ("dashboard", authority.pk, unit, suppress), sections_html)
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
    version = figures_version(authority)
    choices = cached(
        version, ("choices", authority.pk), partial(dashboard.unit_choices, authority=authority)
    )
    unit = request.GET.get("unit", "la")
    if unit not in dict(choices):
        unit = "la"
    row, chart_svg, bench_svg = cached(
        version,
        ("measure", authority.pk, measure_id, unit),
        partial(_measure_figures, authority=authority, measure_id=measure_id, unit=unit),
    )
    teams = (
        cached(
            version,
            ("teams", authority.pk, measure_id, row.latest.period),
            partial(
                dashboard.team_breakdown,
                authority=authority,
                measure_id=measure_id,
                period=row.latest.period,
            ),
        )
        if row.latest and unit == "la"
        else []
    )
    can_rebase = can_set_targets(user)
    periods = [p.period for p in row.series[1:]]
    rebase_form = RebaseForm(periods=periods) if can_rebase and periods else None
    drill = can_view_child_level(user, children.org_unit(authority, unit))
    team_units = {t.name: t for t in Team.objects.filter(authority=authority)}
    drill_teams = {
        t.unit for t in teams if can_view_child_level(user, team_units.get(t.unit, authority))
    }
    return render(
        request,
        "performance/measure.html",
        {
            "drill": drill,
            "benchmark_svg": bench_svg,
            "rebases": selectors.rebase_list(authority=authority, measure_id=measure_id),
            "rebase_form": rebase_form,
            "can_rebase": can_rebase,
            "drill_teams": drill_teams,
            "row": row,
            "spec": spec,
            "chart_svg": chart_svg,
            "chart_points": list(zip(row.series, row.chart.points, strict=False))
            if row.chart
            else [],
            "teams": teams,
            "choices": choices,
            "unit": unit,
            "unit_label": dict(choices)[unit],
            "suppress": must_suppress_small_numbers(user),
            "target_history": selectors.target_history(authority=authority, measure_id=measure_id),
        },
    )


@require_GET
def measure_children(request: HttpRequest, measure_id: str) -> HttpResponse:
    """The children behind a figure: only for people with child-level access to the unit;
    every view (page or CSV) is written to the access log."""
    authority = _authority_for_figures(request)
    user = user_of(request)
    if measure_id.split(":", 1)[0] not in REGISTRY:
        raise Http404("No such measure.")
    unit = request.GET.get("unit", "la")
    part = request.GET.get("part", "numerator")
    period = request.GET.get("period") or figures.latest_period(
        authority=authority, measure_id=measure_id
    )
    spec = REGISTRY[measure_id.split(":", 1)[0]]
    try:
        ensure(can_view_child_level(user, children.org_unit(authority, unit)))
        if period is None:
            return render(
                request,
                "performance/measure_children.html",
                {"empty": True, "measure_id": measure_id, "spec": spec},
            )
        found = children.children_behind(
            authority=authority, measure_id=measure_id, period=period, unit=unit, part=part
        )
    except children.DrillDownError as exc:
        return render(
            request,
            "performance/measure_children.html",
            {
                "error": str(exc),
                "measure_id": measure_id,
                "spec": REGISTRY[measure_id.split(":", maxsplit=1)[0]],
            },
            status=400,
        )
    access_record(
        user=user,
        path=request.get_full_path(),
        subject_type=found.id_kind,
        subject_ids=found.ids,
        purpose=f"{measure_id} {part} {period} {unit}",
    )
    label = dict(dashboard.unit_choices(authority=authority)).get(unit, unit.removeprefix("team:"))
    if request.GET.get("format") == "csv":
        return _children_csv(found, label)
    return render(
        request,
        "performance/measure_children.html",
        {
            "found": found,
            "spec": spec,
            "measure_id": measure_id,
            "unit_label": label,
            "other_part": "denominator" if part == "numerator" else "numerator",
            "csv_query": _query(request, format="csv"),
        },
    )


def _query(request: HttpRequest, **extra: str) -> str:
    query = request.GET.copy()
    for key, value in extra.items():
        query[key] = value
    return query.urlencode()


def _children_csv(found: children.ChildrenBehind, unit_label: str) -> HttpResponse:
    """One row per list row behind the figure (or per ID when the lists were not kept), every
    cell neutralised against spreadsheet formulas."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{found.measure_id.replace(':', '-')}-{found.period}-{found.part}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    header = ["Measure", "Month", "Unit", "Part", "List"]
    columns: list[str] = []
    for rows in found.lists:
        columns += [c for c in rows.columns if c not in columns]
    writer.writerow([*header, *(columns or ["Child Unique ID"])])
    prefix = [found.measure_id, found.period, unit_label, found.part]
    if found.lists:
        for rows in found.lists:
            for row in rows.rows:
                cells = dict(zip(rows.columns, row, strict=True))
                writer.writerow(
                    [
                        neutralise(v)
                        for v in [*prefix, rows.title, *(cells.get(c, "") for c in columns)]
                    ]
                )
    else:
        for child in found.ids:
            writer.writerow([neutralise(v) for v in [*prefix, "", child]])
    return response


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
