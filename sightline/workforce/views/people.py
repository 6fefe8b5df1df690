"""HR details: named staff, and the Academy's programmes and completions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.permissions import can_view_hr_details
from sightline.kernel.forms import handle_form
from sightline.workforce import selectors, services
from sightline.workforce.forms import CompletionForm, ProgrammeForm, StaffForm
from sightline.workforce.models import StaffMember, TrainingProgramme

from .common import form_page, hr, list_page, page_context, posted


@require_GET
@require(hr)
def staff_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        "workforce/staff_list.html",
        selectors.staff_visible(user=user_of(request)),
        name="staff",
        current={"leave_date__isnull": True},
    )


@require_http_methods(["GET", "POST"])
@require(hr)
def staff_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a worker (no ``pk``) or change one."""
    user = user_of(request)
    staff: StaffMember | None = None
    if pk is not None:
        staff = get_object_or_404(selectors.staff_visible(user=user), pk=pk)
    form = StaffForm(posted(request), instance=staff, teams=selectors.teams_editable(user=user))

    def save(data: dict[str, Any]) -> StaffMember:
        if staff is None:
            return services.staff_create(
                by=user, authority=authority_of(request), team=data["team"], **form.service_values()
            )
        ensure(can_view_hr_details(user, data["team"]))
        return services.staff_update(
            by=user,
            staff=staff,
            seen_version=data.get("version") or None,
            team=data["team"],
            moved_on=data.get("moved_on"),
            **form.service_values(),
        )

    return form_page(
        request,
        form=form,
        save=save,
        title="Add a worker" if staff is None else f"Change {staff.name}",
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
    adding = "p-name" in request.POST
    programme_form = ProgrammeForm(posted(request) if adding else None, prefix="p")
    completion_form = CompletionForm(
        None if adding else posted(request), prefix="c", programmes=programmes, staff=staff
    )
    done = (
        handle_form(
            request,
            programme_form,
            save=lambda data: services.programme_create(by=user, authority=authority, **data),
            success="Programme added.",
            redirect_to="workforce:academy",
        )
        if adding
        else handle_form(
            request,
            completion_form,
            save=lambda data: services.completion_record(by=user, **data),
            success="Completion recorded.",
            redirect_to="workforce:academy",
        )
    )
    return done or render(
        request,
        "workforce/academy_record.html",
        page_context(request, programme_form=programme_form, completion_form=completion_form),
    )
