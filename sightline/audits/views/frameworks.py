"""Audit frameworks: the list, one framework, and revising it into a new version."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from sightline.audits import services
from sightline.audits.forms import FrameworkReviseForm
from sightline.audits.models import Framework
from sightline.core.access import authority_of, require, user_of
from sightline.core.permissions import can_run_audit_programme, can_use_audits
from sightline.kernel.forms import handle_form

from .common import form_page


@require_GET
@require(can_use_audits)
def frameworks(request: HttpRequest) -> HttpResponse:
    rows = Framework.objects.filter(authority=authority_of(request)).annotate(used=Count("audits"))
    return render(request, "audits/frameworks.html", {"frameworks": rows})


@require_GET
@require(can_use_audits)
def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_object_or_404(Framework, pk=pk, authority=authority_of(request))
    return render(
        request,
        "audits/framework_detail.html",
        {
            "framework": framework,
            "can_edit": can_run_audit_programme(user_of(request)) and framework.is_current,
        },
    )


@require_http_methods(["GET", "POST"])
@require(can_run_audit_programme)
def framework_revise(request: HttpRequest, pk: int) -> HttpResponse:
    framework = get_object_or_404(Framework, pk=pk, authority=authority_of(request))
    form = FrameworkReviseForm(request.POST or None, framework=framework)
    response = handle_form(
        request,
        form,
        save=lambda data: services.framework_revise(
            by=user_of(request),
            framework=framework,
            title=data["title"],
            definition=form.definition(),
        ),
        success=lambda revised: (
            f"Saved as version {revised.version}. Audits already done keep the version they used."
        ),
        redirect_to=lambda revised: reverse("audits:framework_detail", args=[revised.pk]),
    )
    return response or form_page(
        request,
        form,
        title=f"Edit {framework.title}",
        caption=f"Saving makes version {framework.version + 1}",
        submit="Save new version",
        back="audits:frameworks",
    )
