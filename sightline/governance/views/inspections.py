"""Inspections, their recommendations and the intervention status."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, require, user_of
from sightline.core.permissions import can_manage_governance, can_view_governance
from sightline.governance import selectors, services
from sightline.governance.forms import (
    InspectionForm,
    InterventionForm,
    RecommendationForm,
    RecommendationProgressForm,
)
from sightline.governance.models import Framework, Inspection, Recommendation
from sightline.kernel.form_pages import form_page
from sightline.plan.models import Action

from ._common import _ctx, _form_page, _inspection, _priorities


@require(can_view_governance)
@require_GET
def inspection_list(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    return render(
        request,
        "governance/inspections.html",
        _ctx(
            request,
            inspections=selectors.inspections_for(authority=authority),
            interventions=selectors.interventions_for(authority=authority),
            frameworks=Framework.objects.prefetch_related("areas"),
        ),
    )


@require(can_view_governance)
@require_GET
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(
        selectors.inspections_for(authority=authority_of(request)), pk=pk
    )
    recommendations = inspection.recommendations.prefetch_related(
        "priorities", "actions", "progress__visit"
    )
    return render(
        request,
        "governance/inspection.html",
        _ctx(request, inspection=inspection, recommendations=recommendations),
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def inspection_create(request: HttpRequest) -> HttpResponse:
    """Record an inspection event: first choose the framework (its judgements differ)."""
    frameworks = Framework.objects.all()
    code = request.POST.get("framework") or request.GET.get("framework")
    framework = frameworks.filter(code=code).first() if code else None
    if framework is None:
        return render(
            request,
            "governance/inspection_framework.html",
            _ctx(request, frameworks=frameworks),
        )
    form = InspectionForm(request.POST or None, framework=framework)

    def save(data: dict[str, Any]) -> Inspection:
        return services.inspection_record(
            by=user_of(request),
            authority=authority_of(request),
            framework=framework,
            judgements=form.judgements(),
            **{k: v for k, v in data.items() if not k.startswith("grade_")},
        )

    return form_page(
        request,
        form,
        "governance/inspection_form.html",
        _ctx(request, framework=framework),
        save=save,
        success=lambda inspection: f"{inspection} was recorded.",
        redirect_to=lambda inspection: reverse("governance:inspection", args=[inspection.pk]),
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(request, pk)
    authority = authority_of(request)
    form = RecommendationForm(
        request.POST or None,
        priorities=_priorities(authority),
        actions=Action.objects.filter(authority=authority, priority__plan__status="active"),
        initial={"number": inspection.recommendations.count() + 1},
    )
    return _form_page(
        request,
        form,
        save=lambda data: services.recommendation_add(
            by=user_of(request), inspection=inspection, **data
        ),
        success="The recommendation was added.",
        redirect_to=reverse("governance:inspection", args=[inspection.pk]),
        heading="Add a recommendation",
        button="Add recommendation",
        back=reverse("governance:inspection", args=[inspection.pk]),
        caption=str(inspection),
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def recommendation_progress_add(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("inspection"),
        pk=pk,
        inspection__authority=authority_of(request),
    )
    form = RecommendationProgressForm(
        request.POST or None,
        visits=Inspection.objects.filter(
            authority=authority_of(request), start_date__gt=recommendation.inspection.start_date
        ),
    )
    return _form_page(
        request,
        form,
        save=lambda data: services.recommendation_progress_add(
            by=user_of(request), recommendation=recommendation, **data
        ),
        success="The recommendation's status was recorded.",
        redirect_to=reverse("governance:inspection", args=[recommendation.inspection_id]),
        heading=f"Status of recommendation {recommendation.number}",
        button="Save status",
        back=reverse("governance:inspection", args=[recommendation.inspection_id]),
        caption=recommendation.text[:200],
    )


@require(can_manage_governance)
@require_http_methods(["GET", "POST"])
def intervention_set(request: HttpRequest) -> HttpResponse:
    form = InterventionForm(request.POST or None)
    return _form_page(
        request,
        form,
        save=lambda data: services.intervention_set(
            by=user_of(request), authority=authority_of(request), **data
        ),
        success="The intervention status was recorded.",
        redirect_to="governance:inspections",
        heading="Record a change of intervention status",
        button="Save status",
        back=reverse("governance:inspections"),
    )
