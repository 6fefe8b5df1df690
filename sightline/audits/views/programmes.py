"""Monthly audit programmes: the list, setting one up, and assigning its cases."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.accounts.models import User
from sightline.audits import selectors, services
from sightline.audits.forms import AssignEvenlyForm, ProgrammeForm
from sightline.audits.models import Audit, Programme
from sightline.core.access import authority_of, require, user_of
from sightline.core.permissions import can_run_audit_programme
from sightline.kernel.forms import handle_form
from sightline.organisation.models import Authority

from .common import form_page, log_access


@require_GET
@require(can_run_audit_programme)
def programmes(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    rows = (
        Programme.objects.filter(authority=authority)
        .select_related("framework")
        .annotate(
            audits_total=Count("audits"),
            audits_done=Count("audits", filter=Q(audits__status=Audit.Status.COMPLETED)),
            unassigned=Count("audits", filter=Q(audits__auditor__isnull=True)),
        )
    )
    return render(request, "audits/programmes.html", {"programmes": rows})


@require_http_methods(["GET", "POST"])
@require(can_run_audit_programme)
def programme_create(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    form = ProgrammeForm(request.POST or None, authority=authority)

    def save(data: dict[str, Any]) -> Programme:
        if data["source"] == "measure":
            candidates = selectors.candidates_from_measure(
                authority=authority,
                measure_id=data["measure"],
                month=data["measure_month"],
                part=data["measure_part"] or "numerator",
            )
        else:
            candidates = services.candidates_parse(authority=authority, text=data["candidates"])
        return services.programme_create(
            by=user_of(request),
            authority=authority,
            month=data["month"],
            framework=data["framework"],
            cases_per_team=data["cases_per_team"],
            due_date=data["due_date"],
            candidates=candidates,
            moderation_percent=data["moderation_percent"],
        )

    response = handle_form(
        request,
        form,
        save=save,
        success="Programme set up. Now assign an auditor to each case.",
        redirect_to=lambda programme: reverse("audits:programme_detail", args=[programme.pk]),
    )
    return response or form_page(
        request,
        form,
        title="Set up a monthly audit programme",
        caption="Case-file audits",
        submit="Pick the cases",
        back="audits:programmes",
    )


def _auditor_pool(authority: Authority) -> list[User]:
    return list(
        User.objects.filter(
            authority=authority, is_active=True, role__in=services.AUDITOR_ROLES
        ).order_by("last_name", "first_name")
    )


@require_http_methods(["GET", "POST"])
@require(can_run_audit_programme)
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    authority = authority_of(request)
    programme = get_object_or_404(Programme, pk=pk, authority=authority)
    form = AssignEvenlyForm(request.POST or None, people=_auditor_pool(authority))

    def save(data: dict[str, Any]) -> int:
        chosen = list(User.objects.filter(pk__in=data["auditors"]).order_by("pk"))
        return services.programme_assign_evenly(
            by=user_of(request), programme=programme, auditors=chosen
        )

    response = handle_form(
        request,
        form,
        save=save,
        success=lambda count: f"{count} case{'s' if count != 1 else ''} assigned.",
        redirect_to=reverse("audits:programme_detail", args=[programme.pk]),
    )
    if response:
        return response
    audits = list(programme.audits.select_related("team", "auditor").order_by("team__name", "pk"))
    log_access(request, audits, "audit programme")
    return render(
        request,
        "audits/programme_detail.html",
        {
            "programme": programme,
            "audits": audits,
            "form": form,
            "unassigned": sum(1 for a in audits if a.auditor_id is None),
            "today": timezone.localdate(),
        },
    )
