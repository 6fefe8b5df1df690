"""HR details: named staff, and the Academy's programmes and completions."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.permissions import can_view_hr_details
from sightline.kernel.forms import form_add_service_errors
from sightline.workforce import selectors, services
from sightline.workforce.forms import CompletionForm, ProgrammeForm, StaffForm
from sightline.workforce.models import TrainingProgramme

from .common import edit_page, hr, page_context


@require_GET
@require(hr)
def staff_list(request: HttpRequest) -> HttpResponse:
    staff = selectors.staff_visible(user=user_of(request))
    if request.GET.get("show") != "all":
        staff = staff.filter(leave_date__isnull=True)
    return render(
        request,
        "workforce/staff_list.html",
        page_context(request, staff=staff, show_all=request.GET.get("show") == "all"),
    )


@require_http_methods(["GET", "POST"])
@require(hr)
def staff_create(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)

    def save(form: StaffForm) -> None:
        services.staff_create(
            by=user_of(request),
            authority=authority,
            team=form.cleaned_data["team"],
            **form.service_values(),
        )

    return edit_page(
        request,
        form_class=StaffForm,
        instance=None,
        save=save,
        template_title="Add a worker",
        back="workforce:staff_list",
    )


@require_http_methods(["GET", "POST"])
@require(hr)
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    staff = get_object_or_404(selectors.staff_visible(user=user_of(request)), pk=pk)

    def save(form: StaffForm) -> None:
        ensure(can_view_hr_details(user_of(request), form.cleaned_data["team"]))
        services.staff_update(
            by=user_of(request),
            staff=staff,
            team=form.cleaned_data["team"],
            moved_on=form.cleaned_data.get("moved_on"),
            seen_version=form.cleaned_data.get("version") or None,
            **form.service_values(),
        )

    return edit_page(
        request,
        form_class=StaffForm,
        instance=staff,
        save=save,
        template_title=f"Change {staff.name}",
        back="workforce:staff_list",
    )


@require_http_methods(["GET", "POST"])
@require(hr)
def academy_record(request: HttpRequest) -> HttpResponse:
    """Add a training programme, or record that a worker completed one."""
    authority = authority_of(request)
    user = user_of(request)
    programmes = TrainingProgramme.objects.filter(authority=authority)
    staff = selectors.staff_visible(user=user).filter(leave_date__isnull=True)
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
        page_context(request, programme_form=programme_form, completion_form=completion_form),
    )
