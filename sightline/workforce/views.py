"""Workforce pages: measures, team stability, academy, and (HR) staff, vacancies, posts and
the HR spreadsheet import. Thin: permissions from core.permissions, reads from selectors,
writes through services."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.accounts.models import User
from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.permissions import (
    can_import_hr,
    can_set_targets,
    can_view_hr_details,
    can_view_workforce,
    must_suppress_workforce_numbers,
)
from sightline.kernel.forms import form_add_service_errors
from sightline.performance.charts import spc_svg

from . import imports, selectors, services
from .forms import (
    CompletionForm,
    HRUploadForm,
    MappingForm,
    PostForm,
    ProgrammeForm,
    StaffForm,
    VacancyForm,
    WorkforceTargetForm,
)
from .models import HRImport, Post, TrainingProgramme, Vacancy


def _hr(user: User) -> bool:
    return can_view_hr_details(user)


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    user = user_of(request)
    return {"can_hr": _hr(user), "can_import": can_import_hr(user), **extra}


@require_GET
@require(can_view_workforce)
def overview(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    key = request.GET.get("unit") or selectors.unit_default(user_of(request))
    unit = selectors.unit_resolve(authority=authority, key=key)
    if unit is None:
        raise Http404("No such team or locality.")
    today = timezone.localdate()
    days = selectors.month_ends(day=today)
    series = selectors.figures_series(
        unit=unit,
        days=days,
        spells=selectors.spells_for(authority=authority),
        vacancies=selectors.vacancies_for(authority=authority),
    )
    user = user_of(request)
    lines = selectors.measure_lines(user=user, authority=authority, unit=unit, series=series)
    return render(
        request,
        "workforce/overview.html",
        _context(
            request,
            unit=unit,
            units=selectors.unit_choices(authority=authority),
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
                hide=must_suppress_workforce_numbers(user),
            ),
            suppressed=must_suppress_workforce_numbers(user),
            has_data=any(f.headcount for f in series),
        ),
    )


@require_GET
@require(can_view_workforce)
def measure(request: HttpRequest, key: str) -> HttpResponse:
    """One measure for one unit: the SPC chart with its data table, target and comparators."""
    if key not in selectors.MEASURE_KEYS:
        raise Http404("No such workforce measure.")
    authority = authority_of(request)
    unit = selectors.unit_resolve(authority=authority, key=request.GET.get("unit", "la"))
    if unit is None:
        raise Http404("No such team or locality.")
    days = selectors.month_ends(day=timezone.localdate())
    series = selectors.figures_series(
        unit=unit,
        days=days,
        spells=selectors.spells_for(authority=authority),
        vacancies=selectors.vacancies_for(authority=authority),
    )
    user = user_of(request)
    lines = selectors.measure_lines(user=user, authority=authority, unit=unit, series=series)
    line = next(item for item in lines if item.key == key)
    return render(
        request,
        "workforce/measure.html",
        _context(
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
            suppressed=must_suppress_workforce_numbers(user),
        ),
    )


@require_http_methods(["GET", "POST"])
@require(can_view_workforce)
def targets(request: HttpRequest) -> HttpResponse:
    """Targets in force for the rates, their history, and (for the analyst) a new target."""
    authority = authority_of(request)
    user = user_of(request)
    can_edit = can_set_targets(user)
    form = WorkforceTargetForm(initial={"effective_from": timezone.localdate()})
    if request.method == "POST":
        ensure(can_edit)
        form = WorkforceTargetForm(request.POST)
        if form.is_valid():
            try:
                services.workforce_target_set(by=user, authority=authority, **form.cleaned_data)
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, "Target saved.")
                return redirect("workforce:targets")
    today = timezone.localdate()
    return render(
        request,
        "workforce/targets.html",
        _context(
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
        _context(
            request,
            rows=rows,
            day=day,
            suppressed=must_suppress_workforce_numbers(user_of(request)),
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
        _context(
            request,
            summary=summary,
            cohort=selectors.asye_cohort(user=user) if _hr(user) else None,
            suppressed=must_suppress_workforce_numbers(user),
        ),
    )


# --- HR details ----------------------------------------------------------------------------


@require_GET
@require(_hr)
def staff_list(request: HttpRequest) -> HttpResponse:
    staff = selectors.staff_visible(user_of(request))
    if request.GET.get("show") != "all":
        staff = staff.filter(leave_date__isnull=True)
    return render(
        request,
        "workforce/staff_list.html",
        _context(request, staff=staff, show_all=request.GET.get("show") == "all"),
    )


def _edit(
    request: HttpRequest,
    *,
    form_class: type[StaffForm | VacancyForm | PostForm],
    instance: Any,
    save: Any,
    template_title: str,
    back: str,
) -> HttpResponse:
    user = user_of(request)
    teams_qs = selectors.teams_editable(user)
    if request.method == "POST":
        form = form_class(request.POST, instance=instance, teams=teams_qs)
        if form.is_valid():
            try:
                save(form)
            except ValidationError as exc:
                form_add_service_errors(cast("Form", form), exc)
            else:
                messages.success(request, "Saved.")
                return redirect(back)
    else:
        form = form_class(instance=instance, teams=teams_qs)
    return render(
        request,
        "workforce/edit.html",
        _context(request, form=form, title=template_title, back=back, instance=instance),
    )


@require_http_methods(["GET", "POST"])
@require(_hr)
def staff_create(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)

    def save(form: StaffForm) -> None:
        services.staff_create(
            by=user_of(request),
            authority=authority,
            team=form.cleaned_data["team"],
            **form.service_values(),
        )

    return _edit(
        request,
        form_class=StaffForm,
        instance=None,
        save=save,
        template_title="Add a worker",
        back="workforce:staff_list",
    )


@require_http_methods(["GET", "POST"])
@require(_hr)
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    staff = get_object_or_404(selectors.staff_visible(user_of(request)), pk=pk)

    def save(form: StaffForm) -> None:
        ensure(can_view_hr_details(user_of(request), form.cleaned_data["team"]))
        services.staff_update(
            by=user_of(request),
            staff=staff,
            team=form.cleaned_data["team"],
            moved_on=form.cleaned_data.get("moved_on"),
            version=form.cleaned_data.get("version") or None,
            **form.service_values(),
        )

    return _edit(
        request,
        form_class=StaffForm,
        instance=staff,
        save=save,
        template_title=f"Change {staff.name}",
        back="workforce:staff_list",
    )


@require_GET
@require(_hr)
def vacancy_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.vacancies_visible(user_of(request))
    if request.GET.get("show") != "all":
        rows = rows.filter(filled_on__isnull=True)
    return render(
        request,
        "workforce/vacancy_list.html",
        _context(request, vacancies=rows, show_all=request.GET.get("show") == "all"),
    )


@require_http_methods(["GET", "POST"])
@require(_hr)
def vacancy_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Open a vacancy (no ``pk``) or change one."""
    authority = authority_of(request)
    vacancy: Vacancy | None = None
    if pk is not None:
        vacancy = get_object_or_404(selectors.vacancies_visible(user_of(request)), pk=pk)

    def save(form: VacancyForm) -> None:
        services.vacancy_save(
            by=user_of(request),
            authority=authority,
            team=form.cleaned_data["team"],
            vacancy=vacancy,
            version=form.cleaned_data.get("version") or None,
            **form.service_values(),
        )

    return _edit(
        request,
        form_class=VacancyForm,
        instance=vacancy,
        save=save,
        template_title="Open a vacancy" if vacancy is None else "Change a vacancy",
        back="workforce:vacancy_list",
    )


@require_GET
@require(_hr)
def post_list(request: HttpRequest) -> HttpResponse:
    posts = selectors.posts_visible(user_of(request))
    return render(request, "workforce/post_list.html", _context(request, posts=posts))


@require_http_methods(["GET", "POST"])
@require(_hr)
def post_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a post to the establishment (no ``pk``) or change one."""
    authority = authority_of(request)
    post: Post | None = None
    if pk is not None:
        post = get_object_or_404(selectors.posts_visible(user_of(request)), pk=pk)

    def save(form: PostForm) -> None:
        services.post_save(
            by=user_of(request),
            authority=authority,
            team=form.cleaned_data["team"],
            post=post,
            version=form.cleaned_data.get("version") or None,
            **form.service_values(),
        )

    return _edit(
        request,
        form_class=PostForm,
        instance=post,
        save=save,
        template_title="Add a post to the establishment" if post is None else "Change a post",
        back="workforce:post_list",
    )


@require_http_methods(["GET", "POST"])
@require(_hr)
def academy_record(request: HttpRequest) -> HttpResponse:
    """Add a training programme, or record that a worker completed one."""
    authority = authority_of(request)
    user = user_of(request)
    programmes = TrainingProgramme.objects.filter(authority=authority)
    staff = selectors.staff_visible(user).filter(leave_date__isnull=True)
    programme_form = ProgrammeForm(prefix="p")
    completion_form = CompletionForm(prefix="c", programmes=programmes, staff=staff)
    if request.method == "POST":
        try:
            if "p-name" in request.POST:
                programme_form = ProgrammeForm(request.POST, prefix="p")
                if programme_form.is_valid():
                    services.programme_create(
                        by=user, authority=authority, **programme_form.cleaned_data
                    )
                    messages.success(request, "Programme added.")
                    return redirect("workforce:academy")
            else:
                completion_form = CompletionForm(
                    request.POST, prefix="c", programmes=programmes, staff=staff
                )
                if completion_form.is_valid():
                    services.completion_record(by=user, **completion_form.cleaned_data)
                    messages.success(request, "Completion recorded.")
                    return redirect("workforce:academy")
        except ValidationError as exc:
            target = programme_form if "p-name" in request.POST else completion_form
            form_add_service_errors(cast("Form", target), exc)
    return render(
        request,
        "workforce/academy_record.html",
        _context(request, programme_form=programme_form, completion_form=completion_form),
    )


# --- HR spreadsheet import ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require(can_import_hr)
def import_upload(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    form = HRUploadForm()
    if request.method == "POST":
        form = HRUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                imp = imports.hr_upload(
                    by=user_of(request), authority=authority, upload=form.cleaned_data["file"]
                )
            except ValidationError as exc:
                form_add_service_errors(cast("Form", form), exc)
            else:
                return redirect("workforce:import_detail", pk=imp.pk)
    return render(
        request,
        "workforce/import_upload.html",
        _context(
            request,
            form=form,
            past=HRImport.objects.filter(authority=authority)[:20],
            fields=imports.FIELDS,
        ),
    )


@require_http_methods(["GET", "POST"])
@require(can_import_hr)
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    authority = authority_of(request)
    imp = get_object_or_404(HRImport, pk=pk, authority=authority)
    form = MappingForm(headers=imp.headers, initial_map=imp.mapping)
    if request.method == "POST":
        ensure(imp.status != HRImport.Status.IMPORTED)
        form = MappingForm(request.POST, headers=imp.headers, initial_map=imp.mapping)
        if form.is_valid():
            try:
                imp = imports.hr_apply(by=user_of(request), hr_import=imp, mapping=form.mapping())
            except ValidationError as exc:
                form_add_service_errors(cast("Form", form), exc)
            else:
                if imp.status == HRImport.Status.IMPORTED:
                    messages.success(
                        request, f"Imported: {imp.created} added, {imp.updated} updated."
                    )
                return redirect("workforce:import_detail", pk=imp.pk)
    return render(request, "workforce/import_detail.html", _context(request, imp=imp, form=form))
